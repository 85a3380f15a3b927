import { createHash } from 'crypto';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { NodePlacement } from '../../src/placement';
import { FluentBitSection } from '../../src/presets/fluent-bit-config';
import {
  ContainerRuntime, FluentBitLogLevel, HttpOutputFormat, LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogOutput,
  LokiLineFormat, StdoutOutputFormat,
} from '../../src/presets/log-collector';
import { HealthProbe } from '../../src/probe';
import { DaemonSetServiceType } from '../../src/service';
import { DaemonSetUpdateStrategy } from '../../src/update-strategy';

// ---------------------------------------------------------------------------
// helpers
// ---------------------------------------------------------------------------

const SECRET_VALUE = 'S3cr3t-Value-Do-Not-Leak!';
const CHECKSUM = 'checksum.daemonsets.cdk8s.io';

function newChart(namespace = 'logging'): Chart {
  return new Chart(Testing.app(), 'logging', { namespace, disableResourceNameHashes: true });
}

function es(): LogOutput {
  return LogOutput.elasticsearch({ host: 'es.logging.svc' });
}

function build(overrides: Partial<LogCollectorDaemonSetProps> = {}, chart = newChart()) {
  const ds = new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()], ...overrides });
  const objects = Testing.synth(chart);
  return { chart, ds, objects, ...views(objects) };
}

function views(objects: any[]) {
  const ds = only(objects, 'DaemonSet');
  const podSpec = ds.spec.template.spec;
  const container = podSpec.containers.find((c: any) => c.name === 'fluent-bit');
  const configMap = objects.find(o => o.kind === 'ConfigMap' && o.data?.['fluent-bit.conf'] !== undefined);
  return { daemonSet: ds, podSpec, container, configMap, config: parseClassic(configMap.data['fluent-bit.conf']) };
}

function only(objects: any[], kind: string): any {
  const found = objects.filter(o => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

type Section = { kind: string; entries: [string, string][] };

/** The classic-format reader (the same grammar as in fluent-bit-config.test.ts). */
function parseClassic(text: string): Section[] {
  const sections: Section[] = [];
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trimEnd();
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const header = /^\[([A-Z_]+)\]$/.exec(line);
    if (header) {
      sections.push({ kind: header[1], entries: [] });
      continue;
    }
    const entry = /^\s+(\S+)\s+(\S.*)$/.exec(line);
    if (!entry) throw new Error(`line ${i + 1} is not a section header or an indented 'key value' line: ${JSON.stringify(raw)}`);
    if (sections.length === 0) throw new Error(`line ${i + 1} is outside any section`);
    sections[sections.length - 1].entries.push([entry[1], entry[2]]);
  }
  return sections;
}

/** A section of the parsed config by kind and plugin name (the nth one, default first). */
function section(config: Section[], kind: string, name?: string, nth = 0): Section {
  const found = config.filter(s => s.kind === kind && (name === undefined || s.entries.some(([k, v]) => k.toLowerCase() === 'name' && v === name)));
  if (!found[nth]) throw new Error(`no ${nth + 1}. [${kind}] ${name ?? ''} section in ${JSON.stringify(config)}`);
  return found[nth];
}

/** The section's entries as an object; repeated keys become arrays. */
function props(s: Section): { [key: string]: string | string[] } {
  const out: { [key: string]: string | string[] } = {};
  for (const [k, v] of s.entries) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

/**
 * Key names from fluent-bit's documentation (lower case; fluent-bit keys are case-insensitive):
 * the classic configuration file (service, input/filter/output base keys), buffering and
 * storage, monitoring (health check), hot reload, and each plugin's page.
 */
const DOCUMENTED_KEYS: { [section: string]: string[] } = {
  'SERVICE': ['flush', 'grace', 'daemon', 'dns.mode', 'log_file', 'log_level', 'parsers_file', 'plugins_file', 'streams_file', 'http_server', 'http_listen',
    'http_port', 'coro_stack_size', 'scheduler.cap', 'scheduler.base', 'health_check', 'hc_errors_count', 'hc_retry_failure_count', 'hc_period', 'hot_reload',
    'storage.path', 'storage.sync', 'storage.checksum', 'storage.max_chunks_up', 'storage.backlog.mem_limit', 'storage.metrics', 'storage.delete_irrecoverable_chunks'],
  'INPUT': ['name', 'tag', 'alias', 'log_level', 'mem_buf_limit', 'storage.type', 'threaded'],
  'INPUT tail': ['path', 'exclude_path', 'path_key', 'offset_key', 'multiline.parser', 'parser', 'db', 'db.locking', 'db.sync', 'db.journal_mode', 'read_from_head',
    'refresh_interval', 'rotate_wait', 'ignore_older', 'skip_long_lines', 'skip_empty_lines', 'buffer_chunk_size', 'buffer_max_size', 'key'],
  'INPUT systemd': ['path', 'max_fields', 'max_entries', 'systemd_filter', 'systemd_filter_type', 'db', 'db.sync', 'read_from_tail', 'lowercase', 'strip_underscores'],
  'FILTER': ['name', 'match', 'match_regex', 'alias', 'log_level'],
  'FILTER kubernetes': ['buffer_size', 'kube_url', 'kube_ca_file', 'kube_token_file', 'kube_tag_prefix', 'merge_log', 'merge_log_key', 'merge_log_trim', 'merge_parser',
    'keep_log', 'tls.verify', 'k8s-logging.parser', 'k8s-logging.exclude', 'labels', 'annotations', 'use_kubelet', 'kubelet_port', 'kubelet_host', 'namespace_labels',
    'namespace_annotations', 'owner_references'],
  'FILTER grep': ['regex', 'exclude', 'logical_op'],
  'OUTPUT': ['name', 'match', 'match_regex', 'alias', 'log_level', 'retry_limit', 'storage.total_limit_size', 'workers'],
  'OUTPUT es': ['host', 'port', 'path', 'compress', 'buffer_size', 'pipeline', 'cloud_id', 'cloud_auth', 'http_user', 'http_passwd', 'http_api_key', 'index', 'type',
    'logstash_format', 'logstash_prefix', 'logstash_prefix_key', 'logstash_dateformat', 'time_key', 'include_tag_key', 'tag_key', 'generate_id', 'id_key',
    'write_operation', 'replace_dots', 'trace_output', 'trace_error', 'current_time_index', 'suppress_type_name', 'tls', 'tls.verify', 'tls.ca_file'],
  'OUTPUT loki': ['host', 'uri', 'port', 'tls', 'tls.verify', 'http_user', 'http_passwd', 'bearer_token', 'header', 'tenant_id', 'labels', 'label_keys', 'label_map_path',
    'structured_metadata', 'remove_keys', 'drop_single_key', 'line_format', 'auto_kubernetes_labels', 'tenant_id_key', 'compress'],
  'OUTPUT forward': ['host', 'port', 'time_as_integer', 'upstream', 'unix_path', 'tag', 'send_options', 'require_ack_response', 'compress', 'shared_key',
    'empty_shared_key', 'username', 'password', 'self_hostname', 'tls', 'tls.verify', 'tls.ca_file'],
  'OUTPUT http': ['host', 'http_user', 'http_passwd', 'port', 'proxy', 'uri', 'compress', 'format', 'allow_duplicated_headers', 'log_response_payload', 'header_tag',
    'header', 'json_date_key', 'json_date_format', 'tls', 'tls.verify'],
  'OUTPUT stdout': ['format', 'json_date_key', 'json_date_format'],
  'OUTPUT kafka': ['brokers', 'topics', 'format', 'rdkafka.sasl.username', 'rdkafka.sasl.password', 'rdkafka.security.protocol', 'rdkafka.sasl.mechanism'],
};

/** Every key of every section is documented for that section kind and plugin; Name/Match/Tag are where they must be. */
function expectDocumentedKeys(config: Section[]) {
  for (const s of config) {
    const name = s.entries.find(([k]) => k.toLowerCase() === 'name')?.[1];
    const allowed = new Set([...DOCUMENTED_KEYS[s.kind] ?? [], ...DOCUMENTED_KEYS[`${s.kind} ${name}`] ?? []]);
    expect({ section: `${s.kind} ${name ?? ''}`, known: DOCUMENTED_KEYS[`${s.kind} ${name}`] !== undefined || s.kind === 'SERVICE' }).toEqual({ section: `${s.kind} ${name ?? ''}`, known: true });
    for (const [key] of s.entries) {
      expect({ section: `${s.kind} ${name}`, key, documented: allowed.has(key.toLowerCase()) }).toEqual({ section: `${s.kind} ${name}`, key, documented: true });
    }
    const keys = s.entries.map(([k]) => k.toLowerCase());
    if (s.kind !== 'SERVICE') expect(keys[0]).toBe('name');
    if (s.kind === 'FILTER' || s.kind === 'OUTPUT') expect(keys[1]).toBe('match');
    if (s.kind === 'INPUT') expect(keys).toContain('tag');
  }
}

function newSecret(chart: Chart): kplus.Secret {
  return new kplus.Secret(chart, 'credentials', { metadata: { name: 'log-credentials' }, stringData: { password: SECRET_VALUE, token: SECRET_VALUE, key: SECRET_VALUE } });
}

function secretRef(name: string, env: any[]): any {
  const found = env.find((e: any) => e.name === name);
  expect(found).toBeDefined();
  return found.valueFrom.secretKeyRef;
}

// ---------------------------------------------------------------------------
// Emitted objects
// ---------------------------------------------------------------------------

test('snapshot: defaults with one Elasticsearch output', () => {
  const { objects } = build();
  expect(objects).toMatchSnapshot();
});

test('emits DaemonSet, ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap and metrics Service, all labelled', () => {
  const { objects } = build();
  expect(objects.map(o => o.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'DaemonSet', 'Service', 'ServiceAccount']);
  for (const o of objects) {
    expect(o.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'fluent-bit',
      'app.kubernetes.io/instance': 'logging-logs',
      'app.kubernetes.io/component': 'log-collector',
    });
  }
  for (const kind of ['DaemonSet', 'ConfigMap', 'Service', 'ServiceAccount']) expect(only(objects, kind).metadata.namespace).toBe('logging');
});

test('RBAC: get/list/watch on pods and namespaces only, bound to the collector\'s ServiceAccount', () => {
  const { objects, podSpec } = build();
  const role = only(objects, 'ClusterRole');
  expect(role.rules).toEqual([
    { apiGroups: [''], resources: ['pods'], resourceNames: [], verbs: ['get', 'list', 'watch'] },
    { apiGroups: [''], resources: ['namespaces'], resourceNames: [], verbs: ['get', 'list', 'watch'] },
  ]);
  const sa = only(objects, 'ServiceAccount');
  expect(podSpec.serviceAccountName).toBe(sa.metadata.name);
  expect(podSpec.automountServiceAccountToken).toBe(true);
  const binding = only(objects, 'ClusterRoleBinding');
  expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
  expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: sa.metadata.name, namespace: 'logging' }]);
});

