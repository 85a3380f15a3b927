import { validateManifests } from '../../../src/validation/engine';
import { checkDaemonSet, checkObjectMeta } from '../../../src/validation/rules/semantics/semantics';

/*
 * Object metadata (every kind) and the DaemonSet's own spec. Each table row is a case asked of kube-apiserver v1.37.2
 * (server-side dry run, strict field validation): `[]` means it accepted the object, otherwise the semantics checks
 * its rejection maps to.
 */

type Json = { [key: string]: any };

const ids = (problems: { rule: string }[]) => [...new Set(problems.map(p => p.rule.replace(/^semantics\//, '')))];

function configMap(metadata: Json): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace: 'default', ...metadata }, data: { a: 'b' } };
}

function daemonSet(change: (ds: Json) => void = () => {}): Json {
  const ds: Json = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'x', namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: 'x' } },
      template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
    },
  };
  change(ds);
  return ds;
}

const rolling = (rollingUpdate: unknown, type: unknown = 'RollingUpdate') => daemonSet(ds => {
  ds.spec.updateStrategy = { type, rollingUpdate };
});

describe('object metadata (ValidateObjectMeta) of every kind', () => {
  test.each<[string, Json, string[]]>([
    ['a ConfigMap with a name', configMap({ name: 'a' }), []],
    ['no name', configMap({}), ['metadata-name']],
    ['a LimitRange without a name (named with a UUID)', { apiVersion: 'v1', kind: 'LimitRange', metadata: {}, spec: { limits: [] } }, []],
    ['a ResourceQuota without a name', { apiVersion: 'v1', kind: 'ResourceQuota', spec: { hard: { pods: '10' } } }, ['metadata-name']],
    ['an empty name', configMap({ name: '' }), ['metadata-name']],
    ['only a generateName', configMap({ generateName: 'abc-' }), []],
    ['an upper-case generateName', configMap({ generateName: 'ABC-' }), ['dns-name']],
    ['a generateName ending in a dot', configMap({ generateName: 'abc.' }), ['dns-name']],
    ['a generateName whose generated name is invalid (a.-)', configMap({ generateName: 'a.-' }), ['dns-name']],
    ['a generateName of one dash', configMap({ generateName: '-' }), ['dns-name']],
    ['a generateName of one letter', configMap({ generateName: 'a' }), []],
    ['a generateName a.b-', configMap({ generateName: 'a.b-' }), []],
    ['a 300-character generateName', configMap({ generateName: 'a'.repeat(300) }), ['dns-name']],
    ['a bad generateName beside a good name', configMap({ name: 'ok', generateName: 'ABC-' }), ['dns-name']],
    ['a Service named a.b (DNS-1123 label)', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a.b' } }, ['dns-name']],
    ['a Service named 1abc (a label since 1.36)', { apiVersion: 'v1', kind: 'Service', metadata: { name: '1abc' } }, []],
    ['a Service named with 64 characters', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a'.repeat(64) } }, ['dns-name']],
    ['a Service generateName abc.', { apiVersion: 'v1', kind: 'Service', metadata: { generateName: 'abc.' } }, ['dns-name']],
    ['a Service generateName of 70 characters', { apiVersion: 'v1', kind: 'Service', metadata: { generateName: 'a'.repeat(70) } }, ['dns-name']],
    ['a Namespace named 1abc', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: '1abc' } }, []],
    ['a Namespace named a.b', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } }, ['dns-name']],
    ['a ServiceAccount named a.b', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'a.b' } }, []],
    ['a StatefulSet named a.b', { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'a.b' } }, ['dns-name']],
    ['a PriorityClass named A', { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'A' }, value: 1 }, ['dns-name']],
    ['a ClusterRole named system:Foo_Bar', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'system:Foo_Bar' } }, []],
    ['a ClusterRole named a/b', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a/b' } }, ['dns-name']],
    ['a ClusterRole named a%b', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a%b' } }, ['dns-name']],
    ['a ClusterRole named ..', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: '..' } }, ['dns-name']],
    ['a ClusterRole generateName .', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { generateName: '.' } }, ['dns-name']],
    ['a ClusterRole generateName a/', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { generateName: 'a/' } }, ['dns-name']],
    ['a ClusterRole with a namespace (cleared)', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'a', namespace: 'Bad_NS' } }, []],
    ['a PodDisruptionBudget named A_B', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'A_B' } }, []],
    ['a CronJob named with 53 characters', { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'a'.repeat(53) } }, ['dns-name']],
    ['a DaemonSet named with 64 characters', daemonSet(ds => { ds.metadata.name = 'a'.repeat(64); }), []],
    ['a namespace that is not a DNS label', configMap({ name: 'a', namespace: 'Bad_NS' }), ['namespace-name']],
    ['an upper-case annotation key prefix', configMap({ name: 'a', annotations: { 'Foo.Example.COM/Bar': 'x' } }), []],
    ['an upper-case label key prefix', configMap({ name: 'a', labels: { 'Example.com/a': 'x' } }), ['metadata-syntax']],
    ['annotations of 262144 bytes', configMap({ name: 'a', annotations: { a: 'x'.repeat(262143) } }), []],
    ['annotations of 262145 bytes', configMap({ name: 'a', annotations: { a: 'x'.repeat(262144) } }), ['annotations-size']],
    ['annotations over the limit in UTF-8 bytes', configMap({ name: 'a', annotations: { a: 'é'.repeat(131072) } }), ['annotations-size']],
    ['a finalizer with a space', configMap({ name: 'a', finalizers: ['bad finalizer'] }), ['finalizers']],
    ['an unqualified finalizer', configMap({ name: 'a', finalizers: ['foo'] }), ['finalizers']],
    ['an unqualified finalizer on a ClusterRole', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'x', finalizers: ['foo'] } }, ['finalizers']],
    ['the kubernetes finalizer', configMap({ name: 'a', finalizers: ['kubernetes'] }), []],
    ['a prefixed finalizer', configMap({ name: 'a', finalizers: ['kubernetes.io/foo', 'a.io/x', 'a.io/x'] }), []],
    ['a finalizer with two slashes', configMap({ name: 'a', finalizers: ['a/b/c'] }), ['finalizers']],
    ['orphan and foregroundDeletion', configMap({ name: 'a', finalizers: ['orphan', 'foregroundDeletion'] }), ['finalizers']],
    ['empty owner reference fields', configMap({ name: 'a', ownerReferences: [{ apiVersion: '', kind: '', name: '', uid: '' }] }), ['owner-references']],
    ['an owner apiVersion a/b/c', configMap({ name: 'a', ownerReferences: [{ apiVersion: 'a/b/c', kind: 'K', name: 'n', uid: 'u' }] }), ['owner-references']],
    ['an owner apiVersion apps/', configMap({ name: 'a', ownerReferences: [{ apiVersion: 'apps/', kind: 'K', name: 'n', uid: 'u' }] }), ['owner-references']],
    ['a v1 Event as owner', configMap({ name: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'Event', name: 'n', uid: 'u' }] }), ['owner-references']],
    ['an events.k8s.io Event as owner', configMap({ name: 'a', ownerReferences: [{ apiVersion: 'events.k8s.io/v1', kind: 'Event', name: 'n', uid: 'u' }] }), []],
    ['two controllers', configMap({
      name: 'a',
      ownerReferences: [{ apiVersion: 'v1', kind: 'A', name: 'n', uid: 'u', controller: true }, { apiVersion: 'v1', kind: 'B', name: 'm', uid: 'v', controller: true }],
    }), ['owner-references']],
    ['an owner reference without uid', configMap({ name: 'a', ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x' }] }), ['owner-references']],
    ['a negative generation', configMap({ name: 'a', generation: -1 }), ['non-negative']],
    ['uid and resourceVersion on create', configMap({ name: 'a', uid: 'abc', resourceVersion: '12' }), []],
  ])('%s', (_, obj, expected) => {
    expect(ids(checkObjectMeta(obj))).toEqual(expected);
  });

  test('messages name the field, the value and the rule', () => {
    const [p] = checkObjectMeta({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a.b' } });
    expect(p).toEqual({ rule: 'semantics/dns-name', path: 'metadata.name', message: 'name \'a.b\' must not contain dots (DNS-1123 label); a Service\'s name must be a DNS-1123 label' });
    const [g] = checkObjectMeta(configMap({ generateName: 'a.-' }));
    expect(g.path).toBe('metadata.generateName');
    expect(g.message).toMatch(/^the name generated from generateName 'a\.-' \(e\.g\. 'a\.-xxxxx'\) must consist of lower-case/);
    const [s] = checkObjectMeta(configMap({ name: 'a', annotations: { a: 'x'.repeat(262144) } }));
    expect(s.message).toBe('the annotations take 262145 bytes (keys and values); they may not be more than 262144 bytes (256 KiB) in total');
  });

  test('a Service name follows the DNS-1035 rule before Kubernetes 1.36', () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: '1abc', namespace: 'default' }, spec: { ports: [{ port: 80 }] } };
    expect(ids(checkObjectMeta(service, { kubernetesVersion: '1.35' }))).toEqual(['dns-name']);
    expect(ids(checkObjectMeta(service, { kubernetesVersion: '1.36' }))).toEqual([]);
    const rules = (version: string) => validateManifests([service], { kubernetesVersion: version }).findings.map(f => f.ruleId);
    expect(rules('1.31')).toContain('semantics/dns-name');
    expect(rules('1.37')).not.toContain('semantics/dns-name');
  });

  test.each([null, 'x', 3, [], { kind: 3 }, { kind: 'ConfigMap', metadata: 'x' }, { kind: 'List', items: [] },
    { kind: 'ConfigMap', metadata: { name: 3, generateName: [], namespace: {}, labels: 'x', annotations: [1], finalizers: 'x', ownerReferences: {}, generation: 'x' } },
    { kind: 'ConfigMap', metadata: { name: 'a', finalizers: [null, 1, {}], ownerReferences: [null, 1, 'x', { controller: 'yes' }], annotations: { a: 1 } } }])('never throws on %p', obj => {
    expect(() => checkObjectMeta(obj as any)).not.toThrow();
  });
});

