/**
 * CIDR values in the API server's "legacy" fields (a Service's `loadBalancerSourceRanges`, a NetworkPolicy's
 * `ipBlock.cidr` and `except`): `IsValidCIDRForLegacyField` in k8s.io/apimachinery `pkg/util/validation/ip.go`,
 * which parses with `netutils.ParseCIDRSloppy` (Go's pre-1.17 `net.ParseCIDR`) and, under StrictIPCIDRValidation
 * (on by default since Kubernetes 1.36, see `strictIpValidation` in k8s/ip), also rejects what `netip.ParsePrefix`
 * rejects (leading zeros), IPv4-mapped IPv6 addresses and bits set beyond the prefix length.
 */
import { parseLegacyIp } from './ip';

/** A CIDR as `ParseCIDRSloppy` returns it: the address as written, the prefix length and the network's mask. */
export interface ParsedCidr {
  /** The address part's 16 bytes (IPv4 as IPv4-mapped IPv6). */
  readonly bytes: readonly number[];
  /** 4 when the address part is dotted IPv4 text (a 4-byte mask), else 6. */
  readonly family: 4 | 6;
  /** The prefix length as written (`Mask.Size()`). */
  readonly bits: number;
  /** Whether `netip.ParsePrefix` also accepts the text (no leading zeros in the address or the prefix length). */
  readonly canonicalDigits: boolean;
}

/** `value` read as `netutils.ParseCIDRSloppy` reads it, or `undefined` when it is not a CIDR. */
export function parseLegacyCidr(value: string): ParsedCidr | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const ip = parseLegacyIp(value.slice(0, slash));
  const mask = value.slice(slash + 1);
  // Go's dtoi: decimal digits only, leading zeros allowed, giving up at 0xFFFFFF.
  if (!ip || !/^[0-9]+$/.test(mask)) return undefined;
  const bits = Number(mask);
  if (bits > (ip.family === 4 ? 32 : 128)) return undefined;
  return { bytes: ip.bytes, family: ip.family, bits, canonicalDigits: ip.canonicalDigits && !(mask.length > 1 && mask.startsWith('0')) };
}

function isV4Mapped(bytes: readonly number[]): boolean {
  return bytes.length === 16 && bytes.slice(0, 10).every(b => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** A mask of `ones` leading one bits over `length` bytes (`net.CIDRMask`), as the count of one bits of each byte. */
function maskOf(ones: number, length: number): number[] {
  return Array.from({ length }, (_, i) => Math.max(0, Math.min(8, ones - i * 8)));
}

/** A byte with only its `bits` leading bits kept (a byte ANDed with a prefix mask). */
function keep(byte: number, bits: number): number {
  const unit = 2 ** (8 - bits);
  return Math.floor(byte / unit) * unit;
}

/** The network of a CIDR as Go's `IPNet` holds it: the masked address (4 bytes for IPv4) and the mask (one bits per byte). */
function network(cidr: ParsedCidr): { ip: number[]; mask: number[] } {
  const mask = maskOf(cidr.bits, cidr.family === 4 ? 4 : 16);
  // net.IP.Mask: a 4-byte mask applies to the last 4 bytes of an IPv4-mapped address.
  const ip = mask.length === 4 ? cidr.bytes.slice(12) : [...cidr.bytes];
  return { ip: ip.map((b, i) => keep(b, mask[i])), mask };
}

/** Whether the network `outer` contains the address of `inner` (`net.IPNet.Contains`, with its family rules). */
function contains(outer: ParsedCidr, inner: ParsedCidr): boolean {
  const net = network(outer);
  let nn = net.ip;
  let mask = net.mask;
  if (isV4Mapped(nn)) nn = nn.slice(12);
  if (mask.length === 4 && nn.length !== 4) return false;
  if (mask.length === 16 && nn.length === 4) mask = mask.slice(12);
  // The address of `inner` is its network's (masked) address, 4 bytes when it is IPv4 (`IP.To4`).
  const innerIp = network(inner).ip;
  const ip = isV4Mapped(innerIp) ? innerIp.slice(12) : innerIp;
  if (ip.length !== nn.length) return false;
  return ip.every((b, i) => keep(b, mask[i]) === nn[i]);
}

/**
 * The problem of a CIDR in a legacy API field, in the API server's words, or `undefined` when it is valid.
 * Mirrors `IsValidCIDRForLegacyField` (and `parseCIDR`) in k8s.io/apimachinery `pkg/util/validation/ip.go`.
 * @param strict the StrictIPCIDRValidation rules (see `strictIpValidation` in k8s/ip)
 */
export function checkLegacyCidr(value: string, strict = true): string | undefined {
  const cidr = parseLegacyCidr(value);
  if (!cidr) return 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  if (!strict) return undefined;
  if (!cidr.canonicalDigits) return 'must not have leading 0s in IP or prefix length';
  if (cidr.family === 6 && isV4Mapped(cidr.bytes)) return 'must not have an IPv4-mapped IPv6 address';
  const net = network(cidr);
  const written = cidr.family === 4 ? cidr.bytes.slice(12) : cidr.bytes;
  if (written.some((b, i) => b !== net.ip[i])) return 'must not have bits set beyond the prefix length';
  return undefined;
}

/**
 * Whether `except` is a strict subset of `cidr` as a NetworkPolicy's ipBlock requires: `cidr` contains the
 * address of `except` and has a shorter prefix. `undefined` when either does not parse (its own problem is reported).
 * Mirrors the subset check of `ValidateIPBlock` in k8s.io/kubernetes `pkg/apis/networking/validation/validation.go`.
 */
export function isStrictCidrSubset(except: string, cidr: string): boolean | undefined {
  const outer = parseLegacyCidr(cidr);
  const inner = parseLegacyCidr(except);
  if (!outer || !inner) return undefined;
  return contains(outer, inner) && outer.bits < inner.bits;
}
