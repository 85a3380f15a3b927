/**
 * IP addresses as the API server reads them in its "legacy" fields (`hostAliases[].ip`, `dnsConfig.nameservers`,
 * Service `clusterIP` ...): `IsValidIPForLegacyField` in k8s.io/apimachinery `pkg/util/validation/ip.go`, which
 * parses with `netutils.ParseIPSloppy` (Go's pre-1.17 `net.ParseIP`, leading zeros in IPv4 octets allowed) and,
 * under the StrictIPCIDRValidation feature gate (beta and on by default since Kubernetes 1.36), rejects what
 * `netip.ParseAddr` rejects (leading zeros) and IPv4-mapped IPv6 addresses.
 */
import { kubernetesMinor } from './kubernetes-version';

/** A parsed address: its family and its 16 bytes (IPv4 as IPv4-mapped IPv6, as Go keeps it). */
interface Parsed {
  readonly family: 4 | 6;
  readonly bytes: number[];
  /** Whether the text is also what `netip.ParseAddr` accepts (no leading zeros, groups of at most 4 hex digits). */
  readonly canonicalDigits: boolean;
}

/** Dotted-quad IPv4, each octet decimal up to 255; `strictDigits` false when an octet has a leading zero. */
function parseIPv4(s: string): { bytes: number[]; strictDigits: boolean } | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  let strictDigits = true;
  for (const p of parts) {
    if (!/^[0-9]+$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    if (p.length > 1 && p.startsWith('0')) strictDigits = false;
    bytes.push(n);
  }
  return { bytes, strictDigits };
}

/** IPv6 text with at most one `::` and an optional trailing dotted quad; no zone. */
function parseIPv6(s: string): { bytes: number[]; strictDigits: boolean } | undefined {
  if (s.includes('%')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  let strictDigits = true;
  const groups = (text: string, last: boolean): number[] | undefined => {
    if (text === '') return [];
    const out: number[] = [];
    const items = text.split(':');
    for (let i = 0; i < items.length; i++) {
      const g = items[i];
      if (last && i === items.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        if (!v4.strictDigits) strictDigits = false;
        out.push(v4.bytes[0] * 256 + v4.bytes[1], v4.bytes[2] * 256 + v4.bytes[3]);
        continue;
      }
      if (!/^[0-9A-Fa-f]+$/.test(g)) return undefined;
      const n = parseInt(g, 16);
      if (n > 0xffff) return undefined;
      if (g.length > 4) strictDigits = false;
      out.push(n);
    }
    return out;
  };
  const head = groups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1], true) : [];
  if (!head || !tail) return undefined;
  const count = head.length + tail.length;
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const all = [...head, ...new Array(8 - count).fill(0), ...tail];
  return { bytes: all.flatMap(g => [Math.floor(g / 256), g % 256]), strictDigits };
}

function parse(value: string): Parsed | undefined {
  if (value.includes(':')) {
    const v6 = parseIPv6(value);
    return v6 && { family: 6, bytes: v6.bytes, canonicalDigits: v6.strictDigits };
  }
  const v4 = parseIPv4(value);
  return v4 && { family: 4, bytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4.bytes], canonicalDigits: v4.strictDigits };
}

/** Whether the Kubernetes minor version (`1.36`) validates IPs strictly (StrictIPCIDRValidation on by default). */
export function strictIpValidation(kubernetesVersion: string | undefined): boolean {
  const minor = kubernetesMinor(kubernetesVersion);
  return minor === undefined || minor >= 36;
}

/**
 * The problem of an IP address in a legacy API field, in the API server's words, or `undefined` when it is valid.
 * @param strict the StrictIPCIDRValidation rules (see `strictIpValidation`)
 */
export function checkLegacyIp(value: string, strict = true): string | undefined {
  const ip = parse(value);
  if (!ip) return 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
  if (!strict) return undefined;
  if (!ip.canonicalDigits) return 'must not have leading 0s';
  const mapped = ip.bytes.slice(0, 10).every(b => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff;
  if (ip.family === 6 && mapped) return 'must not be an IPv4-mapped IPv6 address';
  return undefined;
}

/** An IP address as the API server's legacy IP fields read it. */
export interface LegacyIp {
  readonly family: 4 | 6;
  readonly bytes: readonly number[];
  readonly canonicalDigits: boolean;
}

/**
 * An address as `netutils.ParseIPSloppy` reads it: its family (4 for dotted IPv4 text), its 16 bytes (IPv4 as
 * IPv4-mapped IPv6) and whether `netip.ParseAddr` would accept the same text; `undefined` when it is not an IP.
 * For the CIDR checks of k8s/cidr.
 */
export function parseLegacyIp(value: string): LegacyIp | undefined {
  return parse(value);
}
