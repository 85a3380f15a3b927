import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, synthPodSpec } from './synth';
import { DaemonSet } from '../../src';

// DaemonSet: lifecycle.

test('postStart exec and preStop HTTP hooks, terminationGracePeriod', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    terminationGracePeriod: Duration.seconds(60),
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 2020, name: 'http' }],
      lifecycle: {
        postStart: kplus.Handler.fromCommand(['sh', '-c', 'touch /tmp/started']),
        preStop: kplus.Handler.fromHttpGet('/api/v1/flush', { port: 2020 }),
      },
    }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.terminationGracePeriodSeconds).toEqual(60);
  expect(containerNamed(spec, 'agent').lifecycle).toEqual({
    postStart: { exec: { command: ['sh', '-c', 'touch /tmp/started'] } },
    preStop: { httpGet: { path: '/api/v1/flush', port: 2020, scheme: 'HTTP' } },
  });
});

test('preStop exec and postStart HTTP hooks', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      // cdk8s-plus handlers default to the container's portNumber (not to its first port)
      portNumber: 8080,
      lifecycle: {
        postStart: kplus.Handler.fromHttpGet('/warmup'),
        preStop: kplus.Handler.fromCommand(['/agent', 'drain', '--timeout=20s']),
      },
    }],
  });
  expect(containerNamed(synthPodSpec(chart), 'agent').lifecycle).toEqual({
    postStart: { httpGet: { path: '/warmup', port: 8080, scheme: 'HTTP' } },
    preStop: { exec: { command: ['/agent', 'drain', '--timeout=20s'] } },
  });
});
