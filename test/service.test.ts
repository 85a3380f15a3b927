import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetServiceType, ServiceTrafficPolicy } from '../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

function agent(chart: Chart, ports: kplus.ContainerPort[] = [{ number: 9100, name: 'metrics' }]) {
  return new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE, ports }] });
}

function synth(chart: Chart) {
  const objects = Testing.synth(chart);
  return { ds: objects.find(o => o.kind === 'DaemonSet'), svc: objects.find(o => o.kind === 'Service') };
}

test('enum values', () => {
  expect(DaemonSetServiceType.CLUSTER_IP).toBe('ClusterIP');
  expect(DaemonSetServiceType.HEADLESS).toBe('Headless');
  expect(DaemonSetServiceType.NODE_PORT).toBe('NodePort');
  expect(DaemonSetServiceType.LOAD_BALANCER).toBe('LoadBalancer');
  expect(ServiceTrafficPolicy.CLUSTER).toBe('Cluster');
  expect(ServiceTrafficPolicy.LOCAL).toBe('Local');
});

test('default: ClusterIP Service exposing every container port under its number and name', () => {
  const chart = Testing.chart();
  const ds = agent(chart, [{ number: 9100, name: 'metrics' }, { number: 8080, name: 'http' }]);
  const service = ds.exposeViaService();
  expect(service.node.path).toBe('test/ds/Service');

  const { svc } = synth(chart);
  expect(svc.apiVersion).toBe('v1');
  expect(svc.spec.type).toBe('ClusterIP');
  expect(svc.spec).not.toHaveProperty('clusterIP');
  expect(svc.spec).not.toHaveProperty('internalTrafficPolicy');
  expect(svc.spec.ports).toEqual([
    { name: 'metrics', port: 9100, targetPort: 9100 },
    { name: 'http', port: 8080, targetPort: 8080 },
  ]);
});

test('selector equals the pod template labels of a DaemonSet without extra pod labels', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService();
  const { ds: daemonSet, svc } = synth(chart);
  expect(svc.spec.selector).toEqual(daemonSet.spec.template.metadata.labels);
});

test('selector equals the DaemonSet selector, which the pod template labels carry', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    podMetadata: { labels: { 'app.kubernetes.io/name': 'agent' } },
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService();
  const { ds: daemonSet, svc } = synth(chart);
  expect(svc.spec.selector).toEqual(daemonSet.spec.selector.matchLabels);
  for (const [k, v] of Object.entries(svc.spec.selector)) {
    expect(daemonSet.spec.template.metadata.labels[k]).toBe(v);
  }
  // The name-derived selector labels, never cdk8s-plus's construct-path address.
  expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': daemonSet.metadata.name });
});

test('name, labels and annotations are set on the Service', () => {
  const chart = Testing.chart();
  const ds = agent(chart);
  const service = ds.exposeViaService({
    name: 'node-agent',
    labels: { 'app.kubernetes.io/name': 'node-agent' },
    annotations: { 'prometheus.io/scrape': 'true' },
  });
  expect(service.name).toBe('node-agent');
  expect(service.node.path).toBe('test/ds/Service-node-agent');
  const { svc } = synth(chart);
  expect(svc.metadata).toEqual({
    name: 'node-agent',
    labels: { 'app.kubernetes.io/name': 'node-agent' },
    annotations: { 'prometheus.io/scrape': 'true' },
  });
});

test('the Service lands in the DaemonSet\'s namespace, which its selector needs', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    metadata: { namespace: 'monitoring' },
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ name: 'agent' });
  expect(synth(chart).svc.metadata).toEqual({ name: 'agent', namespace: 'monitoring' });
});

test('the Service takes the chart namespace like the DaemonSet', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'logging' });
  agent(chart).exposeViaService();
  const { ds, svc } = synth(chart);
  expect(ds.metadata.namespace).toBe('logging');
  expect(svc.metadata.namespace).toBe('logging');
});

test('headless: ClusterIP type with clusterIP None', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ serviceType: DaemonSetServiceType.HEADLESS });
  const { svc } = synth(chart);
  expect(svc.spec.type).toBe('ClusterIP');
  expect(svc.spec.clusterIP).toBe('None');
});

