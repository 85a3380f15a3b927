import { isIP } from 'net';
import { ApiObject, ApiObjectMetadata, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct, Node } from 'constructs';
import { DaemonSet, DaemonSetContainerProps, DaemonSetProps } from '../daemon-set';
import * as monitoring from '../imports/monitoring.coreos.com';
import { NodePlacement } from '../placement';
import { HealthProbe } from '../probe';
import { SeccompProfile } from '../security';
import { DaemonSetServiceType } from '../service';
import { DaemonSetUpdateStrategy } from '../update-strategy';
import { givenMetadata, presetPodMetadata } from './metadata';
import { labelValueFromName } from '../selector-labels';
import { checkNodeExporterTypes, checkRuleGroupTypes } from './node-exporter-checks';
import { checkLabels, checkRe2, promDuration, renderRelabeling, renderRuleGroup } from './node-exporter-monitoring';
import { DaemonSetsError, describeValue } from '../errors';
import { SUPPRESSION_PREFIX } from '../validation/engine';
import { checkAbsolutePath, checkDns1123Label, checkImageReference, checkLabelValue } from '../k8s/syntax';

/**
 * Which node taints the node-exporter tolerates.
 */
export enum NodeExporterTolerations {
  /**
   * Every taint, NoExecute included (`operator: Exists` without a key): the exporter runs on
   * every node, is never evicted by a taint, and keeps reporting from a node being drained.
   */
  ALL_TAINTS = 'AllTaints',
  /**
   * Only the `NoSchedule` taints of control-plane nodes (`node-role.kubernetes.io/control-plane`
   * and the older `node-role.kubernetes.io/master`): workers and the control plane, but not
   * nodes tainted for other reasons.
   */
  CONTROL_PLANE = 'ControlPlane',
  /** No toleration: untainted nodes only. */
  NONE = 'None',
}

/**
 * How Prometheus (prometheus-operator) discovers the exporters.
 */
export enum NodeExporterMonitor {
  /** No monitor object: scrape through your own configuration (e.g. the Service's endpoints). */
  NONE = 'None',
  /** A `ServiceMonitor` selecting the exporter's Service (needs `service`). */
  SERVICE_MONITOR = 'ServiceMonitor',
  /** A `PodMonitor` selecting the exporter's pods directly (no Service needed). */
  POD_MONITOR = 'PodMonitor',
}

/**
 * A node_exporter collector, named as its `--collector.<name>` flag names it.
 */
export class NodeExporterCollector {
  /** ARP table entries (`/proc/net/arp`). Enabled by default. */
  public static readonly ARP = new NodeExporterCollector('arp');
  /** Bonded network interfaces. Enabled by default. */
  public static readonly BONDING = new NodeExporterCollector('bonding');
  /** Btrfs filesystems. Enabled by default. */
  public static readonly BTRFS = new NodeExporterCollector('btrfs');
  /** cgroup summary. Disabled by default. */
  public static readonly CGROUPS = new NodeExporterCollector('cgroups');
  /** Connection tracking table usage. Enabled by default. */
  public static readonly CONNTRACK = new NodeExporterCollector('conntrack');
  /** CPU time per mode. Enabled by default. */
  public static readonly CPU = new NodeExporterCollector('cpu');
  /** CPU frequency scaling. Enabled by default. */
  public static readonly CPUFREQ = new NodeExporterCollector('cpufreq');
  /** Disk I/O. Enabled by default. */
  public static readonly DISKSTATS = new NodeExporterCollector('diskstats');
  /** DMI (BIOS, board, chassis) information. Enabled by default. */
  public static readonly DMI = new NodeExporterCollector('dmi');
  /** NIC driver statistics through ethtool. Disabled by default. */
  public static readonly ETHTOOL = new NodeExporterCollector('ethtool');
  /** Open file descriptors. Enabled by default. */
  public static readonly FILEFD = new NodeExporterCollector('filefd');
  /** Filesystem space and inodes. Enabled by default. */
  public static readonly FILESYSTEM = new NodeExporterCollector('filesystem');
  /** Hardware sensors (temperatures, fans) from `/sys/class/hwmon`. Enabled by default. */
  public static readonly HWMON = new NodeExporterCollector('hwmon');
  /** InfiniBand adapters. Enabled by default. */
  public static readonly INFINIBAND = new NodeExporterCollector('infiniband');
  /** Interrupts per CPU. Disabled by default. */
  public static readonly INTERRUPTS = new NodeExporterCollector('interrupts');
  /** IPVS (kube-proxy in IPVS mode). Enabled by default. */
  public static readonly IPVS = new NodeExporterCollector('ipvs');
  /** Load average. Enabled by default. */
  public static readonly LOADAVG = new NodeExporterCollector('loadavg');
  /** Software RAID (mdadm). Enabled by default. */
  public static readonly MDADM = new NodeExporterCollector('mdadm');
  /** Memory usage. Enabled by default. */
  public static readonly MEMINFO = new NodeExporterCollector('meminfo');
  /** Per-mount NFS client statistics. Disabled by default. */
  public static readonly MOUNTSTATS = new NodeExporterCollector('mountstats');
  /** Network interface properties from `/sys/class/net`. Enabled by default. */
  public static readonly NETCLASS = new NodeExporterCollector('netclass');
  /** Network interface traffic. Enabled by default. */
  public static readonly NETDEV = new NodeExporterCollector('netdev');
  /** Network protocol statistics (`/proc/net/netstat`, `snmp`). Enabled by default. */
  public static readonly NETSTAT = new NodeExporterCollector('netstat');
  /** NFS client. Enabled by default. */
  public static readonly NFS = new NodeExporterCollector('nfs');
  /** NFS server. Enabled by default. */
  public static readonly NFSD = new NodeExporterCollector('nfsd');
  /** NVMe devices. Enabled by default. */
  public static readonly NVME = new NodeExporterCollector('nvme');
  /** Pressure stall information (PSI). Enabled by default. */
  public static readonly PRESSURE = new NodeExporterCollector('pressure');
  /** Process and thread counts by state. Disabled by default. */
  public static readonly PROCESSES = new NodeExporterCollector('processes');
  /** RAPL energy counters. Enabled by default. */
  public static readonly RAPL = new NodeExporterCollector('rapl');
  /** Softnet (packet processing) statistics. Enabled by default. */
  public static readonly SOFTNET = new NodeExporterCollector('softnet');
  /** Kernel statistics from `/proc/stat` (boot time, context switches). Enabled by default. */
  public static readonly STAT = new NodeExporterCollector('stat');
  /** systemd units; needs the host's D-Bus socket mounted (`extraHostMounts`). Disabled by default. */
  public static readonly SYSTEMD = new NodeExporterCollector('systemd');
  /** TCP connection states. Disabled by default. */
  public static readonly TCPSTAT = new NodeExporterCollector('tcpstat');
  /** Metrics from `*.prom` files (see `textfileDirectory`). Enabled by default. */
  public static readonly TEXTFILE = new NodeExporterCollector('textfile');
  /** Thermal zones. Enabled by default. */
  public static readonly THERMAL_ZONE = new NodeExporterCollector('thermal_zone');
  /** Current system time. Enabled by default. */
  public static readonly TIME = new NodeExporterCollector('time');
  /** Kernel clock state (adjtimex); see `sysTimeCapability`. Enabled by default. */
  public static readonly TIMEX = new NodeExporterCollector('timex');
  /** Kernel and host names (uname). Enabled by default. */
  public static readonly UNAME = new NodeExporterCollector('uname');
  /** Virtual memory statistics. Enabled by default. */
  public static readonly VMSTAT = new NodeExporterCollector('vmstat');
  /** Wireless interfaces. Disabled by default. */
  public static readonly WIFI = new NodeExporterCollector('wifi');
  /** XFS filesystems. Enabled by default. */
  public static readonly XFS = new NodeExporterCollector('xfs');
  /** ZFS pools. Enabled by default. */
  public static readonly ZFS = new NodeExporterCollector('zfs');

