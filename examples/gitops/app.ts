import * as path from 'path';
import { App, Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetsApp, DaemonSetUpdateStrategy, HealthProbe, LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet, NodePlacement } from '../../src';

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
  const app = new DaemonSetsApp({ outdir });
  const chart = (id: string, namespace: string) => new Chart(app, id, { namespace, disableResourceNameHashes: true, labels: { 'app.kubernetes.io/part-of': 'node-agents' } });

  new NodeExporterDaemonSet(chart('monitoring', 'monitoring'), 'node-exporter', {
    // kube-score (npm run lint:manifests): node-exporter serves a single health endpoint, which the upstream
    // chart also probes for both liveness and readiness; NetworkPolicies do not apply to host-network pods.
    metadata: { name: 'node-exporter', annotations: { 'kube-score/ignore': 'pod-probes-identical,pod-networkpolicy' } },
  });

  const credentials = kplus.Secret.fromSecretName(app, 'es-credentials', 'elasticsearch-credentials');
  new LogCollectorDaemonSet(chart('logging', 'logging'), 'fluent-bit', {
    // kube-score (npm run lint:manifests): fluent-bit runs as root to read the root-owned container logs
    // under /var/log; its egress goes to outputs this example cannot know, so no NetworkPolicy here.
    metadata: { name: 'fluent-bit', annotations: { 'kube-score/ignore': 'container-security-context-user-group-id,pod-networkpolicy' } },
    outputs: [LogOutput.elasticsearch({ host: env.elasticsearchHost, user: 'fluent-bit', password: { secret: credentials, key: 'password' }, tls: true })],
  });

  new DaemonSet(chart('node-agent', 'node-agents'), 'agent', {
    // kube-score (npm run lint:manifests): the agent's egress targets are site-specific; the platform's
    // namespace-wide NetworkPolicies cover it, not this example.
    metadata: { name: 'node-agent', annotations: { 'kube-score/ignore': 'pod-networkpolicy' } },
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
