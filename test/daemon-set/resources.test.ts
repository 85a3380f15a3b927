import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, synthPodSpec } from './synth';
import { DaemonSet, DaemonSetContainerProps, ExtendedResource } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: resources.

test('DaemonSet-sized defaults (cpu request 50m, memory 64Mi/256Mi, no cpu limit) on containers and init containers', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  ds.addContainer({ name: 'late', image: 'registry.example.com/late:2.0' });
  const spec = synthPodSpec(chart);
  for (const name of ['setup', 'agent', 'late']) {
    expect(containerNamed(spec, name).resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { memory: '256Mi' },
    });
  }
});

test('giving cpu keeps the default memory, giving memory keeps the default cpu', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'cpu-only', image: 'registry.example.com/agent:1.4.2', resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) } } },
      { name: 'memory-only', image: 'registry.example.com/agent:1.4.2', resources: { memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } } },
      { name: 'units', image: 'registry.example.com/agent:1.4.2', resources: { cpu: { request: kplus.Cpu.units(1) }, memory: { limit: Size.gibibytes(1) } } },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'cpu-only').resources).toEqual({
    requests: { cpu: '100m', memory: '64Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
  });
  expect(containerNamed(spec, 'memory-only').resources).toEqual({
    requests: { cpu: '50m', memory: '128Mi' },
    limits: { memory: '512Mi' },
  });
  expect(containerNamed(spec, 'units').resources).toEqual({
    requests: { cpu: '1' },
    limits: { memory: '1Gi' },
  });
});

test('extended resources (nvidia GPU, RDMA HCA) are emitted in both limits and requests', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'plain', image: 'registry.example.com/plain:1.0' },
      {
        name: 'dcgm',
        image: 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.5-3.4.0-ubuntu22.04',
        resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(200) } },
        extendedResources: [ExtendedResource.nvidiaGpu(1), ExtendedResource.rdmaHca(2)],
      },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'dcgm').resources).toEqual({
    requests: { 'cpu': '100m', 'memory': '64Mi', 'nvidia.com/gpu': 1, 'rdma/hca': 2 },
    limits: { 'cpu': '200m', 'memory': '256Mi', 'nvidia.com/gpu': 1, 'rdma/hca': 2 },
  });
  expect(containerNamed(spec, 'plain').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
});

test('extended resources on an init container', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'plain-init', image: 'busybox:1.36' }, { name: 'gpu-init', image: 'registry.example.com/gpu-check:1.0', extendedResources: [ExtendedResource.nvidiaGpu(1)] }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'gpu-init').resources).toEqual({
    requests: { 'cpu': '50m', 'memory': '64Mi', 'nvidia.com/gpu': 1 },
    limits: { 'memory': '256Mi', 'nvidia.com/gpu': 1 },
  });
  expect(containerNamed(spec, 'plain-init').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  expect(containerNamed(spec, 'agent').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
});

test('extended resources of a container added after construction reach that container only', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const gpu: DaemonSetContainerProps = { name: 'gpu', image: 'registry.example.com/gpu:1.0', extendedResources: [ExtendedResource.nvidiaGpu(2)] };
  ds.addContainer(gpu);
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'gpu').resources).toEqual({
    requests: { 'cpu': '50m', 'memory': '64Mi', 'nvidia.com/gpu': 2 },
    limits: { 'memory': '256Mi', 'nvidia.com/gpu': 2 },
  });
  expect(containerNamed(spec, 'agent').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  expect(containerNamed(spec, 'setup').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
});

describe('rejects bad resources input', () => {
  test('a request above its limit throws, naming the container', () => {
    expect(() => new DaemonSet(Testing.chart(), 'ds', {
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', resources: { cpu: { request: kplus.Cpu.millis(600), limit: kplus.Cpu.millis(500) } } }],
    })).toThrow(/container 'agent': requests cpu 600m but limits it to 500m; a request must not exceed its limit/);
    expect(() => new DaemonSet(Testing.chart(), 'ds', {
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', resources: { memory: { request: Size.mebibytes(512), limit: Size.mebibytes(256) } } }],
    })).toThrow(/container 'agent': requests memory 512Mi but limits it to 256Mi/);
  });

  test('cpu request above the cpu limit is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{
        name: 'agent',
        image: IMAGE,
        resources: { cpu: { request: kplus.Cpu.units(2), limit: kplus.Cpu.units(1) } },
      }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': requests cpu 2000m but limits it to 1000m; a request must not exceed its limit/);
  });

  test('cpu request in millicores above the limit is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{
        name: 'agent',
        image: IMAGE,
        resources: { cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.millis(250) } },
      }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': requests cpu 500m but limits it to 250m; a request must not exceed its limit/);
  });

  test('memory request above the memory limit is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{
        name: 'agent',
        image: IMAGE,
        resources: { memory: { request: Size.gibibytes(1), limit: Size.mebibytes(512) } },
      }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': requests memory 1Gi but limits it to 512Mi; a request must not exceed its limit/);
  });

  test('memory request above the limit by less than a mebibyte is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{
        name: 'agent',
        image: IMAGE,
        resources: { memory: { request: Size.kibibytes(1536), limit: Size.mebibytes(1) } },
      }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': requests memory .* but limits it to .*; a request must not exceed its limit/);
  });

  test('zero cpu request is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, resources: { cpu: { request: kplus.Cpu.millis(0) } } }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': cpu 0m must be positive/);
  });

  test('the same extended resource listed twice is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, extendedResources: [ExtendedResource.nvidiaGpu(1), ExtendedResource.nvidiaGpu(2)] }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': extended resource 'nvidia\.com\/gpu' is listed twice/);
  });
});
