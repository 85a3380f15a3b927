import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, HealthProbe } from '../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

function firstContainer(chart: ReturnType<typeof Testing.chart>) {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec.template.spec.containers[0];
}

test('factories record the kind, port and port name', () => {
  const http = HealthProbe.httpGet('/healthz', { portName: 'metrics' });
  expect(http.kind).toBe('httpGet');
  expect(http.portName).toBe('metrics');
  expect(http.port).toBeUndefined();

  const tcp = HealthProbe.tcpSocket({ port: 9100, successThreshold: 1 });
  expect(tcp.kind).toBe('tcpSocket');
  expect(tcp.port).toBe(9100);
  expect(tcp.successThreshold).toBe(1);

  expect(HealthProbe.exec(['cat', '/tmp/healthy']).kind).toBe('exec');

  const grpc = HealthProbe.grpc(50051);
  expect(grpc.kind).toBe('grpc');
  expect(grpc.port).toBe(50051);
});

test('httpGet by port name, with headers, scheme and host', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      ports: [{ number: 9100, name: 'metrics' }],
      livenessProbe: HealthProbe.httpGet('/healthz', {
        portName: 'metrics',
        scheme: kplus.ConnectionScheme.HTTPS,
        host: '127.0.0.1',
        headers: [{ name: 'Authorization', value: 'Bearer token' }, { name: 'X-Probe', value: 'liveness' }],
        initialDelay: Duration.seconds(5),
        period: Duration.seconds(20),
        timeout: Duration.seconds(3),
        failureThreshold: 5,
      }),
    }],
  });
  expect(firstContainer(chart).livenessProbe).toEqual({
    httpGet: {
      path: '/healthz',
      port: 'metrics',
      scheme: 'HTTPS',
      host: '127.0.0.1',
      httpHeaders: [{ name: 'Authorization', value: 'Bearer token' }, { name: 'X-Probe', value: 'liveness' }],
    },
    initialDelaySeconds: 5,
    periodSeconds: 20,
    timeoutSeconds: 3,
    failureThreshold: 5,
  });
});

test('httpGet without a port probes the container\'s first port, writing no scheme (Kubernetes defaults HTTP)', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      ports: [{ number: 8080, name: 'http' }, { number: 9100, name: 'metrics' }],
      readinessProbe: HealthProbe.httpGet('/ready'),
    }],
  });
  const probe = firstContainer(chart).readinessProbe;
  expect(probe).toEqual({ httpGet: { path: '/ready', port: 8080 } });
  expect(Object.keys(probe.httpGet)).not.toContain('scheme');
});

test('httpGet writes scheme HTTP when it is given explicitly', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, portNumber: 8080, readinessProbe: HealthProbe.httpGet('/ready', { scheme: kplus.ConnectionScheme.HTTP }) }],
  });
  expect(firstContainer(chart).readinessProbe).toEqual({ httpGet: { path: '/ready', port: 8080, scheme: 'HTTP' } });
});

test('httpGet without a port uses portNumber when the container has no ports list', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, portNumber: 8080, readinessProbe: HealthProbe.httpGet('/ready') }],
  });
  expect(firstContainer(chart).readinessProbe.httpGet.port).toBe(8080);
});

test('tcpSocket by number', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100 }], startupProbe: HealthProbe.tcpSocket({ port: 9100, failureThreshold: 30 }) }],
  });
  expect(firstContainer(chart).startupProbe).toEqual({ tcpSocket: { port: 9100 }, failureThreshold: 30 });
});

test('tcpSocket with a host connects there instead of the pod IP', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      ports: [{ number: 9100, name: 'metrics' }],
      livenessProbe: HealthProbe.tcpSocket({ portName: 'metrics', host: '127.0.0.1' }),
    }],
  });
  expect(firstContainer(chart).livenessProbe).toEqual({ tcpSocket: { port: 'metrics', host: '127.0.0.1' } });
});

