import * as kplus from 'cdk8s-plus-27';
import { checkCommon, checkHost, checkOutputOptionTypes, checkPort, checkText, outputError } from './checks';
import { LogOutputOptions, LogOutputSpec, LogOutputTlsOptions, p, SecretRef, tlsProperties } from './common';
import { onOff } from '../../fluent-bit-config';

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
 * The `[OUTPUT]` section of `LogOutput.elasticsearch()`, its options checked first.
 * @internal
 */
export function elasticsearchOutputSpec(options: ElasticsearchOutputOptions): LogOutputSpec {
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
  return {
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
  };
}
