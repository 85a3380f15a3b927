import * as kplus from 'cdk8s-plus-27';
import { checkCommon, checkHost, checkOutputOptionTypes, checkPort, checkText, outputError } from './checks';
import { LogOutputOptions, LogOutputSpec, LogOutputTlsOptions, p, SecretRef, tlsProperties } from './common';
import { onOff } from '../../fluent-bit-config';

/**
 * How Loki log lines are written.
 */
export enum LokiLineFormat {
  /** The record as JSON. */
  JSON = 'json',
  /** `key=value` pairs. */
  KEY_VALUE = 'key_value',
}

/**
 * Options for `LogOutput.loki()` (fluent-bit's built-in `loki` plugin).
 */
export interface LokiOutputOptions extends LogOutputOptions, LogOutputTlsOptions {
  /** The Loki host name or IP address (`host`), without scheme or port. */
  readonly host: string;

  /**
   * The port (`port`).
   * @default 3100
   */
  readonly port?: number;

  /**
   * The push path (`uri`).
   * @default - fluent-bit's default, `/loki/api/v1/push`
   */
  readonly uri?: string;

  /**
   * Stream labels (`labels`): a fixed value, or a record accessor such as
   * `$kubernetes['namespace_name']`.
   * @default - job=fluent-bit, namespace, pod and container from the Kubernetes metadata
   */
  readonly labels?: { [name: string]: string };

  /**
   * Record keys (record accessors) to remove from the line (`remove_keys`).
   * @default - none
   */
  readonly removeKeys?: string[];

  /**
   * Add every pod label as a stream label (`auto_kubernetes_labels`). Beware of label cardinality.
   * @default false
   */
  readonly autoKubernetesLabels?: boolean;

  /**
   * The line format (`line_format`).
   * @default LokiLineFormat.JSON
   */
  readonly lineFormat?: LokiLineFormat;

  /**
   * The tenant (`tenant_id`, sent as `X-Scope-OrgID`).
   * @default - single-tenant Loki
   */
  readonly tenantId?: string;

  /**
   * The basic-auth user (`http_user`).
   * @default - no basic auth
   */
  readonly user?: string;

  /**
   * The basic-auth password (`http_passwd`), from a Secret via the env var `LOKI_PASSWORD`.
   * @default - none
   */
  readonly password?: kplus.SecretValue;

  /**
   * A bearer token (`bearer_token`), from a Secret via the env var `LOKI_BEARER_TOKEN`.
   * @default - none
   */
  readonly bearerToken?: kplus.SecretValue;
}

/**
 * The `[OUTPUT]` section of `LogOutput.loki()`, its options checked first.
 * @internal
 */
export function lokiOutputSpec(options: LokiOutputOptions): LogOutputSpec {
  const f = 'LogOutput.loki';
  options = checkOutputOptionTypes(f, options, 'LokiOutputOptions', {
    strings: ['uri', 'tenantId', 'user'],
    booleans: ['autoKubernetesLabels'],
    secrets: ['password', 'bearerToken'],
    stringMaps: ['labels'],
    stringLists: ['removeKeys'],
    enums: { lineFormat: Object.values(LokiLineFormat) },
  });
  checkHost(f, options.host);
  checkPort(f, 'port', options.port);
  checkCommon(f, options);
  if (options.uri !== undefined && !options.uri.startsWith('/')) throw outputError(f, 'uri', `uri '${options.uri}' must start with '/'`);
  if (options.password && options.user === undefined) {
    throw outputError(f, 'password', 'password is set without user; basic auth needs both (http_user, http_passwd)');
  }
  if (options.bearerToken && options.user !== undefined) {
    throw outputError(f, 'bearerToken', `user '${options.user}' and bearerToken are both set; use one way to authenticate`);
  }
  for (const [field, value] of [['uri', options.uri], ['tenantId', options.tenantId], ['user', options.user]] as const) checkText(f, field, value);
  const labels = options.labels ?? {
    job: 'fluent-bit',
    namespace: '$kubernetes[\'namespace_name\']',
    pod: '$kubernetes[\'pod_name\']',
    container: '$kubernetes[\'container_name\']',
  };
  if (Object.keys(labels).length === 0) throw outputError(f, 'labels', 'labels is empty; Loki needs at least one stream label (e.g. { job: \'fluent-bit\' })');
  for (const [name, value] of Object.entries(labels)) {
    if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) {
      throw outputError(f, 'labels', `label name '${name}' is not a Loki label name; use letters, digits and '_', not starting with a digit`);
    }
    if (value.length === 0 || /[\s,]/.test(value)) {
      throw outputError(f, 'labels', `label '${name}' value '${value}' is empty or contains blanks or commas, which fluent-bit's labels list cannot carry`);
    }
  }
  for (const key of options.removeKeys ?? []) {
    if (key.length === 0 || /[\s,]/.test(key)) throw outputError(f, 'removeKeys', `removeKeys entry '${key}' is empty or contains blanks or commas`);
  }
  const secrets: SecretRef[] = [];
  if (options.password) secrets.push({ name: 'PASSWORD', value: options.password });
  if (options.bearerToken) secrets.push({ name: 'BEARER_TOKEN', value: options.bearerToken });
  return {
    plugin: 'loki',
    envPrefix: 'LOKI',
    common: options,
    secrets,
    build: (env) => [
      p('host', options.host),
      p('port', String(options.port ?? 3100)),
      ...options.uri !== undefined ? [p('uri', options.uri)] : [],
      p('labels', Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ')),
      ...options.removeKeys?.length ? [p('remove_keys', options.removeKeys.join(', '))] : [],
      p('auto_kubernetes_labels', onOff(options.autoKubernetesLabels ?? false)),
      p('line_format', options.lineFormat ?? LokiLineFormat.JSON),
      ...options.tenantId !== undefined ? [p('tenant_id', options.tenantId)] : [],
      ...options.user !== undefined ? [p('http_user', options.user)] : [],
      ...options.password ? [p('http_passwd', env('PASSWORD'))] : [],
      ...options.bearerToken ? [p('bearer_token', env('BEARER_TOKEN'))] : [],
      ...tlsProperties(options, 'compress'),
    ],
  };
}
