import {
  formatFinding, ManifestValidator, SUPPRESSION_PREFIX, validateManifests, ValidationFinding, ValidationOptions, ValidationReport,
} from '../../src/validation/engine';
import { Severity } from '../../src/validation/rule';

type Json = { [key: string]: any };

/** The rule families this spec is about; others (schema, pod security, best practice) land separately. */
const FAMILIES = ['semantics', 'cross-object', 'engine'];

function ours(findings: ValidationFinding[]): ValidationFinding[] {
  return findings.filter(f => FAMILIES.includes(f.ruleId.split('/')[0]));
}

function ids(findings: ValidationFinding[]): string[] {
  return ours(findings).map(f => f.ruleId);
}

function run(objects: any[], options: ValidationOptions = {}): ValidationReport {
  return validateManifests(objects, options);
}

function container(overrides: Json = {}): Json {
  return {
    name: 'agent',
    image: 'registry.example.com/platform/node-agent:1.4.2',
    ports: [{ containerPort: 9400, name: 'metrics' }],
    resources: { requests: { cpu: '20m', memory: '48Mi' }, limits: { memory: '128Mi' } },
    ...overrides,
  };
}

/** A valid DaemonSet; `pod` replaces fields of the pod spec, `meta` of the metadata. */
function daemonSet(pod: Json = {}, meta: Json = {}, spec: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'node-agents', labels: { 'app.kubernetes.io/name': 'node-agent' }, ...meta },
    spec: {
      selector: { matchLabels: { 'app.kubernetes.io/name': 'node-agent' } },
      template: {
        metadata: { labels: { 'app.kubernetes.io/name': 'node-agent' } },
        spec: { containers: [container()], ...pod },
      },
      ...spec,
    },
  };
}

/** Two definitions of one environment variable: the API server accepts them with a warning (`GetWarningsForPodTemplate`). */
const REPEATED_ENV = [{ name: 'LOG_LEVEL', value: 'info' }, { name: 'LOG_LEVEL', value: 'debug' }];

/** A hostPath with a '..' segment, which the API server rejects (`validatePathNoBacksteps`; a relative one it accepts). */
const BACKSTEP_HOST_PATH = { name: 'varlog', hostPath: { path: '/var/log/../lib/agent' } };

/** A DaemonSet whose only problem is an environment variable defined twice (a semantics warning). */
function withBadEnv(meta: Json = {}): Json {
  return daemonSet({ containers: [container({ env: REPEATED_ENV })] }, meta);
}

/** A DaemonSet whose only problem is a hostPath with '..' (a semantics error). */
function withBackstepHostPath(meta: Json = {}): Json {
  return daemonSet({ volumes: [BACKSTEP_HOST_PATH] }, meta);
}

/** A namespace with a DaemonSet that needs 20m x 100 nodes = 2 CPUs, and a quota of 1 CPU. */
function quotaTooSmall(quotaMeta: Json = {}): Json[] {
  return [
    daemonSet(),
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'agents-quota', namespace: 'node-agents', ...quotaMeta },
      spec: { hard: { 'requests.cpu': '1' } },
    },
  ];
}

