/**
 * A namespace's Pod Security policy: the level and policy version of each mode (enforce, audit, warn), read from
 * its `pod-security.kubernetes.io/*` labels as the API server reads them.
 */
import { PodSecurityLevel } from './check';
import { parsePolicyVersion, RequestedPolicyVersion } from './version';
import { asObject, isObject, own } from '../shape';
import {
  POD_SECURITY_AUDIT_LABEL, POD_SECURITY_AUDIT_VERSION_LABEL, POD_SECURITY_ENFORCE_LABEL, POD_SECURITY_ENFORCE_VERSION_LABEL,
  POD_SECURITY_WARN_LABEL, POD_SECURITY_WARN_VERSION_LABEL,
} from '../well-known';

/** A Pod Security mode of a namespace. */
export type PodSecurityMode = 'enforce' | 'audit' | 'warn';

/** A level at a policy version (upstream's LevelVersion). */
export interface PodSecurityLevelVersion {
  readonly level: PodSecurityLevel;
  readonly version: RequestedPolicyVersion;
}

/** A label the API server refuses on a Namespace it creates. */
export interface PodSecurityLabelError {
  readonly label: string;
  readonly value: unknown;
  /** Why, in the API server's words (`must be "latest" or "v1.x"`). */
  readonly message: string;
  /** What the API server evaluates instead, for a namespace that already carries the label. */
  readonly fallback: string;
}

/** A namespace's policy: each mode's level and version, and the labels that are invalid. */
export interface NamespacePodSecurity {
  readonly enforce: PodSecurityLevelVersion;
  readonly audit: PodSecurityLevelVersion;
  readonly warn: PodSecurityLevelVersion;
  /** The label each mode's level comes from, when a label sets it (warn may come from the enforce label). */
  readonly levelLabels: Readonly<Partial<Record<PodSecurityMode, string>>>;
  /** The label each mode's version comes from, when a label sets it. */
  readonly versionLabels: Readonly<Partial<Record<PodSecurityMode, string>>>;
  readonly errors: readonly PodSecurityLabelError[];
}

/** The level and version labels of each mode. */
export const MODE_LABELS: Readonly<Record<PodSecurityMode, { level: string; version: string }>> = {
  enforce: { level: POD_SECURITY_ENFORCE_LABEL, version: POD_SECURITY_ENFORCE_VERSION_LABEL },
  audit: { level: POD_SECURITY_AUDIT_LABEL, version: POD_SECURITY_AUDIT_VERSION_LABEL },
  warn: { level: POD_SECURITY_WARN_LABEL, version: POD_SECURITY_WARN_VERSION_LABEL },
};

const PRIVILEGED_LATEST: PodSecurityLevelVersion = Object.freeze({ level: 'privileged', version: 'latest' });
const LEVEL_ERROR = 'must be one of privileged, baseline, restricted';
const STRICTNESS: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * The Pod Security policy of a namespace with these labels. Mirrors PolicyToEvaluate in
 * k8s.io/pod-security-admission/api/helpers.go, with the API server's default configuration (every mode
 * `privileged:latest`): an invalid enforce level is read as `restricted`, an invalid audit or warn level as
 * `privileged` (fail open), an invalid version as `latest`; and warn follows a stricter enforce level (and its
 * version) when no warn label is set.
 * @param labels the Namespace's `metadata.labels` (anything: not an object means no labels)
 */
export function namespacePodSecurity(labels: unknown): NamespacePodSecurity {
  const policy: Record<PodSecurityMode, { level: PodSecurityLevel; version: RequestedPolicyVersion }> = {
    enforce: { ...PRIVILEGED_LATEST }, audit: { ...PRIVILEGED_LATEST }, warn: { ...PRIVILEGED_LATEST },
  };
  const levelLabels: Partial<Record<PodSecurityMode, string>> = {};
  const versionLabels: Partial<Record<PodSecurityMode, string>> = {};
  const errors: PodSecurityLabelError[] = [];
  let enforceLevelValid = false;
  for (const mode of ['enforce', 'audit', 'warn'] as const) {
    const { level: levelLabel, version: versionLabel } = MODE_LABELS[mode];
    const levelValue = own(labels, levelLabel);
    if (levelValue !== undefined) {
      levelLabels[mode] = levelLabel;
      const level = levelValue === 'privileged' || levelValue === 'baseline' || levelValue === 'restricted' ? levelValue : undefined;
      const fallback: PodSecurityLevel = mode === 'enforce' ? 'restricted' : 'privileged';
      policy[mode].level = level ?? fallback;
      if (level === undefined) errors.push({ label: levelLabel, value: levelValue, message: LEVEL_ERROR, fallback });
      if (mode === 'enforce') enforceLevelValid = level !== undefined;
    }
    const versionValue = own(labels, versionLabel);
    if (versionValue !== undefined) {
      versionLabels[mode] = versionLabel;
      const parsed = parsePolicyVersion(versionValue);
      policy[mode].version = parsed.version;
      if (parsed.error) errors.push({ label: versionLabel, value: versionValue, message: parsed.error, fallback: 'latest' });
    }
  }
  // Default warn to the enforce level when explicitly set to a more restrictive level.
  if (levelLabels.warn === undefined && enforceLevelValid && STRICTNESS[policy.enforce.level] > STRICTNESS[policy.warn.level]) {
    policy.warn.level = policy.enforce.level;
    levelLabels.warn = levelLabels.enforce;
    if (versionLabels.warn === undefined) {
      policy.warn.version = policy.enforce.version;
      if (versionLabels.enforce !== undefined) versionLabels.warn = versionLabels.enforce;
    }
  }
  return { enforce: policy.enforce, audit: policy.audit, warn: policy.warn, levelLabels, versionLabels, errors };
}

/** A Namespace that carries a `pod-security.kubernetes.io/` label, with its policy. */
export interface NamespacePodSecurityOf {
  readonly object: { [key: string]: any };
  readonly policy: NamespacePodSecurity;
}

const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/**
 * Namespace name → policy, for the Namespaces among `objects` that carry a `pod-security.kubernetes.io/` label
 * (the others have the API server's default policy, privileged for every mode).
 */
export function namespacePodSecurityOf(objects: readonly unknown[]): Map<string, NamespacePodSecurityOf> {
  const map = new Map<string, NamespacePodSecurityOf>();
  for (const o of objects) {
    const object = asObject(o);
    const metadata = asObject(object.metadata);
    if (object.kind !== 'Namespace' || typeof metadata.name !== 'string' || !isObject(metadata.labels)) continue;
    if (!Object.keys(metadata.labels).some(k => k.startsWith(LABEL_PREFIX))) continue;
    map.set(metadata.name, { object, policy: namespacePodSecurity(metadata.labels) });
  }
  return map;
}
