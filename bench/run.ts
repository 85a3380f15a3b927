/**
 * Benchmark harness: `npx ts-node --transpile-only bench/run.ts` (`npm run bench`).
 *
 * Every measurement runs in a fresh `node` process (bench/worker.ts, transpiled to plain
 * JavaScript first), so module caches and JIT state never leak between sides; the sides of a
 * comparison alternate within each repetition. Medians, ratios and peak RSS go to
 * bench/RESULTS.md, a CPU profile summary of the slowest completed cases of ours to
 * bench/PROFILE.md. Timings never fail the run: a run that exceeds its time limit is killed and
 * reported as "> limit". The exit code is non-zero only when a measurement crashed (a library
 * error, not a slow one) or the harness itself broke.
 *
 * Environment:
 *   BENCH_BUDGET_S       wall-clock budget of the whole run, compile included (default 540)
 *   BENCH_RUN_TIMEOUT_S  limit of one measured process (default 60)
 *   BENCH_NO_COMPILE=1   use lib/ as it is, even when older than src/
 *   BENCH_QUICK=1        small N and few repetitions (smoke test of the harness; results not written)
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  alternate, BENCH_DIR, BUDGET_MS, buildWorker, crashes, ensureCompiled, fmtDur, fmtInt, fmtMs, log, median, mib,
  okRuns, PROFILE_RESERVE_MS, QUICK, remainingMs, ROOT, Run, RUN_TIMEOUT_MS, runWorker, Series, seriesLowerBound,
  seriesMedian, setWorker, sh, START,
} from './harness';
import { profileMarkdown, summarizeProfileFile } from './profile-summary';
import { measurePeer, measureProcess, PeerResult, peerMedians, ProcessResult, renderWholeProcess } from './whole-process';
import type { GenericSide, Job } from './worker';
// ---------------------------------------------------------------------------------------------
// The measurements

const GENERIC_SIDES: { side: GenericSide; label: string }[] = [
  { side: 'bare', label: 'bare `kplus.DaemonSet` (no validation)' },
  { side: 'ours-no-engine', label: 'ours, app-wide engine off (self-check only)' },
  { side: 'ours', label: 'ours, fully validated' },
  { side: 'ours-app', label: 'ours, fully validated, `DaemonSetsApp` (the README\'s path)' },
];

interface GenericRow {
  readonly n: number;
  readonly series: Series[];
}

const totalMs = (r: Run) => r.data.totalMs as number;

function measureGeneric(): GenericRow[] {
  const sizes = QUICK ? [1, 100] : [1, 100, 1000, 5000];
  const rows: GenericRow[] = [];
  for (const n of sizes) {
    // N = 1000 carries two targets: more repetitions, so one slow moment of a shared machine moves its median less.
    const reps = QUICK ? 2 : n <= 100 ? 7 : n <= 1000 ? 9 : 3;
    log(`generic DaemonSets, N=${n}, ${reps} alternating repetitions`);
    const previous = rows[rows.length - 1];
    const series = alternate(
      GENERIC_SIDES.map(({ side, label }) => ({ label, job: { kind: 'generic', root: ROOT, side, n }, metric: totalMs })),
      reps,
      {
        predictedMs: v => {
          const prev = previous?.series.find(s => s.label === v.label);
          const m = prev ? seriesMedian(prev) ?? seriesLowerBound(prev) : undefined;
          return m === undefined ? undefined : (m * n) / previous.n;
        },
      },
    );
    rows.push({ n, series });
  }
  return rows;
}

interface PairsRow {
  readonly n: number;
  readonly series: Series;
}

function measurePairs(): PairsRow[] {
  const sizes = QUICK ? [1, 10] : [1, 10, 100, 1000];
  const rows: PairsRow[] = [];
  for (const n of sizes) {
    log(`node-exporter + log-collector pairs, N=${n}`);
    const previous = rows[rows.length - 1];
    const [series] = alternate(
      [{ label: 'ours, fully validated', job: { kind: 'pairs', root: ROOT, engine: true, n }, metric: totalMs }],
      QUICK ? 2 : 5,
      {
        predictedMs: () => {
          const m = previous ? seriesMedian(previous.series) ?? seriesLowerBound(previous.series) : undefined;
          return m === undefined ? undefined : (m * n) / previous.n;
        },
      },
    );
    rows.push({ n, series });
  }
  return rows;
}

interface LoadResult {
  readonly series: Series[];
  /** One traced load of lib/index.js: time per module file or package. */
  readonly trace?: Run;
}

function measureLoad(): LoadResult {
  // Cheap (a fraction of a second each) and close to its target: many repetitions.
  const reps = QUICK ? 3 : 15;
  log(`module load, ${reps} alternating fresh processes per side`);
  const series = alternate([
    { label: '`cdk8s-plus-27`', job: { kind: 'load', root: ROOT, target: 'kplus' }, metric: r => r.data.loadMs },
    { label: '`cdk8s-daemonsets` (`lib/index.js`, loads cdk8s-plus-27 too)', job: { kind: 'load', root: ROOT, target: 'ours' }, metric: r => r.data.loadMs },
  ], reps);
  const trace = runWorker({ kind: 'load-trace', root: ROOT }, RUN_TIMEOUT_MS);
  return { series, trace: trace.ok ? trace : undefined };
}

interface ValidationResult {
  readonly all: Series;
  readonly schema?: Series;
  /** Each rule family alone, one fresh process each: where the warm-up goes. */
  readonly families: { readonly family: string; readonly run: Run }[];
  /** All rules with a 128 MB young generation: how much of the warm-up garbage collection is. */
  readonly bigYoungGeneration?: Run;
  /** All rules with a pause after the cold call: whether the warm calls wait on V8's background compiler. */
  readonly paused?: Run;
  /** All rules after a cold call on a corpus three times as large: whether more warm-up makes the first warm calls as fast as later ones. */
  readonly bigCold?: Run;
  /** All rules without V8's optimizing compilers: the cost of every call when nothing is optimized. */
  readonly unoptimized?: Run;
  readonly ruleIds: string[];
}

/** The rule families the per-family breakdown times, in the engine's order (placement-fit and upgrade-safety need inputs the corpus has not). */
const TIMED_FAMILIES = ['schema', 'semantics', 'runtime', 'cross-object', 'pod-security', 'best-practice'];

/** A young generation large enough that the throughput corpus's calls hardly collect garbage (information only). */
const YOUNG_GENERATION_FLAG = '--max-semi-space-size=128';

/** The pause after the cold call in the information row that asks whether the warm calls wait on V8's background compiler. */
const PAUSE_MS = 1500;

/** How many times the corpus the cold call of the "more warm-up" information row validates (other objects of the same shapes). */
const BIG_COLD_FACTOR = 3;

/**
 * V8 without its optimizing compilers (TurboFan, and Maglev, which newer Node versions turn on by default): every call runs
 * interpreted or baseline code (information only).
 */
const NO_OPTIMIZER_FLAGS = ['--no-opt', '--no-maglev'];

/** `: the later calls (information, see RESULTS.md) measure N objects/s`, when measured. */
function laterNote(v: ValidationResult, objects: number): string {
  const later = okRuns(v.all).flatMap(r => (r.data.laterMs ?? []) as number[]);
  return later.length ? ` (the 3rd to 7th warm calls, once V8 has optimized it, measure ${fmtInt((objects / median(later)) * 1000)} objects/s)` : '';
}