test('RBAC: nodes (and nodes/proxy) and events are opt-in; rbac: false emits none and keeps a given account', () => {
  const { objects } = build({ rbacNodeAccess: true, rbacEventsAccess: true });
  const rules = only(objects, 'ClusterRole').rules;
  expect(rules.map((r: any) => r.resources[0])).toEqual(['pods', 'namespaces', 'nodes', 'nodes/proxy', 'events']);
  for (const r of rules) expect(r.verbs).toEqual(['get', 'list', 'watch']);

  const chart = newChart();
  const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'existing', 'platform-logs');
  const { objects: none, podSpec } = build({ rbac: false, serviceAccount: sa }, chart);
  expect(none.map(o => o.kind).sort()).toEqual(['ConfigMap', 'DaemonSet', 'Service']);
  expect(podSpec.serviceAccountName).toBe('platform-logs');
});

test('metadata.name names the ServiceAccount, ConfigMap and Service after the DaemonSet', () => {
  const { objects, podSpec } = build({ metadata: { name: 'fluent-bit' } });
  expect(only(objects, 'DaemonSet').metadata.name).toBe('fluent-bit');
  expect(only(objects, 'ServiceAccount').metadata.name).toBe('fluent-bit');
  expect(only(objects, 'ConfigMap').metadata.name).toBe('fluent-bit-config');
  expect(only(objects, 'Service').metadata.name).toBe('fluent-bit-metrics');
  expect(podSpec.volumes.find((v: any) => v.name === 'config').configMap.name).toBe('fluent-bit-config');
});

test('a namespace in metadata places every namespaced object there', () => {
  const { objects } = build({ metadata: { namespace: 'observability' } });
  for (const kind of ['DaemonSet', 'ConfigMap', 'Service', 'ServiceAccount']) expect(only(objects, kind).metadata.namespace).toBe('observability');
  expect(only(objects, 'ClusterRoleBinding').subjects[0].namespace).toBe('observability');
  expect(only(objects, 'DaemonSet').spec.template.metadata.annotations).toHaveProperty([`${CHECKSUM}/configmap-logging-logs-config`]);
});

test('metrics Service: headless, port 2020 named metrics, selecting the pods', () => {
  const { objects, daemonSet } = build();
  const svc = only(objects, 'Service');
  expect(svc.spec.type).toBe('ClusterIP');
  expect(svc.spec.clusterIP).toBe('None');
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 2020, targetPort: 2020, protocol: 'TCP' }]);
  expect(svc.spec.selector).toEqual(daemonSet.spec.selector.matchLabels);

  const nodePort = only(build({ serviceType: DaemonSetServiceType.NODE_PORT }).objects, 'Service');
  expect(nodePort.spec.type).toBe('NodePort');
  expect(nodePort.spec.clusterIP).toBeUndefined();
});

test('ServiceMonitor: scrapes /api/v2/metrics/prometheus on the metrics port of the Service', () => {
  const { objects } = build({ serviceMonitor: true, scrapeInterval: Duration.seconds(30), monitorLabels: { release: 'prometheus' } });
  const sm = only(objects, 'ServiceMonitor');
  const svc = only(objects, 'Service');
  expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(sm.metadata.namespace).toBe('logging');
  expect(sm.metadata.labels.release).toBe('prometheus');
  expect(sm.spec.endpoints).toEqual([{ port: 'metrics', path: '/api/v2/metrics/prometheus', interval: '30s' }]);
  for (const [k, v] of Object.entries(sm.spec.selector.matchLabels)) expect(svc.metadata.labels[k]).toBe(v);
  expect(objects.filter(o => o.kind === 'PodMonitor')).toHaveLength(0);
});

test('PodMonitor: selects the collector\'s pods by their labels', () => {
  const { objects, daemonSet } = build({ podMonitor: true });
  const pm = only(objects, 'PodMonitor');
  expect(pm.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/api/v2/metrics/prometheus' }]);
  for (const [k, v] of Object.entries(pm.spec.selector.matchLabels)) expect(daemonSet.spec.template.metadata.labels[k]).toBe(v);
  expect(objects.filter(o => o.kind === 'ServiceMonitor')).toHaveLength(0);
});

test('prometheus.io annotations are opt-in', () => {
  expect(build().daemonSet.spec.template.metadata.annotations).not.toHaveProperty(['prometheus.io/scrape']);
  const annotations = build({ prometheusAnnotations: true }).daemonSet.spec.template.metadata.annotations;
  expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '2020', 'prometheus.io/path': '/api/v2/metrics/prometheus' });
});