test('exec runs the command', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, livenessProbe: HealthProbe.exec(['cat', '/tmp/healthy'], { period: Duration.minutes(1) }) }],
  });
  expect(firstContainer(chart).livenessProbe).toEqual({ exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 60 });
});

test('grpc renders port and service', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      ports: [{ number: 50051, name: 'grpc' }],
      readinessProbe: HealthProbe.grpc(50051, { service: 'agent.v1.Agent', successThreshold: 2 }),
    }],
  });
  expect(firstContainer(chart).readinessProbe).toEqual({ grpc: { port: 50051, service: 'agent.v1.Agent' }, successThreshold: 2 });
});

test('readiness probes may use a successThreshold above 1', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, readinessProbe: HealthProbe.exec(['true'], { successThreshold: 3 }) }],
  });
  expect(firstContainer(chart).readinessProbe.successThreshold).toBe(3);
});

test('liveness, readiness and startup can be set together', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      ports: [{ number: 9100, name: 'metrics' }],
      livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'metrics' }),
      readinessProbe: HealthProbe.httpGet('/ready', { port: 9100 }),
      startupProbe: HealthProbe.tcpSocket({ portName: 'metrics', period: Duration.seconds(2), failureThreshold: 60 }),
    }],
  });
  const c = firstContainer(chart);
  expect(c.livenessProbe.httpGet.port).toBe('metrics');
  expect(c.readinessProbe.httpGet.port).toBe(9100);
  expect(c.startupProbe).toEqual({ tcpSocket: { port: 'metrics' }, periodSeconds: 2, failureThreshold: 60 });
});

test('probes of the second container go to the second container', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'agent', image: IMAGE },
      { name: 'exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', ports: [{ number: 9100, name: 'metrics' }], readinessProbe: HealthProbe.httpGet('/', { portName: 'metrics' }) },
    ],
  });
  const [agent, exporter] = Testing.synth(chart)[0].spec.template.spec.containers;
  expect(agent.readinessProbe).toBeUndefined();
  expect(exporter.readinessProbe).toEqual({ httpGet: { path: '/', port: 'metrics' } });
});

test('a probe port name satisfied by the container\'s own port passes synthesis', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }], livenessProbe: HealthProbe.tcpSocket({ portName: 'metrics' }) }],
  });
  expect(() => Testing.synth(chart)).not.toThrow();
  expect(ds.containers[0].ports.map(p => p.name)).toEqual(['metrics']);
});

test('a probe port name declared only by another container fails synthesis', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'agent', image: IMAGE, livenessProbe: HealthProbe.tcpSocket({ portName: 'metrics' }) },
      { name: 'exporter', image: 'quay.io/prometheus/node-exporter:v1.8.2', ports: [{ number: 9100, name: 'metrics' }] },
    ],
  });
  // The API server checks only the name's syntax; the kubelet resolves it in the probed container alone (runtime/probe-ports).
  expect(() => Testing.synth(chart)).toThrow(/DaemonSet 'test\/ds': the API server accepts the livenessProbe of container 'agent' on port 'metrics', but no port of that container has this name \(named ports: none\), so the kubelet cannot resolve it.*\(at spec\.template\.spec\.containers\[0\]\.livenessProbe\)/);
});

test('cdk8s-plus probes still work', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, readiness: kplus.Probe.fromHttpGet('/ready', { port: 8080 }) }],
  });
  expect(firstContainer(chart).readinessProbe.httpGet).toMatchObject({ path: '/ready', port: 8080 });
});

test('a HealthProbe on an init container is rejected like cdk8s-plus rejects its own probes there', () => {
  // Kubernetes forbids liveness, readiness and startup probes on init containers.
  const chart = Testing.chart();
  expect(() => {
    new DaemonSet(chart, 'ds', {
      initContainers: [{ name: 'setup', image: 'busybox:1.36', readinessProbe: HealthProbe.exec(['true']) }],
      containers: [{ name: 'agent', image: IMAGE }],
    });
    Testing.synth(chart);
  }).toThrow(/DaemonSet 'test\/ds'.*init container 'setup'.*readinessProbe/);
});

