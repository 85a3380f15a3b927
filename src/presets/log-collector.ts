import { ApiObject, Duration, Lazy, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { configChecksums, namespaceOf } from '../config-checksum';
import { DaemonSet, DaemonSetContainerProps, DaemonSetProps } from '../daemon-set';
import { DaemonSetsError } from '../errors';
import { PodMonitor, ServiceMonitor } from '../imports/monitoring.coreos.com';
import { checkInstance, checkObject, checkOptionalArray, checkString } from '../input-checks';
import { NodePlacement } from '../placement';
import { HealthProbe } from '../probe';
import { DaemonSetServiceType } from '../service';
import { DaemonSetUpdateStrategy } from '../update-strategy';
import {
  FluentBitProperty, FluentBitSection, fluentBitSeconds, fluentBitSize, onOff,
  referencedEnvVars, renderFluentBitConfig,
} from './fluent-bit-config';
import { checkCollectorProps, METRICS_SERVICE_SUFFIX } from './log-collector-checks';
import { checkCommon, checkHost, checkOutputOptionTypes, checkPort, checkSecretValue, checkText, outputError } from './log-output-checks';
import { givenMetadata, presetPodMetadata } from './metadata';
import { labelValueFromName } from '../selector-labels';
import { SUPPRESSION_PREFIX } from '../validation/engine';
import { checkEnvVarName } from '../k8s/syntax';
import { SynthSnapshot } from '../validation/cdk8s/synth-snapshot';

// ---------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------

/**
 * Options every typed `LogOutput` shares.
 */
export interface LogOutputOptions {
  /**
   * The tag pattern of the records this output receives (`Match`). Container logs are tagged
   * `kube.*`, systemd journal logs `host.*`.
   * @default '*' - every record
   */
  readonly match?: string;

  /**
   * A name for the output in fluent-bit's metrics and logs (`Alias`).
   * @default - fluent-bit's `<plugin>.<n>`, e.g. `es.0`
   */
  readonly alias?: string;

  /**
   * How often a failed chunk is retried before it is dropped (`Retry_Limit`); 0 means never retry.
   * @default - no limit (`no_limits`): a backend outage delays logs instead of dropping them;
   * the filesystem buffer (`bufferLimit`) bounds what piles up on the node
   */
  readonly retryLimit?: number;

  /**
   * The most data this output keeps in the node's filesystem buffer
   * (`storage.total_limit_size`); beyond it the oldest chunks for this output are dropped.
   * Only emitted with filesystem buffering.
   * @default Size.gibibytes(1)
   */
  readonly bufferLimit?: Size;

  /**
   * Threads flushing this output (`Workers`).
   * @default - the plugin's default
   */
  readonly workers?: number;
}

/**
 * TLS options of the network outputs.
 */
export interface LogOutputTlsOptions {
  /**
   * Connect over TLS (`tls`).
   * @default false
   */
  readonly tls?: boolean;

  /**
   * Verify the server's certificate (`tls.verify`); only with `tls`.
   * @default true
   */
  readonly tlsVerify?: boolean;

  /**
   * Compress payloads with gzip (`compress gzip`).
   * @default false
   */
  readonly compress?: boolean;
}

/**
 * Options for `LogOutput.elasticsearch()` (fluent-bit's `es` plugin; also OpenSearch 1.x/2.x
 * in compatibility mode).
 */
export interface ElasticsearchOutputOptions extends LogOutputOptions, LogOutputTlsOptions {
  /** The host name or IP address of Elasticsearch (`Host`), without scheme or port, e.g. `es.logging.svc`. */
  readonly host: string;

  /**
   * The port (`Port`).
   * @default 9200
   */
  readonly port?: number;

  /**
   * A path prefix when Elasticsearch sits behind a reverse proxy (`Path`).
   * @default - none: `/_bulk` at the root
   */
  readonly path?: string;

  /**
   * A fixed index (`Index`). Leave it out for daily Logstash-style indices.
   * @default - daily indices `<logstashPrefix>-YYYY.MM.DD` (`Logstash_Format On`)
   */
  readonly index?: string;

  /**
   * The prefix of the daily indices (`Logstash_Prefix`); not with `index`.
   * @default - fluent-bit's default, `logstash`
   */
  readonly logstashPrefix?: string;

  /**
   * The basic-auth user (`HTTP_User`).
   * @default - no basic auth
   */
  readonly user?: string;

  /**
   * The basic-auth password (`HTTP_Passwd`), read from a Secret into the env var `ES_PASSWORD`
   * (`ES_2_PASSWORD` for the second Elasticsearch output, ...); never written to the ConfigMap.
   * @default - none
   */
  readonly password?: kplus.SecretValue;

  /**
   * An Elasticsearch API key (`HTTP_API_Key`), read from a Secret into the env var `ES_API_KEY`.
   * @default - none
   */
  readonly apiKey?: kplus.SecretValue;

  /**
   * Leave out the mapping type (`Suppress_Type_Name`), which Elasticsearch 8 rejects.
   * @default true
   */
  readonly suppressTypeName?: boolean;

  /**
   * Replace dots in field names with underscores (`Replace_Dots`), so that Kubernetes labels
   * such as `app` and `app.kubernetes.io/name` do not collide as text and object fields.
   * @default true
   */
  readonly replaceDots?: boolean;

  /**
   * Derive each document's `_id` from its content (`Generate_ID`). Off by default: fluent-bit
   * retries a whole chunk when Elasticsearch answers 409 for the already-written part, which
   * with unlimited retries never ends (fluent/fluent-bit#4905, #6341).
   * @default false
   */
  readonly generateId?: boolean;
}

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
 * Options for `LogOutput.forward()` (the Fluentd forward protocol, to Fluentd or another fluent-bit).
 */
export interface ForwardOutputOptions extends LogOutputOptions, LogOutputTlsOptions {
  /** The aggregator's host name or IP address (`Host`). */
  readonly host: string;

  /**
   * The port (`Port`).
   * @default 24224
   */
  readonly port?: number;

  /**
   * Replace the records' tag on the way out (`Tag`).
   * @default - keep the tag
   */
  readonly tag?: string;

  /**
   * Wait for the aggregator to acknowledge each chunk (`Require_ack_response`), so a chunk lost
   * in transit is retried (at-least-once). Needs Fluentd 0.14 or later.
   * @default true
   */
  readonly requireAckResponse?: boolean;

  /**
   * The shared key of the aggregator's `<security>` section (`Shared_Key`), from a Secret via
   * the env var `FORWARD_SHARED_KEY`.
   * @default - none
   */
  readonly sharedKey?: kplus.SecretValue;

  /**
   * This side's host name in the shared-key handshake (`Self_Hostname`).
   * @default - fluent-bit's default, `localhost`
   */
  readonly selfHostname?: string;

  /**
   * The user for the aggregator's `user_auth` (`Username`).
   * @default - none
   */
  readonly username?: string;

  /**
   * The password for `username` (`Password`), from a Secret via the env var `FORWARD_PASSWORD`.
   * @default - none
   */
  readonly password?: kplus.SecretValue;
}

/**
 * The body format of `LogOutput.http()`.
 */
export enum HttpOutputFormat {
  /** A JSON array of records per request. */
  JSON = 'json',
  /** One JSON record per line (NDJSON). */
  JSON_LINES = 'json_lines',
  /** Concatenated JSON records. */
  JSON_STREAM = 'json_stream',
  /** MessagePack, fluent-bit's own default. */
  MSGPACK = 'msgpack',
  /** Graylog Extended Log Format. */
  GELF = 'gelf',
}

/**
 * Options for `LogOutput.http()`.
 */
export interface HttpOutputOptions extends LogOutputOptions, LogOutputTlsOptions {
  /** The receiver's host name or IP address (`Host`). */
  readonly host: string;

  /**
   * The port (`Port`).
   * @default - 443 with `tls`, 80 otherwise
   */
  readonly port?: number;

  /**
   * The request path (`URI`).
   * @default '/'
   */
  readonly uri?: string;

  /**
   * The body format (`Format`).
   * @default HttpOutputFormat.JSON_LINES - readable by any HTTP receiver, unlike fluent-bit's default msgpack
   */
  readonly format?: HttpOutputFormat;

  /**
   * Extra request headers (`Header`), literal values. Put credentials in `bearerToken` or `password`.
   * @default - none
   */
  readonly headers?: { [name: string]: string };

  /**
   * The basic-auth user (`HTTP_User`).
   * @default - no basic auth
   */
  readonly user?: string;

  /**
   * The basic-auth password (`HTTP_Passwd`), from a Secret via the env var `HTTP_PASSWORD`.
   * @default - none
   */
  readonly password?: kplus.SecretValue;

  /**
   * A bearer token sent as `Authorization: Bearer ...`, from a Secret via the env var `HTTP_BEARER_TOKEN`.
   * @default - none
   */
  readonly bearerToken?: kplus.SecretValue;
}

/**
 * The record format of `LogOutput.stdout()`.
 */
export enum StdoutOutputFormat {
  /** One JSON record per line. */
  JSON_LINES = 'json_lines',
  /** A JSON array per flush. */
  JSON = 'json',
  /** fluent-bit's own debug format (its default). */
  MSGPACK = 'msgpack',
}

/**
 * Options for `LogOutput.stdout()`.
 */
export interface StdoutOutputOptions {
  /**
   * The tag pattern (`Match`).
   * @default '*'
   */
  readonly match?: string;

  /**
   * The format (`Format`).
   * @default StdoutOutputFormat.JSON_LINES
   */
  readonly format?: StdoutOutputFormat;
}

/**
 * An environment variable of the fluent-bit container read from a Secret, for `${NAME}`
 * references in a raw section.
 */
export interface LogOutputSecretEnv {
  /** The variable's name, referenced as `${NAME}` in the section. */
  readonly name: string;
  /** The Secret key holding the value. */
  readonly value: kplus.SecretValue;
}

/**
 * Options for `LogOutput.raw()`.
 */
export interface RawLogOutputOptions {
  /**
   * Secret values the section references as `${NAME}`; each becomes an env var of the
   * fluent-bit container.
   * @default - none
   */
  readonly secretEnv?: LogOutputSecretEnv[];
}

interface SecretRef {
  /** the env var name, or its suffix after the output's prefix */
  readonly name: string;
  readonly value: kplus.SecretValue;
}

interface LogOutputSpec {
  readonly plugin: string;
  /** env var prefix of the secrets, e.g. `ES` */
  readonly envPrefix: string;
  readonly common: LogOutputOptions;
  readonly secrets: SecretRef[];
  readonly build: (env: (name: string) => string) => FluentBitProperty[];
  readonly stdout?: boolean;
  readonly raw?: FluentBitSection;
}

/** @internal */
export interface BoundLogOutput {
  readonly section: FluentBitSection;
  readonly env: { readonly name: string; readonly value: kplus.SecretValue }[];
}

/**
 * Where a `LogCollectorDaemonSet` sends logs: one fluent-bit `[OUTPUT]` section. Secrets
 * (passwords, tokens, keys) are `kplus.SecretValue`s: they reach fluent-bit as environment
 * variables of its container and appear in the ConfigMap only as `${NAME}` references.
 */
export class LogOutput {
  /**
   * Elasticsearch (`es` plugin). Daily Logstash-style indices unless `index` is given.
   */
  public static elasticsearch(options: ElasticsearchOutputOptions): LogOutput {
    const f = 'LogOutput.elasticsearch';
    options = checkOutputOptionTypes(f, options, 'ElasticsearchOutputOptions', {
      strings: ['path', 'index', 'logstashPrefix', 'user'], booleans: ['suppressTypeName', 'replaceDots', 'generateId'], secrets: ['password', 'apiKey'],
    });
    checkHost(f, options.host);
    checkPort(f, 'port', options.port);
    checkCommon(f, options);
    if (options.index !== undefined && options.logstashPrefix !== undefined) {
      throw outputError(f, 'index', `index '${options.index}' and logstashPrefix '${options.logstashPrefix}' are both set; a fixed index turns daily indices off, give one of them`);
    }
    if (options.password && options.user === undefined) {
      throw outputError(f, 'password', 'password is set without user; basic auth needs both (HTTP_User, HTTP_Passwd)');
    }
    if (options.apiKey && options.user !== undefined) {
      throw outputError(f, 'apiKey', `user '${options.user}' and apiKey are both set; fluent-bit ignores the API key when HTTP_User is set, give one of them`);
    }
    for (const [field, value] of [['path', options.path], ['index', options.index], ['logstashPrefix', options.logstashPrefix], ['user', options.user]] as const) {
      checkText(f, field, value);
    }
    if (options.path !== undefined && !options.path.startsWith('/')) throw outputError(f, 'path', `path '${options.path}' must start with '/'`);
    const secrets: SecretRef[] = [];
    if (options.password) secrets.push({ name: 'PASSWORD', value: options.password });
    if (options.apiKey) secrets.push({ name: 'API_KEY', value: options.apiKey });
    return new LogOutput({
      plugin: 'es',
      envPrefix: 'ES',
      common: options,
      secrets,
      build: (env) => [
        p('Host', options.host),
        p('Port', String(options.port ?? 9200)),
        ...options.path !== undefined ? [p('Path', options.path)] : [],
        ...options.index !== undefined ? [p('Index', options.index)] : [p('Logstash_Format', 'On')],
        ...options.logstashPrefix !== undefined ? [p('Logstash_Prefix', options.logstashPrefix)] : [],
        p('Suppress_Type_Name', onOff(options.suppressTypeName ?? true)),
        p('Replace_Dots', onOff(options.replaceDots ?? true)),
        ...options.generateId ? [p('Generate_ID', 'On')] : [],
        ...options.user !== undefined ? [p('HTTP_User', options.user)] : [],
        ...options.password ? [p('HTTP_Passwd', env('PASSWORD'))] : [],
        ...options.apiKey ? [p('HTTP_API_Key', env('API_KEY'))] : [],
        ...tlsProperties(options, 'Compress'),
      ],
    });
  }

  /**
   * Grafana Loki (fluent-bit's built-in `loki` plugin).
   */
  public static loki(options: LokiOutputOptions): LogOutput {
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
    return new LogOutput({
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
    });
  }

  /**
   * Fluentd or another fluent-bit, over the forward protocol (`forward` plugin).
   */
  public static forward(options: ForwardOutputOptions): LogOutput {
    const f = 'LogOutput.forward';
    options = checkOutputOptionTypes(f, options, 'ForwardOutputOptions', {
      strings: ['tag', 'selfHostname', 'username'], booleans: ['requireAckResponse'], secrets: ['sharedKey', 'password'],
    });
    checkHost(f, options.host);
    checkPort(f, 'port', options.port);
    checkCommon(f, options);
    if (options.password && options.username === undefined) {
      throw outputError(f, 'password', 'password is set without username; user_auth needs both (Username, Password)');
    }
    for (const [field, value] of [['tag', options.tag], ['selfHostname', options.selfHostname], ['username', options.username]] as const) checkText(f, field, value);
    if (options.tag !== undefined && /\s/.test(options.tag)) throw outputError(f, 'tag', `tag '${options.tag}' contains blanks; a tag is one word such as 'k8s.logs'`);
    const secrets: SecretRef[] = [];
    if (options.sharedKey) secrets.push({ name: 'SHARED_KEY', value: options.sharedKey });
    if (options.password) secrets.push({ name: 'PASSWORD', value: options.password });
    return new LogOutput({
      plugin: 'forward',
      envPrefix: 'FORWARD',
      common: options,
      secrets,
      build: (env) => [
        p('Host', options.host),
        p('Port', String(options.port ?? 24224)),
        ...options.tag !== undefined ? [p('Tag', options.tag)] : [],
        p('Require_ack_response', onOff(options.requireAckResponse ?? true)),
        ...options.sharedKey ? [p('Shared_Key', env('SHARED_KEY'))] : [],
        ...options.selfHostname !== undefined ? [p('Self_Hostname', options.selfHostname)] : [],
        ...options.username !== undefined ? [p('Username', options.username)] : [],
        ...options.password ? [p('Password', env('PASSWORD'))] : [],
        ...tlsProperties(options, 'Compress'),
      ],
    });
  }

  /**
   * Any HTTP receiver (`http` plugin): records are POSTed in the chosen format.
   */
  public static http(options: HttpOutputOptions): LogOutput {
    const f = 'LogOutput.http';
    options = checkOutputOptionTypes(f, options, 'HttpOutputOptions', {
      strings: ['uri', 'user'], secrets: ['password', 'bearerToken'], stringMaps: ['headers'], enums: { format: Object.values(HttpOutputFormat) },
    });
    checkHost(f, options.host);
    checkPort(f, 'port', options.port);
    checkCommon(f, options);
    if (options.uri !== undefined && !options.uri.startsWith('/')) throw outputError(f, 'uri', `uri '${options.uri}' must start with '/'`);
    checkText(f, 'uri', options.uri);
    checkText(f, 'user', options.user);
    if (options.password && options.user === undefined) {
      throw outputError(f, 'password', 'password is set without user; basic auth needs both (HTTP_User, HTTP_Passwd)');
    }
    if (options.bearerToken && options.user !== undefined) {
      throw outputError(f, 'bearerToken', `user '${options.user}' and bearerToken are both set; use one way to authenticate`);
    }
    const headers = Object.entries(options.headers ?? {});
    for (const [name, value] of headers) {
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
        throw outputError(f, 'headers', `header name '${name}' is not a valid HTTP header name (RFC 7230 token: letters, digits and !#$%&'*+-.^_\`|~)`);
      }
      checkText(f, `headers['${name}']`, value);
      if (options.bearerToken && name.toLowerCase() === 'authorization') {
        throw outputError(f, 'headers', 'headers sets Authorization and bearerToken sets it too; keep credentials in bearerToken, which reads them from a Secret');
      }
    }
    const secrets: SecretRef[] = [];
    if (options.password) secrets.push({ name: 'PASSWORD', value: options.password });
    if (options.bearerToken) secrets.push({ name: 'BEARER_TOKEN', value: options.bearerToken });
    return new LogOutput({
      plugin: 'http',
      envPrefix: 'HTTP',
      common: options,
      secrets,
      build: (env) => [
        p('Host', options.host),
        p('Port', String(options.port ?? (options.tls ? 443 : 80))),
        p('URI', options.uri ?? '/'),
        p('Format', options.format ?? HttpOutputFormat.JSON_LINES),
        ...headers.map(([name, value]) => p('Header', `${name} ${value}`)),
        ...options.bearerToken ? [p('Header', `Authorization Bearer ${env('BEARER_TOKEN')}`)] : [],
        ...options.user !== undefined ? [p('HTTP_User', options.user)] : [],
        ...options.password ? [p('HTTP_Passwd', env('PASSWORD'))] : [],
        ...tlsProperties(options, 'Compress'),
      ],
    });
  }

  /**
   * The fluent-bit container's own stdout (`stdout` plugin), for debugging. The collector's
   * own log files are then left out of the tail input, or it would read what it prints.
   */
  public static stdout(options: StdoutOutputOptions = {}): LogOutput {
    const f = 'LogOutput.stdout';
    options = checkOutputOptionTypes(f, options, 'StdoutOutputOptions', { enums: { format: Object.values(StdoutOutputFormat) } });
    checkCommon(f, { match: options.match });
    return new LogOutput({
      plugin: 'stdout',
      envPrefix: 'STDOUT',
      common: { match: options.match },
      secrets: [],
      stdout: true,
      build: () => [p('Format', options.format ?? StdoutOutputFormat.JSON_LINES)],
    });
  }

  /**
   * Any other output, written exactly as given (no defaults added): the escape hatch for
   * plugins this library does not type (`kafka`, `s3`, `opensearch`, `cloudwatch_logs`, ...).
   * @param section an `[OUTPUT]` section, e.g. `FluentBitSection.output('kafka', '*', [...])`
   */
  public static raw(section: FluentBitSection, options: RawLogOutputOptions = {}): LogOutput {
    const f = 'LogOutput.raw';
    checkInstance(f, 'section', section, FluentBitSection, 'a FluentBitSection (FluentBitSection.output(name, match, properties))');
    checkObject(f, 'options', options, 'a RawLogOutputOptions object');
    checkOptionalArray<LogOutputSecretEnv>(f, 'secretEnv', options.secretEnv, 'LogOutputSecretEnv values')?.forEach((e, i) => {
      checkObject(f, `secretEnv[${i}]`, e, 'a LogOutputSecretEnv ({ name, value })');
      checkString(f, `secretEnv[${i}].name`, e.name, { nonEmpty: true });
      checkSecretValue(f, `secretEnv[${i}].value`, e.value);
    });
    if (section.kind !== 'OUTPUT') {
      throw outputError(f, 'section', `the section is a [${section.kind}] section; an output needs FluentBitSection.output(name, match, properties)`);
    }
    const seen = new Set<string>();
    for (const s of options.secretEnv ?? []) {
      const problem = checkEnvVarName(s.name);
      if (problem) throw outputError(f, 'secretEnv', `secretEnv name '${s.name}' ${problem}`);
      if (seen.has(s.name)) throw outputError(f, 'secretEnv', `secretEnv name '${s.name}' is listed twice`);
      seen.add(s.name);
    }
    return new LogOutput({
      plugin: section.name!, envPrefix: '', common: {}, secrets: options.secretEnv ?? [], build: () => [], raw: section,
    });
  }

  /** The fluent-bit output plugin, e.g. `es`, `loki`, `forward`, `http`, `stdout`. */
  public readonly plugin: string;

  /** The tag pattern this output receives. */
  public readonly match: string;

  /** Whether this output prints to the collector's own stdout. */
  public readonly printsToStdout: boolean;

  private readonly spec: LogOutputSpec;

  private constructor(spec: LogOutputSpec) {
    this.spec = spec;
    this.plugin = spec.plugin;
    this.match = spec.raw?.match ?? spec.common.match ?? '*';
    this.printsToStdout = spec.stdout ?? false;
  }

  /**
   * The section and the env vars it needs.
   * @param instance 1 for the first output of this plugin in the collector, 2 for the second, ...
   * @param filesystemBuffering whether chunks are buffered on disk
   * @internal
   */
  public _bind(instance: number, filesystemBuffering: boolean): BoundLogOutput {
    const spec = this.spec;
    if (spec.raw) {
      return { section: spec.raw, env: spec.secrets.map(s => ({ name: s.name, value: s.value })) };
    }
    const prefix = instance > 1 ? `${spec.envPrefix}_${instance}` : spec.envPrefix;
    const envName = (suffix: string) => `${prefix}_${suffix}`;
    const properties = spec.build((suffix) => `\${${envName(suffix)}}`);
    const c = spec.common;
    const tail: FluentBitProperty[] = [];
    if (c.alias !== undefined) tail.push(p('Alias', c.alias));
    if (this.plugin !== 'stdout') {
      tail.push(p('Retry_Limit', c.retryLimit === undefined ? 'no_limits' : c.retryLimit === 0 ? 'no_retries' : String(c.retryLimit)));
      if (filesystemBuffering) tail.push(p('storage.total_limit_size', fluentBitSize(c.bufferLimit ?? Size.gibibytes(1))));
    }
    if (c.workers !== undefined) tail.push(p('Workers', String(c.workers)));
    return {
      section: FluentBitSection.output(this.plugin, this.match, [...properties, ...tail]),
      env: spec.secrets.map(s => ({ name: envName(s.name), value: s.value })),
    };
  }
}

