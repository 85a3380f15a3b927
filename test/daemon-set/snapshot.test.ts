import { Chart, Duration, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { onlyOfKind } from './synth';
import { CONFIG_CHECKSUM_PREFIX, DaemonSet, DaemonSetServiceType, DaemonSetUpdateStrategy, ExtendedResource, HealthProbe, NodePlacement, SeccompProfile, ServiceTrafficPolicy, Timezone } from '../../src';

// DaemonSet: snapshot and determinism.

/** A chart in namespace `monitoring`, as a user writes one. */
function monitoringChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'monitoring' });
}

/** A DaemonSet using many features at once. */
function fullAgent(chart: Chart): DaemonSet {
  const config = new kplus.ConfigMap(chart, 'config', { metadata: { name: 'agent-config' }, data: { 'agent.yaml': 'level: info\n' } });
  const credentials = new kplus.Secret(chart, 'credentials', { metadata: { name: 'agent-credentials' }, stringData: { token: 'abc' } });
  const ds = new DaemonSet(chart, 'agent', {
    metadata: { name: 'node-agent', labels: { 'app.kubernetes.io/name': 'node-agent' } },
    podMetadata: { labels: { 'app.kubernetes.io/name': 'node-agent' } },
    description: 'Per-node metrics and log agent',
    changeCause: 'initial rollout',
    timezone: Timezone.fromNode(),
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'node-agent'),
    securityContext: { user: 65534, group: 65534, fsGroup: 65534 },
    seccompProfile: SeccompProfile.runtimeDefault(),
    hostPid: true,
    hostNetwork: true,
    priorityClassName: 'system-node-critical',
    terminationGracePeriod: Duration.seconds(45),
    minReadySeconds: 10,
    revisionHistoryLimit: 5,
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    placement: [NodePlacement.allNodes(), NodePlacement.linuxOnly()],
    imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'registry-credentials')],
    initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'mkdir -p /var/lib/agent/buffer'] }],
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      args: ['--config=/etc/agent/agent.yaml'],
      ports: [{ number: 9100, name: 'metrics', hostPort: 9100 }],
      envVariables: {
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        TOKEN: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'token' }),
      },
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(96), limit: Size.mebibytes(192) } },
      extendedResources: [ExtendedResource.nvidiaGpu(1)],
      capabilities: { add: ['SYS_PTRACE'] },
      livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'metrics', period: Duration.seconds(15) }),
      readinessProbe: HealthProbe.tcpSocket({ port: 9100 }),
      lifecycle: { preStop: kplus.Handler.fromCommand(['/agent', 'drain']) },
    }],
  });
  ds.addHostPath('/proc', '/host/proc');
  ds.addHostPath('/var/lib/agent', '/var/lib/agent', { readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE, containers: ['agent', 'setup'] });
  ds.addVolume(kplus.Volume.fromConfigMap(chart, 'config-volume', config, { name: 'config' }));
  ds.mountVolume('config', '/etc/agent', { readOnly: true });
  ds.addNodeSelector('example.com/agents', 'true');
  ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.notIn('example.com/pool', ['spot'])), { weight: 50 });
  ds.exposeViaService({ name: 'node-agent', serviceType: DaemonSetServiceType.HEADLESS, internalTrafficPolicy: ServiceTrafficPolicy.LOCAL });
  ds.enablePrometheusScrape({ port: 9100 });
  return ds;
}

test('snapshot: a DaemonSet using many features at once', () => {
  const chart = monitoringChart();
  fullAgent(chart);
  const manifests = Testing.synth(chart);
  // the snapshot covers checksums too: the ConfigMap and Secret are consumed
  expect(Object.keys(onlyOfKind(manifests, 'DaemonSet').spec.template.metadata.annotations).filter(k => k.startsWith(CONFIG_CHECKSUM_PREFIX)).sort()).toEqual([
    `${CONFIG_CHECKSUM_PREFIX}/configmap-agent-config`,
    `${CONFIG_CHECKSUM_PREFIX}/secret-agent-credentials`,
  ]);
  expect(manifests).toMatchSnapshot();
});

test('determinism: synthesizing the same app twice gives byte-identical YAML', () => {
  const first = monitoringChart();
  fullAgent(first);
  const second = monitoringChart();
  fullAgent(second);
  const a = Yaml.stringify(...Testing.synth(first));
  const b = Yaml.stringify(...Testing.synth(second));
  expect(a).toEqual(b);
  // synthesizing the same chart again changes nothing either
  expect(Yaml.stringify(...Testing.synth(first))).toEqual(a);
});
