import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSetProps } from '../../daemon-set';
import { HealthProbe } from '../../probe';
import { DaemonSetServiceType } from '../../service';
import { MetricsMonitor } from '../common';
import { FluentBitClassicLayout, FluentBitProperty } from '../fluent-bit-config';
import { KubernetesMetadataOptions } from './filters/kubernetes';
import { LogFilter } from './filters/log-filter';
import { LogInput } from './inputs/log-input';
import { LogOutput } from './outputs/log-output';
import { LogParser } from './parsers/log-parser';

/**
 * The container runtime of the nodes, which decides the log format and where the log files live.
 */
export enum ContainerRuntime {
  /** containerd: CRI log format, files under `/var/log/pods`. */
  CONTAINERD = 'containerd',
  /** CRI-O: CRI log format, files under `/var/log/pods`. */
  CRI_O = 'cri-o',
  /**
   * Docker Engine (through cri-dockerd): JSON log files under `/var/lib/docker/containers`,
   * which is then mounted read-only too.
   */
  DOCKER = 'docker',
}

/**
 * fluent-bit's own log verbosity.
 */
export enum FluentBitLogLevel {
  /** Nothing. */
  OFF = 'off',
  /** Errors only. */
  ERROR = 'error',
  /** Errors and warnings. */
  WARN = 'warn',
  /** Errors, warnings and information. */
  INFO = 'info',
  /** Debug output. */
  DEBUG = 'debug',
  /** Everything (needs a build with tracing). */
  TRACE = 'trace',
}

/**
 * The format of the fluent-bit configuration the collector writes.
 */
export enum FluentBitConfigFormat {
  /** The classic format: `fluent-bit.conf` with `[SECTION]`s, custom parsers in `parsers.conf`. */
  CLASSIC = 'classic',
  /**
   * The YAML format (fluent-bit 3.2 and later): `fluent-bit.yaml` with `service`, `parsers`,
   * `multiline_parsers` and `pipeline` (`inputs`, `filters`, `outputs`).
   * @see https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/yaml
   */
  YAML = 'yaml',
}

/**
 * Properties of a `LogCollectorDaemonSet`.
 *
 * Everything a `DaemonSet` takes is accepted; the preset changes these defaults:
 * `updateStrategy` rolling update with maxUnavailable 10%, `priorityClassName`
 * `system-node-critical`, `placement` every node (all taints tolerated, control plane
 * included) and Linux only, `serviceAccount` a new ServiceAccount bound to a read-only
 * ClusterRole, `securityContext` without runAsNonRoot (see `containerSecurityContext`).
 * `containers` are added as sidecars after the fluent-bit container.
 */
export interface LogCollectorDaemonSetProps extends DaemonSetProps {
  /** Where the logs go; at least one. More can be added with `addOutput()`. */
  readonly outputs: LogOutput[];

  /**
   * Where the logs come from, in order (`LogInput.containerLogs()`, `.tail()`, `.systemd()`, `.forward()`,
   * `.syslog()`, `.tcp()`, `.http()`, `.openTelemetry()`, `.raw()`). Each brings what it needs: network inputs
   * a container port and a Service port, file and journal inputs read-only host mounts, position databases in
   * the state directory. More can be added with `addInput()`. When given, `systemdLogs` must not be set
   * (add `LogInput.systemd()`); `excludeNamespaces`, `readFromHead`, `refreshInterval` and `memBufLimit` stay the
   * inputs' defaults.
   * @default - `LogInput.containerLogs()`, and `LogInput.systemd()` with `systemdLogs`
   */
  readonly inputs?: LogInput[];

  /**
   * The fluent-bit image, pinned.
   * @default LogCollectorDaemonSet.DEFAULT_IMAGE - the image of the fluent `fluent-bit` chart 0.58
   */
  readonly image?: string;

