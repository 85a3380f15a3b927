/**
 * The API-agreement differential test (issue 16): the real kube-apiserver of the e2e tier and the validator
 * judge the same ~10,000 single-change mutants of valid objects (see test/e2e/api-agreement/). CI fails on a
 * crash, a rejected base, or any disagreement not in test/e2e/api-agreement/allow-list.json, and on an
 * allow-list entry whose case now agrees (the list only shrinks). The full report, with the API server's
 * message and our findings for every disagreement, goes to test-reports/api-agreement.json.
 */
import * as path from 'path';
import { BASE_KINDS, generateCorpus } from './api-agreement/corpus';
import { VALIDATOR_KUBERNETES_VERSION, runAgreement } from './api-agreement/harness';
import { ApiOracle } from './api-agreement/oracle';
import { AgreementReport, AllowListEntry, buildReport, readAllowList, summaryOf, writeReport } from './api-agreement/report';
import { Cluster } from './cluster';
import { REPO } from './fixtures';

const REPORT_FILE = path.join(REPO, 'test-reports', 'api-agreement.json');
/** Disagreements listed in a failure message; the report file has all of them. */
const SHOWN = 40;

/** One line per item, at most SHOWN of them, and how many more the report holds. */
function listed(lines: string[]): string[] {
  return lines.length <= SHOWN ? lines : [...lines.slice(0, SHOWN), `… and ${lines.length - SHOWN} more in ${REPORT_FILE}`];
}

describe('API agreement: the validator and kube-apiserver judge the same mutants', () => {
  let report: AgreementReport;
  let allowList: AllowListEntry[];
  let kindsMutated: Set<string>;

  beforeAll(async () => {
    const started = Date.now();
    const cluster = Cluster.fromEnv();
    allowList = readAllowList();
    const corpus = generateCorpus();
    const baseKinds = new Map(corpus.bases.map((b) => [b.id, `${b.object.apiVersion}/${b.object.kind}`]));
    kindsMutated = new Set(corpus.mutants.map((m) => baseKinds.get(m.base)!));
    const oracle = await ApiOracle.connect({ server: cluster.info.server, token: cluster.info.token });
    try {
      const results = await runAgreement(oracle, corpus);
      report = buildReport(results, allowList, {
        apiServer: `${cluster.info.server} (${cluster.info.kubernetesVersion})`,
        validatorKubernetesVersion: VALIDATOR_KUBERNETES_VERSION,
        durationMs: Date.now() - started,
      });
    } finally {
      await oracle.cleanup();
    }
    writeReport(report, REPORT_FILE);
    process.stderr.write(`[api-agreement] ${summaryOf(report).split('\n').slice(0, 5).join('\n[api-agreement] ')}\n`);
  }, 600_000);

  test('the corpus has at least 1,500 mutants, of every base kind', () => {
    expect(report.totals.mutants).toBeGreaterThanOrEqual(1500);
    expect([...BASE_KINDS].filter((k) => !kindsMutated.has(k))).toEqual([]);
  });

  test('the API server accepts every base (and the Pods of the base workloads)', () => {
    expect(report.baseRejections.map((b) => `${b.id}: ${b.api.status} ${b.api.message}`)).toEqual([]);
  });

  test('the API server answered every case', () => {
    expect(listed(report.disagreements.filter((d) => d.categories.includes('oracle-error')).map((d) => `${d.id}: ${d.api.error ?? d.pod?.error}`))).toEqual([]);
  });

  test('the validator never crashes', () => {
    expect(listed(report.disagreements.filter((d) => d.categories.includes('crash')).map((d) => `${d.id}: ${d.findings.map((f) => f.message).join('; ')}`))).toEqual([]);
  });

  test('every disagreement is in the reviewed allow-list', () => {
    const unexpected = report.disagreements.filter((d) => !d.allowed).map((d) => {
      const claim = d.findings.length > 0 ? d.findings.map((f) => `${f.ruleId}: ${f.message}`).join('; ') : 'no claim';
      const api = d.api.rejected ? `${d.api.status} ${d.api.message}` : `accepted${d.pod?.rejected ? `, pod rejected: ${d.pod.message}` : ''}`;
      return `[${d.categories.join(',')}] ${d.id} = ${d.value}\n    API: ${api.slice(0, 300)}\n    ours: ${claim.slice(0, 300)}`;
    });
    expect(listed(unexpected)).toEqual([]);
  });

  test('no allow-list entry is stale: an entry whose case agrees now must go', () => {
    expect(report.staleAllowListEntries).toEqual([]);
  });

  test('every allow-list entry has an id and one reason, and no id twice', () => {
    const bad = allowList.filter((e) => typeof e.id !== 'string' || typeof e.reason !== 'string' || e.reason.trim() === '' || Object.keys(e).length !== 2);
    expect(bad).toEqual([]);
    const ids = allowList.map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });
});
