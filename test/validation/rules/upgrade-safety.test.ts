import { matchObjects } from '../../../src/k8s/identity';
import {
  ALL_AT_ONCE_RULE, checkUpgradeSafety, IMMUTABLE_FIELD_RULE, IMMUTABLE_FIELDS, ON_DELETE_TO_ROLLING_RULE,
  REMOVED_REFERENCED_RULE, UPGRADE_SAFETY_RULES,
} from '../../../src/validation/rules/upgrade-safety';
import { changedPaths, jsonEqual } from '../../../src/validation/rules/upgrade-safety/json-paths';
import { daemonSetStrategy, scaledValue, wavePlan } from '../../../src/validation/rules/upgrade-safety/rollout';

type Json = { [key: string]: any };

/** A deep copy of `obj` with `patch` applied by `edit`. */
function edited(obj: Json, edit: (o: Json) => void): Json {
  const copy = JSON.parse(JSON.stringify(obj));
  edit(copy);
  return copy;
}

function daemonSet(name = 'agent', extra: (o: Json) => void = () => {}): Json {
  return edited({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'node-agents' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.0.0' }] },
      },
    },
  }, extra);
}

function service(spec: Json): Json {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc', namespace: 'node-agents' }, spec: { ports: [{ port: 80 }], ...spec } };
}

function errorsOf(previous: Json[], current: Json[]): string[] {
  return checkUpgradeSafety(previous, current).filter(f => f.ruleId === IMMUTABLE_FIELD_RULE).map(f => f.path);
}

/** [title, previous, current, refused paths (empty: allowed)] */
type Case = [string, Json, Json, string[]];

const configMap = (extra: Json) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'node-agents' }, ...extra });
const secret = (extra: Json) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: 'node-agents' }, ...extra });
const quota = (spec: Json) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'node-agents' }, spec });
const binding = (kind: string, roleName: string) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name: 'b', ...(kind === 'RoleBinding' ? { namespace: 'node-agents' } : {}) },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole', name: roleName },
  subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: 'node-agents' }],
});
const priorityClass = (extra: Json) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'agents' }, value: 1000, ...extra });
const workload = (kind: string, spec: Json) => ({ apiVersion: 'apps/v1', kind, metadata: { name: 'w', namespace: 'node-agents' }, spec });

