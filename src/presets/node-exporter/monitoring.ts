import { Duration } from 'cdk8s';
import { DaemonSetsError } from '../../errors';
import { checkLabelValue, checkQualifiedName } from '../../k8s/syntax';

/** Builds the error for one field. */
type Fail = (field: string, message: string) => DaemonSetsError;

/** Relabel actions that write to `targetLabel`. */
const ACTIONS_NEEDING_TARGET = new Set<string>(['replace', 'hashmod', 'lowercase', 'uppercase', 'keepequal', 'dropequal']);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * A Prometheus duration (`30s`, `5m`, `1h`) from a whole number of seconds, at least one.
 * @internal
 */
export function promDuration(value: Duration, fail: (message: string) => DaemonSetsError): string {
  const millis = value.toMilliseconds();
  if (millis % 1000 !== 0 || millis < 1000) {
    throw fail(`is ${millis / 1000}s; use a whole number of seconds, at least 1`);
  }
  const seconds = millis / 1000;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/**
 * Checks a regular expression meant for Go's RE2 engine: it must compile, and must not use
 * lookarounds or backreferences, which RE2 rejects (the program would fail at start-up).
 * Returns a problem description, or undefined.
 * @internal
 */
export function checkRe2(regex: string): string | undefined {
  if (/\(\?<?[=!]/.test(regex)) return 'uses a lookahead or lookbehind, which Go\'s RE2 engine does not support';
  if (/\\[1-9]/.test(regex)) return 'uses a backreference (\\1 ...), which Go\'s RE2 engine does not support';
  try {
    new RegExp(regex);
  } catch (e) {
    return `does not compile (${(e as Error).message})`;
  }
  return undefined;
}

/**
 * The relabeling in prometheus-operator's JSON form, after checking it.
 * @internal
 */
export function renderRelabeling(r: PrometheusRelabelConfig, field: string, fail: Fail): { [key: string]: any } {
  const action: string = r.action ?? 'replace';
  for (const l of r.sourceLabels ?? []) {
    if (!LABEL_NAME.test(l)) throw fail(`${field}.sourceLabels`, `'${l}' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
  }
  if (r.targetLabel !== undefined && !/^[a-zA-Z_$][a-zA-Z0-9_${}]*$/.test(r.targetLabel)) {
    throw fail(`${field}.targetLabel`, `'${r.targetLabel}' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*, regex groups like \${1} allowed)`);
  }
  if (ACTIONS_NEEDING_TARGET.has(action) && r.targetLabel === undefined) {
    throw fail(`${field}.targetLabel`, `is missing; action '${action}' writes its result to targetLabel`);
  }
  if (action === 'hashmod' && (r.modulus === undefined || !Number.isInteger(r.modulus) || r.modulus < 1)) {
    throw fail(`${field}.modulus`, `is ${r.modulus}; action 'hashmod' needs a positive integer modulus`);
  }
  if (r.regex !== undefined) {
    const p = checkRe2(r.regex);
    if (p) throw fail(`${field}.regex`, `'${r.regex}' ${p}`);
  }
  return {
    sourceLabels: r.sourceLabels,
    separator: r.separator,
    targetLabel: r.targetLabel,
    regex: r.regex,
    modulus: r.modulus,
    replacement: r.replacement,
    action,
  };
}

/**
 * The rule group in prometheus-operator's JSON form, after checking it.
 * @internal
 */
export function renderRuleGroup(group: PrometheusRuleGroup, field: string, fail: Fail): { [key: string]: any } {
  if (group.name.trim().length === 0) throw fail(`${field}.name`, 'is empty; give the group a name');
  if (group.rules.length === 0) throw fail(`${field}.rules`, `group '${group.name}' has no rules; add at least one alerting or recording rule`);
  const rules = group.rules.map((rule, i) => {
    const where = `${field}.rules[${i}]`;
    if ((rule.alert === undefined) === (rule.record === undefined)) {
      throw fail(where, `gives ${rule.alert === undefined ? 'neither alert nor record' : `both alert '${rule.alert}' and record '${rule.record}'`}; a rule is either an alerting rule (alert) or a recording rule (record)`);
    }
    if (rule.record !== undefined && !METRIC_NAME.test(rule.record)) {
      throw fail(`${where}.record`, `'${rule.record}' is not a Prometheus metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)`);
    }
    if (rule.alert !== undefined && rule.alert.trim().length === 0) throw fail(`${where}.alert`, 'is empty; name the alert');
    if (rule.expr.trim().length === 0) throw fail(`${where}.expr`, 'is empty; give a PromQL expression');
    if (rule.record !== undefined && (rule.pendingFor !== undefined || rule.annotations !== undefined)) {
      throw fail(where, `recording rule '${rule.record}' sets ${rule.pendingFor !== undefined ? 'pendingFor' : 'annotations'}, which only alerting rules have`);
    }
    for (const key of Object.keys(rule.labels ?? {})) {
      if (!LABEL_NAME.test(key)) throw fail(`${where}.labels`, `'${key}' is not a Prometheus label name ([a-zA-Z_][a-zA-Z0-9_]*)`);
    }
    return {
      alert: rule.alert,
      record: rule.record,
      expr: rule.expr,
      for: rule.pendingFor !== undefined ? promDuration(rule.pendingFor, m => fail(`${where}.pendingFor`, m)) : undefined,
      labels: rule.labels,
      annotations: rule.annotations,
    };
  });
  return {
    name: group.name,
    interval: group.interval !== undefined ? promDuration(group.interval, m => fail(`${field}.interval`, m)) : undefined,
    rules,
  };
}

/**
 * Checks Kubernetes labels (keys and values).
 * @internal
 */
export function checkLabels(labels: { [key: string]: string } | undefined, field: string, fail: Fail): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const kp = checkQualifiedName(k);
    if (kp) throw fail(field, `label key '${k}' ${kp}`);
    const vp = checkLabelValue(v);
    if (vp) throw fail(field, `label '${k}' value '${v}' ${vp}`);
  }
}

/**
 * What a Prometheus relabeling step does (`relabel_config.action`).
 */
export enum PrometheusRelabelAction {
  /** Write `replacement` (with regex groups) to `targetLabel` when `regex` matches. */
  REPLACE = 'replace',
  /** Drop the target or sample unless `regex` matches the source labels. */
  KEEP = 'keep',
  /** Drop the target or sample when `regex` matches the source labels. */
  DROP = 'drop',
  /** Write the hash of the source labels modulo `modulus` to `targetLabel` (sharding). */
  HASHMOD = 'hashmod',
  /** Copy labels whose name matches `regex` to the names given by `replacement`. */
  LABELMAP = 'labelmap',
  /** Remove labels whose name matches `regex`. */
  LABELDROP = 'labeldrop',
  /** Keep only labels whose name matches `regex`. */
  LABELKEEP = 'labelkeep',
  /** Write the lower-cased source labels to `targetLabel`. */
  LOWERCASE = 'lowercase',
  /** Write the upper-cased source labels to `targetLabel`. */
  UPPERCASE = 'uppercase',
  /** Keep the target or sample when the source labels equal `targetLabel`'s value. */
  KEEPEQUAL = 'keepequal',
  /** Drop the target or sample when the source labels equal `targetLabel`'s value. */
  DROPEQUAL = 'dropequal',
}

/**
 * One Prometheus relabeling step, as a ServiceMonitor or PodMonitor endpoint carries it
 * (`relabelings` before the scrape, `metricRelabelings` on the scraped samples).
 */
export interface PrometheusRelabelConfig {
  /**
   * The labels whose values are joined with `separator` and matched against `regex`.
   * @default - none
   */
  readonly sourceLabels?: string[];

  /**
   * The string placed between the joined source label values.
   * @default ';'
   */
  readonly separator?: string;

  /**
   * The label the result is written to. Required by `replace`, `hashmod`, `lowercase`,
   * `uppercase`, `keepequal` and `dropequal`.
   * @default - none
   */
  readonly targetLabel?: string;

  /**
   * The regular expression (RE2 syntax, anchored) matched against the joined source values.
   * @default '(.*)'
   */
  readonly regex?: string;

  /**
   * The modulus of the hash, for `hashmod`.
   * @default - none (required by `hashmod`)
   */
  readonly modulus?: number;

  /**
   * The value written to `targetLabel`; `$1`, `$2`, ... refer to regex groups.
   * @default '$1'
   */
  readonly replacement?: string;

  /**
   * What the step does.
   * @default PrometheusRelabelAction.REPLACE
   */
  readonly action?: PrometheusRelabelAction;
}

/**
 * One alerting or recording rule of a `PrometheusRuleGroup`. Give `alert` or `record`, not both.
 */
export interface PrometheusRuleDefinition {
  /**
   * The alert's name, for an alerting rule.
   * @default - not an alerting rule
   */
  readonly alert?: string;

  /**
   * The name of the time series to record, for a recording rule.
   * @default - not a recording rule
   */
  readonly record?: string;

  /** The PromQL expression. */
  readonly expr: string;

  /**
   * How long the expression must keep returning results before the alert fires
   * (Prometheus' `for`; the alert is pending meanwhile).
   * @default - fires at the first evaluation
   */
  readonly pendingFor?: Duration;

  /**
   * Labels added to the alert or the recorded series (e.g. `severity: warning`).
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the alert (e.g. `summary`, `description`, `runbook_url`).
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * A named group of rules evaluated together, emitted in a prometheus-operator `PrometheusRule`.
 */
export interface PrometheusRuleGroup {
  /** The group's name, unique within the PrometheusRule. */
  readonly name: string;

  /**
   * How often the group is evaluated.
   * @default - Prometheus' global evaluation_interval
   */
  readonly interval?: Duration;

  /** The rules. */
  readonly rules: PrometheusRuleDefinition[];
}
