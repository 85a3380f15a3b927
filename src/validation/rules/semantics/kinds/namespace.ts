/**
 * API validation of a Namespace's spec. Mirrors `ValidateNamespace` in k8s.io/kubernetes
 * `pkg/apis/core/validation/validation.go`: each of `spec.finalizers` is a qualified name (`ValidateFinalizerName`)
 * and, without a domain prefix, a standard finalizer (`validateKubeFinalizerName`).
 */
import { asList, asObject, JsonObject } from '../../../../k8s/shape';
import { checkQualifiedName } from '../../../../k8s/syntax';
import { collector, SemanticProblem } from '../checks';
import { STANDARD_FINALIZERS } from '../metadata';

/** The API problems of a Namespace's spec (its metadata is checked for every kind elsewhere). */
export function checkNamespace(obj: JsonObject): SemanticProblem[] {
  const { problems, add } = collector();
  asList(asObject(obj.spec).finalizers).forEach((f, i) => {
    if (typeof f !== 'string') return;
    const p = checkQualifiedName(f);
    if (p) {
      add('namespace-finalizers', `spec.finalizers[${i}]`, `finalizer '${f}' ${p}`);
    } else if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      add('namespace-finalizers', `spec.finalizers[${i}]`, `finalizer '${f}' is neither a standard finalizer name (${[...STANDARD_FINALIZERS].join(', ')}) nor fully qualified; prefix it with a domain, e.g. 'example.com/${f}'`);
    }
  });
  return problems;
}
