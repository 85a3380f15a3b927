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
