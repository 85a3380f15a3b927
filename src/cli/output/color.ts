/**
 * Colour on a terminal, and only there. The decision follows Node.js's own (`tty.WriteStream.getColorDepth`,
 * documented under FORCE_COLOR in the Node.js CLI docs): `FORCE_COLOR` set to anything but `0`/`false` forces
 * colour, and wins over `NO_COLOR` (no-color.org: present and not empty disables it); otherwise colour when the
 * stream is a TTY whose terminal is not `dumb`.
 */

/** Environment variables, as in `process.env`. */
export interface ColorEnvironment {
  readonly [name: string]: string | undefined;
}

/**
 * Whether output to `stream` is coloured.
 * @param env the environment (`NO_COLOR`, `FORCE_COLOR`, `TERM`)
 * @param stream where the output goes (colour only when it is a TTY)
 */
export function colorEnabled(env: ColorEnvironment = process.env, stream: { readonly isTTY?: boolean } = process.stdout): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

/** ANSI styles that are the identity when colour is off. */
export class Palette {
  /** @param enabled whether to colour */
  constructor(private readonly enabled: boolean) {}

  /** Bold (object headers, locations). */
  public bold(text: string): string {
    return this.wrap(text, 1, 22);
  }

  /** Dim (rule ids, hints). */
  public dim(text: string): string {
    return this.wrap(text, 2, 22);
  }

  /** Red (errors). */
  public red(text: string): string {
    return this.wrap(text, 31, 39);
  }

  /** Yellow (warnings). */
  public yellow(text: string): string {
    return this.wrap(text, 33, 39);
  }

  /** Cyan (infos). */
  public cyan(text: string): string {
    return this.wrap(text, 36, 39);
  }

  private wrap(text: string, open: number, close: number): string {
    return this.enabled && text.length > 0 ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  }
}
