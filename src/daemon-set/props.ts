import { ApiObjectMetadata, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NodePlacement } from '../placement';
import { HealthProbe } from '../probe';
import { ContainerResourceQuantities, ExtendedResource } from '../resources';
import { AppArmorProfile, CapabilityOptions, ProcMount, SeccompProfile, SeLinuxOptions, SupplementalGroupsPolicy } from '../security';
import { Timezone } from '../timezone';
import { DaemonSetUpdateStrategy } from '../update-strategy';
import { Hardening } from './hardening';

/**
 * How a container's termination message is read when it stops (`terminationMessagePolicy`).
 */
export enum TerminationMessagePolicy {
  /** Only the file at `terminationMessagePath` (`/dev/termination-log`); Kubernetes' default. */
  FILE = 'File',
  /** The file, or the last lines of the container's log when the file is empty and the container failed. */
  FALLBACK_TO_LOGS_ON_ERROR = 'FallbackToLogsOnError',
}

/**
 * What the scheduler does with a pod that a topology spread constraint cannot satisfy.
 */
export enum WhenUnsatisfiable {
  /** Do not schedule the pod (a hard constraint). */
  DO_NOT_SCHEDULE = 'DoNotSchedule',
  /** Schedule it anyway, preferring nodes that reduce the skew (a soft constraint). */
  SCHEDULE_ANYWAY = 'ScheduleAnyway',
}

/**
 * How the pods spread across a topology (`spec.topologySpreadConstraints[]`). A DaemonSet runs one pod per
 * eligible node whatever the constraint says about skew, so this matters mostly to reproduce a manifest, or
 * for a DaemonSet whose pods other workloads' constraints count.
 */
export interface TopologySpreadConstraint {
  /** The most the number of matching pods may differ between two topology domains; at least 1. */
  readonly maxSkew: number;

  /** The node label whose values are the topology domains, e.g. `topology.kubernetes.io/zone`. */
  readonly topologyKey: string;

  /** What happens to a pod that would break the constraint. */
  readonly whenUnsatisfiable: WhenUnsatisfiable;

  /**
   * The labels of the pods counted (`labelSelector.matchLabels`).
   * @default - no selector: Kubernetes counts no pods, so the constraint never binds
   */
  readonly matchLabels?: { [key: string]: string };
}

/**
 * A container of a DaemonSet: everything cdk8s-plus-27 offers, plus what a node agent needs.
 *
 * Defaults differ from cdk8s-plus-27 for a per-node agent: small resource requests
 * (`AgentResources`), `imagePullPolicy` by Kubernetes' own rule, and the DaemonSet's `hardening` level's
 * security context (by default restricted: non-root, read-only root filesystem, all capabilities dropped).
 */
export interface DaemonSetContainerProps extends kplus.ContainerProps {
  /**
   * Extended resources (GPUs, RDMA adapters, ...), emitted as equal request and limit.
   * @default - none
   */
  readonly extendedResources?: ExtendedResource[];

  /**
   * cpu, memory and ephemeral storage as Kubernetes quantities written verbatim (`ResourceQuantity.of('2Gi')`),
   * for amounts `resources` cannot express. A resource given here replaces its agent default; giving it in
   * `resources` as well is an error; `{}` for a resource means no request and no limit for it.
   * @default - none: `resources` and the agent defaults (`AgentResources`)
   */
  readonly resourceQuantities?: ContainerResourceQuantities;

  /**
   * How the container's termination message is read.
   * @default - not written; Kubernetes' default `File`
   */
  readonly terminationMessagePolicy?: TerminationMessagePolicy;

  /**
   * Linux capabilities, named without the `CAP_` prefix. Replaces
   * `securityContext.capabilities`, whose cdk8s-plus-27 enum carries the prefix.
   * @default - add none; drop ALL with `Hardening.RESTRICTED` (privileged containers: no change), none with
   * `Hardening.BASELINE` or `Hardening.NONE`
   */
  readonly capabilities?: CapabilityOptions;

  /**
   * The container's seccomp profile (`securityContext.seccompProfile`), overriding the pod's `seccompProfile`.
   * @default - not written; the pod's (`DaemonSetProps.seccompProfile`)
   */
  readonly seccompProfile?: SeccompProfile;

  /**
   * The container's AppArmor profile (`securityContext.appArmorProfile`, Kubernetes 1.30+), overriding the pod's.
   * @default - not written; the pod's `appArmorProfile`, else the runtime's default
   */
  readonly appArmorProfile?: AppArmorProfile;

  /**
   * The container's SELinux labels (`securityContext.seLinuxOptions`), overriding the pod's.
   * @default - not written; the pod's `seLinuxOptions`, else the runtime's
   */
  readonly seLinuxOptions?: SeLinuxOptions;

  /**
   * Which parts of `/proc` are masked. `ProcMount.UNMASKED` needs the DaemonSet's `hostUsers: false`.
   * @default - not written; Kubernetes' default `Default`
   */
  readonly procMount?: ProcMount;