// ---------------------------------------------------------------------------
// DaemonSet defaults
// ---------------------------------------------------------------------------

test('defaults: pinned image, command, metrics port, probes with timings, requests and memory limit', () => {
  const { container } = build();
  expect(container.image).toBe('cr.fluentbit.io/fluent/fluent-bit:5.1.2');
  expect(container.image).toBe(LogCollectorDaemonSet.DEFAULT_IMAGE);
  expect(container.imagePullPolicy).toBe('IfNotPresent');
  expect(container.command).toEqual(['/fluent-bit/bin/fluent-bit']);
  expect(container.args).toEqual(['--config=/fluent-bit/etc/conf/fluent-bit.conf']);
  expect(container.ports).toEqual([{ containerPort: 2020, name: 'metrics', protocol: 'TCP' }]);
  expect(container.livenessProbe).toEqual({
    httpGet: { path: '/', port: 'metrics', scheme: 'HTTP' },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
  expect(container.readinessProbe).toEqual({
    httpGet: { path: '/api/v2/health', port: 'metrics', scheme: 'HTTP' },
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
  expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });
});

test('defaults: uid 0 without privileges: no escalation, drop ALL, read-only root, RuntimeDefault seccomp', () => {
  const { container, podSpec } = build();
  expect(container.securityContext).toEqual({
    runAsUser: 0,
    runAsGroup: 0,
    runAsNonRoot: false,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  expect(podSpec.securityContext).toEqual({ fsGroupChangePolicy: 'Always', runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } });
  expect(podSpec.hostNetwork).toBe(false);
  expect(podSpec.hostPID).toBeUndefined();
});

test('defaults: every node incl. control plane and NoExecute taints, Linux, system-node-critical, rolling update 10%', () => {
  const { podSpec, daemonSet } = build();
  expect(podSpec.tolerations).toEqual([{ operator: 'Exists' }]);
  expect(podSpec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  expect(podSpec.priorityClassName).toBe('system-node-critical');
  expect(daemonSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
});

test('defaults: /var/log and /etc/machine-id read-only, the state directory the only writable host path, no Docker directory', () => {
  const { container, podSpec } = build();
  expect(podSpec.volumes).toEqual([
    { name: 'config', configMap: { name: 'logging-logs-config' } },
    { name: 'host-var-log', hostPath: { path: '/var/log', type: 'Directory' } },
    { name: 'host-etc-machine-id', hostPath: { path: '/etc/machine-id', type: 'File' } },
    { name: 'host-var-lib-fluent-bit', hostPath: { path: '/var/lib/fluent-bit', type: 'DirectoryOrCreate' } },
  ]);
  expect(container.volumeMounts).toEqual([
    { name: 'config', mountPath: '/fluent-bit/etc/conf', readOnly: true },
    { name: 'host-var-log', mountPath: '/var/log', readOnly: true },
    { name: 'host-etc-machine-id', mountPath: '/etc/machine-id', readOnly: true },
    { name: 'host-var-lib-fluent-bit', mountPath: '/var/lib/fluent-bit', readOnly: false },
  ]);
  const writable = container.volumeMounts.filter((m: any) => m.readOnly !== true);
  expect(writable.map((m: any) => m.mountPath)).toEqual([LogCollectorDaemonSet.DEFAULT_STATE_DIRECTORY]);
  expect(JSON.stringify(podSpec)).not.toContain('/var/lib/docker');
});

test('container runtime: docker mounts /var/lib/docker/containers read-only and tries the docker parser first; CRI-O is like containerd', () => {
  const docker = build({ containerRuntime: ContainerRuntime.DOCKER });
  expect(docker.podSpec.volumes).toContainEqual({ name: 'host-var-lib-docker-containers', hostPath: { path: '/var/lib/docker/containers', type: 'Directory' } });
  expect(docker.container.volumeMounts).toContainEqual({ name: 'host-var-lib-docker-containers', mountPath: '/var/lib/docker/containers', readOnly: true });
  expect(props(section(docker.config, 'INPUT', 'tail'))['multiline.parser']).toBe('docker, cri');

  const crio = build({ containerRuntime: ContainerRuntime.CRI_O });
  expect(props(section(crio.config, 'INPUT', 'tail'))['multiline.parser']).toBe('cri, docker');
  expect(JSON.stringify(crio.podSpec)).not.toContain('/var/lib/docker');
});

// ---------------------------------------------------------------------------
// The rendered configuration
// ---------------------------------------------------------------------------

test('config: [SERVICE] with HTTP server on 2020, health check and filesystem storage in the state directory', () => {
  const { config } = build();
  expectDocumentedKeys(config);
  expect(config.map(s => s.kind)).toEqual(['SERVICE', 'INPUT', 'FILTER', 'OUTPUT']);
  expect(section(config, 'SERVICE').entries).toEqual([
    ['Daemon', 'Off'],
    ['Flush', '1'],
    ['Log_Level', 'info'],
    ['Parsers_File', '/fluent-bit/etc/parsers.conf'],
    ['HTTP_Server', 'On'],
    ['HTTP_Listen', '0.0.0.0'],
    ['HTTP_Port', '2020'],
    ['Health_Check', 'On'],
    ['storage.path', '/var/lib/fluent-bit/buffer'],
    ['storage.sync', 'normal'],
    ['storage.max_chunks_up', '128'],
    ['storage.metrics', 'On'],
  ]);
});

test('config: tail of /var/log/containers/*.log with cri and docker multiline parsers, a position DB and filesystem buffering', () => {
  const { config } = build();
  expect(section(config, 'INPUT', 'tail').entries).toEqual([
    ['Name', 'tail'],
    ['Alias', 'containers'],
    ['Tag', 'kube.*'],
    ['Path', '/var/log/containers/*.log'],
    ['multiline.parser', 'cri, docker'],
    ['DB', '/var/lib/fluent-bit/tail-containers.db'],
    ['DB.locking', 'true'],
    ['Read_from_Head', 'On'],
    ['Refresh_Interval', '10'],
    ['Skip_Long_Lines', 'On'],
    ['Mem_Buf_Limit', '5242880'],
    ['storage.type', 'filesystem'],
  ]);
  expect(config.filter(s => s.kind === 'INPUT')).toHaveLength(1);
});

test('config: kubernetes filter merges JSON logs, keeps labels, drops annotations, honours pod annotations', () => {
  const { config } = build();
  expect(section(config, 'FILTER', 'kubernetes').entries).toEqual([
    ['Name', 'kubernetes'],
    ['Match', 'kube.*'],
    ['Merge_Log', 'On'],
    ['Keep_Log', 'Off'],
    ['Labels', 'On'],
    ['Annotations', 'Off'],
    ['K8S-Logging.Parser', 'On'],
    ['K8S-Logging.Exclude', 'On'],
  ]);
});

test('config: kubernetes filter toggles', () => {
  const { config } = build({
    kubernetesMetadata: { mergeLog: false, mergeLogKey: 'app', keepLog: true, labels: false, annotations: true, allowPodParser: false, allowPodExclusion: false },
  });
  expectDocumentedKeys(config);
  expect(props(section(config, 'FILTER', 'kubernetes'))).toEqual({
    'Name': 'kubernetes',
    'Match': 'kube.*',
    'Merge_Log': 'Off',
    'Merge_Log_Key': 'app',
    'Keep_Log': 'On',
    'Labels': 'Off',
    'Annotations': 'On',
    'K8S-Logging.Parser': 'Off',
    'K8S-Logging.Exclude': 'Off',
  });
  expect(build({ kubernetesMetadata: { enabled: false } }).config.filter(s => s.kind === 'FILTER')).toHaveLength(0);
});

test('config: excluded namespaces never get read (Exclude_Path on the container log file names)', () => {
  const { config } = build({ excludeNamespaces: ['kube-system', 'logging'] });
  expect(props(section(config, 'INPUT', 'tail')).Exclude_Path).toBe('/var/log/containers/*_kube-system_*.log,/var/log/containers/*_logging_*.log');
});

test('config: systemd journal input (kubelet and the runtime) is opt-in', () => {
  const { config, container } = build({ systemdLogs: true });
  expectDocumentedKeys(config);
  expect(section(config, 'INPUT', 'systemd').entries).toEqual([
    ['Name', 'systemd'],
    ['Alias', 'systemd'],
    ['Tag', 'host.*'],
    ['Systemd_Filter', '_SYSTEMD_UNIT=kubelet.service'],
    ['Systemd_Filter', '_SYSTEMD_UNIT=containerd.service'],
    ['Read_From_Tail', 'On'],
    ['DB', '/var/lib/fluent-bit/systemd.db'],
    ['Mem_Buf_Limit', '5242880'],
    ['storage.type', 'filesystem'],
  ]);
  expect(container.volumeMounts.map((m: any) => m.mountPath)).not.toContain('/run/log/journal');

  const custom = build({ systemdLogs: true, systemdUnits: ['kubelet.service', 'sshd.service'], systemdJournalPath: '/run/log/journal', containerRuntime: ContainerRuntime.CRI_O });
  const systemd = props(section(custom.config, 'INPUT', 'systemd'));
  expect(systemd.Systemd_Filter).toEqual(['_SYSTEMD_UNIT=kubelet.service', '_SYSTEMD_UNIT=sshd.service']);
  expect(systemd.Path).toBe('/run/log/journal');
  expect(custom.container.volumeMounts).toContainEqual({ name: 'host-run-log-journal', mountPath: '/run/log/journal', readOnly: true });
  expect(props(section(build({ systemdLogs: true, containerRuntime: ContainerRuntime.DOCKER }).config, 'INPUT', 'systemd')).Systemd_Filter)
    .toEqual(['_SYSTEMD_UNIT=kubelet.service', '_SYSTEMD_UNIT=docker.service']);
});

test('config: buffering, state directory, intervals and log level are props', () => {
  const { config, container, podSpec } = build({
    stateDirectory: '/mnt/state/fluent-bit',
    filesystemBuffering: false,
    memBufLimit: Size.mebibytes(50),
    maxChunksUp: 32,
    readFromHead: false,
    refreshInterval: Duration.seconds(30),
    flushInterval: Duration.millis(500),
    logLevel: FluentBitLogLevel.WARN,
  });
  expectDocumentedKeys(config);
  const service = props(section(config, 'SERVICE'));
  expect(service).toMatchObject({ 'Flush': '0.5', 'Log_Level': 'warn', 'storage.path': '/mnt/state/fluent-bit/buffer', 'storage.max_chunks_up': '32' });
  const tail = props(section(config, 'INPUT', 'tail'));
  expect(tail).toMatchObject({ DB: '/mnt/state/fluent-bit/tail-containers.db', Read_from_Head: 'Off', Refresh_Interval: '30', Mem_Buf_Limit: '52428800' });
  expect(tail).not.toHaveProperty(['storage.type']);
  expect(props(section(config, 'OUTPUT', 'es'))).not.toHaveProperty(['storage.total_limit_size']);
  expect(podSpec.volumes).toContainEqual({ name: 'host-mnt-state-fluent-bit', hostPath: { path: '/mnt/state/fluent-bit', type: 'DirectoryOrCreate' } });
  expect(container.volumeMounts).toContainEqual({ name: 'host-mnt-state-fluent-bit', mountPath: '/mnt/state/fluent-bit', readOnly: false });
});

test('config: metricsPort moves the HTTP server, container port, probes and Service together', () => {
  const { config, container, objects } = build({ metricsPort: 2021 });
  expect(props(section(config, 'SERVICE')).HTTP_Port).toBe('2021');
  expect(container.ports).toEqual([{ containerPort: 2021, name: 'metrics', protocol: 'TCP' }]);
  expect(container.livenessProbe.httpGet.port).toBe('metrics');
  expect(only(objects, 'Service').spec.ports).toEqual([{ name: 'metrics', port: 2021, targetPort: 2021, protocol: 'TCP' }]);
});

test('config: extra filters follow the kubernetes filter; parsers go to parsers.conf, which [SERVICE] loads', () => {
  const { config, configMap } = build({
    filters: [FluentBitSection.filter('grep', 'kube.*', [{ key: 'Exclude', value: 'log ^healthz$' }])],
    parsers: [FluentBitSection.parser('nginx', [{ key: 'Format', value: 'regex' }, { key: 'Regex', value: '^(?<remote>[^ ]*) (?<rest>.*)$' }])],
  });
  expectDocumentedKeys(config);
  expect(config.filter(s => s.kind === 'FILTER').map(s => props(s).Name)).toEqual(['kubernetes', 'grep']);
  expect(props(section(config, 'SERVICE')).Parsers_File).toEqual(['/fluent-bit/etc/parsers.conf', '/fluent-bit/etc/conf/parsers.conf']);
  expect(parseClassic(configMap.data['parsers.conf'])).toEqual([
    { kind: 'PARSER', entries: [['Name', 'nginx'], ['Format', 'regex'], ['Regex', '^(?<remote>[^ ]*) (?<rest>.*)$']] },
  ]);
  expect(build().configMap.data).not.toHaveProperty(['parsers.conf']);
});

// ---------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------

test('output elasticsearch: defaults', () => {
  const { config } = build();
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'es').entries).toEqual([
    ['Name', 'es'],
    ['Match', '*'],
    ['Host', 'es.logging.svc'],
    ['Port', '9200'],
    ['Logstash_Format', 'On'],
    ['Suppress_Type_Name', 'On'],
    ['Replace_Dots', 'On'],
    ['Retry_Limit', 'no_limits'],
    ['storage.total_limit_size', '1073741824'],
  ]);
});

test('output elasticsearch: every option, password and API key from Secrets', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [
      LogOutput.elasticsearch({
        host: 'es.example.com',
        port: 443,
        path: '/es',
        index: 'k8s-logs',
        user: 'fluent',
        password: { secret, key: 'password' },
        suppressTypeName: false,
        replaceDots: false,
        generateId: true,
        tls: true,
        tlsVerify: false,
        compress: true,
        match: 'kube.*',
        alias: 'es-main',
        retryLimit: 5,
        bufferLimit: Size.mebibytes(512),
        workers: 4,
      }),
      LogOutput.elasticsearch({ host: 'es2.example.com', logstashPrefix: 'node', apiKey: { secret, key: 'key' }, retryLimit: 0, match: 'host.*' }),
    ],
  }, chart);
  expectDocumentedKeys(config);
  expect(props(section(config, 'OUTPUT', 'es', 0))).toEqual({
    'Name': 'es',
    'Match': 'kube.*',
    'Host': 'es.example.com',
    'Port': '443',
    'Path': '/es',
    'Index': 'k8s-logs',
    'Suppress_Type_Name': 'Off',
    'Replace_Dots': 'Off',
    'Generate_ID': 'On',
    'HTTP_User': 'fluent',
    'HTTP_Passwd': '${ES_PASSWORD}',
    'Compress': 'gzip',
    'tls': 'On',
    'tls.verify': 'Off',
    'Alias': 'es-main',
    'Retry_Limit': '5',
    'storage.total_limit_size': '536870912',
    'Workers': '4',
  });
  expect(props(section(config, 'OUTPUT', 'es', 1))).toEqual({
    'Name': 'es',
    'Match': 'host.*',
    'Host': 'es2.example.com',
    'Port': '9200',
    'Logstash_Format': 'On',
    'Logstash_Prefix': 'node',
    'Suppress_Type_Name': 'On',
    'Replace_Dots': 'On',
    'HTTP_API_Key': '${ES_2_API_KEY}',
    'Retry_Limit': 'no_retries',
    'storage.total_limit_size': '1073741824',
  });
  expect(secretRef('ES_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
  expect(secretRef('ES_2_API_KEY', container.env)).toEqual({ name: 'log-credentials', key: 'key' });
});

test('output loki: defaults and every option', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [
      LogOutput.loki({ host: 'loki-gateway.loki.svc' }),
      LogOutput.loki({
        host: 'logs.example.com',
        port: 443,
        uri: '/api/push',
        labels: { job: 'k8s', ns: '$kubernetes[\'namespace_name\']' },
        removeKeys: ['kubernetes', 'stream'],
        autoKubernetesLabels: true,
        lineFormat: LokiLineFormat.KEY_VALUE,
        tenantId: 'team-a',
        user: 'loki',
        password: { secret, key: 'password' },
        tls: true,
      }),
      LogOutput.loki({ host: 'loki.example.com', bearerToken: { secret, key: 'token' }, compress: true }),
    ],
  }, chart);
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'loki', 0).entries).toEqual([
    ['Name', 'loki'],
    ['Match', '*'],
    ['host', 'loki-gateway.loki.svc'],
    ['port', '3100'],
    ['labels', 'job=fluent-bit, namespace=$kubernetes[\'namespace_name\'], pod=$kubernetes[\'pod_name\'], container=$kubernetes[\'container_name\']'],
    ['auto_kubernetes_labels', 'Off'],
    ['line_format', 'json'],
    ['Retry_Limit', 'no_limits'],
    ['storage.total_limit_size', '1073741824'],
  ]);
  expect(props(section(config, 'OUTPUT', 'loki', 1))).toMatchObject({
    'port': '443',
    'uri': '/api/push',
    'labels': 'job=k8s, ns=$kubernetes[\'namespace_name\']',
    'remove_keys': 'kubernetes, stream',
    'auto_kubernetes_labels': 'On',
    'line_format': 'key_value',
    'tenant_id': 'team-a',
    'http_user': 'loki',
    'http_passwd': '${LOKI_2_PASSWORD}',
    'tls': 'On',
    'tls.verify': 'On',
  });
  expect(props(section(config, 'OUTPUT', 'loki', 2))).toMatchObject({ bearer_token: '${LOKI_3_BEARER_TOKEN}', compress: 'gzip' });
  expect(secretRef('LOKI_2_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
  expect(secretRef('LOKI_3_BEARER_TOKEN', container.env)).toEqual({ name: 'log-credentials', key: 'token' });
});

