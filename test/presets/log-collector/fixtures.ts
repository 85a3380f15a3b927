import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSetsError } from '../../../src/errors';
import { LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogOutput } from '../../../src/presets/log-collector';

// Building LogCollectorDaemonSets and reading what they render, shared by the tests of test/presets/log-collector/.

export const SECRET_VALUE = 'S3cr3t-Value-Do-Not-Leak!';
export const CHECKSUM = 'checksum.daemonsets.cdk8s.io';

export function newChart(namespace = 'logging'): Chart {
  return new Chart(Testing.app(), 'logging', { namespace, disableResourceNameHashes: true });
}

export function es(): LogOutput {
  return LogOutput.elasticsearch({ host: 'es.logging.svc' });
}

export function build(overrides: Partial<LogCollectorDaemonSetProps> = {}, chart = newChart()) {
  const ds = new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()], ...overrides });
  const objects = Testing.synth(chart);
  return { chart, ds, objects, ...views(objects) };
}

export function views(objects: any[]) {
  const ds = only(objects, 'DaemonSet');
  const podSpec = ds.spec.template.spec;
  const container = podSpec.containers.find((c: any) => c.name === 'fluent-bit');
  const configMap = objects.find(o => o.kind === 'ConfigMap' && (o.data?.['fluent-bit.conf'] ?? o.data?.['fluent-bit.yaml']) !== undefined);
  const classic = configMap.data['fluent-bit.conf'];
  return { daemonSet: ds, podSpec, container, configMap, config: classic !== undefined ? parseClassic(classic) : [] };
}

export function only(objects: any[], kind: string): any {
  const found = objects.filter(o => o.kind === kind);
  expect(found).toHaveLength(1);
  return found[0];
}

export type Section = { kind: string; entries: [string, string][] };

/**
 * A reader of fluent-bit's classic format, written from the documented grammar: `[SECTION]` headers, then
 * indented `key value` lines (the value is the rest of the line), `#` comments and blank lines ignored.
 */
export function parseClassic(text: string): Section[] {
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
    if (!entry) throw new Error(`line ${i + 1} is neither a section header nor an indented 'key value' line: ${JSON.stringify(raw)}`);
    if (sections.length === 0) throw new Error(`line ${i + 1} is outside any section`);
    sections[sections.length - 1].entries.push([entry[1], entry[2]]);
  }
  return sections;
}

/** A section of the parsed config by kind and plugin name (the nth one, default first). */
export function section(config: Section[], kind: string, name?: string, nth = 0): Section {
  const found = config.filter(s => s.kind === kind && (name === undefined || s.entries.some(([k, v]) => k.toLowerCase() === 'name' && v === name)));
  if (!found[nth]) throw new Error(`no ${nth + 1}. [${kind}] ${name ?? ''} section in ${JSON.stringify(config)}`);
  return found[nth];
}

