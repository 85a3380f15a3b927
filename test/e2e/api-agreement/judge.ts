/**
 * The judge of the API-agreement test: what the validator claims (from its findings), whether that agrees
 * with the API server's verdicts, and the scores (recall and precision of API claims and of pod claims).
 *
 * Claims:
 * - API claim: an error whose rule id is `schema`, `schema/…`, `semantics` or `semantics/…`: "the API
 *   server rejects this object"; also `pod-security/namespace-labels`, a policy-family rule whose error claims the
 *   same (the PodSecurity admission plugin refuses a Namespace with an invalid level or version label).
 * - pod claim: an error whose rule id starts with `runtime/pod-rejected`: "the API accepts this workload,
 *   but would reject the Pods its controller makes".
 * - crash: an `engine/internal` finding, or the validator throwing: always a disagreement.
 *
 * Agreement of one case: API claim ⇔ object rejected; and, for an accepted workload with a pod template,
 * pod claim ⇔ that Pod rejected (for a rejected object the pod verdict is moot).
 */
import type { Verdict } from './oracle';
import type { ValidationFinding } from '../../../src';

/** Why a case disagrees. */
export type Disagreement = 'crash' | 'api-miss' | 'api-false-claim' | 'pod-miss' | 'pod-false-claim' | 'oracle-error';

/** The validator's side of one case. */
export interface Claims {
  readonly api: boolean;
  readonly pod: boolean;
  readonly crash: boolean;
  /** The findings that make the claims (and any crash), for the report. */
  readonly evidence: ValidationFinding[];
  /** Other findings of the API and runtime families (warnings, infos), for the report: "we only warn". */
  readonly context: ValidationFinding[];
}

const API_CLAIMS_ELSEWHERE: ReadonlySet<string> = new Set(['pod-security/namespace-labels']);
const isApiRule = (id: string) => id === 'schema' || id.startsWith('schema/') || id === 'semantics' || id.startsWith('semantics/')
  || API_CLAIMS_ELSEWHERE.has(id);
const isPodRule = (id: string) => id.startsWith('runtime/pod-rejected');
const isRuntimeRule = (id: string) => id === 'runtime' || id.startsWith('runtime/');
const CRASH_RULE = 'engine/internal';

/** The claims a validation's findings make; `thrown` is set when the validator threw instead of answering. */
export function claimsOf(findings: readonly ValidationFinding[], thrown?: string): Claims {
  const errors = findings.filter((f) => f.severity === 'error');
  const api = errors.filter((f) => isApiRule(f.ruleId));
  const pod = errors.filter((f) => isPodRule(f.ruleId));
  const crashes = findings.filter((f) => f.ruleId === CRASH_RULE);
  const evidence = [...api, ...pod, ...crashes];
  if (thrown !== undefined) evidence.push({ ruleId: CRASH_RULE, severity: 'error' as any, path: '', message: `the validator threw: ${thrown}` });
  const context = findings.filter((f) => !evidence.includes(f) && (isApiRule(f.ruleId) || isRuntimeRule(f.ruleId)));
  return { api: api.length > 0, pod: pod.length > 0, crash: crashes.length > 0 || thrown !== undefined, evidence, context };
}

/** The disagreements of one case (empty: it agrees). */
export function disagreementsOf(claims: Claims, object: Verdict, pod: Verdict | undefined): Disagreement[] {
  const out: Disagreement[] = [];
  if (claims.crash) out.push('crash');
  if (object.error !== undefined || pod?.error !== undefined) return [...out, 'oracle-error'];
  if (object.rejected && !claims.api) out.push('api-miss');
  if (!object.rejected && claims.api) out.push('api-false-claim');
  if (!object.rejected && pod) {
    if (pod.rejected && !claims.pod) out.push('pod-miss');
    if (!pod.rejected && claims.pod) out.push('pod-false-claim');
  }
  return out;
}

/** A confusion matrix and its scores. */
export interface Score {
  readonly truePositives: number;
  readonly falseNegatives: number;
  readonly falsePositives: number;
  readonly trueNegatives: number;
  /** TP / (TP + FN): of what the API rejects, the share we claim; null without positives. */
  readonly recall: number | null;
  /** TP / (TP + FP): of what we claim, the share the API rejects; null without claims. */
  readonly precision: number | null;
}

/** Counts (actual, predicted) pairs into a Score. */
export function scoreOf(pairs: readonly { actual: boolean; predicted: boolean }[]): Score {
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  for (const { actual, predicted } of pairs) {
    if (actual && predicted) tp++;
    else if (actual) fn++;
    else if (predicted) fp++;
    else tn++;
  }
  const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 10000);
  return { truePositives: tp, falseNegatives: fn, falsePositives: fp, trueNegatives: tn, recall: ratio(tp, tp + fn), precision: ratio(tp, tp + fp) };
}
