import { ApiObject, Lazy } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { applyConfigChecksums, namespaceOf } from '../../config-checksum';
import { DaemonSet, DaemonSetProps } from '../../daemon-set';
import { DaemonSetsError } from '../../errors';
import { NodePlacement } from '../../placement';
import { DaemonSetServiceType } from '../../service';
import { DaemonSetUpdateStrategy } from '../../update-strategy';
import { SynthSnapshot } from '../../validation/cdk8s/synth-snapshot';
import { addMonitor, givenMetadata, MetricsMonitor, presetLabels, presetPodMetadata, suppressByDesign } from '../common';
import { FluentBitSection, referencedEnvVars, renderFluentBitConfig } from '../fluent-bit-config';
import { checkCollectorProps, METRICS_SERVICE_SUFFIX } from './checks';
import { CONFIG_FILE, CONTAINER, METRICS_PATH, PARSERS_FILE, serviceSection } from './config';
import { fluentBitContainer, reloaderContainer } from './containers';
import { kubernetesFilter } from './filters/kubernetes';
import { containerLogsInput } from './inputs/containers';
import { systemdInput } from './inputs/systemd';
import { BoundLogOutput } from './outputs/common';
import { LogOutput } from './outputs/log-output';
import { ContainerRuntime, FluentBitLogLevel, LogCollectorDaemonSetProps } from './props';

/** What fluent-bit needs by design, said where the best-practice rules would warn. */
const BY_DESIGN: { [rule: string]: string } = {
  'best-practice.writable-host-mount': 'the tail position DB and filesystem buffer live in the state directory so restarts neither lose nor duplicate logs',
  'best-practice.run-as-non-root': 'container log files on the node are readable by root only',
};

const RUNTIME_UNITS: { [runtime: string]: string } = {
  [ContainerRuntime.CONTAINERD]: 'containerd.service',
  [ContainerRuntime.CRI_O]: 'crio.service',
  [ContainerRuntime.DOCKER]: 'docker.service',
};

