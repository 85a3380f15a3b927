import { ApiObject, Chart, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, ExtendedResource, NamespaceQuota } from '../src';
import { DaemonSetsError } from '../src/errors';
import { validateManifests } from '../src/validation/engine';

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
    'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', 'pods': 200, 'requests.nvidia.com/gpu': 4,
  });
  const [limitRange] = byKind(objects, 'LimitRange');
  expect(limitRange.spec.limits).toEqual([{
    type: 'Container',
    default: { memory: '256Mi' },
    defaultRequest: { cpu: '50m', memory: '64Mi' },
    min: { cpu: '10m' },
    max: { memory: '1Gi' },
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
  expect(() => Testing.synth(chart)).toThrow(/cross-object\/quota-fit.*requests\.memory 1 GiB in namespace 'agents', but its 1 DaemonSet\(s\) need 1\.25 GiB on 20 nodes/);
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
  expect(() => Testing.synth(chart)).toThrow(/cross-object\/limit-range-fit.*container 'agent' limits memory 256 MiB, but LimitRange .* sets max 128 MiB/);
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

test('without a name, the ResourceQuota and the LimitRange carry the names cdk8s generates', () => {
  const chart = Testing.chart();
  const q = new NamespaceQuota(chart, 'quota', { namespace: 'agents', pods: 10, max: { cpu: kplus.Cpu.units(1) } });
  const objects = Testing.synth(chart);
  const [quota] = byKind(objects, 'ResourceQuota');
  const [limitRange] = byKind(objects, 'LimitRange');
  expect(quota.metadata.name).toMatch(/^test-quota-resourcequota-[0-9a-f]{8}$/);
  expect(limitRange.metadata.name).toMatch(/^test-quota-limitrange-[0-9a-f]{8}$/);
  expect(quota.metadata.name).toEqual(q.resourceQuota!.name);
  expect(limitRange.metadata.name).toEqual(q.limitRange!.name);
  expect(limitRange.metadata.namespace).toEqual('agents');
  for (const o of objects) expect(o.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  expect(validateManifests(objects).errors).toEqual([]);
});

test('name: undefined and namespace: undefined count as not given', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'chart-ns' });
  new NamespaceQuota(chart, 'quota', { name: undefined, namespace: undefined, pods: 1, min: { memory: Size.mebibytes(1) } });
  const objects = Testing.synth(chart);
  expect(objects.map(o => o.metadata.name)).toEqual([expect.stringMatching(/^c-quota-resourcequota-/), expect.stringMatching(/^c-quota-limitrange-/)]);
  expect(objects.map(o => o.metadata.namespace)).toEqual(['chart-ns', 'chart-ns']);
});

test('cross-object/quota-fit names a generated ResourceQuota', () => {
  const chart = Testing.chart();
  const q = new NamespaceQuota(chart, 'quota', { namespace: 'agents', requestsMemory: Size.gibibytes(1), expectedNodeCount: 20 });
  new DaemonSet(chart, 'ds', { metadata: { namespace: 'agents' }, containers: [{ name: 'agent', image: IMAGE }] });
  const name = q.resourceQuota!.name;
  expect(name).toMatch(/^test-quota-resourcequota-/);
  expect(() => Testing.synth(chart)).toThrow(new RegExp(`ResourceQuota '${name}' allows requests\\.memory 1 GiB`));
  expect(() => Testing.synth(chart)).not.toThrow(/ResourceQuota 'undefined'/);
});

test('a NamespaceQuota turns on app validation: invalid objects of its app fail synthesis', () => {
  const bad = (chart: Chart) => new ApiObject(chart, 'bad', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { key: 7 } });
  const without = Testing.chart();
  bad(without);
  expect(() => Testing.synth(without)).not.toThrow();
  const chart = Testing.chart();
  bad(chart);
  new NamespaceQuota(chart, 'quota', { pods: 1 });
  expect(() => Testing.synth(chart)).toThrow(/error schema\/valid ConfigMap default\/cm data\.key/);
});

