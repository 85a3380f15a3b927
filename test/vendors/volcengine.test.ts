import { Size, Testing } from 'cdk8s';
import { DaemonSet } from '../../src/daemon-set';
import { DaemonSetsError } from '../../src/errors';
import { ExtendedResource } from '../../src/resources';
import { VolcengineResources } from '../../src/vendors';
import { containerNamed, synthPodSpec } from '../daemon-set/synth';
import { takeWarnings } from '../setup/quiet-console';

const IMAGE = 'registry.example.com/gpu/agent:1.2.0';

test('mgpu() is GPU memory in MiB and compute in percent of a card, request equal to limit', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'infer', image: IMAGE, extendedResources: VolcengineResources.mgpu({ memory: Size.gibibytes(4), computePercent: 30 }) }],
  });
  const resources = containerNamed(synthPodSpec(chart), 'infer').resources;
  expect(resources.requests['vke.volcengine.com/mgpu-memory']).toBe(4096);
  expect(resources.limits['vke.volcengine.com/mgpu-memory']).toBe(4096);
  expect(resources.requests['vke.volcengine.com/mgpu-core']).toBe(30);
  expect(resources.limits['vke.volcengine.com/mgpu-core']).toBe(30);
  expect(takeWarnings().filter(w => w.includes('runtime/'))).toEqual([]);
});

test('mgpu() accepts the documented bounds: 1024 MiB and 81920 MiB, 1 % and 100 %', () => {
  expect(VolcengineResources.mgpu({ memory: Size.mebibytes(1024), computePercent: 1 }).map(r => [r.name, r.count]))
    .toEqual([['vke.volcengine.com/mgpu-memory', 1024], ['vke.volcengine.com/mgpu-core', 1]]);
  expect(VolcengineResources.mgpu({ memory: Size.gibibytes(80), computePercent: 100 }).map(r => r.count)).toEqual([81920, 100]);
});

test('rdma() is a whole number of devices, request and limit by default, or a limit only', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'both', image: IMAGE, extendedResources: [VolcengineResources.rdma(2)] },
      { name: 'limit', image: IMAGE, extendedResources: [VolcengineResources.rdma(4, { limitOnly: true })] },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'both').resources.requests['vke.volcengine.com/rdma']).toBe(2);
  expect(containerNamed(spec, 'both').resources.limits['vke.volcengine.com/rdma']).toBe(2);
  expect(containerNamed(spec, 'limit').resources.limits['vke.volcengine.com/rdma']).toBe(4);
  expect(containerNamed(spec, 'limit').resources.requests).toEqual({ cpu: '50m', memory: '64Mi' });
  expect(VolcengineResources.rdma(4, { limitOnly: true }).limitOnly).toBe(true);
});

test('whole GPUs with RDMA synthesize without a vendor warning (the combination VKE documents)', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'train', image: IMAGE, extendedResources: [ExtendedResource.nvidiaGpu(8), VolcengineResources.rdma(4)] }],
  });
  Testing.synth(chart);
  expect(takeWarnings().filter(w => w.includes('runtime/'))).toEqual([]);
});

test('RDMA with mGPU, and whole GPUs with mGPU, are warned about at synthesis (runtime family)', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'share', image: IMAGE, extendedResources: [...VolcengineResources.mgpu({ memory: Size.gibibytes(8), computePercent: 50 }), VolcengineResources.rdma(2)] },
      { name: 'whole', image: IMAGE, extendedResources: [ExtendedResource.nvidiaGpu(1)] },
    ],
  });
  Testing.synth(chart);
  // The app's validation prints each finding once with its rule id first.
  const warnings = takeWarnings();
  expect(warnings.filter(w => w.startsWith('[cdk8s-daemonsets] warning runtime/rdma-with-mgpu '))).toHaveLength(1);
  expect(warnings.filter(w => w.startsWith('[cdk8s-daemonsets] warning runtime/gpu-resource-kinds '))).toHaveLength(1);
  expect(warnings.join('\n')).toMatch(/cannot use RDMA and mGPU at the same time/);
});

describe('rejects values outside the documented rules', () => {
  test.each([
    [{ memory: Size.mebibytes(512), computePercent: 30 }, /memory is 512 MiB; it must be between 1024 MiB and 81920 MiB/],
    [{ memory: Size.gibibytes(81), computePercent: 30 }, /memory is 82944 MiB; it must be between 1024 MiB and 81920 MiB/],
    [{ memory: Size.kibibytes(1024 * 1024 + 512), computePercent: 30 }, /memory is 1049088 KiB; it must be a whole number of MiB/],
    [{ memory: Size.gibibytes(4), computePercent: 0 }, /computePercent is 0; it must be a whole number of percent of a card from 1 to 100/],
    [{ memory: Size.gibibytes(4), computePercent: 101 }, /computePercent is 101/],
    [{ memory: Size.gibibytes(4), computePercent: 12.5 }, /computePercent is 12\.5/],
    [{ memory: 4096, computePercent: 30 }, /VolcengineResources\.mgpu.*memory/],
  ])('mgpu(%o)', (options, message) => {
    expect(() => VolcengineResources.mgpu(options as any)).toThrow(message);
    expect(() => VolcengineResources.mgpu(options as any)).toThrow(DaemonSetsError);
  });

  test('mgpu() without options names what it needs', () => {
    expect(() => VolcengineResources.mgpu(undefined as any)).toThrow(/VolcengineResources\.mgpu.*options.*VolcengineMgpuOptions/);
  });

  test.each([0, -2, 1.5, Number.NaN, '2'])('rdma(%p)', count => {
    expect(() => VolcengineResources.rdma(count as any)).toThrow(/VolcengineResources\.rdma: count is .*; it must be a whole number of RDMA devices/);
  });

  test('rdma() with options that are not options', () => {
    expect(() => VolcengineResources.rdma(2, { limitOnly: 'yes' } as any)).toThrow(/options\.limitOnly/);
  });
});