  /**
   * Any collector by its flag name, for collectors without a constant here.
   * @param name the collector's name as in `--collector.<name>`, e.g. `drm` or `zoneinfo`
   */
  public static of(name: string): NodeExporterCollector {
    if (typeof name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(name)) {
      const where = 'NodeExporterCollector.of';
      throw new DaemonSetsError(`${where}: ${typeof name === 'string' ? `'${name}'` : describeValue(name)} is not a collector name; use the name from the --collector.<name> flag, e.g. 'zoneinfo' (lower case, digits and '_').`, where, 'name');
    }
    return new NodeExporterCollector(name);
  }

  /** The collector's name, e.g. `wifi`. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }
}

/**
 * The address the metrics endpoint listens on (the exporter's, or kube-rbac-proxy's when it is on).
 */
export class ExporterListenAddress {
  /**
   * The pod's IP (`status.podIP`, passed in through the `POD_IP` environment variable). With
   * `hostNetwork` that is the node's internal IP: Prometheus and the kubelet reach it, while
   * other interfaces of the node (a public NIC, a VPN) do not expose the port.
   */
  public static podIp(): ExporterListenAddress {
    return new ExporterListenAddress('podIp', undefined);
  }

  /** Every interface (`:9100`), as the Helm chart does by default. */
  public static allInterfaces(): ExporterListenAddress {
    return new ExporterListenAddress('all', undefined);
  }

  /**
   * A fixed IPv4 or IPv6 address of the node (needs `hostNetwork`); the probes connect to it too.
   * @param ip e.g. `10.0.0.5` or `fd00::5`
   */
  public static of(ip: string): ExporterListenAddress {
    if (typeof ip !== 'string' || isIP(ip) === 0) {
      throw new DaemonSetsError(`ExporterListenAddress.of: ${typeof ip === 'string' ? `'${ip}'` : describeValue(ip)} is not an IPv4 or IPv6 address (e.g. '10.0.0.5' or 'fd00::5'); use podIp() for the pod's own IP or allInterfaces().`, 'ExporterListenAddress.of', 'ip');
    }
    return new ExporterListenAddress('fixed', ip);
  }

  /** `podIp`, `all` or `fixed`. */
  public readonly kind: string;

  /** The fixed address, for `of()`. */
  public readonly ip?: string;

  private constructor(kind: string, ip: string | undefined) {
    this.kind = kind;
    this.ip = ip;
  }

  /** The host part of a Go listen address, e.g. `[$(POD_IP)]`, `` or `[fd00::5]`. */
  private get host(): string {
    if (this.kind === 'podIp') return '[$(POD_IP)]';
    if (this.kind === 'all') return '';
    return isIP(this.ip!) === 6 ? `[${this.ip}]` : this.ip!;
  }

  /**
   * The `host:port` listen address.
   * @internal
   */
  public _render(port: number): string {
    return `${this.host}:${port}`;
  }
}

/**
 * A host directory mounted into the node-exporter container.
 */
export interface NodeExporterHostMount {
  /** The absolute path on the node, e.g. `/run/dbus`. */
  readonly hostPath: string;

  /** The absolute path in the container, e.g. `/var/run/dbus`. */
  readonly mountPath: string;

  /**
   * Mount read-only.
   * @default true
   */
  readonly readOnly?: boolean;

  /**
   * What must exist at the host path.
   * @default kplus.HostPathVolumeType.DEFAULT - no check
   */
  readonly type?: kplus.HostPathVolumeType;

  /**
   * Mount propagation.
   * @default - None
   */
  readonly propagation?: kplus.MountPropagation;

  /**
   * The volume's name.
   * @default - derived from the host path, e.g. `host-run-dbus`
   */
  readonly volumeName?: string;
}

/**
 * Options of the kube-rbac-proxy sidecar, which puts Kubernetes authentication and RBAC in
 * front of the metrics: the exporter then listens on 127.0.0.1 only, and the proxy serves TLS
 * on the metrics port, admitting callers allowed to `get` the non-resource URL `/metrics`.
 */
export interface KubeRbacProxyOptions {
  /**
   * The kube-rbac-proxy image.
   * @default NodeExporterDaemonSet.DEFAULT_KUBE_RBAC_PROXY_IMAGE
   */
  readonly image?: string;

  /**
   * The proxy's resources.
   * @default - cpu request 10m (no limit), memory request 20Mi, memory limit 64Mi
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * A `kubernetes.io/tls` Secret with the serving certificate (`tls.crt`, `tls.key`).
   * @default - the proxy generates a self-signed certificate at start-up
   */
  readonly tlsSecret?: kplus.ISecret;

  /**
   * A Secret holding the bearer token Prometheus sends, for the ServiceMonitor or PodMonitor.
   * Required with a PodMonitor, which cannot read Prometheus' own service account token.
   * @default - ServiceMonitor: Prometheus' own service account token file
   */
  readonly scrapeTokenSecret?: kplus.ISecret;

  /**
   * The key of the token in `scrapeTokenSecret`.
   * @default 'token'
   */
  readonly scrapeTokenKey?: string;

  /**
   * Extra command-line arguments of the proxy.
   * @default - none
   */
  readonly extraArgs?: string[];
}

/**
 * Options of the NetworkPolicy that admits only Prometheus to the metrics port.
 *
 * Pods on the host network are outside most CNIs' policy enforcement (Calico, Cilium and others
 * need host endpoint policies for them), so with `hostNetwork` this policy documents intent
 * rather than enforcing it; use `kubeRbacProxy` to protect the metrics there.
 */
export interface NodeExporterNetworkPolicyOptions {
  /**
   * Labels of the Prometheus pods allowed in.
   * @default { 'app.kubernetes.io/name': 'prometheus' }
   */
  readonly prometheusPodLabels?: { [key: string]: string };

  /**
   * The namespace Prometheus runs in.
   * @default - the exporter's own namespace
   */
  readonly prometheusNamespace?: string;
}

/**
 * What a Prometheus relabeling step does (`relabel_config.action`).
 */
export enum PrometheusRelabelAction {
  /** Write `replacement` (with regex groups) to `targetLabel` when `regex` matches. */
  REPLACE = 'replace',
  /** Drop the target or sample unless `regex` matches the source labels. */
  KEEP = 'keep',
  /** Drop the target or sample when `regex` matches the source labels. */
  DROP = 'drop',
  /** Write the hash of the source labels modulo `modulus` to `targetLabel` (sharding). */
  HASHMOD = 'hashmod',
  /** Copy labels whose name matches `regex` to the names given by `replacement`. */
  LABELMAP = 'labelmap',
  /** Remove labels whose name matches `regex`. */
  LABELDROP = 'labeldrop',
  /** Keep only labels whose name matches `regex`. */
  LABELKEEP = 'labelkeep',
  /** Write the lower-cased source labels to `targetLabel`. */
  LOWERCASE = 'lowercase',
  /** Write the upper-cased source labels to `targetLabel`. */
  UPPERCASE = 'uppercase',
  /** Keep the target or sample when the source labels equal `targetLabel`'s value. */
  KEEPEQUAL = 'keepequal',
  /** Drop the target or sample when the source labels equal `targetLabel`'s value. */
  DROPEQUAL = 'dropequal',
}

/**
 * One Prometheus relabeling step, as a ServiceMonitor or PodMonitor endpoint carries it
 * (`relabelings` before the scrape, `metricRelabelings` on the scraped samples).
 */
export interface PrometheusRelabelConfig {
  /**
   * The labels whose values are joined with `separator` and matched against `regex`.
   * @default - none
   */
  readonly sourceLabels?: string[];

