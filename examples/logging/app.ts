import { App, AppProps, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSetsApp, LogCollectorDaemonSet, LogOutput } from '../../src';

/**
 * The logging example: fluent-bit on every node, shipping container logs and the kubelet's
 * and containerd's journal to Elasticsearch (daily `kubernetes-*` and `node-*` indices, like
 * the fluent `fluent-bit` chart's default outputs), scraped by prometheus-operator.
 */
export function buildApp(props: AppProps = {}): App {
  const app = new DaemonSetsApp(props);
  const chart = new Chart(app, 'logging', { namespace: 'logging', disableResourceNameHashes: true });

  // Created outside this app (e.g. by the Elasticsearch operator); only referenced here, so the
  // password never appears in the YAML.
  const credentials = kplus.Secret.fromSecretName(chart, 'es-credentials', 'elasticsearch-credentials');
  const password = { secret: credentials, key: 'password' };

  new LogCollectorDaemonSet(chart, 'fluent-bit', {
    // kube-score (npm run lint:manifests): fluent-bit runs as root to read the root-owned container logs
    // under /var/log; its egress goes to outputs this example cannot know, so no NetworkPolicy here.
    metadata: { name: 'fluent-bit', annotations: { 'kube-score/ignore': 'container-security-context-user-group-id,pod-networkpolicy' } },
    outputs: [
      LogOutput.elasticsearch({
        host: 'elasticsearch-master.logging.svc',
        match: 'kube.*',
        logstashPrefix: 'kubernetes',
        user: 'fluent-bit',
        password,
        tls: true,
      }),
      LogOutput.elasticsearch({
        host: 'elasticsearch-master.logging.svc',
        match: 'host.*',
        logstashPrefix: 'node',
        user: 'fluent-bit',
        password,
        tls: true,
      }),
    ],
    excludeNamespaces: ['logging'],
    systemdLogs: true,
    serviceMonitor: true,
    scrapeInterval: Duration.seconds(30),
    monitorLabels: { release: 'kube-prometheus-stack' },
  });
  return app;
}
