import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AgentResources, DaemonSet, ExtendedResource } from '../src';
import { parseQuantity } from '../src/k8s/quantity';
import { renderResources } from '../src/resources';

const IMAGE = 'registry.example.com/agent:1.4.2';

function containers(chart: ReturnType<typeof Testing.chart>) {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec.template.spec.containers;
}

test('default constants are sized for a per-node agent', () => {
  expect(AgentResources.DEFAULT_CPU_REQUEST.amount).toBe('50m');
  expect(AgentResources.DEFAULT_MEMORY_REQUEST.toMebibytes()).toBe(64);
  expect(AgentResources.DEFAULT_MEMORY_LIMIT.toMebibytes()).toBe(256);
});

test('defaults(): cpu request only, memory request and limit', () => {
  const d = AgentResources.defaults();
  expect(d.cpu?.request?.amount).toBe('50m');
  expect(d.cpu?.limit).toBeUndefined();
  expect(d.memory?.request?.toMebibytes()).toBe(64);
  expect(d.memory?.limit?.toMebibytes()).toBe(256);
  expect(d.ephemeralStorage).toBeUndefined();
});

test('withDefaults() fills each resource kind separately', () => {
  const cpuOnly = AgentResources.withDefaults({ cpu: { request: kplus.Cpu.millis(200), limit: kplus.Cpu.units(1) } });
  expect(cpuOnly.cpu?.request?.amount).toBe('200m');
  expect(cpuOnly.cpu?.limit?.amount).toBe('1');
  expect(cpuOnly.memory?.request?.toMebibytes()).toBe(64);
  expect(cpuOnly.memory?.limit?.toMebibytes()).toBe(256);

  const memoryOnly = AgentResources.withDefaults({ memory: { request: Size.mebibytes(128) } });
  expect(memoryOnly.cpu?.request?.amount).toBe('50m');
  expect(memoryOnly.memory?.request?.toMebibytes()).toBe(128);
  expect(memoryOnly.memory?.limit).toBeUndefined();

  expect(AgentResources.withDefaults(undefined).cpu?.request?.amount).toBe('50m');
});

test('a container without resources gets the agent defaults, not cdk8s-plus\'s 1 CPU / 512Mi', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(containers(chart)[0].resources).toEqual({
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { memory: '256Mi' },
  });
});

test('init containers get the agent defaults too', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: IMAGE }],
  });
  const spec = Testing.synth(chart)[0].spec.template.spec;
  expect(spec.initContainers[0].resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
});

test('explicit cpu keeps the default memory', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) } } }],
  });
  expect(containers(chart)[0].resources).toEqual({
    requests: { cpu: '100m', memory: '64Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
  });
});

test('explicit memory keeps the default cpu request', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, resources: { memory: { request: Size.mebibytes(32), limit: Size.gibibytes(1) } } }],
  });
  expect(containers(chart)[0].resources).toEqual({
    requests: { cpu: '50m', memory: '32Mi' },
    limits: { memory: '1Gi' },
  });
});

test('request equal to limit is accepted', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      resources: {
        cpu: { request: kplus.Cpu.millis(1000), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(128) },
      },
    }],
  });
  expect(containers(chart)[0].resources).toEqual({
    requests: { cpu: '1000m', memory: '128Mi' },
    limits: { cpu: '1', memory: '128Mi' },
  });
});

test('ephemeral storage below a gibibyte is rendered', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, resources: { ephemeralStorage: { request: Size.mebibytes(100), limit: Size.gibibytes(1) } } }],
  });
  const r = containers(chart)[0].resources;
  expect(parseQuantity(r.requests['ephemeral-storage'])).toBe(100 * 2 ** 20);
  expect(parseQuantity(r.limits['ephemeral-storage'])).toBe(2 ** 30);
});

test('ephemeral storage renders the same quantity with and without extended resources', () => {
  const chart = Testing.chart();
  const resources = { ephemeralStorage: { request: Size.gibibytes(1), limit: Size.gibibytes(2) } };
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'plain', image: IMAGE, resources },
      { name: 'gpu', image: IMAGE, resources, extendedResources: [ExtendedResource.nvidiaGpu(1)] },
    ],
  });
  const [plain, gpu] = containers(chart);
  for (const c of [plain, gpu]) {
    expect(parseQuantity(c.resources.requests['ephemeral-storage'])).toBe(2 ** 30);
    expect(parseQuantity(c.resources.limits['ephemeral-storage'])).toBe(2 ** 31);
  }
});