/**
 * fluent-bit as a node log collector: tails every container's log files, adds Kubernetes
 * metadata and ships the records to typed outputs (`LogOutput.elasticsearch()`, `.loki()`,
 * `.forward()`, `.http()`, `.stdout()`, `.raw()`).
 *
 * Emits the DaemonSet, a ServiceAccount, a ClusterRole and ClusterRoleBinding (read pods and
 * namespaces), a ConfigMap with the rendered fluent-bit configuration, a Service for the
 * metrics port and, on request, a ServiceMonitor or PodMonitor.
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

  /** The ConfigMap holding `fluent-bit.conf` (and `parsers.conf` when parsers are given). */
  public readonly configMap: kplus.ConfigMap;

  /**
   * The Service in front of the metrics port, named `<metadata.name>-metrics` (or generated by cdk8s when no
   * name is given). A Service name must be a DNS-1035 label, so a `metadata.name` with '.' or longer than 55
   * characters is rejected at construction rather than rewritten.
   */
  public readonly metricsService: kplus.Service;

  /** The ClusterRole, unless `rbac` is false. */
  public readonly clusterRole?: kplus.ClusterRole;

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

  private readonly _outputs: BoundLogOutput[] = [];
  private readonly _outputObjects: LogOutput[] = [];
  private readonly _filters: FluentBitSection[] = [];
  private readonly _parsers: FluentBitSection[] = [];
  private readonly _pluginCount = new Map<string, number>();
  private readonly _filesystemBuffering: boolean;
  private readonly _collectorProps: LogCollectorDaemonSetProps;

  constructor(scope: Construct, id: string, props: LogCollectorDaemonSetProps) {
    const path = scope.node.path ? `${scope.node.path}/${id}` : id;
    checkCollectorProps(`LogCollectorDaemonSet '${path}'`, props, {
      containerRuntimes: Object.values(ContainerRuntime),
      logLevels: Object.values(FluentBitLogLevel),
      monitors: Object.values(MetricsMonitor),
      outputType: LogOutput,
    });
    const serviceAccount = props.serviceAccount ?? new kplus.ServiceAccount(scope, `${id}-service-account`, {
      metadata: { ...named(props, ''), namespace: props.metadata?.namespace },
    });
    const hotReload = props.hotReload ?? false;
    super(scope, id, LogCollectorDaemonSet.daemonSetProps(props, serviceAccount, hotReload));
    suppressByDesign(this.metadata, props.metadata?.annotations, BY_DESIGN);

    this._collectorProps = props;
    this.stateDirectory = props.stateDirectory ?? LogCollectorDaemonSet.DEFAULT_STATE_DIRECTORY;
    this.containerRuntime = props.containerRuntime ?? ContainerRuntime.CONTAINERD;
    this.metricsPort = props.metricsPort ?? 2020;
    this.hotReload = hotReload;
    this._filesystemBuffering = props.filesystemBuffering ?? true;

    const labels = presetLabels('fluent-bit', this.name, 'log-collector');
    for (const [k, v] of Object.entries(labels)) {
      if (this.metadata.getLabel(k) === undefined) this.metadata.addLabel(k, v);
      if (this.podMetadata.getLabel(k) === undefined) this.podMetadata.addLabel(k, v);
    }
    if (!props.serviceAccount) {
      for (const [k, v] of Object.entries(labels)) (serviceAccount as kplus.ServiceAccount).metadata.addLabel(k, v);
    }

    // The configuration is rendered at synthesis, so addOutput()/addFilter() calls still reach it.
    this.configMap = new kplus.ConfigMap(this, 'Config', {
      metadata: { ...named(props, '-config'), namespace: props.metadata?.namespace, labels },
    });
    this.configMap.addData(CONFIG_FILE, Lazy.any({ produce: () => this.fluentBitConfig }) as unknown as string);
    for (const section of props.parsers ?? []) this.addParser(section);
    const configVolume = kplus.Volume.fromConfigMap(this, 'ConfigVolume', this.configMap, { name: 'config' });

    this.fluentBitContainer = this.addAgentContainer(fluentBitContainer(
      props, props.image ?? LogCollectorDaemonSet.DEFAULT_IMAGE, this.metricsPort, LogCollectorDaemonSet.CONFIG_DIRECTORY, configVolume));
    this.mountHostPaths(props);
    if (hotReload) {
      this.addAgentContainer(reloaderContainer(props.reloaderImage ?? LogCollectorDaemonSet.DEFAULT_RELOADER_IMAGE, this.metricsPort, configVolume));
    }
    for (const c of props.containers ?? []) this.addAgentContainer(c);

    for (const filter of props.filters ?? []) this.addFilter(filter);
    for (const output of props.outputs) this.addOutput(output);

    if (props.rbac ?? true) this.clusterRole = this.addClusterRole(props, serviceAccount, labels);
    this.metricsService = this.addMetricsService(props, labels);
    this.monitor = addMonitor(this, monitorKind(props), {
      metadata: { namespace: props.metadata?.namespace, labels: { ...labels, ...props.monitorLabels } },
      matchLabels: labels,
      endpoint: { port: 'metrics', path: METRICS_PATH, interval: props.scrapeInterval ? `${props.scrapeInterval.toSeconds()}s` : undefined },
    });
    if (props.prometheusAnnotations) this.enablePrometheusScrape({ port: this.metricsPort, path: METRICS_PATH });

    const secretChecksums = hotReload && (props.configChecksums ?? true);
    this.node.addValidation({ validate: () => this.validateCollector(secretChecksums) });
    if (secretChecksums) SynthSnapshot.prepare(this, `secret-checksums:${this.node.path}`, s => applyConfigChecksums(this, this.apiObject, s, envOnly));
  }

  /**
   * The rendered `fluent-bit.conf`, as the ConfigMap carries it.
   */
  public get fluentBitConfig(): string {
    return renderFluentBitConfig([this.serviceSection(), ...this.inputSections(), ...this.filterSections(), ...this._outputs.map(o => o.section)]);
  }

  /**
   * The rendered `parsers.conf`, or undefined when no parsers were added.
   */
  public get parsersConfig(): string | undefined {
    return this._parsers.length > 0 ? renderFluentBitConfig(this._parsers) : undefined;
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
    const env = this.fluentBitContainer.env;
    for (const e of bound.env) {
      if (env.variables[e.name] !== undefined) {
        throw this.fail('addOutput', `the ${output.plugin} output needs env var '${e.name}', which the fluent-bit container already defines; give the raw output's secretEnv another name`);
      }
      env.addVariable(e.name, kplus.EnvValue.fromSecretValue(e.value));
    }
    this._outputs.push(bound);
    this._outputObjects.push(output);
  }

  /**
   * Add a `[FILTER]` section, applied after the kubernetes filter and earlier filters.
   */
  public addFilter(filter: FluentBitSection): void {
    if (filter.kind !== 'FILTER') {
      throw this.fail('addFilter', `the section is a [${filter.kind}] section; use FluentBitSection.filter(name, match, properties)`);
    }
    this._filters.push(filter);
  }

  /**
   * Add a `[PARSER]` or `[MULTILINE_PARSER]` section to `parsers.conf`.
   */
  public addParser(parser: FluentBitSection): void {
    if (parser.kind !== 'PARSER' && parser.kind !== 'MULTILINE_PARSER') {
      throw this.fail('addParser', `the section is a [${parser.kind}] section; use FluentBitSection.parser() or FluentBitSection.multilineParser()`);
    }
    if (this._parsers.length === 0) {
      this.configMap.addData(PARSERS_FILE, Lazy.any({ produce: () => this.parsersConfig }) as unknown as string);
    }
    this._parsers.push(parser);
  }

  /** Host paths: everything read-only except the state directory. */
  private mountHostPaths(props: LogCollectorDaemonSetProps) {
    const only = [CONTAINER];
    this.addHostPath('/var/log', '/var/log', { containers: only, type: kplus.HostPathVolumeType.DIRECTORY });
    if (this.containerRuntime === ContainerRuntime.DOCKER) {
      this.addHostPath('/var/lib/docker/containers', '/var/lib/docker/containers', { containers: only, type: kplus.HostPathVolumeType.DIRECTORY });
    }
    this.addHostPath('/etc/machine-id', '/etc/machine-id', { containers: only, type: kplus.HostPathVolumeType.FILE });
    const journal = props.systemdJournalPath;
    if (props.systemdLogs && journal !== undefined && journal !== '/var/log' && !journal.startsWith('/var/log/')) {
      this.addHostPath(journal, journal, { containers: only, type: kplus.HostPathVolumeType.DIRECTORY });
    }
    this.addHostPath(this.stateDirectory, this.stateDirectory, {
      containers: only, readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE,
    });
  }

  /** RBAC: the kubernetes filter reads pod and namespace metadata from the API server. */
  private addClusterRole(
    props: LogCollectorDaemonSetProps, serviceAccount: kplus.IServiceAccount, labels: { [key: string]: string },
  ): kplus.ClusterRole {
    const role = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { labels } });
    role.allowRead(kplus.ApiResource.PODS, kplus.ApiResource.NAMESPACES);
    if (props.rbacNodeAccess) {
      role.allowRead(kplus.ApiResource.NODES, kplus.ApiResource.custom({ apiGroup: '', resourceType: 'nodes/proxy' }));
    }
    if (props.rbacEventsAccess) role.allowRead(kplus.ApiResource.EVENTS);
    const binding = role.bind(subjectInItsNamespace(serviceAccount));
    for (const [k, v] of Object.entries(labels)) binding.metadata.addLabel(k, v);
    return role;
  }

  /** The metrics Service, in the DaemonSet's namespace: headless unless asked otherwise. */
  private addMetricsService(props: LogCollectorDaemonSetProps, labels: { [key: string]: string }): kplus.Service {
    const headless = (props.serviceType ?? DaemonSetServiceType.HEADLESS) === DaemonSetServiceType.HEADLESS;
    const port = this.metricsPort;
    return new kplus.Service(this, 'MetricsService', {
      metadata: { ...named(props, METRICS_SERVICE_SUFFIX), namespace: props.metadata?.namespace, labels },
      selector: this,
      ports: [{ name: 'metrics', port, targetPort: port, protocol: kplus.Protocol.TCP }],
      type: headless ? kplus.ServiceType.CLUSTER_IP : (props.serviceType as unknown as kplus.ServiceType),
      clusterIP: headless ? 'None' : undefined,
    });
  }

  private serviceSection(): FluentBitSection {
    const props = this._collectorProps;
    return serviceSection({
      flushInterval: props.flushInterval,
      logLevel: props.logLevel,
      parsersFile: this._parsers.length > 0 ? `${LogCollectorDaemonSet.CONFIG_DIRECTORY}/${PARSERS_FILE}` : undefined,
      metricsPort: this.metricsPort,
      hotReload: this.hotReload,
      stateDirectory: this.stateDirectory,
      maxChunksUp: props.maxChunksUp,
    });
  }

  private inputSections(): FluentBitSection[] {
    const props = this._collectorProps;
    const excluded = (props.excludeNamespaces ?? []).map(ns => `/var/log/containers/*_${ns}_*.log`);
    if (this._outputObjects.some(o => o.printsToStdout)) {
      // The collector would otherwise read its own stdout and print it again, forever.
      excluded.push(`/var/log/containers/${this.name}-*_${namespaceOf(this.apiObject)}_${CONTAINER}-*.log`);
    }
    const shared = { stateDirectory: this.stateDirectory, memBufLimit: props.memBufLimit, filesystemBuffering: this._filesystemBuffering };
    const sections = [containerLogsInput({
      ...shared,
      excludePaths: excluded,
      multilineParsers: this.containerRuntime === ContainerRuntime.DOCKER ? 'docker, cri' : 'cri, docker',
      readFromHead: props.readFromHead,
      refreshInterval: props.refreshInterval,
    })];
    if (props.systemdLogs) {
      sections.push(systemdInput({
        ...shared,
        units: props.systemdUnits ?? ['kubelet.service', RUNTIME_UNITS[this.containerRuntime]],
        journalPath: props.systemdJournalPath,
      }));
    }
    return sections;
  }

  private filterSections(): FluentBitSection[] {
    return [...kubernetesFilter(this._collectorProps.kubernetesMetadata ?? {}), ...this._filters];
  }

  private fail(field: string, message: string): DaemonSetsError {
    const where = `LogCollectorDaemonSet '${this.node.path}'`;
    return new DaemonSetsError(`${where}: ${field}: ${message}.`, where, field);
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
