import { ApiObject, App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet } from '../../src/daemon-set';
import {
  ExporterListenAddress, NodeExporterCollector, NodeExporterDaemonSet, NodeExporterDaemonSetProps,
  NodeExporterMonitor, NodeExporterTolerations, PrometheusRelabelAction,
} from '../../src/presets/node-exporter';
import { HealthProbe } from '../../src/probe';
import { SeccompProfile } from '../../src/security';
import { DaemonSetServiceType } from '../../src/service';
import { DaemonSetUpdateStrategy } from '../../src/update-strategy';
import { labelValueFromName } from '../../src/selector-labels';
import { validateManifests, ValidationFinding } from '../../src/validation/engine';
import { hostPortsOf } from '../../src/k8s/host-ports';
import { nodesCanOverlap } from '../../src/scheduling/node-overlap';

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

const SELECTOR_LABEL = 'cdk8s.io/metadata.addr';
const EXCLUDED_MOUNT_POINTS = '^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)';
const EXCLUDED_FS_TYPES = '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|erofs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$';
const EXCLUDED_NET_DEVICES = '^(veth.*|[a-f0-9]{15})$';

function chart(namespace = 'monitoring'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

function synth(c: Chart): any[] {
  return Testing.synth(c);
}

function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

function one(manifests: any[], kind: string): any {
  const found = ofKind(manifests, kind);
  expect(found).toHaveLength(1);
  return found[0];
}

function podSpec(manifests: any[]): any {
  return one(manifests, 'DaemonSet').spec.template.spec;
}

function container(manifests: any[], name: string): any {
  const found = podSpec(manifests).containers.filter((c: any) => c.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

function exporter(manifests: any[]): any {
  return container(manifests, 'node-exporter');
}

/** Synthesizes a chart holding one NodeExporterDaemonSet with the given props. */
function render(props: NodeExporterDaemonSetProps = {}, namespace = 'monitoring'): any[] {
  const c = chart(namespace);
  new NodeExporterDaemonSet(c, 'ne', props);
  return synth(c);
}

function build(props: NodeExporterDaemonSetProps): () => NodeExporterDaemonSet {
  return () => new NodeExporterDaemonSet(chart(), 'ne', props);
}

function defaultArgs(listen = '[$(POD_IP)]:9100'): string[] {
  return [
    '--path.procfs=/host/proc',
    '--path.sysfs=/host/sys',
    '--path.rootfs=/host/root',
    '--path.udev.data=/host/root/run/udev/data',
    `--web.listen-address=${listen}`,
    `--collector.filesystem.mount-points-exclude=${EXCLUDED_MOUNT_POINTS}`,
    `--collector.filesystem.fs-types-exclude=${EXCLUDED_FS_TYPES}`,
    `--collector.netclass.ignored-devices=${EXCLUDED_NET_DEVICES}`,
    `--collector.netdev.device-exclude=${EXCLUDED_NET_DEVICES}`,
  ];
}

const DEFAULT_PROBE = {
  httpGet: { path: '/', port: 'metrics', scheme: 'HTTP' },
  periodSeconds: 10,
  timeoutSeconds: 5,
  failureThreshold: 3,
};

// ---------------------------------------------------------------------------
// snapshots
// ---------------------------------------------------------------------------

test('snapshot: defaults', () => {
  expect(render()).toMatchSnapshot();
});

test('snapshot: every optional object on (kube-rbac-proxy, ServiceMonitor, NetworkPolicy, PrometheusRule, textfile)', () => {
  expect(render({
    metadata: { name: 'node-exporter' },
    serviceMonitor: true,
    scrapeInterval: Duration.seconds(30),
    prometheusLabels: { release: 'kube-prometheus-stack' },
    kubeRbacProxy: {},
    networkPolicy: { prometheusNamespace: 'monitoring' },
    textfileDirectory: '/var/lib/node_exporter/textfile_collector',
    enabledCollectors: [NodeExporterCollector.PROCESSES],
    disabledCollectors: [NodeExporterCollector.WIFI],
    prometheusRules: [{ name: 'node', rules: [{ alert: 'NodeExporterDown', expr: 'up{job="node-exporter"} == 0', pendingFor: Duration.minutes(5) }] }],
  })).toMatchSnapshot();
});

// ---------------------------------------------------------------------------
// defaults: what the preset emits
// ---------------------------------------------------------------------------

test('defaults: emits exactly a DaemonSet, a ServiceAccount and a Service', () => {
  expect(render().map(m => `${m.apiVersion} ${m.kind}`)).toEqual(['apps/v1 DaemonSet', 'v1 ServiceAccount', 'v1 Service']);
});

test('defaults: pinned node-exporter image', () => {
  expect(NodeExporterDaemonSet.DEFAULT_IMAGE).toBe('quay.io/prometheus/node-exporter:v1.10.2');
  const c = exporter(render());
  expect(c.image).toBe('quay.io/prometheus/node-exporter:v1.10.2');
  expect(c.imagePullPolicy).toBe('IfNotPresent');
  expect(podSpec(render()).containers.map((x: any) => x.name)).toEqual(['node-exporter']);
});

test('defaults: hostNetwork and hostPID on, hostIPC off, DNS policy for the host network', () => {
  const spec = podSpec(render());
  expect(spec.hostNetwork).toBe(true);
  expect(spec.hostPID).toBe(true);
  expect(spec.hostIPC).toBe(false);
  expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
});

test('defaults: /proc, /sys and / mounted read-only at /host/* with HostToContainer propagation', () => {
  const m = render();
  expect(podSpec(m).volumes).toEqual([
    { name: 'proc', hostPath: { path: '/proc', type: '' } },
    { name: 'sys', hostPath: { path: '/sys', type: '' } },
    { name: 'root', hostPath: { path: '/', type: '' } },
  ]);
  expect(exporter(m).volumeMounts).toEqual([
    { name: 'proc', mountPath: '/host/proc', readOnly: true, mountPropagation: 'HostToContainer' },
    { name: 'sys', mountPath: '/host/sys', readOnly: true, mountPropagation: 'HostToContainer' },
    { name: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
  ]);
});

test('defaults: exact args with the host paths and kube-prometheus\' exclusion regexes', () => {
  expect(exporter(render()).args).toEqual(defaultArgs());
  expect(NodeExporterDaemonSet.DEFAULT_EXCLUDED_MOUNT_POINTS).toBe(EXCLUDED_MOUNT_POINTS);
  expect(NodeExporterDaemonSet.DEFAULT_EXCLUDED_FS_TYPES).toBe(EXCLUDED_FS_TYPES);
  expect(NodeExporterDaemonSet.DEFAULT_EXCLUDED_NETWORK_DEVICES).toBe(EXCLUDED_NET_DEVICES);
});

test('defaults: listens on the pod IP (the node IP with hostNetwork), taken from the downward API', () => {
  const c = exporter(render());
  expect(c.args).toContain('--web.listen-address=[$(POD_IP)]:9100');
  expect(c.env).toEqual([{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }]);
});

test('defaults: metrics port 9100 named metrics, bound on the host', () => {
  expect(NodeExporterDaemonSet.DEFAULT_PORT).toBe(9100);
  expect(exporter(render()).ports).toEqual([{ containerPort: 9100, hostPort: 9100, name: 'metrics' }]);
});

test('defaults: uid/gid 65534, non-root, read-only root filesystem, no escalation, all capabilities dropped, RuntimeDefault seccomp', () => {
  const m = render();
  expect(podSpec(m).securityContext).toEqual({
    runAsUser: 65534,
    runAsGroup: 65534,
    runAsNonRoot: true,
    fsGroup: 65534,
    fsGroupChangePolicy: 'Always',
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(exporter(m).securityContext).toEqual({
    runAsUser: 65534,
    runAsGroup: 65534,
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
  });
});

test('defaults: liveness and readiness HTTP probes on the metrics port', () => {
  const c = exporter(render());
  expect(c.livenessProbe).toEqual(DEFAULT_PROBE);
  expect(c.readinessProbe).toEqual(DEFAULT_PROBE);
  expect(c).not.toHaveProperty('startupProbe');
});

test('defaults: requests set, memory limited, no CPU limit', () => {
  expect(exporter(render()).resources).toEqual({
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { memory: '256Mi' },
  });
});

test('defaults: tolerates every taint, NoExecute included', () => {
  expect(podSpec(render()).tolerations).toEqual([{ operator: 'Exists' }]);
});

test('defaults: system-node-critical priority and a 10% rolling update', () => {
  const m = render();
  expect(podSpec(m).priorityClassName).toBe('system-node-critical');
  expect(one(m, 'DaemonSet').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
});

test('defaults: Linux nodes only, and no virtual-kubelet or Fargate nodes', () => {
  const spec = podSpec(render());
  expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  expect(spec.affinity).toEqual({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{
          matchExpressions: [
            { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
            { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
          ],
        }],
      },
    },
  });
});

test('defaults: a ServiceAccount of its own, named like the DaemonSet, with no token mounted', () => {
  const m = render();
  const ds = one(m, 'DaemonSet');
  const sa = one(m, 'ServiceAccount');
  expect(sa.apiVersion).toBe('v1');
  expect(sa.metadata.name).toBe(ds.metadata.name);
  expect(sa.metadata.namespace).toBe('monitoring');
  expect(sa.automountServiceAccountToken).toBe(false);
  expect(podSpec(m).serviceAccountName).toBe(sa.metadata.name);
  expect(podSpec(m).automountServiceAccountToken).toBe(false);
});

test('defaults: a headless Service with port metrics selecting the pods', () => {
  const m = render();
  const ds = one(m, 'DaemonSet');
  const svc = one(m, 'Service');
  expect(svc.metadata.name).toBe(ds.metadata.name);
  expect(svc.spec.clusterIP).toBe('None');
  expect(svc.spec.type).toBe('ClusterIP');
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 'metrics' }]);
  expect(svc.spec.selector).toEqual(ds.spec.selector.matchLabels);
  for (const [k, v] of Object.entries(svc.spec.selector)) expect(ds.spec.template.metadata.labels[k]).toBe(v);
});

test('defaults: recommended labels on every object, default-container annotation on the pods', () => {
  const m = render();
  const ds = one(m, 'DaemonSet');
  const labels = {
    'app.kubernetes.io/name': 'node-exporter',
    'app.kubernetes.io/instance': ds.metadata.name,
    'app.kubernetes.io/component': 'metrics',
  };
  for (const obj of m) expect(obj.metadata.labels).toEqual(labels);
  expect(ds.spec.template.metadata.labels).toEqual({ ...labels, [SELECTOR_LABEL]: ds.spec.selector.matchLabels[SELECTOR_LABEL] });
  expect(ds.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/default-container': 'node-exporter' });
});

test('defaults: no monitor, NetworkPolicy, PrometheusRule or RBAC objects', () => {
  const kinds = render().map(m => m.kind);
  for (const k of ['ServiceMonitor', 'PodMonitor', 'NetworkPolicy', 'PrometheusRule', 'ClusterRole', 'ClusterRoleBinding']) expect(kinds).not.toContain(k);
});

test('defaults: the synthesized app passes the library\'s own validation', () => {
  const app = Testing.app();
  new NodeExporterDaemonSet(new Chart(app, 'monitoring', { namespace: 'monitoring' }), 'ne');
  expect(() => app.synth()).not.toThrow();
});

// ---------------------------------------------------------------------------
// options: the exporter
// ---------------------------------------------------------------------------

test('image can be changed', () => {
  expect(exporter(render({ image: 'registry.example.com/mirror/node-exporter:v1.9.1' })).image).toBe('registry.example.com/mirror/node-exporter:v1.9.1');
});

test('port changes the listen address, container port, host port, Service port and NetworkPolicy port', () => {
  const m = render({ port: 9101, networkPolicy: {} });
  const c = exporter(m);
  expect(c.args).toContain('--web.listen-address=[$(POD_IP)]:9101');
  expect(c.ports).toEqual([{ containerPort: 9101, hostPort: 9101, name: 'metrics' }]);
  expect(one(m, 'Service').spec.ports).toEqual([{ name: 'metrics', port: 9101, targetPort: 'metrics' }]);
  expect(one(m, 'NetworkPolicy').spec.ingress[0].ports).toEqual([{ port: 9101, protocol: 'TCP' }]);
});

test('listenAddress: every interface', () => {
  const c = exporter(render({ listenAddress: ExporterListenAddress.allInterfaces() }));
  expect(c.args).toContain('--web.listen-address=:9100');
  expect(c).not.toHaveProperty('env');
  expect(c.livenessProbe.httpGet).toEqual({ path: '/', port: 'metrics', scheme: 'HTTP' });
});

test('listenAddress: a fixed IPv4 address, which the probes use too', () => {
  const c = exporter(render({ listenAddress: ExporterListenAddress.of('10.0.0.5') }));
  expect(c.args).toContain('--web.listen-address=10.0.0.5:9100');
  expect(c.livenessProbe.httpGet).toEqual({ host: '10.0.0.5', path: '/', port: 'metrics', scheme: 'HTTP' });
  expect(c.readinessProbe.httpGet.host).toBe('10.0.0.5');
});

test('listenAddress: a fixed IPv6 address is bracketed', () => {
  expect(exporter(render({ listenAddress: ExporterListenAddress.of('fd00::5') })).args).toContain('--web.listen-address=[fd00::5]:9100');
});

test('envVariables are added to the exporter', () => {
  expect(exporter(render({ envVariables: { GOMAXPROCS: kplus.EnvValue.fromValue('1') } })).env).toEqual([
    { name: 'GOMAXPROCS', value: '1' },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
  ]);
});

test('enabled and disabled collectors become --collector.X and --no-collector.X, in order', () => {
  const args = exporter(render({
    enabledCollectors: [NodeExporterCollector.SYSTEMD, NodeExporterCollector.of('zoneinfo')],
    disabledCollectors: [NodeExporterCollector.HWMON, NodeExporterCollector.BTRFS],
  })).args;
  expect(args.slice(defaultArgs().length)).toEqual([
    '--collector.systemd', '--collector.zoneinfo', '--no-collector.hwmon', '--no-collector.btrfs',
  ]);
});

test('collector constants carry node_exporter\'s flag names', () => {
  expect(NodeExporterCollector.THERMAL_ZONE.name).toBe('thermal_zone');
  expect(NodeExporterCollector.TIMEX.name).toBe('timex');
  expect(NodeExporterCollector.of('drm').name).toBe('drm');
});

test('textfile collector directory: hostPath created if missing, mounted read-only, passed as the directory', () => {
  const m = render({ textfileDirectory: '/var/lib/node_exporter/textfile_collector' });
  const c = exporter(m);
  expect(c.args).toContain('--collector.textfile.directory=/host/textfile');
  expect(c.volumeMounts).toContainEqual({ name: 'textfile', mountPath: '/host/textfile', readOnly: true });
  expect(podSpec(m).volumes).toContainEqual({ name: 'textfile', hostPath: { path: '/var/lib/node_exporter/textfile_collector', type: 'DirectoryOrCreate' } });
});

test('extra host mounts go to the exporter, read-only unless asked', () => {
  const m = render({
    sidecars: [{ name: 'writer', image: 'registry.example.com/writer:1.0.0' }],
    extraHostMounts: [
      { hostPath: '/run/dbus', mountPath: '/var/run/dbus' },
      { hostPath: '/var/lib/exporter-state', mountPath: '/state', readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE, volumeName: 'state', propagation: kplus.MountPropagation.HOST_TO_CONTAINER },
    ],
  });
  expect(exporter(m).volumeMounts.slice(3)).toEqual([
    { name: 'host-run-dbus', mountPath: '/var/run/dbus', readOnly: true },
    { name: 'state', mountPath: '/state', readOnly: false, mountPropagation: 'HostToContainer' },
  ]);
  expect(podSpec(m).volumes).toContainEqual({ name: 'state', hostPath: { path: '/var/lib/exporter-state', type: 'DirectoryOrCreate' } });
  expect(container(m, 'writer')).not.toHaveProperty('volumeMounts');
});

test('extraArgs are appended last', () => {
  const args = exporter(render({ extraArgs: ['--collector.diskstats.device-exclude=^(ram|loop)\\d+$', '--log.level=warn'] })).args;
  expect(args.slice(-2)).toEqual(['--collector.diskstats.device-exclude=^(ram|loop)\\d+$', '--log.level=warn']);
});

test('exclusion regexes can be replaced; $( is escaped so Kubernetes does not expand it', () => {
  const args = exporter(render({
    excludedMountPoints: '^/(dev|proc|sys)($|/)',
    excludedFsTypes: '^(tmpfs|overlay)$',
    excludedNetworkDevices: '^(veth.*|cali.*|$(x))$',
  })).args;
  expect(args).toContain('--collector.filesystem.mount-points-exclude=^/(dev|proc|sys)($|/)');
  expect(args).toContain('--collector.filesystem.fs-types-exclude=^(tmpfs|overlay)$');
  expect(args).toContain('--collector.netclass.ignored-devices=^(veth.*|cali.*|$$(x))$');
  expect(args).toContain('--collector.netdev.device-exclude=^(veth.*|cali.*|$$(x))$');
});

test('resources can be replaced', () => {
  expect(exporter(render({
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(250) },
      memory: { request: Size.mebibytes(180), limit: Size.mebibytes(180) },
    },
  })).resources).toEqual({ requests: { cpu: '100m', memory: '180Mi' }, limits: { cpu: '250m', memory: '180Mi' } });
});

test('probes can be replaced', () => {
  const c = exporter(render({
    livenessProbe: HealthProbe.httpGet('/metrics', { portName: 'metrics', period: Duration.seconds(30) }),
    readinessProbe: HealthProbe.tcpSocket({ portName: 'metrics' }),
  }));
  expect(c.livenessProbe).toEqual({ httpGet: { path: '/metrics', port: 'metrics', scheme: 'HTTP' }, periodSeconds: 30 });
  expect(c.readinessProbe).toEqual({ tcpSocket: { port: 'metrics' } });
});

test('sidecars run next to the exporter with the DaemonSet container defaults', () => {
  const m = render({ sidecars: [{ name: 'writer', image: 'registry.example.com/writer:1.0.0' }] });
  expect(podSpec(m).containers.map((c: any) => c.name)).toEqual(['node-exporter', 'writer']);
  expect(container(m, 'writer').securityContext.capabilities).toEqual({ drop: ['ALL'] });
});

test('init containers are passed through', () => {
  const m = render({ initContainers: [{ name: 'setup', image: 'registry.example.com/setup:1.0.0' }] });
  expect(podSpec(m).initContainers.map((c: any) => c.name)).toEqual(['setup']);
});

// ---------------------------------------------------------------------------
// options: host access, security, scheduling, rollout
// ---------------------------------------------------------------------------

test('hostNetwork off: no host port, ClusterFirst DNS', () => {
  const m = render({ hostNetwork: false });
  expect(podSpec(m).hostNetwork).toBe(false);
  expect(podSpec(m).dnsPolicy).toBe('ClusterFirst');
  expect(exporter(m).ports).toEqual([{ containerPort: 9100, name: 'metrics' }]);
});

test('hostPID off and hostIPC on', () => {
  const spec = podSpec(render({ hostPid: false, hostIpc: true }));
  expect(spec.hostPID).toBe(false);
  expect(spec.hostIPC).toBe(true);
});

test('hostRootFs off: no / mount and no --path.rootfs / --path.udev.data', () => {
  const m = render({ hostRootFs: false });
  expect(podSpec(m).volumes.map((v: any) => v.name)).toEqual(['proc', 'sys']);
  const args = exporter(m).args;
  expect(args.filter((a: string) => a.startsWith('--path.'))).toEqual(['--path.procfs=/host/proc', '--path.sysfs=/host/sys']);
});

test('hostMountPropagation applies to the /proc, /sys and / mounts', () => {
  const mounts = exporter(render({ hostMountPropagation: kplus.MountPropagation.NONE })).volumeMounts;
  expect(mounts.map((x: any) => x.mountPropagation)).toEqual(['None', 'None', 'None']);
});

test('user and group can be changed; root drops runAsNonRoot', () => {
  const m = render({ user: 1000, group: 2000 });
  expect(podSpec(m).securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 2000, fsGroup: 2000, runAsNonRoot: true });
  expect(exporter(m).securityContext).toMatchObject({ runAsUser: 1000, runAsGroup: 2000, runAsNonRoot: true });
  const root = render({ user: 0, group: 0 });
  expect(exporter(root).securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
  expect(podSpec(root).securityContext).toMatchObject({ runAsUser: 0, runAsNonRoot: false });
});

test('sysTimeCapability adds SYS_TIME and keeps dropping ALL', () => {
  expect(exporter(render({ sysTimeCapability: true })).securityContext.capabilities).toEqual({ add: ['SYS_TIME'], drop: ['ALL'] });
});

test('seccompProfile can be changed', () => {
  expect(podSpec(render({ seccompProfile: SeccompProfile.localhost('profiles/node-exporter.json') })).securityContext.seccompProfile)
    .toEqual({ type: 'Localhost', localhostProfile: 'profiles/node-exporter.json' });
});

test('tolerations: control plane only', () => {
  expect(podSpec(render({ tolerations: NodeExporterTolerations.CONTROL_PLANE })).tolerations).toEqual([
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ]);
});

test('tolerations: none', () => {
  expect(podSpec(render({ tolerations: NodeExporterTolerations.NONE }))).not.toHaveProperty('tolerations');
});

test('nodeSelector replaces the default; excludeVirtualNodes false drops the node affinity', () => {
  const spec = podSpec(render({ nodeSelector: { 'kubernetes.io/os': 'linux', 'node.example.com/pool': 'metal' }, excludeVirtualNodes: false }));
  expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node.example.com/pool': 'metal' });
  expect(spec).not.toHaveProperty('affinity');
});

test('priorityClassName and updateStrategy can be changed', () => {
  const m = render({ priorityClassName: 'system-cluster-critical', updateStrategy: DaemonSetUpdateStrategy.onDelete() });
  expect(podSpec(m).priorityClassName).toBe('system-cluster-critical');
  expect(one(m, 'DaemonSet').spec.updateStrategy).toEqual({ type: 'OnDelete' });
});

test('generic DaemonSet metadata options are passed through', () => {
  const m = render({
    metadata: { name: 'node-exporter', labels: { team: 'sre' } },
    podMetadata: { annotations: { 'example.com/owner': 'sre' } },
    description: 'node metrics',
    changeCause: 'v1.10.2',
    minReadySeconds: 5,
    revisionHistoryLimit: 3,
    terminationGracePeriod: Duration.seconds(10),
    imagePullSecrets: [kplus.Secret.fromSecretName(chart(), 'pull', 'registry-credentials')],
  });
  const ds = one(m, 'DaemonSet');
  expect(ds.metadata.name).toBe('node-exporter');
  expect(ds.metadata.labels).toEqual({ 'team': 'sre', 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/instance': 'node-exporter', 'app.kubernetes.io/component': 'metrics' });
  expect(ds.metadata.annotations).toEqual({
    'kubernetes.io/description': 'node metrics',
    'kubernetes.io/change-cause': 'v1.10.2',
    'suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount': 'node-exporter reads the node\'s /proc, /sys and / read-only to report their metrics',
  });
  expect(ds.spec.template.metadata.annotations).toEqual({ 'example.com/owner': 'sre', 'kubectl.kubernetes.io/default-container': 'node-exporter' });
  expect(ds.spec.minReadySeconds).toBe(5);
  expect(ds.spec.revisionHistoryLimit).toBe(3);
  expect(ds.spec.template.spec.terminationGracePeriodSeconds).toBe(10);
  expect(ds.spec.template.spec.imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
});

test('user labels win over the preset\'s', () => {
  const ds = one(render({ metadata: { labels: { 'app.kubernetes.io/name': 'host-metrics' } } }), 'DaemonSet');
  expect(ds.metadata.labels['app.kubernetes.io/name']).toBe('host-metrics');
});

test('dns can be changed', () => {
  expect(podSpec(render({ dns: { policy: kplus.DnsPolicy.DEFAULT } })).dnsPolicy).toBe('Default');
});

test('a service account given is used as is, with no token mounted and none created', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne', { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(c, 'sa', 'metrics-agent') });
  const m = synth(c);
  expect(ofKind(m, 'ServiceAccount')).toHaveLength(0);
  expect(podSpec(m).serviceAccountName).toBe('metrics-agent');
  expect(podSpec(m).automountServiceAccountToken).toBe(false);
});

test('the generic DaemonSet methods still work on the preset', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne');
  ne.addHostPath('/run/dbus', '/var/run/dbus', { containers: ['node-exporter'] });
  ne.addNodeSelector('node.example.com/pool', 'metal');
  ne.enablePrometheusScrape({ port: 9100 });
  const m = synth(c);
  expect(exporter(m).volumeMounts).toContainEqual({ name: 'host-run-dbus', mountPath: '/var/run/dbus', readOnly: true });
  expect(podSpec(m).nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node.example.com/pool': 'metal' });
  expect(one(m, 'DaemonSet').spec.template.metadata.annotations['prometheus.io/port']).toBe('9100');
  expect(ne.port).toBe(9100);
  expect(ne.exporterContainer.name).toBe('node-exporter');
  expect(() => ne.scheduling.spread()).toThrow(/spread\(\) does not apply to a DaemonSet/);
});

// ---------------------------------------------------------------------------
// options: Service, monitors, NetworkPolicy, PrometheusRule
// ---------------------------------------------------------------------------

test('service off, ClusterIP service, or a Service name', () => {
  expect(ofKind(render({ service: false }), 'Service')).toHaveLength(0);
  const svc = one(render({ serviceType: DaemonSetServiceType.CLUSTER_IP, serviceName: 'node-metrics' }), 'Service');
  expect(svc.metadata.name).toBe('node-metrics');
  expect(svc.spec).not.toHaveProperty('clusterIP');
});

test('serviceMonitor: true emits a ServiceMonitor selecting the Service\'s port metrics', () => {
  const m = render({ serviceMonitor: true });
  const svc = one(m, 'Service');
  const sm = one(m, 'ServiceMonitor');
  expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(sm.metadata.name).toBe(one(m, 'DaemonSet').metadata.name);
  expect(sm.metadata.namespace).toBe('monitoring');
  expect(sm.spec.selector).toEqual({ matchLabels: svc.metadata.labels });
  expect(sm.spec.jobLabel).toBe('app.kubernetes.io/name');
  expect(svc.metadata.labels['app.kubernetes.io/name']).toBe('node-exporter');
  expect(sm.spec.endpoints).toEqual([{
    port: 'metrics',
    path: '/metrics',
    scheme: 'http',
    relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance', action: 'replace' }],
  }]);
  expect(svc.spec.ports.map((p: any) => p.name)).toContain(sm.spec.endpoints[0].port);
});

test('monitor: SERVICE_MONITOR is the same as serviceMonitor: true', () => {
  expect(one(render({ monitor: NodeExporterMonitor.SERVICE_MONITOR }), 'ServiceMonitor').spec)
    .toEqual(one(render({ serviceMonitor: true }), 'ServiceMonitor').spec);
});

test('ServiceMonitor: interval, timeout, relabelings, metric relabelings and Prometheus selector labels', () => {
  const m = render({
    serviceMonitor: true,
    scrapeInterval: Duration.seconds(30),
    scrapeTimeout: Duration.seconds(10),
    relabelings: [{ sourceLabels: ['__meta_kubernetes_node_label_topology_kubernetes_io_zone'], targetLabel: 'zone' }],
    metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'node_scrape_collector_.*', action: PrometheusRelabelAction.DROP }],
    prometheusLabels: { release: 'kube-prometheus-stack' },
  });
  const sm = one(m, 'ServiceMonitor');
  expect(sm.metadata.labels.release).toBe('kube-prometheus-stack');
  expect(sm.spec.selector.matchLabels).not.toHaveProperty('release');
  expect(sm.spec.endpoints[0]).toEqual({
    port: 'metrics',
    path: '/metrics',
    scheme: 'http',
    interval: '30s',
    scrapeTimeout: '10s',
    relabelings: [
      { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance', action: 'replace' },
      { sourceLabels: ['__meta_kubernetes_node_label_topology_kubernetes_io_zone'], targetLabel: 'zone', action: 'replace' },
    ],
    metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'node_scrape_collector_.*', action: 'drop' }],
  });
});

test('instanceFromNodeName false keeps <ip>:<port> instances', () => {
  expect(one(render({ serviceMonitor: true, instanceFromNodeName: false }), 'ServiceMonitor').spec.endpoints[0]).not.toHaveProperty('relabelings');
});

test('PodMonitor selects the DaemonSet\'s pods on port metrics, without needing the Service', () => {
  const m = render({ monitor: NodeExporterMonitor.POD_MONITOR, service: false, scrapeInterval: Duration.minutes(1) });
  const ds = one(m, 'DaemonSet');
  const pm = one(m, 'PodMonitor');
  expect(pm.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(pm.metadata.name).toBe(ds.metadata.name);
  expect(pm.spec.selector).toEqual({ matchLabels: ds.spec.selector.matchLabels });
  for (const [k, v] of Object.entries(pm.spec.selector.matchLabels)) expect(ds.spec.template.metadata.labels[k]).toBe(v);
  expect(pm.spec.jobLabel).toBe('app.kubernetes.io/name');
  expect(pm.spec.podMetricsEndpoints).toEqual([{
    port: 'metrics',
    path: '/metrics',
    scheme: 'http',
    interval: '1m',
    relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance', action: 'replace' }],
  }]);
  expect(exporter(m).ports.map((p: any) => p.name)).toContain(pm.spec.podMetricsEndpoints[0].port);
  expect(ofKind(m, 'ServiceMonitor')).toHaveLength(0);
});

test('NetworkPolicy admits only Prometheus pods, only on the metrics port', () => {
  const m = render({ networkPolicy: {} });
  const ds = one(m, 'DaemonSet');
  const np = one(m, 'NetworkPolicy');
  expect(np.apiVersion).toBe('networking.k8s.io/v1');
  expect(np.metadata.name).toBe(ds.metadata.name);
  expect(np.spec).toEqual({
    podSelector: { matchLabels: ds.spec.selector.matchLabels },
    policyTypes: ['Ingress'],
    ingress: [{
      from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
      ports: [{ port: 9100, protocol: 'TCP' }],
    }],
  });
});

test('NetworkPolicy: Prometheus labels and namespace', () => {
  const np = one(render({ networkPolicy: { prometheusPodLabels: { app: 'prometheus', prometheus: 'k8s' }, prometheusNamespace: 'observability' } }), 'NetworkPolicy');
  expect(np.spec.ingress[0].from).toEqual([{
    podSelector: { matchLabels: { app: 'prometheus', prometheus: 'k8s' } },
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } },
  }]);
});