test('output forward: defaults and every option', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [
      LogOutput.forward({ host: 'fluentd.logging.svc' }),
      LogOutput.forward({
        host: 'aggregator.example.com',
        port: 24284,
        tag: 'k8s.logs',
        requireAckResponse: false,
        sharedKey: { secret, key: 'key' },
        selfHostname: 'node',
        username: 'fluent',
        password: { secret, key: 'password' },
        tls: true,
        compress: true,
      }),
    ],
  }, chart);
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'forward', 0).entries).toEqual([
    ['Name', 'forward'],
    ['Match', '*'],
    ['Host', 'fluentd.logging.svc'],
    ['Port', '24224'],
    ['Require_ack_response', 'On'],
    ['Retry_Limit', 'no_limits'],
    ['storage.total_limit_size', '1073741824'],
  ]);
  expect(props(section(config, 'OUTPUT', 'forward', 1))).toMatchObject({
    'Port': '24284',
    'Tag': 'k8s.logs',
    'Require_ack_response': 'Off',
    'Shared_Key': '${FORWARD_2_SHARED_KEY}',
    'Self_Hostname': 'node',
    'Username': 'fluent',
    'Password': '${FORWARD_2_PASSWORD}',
    'Compress': 'gzip',
    'tls': 'On',
    'tls.verify': 'On',
  });
  expect(secretRef('FORWARD_2_SHARED_KEY', container.env)).toEqual({ name: 'log-credentials', key: 'key' });
  expect(secretRef('FORWARD_2_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
});