test('hostile input gets a DaemonSetsError naming the construct, field and value', () => {
  const chart = Testing.chart();
  const cases: [string, any, RegExp][] = [
    ['null-props', null, /props is null; it must be a NamespaceQuotaProps object/],
    ['null-name', { name: null, pods: 1 }, /name is null; it must be a non-empty string/],
    ['num-name', { name: 7, pods: 1 }, /name is 7; it must be a non-empty string/],
    ['nan-cpu', { requestsCpu: kplus.Cpu.units(NaN) }, /requestsCpu is "NaN"; it must be a non-negative, finite Kubernetes quantity/],
    ['neg-cpu', { requestsCpu: kplus.Cpu.millis(-1) }, /requestsCpu is "-1m"; it must be a non-negative/],
    ['inf-cpu', { limitsCpu: kplus.Cpu.units(Infinity) }, /limitsCpu is "Infinity"/],
    ['huge-millis', { max: { cpu: kplus.Cpu.millis(1e308) } }, /max\.cpu is "1e\+308m"/],
    ['huge-size', { limitsMemory: Size.mebibytes(1e300) }, /limitsMemory is "1e\+300Mi"/],
    ['tiny-size', { requestsMemory: Size.mebibytes(0.0001) }, /requestsMemory: '0\.0001 mebibytes' cannot be converted into a whole number of kibibytes/],
    ['nan-size', { min: { memory: Size.gibibytes(NaN) } }, /min\.memory: 'NaN gibibytes' cannot be converted/],
    ['plain-cpu', { requestsCpu: '2' }, /requestsCpu is "2"; it must be a kplus\.Cpu/],
    ['plain-size', { max: { memory: '1Gi' } }, /max\.memory is "1Gi"; it must be a Size/],
    ['bound-shape', { min: 3 }, /min is 3; it must be a ContainerResourceAmounts object/],
    ['pods-nan', { pods: NaN }, /pods is NaN; it must be an integer between 0 and/],
    ['pods-bigint', { pods: BigInt(3) }, /pods is 3n \(a bigint\)/],
    ['nodes-inf', { pods: 1, expectedNodeCount: Infinity }, /expectedNodeCount is Infinity; it must be an integer between 1 and 1000000/],
    ['ext-shape', { extendedResources: 'gpu' }, /extendedResources is "gpu"; it must be a list of ExtendedResource values/],
    ['ext-item', { extendedResources: [{ name: 'nvidia.com/gpu', count: 1 }] }, /extendedResources\[0\] is .*; it must be an ExtendedResource/],
    ['ext-twice', { extendedResources: [ExtendedResource.nvidiaGpu(1), ExtendedResource.nvidiaGpu(2)] }, /extendedResources\[1\] is "nvidia.com\/gpu"; it must be a resource not listed before/],
    ['ns-empty', { namespace: '', pods: 1 }, /namespace is ""; it must be a non-empty string/],
  ];
  for (const [id, props, message] of cases) {
    let thrown: unknown;
    try {
      new NamespaceQuota(chart, id, props);
    } catch (e) {
      thrown = e;
    }
    expect(DaemonSetsError.isDaemonSetsError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(new RegExp(`^NamespaceQuota 'test/${id}': `));
    expect((thrown as Error).message).toMatch(message);
  }
});

test('quantities and counts at their limits are accepted and valid', () => {
  const chart = Testing.chart();
  new NamespaceQuota(chart, 'quota', {
    requestsCpu: kplus.Cpu.units(0),
    limitsCpu: kplus.Cpu.units(1e21),
    requestsMemory: Size.kibibytes(1),
    pods: Number.MAX_SAFE_INTEGER,
    expectedNodeCount: NamespaceQuota.MAX_EXPECTED_NODE_COUNT,
    min: { cpu: kplus.Cpu.millis(0.5) },
    max: { cpu: kplus.Cpu.millis(1) },
  });
  const objects = Testing.synth(chart);
  expect(objects[0].spec.hard).toEqual({ 'requests.cpu': '0', 'limits.cpu': '1e+21', 'requests.memory': '1Ki', 'pods': Number.MAX_SAFE_INTEGER });
  expect(validateManifests(objects).errors).toEqual([]);
});

test('the validator still refuses a fractional object count, and accepts the largest safe integer (float-exact)', () => {
  const quota = (pods: string | number) => [{ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard: { pods } } }];
  const integerErrors = (pods: string | number) => validateManifests(quota(pods)).errors.filter(e => /must be an integer/.test(e.message)).length;
  expect([1.5, '1500m', '1001m'].map(integerErrors)).toEqual([1, 1, 1]);
  expect([3, '2000m', Number.MAX_SAFE_INTEGER, '9007199254740991'].map(integerErrors)).toEqual([0, 0, 0, 0]);
});