test('PrometheusRule hook: groups from props and addPrometheusRuleGroup()', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne', {
    prometheusLabels: { release: 'kube-prometheus-stack' },
    serviceMonitor: true,
    prometheusRules: [{
      name: 'node-exporter',
      interval: Duration.seconds(30),
      rules: [{ alert: 'NodeExporterDown', expr: 'up{job="node-exporter"} == 0', pendingFor: Duration.minutes(5), labels: { severity: 'warning' }, annotations: { summary: 'down' } }],
    }],
  });
  ne.addPrometheusRuleGroup({ name: 'node-recording', rules: [{ record: 'instance:node_cpus:count', expr: 'count by (instance) (node_cpu_seconds_total{mode="idle"})' }] });
  expect(ne.prometheusRule).toBeDefined();
  const m = synth(c);
  const rule = one(m, 'PrometheusRule');
  expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(rule.metadata.name).toBe(one(m, 'DaemonSet').metadata.name);
  expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
  expect(rule.spec.groups).toEqual([
    {
      name: 'node-exporter',
      interval: '30s',
      rules: [{ alert: 'NodeExporterDown', expr: 'up{job="node-exporter"} == 0', for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'down' } }],
    },
    { name: 'node-recording', rules: [{ record: 'instance:node_cpus:count', expr: 'count by (instance) (node_cpu_seconds_total{mode="idle"})' }] },
  ]);
});

