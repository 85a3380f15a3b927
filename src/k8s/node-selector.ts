/**
 * Node selectors (`core/v1 NodeSelector`, its terms and requirements): the one implementation of what the API server
 * accepts in one (`ValidateNodeSelector*` in pkg/apis/core/validation/validation.go) and of what the scheduler makes
 * of one (`k8s.io/component-helpers/scheduling/corev1/nodeaffinity`, which parses requirements with
 * `labels.NewRequirement` and lets a term that does not parse match no node). Used by the placement engine, the
 * node-overlap check, the label selectors and the semantics rules.
 */
import { asList, isObject, structItems, text } from './shape';
import { checkLabelValue, checkQualifiedName } from './syntax';

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

/** One problem of a node selector: the JSON path of the offending field and what is wrong. */
export interface NodeSelectorProblem {
  /** JSON path, e.g. `...nodeSelectorTerms[0].matchExpressions[1].values`. */
  readonly path: string;
  /** What is wrong and what is allowed, close to the API server's own message. */
  readonly message: string;
}

type Json = { [key: string]: any };

/** What `checkNodeSelectorRequirement` checks beyond the operator and the number of values. */
export interface RequirementOptions {
  /**
   * Whether each value must be a label value. The API server checks them in required node affinity and not in
   * preferred terms (`ValidatePreferredSchedulingTerms`: "we always allow invalid label-value for preferred affinity").
   * @default true
   */
  readonly labelValues?: boolean;
}

/**
 * The problems the API server finds in one `matchExpressions` requirement of a node selector term: In and NotIn need
 * values, Exists and DoesNotExist take none, Gt and Lt exactly one (the API does not check that it is an integer:
 * the scheduler then matches no node); the key is a qualified name; values are label values unless told otherwise.
 * Mirrors `ValidateNodeSelectorRequirement` in pkg/apis/core/validation/validation.go.
 */
export function checkNodeSelectorRequirement(req: Json, path: string, options: RequirementOptions = {}): NodeSelectorProblem[] {
  const problems: NodeSelectorProblem[] = [];
  const values = asList(req.values);
  const op = text(req.operator ?? '');
  switch (operatorValues(req.operator)) {
    case 'some':
      if (values.length === 0) problems.push({ path: `${path}.values`, message: `values must be specified when \`operator\` is 'In' or 'NotIn' (operator ${op})` });
      break;
    case 'none':
      if (values.length > 0) problems.push({ path: `${path}.values`, message: `values may not be specified when \`operator\` is 'Exists' or 'DoesNotExist' (operator ${op})` });
      break;
    case 'one-integer':
      if (values.length !== 1) problems.push({ path: `${path}.values`, message: `values must be specified single value when \`operator\` is 'Lt' or 'Gt' (got ${values.length})` });
      break;
    default:
      problems.push({ path: `${path}.operator`, message: `operator '${op}' is not a valid selector operator; use one of ${NODE_SELECTOR_OPERATORS.join(', ')}` });
  }
  const key = typeof req.key === 'string' ? req.key : '';
  const keyProblem = checkQualifiedName(key);
  if (keyProblem && (typeof req.key === 'string' || req.key == null)) problems.push({ path: `${path}.key`, message: `key '${key}' ${keyProblem}` });
  if (options.labelValues !== false) {
    values.forEach((v, i) => {
      const vp = typeof v === 'string' ? checkLabelValue(v) : undefined;
      if (vp) problems.push({ path: `${path}.values[${i}]`, message: `value '${v}' ${vp}` });
    });
  }
  return problems;
}

/** The node fields a `matchFields` requirement may select on (`nodeFieldSelectorValidators`). */
export const NODE_FIELD_KEYS: readonly string[] = ['metadata.name'];

/**
 * The problems the API server finds in one `matchFields` requirement: only In and NotIn, with exactly one value,
 * only the key `metadata.name`, whose value must be a node name (a DNS-1123 subdomain).
 * Mirrors `ValidateNodeFieldSelectorRequirement` in pkg/apis/core/validation/validation.go.
 */