test('output http: defaults and every option', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [
      LogOutput.http({ host: 'collector.example.com' }),
      LogOutput.http({
        host: 'collector.example.com',
        tls: true,
        uri: '/v1/logs',
        format: HttpOutputFormat.JSON,
        headers: { 'X-Tenant': 'team-a' },
        bearerToken: { secret, key: 'token' },
      }),
      LogOutput.http({ host: '10.0.0.5', port: 8080, user: 'fluent', password: { secret, key: 'password' }, format: HttpOutputFormat.MSGPACK }),
    ],
  }, chart);
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'http', 0).entries).toEqual([
    ['Name', 'http'],
    ['Match', '*'],
    ['Host', 'collector.example.com'],
    ['Port', '80'],
    ['URI', '/'],
    ['Format', 'json_lines'],
    ['Retry_Limit', 'no_limits'],
    ['storage.total_limit_size', '1073741824'],
  ]);
  expect(props(section(config, 'OUTPUT', 'http', 1))).toMatchObject({
    Port: '443', URI: '/v1/logs', Format: 'json', Header: ['X-Tenant team-a', 'Authorization Bearer ${HTTP_2_BEARER_TOKEN}'], tls: 'On',
  });
  expect(props(section(config, 'OUTPUT', 'http', 2))).toMatchObject({ Host: '10.0.0.5', Port: '8080', Format: 'msgpack', HTTP_User: 'fluent', HTTP_Passwd: '${HTTP_3_PASSWORD}' });
  expect(secretRef('HTTP_2_BEARER_TOKEN', container.env)).toEqual({ name: 'log-credentials', key: 'token' });
  expect(secretRef('HTTP_3_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
});

test('output stdout: JSON lines, and the collector\'s own log files are left out so it never reads what it prints', () => {
  const { config } = build({ outputs: [LogOutput.stdout()] });
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'stdout').entries).toEqual([['Name', 'stdout'], ['Match', '*'], ['Format', 'json_lines']]);
  expect(props(section(config, 'INPUT', 'tail')).Exclude_Path).toBe('/var/log/containers/logging-logs-*_logging_fluent-bit-*.log');

  const msgpack = build({ outputs: [LogOutput.stdout({ format: StdoutOutputFormat.MSGPACK, match: 'host.*' })], excludeNamespaces: ['kube-system'] }).config;
  expect(props(section(msgpack, 'OUTPUT', 'stdout'))).toEqual({ Name: 'stdout', Match: 'host.*', Format: 'msgpack' });
  expect(props(section(msgpack, 'INPUT', 'tail')).Exclude_Path).toBe('/var/log/containers/*_kube-system_*.log,/var/log/containers/logging-logs-*_logging_fluent-bit-*.log');
});

