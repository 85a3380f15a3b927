/**
 * A Service's addresses: `clusterIP` and `clusterIPs`, `ipFamilies` and `ipFamilyPolicy`, and `externalIPs`, as
 * the API server checks them whatever the cluster's configuration. Whether an address is in the cluster's Service
 * CIDR, or a family is configured on the cluster, depends on the cluster's flags and is not checked here.
 */
import { checkLegacyIp, parseLegacyIp } from '../../../../k8s/ip';
import { asList, entriesOf, JsonObject, text } from '../../../../k8s/shape';
import { Add } from '../checks';

/** The `clusterIPs` the API server validates on create: `clusterIPs`, or `[clusterIP]` when only `clusterIP` is set. */
export function clusterIpsOf(spec: JsonObject): unknown[] {
  const clusterIPs = asList(spec.clusterIPs);
  // normalizeClusterIPs (pkg/registry/core/service/storage/storage.go) fills the plural from the singular.
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '' && clusterIPs.length === 0) return [spec.clusterIP];
  return [...clusterIPs];
}

/** Whether a Service is headless: its only cluster IP is `None` (`isHeadlessService`). */
export function isHeadless(spec: JsonObject): boolean {
  const ips = clusterIpsOf(spec);
  return ips.length === 1 && ips[0] === 'None';
}

/** Whether an address is IPv6 (and not IPv4-mapped), as `netutils.IsIPv6String` reads it. */
function isIPv6(value: string): boolean {
  const ip = parseLegacyIp(value);
  if (!ip) return false;
  const mapped = ip.bytes.slice(0, 10).every(b => b === 0) && ip.bytes[10] === 0xff && ip.bytes[11] === 0xff;
  return ip.family === 6 && !mapped;
}

/** The problems of each cluster IP; whether any was invalid (the API server then stops checking the list). */
function checkEachClusterIp(ips: unknown[], strict: boolean, add: Add): boolean {
  let invalid = false;
  ips.forEach((ip, i) => {
    if (typeof ip !== 'string') return;
    if (i === 0 && ip === 'None') {
      if (ips.length > 1) {
        invalid = true;
        add('service-ips', 'spec.clusterIPs', `clusterIPs ${text(ips)}: 'None' must be the first and only value`);
      }
      return;
    }
    const p = checkLegacyIp(ip, strict);
    if (p) {
      invalid = true;
      add('service-ips', `spec.clusterIPs[${i}]`, `cluster IP '${ip}' ${p}`);
    }
  });
  if (ips.length > 2) add('service-ips', 'spec.clusterIPs', `clusterIPs ${text(ips)} may only hold up to 2 values (one per IP family)`);
  return invalid;
}

/** `clusterIPs` against `ipFamilies`: at most one address per family, each of the family at its index. */
function checkFamiliesOfIps(spec: JsonObject, ips: string[], add: Add): void {
  if (ips.length > 1 && !(ips.length === 2 && isIPv6(ips[0]) !== isIPv6(ips[1]))) {
    add('service-ips', 'spec.clusterIPs', `clusterIPs ${text(ips)} may specify no more than one IP for each IP family`);
  }
  const families = asList(spec.ipFamilies);
  if (isHeadless(spec)) return;
  ips.forEach((ip, i) => {
    if (i >= families.length) return;
    if (families[i] === 'IPv4' && isIPv6(ip)) add('service-ips', `spec.clusterIPs[${i}]`, `cluster IP '${ip}': expected an IPv4 value as indicated by \`ipFamilies[${i}]\``);
    if (families[i] === 'IPv6' && !isIPv6(ip)) add('service-ips', `spec.clusterIPs[${i}]`, `cluster IP '${ip}': expected an IPv6 value as indicated by \`ipFamilies[${i}]\``);
  });
}

/**
 * `ipFamilyPolicy` against the number of families and addresses: without a policy the API server picks
 * SingleStack (RequireDualStack for a headless Service without selector), and SingleStack takes one of each.
 * Mirrors the policy checks of `initIPFamilyFields` in `pkg/registry/core/service/storage/alloc.go`.
 */
