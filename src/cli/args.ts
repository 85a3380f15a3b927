import { shippedSchemaVersions } from '../validation/rules/schema/schema-set';

/**
 * Command-line parsing shared by the CLI commands: options that take a value, `-h`/`--help`, and
 * positional arguments (`-` among them, for standard input).
 */

/** The outcome of parseArgs. */
export interface ParsedArgs {
  /** `-h` or `--help` was given. */
  readonly help: boolean;
  /** The arguments that are not options, in order. */
  readonly positional: string[];
}

/**
 * Walks `args`, calling `options[name](value)` for each option that takes a value. Throws on an option
 * with no value or an unknown `--option`.
 */
export function parseArgs(args: string[], options: { [name: string]: (value: string) => void }): ParsedArgs {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') return { help: true, positional };
    const set = Object.prototype.hasOwnProperty.call(options, a) ? options[a] : undefined;
    if (set) {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      set(v);
    } else if (a.startsWith('--')) {
      throw new Error(`unknown option ${a}`);
    } else {
      positional.push(a);
    }
  }
  return { help: false, positional };
}

/** Throws `--format xml: use text or json` unless `value` is one of `allowed`. */
export function requireOneOf(option: string, value: string, allowed: string[]): void {
  if (allowed.includes(value)) return;
  const choices = allowed.length > 1 ? `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}` : allowed[0];
  throw new Error(`${option} ${value}: use ${choices}`);
}

/** The levels `--fail-on` accepts. */
export const FAIL_ON_LEVELS = ['error', 'warning', 'info', 'never'];

/**
 * `--k8s-version <1.N>` as the minor version it names (`1.31`; `v1.31` and a patch version `1.31.4` name the same
 * minor). Throws a usage error listing the supported minors when the version is unreadable or has no shipped
 * schemas: judging 1.20 manifests against 1.27 without a word would claim what the tool cannot know.
 * @param value the option's value
 * @param supported the supported minors, oldest first
 * @param option the option's name, for messages
 */
export function parseKubernetesVersion(value: string, supported: string[] = shippedSchemaVersions(), option = '--k8s-version'): string {
  const m = /^v?1\.(0|[1-9][0-9]*)(?:\.(?:0|[1-9][0-9]*))?$/.exec(value.trim());
  const minor = m ? `1.${m[1]}` : undefined;
  if (minor !== undefined && supported.includes(minor)) return minor;
  const range = supported.length > 0 ? `; supported: ${supported.join(', ')}` : '';
  const problem = minor === undefined ? 'is not a Kubernetes minor version such as 1.31' : `is not supported (no shipped schemas for ${minor})`;
  throw new Error(`${option} ${value} ${problem}${range}`);
}
