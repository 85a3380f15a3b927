import { ApiObject, ApiObjectMetadata, Duration, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { configChecksums, namespaceOf } from './config-checksum';
import { checkContainerNames, checkContainerProps, checkMountOptions } from './container-checks';
import { checkDaemonSetProps, checkLabels, checkNamedReference, fieldError } from './daemon-set-checks';
import { orderEnvVariables } from './env-order';
import { DaemonSetsError, withContext } from './errors';
import { checkEnum, checkInstance, checkObject, checkOptionalString, checkString } from './input-checks';
import { renderStringMapsLinearly, withoutAddressLabel } from './linear-render';
import { NodePlacement } from './placement';
import { HealthProbe } from './probe';
import { checkScrapeOptions, PrometheusScrapeOptions } from './prometheus';
import { AgentResources, ExtendedResource, renderResources } from './resources';
import { CapabilityOptions, normalizeCapabilities, SeccompProfile } from './security';
import { defaultSelectorLabels } from './selector-labels';
import { checkServiceOptions, DaemonSetServiceOptions, DaemonSetServiceType } from './service';
import { Timezone } from './timezone';
import { DaemonSetUpdateStrategy } from './update-strategy';
import { AppValidation } from './validation/cdk8s/app-validation';
import { checkDaemonSet } from './validation/semantics';
import { checkAbsolutePath, checkDns1123Label, checkDns1123Subdomain, imageTag } from './k8s/syntax';
import { SynthSnapshot } from './validation/cdk8s/synth-snapshot';

/**
 * A container of a DaemonSet: everything cdk8s-plus-27 offers, plus what a node agent needs.
 *
 * Defaults differ from cdk8s-plus-27 for a per-node agent: small resource requests
 * (`AgentResources`), `imagePullPolicy` by Kubernetes' own rule, and all capabilities dropped.
 */
export interface DaemonSetContainerProps extends kplus.ContainerProps {
  /**
   * Extended resources (GPUs, RDMA adapters, ...), emitted as equal request and limit.
   * @default - none
   */
  readonly extendedResources?: ExtendedResource[];

  /**
   * Linux capabilities, named without the `CAP_` prefix. Replaces
   * `securityContext.capabilities`, whose cdk8s-plus-27 enum carries the prefix.
   * @default - drop ALL, add none (privileged containers: no change)
   */
  readonly capabilities?: CapabilityOptions;

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
   * @default SeccompProfile.runtimeDefault()
   */
  readonly seccompProfile?: SeccompProfile;

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

const POD_SPEC = '/spec/template/spec';

/**
 * A Kubernetes DaemonSet: one pod on every (selected) node, with the options of a cloud
 * console's "create DaemonSet" form and defaults for a node agent.
 *
 * Extends cdk8s-plus-27's `DaemonSet` with update strategy, revision history, priority class,
 * host PID/IPC, seccomp, node selectors and placement presets, several pull secrets, extended
 * resources, probes with headers and gRPC, capabilities without the `CAP_` prefix, timezone
 * sync, host path mounts, a Service helper, Prometheus annotations and config checksums; and
 * validates its own output before synthesis.
 */
export class DaemonSet extends kplus.DaemonSet {
  /**
   * The props checked (types, ranges, syntax) before any of them reaches cdk8s-plus, and
   * translated into cdk8s-plus-27's.
   */
  private static kplusProps(scope: Construct, id: string, props: DaemonSetProps): kplus.DaemonSetProps {
    const path = [scope?.node?.path, id].filter(x => x).join('/');
    checkDaemonSetProps(`DaemonSet '${path}'`, props);
    const hostNetwork = props.hostNetwork ?? false;
    return {
      // `{ name: undefined }` would override cdk8s's generated name with nothing.
      metadata: definedOnly(props.metadata),
      podMetadata: definedOnly(props.podMetadata),
      // containers are added below, once this class's fields exist
      volumes: props.volumes,
      serviceAccount: props.serviceAccount,
      automountServiceAccountToken: props.automountServiceAccountToken ?? (props.serviceAccount !== undefined),
      securityContext: props.securityContext,
      hostNetwork,
      // With the host network, ClusterFirst would silently fall back to the node's resolver.
      dns: hostNetwork && props.dns?.policy === undefined ? { ...props.dns, policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET } : props.dns,
      hostAliases: props.hostAliases,
      terminationGracePeriod: props.terminationGracePeriod,
      minReadySeconds: props.minReadySeconds,
      // The selector is ours: labels from the name, not cdk8s-plus's construct-path address
      // (isolation selects the pods too, so it waits until the selector exists).
      select: false,
      isolate: false,
    };
  }

  /** The update strategy. */
  public readonly updateStrategy: DaemonSetUpdateStrategy;

  /** Revisions kept for rollback, when set. */
  public readonly revisionHistoryLimit?: number;

  /** The pods' priority class, when set. */
  public readonly priorityClassName?: string;

  /** Whether the pods share the node's PID namespace. */
  public readonly hostPid: boolean;

  /** Whether the pods share the node's IPC namespace. */
  public readonly hostIpc: boolean;

  /** The pods' seccomp profile. */
  public readonly seccompProfile: SeccompProfile;

  /** The containers' timezone, when set. */
  public readonly timezone?: Timezone;

  private readonly _nodeSelector: { [key: string]: string } = {};
  private readonly _pullSecrets: { name: string }[] = [];
  private readonly _services: { service: kplus.Service; ports: { port: number; target: number | string }[] }[] = [];
  private readonly _containerExtras = new Map<kplus.Container, { extended: ExtendedResource[]; resources: kplus.ContainerResources }>();
  private readonly _configChecksums: boolean;
  private _nodeSelectorPatched = false;
  private _localtime?: kplus.Volume;
  private _warnings: string[] = [];
  private readonly _selectorLabels?: { [key: string]: string };

  constructor(scope: Construct, id: string, props: DaemonSetProps = {}) {
    super(scope, id, DaemonSet.kplusProps(scope, id, props));

    this._selectorLabels = this.selectOwnPods(props);
    if (props.isolate) this.connections.isolate();

    this.updateStrategy = props.updateStrategy ?? DaemonSetUpdateStrategy.rollingUpdate();
    this.revisionHistoryLimit = props.revisionHistoryLimit;
    this.priorityClassName = props.priorityClassName;
    this.hostPid = props.hostPid ?? false;
    this.hostIpc = props.hostIpc ?? false;
    this.seccompProfile = props.seccompProfile ?? SeccompProfile.runtimeDefault();
    this.timezone = props.timezone;
    this._configChecksums = props.configChecksums ?? true;

    this.checkProps(props);

    // Spreading a DaemonSet's pods with required anti-affinity leaves one pod per topology domain.
    this.scheduling.spread = () => {
      throw new DaemonSetsError(`DaemonSet '${this.node.path}': scheduling.spread() does not apply to a DaemonSet, which already runs one pod per node; its required anti-affinity would leave a single pod per zone. Use nodeSelector, placement or scheduling.attract() to choose nodes.`, this.at, 'scheduling.spread');
    };

    renderStringMapsLinearly(this.apiObject as k8s.KubeDaemonSet, () => {
      // Containers may be added until synthesis; cdk8s-plus would fail here with no construct named.
      if (this.containers.length === 0) {
        throw this.error('containers', 'the DaemonSet has no containers; pass containers or call addContainer() before synthesis');
      }
    }, this._selectorLabels ? withoutAddressLabel : undefined);

    // Fields cdk8s-plus-27 cannot render go in as typed JSON patches (pre-serializer names).
    const patch = (path: string, value: any) => this.apiObject.addJsonPatch(JsonPatch.add(path, value));
    patch('/spec/updateStrategy', this.updateStrategy._toKube());
    if (this.revisionHistoryLimit !== undefined) patch('/spec/revisionHistoryLimit', this.revisionHistoryLimit);
    if (this.priorityClassName !== undefined) patch(`${POD_SPEC}/priorityClassName`, this.priorityClassName);
    if (props.hostPid !== undefined) patch(`${POD_SPEC}/hostPid`, this.hostPid);
    if (props.hostIpc !== undefined) patch(`${POD_SPEC}/hostIpc`, this.hostIpc);
    patch(`${POD_SPEC}/securityContext/seccompProfile`, this.seccompProfile._toKube());

    if (props.description !== undefined) this.metadata.addAnnotation('kubernetes.io/description', props.description);
    if (props.changeCause !== undefined) this.metadata.addAnnotation('kubernetes.io/change-cause', props.changeCause);

    for (const [key, value] of Object.entries(props.nodeSelector ?? {})) this.addNodeSelector(key, value);
    for (const placement of props.placement ?? []) this.place(placement);
    for (const secret of props.imagePullSecrets ?? []) this.addImagePullSecret(secret);
    for (const c of props.initContainers ?? []) this.addInitContainer(c);
    for (const c of props.containers ?? []) this.addContainer(c);

    this.node.addValidation({ validate: () => this.validateRendered() });
    // Cross-object, schema, pod security and best-practice checks of the whole app.
    AppValidation.enable(this, { skipRules: ['semantics'] });
  }

  /**
   * The node selector (a copy). Use `addNodeSelector()` to add entries.
   */
  public get nodeSelector(): { [key: string]: string } {
    return { ...this._nodeSelector };
  }

  /**
   * Names of the image pull secrets.
   */
  public get imagePullSecretNames(): string[] {
    return this._pullSecrets.map(s => s.name);
  }

  /**
   * What the last synthesis found worth a look but not wrong enough to fail it
   * (e.g. an image without a pinned tag). Each is also printed with `console.warn`.
   */
  public get warnings(): string[] {
    return [...this._warnings];
  }

  /**
   * Require nodes to carry the label `key=value`.
   */
  public addNodeSelector(key: string, value: string): void {
    checkString(this.at, 'nodeSelector key', key);
    checkLabels(this.at, 'nodeSelector', { [key]: checkString(this.at, `nodeSelector['${key}']`, value) }, 'key');
    const existing = this._nodeSelector[key];
    if (existing !== undefined && existing !== value) {
      throw this.error('nodeSelector', `'${key}' is already required to be '${existing}'; a node cannot also carry '${value}'`);
    }
    if (!this._nodeSelectorPatched) {
      // The patch holds the live map, so entries added later still reach the YAML.
      this.apiObject.addJsonPatch(JsonPatch.add(`${POD_SPEC}/nodeSelector`, this._nodeSelector));
      this._nodeSelectorPatched = true;
    }
    this._nodeSelector[key] = value;
  }

  /**
   * Apply a placement preset: its tolerations and node selector entries.
   */
  public place(placement: NodePlacement): void {
    checkInstance(this.at, 'placement', placement, NodePlacement, 'a NodePlacement (NodePlacement.allNodes(), .linuxOnly(), ...)');
    if (placement.tolerations.length > 0) this.scheduling.tolerate(kplus.Node.tainted(...placement.tolerations));
    for (const [k, v] of Object.entries(placement.nodeSelector)) this.addNodeSelector(k, v);
  }

  /**
   * Add a secret used to pull the images.
   */
  public addImagePullSecret(secret: kplus.ISecret): void {
    const name = checkNamedReference(this.at, 'imagePullSecrets', secret, 'kplus.Secret') as string;
    if (this._pullSecrets.some(s => s.name === name)) {
      throw this.error('imagePullSecrets', `secret '${name}' is listed twice`);
    }
    if (this._pullSecrets.length === 0) {
      this.apiObject.addJsonPatch(JsonPatch.add(`${POD_SPEC}/imagePullSecrets`, this._pullSecrets));
    }
    this._pullSecrets.push({ name });
  }

  /**
   * Add a container, with a node agent's defaults (see `DaemonSetContainerProps`).
   * In TypeScript, pass a `DaemonSetContainerProps` to use the extra options.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.addAgentContainer(cont as DaemonSetContainerProps, false);
  }

  /**
   * Add an init container, with a node agent's defaults (see `DaemonSetContainerProps`).
   */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.addAgentContainer(cont as DaemonSetContainerProps, true);
  }

  /**
   * Mount a host path into the containers, read-only unless asked otherwise.
   *
   * @param hostPath absolute path on the node, e.g. `/var/log`
   * @param mountPath absolute path in the containers, e.g. `/host/var/log`
   * @returns the hostPath volume
   */
  public addHostPath(hostPath: string, mountPath: string, options: HostPathMountOptions = {}): kplus.Volume {
    checkString(this.at, 'addHostPath hostPath', hostPath);
    checkString(this.at, 'addHostPath mountPath', mountPath);
    const o = checkObject(this.at, 'addHostPath options', options, 'a HostPathMountOptions object');
    checkMountOptions(this.at, 'addHostPath options', o);
    if (o.type !== undefined) checkEnum(this.at, 'addHostPath options.type', o.type, Object.values(kplus.HostPathVolumeType));
    checkContainerNames(this.at, 'addHostPath options.containers', o.containers);
    checkOptionalString(this.at, 'addHostPath options.volumeName', o.volumeName);
    const hp = checkAbsolutePath(hostPath);
    if (hp) throw this.error('addHostPath', `hostPath '${hostPath}' ${hp}`);
    const mp = checkAbsolutePath(mountPath);
    if (mp) throw this.error('addHostPath', `mountPath '${mountPath}' ${mp}`);
    const targets = this.selectContainers('addHostPath', options.containers);
    this.checkMountPathFree('addHostPath', mountPath, targets);
    const name = options.volumeName ?? this.uniqueVolumeName(`host${hostPath.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase()}`.replace(/-+$/, '') || 'host-root');
    const np = checkDns1123Label(name);
    if (np) throw this.error('addHostPath', `volumeName '${name}' ${np}`);
    if (this.volumeNamed(name)) throw this.error('addHostPath', `a volume named '${name}' already exists; choose another volumeName`);
    return withContext(this.at, 'addHostPath', () => {
      const volume = kplus.Volume.fromHostPath(this, `HostPath-${name}`, name, { path: hostPath, type: options.type });
      for (const c of targets) {
        c.mount(mountPath, volume, {
          readOnly: options.readOnly ?? true,
          propagation: options.propagation,
          subPath: options.subPath,
        });
      }
      this.addVolume(volume);
      return volume;
    });
  }

  /**
   * Mount a volume of this pod, by name, into the containers: the console's "mount an existing
   * volume" step. The volume must have been added (`volumes`, `addVolume()`, `addHostPath()`,
   * or a container's mount).
   */
  public mountVolume(volumeName: string, mountPath: string, options: VolumeMountByNameOptions = {}): void {
    checkString(this.at, 'mountVolume volumeName', volumeName);
    checkString(this.at, 'mountVolume mountPath', mountPath);
    const o = checkObject(this.at, 'mountVolume options', options, 'a VolumeMountByNameOptions object');
    checkMountOptions(this.at, 'mountVolume options', o);
    checkContainerNames(this.at, 'mountVolume options.containers', o.containers);
    const volume = this.volumeNamed(volumeName);
    if (!volume) {
      const known = this.allVolumes().map(v => `'${v.name}'`);
      throw this.error('mountVolume', `volume '${volumeName}' is not a volume of this pod; defined volumes: ${known.length ? known.join(', ') : 'none'} (add it with volumes or addVolume() first)`);
    }
    const mp = checkAbsolutePath(mountPath);
    if (mp) throw this.error('mountVolume', `mountPath '${mountPath}' ${mp}`);
    const targets = this.selectContainers('mountVolume', options.containers);
    this.checkMountPathFree('mountVolume', mountPath, targets);
    for (const c of targets) {
      c.mount(mountPath, volume, {
        readOnly: options.readOnly ?? false,
        subPath: options.subPath,
        subPathExpr: options.subPathExpr,
        propagation: options.propagation,
      });
    }
  }

  /**
   * Expose the pods through a Service. Ports default to every container port.
   * Use `DaemonSetServiceType.HEADLESS` for scrapers that must reach each node's pod.
   */
  public exposeViaService(options: DaemonSetServiceOptions = {}): kplus.Service {
    checkServiceOptions(`${this.at}: exposeViaService`, options);
    const containerPorts = this.containers.flatMap(c => c.ports);
    const requested = options.ports ?? containerPorts.map(p => ({ port: p.number, name: p.name, protocol: p.protocol }));
    if (requested.length === 0) {
      throw this.error('exposeViaService', 'no ports to expose: the containers declare no ports; declare container ports or pass ports');
    }
    const ports: kplus.ServicePort[] = [];
    const targets: { port: number; target: number | string }[] = [];
    for (const p of requested) {
      const tp = p as { targetPort?: number; targetPortName?: string; nodePort?: number };
      if (tp.targetPort !== undefined && tp.targetPortName !== undefined) {
        throw this.error('exposeViaService', `port ${p.port} gives both targetPort ${tp.targetPort} and targetPortName '${tp.targetPortName}'; use one`);
      }
      const target = tp.targetPortName ?? tp.targetPort ?? p.port;
      const named = typeof target === 'string' ? containerPorts.find(c => c.name === target) : undefined;
      const name = p.name ?? named?.name ?? containerPorts.find(c => c.number === target)?.name;
      ports.push({ port: p.port, targetPort: typeof target === 'number' ? target : named?.number, name, protocol: p.protocol, nodePort: tp.nodePort });
      targets.push({ port: p.port, target });
    }
    if (ports.length > 1 && ports.some(p => !p.name)) {
      throw this.error('exposeViaService', `the Service has ${ports.length} ports, so Kubernetes requires each to be named; name the container ports or give each port a name`);
    }
    const type = options.serviceType ?? DaemonSetServiceType.CLUSTER_IP;
    const service = withContext(this.at, 'exposeViaService', () => new kplus.Service(this, options.name ? `Service-${options.name}` : 'Service', {
      metadata: {
        // A Service selects pods of its own namespace only.
        ...this.metadata.namespace !== undefined ? { namespace: this.metadata.namespace } : {},
        ...options.name !== undefined ? { name: options.name } : {},
        ...options.labels !== undefined ? { labels: options.labels } : {},
        ...options.annotations !== undefined ? { annotations: options.annotations } : {},
      },
      selector: this,
      ports,
      type: type === DaemonSetServiceType.HEADLESS ? kplus.ServiceType.CLUSTER_IP : type as unknown as kplus.ServiceType,
      clusterIP: type === DaemonSetServiceType.HEADLESS ? 'None' : undefined,
    }));
    const serviceObject = ApiObject.of(service);
    targets.forEach((t, i) => {
      if (typeof t.target === 'string') {
        serviceObject.addJsonPatch(JsonPatch.add(`/spec/ports/${i}/targetPort`, { value: t.target }));
      }
    });
    if (options.internalTrafficPolicy) {
      serviceObject.addJsonPatch(JsonPatch.add('/spec/internalTrafficPolicy', options.internalTrafficPolicy));
    }
    this._services.push({ service, ports: targets });
    return service;
  }

  /**
   * Annotate the pods for Prometheus' `kubernetes-pods` scrape job
   * (`prometheus.io/scrape`, `port`, `path`, `scheme`).
   */
  public enablePrometheusScrape(options: PrometheusScrapeOptions): void {
    const { port, path, scheme } = checkScrapeOptions(this.at, options);
    this.podMetadata.addAnnotation('prometheus.io/scrape', 'true');
    this.podMetadata.addAnnotation('prometheus.io/port', String(port));
    this.podMetadata.addAnnotation('prometheus.io/path', path);
    this.podMetadata.addAnnotation('prometheus.io/scheme', scheme);
  }

  private addAgentContainer(props: DaemonSetContainerProps, init: boolean): kplus.Container {
    const kind = init ? 'init container' : 'container';
    const name = checkContainerProps(this.at, props, kind, {
      existingNames: [...this.containers, ...this.initContainers].map(c => c.name),
      surges: this.updateStrategy.surges,
      hostNetwork: this.hostNetwork === true,
    });
    const where = `${this.at}: ${kind} '${name}'`;

    const sc = props.securityContext ?? {};
    const privileged = sc.privileged ?? false;
    const image = props.image;
    const resources = AgentResources.withDefaults(props.resources);
    // cdk8s-plus gives a container with portNumber a startup probe, which init containers must not have.
    const initPort = init ? props.portNumber ?? props.port : undefined;
    const kplusProps: kplus.ContainerProps = {
      ...props,
      ...initPort !== undefined ? { port: undefined, portNumber: undefined, ports: [{ number: initPort }, ...props.ports ?? []] } : {},
      name,
      // cdk8s-plus renders sizes only in whole Mi/Gi; all resources are rendered below instead.
      resources: { cpu: resources.cpu },
      envVariables: orderEnvVariables(props.envVariables ?? {}),
      imagePullPolicy: props.imagePullPolicy ?? defaultPullPolicy(image),
      securityContext: { ...sc, allowPrivilegeEscalation: sc.allowPrivilegeEscalation ?? privileged, capabilities: undefined },
    };
    const container = withContext(this.at, `${kind} '${name}'`, () => init ? super.addInitContainer(kplusProps) : super.addContainer(kplusProps));
    const index = (init ? this.initContainers : this.containers).length - 1;
    const base = `${POD_SPEC}/${init ? 'initContainers' : 'containers'}/${index}`;
    const patch = (path: string, value: any) => this.apiObject.addJsonPatch(JsonPatch.add(`${base}/${path}`, value));

    const extended = props.extendedResources ?? [];
    this._containerExtras.set(container, { extended, resources });
    const rendered = renderResources(resources, extended);
    if (rendered) patch('resources', rendered);

    const legacy = sc.capabilities;
    const add = normalizeCapabilities([...props.capabilities?.add ?? [], ...legacy?.add ?? []], where, 'capabilities.add');
    const drop = normalizeCapabilities(props.capabilities?.drop ?? legacy?.drop ?? (privileged ? [] : ['ALL']), where, 'capabilities.drop');
    if (add.length > 0 || drop.length > 0) {
      patch('securityContext/capabilities', { add: add.length ? add : undefined, drop: drop.length ? drop : undefined });
    }

    const ports = [...props.ports ?? [], ...(props.portNumber ?? props.port) !== undefined ? [{ number: (props.portNumber ?? props.port)! }] : []];
    for (const [field, probe] of [['livenessProbe', props.livenessProbe], ['readinessProbe', props.readinessProbe], ['startupProbe', props.startupProbe]] as const) {
      if (probe) patch(field, probe._toKube(ports[0]?.number, where));
    }

    if (this.timezone?.followsNode) {
      container.mount('/etc/localtime', this.localtimeVolume(), { readOnly: true });
    } else if (this.timezone?.zone && container.env.variables.TZ === undefined) {
      container.env.addVariable('TZ', kplus.EnvValue.fromValue(this.timezone.zone));
    }
    return container;
  }

  private localtimeVolume(): kplus.Volume {
    if (!this._localtime) {
      this._localtime = kplus.Volume.fromHostPath(this, 'Localtime', 'localtime', { path: '/etc/localtime', type: kplus.HostPathVolumeType.FILE });
    }
    return this._localtime;
  }

  private checkProps(props: DaemonSetProps) {
    if (this.updateStrategy.surges && props.hostNetwork) {
      throw this.error('updateStrategy', 'maxSurge starts a second pod on each node during the update, which cannot bind the same host network ports; use maxUnavailable instead');
    }
  }

  /**
   * How other objects select this DaemonSet's pods (Services, network policies, pod affinity): with its
   * selector labels, which depend only on its name, never with cdk8s-plus's construct-path address label.
   */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    if (!this._selectorLabels) return super.toPodSelectorConfig();
    return {
      labelSelector: kplus.LabelSelector.of({ labels: this._selectorLabels }),
      namespaces: this.metadata.namespace ? { names: [this.metadata.namespace] } : undefined,
    };
  }

  /** The selector labels (pinned or derived from the name), added to the pod template and selected on. */
  private selectOwnPods(props: DaemonSetProps): { [key: string]: string } | undefined {
    if (props.select === false) return undefined;
    const podLabels = props.podMetadata?.labels ?? {};
    const labels = props.selectorLabels ?? defaultSelectorLabels(this.name, podLabels);
    for (const [key, value] of Object.entries(labels)) {
      if (podLabels[key] !== undefined && podLabels[key] !== value) {
        throw this.error('selectorLabels', `selector label '${key}: ${value}' contradicts podMetadata label '${key}: ${podLabels[key]}'; the pods must carry the labels the DaemonSet selects them with`);
      }
      this.podMetadata.addLabel(key, value);
    }
    this.select(kplus.LabelSelector.of({ labels }));
    return labels;
  }

  private selectContainers(field: string, names?: string[]): kplus.Container[] {
    const all = [...this.containers, ...this.initContainers];
    if (names === undefined) {
      if (this.containers.length === 0) throw this.error(field, 'the DaemonSet has no containers yet; add containers first or name them in options.containers');
      return this.containers;
    }
    return names.map(n => {
      const c = all.find(x => x.name === n);
      if (!c) throw this.error(field, `container '${n}' does not exist; containers: ${all.map(x => `'${x.name}'`).join(', ') || 'none'}`);
      return c;
    });
  }

  private checkMountPathFree(field: string, mountPath: string, targets: kplus.Container[]) {
    const taken = targets.find(c => c.mounts.some(m => m.path === mountPath));
    if (taken) throw this.error(field, `container '${taken.name}' already mounts a volume at '${mountPath}'; mount paths must be unique per container`);
  }

  private allVolumes(): kplus.Volume[] {
    const volumes = new Map<string, kplus.Volume>();
    for (const v of this.volumes) volumes.set(v.name, v);
    for (const c of [...this.containers, ...this.initContainers]) {
      for (const m of c.mounts) volumes.set(m.volume.name, m.volume);
    }
    return [...volumes.values()];
  }

  private volumeNamed(name: string): kplus.Volume | undefined {
    return this.allVolumes().find(v => v.name === name);
  }

  private uniqueVolumeName(base: string): string {
    const trimmed = base.substring(0, 63).replace(/-+$/, '');
    // One pass over the volumes, not one per candidate.
    const taken = new Set(this.allVolumes().map(v => v.name));
    if (!taken.has(trimmed)) return trimmed;
    for (let i = 2; ; i++) {
      const candidate = `${trimmed.substring(0, 60)}-${i}`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  private error(field: string, message: string): DaemonSetsError {
    return fieldError(this.at, field, message);
  }

  /** The prefix of this DaemonSet's messages: `DaemonSet '<path>'`. */
  private get at(): string {
    return `DaemonSet '${this.node.path}'`;
  }

  private validateRendered(): string[] {
    const snapshot = SynthSnapshot.of(this);
    const rendered = snapshot.json(this.apiObject);
    const podSpec = rendered.spec?.template?.spec ?? {};
    if (this._configChecksums) {
      const checksums = configChecksums(this, namespaceOf(this.apiObject), podSpec);
      for (const [key, value] of Object.entries(checksums)) this.podMetadata.addAnnotation(key, value);
    }
    const problems = checkDaemonSet(rendered).map(p => `${p.message} (at ${p.path})`);
    const account = podSpec.serviceAccountName;
    const accountProblem = typeof account === 'string' ? checkDns1123Subdomain(account) : undefined;
    if (accountProblem) problems.push(`serviceAccount: '${account}' ${accountProblem}`);

    // Service ports must reach a container port.
    const containerPorts = this.containers.flatMap(c => c.ports);
    for (const { service, ports } of this._services) {
      for (const { port, target } of ports) {
        const found = typeof target === 'string' ? containerPorts.some(c => c.name === target) : containerPorts.some(c => c.number === target);
        if (!found) {
          const known = containerPorts.map(c => c.name ? `${c.number} (${c.name})` : `${c.number}`).join(', ') || 'none';
          problems.push(`Service '${service.name}' port ${port} targets ${typeof target === 'string' ? `port name '${target}'` : `port ${target}`}, which no container declares; container ports: ${known}`);
        }
      }
    }

    // Names must be unique per namespace.
    const namespace = namespaceOf(this.apiObject);
    const twins = snapshot.find('DaemonSet', namespace, this.apiObject.name).filter(c => c !== this.apiObject);
    if (twins.length > 0) {
      const paths = twins.map(t => `'${(t.node.scope ?? t).node.path}'`).join(', ');
      problems.push(`name '${this.apiObject.name}' is also used by ${paths} in namespace '${namespace}'; DaemonSet names must be unique per namespace`);
    }
    this._warnings = imageWarnings(podSpec).map(w => `DaemonSet '${this.node.path}': ${w}`);
    for (const w of this._warnings) console.warn(`[cdk8s-daemonsets] warning: ${w}`);
    return problems.map(p => `DaemonSet '${this.node.path}': ${p}`);
  }
}

/** Images every node may resolve differently: no tag, or `latest`. */
function imageWarnings(podSpec: { [key: string]: any }): string[] {
  const warnings: string[] = [];
  for (const c of [...podSpec.initContainers ?? [], ...podSpec.containers ?? []]) {
    if (typeof c.image !== 'string') continue;
    const { tag, digest } = imageTag(c.image);
    if (!digest && (tag === undefined || tag === 'latest')) {
      warnings.push(`container '${c.name}' image '${c.image}' is ${tag ? 'tagged latest' : 'not tagged'}: each node may run a different build and rollbacks cannot restore the old one; pin a version tag or a digest`);
    }
  }
  return warnings;
}

/** The object without its undefined-valued keys (undefined stays undefined). */
function definedOnly<T extends object>(o: T | undefined): T | undefined {
  return o === undefined ? undefined : Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Kubernetes' defaulting rule: Always for `:latest` or no tag, IfNotPresent otherwise. */
function defaultPullPolicy(image: string): kplus.ImagePullPolicy {
  const { tag, digest } = imageTag(image);
  if (digest) return kplus.ImagePullPolicy.IF_NOT_PRESENT;
  return tag === undefined || tag === 'latest' ? kplus.ImagePullPolicy.ALWAYS : kplus.ImagePullPolicy.IF_NOT_PRESENT;
}