test('output raw: written exactly as given, secrets through secretEnv', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [LogOutput.raw(FluentBitSection.output('kafka', 'kube.*', [
      { key: 'Brokers', value: 'kafka-0.kafka:9092' },
      { key: 'Topics', value: 'k8s-logs' },
      { key: 'rdkafka.sasl.username', value: 'fluent' },
      { key: 'rdkafka.sasl.password', value: '${KAFKA_PASSWORD}' },
    ]), { secretEnv: [{ name: 'KAFKA_PASSWORD', value: { secret, key: 'password' } }] })],
  }, chart);
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'kafka').entries).toEqual([
    ['Name', 'kafka'], ['Match', 'kube.*'], ['Brokers', 'kafka-0.kafka:9092'], ['Topics', 'k8s-logs'],
    ['rdkafka.sasl.username', 'fluent'], ['rdkafka.sasl.password', '${KAFKA_PASSWORD}'],
  ]);
  expect(secretRef('KAFKA_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
});

test('secrets never reach the ConfigMap or any object but the Secret itself', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const ref = (key: string) => ({ secret, key });
  new LogCollectorDaemonSet(chart, 'logs', {
    outputs: [
      LogOutput.elasticsearch({ host: 'es.logging.svc', user: 'fluent', password: ref('password') }),
      LogOutput.elasticsearch({ host: 'es2.logging.svc', apiKey: ref('key') }),
      LogOutput.loki({ host: 'loki.logging.svc', user: 'loki', password: ref('password') }),
      LogOutput.loki({ host: 'loki2.logging.svc', bearerToken: ref('token') }),
      LogOutput.forward({ host: 'fluentd.logging.svc', sharedKey: ref('key'), username: 'fluent', password: ref('password') }),
      LogOutput.http({ host: 'collector.logging.svc', bearerToken: ref('token') }),
      LogOutput.http({ host: 'collector2.logging.svc', user: 'u', password: ref('password') }),
    ],
    hotReload: true,
  });
  const objects = Testing.synth(chart);
  const secrets = objects.filter(o => o.kind === 'Secret');
  expect(secrets).toHaveLength(1);
  expect(JSON.stringify(secrets[0])).toContain(SECRET_VALUE);
  for (const o of objects.filter(x => x.kind !== 'Secret')) {
    expect({ kind: o.kind, leaks: JSON.stringify(o).includes(SECRET_VALUE) }).toEqual({ kind: o.kind, leaks: false });
  }
  const { container, configMap } = views(objects);
  const conf: string = configMap.data['fluent-bit.conf'];
  const refs = [...conf.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(m => m[1]);
  expect(refs).toEqual(['ES_PASSWORD', 'ES_2_API_KEY', 'LOKI_PASSWORD', 'LOKI_2_BEARER_TOKEN', 'FORWARD_SHARED_KEY', 'FORWARD_PASSWORD', 'HTTP_BEARER_TOKEN', 'HTTP_2_PASSWORD']);
  for (const name of refs) expect(secretRef(name, container.env).name).toBe('log-credentials');
  expectDocumentedKeys(parseClassic(conf));
});

// ---------------------------------------------------------------------------
// Config changes roll the pods (or hot-reload)
// ---------------------------------------------------------------------------

test('checksum: the pod template carries the ConfigMap\'s checksum, and editing the config changes it', () => {
  const annotation = `${CHECKSUM}/configmap-logging-logs-config`;
  const a = build({ logLevel: FluentBitLogLevel.INFO });
  const sum = a.daemonSet.spec.template.metadata.annotations[annotation];
  const expected = createHash('sha256').update(JSON.stringify({ data: a.configMap.data, binaryData: a.configMap.binaryData, stringData: a.configMap.stringData })).digest('hex');
  expect(sum).toBe(expected);
  expect(build({ logLevel: FluentBitLogLevel.INFO }).daemonSet.spec.template.metadata.annotations[annotation]).toBe(sum);
  expect(build({ logLevel: FluentBitLogLevel.DEBUG }).daemonSet.spec.template.metadata.annotations[annotation]).not.toBe(sum);
  expect(build({ outputs: [LogOutput.elasticsearch({ host: 'es-new.logging.svc' })] }).daemonSet.spec.template.metadata.annotations[annotation]).not.toBe(sum);
});

test('checksum: outputs added after construction reach the config and the checksum', () => {
  const chart = newChart();
  const ds = new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()] });
  const before = views(Testing.synth(chart)).daemonSet.spec.template.metadata.annotations[`${CHECKSUM}/configmap-logging-logs-config`];
  ds.addOutput(LogOutput.loki({ host: 'loki.logging.svc' }));
  ds.addFilter(FluentBitSection.filter('grep', 'kube.*', [{ key: 'Exclude', value: 'log ^$' }]));
  const after = views(Testing.synth(chart));
  expect(after.config.filter(s => s.kind === 'OUTPUT').map(s => props(s).Name)).toEqual(['es', 'loki']);
  expect(after.config.filter(s => s.kind === 'FILTER').map(s => props(s).Name)).toEqual(['kubernetes', 'grep']);
  expect(after.daemonSet.spec.template.metadata.annotations[`${CHECKSUM}/configmap-logging-logs-config`]).not.toBe(before);
  expect(ds.outputs.map(o => o.plugin)).toEqual(['es', 'loki']);
  expect(ds.fluentBitConfig).toBe(after.configMap.data['fluent-bit.conf']);
});

test('hot reload: Hot_Reload On, a configmap-reload sidecar, no ConfigMap checksum, Secret checksums kept', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, podSpec, daemonSet } = build({
    hotReload: true,
    outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', user: 'fluent', password: { secret, key: 'password' } })],
  }, chart);
  expect(props(section(config, 'SERVICE')).Hot_Reload).toBe('On');
  expectDocumentedKeys(config);
  const reloader = podSpec.containers.find((c: any) => c.name === 'config-reloader');
  expect(reloader.image).toBe(LogCollectorDaemonSet.DEFAULT_RELOADER_IMAGE);
  expect(reloader.args).toEqual(['--webhook-url=http://localhost:2020/api/v2/reload', '--volume-dir=/watch/config']);
  expect(reloader.volumeMounts).toEqual([{ name: 'config', mountPath: '/watch/config', readOnly: true }]);
  expect(reloader.securityContext).toEqual({
    runAsUser: 65532, runAsGroup: 65532, runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
  });
  expect(reloader.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } });
  const annotations = daemonSet.spec.template.metadata.annotations;
  expect(Object.keys(annotations).filter(k => k.startsWith(CHECKSUM))).toEqual([`${CHECKSUM}/secret-log-credentials`]);

  const noSums = build({ hotReload: true, configChecksums: false, outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', user: 'u', password: { secret: newSecret(newChart()), key: 'password' } })] });
  expect(noSums.daemonSet.spec.template.metadata.annotations ?? {}).toEqual({});
});

test('without hot reload, a Secret used by an output is checksummed too (rotating it rolls the pods)', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { daemonSet } = build({ outputs: [LogOutput.loki({ host: 'loki.logging.svc', bearerToken: { secret, key: 'token' } })] }, chart);
  expect(Object.keys(daemonSet.spec.template.metadata.annotations).sort()).toEqual([
    `${CHECKSUM}/configmap-logging-logs-config`, `${CHECKSUM}/secret-log-credentials`,
  ]);
});

// ---------------------------------------------------------------------------
// Every default can be overridden; the generic DaemonSet still works
// ---------------------------------------------------------------------------