describe('findings', () => {
  test('a valid DaemonSet has no findings of these families', () => {
    const report = run([daemonSet()]);
    expect(ours(report.findings)).toEqual([]);
  });

  test('a finding carries rule id, severity, kind, namespace, name, path, message and hint', () => {
    const report = run(quotaTooSmall());
    expect(ours(report.findings)).toEqual([{
      ruleId: 'cross-object/quota-fit',
      severity: Severity.ERROR,
      kind: 'ResourceQuota',
      namespace: 'node-agents',
      name: 'agents-quota',
      path: 'spec.hard.requests.cpu',
      message: expect.stringMatching(/^ResourceQuota 'agents-quota' allows requests\.cpu 1 core in namespace 'node-agents', but its 1 DaemonSet\(s\) need 2 cores on 100 nodes$/),
      hint: expect.stringMatching(/raise the quota/),
    }]);
  });

  test('semantics findings carry the check id, the full JSON path and the object', () => {
    const report = run([withBackstepHostPath()]);
    expect(ours(report.findings)).toEqual([{
      ruleId: 'semantics/host-path',
      severity: Severity.ERROR,
      kind: 'DaemonSet',
      namespace: 'node-agents',
      name: 'node-agent',
      path: 'spec.template.spec.volumes[0].hostPath.path',
      message: "hostPath '/var/log/../lib/agent' of volume 'varlog' must not contain '..'",
      hint: undefined,
    }]);
  });

  test('the namespace is `default` when the object sets none', () => {
    const ds = withBackstepHostPath();
    delete ds.metadata.namespace;
    const [finding] = ours(run([ds]).findings);
    expect(finding.namespace).toBe('default');
    expect(finding.name).toBe('node-agent');
  });

  test('non-objects in the input are ignored', () => {
    const report = run([null, undefined, 'text', 42, withBackstepHostPath()]);
    expect(ids(report.findings)).toEqual(['semantics/host-path']);
  });

  test('semantics env-names is a warning in the engine', () => {
    const report = run([withBadEnv()]);
    expect(ours(report.findings)).toEqual([expect.objectContaining({
      ruleId: 'semantics/env-names',
      severity: Severity.WARNING,
      path: 'spec.template.spec.containers[0].env[1]',
      message: expect.stringMatching(/environment variable 'LOG_LEVEL' hides its previous definition/),
    })]);
    expect(ours(report.errors)).toEqual([]);
  });

  test('restartPolicy OnFailure is fine for a Job but an error for a DaemonSet', () => {
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'node-agent-migrate', namespace: 'node-agents' },
      spec: { template: { metadata: { labels: { job: 'migrate' } }, spec: { restartPolicy: 'OnFailure', containers: [container({ ports: undefined })] } } },
    };
    expect(ids(run([job]).findings)).toEqual([]);

    const cronJob = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'node-agent-gc', namespace: 'node-agents' },
      spec: {
        schedule: '0 * * * *',
        jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [container({ ports: undefined })] } } } },
      },
    };
    expect(ids(run([cronJob]).findings)).toEqual([]);

    const report = run([daemonSet({ restartPolicy: 'OnFailure' })]);
    expect(ours(report.findings)).toEqual([expect.objectContaining({
      ruleId: 'semantics/restart-policy',
      severity: Severity.ERROR,
      kind: 'DaemonSet',
      path: 'spec.template.spec.restartPolicy',
      message: expect.stringMatching(/restartPolicy is OnFailure; a DaemonSet's pods must use Always/),
    })]);
  });

  test('other workloads get the pod spec checks at their own pod template path', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'aggregator', namespace: 'node-agents' },
      spec: {
        selector: { matchLabels: { app: 'aggregator' } },
        template: {
          metadata: { labels: { app: 'aggregator' } },
          spec: { containers: [container({ image: 'Registry.example.com/Aggregator:1.0' })], volumes: [BACKSTEP_HOST_PATH] },
        },
      },
    };
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug' }, spec: { containers: [container({ name: 'Debug' })] } };
    const report = run([deployment, pod]);
    expect(ours(report.findings).map(f => [f.ruleId, f.kind, f.path])).toEqual([
      ['semantics/host-path', 'Deployment', 'spec.template.spec.volumes[0].hostPath.path'],
      ['semantics/container-names', 'Pod', 'spec.containers[0].name'],
    ]);
    // An upper-case image name passes the API server (the kubelet refuses it: InvalidImageName), so it is a prediction.
    expect(report.findings.filter(f => f.ruleId === 'runtime/image-reference').map(f => [f.kind, f.path])).toEqual([
      ['Deployment', 'spec.template.spec.containers[0].image'],
    ]);
  });
});