function checkPolicy(spec: JsonObject, ips: unknown[], add: Add): void {
  const policy = spec.ipFamilyPolicy;
  if (policy === '') add('service-ips', 'spec.ipFamilyPolicy', 'ipFamilyPolicy \'\' is not supported: use SingleStack, PreferDualStack or RequireDualStack');
  const selectorless = entriesOf(spec.selector).length === 0;
  const effective = policy === undefined || policy === null
    ? (spec.clusterIP === 'None' && selectorless ? 'RequireDualStack' : 'SingleStack') : policy;
  if (effective !== 'SingleStack') return;
  const implied = policy === undefined || policy === null ? ' (no ipFamilyPolicy means SingleStack)' : '';
  if (ips.length === 2) add('service-ips', 'spec.ipFamilyPolicy', `ipFamilyPolicy must be 'RequireDualStack' or 'PreferDualStack' when multiple 'clusterIPs' are specified${implied}`);
  if (asList(spec.ipFamilies).length === 2) add('service-ips', 'spec.ipFamilyPolicy', `ipFamilyPolicy must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified${implied}`);
}

/**
 * The problems of a (non-ExternalName) Service's cluster IPs, IP families and family policy.
 * Mirrors `ValidateServiceClusterIPsRelatedFields` in k8s.io/kubernetes `pkg/apis/core/validation/validation.go`
 * (the family enum is the schema's, except the empty string it lets through).
 */
export function checkServiceClusterIps(spec: JsonObject, strict: boolean, add: Add): void {
  const ips = clusterIpsOf(spec);
  if (typeof spec.clusterIP === 'string' && spec.clusterIP !== '') {
    if (ips[0] !== spec.clusterIP) add('service-ips', 'spec.clusterIPs', `clusterIPs ${text(ips)}: the first value must match \`clusterIP\` ('${spec.clusterIP}')`);
  } else if (ips.length > 0) {
    add('service-ips', 'spec.clusterIPs', `clusterIPs ${text(ips)} must be empty when \`clusterIP\` is not specified`);
  }
  const seen = new Set<unknown>();
  asList(spec.ipFamilies).forEach((family, i) => {
    if (family === '') add('service-ips', `spec.ipFamilies[${i}]`, 'ipFamily \'\' is not supported: use IPv4 or IPv6');
    else if (seen.has(family)) add('service-ips', `spec.ipFamilies[${i}]`, `ipFamily ${text(family)} is listed twice`);
    seen.add(family);
  });
  checkPolicy(spec, ips, add);
  if (checkEachClusterIp(ips, strict, add)) return;
  const strings = ips.filter((ip): ip is string => typeof ip === 'string');
  if (strings.length === ips.length) checkFamiliesOfIps(spec, strings, add);
}

/** The range an address may not be in, for `ValidateEndpointIP`'s checks, or `undefined`. */
function specialRange(value: string): string | undefined {
  const ip = parseLegacyIp(value);
  if (!ip) return undefined;
  const b = ip.bytes;
  const v4 = b.slice(0, 10).every(x => x === 0) && b[10] === 0xff && b[11] === 0xff ? b.slice(12) : undefined;
  if (v4 ? v4.every(x => x === 0) : b.every(x => x === 0)) return `may not be unspecified (${value})`;
  if (v4 ? v4[0] === 127 : b.slice(0, 15).every(x => x === 0) && b[15] === 1) return 'may not be in the loopback range (127.0.0.0/8, ::1/128)';
  if (v4 ? v4[0] === 169 && v4[1] === 254 : b[0] === 0xfe && Math.floor(b[1] / 64) === 2) return 'may not be in the link-local range (169.254.0.0/16, fe80::/10)';
  if (v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : b[0] === 0xff && b[1] % 16 === 2) return 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)';
  return undefined;
}

/**
 * The problems of `spec.externalIPs`: each a valid IP that is not unspecified, loopback or link-local; and the
 * API server's deprecation warning.
 * Mirrors the externalIPs loop of `validateService` (`IsValidIPForLegacyField`, then `ValidateEndpointIP`) and
 * `GetWarningsForService` in `pkg/api/service/warnings.go`.
 */
export function checkServiceExternalIps(spec: JsonObject, type: unknown, strict: boolean, add: Add): void {
  const ips = asList(spec.externalIPs);
  ips.forEach((ip, i) => {
    if (typeof ip !== 'string') return;
    const p = checkLegacyIp(ip, strict) ?? specialRange(ip);
    if (p) add('service-ips', `spec.externalIPs[${i}]`, `external IP '${ip}' ${p}`);
  });
  if (ips.length === 0) return;
  // GetWarningsForService's own notion of headless: type ClusterIP with clusterIP None.
  const warn = (message: string) => add('service-ips', 'spec.externalIPs', `${message} (the API server accepts it with a warning)`, 'warning');
  if (type === 'ClusterIP' && spec.clusterIP === 'None') warn('spec.externalIPs is ignored for headless services');
  else if (type === 'ExternalName') warn('spec.externalIPs is ignored when spec.type is "ExternalName"');
  else warn('spec.externalIPs is deprecated and may no longer be implemented in some clusters');
}

