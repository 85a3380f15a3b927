import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { applyConfigChecksums, namespaceOf } from '../../config-checksum';
import { DaemonSet, DaemonSetProps } from '../../daemon-set';
import { DaemonSetsError, describeValue as describe } from '../../errors';
import { checkOptionalBoolean } from '../../input-checks';
import { NodePlacement } from '../../placement';
import { DaemonSetServiceType } from '../../service';
import { DaemonSetUpdateStrategy } from '../../update-strategy';
import { addLibraryValidation } from '../../validation/cdk8s/library-validation';
import { SynthSnapshot } from '../../validation/cdk8s/synth-snapshot';
import { addMonitor, givenMetadata, MetricsMonitor, presetLabels, presetPodMetadata, suppressByDesign } from '../common';
import { checkClassicLayout, FluentBitClassicLayout, FluentBitSection, referencedEnvVars } from '../fluent-bit-config';
import { checkCollectorProps, METRICS_SERVICE_SUFFIX } from './checks';
import { configFileOf, CONTAINER, METRICS_PATH, PARSERS_FILE, serviceSection, withServiceProperties } from './config';
import { fluentBitContainer, reloaderContainer } from './containers';
import { FilterContext } from './filters/common';
import { KUBELET_HOST_ENV, kubernetesFilter } from './filters/kubernetes';
import { LogFilter } from './filters/log-filter';
import { InputContext, InputHostPath, InputPort } from './inputs/common';
import { LogInput } from './inputs/log-input';
import { BoundLogOutput } from './outputs/common';
import { LogOutput } from './outputs/log-output';
import { LogParser } from './parsers/log-parser';
import { CollectorPipeline } from './pipeline';
import { ContainerRuntime, FluentBitConfigFormat, FluentBitLogLevel, LogCollectorDaemonSetProps } from './props';

/** What fluent-bit needs by design, said where the best-practice rules would warn. */
const BY_DESIGN: { [rule: string]: string } = {
  'best-practice.writable-host-mount': 'the tail position DB and filesystem buffer live in the state directory so restarts neither lose nor duplicate logs',
  'best-practice.run-as-non-root': 'container log files on the node are readable by root only',
};

/**
 * fluent-bit as a node log collector: tails every container's log files (or the typed `inputs`:
 * `LogInput.tail()`, `.systemd()`, `.forward()`, `.syslog()`, `.tcp()`, `.http()`, `.openTelemetry()`),
 * adds Kubernetes metadata, applies typed `filters` (`LogFilter.grep()`, `.lua()`, `.modify()` ...) and
 * ships the records to typed outputs (`LogOutput.elasticsearch()`, `.loki()`, `.forward()`, `.http()`,
 * `.stdout()`, `.raw()`), in the classic or the YAML configuration format.
 *
 * Emits the DaemonSet, a ServiceAccount, a ClusterRole and ClusterRoleBinding (read pods and
 * namespaces), a ConfigMap with the rendered fluent-bit configuration, a Service for the
 * metrics port and the network inputs' ports and, on request, a ServiceMonitor or PodMonitor.
 *
 * The defaults are safer than the fluent `fluent-bit` chart's: `/var/log` is mounted
 * read-only and the only writable host path is the state directory with the tail position
 * database and the filesystem buffer; all capabilities are dropped, no privilege escalation,
 * read-only root filesystem, RuntimeDefault seccomp. fluent-bit still runs as uid 0 because
 * the container runtime writes log files readable by root only (mode 0640, owner root);
 * with every capability dropped (no `CAP_DAC_OVERRIDE`), uid 0 reads them only as their
 * owner, and the read-only mounts keep it from changing them.
 */
export class LogCollectorDaemonSet extends DaemonSet {
  /** The default fluent-bit image: the version the fluent `fluent-bit` chart 0.58.2 ships. */
  public static readonly DEFAULT_IMAGE = 'cr.fluentbit.io/fluent/fluent-bit:5.1.2';

