/**
 * Node selector operators (`core/v1 NodeSelectorOperator`): the one table of what each operator means for a
 * node's label (or field) value, used by the placement engine, the node-overlap check and the semantics rule.
 */

/** How many values an operator takes: `some` (one or more), `none`, or exactly one integer. @internal */
export type OperatorValues = 'some' | 'none' | 'one-integer';

interface OperatorMeaning {
  /** The values the operator takes (the API server rejects other counts). */
  readonly values: OperatorValues;
  /** Whether a node whose value is `actual` (`undefined`: the node has no such label) meets the requirement. */
  holds(values: readonly string[], actual: string | undefined): boolean;
}

/** A value as Go's `strconv.ParseInt(s, 10, 64)` accepts it (how the scheduler reads Gt and Lt). @internal */
export function isInt64(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[+-]?[0-9]+$/.test(value)) return false;
  const n = BigInt(value);
  return n <= 9223372036854775807n && n >= -9223372036854775808n;
}

const compare = (op: 'Gt' | 'Lt') => (values: readonly string[], actual: string | undefined): boolean => {
  if (values.length !== 1 || !isInt64(values[0]) || !isInt64(actual)) return false;
  return op === 'Gt' ? BigInt(actual) > BigInt(values[0]) : BigInt(actual) < BigInt(values[0]);
};

const OPERATORS: { readonly [op: string]: OperatorMeaning } = {
  In: { values: 'some', holds: (values, actual) => actual !== undefined && values.includes(actual) },
  NotIn: { values: 'some', holds: (values, actual) => actual === undefined || !values.includes(actual) },
  Exists: { values: 'none', holds: (_, actual) => actual !== undefined },
  DoesNotExist: { values: 'none', holds: (_, actual) => actual === undefined },
  Gt: { values: 'one-integer', holds: compare('Gt') },
  Lt: { values: 'one-integer', holds: compare('Lt') },
};

/** The operators, in the API's order. @internal */
export const NODE_SELECTOR_OPERATORS: readonly string[] = Object.keys(OPERATORS);

/** The values an operator takes; `undefined` for an operator the API does not have. @internal */
export function operatorValues(operator: unknown): OperatorValues | undefined {
  return typeof operator === 'string' && Object.prototype.hasOwnProperty.call(OPERATORS, operator) ? OPERATORS[operator].values : undefined;
}

/**
 * Whether a node whose label (or field) has value `actual` (`undefined`: absent) meets `key <operator> values`;
 * `undefined` when the operator is not one the API has (not ours to judge: each caller says what that means).
 * A Gt or Lt whose values are not exactly one integer never holds, as in the scheduler.
 * @internal
 */
export function requirementHolds(operator: unknown, values: readonly string[], actual: string | undefined): boolean | undefined {
  if (operatorValues(operator) === undefined) return undefined;
  return OPERATORS[operator as string].holds(values, actual);
}