/** What the first two warm calls take beyond twice the later calls' median, in ms (the family table's "Warm-up"). */
function warmUpMs(w1: number, w2: number, later: number): number {
  return Math.max(0, w1 + w2 - 2 * later);
}

/**
 * What the information rows of the family table say about the warm-up, in numbers of this run: how much faster optimized code
 * is, and whether a larger cold call shortens the warm-up. The warm-up is a difference of calls that vary by ±20% each, so the
 * reading is "does not tell" unless the first two warm calls after the larger cold call differ from the usual ones by more than 20%.
 */
function warmUpEvidence(v: ValidationResult): string {
  const parts: string[] = [];
  const all = okRuns(v.all);
  const later = median(all.flatMap(r => (r.data.laterMs ?? []) as number[]));
  if (v.unoptimized?.ok && later > 0) {
    const slow = median(v.unoptimized.data.laterMs as number[]);
    parts.push(` With V8's optimizing compilers off, every warm call takes ${fmtDur(slow)}, ${(slow / later).toFixed(1)}× the optimized later calls: ` +
      'the first warm calls are slow as far as they still run such code.');
  }
  const bigLater = v.bigCold?.ok ? median(v.bigCold.data.laterMs as number[]) : 0;
  if (v.bigCold?.ok && later > 0 && bigLater > 0) {
    const [u1, u2] = [median(all.map(r => r.data.warmMs[0])), median(all.map(r => r.data.warmMs[1]))];
    const [w1, w2] = v.bigCold.data.warmMs as number[];
    // Warm-up as a share of two later calls of the same process, so processes of different speeds compare.
    const usualShare = warmUpMs(u1, u2, later) / (2 * later);
    const bigShare = warmUpMs(w1, w2, bigLater) / (2 * bigLater);
    const pct = (share: number) => `${(share * 100).toFixed(0)}%`;
    const reading = Math.abs(w1 + w2 - (u1 + u2)) <= 0.2 * (u1 + u2)
      ? 'the first two warm calls take within 20% of the usual ones, within what single processes vary by here, so this run does not tell either way.'
      : bigShare <= 0.25
        ? 'with more calls behind it V8 has optimized most of the code, so a process that validates more first (a long-running one, ' +
          'or a larger input) runs near the later rate.'
        : bigShare < usualShare
          ? 'more calls before them shorten the warm-up but do not remove it.'
          : 'more work before them does not shorten the warm-up.';
    parts.push(` After a cold call on ${BIG_COLD_FACTOR} times as many other objects, the first two warm calls take ${fmtDur(w1)} and ` +
      `${fmtDur(w2)} (usually ${fmtDur(u1)} and ${fmtDur(u2)}) against ${fmtDur(bigLater)} later, a warm-up of ${pct(bigShare)} of two ` +
      `later calls against ${pct(usualShare)} after the usual cold call: ${reading}`);
  }
  return parts.join('');
}

/** Why our validated synth is above half of the peer pipeline, in the numbers of this run. */
function peerHoldsBack(n: number, m: { pipeline: number; synth: number; ours: number }): string {
  const share = m.synth / m.pipeline;
  const needed = (0.5 * m.pipeline) / m.synth;
  const head = `The bare synth alone is ${(share * 100).toFixed(0)}% of the pipeline here, so 0.5× needs our validated synth process at ` +
    `${needed.toFixed(2)}× the bare synth process or less; it is ${(m.ours / m.synth).toFixed(2)}×`;
  const small = n <= 10;
  if (needed < 1) {
    // Half the pipeline is less than the bare synth, whose work our process does too.
    const asks = `. So 0.5× asks for a validated synth faster than the unvalidated one by ${((1 - needed) * 100).toFixed(0)}%.`;
    if (small) {
      return `${head}${asks} At this size both processes are mostly Node start-up and module loading (see the N = 1 target): ours ` +
        'loads cdk8s-plus-27 and the library, the bare one cdk8s-plus-27 alone' +
        (m.ours < m.synth ? '; ours was the faster process in this run, not by that much.' : ', so it cannot start faster.') +
        ' Ours runs the checks of both tools and more in one process instead of three.';
    }
    return `${head}${asks} ` + (m.ours < m.synth ? 'Ours is faster than the bare synth, not by that much: it' : 'Ours') +
      ' writes its YAML faster (the native emitter) but builds its DaemonSets several times slower (the Build column of "Synth of N ' +
      'generic DaemonSets") and validates on top: closing it needs construction and validation together cheaper than what the emitter ' +
      'saves (see the `DaemonSetsApp` target).';
  }
  const over = m.ours - needed * m.synth;
  return `${head}, ${fmtDur(over)} over what 0.5× allows.` + (small
    ? ' At this size both processes are mostly Node start-up and module loading, and ours loads the library and its validators on top ' +
      'of cdk8s-plus-27 (see the N = 1 and module-load targets).'
    : ' The excess is construction and validation beyond what the native emitter saves (the Build column of "Synth of N generic ' +
      'DaemonSets" and the `DaemonSetsApp` target).');
}

/** Median of every warm run of every process. */
function validationWarmMs(v: ValidationResult): number | undefined {
  const warm = okRuns(v.all).flatMap(r => r.data.warmMs as number[]);
  return warm.length ? median(warm) : undefined;
}

function measureValidation(): ValidationResult {
  const objects = QUICK ? 2_000 : 10_000;
  const processes = QUICK ? 1 : 5;
  log(`validation throughput: ${objects} objects, ${processes} fresh processes`);
  const runs: Run[] = [];
  const all: Series = { label: 'all rules', runs, metric: r => median(r.data.warmMs) };
  for (let i = 0; i < processes; i++) {
    const budget = remainingMs(PROFILE_RESERVE_MS);
    if (budget < 5_000) {
      all.note = `${runs.length} process(es): the bench's budget ran out`;
      break;
    }
    const limit = Math.min(RUN_TIMEOUT_MS * 2, budget);
    const run = runWorker({ kind: 'validate', root: ROOT, objects, reps: 2, laterReps: 5, breakdown: i === 0 }, limit);
    runs.push(run);
    log(`  process ${i + 1}: ${run.ok ? `cold ${fmtDur(run.data.coldMs)}, warm ${run.data.warmMs.map(fmtMs).join(', ')} ms` : run.timedOut ? 'timed out' : 'crashed'}`);
    if (!run.ok) {
      all.limitMs = limit;
      all.note = run.timedOut ? `process ${i + 1} exceeded the ${fmtDur(limit)} limit` : `crashed: ${run.error}`;
      break;
    }
  }
  const ruleIds: string[] = runs.find(r => r.ok)?.data.ruleIds ?? [];
  let schema: Series | undefined;
  if (ruleIds.some(id => id === 'schema' || id.startsWith('schema/'))) {
    log('schema family: cold (compile) vs warm, 2 fresh processes');
    const sruns: Run[] = [];
    schema = { label: 'schema family only', runs: sruns, metric: r => median(r.data.warmMs) };
    for (let i = 0; i < (QUICK ? 1 : 2) && remainingMs(PROFILE_RESERVE_MS) > 5_000; i++) {
      sruns.push(runWorker({ kind: 'validate', root: ROOT, objects, reps: 2, rules: ['schema'], breakdown: false }, Math.min(RUN_TIMEOUT_MS * 2, remainingMs(PROFILE_RESERVE_MS))));
    }
  }
  const families: { family: string; run: Run }[] = [];
  if (!QUICK) {
    log(`rule families alone: ${TIMED_FAMILIES.length} fresh processes`);
    for (const family of TIMED_FAMILIES) {
      if (remainingMs(PROFILE_RESERVE_MS) < 5_000) break;
      families.push({ family, run: runWorker({ kind: 'validate', root: ROOT, objects, reps: 2, laterReps: 5, rules: [family], breakdown: false }, Math.min(RUN_TIMEOUT_MS * 2, remainingMs(PROFILE_RESERVE_MS))) });
    }
  }
  let bigYoungGeneration: Run | undefined;
  let paused: Run | undefined;
  let bigCold: Run | undefined;
  let unoptimized: Run | undefined;
  if (!QUICK && remainingMs(PROFILE_RESERVE_MS) > 5_000) {
    log('all rules: with a 128 MB young generation; with a pause after the cold call; after a larger cold call; without the optimizing compilers');
    const limit = () => Math.min(RUN_TIMEOUT_MS * 2, remainingMs(PROFILE_RESERVE_MS));
    bigYoungGeneration = runWorker({ kind: 'validate', root: ROOT, objects, reps: 2, laterReps: 5, breakdown: false }, limit(), [YOUNG_GENERATION_FLAG]);
    paused = runWorker({ kind: 'validate', root: ROOT, objects, reps: 2, laterReps: 5, breakdown: false, pauseMs: PAUSE_MS }, limit());
    bigCold = runWorker({ kind: 'validate', root: ROOT, objects, reps: 2, laterReps: 5, breakdown: false, coldObjects: objects * BIG_COLD_FACTOR }, limit());
    unoptimized = runWorker({ kind: 'validate', root: ROOT, objects, reps: 2, laterReps: 5, breakdown: false }, limit(), NO_OPTIMIZER_FLAGS);
  }
  return { all, schema, families, bigYoungGeneration, paused, bigCold, unoptimized, ruleIds };
}