  /** The default hot-reload sidecar image, as in the fluent `fluent-bit` chart. */
  public static readonly DEFAULT_RELOADER_IMAGE = 'ghcr.io/jimmidyson/configmap-reload:v0.15.0';

  /** The default state directory on the node. */
  public static readonly DEFAULT_STATE_DIRECTORY = '/var/lib/fluent-bit';

  /** Where the ConfigMap is mounted in the fluent-bit container. */
  public static readonly CONFIG_DIRECTORY = '/fluent-bit/etc/conf';

  /**
   * The props of the generic DaemonSet: the preset's defaults under the caller's props.
   * The ServiceAccount is the DaemonSet's sibling (`<id>-service-account`), created before `super()` so the pod
   * spec can name it; it keeps that place so the generated names of existing collectors never change.
   */
  private static daemonSetProps(props: LogCollectorDaemonSetProps, serviceAccount: kplus.IServiceAccount, hotReload: boolean): DaemonSetProps {
    return {
      ...props,
      metadata: givenMetadata(props.metadata),
      podMetadata: presetPodMetadata(props.podMetadata, 'fluent-bit'),
      containers: undefined,
      serviceAccount,
      automountServiceAccountToken: props.automountServiceAccountToken ?? true,
      securityContext: { ensureNonRoot: false, ...props.securityContext },
      updateStrategy: props.updateStrategy ?? DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
      priorityClassName: props.priorityClassName ?? 'system-node-critical',
      placement: props.placement ?? [NodePlacement.allNodes(), NodePlacement.linuxOnly()],
      // With hot reload the ConfigMap must not roll the pods; Secrets still do (see validateCollector).
      configChecksums: hotReload ? false : props.configChecksums ?? true,
    };
  }

  /** The fluent-bit container. */
  public readonly fluentBitContainer: kplus.Container;

  /**
   * The ConfigMap holding `fluent-bit.conf` or `fluent-bit.yaml` (and `parsers.conf` when parsers are given in
   * the classic format, Lua scripts and `configFiles`), named `configMapName`.
   */
  public readonly configMap: kplus.ConfigMap;

  /**
   * The Service in front of the metrics port and the network inputs' ports, named `serviceName` or
   * `<metadata.name>-metrics` (or generated by cdk8s when neither is given). A Service name must be a DNS-1035
   * label, so a `metadata.name` with '.' or longer than 55 characters is rejected at construction (unless
   * `serviceName` is given) rather than rewritten.
   */
  public readonly metricsService: kplus.Service;

  /** The ClusterRole, unless `rbac` is false; named `clusterRoleName` when given. */
  public readonly clusterRole?: kplus.ClusterRole;

  /**
   * The ClusterRoleBinding of the ClusterRole to the service account, unless `rbac` is false; named
   * `clusterRoleBindingName` when given.
   */
  public readonly clusterRoleBinding?: kplus.ClusterRoleBinding;

  /** The ServiceMonitor or PodMonitor, when requested. */
  public readonly monitor?: ApiObject;

  /** The node directory holding the position databases and the buffer. */
  public readonly stateDirectory: string;

  /** The nodes' container runtime. */
  public readonly containerRuntime: ContainerRuntime;

  /** The port of fluent-bit's HTTP server. */
  public readonly metricsPort: number;

  /** Whether configuration changes are hot-reloaded instead of rolling the pods. */
  public readonly hotReload: boolean;

  /** The format of the configuration. */
  public readonly configFormat: FluentBitConfigFormat;

