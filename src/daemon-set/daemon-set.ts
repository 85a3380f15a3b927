import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { applyConfigChecksums } from '../config-checksum';
import { DaemonSetsError, withContext } from '../errors';
import { checkEnum, checkInstance, checkObject, checkOptionalString, checkString } from '../input-checks';
import { checkAbsolutePath, checkDns1123Label } from '../k8s/syntax';
import { NodePlacement } from '../placement';
import { checkScrapeOptions, PrometheusScrapeOptions } from '../prometheus';
import { SeccompProfile, seLinuxOptionsToKube } from '../security';
import { defaultSelectorLabels } from '../selector-labels';
import { DaemonSetServiceOptions } from '../service';
import { Timezone } from '../timezone';
import { DaemonSetUpdateStrategy } from '../update-strategy';
import { checkDaemonSetProps, checkLabels, checkNamedReference, fieldError } from './checks';
import { checkContainerNames, checkMountOptions } from './container-checks';
import { planContainer } from './containers';
import { exposeDaemonSet, ExposedService } from './expose-service';
import { checkHardening, Hardening, hardeningFinding, patchSecurityRemovals, podSecurityRemovals, rootWithoutNonRootDefault, runsAsRoot } from './hardening';
import { renderStringMapsLinearly, withoutAddressLabel } from './linear-render';
import { DaemonSetContainerProps, DaemonSetProps, HostPathMountOptions, TopologySpreadConstraint, VolumeMountByNameOptions } from './props';
import { addSecurityContextFields, patchContainer, patchDaemonSetFields, patchImagePullSecrets, patchNodeSelector, POD_SPEC } from './render';
import { checkAtSynthesis } from './synth-checks';
import { allVolumes, checkMountPathFree, selectContainers, uniqueVolumeName, volumeNamed } from './volumes';
import { adoptOnePassSynthesis } from '../one-pass-synthesis';
import { AppValidation } from '../validation/cdk8s/app-validation';
import { addLibraryValidation } from '../validation/cdk8s/library-validation';
import { SynthSnapshot } from '../validation/cdk8s/synth-snapshot';

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
    checkHardening(`DaemonSet '${path}'`, props.hardening);
    const hostNetwork = props.hostNetwork ?? false;
    return {
      // `{ name: undefined }` would override cdk8s's generated name with nothing.
      metadata: definedOnly(props.metadata),
      podMetadata: definedOnly(props.podMetadata),
      // containers are added below, once this class's fields exist
      volumes: props.volumes,
      serviceAccount: props.serviceAccount,
      automountServiceAccountToken: props.automountServiceAccountToken ?? (props.serviceAccount !== undefined),
      securityContext: rootWithoutNonRootDefault(props.securityContext),
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

  /**
   * The pods' seccomp profile: the one given, else RuntimeDefault (which `Hardening.NONE` does not render: with
   * that level and no `seccompProfile` prop, the pods get none).
   */
  public readonly seccompProfile: SeccompProfile;

  /** How much of the security contexts the DaemonSet writes (see `Hardening`). */
  public readonly hardening: Hardening;

  /** The containers' timezone, when set. */
  public readonly timezone?: Timezone;

  // No prototype: a label key such as `toString` or `constructor` must never read as an existing entry.
  private readonly _nodeSelector: { [key: string]: string } = Object.create(null);
  private readonly _pullSecrets: { name: string }[] = [];
  private readonly _services: ExposedService[] = [];
  private readonly _configChecksums: boolean;
  private _nodeSelectorPatched = false;
  private _localtime?: kplus.Volume;
  private _warnings: string[] = [];
  private readonly _selectorLabels?: { [key: string]: string };
  private readonly _infos: string[] = [];
  private readonly _podSecurity: { readonly props?: kplus.PodSecurityContextProps; readonly seccompGiven: boolean };
  private readonly _hostUsers?: boolean;
  private _at?: string;

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
    this.hardening = props.hardening ?? Hardening.RESTRICTED; // checked in kplusProps()
    this._podSecurity = { props: props.securityContext, seccompGiven: props.seccompProfile !== undefined };
    this.timezone = props.timezone;
    this._hostUsers = props.hostUsers;
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
    }, withoutAddressLabel);
    // A synthesis session writes the rendering its validation pass made (one render per synthesis).
    SynthSnapshot.reuseInSession(this.apiObject);

    patchDaemonSetFields(this.apiObject, {
      updateStrategy: this.updateStrategy._toKube(),
      revisionHistoryLimit: this.revisionHistoryLimit,
      priorityClassName: this.priorityClassName,
      hostPid: props.hostPid !== undefined ? this.hostPid : undefined,
      hostIpc: props.hostIpc !== undefined ? this.hostIpc : undefined,
      hostUsers: props.hostUsers,
      runtimeClassName: props.runtimeClassName,
      topologySpreadConstraints: props.topologySpreadConstraints?.map(spreadConstraintToKube),
      seccompProfile: this.seccompProfile._toKube(),
    });
    patchSecurityRemovals(this.apiObject, POD_SPEC, podSecurityRemovals(this.hardening, props.securityContext, this._podSecurity.seccompGiven));
    addSecurityContextFields(this.apiObject, POD_SPEC_KEYS, {
      appArmorProfile: props.appArmorProfile?._toKube(),
      seLinuxOptions: props.seLinuxOptions && seLinuxOptionsToKube(props.seLinuxOptions),
      supplementalGroups: props.supplementalGroups?.length ? [...props.supplementalGroups] : undefined,
      supplementalGroupsPolicy: props.supplementalGroupsPolicy,
    });

    if (props.description !== undefined) this.metadata.addAnnotation('kubernetes.io/description', props.description);
    if (props.changeCause !== undefined) this.metadata.addAnnotation('kubernetes.io/change-cause', props.changeCause);

    for (const [key, value] of Object.entries(props.nodeSelector ?? {})) this.addNodeSelector(key, value);
    for (const placement of props.placement ?? []) this.place(placement);
    for (const secret of props.imagePullSecrets ?? []) this.addImagePullSecret(secret);
    for (const c of props.initContainers ?? []) this.addInitContainer(c);
    for (const c of props.containers ?? []) this.addContainer(c);

    addLibraryValidation(this, () => this.validateRendered());
    // The config checksums go onto the pod template before a validation pass renders anything, so each pass
    // validates exactly what is synthesized.
    if (this._configChecksums) SynthSnapshot.prepare(this, `config-checksums:${this.node.path}`, s => applyConfigChecksums(this, this.apiObject, s));
    // Cross-object, schema, pod security and best-practice checks of the whole app.
    AppValidation.enable(this, { skipRules: ['semantics'] });
    // A plain App writes its objects from the validation pass's rendering, with the YAML emitter.
    adoptOnePassSynthesis(this);
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
   * Info findings (`best-practice/hardening-unverified-image`): containers that got the restricted hardening
   * defaults though their image is not known to run with them, one line each, naming the container, image and
   * defaults. Known when the container is added; never printed and never failing synthesis.
   */
  public get infos(): string[] {
    return [...this._infos];
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
      patchNodeSelector(this.apiObject, this._nodeSelector);
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
      patchImagePullSecrets(this.apiObject, this._pullSecrets);
    }
    this._pullSecrets.push({ name });
  }

  /**
   * Add a container, with a node agent's defaults and options (see `DaemonSetContainerProps`): extended
   * resources, capabilities without the `CAP_` prefix, probes with headers, named ports or gRPC.
   * Every jsii language can pass these options here; `addContainer()` takes cdk8s-plus-27's props.
   */
  public addAgentContainer(props: DaemonSetContainerProps): kplus.Container {
    return this.addDaemonSetContainer(props, false);
  }

  /**
   * Add an init container, with a node agent's defaults and options (see `DaemonSetContainerProps`).
   */
  public addAgentInitContainer(props: DaemonSetContainerProps): kplus.Container {
    return this.addDaemonSetContainer(props, true);
  }

  /**
   * Add a container, with a node agent's defaults (see `DaemonSetContainerProps`). Overrides cdk8s-plus-27's
   * method, so its signature stays `kplus.ContainerProps`: TypeScript callers may still pass a
   * `DaemonSetContainerProps`; in other languages use `addAgentContainer()` for the extra options.
   */
  public addContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.addDaemonSetContainer(cont as DaemonSetContainerProps, false);
  }

  /**
   * Add an init container, with a node agent's defaults (see `DaemonSetContainerProps`). In other languages
   * than TypeScript, use `addAgentInitContainer()` for the extra options.
   */
  public addInitContainer(cont: kplus.ContainerProps): kplus.Container {
    return this.addDaemonSetContainer(cont as DaemonSetContainerProps, true);
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
    const targets = selectContainers(this, this.at, 'addHostPath', options.containers);
    checkMountPathFree(this.at, 'addHostPath', mountPath, targets);
    const name = options.volumeName ?? uniqueVolumeName(this, `host${hostPath.replace(/[^a-zA-Z0-9]+/g, '-').toLowerCase()}`.replace(/-+$/, '') || 'host-root');
    const np = checkDns1123Label(name);
    if (np) throw this.error('addHostPath', `volumeName '${name}' ${np}`);
    if (volumeNamed(this, name)) throw this.error('addHostPath', `a volume named '${name}' already exists; choose another volumeName`);
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
    const volume = volumeNamed(this, volumeName);
    if (!volume) {
      const known = allVolumes(this).map(v => `'${v.name}'`);
      throw this.error('mountVolume', `volume '${volumeName}' is not a volume of this pod; defined volumes: ${known.length ? known.join(', ') : 'none'} (add it with volumes or addVolume() first)`);
    }
    const mp = checkAbsolutePath(mountPath);
    if (mp) throw this.error('mountVolume', `mountPath '${mountPath}' ${mp}`);
    const targets = selectContainers(this, this.at, 'mountVolume', options.containers);
    checkMountPathFree(this.at, 'mountVolume', mountPath, targets);
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
    const exposed = exposeDaemonSet(this, this.at, options);
    this._services.push(exposed);
    return exposed.service;
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

  private addDaemonSetContainer(props: DaemonSetContainerProps, init: boolean): kplus.Container {
    const plan = planContainer(this.at, props, init, {
      existingNames: [...this.containers, ...this.initContainers].map(c => c.name),
      surges: this.updateStrategy.surges,
      hostNetwork: this.hostNetwork === true,
      hostUsers: this._hostUsers,
      podRunsAsRoot: runsAsRoot(this._podSecurity.props),
    }, this.hardening);
    const kind = init ? 'init container' : 'container';
    const container = withContext(this.at, `${kind} '${plan.name}'`, () => init ? super.addInitContainer(plan.kplusProps) : super.addContainer(plan.kplusProps));
    const index = (init ? this.initContainers : this.containers).length - 1;
    patchContainer(this.apiObject, init, index, plan.patches);
    const field = init ? 'initContainers' : 'containers';
    patchSecurityRemovals(this.apiObject, `${POD_SPEC}/${field}/${index}`, plan.securityRemovals);
    addSecurityContextFields(this.apiObject, [...POD_SPEC_KEYS, field, index], plan.securityFields);
    const info = hardeningFinding({
      at: this.at,
      kind,
      name: plan.name,
      image: props.image,
      path: `spec.template.spec.${field}[${index}].securityContext`,
      securityContext: props.securityContext ?? {},
      podSecurityContext: this._podSecurity.props,
      seccompGiven: this._podSecurity.seccompGiven,
      applied: plan.hardeningApplied,
    });
    if (info) this._infos.push(info);

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
   * With `select: false`, the labels given to `select()` (a DaemonSet that selects nothing yet cannot be
   * selected either: that is an error naming the construct).
   */
  public toPodSelectorConfig(): kplus.PodSelectorConfig {
    const labels = this._selectorLabels ?? this.matchLabels;
    if (Object.keys(labels).length === 0) {
      throw this.error('select', 'is false and select() was given no labels yet, so nothing can select these pods; call select(LabelSelector.of({ labels })) first, or drop select: false');
    }
    return {
      labelSelector: kplus.LabelSelector.of({ labels }),
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

  private error(field: string, message: string): DaemonSetsError {
    return fieldError(this.at, field, message);
  }

  /** The prefix of this DaemonSet's messages: `DaemonSet '<path>'` (a construct's path never changes: built once). */
  private get at(): string {
    return this._at ??= `DaemonSet '${this.node.path}'`;
  }

  private validateRendered(): string[] {
    const found = checkAtSynthesis(this, this.apiObject, this._services, this._configChecksums);
    // A pass that found what the one before found (cdk8s validates once more per chart) prints nothing new.
    if (found.warnings !== this._warnings) {
      for (const w of found.toPrint) console.warn(`[cdk8s-daemonsets] warning: ${w}`);
    }
    this._warnings = found.warnings;
    return found.problems;
  }
}

/** The keys of `POD_SPEC`. */
const POD_SPEC_KEYS = POD_SPEC.split('/').filter(k => k);

/** A topology spread constraint as the pod spec takes it. */
function spreadConstraintToKube(c: TopologySpreadConstraint): k8s.TopologySpreadConstraint {
  // Patched values skip cdk8s's key sorting: sorted here, so the YAML does not depend on the props' key order.
  const matchLabels = c.matchLabels && Object.fromEntries(Object.entries(c.matchLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { maxSkew: c.maxSkew, topologyKey: c.topologyKey, whenUnsatisfiable: c.whenUnsatisfiable, labelSelector: matchLabels && { matchLabels } };
}

/** The object without its undefined-valued keys (undefined stays undefined). */
function definedOnly<T extends object>(o: T | undefined): T | undefined {
  return o === undefined ? undefined : Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