test('prometheusLabels apply to a PrometheusRule even without a monitor', () => {
  const rule = one(render({ prometheusLabels: { release: 'kube-prometheus-stack' }, prometheusRules: [{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }] }), 'PrometheusRule');
  expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
});

test('a DaemonSet name longer than a label value is cut for the instance label', () => {
  const name = `node-exporter-${'x'.repeat(60)}.example`;
  const m = render({ metadata: { name }, serviceName: 'node-exporter', serviceMonitor: true });
  const ds = one(m, 'DaemonSet');
  expect(ds.metadata.name).toBe(name);
  // Cut to a valid label value with a hash of the whole name, the same value the selector uses.
  expect(ds.metadata.labels['app.kubernetes.io/instance']).toBe(labelValueFromName(name));
  expect(ds.metadata.labels['app.kubernetes.io/instance']).toMatch(/^node-exporter-x+-[0-9a-f]{8}$/);
  expect(ds.spec.selector.matchLabels['app.kubernetes.io/instance']).toBe(labelValueFromName(name));
  expect(one(m, 'ServiceMonitor').spec.selector.matchLabels).toEqual(one(m, 'Service').metadata.labels);
});

test('addPrometheusRuleGroup() alone creates the PrometheusRule', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne');
  expect(ne.prometheusRule).toBeUndefined();
  ne.addPrometheusRuleGroup({ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] });
  expect(one(synth(c), 'PrometheusRule').spec.groups).toEqual([{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }]);
});