  private readonly _outputs: BoundLogOutput[] = [];
  private readonly _outputObjects: LogOutput[] = [];
  private readonly _pipeline: CollectorPipeline;
  private readonly _pluginCount = new Map<string, number>();
  private readonly _filesystemBuffering: boolean;
  private readonly _collectorProps: LogCollectorDaemonSetProps;
  /** ConfigMap keys, so a file never replaces another. */
  private readonly _configKeys = new Set<string>();
  /** Host paths mounted in the fluent-bit container, path to read-only. */
  private readonly _hostMounts = new Map<string, boolean>();
  /** Ports of the fluent-bit container, `<protocol>/<number>` and names, to what uses them. */
  private readonly _ports = new Map<string, string>();
  /** Input ports waiting for the Service, during construction. */
  private _pendingPorts?: InputPort[] = [];
  /** Whether the ClusterRole lets the kubernetes filter ask the kubelet. */
  private _kubeletRead = false;
  /** How the classic-format files are laid out. */
  private readonly _layout: FluentBitClassicLayout;
  /** The ConfigMap file of the custom parsers (classic format). */
  private readonly _parsersFile: string;

  constructor(scope: Construct, id: string, props: LogCollectorDaemonSetProps) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    checkCollectorProps(`LogCollectorDaemonSet '${path}'`, props, {
      containerRuntimes: Object.values(ContainerRuntime),
      logLevels: Object.values(FluentBitLogLevel),
      monitors: Object.values(MetricsMonitor),
      configFormats: Object.values(FluentBitConfigFormat),
      outputType: LogOutput,
      inputType: LogInput,
      filterTypes: [LogFilter, FluentBitSection],
      parserTypes: [LogParser, FluentBitSection],
    });
    const serviceAccount = props.serviceAccount ?? new kplus.ServiceAccount(scope, `${id}-service-account`, {
      metadata: { ...named(props, ''), namespace: props.metadata?.namespace },
    });
    const hotReload = props.hotReload ?? false;
    const presetAnnotations = checkOptionalBoolean(`LogCollectorDaemonSet '${path}'`, 'presetAnnotations', props.presetAnnotations) ?? true;
    super(scope, id, LogCollectorDaemonSet.daemonSetProps(props, serviceAccount, hotReload));
    if (presetAnnotations) suppressByDesign(this.metadata, props.metadata?.annotations, BY_DESIGN);

    this._collectorProps = props;
    this.stateDirectory = props.stateDirectory ?? LogCollectorDaemonSet.DEFAULT_STATE_DIRECTORY;
    this.containerRuntime = props.containerRuntime ?? ContainerRuntime.CONTAINERD;
    this.metricsPort = props.metricsPort ?? 2020;
    this.hotReload = hotReload;
    this.configFormat = props.configFormat ?? FluentBitConfigFormat.CLASSIC;
    this._filesystemBuffering = props.filesystemBuffering ?? true;
    this._pipeline = new CollectorPipeline(this.where, this.configFormat);
    this._layout = checkClassicLayout(this.where, 'classicLayout', props.classicLayout);
    this._parsersFile = props.parsersFileName ?? PARSERS_FILE;

    const labels = presetLabels('fluent-bit', this.name, 'log-collector');
    for (const [k, v] of Object.entries(labels)) {
      if (this.metadata.getLabel(k) === undefined) this.metadata.addLabel(k, v);
      if (this.podMetadata.getLabel(k) === undefined) this.podMetadata.addLabel(k, v);
    }
    if (!props.serviceAccount) {
      for (const [k, v] of Object.entries(labels)) (serviceAccount as kplus.ServiceAccount).metadata.addLabel(k, v);
    }

    this.configMap = new kplus.ConfigMap(this, 'Config', {
      metadata: { ...props.configMapName !== undefined ? { name: props.configMapName } : named(props, '-config'), namespace: props.metadata?.namespace, labels },
    });
    this.addConfigFiles(props);
    const configVolume = kplus.Volume.fromConfigMap(this, 'ConfigVolume', this.configMap, { name: 'config' });

