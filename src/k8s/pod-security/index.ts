/**
 * The Pod Security Standards evaluator: PSA's checks by policy version (`checks/`, `registry`), the evaluation of a
 * pod at a version (`evaluate`), policy versions (`version`) and a namespace's policy from its labels
 * (`namespace-policy`).
 */
export type { PodSecurityCheck, PodSecurityLevel } from './check';
export {
  admits, evaluatePodSecurity, evaluatePodSecurityOf, parsePodSecurityLevel, violationsAt,
} from './evaluate';
export type { PodSecurityEvaluation, PodSecurityPolicyOptions, PodSecurityReason } from './evaluate';
export { MODE_LABELS, namespacePodSecurity, namespacePodSecurityOf } from './namespace-policy';
export type { NamespacePodSecurity, NamespacePodSecurityOf, PodSecurityLabelError, PodSecurityLevelVersion, PodSecurityMode } from './namespace-policy';
export { activeCheck, POD_SECURITY_CHECKS, policyChecks } from './registry';
export type { ActiveCheck, PolicyChecks } from './registry';
export {
  effectivePolicyMinor, formatPolicyVersion, kubernetesMinor, NEWEST_POLICY_MINOR, parsePolicyVersion,
} from './version';
export type { ParsedPolicyVersion, RequestedPolicyVersion } from './version';
