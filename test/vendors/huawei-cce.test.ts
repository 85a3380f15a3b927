import { Size, Testing } from 'cdk8s';
import { DaemonSet } from '../../src/daemon-set';
import { DaemonSetsError } from '../../src/errors';
import { HuaweiCceResources } from '../../src/vendors';
import { containerNamed, synthPodSpec } from '../daemon-set/synth';

const IMAGE = 'registry.example.com/ai/agent:3.0.1';

test('virtualGpu() is memory in units of 128 MiB and, optionally, compute in percent, request equal to limit', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'mem', image: IMAGE, extendedResources: HuaweiCceResources.virtualGpu({ memory: Size.gibibytes(2) }) },
      { name: 'both', image: IMAGE, extendedResources: HuaweiCceResources.virtualGpu({ memory: Size.mebibytes(640), computePercent: 25 }) },
    ],
  });
  const spec = synthPodSpec(chart);
  const mem = containerNamed(spec, 'mem').resources;
  expect(mem.requests['volcano.sh/gpu-mem.128Mi']).toBe(16);
  expect(mem.limits['volcano.sh/gpu-mem.128Mi']).toBe(16);
  expect(mem.limits['volcano.sh/gpu-core.percentage']).toBeUndefined();
  const both = containerNamed(spec, 'both').resources;
  expect(both.limits['volcano.sh/gpu-mem.128Mi']).toBe(5);
  expect(both.requests['volcano.sh/gpu-core.percentage']).toBe(25);
  expect(both.limits['volcano.sh/gpu-core.percentage']).toBe(25);
});

test('virtualGpu() accepts the documented bounds: 1 and 16384 units, 5 % and 100 %', () => {
  expect(HuaweiCceResources.virtualGpu({ memory: Size.mebibytes(128), computePercent: 5 }).map(r => r.count)).toEqual([1, 5]);
  expect(HuaweiCceResources.virtualGpu({ memory: Size.tebibytes(2), computePercent: 100 }).map(r => r.count)).toEqual([16384, 100]);
});

test('Ascend NPUs are integer counts, request equal to limit', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'd310', image: IMAGE, extendedResources: [HuaweiCceResources.ascend310(1)] },
      { name: 'snt9b', image: IMAGE, extendedResources: [HuaweiCceResources.ascendSnt9b(8)] },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'd310').resources.limits['huawei.com/ascend-310']).toBe(1);
  expect(containerNamed(spec, 'd310').resources.requests['huawei.com/ascend-310']).toBe(1);
  expect(containerNamed(spec, 'snt9b').resources.limits['huawei.com/ascend-1980']).toBe(8);
  expect(HuaweiCceResources.ascend310(1000).count).toBe(1000);
});

describe('rejects values outside the documented rules', () => {
  test.each([
    [{ memory: Size.mebibytes(100) }, /memory is 100 MiB; it must be a whole number of 128 MiB, between 128 MiB and 2097152 MiB/],
    [{ memory: Size.mebibytes(200) }, /memory is 200 MiB; it must be a whole number of 128 MiB/],
    [{ memory: Size.tebibytes(3) }, /memory is 3145728 MiB; it must be between 128 MiB and 2097152 MiB/],
    [{ memory: Size.gibibytes(1), computePercent: 12 }, /computePercent is 12; it must be a whole number of percent of a card from 5 to 100 in steps of 5/],
    [{ memory: Size.gibibytes(1), computePercent: 0 }, /computePercent is 0/],
    [{ memory: Size.gibibytes(1), computePercent: 105 }, /computePercent is 105/],
    [{ computePercent: 50 }, /HuaweiCceResources\.virtualGpu.*memory/],
  ])('virtualGpu(%o)', (options, message) => {
    expect(() => HuaweiCceResources.virtualGpu(options as any)).toThrow(message);
    expect(() => HuaweiCceResources.virtualGpu(options as any)).toThrow(DaemonSetsError);
  });

  test.each([0, 1001, 2.5, -1, '1'])('ascend310(%p) and ascendSnt9b(%p)', count => {
    expect(() => HuaweiCceResources.ascend310(count as any)).toThrow(/HuaweiCceResources\.ascend310: count is .*; it must be a whole number of NPUs from 1 to 1000/);
    expect(() => HuaweiCceResources.ascendSnt9b(count as any)).toThrow(/HuaweiCceResources\.ascendSnt9b: count is/);
  });
});