    this.fluentBitContainer = this.addAgentContainer(fluentBitContainer(props, props.image ?? LogCollectorDaemonSet.DEFAULT_IMAGE,
      this.metricsPort, LogCollectorDaemonSet.CONFIG_DIRECTORY, configVolume, configFileOf(this.configFormat)));
    this._ports.set(`TCP/${this.metricsPort}`, 'the metrics server');
    this._ports.set('name/metrics', 'the metrics server');
    // Registered first so that no input mounts the state directory read-only; mounted after the inputs' paths.
    this._hostMounts.set(this.stateDirectory, false);
    this.bindInputs(props);
    this.addHostPath(this.stateDirectory, this.stateDirectory, {
      containers: [CONTAINER], readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE,
    });
    if (hotReload) {
      this.addAgentContainer(reloaderContainer(props.reloaderImage ?? LogCollectorDaemonSet.DEFAULT_RELOADER_IMAGE, this.metricsPort, configVolume));
    }
    for (const c of props.containers ?? []) this.addAgentContainer(c);

    const { enabled, ...kubernetesMetadata } = props.kubernetesMetadata ?? {};
    if (enabled ?? true) {
      this._pipeline.setDefaultKubernetes(kubernetesFilter(kubernetesMetadata, this.filterContext('kubernetesMetadata', 'kubernetes'), 'a KubernetesMetadataOptions object'));
    }
    (props.filters ?? []).forEach((f, i) => this.bindFilter(f, `filters[${i}]`));
    for (const output of props.outputs) this.addOutput(output);

    if (props.rbac ?? true) [this.clusterRole, this.clusterRoleBinding] = this.addClusterRole(props, serviceAccount, labels);
    this.metricsService = this.addMetricsService(props, labels);
    for (const port of this._pendingPorts ?? []) this.exposePort(port);
    this._pendingPorts = undefined;
    this.monitor = addMonitor(this, monitorKind(props), {
      metadata: { namespace: props.metadata?.namespace, labels: { ...labels, ...props.monitorLabels } },
      matchLabels: labels,
      endpoint: { port: 'metrics', path: METRICS_PATH, interval: props.scrapeInterval ? `${props.scrapeInterval.toSeconds()}s` : undefined },
    });
    if (props.prometheusAnnotations) this.enablePrometheusScrape({ port: this.metricsPort, path: METRICS_PATH });