describe('ValidationReport', () => {
  const finding = (ruleId: string, severity: Severity, name: string): ValidationFinding => ({
    ruleId, severity, kind: 'DaemonSet', namespace: 'monitoring', name, path: 'spec', message: `${ruleId} on ${name}`,
  });

  test('suppressed findings are ordered like findings: errors first, input order within a severity', () => {
    const report = new ValidationReport([], [
      { ...finding('a/w', Severity.WARNING, 'first'), annotation: 'k', reason: 'r' },
      { ...finding('a/e', Severity.ERROR, 'error'), annotation: 'k', reason: 'r' },
      { ...finding('a/w', Severity.WARNING, 'second'), annotation: 'k', reason: 'r' },
    ]);
    expect(report.suppressed.map(f => f.name)).toEqual(['error', 'first', 'second']);
    expect(report.findings).toEqual([]);
  });

  test('orders errors first, then warnings, then infos, in input order within a severity', () => {
    const report = new ValidationReport([
      finding('a/info-1', Severity.INFO, 'one'),
      finding('a/warn-1', Severity.WARNING, 'two'),
      finding('a/err-1', Severity.ERROR, 'three'),
      finding('a/warn-2', Severity.WARNING, 'four'),
      finding('a/info-2', Severity.INFO, 'five'),
      finding('a/err-2', Severity.ERROR, 'six'),
      finding('a/err-3', Severity.ERROR, 'seven'),
    ]);
    expect(report.findings.map(f => f.ruleId)).toEqual(['a/err-1', 'a/err-2', 'a/err-3', 'a/warn-1', 'a/warn-2', 'a/info-1', 'a/info-2']);
    expect(report.errors.map(f => f.ruleId)).toEqual(['a/err-1', 'a/err-2', 'a/err-3']);
    expect(report.warnings.map(f => f.ruleId)).toEqual(['a/warn-1', 'a/warn-2']);
  });

  test('ok and hasAtLeast', () => {
    const infos = new ValidationReport([finding('a/i', Severity.INFO, 'x')]);
    expect(infos.ok).toBe(true);
    expect(infos.hasAtLeast(Severity.INFO)).toBe(true);
    expect(infos.hasAtLeast(Severity.WARNING)).toBe(false);
    expect(infos.hasAtLeast(Severity.ERROR)).toBe(false);

    const warnings = new ValidationReport([finding('a/i', Severity.INFO, 'x'), finding('a/w', Severity.WARNING, 'y')]);
    expect(warnings.ok).toBe(true);
    expect(warnings.hasAtLeast(Severity.INFO)).toBe(true);
    expect(warnings.hasAtLeast(Severity.WARNING)).toBe(true);
    expect(warnings.hasAtLeast(Severity.ERROR)).toBe(false);

    const errors = new ValidationReport([finding('a/e', Severity.ERROR, 'z')]);
    expect(errors.ok).toBe(false);
    expect(errors.hasAtLeast(Severity.INFO)).toBe(true);
    expect(errors.hasAtLeast(Severity.WARNING)).toBe(true);
    expect(errors.hasAtLeast(Severity.ERROR)).toBe(true);

    const empty = new ValidationReport([]);
    expect(empty.ok).toBe(true);
    expect(empty.hasAtLeast(Severity.INFO)).toBe(false);
    expect(empty.toText()).toBe('');
  });

  test('toText prints one line per finding, errors first, with object, path and hint', () => {
    const report = run([withBadEnv(), ...quotaTooSmall()], { rules: ['semantics', 'cross-object'] });
    const lines = report.toText().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^error cross-object\/quota-fit ResourceQuota node-agents\/agents-quota spec\.hard\.requests\.cpu: ResourceQuota 'agents-quota' allows .* \(hint: raise the quota.*\)$/);
    expect(lines[1]).toMatch(/^warning semantics\/env-names DaemonSet node-agents\/node-agent spec\.template\.spec\.containers\[0\]\.env\[1\]: container 'agent' environment variable 'LOG_LEVEL' hides its previous definition.*$/);
    expect(lines[1]).not.toMatch(/\(hint:/);
    expect(report.toText()).toBe(report.findings.map(formatFinding).join('\n'));
  });

  test('formatFinding of an object without kind, namespace or name', () => {
    expect(formatFinding({ ruleId: 'x/y', severity: Severity.INFO, path: 'spec', message: 'm' })).toBe('info x/y object spec: m');
    expect(formatFinding({ ruleId: 'x/y', severity: Severity.WARNING, kind: 'Namespace', name: 'monitoring', path: 'metadata', message: 'm', hint: 'h' }))
      .toBe('warning x/y Namespace monitoring metadata: m (hint: h)');
    expect(formatFinding({ ruleId: 'x/y', severity: Severity.ERROR, kind: 'DaemonSet', namespace: 'default', path: 'spec', message: 'm' }))
      .toBe('error x/y DaemonSet default/(unnamed) spec: m');
  });

  test('errors come before warnings in a real run, semantics findings in input order', () => {
    const second = withBackstepHostPath({ name: 'second-agent' });
    const report = run([withBadEnv({ name: 'first-agent' }), withBackstepHostPath({ name: 'first-broken' }), second], { rules: ['semantics'] });
    expect(report.findings.map(f => [f.severity, f.ruleId, f.name])).toEqual([
      ['error', 'semantics/host-path', 'first-broken'],
      ['error', 'semantics/host-path', 'second-agent'],
      ['warning', 'semantics/env-names', 'first-agent'],
    ]);
  });
});

