import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, NodePlacement } from '../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

function podSpec(chart: ReturnType<typeof Testing.chart>) {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec.template.spec;
}

test('presets carry a name, tolerations and node selector entries', () => {
  expect(NodePlacement.allNodes()).toMatchObject({ name: 'allNodes', nodeSelector: {} });
  expect(NodePlacement.allNodes().tolerations).toHaveLength(1);
  expect(NodePlacement.controlPlaneToo()).toMatchObject({ name: 'controlPlaneToo', nodeSelector: {} });
  expect(NodePlacement.controlPlaneToo().tolerations).toHaveLength(2);
  expect(NodePlacement.linuxOnly()).toMatchObject({ name: 'linuxOnly', tolerations: [], nodeSelector: { 'kubernetes.io/os': 'linux' } });
  expect(NodePlacement.architecture('arm64')).toMatchObject({ name: 'architecture', tolerations: [], nodeSelector: { 'kubernetes.io/arch': 'arm64' } });
});

test('allNodes tolerates every taint with a keyless Exists', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { placement: [NodePlacement.allNodes()], containers: [{ name: 'agent', image: IMAGE }] });
  const spec = podSpec(chart);
  expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
  expect(spec.nodeSelector).toBeUndefined();
});

test('controlPlaneToo tolerates only the control-plane NoSchedule taints', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { placement: [NodePlacement.controlPlaneToo()], containers: [{ name: 'agent', image: IMAGE }] });
  expect(podSpec(chart).tolerations).toEqual([
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ]);
});

test('linuxOnly and architecture add node selector entries', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    placement: [NodePlacement.linuxOnly(), NodePlacement.architecture('amd64')],
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(ds.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
  const spec = podSpec(chart);
  expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
  expect(spec.tolerations).toBeUndefined();
});

test('presets and nodeSelector props combine', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    nodeSelector: { 'node.example.com/pool': 'gpu', 'kubernetes.io/os': 'linux' },
    placement: [NodePlacement.linuxOnly(), NodePlacement.allNodes()],
    containers: [{ name: 'agent', image: IMAGE }],
  });
  const spec = podSpec(chart);
  expect(spec.nodeSelector).toEqual({ 'node.example.com/pool': 'gpu', 'kubernetes.io/os': 'linux' });
  expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
});

test('addNodeSelector and place after construction still reach the YAML', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.addNodeSelector('node.example.com/pool', 'system');
  ds.place(NodePlacement.controlPlaneToo());
  ds.place(NodePlacement.linuxOnly());
  ds.addNodeSelector('node.example.com/pool', 'system');
  const spec = podSpec(chart);
  expect(spec.nodeSelector).toEqual({ 'node.example.com/pool': 'system', 'kubernetes.io/os': 'linux' });
  expect(spec.tolerations.map((t: any) => t.key)).toEqual(['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master']);
});

test('nodeSelector getter returns a copy', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { nodeSelector: { 'kubernetes.io/os': 'linux' }, containers: [{ name: 'agent', image: IMAGE }] });
  const copy = ds.nodeSelector;
  copy['kubernetes.io/arch'] = 'arm64';
  expect(ds.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  expect(podSpec(chart).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
});

test('no placement means no tolerations and no node selector', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(ds.nodeSelector).toEqual({});
  const spec = podSpec(chart);
  expect(spec.tolerations).toBeUndefined();
  expect(spec.nodeSelector).toBeUndefined();
});

test('node affinity from cdk8s-plus scheduling is kept next to the presets', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { placement: [NodePlacement.linuxOnly()], containers: [{ name: 'agent', image: IMAGE }] });
  ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.in('topology.kubernetes.io/zone', ['eu-west-1a', 'eu-west-1b'])));
  ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.gt('cpu-count', ['4'])), { weight: 50 });
  const spec = podSpec(chart);
  expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  expect(spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
    { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a', 'eu-west-1b'] }] },
  ]);
  expect(spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
    { weight: 50, preference: { matchExpressions: [{ key: 'cpu-count', operator: 'Gt', values: ['4'] }] } },
  ]);
});

test('tolerations from cdk8s-plus and from presets are both emitted', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { placement: [NodePlacement.controlPlaneToo()], containers: [{ name: 'agent', image: IMAGE }] });
  ds.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.is('dedicated', 'logging', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.seconds(60) })));
  expect(podSpec(chart).tolerations).toEqual([
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'dedicated', operator: 'Equal', value: 'logging', effect: 'NoExecute', tolerationSeconds: 60 },
  ]);
});

test('priorityClassName is emitted', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { priorityClassName: 'system-node-critical', containers: [{ name: 'agent', image: IMAGE }] });
  expect(ds.priorityClassName).toBe('system-node-critical');
  expect(podSpec(chart).priorityClassName).toBe('system-node-critical');
});

test('snapshot: an agent on every Linux node including the control plane', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'agent' },
    priorityClassName: 'system-node-critical',
    placement: [NodePlacement.controlPlaneToo(), NodePlacement.linuxOnly()],
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(Testing.synth(chart)).toMatchSnapshot();
});

describe('rejects bad NodePlacement input', () => {
  test('architecture placement with an invalid name is rejected', () => {
    expect(() => NodePlacement.architecture('x86_64')).toThrow(/NodePlacement\.architecture: 'x86_64' is not an architecture name as the kubelet reports it \(e\.g\. 'amd64', 'arm64'\)/);
  });
});
