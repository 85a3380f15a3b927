import { DaemonSetsError } from './errors';
import { checkString } from './input-checks';

/**
 * The timezone of a DaemonSet's containers.
 *
 * Console forms call this "sync timezone with the node": the node's `/etc/localtime`
 * is mounted read-only into every container, so log timestamps match the node's.
 */
export class Timezone {
  /** The node's own `/etc/localtime`, mounted read-only (hostPath type `File`) at `/etc/localtime` in every container, init containers included. */
  public static fromNode(): Timezone {
    return new Timezone(undefined);
  }

  /**
   * A fixed IANA timezone (e.g. `Asia/Shanghai`, `Europe/Berlin`, `UTC`), set as the `TZ`
   * environment variable of every container that does not set `TZ` itself. The image needs
   * the tz database (most distributions ship it; Go binaries can embed it).
   * @param zone an IANA timezone name
   */
  public static of(zone: string): Timezone {
    checkString('Timezone.of', 'zone', zone);
    const canonical = ianaZone(zone);
    if (canonical && canonical !== zone && canonical.toLowerCase() === zone.toLowerCase()) {
      throw new DaemonSetsError(`Timezone.of: '${zone}' is spelled in the wrong case; tz database names are case-sensitive on Linux, use '${canonical}'.`, 'Timezone.of', 'zone');
    }
    if (!canonical) {
      throw new DaemonSetsError(`Timezone.of: '${zone}' is not an IANA timezone name; use a name from the tz database such as 'Asia/Shanghai', 'America/New_York' or 'UTC', or Timezone.fromNode() to follow the node.`, 'Timezone.of', 'zone');
    }
    return new Timezone(zone);
  }

  /** The fixed IANA zone, or undefined when the node's timezone is followed. */
  public readonly zone?: string;

  private constructor(zone: string | undefined) {
    this.zone = zone;
  }

  /** Whether the node's `/etc/localtime` is mounted. */
  public get followsNode(): boolean {
    return this.zone === undefined;
  }
}

/** The tz database's spelling of `zone`, or undefined when it names no zone. */
function ianaZone(zone: string): string | undefined {
  // Area/Location names (or the few single-word zones such as UTC); Intl knows the tz database.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
