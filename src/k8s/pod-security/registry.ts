/**
 * Every Pod Security check, and the checks each policy version runs per level, as k8s.io/pod-security-admission
 * v0.37.2 registers them (policy/registry.go).
 */
import { PodSecurityCheck, PodView, Report } from './check';
import { CAPABILITY_CHECKS } from './checks/capabilities';
import { HOST_CHECKS } from './checks/host';
import { IDENTITY_CHECKS } from './checks/identity';
import { KERNEL_CHECKS } from './checks/kernel';
import { SECCOMP_CHECKS } from './checks/seccomp';
import { VOLUME_CHECKS } from './checks/volumes';
import { NEWEST_POLICY_MINOR } from './version';

/** Go's sort.Strings order (code units, so `seLinuxOptions` before `seccompProfile_baseline`). */
function byId(a: PodSecurityCheck, b: PodSecurityCheck): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const ALL = [...HOST_CHECKS, ...VOLUME_CHECKS, ...CAPABILITY_CHECKS, ...SECCOMP_CHECKS, ...KERNEL_CHECKS, ...IDENTITY_CHECKS];

/**
 * Every check: baseline checks first, then restricted ones, each group by id (upstream's orderedIDs in populate,
 * which is also the order the API server names failed checks in).
 */
export const POD_SECURITY_CHECKS: readonly PodSecurityCheck[] = [
  ...ALL.filter(c => c.level === 'baseline').sort(byId),
  ...ALL.filter(c => c.level === 'restricted').sort(byId),
];

/** One check as a policy version runs it. */
export interface ActiveCheck {
  readonly id: string;
  readonly level: 'baseline' | 'restricted';
  readonly title: string;
  readonly allows: string;
  readonly run: (pod: PodView, report: Report) => void;
}

/** The checks one policy version runs. */
export interface PolicyChecks {
  /** The policy version's minor. */
  readonly minor: number;
  /** Every check that exists at this version, in POD_SECURITY_CHECKS order. */
  readonly checks: readonly ActiveCheck[];
  /** Baseline checks that restricted checks of this version replace when `restricted` is evaluated. */
  readonly overridden: ReadonlySet<string>;
}

const CACHE = new Map<number, PolicyChecks>();

/**
 * The checks of policy version `v1.<minor>`: for each check, its newest implementation whose `since` is at most
 * `minor` (none before its first), and the baseline checks the restricted ones override. Mirrors populate and
 * inflateVersions in k8s.io/pod-security-admission/policy/registry.go. Minors above the newest known are read as
 * the newest.
 */
export function policyChecks(minor: number): PolicyChecks {
  const m = Math.max(0, Math.min(Math.floor(minor), NEWEST_POLICY_MINOR));
  let cached = CACHE.get(m);
  if (cached) return cached;
  const checks: ActiveCheck[] = [];
  const overridden = new Set<string>();
  for (const check of POD_SECURITY_CHECKS) {
    let current;
    for (const v of check.versions) if (v.since <= m) current = v;
    if (!current) continue;
    checks.push({ id: check.id, level: check.level, title: check.title, allows: current.allows, run: current.run });
    for (const id of current.overrides ?? []) overridden.add(id);
  }
  cached = { minor: m, checks, overridden };
  CACHE.set(m, cached);
  return cached;
}

/** The check with this id, at policy version `v1.<minor>`; undefined when that version has no such check. */
export function activeCheck(id: string, minor: number): ActiveCheck | undefined {
  return policyChecks(minor).checks.find(c => c.id === id);
}
