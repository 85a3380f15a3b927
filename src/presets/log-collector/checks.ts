import { DaemonSetsError } from '../../errors';
import {
  checkArray, checkEnum, checkInstance, ClassOf, checkObject, checkOptionalArray, checkOptionalBoolean, checkOptionalDuration,
  checkOptionalNumber, checkOptionalObject, checkOptionalSize, checkOptionalString, checkOptionalStringMap, checkString,
} from '../../input-checks';
import { HealthProbe } from '../../probe';
import { DaemonSetServiceType } from '../../service';
import { checkClassicLayout, checkKey, checkValue, FluentBitProperty } from '../fluent-bit-config';
import { FluentBitConfigFormat, type LogCollectorDaemonSetProps } from './props';
import { configKeyProblem } from '../../k8s/config-keys';
import { checkPathSegmentName } from '../../k8s/object-names';
import { checkAbsolutePath, checkDns1123Label, checkDns1123Subdomain, checkImageReference, checkLabelValue, checkQualifiedName } from '../../k8s/syntax';

/** The suffix of the metrics Service's name after the DaemonSet's name. */
export const METRICS_SERVICE_SUFFIX = '-metrics';

const DAY_MILLIS = 24 * 3600 * 1000;
const MAX_INT32 = 2147483647;
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** The values the enum-typed props may take (passed in to avoid an import cycle with the construct's file). */
export interface CollectorEnums {
  readonly containerRuntimes: readonly string[];
  readonly logLevels: readonly string[];
  readonly monitors: readonly string[];
  readonly configFormats: readonly string[];
  readonly outputType: ClassOf<unknown>;
  readonly inputType: ClassOf<unknown>;
  /** `LogFilter`, and `FluentBitSection` (the earlier type of `filters`). */
  readonly filterTypes: ReadonlyArray<ClassOf<unknown>>;
  /** `LogParser`, and `FluentBitSection` (the earlier type of `parsers`). */
  readonly parserTypes: ReadonlyArray<ClassOf<unknown>>;
}

/**
 * Runtime checks of a `LogCollectorDaemonSet`'s own props (the generic `DaemonSet` checks the props it
 * receives): types, ranges and the combinations the preset cannot honour. Throws `DaemonSetsError`.
 * @internal
 */
export function checkCollectorProps(at: string, input: unknown, enums: CollectorEnums): LogCollectorDaemonSetProps {
  const fail = (field: string, message: string) => new DaemonSetsError(`${at}: ${field}: ${message}.`, at, field);
  const props = checkObject(at, 'props', input, 'a LogCollectorDaemonSetProps object') as unknown as LogCollectorDaemonSetProps;
  checkTypes(at, props, enums);
  if (props.outputs.length === 0) {
    throw fail('outputs', 'no outputs are given; add at least one, e.g. LogOutput.elasticsearch({ host: \'es.logging.svc\' }) or LogOutput.stdout()');
  }
  checkNames(at, props, fail);
  if (props.image !== undefined) {
    const problem = checkImageReference(props.image);
    if (problem) throw fail('image', `'${props.image}' ${problem}`);
  }
  if (props.reloaderImage !== undefined) {
    if (!props.hotReload) throw fail('reloaderImage', 'is set but hotReload is off; set hotReload: true or drop reloaderImage');
    const problem = checkImageReference(props.reloaderImage);
    if (problem) throw fail('reloaderImage', `'${props.reloaderImage}' ${problem}`);
  }
  for (const ns of props.excludeNamespaces ?? []) {
    const problem = checkDns1123Label(ns);
    if (problem) throw fail('excludeNamespaces', `namespace '${ns}' ${problem}`);
  }
  checkDirectories(props, fail);
  if (props.systemdUnits !== undefined) {
    if (!props.systemdLogs) throw fail('systemdUnits', 'is set but systemdLogs is off; set systemdLogs: true');
    if (props.systemdUnits.length === 0) throw fail('systemdUnits', 'is empty; name at least one unit such as \'kubelet.service\', or turn systemdLogs off');
    for (const u of props.systemdUnits) {
      if (!/^[A-Za-z0-9:_.@\\-]+\.(service|socket|scope|slice|mount|timer|target)$/.test(u)) {
        throw fail('systemdUnits', `'${u}' is not a systemd unit name; use the full name such as 'kubelet.service'`);
      }
    }
  }
  if (props.systemdJournalPath !== undefined && !props.systemdLogs) {
    throw fail('systemdJournalPath', 'is set but systemdLogs is off; set systemdLogs: true');
  }
  if (props.inputs !== undefined && props.inputs.length === 0) {
    throw fail('inputs', 'is empty, so nothing would be collected; give at least one, e.g. LogInput.containerLogs(), or leave inputs out for the default');
  }
  if (props.inputs !== undefined && props.systemdLogs) {
    throw fail('systemdLogs', 'is set, but inputs replaces the default inputs; add LogInput.systemd({ units, path }) to inputs instead');
  }
  checkRanges(props, fail);
  checkServiceProperties(at, props, fail);
  checkMonitoring(props, fail);
  if (!(props.rbac ?? true) && (props.rbacNodeAccess || props.rbacEventsAccess)) {
    throw fail('rbac', 'is false but rbacNodeAccess or rbacEventsAccess asks for permissions; drop them or turn rbac on');
  }
  if (!(props.rbac ?? true) && (props.clusterRoleName !== undefined || props.clusterRoleBindingName !== undefined)) {
    throw fail('rbac', 'is false but clusterRoleName or clusterRoleBindingName names the ClusterRole or binding it would create; drop them or turn rbac on');
  }
  // Options of the classic files only: refused, not ignored, with the YAML format.
  if (props.configFormat === FluentBitConfigFormat.YAML) {
    for (const field of ['classicLayout', 'parsersFileName'] as const) {
      if (props[field] !== undefined) throw fail(field, 'applies to the classic format\'s files only (fluent-bit.conf and the parsers file); FluentBitConfigFormat.YAML writes everything to fluent-bit.yaml: drop it');
    }
  }
  if (props.parsersFileName !== undefined && (props.parsers ?? []).length === 0) {
    throw fail('parsersFileName', 'names the file of the custom parsers, but there are none: add parsers or drop parsersFileName');
  }
  return props;
}

/** Types and ranges of every preset-specific prop. */
function checkTypes(at: string, props: LogCollectorDaemonSetProps, enums: CollectorEnums) {
  checkArray(at, 'outputs', props.outputs, 'LogOutput values (LogOutput.elasticsearch(), .loki(), ...)')
    .forEach((o, i) => checkInstance(at, `outputs[${i}]`, o, enums.outputType, 'a LogOutput (LogOutput.elasticsearch(), .loki(), .stdout(), ...)'));
  for (const field of ['image', 'reloaderImage', 'stateDirectory', 'systemdJournalPath'] as const) {
    checkOptionalString(at, field, props[field], { nonEmpty: true });
  }
  if (props.containerRuntime !== undefined) checkEnum(at, 'containerRuntime', props.containerRuntime, enums.containerRuntimes);
  if (props.logLevel !== undefined) checkEnum(at, 'logLevel', props.logLevel, enums.logLevels);
  if (props.monitor !== undefined) checkEnum(at, 'monitor', props.monitor, enums.monitors);
  if (props.serviceType !== undefined) checkEnum(at, 'serviceType', props.serviceType, Object.values(DaemonSetServiceType));
  for (const field of ['excludeNamespaces', 'systemdUnits'] as const) {
    checkOptionalArray(at, field, props[field], 'strings')?.forEach((v, i) => checkString(at, `${field}[${i}]`, v, { nonEmpty: true }));
  }
  checkOptionalArray(at, 'inputs', props.inputs, 'LogInput values (LogInput.tail(), .forward(), ...)')
    ?.forEach((x, i) => checkInstance(at, `inputs[${i}]`, x, enums.inputType, 'a LogInput (LogInput.containerLogs(), .tail(), .systemd(), .forward(), ...)'));
  for (const [field, types, what, made] of [
    ['filters', enums.filterTypes, 'LogFilter values', 'a LogFilter (LogFilter.grep(), .lua(), .modify(), ..., .raw(section))'],
    ['parsers', enums.parserTypes, 'LogParser values', 'a LogParser (LogParser.regex(), .json(), .multiline(), ..., .raw(section))'],
  ] as const) {
    checkOptionalArray(at, field, props[field], what)?.forEach((x, i) => {
      if (!types.some(t => x instanceof t)) checkInstance(at, `${field}[${i}]`, x, types[0], made);
    });
  }
  if (props.configFormat !== undefined) checkEnum(at, 'configFormat', props.configFormat, enums.configFormats);
  checkOptionalStringMap(at, 'configFiles', props.configFiles);
  for (const field of ['configMapName', 'serviceName', 'parsersFileName', 'clusterRoleName', 'clusterRoleBindingName'] as const) {
    checkOptionalString(at, field, props[field], { nonEmpty: true });
  }
  checkClassicLayout(at, 'classicLayout', props.classicLayout);
  for (const field of [
    'systemdLogs', 'filesystemBuffering', 'readFromHead', 'serviceMonitor', 'podMonitor', 'prometheusAnnotations',
    'rbac', 'rbacNodeAccess', 'rbacEventsAccess', 'hotReload', 'configChecksums', 'automountServiceAccountToken',
  ] as const) {
    checkOptionalBoolean(at, field, props[field]);
  }
  checkOptionalNumber(at, 'metricsPort', props.metricsPort);
  checkOptionalNumber(at, 'maxChunksUp', props.maxChunksUp);
  checkOptionalSize(at, 'memBufLimit', props.memBufLimit, { minBytes: 1024, maxBytes: 2 ** 40 });
  for (const field of ['flushInterval', 'refreshInterval', 'scrapeInterval'] as const) {
    checkOptionalDuration(at, field, props[field], { maxMillis: DAY_MILLIS });
  }
  checkOptionalStringMap(at, 'monitorLabels', props.monitorLabels);
  const k = checkOptionalObject(at, 'kubernetesMetadata', props.kubernetesMetadata, 'a KubernetesMetadataOptions object');
  for (const field of ['enabled', 'mergeLog', 'keepLog', 'labels', 'annotations', 'allowPodParser', 'allowPodExclusion']) {
    checkOptionalBoolean(at, `kubernetesMetadata.${field}`, k?.[field]);
  }
  checkOptionalString(at, 'kubernetesMetadata.mergeLogKey', k?.mergeLogKey);
  for (const field of ['resources', 'containerSecurityContext', 'securityContext'] as const) checkOptionalObject(at, field, props[field]);
  for (const field of ['livenessProbe', 'readinessProbe'] as const) {
    if (props[field] !== undefined) checkInstance(at, field, props[field], HealthProbe, 'a HealthProbe (HealthProbe.httpGet(), .tcpSocket(), ...)');
  }
  checkOptionalArray(at, 'containers', props.containers, 'container props')?.forEach((c, i) => checkObject(at, `containers[${i}]`, c, 'a container props object'));
  const metadata = checkOptionalObject(at, 'metadata', props.metadata, 'an ApiObjectMetadata object');
  checkOptionalString(at, 'metadata.name', metadata?.name, { nonEmpty: true });
  checkOptionalString(at, 'metadata.namespace', metadata?.namespace, { nonEmpty: true });
  checkOptionalStringMap(at, 'metadata.annotations', metadata?.annotations);
  if (props.serviceAccount !== undefined) checkObject(at, 'serviceAccount', props.serviceAccount, 'a kplus.IServiceAccount');
}

/** Names the preset derives from `metadata.name`, and the sidecars' names. */
function checkNames(at: string, props: LogCollectorDaemonSetProps, fail: (field: string, message: string) => DaemonSetsError) {
  const name = props.metadata?.name;
  const service = `${name}${METRICS_SERVICE_SUFFIX}`;
  if (props.serviceName !== undefined) {
    if (!DNS_1035_LABEL.test(props.serviceName) || props.serviceName.length > 63) {
      throw fail('serviceName', `'${props.serviceName}' is not a DNS-1035 label; a Service name is at most 63 lower-case alphanumerics or '-', starting with a letter and ending with an alphanumeric`);
    }
  } else if (name !== undefined && (!DNS_1035_LABEL.test(service) || service.length > 63)) {
    throw fail('metadata.name', `'${name}' would name the metrics Service '${service}', which is not a DNS-1035 label (at most 63 lower-case alphanumerics or '-', starting with a letter); use a name of at most ${63 - METRICS_SERVICE_SUFFIX.length} such characters, without '.'`);
  }
  if (props.configMapName !== undefined) {
    const problem = checkDns1123Subdomain(props.configMapName);
    if (problem) throw fail('configMapName', `'${props.configMapName}' ${problem}`);
  }
  // ValidateRBACName (pkg/apis/rbac/validation): a ClusterRole's or ClusterRoleBinding's name is a path segment.
  for (const field of ['clusterRoleName', 'clusterRoleBindingName'] as const) {
    const problem = props[field] !== undefined ? checkPathSegmentName(props[field]!) : undefined;
    if (problem) throw fail(field, `'${props[field]}' is not an RBAC name: it ${problem} (a ClusterRole or ClusterRoleBinding name is a URL path segment, e.g. 'fluent-bit' or 'system:fluent-bit')`);
  }
  // The files are keys of the collector's ConfigMap: the API server's rule for them (ValidateConfigMap).
  const parsersProblem = props.parsersFileName !== undefined ? configKeyProblem(props.parsersFileName) : undefined;
  if (parsersProblem) throw fail('parsersFileName', `'${props.parsersFileName}' is not a ConfigMap key: it ${parsersProblem} (e.g. 'custom_parsers.conf')`);
  for (const file of Object.keys(props.configFiles ?? {})) {
    const problem = configKeyProblem(file);
    if (problem) throw fail('configFiles', `'${file}' is not a ConfigMap key: it ${problem} (e.g. 'scripts.lua')`);
  }
  (props.containers ?? []).forEach((c, i) => {
    if (c.name === 'fluent-bit' || c.name === 'config-reloader') {
      throw fail('containers', `a sidecar may not be named '${c.name}', which the preset uses`);
    }
    checkString(at, `containers[${i}].name`, c.name, { nonEmpty: true });
  });
}

function checkDirectories(props: LogCollectorDaemonSetProps, fail: (field: string, message: string) => DaemonSetsError) {
  for (const [field, dir] of [['stateDirectory', props.stateDirectory], ['systemdJournalPath', props.systemdJournalPath]] as const) {
    if (dir === undefined) continue;
    const problem = checkAbsolutePath(dir);
    if (problem) throw fail(field, `'${dir}' ${problem}`);
    if (dir === '/' || /[\s,]/.test(dir) || checkValue(dir)) throw fail(field, `'${dir}' must be a dedicated directory without blanks or commas, e.g. '/var/lib/fluent-bit'`);
  }
  const state = props.stateDirectory;
  if (state !== undefined && (state === '/var/log' || state.startsWith('/var/log/'))) {
    throw fail('stateDirectory', `'${state}' is inside /var/log, which is mounted read-only; use a directory of its own such as '/var/lib/fluent-bit'`);
  }
}

function checkRanges(props: LogCollectorDaemonSetProps, fail: (field: string, message: string) => DaemonSetsError) {
  if (props.metricsPort !== undefined && (!Number.isInteger(props.metricsPort) || props.metricsPort < 1 || props.metricsPort > 65535)) {
    throw fail('metricsPort', `${props.metricsPort} is out of range; a port is an integer from 1 to 65535`);
  }
  if (props.maxChunksUp !== undefined && (!Number.isInteger(props.maxChunksUp) || props.maxChunksUp < 1 || props.maxChunksUp > MAX_INT32)) {
    throw fail('maxChunksUp', `${props.maxChunksUp} must be a positive integer, at most ${MAX_INT32}`);
  }
  for (const [field, d, min] of [['flushInterval', props.flushInterval, 0.001], ['refreshInterval', props.refreshInterval, 1]] as const) {
    if (d !== undefined && d.toMilliseconds() < min * 1000) throw fail(field, `${d.toMilliseconds()}ms is too short; use at least ${min * 1000}ms`);
  }
  if (props.refreshInterval !== undefined && props.refreshInterval.toMilliseconds() % 1000 !== 0) {
    throw fail('refreshInterval', `${props.refreshInterval.toMilliseconds()}ms is not a whole number of seconds, which Refresh_Interval needs`);
  }
  const scrape = props.scrapeInterval?.toMilliseconds();
  if (scrape !== undefined && (scrape < 1000 || scrape % 1000 !== 0)) {
    throw fail('scrapeInterval', `${scrape}ms must be a whole number of seconds, at least 1`);
  }
}

/** `serviceProperties`: keys and values fluent-bit can read, and an HTTP server where the probes and scrapers look. */
function checkServiceProperties(at: string, props: LogCollectorDaemonSetProps, fail: (field: string, message: string) => DaemonSetsError) {
  checkOptionalBoolean(at, 'replaceServiceProperties', props.replaceServiceProperties);
  const list = checkOptionalArray<FluentBitProperty>(at, 'serviceProperties', props.serviceProperties, 'FluentBitProperty values ({ key, value })');
  const replace = props.replaceServiceProperties ?? false;
  if (list === undefined) {
    if (replace) throw fail('replaceServiceProperties', 'is true but no serviceProperties are given; give the [SERVICE] section\'s properties or drop it');
    return;
  }
  const seen = new Set<string>();
  list.forEach((x, i) => {
    const field = `serviceProperties[${i}]`;
    checkObject(at, field, x, 'a FluentBitProperty ({ key, value })');
    checkString(at, `${field}.key`, x.key);
    checkString(at, `${field}.value`, x.value);
    const problem = checkKey(x.key) ?? (checkValue(x.value) && `has value ${JSON.stringify(x.value)}, which ${checkValue(x.value)}`);
    if (problem) throw fail(field, `key '${x.key}' ${problem}`);
    const key = x.key.toLowerCase();
    if (!replace && key === 'parsers_file') throw fail(field, 'Parsers_File is written from parsers; set replaceServiceProperties: true to write the section yourself');
    if (!replace && seen.has(key)) throw fail(field, `key '${x.key}' is given twice; merged properties set each key once (set replaceServiceProperties: true to repeat one)`);
    seen.add(key);
  });
  const last = (key: string) => [...list].reverse().find(x => x.key.toLowerCase() === key)?.value;
  const server = last('http_server');
  if ((server !== undefined || replace) && !/^(on|true|yes|1)$/i.test(server ?? '')) {
    throw fail('serviceProperties', `HTTP_Server is ${server === undefined ? 'not set (fluent-bit\'s default is Off)' : `'${server}'`}; the probes, the metrics Service and the reloader need it On`);
  }
  const port = last('http_port') ?? (replace ? '2020' : undefined);
  const metricsPort = String(props.metricsPort ?? 2020);
  if (port !== undefined && port !== metricsPort) {
    throw fail('serviceProperties', `HTTP_Port is ${port}${last('http_port') === undefined ? ' (fluent-bit\'s default)' : ''}, but metricsPort is ${metricsPort}; set metricsPort: ${port} or HTTP_Port ${metricsPort}`);
  }
  if (replace && (props.filesystemBuffering ?? true) && last('storage.path') === undefined) {
    throw fail('serviceProperties', 'sets no storage.path, which filesystem buffering needs; add storage.path (e.g. /var/lib/fluent-bit/buffer) or set filesystemBuffering: false');
  }
}

function checkMonitoring(props: LogCollectorDaemonSetProps, fail: (field: string, message: string) => DaemonSetsError) {
  if (props.serviceMonitor && props.podMonitor) {
    throw fail('podMonitor', 'serviceMonitor and podMonitor are both set, which would scrape every pod twice; choose one');
  }
  // `monitor` and the older switches must agree when both are given.
  for (const [field, kind] of [['serviceMonitor', 'ServiceMonitor'], ['podMonitor', 'PodMonitor']] as const) {
    if (props[field] && props.monitor !== undefined && props.monitor !== kind) {
      throw fail(field, `is true but monitor is ${props.monitor}; set one of them`);
    }
  }
  const monitored = props.monitor !== undefined ? props.monitor !== 'None' : props.serviceMonitor || props.podMonitor;
  if (props.scrapeInterval !== undefined && !monitored) {
    throw fail('scrapeInterval', 'is set but neither serviceMonitor nor podMonitor is; set one of them');
  }
  for (const [k, v] of Object.entries(props.monitorLabels ?? {})) {
    const kp = checkQualifiedName(k);
    if (kp) throw fail('monitorLabels', `label key '${k}' ${kp}`);
    const vp = checkLabelValue(v);
    if (vp) throw fail('monitorLabels', `label '${k}' value '${v}' ${vp}`);
  }
  const mergeLogKey = props.kubernetesMetadata?.mergeLogKey;
  if (mergeLogKey !== undefined && (checkValue(mergeLogKey) || /\s/.test(mergeLogKey))) {
    throw fail('kubernetesMetadata.mergeLogKey', `'${mergeLogKey}' must be a single word such as 'app'`);
  }
}