  /**
   * Add the preset's own annotations: on the DaemonSet, the suppressions of the validator's
   * `best-practice/writable-host-mount` (the state directory) and `best-practice/run-as-non-root` (container log
   * files are readable by root only) warnings, each with its reason. With false the preset adds neither, so the
   * validator reports them like any other DaemonSet's and an adopted manifest keeps exactly its own annotations.
   * Annotations given in `metadata` and `podMetadata` are emitted either way.
   * @default true
   */
  readonly presetAnnotations?: boolean;

  /**
   * The nodes' container runtime.
   * @default ContainerRuntime.CONTAINERD - also right for CRI-O; no Docker directory is mounted
   */
  readonly containerRuntime?: ContainerRuntime;

  /**
   * Namespaces whose container logs are not collected (left out of the tail input's files, so
   * they are never read).
   * @default - none
   */
  readonly excludeNamespaces?: string[];

  /**
   * Options of the `kubernetes` metadata filter.
   * @default - merge JSON logs, labels on, annotations off, pod parser and exclusion annotations honoured
   */
  readonly kubernetesMetadata?: KubernetesMetadataOptions;

  /**
   * Also collect systemd journal logs (tagged `host.*`).
   * @default false
   */
  readonly systemdLogs?: boolean;

  /**
   * The systemd units whose journal entries are collected, with `systemdLogs`.
   * @default - `kubelet.service` and the runtime's unit (`containerd.service`, `crio.service` or `docker.service`)
   */
  readonly systemdUnits?: string[];

  /**
   * The node's journal directory, for nodes whose journal is not where the systemd input looks
   * by default (`/var/log/journal` for persistent journals); mounted read-only.
   * @default - the plugin's default paths
   */
  readonly systemdJournalPath?: string;

  /**
   * The node directory holding the tail position databases and the filesystem buffer,
   * mounted read-write (the only writable host path). A restart resumes from the recorded
   * offsets and re-sends the buffered chunks, so it neither loses nor duplicates logs.
   * @default LogCollectorDaemonSet.DEFAULT_STATE_DIRECTORY ('/var/lib/fluent-bit')
   */
  readonly stateDirectory?: string;

  /**
   * Buffer chunks in the state directory (`storage.type filesystem`), so chunks not yet
   * delivered survive restarts and backend outages. Off means memory buffering only.
   * @default true
   */
  readonly filesystemBuffering?: boolean;

  /**
   * The memory the container-log input may use for chunks (`Mem_Buf_Limit`). With filesystem
   * buffering, new data then goes to disk only; without it, reading pauses.
   * @default Size.mebibytes(5)
   */
  readonly memBufLimit?: Size;

  /**
   * The most chunks kept in memory at once (`storage.max_chunks_up`, about 2 MB each).
   * @default 128
   */
  readonly maxChunksUp?: number;

  /**
   * Read log files that have no recorded position from their beginning (`Read_from_Head`):
   * every file on first start, and the files of pods created while the collector was down.
   * Off, fluent-bit starts such files at their end and the lines already in them are lost.
   * Files with a recorded position always resume from it, so nothing is read twice.
   * @default true
   */
  readonly readFromHead?: boolean;

  /**
   * How often new log files are looked for (`Refresh_Interval`).
   * @default Duration.seconds(10) - short-lived pods' logs are picked up before they are removed
   */
  readonly refreshInterval?: Duration;

  /**
   * How often buffered records are flushed to the outputs (`Flush`).
   * @default Duration.seconds(1)
   */
  readonly flushInterval?: Duration;

  /**
   * fluent-bit's own log level (`Log_Level`).
   * @default FluentBitLogLevel.INFO
   */
  readonly logLevel?: FluentBitLogLevel;

  /**
   * Filters (`LogFilter.grep()`, `.lua()`, `.modify()`, `.nest()`, `.multiline()`, `.throttle()`,
   * `.kubernetes()`, `.raw()`), applied after the kubernetes filter of `kubernetesMetadata`, in order;
   * multiline filters go first. A `LogFilter.kubernetes()` here replaces that filter, where you place it.
   * @default - none
   */
  readonly filters?: LogFilter[];