const CASES: Case[] = [
  ['DaemonSet selector changed', daemonSet(), daemonSet('agent', o => (o.spec.selector.matchLabels = { app: 'agent', tier: 'node' })), ['spec.selector']],
  ['DaemonSet selector in another key order, template changed', daemonSet('agent', o => (o.spec.selector.matchLabels = { a: '1', b: '2' })),
    daemonSet('agent', o => { o.spec.selector.matchLabels = { b: '2', a: '1' }; o.spec.template.spec.containers[0].image = 'x:2'; }), []],
  ['DaemonSet selector matchExpressions added', daemonSet(), daemonSet('agent', o => (o.spec.selector.matchExpressions = [{ key: 'app', operator: 'Exists' }])), ['spec.selector']],
  ['DaemonSet empty matchExpressions equals none', daemonSet(), daemonSet('agent', o => (o.spec.selector.matchExpressions = [])), []],
  ['Deployment selector changed', workload('Deployment', { selector: { matchLabels: { a: '1' } } }), workload('Deployment', { selector: { matchLabels: { a: '2' } } }), ['spec.selector']],
  ['ReplicaSet selector changed', workload('ReplicaSet', { selector: { matchLabels: { a: '1' } } }), workload('ReplicaSet', { selector: { matchLabels: { a: '2' } } }), ['spec.selector']],
  ['StatefulSet selector changed', workload('StatefulSet', { selector: { matchLabels: { a: '1' } } }), workload('StatefulSet', { selector: { matchLabels: { a: '2' } } }), ['spec.selector']],
  ['StatefulSet serviceName changed', workload('StatefulSet', { serviceName: 'a' }), workload('StatefulSet', { serviceName: 'b' }), ['spec.serviceName']],
  ['StatefulSet podManagementPolicy set to its default', workload('StatefulSet', {}), workload('StatefulSet', { podManagementPolicy: 'OrderedReady' }), []],
  ['StatefulSet podManagementPolicy changed', workload('StatefulSet', {}), workload('StatefulSet', { podManagementPolicy: 'Parallel' }), ['spec.podManagementPolicy']],
  ['StatefulSet volumeClaimTemplates changed', workload('StatefulSet', { volumeClaimTemplates: [{ metadata: { name: 'data' } }] }),
    workload('StatefulSet', { volumeClaimTemplates: [{ metadata: { name: 'state' } }] }), ['spec.volumeClaimTemplates']],
  ['StatefulSet replicas changed', workload('StatefulSet', { replicas: 1 }), workload('StatefulSet', { replicas: 3 }), []],
  ['Service clusterIP changed', service({ clusterIP: '10.0.0.1' }), service({ clusterIP: '10.0.0.2' }), ['spec.clusterIPs[0]']],
  ['Service clusterIP left unset (allocated value kept)', service({ clusterIP: '10.0.0.1' }), service({}), []],
  ['Service clusterIP set for the first time', service({}), service({ clusterIP: '10.0.0.9' }), []],
  ['Service headless to a cluster IP', service({ clusterIP: 'None' }), service({ clusterIP: '10.0.0.3' }), ['spec.clusterIPs[0]']],
  ['Service headless stays headless', service({ clusterIP: 'None' }), service({ clusterIPs: ['None'] }), []],
  ['Service secondary clusterIP changed', service({ clusterIPs: ['10.0.0.1', 'fd00::1'] }), service({ clusterIPs: ['10.0.0.1', 'fd00::2'] }), ['spec.clusterIPs[1]']],
  ['Service secondary clusterIP added', service({ clusterIPs: ['10.0.0.1'] }), service({ clusterIPs: ['10.0.0.1', 'fd00::1'] }), []],
  ['Service primary changed while adding a secondary', service({ clusterIPs: ['10.0.0.1'] }), service({ clusterIPs: ['10.0.0.2', 'fd00::1'] }), ['spec.clusterIPs[0]']],
  ['Service secondary released with SingleStack', service({ clusterIPs: ['10.0.0.1', 'fd00::1'] }), service({ clusterIPs: ['10.0.0.1'], ipFamilyPolicy: 'SingleStack' }), []],
  ['Service secondary released without SingleStack', service({ clusterIPs: ['10.0.0.1', 'fd00::1'] }), service({ clusterIPs: ['10.0.0.1'] }), ['spec.ipFamilyPolicy']],
  ['Service clusterIP changed while becoming ExternalName', service({ clusterIP: '10.0.0.1' }), service({ type: 'ExternalName', externalName: 'x.example.com', clusterIP: '10.0.0.2' }), []],
  ['Service ipFamilies primary changed', service({ ipFamilies: ['IPv4'] }), service({ ipFamilies: ['IPv6'] }), ['spec.ipFamilies[0]']],
  ['Service ipFamilies secondary added', service({ ipFamilies: ['IPv4'] }), service({ ipFamilies: ['IPv4', 'IPv6'] }), []],
  ['Service ipFamilies changed on a headless Service', service({ clusterIP: 'None', ipFamilies: ['IPv4'] }), service({ clusterIP: 'None', ipFamilies: ['IPv6'] }), []],
  ['Service ipFamilies from ExternalName', service({ type: 'ExternalName', externalName: 'x', ipFamilies: ['IPv4'] }), service({ ipFamilies: ['IPv6'] }), []],
  ['Service loadBalancerClass changed', service({ type: 'LoadBalancer', loadBalancerClass: 'a.example.com/lb' }), service({ type: 'LoadBalancer', loadBalancerClass: 'b.example.com/lb' }), ['spec.loadBalancerClass']],
  ['Service loadBalancerClass removed', service({ type: 'LoadBalancer', loadBalancerClass: 'a.example.com/lb' }), service({ type: 'LoadBalancer' }), ['spec.loadBalancerClass']],
  ['Service loadBalancerClass set while becoming a LoadBalancer', service({ type: 'ClusterIP' }), service({ type: 'LoadBalancer', loadBalancerClass: 'a.example.com/lb' }), []],
  ['Service healthCheckNodePort changed', service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30001 }),
    service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30002 }), ['spec.healthCheckNodePort']],
  ['Service healthCheckNodePort changed while switching to Cluster', service({ type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: 30001 }),
    service({ type: 'LoadBalancer', externalTrafficPolicy: 'Cluster', healthCheckNodePort: 30002 }), []],
  ['immutable ConfigMap data changed', configMap({ immutable: true, data: { a: '1' } }), configMap({ immutable: true, data: { a: '2' } }), ['data']],
  ['immutable ConfigMap binaryData changed', configMap({ immutable: true, binaryData: { a: 'AA==' } }), configMap({ immutable: true, binaryData: { a: 'AQ==' } }), ['binaryData']],
  ['immutable ConfigMap made mutable', configMap({ immutable: true, data: { a: '1' } }), configMap({ immutable: false, data: { a: '1' } }), ['immutable']],
  ['immutable ConfigMap flag removed', configMap({ immutable: true, data: { a: '1' } }), configMap({ data: { a: '1' } }), ['immutable']],
  ['immutable ConfigMap labels changed', configMap({ immutable: true, data: { a: '1' } }), configMap({ immutable: true, data: { a: '1' }, metadata: { name: 'cfg', namespace: 'node-agents', labels: { x: 'y' } } }), []],
  ['mutable ConfigMap data changed and made immutable', configMap({ data: { a: '1' } }), configMap({ immutable: true, data: { a: '2' } }), []],
  ['immutable Secret data changed', secret({ immutable: true, data: { a: 'MQ==' } }), secret({ immutable: true, data: { a: 'Mg==' } }), ['data']],
  ['immutable Secret stringData equal to its data', secret({ immutable: true, data: { a: 'MQ==' } }), secret({ immutable: true, stringData: { a: '1' } }), []],
  ['immutable Secret stringData changed', secret({ immutable: true, stringData: { a: '1' } }), secret({ immutable: true, stringData: { a: '2' } }), ['data']],
  ['immutable Secret made mutable', secret({ immutable: true }), secret({}), ['immutable']],
  ['Secret type changed', secret({ type: 'Opaque' }), secret({ type: 'kubernetes.io/tls' }), ['type']],
  ['Secret type set to its default', secret({}), secret({ type: 'Opaque' }), []],
  ['ResourceQuota scopes changed', quota({ scopes: ['BestEffort'] }), quota({ scopes: ['NotBestEffort'] }), ['spec.scopes']],
  ['ResourceQuota scopes reordered', quota({ scopes: ['BestEffort', 'Terminating'] }), quota({ scopes: ['Terminating', 'BestEffort'] }), []],
  ['ResourceQuota hard changed', quota({ hard: { pods: '10' } }), quota({ hard: { pods: '20' } }), []],
  ['ResourceQuota scopeSelector changed (mutable upstream)', quota({ scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['a'] }] } }),
    quota({ scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['b'] }] } }), []],
  ['RoleBinding roleRef changed', binding('RoleBinding', 'a'), binding('RoleBinding', 'b'), ['roleRef']],
  ['RoleBinding subjects changed', binding('RoleBinding', 'a'), edited(binding('RoleBinding', 'a'), o => (o.subjects[0].name = 'other')), []],
  ['ClusterRoleBinding roleRef changed', binding('ClusterRoleBinding', 'a'), binding('ClusterRoleBinding', 'b'), ['roleRef']],
  ['PriorityClass value changed', priorityClass({}), priorityClass({ value: 2000 }), ['value']],
  ['PriorityClass preemptionPolicy changed', priorityClass({}), priorityClass({ preemptionPolicy: 'Never' }), ['preemptionPolicy']],
  ['PriorityClass preemptionPolicy set to its default', priorityClass({}), priorityClass({ preemptionPolicy: 'PreemptLowerPriority' }), []],
  ['PriorityClass description changed', priorityClass({}), priorityClass({ description: 'node agents' }), []],
];

