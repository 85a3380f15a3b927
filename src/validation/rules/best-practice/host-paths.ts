import { podRule, who } from './common';
import { asList, isObject, text } from '../../../k8s/shape';
import { PodWorkload as Workload } from '../../pod-workloads';
import { Severity } from '../../rule';

const SENSITIVE_HOST_PATHS = new Set([
  '/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/sys', '/usr', '/bin', '/sbin', '/root', '/home',
  '/run', '/var/run', '/var/lib/kubelet', '/var/lib/kubelet/pki', '/etc/kubernetes', '/etc/kubernetes/manifests', '/etc/kubernetes/pki',
  '/var/lib/etcd', '/var/lib/docker', '/var/lib/containerd',
]);
/** Container runtime sockets: whoever can write to them controls the node. */
const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock'];

function normalizeHostPath(p: string): string {
  let end = p.length;
  while (end > 1 && p.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === p.length ? p : p.slice(0, end);
}

/** What makes a host path sensitive, or undefined. */
export function sensitiveHostPath(path: string): string | undefined {
  const p = normalizeHostPath(path);
  if (RUNTIME_SOCKETS.some(s => p.endsWith(`/${s}`))) return 'a container runtime socket (full control of the node)';
  if (SENSITIVE_HOST_PATHS.has(p)) return 'a sensitive host directory';
  return undefined;
}

/** hostPath volumes of a pod: volume name → index and host path (computed once per pod template). */
function hostPathVolumes(w: Workload): Map<string, { index: number; path: string }> {
  if (w.hostPaths) return w.hostPaths;
  const map = new Map<string, { index: number; path: string }>();
  w.hostPaths = map;
  asList(w.spec.volumes).forEach((v, index) => {
    if (isObject(v) && isObject(v.hostPath) && typeof v.hostPath.path === 'string') map.set(v.name, { index, path: v.hostPath.path });
  });
  return map;
}

export const sensitiveHostMount = podRule({
  id: 'best-practice/sensitive-host-mount',
  severity: Severity.WARNING,
  description: 'Pods do not mount sensitive host paths (/, /etc, /proc, /sys, /dev, /boot, /usr, /var/lib/kubelet, /etc/kubernetes, container runtime sockets such as /var/run/docker.sock ...), read-only or not.',
  why: 'These paths expose the node\'s credentials, configuration and processes; a container runtime socket gives full control of the node, even read-only.',
  fix: 'Mount the narrowest directory the agent needs (e.g. /var/log rather than /var), read-only; talk to the runtime through its API with least privilege instead of its socket.',
  equivalents: { kubeLinter: 'sensitive-host-mounts, docker-sock', polaris: 'hostPathSet', podSecurity: 'Baseline: HostPath Volumes (hostPathVolumes)' },
},
(w, add) => {
  const volumes = hostPathVolumes(w);
  for (const [name, { index, path }] of volumes) {
    const why = sensitiveHostPath(path);
    if (!why) continue;
    const readOnly: string[] = [];
    const writable: string[] = [];
    for (const c of w.containers) {
      for (const m of asList(c.container.volumeMounts)) {
        if (m?.name === name) (m.readOnly === true ? readOnly : writable).push(`'${text(c.container.name)}'`);
      }
    }
    const use = [
      ...(writable.length ? [`writable by ${writable.join(', ')}`] : []),
      ...(readOnly.length ? [`read-only by ${readOnly.join(', ')}`] : []),
    ];
    add(`${w.specPath}.volumes[${index}].hostPath.path`,
      `volume '${name}' mounts ${why} '${path}' from the node (${use.length ? `mounted ${use.join(', ')}` : 'not mounted by any container'})`,
      'Mount only the narrowest host path the agent needs, read-only; node agents that must read /proc or /sys should mount them read-only.');
  }
});

export const writableHostMount = podRule({
  id: 'best-practice/writable-host-mount',
  severity: Severity.WARNING,
  description: 'Containers mount hostPath volumes with readOnly: true.',
  why: 'A writable host mount lets the container change the node\'s files, which outlive the pod and affect every other workload on the node.',
  fix: 'Set readOnly: true on the volumeMount; keep one explicit state directory writable if the agent needs one (e.g. a position database).',
  equivalents: { kubeLinter: 'writable-host-mount', polaris: 'hostPathSet', podSecurity: 'Baseline: HostPath Volumes (hostPathVolumes)' },
},
(w, add) => {
  const volumes = hostPathVolumes(w);
  if (volumes.size === 0) return;
  for (const c of w.containers) {
    asList(c.container.volumeMounts).forEach((m, j) => {
      const v = isObject(m) ? volumes.get(m.name) : undefined;
      if (!v || m.readOnly === true) return;
      add(`${w.specPath}.${c.path}.volumeMounts[${j}].readOnly`,
        `${who(c)} mounts host path '${text(v.path)}' (volume '${text(m.name)}') at '${text(m.mountPath)}' writable`,
        'Set readOnly: true on the mount, unless this is the agent\'s own state directory.');
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Scheduling and rollout
