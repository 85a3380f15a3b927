import * as kplus from 'cdk8s-plus-27';
import { checkCommon, checkHost, checkOutputOptionTypes, checkPort, checkText, outputError } from './checks';
import { LogOutputOptions, LogOutputSpec, LogOutputTlsOptions, p, SecretRef, tlsProperties } from './common';

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
 * The `[OUTPUT]` section of `LogOutput.http()`, its options checked first.
 * @internal
 */
export function httpOutputSpec(options: HttpOutputOptions): LogOutputSpec {
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
  return {
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
  };
}
