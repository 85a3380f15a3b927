import { displayName, Manifest, namespaceFieldOf, text } from '../../../k8s/shape';

// Helpers shared by the cross-object rules.

/** Priority classes every cluster has. */
export const BUILT_IN_PRIORITY_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

export function namespaceOf(obj: Manifest): string {
  return namespaceFieldOf(obj) ?? 'default';
}

/** `.path` for a path below the pod spec; nothing when there is none. */
export function atPath(path: string | undefined): string {
  return path === undefined ? '' : `.${path}`;
}

export function describe(obj: Manifest): string {
  return `${text(obj.kind)} '${displayName(obj)}'`;
}