test('overrides: image, resources, security context, probes, placement, priority and update strategy', () => {
  const { container, podSpec, daemonSet } = build({
    image: 'registry.example.com/mirror/fluent-bit:5.1.2',
    resources: { cpu: { request: kplus.Cpu.millis(200) }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(1024) } },
    containerSecurityContext: { readOnlyRootFilesystem: false },
    livenessProbe: HealthProbe.httpGet('/api/v1/health', { portName: 'metrics' }),
    readinessProbe: HealthProbe.tcpSocket({ portName: 'metrics' }),
    placement: [NodePlacement.controlPlaneToo()],
    priorityClassName: 'system-cluster-critical',
    updateStrategy: DaemonSetUpdateStrategy.onDelete(),
  });
  expect(container.image).toBe('registry.example.com/mirror/fluent-bit:5.1.2');
  expect(container.resources).toEqual({ requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '1024Mi' } });
  expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsUser: 0, allowPrivilegeEscalation: false });
  expect(container.livenessProbe).toEqual({ httpGet: { path: '/api/v1/health', port: 'metrics', scheme: 'HTTP' } });
  expect(container.readinessProbe).toEqual({ tcpSocket: { port: 'metrics' } });
  expect(podSpec.tolerations).toEqual([
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ]);
  expect(podSpec.nodeSelector).toBeUndefined();
  expect(podSpec.priorityClassName).toBe('system-cluster-critical');
  expect(daemonSet.spec.updateStrategy).toEqual({ type: 'OnDelete' });
});

test('the generic DaemonSet API still works on the preset: sidecars, host paths, node selectors', () => {
  const chart = newChart();
  const ds = new LogCollectorDaemonSet(chart, 'logs', {
    outputs: [es()],
    containers: [{ name: 'exporter', image: 'registry.example.com/fluent-bit-exporter:1.0.0' }],
  });
  ds.addHostPath('/var/log/audit', '/var/log/audit', { containers: ['fluent-bit'] });
  ds.addNodeSelector('node.kubernetes.io/instance-type', 'm5.large');
  const { podSpec, container } = views(Testing.synth(chart));
  expect(podSpec.containers.map((c: any) => c.name)).toEqual(['fluent-bit', 'exporter']);
  expect(container.volumeMounts).toContainEqual({ name: 'host-var-log-audit', mountPath: '/var/log/audit', readOnly: true });
  expect(podSpec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': 'm5.large' });
  expect(ds.fluentBitContainer.name).toBe('fluent-bit');
  expect(ds.stateDirectory).toBe('/var/lib/fluent-bit');
  expect(ds.containerRuntime).toBe(ContainerRuntime.CONTAINERD);
  expect(ds.metricsPort).toBe(2020);
  expect(ds.hotReload).toBe(false);
  expect(ds.clusterRole).toBeDefined();
  expect(ds.monitor).toBeUndefined();
  expect(ds.parsersConfig).toBeUndefined();
});

// ---------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------

test('bad props fail in the constructor, naming the construct, field, value and what is allowed', () => {
  const make = (p: Partial<LogCollectorDaemonSetProps>) => () => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], ...p });
  expect(make({ outputs: [] })).toThrow("LogCollectorDaemonSet 'logging/logs': outputs: no outputs are given; add at least one");
  expect(make({ image: 'Fluent/Fluent-Bit:latest' })).toThrow("LogCollectorDaemonSet 'logging/logs': image: 'Fluent/Fluent-Bit:latest' is not a valid image reference");
  expect(make({ reloaderImage: 'x:1' })).toThrow('reloaderImage: is set but hotReload is off');
  expect(make({ hotReload: true, reloaderImage: 'BAD IMAGE' })).toThrow("reloaderImage: 'BAD IMAGE' contains whitespace");
  expect(make({ excludeNamespaces: ['Kube_System'] })).toThrow("excludeNamespaces: namespace 'Kube_System' must consist of lower-case alphanumerics");
  expect(make({ stateDirectory: 'var/lib/fluent-bit' })).toThrow("stateDirectory: 'var/lib/fluent-bit' must be an absolute path");
  expect(make({ stateDirectory: '/' })).toThrow("stateDirectory: '/' must be a dedicated directory");
  expect(make({ stateDirectory: '/var/log/fluent-bit' })).toThrow("stateDirectory: '/var/log/fluent-bit' is inside /var/log, which is mounted read-only");
  expect(make({ systemdUnits: ['kubelet.service'] })).toThrow('systemdUnits: is set but systemdLogs is off');
  expect(make({ systemdLogs: true, systemdUnits: [] })).toThrow('systemdUnits: is empty');
  expect(make({ systemdLogs: true, systemdUnits: ['kubelet'] })).toThrow("systemdUnits: 'kubelet' is not a systemd unit name; use the full name such as 'kubelet.service'");
  expect(make({ systemdJournalPath: '/run/log/journal' })).toThrow('systemdJournalPath: is set but systemdLogs is off');
  expect(make({ metricsPort: 70000 })).toThrow('metricsPort: 70000 is out of range; a port is an integer from 1 to 65535');
  expect(make({ maxChunksUp: 0 })).toThrow('maxChunksUp: 0 must be a positive integer');
  expect(make({ refreshInterval: Duration.millis(1500) })).toThrow('refreshInterval: 1500ms is not a whole number of seconds');
  expect(make({ flushInterval: Duration.millis(0) })).toThrow('flushInterval: 0ms is too short');
  expect(make({ serviceMonitor: true, podMonitor: true })).toThrow('podMonitor: serviceMonitor and podMonitor are both set');
  expect(make({ scrapeInterval: Duration.seconds(30) })).toThrow('scrapeInterval: is set but neither serviceMonitor nor podMonitor is');
  expect(make({ serviceMonitor: true, scrapeInterval: Duration.millis(1500) })).toThrow('scrapeInterval: 1500ms must be a whole number of seconds');
  expect(make({ monitorLabels: { 'bad key!': 'x' } })).toThrow("monitorLabels: label key 'bad key!'");
  expect(make({ monitorLabels: { release: 'not valid!' } })).toThrow("monitorLabels: label 'release' value 'not valid!'");
  expect(make({ kubernetesMetadata: { mergeLogKey: 'two words' } })).toThrow("kubernetesMetadata.mergeLogKey: 'two words' must be a single word");
  expect(make({ rbac: false, rbacNodeAccess: true })).toThrow('rbac: is false but rbacNodeAccess or rbacEventsAccess asks for permissions');
  expect(make({ containers: [{ name: 'fluent-bit', image: 'x:1' }] })).toThrow("containers: a sidecar may not be named 'fluent-bit'");
  expect(make({ metadata: { name: 'Fluent_Bit' } })).toThrow("DaemonSet 'logging/logs': metadata.name: 'Fluent_Bit'");
});

