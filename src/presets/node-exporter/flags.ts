// The recorded command-line flags of the node_exporter releases the preset supports (flags-<minor>.x.ts, one
// file per minor, generated from the release's source), and what a flag the preset emits must match in them.

/**
 * The flags and collectors of one node_exporter minor release line.
 * @internal
 */
export interface NodeExporterFlagSet {
  /** The newest release of the line the list was made from, e.g. `1.12.1`. */
  readonly version: string;
  /** Every release the list holds for (their flags are identical). */
  readonly releases: readonly string[];
  /** Each flag's name without `--`, and its kingpin value type (`Bool`, `String`, `Strings`, `Int`, `Duration`). */
  readonly flags: { readonly [name: string]: string };
  /** Each collector of the Linux build, and whether it is on by default. */
  readonly collectors: { readonly [name: string]: boolean };
}

/**
 * Why node_exporter of this release line would refuse the argument at start-up (kingpin: "unknown long flag"), or
 * undefined when it knows the flag. `--no-<name>` is accepted for a `Bool` flag only, a value (`=...`) for a
 * non-`Bool` flag only.
 * @internal
 */
export function unknownFlag(set: NodeExporterFlagSet, arg: string): string | undefined {
  if (!arg.startsWith('--')) return `'${arg}' is not a flag`;
  const eq = arg.indexOf('=');
  const name = (eq < 0 ? arg : arg.substring(0, eq)).substring(2);
  const kind = set.flags[name];
  if (kind !== undefined) {
    if (kind !== 'Bool' && eq < 0) return `'--${name}' takes a value (${kind})`;
    return undefined;
  }
  if (name.startsWith('no-') && set.flags[name.substring(3)] === 'Bool') {
    return eq < 0 ? undefined : `'--${name}' negates a boolean flag and takes no value`;
  }
  return `node_exporter ${set.version} has no flag '--${name}'`;
}
