import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { FluentBitProperty, FluentBitSection, onOff } from '../../fluent-bit-config';

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

/** A secret an output reads from an env var. @internal */
export interface SecretRef {
  /** the env var name, or its suffix after the output's prefix */
  readonly name: string;
  readonly value: kplus.SecretValue;
}

/** What a `LogOutput` factory decided: the plugin, its secrets and how to build its properties. @internal */
export interface LogOutputSpec {
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

/** One property of a section. @internal */
export function p(key: string, value: string): FluentBitProperty {
  return { key, value };
}

/** The compression and TLS properties an output shares. @internal */
export function tlsProperties(options: LogOutputTlsOptions, compressKey: string): FluentBitProperty[] {
  const out: FluentBitProperty[] = [];
  if (options.compress) out.push(p(compressKey, 'gzip'));
  if (options.tls) {
    out.push(p('tls', 'On'));
    out.push(p('tls.verify', onOff(options.tlsVerify ?? true)));
  }
  return out;
}
