import { NodeProfile, NodeTaint, NodeTaintEffect } from '../../src/scheduling/node-profile';
import { PlacementEngine } from '../../src/scheduling/placement-engine';

type Json = { [key: string]: any };

function node(taints: NodeTaint[] = [], labels: { [key: string]: string } = {}, name = 'node1'): NodeProfile {
  return NodeProfile.of({ name, labels, taints, allocatable: { cpu: '4', memory: '16Gi' } });
}

function pod(spec: Json = {}): Json {
  return { containers: [{ name: 'c', image: 'registry.example.com/c:1.0.0' }], ...spec };
}

function schedules(spec: Json, profile: NodeProfile): boolean {
  return PlacementEngine.decidePod(pod(spec), profile).schedules;
}

const NS = NodeTaintEffect.NO_SCHEDULE;
const NE = NodeTaintEffect.NO_EXECUTE;
const PNS = NodeTaintEffect.PREFER_NO_SCHEDULE;

/** Cases from https://kubernetes.io/docs/concepts/scheduling-eviction/taint-and-toleration/ */
describe('taints and tolerations (Kubernetes docs)', () => {
  const key1 = node([{ key: 'key1', value: 'value1', effect: NS }]);

  test('kubectl taint nodes node1 key1=value1:NoSchedule keeps a pod without tolerations off', () => {
    const decision = PlacementEngine.decidePod(pod(), key1);
    expect(decision.schedules).toBe(false);
    expect(decision.blocker).toBe('taint key1=value1:NoSchedule');
    expect(decision.reason).toMatch(/key1=value1:NoSchedule is not tolerated/);
  });

  test('either documented toleration (Equal with the value, or Exists) admits the pod', () => {
    expect(schedules({ tolerations: [{ key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' }] }, key1)).toBe(true);
    expect(schedules({ tolerations: [{ key: 'key1', operator: 'Exists', effect: 'NoSchedule' }] }, key1)).toBe(true);
  });

  test('the default operator is Equal: the value must match', () => {
    expect(schedules({ tolerations: [{ key: 'key1', value: 'value1', effect: 'NoSchedule' }] }, key1)).toBe(true);
    expect(schedules({ tolerations: [{ key: 'key1', value: 'other', effect: 'NoSchedule' }] }, key1)).toBe(false);
    expect(schedules({ tolerations: [{ key: 'key1', effect: 'NoSchedule' }] }, key1)).toBe(false);
  });

  test('an empty key with operator Exists matches all keys, values and effects', () => {
    const many = node([{ key: 'a', value: 'x', effect: NS }, { key: 'b', effect: NE }]);
    expect(schedules({ tolerations: [{ operator: 'Exists' }] }, many)).toBe(true);
  });

  test('an empty effect matches all effects with the key', () => {
    const both = node([{ key: 'key1', value: 'value1', effect: NS }, { key: 'key1', value: 'value1', effect: NE }]);
    expect(schedules({ tolerations: [{ key: 'key1', operator: 'Exists' }] }, both)).toBe(true);
    expect(schedules({ tolerations: [{ key: 'key1', operator: 'Exists', effect: 'NoSchedule' }] }, both)).toBe(false);
  });

  test('the docs example: key1 NoSchedule and NoExecute tolerated, key2 NoSchedule not: the pod is not scheduled', () => {
    const three = node([
      { key: 'key1', value: 'value1', effect: NS },
      { key: 'key1', value: 'value1', effect: NE },
      { key: 'key2', value: 'value2', effect: NS },
    ]);
    const tolerations = [
      { key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoSchedule' },
      { key: 'key1', operator: 'Equal', value: 'value1', effect: 'NoExecute' },
    ];
    const decision = PlacementEngine.decidePod(pod({ tolerations }), three);
    expect(decision.schedules).toBe(false);
    expect(decision.blocker).toBe('taint key2=value2:NoSchedule');
    expect(schedules({ tolerations: [...tolerations, { key: 'key2', operator: 'Exists' }] }, three)).toBe(true);
  });

  test('PreferNoSchedule never blocks placement', () => {
    expect(schedules({}, node([{ key: 'spot', value: 'true', effect: PNS }]))).toBe(true);
  });

  test('NoExecute blocks placement unless tolerated; tolerationSeconds does not matter for placement', () => {
    const gpu = node([{ key: 'nvidia.com/gpu', value: 'present', effect: NE }]);
    expect(schedules({}, gpu)).toBe(false);
    expect(schedules({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }] }, gpu)).toBe(false);
    expect(schedules({ tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }] }, gpu)).toBe(true);
  });

  test('the kubeadm control-plane taint needs its toleration', () => {
    const cp = node([{ key: 'node-role.kubernetes.io/control-plane', effect: NS }], { 'node-role.kubernetes.io/control-plane': '' });
    expect(schedules({}, cp)).toBe(false);
    expect(schedules({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] }, cp)).toBe(true);
    // A taint without value is matched by Equal with an empty value.
    expect(schedules({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', value: '', effect: 'NoSchedule' }] }, cp)).toBe(true);
  });

  test('an unknown toleration operator tolerates nothing', () => {
    expect(schedules({ tolerations: [{ key: 'key1', operator: 'Like', value: 'value1' }] }, key1)).toBe(false);
  });

  test('PlacementEngine.tolerates is ToleratesTaint', () => {
    const taint: NodeTaint = { key: 'key1', value: 'value1', effect: NS };
    expect(PlacementEngine.tolerates({ key: 'key1', operator: 'Exists' }, taint)).toBe(true);
    expect(PlacementEngine.tolerates({ operator: 'Exists', effect: 'NoExecute' }, taint)).toBe(false);
    expect(PlacementEngine.tolerates({ key: 'key2', operator: 'Exists' }, taint)).toBe(false);
  });
});

/** The tolerations the DaemonSet controller adds (https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/#taints-and-tolerations). */
describe('tolerations the DaemonSet controller adds', () => {
  test.each([
    ['node.kubernetes.io/not-ready', NE],
    ['node.kubernetes.io/unreachable', NE],
    ['node.kubernetes.io/disk-pressure', NS],
    ['node.kubernetes.io/memory-pressure', NS],
    ['node.kubernetes.io/pid-pressure', NS],
    ['node.kubernetes.io/unschedulable', NS],
  ])('%s:%s is tolerated by every DaemonSet pod', (key, effect) => {
    expect(schedules({}, node([{ key, effect }]))).toBe(true);
  });

  test('node.kubernetes.io/network-unavailable:NoSchedule only for host-network pods', () => {
    const profile = node([{ key: 'node.kubernetes.io/network-unavailable', effect: NS }]);
    expect(schedules({}, profile)).toBe(false);
    expect(schedules({ hostNetwork: true }, profile)).toBe(true);
  });

  test('the added tolerations have the documented effects only', () => {
    // disk-pressure is tolerated for NoSchedule, not for NoExecute.
    expect(schedules({}, node([{ key: 'node.kubernetes.io/disk-pressure', effect: NE }]))).toBe(false);
  });
});

/** Cases from https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/ */
describe('nodeSelector, node affinity and nodeName (Kubernetes docs)', () => {
  const ssd = node([], { 'disktype': 'ssd', 'topology.kubernetes.io/zone': 'antarctica-east1' });

  test('nodeSelector: every pair must be a node label', () => {
    expect(schedules({ nodeSelector: { disktype: 'ssd' } }, ssd)).toBe(true);
    const d = PlacementEngine.decidePod(pod({ nodeSelector: { disktype: 'ssd', gpu: 'yes' } }), ssd);
    expect(d).toEqual({ schedules: false, blocker: 'nodeSelector', reason: 'nodeSelector gpu=yes does not match: the node has no label gpu' });
  });

  test('kubernetes.io/os keeps Linux agents off Windows nodes', () => {
    const windows = NodeProfile.of({ name: 'win', os: 'windows', allocatable: { cpu: '4', memory: '16Gi' } });
    expect(windows.labels['kubernetes.io/os']).toBe('windows');
    expect(PlacementEngine.decidePod(pod({ nodeSelector: { 'kubernetes.io/os': 'linux' } }), windows).reason)
      .toBe('nodeSelector kubernetes.io/os=linux does not match: the node has kubernetes.io/os=windows');
    expect(schedules({ nodeSelector: { 'kubernetes.io/os': 'windows' } }, windows)).toBe(true);
  });

  const affinity = (terms: Json[]) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  });

  test('the docs example: zone In [antarctica-east1, antarctica-west1]', () => {
    const spec = affinity([{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['antarctica-east1', 'antarctica-west1'] }] }]);
    expect(schedules(spec, ssd)).toBe(true);
    expect(schedules(spec, node([], { 'topology.kubernetes.io/zone': 'europe-west1' }))).toBe(false);
  });

  test('nodeSelectorTerms are ORed', () => {
    const spec = affinity([
      { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['hdd'] }] },
      { matchExpressions: [{ key: 'disktype', operator: 'In', values: ['ssd'] }] },
    ]);
    expect(schedules(spec, ssd)).toBe(true);
  });

  test('matchExpressions of one term are ANDed', () => {
    const spec = affinity([{
      matchExpressions: [
        { key: 'disktype', operator: 'In', values: ['ssd'] },
        { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['antarctica-west1'] },
      ],
    }]);
    const d = PlacementEngine.decidePod(pod(spec), ssd);
    expect(d.schedules).toBe(false);
    expect(d.blocker).toBe('node affinity');
    expect(d.reason).toBe("required node affinity matches no term: term 1: topology.kubernetes.io/zone In [antarctica-west1] fails: label topology.kubernetes.io/zone is 'antarctica-east1'");
  });

  test('nodeSelector and node affinity must both be satisfied', () => {
    const spec = { ...affinity([{ matchExpressions: [{ key: 'disktype', operator: 'Exists' }] }]), nodeSelector: { disktype: 'hdd' } };
    expect(schedules(spec, ssd)).toBe(false);
  });

  test('NotIn and DoesNotExist match nodes without the label', () => {
    const bare = node();
    expect(schedules(affinity([{ matchExpressions: [{ key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] }] }]), bare)).toBe(true);
    expect(schedules(affinity([{ matchExpressions: [{ key: 'type', operator: 'DoesNotExist' }] }]), bare)).toBe(true);
    expect(schedules(affinity([{ matchExpressions: [{ key: 'disktype', operator: 'DoesNotExist' }] }]), ssd)).toBe(false);
    expect(schedules(affinity([{ matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['ssd'] }] }]), ssd)).toBe(false);
    expect(schedules(affinity([{ matchExpressions: [{ key: 'disktype', operator: 'Exists' }] }]), bare)).toBe(false);
  });

  test('Gt and Lt compare the label as an integer', () => {
    const kernel6 = node([], { 'example.com/kernel-major': '6' });
    const gt = (v: string) => affinity([{ matchExpressions: [{ key: 'example.com/kernel-major', operator: 'Gt', values: [v] }] }]);
    const lt = (v: string) => affinity([{ matchExpressions: [{ key: 'example.com/kernel-major', operator: 'Lt', values: [v] }] }]);
    expect(schedules(gt('5'), kernel6)).toBe(true);
    expect(schedules(gt('6'), kernel6)).toBe(false);
    expect(schedules(lt('7'), kernel6)).toBe(true);
    expect(schedules(lt('6'), kernel6)).toBe(false);
    // Integer, not text, comparison: '10' > '9'.
    expect(schedules(gt('9'), node([], { 'example.com/kernel-major': '10' }))).toBe(true);
    // A missing or non-integer label never matches.
    expect(schedules(gt('1'), node())).toBe(false);
    expect(PlacementEngine.decidePod(pod(gt('1')), node([], { 'example.com/kernel-major': 'six' })).reason).toMatch(/is 'six', not an integer/);
    // A non-integer operand matches nothing (the API server would reject it).
    expect(PlacementEngine.decidePod(pod(gt('5.5')), kernel6).reason).toMatch(/exactly one integer value/);
  });

  test('matchFields metadata.name In / NotIn match the node name', () => {
    const one = node([], {}, 'node-a');
    const spec = (op: string) => affinity([{ matchFields: [{ key: 'metadata.name', operator: op, values: ['node-a'] }] }]);
    expect(schedules(spec('In'), one)).toBe(true);
    expect(schedules(spec('NotIn'), one)).toBe(false);
    expect(PlacementEngine.decidePod(pod(affinity([{ matchFields: [{ key: 'metadata.labels', operator: 'In', values: ['x'] }] }])), one).reason)
      .toMatch(/only metadata.name/);
  });

  test('a term the scheduler cannot parse matches no node (one selector implementation with the API\'s checks)', () => {
    const one = node([], { disktype: 'ssd' }, 'node-a');
    // matchFields takes exactly one value: [node-a, node-b] is rejected by the API and matches nothing in the scheduler.
    const fields = affinity([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a', 'node-b'] }] }]);
    expect(schedules(fields, one)).toBe(false);
    expect(PlacementEngine.decidePod(pod(fields), one).reason).toMatch(/exactly one value/);
    // An invalid label value in NotIn does not make the requirement hold for every node.
    const notIn = affinity([{ matchExpressions: [{ key: 'disktype', operator: 'NotIn', values: ['not a label value!'] }] }]);
    expect(schedules(notIn, one)).toBe(false);
    expect(PlacementEngine.decidePod(pod(notIn), one).reason).toMatch(/not a label value/);
    // A later term that parses still matches.
    const second = affinity([{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }, { matchExpressions: [{ key: 'disktype', operator: 'Exists' }] }]);
    expect(schedules(second, one)).toBe(true);
  });

  test('an empty term matches no node; no terms at all matches none either', () => {
    expect(schedules(affinity([{}]), ssd)).toBe(false);
    expect(schedules(affinity([]), ssd)).toBe(false);
    expect(schedules(affinity([{}, { matchExpressions: [{ key: 'disktype', operator: 'Exists' }] }]), ssd)).toBe(true);
  });

  test('preferred node affinity never blocks', () => {
    const spec = { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'gpu', operator: 'Exists' }] } }] } } };
    expect(schedules(spec, ssd)).toBe(true);
  });

  test('nodeName pins the pod to one node', () => {
    expect(schedules({ nodeName: 'node1' }, node())).toBe(true);
    expect(PlacementEngine.decidePod(pod({ nodeName: 'other' }), node())).toEqual({
      schedules: false, blocker: 'nodeName', reason: "spec.nodeName is 'other', so the pod runs only on that node, not on 'node1'",
    });
  });

  test('checks run in the controller\'s order: nodeName, node selector and affinity, then taints', () => {
    const tainted = node([{ key: 'k', effect: NS }], { disktype: 'hdd' });
    expect(PlacementEngine.decidePod(pod({ nodeSelector: { disktype: 'ssd' } }), tainted).blocker).toBe('nodeSelector');
  });

  test('decide() reads a DaemonSet\'s pod template', () => {
    const ds = { kind: 'DaemonSet', metadata: { name: 'x' }, spec: { template: { spec: pod({ nodeSelector: { disktype: 'ssd' } }) } } };
    expect(PlacementEngine.decide(ds, ssd).schedules).toBe(true);
    expect(PlacementEngine.decide({ kind: 'DaemonSet' }, ssd)).toEqual({ schedules: false, blocker: 'no pod template', reason: 'the object has no spec.template.spec' });
  });
});
