import {
  activeCheck, effectivePolicyMinor, formatPolicyVersion, namespacePodSecurityOf, NamespacePodSecurityOf, PodSecurityLevel,
  PodSecurityReason, RequestedPolicyVersion,
} from '../../../k8s/pod-security';
import { Manifest } from '../../../k8s/shape';
import { RuleContext } from '../../rule';

// Helpers shared by the pod-security rules.

const policyCache = new WeakMap<Manifest[], { length: number; map: Map<string, NamespacePodSecurityOf> }>();

/** Namespace name → policy, for the Namespaces of the input that carry a `pod-security.kubernetes.io/` label (computed once per input). */
export function namespacePolicies(ctx: RuleContext): Map<string, NamespacePodSecurityOf> {
  const cached = policyCache.get(ctx.objects);
  if (cached && cached.length === ctx.objects.length) return cached.map;
  const map = namespacePodSecurityOf(ctx.objects);
  policyCache.set(ctx.objects, { length: ctx.objects.length, map });
  return map;
}

/** The policy minor whose checks the API server of the run's Kubernetes version applies for `version`. */
export function policyMinor(version: RequestedPolicyVersion, ctx: RuleContext): number {
  return effectivePolicyMinor(version, ctx.kubernetesVersion);
}

/**
 * The policy version as a message names it: `v1.24`; `latest = v1.31 on Kubernetes 1.31`; a version newer than the
 * target knows: `v1.40, read as v1.31 by Kubernetes 1.31`.
 */
export function describeVersion(version: RequestedPolicyVersion, ctx: RuleContext): string {
  const effective = formatPolicyVersion(policyMinor(version, ctx));
  if (version === 'latest') return `latest = ${effective} on Kubernetes ${ctx.kubernetesVersion}`;
  const requested = formatPolicyVersion(version);
  return requested === effective ? requested : `${requested}, read as ${effective} by Kubernetes ${ctx.kubernetesVersion}`;
}

/** Joins a path below the pod spec to the pod spec's path in the object. */
export function fullPath(specPath: string, path: string): string {
  if (path.startsWith('metadata.')) {
    const parent = specPath.slice(0, specPath.length - 'spec'.length);
    return `${parent}${path}`;
  }
  return `${specPath}.${path}`;
}

/** `check at path (what)` for each reason. */
export function describeReasons(reasons: PodSecurityReason[], specPath: string): string {
  return reasons.map(r => `${r.check} at ${fullPath(specPath, r.path)} (${r.message})`).join('; ');
}

/** The distinct check ids of `reasons`, comma-separated, in order; `filter` keeps only some reasons. */
export function checkIds(reasons: PodSecurityReason[], filter?: (r: PodSecurityReason) => boolean): string {
  let ids = '';
  let last = '';
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i];
    if (filter && !filter(r)) continue;
    // Reasons of one check are adjacent (the checks run one after the other); the includes() is a safety net.
    if (r.check === last || (ids !== '' && `, ${ids}, `.includes(`, ${r.check}, `))) continue;
    ids = ids === '' ? r.check : `${ids}, ${r.check}`;
    last = r.check;
  }
  return ids;
}

/** Messages and hints repeat across workloads: share one string per distinct content. */
export const sharedStrings = new Map<string, string>();
export function shared(key: string, make: () => string): string {
  let value = sharedStrings.get(key);
  if (value === undefined) {
    value = make();
    if (sharedStrings.size < 10_000) sharedStrings.set(key, value);
  }
  return value;
}

/** What the failed checks allow at the policy version, and how to admit the pod. */
export function levelHint(
  allowed: PodSecurityLevel, needed: PodSecurityLevel, namespace: string, label: string, reasons: PodSecurityReason[], minor: number,
): string {
  const ids = checkIds(reasons);
  return shared(`hint|${allowed}|${needed}|${namespace}|${label}|${ids}|${minor}`, () =>
    `'${allowed}' allows ${ids.split(', ').map(c => `${c}: ${activeCheck(c, minor)?.allows ?? '(no such check)'}`).join('; ')}. `
    + 'Change the listed fields, or, if the workload truly needs them (node agents often need host access), '
    + `label namespace '${namespace}' ${label}=${needed} or run it in a namespace that allows '${needed}'.`);
}

