import { Chart, Testing } from 'cdk8s';
import { NodeExporterDaemonSet, NodeExporterDaemonSetProps } from '../../../src/presets/node-exporter';
import { validateManifests } from '../../../src/validation/engine';

// Building NodeExporterDaemonSets and reading what they render, shared by the tests of test/presets/node-exporter/.

export const SELECTOR_LABEL = 'cdk8s.io/metadata.addr';
export const EXCLUDED_MOUNT_POINTS = '^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)';
export const EXCLUDED_FS_TYPES = '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|erofs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$';
export const EXCLUDED_NET_DEVICES = '^(veth.*|[a-f0-9]{15})$';

export function chart(namespace = 'monitoring'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

export function synth(c: Chart): any[] {
  return Testing.synth(c);
}

export function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

export function one(manifests: any[], kind: string): any {
  const found = ofKind(manifests, kind);
  expect(found).toHaveLength(1);
  return found[0];
}

export function podSpec(manifests: any[]): any {
  return one(manifests, 'DaemonSet').spec.template.spec;
}

export function container(manifests: any[], name: string): any {
  const found = podSpec(manifests).containers.filter((c: any) => c.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

export function exporter(manifests: any[]): any {
  return container(manifests, 'node-exporter');
}

/** Synthesizes a chart holding one NodeExporterDaemonSet with the given props. */
export function render(props: NodeExporterDaemonSetProps = {}, namespace = 'monitoring'): any[] {
  const c = chart(namespace);
  new NodeExporterDaemonSet(c, 'ne', props);
  return synth(c);
}

export function build(props: NodeExporterDaemonSetProps): () => NodeExporterDaemonSet {
  return () => new NodeExporterDaemonSet(chart(), 'ne', props);
}

export function defaultArgs(listen = '[$(POD_IP)]:9100'): string[] {
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

export const DEFAULT_PROBE = {
  httpGet: { path: '/', port: 'metrics', scheme: 'HTTP' },
  periodSeconds: 10,
  timeoutSeconds: 5,
  failureThreshold: 3,
};

/** The findings of the library's validator on a synthesized chart, as `<severity> <rule id> <path>`. */
export function findings(manifests: any[]): string[] {
  return validateManifests(manifests).findings.map(f => `${f.severity} ${f.ruleId} ${f.path}`);
}

/** The findings that are warnings or errors: what a clean chart has none of. */
export function problems(manifests: any[]): string[] {
  return findings(manifests).filter(f => !f.startsWith('info '));
}

/** Synthesizes a chart holding one NodeExporterDaemonSet built by `make` (with other objects it adds). */
export function renderWith(make: (c: Chart) => NodeExporterDaemonSetProps, namespace = 'monitoring'): any[] {
  const c = chart(namespace);
  new NodeExporterDaemonSet(c, 'ne', make(c));
  return synth(c);
}
