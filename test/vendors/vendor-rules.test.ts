import { validateManifests } from '../../src/validation/engine';
import { Severity } from '../../src/validation/rule';

// The vendors' exclusivity rules as runtime findings on any manifest (imported YAML included).

function daemonSet(containers: any[], initContainers?: any[]): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'gpu-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers, ...initContainers ? { initContainers } : {} } },
    },
  };
}

function container(name: string, limits: Record<string, string>, requests?: Record<string, string>): any {
  return { name, image: 'registry.example.com/gpu/agent:1.0.0', resources: { limits: { ...limits }, ...requests ? { requests: { ...requests } } : {} } };
}

function vendorFindings(objects: any[]) {
  return validateManifests(objects).findings
    .filter(f => f.ruleId === 'runtime/gpu-resource-kinds' || f.ruleId === 'runtime/rdma-with-mgpu')
    .map(f => ({ rule: f.ruleId, path: f.path, severity: f.severity }));
}

const MGPU = { 'vke.volcengine.com/mgpu-memory': '4096', 'vke.volcengine.com/mgpu-core': '30' };

test('whole GPUs and mGPU in one pod: one gpu-resource-kinds warning at the second kind', () => {
  expect(vendorFindings([daemonSet([container('a', { 'nvidia.com/gpu': '1' }), container('b', MGPU)])])).toEqual([
    { rule: 'runtime/gpu-resource-kinds', path: 'spec.template.spec.containers[1].resources.limits', severity: Severity.WARNING },
  ]);
});

test('an init container counts: its GPU kind and a container\'s other kind conflict', () => {
  expect(vendorFindings([daemonSet([container('a', MGPU)], [container('setup', { 'nvidia.com/gpu': '1' })])])).toEqual([
    { rule: 'runtime/gpu-resource-kinds', path: 'spec.template.spec.containers[0].resources.limits', severity: Severity.WARNING },
  ]);
});

test('RDMA and mGPU: one rdma-with-mgpu warning at the RDMA resource, also when RDMA is a request', () => {
  expect(vendorFindings([daemonSet([container('a', { ...MGPU, 'vke.volcengine.com/rdma': '2' })])])).toEqual([
    { rule: 'runtime/rdma-with-mgpu', path: 'spec.template.spec.containers[0].resources.limits', severity: Severity.WARNING },
  ]);
  const asRequest = container('a', MGPU, { ...MGPU, 'vke.volcengine.com/rdma': '2' });
  asRequest.resources.limits['vke.volcengine.com/rdma'] = '2';
  expect(vendorFindings([daemonSet([asRequest])]).map(f => f.rule)).toEqual(['runtime/rdma-with-mgpu']);
});

test('any workload kind with a pod template is checked (a Deployment here)', () => {
  const deployment = { ...daemonSet([container('a', { 'nvidia.com/gpu': '2' }), container('b', MGPU)]), kind: 'Deployment' };
  expect(vendorFindings([deployment]).map(f => f.rule)).toEqual(['runtime/gpu-resource-kinds']);
});

describe('allowed combinations give no vendor finding', () => {
  test.each([
    ['whole GPUs with RDMA', [container('a', { 'nvidia.com/gpu': '8', 'vke.volcengine.com/rdma': '4' })]],
    ['mGPU alone, in two containers', [container('a', MGPU), container('b', MGPU)]],
    ['RDMA alone', [container('a', { 'vke.volcengine.com/rdma': '2' })]],
    ['a zero amount of the other kind asks for nothing', [container('a', { ...MGPU, 'nvidia.com/gpu': '0' })]],
    ['CCE virtual GPUs with whole GPUs (not a VKE combination)', [container('a', { 'volcano.sh/gpu-mem.128Mi': '16', 'nvidia.com/gpu': '1' })]],
  ])('%s', (_, containers) => {
    expect(vendorFindings([daemonSet(containers)])).toEqual([]);
  });
});

test('malformed resources never throw (the validator is total)', () => {
  const odd = daemonSet([{ name: 'a', image: 'x:1', resources: { limits: 'nvidia.com/gpu' } }, { name: 'b', image: 'x:1', resources: null }, 7]);
  expect(() => vendorFindings([odd])).not.toThrow();
  expect(vendorFindings([odd])).toEqual([]);
});