describe('the DaemonSet spec (ValidateDaemonSetSpec)', () => {
  test.each<[string, Json, string[]]>([
    ['a valid DaemonSet', daemonSet(), []],
    ['maxSurge alone (maxUnavailable defaults to 1)', rolling({ maxSurge: 1 }), ['rolling-update']],
    ['maxSurge with maxUnavailable 0', rolling({ maxSurge: 1, maxUnavailable: 0 }), []],
    ['both non-zero', rolling({ maxSurge: '10%', maxUnavailable: 1 }), ['rolling-update']],
    ['maxUnavailable 0 alone', rolling({ maxUnavailable: 0 }), ['rolling-update']],
    ['0% and 0', rolling({ maxUnavailable: '0%', maxSurge: 0 }), ['rolling-update']],
    ['1.5%', rolling({ maxUnavailable: '1.5%' }), ['rolling-update']],
    ['abc', rolling({ maxUnavailable: 'abc' }), ['rolling-update']],
    ['a number as a string', rolling({ maxUnavailable: '5' }), ['rolling-update']],
    ['101%', rolling({ maxUnavailable: '101%' }), ['rolling-update']],
    ['a negative maxUnavailable', rolling({ maxUnavailable: -1 }), ['rolling-update']],
    ['a maxUnavailable beyond int32 (the API server cannot decode it)', rolling({ maxUnavailable: 2147483648 }), ['rolling-update']],
    ['a maxUnavailable of exactly the int32 maximum', rolling({ maxUnavailable: 2147483647 }), []],
    ['a negative maxSurge', rolling({ maxSurge: -1, maxUnavailable: 0 }), ['rolling-update']],
    ['-5%', rolling({ maxUnavailable: '-5%' }), ['rolling-update']],
    ['maxSurge 101%', rolling({ maxSurge: '101%', maxUnavailable: 0 }), ['rolling-update']],
    ['a huge percent', rolling({ maxUnavailable: '99999999999999999999%' }), ['rolling-update']],
    ['an empty string', rolling({ maxUnavailable: '' }), ['rolling-update']],
    ['OnDelete with a rollingUpdate (ignored)', rolling({ maxUnavailable: 0 }, 'OnDelete'), []],
    ['an empty type (defaults to RollingUpdate)', rolling({ maxUnavailable: 0 }, ''), ['rolling-update']],
    ['an unknown type', rolling(undefined, 'Foo'), ['rolling-update']],
    ['rollingUpdate null', rolling(null), []],
    ['rollingUpdate {}', rolling({}), []],
    ['selector {}', daemonSet(ds => { ds.spec.selector = {}; }), ['label-selector']],
    ['no selector', daemonSet(ds => { delete ds.spec.selector; }), ['selector-matches-labels']],
    ['selector null', daemonSet(ds => { ds.spec.selector = null; }), ['selector-matches-labels']],
    ['matchExpressions the labels fail', daemonSet(ds => { ds.spec.selector.matchExpressions = [{ key: 'tier', operator: 'In', values: ['a'] }]; }), ['selector-matches-labels']],
    ['matchExpressions the labels meet', daemonSet(ds => { ds.spec.selector.matchExpressions = [{ key: 'tier', operator: 'NotIn', values: ['a'] }]; }), []],
    ['Exists with values', daemonSet(ds => { ds.spec.selector.matchExpressions = [{ key: 'app', operator: 'Exists', values: ['a'] }]; }), ['label-selector']],
    ['operator Gt', daemonSet(ds => { ds.spec.selector.matchExpressions = [{ key: 'app', operator: 'Gt', values: ['1'] }]; }), ['label-selector']],
    ['an invalid label value in selector and template', daemonSet(ds => {
      ds.spec.selector.matchLabels = { app: '-x' };
      ds.spec.template.metadata.labels = { app: '-x' };
    }), ['label-selector', 'metadata-syntax']],
    ['a template without metadata', daemonSet(ds => { delete ds.spec.template.metadata; }), ['selector-matches-labels']],
    ['activeDeadlineSeconds', daemonSet(ds => { ds.spec.template.spec.activeDeadlineSeconds = 10; }), ['pod-template']],
    ['ephemeral containers in the template', daemonSet(ds => { ds.spec.template.spec.ephemeralContainers = [{ name: 'e', image: 'busybox' }]; }), ['pod-template']],
    ['a writable GCE persistent disk (accepted since 1.31)', daemonSet(ds => { ds.spec.template.spec.volumes = [{ name: 'pd', gcePersistentDisk: { pdName: 'disk' } }]; }), []],
    ['a negative minReadySeconds', daemonSet(ds => { ds.spec.minReadySeconds = -1; }), ['non-negative']],
    ['a negative revisionHistoryLimit', daemonSet(ds => { ds.spec.revisionHistoryLimit = -1; }), ['non-negative']],
    ['a template annotation key a/b/c', daemonSet(ds => { ds.spec.template.metadata.annotations = { 'a/b/c': 'x' }; }), ['metadata-syntax']],
    ['template annotations over 256 KiB', daemonSet(ds => { ds.spec.template.metadata.annotations = { a: 'x'.repeat(262144) }; }), ['annotations-size']],
    ['an upper-case template annotation key', daemonSet(ds => { ds.spec.template.metadata.annotations = { 'Foo/Bar': 'x' }; }), []],
    ['template name, namespace, finalizers and generateName (ignored)', daemonSet(ds => {
      Object.assign(ds.spec.template.metadata, { name: 'Bad_Name', namespace: 'Bad_NS', finalizers: ['foo'], generateName: 'Bad_' });
    }), []],
  ])('%s', (_, ds, expected) => {
    expect(ids(checkDaemonSet(ds))).toEqual(expected);
  });

  test('before Kubernetes 1.31 a DaemonSet may not mount a GCE persistent disk read-write', () => {
    const ds = daemonSet(d => {
      d.spec.template.spec.volumes = [{ name: 'pd', gcePersistentDisk: { pdName: 'disk' } }, { name: 'ro', gcePersistentDisk: { pdName: 'disk', readOnly: true } }];
    });
    expect(checkDaemonSet(ds, { kubernetesVersion: '1.30' }).map(p => [p.rule, p.path])).toEqual([
      ['semantics/pod-template', 'spec.template.spec.volumes[0].gcePersistentDisk.readOnly'],
    ]);
    expect(checkDaemonSet(ds, { kubernetesVersion: '1.31' })).toEqual([]);
  });

  test('the selector mismatch says which requirement the labels fail, at the template labels', () => {
    const ds = daemonSet(d => { d.spec.selector.matchExpressions = [{ key: 'tier', operator: 'In', values: ['a', 'b'] }]; });
    expect(checkDaemonSet(ds)).toEqual([{
      rule: 'semantics/selector-matches-labels',
      path: 'spec.template.metadata.labels',
      message: '`selector` does not match template `labels`: the pod template\'s labels fail the requirement tier In ["a","b"]; the selector must select the pod template\'s own labels',
    }]);
  });

  test('rolling update messages name the field, the value and the rule', () => {
    expect(checkDaemonSet(rolling({ maxSurge: 1 }))).toEqual([{
      rule: 'semantics/rolling-update',
      path: 'spec.updateStrategy.rollingUpdate.maxSurge',
      message: 'maxSurge is 1 but maxUnavailable is 1 (maxUnavailable defaults to 1); maxSurge may not be set when maxUnavailable is non-zero: set maxUnavailable to 0 to surge',
    }]);
    expect(checkDaemonSet(rolling({ maxUnavailable: '101%' }))[0].message).toBe('maxUnavailable \'101%\': must not be greater than 100%');
    expect(checkDaemonSet(rolling({ maxUnavailable: -1 }))[0].message).toBe('maxUnavailable -1: must be greater than or equal to 0');
    expect(checkDaemonSet(rolling({ maxUnavailable: '1.5%' }))[0].message).toMatch(/^maxUnavailable '1\.5%': a valid percent string must be a numeric string followed by an ending '%'/);
  });

  test('other workloads: template labels and annotations are checked at their template path', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { 'app': 'd', 'bad key': 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } },
    };
    const findings = validateManifests([deployment]).findings.filter(f => f.ruleId === 'semantics/metadata-syntax');
    expect(findings.map(f => f.path)).toEqual(['spec.template.metadata.labels']);
  });

  test('a Deployment may not set activeDeadlineSeconds either; a Job may', () => {
    const template = { metadata: { labels: { app: 'd' } }, spec: { activeDeadlineSeconds: 5, restartPolicy: 'Never', containers: [{ name: 'c', image: 'nginx:1.27' }] } };
    const deployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'd' } }, template } };
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: { template } };
    const rules = (obj: Json) => validateManifests([obj]).findings.filter(f => f.ruleId === 'semantics/pod-template').map(f => f.path);
    expect(rules(deployment)).toEqual(['spec.template.spec.activeDeadlineSeconds']);
    expect(rules(job)).toEqual([]);
  });

  test.each([{}, { spec: 'x' }, { spec: { selector: 'x', template: [], updateStrategy: 'x' } },
    { spec: { selector: { matchLabels: [], matchExpressions: [null, { key: 1, operator: {} }] }, updateStrategy: { type: 3, rollingUpdate: 'x' } } },
    { spec: { updateStrategy: { rollingUpdate: { maxUnavailable: {}, maxSurge: true } }, minReadySeconds: 'x', template: { metadata: { labels: 'x', annotations: [] } } } }])('never throws on %p', ds => {
    expect(() => checkDaemonSet(ds as any)).not.toThrow();
  });
});
