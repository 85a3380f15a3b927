import { PodSecurityLevel, PodSecurityReason, PSA_CHECK_ALLOWS } from '../../../k8s/pod-security';
import { isObject, Manifest } from '../../../k8s/shape';
import { POD_SECURITY_AUDIT_LABEL, POD_SECURITY_ENFORCE_LABEL, POD_SECURITY_WARN_LABEL } from '../../../k8s/well-known';

// Helpers shared by the pod-security rules.

export const ENFORCE = POD_SECURITY_ENFORCE_LABEL;
export const WARN = POD_SECURITY_WARN_LABEL;
export const AUDIT = POD_SECURITY_AUDIT_LABEL;

/** Namespace name → labels, for Namespaces of the input that carry one of `labels`. */
export function namespaceLabels(objects: Manifest[], labels: string[]): Map<string, Manifest> {
  const map = new Map<string, Manifest>();
  for (const o of objects) {
    if (o?.kind !== 'Namespace' || typeof o.metadata?.name !== 'string' || !isObject(o.metadata.labels)) continue;
    const l = o.metadata.labels;
    if (labels.some(k => l[k] !== undefined)) map.set(o.metadata.name, l);
  }
  return map;
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
    // Reasons of one check are mostly adjacent; the includes() catches the rest.
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

export function levelHint(
  allowed: PodSecurityLevel, needed: PodSecurityLevel, namespace: string, label: string, reasons: PodSecurityReason[],
): string {
  const ids = checkIds(reasons);
  return shared(`hint|${allowed}|${needed}|${namespace}|${label}|${ids}`, () =>
    `'${allowed}' allows ${ids.split(', ').map(c => `${c}: ${PSA_CHECK_ALLOWS[c]}`).join('; ')}. `
    + 'Change the listed fields, or, if the workload truly needs them (node agents often need host access), '
    + `label namespace '${namespace}' ${label}=${needed} or run it in a namespace that allows '${needed}'.`);
}
