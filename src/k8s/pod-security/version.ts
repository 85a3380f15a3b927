/**
 * Pod Security policy versions: `latest` or `v1.<minor>`, as the `pod-security.kubernetes.io/<mode>-version`
 * namespace labels name them, and which set of checks a version means on a given Kubernetes version.
 */

/** The newest policy version any check defines (sysctls changed at v1.37), as in k8s.io/pod-security-admission v0.37.2. */
export const NEWEST_POLICY_MINOR = 37;

/** A requested policy version: `latest`, or the minor of `v1.<minor>`. */
export type RequestedPolicyVersion = 'latest' | number;

/** The result of parsing a version label: the version to use, and why the label was refused when it was. */
export interface ParsedPolicyVersion {
  /** The version to evaluate (`latest` when the value is invalid, as the API server falls back). */
  readonly version: RequestedPolicyVersion;
  /** Why the value is not a policy version; undefined when it is one. */
  readonly error?: string;
}

// mirrors versionRegexp in k8s.io/pod-security-admission/api/helpers.go: no leading zeros, major 1 only
const VERSION_PATTERN = /^v1\.([0-9]|[1-9][0-9]*)$/;

/**
 * Parses a policy version label value: `latest` or `v1.<minor>`.
 * Mirrors ParseVersion in k8s.io/pod-security-admission/api/helpers.go: anything else falls back to `latest`
 * with an error (the API server refuses such a label on a Namespace it creates, and evaluates existing
 * namespaces at `latest`).
 */
export function parsePolicyVersion(value: unknown): ParsedPolicyVersion {
  if (value === 'latest') return { version: 'latest' };
  const match = typeof value === 'string' ? VERSION_PATTERN.exec(value) : null;
  const minor = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(minor)) return { version: 'latest', error: 'must be "latest" or "v1.x"' };
  return { version: minor };
}

/**
 * The minor of a Kubernetes version (`1.31`, `v1.31.4`); undefined when it is not a 1.x version.
 * @internal
 */
export function kubernetesMinor(kubernetesVersion: unknown): number | undefined {
  const match = typeof kubernetesVersion === 'string' ? /^v?1\.(\d+)(?:\.\d+)?$/.exec(kubernetesVersion.trim()) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * The policy version whose checks apply when `requested` is evaluated by the API server of `kubernetesVersion`:
 * `latest` is the newest policy that server knows, and a newer `v1.<minor>` than the server knows is evaluated
 * at the server's newest (mirrors checkRegistry.EvaluatePod in k8s.io/pod-security-admission/policy/registry.go,
 * whose maxVersion is the newest check version, lowered to the emulated version by NewEvaluator). Kubernetes
 * versions newer than this library knows are evaluated with the newest policy it knows.
 * @param requested the requested version
 * @param kubernetesVersion the Kubernetes minor version, e.g. `1.31`; unset or unreadable means the newest known
 * @returns the minor of the effective policy version
 */
export function effectivePolicyMinor(requested: RequestedPolicyVersion, kubernetesVersion?: string): number {
  const server = Math.min(kubernetesMinor(kubernetesVersion) ?? NEWEST_POLICY_MINOR, NEWEST_POLICY_MINOR);
  return requested === 'latest' ? server : Math.min(requested, server);
}

/** `v1.<minor>`, or `latest`. */
export function formatPolicyVersion(version: RequestedPolicyVersion): string {
  return version === 'latest' ? 'latest' : `v1.${version}`;
}
