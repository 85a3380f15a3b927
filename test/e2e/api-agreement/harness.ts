/**
 * Runs the API-agreement cases: each base and mutant is validated by the validator and judged by the API
 * server (with bounded concurrency), and the two verdicts are compared.
 */
import { Corpus, CORPUS_NAMESPACE } from './corpus';
import { Segment } from './json-path';
import { Claims, Disagreement, claimsOf, disagreementsOf } from './judge';
import { ApiOracle, Verdict } from './oracle';
import { hasPodTemplate, podOfTemplate } from './pod-of-template';
import { validateManifests } from '../../../src';

/** The Kubernetes version the validator is asked about (the oracle's API server is v1.37.2). */
export const VALIDATOR_KUBERNETES_VERSION = '1.37';

/** One case: a base (checked as is) or a mutant. */
export interface Case {
  readonly id: string;
  readonly base: string;
  readonly origin: 'base' | 'generic' | 'targeted';
  readonly path: readonly Segment[];
  readonly mutation: string;
  readonly value: unknown;
  readonly object: any;
}

/** A judged case. */
export interface CaseResult extends Case {
  readonly claims: Claims;
  readonly verdict: Verdict;
  /** The verdict on the controller's Pod, for accepted objects with a pod template. */
  readonly podVerdict?: Verdict;
  readonly disagreements: Disagreement[];
}

/** Options of `runAgreement`. */
export interface RunOptions {
  /** Requests in flight at once. @default 8 */
  readonly concurrency?: number;
  /** Only cases whose id contains this substring. */
  readonly filter?: string;
  /** Called now and then with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The cases of a corpus: every base (as `<base>:$:base`), then every mutant. */
export function casesOf(corpus: Corpus): Case[] {
  const bases: Case[] = corpus.bases.map((b) => ({
    id: `${b.id}:$:base`, base: b.id, origin: 'base', path: [], mutation: 'base', value: undefined, object: b.object,
  }));
  return [...bases, ...corpus.mutants];
}

/** The validator's claims on one object, validated alone; a throw is a crash, never an exception here. */
export function validatorClaims(object: any): Claims {
  try {
    return claimsOf(validateManifests([object], { kubernetesVersion: VALIDATOR_KUBERNETES_VERSION }).findings);
  } catch (e) {
    return claimsOf([], e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
}

/** Names a pod spec refers to that admission looks up (see ApiOracle.prepare). */
type ReferencedNames = Parameters<ApiOracle['prepare']>[1];

/** The names pod specs of the cases refer to. */
function referencedNames(cases: readonly Case[]): ReferencedNames {
  const sets = { serviceAccounts: new Set<string>(), priorityClasses: new Set<string>(), runtimeClasses: new Set<string>() };
  const add = (set: Set<string>, v: unknown) => {
    if (typeof v === 'string' && v !== '' && v.length <= 253 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(v)) set.add(v);
  };
  for (const c of cases) {
    const spec = c.object?.kind === 'Pod' ? c.object.spec : podOfTemplate(c.object, CORPUS_NAMESPACE)?.spec;
    if (spec === null || typeof spec !== 'object') continue;
    add(sets.serviceAccounts, spec.serviceAccountName);
    add(sets.serviceAccounts, spec.serviceAccount);
    if (typeof spec.priorityClassName === 'string' && !spec.priorityClassName.startsWith('system-')) add(sets.priorityClasses, spec.priorityClassName);
    add(sets.runtimeClasses, spec.runtimeClassName);
  }
  const sorted = (set: Set<string>) => [...set].sort();
  return {
    serviceAccounts: sorted(sets.serviceAccounts),
    priorityClasses: sorted(sets.priorityClasses),
    runtimeClasses: sorted(sets.runtimeClasses),
  };
}

/** Runs `work` over `items` with at most `limit` at once, keeping the order of results. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>, onDone?: (n: number) => void): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
      onDone?.(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The oracle's verdicts on one case: the object, then the Pod of an accepted workload. */
async function judgeCase(oracle: ApiOracle, c: Case): Promise<{ verdict: Verdict; podVerdict?: Verdict }> {
  const verdict = await oracle.dryRunCreate(c.object, CORPUS_NAMESPACE);
  if (verdict.rejected || verdict.error !== undefined || !hasPodTemplate(c.object)) return { verdict };
  const ns = c.object.metadata?.namespace;
  const pod = podOfTemplate(c.object, typeof ns === 'string' && ns !== '' ? ns : CORPUS_NAMESPACE);
  if (!pod) return { verdict };
  return { verdict, podVerdict: await oracle.dryRunCreate(pod, CORPUS_NAMESPACE) };
}

/** Validates and judges every case of `corpus` (after preparing the oracle's namespace and referenced objects). */
export async function runAgreement(oracle: ApiOracle, corpus: Corpus, options: RunOptions = {}): Promise<CaseResult[]> {
  const cases = casesOf(corpus).filter((c) => !options.filter || c.id.includes(options.filter));
  const claims = cases.map((c) => validatorClaims(c.object));
  await oracle.prepare(CORPUS_NAMESPACE, referencedNames(cases));
  const every = Math.max(1, Math.floor(cases.length / 20));
  const verdicts = await pool(cases, options.concurrency ?? 8, (c) => judgeCase(oracle, c), (n) => {
    if (n % every === 0 || n === cases.length) options.onProgress?.(n, cases.length);
  });
  return cases.map((c, i) => ({
    ...c,
    claims: claims[i],
    verdict: verdicts[i].verdict,
    podVerdict: verdicts[i].podVerdict,
    disagreements: disagreementsOf(claims[i], verdicts[i].verdict, verdicts[i].podVerdict),
  }));
}
