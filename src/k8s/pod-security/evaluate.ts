/**
 * Pod Security Standards (PSS) evaluation, as the `PodSecurity` admission controller (k8s.io/pod-security-admission
 * v0.37.2) applies it at a policy version: `v1.0` to `v1.37`, or `latest`, the newest policy of the target
 * Kubernetes version.
 *
 * Check ids are PSA's own, so a finding can be matched to the API server's rejection message.
 */
import { PodSecurityLevel, podView } from './check';
import { policyChecks } from './registry';
import { effectivePolicyMinor, formatPolicyVersion, parsePolicyVersion } from './version';
import { ContainerRef, containersOf } from '../pod-template';
import { isObject, Manifest } from '../shape';

/** One check that keeps a pod out of a level. */
export interface PodSecurityReason {
  /** PSA check id, e.g. `hostNamespaces`, `capabilities_restricted`. */
  readonly check: string;
  /** The level the check belongs to: the pod is kept out of this level and every stricter one. */
  readonly level: 'baseline' | 'restricted';
  /**
   * JSON path below the pod spec, e.g. `containers[0].securityContext.privileged`.
   * Paths into the pod's metadata (AppArmor and seccomp annotations) start with `metadata.` and are relative to the pod template.
   */
  readonly path: string;
  /** What the pod sets and what the level allows. */
  readonly message: string;
}

/** The level a pod needs at a policy version, and why it needs no stricter one. */
export interface PodSecurityEvaluation {
  /** The most restrictive level that admits the pod. */
  readonly level: PodSecurityLevel;
  /** Every failed check, in the order the API server names them (baseline checks first); empty when the pod passes every check. */
  readonly reasons: PodSecurityReason[];
  /** The policy version whose checks were run, e.g. `v1.31` (`latest` resolved for the Kubernetes version). */
  readonly policyVersion: string;
}

/** Which policy version to evaluate. */
export interface PodSecurityPolicyOptions {
  /**
   * The policy version, as the `pod-security.kubernetes.io/<mode>-version` labels name it: `latest` or `v1.<minor>`
   * (an invalid value is read as `latest`, as the API server does).
   * @default 'latest'
   */
  readonly version?: string;
  /**
   * The Kubernetes minor version of the API server (`1.31`): `latest` means its newest policy, and a newer
   * `v1.<minor>` is evaluated at that one.
   * @default - the newest policy this library knows (v1.37)
   */
  readonly kubernetesVersion?: string;
}

const LEVEL_RANK: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * Evaluates a pod spec against the Pod Security Standards at a policy version.
 * @param podSpec the pod spec (a Pod's `spec`, a workload's `spec.template.spec`)
 * @param podMetadata the pod's metadata, for the AppArmor and seccomp annotations
 * @param options the policy version and Kubernetes version
 * @returns the most restrictive level that admits the pod, and every check that keeps it out of a stricter one
 */
export function evaluatePodSecurity(podSpec: Manifest, podMetadata?: Manifest, options: PodSecurityPolicyOptions = {}): PodSecurityEvaluation {
  const spec = isObject(podSpec) ? podSpec : {};
  const requested = options.version === undefined ? 'latest' : parsePolicyVersion(options.version).version;
  const minor = effectivePolicyMinor(requested, options.kubernetesVersion);
  return evaluatePodSecurityOf(spec, isObject(podMetadata) ? podMetadata : {}, containersOf(spec), minor);
}

/**
 * `evaluatePodSecurity` at the effective policy minor (`effectivePolicyMinor`), with the pod's containers already
 * listed (`containersOf`), for callers that list them once.
 * @internal
 */
export function evaluatePodSecurityOf(podSpec: Manifest, podMetadata: Manifest, containers: ContainerRef[], minor: number): PodSecurityEvaluation {
  const policy = policyChecks(minor);
  const pod = podView(podSpec, podMetadata, containers);
  const reasons: PodSecurityReason[] = [];
  let baselineFails = false;
  let restrictedFails = false;
  // One report function for every check (not a closure per check and pod).
  let current = policy.checks[0];
  const report = (path: string, message: string) => {
    reasons.push({ check: current.id, level: current.level, path, message });
  };
  for (const check of policy.checks) {
    const before = reasons.length;
    current = check;
    check.run(pod, report);
    if (reasons.length === before) continue;
    if (check.level === 'baseline') baselineFails = true;
    if (check.level === 'restricted' || !policy.overridden.has(check.id)) restrictedFails = true;
  }
  const level: PodSecurityLevel = !restrictedFails ? 'restricted' : baselineFails ? 'privileged' : 'baseline';
  return { level, reasons, policyVersion: formatPolicyVersion(policy.minor) };
}

/** The minor of an evaluation's `policyVersion` (`v1.31` → 31). */
function minorOf(evaluation: PodSecurityEvaluation): number {
  const minor = Number(String(evaluation.policyVersion).slice(3));
  return Number.isFinite(minor) ? minor : effectivePolicyMinor('latest');
}

/**
 * The reasons that keep a pod out of `level`, named as the API server would name them at the evaluation's policy
 * version (for `restricted`, baseline checks that a restricted check of that version replaces are left out).
 * Empty when `level` admits the pod.
 */
export function violationsAt(evaluation: PodSecurityEvaluation, level: PodSecurityLevel): PodSecurityReason[] {
  if (level === 'privileged') return [];
  if (level === 'baseline') return evaluation.reasons.filter(r => r.level === 'baseline');
  const overridden = policyChecks(minorOf(evaluation)).overridden;
  return evaluation.reasons.filter(r => r.level === 'restricted' || !overridden.has(r.check));
}

/** Parses a `pod-security.kubernetes.io/<mode>` label value; undefined when absent or not a level. */
export function parsePodSecurityLevel(value: unknown): PodSecurityLevel | undefined {
  return value === 'privileged' || value === 'baseline' || value === 'restricted' ? value : undefined;
}

/** Whether a pod needing `needed` is admitted by a namespace at `allowed`. */
export function admits(allowed: PodSecurityLevel, needed: PodSecurityLevel): boolean {
  return LEVEL_RANK[needed] >= LEVEL_RANK[allowed];
}