test('NodePort with an explicit node port', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ serviceType: DaemonSetServiceType.NODE_PORT, ports: [{ port: 9100, nodePort: 30910 }] });
  const { svc } = synth(chart);
  expect(svc.spec.type).toBe('NodePort');
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 9100, nodePort: 30910 }]);
});

test('LoadBalancer type', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ serviceType: DaemonSetServiceType.LOAD_BALANCER });
  expect(synth(chart).svc.spec.type).toBe('LoadBalancer');
});

test('targetPortName renders a named targetPort and takes the port name from it', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ ports: [{ port: 80, targetPortName: 'metrics' }] });
  expect(synth(chart).svc.spec.ports).toEqual([{ name: 'metrics', port: 80, targetPort: 'metrics' }]);
});

test('targetPort by number takes the container port\'s name', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ ports: [{ port: 80, targetPort: 9100 }] });
  expect(synth(chart).svc.spec.ports).toEqual([{ name: 'metrics', port: 80, targetPort: 9100 }]);
});

test('an explicit Service port name wins over the container port\'s name', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ ports: [{ port: 80, targetPortName: 'metrics', name: 'web' }] });
  expect(synth(chart).svc.spec.ports).toEqual([{ name: 'web', port: 80, targetPort: 'metrics' }]);
});

test('several ports mixing names and numbers, with protocols', () => {
  const chart = Testing.chart();
  const ds = agent(chart, [{ number: 9100, name: 'metrics' }, { number: 8125, name: 'statsd', protocol: kplus.Protocol.UDP }]);
  ds.exposeViaService({
    ports: [
      { port: 9100, targetPortName: 'metrics' },
      { port: 8125, targetPort: 8125, protocol: kplus.Protocol.UDP },
    ],
  });
  expect(synth(chart).svc.spec.ports).toEqual([
    { name: 'metrics', port: 9100, targetPort: 'metrics' },
    { name: 'statsd', port: 8125, targetPort: 8125, protocol: 'UDP' },
  ]);
});

test('appProtocol reaches the Service port, beside the other fields', () => {
  const chart = Testing.chart();
  const ds = agent(chart, [{ number: 9100, name: 'metrics' }, { number: 8443, name: 'grpc' }]);
  ds.exposeViaService({
    ports: [
      { port: 9100, targetPortName: 'metrics', appProtocol: 'http' },
      { port: 443, targetPort: 8443, appProtocol: 'kubernetes.io/h2c' },
    ],
  });
  expect(synth(chart).svc.spec.ports).toEqual([
    { name: 'metrics', port: 9100, targetPort: 'metrics', appProtocol: 'http' },
    { name: 'grpc', port: 443, targetPort: 8443, appProtocol: 'kubernetes.io/h2c' },
  ]);
});

test('a port without appProtocol writes none', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ ports: [{ port: 9100 }] });
  expect(Object.keys(synth(chart).svc.spec.ports[0])).not.toContain('appProtocol');
});

test('default ports keep the container ports\' protocols', () => {
  const chart = Testing.chart();
  agent(chart, [{ number: 9100, name: 'metrics' }, { number: 8125, name: 'statsd', protocol: kplus.Protocol.UDP }]).exposeViaService();
  expect(synth(chart).svc.spec.ports).toEqual([
    { name: 'metrics', port: 9100, targetPort: 9100 },
    { name: 'statsd', port: 8125, targetPort: 8125, protocol: 'UDP' },
  ]);
});

test('internalTrafficPolicy Local keeps traffic on the node', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ internalTrafficPolicy: ServiceTrafficPolicy.LOCAL });
  expect(synth(chart).svc.spec.internalTrafficPolicy).toBe('Local');
});

test('internalTrafficPolicy Cluster is emitted when asked for', () => {
  const chart = Testing.chart();
  agent(chart).exposeViaService({ internalTrafficPolicy: ServiceTrafficPolicy.CLUSTER });
  expect(synth(chart).svc.spec.internalTrafficPolicy).toBe('Cluster');
});

