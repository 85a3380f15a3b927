/**
 * Label selectors (`meta/v1 LabelSelector`: `matchLabels` and `matchExpressions`): the API server's validation
 * of one, and whether one selects a set of labels. Used by the DaemonSet's selector check, the Service,
 * NetworkPolicy and PodDisruptionBudget checks and pod (anti-)affinity terms and topology spread constraints.
 * The operators' meaning is the one table of k8s/node-selector (a label selector has its first four operators).
 */
import { requirementHolds } from './node-selector';
import { asList, entriesOf, isObject, own, structItems, text } from './shape';
import { checkLabelValue, checkQualifiedName } from './syntax';

/** One problem of a selector: the JSON path of the offending field and what is wrong. */
export interface SelectorProblem {
  /** JSON path, e.g. `spec.selector.matchExpressions[0].values`. */
  readonly path: string;
  /** What is wrong and what is allowed, close to the API server's own message. */
  readonly message: string;
}

/** The operators of a label selector requirement and whether each takes values. */
const LABEL_SELECTOR_OPERATORS: { readonly [op: string]: 'some' | 'none' } = {
  In: 'some', NotIn: 'some', Exists: 'none', DoesNotExist: 'none',
};

/** The operators a label selector requirement may use, in the API's order. */
export const LABEL_SELECTOR_OPERATOR_NAMES: readonly string[] = Object.keys(LABEL_SELECTOR_OPERATORS);

function operatorTakes(operator: unknown): 'some' | 'none' | undefined {
  return typeof operator === 'string' && Object.prototype.hasOwnProperty.call(LABEL_SELECTOR_OPERATORS, operator)
    ? LABEL_SELECTOR_OPERATORS[operator] : undefined;
}

/**
 * The problems of a set of labels at `path`: each key a qualified name (reported at `path`), each value a label value
 * (reported at `path.<key>`). Values that are not strings are the schema's to report and are skipped.
 * Mirrors `ValidateLabels` in k8s.io/apimachinery `pkg/apis/meta/v1/validation/validation.go`.
 */
export function checkLabels(labels: unknown, path: string): SelectorProblem[] {
  const problems: SelectorProblem[] = [];
  if (!isObject(labels)) return problems;
  // A loop over the keys (no entry pairs), and a value's path only for a problem: labels are checked for every object.
  for (const key of Object.keys(labels)) {
    const value = labels[key];
    const keyProblem = checkQualifiedName(key);
    if (keyProblem) problems.push({ path, message: `label key '${key}' ${keyProblem}` });
    if (typeof value === 'string') {
      const valueProblem = checkLabelValue(value);
      if (valueProblem) problems.push({ path: `${path}.${key}`, message: `label '${key}' value '${value}' ${valueProblem}` });
    }
  }
  return problems;
}

/**
 * The problems of one `matchExpressions` requirement.
 * Mirrors `ValidateLabelSelectorRequirement` in k8s.io/apimachinery `pkg/apis/meta/v1/validation/validation.go`.
 */
function checkRequirement(requirement: { [key: string]: any }, path: string): SelectorProblem[] {
  const problems: SelectorProblem[] = [];
  const values = asList(requirement.values);
  const takes = operatorTakes(requirement.operator);
  if (takes === 'some' && values.length === 0) {
    problems.push({ path: `${path}.values`, message: `values must be specified when \`operator\` is 'In' or 'NotIn' (operator ${text(requirement.operator)})` });
  } else if (takes === 'none' && values.length > 0) {
    problems.push({ path: `${path}.values`, message: `values may not be specified when \`operator\` is 'Exists' or 'DoesNotExist' (operator ${text(requirement.operator)}, values ${text(requirement.values)})` });
  } else if (takes === undefined && requirement.operator !== undefined && requirement.operator !== null) {
    problems.push({ path: `${path}.operator`, message: `operator '${text(requirement.operator)}' is not a valid selector operator; use one of ${LABEL_SELECTOR_OPERATOR_NAMES.join(', ')}` });
  } else if (takes === undefined) {
    problems.push({ path: `${path}.operator`, message: `operator is required: one of ${LABEL_SELECTOR_OPERATOR_NAMES.join(', ')}` });
  }
  const key = requirement.key;
  if (typeof key === 'string') {
    const keyProblem = checkQualifiedName(key);
    if (keyProblem) problems.push({ path: `${path}.key`, message: `key '${key}' ${keyProblem}` });
  } else if (key === undefined || key === null) {
    // The Go struct's zero value is '', which IsQualifiedName rejects.
    problems.push({ path: `${path}.key`, message: 'key is required: a label key (qualified name, e.g. \'app.kubernetes.io/name\')' });
  }
  values.forEach((value, i) => {
    if (typeof value !== 'string') return;
    const valueProblem = checkLabelValue(value);
    if (valueProblem) problems.push({ path: `${path}.values[${i}]`, message: `value '${value}' ${valueProblem}` });
  });
  return problems;
}

