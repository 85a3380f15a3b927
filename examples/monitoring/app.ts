import { App, AppProps, Chart, Duration } from 'cdk8s';
import { DaemonSetsApp, NodeExporterCollector, NodeExporterDaemonSet } from '../../src';

/**
 * Node monitoring: the Prometheus node-exporter on every node, scraped through a
 * ServiceMonitor by a kube-prometheus-stack Prometheus in the same namespace, with its
 * metrics behind kube-rbac-proxy and a few alerts of its own.
 */
export function buildApp(props: AppProps = {}): App {
  const app = new DaemonSetsApp(props);
  const chart = new Chart(app, 'monitoring', { namespace: 'monitoring', disableResourceNameHashes: true });

  new NodeExporterDaemonSet(chart, 'node-exporter', {
    // kube-score (npm run lint:manifests): node-exporter serves a single health endpoint, which the upstream
    // chart also probes for both liveness and readiness; NetworkPolicies do not apply to host-network pods.
    metadata: { name: 'node-exporter', annotations: { 'kube-score/ignore': 'pod-probes-identical,pod-networkpolicy' } },
    description: 'Prometheus node-exporter: hardware and OS metrics of every node',
    serviceMonitor: true,
    prometheusLabels: { release: 'kube-prometheus-stack' },
    scrapeInterval: Duration.seconds(30),
    scrapeTimeout: Duration.seconds(10),
    kubeRbacProxy: {},
    networkPolicy: {
      prometheusPodLabels: { 'app.kubernetes.io/name': 'prometheus' },
      prometheusNamespace: 'monitoring',
    },
    textfileDirectory: '/var/lib/node_exporter/textfile_collector',
    enabledCollectors: [NodeExporterCollector.PROCESSES],
    prometheusRules: [{
      name: 'node-exporter.rules',
      rules: [
        {
          alert: 'NodeExporterDown',
          expr: 'up{job="node-exporter"} == 0',
          pendingFor: Duration.minutes(5),
          labels: { severity: 'warning' },
          annotations: { summary: 'node-exporter on {{ $labels.instance }} has not been scraped for 5 minutes.' },
        },
        {
          alert: 'NodeFilesystemAlmostFull',
          expr: 'node_filesystem_avail_bytes{job="node-exporter",fstype!=""} / node_filesystem_size_bytes{job="node-exporter",fstype!=""} < 0.05 and node_filesystem_readonly{job="node-exporter"} == 0',
          pendingFor: Duration.minutes(30),
          labels: { severity: 'critical' },
          annotations: { summary: 'Filesystem {{ $labels.mountpoint }} on {{ $labels.instance }} has less than 5% space left.' },
        },
      ],
    }],
  });
  return app;
}
