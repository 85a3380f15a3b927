/**
 * API validation of the kinds other than DaemonSet and the pod-template kinds: one file per kind, dispatched by
 * kind here. Each check mirrors the kind's `Validate<Kind>` in k8s.io/kubernetes `pkg/apis/<group>/validation`.
 */
import { SemanticProblem } from '../checks';

type Json = { [key: string]: any };

/** The checks of one kind's spec (and data); metadata is checked for every kind elsewhere. */
type KindCheck = (obj: Json) => SemanticProblem[];

/** Kind -> its checks. A kind not listed gets only the metadata checks. */
const KIND_CHECKS: { readonly [kind: string]: KindCheck } = {};

/** The kind-specific API checks of one object (none for kinds without a table entry). */
export function checkKind(obj: Json): SemanticProblem[] {
  const check = Object.prototype.hasOwnProperty.call(KIND_CHECKS, obj.kind) ? KIND_CHECKS[obj.kind] : undefined;
  return check ? check(obj) : [];
}
