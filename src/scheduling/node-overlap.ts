import { isInt64, requirementHolds } from '../k8s/node-selector';
import { asList, asObject, entriesOf, isObject, objectItems, text } from '../k8s/shape';

type Json = { [key: string]: any };

interface Requirement {
  readonly key: string;
  readonly operator: string;
  readonly values: string[];
}

/**
 * The node requirements of a rendered pod spec as alternatives (OR) of requirement lists (AND):
 * nodeSelector and nodeName hold in every alternative; each required node affinity term is one
 * alternative. Returns an empty list when no node can satisfy them.
 */
function nodeRequirements(podSpecInput: Json): Requirement[][] {
  const podSpec = asObject(podSpecInput);
  const always: Requirement[] = entriesOf(podSpec.nodeSelector)
    .map(([key, value]) => ({ key: `label:${key}`, operator: 'In', values: [text(value)] }));
  if (typeof podSpec.nodeName === 'string' && podSpec.nodeName !== '') {
    always.push({ key: 'field:metadata.name', operator: 'In', values: [podSpec.nodeName] });
  }
  const required = asObject(asObject(asObject(podSpec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  // Terms of the wrong shape are the schema rule's to report; here they restrict nothing (when unsure, overlap).
  const terms = asList(required.nodeSelectorTerms);
  if (terms.length === 0) return [always];
  const alternatives: Requirement[][] = [];
  const requirement = (prefix: string) => ({ item: e }: { item: Json }): Requirement =>
    ({ key: `${prefix}:${text(e.key)}`, operator: text(e.operator), values: asList(e.values).map(text) });
  for (const term of terms) {
    if (!isObject(term)) {
      alternatives.push(always);
      continue;
    }
    const exprs: Requirement[] = [
      ...objectItems(term.matchExpressions).map(requirement('label')),
      ...objectItems(term.matchFields).map(requirement('field')),
    ];
    // An empty term matches no node.
    if (exprs.length > 0) alternatives.push([...always, ...exprs]);
  }
  return alternatives;
}

/**
 * Whether some node could carry a value for one key meeting every requirement on that key. Candidates: the
 * values an `In` allows, else absence, else a value no `NotIn` names (an integer in the `Gt`/`Lt` range when
 * there is one); each is judged by the operator table. A requirement with an operator the API does not have is
 * not ours to judge: it is taken as met.
 */
function satisfiableForKey(reqs: Requirement[]): boolean {
  const known = reqs.filter(r => requirementHolds(r.operator, r.values, undefined) !== undefined);
  const meets = (value: string | undefined) => known.every(r => requirementHolds(r.operator, r.values, value));
  const inLists = known.filter(r => r.operator === 'In').map(r => r.values);
  if (inLists.length > 0) return inLists[0].some(v => meets(v));
  if (meets(undefined)) return true;
  const excluded = new Set(known.filter(r => r.operator === 'NotIn').flatMap(r => r.values));
  const bound = (op: string) => known.filter(r => r.operator === op && isInt64(r.values[0])).map(r => BigInt(r.values[0]));
  const [above, below] = [bound('Gt'), bound('Lt')];
  let candidate = above.length > 0 ? above.reduce((a, b) => (a > b ? a : b)) + 1n
    : below.length > 0 ? below.reduce((a, b) => (a < b ? a : b)) - 1n : 0n;
  // Each NotIn value rules out at most one candidate; walk away from the bound that was given.
  const step = above.length > 0 || below.length === 0 ? 1n : -1n;
  for (let i = 0; i <= excluded.size; i++, candidate += step) {
    if (meets(candidate.toString())) return true;
  }
  return false;
}

/** Whether some node could carry labels (and fields) meeting every requirement. */
function satisfiable(requirements: Requirement[]): boolean {
  const byKey = new Map<string, Requirement[]>();
  for (const r of requirements) byKey.set(r.key, [...byKey.get(r.key) ?? [], r]);
  return [...byKey.values()].every(satisfiableForKey);
}

/**
 * Whether two rendered pod specs can land on the same node: their nodeSelector, nodeName and
 * required node affinity are checked for a combination some node could meet. Tolerations only
 * widen the choice, and every node without taints admits both, so they are not considered.
 * When unsure, the answer is yes.
 * @internal
 */
export function nodesCanOverlap(a: Json, b: Json): boolean {
  const ra = nodeRequirements(a);
  const rb = nodeRequirements(b);
  return ra.some(x => rb.some(y => satisfiable([...x, ...y])));
}
