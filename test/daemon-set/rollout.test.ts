import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { synthDaemonSet } from './synth';
import { DaemonSet, DaemonSetUpdateStrategy } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: rollout.

test('default update strategy is RollingUpdate with maxUnavailable 1, emitted explicitly', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthDaemonSet(chart).spec;
  expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
  expect(spec.revisionHistoryLimit).toBeUndefined();
  expect(spec.minReadySeconds ?? 0).toEqual(0);
});

test('maxUnavailable as a percentage', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthDaemonSet(chart).spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
});

test('maxSurge with maxUnavailable 0, and percentages on both', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
    }),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthDaemonSet(chart).spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.percent(0),
      maxSurge: kplus.PercentOrAbsolute.percent(25),
    }),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthDaemonSet(chart2).spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%', maxSurge: '25%' } });
});

test('OnDelete', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.onDelete(),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthDaemonSet(chart).spec.updateStrategy).toEqual({ type: 'OnDelete' });
});

test('minReadySeconds and revisionHistoryLimit', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    minReadySeconds: 15,
    revisionHistoryLimit: 5,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthDaemonSet(chart).spec;
  expect(spec.minReadySeconds).toEqual(15);
  expect(spec.revisionHistoryLimit).toEqual(5);

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', { revisionHistoryLimit: 0, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthDaemonSet(chart2).spec.revisionHistoryLimit).toEqual(0);
});

describe('rejects bad rollout input', () => {
  test('maxUnavailable and maxSurge both zero throws', () => {
    expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(0) })).toThrow(/maxUnavailable and maxSurge are both zero/);
  });

  test('maxSurge cannot be combined with hostPort or hostNetwork', () => {
    const surge = DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
    });
    expect(() => new DaemonSet(Testing.chart(), 'ds', {
      updateStrategy: surge,
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, hostPort: 9100 }] }],
    })).toThrow(/container 'agent': hostPort 9100 cannot be used with the rolling update's maxSurge/);
    expect(() => new DaemonSet(Testing.chart(), 'ds', { updateStrategy: surge, hostNetwork: true })).toThrow(/updateStrategy: maxSurge starts a second pod on each node/);
  });

  test('maxSurge with a container hostPort is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
        maxSurge: kplus.PercentOrAbsolute.absolute(1),
      }),
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, hostPort: 9100 }] }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': hostPort 9100 cannot be used with the rolling update's maxSurge.*use maxUnavailable instead/);
  });

  test('maxSurge with a hostPort on a container added later is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', {
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(10) }),
      containers: [{ name: 'agent', image: IMAGE }],
    });
    expect(() => ds.addContainer({ name: 'proxy', image: 'envoyproxy/envoy:v1.30.1', ports: [{ number: 8080, hostPort: 80 }] }))
      .toThrow(/DaemonSet 'test\/ds': container 'proxy': hostPort 80 cannot be used with the rolling update's maxSurge/);
  });

  test('maxSurge with hostNetwork is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      hostNetwork: true,
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(1) }),
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': updateStrategy: maxSurge starts a second pod on each node.*host network.*use maxUnavailable instead/);
  });

  test('negative minReadySeconds is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      minReadySeconds: -5,
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': minReadySeconds: is -5; it must be a non-negative whole number/);
  });

  test('fractional minReadySeconds is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      minReadySeconds: 2.5,
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': minReadySeconds: is 2\.5; it must be a non-negative whole number/);
  });

  test('negative revisionHistoryLimit is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      revisionHistoryLimit: -1,
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': revisionHistoryLimit: is -1; it must be a non-negative whole number/);
  });
});