// ---------------------------------------------------------------------------------------------
// CPU profiles

interface ProfileResult {
  readonly title: string;
  readonly why: string;
  readonly file?: string;
  readonly markdown?: string;
  readonly error?: string;
  readonly wallMs?: number;
}

function profileCase(tmp: string, title: string, why: string, job: Job, name: string): ProfileResult {
  const dir = path.join(tmp, 'profiles');
  fs.mkdirSync(dir, { recursive: true });
  const limit = Math.max(5_000, Math.min(RUN_TIMEOUT_MS * 1.5, remainingMs(5_000)));
  log(`CPU profile: ${title}`);
  const run = runWorker(job, limit, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${name}.cpuprofile`]);
  const file = path.join(dir, `${name}.cpuprofile`);
  if (!run.ok || !fs.existsSync(file)) return { title, why, error: run.timedOut ? `timed out after ${fmtDur(limit)}` : run.error ?? 'no profile written' };
  const summary = summarizeProfileFile(file, ROOT, 25);
  return { title, why, file, wallMs: run.data.totalMs, markdown: `Profile: ${fmtInt(summary.samples)} samples over ${fmtDur(summary.totalMs)} (whole process, module loading included).\n\n${profileMarkdown(summary, 15)}` };
}

function measureProfiles(tmp: string, generic: GenericRow[], pairs: PairsRow[]): ProfileResult[] {
  // The slowest completed case of each kind of ours (a case that timed out leaves no profile:
  // the largest N of the same side that completed stands in for it).
  const candidates: { title: string; why: string; job: Job; name: string; ms: number }[] = [];
  let best: { row: GenericRow; s: Series; m: number } | undefined;
  for (const row of generic) {
    for (const s of row.series) {
      if (s.label === GENERIC_SIDES[0].label) continue;
      const m = seriesMedian(s);
      if (m !== undefined && (!best || m > best.m)) best = { row, s, m };
    }
  }
  if (best) {
    const side = GENERIC_SIDES.find(g => g.label === best!.s.label)!.side;
    const biggerFailed = generic.some(r => r.n > best!.row.n && r.series.some(s => s.label === best!.s.label && seriesMedian(s) === undefined));
    candidates.push({
      title: `${fmtInt(best.row.n)} generic DaemonSets, ${best.s.label}`,
      why: `the slowest generic case of ours that completed (median ${fmtDur(best.m)})${biggerFailed ? '; the larger N did not complete within its limit, so this N stands in for it' : ''}`,
      job: { kind: 'generic', root: ROOT, side, n: best.row.n },
      name: `generic-${side}-${best.row.n}`,
      ms: best.m,
    });
  }
  const pairsDone = pairs.filter(p => seriesMedian(p.series) !== undefined);
  const slowestPairs = pairsDone[pairsDone.length - 1];
  if (slowestPairs) {
    const m = seriesMedian(slowestPairs.series)!;
    candidates.push({
      title: `${fmtInt(slowestPairs.n)} node-exporter + log-collector pairs, fully validated`,
      why: `the slowest preset case that completed (median ${fmtDur(m)})${pairs.some(p => p.n > slowestPairs.n) ? '; larger N did not complete or was not run' : ''}`,
      job: { kind: 'pairs', root: ROOT, engine: true, n: slowestPairs.n },
      name: `pairs-${slowestPairs.n}`,
      ms: m,
    });
  }
  candidates.sort((a, b) => b.ms - a.ms);
  const results: ProfileResult[] = [];
  for (const c of candidates) {
    // Profiling costs some 10-30%; skip what cannot finish in what is left.
    if (c.ms * 1.4 + 2_000 > remainingMs(5_000)) {
      results.push({ title: c.title, why: c.why, error: `skipped: ${fmtDur(c.ms)} case, ${fmtDur(Math.max(0, remainingMs(5_000)))} of budget left` });
      continue;
    }
    results.push(profileCase(tmp, c.title, c.why, c.job, c.name));
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Reports

interface Machine {
  readonly lines: string[];
}

/**
 * A plain loop of 10^8 additions in a fresh process (median of 3 processes, ms): the machine's speed at that moment,
 * against which runs of different days compare (every other number scales with it; this shared machine's speed
 * changes from hour to hour).
 */
function cpuSpeedCheck(): number | undefined {
  const code = 'const t = performance.now(); let s = 0; for (let i = 0; i < 1e8; i++) s += i; process.stdout.write(String(performance.now() - t + s * 0));';
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const res = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 30_000 });
    const ms = Number(res.stdout);
    if (res.status === 0 && Number.isFinite(ms)) times.push(ms);
  }
  return times.length ? median(times) : undefined;
}

function describeMachine(loadStart: number[], speed: (number | undefined)[]): Machine {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const mhz = /^cpu MHz\s*:\s*(.*)$/m.exec(cpuinfo)?.[1];
  const free = sh('free', ['-h']);
  const commit = sh('git', ['rev-parse', '--short', 'HEAD']);
  const dirty = sh('git', ['--no-optional-locks', 'status', '--porcelain']).split('\n').filter(l => l.trim()).length;
  const loadEnd = os.loadavg();
  const la = (l: number[]) => l.map(x => x.toFixed(2)).join(' / ');
  const versions = (pkg: string) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')).version as string;
    } catch {
      return '?';
    }
  };
  return {
    lines: [
      `- Date: ${new Date().toISOString()}`,
      `- CPU: ${model}${mhz ? ` (${Number(mhz).toFixed(0)} MHz)` : ''}; \`nproc\`: ${sh('nproc', [])}`,
      `- Memory (\`free -h\`):\n\n  \`\`\`\n${free.split('\n').map(l => `  ${l}`).join('\n')}\n  \`\`\`\n`,
      `- OS: ${os.type()} ${os.release()} (${os.arch()}); Node ${process.version}`,
      `- CPU speed check (a plain loop of 10^8 additions in a fresh process, median of 3; compare runs through it): ${speed.map(s => (s === undefined ? 'failed' : `${fmtMs(s)} ms`)).join(' at the start, ')} at the end`,
      `- Load average (1/5/15 min) at start: ${la(loadStart)}; at end: ${la(loadEnd)}${loadStart[0] > Number(sh('nproc', [])) * 0.5 ? ' - other work shared the CPUs, so expect noise; the alternation keeps the ratios fair' : ''}`,
      `- Packages: cdk8s ${versions('cdk8s')}, cdk8s-plus-27 ${versions('cdk8s-plus-27')}, constructs ${versions('constructs')}, ajv ${versions('ajv')}`,
      `- Source: commit ${commit}${dirty ? ` with ${dirty} uncommitted change(s) in the working tree` : ''}`,
    ],
  };
}

