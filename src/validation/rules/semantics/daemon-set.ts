/**
 * The API server's checks of a DaemonSet's own spec: selector and template labels, update strategy,
 * minReadySeconds and revisionHistoryLimit. Mirrors `ValidateDaemonSetSpec` in k8s.io/kubernetes
 * `pkg/apis/apps/validation/validation.go`; the pod spec and the template's metadata have their own checks.
 */
import { Add } from './checks';
import { intOrPercentProblem, percentOf } from '../../../k8s/int-or-percent';
import { checkLabelSelector, isEmptySelector, labelSelectorMatches } from '../../../k8s/label-selector';
import { asList, asObject, entriesOf, isObject, own, text } from '../../../k8s/shape';

type Json = { [key: string]: any };

/** Checks `spec` of a DaemonSet; paths start at `spec`. Its template's rules are ./pod-template's. */
export function checkDaemonSetSpec(specInput: unknown, add: Add): void {
  const spec = asObject(specInput);
  const template = asObject(spec.template);
  checkSelector(spec.selector, asObject(template.metadata).labels, add);
  for (const field of ['minReadySeconds', 'revisionHistoryLimit'] as const) {
    const v = spec[field];
    if (typeof v !== 'number') continue;
    if (!Number.isInteger(v)) add('non-negative', `spec.${field}`, `${field} is ${v}; it must be a whole number greater than or equal to 0`);
    else if (v < 0) add('non-negative', `spec.${field}`, `${field} is ${v}; it must be greater than or equal to 0`);
  }
  checkUpdateStrategy(spec.updateStrategy, add);
}

/**
 * The selector: valid (`ValidateLabelSelector`), not empty, and selecting the template's labels
 * (`LabelSelectorAsSelector(...).Matches(template.labels)`; a missing selector selects nothing).
 */
function checkSelector(selector: unknown, labels: unknown, add: Add): void {
  for (const p of checkLabelSelector(selector, 'spec.selector')) add('label-selector', p.path, p.message);
  if (isEmptySelector(selector)) {
    add('label-selector', 'spec.selector', 'the selector is empty; an empty selector is invalid for a DaemonSet: set matchLabels to the pod template\'s identifying labels');
    return;
  }
  if (labelSelectorMatches(selector, labels) !== false) return;
  add('selector-matches-labels', 'spec.template.metadata.labels', `\`selector\` does not match template \`labels\`: ${mismatch(selector, labels)}; the selector must select the pod template's own labels`);
}

/** Why a selector does not select `labels`, for the message: the first requirement the labels fail. */
function mismatch(selector: unknown, labels: unknown): string {
  if (!isObject(selector)) return 'the DaemonSet has no spec.selector (a missing selector selects nothing); set spec.selector.matchLabels';
  const label = (k: string) => (typeof own(labels, k) === 'string' ? own(labels, k) : undefined);
  for (const [k, v] of entriesOf(selector.matchLabels)) {
    if (label(k) !== v) return `the selector requires label ${k}=${text(v)} but the pod template's labels ${label(k) === undefined ? 'do not carry it' : `have ${k}=${label(k)}`}`;
  }
  for (const e of asList(selector.matchExpressions)) {
    if (!isObject(e) || labelSelectorMatches({ matchExpressions: [e] }, labels) !== false) continue;
    return `the pod template's labels fail the requirement ${text(e.key)} ${text(e.operator)}${asList(e.values).length > 0 ? ` ${text(e.values)}` : ''}`;
  }
  return 'the pod template\'s labels do not satisfy it';
}

/** The value of an int-or-percent as `getIntOrPercentValue` reads it: a valid percent's number, else `IntValue()`. */
function intOrPercentValue(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  // intstr.IntValue of a string that is not a valid percent: strconv.Atoi, 0 when it does not parse.
  return percentOf(v) ?? (/^[+-]?[0-9]+$/.test(v) ? Number(v) : 0);
}

/** Mirrors `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent` (apps validation), through k8s/int-or-percent. */
function checkIntOrPercent(v: unknown, path: string, add: Add): void {
  const problem = intOrPercentProblem(v);
  if (problem) add('rolling-update', path, `${path.slice(path.lastIndexOf('.') + 1)} ${typeof v === 'string' ? `'${v}'` : text(v)}: ${problem}`);
}

/**
 * Mirrors `ValidateDaemonSetUpdateStrategy` and `ValidateRollingUpdateDaemonSet` after the apps/v1 defaults
 * (`SetDefaults_DaemonSet`: type RollingUpdate, maxUnavailable 1, maxSurge 0): each value an int >= 0 or a percent
 * <= 100%, and exactly one of maxUnavailable and maxSurge non-zero. An OnDelete strategy's rollingUpdate is ignored.
 */
function checkUpdateStrategy(strategyInput: unknown, add: Add): void {
  const strategy = asObject(strategyInput);
  const type = strategy.type ?? '';
  if (type === 'OnDelete') return;
  if (type !== 'RollingUpdate' && type !== '') {
    if (typeof type === 'string') add('rolling-update', 'spec.updateStrategy.type', `update strategy type '${type}' is not supported: use RollingUpdate or OnDelete`);
    return;
  }
  const ru: Json = asObject(strategy.rollingUpdate);
  const base = 'spec.updateStrategy.rollingUpdate';
  const unavailable = ru.maxUnavailable ?? 1;
  const surge = ru.maxSurge ?? 0;
  checkIntOrPercent(unavailable, `${base}.maxUnavailable`, add);
  checkIntOrPercent(surge, `${base}.maxSurge`, add);
  const hasUnavailable = intOrPercentValue(unavailable) !== 0;
  const hasSurge = intOrPercentValue(surge) !== 0;
  if (hasUnavailable && hasSurge) {
    const defaulted = ru.maxUnavailable == null ? ' (maxUnavailable defaults to 1)' : '';
    add('rolling-update', `${base}.maxSurge`, `maxSurge is ${text(surge)} but maxUnavailable is ${text(unavailable)}${defaulted}; maxSurge may not be set when maxUnavailable is non-zero: set maxUnavailable to 0 to surge`);
  } else if (!hasUnavailable && !hasSurge) {
    add('rolling-update', `${base}.maxUnavailable`, 'maxUnavailable and maxSurge are both zero, so no pod could ever be replaced; maxUnavailable cannot be 0 when maxSurge is 0: make one of them positive');
  }
}
