/**
 * The bench's shared machinery (bench/run.ts and bench/whole-process.ts): settings from the environment, formatting,
 * the library build, fresh worker processes and the alternation of the sides of a comparison.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Job } from './worker';

export const ROOT = path.resolve(__dirname, '..');
export const BENCH_DIR = __dirname;
export const START = Date.now();
export const QUICK = process.env.BENCH_QUICK === '1';
export const BUDGET_MS = Number(process.env.BENCH_BUDGET_S ?? 540) * 1000;
export const RUN_TIMEOUT_MS = Number(process.env.BENCH_RUN_TIMEOUT_S ?? 60) * 1000;
/** Kept back from the measurements for the CPU profiles and writing the reports. */
export const PROFILE_RESERVE_MS = QUICK ? 10_000 : 60_000;
export const RESULT_MARKER = '@@RESULT ';

// ---------------------------------------------------------------------------------------------
// Small helpers

export function log(message: string): void {
  const s = ((Date.now() - START) / 1000).toFixed(0).padStart(4);
  process.stderr.write(`[bench ${s}s] ${message}\n`);
}

export function remainingMs(reserve = 0): number {
  return BUDGET_MS - reserve - (Date.now() - START);
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds, for table cells headed "ms". */
export function fmtMs(ms: number): string {
  if (ms >= 1000) return Math.round(ms).toLocaleString('en-US');
  if (ms >= 100) return ms.toFixed(0);
  return ms.toFixed(1);
}

/** A duration with its unit, for prose. */
export function fmtDur(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${fmtMs(ms)} ms`;
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function mib(kb: number): string {
  return (kb / 1024).toFixed(0);
}

export function sh(cmd: string, args: string[]): string {
  try {
    // Only trailing whitespace: `free -h` aligns its header with leading spaces.
    return execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\s+$/, '');
  } catch {
    return '(unavailable)';
  }
}

// ---------------------------------------------------------------------------------------------
// lib/ freshness and the worker

export function srcFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return srcFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Source files whose compiled `lib/` file is missing or older. */
export function staleSources(): string[] {
  const src = path.join(ROOT, 'src');
  return srcFiles(src).filter(f => {
    const js = path.join(ROOT, 'lib', path.relative(src, f)).replace(/\.ts$/, '.js');
    return !fs.existsSync(js) || fs.statSync(js).mtimeMs < fs.statSync(f).mtimeMs;
  });
}

export function ensureCompiled(): string {
  const stale = staleSources();
  const libIndex = path.join(ROOT, 'lib', 'index.js');
  if (stale.length === 0) return 'lib/ was up to date with src/';
  if (process.env.BENCH_NO_COMPILE === '1') {
    return `BENCH_NO_COMPILE=1: measured lib/ as it was (${stale.length} src file(s) newer than their lib/ output)`;
  }
  log(`lib/ is missing or stale (${stale.length} file(s), e.g. ${path.relative(ROOT, stale[0])}): npx projen compile`);
  const t = Date.now();
  const res = spawnSync('npx', ['projen', 'compile'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024 });
  const secs = ((Date.now() - t) / 1000).toFixed(1);
  if (res.status === 0) return `lib/ compiled by the bench (\`npx projen compile\`, ${secs} s) because ${stale.length} src file(s) were newer`;
  const why = `${res.stdout ?? ''}${res.stderr ?? ''}`.split('\n').filter(l => /error/i.test(l)).slice(0, 3).join(' / ');
  if (!fs.existsSync(libIndex)) throw new Error(`npx projen compile failed and there is no lib/ to measure: ${why}`);
  log(`compile failed (${why}); measuring the previous lib/ build`);
  return `\`npx projen compile\` FAILED (${why || `exit ${res.status}`}); measured the previous lib/ build`;
}

/** bench/worker.ts as plain JavaScript in a temp dir: the measured processes carry no ts-node. */
export function buildWorker(tmp: string): string {
  // The project's own compiler (a dev dependency: the bench runs in the repository only).
  // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
  const ts = require('typescript') as typeof import('typescript');
  const source = fs.readFileSync(path.join(BENCH_DIR, 'worker.ts'), 'utf8');
  const out = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: 'worker.ts',
  });
  const file = path.join(tmp, 'worker.js');
  fs.writeFileSync(file, out.outputText);
  return file;
}

// ---------------------------------------------------------------------------------------------
// Running measurements

export interface Run {
  readonly ok: boolean;
  readonly timedOut: boolean;
  readonly skipped?: string;
  readonly error?: string;
  /** Wall time of the whole child process, as the parent saw it. */
  readonly processMs: number;
  /** Warnings the library printed (stderr lines `[cdk8s-daemonsets] ... warning ...`). */
  readonly warnings: number;
  readonly data: { [key: string]: any };
}