/** The section's entries as an object; repeated keys become arrays. */
export function props(s: Section): { [key: string]: string | string[] } {
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
 * storage, monitoring (health check), hot reload, each plugin's page
 * (https://docs.fluentbit.io/manual/data-pipeline/inputs/<plugin>, .../filters/<plugin>) and the parsers'
 * pages (.../parsers/configuring-parser, .../parsers/multiline-parsing), as of fluent-bit 5.1.
 */
export const DOCUMENTED_KEYS: { [section: string]: string[] } = {
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
  'FILTER lua': ['script', 'call', 'code', 'time_as_table', 'protected_mode', 'type_int_key', 'type_array_key', 'enable_flb_null'],
  'FILTER modify': ['set', 'add', 'remove', 'remove_wildcard', 'remove_regex', 'rename', 'hard_rename', 'copy', 'hard_copy', 'move_to_start', 'move_to_end', 'condition'],
  'FILTER nest': ['operation', 'wildcard', 'nest_under', 'nested_under', 'add_prefix', 'remove_prefix'],
  'FILTER multiline': ['multiline.parser', 'multiline.key_content', 'mode', 'buffer', 'flush_ms', 'emitter_name', 'emitter_storage.type', 'emitter_mem_buf_limit', 'debug_flush'],
  'FILTER throttle': ['rate', 'window', 'interval', 'print_status'],
  'INPUT forward': ['listen', 'port', 'tag_prefix', 'shared_key', 'empty_shared_key', 'self_hostname', 'security.users', 'buffer_chunk_size', 'buffer_max_size', 'unix_path', 'unix_perm'],
  'INPUT syslog': ['mode', 'listen', 'port', 'path', 'unix_perm', 'parser', 'format', 'buffer_chunk_size', 'buffer_max_size', 'receive_buffer_size', 'source_address_key', 'raw_message_key'],
  'INPUT tcp': ['listen', 'port', 'format', 'separator', 'parser', 'chunk_size', 'buffer_size', 'source_address_key'],
  'INPUT http': ['listen', 'port', 'tag_key', 'success_header', 'successful_response_code', 'buffer_max_size', 'buffer_chunk_size', 'http2', 'add_remote_addr', 'remote_addr_key'],
  'INPUT opentelemetry': ['listen', 'port', 'tag_from_uri', 'tag_key', 'successful_response_code', 'buffer_max_size', 'buffer_chunk_size', 'http2', 'logs_body_key', 'raw_traces'],
  'PARSER': ['name', 'format', 'regex', 'time_key', 'time_format', 'time_keep', 'time_offset', 'time_strict', 'time_zone', 'time_system_timezone', 'types', 'skip_empty_values',
    'logfmt_no_bare_keys', 'decode_field', 'decode_field_as'],
  'MULTILINE_PARSER': ['name', 'type', 'rule', 'flush_timeout', 'key_content', 'key_group', 'key_pattern', 'match_string', 'negate', 'parser'],
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
export function expectDocumentedKeys(config: Section[]) {
  for (const s of config) {
    const name = s.entries.find(([k]) => k.toLowerCase() === 'name')?.[1];
    const allowed = new Set([...DOCUMENTED_KEYS[s.kind] ?? [], ...DOCUMENTED_KEYS[`${s.kind} ${name}`] ?? []]);
    const generic = ['SERVICE', 'PARSER', 'MULTILINE_PARSER'].includes(s.kind);
    expect({ section: `${s.kind} ${name ?? ''}`, known: DOCUMENTED_KEYS[`${s.kind} ${name}`] !== undefined || generic }).toEqual({ section: `${s.kind} ${name ?? ''}`, known: true });
    for (const [key] of s.entries) {
      expect({ section: `${s.kind} ${name}`, key, documented: allowed.has(key.toLowerCase()) }).toEqual({ section: `${s.kind} ${name}`, key, documented: true });
    }
    const keys = s.entries.map(([k]) => k.toLowerCase());
    if (s.kind !== 'SERVICE') expect(keys[0]).toBe('name');
    if (s.kind === 'FILTER' || s.kind === 'OUTPUT') expect(keys[1]).toBe('match');
    // The network inputs may leave the tag to the senders (forward), the URL (http, opentelemetry) or the instance name.
    if (s.kind === 'INPUT' && (name === 'tail' || name === 'systemd')) expect(keys).toContain('tag');
  }
}

export function newSecret(chart: Chart): kplus.Secret {
  return new kplus.Secret(chart, 'credentials', { metadata: { name: 'log-credentials' }, stringData: { password: SECRET_VALUE, token: SECRET_VALUE, key: SECRET_VALUE } });
}

export function secretRef(name: string, env: any[]): any {
  const found = env.find((e: any) => e.name === name);
  expect(found).toBeDefined();
  return found.valueFrom.secretKeyRef;
}

/** The library error `fn` throws (fails the test when it throws anything else or nothing). */
export function thrown(fn: () => unknown): DaemonSetsError {
  try {
    fn();
  } catch (e) {
    expect(DaemonSetsError.isDaemonSetsError(e)).toBe(true);
    return e as DaemonSetsError;
  }
  throw new Error('did not throw');
}