describe('rule selection', () => {
  const input = () => [withBadEnv(), withBackstepHostPath({ name: 'other-agent' }), ...quotaTooSmall()];

  test('every family runs by default', () => {
    expect(ids(run(input()).findings).sort()).toEqual(['cross-object/quota-fit', 'semantics/env-names', 'semantics/host-path']);
  });

  test('rules: a family', () => {
    expect(run(input(), { rules: ['semantics'] }).findings.map(f => f.ruleId).sort()).toEqual(['semantics/env-names', 'semantics/host-path']);
    expect(run(input(), { rules: ['cross-object'] }).findings.map(f => f.ruleId)).toEqual(['cross-object/quota-fit']);
  });

  test('rules: a single id', () => {
    expect(run(input(), { rules: ['cross-object/quota-fit'] }).findings.map(f => f.ruleId)).toEqual(['cross-object/quota-fit']);
    expect(run(input(), { rules: ['semantics/host-path'] }).findings.map(f => f.ruleId)).toEqual(['semantics/host-path']);
    expect(run(input(), { rules: ['semantics/env-names', 'cross-object/quota-fit'] }).findings.map(f => f.ruleId))
      .toEqual(['cross-object/quota-fit', 'semantics/env-names']);
  });

  test('rules: a prefix that is not a whole family or id selects nothing', () => {
    expect(run(input(), { rules: ['sem'] }).findings).toEqual([]);
    expect(run(input(), { rules: ['cross-object/quota'] }).findings).toEqual([]);
  });

  test('skipRules: a family', () => {
    expect(ids(run(input(), { skipRules: ['semantics'] }).findings)).toEqual(['cross-object/quota-fit']);
    expect(ids(run(input(), { skipRules: ['cross-object'] }).findings).sort()).toEqual(['semantics/env-names', 'semantics/host-path']);
  });

  test('skipRules: a single id', () => {
    expect(ids(run(input(), { skipRules: ['cross-object/quota-fit'] }).findings).sort()).toEqual(['semantics/env-names', 'semantics/host-path']);
    expect(ids(run(input(), { skipRules: ['semantics/env-names'] }).findings).sort()).toEqual(['cross-object/quota-fit', 'semantics/host-path']);
  });

  test('rules and skipRules together', () => {
    expect(run(input(), { rules: ['semantics'], skipRules: ['semantics/host-path'] }).findings.map(f => f.ruleId)).toEqual(['semantics/env-names']);
  });
});

describe('severityOverrides', () => {
  test('by rule id', () => {
    const report = run([withBadEnv(), ...quotaTooSmall()], {
      rules: ['semantics', 'cross-object'],
      severityOverrides: { 'semantics/env-names': Severity.ERROR, 'cross-object/quota-fit': Severity.WARNING },
    });
    expect(report.findings.map(f => [f.ruleId, f.severity])).toEqual([
      ['semantics/env-names', 'error'],
      ['cross-object/quota-fit', 'warning'],
    ]);
    expect(report.ok).toBe(false);
  });

  test('by family', () => {
    const report = run([withBadEnv(), withBackstepHostPath({ name: 'other-agent' }), ...quotaTooSmall()], {
      rules: ['semantics', 'cross-object'],
      severityOverrides: { semantics: Severity.INFO },
    });
    expect(report.findings.map(f => [f.ruleId, f.severity])).toEqual([
      ['cross-object/quota-fit', 'error'],
      ['semantics/env-names', 'info'],
      ['semantics/host-path', 'info'],
    ]);
  });

  test('an id override wins over its family override', () => {
    const report = run([withBadEnv(), withBackstepHostPath({ name: 'other-agent' })], {
      rules: ['semantics'],
      severityOverrides: { 'semantics': Severity.INFO, 'semantics/host-path': Severity.WARNING },
    });
    expect(report.findings.map(f => [f.ruleId, f.severity])).toEqual([
      ['semantics/host-path', 'warning'],
      ['semantics/env-names', 'info'],
    ]);
    expect(report.ok).toBe(true);
  });
});

