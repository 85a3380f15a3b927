import { Predict } from './checks';
import { checkNodeSelectorTerm, requirementParseError } from '../../../k8s/node-selector';
import { asObject, structItems, text } from '../../../k8s/shape';

type Json = { [key: string]: any };

const REQUIRED = 'affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution';

/** One requirement the API server accepts but the scheduler cannot read, with its JSON path below the pod spec. */
interface Unreadable {
  readonly path: string;
  readonly req: Json;
  readonly error: string;
}

/**
 * Required node affinity whose terms the scheduler cannot read. The API server checks only that Gt and Lt carry a
 * single value (`ValidateNodeSelectorRequirement` in pkg/apis/core/validation/validation.go), not that it is an
 * integer; the scheduler parses each term with `labels.NewRequirement`, which refuses a non-integer, and such a term
 * matches no node (`nodeSelectorTerm.match` in k8s.io/component-helpers/scheduling/corev1/nodeaffinity). Empty terms
 * match no node either (`NewLazyErrorNodeSelector`). When no term can match, the DaemonSet controller creates no pod
 * and a Pod stays Pending (an error); when only some terms cannot, those terms are dead (a warning).
 * Silent when the API server refuses a term: that is the semantics family's claim.
 */
export function nodeAffinityUnsatisfiable(podSpec: Json, predict: Predict): void {
  const required = asObject(asObject(asObject(podSpec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  const terms = structItems(required.nodeSelectorTerms);
  if (terms.length === 0) return;
  const base = `${REQUIRED}.nodeSelectorTerms`;
  if (terms.some(({ item, index }) => checkNodeSelectorTerm(item, `${base}[${index}]`).length > 0)) return;
  let live = 0;
  const dead: Unreadable[] = [];
  for (const { item, index } of terms) {
    if (isEmptyTerm(item)) continue;
    const unreadable = unreadableRequirements(item, `${base}[${index}]`);
    if (unreadable.length === 0) live++;
    dead.push(...unreadable);
  }
  if (live > 0) {
    for (const u of dead) {
      predict('node-affinity-unsatisfiable', u.path, `the API server accepts ${describe(u.req)} in required node affinity, but the scheduler cannot read it (${u.error}), so its term matches no node; only the other terms place the pod`, 'warning');
    }
    return;
  }
  if (dead.length === 0) {
    predict('node-affinity-unsatisfiable', base, 'the API server accepts required node affinity whose terms are all empty, but the scheduler matches no node with an empty term, so the DaemonSet controller creates no pod (a Pod stays Pending); add a requirement or remove the affinity');
    return;
  }
  for (const u of dead) {
    predict('node-affinity-unsatisfiable', u.path, `the API server accepts ${describe(u.req)} in required node affinity, but the scheduler matches no node: ${u.error}, and no other term can match, so the DaemonSet controller creates no pod (a Pod stays Pending); use a single integer value`);
  }
}

function isEmptyTerm(term: Json): boolean {
  return structItems(term.matchExpressions).length === 0 && structItems(term.matchFields).length === 0;
}

function unreadableRequirements(term: Json, path: string): Unreadable[] {
  const found: Unreadable[] = [];
  for (const [field, kind] of [['matchExpressions', 'label'], ['matchFields', 'field']] as const) {
    for (const { item, index } of structItems(term[field])) {
      const error = requirementParseError(item, kind);
      if (error !== undefined) found.push({ path: `${path}.${field}[${index}].values`, req: item, error });
    }
  }
  return found;
}

function describe(req: Json): string {
  const values = Array.isArray(req.values) ? req.values.map(v => text(v)).join(', ') : '';
  return `${text(req.operator)} on '${text(req.key)}' with [${values}]`;
}