test('cdk8s-plus probes on init containers are rejected with the construct path, before cdk8s-plus sees them', () => {
  const chart = Testing.chart();
  expect(() => new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36', readiness: kplus.Probe.fromCommand(['true']) }],
    containers: [{ name: 'agent', image: IMAGE }],
  })).toThrow(/^DaemonSet 'test\/ds': init container 'setup': readiness set, but init containers cannot have probes/);
});

test('snapshot: all probe kinds', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'agent' },
    containers: [
      {
        name: 'agent',
        image: IMAGE,
        ports: [{ number: 9100, name: 'metrics' }],
        livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'metrics', headers: [{ name: 'X-Probe', value: 'live' }] }),
        readinessProbe: HealthProbe.tcpSocket({ port: 9100 }),
        startupProbe: HealthProbe.exec(['/bin/agent', 'check'], { failureThreshold: 30, period: Duration.seconds(2) }),
      },
      { name: 'grpc', image: 'registry.example.com/grpc-agent:2.0.0', ports: [{ number: 50051, name: 'grpc' }], livenessProbe: HealthProbe.grpc(50051) },
    ],
  });
  expect(Testing.synth(chart)).toMatchSnapshot();
});

describe('rejects bad HealthProbe input', () => {
  test('HealthProbe.httpGet with both port and portName is rejected', () => {
    expect(() => HealthProbe.httpGet('/healthz', { port: 8080, portName: 'http' }))
      .toThrow(/HealthProbe\.httpGet: give 'port' or 'portName', not both \(port 8080, portName 'http'\)/);
  });

  test('HealthProbe.httpGet with a relative path is rejected', () => {
    expect(() => HealthProbe.httpGet('healthz')).toThrow(/HealthProbe\.httpGet: path 'healthz' must start with '\/'/);
  });

  test('HealthProbe.httpGet with an invalid header name is rejected', () => {
    expect(() => HealthProbe.httpGet('/healthz', { port: 8080, headers: [{ name: 'X Token', value: 'a' }] }))
      .toThrow(/HealthProbe\.httpGet: header name 'X Token' is not a valid HTTP header name \(RFC 7230 token/);
  });

  test('HealthProbe.tcpSocket with a host that is not a string is rejected', () => {
    expect(() => HealthProbe.tcpSocket({ port: 8080, host: 127 as any })).toThrow(/HealthProbe\.tcpSocket.*host/);
  });

  test('HealthProbe.exec with an empty command is rejected', () => {
    expect(() => HealthProbe.exec([])).toThrow(/HealthProbe\.exec: command is empty; give the program and its arguments/);
  });

  test('HealthProbe.grpc with a port out of range is rejected', () => {
    expect(() => HealthProbe.grpc(0)).toThrow(/HealthProbe\.grpc: port 0 is out of range; a port is an integer from 1 to 65535/);
  });

  test('HealthProbe with a zero failureThreshold is rejected', () => {
    expect(() => HealthProbe.tcpSocket({ port: 8080, failureThreshold: 0 }))
      .toThrow(/HealthProbe\.tcpSocket: failureThreshold is 0; it must be a positive integer/);
  });

  test('HealthProbe with a sub-second period is rejected', () => {
    expect(() => HealthProbe.tcpSocket({ port: 8080, period: Duration.millis(500) }))
      .toThrow(/HealthProbe\.tcpSocket: period is .*; Kubernetes needs at least 1 second/);
  });

  test('liveness probe with successThreshold 2 is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{
        name: 'agent',
        image: IMAGE,
        ports: [{ number: 8080 }],
        livenessProbe: HealthProbe.httpGet('/healthz', { successThreshold: 2 }),
      }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': livenessProbe successThreshold is 2; Kubernetes requires 1 for liveness and startup probes/);
  });

  test('startup probe with successThreshold 3 is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, startupProbe: HealthProbe.exec(['true'], { successThreshold: 3 }) }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': startupProbe successThreshold is 3; Kubernetes requires 1/);
  });
});
