import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Yaml, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DaemonSet, DaemonSetsApp, LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet } from '../src';
import { takeWarnings } from './setup/quiet-console';
import { ManifestValidator } from '../src/validation/engine';

/** The same app, built into a plain cdk8s App or a DaemonSetsApp. */
function build<T extends App>(app: T): T {
  const monitoring = new Chart(app, 'monitoring', { namespace: 'monitoring' });
  new NodeExporterDaemonSet(monitoring, 'node-exporter');
  const agents = new Chart(app, 'agents', { namespace: 'agents' });
  const config = new kplus.ConfigMap(agents, 'config', { data: { 'agent.yaml': 'level: info\nnote: "yes"\n' } });
  const agent = new DaemonSet(agents, 'agent', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', portNumber: 9400 }] });
  agent.containers[0].mount('/etc/agent', kplus.Volume.fromConfigMap(agents, 'config-volume', config), { readOnly: true });
  const logging = new Chart(app, 'logging', { namespace: 'logging' });
  new LogCollectorDaemonSet(logging, 'fluent-bit', { outputs: [LogOutput.stdout()] });
  return app;
}

const METADATA = 'construct-metadata.json';

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'daemon-sets-app-'));
}

/**
 * cdk8s's own synthesis of `app`, the oracle: `App`'s methods called directly, past the instance's own `synth` /
 * `synthYaml` that the library's constructs give a plain `App`.
 */
function cdk8sSynth(app: App): void {
  App.prototype.synth.call(app);
}
function cdk8sSynthYaml(app: App): string {
  return App.prototype.synthYaml.call(app);
}

