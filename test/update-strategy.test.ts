import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetUpdateStrategy } from '../src';
import { DaemonSetsError } from '../src/errors';

const IMAGE = 'registry.example.com/agent:1.4.2';

function daemonSetSpec(chart: ReturnType<typeof Testing.chart>) {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec;
}

test('default strategy is RollingUpdate with maxUnavailable 1 emitted explicitly', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });

  expect(ds.updateStrategy.type).toBe('RollingUpdate');
  expect(ds.updateStrategy.maxUnavailable?.value).toBe(1);
  expect(ds.updateStrategy.maxSurge).toBeUndefined();
  expect(ds.updateStrategy.surges).toBe(false);
  expect(daemonSetSpec(chart).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
});

test('rollingUpdate with a percentage renders a string', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(daemonSetSpec(chart).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
});

test('rollingUpdate with an absolute maxUnavailable renders a number', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(3) }),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(daemonSetSpec(chart).updateStrategy.rollingUpdate).toEqual({ maxUnavailable: 3 });
});

test('surge with zero maxUnavailable keeps the zero in the output', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      maxSurge: kplus.PercentOrAbsolute.percent(25),
    }),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(ds.updateStrategy.surges).toBe(true);
  expect(daemonSetSpec(chart).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } });
});

test('absolute maxSurge renders a number next to maxUnavailable 0, the default when surging', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(2) }),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(ds.updateStrategy.maxUnavailable?.value).toBe(0);
  expect(ds.updateStrategy.surges).toBe(true);
  // The API server refuses a non-zero maxSurge next to a non-zero maxUnavailable (ValidateRollingUpdateDaemonSet).
  expect(daemonSetSpec(chart).updateStrategy.rollingUpdate).toEqual({ maxUnavailable: 0, maxSurge: 2 });
});

test('onDelete renders only the type', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.onDelete(),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(ds.updateStrategy.type).toBe('OnDelete');
  expect(ds.updateStrategy.maxUnavailable).toBeUndefined();
  expect(ds.updateStrategy.surges).toBe(false);
  expect(daemonSetSpec(chart).updateStrategy).toEqual({ type: 'OnDelete' });
});

test('a zero maxSurge does not count as a surge', () => {
  expect(DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(0) }).surges).toBe(false);
  expect(DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(0) }).surges).toBe(false);
  expect(DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(1) }).surges).toBe(true);
});

test('hostPort is allowed with OnDelete and with a rolling update without surge', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'on-delete', {
    updateStrategy: DaemonSetUpdateStrategy.onDelete(),
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, hostPort: 9100 }] }],
  });
  // A different host port: two DaemonSets on the same nodes cannot share one (cross-object/host-port-collision).
  new DaemonSet(chart, 'zero-surge', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(0) }),
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9101, hostPort: 9101 }] }],
  });
  const [onDelete, zeroSurge] = Testing.synth(chart);
  expect(onDelete.spec.template.spec.containers[0].ports).toEqual([{ containerPort: 9100, hostPort: 9100 }]);
  expect(zeroSurge.spec.updateStrategy.rollingUpdate).toEqual({ maxUnavailable: 1, maxSurge: 0 });
});

test('hostNetwork is allowed with maxUnavailable only', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    hostNetwork: true,
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(20) }),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  const spec = daemonSetSpec(chart);
  expect(spec.template.spec.hostNetwork).toBe(true);
  expect(spec.updateStrategy.rollingUpdate).toEqual({ maxUnavailable: '20%' });
});

test('percentages from 0% to 100% are accepted, above 100% is not', () => {
  expect(DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(100) }).maxUnavailable?.value).toBe('100%');
  expect(DaemonSetUpdateStrategy.rollingUpdate({
    maxUnavailable: kplus.PercentOrAbsolute.percent(0),
    maxSurge: kplus.PercentOrAbsolute.percent(100),
  }).maxSurge?.value).toBe('100%');
  expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.percent(101) }))
    .toThrow(/maxSurge is 101%; a percentage must be between 0% and 100%/);
});

test('fractional absolute values are rejected', () => {
  expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(1.5) }))
    .toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxUnavailable is 1\.5; it must be a non-negative integer or a percentage between 0% and 100%/);
});

test('the strategy survives containers added after construction', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
  });
  ds.addContainer({ name: 'agent', image: IMAGE });
  const spec = daemonSetSpec(chart);
  expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
  expect(spec.template.spec.containers.map((c: any) => c.name)).toEqual(['agent']);
});

test('minReadySeconds and revisionHistoryLimit are emitted', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    minReadySeconds: 15,
    revisionHistoryLimit: 3,
    containers: [{ name: 'agent', image: IMAGE }],
  });
  const spec = daemonSetSpec(chart);
  expect(spec.minReadySeconds).toBe(15);
  expect(spec.revisionHistoryLimit).toBe(3);
});

test('revisionHistoryLimit zero is emitted, not dropped', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { revisionHistoryLimit: 0, containers: [{ name: 'agent', image: IMAGE }] });
  expect(ds.revisionHistoryLimit).toBe(0);
  expect(daemonSetSpec(chart).revisionHistoryLimit).toBe(0);
});

test('revisionHistoryLimit is absent unless set', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(daemonSetSpec(chart)).not.toHaveProperty('revisionHistoryLimit');
});

test('snapshot: surge rollout', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'agent' },
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      maxSurge: kplus.PercentOrAbsolute.percent(10),
    }),
    minReadySeconds: 10,
    revisionHistoryLimit: 5,
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(Testing.synth(chart)).toMatchSnapshot();
});

describe('rejects bad update strategy input', () => {
  test('maxUnavailable and maxSurge both zero are rejected', () => {
    expect(() => DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      maxSurge: kplus.PercentOrAbsolute.percent(0),
    })).toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxUnavailable and maxSurge are both zero.*set maxUnavailable >= 1 \(or a percentage\) or maxSurge >= 1/);
  });

  test('maxUnavailable zero without maxSurge is rejected', () => {
    expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(0) }))
      .toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxUnavailable and maxSurge are both zero/);
  });

  test('maxUnavailable above 100% is rejected', () => {
    expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(150) }))
      .toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxUnavailable is 150%; a percentage must be between 0% and 100%/);
  });

  test('maxUnavailable and maxSurge both non-zero are rejected at construction, naming both', () => {
    expect(() => DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.absolute(1),
      maxSurge: kplus.PercentOrAbsolute.percent(10),
    })).toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxUnavailable is 1 and maxSurge is 10%; the API server refuses a non-zero maxSurge next to a non-zero maxUnavailable/);
    expect(() => DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.percent(5),
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
    })).toThrow(DaemonSetsError);
  });

  test('negative maxSurge is rejected', () => {
    expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxSurge: kplus.PercentOrAbsolute.absolute(-1) }))
      .toThrow(/DaemonSetUpdateStrategy\.rollingUpdate: maxSurge is -1; it must be a non-negative integer or a percentage/);
  });
});
