import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, onlyOfKind, synthPodSpec } from './synth';
import { DaemonSet, DaemonSetServiceType, ServiceTrafficPolicy } from '../../src';

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
