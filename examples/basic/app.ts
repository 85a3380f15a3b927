import { App, AppProps, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  DaemonSet, DaemonSetsApp, DaemonSetServiceType, DaemonSetUpdateStrategy, HealthProbe, NodePlacement, ServiceTrafficPolicy, Timezone,
} from '../../src';

/**
 * The default example: a generic node agent that reads the node's logs, keeps a small
 * state directory on the host, and exposes metrics to Prometheus.
 */
export function buildApp(props: AppProps = {}): App {
  const app = new DaemonSetsApp(props);
  const chart = new Chart(app, 'node-agent', { namespace: 'node-agents', disableResourceNameHashes: true });

  const config = new kplus.ConfigMap(chart, 'config', {
    metadata: { name: 'node-agent-config' },
    data: { 'agent.yaml': 'scrape_interval: 30s\nlog_paths:\n  - /host/var/log/*.log\n' },
  });

  const agent = new DaemonSet(chart, 'agent', {
    metadata: {
      name: 'node-agent',
      labels: { 'app.kubernetes.io/name': 'node-agent' },
      // A finding that does not apply is suppressed with its reason, in the YAML for reviewers to see.
      annotations: {
        'suppress.daemonsets.cdk8s.io/best-practice.writable-host-mount': 'the agent keeps its read cursors in /var/lib/node-agent',
        // kube-score (npm run lint:manifests): the agent's egress targets are site-specific; the platform's
        // namespace-wide NetworkPolicies cover it, not this example.
        'kube-score/ignore': 'pod-networkpolicy',
      },
    },
    podMetadata: { labels: { 'app.kubernetes.io/name': 'node-agent' } },
    description: 'Reads node logs and exports node metrics',
    changeCause: 'agent 1.4.2',
    containers: [{
      name: 'agent',
      image: 'registry.example.com/platform/node-agent:1.4.2',
      args: ['--config=/etc/agent/agent.yaml'],
      ports: [{ number: 9400, name: 'metrics' }],
      envVariables: {
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(20) },
        memory: { request: Size.mebibytes(48), limit: Size.mebibytes(128) },
      },
      securityContext: { user: 65534, group: 65534 },
      livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'metrics', period: Duration.seconds(20) }),
      readinessProbe: HealthProbe.httpGet('/ready', { portName: 'metrics' }),
      volumeMounts: [{ path: '/etc/agent', volume: kplus.Volume.fromConfigMap(chart, 'config-volume', config), readOnly: true }],
    }],
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    minReadySeconds: 10,
    revisionHistoryLimit: 5,
    terminationGracePeriod: Duration.seconds(30),
    priorityClassName: 'system-node-critical',
    timezone: Timezone.fromNode(),
    placement: [NodePlacement.allNodes(), NodePlacement.linuxOnly()],
  });

  agent.addHostPath('/var/log', '/host/var/log');
  agent.addHostPath('/var/lib/node-agent', '/var/lib/node-agent', {
    readOnly: false,
    type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE,
  });
  agent.exposeViaService({
    name: 'node-agent-metrics',
    serviceType: DaemonSetServiceType.HEADLESS,
    internalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
  });
  agent.enablePrometheusScrape({ port: 9400 });
  return app;
}