interface Cells {
  readonly runs: string;
  readonly med: string;
  readonly range: string;
  readonly split: string;
  readonly cpu: string;
  readonly ratio: string;
  readonly rss: string;
  readonly yaml: string;
}

function seriesCells(s: Series | undefined, bare?: Series): Cells {
  if (!s) return { runs: '-', med: '-', range: '-', split: '-', cpu: '-', ratio: '-', rss: '-', yaml: '-' };
  const ok = okRuns(s);
  const m = seriesMedian(s);
  const lb = seriesLowerBound(s);
  const bm = bare ? seriesMedian(bare) : undefined;
  const notRun = s.runs.length === 0;
  if (m === undefined) {
    return {
      runs: notRun ? '0' : `0 of ${s.runs.length}`,
      med: lb !== undefined ? (s.predicted ? `≥ ${fmtMs(lb)} (predicted, not run)` : `> ${fmtMs(lb)}`) : notRun ? 'not run' : 'failed',
      range: '-',
      split: '-',
      cpu: '-',
      ratio: lb !== undefined && bm ? `${s.predicted ? '≥' : '>'} ${(lb / bm).toFixed(1)}×` : '-',
      rss: '-',
      yaml: '-',
    };
  }
  const vals = ok.map(s.metric);
  return {
    runs: `${ok.length}`,
    med: fmtMs(m),
    range: `${fmtMs(Math.min(...vals))}–${fmtMs(Math.max(...vals))}`,
    split: ok[0].data.buildMs !== undefined ? `${fmtMs(median(ok.map(r => r.data.buildMs)))} / ${fmtMs(median(ok.map(r => r.data.synthMs)))}` : '-',
    cpu: ok[0].data.cpuMs !== undefined ? fmtMs(median(ok.map(r => r.data.cpuMs))) : '-',
    ratio: bm ? `${(m / bm).toFixed(2)}×` : '-',
    rss: mib(Math.max(...ok.map(r => r.data.maxRssKb))),
    yaml: ok[0].data.yamlBytes !== undefined ? fmtInt(ok[0].data.yamlBytes / 1024) : '-',
  };
}

interface Target {
  readonly name: string;
  readonly goal: string;
  readonly measured: string;
  readonly met: boolean | undefined;
  /** When the target is not met: what holds it back (from the profiles) and what would close it. */
  readonly holdsBack?: string;
}

