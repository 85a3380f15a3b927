/**
 * Base objects built with the library itself: a feature-rich generic DaemonSet and the two presets, with
 * every object they synthesize (Services, ConfigMaps, ServiceAccounts, RBAC).
 */
import { ApiObject, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  DaemonSet, DaemonSetUpdateStrategy, ExtendedResource, HealthProbe, LogCollectorDaemonSet, LogOutput,
  NodeExporterDaemonSet, NodePlacement, SeccompProfile, Timezone,
} from '../../../src';

/**
 * Renders what `build` adds to a chart in `namespace`, as plain objects. The constructs' validation hooks
 * run first (they also add late content, such as config checksum annotations) but their verdicts are
 * ignored: the corpus must not depend on what the validator under test thinks of it (the API server
 * judges the bases).
 */
function synth(namespace: string, build: (chart: Chart) => void): any[] {
  const chart = new Chart(Testing.app(), namespace, { namespace, disableResourceNameHashes: true });
  build(chart);
  for (const c of chart.node.findAll()) {
    try {
      c.node.validate();
    } catch {
      // A hook that throws is the validator's problem, reported by the agreement run, not the corpus's.
    }
  }
  return chart.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject).map((o) => o.toJson());
}

/** A generic agent using most of what DaemonSetProps offers: every probe kind, env sources, volumes, DNS. */
function buildAgent(chart: Chart): void {
  const config = new kplus.ConfigMap(chart, 'config', {
    metadata: { name: 'agent-config' },
    data: { 'agent.yaml': 'interval: 30s\n', 'extra.conf': 'x=1\n' },
  });
  const secret = kplus.Secret.fromSecretName(chart, 'token', 'agent-token');
  const pullSecret = kplus.Secret.fromSecretName(chart, 'pull', 'registry-credentials');
  const sa = new kplus.ServiceAccount(chart, 'sa', { metadata: { name: 'agent' }, automountToken: false });
  const agent = new DaemonSet(chart, 'agent', {
    metadata: { name: 'agent', labels: { 'app.kubernetes.io/name': 'agent', 'tier': 'node' } },
    description: 'A node agent',
    serviceAccount: sa,
    automountServiceAccountToken: false,
    seccompProfile: SeccompProfile.runtimeDefault(),
    securityContext: { user: 1000, group: 1000, fsGroup: 2000, ensureNonRoot: true },
    dns: { policy: kplus.DnsPolicy.NONE, nameservers: ['10.96.0.10'], searches: ['svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] },
    hostAliases: [{ ip: '10.0.0.5', hostnames: ['metrics.local'] }],
    imagePullSecrets: [pullSecret],
    terminationGracePeriod: Duration.seconds(20),
    priorityClassName: 'system-node-critical',
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    minReadySeconds: 5,
    revisionHistoryLimit: 4,
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    placement: [NodePlacement.allNodes()],
    timezone: Timezone.fromNode(),
    initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'true'], securityContext: { user: 1000, group: 1000 } }],
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      command: ['/agent'],
      args: ['--config=/etc/agent/agent.yaml', '--port=8080'],
      workingDir: '/var/lib/agent',
      ports: [{ number: 8080, name: 'http' }, { number: 9090, name: 'grpc' }, { number: 8125, name: 'statsd', protocol: kplus.Protocol.UDP }],
      envVariables: {
        LOG_LEVEL: kplus.EnvValue.fromValue('info'),
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        CPU_LIMIT: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.CPU_LIMIT),
        TOKEN: kplus.EnvValue.fromSecretValue({ secret, key: 'token' }),
        EXTRA: kplus.EnvValue.fromConfigMap(config, 'extra.conf'),
      },
      envFrom: [kplus.Env.fromConfigMap(config)],
      resources: {
        cpu: { request: kplus.Cpu.millis(50), limit: kplus.Cpu.millis(500) },
        memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
      },
      extendedResources: [ExtendedResource.nvidiaGpu(1)],
      securityContext: { user: 1000, group: 1000, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
      capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] },
      livenessProbe: HealthProbe.grpc(9090, { period: Duration.seconds(20), failureThreshold: 3 }),
      readinessProbe: HealthProbe.httpGet('/ready', {
        port: 8080, headers: [{ name: 'X-Probe', value: 'readiness' }], timeout: Duration.seconds(2),
      }),
      startupProbe: HealthProbe.exec(['cat', '/tmp/started'], { initialDelay: Duration.seconds(1) }),
      lifecycle: {
        postStart: kplus.Handler.fromCommand(['sh', '-c', 'echo started']),
        preStop: kplus.Handler.fromHttpGet('/shutdown', { port: 8080 }),
      },
      volumeMounts: [
        { path: '/etc/agent', volume: kplus.Volume.fromConfigMap(chart, 'config-volume', config, { items: { 'agent.yaml': { path: 'agent.yaml' } } }), readOnly: true },
        { path: '/var/lib/agent', volume: kplus.Volume.fromEmptyDir(chart, 'state', 'state', { sizeLimit: Size.mebibytes(64) }) },
        { path: '/run/secrets/agent', volume: kplus.Volume.fromSecret(chart, 'token-volume', secret, { defaultMode: 0o440 }), readOnly: true },
      ],
    }],
  });
  agent.addHostPath('/var/log', '/host/var/log');
  agent.exposeViaService({ name: 'agent-metrics' });
}

/** Every object of the library-built apps, namespaced in `namespace`, each with a stable base id. */
export function libraryBases(namespace: string): { id: string; object: any }[] {
  const apps: [string, (chart: Chart) => void][] = [
    ['lib-agent', buildAgent],
    ['lib-node-exporter', (chart) => new NodeExporterDaemonSet(chart, 'node-exporter', {})],
    ['lib-log-collector', (chart) => new LogCollectorDaemonSet(chart, 'logs', {
      outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', port: 9200 })],
    })],
  ];
  return apps.flatMap(([source, build]) => synth(namespace, build)
    .map((object) => ({ id: `${source}/${object.kind}/${object.metadata.name}`, object })));
}