describe('suppression annotations', () => {
  test('the prefix', () => {
    expect(SUPPRESSION_PREFIX).toBe('suppress.daemonsets.cdk8s.io/');
  });

  test('<family>.<check> with a reason suppresses that check on that object only', () => {
    const suppressed = withBadEnv({ annotations: { 'suppress.daemonsets.cdk8s.io/semantics.env-names': 'the second LOG_LEVEL deliberately overrides the first' } });
    const other = withBadEnv({ name: 'other-agent' });
    const report = run([suppressed, other]);
    expect(ours(report.findings).map(f => [f.ruleId, f.name])).toEqual([['semantics/env-names', 'other-agent']]);
  });

  test('<family>.<check> suppresses only that check', () => {
    const ds = daemonSet({
      volumes: [BACKSTEP_HOST_PATH],
      containers: [container({ env: REPEATED_ENV })],
    }, { annotations: { 'suppress.daemonsets.cdk8s.io/semantics.env-names': 'the second value is the one the agent must see' } });
    expect(ids(run([ds]).findings)).toEqual(['semantics/host-path']);
  });

  test('a cross-object finding is suppressed on the object it is about', () => {
    const report = run(quotaTooSmall({ annotations: { 'suppress.daemonsets.cdk8s.io/cross-object.quota-fit': 'the cluster has 40 nodes' } }));
    expect(ids(report.findings)).toEqual([]);
  });

  test('<family> with a reason suppresses every check of the family on that object', () => {
    const ds = daemonSet({
      volumes: [BACKSTEP_HOST_PATH],
      containers: [container({ env: REPEATED_ENV })],
    }, { annotations: { 'suppress.daemonsets.cdk8s.io/semantics': 'legacy manifest, replaced next quarter' } });
    expect(ids(run([ds]).findings)).toEqual([]);
  });

  test('a family suppression leaves other families alone', () => {
    const report = run(quotaTooSmall({ annotations: { 'suppress.daemonsets.cdk8s.io/semantics': 'not a workload' } }));
    expect(ids(report.findings)).toEqual(['cross-object/quota-fit']);
  });

  test('an empty reason does not suppress and is an engine/suppression-reason error', () => {
    const key = 'suppress.daemonsets.cdk8s.io/semantics.env-names';
    const report = run([withBadEnv({ annotations: { [key]: '' } })]);
    expect(ours(report.findings)).toEqual([
      {
        ruleId: 'engine/suppression-reason',
        severity: Severity.ERROR,
        kind: 'DaemonSet',
        namespace: 'node-agents',
        name: 'node-agent',
        path: `metadata.annotations.${key}`,
        message: expect.stringMatching(/suppression 'suppress\.daemonsets\.cdk8s\.io\/semantics\.env-names' gives no reason/),
        hint: expect.stringMatching(/set the annotation's value to the reason/),
      },
      expect.objectContaining({ ruleId: 'semantics/env-names', severity: Severity.WARNING }),
    ]);
    expect(report.ok).toBe(false);
  });

  test('a blank reason on a family suppression does not suppress either', () => {
    const report = run([withBackstepHostPath({ annotations: { 'suppress.daemonsets.cdk8s.io/semantics': '   ' } })]);
    expect(ids(report.findings)).toEqual(['semantics/host-path', 'engine/suppression-reason']);
  });

  test('a suppression problem on a cluster-scoped object carries no namespace, like any finding about it', () => {
    const namespace = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'node-agents', annotations: { 'suppress.daemonsets.cdk8s.io/pod-security.namespace-enforce': '' } },
    };
    const [finding] = ours(run([namespace]).findings);
    expect(finding).toMatchObject({ ruleId: 'engine/suppression-reason', kind: 'Namespace', name: 'node-agents', namespace: undefined });
    expect(formatFinding(finding)).toMatch(/^error engine\/suppression-reason Namespace node-agents metadata\.annotations\./);
  });

  test('an empty reason is reported even when nothing would have been suppressed', () => {
    const report = run([daemonSet({}, { annotations: { 'suppress.daemonsets.cdk8s.io/cross-object.quota-fit': '' } })]);
    expect(ids(report.findings)).toEqual(['engine/suppression-reason']);
  });

  test('a suppressed finding stays in the report with its annotation and reason, and counts for nothing', () => {
    const key = 'suppress.daemonsets.cdk8s.io/semantics.host-path';
    const report = run([withBackstepHostPath({ annotations: { [key]: 'the path is normalised by the node image' } })], { rules: ['semantics'] });
    expect(report.findings).toEqual([]);
    expect(report.errors).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.hasAtLeast(Severity.INFO)).toBe(false);
    expect(report.toText()).toBe('');
    expect(report.suppressed).toEqual([{
      ruleId: 'semantics/host-path',
      severity: Severity.ERROR,
      kind: 'DaemonSet',
      namespace: 'node-agents',
      name: 'node-agent',
      path: 'spec.template.spec.volumes[0].hostPath.path',
      message: expect.stringMatching(/must not contain '\.\.'/),
      hint: undefined,
      annotation: key,
      reason: 'the path is normalised by the node image',
    }]);
  });

  test('a family suppression is named as the annotation that hid the finding; the check\'s own wins over it', () => {
    const family = 'suppress.daemonsets.cdk8s.io/semantics';
    const own = 'suppress.daemonsets.cdk8s.io/semantics.env-names';
    const ds = daemonSet({ volumes: [BACKSTEP_HOST_PATH], containers: [container({ env: REPEATED_ENV })] },
      { annotations: { [family]: 'legacy manifest', [own]: 'the second value wins on purpose' } });
    const report = run([ds], { rules: ['semantics'] });
    expect(report.suppressed.map(f => [f.ruleId, f.severity, f.annotation, f.reason])).toEqual([
      ['semantics/host-path', 'error', family, 'legacy manifest'],
      ['semantics/env-names', 'warning', own, 'the second value wins on purpose'],
    ]);
  });

  test('a suppression without a reason hides nothing: no suppressed entry, an engine/suppression-reason error', () => {
    const report = run([withBadEnv({ annotations: { 'suppress.daemonsets.cdk8s.io/semantics.env-names': ' ' } })], { rules: ['semantics'] });
    expect(report.suppressed).toEqual([]);
    expect(ids(report.findings)).toEqual(['engine/suppression-reason', 'semantics/env-names']);
  });

  test('severity overrides apply to suppressed findings, which still count for nothing', () => {
    const ds = withBadEnv({ annotations: { 'suppress.daemonsets.cdk8s.io/semantics.env-names': 'the second value wins on purpose' } });
    const report = run([ds], { rules: ['semantics'], severityOverrides: { semantics: Severity.ERROR } });
    expect(report.suppressed.map(f => [f.ruleId, f.severity])).toEqual([['semantics/env-names', 'error']]);
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
  });

  test('findings of skipped or unselected rules are not among the suppressed', () => {
    const ds = daemonSet({ volumes: [BACKSTEP_HOST_PATH], containers: [container({ env: REPEATED_ENV })] },
      { annotations: { 'suppress.daemonsets.cdk8s.io/semantics': 'legacy manifest' } });
    expect(run([ds], { rules: ['semantics'], skipRules: ['semantics/host-path'] }).suppressed.map(f => f.ruleId)).toEqual(['semantics/env-names']);
    expect(run([ds], { rules: ['semantics/host-path'] }).suppressed.map(f => f.ruleId)).toEqual(['semantics/host-path']);
    expect(run([ds], { rules: ['cross-object'] }).suppressed).toEqual([]);
  });
});