/**
 * The problems the API server finds in a label selector at `path` (e.g. `spec.selector`): label keys and values of
 * `matchLabels`; each requirement's operator (In, NotIn, Exists, DoesNotExist), its values (In and NotIn need some,
 * Exists and DoesNotExist take none), its key and values' syntax. A selector of the wrong type, or fields of the wrong
 * type, are the schema's to report and give no problem here. Whether a selector may be empty is each kind's rule.
 * Mirrors `ValidateLabelSelector` in k8s.io/apimachinery `pkg/apis/meta/v1/validation/validation.go` (default options).
 */
export function checkLabelSelector(selector: unknown, path: string): SelectorProblem[] {
  if (!isObject(selector)) return [];
  const problems = checkLabels(selector.matchLabels, `${path}.matchLabels`);
  // A null requirement is decoded as the zero struct (empty key and operator), which validation then refuses.
  for (const { item, index } of structItems(selector.matchExpressions, { key: '', operator: '' })) {
    problems.push(...checkRequirement(item, `${path}.matchExpressions[${index}]`));
  }
  return problems;
}

/** Whether a selector has neither matchLabels nor matchExpressions (it selects everything). */
export function isEmptySelector(selector: unknown): boolean {
  return isObject(selector) && entriesOf(selector.matchLabels).length === 0 && asList(selector.matchExpressions).length === 0;
}

/**
 * Whether `selector` selects an object carrying `labels` (a map of label keys to values; anything else counts as no
 * labels). A missing (null) selector selects nothing and an empty one everything. `undefined` when the selector cannot be
 * read as one (wrong types, an unknown operator, a requirement the API would reject): the API server then reports that
 * problem and does not compare (the DaemonSet's "selector does not match template labels" is checked only when
 * the selector converts).
 * Mirrors `LabelSelectorAsSelector` in k8s.io/apimachinery `pkg/apis/meta/v1/helpers.go` and `labels.NewRequirement`
 * and `Requirement.Matches` in `pkg/labels/selector.go`.
 */
export function labelSelectorMatches(selector: unknown, labels: unknown): boolean | undefined {
  if (selector === undefined || selector === null) return false;
  if (!isObject(selector)) return undefined;
  if (checkLabelSelector(selector, '').length > 0) return undefined;
  const matchLabels = selector.matchLabels;
  const expressions = selector.matchExpressions;
  if ((matchLabels != null && !isObject(matchLabels)) || (expressions != null && !Array.isArray(expressions))) return undefined;
  const actual = (key: string): string | undefined => {
    const value = own(labels, key);
    return typeof value === 'string' ? value : undefined;
  };
  for (const [key, value] of entriesOf(matchLabels)) {
    if (typeof value !== 'string') return undefined;
    if (actual(key) !== value) return false;
  }
  for (const expression of asList(expressions)) {
    if (!isObject(expression) || typeof expression.key !== 'string') return undefined;
    const values = expression.values == null ? [] : expression.values;
    if (!Array.isArray(values) || values.some(v => typeof v !== 'string')) return undefined;
    if (!requirementHolds(expression.operator, values, actual(expression.key))) return false;
  }
  return true;
}