function p(key: string, value: string): FluentBitProperty {
  return { key, value };
}

function tlsProperties(options: LogOutputTlsOptions, compressKey: string): FluentBitProperty[] {
  const out: FluentBitProperty[] = [];
  if (options.compress) out.push(p(compressKey, 'gzip'));
  if (options.tls) {
    out.push(p('tls', 'On'));
    out.push(p('tls.verify', onOff(options.tlsVerify ?? true)));
  }
  return out;
}

// ---------------------------------------------------------------------------
// The DaemonSet
// ---------------------------------------------------------------------------

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
 * Options of the `kubernetes` filter, which adds pod metadata to container log records.
 */
export interface KubernetesMetadataOptions {
  /**
   * Add the filter at all.
   * @default true
   */
  readonly enabled?: boolean;

  /**
   * Parse a `log` field holding JSON into record fields (`Merge_Log`).
   * @default true
   */
  readonly mergeLog?: boolean;

  /**
   * Put merged fields under this key instead of the record's top level (`Merge_Log_Key`),
   * which keeps application fields from colliding with fluent-bit's own.
   * @default - the top level
   */
  readonly mergeLogKey?: string;

  /**
   * Keep the original `log` field after a successful merge (`Keep_Log`).
   * @default false - the merged fields already hold it; keeping it doubles the bytes shipped
   */
  readonly keepLog?: boolean;