function targets(generic: GenericRow[], load: Series[], validation: ValidationResult, proc: ProcessResult, peer: PeerResult): Target[] {
  const out: Target[] = [];
  const at = (n: number, side: GenericSide) => {
    const label = GENERIC_SIDES.find(g => g.side === side)!.label;
    return generic.find(r => r.n === n)?.series.find(s => s.label === label);
  };

  const ours1000 = at(1000, 'ours');
  const bare1000 = at(1000, 'bare');
  const o = ours1000 && seriesMedian(ours1000);
  const b = bare1000 && seriesMedian(bare1000);
  const olb = ours1000 && seriesLowerBound(ours1000);
  out.push({
    name: '1000 DaemonSets synthesized and fully validated with a plain `App` vs bare cdk8s-plus-27 without validation',
    goal: '≤ 1.3×',
    measured: o && b ? `${(o / b).toFixed(2)}× (${fmtDur(o)} vs ${fmtDur(b)})` : olb && b ? `> ${(olb / b).toFixed(1)}× (did not complete within the limit)` : 'not measured',
    met: o && b ? o / b <= 1.3 : olb && b ? false : undefined,
    holdsBack: 'A plain `App` with the library\'s constructs synthesizes as `DaemonSetsApp` does (one render, one validation, the YAML emitter); ' +
      'what is left is our construction and validation on top of a bare synthesis (PROFILE.md, \"1000 generic DaemonSets, plain App\"). ' +
      'What would close it: the same levers as the `DaemonSetsApp` target.',
  });

  const app1000 = at(1000, 'ours-app');
  const a = app1000 && seriesMedian(app1000);
  out.push({
    name: '1000 DaemonSets fully validated with `DaemonSetsApp` (the README\'s path) vs bare cdk8s-plus-27 without validation',
    goal: '≤ 1.0×',
    measured: a && b ? `${(a / b).toFixed(2)}× (${fmtDur(a)} vs ${fmtDur(b)})` : 'not measured',
    met: a && b ? a / b <= 1.0 : undefined,
    holdsBack: 'Construction: our `DaemonSet` checks every prop a JavaScript caller may get wrong and plans each container (resources, hardening, probes) before ' +
      'cdk8s-plus builds it (several times bare construction: the Build column of "Synth of N generic DaemonSets"), and the validation pass (schema, semantics, runtime, Pod Security, best practice, cross-object) ' +
      'runs on top of the render; the emitter saves most of the YAML cost but not all of both (PROFILE.md, \"1000 generic DaemonSets, `DaemonSetsApp`\"). What would close it: ' +
      'checking props in one pass without building path strings until an error, and a validation traversal shared by the families (see throughput).',
  });

  const [kp, ours] = load.map(seriesMedian);
  out.push({
    name: 'Module load of cdk8s-daemonsets over cdk8s-plus-27 alone (fresh processes; `require` and reading the exports the README app uses: `DaemonSetsApp`, `DaemonSet` vs kplus `DaemonSet`)',
    goal: '≤ +50 ms',
    measured: kp !== undefined && ours !== undefined ? `${ours - kp >= 0 ? '+' : ''}${fmtDur(ours - kp)} (${fmtDur(ours)} vs ${fmtDur(kp)})` : 'not measured',
    met: kp !== undefined && ours !== undefined ? ours - kp <= 50 : undefined,
    holdsBack: 'The package\'s main is one bundled file whose exports load their modules on first read (scripts/bundle.ts); what is left is the top level of ' +
      'the modules `DaemonSet` reaches (PROFILE.md, "N = 1 as a whole process"). What would close it: Node\'s compile cache (`NODE_COMPILE_CACHE`, Node 22+).',
  });

  const v = validationWarmMs(validation);
  const vlb = seriesLowerBound(validation.all);
  const objects = validation.all.runs.find(r => r.ok)?.data.objects ?? 10_000;
  out.push({
    name: `Validation throughput, ${fmtInt(objects)} objects, all rule families, warm`,
    goal: '≥ 100,000 objects/s',
    measured: v ? `${fmtInt((objects / v) * 1000)} objects/s (${fmtDur(v)} per run)` : vlb ? `< ${fmtInt((objects / vlb) * 1000)} objects/s (timed out)` : 'not measured',
    met: v ? (objects / v) * 1000 >= 100_000 : vlb ? false : undefined,
    holdsBack: `The two warm calls the target reads still run partly unoptimized code${laterNote(validation, objects)}. ` +
      'The table of the rule families ("Validation throughput") shows where: each family\'s first warm call takes two to four times its later ' +
      'calls, and the semantics family costs the most once warm. The profile is flat (PROFILE.md, "Validation of 10,000 objects, warm"): no ' +
      `function of ours above ~5%.${warmUpEvidence(validation)} What would close it: less code to optimize and to run per object (fewer ` +
      'distinct functions for V8 to warm up, and a lower cost once optimized): one traversal shared by the families, paths and messages ' +
      'built only for findings, smaller schema validators.',
  });

  const [pb, pa] = [proc.series[0], proc.series[1]].map(x => x && seriesMedian(x));
  out.push({
    name: 'N = 1 as a whole process (Node start, `require`, synth, write) with `DaemonSetsApp` vs the bare whole process',
    goal: '≤ 1.3×',
    measured: pa && pb ? `${(pa / pb).toFixed(2)}× (${fmtDur(pa)} vs ${fmtDur(pb)})` : 'not measured',
    met: pa && pb ? pa / pb <= 1.3 : undefined,
    holdsBack: 'The bare process is mostly Node start-up and cdk8s-plus-27\'s own `require`; ours adds the top level of the ~195 modules the README\'s ' +
      'path reaches (the exports load lazily and the rest sits in `lib/index-deferred.js`; the core/v1 validators load per variant, 90 KB for a DaemonSet), ' +
      'each under ~0.6 ms, 106 of them validation rules, then the first render and the validation families on cold code (PROFILE.md, "N = 1 as a whole process"). ' +
      'What would close it: a V8 code cache for the bundle (measured -26 ms, but it writes cache files to the user\'s disk: a per-user 0700 directory, a design decision), ' +
      'or Node\'s compile cache (`NODE_COMPILE_CACHE`, Node 22+), which an app can turn on for every dependency.',
  });

  const rss = (s?: Series) => (s && okRuns(s).length ? Math.max(...okRuns(s).map(r => r.data.maxRssKb as number)) : undefined);
  const [rb, ra] = [rss(bare1000), rss(app1000)];
  out.push({
    name: 'Peak RSS at N = 1000, `DaemonSetsApp` fully validated vs bare',
    goal: '≤ 1.2×',
    measured: rb && ra ? `${(ra / rb).toFixed(2)}× (${mib(ra)} MiB vs ${mib(rb)} MiB)` : 'not measured',
    met: rb && ra ? ra / rb <= 1.2 : undefined,
  });

  for (const n of [10, 1000]) {
    const row = peer.rows.find(r => r.n === n);
    const m = row && peerMedians(row);
    out.push({
      name: `Our validated synth vs the peer pipeline (bare synth + kubeconform -strict + kube-score, whole processes), N = ${fmtInt(n)}`,
      goal: '≤ 0.5×',
      measured: m ? `${(m.ours / m.pipeline).toFixed(2)}× (${fmtDur(m.ours)} vs ${fmtDur(m.pipeline)})` : peer.note ?? 'not measured',
      met: m ? m.ours / m.pipeline <= 0.5 : undefined,
      holdsBack: m ? peerHoldsBack(n, m) : undefined,
    });
  }

  const ours5000 = at(5000, 'ours');
  const o5 = ours5000 && seriesMedian(ours5000);
  const o5lb = ours5000 && seriesLowerBound(ours5000);
  out.push({
    name: 'Cost linear in N: ours fully validated, 5000 vs 1000 DaemonSets',
    goal: '≤ 5.5×',
    measured: o5 && o ? `${(o5 / o).toFixed(2)}× (${fmtDur(o5)} vs ${fmtDur(o)})`
      : o5lb && o ? `> ${(o5lb / o).toFixed(1)}× (5000 ${ours5000!.predicted ? `not run: ≥ ${fmtDur(o5lb)} predicted` : `timed out after ${fmtDur(o5lb)}`})` : 'not measured',
    met: o5 && o ? o5 / o <= 5.5 : o5lb && o ? (o5lb / o > 5.5 ? false : undefined) : undefined,
  });
  return out;
}

interface Measurements {
  readonly machine: Machine;
  readonly compile: string;
  readonly generic: GenericRow[];
  readonly pairs: PairsRow[];
  readonly load: LoadResult;
  readonly validation: ValidationResult;
  readonly proc: ProcessResult;
  readonly peer: PeerResult;
  readonly elapsedS: number;
}

