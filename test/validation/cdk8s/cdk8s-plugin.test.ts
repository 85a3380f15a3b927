import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { asCdk8sSynth, cliContext, CliRun, CliViolation, synthForCli, WITH_PLUGIN } from './cdk8s-cli-host';
import { DaemonSet, DaemonSetsApp, DaemonSetsValidation, LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet, validateManifests } from '../../../src';
import { readManifests } from '../../../src/k8s/read-manifests';
import { takeWarnings } from '../../setup/quiet-console';

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A directory of manifests without construct metadata (the app's output copied elsewhere, or `validate`'s input). */
function yamlContext(yaml: string): CliRun {
  const dir = tmp('plugin-');
  fs.writeFileSync(path.join(dir, 'app.k8s.yaml'), yaml);
  return cliContext(dir);
}

const BROKEN = `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: agents }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: other } }
    spec:
      containers: [{ name: agent, image: "registry.example.com/agent:1.0" }]
`;

/**
 * An app whose objects share one name: a DaemonSet, a ServiceAccount and a Service all called `agent` (as presets
 * name theirs), a second DaemonSet in another chart, and warnings on both DaemonSets and the Service.
 */
function build<T extends App>(app: T): T {
  const agents = new Chart(app, 'agents', { namespace: 'agents' });
  new DaemonSet(agents, 'agent', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', portNumber: 9400 }] });
  new kplus.ServiceAccount(agents, 'sa', { metadata: { name: 'agent' } });
  new kplus.Service(agents, 'svc', { metadata: { name: 'agent' }, ports: [{ port: 80, targetPort: 9400 }] }).selectLabel('app', 'nothing');
  const logging = new Chart(app, 'logging', { namespace: 'logging' });
  new DaemonSet(logging, 'shipper', { metadata: { name: 'shipper' }, containers: [{ name: 'shipper', image: 'registry.example.com/shipper:2.0.0' }] });
  return app;
}

/** The one occurrence of each violation: every violation names exactly one object and one location. */
function occurrences(violations: CliViolation[]) {
  return violations.map(v => {
    expect(v.violatingConstructs).toHaveLength(1);
    const [c] = v.violatingConstructs;
    expect(c.locations).toHaveLength(1);
    return {
      rule: v.ruleName,
      resource: c.resourceName,
      path: c.locations[0],
      constructPath: c.constructPath,
      manifest: path.basename(c.manifestPath),
      message: v.recommendation,
      fix: v.fix,
    };
  });
}

describe('under the cdk8s CLI: a real App with construct metadata recorded', () => {
  test('every occurrence is its own violation: its message, the hint as the fix, the construct path from the metadata', () => {
    const run = synthForCli(build(new App({ outdir: tmp('plugin-app-'), recordConstructMetadata: true })));
    takeWarnings();
    new DaemonSetsValidation().validate(run.context);
    const found = occurrences(run.report.violations);

    // The same findings validateManifests gives for the written files, one violation each, in its order.
    const expected = validateManifests(readManifests(run.context.manifests, () => '').objects).findings.filter(f => f.severity !== 'info');
    expect(found.map(o => [o.rule, o.resource, o.path, o.message, o.fix]))
      .toEqual(expected.map(f => [`${f.ruleId} (${f.severity})`, `${f.kind} ${f.namespace}/${f.name}`, f.path, f.message, f.hint]));
    expect(found.length).toBeGreaterThanOrEqual(7);
    // No occurrence twice (the old report joined every occurrence's message into one recommendation).
    expect(new Set(found.map(o => `${o.resource} ${o.path} ${o.message}`)).size).toBe(found.length);

    const byResource = (name: string) => [...new Set(found.filter(o => o.resource === name).map(o => `${o.constructPath} ${o.manifest}`))];
    // A name no other object has: its path, from cdk8s's entry by name.
    expect(byResource('DaemonSet logging/shipper')).toEqual(['logging/shipper/Resource logging.k8s.yaml']);
    // `agent` is held by three objects; cdk8s keeps the last one's path (the Service's), so the DaemonSet gets none
    // rather than the Service's.
    expect(byResource('Service agents/agent')).toEqual(['agents/svc/Resource agents.k8s.yaml']);
    expect(byResource('DaemonSet agents/agent')).toEqual(['undefined agents.k8s.yaml']);
    expect(run.report.text()).toMatch(/Construct Path: logging\/shipper\/Resource\n {4}- Manifest Path: .*logging\.k8s\.yaml\n {4}- Resource Name: DaemonSet logging\/shipper/);
    expect(run.report.text()).toMatch(/Construct Path: N\/A\n {4}- Manifest Path: .*agents\.k8s\.yaml\n {4}- Resource Name: DaemonSet agents\/agent/);
    expect(run.report.summary).toEqual({ status: 'success', metadata: { errors: '0', warnings: String(found.length), suppressed: '0' } });
  });

  test('with DaemonSetsApp every object has its construct path, also when names are shared', () => {
    const run = synthForCli(build(new DaemonSetsApp({ outdir: tmp('plugin-dsapp-'), recordConstructMetadata: true })));
    takeWarnings();
    new DaemonSetsValidation().validate(run.context);
    const found = occurrences(run.report.violations);
    expect(Object.fromEntries(found.map(o => [o.resource, o.constructPath]))).toEqual({
      'DaemonSet agents/agent': 'agents/agent/Resource',
      'Service agents/agent': 'agents/svc/Resource',
      'DaemonSet logging/shipper': 'logging/shipper/Resource',
    });
    expect(run.report.text()).not.toMatch(/N\/A/);
  });

  test('info findings are left out by default; includeInfo or failOn: info lists them', () => {
    const outdir = tmp('plugin-info-');
    synthForCli(build(new DaemonSetsApp({ outdir, recordConstructMetadata: true })));
    takeWarnings();
    const severities = (props: ConstructorParameters<typeof DaemonSetsValidation>[0]) => {
      const run = cliContext(outdir);
      new DaemonSetsValidation(props).validate(run.context);
      return { ruleNames: run.report.violations.map(v => v.ruleName), summary: run.report.summary };
    };
    const byDefault = severities({});
    expect(byDefault.ruleNames.filter(r => r.endsWith('(info)'))).toEqual([]);
    expect(byDefault.summary?.metadata).not.toHaveProperty('info');

    const withInfo = severities({ includeInfo: true });
    const info = withInfo.ruleNames.filter(r => r.endsWith('(info)'));
    expect(info).toEqual(expect.arrayContaining(['pod-security/level (info)']));
    expect(withInfo.ruleNames.length).toBe(byDefault.ruleNames.length + info.length);
    expect(withInfo.summary).toEqual({ status: 'success', metadata: { errors: '0', warnings: byDefault.summary!.metadata!.warnings, info: String(info.length), suppressed: '0' } });

    const failOnInfo = severities({ failOn: 'info' });
    expect(failOnInfo.ruleNames).toEqual(withInfo.ruleNames);
    expect(failOnInfo.summary?.status).toBe('failure');
  });

  test('a finding without a hint points at the rule in the rules reference', () => {
    const run = synthForCli(build(new DaemonSetsApp({ outdir: tmp('plugin-fix-'), recordConstructMetadata: true })));
    takeWarnings();
    new DaemonSetsValidation({ includeInfo: true }).validate(run.context);
    const level = run.report.violations.find(v => v.ruleName === 'pod-security/level (info)')!;
    expect(level.fix).toMatch(/^see docs\/rules\.md#pod-security-level /);
    expect(run.report.violations.filter(v => v.fix === '' || /see the message/.test(v.fix))).toEqual([]);
  });

  test('under --stdout the CLI names no manifest file; the construct paths stay', () => {
    const outdir = tmp('plugin-stdout-');
    synthForCli(build(new DaemonSetsApp({ outdir, recordConstructMetadata: true })));
    takeWarnings();
    const run = cliContext(outdir, { stdout: true });
    new DaemonSetsValidation().validate(run.context);
    expect(new Set(run.report.violations.map(v => v.violatingConstructs[0].manifestPath))).toEqual(new Set(['STDOUT']));
    expect(run.report.violations.every(v => v.violatingConstructs[0].constructPath)).toBe(true);
  });
});

describe('one reporter: the app leaves its warnings to the plugin that cdk8s synth will run', () => {
  /** Synthesizes the app as cdk8s synth would (the env variable gives App its recordConstructMetadata). */
  function appWarnings(config: string | undefined, env: string | undefined): { printed: string[]; run: CliRun } {
    return asCdk8sSynth(config, env, () => {
      takeWarnings();
      const run = synthForCli(build(new App({ outdir: tmp('plugin-one-') })));
      return { printed: takeWarnings().filter(w => w.startsWith('[cdk8s-daemonsets]')), run };
    });
  }

  test('with DaemonSetsValidation in cdk8s.yaml, the app prints nothing and the report has every warning', () => {
    const { printed, run } = appWarnings(WITH_PLUGIN, 'true');
    expect(printed).toEqual([]);
    expect(run.context.manifests.length).toBe(2);
    new DaemonSetsValidation({ failOn: 'warning' }).validate(run.context);
    const warnings = run.report.violations.filter(v => v.ruleName.endsWith('(warning)'));
    expect(warnings.map(v => v.ruleName)).toEqual(expect.arrayContaining([
      'cross-object/service-selects-nothing (warning)', 'best-practice/liveness-probe (warning)',
    ]));
    expect(run.report.summary?.status).toBe('failure');
  });

  test('the same app run on its own, with another plugin, or without the plugin entry prints each warning once', () => {
    const reference = appWarnings(undefined, undefined).printed;
    expect(reference.length).toBeGreaterThanOrEqual(7);
    expect(new Set(reference).size).toBe(reference.length);
    expect(reference).toEqual(expect.arrayContaining([
      expect.stringMatching(/^\[cdk8s-daemonsets\] warning cross-object\/service-selects-nothing Service agents\/agent spec\.selector: .* \[agents\/svc\]$/),
    ]));
    // The cdk8s.yaml lists the plugin but the app is not run by cdk8s synth (or with --no-validate): printed.
    expect(appWarnings(WITH_PLUGIN, undefined).printed).toEqual(reference);
    expect(appWarnings(WITH_PLUGIN, 'false').printed).toEqual(reference);
    // cdk8s synth runs another plugin only.
    expect(appWarnings(WITH_PLUGIN.replace('DaemonSetsValidation', 'OtherValidation'), 'true').printed).toEqual(reference);
    // validations fetched from a URL, or no cdk8s.yaml in the working directory: the app cannot tell, so it prints.
    expect(appWarnings('validations: https://example.com/validations.yaml\n', 'true').printed).toEqual(reference);
    expect(appWarnings(undefined, 'true').printed).toEqual(reference);
  });
});

describe('manifests without construct metadata', () => {
  test('reports the finding with its object, file and location, and fails on errors', () => {
    const { context, report } = yamlContext(BROKEN);
    new DaemonSetsValidation({ rules: ['semantics'] }).validate(context);
    expect(report.violations).toEqual([{
      ruleName: 'semantics/selector-matches-labels (error)',
      recommendation: expect.stringMatching(/selector requires label app=agent/),
      // semantics findings carry no hint: the rules reference describes the check.
      fix: expect.stringMatching(/^see docs\/rules\.md#semantics-selector-matches-labels /),
      violatingConstructs: [{
        resourceName: 'DaemonSet agents/agent',
        // ValidateDaemonSetSpec reports the template's labels, which the selector does not match.
        locations: ['spec.template.metadata.labels'],
        manifestPath: context.manifests[0],
        constructPath: undefined,
      }],
    }]);
    expect(report.summary).toEqual({ status: 'failure', metadata: { errors: '1', warnings: '0', suppressed: '0' } });
  });

  test('succeeds on a valid manifest, and failOn decides what fails', () => {
    const valid = BROKEN.replace('app: other', 'app: agent');
    const ok = yamlContext(valid);
    new DaemonSetsValidation({ rules: ['semantics'] }).validate(ok.context);
    expect(ok.report.violations).toEqual([]);
    expect(ok.report.summary?.status).toBe('success');

    // A warning (an env var defined twice, which the API server accepts with a warning) passes by default and fails with failOn: warning.
    const warn = valid.replace('image: "registry.example.com/agent:1.0" }',
      'image: "registry.example.com/agent:1.0", env: [{ name: LOG_LEVEL, value: x }, { name: LOG_LEVEL, value: y }] }');
    const byDefault = yamlContext(warn);
    new DaemonSetsValidation({ rules: ['semantics'] }).validate(byDefault.context);
    expect(byDefault.report.violations.map(v => v.ruleName)).toEqual(['semantics/env-names (warning)']);
    expect(byDefault.report.summary?.status).toBe('success');
    const strict = yamlContext(warn);
    new DaemonSetsValidation({ rules: ['semantics'], failOn: 'warning' }).validate(strict.context);
    expect(strict.report.summary?.status).toBe('failure');
  });

  test('nodesFile turns on the placement-fit rules against those node profiles', () => {
    const heavy = BROKEN.replace('app: other', 'app: agent')
      .replace('image: "registry.example.com/agent:1.0" }', 'image: "registry.example.com/agent:1.0", resources: { requests: { cpu: "2", memory: "64Mi" } } }');
    const nodes = path.join(tmp('plugin-nodes-'), 'nodes.yaml');
    fs.writeFileSync(nodes, [
      'apiVersion: v1',
      'kind: Node',
      'metadata: { name: small, labels: { kubernetes.io/os: linux } }',
      'status: { allocatable: { cpu: "1", memory: 2Gi, pods: "110" } }',
    ].join('\n'));

    const without = yamlContext(heavy);
    new DaemonSetsValidation({ rules: ['placement-fit'] }).validate(without.context);
    expect(without.report.violations).toEqual([]);

    const withNodes = yamlContext(heavy);
    new DaemonSetsValidation({ rules: ['placement-fit'], nodesFile: nodes }).validate(withNodes.context);
    expect(withNodes.report.violations.map(v => v.ruleName)).toEqual(['placement-fit/allocatable (error)']);
    expect(withNodes.report.violations[0].recommendation).toMatch(/'small'/);
    expect(withNodes.report.summary?.status).toBe('failure');
  });
});

describe('suppressed findings', () => {
  test('the presets\' own suppressions are counted in the summary, never violations, never a failure', () => {
    const app = new DaemonSetsApp({ outdir: tmp('plugin-suppressed-'), recordConstructMetadata: true });
    const chart = new Chart(app, 'agents', { namespace: 'agents' });
    new NodeExporterDaemonSet(chart, 'node-exporter');
    new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.stdout()] });
    const run = synthForCli(app);
    takeWarnings();
    new DaemonSetsValidation({ failOn: 'warning' }).validate(run.context);
    // node-exporter: one sensitive-host-mount warning per host mount (/proc, /sys, /); fluent-bit: root user, writable state directory.
    expect(run.report.violations.map(v => v.ruleName)).toEqual([]);
    expect(run.report.summary).toEqual({ status: 'success', metadata: { errors: '0', warnings: '0', suppressed: '5' } });
  });

  test('suppressed infos are counted only when infos are listed', () => {
    const suppressedInfo = BROKEN.replace('app: other', 'app: agent')
      .replace('namespace: agents }', 'namespace: agents, annotations: { suppress.daemonsets.cdk8s.io/pod-security: "judged by the namespace policy" } }');
    const byDefault = yamlContext(suppressedInfo);
    new DaemonSetsValidation({ rules: ['pod-security'] }).validate(byDefault.context);
    expect(byDefault.report.summary?.metadata?.suppressed).toBe('0');
    const withInfo = yamlContext(suppressedInfo);
    new DaemonSetsValidation({ rules: ['pod-security'], includeInfo: true }).validate(withInfo.context);
    expect(Number(withInfo.report.summary?.metadata?.suppressed)).toBeGreaterThan(0);
    expect(withInfo.report.violations.map(v => v.ruleName).filter(r => r.startsWith('pod-security/'))).toEqual([]);
  });
});

describe('bad properties', () => {
  test('an unknown failOn', () => {
    expect(() => new DaemonSetsValidation({ failOn: 'fatal' })).toThrow(/DaemonSetsValidation: failOn 'fatal' must be 'error', 'warning' or 'info'/);
  });

  test('an includeInfo that is no boolean (cdk8s.yaml properties are untyped)', () => {
    expect(() => new DaemonSetsValidation({ includeInfo: 'yes' as any })).toThrow(/DaemonSetsValidation: includeInfo "yes" must be true or false/);
  });

  test('a nodesFile that does not exist fails with the path in the error', () => {
    const { context } = yamlContext(BROKEN);
    expect(() => new DaemonSetsValidation({ nodesFile: '/nonexistent/nodes.yaml' }).validate(context)).toThrow(/\/nonexistent\/nodes\.yaml/);
  });
});
