import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, ExtendedResource, NamespaceQuota } from '../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

function byKind(objects: any[], kind: string): any[] {
  return objects.filter(o => o.kind === kind);
}

test('emits a ResourceQuota and a LimitRange with the given amounts', () => {
  const chart = Testing.chart();
  new NamespaceQuota(chart, 'quota', {
    namespace: 'agents',
    name: 'agents-quota',
    requestsCpu: kplus.Cpu.units(4),
    requestsMemory: Size.gibibytes(8),
    limitsMemory: Size.gibibytes(16),
    pods: 200,
    extendedResources: [ExtendedResource.nvidiaGpu(4)],
    defaultRequest: { cpu: kplus.Cpu.millis(50), memory: Size.mebibytes(64) },
    defaultLimit: { memory: Size.mebibytes(256) },
    min: { cpu: kplus.Cpu.millis(10) },
    max: { memory: Size.gibibytes(1) },
    expectedNodeCount: 20,
  });
  const objects = Testing.synth(chart);
  expect(objects).toMatchSnapshot();
  const [quota] = byKind(objects, 'ResourceQuota');
  expect(quota.metadata).toEqual({ name: 'agents-quota', namespace: 'agents', annotations: { 'daemonsets.cdk8s.io/expected-node-count': '20' } });
  expect(quota.spec.hard).toEqual({
    'requests.cpu': '4', 'requests.memory': '8192Mi', 'limits.memory': '16384Mi', 'pods': 200, 'requests.nvidia.com/gpu': 4,
  });
  const [limitRange] = byKind(objects, 'LimitRange');
  expect(limitRange.spec.limits).toEqual([{
    type: 'Container',
    default: { memory: '256Mi' },
    defaultRequest: { cpu: '50m', memory: '64Mi' },
    min: { cpu: '10m' },
    max: { memory: '1024Mi' },
  }]);
});

test('only a LimitRange when no total is set, and the chart namespace by default', () => {
  const chart = Testing.chart();
  const q = new NamespaceQuota(chart, 'quota', { max: { cpu: kplus.Cpu.units(1) } });
  const objects = Testing.synth(chart);
  expect(byKind(objects, 'ResourceQuota')).toEqual([]);
  expect(byKind(objects, 'LimitRange')).toHaveLength(1);
  expect(q.resourceQuota).toBeUndefined();
  expect(q.namespace).toBeUndefined();
});

test('DaemonSet requests times the expected node count must fit the quota', () => {
  const chart = Testing.chart();
  new NamespaceQuota(chart, 'quota', { namespace: 'agents', requestsMemory: Size.gibibytes(1), expectedNodeCount: 20 });
  new DaemonSet(chart, 'ds', {
    metadata: { namespace: 'agents' },
    containers: [{ name: 'agent', image: IMAGE }], // 64Mi requested by default x 20 nodes = 1280Mi > 1Gi
  });
  expect(() => Testing.synth(chart)).toThrow(/cross-object\/quota-fit.*requests\.memory 1024Mi in namespace 'agents', but its 1 DaemonSet\(s\) need 1280Mi on 20 nodes/);
});

test('a quota that fits, or one in another namespace, passes', () => {
  const chart = Testing.chart();
  new NamespaceQuota(chart, 'quota', { namespace: 'agents', requestsMemory: Size.gibibytes(2), expectedNodeCount: 20 });
  new NamespaceQuota(chart, 'other', { namespace: 'other', requestsMemory: Size.mebibytes(1) });
  new DaemonSet(chart, 'ds', { metadata: { namespace: 'agents' }, containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => Testing.synth(chart)).not.toThrow();
});

test('containers outside the LimitRange min/max fail synthesis', () => {
  const chart = Testing.chart();
  new NamespaceQuota(chart, 'quota', { namespace: 'agents', max: { memory: Size.mebibytes(128) } });
  new DaemonSet(chart, 'ds', { metadata: { namespace: 'agents' }, containers: [{ name: 'agent', image: IMAGE }] }); // limit 256Mi
  expect(() => Testing.synth(chart)).toThrow(/cross-object\/limit-range-fit.*container 'agent' limits memory 256Mi, but LimitRange .* sets max 128Mi/);
});

test('bad input is rejected with the construct path and field', () => {
  const chart = Testing.chart();
  expect(() => new NamespaceQuota(chart, 'a', {})).toThrow(/NamespaceQuota 'test\/a': nothing to enforce/);
  expect(() => new NamespaceQuota(chart, 'b', { namespace: 'Bad_NS', pods: 1 })).toThrow(/NamespaceQuota 'test\/b': namespace 'Bad_NS'/);
  expect(() => new NamespaceQuota(chart, 'c', { pods: -1 })).toThrow(/NamespaceQuota 'test\/c': pods is -1/);
  expect(() => new NamespaceQuota(chart, 'd', { pods: 1, expectedNodeCount: 0 })).toThrow(/NamespaceQuota 'test\/d': expectedNodeCount is 0/);
  expect(() => new NamespaceQuota(chart, 'e', { min: { cpu: kplus.Cpu.units(2) }, max: { cpu: kplus.Cpu.units(1) } }))
    .toThrow(/NamespaceQuota 'test\/e': min cpu is greater than max cpu; the API server requires min <= defaultRequest <= defaultLimit <= max/);
});
