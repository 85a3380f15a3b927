import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, onlyOfKind, synthPodSpec } from './synth';
import { DaemonSet, DaemonSetServiceType, ServiceTrafficPolicy } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: ports & network.

test('TCP, UDP and SCTP ports with names and hostPort', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [
        { number: 9100, name: 'metrics', protocol: kplus.Protocol.TCP, hostPort: 9100 },
        { number: 8125, name: 'statsd', protocol: kplus.Protocol.UDP, hostPort: 8125 },
        { number: 9899, name: 'sctp-probe', protocol: kplus.Protocol.SCTP },
        { number: 8080 },
      ],
    }],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'agent').ports).toEqual([
    { containerPort: 9100, name: 'metrics', protocol: 'TCP', hostPort: 9100 },
    { containerPort: 8125, name: 'statsd', protocol: 'UDP', hostPort: 8125 },
    { containerPort: 9899, name: 'sctp-probe', protocol: 'SCTP' },
    { containerPort: 8080 },
  ]);
  expect(spec.hostNetwork ?? false).toBe(false);
  expect(spec.dnsPolicy).toEqual('ClusterFirst');
});

test('hostNetwork switches dnsPolicy to ClusterFirstWithHostNet', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    hostNetwork: true,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics', hostPort: 9100 }] }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.hostNetwork).toBe(true);
  expect(spec.dnsPolicy).toEqual('ClusterFirstWithHostNet');
});

test('ClusterIP by default, ports default to the container ports (names and protocols kept)', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }, { number: 8125, name: 'statsd', protocol: kplus.Protocol.UDP }] },
      { name: 'proxy', image: 'registry.example.com/proxy:1.0', ports: [{ number: 8443, name: 'https' }] },
    ],
  });
  ds.exposeViaService({ name: 'agent', labels: { 'app.kubernetes.io/name': 'agent' }, annotations: { team: 'sre' } });
  const manifests = Testing.synth(chart);
  const svc = onlyOfKind(manifests, 'Service');
  const dsObj = onlyOfKind(manifests, 'DaemonSet');
  expect(svc.metadata.name).toEqual('agent');
  expect(svc.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'agent' });
  expect(svc.metadata.annotations).toEqual({ team: 'sre' });
  expect(svc.spec.type).toEqual('ClusterIP');
  expect(svc.spec.clusterIP).toBeUndefined();
  expect(svc.spec.selector).toEqual(dsObj.spec.selector.matchLabels);
  expect(svc.spec.ports).toEqual([
    { name: 'metrics', port: 9100, targetPort: 9100 },
    { name: 'statsd', port: 8125, targetPort: 8125, protocol: 'UDP' },
    { name: 'https', port: 8443, targetPort: 8443 },
  ]);
  expect(svc.spec.internalTrafficPolicy).toBeUndefined();
});

test('HEADLESS emits clusterIP None', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ serviceType: DaemonSetServiceType.HEADLESS });
  const svc = onlyOfKind(Testing.synth(chart), 'Service');
  expect(svc.spec.type).toEqual('ClusterIP');
  expect(svc.spec.clusterIP).toEqual('None');
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 9100 }]);
});

test('NodePort with nodePort, targetPortName and internalTrafficPolicy Local', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({
    serviceType: DaemonSetServiceType.NODE_PORT,
    ports: [{ port: 80, targetPortName: 'metrics', nodePort: 30910 }],
    internalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
  });
  const svc = onlyOfKind(Testing.synth(chart), 'Service');
  expect(svc.spec.type).toEqual('NodePort');
  expect(svc.spec.clusterIP).toBeUndefined();
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 80, targetPort: 'metrics', nodePort: 30910 }]);
  expect(svc.spec.internalTrafficPolicy).toEqual('Local');
});

test('LoadBalancer with an explicit numeric targetPort', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'ingress', image: 'registry.example.com/ingress:1.0', ports: [{ number: 8080, name: 'http' }] }],
  });
  ds.exposeViaService({ serviceType: DaemonSetServiceType.LOAD_BALANCER, ports: [{ port: 80, targetPort: 8080 }] });
  const svc = onlyOfKind(Testing.synth(chart), 'Service');
  expect(svc.spec.type).toEqual('LoadBalancer');
  expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
});

test('the Service lives in the namespace of the DaemonSet it selects', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    metadata: { namespace: 'monitoring' },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ serviceType: DaemonSetServiceType.HEADLESS });
  const manifests = Testing.synth(chart);
  expect(onlyOfKind(manifests, 'DaemonSet').metadata.namespace).toEqual('monitoring');
  expect(onlyOfKind(manifests, 'Service').metadata.namespace).toEqual('monitoring');
});

test('explicit CLUSTER_IP type and a traffic policy of Cluster', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ serviceType: DaemonSetServiceType.CLUSTER_IP, internalTrafficPolicy: ServiceTrafficPolicy.CLUSTER });
  const svc = onlyOfKind(Testing.synth(chart), 'Service');
  expect(svc.spec.type).toEqual('ClusterIP');
  expect(svc.spec.clusterIP).toBeUndefined();
  expect(svc.spec.internalTrafficPolicy).toEqual('Cluster');
});

describe('rejects bad ports & network input', () => {
  test('duplicate hostPort in one container is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 8080, hostPort: 80 }, { number: 8081, hostPort: 80 }] }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': hostPort 80\/TCP is declared twice; a host port can be bound once per node/);
  });

  test('duplicate hostPort across two containers is rejected at synthesis', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds', {
      containers: [
        { name: 'agent', image: IMAGE, ports: [{ number: 8080, hostPort: 80 }] },
        { name: 'sidecar', image: 'busybox:1.36', ports: [{ number: 8081, hostPort: 80 }] },
      ],
    });
    expect(() => Testing.synth(chart))
      .toThrow(/DaemonSet 'test\/ds': container 'sidecar' hostPort 80\/TCP is already bound by container 'agent'.*\(at spec\.template\.spec\.containers\[1\]\.ports\[0\]\.hostPort\)/);
  });

  test('port name with upper case and underscore is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'Metrics_Port' }] }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': port name 'Metrics_Port' must consist of lower-case alphanumerics or '-'/);
  });

  test('port name longer than 15 characters is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'node-exporter-metrics' }] }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': port name 'node-exporter-metrics' is 21 characters long; at most 15 are allowed/);
  });

  test('port name made only of digits is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: '9100' }] }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': port name '9100' must contain at least one letter/);
  });

  test('container port out of range is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 70000 }] }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': port number 70000 is out of range; a port is an integer from 1 to 65535/);
  });

  test('hostPort zero is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, hostPort: 0 }] }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': port hostPort 0 is out of range; a port is an integer from 1 to 65535/);
  });
});