  /**
   * Liveness probe with HTTP headers, named ports or gRPC. Use this or `liveness`.
   * @default - no liveness probe
   */
  readonly livenessProbe?: HealthProbe;

  /**
   * Readiness probe with HTTP headers, named ports or gRPC. Use this or `readiness`.
   * @default - no readiness probe
   */
  readonly readinessProbe?: HealthProbe;

  /**
   * Startup probe with HTTP headers, named ports or gRPC. Use this or `startup`.
   * @default - no startup probe
   */
  readonly startupProbe?: HealthProbe;
}

/**
 * Properties of a `DaemonSet`.
 */
export interface DaemonSetProps {
  /**
   * Metadata of the DaemonSet object: name, namespace, labels, annotations.
   * @default - name generated from the construct path; the chart's namespace
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * Metadata of the pod template.
   * @default - only the selector label
   */
  readonly podMetadata?: ApiObjectMetadata;

  /**
   * A human description, emitted as the `kubernetes.io/description` annotation.
   * @default - none
   */
  readonly description?: string;

  /**
   * Why this revision was made, emitted as the `kubernetes.io/change-cause` annotation
   * that `kubectl rollout history` shows.
   * @default - none
   */
  readonly changeCause?: string;

  /**
   * The containers. More can be added with `addContainer()`.
   * @default - none (add at least one before synthesis)
   */
  readonly containers?: DaemonSetContainerProps[];

  /**
   * Init containers, run in order before the containers start.
   * @default - none
   */
  readonly initContainers?: DaemonSetContainerProps[];

  /**
   * Pod volumes, in addition to those containers mount.
   * @default - none
   */
  readonly volumes?: kplus.Volume[];

  /**
   * The service account the pods run as.
   * @default - the namespace's default service account, with no token mounted
   */
  readonly serviceAccount?: kplus.IServiceAccount;

  /**
   * Whether the service account token is mounted into the pods.
   * @default - true when `serviceAccount` is given, false otherwise (an agent without its own account needs no API access)
   */
  readonly automountServiceAccountToken?: boolean;

  /**
   * Pod security context (user, group, fsGroup, runAsNonRoot, sysctls).
   * @default - cdk8s-plus-27's defaults
   */
  readonly securityContext?: kplus.PodSecurityContextProps;

  /**
   * The pod's seccomp profile.
   * @default SeccompProfile.runtimeDefault() - none with `hardening: Hardening.NONE`
   */
  readonly seccompProfile?: SeccompProfile;

  /**
   * The pods' AppArmor profile (`securityContext.appArmorProfile`, Kubernetes 1.30+; the API servers of older
   * versions reject the field), for every container that sets none.
   * @default - not written; the runtime's default profile
   */
  readonly appArmorProfile?: AppArmorProfile;

  /**
   * The pods' SELinux labels (`securityContext.seLinuxOptions`), for every container that sets none.
   * @default - not written; the runtime assigns them
   */
  readonly seLinuxOptions?: SeLinuxOptions;

  /**
   * Group ids added to every container's processes (`securityContext.supplementalGroups`), each from 0 to 2147483647.
   * @default - not written; none beyond the image's and `fsGroup`
   */
  readonly supplementalGroups?: number[];

  /**
   * Whether the groups of the image's `/etc/group` are merged into the supplementary groups
   * (`securityContext.supplementalGroupsPolicy`, Kubernetes 1.31+; see `SupplementalGroupsPolicy` for the feature gate).
   * @default - not written; Kubernetes' default `Merge`
   */
  readonly supplementalGroupsPolicy?: SupplementalGroupsPolicy;

  /**
   * How much of the containers' and the pod's security context the DaemonSet writes for you (see `Hardening` for
   * each level's fields). What you set in `securityContext`, a container's `securityContext` and `capabilities`, and
   * `seccompProfile` always wins over the level's defaults.
   * @default Hardening.RESTRICTED - runAsNonRoot, a read-only root filesystem, no privilege escalation, all
   * capabilities dropped, seccomp RuntimeDefault
   */
  readonly hardening?: Hardening;

  /**
   * Run the pods in the node's network namespace. The DNS policy then defaults to
   * `ClusterFirstWithHostNet` so cluster names still resolve.
   * @default false
   */
  readonly hostNetwork?: boolean;

  /**
   * Share the node's PID namespace (process-level monitoring agents).
   * @default false
   */
  readonly hostPid?: boolean;

  /**
   * Share the node's IPC namespace.
   * @default false
   */
  readonly hostIpc?: boolean;

  /**
   * Run the pods in the node's user namespace (`true`), or in a user namespace of their own (`false`: root in
   * the container is an unprivileged user on the node). `false` needs a kernel and runtime that support user
   * namespaces, and rules out hostNetwork, hostPid and hostIpc.
   * @default - not written; Kubernetes' default (the node's user namespace)
   */
  readonly hostUsers?: boolean;

  /**
   * The RuntimeClass the pods run with (e.g. `nvidia`, `gvisor`, `kata`).
   * @default - not written; the cluster's default runtime
   */
  readonly runtimeClassName?: string;

