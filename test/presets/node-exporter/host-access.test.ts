import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { chart, exporter, ofKind, one, podSpec, render, synth } from './fixtures';
import { NodeExporterDaemonSet, NodeExporterTolerations } from '../../../src/presets/node-exporter';
import { SeccompProfile } from '../../../src/security';
import { DaemonSetUpdateStrategy } from '../../../src/update-strategy';

// Host access, security, scheduling and rollout options.

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
