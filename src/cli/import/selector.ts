import { arr, call, Expr, lit, method, obj, ref, Stmt } from './code';

/** The typed `kplus.LabelExpression` factory for each selector operator. */
const OPERATORS: { readonly [op: string]: { readonly factory: string; readonly values: boolean } } = {
  In: { factory: 'kplus.LabelExpression.in', values: true },
  NotIn: { factory: 'kplus.LabelExpression.notIn', values: true },
  Exists: { factory: 'kplus.LabelExpression.exists', values: false },
  DoesNotExist: { factory: 'kplus.LabelExpression.doesNotExist', values: false },
};

const isStringMap = (v: unknown): v is { [k: string]: string } =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(x => typeof x === 'string');

/** A typed label expression, or undefined when the requirement has no typed form. */
function expression(e: any): Expr | undefined {
  if (e === null || typeof e !== 'object' || typeof e.key !== 'string' || typeof e.operator !== 'string') return undefined;
  const op = Object.prototype.hasOwnProperty.call(OPERATORS, e.operator) ? OPERATORS[e.operator] : undefined;
  if (!op || Object.keys(e).some(k => !['key', 'operator', 'values'].includes(k))) return undefined;
  if (op.values) {
    if (!Array.isArray(e.values) || e.values.length === 0 || !e.values.every((v: unknown) => typeof v === 'string')) return undefined;
    return call(op.factory, lit(e.key), lit(e.values));
  }
  return e.values === undefined ? call(op.factory, lit(e.key)) : undefined;
}

/** How the generated DaemonSet reproduces the input's `spec.selector`. */
export interface SelectorPlan {
  /** Props for the construct: `selectorLabels`, or `select: false`. */
  readonly props: [string, Expr][];
  /** Statements after construction: `select()` with the match expressions. */
  readonly post: Stmt[];
  /** Whether the selector is typed (else left to the escape hatch, with `select: false`). */
  readonly typed: boolean;
  /** Whether `selectorLabels` pins the input's `matchLabels`. */
  readonly pinned: boolean;
}

/**
 * The typed form of a DaemonSet's selector. `matchLabels` always become `selectorLabels`, even where
 * they equal the library's default: a selector is immutable once applied, and pinning it keeps it from
 * following later edits of the name or the pod labels. Match expressions (In, NotIn, Exists,
 * DoesNotExist) are added with `select()`. A selector without match labels, or with a requirement
 * that has no typed form, gets `select: false` and the escape hatch, never a different selector.
 */
export function selectorPlan(selector: any, variable: string, allowed: boolean): SelectorPlan {
  const untyped: SelectorPlan = { props: [['select', lit(false)]], post: [], typed: false, pinned: false };
  if (!allowed || selector === null || typeof selector !== 'object' || Array.isArray(selector)) return untyped;
  if (Object.keys(selector).some(k => k !== 'matchLabels' && k !== 'matchExpressions')) return untyped;
  const labels = selector.matchLabels ?? {};
  const expressions: unknown[] = selector.matchExpressions ?? [];
  if (!isStringMap(labels) || !Array.isArray(expressions)) return untyped;
  const typedExpressions = expressions.map(expression);
  if (typedExpressions.some(e => e === undefined)) return untyped;
  const select = typedExpressions.length > 0
    ? [{ k: 'expr', e: method(ref(variable), 'select', call('kplus.LabelSelector.of', obj({ expressions: arr(typedExpressions as Expr[]) }))) } as Stmt]
    : [];
  if (Object.keys(labels).length === 0) {
    // The library refuses empty selectorLabels (they select every pod); the pods keep their own labels.
    return select.length > 0 ? { props: [['select', lit(false)]], post: select, typed: true, pinned: false } : untyped;
  }
  return { props: [['selectorLabels', lit(labels)]], post: select, typed: true, pinned: true };
}