let WORKER = '';

/** The transpiled worker every measurement runs (set once by the harness's main). */
export function setWorker(file: string): void {
  WORKER = file;
}
export const crashes: string[] = [];

export function runWorker(job: Job, timeoutMs: number, nodeArgs: string[] = []): Run {
  const t = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [...nodeArgs, WORKER, JSON.stringify(job)], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  const processMs = Number(process.hrtime.bigint() - t) / 1e6;
  const warnings = (res.stderr ?? '').split('\n').filter(l => /^\[cdk8s-daemonsets\].*\bwarning\b/.test(l)).length;
  const line = (res.stdout ?? '').split('\n').find(l => l.startsWith(RESULT_MARKER));
  if (line && res.status === 0) {
    return { ok: true, timedOut: false, processMs, warnings, data: JSON.parse(line.slice(RESULT_MARKER.length)) };
  }
  const timedOut = (res.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (timedOut) return { ok: false, timedOut: true, processMs, warnings, data: {} };
  const stderr = (res.stderr ?? '').trim().split('\n');
  const error = (res.error?.message ?? stderr.find(l => /Error/.test(l)) ?? stderr.slice(-1)[0] ?? `exit ${res.status}`).slice(0, 400);
  crashes.push(`${JSON.stringify({ ...job, root: undefined })}: ${error}`);
  log(`  crashed: ${error}`);
  return { ok: false, timedOut: false, error, processMs, warnings, data: {} };
}

export interface Variant {
  readonly label: string;
  readonly job: Job;
  /** The metric, from a successful run. */
  readonly metric: (r: Run) => number;
}

export interface Series {
  readonly label: string;
  readonly runs: Run[];
  /** Why no (more) runs were made, when that happened. */
  note?: string;
  /** The time limit a timed-out run hit, or the predicted time of a case not run. */
  limitMs?: number;
  /** `limitMs` is a prediction: the case was not run. */
  predicted?: boolean;
  readonly metric: (r: Run) => number;
}

export function okRuns(s: Series): Run[] {
  return s.runs.filter(r => r.ok);
}

export function seriesMedian(s: Series): number | undefined {
  const ok = okRuns(s);
  return ok.length ? median(ok.map(s.metric)) : undefined;
}

/** A lower bound when every run timed out (or, `predicted`, when the case was not run). */
export function seriesLowerBound(s: Series): number | undefined {
  return okRuns(s).length === 0 && (s.predicted || s.runs.some(r => r.timedOut)) ? s.limitMs : undefined;
}

/**
 * Run the variants `reps` times, alternating them (the order reverses every repetition so no
 * side always runs first). A variant that times out or crashes runs no more.
 * `predictedMs`: a lower bound of one run's time; a variant predicted over the limit is not run.
 */
export function alternate(variants: Variant[], reps: number, opts: { predictedMs?: (v: Variant) => number | undefined } = {}): Series[] {
  const series: Series[] = variants.map(v => ({ label: v.label, runs: [], metric: v.metric }));
  const done = new Set<number>();
  variants.forEach((v, i) => {
    const predicted = opts.predictedMs?.(v);
    if (predicted !== undefined && predicted > RUN_TIMEOUT_MS) {
      series[i].note = `not run: at least ${fmtDur(predicted)} predicted (linear extrapolation of the smaller N), over the ${RUN_TIMEOUT_MS / 1000} s limit`;
      series[i].limitMs = predicted;
      series[i].predicted = true;
      done.add(i);
    }
  });
  for (let rep = 0; rep < reps; rep++) {
    const order = variants.map((_, i) => i);
    if (rep % 2 === 1) order.reverse();
    for (const i of order) {
      if (done.has(i)) continue;
      const budget = remainingMs(PROFILE_RESERVE_MS);
      if (budget < 5_000) {
        series[i].note = series[i].note ?? `${series[i].runs.length} run(s): the bench's ${BUDGET_MS / 1000} s budget ran out`;
        done.add(i);
        continue;
      }
      const limit = Math.min(RUN_TIMEOUT_MS, budget);
      const run = runWorker(variants[i].job, limit);
      series[i].runs.push(run);
      const shown = run.ok ? `${fmtDur(variants[i].metric(run))}` : run.timedOut ? `timed out (> ${fmtDur(limit)})` : 'crashed';
      log(`  ${variants[i].label} #${rep + 1}: ${shown}`);
      if (!run.ok) {
        done.add(i);
        if (run.timedOut) {
          series[i].limitMs = limit;
          series[i].note = `run ${series[i].runs.length} exceeded the ${fmtDur(limit)} limit and was killed; no further runs`;
        } else {
          series[i].note = `crashed: ${run.error}`;
        }
      }
    }
  }
  return series;
}