function renderResults(args: Measurements): string {
  const { machine, compile, generic, pairs, validation } = args;
  const load = args.load.series;
  const L: string[] = [];
  L.push('# Benchmark results');
  L.push('');
  L.push('Generated by `npm run bench` (`npx ts-node --transpile-only bench/run.ts`); do not edit by hand. ' +
    `The whole run took ${args.elapsedS.toFixed(0)} s. CPU profiles of the slowest cases: [PROFILE.md](PROFILE.md).`);
  L.push('');
  L.push('## Machine');
  L.push('');
  L.push(...machine.lines);
  L.push(`- Library build: ${compile}`);
  L.push('');
  L.push('## Method');
  L.push('');
  L.push('- Every measurement is a fresh `node` process (`child_process.spawnSync(process.execPath, ...)`) running the compiled `lib/`, so module caches and JIT state never carry over; ' +
    'the sides of a comparison alternate within each repetition (order reversed every other repetition). Medians are reported; ratios are ratios of medians.');
  L.push('- "Synth" = build the app (`new App()`, a `Chart`, N constructs) and produce its YAML with `app.synthYaml()`, which resolves, runs every construct validation and ' +
    'serializes like `app.synth()` but writes nothing to disk. The time excludes loading the modules (measured separately).');
  L.push('- Generic DaemonSet: one container `registry.example.com/agent:1.4.2`, port 9400 `metrics`, env `NODE_NAME` from `spec.nodeName`, HTTP liveness and readiness probes, ' +
    'requests cpu 50m / memory 64Mi, limit memory 256Mi, non-root uid/gid 65534, read-only root filesystem, no privilege escalation, `IfNotPresent`, no service account token, ' +
    'priority class `system-node-critical`: a spec every rule passes, so no warnings are printed. Ours: `new DaemonSet(chart, id, { containers: [that], priorityClassName })`, ' +
    'which adds its node-agent defaults (update strategy, seccomp RuntimeDefault, drop ALL capabilities) and validates itself at synth. Bare side: `new kplus.DaemonSet(chart, id, { containers: [that] })` ' +
    'plus the JSON patches a cdk8s-plus-27 user needs for the same pod spec (update strategy, priority class, seccomp, drop ALL), checked below.');
  L.push('- "App-wide engine off": `AppValidation.enable(chart, { rules: [] })` before the DaemonSets are created, so the engine runs no rules; each DaemonSet still checks its own object. ' +
    '"Fully validated": everything on, as users get it.');
  L.push(`- Repetitions: 7 for N ≤ 100, 9 for N = 1000, 3 for N = 5000 (pairs: 5; module load: 15 per side; validation: 5 processes × 2 warm runs; whole process N = 1: 25 per side; peer pipeline: 7 at N = 10 and N = 1000). A process that exceeds ${RUN_TIMEOUT_MS / 1000} s is killed and shown as "> limit"; a case whose linear extrapolation ` +
    'from the smaller N already exceeds the limit is not run. Peak RSS is `process.resourceUsage().maxRSS` of the child (the highest over its runs). CPU = user + system time of the timed section ' +
    '(`process.cpuUsage()`; it includes V8\'s GC threads, so it can exceed the wall time).');
  L.push('');
  L.push('## Targets');
  L.push('');
  L.push('| Target | Goal | Measured | Met |');
  L.push('|---|---|---|---|');
  for (const t of targets(generic, load, validation, args.proc, args.peer)) {
    L.push(`| ${t.name} | ${t.goal} | ${t.measured} | ${t.met === undefined ? 'n/a' : t.met ? 'yes' : '**no**'} |`);
  }
  L.push('');
  const unmet = targets(generic, load, validation, args.proc, args.peer).filter(t => t.met === false && t.holdsBack);
  if (unmet.length > 0) {
    L.push('### What holds back the targets not met');
    L.push('');
    for (const t of unmet) L.push(`- **${t.name}** (${t.measured}): ${t.holdsBack}`);
    L.push('');
  }

  L.push(...renderWholeProcess(args.proc, args.peer));

  L.push('## Synth of N generic DaemonSets: ours vs bare cdk8s-plus-27');
  L.push('');
  L.push('| N | Side | Runs | Median ms | Min–max ms | Build / synthYaml ms | CPU ms | × bare | Peak RSS MiB | YAML KiB |');
  L.push('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const notes: string[] = [];
  for (const row of generic) {
    const bare = row.series.find(s => s.label === GENERIC_SIDES[0].label);
    for (const s of row.series) {
      const c = seriesCells(s, s === bare ? undefined : bare);
      L.push(`| ${fmtInt(row.n)} | ${s.label} | ${c.runs} | ${c.med} | ${c.range} | ${c.split} | ${c.cpu} | ${s === bare ? '1.00×' : c.ratio} | ${c.rss} | ${c.yaml} |`);
      if (s.note) notes.push(`N=${row.n}, ${s.label}: ${s.note}`);
    }
  }
  L.push('');
  // Both sides must render the same pod spec for the ratio to mean anything.
  const specs = new Map<string, { hash: string; spec?: string }>();
  for (const row of generic) {
    for (const s of row.series) {
      const r = okRuns(s)[0];
      if (r && !specs.has(s.label)) specs.set(s.label, { hash: r.data.podSpecHash, spec: r.data.podSpec });
    }
  }
  const hashes = new Set([...specs.values()].map(v => v.hash));
  if (hashes.size === 1) {
    L.push(`Pod spec check: the first DaemonSet's rendered update strategy and pod spec are identical on all sides (sha256 \`${[...hashes][0]}\`).`);
  } else if (hashes.size > 1) {
    L.push('Pod spec check: **the sides render different pod specs**, so the ratios compare different work:');
    L.push('');
    for (const [label, v] of specs) L.push(`- ${label}: \`${v.hash}\`${v.spec ? ` \`${v.spec}\`` : ''}`);
  }
  const warned = generic.flatMap(row => row.series.filter(s => okRuns(s).some(r => r.warnings > 0))
    .map(s => `N=${row.n}, ${s.label}: ${Math.max(...okRuns(s).map(r => r.warnings))} warnings printed per run`));
  if (warned.length) L.push(`Warnings printed by the library (their printing is part of the time): ${warned.join('; ')}.`);
  L.push('');
  L.push('Scaling (median time ratio between consecutive N; linear cost gives the N ratio, i.e. 10× and 5×):');
  L.push('');
  L.push(`| Side | ${generic.slice(1).map((r, i) => `${fmtInt(r.n)} / ${fmtInt(generic[i].n)}`).join(' | ')} |`);
  L.push(`|---|${generic.slice(1).map(() => '---:').join('|')}|`);
  for (const { label } of GENERIC_SIDES) {
    const cells = generic.slice(1).map((r, i) => {
      const a = r.series.find(s => s.label === label)!;
      const bPrev = generic[i].series.find(s => s.label === label)!;
      const ma = seriesMedian(a);
      const mb = seriesMedian(bPrev);
      const la = seriesLowerBound(a);
      if (ma !== undefined && mb !== undefined) return `${(ma / mb).toFixed(2)}×`;
      if (la !== undefined && mb !== undefined) return `> ${(la / mb).toFixed(1)}×`;
      return '-';
    });
    L.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  L.push('');
  if (notes.length) {
    L.push(...notes.map(n => `- ${n}`));
    L.push('');
  }

  L.push('## Synth of N node-exporter + log-collector pairs (ours, fully validated)');
  L.push('');
  L.push('Each pair: `new NodeExporterDaemonSet(chart, id, { port: 9100 + i })` and `new LogCollectorDaemonSet(chart, id, { outputs: [LogOutput.elasticsearch({ host, port })], stateDirectory: /var/lib/fluent-bit-<i> })` ' +
    '(distinct host ports and state directories, so N pairs on the same nodes are valid). There is no bare equivalent: each pair emits a DaemonSet, ServiceAccount, Service (node-exporter) and ' +
    'DaemonSet, ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap, Service (log collector).');
  L.push('');
  L.push('| Pairs | Objects | Runs | Median ms | Min–max ms | Build / synthYaml ms | CPU ms | ms per pair | Peak RSS MiB | YAML KiB |');
  L.push('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const pairNotes: string[] = [];
  for (const row of pairs) {
    const c = seriesCells(row.series);
    const m = seriesMedian(row.series);
    const docs = okRuns(row.series)[0]?.data.docs;
    L.push(`| ${fmtInt(row.n)} | ${docs !== undefined ? fmtInt(docs) : '-'} | ${c.runs} | ${c.med} | ${c.range} | ${c.split} | ${c.cpu} | ${m !== undefined ? fmtMs(m / row.n) : '-'} | ${c.rss} | ${c.yaml} |`);
    if (row.series.note) pairNotes.push(`${row.n} pairs: ${row.series.note}`);
  }
  L.push('');
  if (pairNotes.length) {
    L.push(...pairNotes.map(n => `- ${n}`));
    L.push('');
  }

  L.push('## Module load (fresh processes)');
  L.push('');
  L.push('Time of the `require()` call alone, measured inside the child with `performance.now()`; "process" is the whole child as the parent saw it (Node start-up + require + exit).');
  L.push('');
  L.push('| Module | Runs | require() median ms | Min–max ms | Process median ms | Peak RSS MiB |');
  L.push('|---|---:|---:|---:|---:|---:|');
  for (const s of load) {
    const c = seriesCells(s);
    const ok = okRuns(s);
    L.push(`| ${s.label} | ${c.runs} | ${c.med} | ${c.range} | ${ok.length ? fmtMs(median(ok.map(r => r.processMs))) : '-'} | ${c.rss} |`);
  }
  const [kpl, oursl] = load.map(seriesMedian);
  if (kpl !== undefined && oursl !== undefined) L.push(`| Difference | | ${oursl - kpl >= 0 ? '+' : ''}${fmtMs(oursl - kpl)} | | | |`);
  L.push('');
  const trace = args.load.trace;
  if (trace) {
    const modules = trace.data.modules as { key: string; ms: number; files: number }[];
    const traced = modules.reduce((a, m) => a + m.ms, 0);
    const what = 'Where `require(\'lib/index.js\')` spends its time, per package or library file (one traced load: each module file\'s read + compile + '
      + 'top-level run, minus the modules it requires; tracing adds overhead, so read the shares, not the absolute times;';
    L.push(`${what} ${fmtDur(trace.data.loadMs)} traced in total):`);
    L.push('');
    L.push('| Package or file | Files | Self ms | Share |');
    L.push('|---|---:|---:|---:|');
    for (const m of modules.slice(0, 12)) {
      L.push(`| \`${m.key}\` | ${m.files} | ${fmtMs(m.ms)} | ${((100 * m.ms) / (traced || 1)).toFixed(1)}% |`);
    }
    const ourFiles = modules.filter(m => m.key.startsWith('src/'));
    L.push(`| all ${ourFiles.length} files of ours (\`src/\`) | ${ourFiles.reduce((a, m) => a + m.files, 0)} | ${fmtMs(ourFiles.reduce((a, m) => a + m.ms, 0))} | ${((100 * ourFiles.reduce((a, m) => a + m.ms, 0)) / (traced || 1)).toFixed(1)}% |`);
    L.push('');
  }

  L.push('## Validation throughput');
  L.push('');
  const vruns = okRuns(validation.all);
  const first = vruns[0]?.data;
  L.push(`Input: ${first ? fmtInt(first.objects) : '10,000'} plain JSON objects, a quarter each of DaemonSets, Services, ConfigMaps and ServiceAccounts in 20 namespaces ` +
    '(each DaemonSet mounts its ConfigMap, runs as its ServiceAccount and is selected by its Service; probes, resources, security context, hostPath mount). ' +
    'Timed: `new ManifestValidator().validate(objects)`. "Cold" is the first call in a fresh process (module-level caches and any schema compilation included); ' +
    '"warm" the calls after it.');
  L.push('');
  L.push(`Rule ids listed by \`ManifestValidator.describeRules()\`: ${validation.ruleIds.length ? validation.ruleIds.map(id => `\`${id}\``).join(', ') : '(none: no run completed)'}.`);
  L.push('');
  L.push('| Metric | Value |');
  L.push('|---|---|');
  const vm = validationWarmMs(validation);
  const vlb = seriesLowerBound(validation.all);
  if (vm !== undefined && first) {
    L.push(`| Warm, median of ${vruns.length} process(es) × ${first.warmMs.length} run(s) | ${fmtDur(vm)} → **${fmtInt((first.objects / vm) * 1000)} objects/s** |`);
    const cold = median(vruns.map(r => r.data.coldMs));
    L.push(`| Cold (first call in the process), median | ${fmtDur(cold)} → ${fmtInt((first.objects / cold) * 1000)} objects/s; first-use overhead ≈ ${fmtDur(Math.max(0, cold - vm))} |`);
    const sev = first.bySeverity as { [k: string]: number };
    L.push(`| Findings on the corpus | ${Object.keys(sev).length ? Object.entries(sev).map(([k, v2]) => `${v2} ${k}`).join(', ') : 'none'}${Object.keys(first.byRule).length ? ` (${Object.entries(first.byRule as { [k: string]: number }).map(([k, v2]) => `${k}: ${v2}`).join(', ')})` : ''} |`);
    L.push(`| Peak RSS | ${mib(Math.max(...vruns.map(r => r.data.maxRssKb)))} MiB |`);
    const later = vruns.flatMap(r => (r.data.laterMs ?? []) as number[]);
    if (later.length) {
      const lm = median(later);
      L.push(`| Information: the 3rd to 7th warm calls, median of ${later.length} (V8 has optimized the hot code by then; the target above is read on the first two warm calls, which still run partly unoptimized code) | ${fmtDur(lm)} → ${fmtInt((first.objects / lm) * 1000)} objects/s |`);
    }
  } else {
    L.push(`| Warm | ${vlb !== undefined ? `> ${fmtDur(vlb)} per process (timed out)` : 'not measured'} |`);
  }
  if (validation.schema) {
    const sr = okRuns(validation.schema);
    if (sr.length) {
      const cold = median(sr.map(r => r.data.coldMs));
      const warm = median(sr.flatMap(r => r.data.warmMs));
      L.push(`| Schema family alone: compile + first use (cold − warm) | ${fmtDur(Math.max(0, cold - warm))} (cold ${fmtDur(cold)}, warm ${fmtDur(warm)} → ${fmtInt((sr[0].data.objects / warm) * 1000)} objects/s) |`);
    } else {
      L.push(`| Schema family alone | ${validation.schema.runs.some(r => r.timedOut) ? 'timed out' : 'failed'} |`);
    }
  } else {
    L.push('| Schema compile time | not measured: `describeRules()` lists no `schema` family yet (the schema rules are not wired into the engine) |');
  }
  if (validation.all.note) L.push(`| Note | ${validation.all.note} |`);
  L.push('');
  L.push(...familyTable(validation));
  const perRule = vruns.find(r => Object.keys(r.data.perRuleMs ?? {}).length)?.data.perRuleMs as { [id: string]: number } | undefined;
  if (perRule && first) {
    L.push('Each rule id on its own (`new ManifestValidator({ rules: [id] })`, warm, one run):');
    L.push('');
    L.push('| Rule id | ms | objects/s |');
    L.push('|---|---:|---:|');
    for (const [id, ms] of Object.entries(perRule).sort((a, b) => b[1] - a[1])) {
      L.push(`| \`${id}\` | ${fmtMs(ms)} | ${fmtInt((first.objects / ms) * 1000)} |`);
    }
    L.push('');
  }

  if (crashes.length) {
    L.push('## Crashed measurements');
    L.push('');
    L.push(...crashes.map(c => `- ${c}`));
    L.push('');
  }

  L.push('<details><summary>Raw samples (ms)</summary>');
  L.push('');
  const raw = (label: string, s: Series) => {
    const vals = s.runs.map(r => (r.ok ? fmtMs(s.metric(r)) : r.timedOut ? 'timeout' : 'crash'));
    L.push(`- ${label}: ${vals.length ? vals.join(', ') : '(not run)'}`);
  };
  for (const row of generic) for (const s of row.series) raw(`generic N=${row.n}, ${s.label}`, s);
  for (const row of pairs) raw(`pairs N=${row.n}`, row.series);
  for (const s of load) raw(`load ${s.label}`, s);
  raw('validation warm (median per process)', validation.all);
  L.push('');
  L.push('</details>');
  L.push('');
  return L.join('\n');
}