export function checkNodeFieldRequirement(req: Json, path: string): NodeSelectorProblem[] {
  const problems: NodeSelectorProblem[] = [];
  const values = asList(req.values);
  if (req.operator === 'In' || req.operator === 'NotIn') {
    if (values.length !== 1) problems.push({ path: `${path}.values`, message: `must be only one value when \`operator\` is 'In' or 'NotIn' for node field selector (got ${values.length})` });
  } else {
    problems.push({ path: `${path}.operator`, message: `operator '${text(req.operator ?? '')}' is not a valid selector operator for a node field selector; use In or NotIn` });
  }
  if (!NODE_FIELD_KEYS.includes(req.key)) {
    problems.push({ path: `${path}.key`, message: `key '${text(req.key ?? '')}' is not a valid field selector key; use ${NODE_FIELD_KEYS.join(' or ')}` });
  } else {
    values.forEach((v, i) => {
      const vp = typeof v === 'string' ? checkNodeName(v) : undefined;
      if (vp) problems.push({ path: `${path}.values[${i}]`, message: `node name '${v}' ${vp}` });
    });
  }
  return problems;
}

/** A node name (`ValidateNodeName`: a DNS-1123 subdomain). */
function checkNodeName(name: string): string | undefined {
  if (name.length > 253) return `is ${name.length} characters long; at most 253 are allowed (DNS-1123 subdomain)`;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
    return 'must consist of lower-case alphanumerics, \'-\' or \'.\', and start and end with an alphanumeric (DNS-1123 subdomain)';
  }
  return undefined;
}

/**
 * The problems the API server finds in one node selector term: each of its expressions and fields.
 * Mirrors `ValidateNodeSelectorTerm` in pkg/apis/core/validation/validation.go.
 */
export function checkNodeSelectorTerm(term: unknown, path: string, options: RequirementOptions = {}): NodeSelectorProblem[] {
  if (!isObject(term)) return [];
  return [
    ...structItems(term.matchExpressions).flatMap(({ item, index }) => checkNodeSelectorRequirement(item, `${path}.matchExpressions[${index}]`, options)),
    ...structItems(term.matchFields).flatMap(({ item, index }) => checkNodeFieldRequirement(item, `${path}.matchFields[${index}]`)),
  ];
}

/**
 * The problems the API server finds in a required node selector (`requiredDuringSchedulingIgnoredDuringExecution`):
 * at least one term, each term valid with label values checked.
 * Mirrors `ValidateNodeSelector` in pkg/apis/core/validation/validation.go.
 */
export function checkNodeSelector(selector: unknown, path: string): NodeSelectorProblem[] {
  if (!isObject(selector)) return [];
  const terms = selector.nodeSelectorTerms;
  if (terms == null || (Array.isArray(terms) && terms.length === 0)) {
    return [{ path: `${path}.nodeSelectorTerms`, message: 'must have at least one node selector term' }];
  }
  return structItems(terms).flatMap(({ item, index }) => checkNodeSelectorTerm(item, `${path}.nodeSelectorTerms[${index}]`));
}

/**
 * Why the scheduler cannot read a requirement, or `undefined` when it can: what `labels.NewRequirement` (for
 * `matchExpressions`) or the field selector conversion (for `matchFields`) refuses. A term with such a requirement
 * matches no node (`nodeSelectorTerm.match` returns its parse errors). Stricter than the API server in one place:
 * Gt and Lt need an integer, which the API does not check.
 */
export function requirementParseError(req: Json, kind: 'label' | 'field'): string | undefined {
  const values = asList(req.values);
  if (kind === 'field') {
    if (req.operator !== 'In' && req.operator !== 'NotIn') return `matchFields operator '${text(req.operator)}' is not supported (only In and NotIn)`;
    if (values.length !== 1 || typeof values[0] !== 'string') return `matchFields ${text(req.operator)} needs exactly one value, got ${values.length}`;
    if (!NODE_FIELD_KEYS.includes(req.key)) return `matchFields key '${text(req.key)}' is not supported (only metadata.name)`;
    return undefined;
  }
  const meaning = operatorValues(req.operator);
  if (meaning === undefined) return `operator '${text(req.operator)}' is not one of ${NODE_SELECTOR_OPERATORS.join(', ')}`;
  if (typeof req.key !== 'string' || checkQualifiedName(req.key)) return `key '${text(req.key)}' is not a label key`;
  if (meaning === 'some' && values.length === 0) return `${text(req.operator)} needs at least one value`;
  if (meaning === 'none' && values.length > 0) return `${text(req.operator)} takes no values`;
  if (meaning === 'one-integer' && (values.length !== 1 || !isInt64(values[0]))) return `${text(req.operator)} needs exactly one integer value`;
  const bad = values.find(v => typeof v !== 'string' || checkLabelValue(v) !== undefined);
  if (bad !== undefined) return `value '${text(bad)}' is not a label value`;
  return undefined;
}
