import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, synthPodSpec } from './synth';
import { DaemonSet, HealthProbe } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: health.

test('HTTP probes with scheme, headers, path, port by number and by name, and all timing fields', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 9100, name: 'metrics' }, { number: 8443, name: 'https' }],
      livenessProbe: HealthProbe.httpGet('/healthz', {
        port: 8443,
        scheme: kplus.ConnectionScheme.HTTPS,
        headers: [{ name: 'Authorization', value: 'Bearer probe' }, { name: 'X-Probe', value: 'liveness' }],
        initialDelay: Duration.seconds(10),
        timeout: Duration.seconds(3),
        period: Duration.seconds(20),
        successThreshold: 1,
        failureThreshold: 5,
      }),
      readinessProbe: HealthProbe.httpGet('/ready', {
        portName: 'metrics',
        scheme: kplus.ConnectionScheme.HTTP,
        initialDelay: Duration.seconds(2),
        timeout: Duration.seconds(1),
        period: Duration.seconds(5),
        successThreshold: 2,
        failureThreshold: 3,
      }),
      startupProbe: HealthProbe.httpGet('/started', { period: Duration.seconds(2), failureThreshold: 60 }),
    }],
  });
  const agent = containerNamed(synthPodSpec(chart), 'agent');
  expect(agent.livenessProbe).toEqual({
    httpGet: {
      path: '/healthz',
      port: 8443,
      scheme: 'HTTPS',
      httpHeaders: [{ name: 'Authorization', value: 'Bearer probe' }, { name: 'X-Probe', value: 'liveness' }],
    },
    initialDelaySeconds: 10,
    timeoutSeconds: 3,
    periodSeconds: 20,
    successThreshold: 1,
    failureThreshold: 5,
  });
  expect(agent.readinessProbe).toEqual({
    httpGet: { path: '/ready', port: 'metrics', scheme: 'HTTP' },
    initialDelaySeconds: 2,
    timeoutSeconds: 1,
    periodSeconds: 5,
    successThreshold: 2,
    failureThreshold: 3,
  });
  // no port on the probe: the container's first port; no scheme: none written (Kubernetes defaults HTTP)
  expect(agent.startupProbe).toEqual({
    httpGet: { path: '/started', port: 9100 },
    periodSeconds: 2,
    failureThreshold: 60,
  });
});

test('TCP, exec and gRPC probes', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 9090, name: 'grpc' }, { number: 7946, name: 'gossip' }],
      livenessProbe: HealthProbe.grpc(9090, { service: 'agent.v1.Agent', initialDelay: Duration.seconds(5), period: Duration.seconds(10), timeout: Duration.seconds(2), failureThreshold: 3 }),
      readinessProbe: HealthProbe.tcpSocket({ portName: 'gossip', period: Duration.seconds(5), successThreshold: 1, failureThreshold: 2 }),
      startupProbe: HealthProbe.exec(['cat', '/tmp/started'], { initialDelay: Duration.seconds(1), period: Duration.seconds(3), timeout: Duration.seconds(2), successThreshold: 1, failureThreshold: 30 }),
    }],
  });
  const agent = containerNamed(synthPodSpec(chart), 'agent');
  expect(agent.livenessProbe).toEqual({
    grpc: { port: 9090, service: 'agent.v1.Agent' },
    initialDelaySeconds: 5,
    periodSeconds: 10,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  expect(agent.readinessProbe).toEqual({
    tcpSocket: { port: 'gossip' },
    periodSeconds: 5,
    successThreshold: 1,
    failureThreshold: 2,
  });
  expect(agent.startupProbe).toEqual({
    exec: { command: ['cat', '/tmp/started'] },
    initialDelaySeconds: 1,
    periodSeconds: 3,
    timeoutSeconds: 2,
    successThreshold: 1,
    failureThreshold: 30,
  });
});

test('TCP probe by port number and gRPC probe without a service', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 9090 }],
      livenessProbe: HealthProbe.tcpSocket({ port: 9090 }),
      readinessProbe: HealthProbe.grpc(9090),
    }],
  });
  const agent = containerNamed(synthPodSpec(chart), 'agent');
  expect(agent.livenessProbe).toEqual({ tcpSocket: { port: 9090 } });
  expect(agent.readinessProbe).toEqual({ grpc: { port: 9090 } });
});

describe('rejects bad health input', () => {
  test('liveness and startup probes must use successThreshold 1', () => {
    expect(() => new DaemonSet(Testing.chart(), 'ds', {
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', livenessProbe: HealthProbe.exec(['true'], { successThreshold: 2 }) }],
    })).toThrow(/container 'agent': livenessProbe successThreshold is 2; Kubernetes requires 1/);
    expect(() => new DaemonSet(Testing.chart(), 'ds', {
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', startupProbe: HealthProbe.exec(['true'], { successThreshold: 3 }) }],
    })).toThrow(/container 'agent': startupProbe successThreshold is 3/);
  });

  test('probe portName that names no container port is rejected at synthesis', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds', {
      containers: [{
        name: 'agent',
        image: IMAGE,
        ports: [{ number: 9100, name: 'metrics' }],
        readinessProbe: HealthProbe.httpGet('/healthz', { portName: 'health' }),
      }],
    });
    expect(() => Testing.synth(chart))
      .toThrow(/DaemonSet 'test\/ds': the API server accepts the readinessProbe of container 'agent' on port 'health', but no port of that container has this name \(named ports: 'metrics'\), .* \(at spec\.template\.spec\.containers\[0\]\.readinessProbe\)/);
  });

  test('probe without a port on a container without ports is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, livenessProbe: HealthProbe.tcpSocket() }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': the tcpSocket probe names no port and the container declares none; set 'port' or 'portName'/);
  });

  test('both liveness and livenessProbe on one container are rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{
        name: 'agent',
        image: IMAGE,
        ports: [{ number: 8080 }],
        liveness: kplus.Probe.fromTcpSocket({ port: 8080 }),
        livenessProbe: HealthProbe.tcpSocket(),
      }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': both liveness and livenessProbe are set; use one/);
  });
});
