import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
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

describe('DaemonSetsApp writes what App writes', () => {
  test('synthYaml is byte-identical', () => {
    expect(build(new DaemonSetsApp()).synthYaml()).toBe(build(new App()).synthYaml());
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
    const theirs = tmp();
    build(new DaemonSetsApp({ ...props, outdir: ours })).synth();
    build(new App({ ...props, outdir: theirs })).synth();
    const { [METADATA]: ourMetadata, ...written } = files(ours);
    const { [METADATA]: theirMetadata, ...expected } = files(theirs);
    expect(Object.keys(written).length).toBeGreaterThan(0);
    expect(written).toEqual(expected);
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

  test('an app whose constructs depend on each other is synthesized by App (same output)', () => {
    const make = <T extends App>(app: T) => {
      build(app);
      const [monitoring, agents] = app.charts;
      agents.node.addDependency(monitoring);
      return app;
    };
    expect(make(new DaemonSetsApp()).synthYaml()).toBe(make(new App()).synthYaml());
  });
});

describe('DaemonSetsApp renders and validates once', () => {
  test('every object is rendered once and the rule engine runs once; App renders each DaemonSet once too, the rest once more to write', () => {
    const ours = counting(() => build(new DaemonSetsApp()).synthYaml());
    const plain = counting(() => build(new App()).synthYaml());
    const objects = build(new App()).charts.reduce((n, c) => n + c.node.findAll().filter(x => x instanceof ApiObject).length, 0);
    expect(ours.engineRuns).toBe(1);
    // The config checksum preparation renders the DaemonSets it annotates once more.
    expect(ours.renders).toBeLessThanOrEqual(objects + 3);
    expect(ours.maxDaemonSetRenders).toBeLessThanOrEqual(2);
    // A plain App validates once per synthesis and once more per chart (3 charts here): one session, one validation
    // pass that renders; cdk8s renders every object again to write it, except the DaemonSets, which answer with the
    // pass's rendering. Without the session this was objects x 5 (4 passes + the output).
    expect(plain.engineRuns).toBe(1);
    expect(plain.maxDaemonSetRenders).toBeLessThanOrEqual(2);
    expect(plain.renders).toBeLessThan(objects * 2);
    expect(ours.result).toBe(plain.result);
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