    const secretChecksums = hotReload && (props.configChecksums ?? true);
    addLibraryValidation(this, () => this.validateCollector(secretChecksums));
    if (secretChecksums) SynthSnapshot.prepare(this, `secret-checksums:${this.node.path}`, s => applyConfigChecksums(this, this.apiObject, s, envOnly));
  }

  /**
   * The rendered main configuration (`fluent-bit.conf`, or `fluent-bit.yaml` in the YAML format), as the
   * ConfigMap carries it.
   */
  public get fluentBitConfig(): string {
    return this.renderConfig().main;
  }

  /**
   * The rendered `parsers.conf`, or undefined when no parsers were added (or the YAML format holds them inline).
   */
  public get parsersConfig(): string | undefined {
    return this.renderConfig().parsers;
  }

  /**
   * The outputs, in order.
   */
  public get outputs(): LogOutput[] {
    return [...this._outputObjects];
  }

  /**
   * Send logs to one more output. Its secrets become env vars of the fluent-bit container.
   */
  public addOutput(output: LogOutput): void {
    const count = (this._pluginCount.get(output.plugin) ?? 0) + 1;
    this._pluginCount.set(output.plugin, count);
    const bound = output._bind(count, this._filesystemBuffering);
    for (const e of bound.env) this.addSecretEnv('addOutput', `the ${output.plugin} output`, e.name, e.value);
    this._outputs.push(bound);
    this._outputObjects.push(output);
  }

  /**
   * Read logs from one more input: its ports are added to the fluent-bit container and the Service, the node
   * paths it reads are mounted read-only.
   */
  public addInput(input: LogInput): void {
    this.bindInput(input, 'addInput');
  }

  /**
   * Add a filter, applied after the kubernetes filter and earlier filters (a multiline filter goes first).
   * A `FluentBitSection` (the earlier form of this method) is taken as `LogFilter.raw(section)`.
   */
  public addFilter(filter: LogFilter): void {
    this.bindFilter(filter, 'addFilter');
  }

  /**
   * Add a custom parser. A `FluentBitSection` (the earlier form of this method) is taken as `LogParser.raw(section)`.
   */
  public addParser(parser: LogParser): void {
    this.bindParser(parser, 'addParser');
  }

  /** The main configuration (rendered at synthesis, so later addOutput()/addFilter() calls reach it), configFiles, parsers. */
  private addConfigFiles(props: LogCollectorDaemonSetProps): void {
    this.addConfigFile(configFileOf(this.configFormat), Lazy.any({ produce: () => this.fluentBitConfig }) as unknown as string, 'configFormat');
    for (const name of Object.keys(props.configFiles ?? {}).sort()) this.addConfigFile(name, props.configFiles![name], `configFiles['${name}']`);
    (props.parsers ?? []).forEach((x, i) => this.bindParser(x, `parsers[${i}]`));
  }

  private get where(): string {
    return `LogCollectorDaemonSet '${this.node.path}'`;
  }

  private renderConfig(): { readonly main: string; readonly parsers?: string } {
    const ownLogFiles = this._outputObjects.some(o => o.printsToStdout)
      ? `/var/log/containers/${this.name}-*_${namespaceOf(this.apiObject)}_${CONTAINER}-*.log` : undefined;
    return this._pipeline.render(this.serviceSection(), this._outputs.map(o => o.section), { ownLogFiles }, this._layout);
  }

  /** The inputs of `inputs`, or today's defaults: container logs, and the journal with `systemdLogs`. */
  private bindInputs(props: LogCollectorDaemonSetProps): void {
    if (props.inputs !== undefined) {
      props.inputs.forEach((input, i) => this.bindInput(input, `inputs[${i}]`));
      return;
    }
    this.bindInput(LogInput.containerLogs(), 'containerLogs');
    if (props.systemdLogs) this.bindInput(LogInput.systemd({ units: props.systemdUnits, path: props.systemdJournalPath }), 'systemdLogs');
  }

  private bindInput(input: LogInput, field: string): void {
    if (!(input instanceof LogInput)) throw this.fail(field, `${describe(input)} is not a LogInput; use LogInput.tail(), .forward(), ... or LogInput.raw(section)`);
    const props = this._collectorProps;
    const ctx: InputContext = {
      at: this.where,
      field,
      stateDirectory: this.stateDirectory,
      containerRuntime: this.containerRuntime,
      filesystemBuffering: this._filesystemBuffering,
      ordinal: this._pipeline.ordinal('input', input.plugin),
      memBufLimit: props.memBufLimit,
      readFromHead: props.readFromHead,
      refreshInterval: props.refreshInterval,
      excludeNamespaces: props.excludeNamespaces,
    };
    const bound = input._bind(ctx);
    for (const port of bound.ports) this.reservePort(port, field);
    this._pipeline.addInput(bound, field);
    for (const hp of bound.hostPaths) this.mountInputPath(hp, field);
    for (const e of bound.env) this.addSecretEnv(field, `the ${bound.plugin} input`, e.name, e.value);
    for (const port of bound.ports) {
      if (this._pendingPorts) this._pendingPorts.push(port);
      else this.exposePort(port);
    }
  }

  private bindFilter(filter: LogFilter | FluentBitSection, field: string): void {
    const f = filter instanceof FluentBitSection ? LogFilter.raw(filter) : filter;
    if (!(f instanceof LogFilter)) throw this.fail(field, `${describe(filter)} is not a LogFilter; use LogFilter.grep(), .lua(), ... or LogFilter.raw(section)`);
    const bound = f._bind(this.filterContext(field, f.plugin));
    // Options of kubernetesMetadata would be lost silently if a LogFilter.kubernetes() replaced its filter.
    const metadataOptions = Object.entries(this._collectorProps.kubernetesMetadata ?? {}).some(([k, v]) => k !== 'enabled' && v !== undefined);
    this._pipeline.addFilter(bound, field, metadataOptions);
    for (const [name, content] of bound.files) this.addConfigFile(name, content, field);
    if (bound.useKubelet) {
      if (this.fluentBitContainer.env.variables[KUBELET_HOST_ENV] === undefined) {
        this.fluentBitContainer.env.addVariable(KUBELET_HOST_ENV, kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP));
      }
      this.allowKubeletRead();
    }
  }

  private bindParser(parser: LogParser | FluentBitSection, field: string): void {
    const x = parser instanceof FluentBitSection ? LogParser.raw(parser) : parser;
    if (!(x instanceof LogParser)) throw this.fail(field, `${describe(parser)} is not a LogParser; use LogParser.regex(), .json(), ... or LogParser.raw(section)`);
    this._pipeline.addParser(x._bind({ at: this.where, field }), field);
    if (this.configFormat === FluentBitConfigFormat.CLASSIC && this._pipeline.parsers.length === 1) {
      this.addConfigFile(this._parsersFile, Lazy.any({ produce: () => this.parsersConfig }) as unknown as string, field);
    }
  }

  private filterContext(field: string, plugin: string): FilterContext {
    return {
      at: this.where,
      field,
      configDirectory: LogCollectorDaemonSet.CONFIG_DIRECTORY,
      filesystemBuffering: this._filesystemBuffering,
      ordinal: this._pipeline.ordinal('filter', plugin),
    };
  }

  /** One more file of the ConfigMap, mounted beside the main configuration. */
  private addConfigFile(name: string, content: string, field: string): void {
    if (this._configKeys.has(name)) {
      throw this.fail(field, `the ConfigMap already holds a file named '${name}' (the configuration, parsers.conf, a Lua script or a configFiles entry); give this one another name`);
    }
    this._configKeys.add(name);
    this.configMap.addData(name, content);
  }

  /** An env var of the fluent-bit container from a Secret, never one it already has. */
  private addSecretEnv(field: string, what: string, name: string, value: kplus.SecretValue): void {
    const env = this.fluentBitContainer.env;
    if (env.variables[name] !== undefined) {
      throw this.fail(field, `${what} needs env var '${name}', which the fluent-bit container already defines; give the raw ${what.split(' ').pop()}'s secretEnv another name`);
    }
    env.addVariable(name, kplus.EnvValue.fromSecretValue(value));
  }

  /** A container port no other port of the fluent-bit container has (by number and protocol, and by name). */
  private reservePort(port: InputPort, field: string): void {
    const byNumber = `${port.protocol}/${port.number}`;
    const byName = `name/${port.name}`;
    const owner = this._ports.get(byNumber) ?? this._ports.get(byName);
    if (owner !== undefined) {
      const clash = this._ports.has(byNumber) ? `${port.protocol} port ${port.number}` : `port name '${port.name}'`;
      throw this.fail(field, `${clash} is already used by ${owner}; give the input another port or portName`);
    }
    this._ports.set(byNumber, `the ${field} input`);
    this._ports.set(byName, `the ${field} input`);
  }

  private exposePort(port: InputPort): void {
    this.fluentBitContainer.addPort({ number: port.number, name: port.name, protocol: port.protocol, hostPort: port.hostPort });
    if (port.service) this.metricsService.bind(port.number, { name: port.name, targetPort: port.number, protocol: port.protocol });
  }

  /**
   * Mounts a node path an input needs, unless a mount already covers it: read-only paths under a mounted
   * directory are already there; a writable one under a read-only mount cannot be.
   */
  private mountInputPath(hp: InputHostPath, field: string): void {
    for (const [mounted, readOnly] of this._hostMounts) {
      const covers = hp.path === mounted || hp.path.startsWith(`${mounted}/`);
      if (!covers) continue;
      if (readOnly && !hp.readOnly) {
        throw this.fail(field, `the input writes to '${hp.path}', but '${mounted}' is mounted read-only; put what it writes in the state directory ('${this.stateDirectory}')`);
      }
      return;
    }
    this._hostMounts.set(hp.path, hp.readOnly);
    this.addHostPath(hp.path, hp.path, { containers: [CONTAINER], readOnly: hp.readOnly, type: hp.type });
  }

  /** Lets the kubernetes filter ask the kubelet (nodes and nodes/proxy), once. */
  private allowKubeletRead(): void {
    const role = this.clusterRole;
    if (role === undefined || this._kubeletRead) return;
    this._kubeletRead = true;
    role.allowRead(kplus.ApiResource.NODES, kplus.ApiResource.custom({ apiGroup: '', resourceType: 'nodes/proxy' }));
  }

  /**
   * RBAC: the kubernetes filter reads pod and namespace metadata from the API server. The binding is the role's child
   * with the id `ClusterRole.bind()` gives it, so the generated names of existing collectors never change.
   */
  private addClusterRole(
    props: LogCollectorDaemonSetProps, serviceAccount: kplus.IServiceAccount, labels: { [key: string]: string },
  ): [kplus.ClusterRole, kplus.ClusterRoleBinding] {
    const role = new kplus.ClusterRole(this, 'ClusterRole', {
      metadata: { ...props.clusterRoleName !== undefined ? { name: props.clusterRoleName } : {}, labels },
    });
    role.allowRead(kplus.ApiResource.PODS, kplus.ApiResource.NAMESPACES);
    if (props.rbacNodeAccess || this._pipeline.usesKubelet) {
      this._kubeletRead = true;
      role.allowRead(kplus.ApiResource.NODES, kplus.ApiResource.custom({ apiGroup: '', resourceType: 'nodes/proxy' }));
    }
    if (props.rbacEventsAccess) role.allowRead(kplus.ApiResource.EVENTS);
    const binding = new kplus.ClusterRoleBinding(role, 'ClusterRoleBinding', {
      role, metadata: props.clusterRoleBindingName !== undefined ? { name: props.clusterRoleBindingName } : undefined,
    });
    binding.addSubjects(subjectInItsNamespace(serviceAccount));
    for (const [k, v] of Object.entries(labels)) binding.metadata.addLabel(k, v);
    return [role, binding];
  }

  /** The metrics Service, in the DaemonSet's namespace: headless unless asked otherwise. */
  private addMetricsService(props: LogCollectorDaemonSetProps, labels: { [key: string]: string }): kplus.Service {
    const headless = (props.serviceType ?? DaemonSetServiceType.HEADLESS) === DaemonSetServiceType.HEADLESS;
    const port = this.metricsPort;
    return new kplus.Service(this, 'MetricsService', {
      metadata: {
        ...props.serviceName !== undefined ? { name: props.serviceName } : named(props, METRICS_SERVICE_SUFFIX),
        namespace: props.metadata?.namespace,
        labels,
      },
      selector: this,
      ports: [{ name: 'metrics', port, targetPort: port, protocol: kplus.Protocol.TCP }],
      type: headless ? kplus.ServiceType.CLUSTER_IP : (props.serviceType as unknown as kplus.ServiceType),
      clusterIP: headless ? 'None' : undefined,
    });
  }

  private serviceSection(): FluentBitSection {
    const props = this._collectorProps;
    return withServiceProperties(serviceSection({
      flushInterval: props.flushInterval,
      logLevel: props.logLevel,
      parsersFile: this.configFormat === FluentBitConfigFormat.CLASSIC && this._pipeline.parsers.length > 0
        ? `${LogCollectorDaemonSet.CONFIG_DIRECTORY}/${this._parsersFile}` : undefined,
      metricsPort: this.metricsPort,
      hotReload: this.hotReload,
      stateDirectory: this.stateDirectory,
      maxChunksUp: props.maxChunksUp,
    }), props.serviceProperties, props.replaceServiceProperties ?? false);
  }

  private fail(field: string, message: string): DaemonSetsError {
    return new DaemonSetsError(`${this.where}: ${field}: ${message}.`, this.where, field);
  }

  private validateCollector(secretChecksums: boolean): string[] {
    const problems: string[] = [];
    const where = `LogCollectorDaemonSet '${this.node.path}'`;
    if (this._outputs.length === 0) problems.push(`${where}: outputs: there are no outputs; add one with outputs or addOutput()`);

    // Every ${NAME} of the configuration must be an env var of the fluent-bit container.
    const env = this.fluentBitContainer.env;
    if (env.sources.length === 0) {
      const config = [this.fluentBitConfig, this.parsersConfig ?? ''].join('\n');
      for (const name of referencedEnvVars(config)) {
        if (env.variables[name] === undefined) {
          problems.push(`${where}: the fluent-bit configuration references \${${name}}, which is not an env var of the fluent-bit container; fluent-bit would use an empty value. Add it with secretEnv (raw outputs) or fluentBitContainer.env.addVariable()`);
        }
      }
    }

    // Two collectors on one node would fight over the same position database.
    const snapshot = SynthSnapshot.of(this);
    const byStateDirectory = snapshot.memo('log-collector/state-directories', () => {
      const index = new Map<string, LogCollectorDaemonSet[]>();
      for (const c of snapshot.constructs) {
        if (!(c instanceof LogCollectorDaemonSet)) continue;
        const list = index.get(c.stateDirectory);
        if (list) list.push(c);
        else index.set(c.stateDirectory, [c]);
      }
      return index;
    });
    const twins = (byStateDirectory.get(this.stateDirectory) ?? []).filter(c => c !== this);
    if (twins.length > 0) {
      problems.push(`${where}: stateDirectory '${this.stateDirectory}' is also used by ${twins.map(t => `'${t.node.path}'`).join(', ')}; collectors on the same node would share (and lock) one position database, give each its own stateDirectory`);
    }

    // Hot reload keeps the ConfigMap out of the checksums, but a Secret change still needs a restart.
    if (secretChecksums) applyConfigChecksums(this, this.apiObject, snapshot, envOnly);
    return problems;
  }
}