// ---------------------------------------------------------------------------
// options: kube-rbac-proxy
// ---------------------------------------------------------------------------

test('kube-rbac-proxy: the exporter moves to 127.0.0.1 and the proxy serves TLS on the metrics port', () => {
  const m = render({ kubeRbacProxy: {} });
  const ne = exporter(m);
  expect(ne.args).toEqual(defaultArgs('127.0.0.1:9100'));
  expect(ne).not.toHaveProperty('ports');
  expect(ne).not.toHaveProperty('env');
  const localProbe = { httpGet: { host: '127.0.0.1', path: '/', port: 9100, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  expect(ne.livenessProbe).toEqual(localProbe);
  expect(ne.readinessProbe).toEqual(localProbe);

  const proxy = container(m, 'kube-rbac-proxy');
  expect(NodeExporterDaemonSet.DEFAULT_KUBE_RBAC_PROXY_IMAGE).toBe('quay.io/brancz/kube-rbac-proxy:v0.20.2');
  expect(proxy.image).toBe('quay.io/brancz/kube-rbac-proxy:v0.20.2');
  expect(proxy.args).toEqual([
    '--secure-listen-address=[$(POD_IP)]:9100',
    '--upstream=http://127.0.0.1:9100/',
    '--tls-min-version=VersionTLS12',
    '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  ]);
  expect(proxy.env).toEqual([{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }]);
  expect(proxy.ports).toEqual([{ containerPort: 9100, hostPort: 9100, name: 'metrics' }]);
  const tcp = { tcpSocket: { port: 'metrics' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  expect(proxy.livenessProbe).toEqual(tcp);
  expect(proxy.readinessProbe).toEqual(tcp);
  expect(proxy.resources).toEqual({ requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '64Mi' } });
  expect(proxy.securityContext).toEqual(ne.securityContext);
  expect(one(m, 'Service').spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 'metrics' }]);
});

test('kube-rbac-proxy: the token is mounted, and the account may review tokens and access', () => {
  const m = render({ kubeRbacProxy: {} });
  const sa = one(m, 'ServiceAccount');
  expect(sa.automountServiceAccountToken).toBe(true);
  expect(podSpec(m).automountServiceAccountToken).toBe(true);
  const role = one(m, 'ClusterRole');
  const binding = one(m, 'ClusterRoleBinding');
  expect(role.apiVersion).toBe('rbac.authorization.k8s.io/v1');
  expect(role.metadata).not.toHaveProperty('namespace');
  expect(binding.metadata).not.toHaveProperty('namespace');
  expect(role.rules).toEqual([
    { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
  ]);
  expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
  expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: 'monitoring' }]);
  expect(role.metadata.name).toBe(`monitoring-${one(m, 'DaemonSet').metadata.name}-kube-rbac-proxy`);
});

test('kube-rbac-proxy: the ServiceMonitor scrapes over HTTPS with Prometheus\' token', () => {
  const sm = one(render({ kubeRbacProxy: {}, serviceMonitor: true }), 'ServiceMonitor');
  expect(sm.spec.endpoints[0]).toMatchObject({
    port: 'metrics',
    scheme: 'https',
    bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    tlsConfig: { insecureSkipVerify: true },
  });
});

test('kube-rbac-proxy: a scrape token Secret for the PodMonitor', () => {
  const c = chart();
  const token = new kplus.Secret(c, 'token', { metadata: { name: 'prometheus-scrape-token' } });
  new NodeExporterDaemonSet(c, 'ne', { monitor: NodeExporterMonitor.POD_MONITOR, kubeRbacProxy: { scrapeTokenSecret: token, scrapeTokenKey: 'bearer' } });
  const pm = one(synth(c), 'PodMonitor');
  expect(pm.spec.podMetricsEndpoints[0]).toMatchObject({
    scheme: 'https',
    authorization: { type: 'Bearer', credentials: { name: 'prometheus-scrape-token', key: 'bearer' } },
    tlsConfig: { insecureSkipVerify: true },
  });
  expect(pm.spec.podMetricsEndpoints[0]).not.toHaveProperty('bearerTokenFile');
});

test('kube-rbac-proxy: image, resources, TLS Secret and extra args', () => {
  const c = chart();
  const tls = kplus.Secret.fromSecretName(c, 'tls', 'node-exporter-tls');
  new NodeExporterDaemonSet(c, 'ne', {
    kubeRbacProxy: {
      image: 'registry.example.com/kube-rbac-proxy:v0.19.1',
      resources: { cpu: { request: kplus.Cpu.millis(20) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(32) } },
      tlsSecret: tls,
      extraArgs: ['--v=2'],
    },
  });
  const m = synth(c);
  const proxy = container(m, 'kube-rbac-proxy');
  expect(proxy.image).toBe('registry.example.com/kube-rbac-proxy:v0.19.1');
  expect(proxy.resources).toEqual({ requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '32Mi' } });
  expect(proxy.args.slice(4)).toEqual(['--tls-cert-file=/etc/kube-rbac-proxy/tls/tls.crt', '--tls-private-key-file=/etc/kube-rbac-proxy/tls/tls.key', '--v=2']);
  expect(proxy.volumeMounts).toEqual([{ name: 'kube-rbac-proxy-tls', mountPath: '/etc/kube-rbac-proxy/tls', readOnly: true }]);
  expect(podSpec(m).volumes).toContainEqual({ name: 'kube-rbac-proxy-tls', secret: { secretName: 'node-exporter-tls' } });
});