  /**
   * The string placed between the joined source label values.
   * @default ';'
   */
  readonly separator?: string;

  /**
   * The label the result is written to. Required by `replace`, `hashmod`, `lowercase`,
   * `uppercase`, `keepequal` and `dropequal`.
   * @default - none
   */
  readonly targetLabel?: string;

  /**
   * The regular expression (RE2 syntax, anchored) matched against the joined source values.
   * @default '(.*)'
   */
  readonly regex?: string;

  /**
   * The modulus of the hash, for `hashmod`.
   * @default - none (required by `hashmod`)
   */
  readonly modulus?: number;

  /**
   * The value written to `targetLabel`; `$1`, `$2`, ... refer to regex groups.
   * @default '$1'
   */
  readonly replacement?: string;

  /**
   * What the step does.
   * @default PrometheusRelabelAction.REPLACE
   */
  readonly action?: PrometheusRelabelAction;
}

/**
 * One alerting or recording rule of a `PrometheusRuleGroup`. Give `alert` or `record`, not both.
 */
export interface PrometheusRuleDefinition {
  /**
   * The alert's name, for an alerting rule.
   * @default - not an alerting rule
   */
  readonly alert?: string;

  /**
   * The name of the time series to record, for a recording rule.
   * @default - not a recording rule
   */
  readonly record?: string;

  /** The PromQL expression. */
  readonly expr: string;

  /**
   * How long the expression must keep returning results before the alert fires
   * (Prometheus' `for`; the alert is pending meanwhile).
   * @default - fires at the first evaluation
   */
  readonly pendingFor?: Duration;

  /**
   * Labels added to the alert or the recorded series (e.g. `severity: warning`).
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the alert (e.g. `summary`, `description`, `runbook_url`).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A named group of rules evaluated together, emitted in a prometheus-operator `PrometheusRule`.
 */
export interface PrometheusRuleGroup {
  /** The group's name, unique within the PrometheusRule. */
  readonly name: string;

  /**
   * How often the group is evaluated.
   * @default - Prometheus' global evaluation_interval
   */
  readonly interval?: Duration;

  /** The rules. */
  readonly rules: PrometheusRuleDefinition[];
}

/**
 * Properties of a `NodeExporterDaemonSet`. Every default below is what the preset emits;
 * each can be overridden.
 */
export interface NodeExporterDaemonSetProps {
  // ---- object metadata and generic DaemonSet options ----

  /**
   * Metadata of the DaemonSet. The name is reused by the ServiceAccount, Service, monitor,
   * NetworkPolicy and PrometheusRule.
   * @default - name generated from the construct path; labels `app.kubernetes.io/name: node-exporter`, `app.kubernetes.io/instance: <name>`, `app.kubernetes.io/component: metrics`
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Metadata of the pod template.
   * @default - the labels above, and `kubectl.kubernetes.io/default-container: node-exporter`
   */
  readonly podMetadata?: ApiObjectMetadata;

  /**
   * The labels the DaemonSet selects its pods with (`spec.selector.matchLabels`, also added to the pod
   * template), as `DaemonSetProps.selectorLabels`: pin them to adopt a running node-exporter, whose selector
   * is immutable.
   * @default - `app.kubernetes.io/name: node-exporter` (or the `podMetadata` label with that key) and
   * `app.kubernetes.io/instance: <name>`
   */
  readonly selectorLabels?: { [key: string]: string };

  /**
   * A human description, emitted as the `kubernetes.io/description` annotation.
   * @default - none
   */
  readonly description?: string;

  /**
   * Why this revision was made (`kubernetes.io/change-cause`).
   * @default - none
   */
  readonly changeCause?: string;

  /**
   * Secrets used to pull the images.
   * @default - none
   */
  readonly imagePullSecrets?: kplus.ISecret[];

  /**
   * Seconds a new pod must be ready before it counts as available.
   * @default 0
   */
  readonly minReadySeconds?: number;

  /**
   * Old revisions kept for rollback.
   * @default - Kubernetes' default (10)
   */
  readonly revisionHistoryLimit?: number;

  /**
   * How long a pod gets to stop after SIGTERM.
   * @default - Kubernetes' default (30 seconds)
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * DNS policy and configuration.
   * @default - ClusterFirstWithHostNet with `hostNetwork`, ClusterFirst otherwise
   */
  readonly dns?: kplus.PodDnsProps;

  /**
   * The service account the pods run as.
   * @default - a ServiceAccount named like the DaemonSet, created here
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * Extra containers next to the exporter (e.g. a textfile metrics writer), with the
   * generic DaemonSet's container defaults.
   * @default - none
   */
  readonly sidecars?: DaemonSetContainerProps[];

  /**
   * Init containers.
   * @default - none
   */
  readonly initContainers?: DaemonSetContainerProps[];

  // ---- the exporter ----

  /**
   * The node-exporter image: node_exporter 1.4 or later, which knows `--path.udev.data`.
   * @default NodeExporterDaemonSet.DEFAULT_IMAGE - a pinned `quay.io/prometheus/node-exporter` release
   */
  readonly image?: string;

  /**
   * The metrics port (container port named `metrics`, Service port `metrics`).
   * @default 9100
   */
  readonly port?: number;

  /**
   * The address the metrics endpoint listens on.
   * @default ExporterListenAddress.podIp() - the node's IP with hostNetwork, not every interface
   */
  readonly listenAddress?: ExporterListenAddress;

  /**
   * Environment variables of the exporter container.
   * @default - none besides `POD_IP` (set when the listen address needs it)
   */
  readonly envVariables?: { [name: string]: kplus.EnvValue };

  /**
   * Collectors to turn on in addition to node_exporter's defaults (`--collector.<name>`).
   * @default - none
   */
  readonly enabledCollectors?: NodeExporterCollector[];

  /**
   * Collectors to turn off (`--no-collector.<name>`).
   * @default - none: node_exporter's default set
   */
  readonly disabledCollectors?: NodeExporterCollector[];

  /**
   * Mount points the filesystem collector skips (`--collector.filesystem.mount-points-exclude`, RE2).
   * @default NodeExporterDaemonSet.DEFAULT_EXCLUDED_MOUNT_POINTS - kube-prometheus': /dev, /proc, /sys, k3s containerd, Docker and kubelet pod mounts
   */
  readonly excludedMountPoints?: string;

  /**
   * Filesystem types the filesystem collector skips (`--collector.filesystem.fs-types-exclude`, RE2).
   * @default NodeExporterDaemonSet.DEFAULT_EXCLUDED_FS_TYPES - pseudo and overlay filesystems
   */
  readonly excludedFsTypes?: string;

  /**
   * Network devices the netdev and netclass collectors skip
   * (`--collector.netdev.device-exclude`, `--collector.netclass.ignored-devices`, RE2).
   * @default NodeExporterDaemonSet.DEFAULT_EXCLUDED_NETWORK_DEVICES - kube-prometheus': pod veth pairs and OVN's 15-hex-digit devices
   */
  readonly excludedNetworkDevices?: string;

  /**
   * A host directory of `*.prom` files for the textfile collector, mounted read-only at
   * `/host/textfile` (created on the node if missing).
   * @default - none
   */
  readonly textfileDirectory?: string;

  /**
   * More host directories mounted into the exporter container.
   * @default - none
   */
  readonly extraHostMounts?: NodeExporterHostMount[];