/** How many times cdk8s's `Yaml.stringify` ran during `fn`. */
function stringifyCalls(fn: () => unknown): number {
  const spy = jest.spyOn(Yaml, 'stringify');
  try {
    fn();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

/** Every file below `dir` by relative path, with its text. */
function files(dir: string, prefix = ''): { [name: string]: string } {
  const out: { [name: string]: string } = {};
  for (const f of fs.readdirSync(dir).sort()) {
    const full = path.join(dir, f);
    if (fs.statSync(full).isDirectory()) Object.assign(out, files(full, `${prefix}${f}/`));
    else out[`${prefix}${f}`] = fs.readFileSync(full, 'utf-8');
  }
  return out;
}

function counting<T>(fn: () => T): { result: T; engineRuns: number; renders: number; maxDaemonSetRenders: number } {
  const validate = jest.spyOn(ManifestValidator.prototype, 'validate');
  const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
  try {
    const result = fn();
    const perDaemonSet = new Map<unknown, number>();
    for (const obj of toJson.mock.contexts as ApiObject[]) {
      if (obj.kind === 'DaemonSet') perDaemonSet.set(obj, (perDaemonSet.get(obj) ?? 0) + 1);
    }
    const maxDaemonSetRenders = Math.max(...perDaemonSet.values());
    return { result, engineRuns: validate.mock.calls.length, renders: toJson.mock.calls.length, maxDaemonSetRenders };
  } finally {
    validate.mockRestore();
    toJson.mockRestore();
  }
}

afterEach(() => takeWarnings());

describe('DaemonSetsApp and a plain App write what cdk8s writes', () => {
  test('synthYaml is byte-identical', () => {
    const expected = cdk8sSynthYaml(build(new App()));
    expect(build(new DaemonSetsApp()).synthYaml()).toBe(expected);
    expect(build(new App()).synthYaml()).toBe(expected);
  });

  test.each([
    ['file per chart (the default)', {}],
    ['file per app', { yamlOutputType: YamlOutputType.FILE_PER_APP }],
    ['file per resource (App itself writes)', { yamlOutputType: YamlOutputType.FILE_PER_RESOURCE }],
    ['folder per chart (App itself writes)', { yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE }],
    ['with construct metadata for validation plugins', { recordConstructMetadata: true }],
    ['construct metadata, file per resource (App itself writes)', { recordConstructMetadata: true, yamlOutputType: YamlOutputType.FILE_PER_RESOURCE }],
    ['another file extension', { outputFileExtension: '.yml' }],
  ] as [string, AppProps][])('synth(): %s', (_name, props) => {
    const ours = tmp();
    const plain = tmp();
    const theirs = tmp();
    build(new DaemonSetsApp({ ...props, outdir: ours })).synth();
    build(new App({ ...props, outdir: plain })).synth();
    cdk8sSynth(build(new App({ ...props, outdir: theirs })));
    const { [METADATA]: ourMetadata, ...written } = files(ours);
    const expected = files(theirs);
    const { [METADATA]: theirMetadata, ...expectedManifests } = expected;
    expect(Object.keys(written).length).toBeGreaterThan(0);
    expect(written).toEqual(expectedManifests);
    // A plain App writes every file cdk8s writes, construct metadata included, byte for byte.
    expect(files(plain)).toEqual(expected);
    expect(ourMetadata === undefined).toBe(theirMetadata === undefined);
    if (ourMetadata !== undefined) {
      // App's entries (by name), then one exact entry per object by `Kind namespace/name`.
      const resources = JSON.parse(ourMetadata).resources;
      const appResources = JSON.parse(theirMetadata!).resources;
      expect(Object.fromEntries(Object.entries(resources).filter(([k]) => !k.includes(' ')))).toEqual(appResources);
      expect(resources['DaemonSet agents/agents-agent-c8001073']).toEqual({ path: 'agents/agent/Resource' });
      expect(resources['ClusterRole logging-fluent-bit-clusterrole-c873f652']).toEqual({ path: 'logging/fluent-bit/ClusterRole/Resource' });
    }
  });

  test('objects at every depth and charts with integer-like ids keep cdk8s\'s order (its dependency graph\'s)', () => {
    const objects = (chart: Chart) => {
      new ApiObject(chart, '3', { apiVersion: 'v1', kind: 'ConfigMap', data: { at: `${chart.node.id} top` } });
      const group = new Construct(chart, '1');
      new ApiObject(group, '0', { apiVersion: 'v1', kind: 'ConfigMap', data: { at: `${chart.node.id} nested` } });
      new DaemonSet(group, 'agent', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
      new ApiObject(chart, 'a', { apiVersion: 'v1', kind: 'ServiceAccount' });
    };
    const tree = <T extends App>(app: T): T => {
      for (const id of ['z', '10', '2']) objects(new Chart(app, id, { namespace: `ns${id}` }));
      // A chart under a plain construct with an integer id: in the tree before chart '10', in cdk8s's output after it.
      objects(new Chart(new Construct(app, '5'), 'inner', { namespace: 'inner' }));
      // A chart under a construct of another chart: its objects are its own, not the outer chart's.
      objects(new Chart(new Construct(app.node.findChild('z'), 'group'), 'deep', { namespace: 'deep' }));
      return app;
    };
    const expected = cdk8sSynthYaml(tree(new App()));
    const order = [...expected.matchAll(/at: (.*)/g)].map(m => m[1]);
    // constructs lists integer ids first, so the object under '1' comes before the one at '3'.
    // The tree holds '2', '5' (with 'inner'), '10', 'z'; cdk8s lists the charts with integer paths first.
    expect(order).toEqual(['2 nested', '2 top', '10 nested', '10 top', 'inner nested', 'inner top', 'z nested', 'z top', 'deep nested', 'deep top']);
    expect(tree(new DaemonSetsApp()).synthYaml()).toBe(expected);
    expect(tree(new App()).synthYaml()).toBe(expected);
    const ours = tmp();
    const theirs = tmp();
    tree(new App({ outdir: ours, yamlOutputType: YamlOutputType.FILE_PER_APP })).synth();
    cdk8sSynth(tree(new App({ outdir: theirs, yamlOutputType: YamlOutputType.FILE_PER_APP })));
    expect(files(ours)).toEqual(files(theirs));
  });

  test('a plain App writes with the YAML emitter where cdk8s would write the same bytes, and hands the rest to App', () => {
    expect(stringifyCalls(() => build(new App({ outdir: tmp() })).synth())).toBe(0);
    expect(stringifyCalls(() => build(new App()).synthYaml())).toBe(0);
    expect(stringifyCalls(() => build(new App({ outdir: tmp(), yamlOutputType: YamlOutputType.FILE_PER_APP })).synth())).toBe(0);
    // Output types the fast path does not write: App's own synth (Yaml.save per resource).
    expect(stringifyCalls(() => build(new App({ outdir: tmp(), yamlOutputType: YamlOutputType.FILE_PER_RESOURCE })).synth())).toBeGreaterThan(0);
    // The oracle is really cdk8s's own writing.
    expect(stringifyCalls(() => cdk8sSynthYaml(build(new App())))).toBe(1);
  });

  test('an App subclass with its own synth keeps it (one validation per synthesis still)', () => {
    const calls: string[] = [];
    class MyApp extends App {
      public synth(): void {
        calls.push('synth');
        super.synth();
      }
    }
    const outdir = tmp();
    const app = build(new MyApp({ outdir }));
    const counted = counting(() => stringifyCalls(() => app.synth()));
    expect(calls).toEqual(['synth']);
    expect(counted.result).toBe(3);
    expect(counted.engineRuns).toBe(1);
    const theirs = tmp();
    cdk8sSynth(build(new App({ outdir: theirs })));
    expect(files(outdir)).toEqual(files(theirs));
  });

  test('a chart that overrides toJson is written as cdk8s writes it', () => {
    class Stamped extends Chart {
      public toJson(): any[] {
        return super.toJson().map(o => ({ ...o, metadata: { ...o.metadata, annotations: { stamped: 'yes' } } }));
      }
    }
    const make = <T extends App>(app: T) => {
      const chart = new Stamped(app, 'c', { namespace: 'monitoring' });
      new DaemonSet(chart, 'agent', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
      return app;
    };
    const expected = cdk8sSynthYaml(make(new App()));
    expect(expected).toContain('stamped: "yes"');
    expect(make(new App()).synthYaml()).toBe(expected);
    expect(make(new DaemonSetsApp()).synthYaml()).toBe(expected);
  });

  test('construct metadata: the exact path of each object that shares its name with others', () => {
    const outdir = tmp();
    build(new DaemonSetsApp({ outdir, recordConstructMetadata: true })).synth();
    const resources = JSON.parse(fs.readFileSync(path.join(outdir, METADATA), 'utf-8')).resources;
    const shared = Object.entries(resources).filter(([k]) => k.endsWith(' monitoring/monitoring-node-exporter-c81cc94e'));
    // The preset's DaemonSet, ServiceAccount and Service share one name; cdk8s's entry by name keeps the last one's path.
    expect(Object.fromEntries(shared)).toEqual(expect.objectContaining({
      'DaemonSet monitoring/monitoring-node-exporter-c81cc94e': { path: 'monitoring/node-exporter/Resource' },
      'ServiceAccount monitoring/monitoring-node-exporter-c81cc94e': { path: 'monitoring/node-exporter/ServiceAccount/Resource' },
    }));
    expect(new Set(shared.map(([, v]) => (v as { path: string }).path)).size).toBe(shared.length);
  });

  test('a validation of the user\'s that changes an object is written, as App writes it', () => {
    const make = <T extends App>(app: T): T => {
      build(app);
      const agents = app.node.findChild('agents') as Chart;
      const config = agents.node.findChild('config') as kplus.ConfigMap;
      // cdk8s renders after every validation, so a label stamped late is written.
      new Construct(agents, 'stamp').node.addValidation({ validate: () => { config.metadata.addLabel('stamped', 'late'); return []; } });
      return app;
    };
    const expected = cdk8sSynthYaml(make(new App()));
    expect(expected).toContain('stamped: late');
    expect(make(new App()).synthYaml()).toBe(expected);
    expect(make(new DaemonSetsApp()).synthYaml()).toBe(expected);
    const ours = tmp();
    const plain = tmp();
    const theirs = tmp();
    make(new DaemonSetsApp({ outdir: ours })).synth();
    make(new App({ outdir: plain })).synth();
    cdk8sSynth(make(new App({ outdir: theirs })));
    expect(files(ours)).toEqual(files(theirs));
    expect(files(plain)).toEqual(files(theirs));
    // Any validation that is not the library's (even one that changes nothing) hands the app to App: cdk8s's writer.
    const quiet = build(new App());
    new Construct(quiet, 'check').node.addValidation({ validate: () => [] });
    expect(stringifyCalls(() => quiet.synthYaml())).toBe(1);
  });

  test('an app whose constructs depend on each other is synthesized by App (same output)', () => {
    const make = <T extends App>(app: T) => {
      build(app);
      const [monitoring, agents] = app.charts;
      agents.node.addDependency(monitoring);
      return app;
    };
    const expected = cdk8sSynthYaml(make(new App()));
    expect(make(new DaemonSetsApp()).synthYaml()).toBe(expected);
    expect(make(new App()).synthYaml()).toBe(expected);
  });
});

describe('DaemonSetsApp renders and validates once', () => {
  test('every object is rendered once and the rule engine runs once, with DaemonSetsApp and with a plain App', () => {
    const ours = counting(() => build(new DaemonSetsApp()).synthYaml());
    const plain = counting(() => build(new App()).synthYaml());
    const objects = build(new App()).charts.reduce((n, c) => n + c.node.findAll().filter(x => x instanceof ApiObject).length, 0);
    for (const run of [ours, plain]) {
      expect(run.engineRuns).toBe(1);
      // The config checksum preparation renders the DaemonSets it annotates once more.
      expect(run.renders).toBeLessThanOrEqual(objects + 3);
      expect(run.maxDaemonSetRenders).toBeLessThanOrEqual(2);
    }
    // cdk8s's own synthesis of a plain App validates once per synthesis and once more per chart (3 charts here),
    // and renders every object again to write it; an App subclass with its own synthYaml still runs one session:
    // one validation pass, and the DaemonSets answer from its rendering.
    class MyApp extends App {
      public synthYaml(): string {
        return super.synthYaml();
      }
    }
    const subclass = counting(() => build(new MyApp()).synthYaml());
    expect(subclass.engineRuns).toBe(1);
    expect(subclass.maxDaemonSetRenders).toBeLessThanOrEqual(2);
    expect(subclass.renders).toBeLessThan(objects * 2);
    expect(subclass.renders).toBeGreaterThan(objects);
    expect(ours.result).toBe(plain.result);
    expect(subclass.result).toBe(plain.result);
  });

  test('a plain App sees a change made between two syntheses in the same tick', () => {
    const app = new App();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    const ds = new DaemonSet(chart, 'agent', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    const first = app.synthYaml();
    ds.containers[0].env.addVariable('LEVEL', kplus.EnvValue.fromValue('debug'));
    new DaemonSet(chart, 'second', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    const second = app.synthYaml();
    expect(first).not.toContain('LEVEL');
    expect(second).toContain('name: LEVEL');
    expect(second).toContain('name: c-second-');
    // Outside a synthesis, toJson renders the object as it is now.
    ds.containers[0].env.addVariable('MORE', kplus.EnvValue.fromValue('1'));
    expect(JSON.stringify(ApiObject.of(ds).toJson())).toContain('MORE');
  });

  test('errors fail synthesis as with App, naming the construct path', () => {
    const make = <T extends App>(app: T) => {
      const chart = new Chart(app, 'c', { namespace: 'monitoring' });
      const ds = new DaemonSet(chart, 'agent', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
      ds.containers[0].env.addVariable('A=B', kplus.EnvValue.fromValue('x'));
      return app;
    };
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as Error).message;
      }
      return undefined;
    };
    const ours = message(() => make(new DaemonSetsApp()).synthYaml());
    expect(ours).toMatch(/^Validation failed with the following errors:\n {2}\[c\/agent\]/);
    expect(ours).toMatch(/'A=B'/);
    expect(ours).toBe(message(() => make(new App()).synthYaml()));
    expect(ours).toBe(message(() => cdk8sSynthYaml(make(new App()))));
  });

  test('a change between two syntheses is synthesized', () => {
    const app = new DaemonSetsApp();
    const chart = new Chart(app, 'c', { namespace: 'monitoring' });
    new DaemonSet(chart, 'agent', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    const first = app.synthYaml();
    new DaemonSet(chart, 'second', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    const second = app.synthYaml();
    expect(second).not.toBe(first);
    expect(second).toContain('name: c-second-');
  });
});