test('kube-rbac-proxy with every interface', () => {
  const m = render({ kubeRbacProxy: {}, listenAddress: ExporterListenAddress.allInterfaces() });
  expect(container(m, 'kube-rbac-proxy').args[0]).toBe('--secure-listen-address=:9100');
  expect(container(m, 'kube-rbac-proxy')).not.toHaveProperty('env');
});

// ---------------------------------------------------------------------------
// host port collisions (synthesis time)
// ---------------------------------------------------------------------------

const HOST_PORT_RULE = 'cross-object/host-port-collision';

function agent(scope: Chart, id: string, extra: Partial<ConstructorParameters<typeof DaemonSet>[2]> = {}, port: kplus.ContainerPort = { number: 9100, name: 'metrics' }) {
  return new DaemonSet(scope, id, {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [port] }],
    ...extra,
  });
}

/**
 * The app-wide rule's findings on every object of the app, in tree order as AppValidation sees
 * them. The objects are rendered one by one because synthesis (`Chart.toJson()` included) runs
 * the validations and throws on a collision instead of returning it.
 */
function hostPortCollisions(scope: Chart): ValidationFinding[] {
  const objects = scope.node.root.node.findAll().filter(ApiObject.isApiObject).map(o => o.toJson());
  return validateManifests(objects, { rules: [HOST_PORT_RULE] }).findings;
}