/**
 * Where the warm-up goes: each family alone in a fresh process (cold call, the two warm calls the target reads, and
 * the 3rd to 7th), beside all rules together (the medians of the throughput processes, call by call).
 */
function familyTable(validation: ValidationResult): string[] {
  const rows = validation.families.filter(f => f.run.ok);
  const all = okRuns(validation.all);
  if (rows.length === 0 || all.length === 0) return [];
  const L: string[] = [];
  L.push('Where the time of the warm calls goes: each rule family alone (`rules: [family]`, one fresh process each), and all rules ' +
    '(the throughput processes above, median per call). "Warm-up" is what the two warm calls the target reads take beyond twice the 3rd–7th ' +
    'calls\' median: code V8 runs unoptimized because it has not (yet) decided to optimize it. Information rows, one process each: all ' +
    'rules with a young generation so large that the calls hardly collect garbage, and all rules with the main thread idle for ' +
    `${PAUSE_MS / 1000} s after the cold call (if the warm calls waited on V8's background compiler, the pause would shorten them). ` +
    `Two more: all rules after a cold call on ${BIG_COLD_FACTOR} times as many other objects of the same shapes (if the warm-up were only ` +
    'V8 counting calls before it optimizes, the first warm calls would then run as fast as the later ones), and all rules with V8\'s ' +
    'optimizing compilers off (every call at the speed of unoptimized code). Single processes vary by ±20% on this machine.');
  L.push('');
  L.push('| Rules | Cold ms | 1st warm ms | 2nd warm ms | 3rd–7th warm ms (median) | Warm-up ms |');
  L.push('|---|---:|---:|---:|---:|---:|');
  const row = (label: string, cold: number, w1: number, w2: number, later: number) =>
    L.push(`| ${label} | ${fmtMs(cold)} | ${fmtMs(w1)} | ${fmtMs(w2)} | ${fmtMs(later)} | ${fmtMs(warmUpMs(w1, w2, later))} |`);
  for (const { family, run } of rows) {
    row(`\`${family}\` alone`, run.data.coldMs, run.data.warmMs[0], run.data.warmMs[1], median(run.data.laterMs));
  }
  row('all rules', median(all.map(r => r.data.coldMs)), median(all.map(r => r.data.warmMs[0])), median(all.map(r => r.data.warmMs[1])),
    median(all.flatMap(r => r.data.laterMs ?? [])));
  const big = validation.bigYoungGeneration;
  if (big?.ok) {
    row(`all rules, a 128 MB young generation (\`${YOUNG_GENERATION_FLAG}\`)`, big.data.coldMs, big.data.warmMs[0], big.data.warmMs[1], median(big.data.laterMs));
  }
  const paused = validation.paused;
  if (paused?.ok) row(`all rules, ${PAUSE_MS / 1000} s idle after the cold call`, paused.data.coldMs, paused.data.warmMs[0], paused.data.warmMs[1], median(paused.data.laterMs));
  const bigCold = validation.bigCold;
  if (bigCold?.ok) {
    row(`all rules, the cold call on ${fmtInt(bigCold.data.objects * BIG_COLD_FACTOR)} other objects`, bigCold.data.coldMs, bigCold.data.warmMs[0], bigCold.data.warmMs[1], median(bigCold.data.laterMs));
  }
  const unoptimized = validation.unoptimized;
  if (unoptimized?.ok) {
    row(`all rules, no optimizing compilers (\`${NO_OPTIMIZER_FLAGS.join(' ')}\`)`, unoptimized.data.coldMs, unoptimized.data.warmMs[0], unoptimized.data.warmMs[1], median(unoptimized.data.laterMs));
  }
  L.push('');
  return L;
}

