import { validateManifests, ValidationFinding } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';
import { compareVersionPriority } from '../../../src/validation/rules/schema/api-versions';

// apiVersion and kind as the API server of the target minor sees them: removed or not yet served versions and
// wrongly cased kinds are rejected ("no matches for kind"), deprecated versions answered with a warning.

function run(objects: any[], kubernetesVersion = '1.31'): ValidationFinding[] {
  return validateManifests(objects, { kubernetesVersion, rules: ['schema'] }).findings;
}

function only(objects: any[], kubernetesVersion = '1.31'): ValidationFinding {
  const all = run(objects, kubernetesVersion);
  expect(all.map(f => `${f.ruleId} ${f.path}: ${f.message}`)).toHaveLength(1);
  return all[0];
}

const daemonSet = (apiVersion: string, kind = 'DaemonSet') => ({
  apiVersion,
  kind,
  metadata: { name: 'agent', namespace: 'agents' },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.0' }] } },
  },
});
const flowSchema = (apiVersion: string) => ({ apiVersion, kind: 'FlowSchema', metadata: { name: 'fs' }, spec: { priorityLevelConfiguration: { name: 'global-default' } } });

describe('rejects an apiVersion the target version does not serve', () => {
  test('removed before 1.27 (the deprecation guide\'s table): names the release and the replacement', () => {
    expect(only([daemonSet('extensions/v1beta1')])).toMatchObject({
      ruleId: 'schema/api-version',
      severity: Severity.ERROR,
      kind: 'DaemonSet',
      path: 'apiVersion',
      message: 'extensions/v1beta1 DaemonSet was removed in Kubernetes 1.16; use apps/v1',
      hint: expect.stringMatching(/^set apiVersion: apps\/v1; /),
    });
    expect(only([daemonSet('apps/v1beta2')]).message).toBe('apps/v1beta2 DaemonSet was removed in Kubernetes 1.16; use apps/v1');
    expect(only([{ apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'i' } }]).message)
      .toBe('extensions/v1beta1 Ingress was removed in Kubernetes 1.22; use networking.k8s.io/v1');
    expect(only([{ apiVersion: 'batch/v1beta1', kind: 'CronJob', metadata: { name: 'c' } }]).message).toBe('batch/v1beta1 CronJob was removed in Kubernetes 1.25; use batch/v1');
  });

  test('removed without a replacement API says what replaces it', () => {
    expect(only([{ apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', metadata: { name: 'p' } }]).message)
      .toBe('policy/v1beta1 PodSecurityPolicy was removed in Kubernetes 1.25; Kubernetes 1.31.14 serves no replacement (Pod Security Admission replaces it: label the namespace pod-security.kubernetes.io/enforce)');
  });

  test('removed within the supported versions (derived from their OpenAPI specs)', () => {
    expect(run([flowSchema('flowcontrol.apiserver.k8s.io/v1beta3')], '1.31').map(f => f.ruleId)).toEqual(['schema/deprecated-api-version']);
    expect(only([flowSchema('flowcontrol.apiserver.k8s.io/v1beta3')], '1.32')).toMatchObject({
      ruleId: 'schema/api-version',
      message: 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema was removed in Kubernetes 1.32; use flowcontrol.apiserver.k8s.io/v1',
    });
    expect(only([flowSchema('flowcontrol.apiserver.k8s.io/v1beta2')], '1.37').message)
      .toBe('flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema was removed in Kubernetes 1.29; use flowcontrol.apiserver.k8s.io/v1');
  });

  test('not served yet by an older target version', () => {
    const vap = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'p' }, spec: {} };
    expect(run([vap], '1.30')).toEqual([]);
    expect(only([vap], '1.29')).toMatchObject({
      ruleId: 'schema/api-version',
      message: 'admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is not served by Kubernetes 1.29.6: it was first served in Kubernetes 1.30; use admissionregistration.k8s.io/v1beta1',
    });
  });

  test('never served: a built-in group with a version or kind it does not have', () => {
    expect(only([{ apiVersion: 'apps/v1', kind: 'CronJob', metadata: { name: 'c' } }])).toMatchObject({
      ruleId: 'schema/api-version',
      message: 'Kubernetes 1.31.14 serves no kind CronJob in apps/v1; CronJob is served as batch/v1',
    });
    expect(only([{ apiVersion: 'v2', kind: 'ConfigMap', metadata: { name: 'c' } }]).message).toBe('Kubernetes 1.31.14 serves no kind ConfigMap in v2; ConfigMap is served as v1');
    expect(only([{ apiVersion: 'apps/v1', kind: 'Widget', metadata: { name: 'w' } }])).toMatchObject({
      message: 'Kubernetes 1.31.14 serves no kind Widget in apps/v1',
      hint: expect.stringMatching(/^apps serves ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet in apps\/v1; /),
    });
  });
});

describe('rejects an apiVersion no API server could serve', () => {
  test.each([
    ['/apps/v1', 'it has more than one \'/\''],
    ['Example.com/v1', 'its group \'Example.com\' must consist of lower-case'],
    ['example.com/V1', 'its version \'V1\' is not a DNS-1035 label'],
    ['example.com/', 'its version \'\' is not a DNS-1035 label'],
  ])('%s', (apiVersion, why) => {
    expect(only([{ apiVersion, kind: 'DaemonSet', metadata: { name: 'd' } }])).toMatchObject({
      ruleId: 'schema/api-version',
      severity: Severity.ERROR,
      message: expect.stringContaining(`apiVersion '${apiVersion}' cannot be served by any API server: ${why}`),
      hint: 'DaemonSet is served as apps/v1',
    });
  });
});

describe('rejects a kind in the wrong case', () => {
  test.each(['daemonset', 'Daemonset', 'DAEMONSET'])('%s names the right spelling, and the object is still schema-checked', kind => {
    const findings = run([daemonSet('apps/v1', kind)]);
    expect(findings).toEqual([expect.objectContaining({
      ruleId: 'schema/kind-case',
      severity: Severity.ERROR,
      path: 'kind',
      message: `kind '${kind}' is not a kind the API server knows: kinds are case-sensitive, and this one is spelled 'DaemonSet'`,
      hint: 'set kind: DaemonSet',
    })]);
    const broken = daemonSet('apps/v1', kind) as any;
    broken.spec.templates = broken.spec.template;
    expect(run([broken]).map(f => f.ruleId).sort()).toEqual(['schema/kind-case', 'schema/valid']);
  });

  test('with a removed apiVersion as well: both are reported', () => {
    expect(run([daemonSet('extensions/v1beta1', 'daemonset')]).map(f => `${f.ruleId}: ${f.message}`)).toEqual([
      'schema/api-version: extensions/v1beta1 DaemonSet was removed in Kubernetes 1.16; use apps/v1',
      'schema/kind-case: kind \'daemonset\' is not a kind the API server knows: kinds are case-sensitive, and this one is spelled \'DaemonSet\'',
    ]);
  });

  test('a shipped CRD\'s kind in the wrong case', () => {
    const sm = { apiVersion: 'monitoring.coreos.com/v1', kind: 'servicemonitor', metadata: { name: 'm' }, spec: { selector: {}, endpoints: [] } };
    expect(only([sm])).toMatchObject({ ruleId: 'schema/kind-case', message: expect.stringMatching(/spelled 'ServiceMonitor'$/) });
  });
});

describe('deprecated apiVersions', () => {
  test('warn as the API server does, naming the replacement', () => {
    expect(only([flowSchema('flowcontrol.apiserver.k8s.io/v1beta3')], '1.30')).toMatchObject({
      ruleId: 'schema/deprecated-api-version',
      severity: Severity.WARNING,
      path: 'apiVersion',
      message: 'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema is deprecated in v1.29+, unavailable in v1.32+; use flowcontrol.apiserver.k8s.io/v1 FlowSchema',
      hint: 'set apiVersion: flowcontrol.apiserver.k8s.io/v1, which Kubernetes 1.30.14 serves',
    });
  });

  test('not before the release that deprecates them', () => {
    expect(run([flowSchema('flowcontrol.apiserver.k8s.io/v1beta3')], '1.28')).toEqual([]);
  });

  test('without an upstream replacement, the hint names the served alternative', () => {
    const vap = { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'p' }, spec: {} };
    expect(only([vap], '1.31')).toMatchObject({
      message: 'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy is deprecated in v1.31+, unavailable in v1.34+',
      hint: 'set apiVersion: admissionregistration.k8s.io/v1, which Kubernetes 1.31.14 serves',
    });
  });

  test('GA versions are never deprecated by the lifecycle tags', () => {
    expect(run([daemonSet('apps/v1')], '1.37')).toEqual([]);
  });
});

test('custom resources of unknown groups stay warnings', () => {
  expect(only([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'g' } }])).toMatchObject({ ruleId: 'schema/unknown-kind', severity: Severity.WARNING });
  expect(only([{ apiVersion: 'example.com/v1', kind: 'DaemonSet', metadata: { name: 'd' } }])).toMatchObject({
    ruleId: 'schema/unknown-kind',
    hint: 'DaemonSet is known as apiVersion apps/v1; example.com/v1 may be misspelled',
  });
});

test('Lists (what kubectl unwraps) are not judged', () => {
  expect(run([{ apiVersion: 'v1', kind: 'List', items: [] }, { apiVersion: 'apps/v1', kind: 'DaemonSetList', items: [] }])).toEqual([]);
});

test('version priority: GA before beta before alpha, higher first', () => {
  expect(['v1alpha1', 'v1beta1', 'v2beta2', 'v1', 'v2', 'v1beta2', 'foo'].sort(compareVersionPriority)).toEqual(['v2', 'v1', 'v2beta2', 'v1beta2', 'v1beta1', 'v1alpha1', 'foo']);
});