/** The finding the rule reports on `later`, which binds a host port `earlier` already binds on nodes both can run on. */
function collision(later: DaemonSet, laterContainer: string, earlier: DaemonSet, earlierContainer: string, port = '9100/TCP') {
  const namespaceOf = (ds: DaemonSet) => Chart.of(ds).namespace ?? 'default';
  return expect.objectContaining({
    ruleId: HOST_PORT_RULE,
    namespace: namespaceOf(later),
    name: later.name,
    message: `DaemonSet '${later.name}' container '${laterContainer}' binds host port ${port}, `
      + `which DaemonSet '${earlier.name}' (namespace '${namespaceOf(earlier)}') container '${earlierContainer}' also binds on the same nodes`,
  });
}

/** The lines of the app's synthesis error, one per problem; none when the app synthesizes. */
function synthErrorLines(scope: Chart): string[] {
  try {
    (scope.node.root as App).synth();
  } catch (e) {
    // The first line is cdk8s's "Validation failed with the following errors:".
    return (e as Error).message.split('\n').slice(1);
  }
  return [];
}

test('two NodeExporterDaemonSets on the same port and nodes fail synthesis, reported once by the app-wide rule with both names and the port', () => {
  const c = chart();
  const a = new NodeExporterDaemonSet(c, 'a');
  const b = new NodeExporterDaemonSet(c, 'b');
  const findings = hostPortCollisions(c);
  expect(findings).toEqual([collision(b, 'node-exporter', a, 'node-exporter')]);
  expect(findings[0].path).toBe('spec.template.spec.containers[0].ports[0]');
  expect(synthErrorLines(c).filter(l => l.includes('host port 9100'))).toEqual([
    expect.stringMatching(new RegExp(`^  \\[\\] error cross-object/host-port-collision DaemonSet monitoring/${b.name} spec\\.template\\.spec\\.containers\\[0\\]\\.ports\\[0\\]: `
      + `DaemonSet '${b.name}' container 'node-exporter' binds host port 9100/TCP, which DaemonSet '${a.name}' .* \\[test/b\\]$`)),
  ]);
});

test('a collision involving a NodeExporterDaemonSet appears exactly once in the synthesis error', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne');
  const other = agent(c, 'agent', { hostNetwork: true });
  const lines = synthErrorLines(c);
  expect(lines.filter(l => l.includes('host port 9100'))).toEqual([
    expect.stringContaining(`error ${HOST_PORT_RULE} DaemonSet monitoring/${other.name} `),
  ]);
  // The preset's own report (removed) read "NodeExporterDaemonSet '<path>': host port ...".
  expect(lines.filter(l => l.includes('NodeExporterDaemonSet'))).toEqual([]);
});

test('two NodeExporterDaemonSets in different charts and namespaces still share the nodes', () => {
  const app = Testing.app();
  const first = new NodeExporterDaemonSet(new Chart(app, 'one', { namespace: 'monitoring' }), 'ne');
  const secondChart = new Chart(app, 'two', { namespace: 'observability' });
  const second = new NodeExporterDaemonSet(secondChart, 'ne');
  expect(hostPortCollisions(secondChart)).toEqual([collision(second, 'node-exporter', first, 'node-exporter')]);
  expect(synthErrorLines(secondChart)).toEqual([
    expect.stringMatching(new RegExp(`error cross-object/host-port-collision DaemonSet observability/${second.name} .*which DaemonSet '${first.name}' \\(namespace 'monitoring'\\).* \\[two/ne\\]$`)),
  ]);
});

test('a hostNetwork DaemonSet on the same port collides with the exporter', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne');
  const other = agent(c, 'agent', { hostNetwork: true });
  expect(hostPortCollisions(c)).toEqual([collision(other, 'agent', ne, 'node-exporter')]);
  expect(() => synth(c)).toThrow(HOST_PORT_RULE);
});

test('a DaemonSet declaring hostPort 9100 collides with the exporter', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne');
  const other = agent(c, 'agent', {}, { number: 8080, hostPort: 9100 });
  expect(hostPortCollisions(c)).toEqual([collision(other, 'agent', ne, 'node-exporter')]);
  expect(() => synth(c)).toThrow(HOST_PORT_RULE);
});

test('the proxy\'s port counts as the exporter\'s host port', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne', { kubeRbacProxy: {} });
  const other = agent(c, 'agent', { hostNetwork: true });
  expect(hostPortCollisions(c)).toEqual([collision(other, 'agent', ne, 'kube-rbac-proxy')]);
  expect(() => synth(c)).toThrow(HOST_PORT_RULE);
});

test('a sidecar init container (restartPolicy Always) holds its port; a run-to-completion one does not', () => {
  const spec = (restartPolicy?: string) => ({
    hostNetwork: true,
    initContainers: [{ name: 'init', restartPolicy, ports: [{ containerPort: 9100 }] }],
    containers: [{ name: 'main', ports: [{ containerPort: 8080, name: 'http' }] }],
  });
  expect(hostPortsOf(spec('Always')).map(p => p.key)).toEqual(['9100/TCP', '8080/TCP']);
  expect(hostPortsOf(spec()).map(p => p.key)).toEqual(['8080/TCP']);
});

test('no collision: different ports, another protocol, pod network, or the exporter off the host network', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'a');
  new NodeExporterDaemonSet(c, 'b', { port: 9101 });
  agent(c, 'udp', { hostNetwork: true }, { number: 9100, protocol: kplus.Protocol.UDP });
  agent(c, 'podnet');
  new NodeExporterDaemonSet(c, 'off', { hostNetwork: false });
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('no collision: disjoint nodeSelector values', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'amd', { nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } });
  new NodeExporterDaemonSet(c, 'arm', { nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' } });
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('no collision: a Windows-only DaemonSet next to the Linux-only exporter', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne');
  agent(c, 'windows', { hostNetwork: true, nodeSelector: { 'kubernetes.io/os': 'windows' } });
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('no collision: required node affinity keeps the other DaemonSet on virtual nodes the exporter avoids', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne');
  const virtual = agent(c, 'virtual', { hostNetwork: true });
  virtual.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('type', 'virtual-kubelet')));
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('no collision: Gt/Lt ranges that cannot meet', () => {
  const c = chart();
  const old = new NodeExporterDaemonSet(c, 'old', { excludeVirtualNodes: false });
  old.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.lt('example.com/generation', ['3'])));
  const next = new NodeExporterDaemonSet(c, 'next', { excludeVirtualNodes: false });
  next.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.gt('example.com/generation', ['2'])));
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('collision: node affinity that only narrows still overlaps', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne');
  const gpu = agent(c, 'gpu', { hostNetwork: true });
  gpu.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.exists('nvidia.com/gpu.present')));
  expect(hostPortCollisions(c)).toEqual([collision(gpu, 'agent', ne, 'node-exporter')]);
  expect(() => synth(c)).toThrow(HOST_PORT_RULE);
});