test('bad outputs fail in the factory, naming it, the field, the value and what is allowed', () => {
  const secret = kplus.Secret.fromSecretName(newChart(), 's', 's');
  const ref = { secret, key: 'k' };
  expect(() => LogOutput.elasticsearch({ host: 'https://es.example.com' })).toThrow("LogOutput.elasticsearch: host 'https://es.example.com' includes a scheme; give the host name only");
  expect(() => LogOutput.elasticsearch({ host: 'es:9200' })).toThrow("LogOutput.elasticsearch: host 'es:9200' is not a host name or IP address");
  expect(() => LogOutput.elasticsearch({ host: 'es', port: 0 })).toThrow('LogOutput.elasticsearch: port 0 is out of range');
  expect(() => LogOutput.elasticsearch({ host: 'es', index: 'a', logstashPrefix: 'b' })).toThrow("index 'a' and logstashPrefix 'b' are both set");
  expect(() => LogOutput.elasticsearch({ host: 'es', password: ref })).toThrow('LogOutput.elasticsearch: password is set without user');
  expect(() => LogOutput.elasticsearch({ host: 'es', user: 'u', apiKey: ref })).toThrow("user 'u' and apiKey are both set");
  expect(() => LogOutput.elasticsearch({ host: 'es', path: 'es' })).toThrow("LogOutput.elasticsearch: path 'es' must start with '/'");
  expect(() => LogOutput.elasticsearch({ host: 'es', index: 'a\nb' })).toThrow('LogOutput.elasticsearch: index "a\\nb" spans several lines');
  expect(() => LogOutput.elasticsearch({ host: 'es', match: 'a b' })).toThrow("LogOutput.elasticsearch: match 'a b' is not a tag pattern");
  expect(() => LogOutput.elasticsearch({ host: 'es', alias: 'my alias' })).toThrow("LogOutput.elasticsearch: alias 'my alias' is not a plugin alias");
  expect(() => LogOutput.elasticsearch({ host: 'es', retryLimit: -1 })).toThrow('LogOutput.elasticsearch: retryLimit -1 must be a whole number of retries');
  expect(() => LogOutput.elasticsearch({ host: 'es', workers: 0 })).toThrow('LogOutput.elasticsearch: workers 0 must be a positive integer');
  expect(() => LogOutput.elasticsearch({ host: 'es', bufferLimit: Size.kibibytes(512) })).toThrow('LogOutput.elasticsearch: bufferLimit 512Ki is smaller than a fluent-bit chunk');
  expect(() => LogOutput.loki({ host: 'loki', labels: {} })).toThrow('LogOutput.loki: labels is empty');
  expect(() => LogOutput.loki({ host: 'loki', labels: { 'app-name': 'x' } })).toThrow("LogOutput.loki: label name 'app-name' is not a Loki label name");
  expect(() => LogOutput.loki({ host: 'loki', labels: { app: 'a,b' } })).toThrow("LogOutput.loki: label 'app' value 'a,b' is empty or contains blanks or commas");
  expect(() => LogOutput.loki({ host: 'loki', removeKeys: ['a b'] })).toThrow("LogOutput.loki: removeKeys entry 'a b'");
  expect(() => LogOutput.loki({ host: 'loki', uri: 'push' })).toThrow("LogOutput.loki: uri 'push' must start with '/'");
  expect(() => LogOutput.loki({ host: 'loki', password: ref })).toThrow('LogOutput.loki: password is set without user');
  expect(() => LogOutput.loki({ host: 'loki', user: 'u', bearerToken: ref })).toThrow("LogOutput.loki: user 'u' and bearerToken are both set");
  expect(() => LogOutput.forward({ host: 'fluentd', password: ref })).toThrow('LogOutput.forward: password is set without username');
  expect(() => LogOutput.forward({ host: 'fluentd', tag: 'a b' })).toThrow("LogOutput.forward: tag 'a b' contains blanks");
  expect(() => LogOutput.forward({ host: 'fluentd', port: 1.5 })).toThrow('LogOutput.forward: port 1.5 is out of range');
  expect(() => LogOutput.http({ host: 'c', headers: { 'Bad Header': 'x' } })).toThrow("LogOutput.http: header name 'Bad Header' is not a valid HTTP header name");
  expect(() => LogOutput.http({ host: 'c', headers: { Authorization: 'Basic x' }, bearerToken: ref })).toThrow('LogOutput.http: headers sets Authorization and bearerToken sets it too');
  expect(() => LogOutput.http({ host: 'c', uri: 'x' })).toThrow("LogOutput.http: uri 'x' must start with '/'");
  expect(() => LogOutput.http({ host: 'c', password: ref })).toThrow('LogOutput.http: password is set without user');
  expect(() => LogOutput.http({ host: 'c', user: 'u', bearerToken: ref })).toThrow("LogOutput.http: user 'u' and bearerToken are both set");
  expect(() => LogOutput.stdout({ match: '' })).toThrow("LogOutput.stdout: match '' is not a tag pattern");
  expect(() => LogOutput.raw(FluentBitSection.input('tail'))).toThrow('LogOutput.raw: the section is a [INPUT] section; an output needs FluentBitSection.output');
  expect(() => LogOutput.raw(FluentBitSection.output('kafka', '*'), { secretEnv: [{ name: '1BAD', value: ref }] })).toThrow("LogOutput.raw: secretEnv name '1BAD' must match");
  expect(() => LogOutput.raw(FluentBitSection.output('kafka', '*'), { secretEnv: [{ name: 'A', value: ref }, { name: 'A', value: ref }] })).toThrow("LogOutput.raw: secretEnv name 'A' is listed twice");
});

test('bad calls after construction fail naming the construct', () => {
  const ds = new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()] });
  expect(() => ds.addFilter(FluentBitSection.output('kafka', '*'))).toThrow("LogCollectorDaemonSet 'logging/logs': addFilter: the section is a [OUTPUT] section");
  expect(() => ds.addParser(FluentBitSection.filter('grep', '*'))).toThrow("LogCollectorDaemonSet 'logging/logs': addParser: the section is a [FILTER] section");
  const secret = kplus.Secret.fromSecretName(newChart(), 's', 's');
  const chart = newChart();
  const twice = new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.elasticsearch({ host: 'es', user: 'u', password: { secret, key: 'k' } })] });
  expect(() => twice.addOutput(LogOutput.raw(FluentBitSection.output('kafka', '*'), { secretEnv: [{ name: 'ES_PASSWORD', value: { secret, key: 'k' } }] })))
    .toThrow("LogCollectorDaemonSet 'logging/logs': addOutput: the kafka output needs env var 'ES_PASSWORD', which the fluent-bit container already defines");
});

test('synthesis fails on ${VAR} references no env var defines, and on two collectors sharing a state directory', () => {
  const chart = newChart();
  new LogCollectorDaemonSet(chart, 'logs', {
    outputs: [LogOutput.raw(FluentBitSection.output('kafka', '*', [{ key: 'rdkafka.sasl.password', value: '${KAFKA_PASWORD}' }]))],
  });
  expect(() => Testing.synth(chart)).toThrow("LogCollectorDaemonSet 'logging/logs': the fluent-bit configuration references ${KAFKA_PASWORD}, which is not an env var of the fluent-bit container");

  const chart2 = newChart();
  new LogCollectorDaemonSet(chart2, 'a', { outputs: [es()] });
  new LogCollectorDaemonSet(chart2, 'b', { outputs: [es()] });
  expect(() => Testing.synth(chart2)).toThrow("LogCollectorDaemonSet 'logging/a': stateDirectory '/var/lib/fluent-bit' is also used by 'logging/b'");

  const chart3 = newChart();
  new LogCollectorDaemonSet(chart3, 'a', { outputs: [es()] });
  new LogCollectorDaemonSet(chart3, 'b', { outputs: [es()], stateDirectory: '/var/lib/fluent-bit-b' });
  expect(() => Testing.synth(chart3)).not.toThrow();
});

test('enum values are fluent-bit\'s spellings', () => {
  expect(Object.values(ContainerRuntime)).toEqual(['containerd', 'cri-o', 'docker']);
  expect(Object.values(FluentBitLogLevel)).toEqual(['off', 'error', 'warn', 'info', 'debug', 'trace']);
  expect(Object.values(HttpOutputFormat)).toEqual(['json', 'json_lines', 'json_stream', 'msgpack', 'gelf']);
  expect(Object.values(StdoutOutputFormat)).toEqual(['json_lines', 'json', 'msgpack']);
  expect(Object.values(LokiLineFormat)).toEqual(['json', 'key_value']);
});

test('the host access fluent-bit needs is documented as suppressions with reasons', () => {
  const chart = Testing.chart();
  new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.stdout()] });
  const ds = Testing.synth(chart).find(o => o.kind === 'DaemonSet');
  expect(ds.metadata.annotations['suppress.daemonsets.cdk8s.io/best-practice.writable-host-mount']).toMatch(/tail position DB/);
  expect(ds.metadata.annotations['suppress.daemonsets.cdk8s.io/best-practice.run-as-non-root']).toMatch(/readable by root only/);
});
