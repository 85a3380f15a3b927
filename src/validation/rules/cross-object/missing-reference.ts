import { BUILT_IN_PRIORITY_CLASSES, describe, namespaceOf } from './common';
import { podReferences } from '../../../k8s/pod-references';
import { nameOf } from '../../../k8s/shape';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const missingReference: Rule = {
  id: 'cross-object/missing-reference',
  severity: Severity.WARNING,
  description: 'A pod template refers to a ServiceAccount, ConfigMap, Secret or PriorityClass the input does not define (it may exist in the cluster already).',
  why: 'A pod whose ServiceAccount or PriorityClass is missing is never created, and one whose ConfigMap or Secret is missing stays in ContainerCreating or CreateContainerConfigError. A warning: the object may exist in the cluster already.',
  fix: 'Define the object in the same app, or make sure it exists in the pod\'s namespace before the pods start.',
  equivalents: { kubeLinter: 'non-existent-service-account, env-value-from' },
  check(ctx: RuleContext): RuleHit[] {
    const defined = new DefinedObjects();
    for (const o of ctx.objects) {
      const name = nameOf(o);
      if (typeof o.kind !== 'string' || name === undefined) continue;
      defined.add(o.kind, o.kind === 'PriorityClass' ? '' : namespaceOf(o), name);
    }
    const hits: RuleHit[] = [];
    for (const obj of ctx.objects) {
      const refs = podReferences(obj);
      if (refs.length === 0) continue;
      const ns = namespaceOf(obj);
      for (const ref of refs) {
        // The default ServiceAccount and the built-in priority classes exist in every cluster.
        if ((ref.kind === 'ServiceAccount' && ref.name === 'default') || (ref.kind === 'PriorityClass' && BUILT_IN_PRIORITY_CLASSES.has(ref.name))) continue;
        if (defined.has(ref.kind, ref.kind === 'PriorityClass' ? '' : ns, ref.name)) continue;
        hits.push({
          object: obj,
          path: ref.path,
          message: `${describe(obj)} refers to ${ref.kind} '${ref.name}'${ref.kind === 'PriorityClass' ? '' : ` in namespace '${ns}'`}, which the input does not define`,
          hint: `define the ${ref.kind} in the same app, or make sure it exists in the cluster before the pods start`,
        });
      }
    }
    return hits;
  },
};

/**
 * The objects of the input by kind, namespace and name: nested maps of the strings the objects already hold, so
 * neither building the index nor a lookup concatenates a key (a new string to hash for each of 10,000 objects).
 */
class DefinedObjects {
  private readonly byKind = new Map<string, Map<string, Set<string>>>();

  /** Records an object; `namespace` is '' for a cluster-scoped kind. */
  public add(kind: string, namespace: string, name: string): void {
    let byNamespace = this.byKind.get(kind);
    if (byNamespace === undefined) this.byKind.set(kind, byNamespace = new Map());
    let names = byNamespace.get(namespace);
    if (names === undefined) byNamespace.set(namespace, names = new Set());
    names.add(name);
  }

  /** Whether the input defines the object. */
  public has(kind: string, namespace: string, name: string): boolean {
    return this.byKind.get(kind)?.get(namespace)?.has(name) === true;
  }
}