test('collision: nodes that overlap through one of several affinity terms', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne', { nodeSelector: { 'kubernetes.io/os': 'linux', 'pool': 'a' } });
  const other = agent(c, 'other', { hostNetwork: true });
  other.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('pool', 'b')));
  other.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.in('pool', ['a', 'c'])));
  expect(hostPortCollisions(c)).toEqual([collision(other, 'agent', ne, 'node-exporter')]);
  expect(() => synth(c)).toThrow(HOST_PORT_RULE);
});

test('node overlap: selector, affinity operators, nodeName and empty terms', () => {
  const terms = (...matchExpressions: any[]) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } },
  });
  const sel = (nodeSelector: any) => ({ nodeSelector });
  expect(nodesCanOverlap({}, {})).toBe(true);
  expect(nodesCanOverlap(sel({ a: '1' }), sel({ a: '1', b: '2' }))).toBe(true);
  expect(nodesCanOverlap(sel({ a: '1' }), sel({ a: '2' }))).toBe(false);
  expect(nodesCanOverlap(sel({ a: '1' }), terms({ key: 'a', operator: 'NotIn', values: ['1'] }))).toBe(false);
  expect(nodesCanOverlap(sel({ a: '1' }), terms({ key: 'a', operator: 'In', values: ['2', '3'] }))).toBe(false);
  expect(nodesCanOverlap(sel({ a: '1' }), terms({ key: 'a', operator: 'In', values: ['1', '3'] }))).toBe(true);
  expect(nodesCanOverlap(sel({ a: '1' }), terms({ key: 'a', operator: 'DoesNotExist' }))).toBe(false);
  expect(nodesCanOverlap(terms({ key: 'a', operator: 'Exists' }), terms({ key: 'a', operator: 'DoesNotExist' }))).toBe(false);
  expect(nodesCanOverlap(terms({ key: 'a', operator: 'NotIn', values: ['1'] }), terms({ key: 'a', operator: 'DoesNotExist' }))).toBe(true);
  expect(nodesCanOverlap(terms({ key: 'g', operator: 'Gt', values: ['5'] }), terms({ key: 'g', operator: 'Lt', values: ['6'] }))).toBe(false);
  expect(nodesCanOverlap(terms({ key: 'g', operator: 'Gt', values: ['5'] }), terms({ key: 'g', operator: 'Lt', values: ['7'] }))).toBe(true);
  expect(nodesCanOverlap(terms({ key: 'g', operator: 'Gt', values: ['5'] }), sel({ g: '4' }))).toBe(false);
  expect(nodesCanOverlap({ nodeName: 'n1' }, { nodeName: 'n2' })).toBe(false);
  expect(nodesCanOverlap({ nodeName: 'n1' }, { nodeName: 'n1' })).toBe(true);
  expect(nodesCanOverlap(terms(), {})).toBe(false);
  expect(nodesCanOverlap(terms({ key: 'a', operator: 'Unknown', values: ['x'] }), {})).toBe(true);
});

// ---------------------------------------------------------------------------
// bad input
// ---------------------------------------------------------------------------

