import * as kplus from 'cdk8s-plus-27';
import { checkCommon, checkHost, checkOutputOptionTypes, checkPort, checkText, outputError } from './checks';
import { LogOutputOptions, LogOutputSpec, LogOutputTlsOptions, p, SecretRef, tlsProperties } from './common';
import { onOff } from '../../fluent-bit-config';

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
 * The `[OUTPUT]` section of `LogOutput.forward()`, its options checked first.
 * @internal
 */
export function forwardOutputSpec(options: ForwardOutputOptions): LogOutputSpec {
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
  return {
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
  };
}
