/**
 * The API-agreement report: totals, scores, every disagreement with its evidence, the allow-list check,
 * and a short text summary.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { CaseResult } from './harness';
import { formatPath } from './json-path';
import { Disagreement, Score, scoreOf } from './judge';
import type { Verdict } from './oracle';
import type { ValidationFinding } from '../../../src';

/** One reviewed, accepted disagreement. */
export interface AllowListEntry {
  readonly id: string;
  readonly reason: string;
}

/** The committed allow-list file. */
export const ALLOW_LIST_FILE = path.join(__dirname, 'allow-list.json');

/** Reads an allow-list file (an array of `{ id, reason }`). */
export function readAllowList(file = ALLOW_LIST_FILE): AllowListEntry[] {
  const entries = JSON.parse(fs.readFileSync(file, 'utf-8'));
  if (!Array.isArray(entries)) throw new Error(`${file}: expected an array of { id, reason }`);
  return entries;
}

/** A disagreement as the report lists it. */
export interface DisagreementRecord {
  readonly id: string;
  readonly categories: Disagreement[];
  readonly allowed: boolean;
  readonly kind: unknown;
  readonly path: string;
  readonly mutation: string;
  readonly origin: string;
  /** The mutated value, as JSON, cut to 200 characters. */
  readonly value: string;
  readonly api: Verdict;
  readonly pod?: Verdict;
  /** The findings that make our claims (or the crash). */
  readonly findings: ReportedFinding[];
  /** Our other findings of the API and runtime families (warnings and infos), at most 5. */
  readonly otherFindings: ReportedFinding[];
}

/** A validator finding as the report shows it. */
export interface ReportedFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly path: string;
  readonly message: string;
}

/** The whole report. */
export interface AgreementReport {
  readonly generatedAt: string;
  readonly apiServer: string;
  readonly validatorKubernetesVersion: string;
  readonly durationMs: number;
  readonly totals: {
    readonly cases: number;
    readonly bases: number;
    readonly mutants: number;
    readonly basesRejected: number;
    readonly rejected: number;
    readonly podVerdicts: number;
    readonly podsRejected: number;
    readonly crashes: number;
    readonly oracleErrors: number;
    readonly disagreements: number;
    readonly allowedDisagreements: number;
  };
  readonly api: Score;
  readonly pod: Score;
  readonly byCategory: { [category: string]: number };
  /** Unexpected disagreements per mutation name (targeted mutations by name, generic by kind of change). */
  readonly byMutation: { [mutation: string]: number };
  readonly baseRejections: { id: string; api: Verdict }[];
  /** Allow-list ids whose case now agrees (or no longer exists): the list must shrink. */
  readonly staleAllowListEntries: string[];
  readonly disagreements: DisagreementRecord[];
}

const cut = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

const reported = (f: ValidationFinding): ReportedFinding => ({
  ruleId: f.ruleId, severity: String(f.severity), path: f.path, message: cut(f.message, 500),
});

function recordOf(r: CaseResult, allowed: Set<string>): DisagreementRecord {
  return {
    id: r.id,
    categories: r.disagreements,
    allowed: allowed.has(r.id),
    kind: r.object?.kind,
    path: formatPath(r.path),
    mutation: r.mutation,
    origin: r.origin,
    value: r.value === undefined ? '(removed)' : cut(JSON.stringify(r.value) ?? String(r.value)),
    api: { ...r.verdict, message: r.verdict.message === undefined ? undefined : cut(r.verdict.message, 2000) },
    pod: r.podVerdict,
    findings: r.claims.evidence.map(reported),
    otherFindings: r.claims.context.slice(0, 5).map(reported),
  };
}