describe('immutable fields', () => {
  test.each(CASES)('%s', (_title, previous, current, refused) => {
    expect(errorsOf([previous], [current])).toEqual(refused);
  });

  test('every row of the table is exercised by a refused case', () => {
    const refusedKinds = new Set(CASES.filter(c => c[3].length > 0).map(c => `${c[2].kind}`));
    for (const row of IMMUTABLE_FIELDS) expect(refusedKinds).toContain(row.kind);
  });

  test('the DaemonSet selector message says what happens and what to do', () => {
    const [f] = checkUpgradeSafety([daemonSet()], [daemonSet('agent', o => (o.spec.selector.matchLabels.tier = 'node'))]);
    expect(f).toMatchObject({ ruleId: IMMUTABLE_FIELD_RULE, severity: 'error', kind: 'DaemonSet', namespace: 'node-agents', name: 'agent', path: 'spec.selector' });
    expect(f.message).toContain('the API server refuses this update of DaemonSet node-agents/agent: spec.selector is immutable');
    expect(f.message).toContain('delete and recreate the DaemonSet (pods restart) or keep the old selector (selectorLabels)');
    expect(f.message).toContain('ValidateDaemonSetSpecUpdate');
    expect(f.object.spec.selector.matchLabels.tier).toBe('node');
  });

  test('objects are matched by group, kind, namespace (default) and name, not by apiVersion version', () => {
    const before = edited(daemonSet(), o => { delete o.metadata.namespace; o.apiVersion = 'apps/v1beta2'; });
    const after = edited(daemonSet(), o => { o.metadata.namespace = 'default'; o.spec.selector.matchLabels.x = 'y'; });
    expect(errorsOf([before], [after])).toEqual(['spec.selector']);
    expect(errorsOf([daemonSet()], [edited(daemonSet(), o => { o.metadata.namespace = 'other'; o.spec.selector.matchLabels.x = 'y'; })])).toEqual([]);
    expect(errorsOf([workload('Deployment', { selector: { a: 1 } })], [{ ...workload('Deployment', { selector: { a: 2 } }), apiVersion: 'example.com/v1' }])).toEqual([]);
  });

  test('the validator is total: garbage in, no findings and no exception', () => {
    const junk: any[] = [null, 1, 'x', [], {}, { kind: 'DaemonSet' }, { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'a' }, spec: 'nope' }];
    expect(checkUpgradeSafety(junk, junk)).toEqual([]);
    expect(checkUpgradeSafety(undefined as any, null as any)).toEqual([]);
  });

  test('the rules are declared as data with upgrade-safety ids', () => {
    expect(UPGRADE_SAFETY_RULES.map(r => `${r.id} ${r.severity}`)).toEqual([
      'upgrade-safety/immutable-field error', 'upgrade-safety/all-at-once warning',
      'upgrade-safety/on-delete-to-rolling-update warning', 'upgrade-safety/removed-still-referenced warning',
    ]);
    expect(UPGRADE_SAFETY_RULES[0].description).toContain('DaemonSet spec.selector');
  });
});

