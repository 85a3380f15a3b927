/**
 * The minor of a Kubernetes version as the validation options write it.
 */

/** The last version asked about and its minor: a run asks about one version for every object. */
let last: { readonly version: unknown; readonly minor: number | undefined } = { version: undefined, minor: undefined };

/**
 * The minor of `1.37` or `v1.37.2` (read from the start of the text, no surrounding space allowed); undefined when
 * unreadable. Each caller decides what an unreadable version means (the newest rules, mostly).
 * @internal
 */
export function kubernetesMinor(version: unknown): number | undefined {
  if (version === last.version) return last.minor;
  const minor = /^v?1\.([0-9]+)/.exec((version ?? '') as string)?.[1];
  last = { version, minor: minor === undefined ? undefined : Number(minor) };
  return last.minor;
}
