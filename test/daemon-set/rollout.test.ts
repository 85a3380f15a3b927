import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { synthDaemonSet } from './synth';
import { DaemonSet, DaemonSetUpdateStrategy } from '../../src';

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
});