  /**
   * Add the pod's labels (`Labels`).
   * @default true
   */
  readonly labels?: boolean;

  /**
   * Add the pod's annotations (`Annotations`).
   * @default false - annotations often hold large blobs (last-applied configuration, checksums)
   * that would be shipped with every line
   */
  readonly annotations?: boolean;

  /**
   * Let pods choose a predefined parser with the `fluentbit.io/parser` annotation (`K8S-Logging.Parser`).
   * @default true
   */
  readonly allowPodParser?: boolean;

  /**
   * Let pods opt out of collection with the `fluentbit.io/exclude: "true"` annotation (`K8S-Logging.Exclude`).
   * @default true
   */
  readonly allowPodExclusion?: boolean;
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
   * The fluent-bit image, pinned.
   * @default LogCollectorDaemonSet.DEFAULT_IMAGE - the image of the fluent `fluent-bit` chart 0.58
   */
  readonly image?: string;

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
   * Extra `[FILTER]` sections, applied after the kubernetes filter, in order.
   * @default - none
   */
  readonly filters?: FluentBitSection[];

  /**
   * Extra `[PARSER]` and `[MULTILINE_PARSER]` sections, written to `parsers.conf` in the ConfigMap.
   * @default - only the image's parsers
   */
  readonly parsers?: FluentBitSection[];

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
   * Create a prometheus-operator ServiceMonitor for the metrics Service.
   * @default false
   */
  readonly serviceMonitor?: boolean;