function renderProfiles(profiles: ProfileResult[], machine: Machine): string {
  const L: string[] = [];
  L.push('# CPU profiles');
  L.push('');
  L.push('Generated by `npm run bench` (bench/run.ts) with `node --cpu-prof` on the slowest cases of ours that completed in bench/RESULTS.md, ' +
    'summarized by bench/profile-summary.ts (run it on any `.cpuprofile`: `npx ts-node --transpile-only bench/profile-summary.ts <file>`). ' +
    'Positions in the compiled `lib/` (the bundled `lib/index.js` included) are mapped back to `src/` lines through the build\'s source maps. The profiled process is a fresh one; ' +
    'its timings include profiler overhead.');
  L.push('');
  L.push(machine.lines[0]);
  L.push('');
  if (profiles.length === 0) L.push('No case of ours completed, so nothing was profiled.');
  for (const p of profiles) {
    L.push(`## ${p.title}`);
    L.push('');
    L.push(`Why this case: ${p.why}.${p.wallMs !== undefined ? ` Timed section under the profiler: ${fmtDur(p.wallMs)}.` : ''}`);
    L.push('');
    if (p.error) {
      L.push(`Not profiled: ${p.error}.`);
    } else {
      L.push(p.markdown!);
    }
    L.push('');
  }
  return L.join('\n');
}

// ---------------------------------------------------------------------------------------------

function main(): number {
  const loadStart = os.loadavg();
  const speedStart = cpuSpeedCheck();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-daemonsets-bench-'));
  log(`budget ${BUDGET_MS / 1000} s, per-process limit ${RUN_TIMEOUT_MS / 1000} s${QUICK ? ', QUICK mode' : ''}; temp dir ${tmp}`);
  const compile = ensureCompiled();
  log(compile);
  setWorker(buildWorker(tmp));

  const load = measureLoad();
  const generic = measureGeneric();
  const validation = measureValidation();
  const pairs = measurePairs();
  const proc = measureProcess(tmp);
  const peer = measurePeer(tmp);
  const profiles = measureProfiles(tmp, generic, pairs);
  profiles.push(profileCase(tmp, 'Validation of 10,000 objects, warm',
    'the throughput target: one cold and five warm `validate()` calls of the throughput corpus', { kind: 'validate', root: ROOT, objects: 10_000, reps: 5, breakdown: false }, 'validate-10000'));
  profiles.push(profileCase(tmp, '1000 generic DaemonSets, `DaemonSetsApp` (the README\'s path)',
    'the `DaemonSetsApp` target at N = 1000: construction, one render, one validation, the emitter', { kind: 'generic', root: ROOT, side: 'ours-app', n: 1000 }, 'generic-ours-app-1000'));
  profiles.push(profileCase(tmp, '1000 generic DaemonSets, plain App',
    'the plain `App` target: the same synthesis through a plain cdk8s `App`', { kind: 'generic', root: ROOT, side: 'ours', n: 1000 }, 'generic-ours-1000'));
  profiles.push(profileCase(tmp, 'N = 1 as a whole process, `DaemonSetsApp` (the README\'s path)',
    'the whole-process target: what Node start-up, `require` and the first synthesis cost', { kind: 'app', root: ROOT, side: 'ours-app', n: 1, outdir: path.join(tmp, 'profile-app') }, 'process-ours-app-1'));

  const machine = describeMachine(loadStart, [speedStart, cpuSpeedCheck()]);
  const elapsedS = (Date.now() - START) / 1000;
  const results = renderResults({ machine, compile, generic, pairs, load, validation, proc, peer, elapsedS });
  const profileMd = renderProfiles(profiles, machine);
  const outDir = QUICK ? tmp : BENCH_DIR;
  fs.writeFileSync(path.join(outDir, 'RESULTS.md'), results);
  fs.writeFileSync(path.join(outDir, 'PROFILE.md'), profileMd);
  log(`wrote ${path.relative(ROOT, path.join(outDir, 'RESULTS.md'))} and PROFILE.md in ${elapsedS.toFixed(0)} s; .cpuprofile files kept in ${path.join(tmp, 'profiles')}`);
  process.stdout.write(`${results}\n`);
  // Timings never fail the bench; a crashed measurement (an error, not slowness) does.
  return crashes.length ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  log(`harness error: ${(e as Error).stack ?? e}`);
  process.exitCode = 1;
}