/** `{ name: <metadata.name><suffix> }` when the DaemonSet is named, else nothing (cdk8s generates one). */
function named(props: LogCollectorDaemonSetProps, suffix: string): { name?: string } {
  return props.metadata?.name !== undefined ? { name: `${props.metadata.name}${suffix}` } : {};
}

/** The monitor chosen by `monitor`, or by the older `serviceMonitor` / `podMonitor` switches. */
function monitorKind(props: LogCollectorDaemonSetProps): MetricsMonitor {
  if (props.monitor !== undefined) return props.monitor;
  return props.serviceMonitor ? MetricsMonitor.SERVICE_MONITOR : props.podMonitor ? MetricsMonitor.POD_MONITOR : MetricsMonitor.NONE;
}

/** With hot reload, only the env's references count: a changed ConfigMap is reloaded, a changed Secret needs a restart. */
function envOnly(podSpec: { [key: string]: any }): { [key: string]: any } {
  return { containers: podSpec.containers, initContainers: podSpec.initContainers };
}

/**
 * The ServiceAccount as a ClusterRoleBinding subject, with the namespace it lands in (`default`
 * when it names none): a ServiceAccount subject without a namespace is refused by the API server
 * (mirrors ValidateRoleBindingSubject in pkg/apis/rbac/validation/validation.go).
 * Read at synthesis, so a namespace set after construction counts.
 */
function subjectInItsNamespace(serviceAccount: kplus.IServiceAccount): kplus.ISubject {
  return {
    node: serviceAccount.node,
    toSubjectConfiguration: () => {
      const subject = serviceAccount.toSubjectConfiguration();
      return { ...subject, namespace: subject.namespace ?? 'default' };
    },
  };
}
