import { createHash } from 'crypto';

/**
 * The selector label that names the application: the DaemonSet's name for the generic construct, the
 * component (`node-exporter`, `fluent-bit`) for a preset. A `podMetadata` label with this key wins.
 */
export const SELECTOR_NAME_LABEL = 'app.kubernetes.io/name';

/** The selector label that names the instance: always the DaemonSet's name (as a label value). */
export const SELECTOR_INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** The longest label value Kubernetes accepts. */
const MAX_LABEL_VALUE = 63;

/**
 * A resource name as a label value. A DaemonSet name (a DNS-1123 subdomain, up to 253 characters) is
 * a valid label value when it has at most 63 characters; a longer one keeps its first 54 characters
 * and ends with 8 hex characters of its SHA-256, so that two long names never share a value.
 */
export function labelValueFromName(name: string): string {
  if (name.length <= MAX_LABEL_VALUE) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const head = name.slice(0, MAX_LABEL_VALUE - hash.length - 1).replace(/[^a-zA-Z0-9]+$/, '');
  return `${head}-${hash}`;
}

/**
 * The labels a DaemonSet selects its pods with, derived only from its name (never from the construct
 * path, so renaming an id, moving the construct to another chart or wrapping it changes nothing):
 * `app.kubernetes.io/name` (the given pod label, else the name) and `app.kubernetes.io/instance` (the
 * given pod label, else the name).
 */
export function defaultSelectorLabels(name: string, podLabels: { readonly [key: string]: string } = {}): { [key: string]: string } {
  const value = labelValueFromName(name);
  return {
    [SELECTOR_NAME_LABEL]: podLabels[SELECTOR_NAME_LABEL] ?? value,
    [SELECTOR_INSTANCE_LABEL]: podLabels[SELECTOR_INSTANCE_LABEL] ?? value,
  };
}