  /**
   * Create a prometheus-operator PodMonitor for the pods (instead of a ServiceMonitor).
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

/** The fluent-bit container's name. */
const CONTAINER = 'fluent-bit';
const CONFIG_FILE = 'fluent-bit.conf';
const PARSERS_FILE = 'parsers.conf';
const METRICS_PATH = '/api/v2/metrics/prometheus';

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
      containerRuntimes: Object.values(ContainerRuntime), logLevels: Object.values(FluentBitLogLevel), outputType: LogOutput,
    });

    const namespace = props.metadata?.namespace;
    const rbac = props.rbac ?? true;
    // The ServiceAccount must exist before the pod spec is built, so it is the DaemonSet's sibling.
    const named = (suffix: string) => props.metadata?.name !== undefined ? { name: `${props.metadata.name}${suffix}` } : {};
    const serviceAccount = props.serviceAccount ?? new kplus.ServiceAccount(scope, `${id}-service-account`, {
      metadata: { ...named(''), namespace },
    });
    const hotReload = props.hotReload ?? false;
    const checksums = props.configChecksums ?? true;

    super(scope, id, {
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
      // With hot reload the ConfigMap must not roll the pods; Secrets still do (see below).
      configChecksums: hotReload ? false : checksums,
    });
    // What fluent-bit needs by design, said where the best-practice rules would warn.
    const reasons: { [rule: string]: string } = {
      'best-practice.writable-host-mount': 'the tail position DB and filesystem buffer live in the state directory so restarts neither lose nor duplicate logs',
      'best-practice.run-as-non-root': 'container log files on the node are readable by root only',
    };
    for (const [rule, reason] of Object.entries(reasons)) {
      const key = `${SUPPRESSION_PREFIX}${rule}`;
      if (props.metadata?.annotations?.[key] === undefined) this.metadata.addAnnotation(key, reason);
    }

    this._collectorProps = props;
    this.stateDirectory = props.stateDirectory ?? LogCollectorDaemonSet.DEFAULT_STATE_DIRECTORY;
    this.containerRuntime = props.containerRuntime ?? ContainerRuntime.CONTAINERD;
    this.metricsPort = props.metricsPort ?? 2020;
    this.hotReload = hotReload;
    this._filesystemBuffering = props.filesystemBuffering ?? true;

    const labels = {
      'app.kubernetes.io/name': 'fluent-bit',
      'app.kubernetes.io/instance': labelValueFromName(this.name),
      'app.kubernetes.io/component': 'log-collector',
    };
    for (const [k, v] of Object.entries(labels)) {
      if (this.metadata.getLabel(k) === undefined) this.metadata.addLabel(k, v);
      if (this.podMetadata.getLabel(k) === undefined) this.podMetadata.addLabel(k, v);
    }
    if (!props.serviceAccount) {
      for (const [k, v] of Object.entries(labels)) (serviceAccount as kplus.ServiceAccount).metadata.addLabel(k, v);
    }

    // The configuration is rendered at synthesis, so addOutput()/addFilter() calls still reach it.
    this.configMap = new kplus.ConfigMap(this, 'Config', {
      metadata: { ...named('-config'), namespace, labels },
    });
    this.configMap.addData(CONFIG_FILE, Lazy.any({ produce: () => this.fluentBitConfig }) as unknown as string);
    for (const section of props.parsers ?? []) this.addParser(section);
    const configVolume = kplus.Volume.fromConfigMap(this, 'ConfigVolume', this.configMap, { name: 'config' });

    const port = this.metricsPort;
    this.fluentBitContainer = this.addContainer({
      name: CONTAINER,
      image: props.image ?? LogCollectorDaemonSet.DEFAULT_IMAGE,
      command: ['/fluent-bit/bin/fluent-bit'],
      args: [`--config=${LogCollectorDaemonSet.CONFIG_DIRECTORY}/${CONFIG_FILE}`],
      ports: [{ number: port, name: 'metrics', protocol: kplus.Protocol.TCP }],
      resources: props.resources ?? {
        cpu: { request: kplus.Cpu.millis(100) },
        memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
      },
      securityContext: {
        user: 0,
        group: 0,
        ensureNonRoot: false,
        privileged: false,
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        ...props.containerSecurityContext,
      },
      livenessProbe: props.livenessProbe ?? HealthProbe.httpGet('/', {
        portName: 'metrics', initialDelay: Duration.seconds(10), period: Duration.seconds(10), timeout: Duration.seconds(5), failureThreshold: 3,
      }),
      readinessProbe: props.readinessProbe ?? HealthProbe.httpGet('/api/v2/health', {
        portName: 'metrics', period: Duration.seconds(10), timeout: Duration.seconds(5), failureThreshold: 3,
      }),
      volumeMounts: [{ path: LogCollectorDaemonSet.CONFIG_DIRECTORY, volume: configVolume, readOnly: true }],
    } as DaemonSetContainerProps);

    // Host paths: everything read-only except the state directory.
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

    if (hotReload) {
      this.addContainer({
        name: 'config-reloader',
        image: props.reloaderImage ?? LogCollectorDaemonSet.DEFAULT_RELOADER_IMAGE,
        args: [`--webhook-url=http://localhost:${port}/api/v2/reload`, '--volume-dir=/watch/config'],
        resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) } },
        securityContext: { user: 65532, group: 65532, ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
        volumeMounts: [{ path: '/watch/config', volume: configVolume, readOnly: true }],
      } as DaemonSetContainerProps);
    }
    for (const c of props.containers ?? []) this.addContainer(c);

    for (const filter of props.filters ?? []) this.addFilter(filter);
    for (const output of props.outputs) this.addOutput(output);

    // RBAC: the kubernetes filter reads pod and namespace metadata from the API server.
    if (rbac) {
      this.clusterRole = new kplus.ClusterRole(this, 'ClusterRole', { metadata: { labels } });
      this.clusterRole.allowRead(kplus.ApiResource.PODS, kplus.ApiResource.NAMESPACES);
      if (props.rbacNodeAccess) {
        this.clusterRole.allowRead(kplus.ApiResource.NODES, kplus.ApiResource.custom({ apiGroup: '', resourceType: 'nodes/proxy' }));
      }
      if (props.rbacEventsAccess) this.clusterRole.allowRead(kplus.ApiResource.EVENTS);
      const binding = this.clusterRole.bind(serviceAccount);
      for (const [k, v] of Object.entries(labels)) binding.metadata.addLabel(k, v);
    }

    // Metrics: a Service of our own (in the DaemonSet's namespace), and optionally a monitor.
    const headless = (props.serviceType ?? DaemonSetServiceType.HEADLESS) === DaemonSetServiceType.HEADLESS;
    this.metricsService = new kplus.Service(this, 'MetricsService', {
      metadata: { ...named(METRICS_SERVICE_SUFFIX), namespace, labels },
      selector: this,
      ports: [{ name: 'metrics', port, targetPort: port, protocol: kplus.Protocol.TCP }],
      type: headless ? kplus.ServiceType.CLUSTER_IP : (props.serviceType as unknown as kplus.ServiceType),
      clusterIP: headless ? 'None' : undefined,
    });
    const monitorMetadata = { namespace, labels: { ...labels, ...props.monitorLabels } };
    const interval = props.scrapeInterval ? `${props.scrapeInterval.toSeconds()}s` : undefined;
    if (props.serviceMonitor) {
      this.monitor = new ServiceMonitor(this, 'ServiceMonitor', {
        metadata: monitorMetadata,
        spec: {
          selector: { matchLabels: labels },
          endpoints: [{ port: 'metrics', path: METRICS_PATH, interval }],
        },
      });
    } else if (props.podMonitor) {
      this.monitor = new PodMonitor(this, 'PodMonitor', {
        metadata: monitorMetadata,
        spec: {
          selector: { matchLabels: labels },
          podMetricsEndpoints: [{ port: 'metrics', path: METRICS_PATH, interval }],
        },
      });
    }
    if (props.prometheusAnnotations) this.enablePrometheusScrape({ port, path: METRICS_PATH });

    this.node.addValidation({ validate: () => this.validateCollector(hotReload && checksums) });
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

  private serviceSection(): FluentBitSection {
    const props = this._collectorProps;
    const lines: FluentBitProperty[] = [
      p('Daemon', 'Off'),
      p('Flush', fluentBitSeconds(props.flushInterval ?? Duration.seconds(1))),
      p('Log_Level', props.logLevel ?? FluentBitLogLevel.INFO),
      p('Parsers_File', '/fluent-bit/etc/parsers.conf'),
      ...this._parsers.length > 0 ? [p('Parsers_File', `${LogCollectorDaemonSet.CONFIG_DIRECTORY}/${PARSERS_FILE}`)] : [],
      p('HTTP_Server', 'On'),
      p('HTTP_Listen', '0.0.0.0'),
      p('HTTP_Port', String(this.metricsPort)),
      p('Health_Check', 'On'),
      ...this.hotReload ? [p('Hot_Reload', 'On')] : [],
      p('storage.path', `${this.stateDirectory}/buffer`),
      p('storage.sync', 'normal'),
      p('storage.max_chunks_up', String(props.maxChunksUp ?? 128)),
      p('storage.metrics', 'On'),
    ];
    return FluentBitSection._service(lines);
  }

  private inputSections(): FluentBitSection[] {
    const props = this._collectorProps;
    const storage = this._filesystemBuffering ? [p('storage.type', 'filesystem')] : [];
    const excluded = (props.excludeNamespaces ?? []).map(ns => `/var/log/containers/*_${ns}_*.log`);
    if (this._outputObjects.some(o => o.printsToStdout)) {
      // The collector would otherwise read its own stdout and print it again, forever.
      excluded.push(`/var/log/containers/${this.name}-*_${namespaceOf(this.apiObject)}_${CONTAINER}-*.log`);
    }
    const parsers = this.containerRuntime === ContainerRuntime.DOCKER ? 'docker, cri' : 'cri, docker';
    const sections = [FluentBitSection.input('tail', [
      p('Alias', 'containers'),
      p('Tag', 'kube.*'),
      p('Path', '/var/log/containers/*.log'),
      ...excluded.length > 0 ? [p('Exclude_Path', excluded.join(','))] : [],
      p('multiline.parser', parsers),
      p('DB', `${this.stateDirectory}/tail-containers.db`),
      p('DB.locking', 'true'),
      p('Read_from_Head', onOff(props.readFromHead ?? true)),
      p('Refresh_Interval', fluentBitSeconds(props.refreshInterval ?? Duration.seconds(10))),
      p('Skip_Long_Lines', 'On'),
      p('Mem_Buf_Limit', fluentBitSize(props.memBufLimit ?? Size.mebibytes(5))),
      ...storage,
    ])];
    if (props.systemdLogs) {
      const runtimeUnit = { [ContainerRuntime.CONTAINERD]: 'containerd.service', [ContainerRuntime.CRI_O]: 'crio.service', [ContainerRuntime.DOCKER]: 'docker.service' }[this.containerRuntime];
      const units = props.systemdUnits ?? ['kubelet.service', runtimeUnit];
      sections.push(FluentBitSection.input('systemd', [
        p('Alias', 'systemd'),
        p('Tag', 'host.*'),
        ...props.systemdJournalPath !== undefined ? [p('Path', props.systemdJournalPath)] : [],
        ...units.map(u => p('Systemd_Filter', `_SYSTEMD_UNIT=${u}`)),
        p('Read_From_Tail', 'On'),
        p('DB', `${this.stateDirectory}/systemd.db`),
        p('Mem_Buf_Limit', fluentBitSize(props.memBufLimit ?? Size.mebibytes(5))),
        ...storage,
      ]));
    }
    return sections;
  }

  private filterSections(): FluentBitSection[] {
    const k = this._collectorProps.kubernetesMetadata ?? {};
    const sections: FluentBitSection[] = [];
    if (k.enabled ?? true) {
      sections.push(FluentBitSection.filter('kubernetes', 'kube.*', [
        p('Merge_Log', onOff(k.mergeLog ?? true)),
        ...k.mergeLogKey !== undefined ? [p('Merge_Log_Key', k.mergeLogKey)] : [],
        p('Keep_Log', onOff(k.keepLog ?? false)),
        p('Labels', onOff(k.labels ?? true)),
        p('Annotations', onOff(k.annotations ?? false)),
        p('K8S-Logging.Parser', onOff(k.allowPodParser ?? true)),
        p('K8S-Logging.Exclude', onOff(k.allowPodExclusion ?? true)),
      ]));
    }
    return [...sections, ...this._filters];
  }

  private fail(field: string, message: string): Error {
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
    if (secretChecksums) {
      const podSpec = snapshot.json(this.apiObject).spec?.template?.spec ?? {};
      const envOnly = { containers: podSpec.containers, initContainers: podSpec.initContainers };
      const sums = configChecksums(this, namespaceOf(this.apiObject), envOnly);
      for (const [key, value] of Object.entries(sums)) this.podMetadata.addAnnotation(key, value);
    }
    return problems;
  }
}