/** Builds the report of judged cases against an allow-list. */
export function buildReport(
  results: readonly CaseResult[],
  allowList: readonly AllowListEntry[],
  meta: { apiServer: string; validatorKubernetesVersion: string; durationMs: number },
): AgreementReport {
  const allowed = new Set(allowList.map((e) => e.id));
  const disagreeing = results.filter((r) => r.disagreements.length > 0);
  const byCategory: { [c: string]: number } = {};
  const byMutation: { [m: string]: number } = {};
  for (const r of disagreeing) {
    for (const c of r.disagreements) byCategory[c] = (byCategory[c] ?? 0) + 1;
    if (!allowed.has(r.id)) {
      const key = r.origin === 'generic' ? `generic:${r.mutation.replace(/\(.*\)$/, '')}` : r.mutation;
      byMutation[key] = (byMutation[key] ?? 0) + 1;
    }
  }
  const judged = results.filter((r) => r.verdict.error === undefined);
  const withPod = judged.filter((r) => !r.verdict.rejected && r.podVerdict && r.podVerdict.error === undefined);
  const ids = new Set(disagreeing.map((r) => r.id));
  return {
    generatedAt: new Date().toISOString(),
    ...meta,
    totals: {
      cases: results.length,
      bases: results.filter((r) => r.origin === 'base').length,
      mutants: results.filter((r) => r.origin !== 'base').length,
      basesRejected: results.filter((r) => r.origin === 'base' && r.verdict.rejected).length,
      rejected: judged.filter((r) => r.verdict.rejected).length,
      podVerdicts: withPod.length,
      podsRejected: withPod.filter((r) => r.podVerdict!.rejected).length,
      crashes: results.filter((r) => r.claims.crash).length,
      oracleErrors: results.filter((r) => r.disagreements.includes('oracle-error')).length,
      disagreements: disagreeing.length,
      allowedDisagreements: disagreeing.filter((r) => allowed.has(r.id)).length,
    },
    api: scoreOf(judged.map((r) => ({ actual: r.verdict.rejected, predicted: r.claims.api }))),
    pod: scoreOf(withPod.map((r) => ({ actual: r.podVerdict!.rejected, predicted: r.claims.pod }))),
    byCategory,
    byMutation: Object.fromEntries(Object.entries(byMutation).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))),
    baseRejections: results.filter((r) => r.origin === 'base' && (r.verdict.rejected || r.podVerdict?.rejected)).map((r) => ({ id: r.id, api: r.podVerdict?.rejected ? r.podVerdict : r.verdict })),
    staleAllowListEntries: allowList.map((e) => e.id).filter((id) => !ids.has(id)),
    disagreements: disagreeing.map((r) => recordOf(r, allowed)),
  };
}

const pct = (v: number | null) => (v === null ? 'n/a' : v.toFixed(4));

/** A few lines for a terminal or a baseline file. */
export function summaryOf(report: AgreementReport): string {
  const t = report.totals;
  const lines = [
    `API agreement: ${t.cases} cases (${t.bases} bases, ${t.mutants} mutants) against ${report.apiServer} in ${(report.durationMs / 1000).toFixed(1)} s`,
    `objects rejected by the API: ${t.rejected}; pods judged: ${t.podVerdicts}, rejected: ${t.podsRejected}; bases rejected: ${t.basesRejected}`,
    `API claims: recall ${pct(report.api.recall)}, precision ${pct(report.api.precision)} (TP ${report.api.truePositives}, FN ${report.api.falseNegatives}, FP ${report.api.falsePositives}, TN ${report.api.trueNegatives})`,
    `pod claims: recall ${pct(report.pod.recall)}, precision ${pct(report.pod.precision)} (TP ${report.pod.truePositives}, FN ${report.pod.falseNegatives}, FP ${report.pod.falsePositives}, TN ${report.pod.trueNegatives})`,
    `crashes: ${t.crashes}; oracle errors: ${t.oracleErrors}; disagreements: ${t.disagreements} (${t.allowedDisagreements} allowed); stale allow-list entries: ${report.staleAllowListEntries.length}`,
    `by category: ${Object.entries(report.byCategory).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
    `unexpected disagreements by mutation (top 40): ${Object.entries(report.byMutation).slice(0, 40).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
  ];
  return lines.join('\n');
}

/** Writes the report as JSON, creating the directory. */
export function writeReport(report: AgreementReport, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 1)}\n`);
}