  /**
   * How the pods spread across topology domains.
   * @default - none
   */
  readonly topologySpreadConstraints?: TopologySpreadConstraint[];

  /**
   * DNS policy and configuration.
   * @default - ClusterFirst, or ClusterFirstWithHostNet with `hostNetwork`
   */
  readonly dns?: kplus.PodDnsProps;

  /**
   * Extra /etc/hosts entries.
   * @default - none
   */
  readonly hostAliases?: kplus.HostAlias[];

  /**
   * How long a pod gets to stop after SIGTERM before it is killed.
   * @default - Kubernetes' default (30 seconds)
   */
  readonly terminationGracePeriod?: Duration;

  /**
   * Secrets of type `kubernetes.io/dockerconfigjson` used to pull the images.
   * @default - none
   */
  readonly imagePullSecrets?: kplus.ISecret[];

  /**
   * How pods are replaced when the template changes.
   * @default DaemonSetUpdateStrategy.rollingUpdate() - maxUnavailable 1, emitted explicitly
   */
  readonly updateStrategy?: DaemonSetUpdateStrategy;

  /**
   * Seconds a new pod must be ready before it counts as available.
   * @default 0
   */
  readonly minReadySeconds?: number;

  /**
   * How many old revisions are kept for rollback.
   * @default - Kubernetes' default (10)
   */
  readonly revisionHistoryLimit?: number;

  /**
   * The pods' priority class, e.g. `system-node-critical` for agents nodes cannot work without.
   * @default - the cluster's default priority
   */
  readonly priorityClassName?: string;

  /**
   * Node labels a node must carry for the pods to run on it.
   * @default - none
   */
  readonly nodeSelector?: { [key: string]: string };

  /**
   * Placement presets (tolerations and node selectors), applied in order.
   * @default - none: only untainted nodes, any OS
   */
  readonly placement?: NodePlacement[];

  /**
   * The containers' timezone.
   * @default - the image's own (usually UTC)
   */
  readonly timezone?: Timezone;

  /**
   * Annotate the pod template with a checksum of every ConfigMap and Secret of the same app
   * that the pods consume, so that changing their data rolls the DaemonSet.
   * @default true
   */
  readonly configChecksums?: boolean;

  /**
   * Label the pods with the selector labels and select on them. With `false`, call `select()` yourself
   * and label the pods to match.
   * @default true
   */
  readonly select?: boolean;

  /**
   * The labels the DaemonSet selects its pods with (`spec.selector.matchLabels`, also added to the pod
   * template). A DaemonSet's selector is immutable once applied, so it must never change: pin it here to
   * adopt an existing DaemonSet (the selector of the object running in the cluster).
   * @default - `app.kubernetes.io/name` (the `podMetadata` label with that key, else the DaemonSet's name)
   * and `app.kubernetes.io/instance` (likewise, else the DaemonSet's name): derived from the name only,
   * never from the construct path, so renaming a construct id, moving it to another chart or wrapping it
   * changes neither the selector nor the pod template.
   */
  readonly selectorLabels?: { [key: string]: string };

  /**
   * Deny all network traffic to and from the pods unless other policies allow it.
   * @default false
   */
  readonly isolate?: boolean;
}

/**
 * Options for `DaemonSet.addHostPath()`.
 */
export interface HostPathMountOptions {
  /**
   * Mount the host directory read-only.
   * @default true - node agents should not write to the host unless asked
   */
  readonly readOnly?: boolean;

  /**
   * What must exist at the host path.
   * @default kplus.HostPathVolumeType.DEFAULT - no check
   */
  readonly type?: kplus.HostPathVolumeType;

  /**
   * Mount propagation. `HostToContainer` lets the container see mounts the host makes later
   * (needed for `/` or `/var/lib/kubelet`); `Bidirectional` needs a privileged container.
   * @default - None
   */
  readonly propagation?: kplus.MountPropagation;

  /**
   * Names of the containers (or init containers) to mount into.
   * @default - every container (not init containers) defined so far
   */
  readonly containers?: string[];

  /**
   * The volume's name.
   * @default - derived from the host path, e.g. `host-var-log`
   */
  readonly volumeName?: string;

  /**
   * Mount only this sub-path of the host path.
   * @default - the whole host path
   */
  readonly subPath?: string;
}

/**
 * Options for `DaemonSet.mountVolume()`.
 */
export interface VolumeMountByNameOptions {
  /**
   * Mount read-only.
   * @default false
   */
  readonly readOnly?: boolean;

  /**
   * Mount only this sub-path of the volume.
   * @default - the whole volume
   */
  readonly subPath?: string;

  /**
   * Like `subPath`, expanded with the container's environment (`$(POD_NAME)`).
   * @default - none
   */
  readonly subPathExpr?: string;

  /**
   * Mount propagation.
   * @default - None
   */
  readonly propagation?: kplus.MountPropagation;

  /**
   * Names of the containers (or init containers) to mount into.
   * @default - every container (not init containers) defined so far
   */
  readonly containers?: string[];
}
