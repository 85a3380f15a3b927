import { App, AppProps, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetsApp, DaemonSetUpdateStrategy, HealthProbe, NodePlacement } from '../../../src';
import { NetworkAttachment, TkeStackNetwork } from '../../../src/vendors';

/**
 * TKEStack's workload form for a DaemonSet as code (docs/console-guide.md, "TKEStack"): its four network modes
 * (Overlay: the default; NAT: host ports; Host: the node's network; FloatingIP: Galaxy's floating IP), capability
 * sets to add and drop, "run on these nodes", and a log directory inside the container.
 */
export function buildApp(props: AppProps = {}): App {
  const app = new DaemonSetsApp(props);
  const chart = new Chart(app, 'tkestack-agents', { namespace: 'edge-system', disableResourceNameHashes: true });

  // Every agent answers health checks on its own HTTP port 8080.
  const agent = (name: string, image: string, ports: kplus.ContainerPort[], extra: Record<string, unknown> = {}) => ({
    name,
    image,
    ports: [...ports, { number: 8080, name: 'health' }],
    resources: {
      cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
    },
    livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'health', period: Duration.seconds(20) }),
    readinessProbe: HealthProbe.httpGet('/ready', { portName: 'health' }),
    securityContext: { user: 10001, group: 10001 },
    ...extra,
  });
  const common = {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(25) }),
    priorityClassName: 'system-node-critical',
    placement: [NodePlacement.linuxOnly()],
  };
  // kube-score (npm run lint:manifests): the agents serve clients outside the cluster, whose addresses this
  // example cannot know, so no NetworkPolicy here.
  const annotations = { 'kube-score/ignore': 'pod-networkpolicy' };

  // NAT: a container port bound on the node (hostPort). "Run on these nodes": the edge gateways only.
  new DaemonSet(chart, 'nat', {
    metadata: { name: 'edge-proxy', annotations },
    containers: [agent('proxy', 'registry.example.com/edge/proxy:1.9.4', [{ number: 8443, name: 'https', hostPort: 443 }], {
      // The form's capability sets: add what the proxy needs, drop everything else.
      capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
    })],
    nodeSelector: { 'example.com/role': 'edge-gateway' },
    ...common,
  });

  // Host: the node's network namespace (dnsPolicy becomes ClusterFirstWithHostNet).
  new DaemonSet(chart, 'host', {
    metadata: { name: 'flow-exporter', annotations },
    hostNetwork: true,
    containers: [agent('exporter', 'registry.example.com/edge/flow-exporter:0.14.2', [{ number: 9995, name: 'flows', protocol: kplus.Protocol.UDP }])],
    ...common,
  });

  // FloatingIP: a Galaxy floating IP on Galaxy's VLAN network; the pod keeps its own network namespace.
  const floating = new DaemonSet(chart, 'floating-ip', {
    metadata: { name: 'sip-gateway', annotations },
    containers: [agent('gateway', 'registry.example.com/edge/sip-gateway:5.1.0', [{ number: 5060, name: 'sip' }], {
      extendedResources: [TkeStackNetwork.floatingIp()],
      // The form's log directory: the app writes its logs under /var/log/sip, a volume of its own that the
      // platform's collector is pointed at (TKEStack configures the collection itself, outside the DaemonSet).
      volumeMounts: [{ path: '/var/log/sip', volume: kplus.Volume.fromEmptyDir(chart, 'sip-logs', 'sip-logs', { sizeLimit: Size.mebibytes(512) }) }],
    })],
    ...common,
  });
  NetworkAttachment.networks([{ name: 'galaxy-k8s-vlan' }]).applyTo(floating);
  return app;
}
