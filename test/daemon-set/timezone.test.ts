import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, synthPodSpec } from './synth';
import { DaemonSet, Timezone } from '../../src';

// DaemonSet: timezone.

test('fromNode mounts the node /etc/localtime (File, read-only) in every container, init and later-added ones included', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    timezone: Timezone.fromNode(),
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }, { name: 'reloader', image: 'registry.example.com/reloader:0.3' }],
  });
  ds.addContainer({ name: 'late', image: 'registry.example.com/late:2.0' });
  ds.addInitContainer({ name: 'late-init', image: 'busybox:1.36' });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([{ name: 'localtime', hostPath: { path: '/etc/localtime', type: 'File' } }]);
  for (const name of ['setup', 'late-init', 'agent', 'reloader', 'late']) {
    expect(containerNamed(spec, name).volumeMounts).toEqual([{ name: 'localtime', mountPath: '/etc/localtime', readOnly: true }]);
  }
  expect(spec.initContainers.map((c: any) => c.name)).toEqual(['setup', 'late-init']);
  expect(spec.containers.map((c: any) => c.name)).toEqual(['agent', 'reloader', 'late']);
});

test('of() sets TZ in every container, but a container that sets TZ keeps its own', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    timezone: Timezone.of('Asia/Shanghai'),
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue('info') } },
      { name: 'utc', image: 'registry.example.com/utc:1.0', envVariables: { TZ: kplus.EnvValue.fromValue('UTC') } },
    ],
  });
  ds.addContainer({ name: 'late', image: 'registry.example.com/late:2.0' });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'setup').env).toEqual([{ name: 'TZ', value: 'Asia/Shanghai' }]);
  expect(containerNamed(spec, 'agent').env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'TZ', value: 'Asia/Shanghai' }]);
  expect(containerNamed(spec, 'utc').env).toEqual([{ name: 'TZ', value: 'UTC' }]);
  expect(containerNamed(spec, 'late').env).toEqual([{ name: 'TZ', value: 'Asia/Shanghai' }]);
  expect(spec.volumes).toBeUndefined();
});