  /**
   * More command-line arguments of node_exporter. Flags the props above manage are rejected.
   * @default - none
   */
  readonly extraArgs?: string[];

  /**
   * The exporter's resources.
   * @default - cpu request 50m (no limit: throttling delays scrapes), memory request 64Mi, memory limit 256Mi
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * The exporter's liveness probe.
   * @default - HTTP GET / on the metrics port (with kube-rbac-proxy: on 127.0.0.1), every 10s, timeout 5s, 3 failures
   */
  readonly livenessProbe?: HealthProbe;

  /**
   * The exporter's readiness probe.
   * @default - HTTP GET / on the metrics port (with kube-rbac-proxy: on 127.0.0.1), every 10s, timeout 5s, 3 failures
   */
  readonly readinessProbe?: HealthProbe;

  // ---- host access and security ----

  /**
   * Run in the node's network namespace, so the node's interfaces are measured.
   * @default true
   */
  readonly hostNetwork?: boolean;

  /**
   * Share the node's PID namespace, so process and `/proc` metrics are the node's.
   * @default true
   */
  readonly hostPid?: boolean;

  /**
   * Share the node's IPC namespace.
   * @default false
   */
  readonly hostIpc?: boolean;

  /**
   * Mount the node's root filesystem (`/` at `/host/root`, read-only) and pass `--path.rootfs`
   * and `--path.udev.data`, so the filesystem collector sees the node's mounts. Turn off where
   * `/` is not a shared mount (Docker Desktop, some kind clusters).
   * @default true
   */
  readonly hostRootFs?: boolean;

  /**
   * Mount propagation of the `/proc`, `/sys` and `/` mounts. `HostToContainer` lets the
   * exporter see filesystems the node mounts after the pod started.
   * @default kplus.MountPropagation.HOST_TO_CONTAINER
   */
  readonly hostMountPropagation?: kplus.MountPropagation;

  /**
   * The user the containers run as.
   * @default 65534 - nobody
   */
  readonly user?: number;

  /**
   * The group the containers run as (also the pod's fsGroup).
   * @default 65534 - nogroup
   */
  readonly group?: number;

  /**
   * Add the `SYS_TIME` capability, which some runtimes' seccomp profiles require for the
   * adjtimex call of the timex collector. It also allows setting the clock, hence off by default.
   * @default false - every capability dropped
   */
  readonly sysTimeCapability?: boolean;

  /**
   * The pods' seccomp profile.
   * @default SeccompProfile.runtimeDefault()
   */
  readonly seccompProfile?: SeccompProfile;

  // ---- scheduling and rollout ----

  /**
   * Which node taints the exporter tolerates.
   * @default NodeExporterTolerations.ALL_TAINTS - every node, including NoExecute-tainted and control-plane nodes
   */
  readonly tolerations?: NodeExporterTolerations;

  /**
   * Node labels a node must carry.
   * @default { 'kubernetes.io/os': 'linux' }
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Keep off virtual nodes, where a node-exporter pod measures nothing real: AWS Fargate
   * (`eks.amazonaws.com/compute-type: fargate`) and virtual-kubelet nodes (`type: virtual-kubelet`,
   * e.g. Azure virtual nodes), through required node affinity.
   * @default true
   */
  readonly excludeVirtualNodes?: boolean;

  /**
   * The pods' priority class. On GKE, critical classes outside kube-system need a ResourceQuota
   * that admits them in the namespace.
   * @default 'system-node-critical'
   */
  readonly priorityClassName?: string;

  /**
   * How pods are replaced when the template changes.
   * @default DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) })
   */
  readonly updateStrategy?: DaemonSetUpdateStrategy;

  // ---- Service, scraping and alerting ----

  /**
   * Emit a Service for the metrics port.
   * @default true
   */
  readonly service?: boolean;

  /**
   * The Service's type.
   * @default DaemonSetServiceType.HEADLESS - DNS returns every node's exporter
   */
  readonly serviceType?: DaemonSetServiceType;

  /**
   * The Service's name.
   * @default - the DaemonSet's name
   */
  readonly serviceName?: string;

  /**
   * The prometheus-operator object that makes Prometheus scrape the exporters.
   * @default NodeExporterMonitor.NONE
   */
  readonly monitor?: NodeExporterMonitor;

  /**
   * Shorthand for `monitor: NodeExporterMonitor.SERVICE_MONITOR`.
   * @default false
   */
  readonly serviceMonitor?: boolean;

  /**
   * Labels of the ServiceMonitor, PodMonitor and PrometheusRule, for the Prometheus resource's
   * selectors (kube-prometheus-stack: `release: <release name>`).
   * @default - only the common labels
   */
  readonly prometheusLabels?: { [key: string]: string };

  /**
   * The scrape interval.
   * @default - Prometheus' global scrape_interval
   */
  readonly scrapeInterval?: Duration;

  /**
   * The scrape timeout (at most the interval).
   * @default - Prometheus' global scrape_timeout
   */
  readonly scrapeTimeout?: Duration;

  /**
   * Set each target's `instance` label to its node's name instead of `<ip>:<port>`.
   * @default true
   */
  readonly instanceFromNodeName?: boolean;

  /**
   * Relabelings applied to targets before the scrape (after the node-name one above).
   * @default - none
   */
  readonly relabelings?: PrometheusRelabelConfig[];

  /**
   * Relabelings applied to the scraped samples.
   * @default - none
   */
  readonly metricRelabelings?: PrometheusRelabelConfig[];

  /**
   * Emit a NetworkPolicy admitting only Prometheus to the metrics port.
   * @default - no NetworkPolicy
   */
  readonly networkPolicy?: NodeExporterNetworkPolicyOptions;

  /**
   * Put kube-rbac-proxy in front of the metrics (needs `hostNetwork`).
   * @default - no proxy: plain HTTP on the metrics port
   */
  readonly kubeRbacProxy?: KubeRbacProxyOptions;

  /**
   * Alerting and recording rules, emitted as a PrometheusRule. More can be added with
   * `addPrometheusRuleGroup()`.
   * @default - no PrometheusRule
   */
  readonly prometheusRules?: PrometheusRuleGroup[];
}

const EXPORTER = 'node-exporter';
const PROXY = 'kube-rbac-proxy';
const METRICS = 'metrics';
const TEXTFILE_MOUNT = '/host/textfile';
const PROXY_TLS_MOUNT = '/etc/kube-rbac-proxy/tls';
const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
// TLS 1.2 suites with forward secrecy and AEAD; TLS 1.3 suites are not configurable in Go.
const PROXY_CIPHER_SUITES = [
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
];
/** node_exporter flags the props manage, and the prop that sets each. */
const MANAGED_FLAGS: [string, string][] = [
  ['--web.listen-address', 'port / listenAddress'],
  ['--path.procfs', 'hostRootFs'],
  ['--path.sysfs', 'hostRootFs'],
  ['--path.rootfs', 'hostRootFs'],
  ['--path.udev.data', 'hostRootFs'],
  ['--collector.filesystem.mount-points-exclude', 'excludedMountPoints'],
  ['--collector.filesystem.fs-types-exclude', 'excludedFsTypes'],
  ['--collector.netdev.device-exclude', 'excludedNetworkDevices'],
  ['--collector.netclass.ignored-devices', 'excludedNetworkDevices'],
  ['--collector.textfile.directory', 'textfileDirectory'],
];

/** Everything the constructor decides before `super()`. */
interface Plan {
  readonly daemonSetProps: DaemonSetProps;
  readonly serviceAccountRef?: ServiceAccountForwardRef;
  readonly port: number;
  readonly proxy: boolean;
  readonly monitor: NodeExporterMonitor;
}

/**
 * The Prometheus node-exporter as a DaemonSet, with safer defaults than the Helm chart it
 * replaces: every node including NoExecute-tainted and control-plane ones, `system-node-critical`,
 * read-only host mounts with HostToContainer propagation, non-root with every capability dropped
 * and a read-only root filesystem, RuntimeDefault seccomp, resource requests, probes, a rolling
 * update of 10%, the metrics port bound to the node's IP rather than every interface, and a
 * synthesis-time check that no other DaemonSet of the app takes the same host port on the same nodes.
 *
 * Emits the DaemonSet, a ServiceAccount (token mounted only for kube-rbac-proxy), a headless
 * Service with port `metrics`, and optionally a ServiceMonitor or PodMonitor, a NetworkPolicy,
 * a PrometheusRule and the kube-rbac-proxy sidecar with its ClusterRole and ClusterRoleBinding.
 * Every method of `DaemonSet` still works on it.
 */
export class NodeExporterDaemonSet extends DaemonSet {
  /** The pinned node-exporter image. */
  public static readonly DEFAULT_IMAGE = 'quay.io/prometheus/node-exporter:v1.10.2';

