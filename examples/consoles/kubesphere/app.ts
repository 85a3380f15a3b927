import { App, AppProps, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetsApp, DaemonSetUpdateStrategy, HealthProbe, NamespaceQuota, NodePlacement } from '../../../src';

/**
 * KubeSphere's DaemonSet pages as code (docs/console-guide.md, "KubeSphere"): the project's quota that the list
 * page shows (a ResourceQuota the DaemonSet is checked against at synthesis), and a DaemonSet created the way its
 * form does (image, ports, environment, mounts, health checks, update strategy, node selection). KubeSphere's
 * "create from YAML/JSON" is `cdk8s-daemonsets import`, and its editor is this file.
 */
export function buildApp(props: AppProps = {}): App {
  const app = new DaemonSetsApp(props);
  const chart = new Chart(app, 'kubesphere-project', { namespace: 'demo-project', disableResourceNameHashes: true });

  // The project's quota: what the list page shows as used / total.
  new NamespaceQuota(chart, 'quota', {
    name: 'demo-project-quota',
    pods: 100,
    requestsCpu: kplus.Cpu.units(8),
    requestsMemory: Size.gibibytes(16),
    limitsCpu: kplus.Cpu.units(16),
    limitsMemory: Size.gibibytes(32),
    expectedNodeCount: 20,
  });

  const agent = new DaemonSet(chart, 'agent', {
    // kube-score (npm run lint:manifests): the agent's egress (its log endpoint) is site-specific, so no
    // NetworkPolicy here.
    metadata: { name: 'log-forwarder', labels: { app: 'log-forwarder' }, annotations: { 'kube-score/ignore': 'pod-networkpolicy' } },
    description: 'Forwards node logs to the project log endpoint',
    containers: [{
      name: 'forwarder',
      image: 'registry.example.com/demo/log-forwarder:2.4.0',
      ports: [{ number: 2020, name: 'http' }],
      envVariables: {
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        LOG_ENDPOINT: kplus.EnvValue.fromValue('https://logs.example.com/ingest'),
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(256) },
      },
      livenessProbe: HealthProbe.httpGet('/api/v1/health', { portName: 'http', period: Duration.seconds(20) }),
      readinessProbe: HealthProbe.httpGet('/api/v1/ready', { portName: 'http' }),
      securityContext: { user: 10001, group: 10001 },
    }],
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(1) }),
    minReadySeconds: 10,
    revisionHistoryLimit: 10,
    priorityClassName: 'system-node-critical',
    placement: [NodePlacement.linuxOnly()],
  });
  agent.addHostPath('/var/log', '/host/var/log');
  return app;
}
