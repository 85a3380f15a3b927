import { asList, asObject, entriesOf, isObject, nameOf, namespaceFieldOf, text } from '../k8s/shape';

/**
 * What the placement engine reads of a node for the DaemonSets of an input: the label keys their node
 * selectors and required node affinities test, and the node names they pick by `spec.nodeName` or a
 * `metadata.name` field selector. Two nodes that agree on these labels (and on taints, os, arch and
 * allocatable resources) get the same DaemonSet pods; a node named by a DaemonSet gets pods others do not.
 * @internal
 */
export interface NodeFactsRead {
  /** Label key → the first DaemonSet (`namespace/name`) that reads it. */
  readonly labels: Map<string, string>;
  /** Node name → the first DaemonSet (`namespace/name`) that names it. */
  readonly names: Map<string, string>;
}

/**
 * The node labels and names the DaemonSets of `objects` select on, in input order.
 * @internal
 */
export function nodeFactsReadBy(objects: readonly unknown[]): NodeFactsRead {
  const labels = new Map<string, string>();
  const names = new Map<string, string>();
  const note = (map: Map<string, string>, key: string, id: string) => {
    if (!map.has(key)) map.set(key, id);
  };
  for (const object of objects) {
    if (!isObject(object) || object.kind !== 'DaemonSet') continue;
    const spec = asObject(asObject(asObject(object.spec).template).spec);
    const id = `${namespaceFieldOf(object) ?? 'default'}/${nameOf(object) ?? '(unnamed)'}`;
    if (typeof spec.nodeName === 'string' && spec.nodeName !== '') note(names, spec.nodeName, id);
    for (const [key] of entriesOf(spec.nodeSelector)) note(labels, key, id);
    const terms = asObject(asObject(asObject(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms;
    for (const term of asList(terms).map(asObject)) {
      for (const e of asList(term.matchExpressions).map(asObject)) if (typeof e.key === 'string') note(labels, e.key, id);
      for (const f of asList(term.matchFields).map(asObject)) {
        if (f.key === 'metadata.name') for (const v of asList(f.values)) note(names, text(v), id);
      }
    }
  }
  return { labels, names };
}