  /** The pinned kube-rbac-proxy image. */
  public static readonly DEFAULT_KUBE_RBAC_PROXY_IMAGE = 'quay.io/brancz/kube-rbac-proxy:v0.20.2';

  /** The default metrics port. */
  public static readonly DEFAULT_PORT = 9100;

  /** kube-prometheus' mount point exclusion: pseudo filesystems and container/pod mounts. */
  public static readonly DEFAULT_EXCLUDED_MOUNT_POINTS = '^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)';

  /** Pseudo, overlay and read-only image filesystems, which say nothing about disk space. */
  public static readonly DEFAULT_EXCLUDED_FS_TYPES = '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|erofs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$';

  /** kube-prometheus' network device exclusion: container veth pairs and OVN's renamed devices. */
  public static readonly DEFAULT_EXCLUDED_NETWORK_DEVICES = '^(veth.*|[a-f0-9]{15})$';

  /** The metrics port. */
  public readonly port: number;

  /** The node-exporter container. */
  public readonly exporterContainer: kplus.Container;

  /** The kube-rbac-proxy container, when the proxy is on. */
  public readonly kubeRbacProxyContainer?: kplus.Container;

  /** The Service, when emitted. */
  public readonly metricsService?: kplus.Service;

  /** The ServiceMonitor or PodMonitor, when emitted. */
  public readonly monitorObject?: ApiObject;

  /** The NetworkPolicy, when emitted. */
  public readonly networkPolicyObject?: ApiObject;

  private readonly _presetProps: NodeExporterDaemonSetProps;
  private readonly _ruleGroups: any[];
  private _prometheusRule?: ApiObject;

  constructor(scope: Construct, id: string, props: NodeExporterDaemonSetProps = {}) {
    const plan = planNodeExporter(scope, id, props);
    super(scope, id, plan.daemonSetProps);
    this._presetProps = props;
    this._ruleGroups = [];
    this.port = plan.port;
    this.exporterContainer = this.containers.find(c => c.name === EXPORTER)!;
    this.kubeRbacProxyContainer = this.containers.find(c => c.name === PROXY && plan.proxy);

    // Host mounts are what node-exporter is for: say so where the best-practice rule would warn.
    const suppress = `${SUPPRESSION_PREFIX}best-practice.sensitive-host-mount`;
    if (props.metadata?.annotations?.[suppress] === undefined) {
      this.metadata.addAnnotation(suppress, 'node-exporter reads the node\'s /proc, /sys and / read-only to report their metrics');
    }

    const labels = this.commonLabels;
    for (const [k, v] of Object.entries(labels)) {
      if (props.metadata?.labels?.[k] === undefined) this.metadata.addLabel(k, v);
      if (props.podMetadata?.labels?.[k] === undefined) this.podMetadata.addLabel(k, v);
    }
    if (props.podMetadata?.annotations?.['kubectl.kubernetes.io/default-container'] === undefined) {
      this.podMetadata.addAnnotation('kubectl.kubernetes.io/default-container', EXPORTER);
    }

    if (plan.serviceAccountRef) {
      plan.serviceAccountRef.resolveTo(new kplus.ServiceAccount(this, 'ServiceAccount', {
        metadata: { name: this.name, labels },
        automountToken: plan.proxy,
      }));
    }

    this.mountHostPaths(props);

    if (props.excludeVirtualNodes ?? true) {
      this.scheduling.attract(kplus.Node.labeled(
        kplus.NodeLabelQuery.notIn('eks.amazonaws.com/compute-type', ['fargate']),
        kplus.NodeLabelQuery.notIn('type', ['virtual-kubelet']),
      ));
    }

    if (props.service ?? true) {
      const serviceName = props.serviceName ?? this.name;
      if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(serviceName) || serviceName.length > 63) {
        throw this.presetError('serviceName', `'${serviceName}' is not a valid Service name (DNS-1035 label: at most 63 lower-case alphanumerics or '-', starting with a letter)${props.serviceName === undefined ? '; it defaults to the DaemonSet name, so set serviceName' : ''}`);
      }
      this.metricsService = this.exposeViaService({
        name: serviceName,
        serviceType: props.serviceType ?? DaemonSetServiceType.HEADLESS,
        ports: [{ port: this.port, targetPortName: METRICS, name: METRICS }],
        labels,
      });
    }

    if (plan.proxy) this.addKubeRbacProxyRbac(labels);
    if (plan.monitor === NodeExporterMonitor.SERVICE_MONITOR) this.monitorObject = this.addServiceMonitor(props, plan);
    if (plan.monitor === NodeExporterMonitor.POD_MONITOR) this.monitorObject = this.addPodMonitor(props, plan);
    if (props.networkPolicy) this.networkPolicyObject = this.addNetworkPolicy(props.networkPolicy, labels);
    (props.prometheusRules ?? []).forEach((g, i) => this.addRuleGroup(g, `prometheusRules[${i}]`));
  }

  /** The PrometheusRule, once a rule group was given. */
  public get prometheusRule(): ApiObject | undefined {
    return this._prometheusRule;
  }

  /**
   * Add a group of alerting or recording rules to the PrometheusRule (created on first use).
   */
  public addPrometheusRuleGroup(group: PrometheusRuleGroup): void {
    checkRuleGroupTypes(`NodeExporterDaemonSet '${this.node.path}'`, 'addPrometheusRuleGroup', group);
    this.addRuleGroup(group, 'addPrometheusRuleGroup');
  }

  /** The labels every object of this preset carries. */
  private get commonLabels(): { [key: string]: string } {
    // A label value holds at most 63 characters, a DaemonSet name up to 253: the same value the selector uses.
    const instance = labelValueFromName(this.name);
    return {
      'app.kubernetes.io/name': EXPORTER,
      'app.kubernetes.io/instance': instance,
      'app.kubernetes.io/component': METRICS,
    };
  }