test('a single unnamed port needs no name', () => {
  const chart = Testing.chart();
  agent(chart, [{ number: 9100 }]).exposeViaService();
  expect(synth(chart).svc.spec.ports).toEqual([{ port: 9100, targetPort: 9100 }]);
});

test('a Service targeting a port of a container added later passes synthesis', () => {
  const chart = Testing.chart();
  const ds = agent(chart);
  ds.exposeViaService({ name: 'admin', ports: [{ port: 80, targetPortName: 'admin' }] });
  ds.addContainer({ name: 'sidecar', image: 'registry.example.com/sidecar:0.3.0', ports: [{ number: 8081, name: 'admin' }] });
  expect(() => Testing.synth(chart)).not.toThrow();
});

test('two Services on one DaemonSet', () => {
  const chart = Testing.chart();
  const ds = agent(chart);
  ds.exposeViaService({ name: 'agent', serviceType: DaemonSetServiceType.HEADLESS });
  ds.exposeViaService({ name: 'agent-lb', serviceType: DaemonSetServiceType.LOAD_BALANCER });
  const services = Testing.synth(chart).filter(o => o.kind === 'Service');
  expect(services.map(s => [s.metadata.name, s.spec.type, s.spec.clusterIP])).toEqual([
    ['agent', 'ClusterIP', 'None'],
    ['agent-lb', 'LoadBalancer', undefined],
  ]);
});

test('snapshot: headless metrics Service with local traffic', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    metadata: { name: 'node-agent' },
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({
    name: 'node-agent',
    serviceType: DaemonSetServiceType.HEADLESS,
    internalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
    ports: [{ port: 9100, targetPortName: 'metrics' }],
  });
  expect(Testing.synth(chart)).toMatchSnapshot();
});

describe('rejects bad exposeViaService input', () => {
  test('Service targetPortName that names no container port is rejected at synthesis', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
    });
    ds.exposeViaService({ name: 'agent', ports: [{ port: 80, targetPortName: 'http' }] });
    expect(() => Testing.synth(chart))
      .toThrow(/DaemonSet 'test\/ds': Service 'agent' port 80 targets port name 'http', which no container declares; container ports: 9100 \(metrics\)/);
  });

  test('Service targetPort number that no container declares is rejected at synthesis', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
    });
    ds.exposeViaService({ name: 'agent', ports: [{ port: 80, targetPort: 8080 }] });
    expect(() => Testing.synth(chart))
      .toThrow(/DaemonSet 'test\/ds': Service 'agent' port 80 targets port 8080, which no container declares; container ports: 9100 \(metrics\)/);
  });

  test('Service port with both targetPort and targetPortName is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
    });
    expect(() => ds.exposeViaService({ ports: [{ port: 80, targetPort: 9100, targetPortName: 'metrics' }] }))
      .toThrow(/DaemonSet 'test\/ds': exposeViaService: port 80 gives both targetPort 9100 and targetPortName 'metrics'; use one/);
  });

  test.each([
    ['http proto', /ports\[0\]\.appProtocol.*'http proto' is not an application protocol/],
    ['-grpc', /'-grpc' is not an application protocol/],
    ['Example.com/h2c', /'Example\.com\/h2c' is not an application protocol/],
    ['', /appProtocol/],
  ])('Service port appProtocol %j is rejected', (appProtocol, message) => {
    const chart = Testing.chart();
    expect(() => agent(chart).exposeViaService({ ports: [{ port: 9100, appProtocol }] })).toThrow(message);
  });

  test('Service port appProtocol that is not a string is rejected', () => {
    const chart = Testing.chart();
    expect(() => agent(chart).exposeViaService({ ports: [{ port: 9100, appProtocol: 80 as any }] })).toThrow(/ports\[0\]\.appProtocol/);
  });

  test('Service without any port to expose is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => ds.exposeViaService())
      .toThrow(/DaemonSet 'test\/ds': exposeViaService: no ports to expose: the containers declare no ports; declare container ports or pass ports/);
  });

  test('Service with several unnamed ports is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9100 }, { number: 9101 }] }],
    });
    expect(() => ds.exposeViaService())
      .toThrow(/DaemonSet 'test\/ds': exposeViaService: the Service has 2 ports, so Kubernetes requires each to be named/);
  });
});