  /**
   * Custom parsers (`LogParser.regex()`, `.json()`, `.logfmt()`, `.ltsv()`, `.multiline()`, `.raw()`), for
   * inputs and filters to refer to by name: `parsers.conf` in the ConfigMap, or inline with the YAML format.
   * @default - only the image's parsers
   */
  readonly parsers?: LogParser[];

  /**
   * The format of the configuration: `fluent-bit.conf` (classic) or `fluent-bit.yaml`.
   * @default FluentBitConfigFormat.CLASSIC
   */
  readonly configFormat?: FluentBitConfigFormat;

  /**
   * How the classic-format files (`fluent-bit.conf` and the parsers file) are laid out: the indentation of the keys,
   * whether values are aligned in a column, whether sections are separated by a blank line. Layout only: fluent-bit
   * reads every layout alike (for a configuration kept as another tool wrote it, as `cdk8s-daemonsets import` does).
   * @default - keys indented 4 spaces, values aligned, a blank line between sections
   */
  readonly classicLayout?: FluentBitClassicLayout;

  /**
   * The name of the ConfigMap file holding the custom `parsers` in the classic format (referenced by the `[SERVICE]`
   * section's `Parsers_File`), e.g. `custom_parsers.conf` as the fluent `fluent-bit` chart names it.
   * @default 'parsers.conf'
   */
  readonly parsersFileName?: string;

  /**
   * More files for the ConfigMap, file name to content, mounted beside the main configuration in
   * `LogCollectorDaemonSet.CONFIG_DIRECTORY` (e.g. a Lua module or a lookup table a raw section references).
   * @default - none
   */
  readonly configFiles?: { [name: string]: string };

  /**
   * The name of the ConfigMap holding the configuration.
   * @default - `<metadata.name>-config`, or a name generated by cdk8s when `metadata.name` is not given
   */
  readonly configMapName?: string;

  /**
   * The name of the Service in front of the metrics port and the network inputs' ports (a DNS-1035 label).
   * @default - `<metadata.name>-metrics`, or a name generated by cdk8s when `metadata.name` is not given
   */
  readonly serviceName?: string;

  /**
   * Properties of the `[SERVICE]` section (`service:` in the YAML format), merged over the collector's: a key the
   * collector writes (compared case-insensitively, as fluent-bit reads keys) takes the value given, in its place; other
   * keys follow in the order given, each at most once. `Parsers_File` comes from `parsers` (replace the section to
   * write it yourself). `HTTP_Server` must stay `On` and `HTTP_Port` must be `metricsPort`: the probes, the metrics
   * Service and the reloader use that server.
   * @default - the collector's: `Daemon`, `Flush` (flushInterval), `Log_Level` (logLevel), `Parsers_File`, the HTTP
   * server on `metricsPort` with `Health_Check`, `Hot_Reload` with hotReload, and the filesystem buffer (`storage.*`)
   * under `stateDirectory`
   */
  readonly serviceProperties?: FluentBitProperty[];

  /**
   * Whether `serviceProperties` replace the collector's `[SERVICE]` properties instead of being merged over them: the
   * section then holds exactly those, in their order, a key written twice included (for a configuration kept as
   * another tool wrote it, as `cdk8s-daemonsets import` does). It must still turn `HTTP_Server` on (on `metricsPort`,
   * fluent-bit's default 2020 when `HTTP_Port` is left out) and, with `filesystemBuffering`, set `storage.path`.
   * @default false
   */
  readonly replaceServiceProperties?: boolean;

  /**
   * The port of fluent-bit's HTTP server (metrics, health, reload), named `metrics`.
   * @default 2020
   */
  readonly metricsPort?: number;

  /**
   * How the metrics Service is reached.
   * @default DaemonSetServiceType.HEADLESS - scrapers reach every pod, not a random one
   */
  readonly serviceType?: DaemonSetServiceType;

