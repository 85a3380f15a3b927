import { checkCommon, checkOutputOptionTypes } from './checks';
import { LogOutputSpec, p } from './common';

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
 * The `[OUTPUT]` section of `LogOutput.stdout()`, its options checked first.
 * @internal
 */
export function stdoutOutputSpec(options: StdoutOutputOptions = {}): LogOutputSpec {
  const f = 'LogOutput.stdout';
  options = checkOutputOptionTypes(f, options, 'StdoutOutputOptions', { enums: { format: Object.values(StdoutOutputFormat) } });
  checkCommon(f, { match: options.match });
  return {
    plugin: 'stdout',
    envPrefix: 'STDOUT',
    common: { match: options.match },
    secrets: [],
    stdout: true,
    build: () => [p('Format', options.format ?? StdoutOutputFormat.JSON_LINES)],
  };
}
