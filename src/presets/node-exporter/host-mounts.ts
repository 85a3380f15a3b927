import { NodeExporterDaemonSetProps } from './props';
import { DaemonSetsError } from '../../errors';

// Which of the node's /proc, /sys and / the exporter gets, the flags that point node_exporter at them, and the
// collectors that would measure the pod instead of the node without them.
//
// Without `--path.procfs`, `--path.sysfs` or `--path.rootfs`, node_exporter reads /proc, /sys and / of its own
// container (collector/paths.go: the flags' defaults). For node-wide kernel counters that changes nothing
// (/proc/stat, meminfo, loadavg, diskstats and vmstat read the same in every procfs; /proc/net follows the reader's
// network namespace either way). It changes what depends on the namespace or the mount the files come from; the
// upstream README's container example (`--pid=host`, only / mounted, `--path.rootfs`) relies on the same rules.

/** The paths the preset mounts the node's filesystems at. @internal */
export const HOST_MOUNTS = {
  proc: '/host/proc',
  sys: '/host/sys',
  root: '/host/root',
} as const;

/** A collector that measures the pod instead of the node without one of the host mounts. */
interface MountNeed {
  readonly collector: string;
  /** What the collector reads, and from where (node_exporter's source). */
  readonly reads: string;
  /** Whether the pod's own copy is the pod's, given the pod's namespaces; always when absent. */
  readonly unless?: (pod: { readonly hostNetwork: boolean; readonly hostPid: boolean }) => boolean;
}

const NEEDS: { readonly [toggle in 'hostProc' | 'hostSys' | 'hostRootFs']: readonly MountNeed[] } = {
  hostProc: [
    // With hostPID the container's procfs belongs to the node's PID namespace, so its PID 1 is the node's init.
    { collector: 'filesystem', reads: 'the mount table of PID 1 (/proc/1/mountinfo, collector/filesystem_linux.go), which without hostPid is the pod\'s', unless: p => p.hostPid },
    { collector: 'processes', reads: 'every process under /proc (collector/processes_linux.go), which without hostPid are the pod\'s', unless: p => p.hostPid },
  ],
  hostSys: [
    // containerd's default spec masks /sys/devices/virtual/powercap (pkg/oci/spec.go populateDefaultUnixSpec).
    { collector: 'rapl', reads: '/sys/class/powercap, whose /sys/devices/virtual/powercap the container runtime masks in the pod\'s own /sys' },
    // A sysfs mount lists the network devices of the namespace it was mounted in (fs/sysfs/mount.c).
    { collector: 'netclass', reads: '/sys/class/net, which in the pod\'s own /sys lists only the pod\'s interfaces without hostNetwork', unless: p => p.hostNetwork },
  ],
  hostRootFs: [
    { collector: 'filesystem', reads: 'statfs() of each mount point under --path.rootfs (collector/filesystem_linux.go)' },
    { collector: 'os', reads: '<rootfs>/etc/os-release (collector/os_release.go), which without the node\'s / is the image\'s' },
  ],
};

/** The mounts chosen, the flags that point node_exporter at them, and the collectors turned off. @internal */
export interface HostMountPlan {
  readonly proc: boolean;
  readonly sys: boolean;
  readonly root: boolean;
  /** `--path.*` flags, in the order the preset always emitted them. */
  readonly pathArgs: string[];
  /** Collectors on by default that the missing mounts leave measuring the pod: turned off with `--no-collector.<name>`. */
  readonly turnedOff: string[];
}

/**
 * The host mounts and what follows from them. A collector in `enabledCollectors` that a missing mount would leave
 * measuring the pod is an error; one on by default is turned off (unless `disabledCollectors` already does).
 * @param defaultCollectors the pinned release's collectors and whether each is on by default
 * @internal
 */
export function planHostMounts(
  props: NodeExporterDaemonSetProps, pod: { readonly hostNetwork: boolean; readonly hostPid: boolean },
  defaultCollectors: { readonly [name: string]: boolean }, fail: (field: string, message: string) => DaemonSetsError,
): HostMountPlan {
  const mounted = { hostProc: props.hostProc ?? true, hostSys: props.hostSys ?? true, hostRootFs: props.hostRootFs ?? true };
  const enabled = new Set((props.enabledCollectors ?? []).map(c => c.name));
  const disabled = new Set((props.disabledCollectors ?? []).map(c => c.name));
  const turnedOff: string[] = [];
  for (const toggle of ['hostProc', 'hostSys', 'hostRootFs'] as const) {
    if (mounted[toggle]) continue;
    for (const need of NEEDS[toggle]) {
      if (need.unless?.(pod)) continue;
      if (enabled.has(need.collector)) {
        throw fail('enabledCollectors', `'${need.collector}' cannot run with ${toggle} false: it reads ${need.reads}; remove it from enabledCollectors or set ${toggle} true`);
      }
      if (defaultCollectors[need.collector] === true && !disabled.has(need.collector) && !turnedOff.includes(need.collector)) {
        turnedOff.push(need.collector);
      }
    }
  }
  return {
    proc: mounted.hostProc,
    sys: mounted.hostSys,
    root: mounted.hostRootFs,
    pathArgs: [
      ...mounted.hostProc ? [`--path.procfs=${HOST_MOUNTS.proc}`] : [],
      ...mounted.hostSys ? [`--path.sysfs=${HOST_MOUNTS.sys}`] : [],
      ...mounted.hostRootFs ? [`--path.rootfs=${HOST_MOUNTS.root}`, `--path.udev.data=${HOST_MOUNTS.root}/run/udev/data`] : [],
    ],
    turnedOff,
  };
}

/**
 * The reason of the preset's suppression of `best-practice/sensitive-host-mount`, naming the host paths it mounts;
 * undefined when it mounts none of them.
 * @internal
 */
export function hostMountReason(plan: HostMountPlan): string | undefined {
  const paths = [...plan.proc ? ['/proc'] : [], ...plan.sys ? ['/sys'] : [], ...plan.root ? ['/'] : []];
  if (paths.length === 0) return undefined;
  const list = paths.length === 1 ? paths[0] : `${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}`;
  return `node-exporter reads the node's ${list} read-only to report their metrics`;
}