test('extended resource factories name the device plugin resources', () => {
  expect(ExtendedResource.nvidiaGpu(2)).toMatchObject({ name: 'nvidia.com/gpu', count: 2 });
  expect(ExtendedResource.amdGpu(1)).toMatchObject({ name: 'amd.com/gpu', count: 1 });
  expect(ExtendedResource.rdmaHca(1)).toMatchObject({ name: 'rdma/hca', count: 1 });
  expect(ExtendedResource.of('xilinx.com/fpga-xilinx_u200', 4)).toMatchObject({ name: 'xilinx.com/fpga-xilinx_u200', count: 4 });
});

test('extended resources are emitted as equal request and limit next to cpu and memory', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      extendedResources: [ExtendedResource.nvidiaGpu(1), ExtendedResource.rdmaHca(2)],
    }],
  });
  expect(containers(chart)[0].resources).toEqual({
    requests: { 'cpu': '50m', 'memory': '64Mi', 'nvidia.com/gpu': 1, 'rdma/hca': 2 },
    limits: { 'memory': '256Mi', 'nvidia.com/gpu': 1, 'rdma/hca': 2 },
  });
});

test('extended resources only go to the container that asks for them', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'plain', image: IMAGE },
      { name: 'gpu', image: 'nvcr.io/nvidia/k8s-device-plugin:v0.15.0', extendedResources: [ExtendedResource.nvidiaGpu(1)] },
    ],
  });
  const [plain, gpu] = containers(chart);
  expect(plain.resources.limits).toEqual({ memory: '256Mi' });
  expect(gpu.resources.limits).toEqual({ 'memory': '256Mi', 'nvidia.com/gpu': 1 });
});

test('renderResources() renders cpu, memory, ephemeral storage and extended resources', () => {
  const rendered = renderResources({
    cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
    memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
    ephemeralStorage: { limit: Size.gibibytes(2) },
  }, [ExtendedResource.amdGpu(1)]);
  expect(rendered?.limits?.cpu.value).toBe('1');
  expect(rendered?.requests?.cpu.value).toBe('250m');
  expect(rendered?.limits?.memory.value).toBe('256Mi');
  expect(rendered?.requests?.memory.value).toBe('64Mi');
  expect(rendered?.limits?.['ephemeral-storage'].value).toBe('2Gi');
  expect(rendered?.requests?.['ephemeral-storage']).toBeUndefined();
  expect(rendered?.limits?.['amd.com/gpu'].value).toBe(1);
  expect(rendered?.requests?.['amd.com/gpu'].value).toBe(1);
});

test('renderResources() returns undefined when there is nothing to render', () => {
  expect(renderResources({}, [])).toBeUndefined();
  expect(renderResources({ cpu: { request: kplus.Cpu.millis(10) } }, [])).toEqual({ limits: undefined, requests: { cpu: expect.anything() } });
});

test('snapshot: GPU agent', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'gpu-agent' },
    containers: [{
      name: 'agent',
      image: IMAGE,
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } },
      extendedResources: [ExtendedResource.nvidiaGpu(1)],
    }],
  });
  expect(Testing.synth(chart)).toMatchSnapshot();
});

describe('rejects bad ExtendedResource input', () => {
  test('ExtendedResource.of with an unqualified name is rejected', () => {
    expect(() => ExtendedResource.of('gpu', 1))
      .toThrow(/ExtendedResource\.of: resource name 'gpu' is not fully qualified; use a name like 'nvidia\.com\/gpu' \(domain\/name\)/);
  });

  test('ExtendedResource.of in the kubernetes.io domain is rejected', () => {
    expect(() => ExtendedResource.of('kubernetes.io/gpu', 1))
      .toThrow(/ExtendedResource\.of: resource name 'kubernetes\.io\/gpu' is in the kubernetes\.io domain, which is reserved for built-in resources/);
  });

  test('ExtendedResource.of in a kubernetes.io subdomain is rejected', () => {
    expect(() => ExtendedResource.of('devices.kubernetes.io/fpga', 1))
      .toThrow(/ExtendedResource\.of: resource name 'devices\.kubernetes\.io\/fpga' is in the kubernetes\.io domain/);
  });

  test('ExtendedResource.of with a zero count is rejected', () => {
    expect(() => ExtendedResource.of('nvidia.com/gpu', 0))
      .toThrow(/ExtendedResource\.of: 'nvidia\.com\/gpu' count is 0; extended resources are counted in whole units, use a positive integer/);
  });

  test('ExtendedResource with a fractional count is rejected', () => {
    expect(() => ExtendedResource.nvidiaGpu(0.5)).toThrow(/ExtendedResource\.of: 'nvidia\.com\/gpu' count is 0\.5; .*positive integer/);
  });
});