describe('options', () => {
  test('expectedNodeCount scales quota fit', () => {
    expect(ids(run(quotaTooSmall(), { expectedNodeCount: 50 }).findings)).toEqual([]);
    expect(ids(run(quotaTooSmall(), { expectedNodeCount: 51 }).findings)).toEqual(['cross-object/quota-fit']);
  });

  test('expectedNodeCount 0 throws a clear error', () => {
    expect(() => new ManifestValidator({ expectedNodeCount: 0 })).toThrow(/expectedNodeCount is 0; it must be a positive integer/);
    expect(() => validateManifests([], { expectedNodeCount: 0 })).toThrow(/expectedNodeCount is 0; it must be a positive integer/);
  });

  test('expectedNodeCount must be an integer', () => {
    expect(() => new ManifestValidator({ expectedNodeCount: 2.5 })).toThrow(/expectedNodeCount is 2.5; it must be a positive integer/);
    expect(() => new ManifestValidator({ expectedNodeCount: -3 })).toThrow(/expectedNodeCount is -3/);
  });

  test("kubernetesVersion 'latest' throws a clear error", () => {
    expect(() => new ManifestValidator({ kubernetesVersion: 'latest' })).toThrow(/kubernetesVersion 'latest' must be a minor version such as '1\.31'/);
    expect(() => validateManifests([], { kubernetesVersion: 'v1.31' })).toThrow(/kubernetesVersion 'v1\.31' must be a minor version/);
  });

  test('a minor version is accepted', () => {
    expect(() => new ManifestValidator({ kubernetesVersion: '1.27' })).not.toThrow();
    expect(ids(new ManifestValidator({ kubernetesVersion: '1.30' }).validate([daemonSet()]).findings)).toEqual([]);
  });

  test('a validator can be reused for several runs', () => {
    const validator = new ManifestValidator({ rules: ['semantics'] });
    expect(validator.validate([withBackstepHostPath()]).findings.map(f => f.ruleId)).toEqual(['semantics/host-path']);
    expect(validator.validate([daemonSet()]).findings).toEqual([]);
    expect(validator.validate([withBadEnv()]).findings.map(f => f.ruleId)).toEqual(['semantics/env-names']);
  });
});