describe('warnings', () => {
  const newImage = (o: Json) => (o.spec.template.spec.containers[0].image = 'registry.example.com/agent:2.0.0');
  const warningsOf = (previous: Json[], current: Json[], nodeCount?: number) =>
    checkUpgradeSafety(previous, current, { nodeCount }).filter(f => f.severity === 'warning').map(f => `${f.ruleId} ${f.path}`);

  test('maxUnavailable 100% with a template change restarts everywhere at once', () => {
    const s = strategy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } });
    const findings = checkUpgradeSafety([daemonSet('agent', s)], [daemonSet('agent', o => { s(o); newImage(o); })]);
    expect(findings.map(f => f.ruleId)).toEqual([ALL_AT_ONCE_RULE]);
    expect(findings[0].message).toMatch(/restarts on every node at once: .*maxUnavailable is 100%/);
  });

  test('maxUnavailable 100% without a template change is quiet', () => {
    const s = strategy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } });
    expect(warningsOf([daemonSet('agent', s)], [daemonSet('agent', o => { s(o); o.metadata.labels = { a: 'b' }; })])).toEqual([]);
  });

  test('a numeric maxUnavailable at least the node count warns only when the node count is known', () => {
    const s = strategy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 5 } });
    const before = [daemonSet('agent', s)];
    const after = [daemonSet('agent', o => { s(o); newImage(o); })];
    expect(warningsOf(before, after)).toEqual([]);
    expect(warningsOf(before, after, 5)).toEqual([`${ALL_AT_ONCE_RULE} spec.updateStrategy.rollingUpdate.maxUnavailable`]);
    expect(warningsOf(before, after, 6)).toEqual([]);
    expect(checkUpgradeSafety(before, after, { nodeCount: () => 3 })[0].message).toContain('maxUnavailable 5 covers all 3 nodes');
  });

  test('maxSurge keeps the agent on each node: no all-at-once warning', () => {
    const s = strategy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '100%' } });
    expect(warningsOf([daemonSet('agent', s)], [daemonSet('agent', o => { s(o); newImage(o); })], 3)).toEqual([]);
  });

  test('the default strategy (maxUnavailable 1) on many nodes is quiet', () => {
    expect(warningsOf([daemonSet()], [daemonSet('agent', newImage)], 50)).toEqual([]);
  });

  test('OnDelete switched to RollingUpdate with a template change', () => {
    const findings = checkUpgradeSafety([daemonSet('agent', strategy({ type: 'OnDelete' }))], [daemonSet('agent', newImage)]);
    expect(findings.map(f => `${f.ruleId} ${f.path}`)).toEqual([`${ON_DELETE_TO_ROLLING_RULE} spec.updateStrategy.type`]);
    expect(findings[0].message).toContain('every old pod on every node is replaced');
  });

  test('OnDelete switched to RollingUpdate alone, or a template change under OnDelete, is quiet', () => {
    expect(warningsOf([daemonSet('agent', strategy({ type: 'OnDelete' }))], [daemonSet()])).toEqual([]);
    expect(warningsOf([daemonSet('agent', strategy({ type: 'OnDelete' }))], [daemonSet('agent', o => { strategy({ type: 'OnDelete' })(o); newImage(o); })])).toEqual([]);
  });

  const refs = (o: Json) => {
    const spec = o.spec.template.spec;
    spec.serviceAccountName = 'agent';
    spec.priorityClassName = 'agents';
    spec.volumes = [{ name: 'cfg', configMap: { name: 'agent-config' } }, { name: 'opt', configMap: { name: 'optional-config', optional: true } }];
    spec.containers[0].envFrom = [{ secretRef: { name: 'agent-token' } }];
  };
  const defined = [
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'agent-config', namespace: 'node-agents' } },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'optional-config', namespace: 'node-agents' } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'agent-token', namespace: 'node-agents' } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'node-agents' } },
    { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'agents' }, value: 1 },
  ];

  test('removing objects a pod template still refers to', () => {
    const findings = checkUpgradeSafety([daemonSet('agent', refs), ...defined], [daemonSet('agent', refs)]);
    expect(findings.map(f => `${f.ruleId} ${f.kind} ${f.name} ${f.path}`)).toEqual([
      `${REMOVED_REFERENCED_RULE} DaemonSet agent spec.template.spec.serviceAccountName`,
      `${REMOVED_REFERENCED_RULE} DaemonSet agent spec.template.spec.priorityClassName`,
      `${REMOVED_REFERENCED_RULE} DaemonSet agent spec.template.spec.volumes[0].configMap`,
      `${REMOVED_REFERENCED_RULE} DaemonSet agent spec.template.spec.containers[0].envFrom[0].secretRef`,
    ]);
    expect(findings[2].message).toBe('ConfigMap node-agents/agent-config is removed, but DaemonSet node-agents/agent still refers to it: '
      + 'new pods (after a restart, a rollout or on a new node) fail to start until it exists again');
    expect(findings[1].message).toContain('PriorityClass agents is removed');
  });

  test('removing objects nobody refers to any more, or that only an optional reference names, is quiet', () => {
    expect(checkUpgradeSafety([daemonSet('agent', refs), ...defined], [daemonSet(), defined[0]])).toEqual([]);
    expect(checkUpgradeSafety([daemonSet('agent', refs), ...defined], [daemonSet('agent', refs), ...defined.filter(o => o.metadata.name !== 'optional-config')])).toEqual([]);
  });

  test('a removed object of the same name in another namespace is not the one referred to', () => {
    const elsewhere = { ...defined[0], metadata: { name: 'agent-config', namespace: 'other' } };
    expect(checkUpgradeSafety([daemonSet('agent', refs), ...defined, elsewhere], [daemonSet('agent', refs), ...defined])).toEqual([]);
  });
});

