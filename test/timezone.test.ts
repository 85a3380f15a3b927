import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, Timezone } from '../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

function podSpec(chart: ReturnType<typeof Testing.chart>) {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec.template.spec;
}

test('fromNode follows the node and has no zone', () => {
  const tz = Timezone.fromNode();
  expect(tz.followsNode).toBe(true);
  expect(tz.zone).toBeUndefined();
});

test('of keeps the IANA zone and does not follow the node', () => {
  const tz = Timezone.of('Asia/Shanghai');
  expect(tz.followsNode).toBe(false);
  expect(tz.zone).toBe('Asia/Shanghai');
});

test.each(['UTC', 'Europe/Berlin', 'America/New_York', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('of accepts %s', zone => {
  expect(Timezone.of(zone).zone).toBe(zone);
});

test.each(['', 'Mars/Olympus', 'Europe/', '/Europe/Berlin', 'Europe/Berlin; rm -rf /', 'Not a zone'])('of rejects %j', zone => {
  expect(() => Timezone.of(zone)).toThrow(/^Timezone\.of: '.*' is not an IANA timezone name/);
});

test.each([['utc', 'UTC'], ['asia/shanghai', 'Asia/Shanghai'], ['AMERICA/NEW_YORK', 'America/New_York']])('of rejects the wrong case %s and names %s', (zone, canonical) => {
  expect(() => Timezone.of(zone)).toThrow(`Timezone.of: '${zone}' is spelled in the wrong case; tz database names are case-sensitive on Linux, use '${canonical}'.`);
});

test('fromNode mounts the node\'s /etc/localtime read-only in every container and init container', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    timezone: Timezone.fromNode(),
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: IMAGE }, { name: 'shipper', image: 'fluent/fluent-bit:3.1.9' }],
  });
  expect(ds.timezone?.followsNode).toBe(true);

  const spec = podSpec(chart);
  expect(spec.volumes).toEqual([{ name: 'localtime', hostPath: { path: '/etc/localtime', type: 'File' } }]);
  for (const c of [...spec.initContainers, ...spec.containers]) {
    expect(c.volumeMounts).toEqual([{ name: 'localtime', mountPath: '/etc/localtime', readOnly: true }]);
    expect(c.env).toBeUndefined();
  }
});

test('fromNode also reaches containers added after construction, with a single volume', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { timezone: Timezone.fromNode(), containers: [{ name: 'agent', image: IMAGE }] });
  ds.addContainer({ name: 'late', image: 'busybox:1.36' });
  const spec = podSpec(chart);
  expect(spec.volumes.filter((v: any) => v.hostPath?.path === '/etc/localtime')).toHaveLength(1);
  expect(spec.containers[1].volumeMounts).toEqual([{ name: 'localtime', mountPath: '/etc/localtime', readOnly: true }]);
});

test('of sets TZ in every container and init container', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    timezone: Timezone.of('Europe/Berlin'),
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: IMAGE }, { name: 'shipper', image: 'fluent/fluent-bit:3.1.9' }],
  });
  const spec = podSpec(chart);
  for (const c of [...spec.initContainers, ...spec.containers]) {
    expect(c.env).toEqual([{ name: 'TZ', value: 'Europe/Berlin' }]);
    expect(c.volumeMounts).toBeUndefined();
  }
  expect(spec.volumes).toBeUndefined();
});

test('of keeps a container\'s own TZ', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    timezone: Timezone.of('Europe/Berlin'),
    containers: [
      { name: 'agent', image: IMAGE, envVariables: { TZ: kplus.EnvValue.fromValue('UTC') } },
      { name: 'shipper', image: 'fluent/fluent-bit:3.1.9', envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue('info') } },
    ],
  });
  const [agent, shipper] = podSpec(chart).containers;
  expect(agent.env).toEqual([{ name: 'TZ', value: 'UTC' }]);
  expect(shipper.env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'TZ', value: 'Europe/Berlin' }]);
});

test('without a timezone nothing is added', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(ds.timezone).toBeUndefined();
  const spec = podSpec(chart);
  expect(spec.volumes).toBeUndefined();
  expect(spec.containers[0].env).toBeUndefined();
  expect(spec.containers[0].volumeMounts).toBeUndefined();
});

test('snapshot: timezone from the node', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'agent' },
    timezone: Timezone.fromNode(),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(Testing.synth(chart)).toMatchSnapshot();
});

test('snapshot: fixed timezone', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'agent' },
    timezone: Timezone.of('Asia/Shanghai'),
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(Testing.synth(chart)).toMatchSnapshot();
});

describe('rejects bad Timezone input', () => {
  test('unknown timezone is rejected', () => {
    expect(() => Timezone.of('Mars/Olympus'))
      .toThrow(/Timezone\.of: 'Mars\/Olympus' is not an IANA timezone name; use a name from the tz database such as 'Asia\/Shanghai'/);
  });

  test('timezone in the wrong case is rejected with the right spelling', () => {
    expect(() => Timezone.of('europe/berlin'))
      .toThrow(/Timezone\.of: 'europe\/berlin' is spelled in the wrong case; tz database names are case-sensitive on Linux, use 'Europe\/Berlin'/);
  });

  test('timezone with a space is rejected', () => {
    expect(() => Timezone.of('America/New York')).toThrow(/Timezone\.of: 'America\/New York' is not an IANA timezone name/);
  });
});