describe('describeRules', () => {
  const rules = ManifestValidator.describeRules();

  test('lists every rule id with its severity, description, why, fix and equivalents', () => {
    const brief = rules.map(r => ({ id: r.id, severity: r.severity, description: r.description }));
    expect(brief).toEqual(expect.arrayContaining([
      { id: 'semantics/selector-matches-labels', severity: Severity.ERROR, description: expect.stringMatching(/selector/) },
      { id: 'cross-object/host-port-collision', severity: Severity.ERROR, description: expect.stringMatching(/host port/) },
      { id: 'cross-object/missing-reference', severity: Severity.WARNING, description: expect.stringMatching(/ServiceAccount, ConfigMap, Secret or PriorityClass/) },
      { id: 'cross-object/service-selects-nothing', severity: Severity.WARNING, description: expect.stringMatching(/Service/) },
      { id: 'cross-object/quota-fit', severity: Severity.ERROR, description: expect.stringMatching(/ResourceQuota/) },
      { id: 'cross-object/limit-range-fit', severity: Severity.ERROR, description: expect.stringMatching(/LimitRange/) },
    ]));
    expect(rules.find(r => r.id === 'cross-object/service-selects-nothing')).toEqual({
      id: 'cross-object/service-selects-nothing',
      severity: Severity.WARNING,
      description: expect.stringMatching(/selector/),
      why: expect.stringMatching(/no endpoints/),
      fix: expect.stringMatching(/selector/),
      kubeScore: 'service-targets-pod',
      kubeLinter: 'dangling-service',
    });
  });

  test('a family that reports finer ids is listed by those ids, not by its own', () => {
    const list = rules.map(r => r.id);
    expect(list).not.toContain('semantics');
    expect(list).not.toContain('runtime');
    expect(list).toEqual(expect.arrayContaining(['semantics/host-path', 'runtime/probe-ports', 'engine/internal', 'engine/suppression-reason']));
  });

  test('ids are unique, family-qualified, with non-empty descriptions', () => {
    const list = rules.map(r => r.id);
    expect(new Set(list).size).toBe(list.length);
    for (const r of rules) {
      expect(r.id).toMatch(/^[a-z-]+\/[a-z0-9-]+$/);
      expect(Object.values(Severity)).toContain(r.severity);
      expect(r.description.length).toBeGreaterThan(20);
    }
  });
});