  private mountHostPaths(props: NodeExporterDaemonSetProps) {
    const propagation = props.hostMountPropagation ?? kplus.MountPropagation.HOST_TO_CONTAINER;
    const onExporter = { containers: [EXPORTER], readOnly: true };
    this.addHostPath('/proc', '/host/proc', { ...onExporter, volumeName: 'proc', propagation });
    this.addHostPath('/sys', '/host/sys', { ...onExporter, volumeName: 'sys', propagation });
    if (props.hostRootFs ?? true) this.addHostPath('/', '/host/root', { ...onExporter, volumeName: 'root', propagation });
    if (props.textfileDirectory !== undefined) {
      this.addHostPath(props.textfileDirectory, TEXTFILE_MOUNT, { ...onExporter, volumeName: 'textfile', type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE });
    }
    (props.extraHostMounts ?? []).forEach((m, i) => {
      if ([TEXTFILE_MOUNT, '/host/proc', '/host/sys', '/host/root'].includes(m.mountPath)) {
        throw this.presetError(`extraHostMounts[${i}].mountPath`, `'${m.mountPath}' is already used by the preset's own mounts`);
      }
      this.addHostPath(m.hostPath, m.mountPath, {
        containers: [EXPORTER],
        readOnly: m.readOnly ?? true,
        type: m.type,
        propagation: m.propagation,
        volumeName: m.volumeName,
      });
    });
    const tlsSecret = props.kubeRbacProxy?.tlsSecret;
    if (tlsSecret) {
      this.addVolume(kplus.Volume.fromSecret(this, 'KubeRbacProxyTls', tlsSecret, { name: 'kube-rbac-proxy-tls' }));
      this.mountVolume('kube-rbac-proxy-tls', PROXY_TLS_MOUNT, { readOnly: true, containers: [PROXY] });
    }
  }

  private get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  private addKubeRbacProxyRbac(labels: { [key: string]: string }) {
    const name = `${this.namespace ? `${this.namespace}-` : ''}${this.name}-kube-rbac-proxy`.substring(0, 253).replace(/[-.]+$/, '');
    // kube-rbac-proxy checks each caller's token (TokenReview) and permission (SubjectAccessReview).
    const role = new k8s.KubeClusterRole(this, 'KubeRbacProxyClusterRole', {
      metadata: { name, labels },
      rules: [
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
        { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      ],
    });
    const sa = this.serviceAccount!;
    const binding = new k8s.KubeClusterRoleBinding(this, 'KubeRbacProxyClusterRoleBinding', {
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace: this.namespace ?? 'default' }],
    });
    // Cluster-scoped objects have no namespace, whatever the chart's.
    for (const obj of [role, binding]) {
      if (obj.metadata.namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
  }

  private endpointFields(props: NodeExporterDaemonSetProps, plan: Plan): { [key: string]: any } {
    const fail = (field: string, message: string) => this.presetError(field, message);
    const relabelings = [
      ...props.instanceFromNodeName ?? true ? [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance', action: PrometheusRelabelAction.REPLACE }] : [],
      ...props.relabelings ?? [],
    ].map((r, i) => renderRelabeling(r, `relabelings[${i}]`, fail));
    const metricRelabelings = (props.metricRelabelings ?? []).map((r, i) => renderRelabeling(r, `metricRelabelings[${i}]`, fail));
    const proxy = props.kubeRbacProxy;
    return {
      port: METRICS,
      path: '/metrics',
      scheme: plan.proxy ? 'https' : 'http',
      interval: props.scrapeInterval ? promDuration(props.scrapeInterval, m => fail('scrapeInterval', m)) : undefined,
      scrapeTimeout: props.scrapeTimeout ? promDuration(props.scrapeTimeout, m => fail('scrapeTimeout', m)) : undefined,
      relabelings: relabelings.length ? relabelings : undefined,
      metricRelabelings: metricRelabelings.length ? metricRelabelings : undefined,
      // kube-rbac-proxy's certificate is self-signed unless tlsSecret is given; the token authenticates.
      tlsConfig: plan.proxy ? { insecureSkipVerify: true } : undefined,
      authorization: proxy?.scrapeTokenSecret ? { type: 'Bearer', credentials: { name: proxy.scrapeTokenSecret.name, key: proxy.scrapeTokenKey ?? 'token' } } : undefined,
    };
  }

  private monitorMetadata(props: NodeExporterDaemonSetProps): ApiObjectMetadata {
    return { name: this.name, labels: { ...this.commonLabels, ...props.prometheusLabels } };
  }

  private addServiceMonitor(props: NodeExporterDaemonSetProps, plan: Plan): ApiObject {
    const e = this.endpointFields(props, plan);
    return new monitoring.ServiceMonitor(this, 'ServiceMonitor', {
      metadata: this.monitorMetadata(props),
      spec: {
        jobLabel: 'app.kubernetes.io/name',
        selector: { matchLabels: this.commonLabels },
        endpoints: [{
          ...e,
          scheme: e.scheme as monitoring.ServiceMonitorSpecEndpointsScheme,
          bearerTokenFile: plan.proxy && !e.authorization ? SERVICE_ACCOUNT_TOKEN : undefined,
        }],
      },
    });
  }

  private addPodMonitor(props: NodeExporterDaemonSetProps, plan: Plan): ApiObject {
    const e = this.endpointFields(props, plan);
    return new monitoring.PodMonitor(this, 'PodMonitor', {
      metadata: this.monitorMetadata(props),
      spec: {
        jobLabel: 'app.kubernetes.io/name',
        selector: { matchLabels: this.matchLabels },
        podMetricsEndpoints: [{ ...e, scheme: e.scheme as monitoring.PodMonitorSpecPodMetricsEndpointsScheme }],
      },
    });
  }

  private addNetworkPolicy(options: NodeExporterNetworkPolicyOptions, labels: { [key: string]: string }): ApiObject {
    const prometheus = options.prometheusPodLabels ?? { 'app.kubernetes.io/name': 'prometheus' };
    return new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: { name: this.name, labels },
      spec: {
        podSelector: { matchLabels: this.matchLabels },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{
            podSelector: { matchLabels: prometheus },
            namespaceSelector: options.prometheusNamespace !== undefined
              ? { matchLabels: { 'kubernetes.io/metadata.name': options.prometheusNamespace } } : undefined,
          }],
          ports: [{ port: k8s.IntOrString.fromNumber(this.port), protocol: 'TCP' }],
        }],
      },
    });
  }

  private addRuleGroup(group: PrometheusRuleGroup, field: string) {
    const rendered = renderRuleGroup(group, field, (f, m) => this.presetError(f, m));
    if (this._ruleGroups.some(g => g.name === rendered.name)) {
      throw this.presetError(`${field}.name`, `rule group '${rendered.name}' already exists; group names must be unique in a PrometheusRule`);
    }
    this._ruleGroups.push({
      ...rendered,
      rules: rendered.rules.map((r: any) => ({ ...r, expr: monitoring.PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr) })),
    });
    if (!this._prometheusRule) {
      // The spec holds the live array, so groups added later still reach the YAML.
      this._prometheusRule = new monitoring.PrometheusRule(this, 'PrometheusRule', {
        metadata: this.monitorMetadata(this._presetProps),
        spec: { groups: this._ruleGroups },
      });
    }
  }

  private presetError(field: string, message: string): Error {
    const where = `NodeExporterDaemonSet '${this.node.path}'`;
    return new DaemonSetsError(`${where}: ${field}: ${message}.`, where, field);
  }
}