describe('helpers', () => {
  test('objects are matched and sorted deterministically', () => {
    const pairs = matchObjects([daemonSet('b'), daemonSet('a'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'z' } }], [daemonSet('c'), daemonSet('a')]);
    expect(pairs.map(p => `${p.identity.kind}/${p.identity.name}:${p.previous ? 'p' : ''}${p.current ? 'c' : ''}`)).toEqual([
      'Namespace/z:p', 'DaemonSet/a:pc', 'DaemonSet/b:p', 'DaemonSet/c:c',
    ]);
  });

  test('changed paths are the deepest differing paths, annotation keys bracketed', () => {
    expect(changedPaths(
      { a: { b: 1, c: [1, 2] }, annotations: { 'x.io/y': '1' }, e: null },
      { a: { b: 2, c: [1, 3, 4] }, annotations: { 'x.io/y': '2' }, e: [] },
    )).toEqual(['a.b', 'a.c[1]', 'a.c[2]', "annotations['x.io/y']"]);
    expect(jsonEqual({ a: [], b: {}, c: null }, {})).toBe(true);
    expect(changedPaths(1, 2)).toEqual(['.']);
  });

  test.each([
    // [maxUnavailable, maxSurge, nodes, perWave, waves, surge]
    [1, 0, 10, 1, 10, false],
    [3, 0, 10, 3, 4, false],
    ['10%', 0, 25, 3, 9, false], // 2.5 rounds up to 3
    ['10%', 0, 5, 1, 5, false], // 0.5 rounds up to 1
    ['33%', 0, 10, 4, 3, false], // 3.3 rounds up to 4
    ['100%', 0, 7, 7, 1, false],
    [20, 0, 7, 7, 1, false],
    [0, 2, 10, 2, 5, true],
    [0, '25%', 10, 3, 4, true],
    [1, '10%', 100, 10, 10, true], // surging: maxUnavailable is not used
    [0, 0, 4, 1, 4, false], // the controller falls back to maxUnavailable 1
    ['10%', 0, 0, 0, 0, false],
  ])('waves: maxUnavailable %p, maxSurge %p on %p nodes: %p per wave, %p waves', (maxUnavailable, maxSurge, nodes, perWave, waves, surge) => {
    const ds = daemonSet('agent', strategy({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge } }));
    expect(wavePlan(daemonSetStrategy(ds), nodes as number)).toEqual({ nodes, perWave, waves, surge });
  });

  test('waves: defaults, OnDelete and invalid values', () => {
    expect(wavePlan(daemonSetStrategy(daemonSet()), 3)).toEqual({ nodes: 3, perWave: 1, waves: 3, surge: false });
    expect(wavePlan(daemonSetStrategy(daemonSet('agent', strategy({ type: 'OnDelete' }))), 3)).toBeUndefined();
    expect(wavePlan(daemonSetStrategy(daemonSet('agent', strategy({ rollingUpdate: { maxUnavailable: '3' } }))), 3)).toBeUndefined();
    expect(scaledValue('150%', 3)).toBe(5);
    expect(scaledValue(-1, 3)).toBeUndefined();
  });
});

function strategy(s: Json) {
  return (o: Json) => (o.spec.updateStrategy = s);
}
