import { ApiObjectMetadata, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NodeExporterNodeAffinity } from './affinity';
import { NodeExporterCollector } from './collectors';
import { NodeExporterConfigMapMount, NodeExporterSecretMount } from './config-mounts';
import { KubeRbacProxyOptions } from './kube-rbac-proxy-options';
import { ExporterListenAddress } from './listen-address';
import { PrometheusRelabelConfig, PrometheusRuleGroup } from './monitoring';
import { NodeExporterWebConfig } from './web-config';
import { DaemonSetContainerProps } from '../../daemon-set';
import { HealthProbe } from '../../probe';
import { SeccompProfile } from '../../security';
import { DaemonSetServiceType } from '../../service';
import { DaemonSetUpdateStrategy } from '../../update-strategy';

export type { KubeRbacProxyOptions } from './kube-rbac-proxy-options';


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
 * How Prometheus (prometheus-operator) discovers the exporters. The same values as `MetricsMonitor`, which
 * `LogCollectorDaemonSetProps.monitor` takes.
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
 * Properties of a `NodeExporterDaemonSet`. Every default below is what the preset emits;
 * each can be overridden.
 *
 * Unlike `LogCollectorDaemonSetProps`, these do not extend `DaemonSetProps`: the exporter's pod is
 * curated (its containers are `sidecars` next to the exporter, tolerations a `NodeExporterTolerations`
 * choice instead of `placement`, the pod's user and group instead of a `securityContext`), and the
 * generic fields it does take are listed here one by one. Extending `DaemonSetProps` would put fields
 * with a second meaning beside these (`containers` vs `sidecars`, `placement` vs `tolerations`), so the
 * generic DaemonSet's other options are reached through the construct's methods (`addHostPath()`,
 * `addNodeSelector()`, `scheduling`, `addAgentContainer()`, ...).
 *
 * ServiceAccount: the preset creates one as a child of the DaemonSet (`<id>/ServiceAccount`, named like
 * the DaemonSet); the log collector's is a sibling (`<id>-service-account`). Both name the account after the
 * DaemonSet when `metadata.name` is given; the construct paths differ and stay as they are, since moving
 * either would rename the generated account of every existing deployment that has no `metadata.name`.
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
   * Add the preset's own annotations: on the DaemonSet, the suppression of the validator's
   * `best-practice/sensitive-host-mount` warnings with the reason (the node's /proc, /sys and / are what the
   * exporter reads), and on the pods `kubectl.kubernetes.io/default-container: node-exporter`. With false the
   * preset adds neither, so the validator reports its host mounts like any other DaemonSet's (one warning per
   * mount) and an adopted manifest keeps exactly its own annotations. Annotations given in `metadata` and
   * `podMetadata` are emitted either way.
   * @default true
   */
  readonly presetAnnotations?: boolean;

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
   * ConfigMaps mounted read-only into the exporter container.
   * @default - none
   */
  readonly configMapMounts?: NodeExporterConfigMapMount[];

  /**
   * Secrets mounted read-only into the exporter container.
   * @default - none
   */
  readonly secretMounts?: NodeExporterSecretMount[];

  /**
   * node_exporter's web configuration (`--web.config.file`) from a Secret: TLS and basic authentication of the
   * metrics endpoint. With TLS the probes use HTTPS and the ServiceMonitor or PodMonitor scrapes with
   * `scheme: https`. Cannot be combined with `kubeRbacProxy`, which terminates TLS itself.
   * @default - plain HTTP without authentication
   */
  readonly webConfig?: NodeExporterWebConfig;

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
   * @default - HTTP GET / on the metrics port (with kube-rbac-proxy: on 127.0.0.1; HTTPS with a TLS `webConfig`; a TCP connection when the `webConfig` requires authentication), every 10s, timeout 5s, 3 failures
   */
  readonly livenessProbe?: HealthProbe;

  /**
   * The exporter's readiness probe.
   * @default - HTTP GET / on the metrics port (with kube-rbac-proxy: on 127.0.0.1; HTTPS with a TLS `webConfig`; a TCP connection when the `webConfig` requires authentication), every 10s, timeout 5s, 3 failures
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
   * Run the pods in a user namespace of their own (`hostUsers: false`), so root in the container is an
   * unprivileged user on the node. The API server rejects such a pod when it shares the node's PID or IPC
   * namespace, and its network namespace unless the alpha feature gate `UserNamespacesHostNetworkSupport` (1.35)
   * is on (`validateHostUsers`, pkg/apis/core/validation), so false needs `hostNetwork: false` and
   * `hostPid: false`: the network and process metrics are then the pod's, not the node's. User namespaces are on
   * by default from Kubernetes 1.33 (`UserNamespacesSupport`) and need a runtime and kernel that support them.
   * @default - not set: the node's user namespace
   */
  readonly hostUsers?: boolean;

  /**
   * Mount the node's `/proc` at `/host/proc` (read-only) and pass `--path.procfs`. Without it node_exporter
   * reads the container's own `/proc`: the same kernel-wide counters, and with `hostPid` the node's processes,
   * as in node_exporter's README container example (`--pid=host`, no /proc mount). Without `hostPid` as well, the
   * collectors that read other processes would see the pod: `filesystem` (the mount table of PID 1) is turned
   * off, and `processes` in `enabledCollectors` is an error.
   * @default true
   */
  readonly hostProc?: boolean;

  /**
   * Mount the node's `/sys` at `/host/sys` (read-only) and pass `--path.sysfs`. Without it node_exporter reads
   * the container's own `/sys`, where the container runtime masks `/sys/devices/virtual/powercap` (so `rapl` is
   * turned off) and, without `hostNetwork`, `/sys/class/net` lists only the pod's interfaces (so `netclass` is
   * turned off). Those collectors in `enabledCollectors` are an error.
   * @default true
   */
  readonly hostSys?: boolean;

  /**
   * Mount the node's root filesystem (`/` at `/host/root`, read-only) and pass `--path.rootfs`
   * and `--path.udev.data`, so the filesystem collector sees the node's mounts. Turn off where
   * `/` is not a shared mount (Docker Desktop, some kind clusters): node_exporter then reaches the node's files only
   * through `/proc` and `/sys` (README: "use path.rootfs as prefix to access host filesystem"), so the `filesystem`
   * (statfs of each mount point) and `os` (`/etc/os-release`) collectors are turned off, and are an error in
   * `enabledCollectors`.
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
   * Node affinity of the pods, beside `nodeSelector`: required terms (ORed) and preferred ones, in cdk8s-plus'
   * node terms. With `excludeVirtualNodes`, the virtual-node exclusion is added to every required term.
   * @default - only the virtual-node exclusion of `excludeVirtualNodes`
   */
  readonly nodeAffinity?: NodeExporterNodeAffinity;

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