  /**
   * Which prometheus-operator object discovers the metrics endpoints (the same choice as
   * `NodeExporterDaemonSetProps.monitor`). When given, `serviceMonitor` and `podMonitor` must agree with it.
   * @default - MetricsMonitor.SERVICE_MONITOR with `serviceMonitor`, MetricsMonitor.POD_MONITOR with `podMonitor`,
   * else MetricsMonitor.NONE
   */
  readonly monitor?: MetricsMonitor;

  /**
   * Create a prometheus-operator ServiceMonitor for the metrics Service (the same as
   * `monitor: MetricsMonitor.SERVICE_MONITOR`).
   * @default false
   */
  readonly serviceMonitor?: boolean;

  /**
   * Create a prometheus-operator PodMonitor for the pods, instead of a ServiceMonitor (the same as
   * `monitor: MetricsMonitor.POD_MONITOR`).
   * @default false
   */
  readonly podMonitor?: boolean;

  /**
   * The scrape interval of the ServiceMonitor or PodMonitor.
   * @default - Prometheus' global interval
   */
  readonly scrapeInterval?: Duration;

  /**
   * Extra labels of the ServiceMonitor or PodMonitor, e.g. what the Prometheus resource's
   * `serviceMonitorSelector` matches.
   * @default - none
   */
  readonly monitorLabels?: { [key: string]: string };

  /**
   * Add `prometheus.io/*` scrape annotations to the pods.
   * @default false
   */
  readonly prometheusAnnotations?: boolean;

  /**
   * Create a ClusterRole (get/list/watch pods and namespaces) and bind it to the service account.
   * @default true
   */
  readonly rbac?: boolean;

  /**
   * The name of the ClusterRole created with `rbac` (an RBAC name: a path segment, without '/' or '%').
   * @default - a name generated by cdk8s from the construct path
   */
  readonly clusterRoleName?: string;

  /**
   * The name of the ClusterRoleBinding created with `rbac` (an RBAC name: a path segment, without '/' or '%').
   * @default - a name generated by cdk8s from the construct path
   */
  readonly clusterRoleBindingName?: string;

  /**
   * Also allow reading nodes and `nodes/proxy` (for the kubernetes filter's `Use_Kubelet`).
   * @default false
   */
  readonly rbacNodeAccess?: boolean;

  /**
   * Also allow reading events (for a `kubernetes_events` input).
   * @default false
   */
  readonly rbacEventsAccess?: boolean;

  /**
   * Reload the configuration in place when the ConfigMap changes (fluent-bit `Hot_Reload` plus
   * a `configmap-reload` sidecar calling `/api/v2/reload`), instead of rolling the pods through
   * the config checksum annotation. Secret checksums still roll the pods.
   * @default false
   */
  readonly hotReload?: boolean;

  /**
   * The image of the hot-reload sidecar.
   * @default LogCollectorDaemonSet.DEFAULT_RELOADER_IMAGE
   */
  readonly reloaderImage?: string;

  /**
   * Resources of the fluent-bit container.
   * @default - cpu request 100m, memory request 128Mi, memory limit 512Mi
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * The fluent-bit container's security context; the fields you set replace the defaults one by one.
   * @default - uid/gid 0 (the container-runtime log files are readable by root only), not
   * privileged, no privilege escalation, read-only root filesystem; all capabilities dropped
   */
  readonly containerSecurityContext?: kplus.ContainerSecurityContextProps;

  /**
   * The liveness probe.
   * @default - HTTP GET `/` on the metrics port, after 10s, every 10s, timeout 5s, 3 failures:
   * fluent-bit restarts only when its HTTP server stops answering, not when a backend is down
   */
  readonly livenessProbe?: HealthProbe;

  /**
   * The readiness probe.
   * @default - HTTP GET `/api/v2/health` on the metrics port, every 10s, timeout 5s, 3 failures:
   * unready while outputs keep failing, which halts a rolling update with a broken configuration
   */
  readonly readinessProbe?: HealthProbe;
}
