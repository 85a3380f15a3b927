import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetUpdateStrategy, HealthProbe, LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet, NodePlacement } from '../../src';

/** What differs between the clusters this repository deploys to. */
interface Environment {
  /** Directory name under dist/, and the Argo CD Application / Flux Kustomization path. */
  readonly name: string;
  readonly elasticsearchHost: string;
  /** A slower rollout where more nodes are at stake. */
  readonly maxUnavailablePercent: number;
  readonly agentMemoryLimitMi: number;
}

/** One directory per environment; the same code, different values. */
export const ENVIRONMENTS: Environment[] = [
  { name: 'staging', elasticsearchHost: 'es.logging-staging.svc', maxUnavailablePercent: 50, agentMemoryLimitMi: 128 },
  { name: 'production', elasticsearchHost: 'es.logging.svc', maxUnavailablePercent: 10, agentMemoryLimitMi: 256 },
];

/**
 * The node agents of one environment, one chart per concern, so each lands in its own file
 * (`<chart>.k8s.yaml`) and a review diff shows which concern changed.
 */
export function buildEnvironmentApp(env: Environment, outdir: string): App {
  const app = new App({ outdir });
  const chart = (id: string, namespace: string) => new Chart(app, id, { namespace, disableResourceNameHashes: true, labels: { 'app.kubernetes.io/part-of': 'node-agents' } });

  new NodeExporterDaemonSet(chart('monitoring', 'monitoring'), 'node-exporter', { metadata: { name: 'node-exporter' } });

  const credentials = kplus.Secret.fromSecretName(app, 'es-credentials', 'elasticsearch-credentials');
  new LogCollectorDaemonSet(chart('logging', 'logging'), 'fluent-bit', {
    metadata: { name: 'fluent-bit' },
    outputs: [LogOutput.elasticsearch({ host: env.elasticsearchHost, user: 'fluent-bit', password: { secret: credentials, key: 'password' }, tls: true })],
  });

  new DaemonSet(chart('node-agent', 'node-agents'), 'agent', {
    metadata: { name: 'node-agent' },
    containers: [{
      name: 'agent',
      image: 'registry.example.com/platform/node-agent:1.4.2',
      resources: { memory: { request: Size.mebibytes(48), limit: Size.mebibytes(env.agentMemoryLimitMi) } },
      ports: [{ number: 9400, name: 'metrics' }],
      livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'metrics' }),
      readinessProbe: HealthProbe.httpGet('/ready', { portName: 'metrics' }),
      securityContext: { user: 65534, group: 65534 },
    }],
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(env.maxUnavailablePercent) }),
    placement: [NodePlacement.allNodes(), NodePlacement.linuxOnly()],
    priorityClassName: 'system-node-critical',
  });
  return app;
}

/** Synthesizes every environment into `<outdir>/<environment>/<chart>.k8s.yaml`. */
export function synthAll(outdir: string): void {
  for (const env of ENVIRONMENTS) buildEnvironmentApp(env, path.join(outdir, env.name)).synth();
}
