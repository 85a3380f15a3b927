/**
 * API validation of a PodDisruptionBudget's spec. Mirrors `ValidatePodDisruptionBudgetSpec` in k8s.io/kubernetes
 * `pkg/apis/policy/validation/validation.go`: not both minAvailable and maxUnavailable, each a non-negative
 * integer or a percentage of at most 100%, the selector's syntax (an empty or missing selector is accepted), and an
 * empty unhealthyPodEvictionPolicy refused (other values are the schema's enum).
 */
import { intOrPercentProblem } from '../../../../k8s/int-or-percent';
import { checkLabelSelector } from '../../../../k8s/label-selector';
import { asObject, JsonObject, text } from '../../../../k8s/shape';
import { collector, SemanticProblem } from '../checks';

const set = (v: unknown) => v !== undefined && v !== null;

/** The API problems of a PodDisruptionBudget (its metadata is checked for every kind elsewhere). */
export function checkPodDisruptionBudget(obj: JsonObject): SemanticProblem[] {
  const { problems, add } = collector();
  const spec = asObject(obj.spec);
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) {
    add('pod-disruption-budget', 'spec', 'minAvailable and maxUnavailable cannot be both set; keep one of them');
  }
  for (const field of ['minAvailable', 'maxUnavailable'] as const) {
    const v = spec[field];
    // An IntOrString's integer is an int32: a larger number fails JSON decoding (IntOrString.UnmarshalJSON) with a 400.
    if (typeof v === 'number' && v > 2147483647) {
      add('pod-disruption-budget', `spec.${field}`, `${field} ${v} does not fit in an int32 (at most 2147483647): the API server cannot decode it`);
      continue;
    }
    const p = intOrPercentProblem(v);
    if (p) add('pod-disruption-budget', `spec.${field}`, `${field} ${typeof spec[field] === 'string' ? `'${spec[field]}'` : text(spec[field])}: ${p}`);
  }
  for (const p of checkLabelSelector(spec.selector, 'spec.selector')) add('pod-disruption-budget', p.path, p.message);
  if (spec.unhealthyPodEvictionPolicy === '') {
    add('pod-disruption-budget', 'spec.unhealthyPodEvictionPolicy', 'unhealthyPodEvictionPolicy \'\' is not supported: use IfHealthyBudget or AlwaysAllow');
  }
  return problems;
}