test.each([
  ['port out of range', { port: 0 }, /NodeExporterDaemonSet 'test\/ne': port: 0 is out of range; a port is an integer from 1 to 65535/],
  ['port too large', { port: 70000 }, /port: 70000 is out of range/],
  ['bad image', { image: 'Quay.io/Prometheus/Node Exporter' }, /NodeExporterDaemonSet 'test\/ne': image: 'Quay.io\/Prometheus\/Node Exporter' contains whitespace/],
  ['negative user', { user: -1 }, /NodeExporterDaemonSet 'test\/ne': user: -1 is not a user or group ID; use an integer from 0 to 2147483647/],
  ['fractional group', { group: 1.5 }, /group: 1.5 is not a user or group ID/],
  ['collector twice', { enabledCollectors: [NodeExporterCollector.SYSTEMD, NodeExporterCollector.SYSTEMD] }, /enabledCollectors: collector 'systemd' is listed twice/],
  ['collector on and off', { enabledCollectors: [NodeExporterCollector.WIFI], disabledCollectors: [NodeExporterCollector.WIFI] }, /enabledCollectors: collector 'wifi' is also in disabledCollectors; list it in one of them/],
  ['relative textfile directory', { textfileDirectory: 'var/lib/textfile' }, /textfileDirectory: 'var\/lib\/textfile' must be an absolute path/],
  ['textfile directory with the textfile collector off', { textfileDirectory: '/var/lib/textfile', disabledCollectors: [NodeExporterCollector.TEXTFILE] }, /textfileDirectory: is set but the textfile collector is in disabledCollectors/],
  ['lookahead regex', { excludedMountPoints: '^/(?!home)' }, /excludedMountPoints: '\^\/\(\?!home\)' uses a lookahead or lookbehind, which Go's RE2 engine does not support/],
  ['backreference regex', { excludedFsTypes: '(a)\\1' }, /excludedFsTypes: '\(a\)\\1' uses a backreference/],
  ['broken regex', { excludedNetworkDevices: '^(veth' }, /excludedNetworkDevices: '\^\(veth' does not compile/],
  ['empty regex', { excludedFsTypes: '' }, /excludedFsTypes: is empty; give a regular expression/],
  ['managed flag in extraArgs', { extraArgs: ['--web.listen-address=:9200'] }, /extraArgs: '--web.listen-address=:9200' sets a flag this preset manages; use the port \/ listenAddress prop/],
  ['rootfs flag in extraArgs', { extraArgs: ['--path.rootfs=/'] }, /extraArgs: '--path.rootfs=\/' sets a flag this preset manages; use the hostRootFs prop/],
  ['collector toggle in extraArgs', { extraArgs: ['--no-collector.wifi'] }, /extraArgs: '--no-collector.wifi' toggles a collector; use enabledCollectors or disabledCollectors/],
  ['non-flag in extraArgs', { extraArgs: ['verbose'] }, /extraArgs: 'verbose' is not a flag; node_exporter flags start with '--'/],
  ['fixed listen address off the host network', { hostNetwork: false, listenAddress: ExporterListenAddress.of('10.0.0.5') }, /listenAddress: ExporterListenAddress.of\('10.0.0.5'\) needs hostNetwork/],
  ['kube-rbac-proxy off the host network', { hostNetwork: false, kubeRbacProxy: {} }, /NodeExporterDaemonSet 'test\/ne': kubeRbacProxy: needs hostNetwork true/],
  ['kube-rbac-proxy with a fixed address', { kubeRbacProxy: {}, listenAddress: ExporterListenAddress.of('10.0.0.5') }, /listenAddress: ExporterListenAddress.of\('10.0.0.5'\) cannot be used with kubeRbacProxy/],
  ['kube-rbac-proxy managed flag', { kubeRbacProxy: { extraArgs: ['--upstream=http://127.0.0.1:9200/'] } }, /kubeRbacProxy.extraArgs: '--upstream=http:\/\/127.0.0.1:9200\/' sets a flag this preset manages/],
  ['kube-rbac-proxy bad image', { kubeRbacProxy: { image: 'Brancz/Proxy' } }, /kubeRbacProxy.image: 'Brancz\/Proxy' is not a valid image reference/],
  ['PodMonitor behind the proxy without a token', { monitor: NodeExporterMonitor.POD_MONITOR, kubeRbacProxy: {} }, /kubeRbacProxy.scrapeTokenSecret: is required with a PodMonitor/],
  ['serviceMonitor and a PodMonitor', { serviceMonitor: true, monitor: NodeExporterMonitor.POD_MONITOR }, /serviceMonitor: is true but monitor is PodMonitor; set one of them/],
  ['ServiceMonitor without the Service', { serviceMonitor: true, service: false }, /service: is false but a ServiceMonitor needs the Service/],
  ['scrape interval without a monitor', { scrapeInterval: Duration.seconds(30) }, /scrapeInterval: only applies to a ServiceMonitor or PodMonitor, and none is emitted/],
  ['relabelings without a monitor', { relabelings: [] }, /relabelings: only applies to a ServiceMonitor or PodMonitor/],
  ['sub-second scrape interval', { serviceMonitor: true, scrapeInterval: Duration.millis(500) }, /scrapeInterval: is 0.5s; use a whole number of seconds, at least 1/],
  ['timeout above interval', { serviceMonitor: true, scrapeInterval: Duration.seconds(10), scrapeTimeout: Duration.seconds(15) }, /scrapeTimeout: 15s exceeds scrapeInterval 10s/],
  ['bad Prometheus label', { serviceMonitor: true, prometheusLabels: { 'bad key': 'x' } }, /prometheusLabels: label key 'bad key'/],
  ['empty NetworkPolicy selector', { networkPolicy: { prometheusPodLabels: {} } }, /networkPolicy.prometheusPodLabels: is empty, which would admit every pod/],
  ['bad NetworkPolicy namespace', { networkPolicy: { prometheusNamespace: 'Monitoring' } }, /networkPolicy.prometheusNamespace: 'Monitoring' must consist of lower-case/],
  ['sidecar named like the exporter', { sidecars: [{ name: 'node-exporter', image: 'busybox:1.36' }] }, /sidecars: container name 'node-exporter' is taken by the preset/],
  ['POD_IP env', { envVariables: { POD_IP: kplus.EnvValue.fromValue('1.2.3.4') } }, /envVariables: POD_IP is set by the preset/],
  ['token key without Secret', { kubeRbacProxy: { scrapeTokenKey: 'token' } }, /kubeRbacProxy.scrapeTokenKey: is set without scrapeTokenSecret/],
] as [string, NodeExporterDaemonSetProps, RegExp][])('rejects %s', (_name, props, error) => {
  expect(build(props)).toThrow(error);
});

test.each([
  ['relabeling without targetLabel', { serviceMonitor: true, relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'] }] }, /NodeExporterDaemonSet 'test\/ne': relabelings\[1\].targetLabel: is missing; action 'replace' writes its result to targetLabel/],
  ['hashmod without modulus', { serviceMonitor: true, metricRelabelings: [{ sourceLabels: ['instance'], targetLabel: 'shard', action: PrometheusRelabelAction.HASHMOD }] }, /metricRelabelings\[0\].modulus: is undefined; action 'hashmod' needs a positive integer modulus/],
  ['bad source label', { serviceMonitor: true, relabelings: [{ sourceLabels: ['node-name'], targetLabel: 'node' }] }, /relabelings\[1\].sourceLabels: 'node-name' is not a Prometheus label name/],
  ['relabel regex with lookahead', { monitor: NodeExporterMonitor.POD_MONITOR, metricRelabelings: [{ sourceLabels: ['__name__'], regex: '(?!node_).*', action: PrometheusRelabelAction.DROP }] }, /metricRelabelings\[0\].regex: '\(\?!node_\)\.\*' uses a lookahead/],
  ['rule with alert and record', { prometheusRules: [{ name: 'g', rules: [{ alert: 'A', record: 'a:b', expr: 'vector(1)' }] }] }, /prometheusRules\[0\].rules\[0\]: gives both alert 'A' and record 'a:b'/],
  ['rule with neither', { prometheusRules: [{ name: 'g', rules: [{ expr: 'vector(1)' }] }] }, /prometheusRules\[0\].rules\[0\]: gives neither alert nor record/],
  ['bad record name', { prometheusRules: [{ name: 'g', rules: [{ record: 'cpu-count', expr: 'vector(1)' }] }] }, /prometheusRules\[0\].rules\[0\].record: 'cpu-count' is not a Prometheus metric name/],
  ['empty expr', { prometheusRules: [{ name: 'g', rules: [{ alert: 'A', expr: ' ' }] }] }, /prometheusRules\[0\].rules\[0\].expr: is empty/],
  ['recording rule with for', { prometheusRules: [{ name: 'g', rules: [{ record: 'a:b', expr: 'vector(1)', pendingFor: Duration.minutes(1) }] }] }, /recording rule 'a:b' sets pendingFor, which only alerting rules have/],
  ['empty group', { prometheusRules: [{ name: 'g', rules: [] }] }, /prometheusRules\[0\].rules: group 'g' has no rules/],
  ['duplicate group', { prometheusRules: [{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }, { name: 'g', rules: [{ alert: 'B', expr: 'vector(1)' }] }] }, /prometheusRules\[1\].name: rule group 'g' already exists/],
  ['mount over a preset mount', { extraHostMounts: [{ hostPath: '/etc', mountPath: '/host/root' }] }, /extraHostMounts\[0\].mountPath: '\/host\/root' is already used by the preset's own mounts/],
  ['invalid Service name', { metadata: { name: '9-exporter' } }, /serviceName: '9-exporter' is not a valid Service name .* it defaults to the DaemonSet name, so set serviceName/],
] as [string, NodeExporterDaemonSetProps, RegExp][])('rejects %s', (_name, props, error) => {
  expect(build(props)).toThrow(error);
});

test('rejects bad listen addresses and collector names', () => {
  expect(() => ExporterListenAddress.of('node-1')).toThrow(/ExporterListenAddress.of: 'node-1' is not an IPv4 or IPv6 address/);
  expect(() => NodeExporterCollector.of('No-Wifi')).toThrow(/NodeExporterCollector.of: 'No-Wifi' is not a collector name/);
});

test('rejects a duplicate rule group added later', () => {
  const ne = new NodeExporterDaemonSet(chart(), 'ne', { prometheusRules: [{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }] });
  expect(() => ne.addPrometheusRuleGroup({ name: 'g', rules: [{ alert: 'B', expr: 'vector(1)' }] }))
    .toThrow(/NodeExporterDaemonSet 'test\/ne': addPrometheusRuleGroup.name: rule group 'g' already exists/);
});

test('errors of the generic DaemonSet still name the construct path', () => {
  expect(build({ priorityClassName: 'System_Critical' })).toThrow(/DaemonSet 'test\/ne': priorityClassName: 'System_Critical'/);
  const surge = DaemonSetUpdateStrategy.rollingUpdate({
    maxSurge: kplus.PercentOrAbsolute.absolute(1),
    maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
  });
  expect(build({ updateStrategy: surge })).toThrow(/maxSurge starts a second pod on each node/);
});

test('an App with the preset at its root reports paths without a leading slash', () => {
  const app = new App();
  expect(() => new NodeExporterDaemonSet(app as any, 'ne', { port: -1 })).toThrow(/NodeExporterDaemonSet 'ne': port: -1/);
});

test('the host mounts it needs are documented as a suppression, which the user can override', () => {
  const c = Testing.chart();
  const key = 'suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount';
  new NodeExporterDaemonSet(c, 'ne', { metadata: { annotations: { [key]: 'reviewed by SRE' } } });
  const ds = Testing.synth(c).find(o => o.kind === 'DaemonSet');
  expect(ds.metadata.annotations[key]).toBe('reviewed by SRE');
});