/** Checks the props and chooses the generic DaemonSet's props, before `super()`. */
function planNodeExporter(scope: Construct, id: string, props: NodeExporterDaemonSetProps): Plan {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  const where = `NodeExporterDaemonSet '${path}'`;
  const fail = (field: string, message: string) => new DaemonSetsError(`${where}: ${field}: ${message}.`, where, field);
  checkNodeExporterTypes(where, props, {
    collectorType: NodeExporterCollector,
    listenAddressType: ExporterListenAddress,
    tolerations: Object.values(NodeExporterTolerations),
    monitors: Object.values(NodeExporterMonitor),
    relabelActions: Object.values(PrometheusRelabelAction),
  });

  const port = props.port ?? NodeExporterDaemonSet.DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw fail('port', `${port} is out of range; a port is an integer from 1 to 65535`);
  const hostNetwork = props.hostNetwork ?? true;
  const proxyOptions = props.kubeRbacProxy;
  const proxy = proxyOptions !== undefined;
  const listen = props.listenAddress ?? ExporterListenAddress.podIp();
  if (listen.kind === 'fixed' && !hostNetwork) {
    throw fail('listenAddress', `ExporterListenAddress.of('${listen.ip}') needs hostNetwork: without it the pod's own IP is only known at run time; use ExporterListenAddress.podIp()`);
  }
  if (proxy && !hostNetwork) {
    throw fail('kubeRbacProxy', 'needs hostNetwork true: the exporter then listens on the node\'s 127.0.0.1, which the kubelet can probe; without hostNetwork, keep the metrics private with networkPolicy instead');
  }
  if (proxy && listen.kind === 'fixed') {
    throw fail('listenAddress', `ExporterListenAddress.of('${listen.ip}') cannot be used with kubeRbacProxy, whose TCP probes connect to the pod IP; use ExporterListenAddress.podIp() or allInterfaces()`);
  }

  const image = props.image ?? NodeExporterDaemonSet.DEFAULT_IMAGE;
  const ip = checkImageReference(image);
  if (ip) throw fail('image', `'${image}' ${ip}`);

  const user = props.user ?? 65534;
  const group = props.group ?? 65534;
  for (const [field, value] of [['user', user], ['group', group]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 2147483647) throw fail(field, `${value} is not a user or group ID; use an integer from 0 to 2147483647 (65534 is nobody)`);
  }

  // Collectors.
  const enabled = props.enabledCollectors ?? [];
  const disabled = props.disabledCollectors ?? [];
  for (const [field, list] of [['enabledCollectors', enabled], ['disabledCollectors', disabled]] as const) {
    const names = list.map(c => c.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw fail(field, `collector '${twice}' is listed twice`);
  }
  const both = enabled.find(c => disabled.some(d => d.name === c.name));
  if (both) throw fail('enabledCollectors', `collector '${both.name}' is also in disabledCollectors; list it in one of them`);
  if (props.textfileDirectory !== undefined) {
    const p = checkAbsolutePath(props.textfileDirectory);
    if (p) throw fail('textfileDirectory', `'${props.textfileDirectory}' ${p}`);
    if (disabled.some(d => d.name === 'textfile')) throw fail('textfileDirectory', 'is set but the textfile collector is in disabledCollectors; remove one of them');
  }

  // Exclusion regexes, passed to Go's RE2; `$(` is escaped so Kubernetes does not expand it.
  const regexArg = (field: string, flag: string, value: string | undefined, fallback: string) => {
    const regex = value ?? fallback;
    if (regex.length === 0) throw fail(field, 'is empty; give a regular expression (RE2), e.g. \'^$\' to exclude nothing');
    const p = checkRe2(regex);
    if (p) throw fail(field, `'${regex}' ${p}`);
    return `${flag}=${regex.split('$(').join('$$(')}`;
  };

  for (const arg of props.extraArgs ?? []) {
    if (!arg.startsWith('--')) throw fail('extraArgs', `'${arg}' is not a flag; node_exporter flags start with '--'`);
    const flag = arg.split('=')[0];
    const managed = MANAGED_FLAGS.find(([f]) => f === flag);
    if (managed) throw fail('extraArgs', `'${arg}' sets a flag this preset manages; use the ${managed[1]} prop`);
    if (/^--(no-)?collector\.[a-z0-9_]+$/.test(flag) && !arg.includes('=')) {
      throw fail('extraArgs', `'${arg}' toggles a collector; use enabledCollectors or disabledCollectors`);
    }
  }

  const rootFs = props.hostRootFs ?? true;
  const exporterListen = proxy ? `127.0.0.1:${port}` : listen._render(port);
  const args = [
    '--path.procfs=/host/proc',
    '--path.sysfs=/host/sys',
    ...rootFs ? ['--path.rootfs=/host/root', '--path.udev.data=/host/root/run/udev/data'] : [],
    `--web.listen-address=${exporterListen}`,
    regexArg('excludedMountPoints', '--collector.filesystem.mount-points-exclude', props.excludedMountPoints, NodeExporterDaemonSet.DEFAULT_EXCLUDED_MOUNT_POINTS),
    regexArg('excludedFsTypes', '--collector.filesystem.fs-types-exclude', props.excludedFsTypes, NodeExporterDaemonSet.DEFAULT_EXCLUDED_FS_TYPES),
    regexArg('excludedNetworkDevices', '--collector.netclass.ignored-devices', props.excludedNetworkDevices, NodeExporterDaemonSet.DEFAULT_EXCLUDED_NETWORK_DEVICES),
    regexArg('excludedNetworkDevices', '--collector.netdev.device-exclude', props.excludedNetworkDevices, NodeExporterDaemonSet.DEFAULT_EXCLUDED_NETWORK_DEVICES),
    ...props.textfileDirectory !== undefined ? [`--collector.textfile.directory=${TEXTFILE_MOUNT}`] : [],
    ...enabled.map(c => `--collector.${c.name}`),
    ...disabled.map(c => `--no-collector.${c.name}`),
    ...props.extraArgs ?? [],
  ];

  const podIpEnv = { POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP) };
  if (props.envVariables?.POD_IP !== undefined && listen.kind === 'podIp' && !proxy) {
    throw fail('envVariables', 'POD_IP is set by the preset (the listen address refers to it); choose another name');
  }
  const securityContext: kplus.ContainerSecurityContextProps = {
    user,
    group,
    ensureNonRoot: user !== 0,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
  };
  const probeTiming = { period: Duration.seconds(10), timeout: Duration.seconds(5), failureThreshold: 3 };
  const exporterProbe = () => (proxy
    ? HealthProbe.httpGet('/', { port, host: '127.0.0.1', ...probeTiming })
    : HealthProbe.httpGet('/', { portName: METRICS, host: listen.ip, ...probeTiming }));
  const exporter: DaemonSetContainerProps = {
    name: EXPORTER,
    image,
    args,
    envVariables: { ...props.envVariables, ...!proxy && listen.kind === 'podIp' ? podIpEnv : {} },
    ports: proxy ? [] : [{ number: port, name: METRICS, hostPort: hostNetwork ? port : undefined }],
    resources: props.resources ?? {
      cpu: { request: kplus.Cpu.millis(50) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
    },
    securityContext,
    capabilities: { drop: ['ALL'], add: props.sysTimeCapability ? ['SYS_TIME'] : [] },
    livenessProbe: props.livenessProbe ?? exporterProbe(),
    readinessProbe: props.readinessProbe ?? exporterProbe(),
  };

  const containers: DaemonSetContainerProps[] = [exporter];
  if (proxyOptions) {
    const proxyImage = proxyOptions.image ?? NodeExporterDaemonSet.DEFAULT_KUBE_RBAC_PROXY_IMAGE;
    const pp = checkImageReference(proxyImage);
    if (pp) throw fail('kubeRbacProxy.image', `'${proxyImage}' ${pp}`);
    for (const arg of proxyOptions.extraArgs ?? []) {
      if (!arg.startsWith('--')) throw fail('kubeRbacProxy.extraArgs', `'${arg}' is not a flag; kube-rbac-proxy flags start with '--'`);
      if (['--secure-listen-address', '--upstream'].includes(arg.split('=')[0])) {
        throw fail('kubeRbacProxy.extraArgs', `'${arg}' sets a flag this preset manages; use the port and listenAddress props`);
      }
    }
    const tls = proxyOptions.tlsSecret ? [`--tls-cert-file=${PROXY_TLS_MOUNT}/tls.crt`, `--tls-private-key-file=${PROXY_TLS_MOUNT}/tls.key`] : [];
    containers.push({
      name: PROXY,
      image: proxyImage,
      args: [
        `--secure-listen-address=${listen._render(port)}`,
        `--upstream=http://127.0.0.1:${port}/`,
        '--tls-min-version=VersionTLS12',
        `--tls-cipher-suites=${PROXY_CIPHER_SUITES.join(',')}`,
        ...tls,
        ...proxyOptions.extraArgs ?? [],
      ],
      envVariables: listen.kind === 'podIp' ? podIpEnv : {},
      ports: [{ number: port, name: METRICS, hostPort: port }],
      resources: proxyOptions.resources ?? {
        cpu: { request: kplus.Cpu.millis(10) },
        memory: { request: Size.mebibytes(20), limit: Size.mebibytes(64) },
      },
      securityContext,
      capabilities: { drop: ['ALL'] },
      livenessProbe: HealthProbe.tcpSocket({ portName: METRICS, ...probeTiming }),
      readinessProbe: HealthProbe.tcpSocket({ portName: METRICS, ...probeTiming }),
    });
    if (proxyOptions.scrapeTokenKey !== undefined && proxyOptions.scrapeTokenSecret === undefined) {
      throw fail('kubeRbacProxy.scrapeTokenKey', 'is set without scrapeTokenSecret; give the Secret too');
    }
  }
  for (const s of props.sidecars ?? []) {
    if (s.name === EXPORTER || s.name === PROXY) throw fail('sidecars', `container name '${s.name}' is taken by the preset; name the sidecar differently`);
    containers.push(s);
  }

  // Monitoring choices.
  if (props.serviceMonitor && props.monitor !== undefined && props.monitor !== NodeExporterMonitor.SERVICE_MONITOR) {
    throw fail('serviceMonitor', `is true but monitor is ${props.monitor}; set one of them`);
  }
  const monitor = props.monitor ?? (props.serviceMonitor ? NodeExporterMonitor.SERVICE_MONITOR : NodeExporterMonitor.NONE);
  if (monitor === NodeExporterMonitor.SERVICE_MONITOR && props.service === false) {
    throw fail('service', 'is false but a ServiceMonitor needs the Service to discover the pods; keep the Service or use monitor: NodeExporterMonitor.POD_MONITOR');
  }
  if (monitor === NodeExporterMonitor.POD_MONITOR && proxy && !proxyOptions!.scrapeTokenSecret) {
    throw fail('kubeRbacProxy.scrapeTokenSecret', 'is required with a PodMonitor, which cannot send Prometheus\' own service account token (only a ServiceMonitor can); give a Secret with a token allowed to get /metrics, or use the ServiceMonitor');
  }
  const scrapeFields: [string, unknown][] = [
    ['scrapeInterval', props.scrapeInterval], ['scrapeTimeout', props.scrapeTimeout], ['relabelings', props.relabelings],
    ['metricRelabelings', props.metricRelabelings], ['instanceFromNodeName', props.instanceFromNodeName],
  ];
  const orphan = scrapeFields.find(([, v]) => v !== undefined);
  if (orphan && monitor === NodeExporterMonitor.NONE) {
    throw fail(orphan[0], 'only applies to a ServiceMonitor or PodMonitor, and none is emitted; set monitor (or serviceMonitor: true), or drop it');
  }
  const interval = props.scrapeInterval !== undefined ? promDuration(props.scrapeInterval, m => fail('scrapeInterval', m)) : undefined;
  const timeout = props.scrapeTimeout !== undefined ? promDuration(props.scrapeTimeout, m => fail('scrapeTimeout', m)) : undefined;
  if (props.scrapeInterval && props.scrapeTimeout && props.scrapeTimeout.toSeconds() > props.scrapeInterval.toSeconds()) {
    throw fail('scrapeTimeout', `${timeout} exceeds scrapeInterval ${interval}; Prometheus requires the timeout to be at most the interval`);
  }
  checkLabels(props.prometheusLabels, 'prometheusLabels', fail);
  checkLabels(props.networkPolicy?.prometheusPodLabels, 'networkPolicy.prometheusPodLabels', fail);
  if (props.networkPolicy?.prometheusNamespace !== undefined) {
    const p = checkDns1123Label(props.networkPolicy.prometheusNamespace) ?? checkLabelValue(props.networkPolicy.prometheusNamespace);
    if (p) throw fail('networkPolicy.prometheusNamespace', `'${props.networkPolicy.prometheusNamespace}' ${p}`);
  }
  if (props.networkPolicy?.prometheusPodLabels !== undefined && Object.keys(props.networkPolicy.prometheusPodLabels).length === 0) {
    throw fail('networkPolicy.prometheusPodLabels', 'is empty, which would admit every pod; give the labels of the Prometheus pods');
  }

  const tolerations = props.tolerations ?? NodeExporterTolerations.ALL_TAINTS;
  const placement = tolerations === NodeExporterTolerations.ALL_TAINTS ? [NodePlacement.allNodes()]
    : tolerations === NodeExporterTolerations.CONTROL_PLANE ? [NodePlacement.controlPlaneToo()] : [];

  const serviceAccountRef = props.serviceAccount ? undefined : new ServiceAccountForwardRef(path);
  return {
    port,
    proxy,
    monitor,
    serviceAccountRef,
    daemonSetProps: {
      metadata: givenMetadata(props.metadata),
      podMetadata: presetPodMetadata(props.podMetadata, EXPORTER),
      selectorLabels: props.selectorLabels,
      description: props.description,
      changeCause: props.changeCause,
      containers,
      initContainers: props.initContainers,
      serviceAccount: props.serviceAccount ?? serviceAccountRef,
      automountServiceAccountToken: proxy,
      securityContext: { user, group, fsGroup: group, ensureNonRoot: user !== 0 },
      seccompProfile: props.seccompProfile ?? SeccompProfile.runtimeDefault(),
      hostNetwork,
      hostPid: props.hostPid ?? true,
      hostIpc: props.hostIpc ?? false,
      dns: props.dns,
      terminationGracePeriod: props.terminationGracePeriod,
      imagePullSecrets: props.imagePullSecrets,
      updateStrategy: props.updateStrategy ?? DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
      minReadySeconds: props.minReadySeconds,
      revisionHistoryLimit: props.revisionHistoryLimit,
      priorityClassName: props.priorityClassName ?? 'system-node-critical',
      nodeSelector: props.nodeSelector ?? { 'kubernetes.io/os': 'linux' },
      placement,
    },
  };
}

/**
 * Stands for the ServiceAccount the preset creates after `super()` returns: the pod spec reads
 * the account's name only at synthesis, by which time it points at the real one.
 */
class ServiceAccountForwardRef implements kplus.IServiceAccount {
  private target?: kplus.IServiceAccount;

  constructor(private readonly path: string) {}

  public resolveTo(target: kplus.IServiceAccount): void {
    this.target = target;
  }

  private get resolved(): kplus.IServiceAccount {
    if (!this.target) {
      const where = `NodeExporterDaemonSet '${this.path}'`;
      throw new DaemonSetsError(`${where}: the ServiceAccount was read before it was created.`, where, 'serviceAccount');
    }
    return this.target;
  }

  public get node(): Node { return this.resolved.node; }
  public get name(): string { return this.resolved.name; }
  public get apiVersion(): string { return this.resolved.apiVersion; }
  public get apiGroup(): string { return this.resolved.apiGroup; }
  public get kind(): string { return this.resolved.kind; }
  public get resourceType(): string { return this.resolved.resourceType; }
  public get resourceName(): string | undefined { return this.resolved.resourceName; }
  public toSubjectConfiguration(): kplus.SubjectConfiguration { return this.resolved.toSubjectConfiguration(); }
}
