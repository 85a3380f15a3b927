/**
 * Whole processes, as users run them (issue 17's process targets):
 *
 * - N = 1: Node start, `require`, build and `app.synth()` to a directory, bare cdk8s-plus-27 vs ours;
 * - the peer pipeline: what users run today instead of us, bare synth + `kubeconform -strict` + `kube-score score`
 *   on its output, each a process, vs our validated synth alone, at N = 10 and N = 1000.
 *
 * kubeconform and kube-score are the binaries `npm run lint:manifests` uses (built from the Go module proxy by
 * scripts/control-plane/build.sh and cached in ~/.cache/cdk8s-daemonsets); kubeconform reads per-kind schemas
 * written from this repository's schemas/ (scripts/kubeconform-schemas.ts), offline. Without the binaries the
 * pipeline is reported as not measured, with the command that builds them.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { alternate, fmtDur, fmtInt, fmtMs, log, median, mib, okRuns, QUICK, ROOT, Run, RUN_TIMEOUT_MS, runWorker, Series, seriesMedian } from './harness';
import type { Job } from './worker';

/** The sides of the N = 1 whole-process comparison. */
const PROCESS_SIDES: { side: Extract<Job, { kind: 'app' }>['side']; label: string }[] = [
  { side: 'bare', label: 'bare `kplus.DaemonSet` (no validation), `App`' },
  { side: 'ours-app', label: 'ours, fully validated, `DaemonSetsApp` (the README\'s path)' },
  { side: 'ours', label: 'ours, fully validated, plain `App`' },
];

/** One whole-process comparison. */
export interface ProcessResult {
  readonly series: Series[];
}

const processMs = (r: Run) => r.processMs;

/** N = 1 as whole processes: the parent's wall time of each child, alternating sides. */
export function measureProcess(tmp: string): ProcessResult {
  const reps = QUICK ? 3 : 25;
  log(`whole process, N=1, ${reps} alternating repetitions`);
  const series = alternate(PROCESS_SIDES.map(({ side, label }) => ({
    label,
    job: { kind: 'app', root: ROOT, side, n: 1, outdir: path.join(tmp, `process-${side}`) },
    metric: processMs,
  })), reps);
  return { series };
}

/** The peer tools, when built. */
interface PeerTools {
  readonly kubeconform: string;
  readonly kubeScore: string;
  readonly schemas: string;
}

/** One N of the peer comparison: each repetition's pipeline parts and our side. */
export interface PeerRow {
  readonly n: number;
  /** Per repetition: bare synth, kubeconform and kube-score wall times (ms). */
  readonly pipeline: { synth: number; kubeconform: number; kubeScore: number }[];
  readonly ours: number[];
  readonly objects: number;
}

/** The peer comparison, or why it was not measured. */
export interface PeerResult {
  readonly rows: PeerRow[];
  readonly note?: string;
  readonly versions?: string;
}

function findPeerTools(tmp: string): PeerTools | string {
  const cache = path.join(os.homedir(), '.cache', 'cdk8s-daemonsets');
  const dirs = fs.existsSync(cache) ? fs.readdirSync(cache).filter(d => d.startsWith('tools-')).sort().reverse() : [];
  const bin = dirs.map(d => path.join(cache, d, 'bin')).find(d => fs.existsSync(path.join(d, 'kubeconform')) && fs.existsSync(path.join(d, 'kube-score')));
  if (!bin) return 'not measured: kubeconform and kube-score are not built (`npm run build:control-plane` builds them)';
  const schemas = path.join(tmp, 'kubeconform-schemas');
  execFileSync('npx', ['ts-node', '--transpile-only', 'scripts/kubeconform-schemas.ts', schemas, '1.37'], { cwd: ROOT, stdio: 'ignore' });
  return { kubeconform: path.join(bin, 'kubeconform'), kubeScore: path.join(bin, 'kube-score'), schemas };
}

/** Wall time of one tool process; its exit status is not judged (kube-score exits 1 on findings). */
function timeTool(cmd: string, args: string[]): number {
  const t = process.hrtime.bigint();
  const res = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: RUN_TIMEOUT_MS });
  if (res.error) throw new Error(`${path.basename(cmd)}: ${res.error.message}`);
  if (res.status !== 0 && res.status !== 1) throw new Error(`${path.basename(cmd)} exited ${res.status}: ${res.stderr.slice(0, 300)}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function yamlFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml')).map(f => path.join(dir, f));
}

/** The peer pipeline vs our validated synth, alternating, at N = 10 and N = 1000. */
export function measurePeer(tmp: string): PeerResult {
  const tools = findPeerTools(tmp);
  if (typeof tools === 'string') return { rows: [], note: tools };
  const versions = ['kubeconform', 'kube-score'].map(t => {
    const out = spawnSync(t === 'kubeconform' ? tools.kubeconform : tools.kubeScore, t === 'kubeconform' ? ['-v'] : ['version'], { encoding: 'utf8' });
    return `${t} ${(out.stdout || out.stderr).trim().split('\n')[0]}`;
  }).join(', ');
  const rows: PeerRow[] = [];
  for (const n of QUICK ? [10] : [10, 1000]) {
    const reps = QUICK ? 2 : 7;
    log(`peer pipeline, N=${n}, ${reps} alternating repetitions`);
    const row: PeerRow = { n, pipeline: [], ours: [], objects: n };
    for (let rep = 0; rep < reps; rep++) {
      const sides = rep % 2 === 0 ? ['pipeline', 'ours'] : ['ours', 'pipeline'];
      for (const side of sides) {
        const outdir = path.join(tmp, `peer-${side}-${n}`);
        fs.rmSync(outdir, { recursive: true, force: true });
        const run = runWorker({ kind: 'app', root: ROOT, side: side === 'ours' ? 'ours-app' : 'bare', n, outdir }, RUN_TIMEOUT_MS);
        if (!run.ok) throw new Error(`the ${side} synth at N=${n} failed: ${run.error ?? 'timed out'}`);
        if (side === 'ours') {
          row.ours.push(run.processMs);
          continue;
        }
        const files = yamlFiles(outdir);
        const kubeconform = timeTool(tools.kubeconform, ['-strict', '-summary', '-schema-location', `${tools.schemas}/{{ .ResourceKind }}{{ .KindSuffix }}.json`, ...files]);
        const kubeScore = timeTool(tools.kubeScore, ['score', '--output-format', 'ci', ...files]);
        row.pipeline.push({ synth: run.processMs, kubeconform, kubeScore });
      }
      const last = row.pipeline[row.pipeline.length - 1];
      log(`  #${rep + 1}: pipeline ${fmtDur(last.synth + last.kubeconform + last.kubeScore)} (synth ${fmtDur(last.synth)}, kubeconform ${fmtDur(last.kubeconform)}, kube-score ${fmtDur(last.kubeScore)}); ours ${fmtDur(row.ours[row.ours.length - 1])}`);
    }
    rows.push(row);
  }
  return { rows, versions };
}

/** Medians of a peer row: the pipeline (sum per repetition), its parts, ours. */
export function peerMedians(row: PeerRow): { pipeline: number; synth: number; kubeconform: number; kubeScore: number; ours: number } {
  return {
    pipeline: median(row.pipeline.map(p => p.synth + p.kubeconform + p.kubeScore)),
    synth: median(row.pipeline.map(p => p.synth)),
    kubeconform: median(row.pipeline.map(p => p.kubeconform)),
    kubeScore: median(row.pipeline.map(p => p.kubeScore)),
    ours: median(row.ours),
  };
}

/** The report's sections for both. */
export function renderWholeProcess(proc: ProcessResult, peer: PeerResult): string[] {
  const L: string[] = [];
  L.push('## Whole process, N = 1 (what `cdk8s synth` runs)');
  L.push('');
  L.push('A fresh `node` process that loads only what its side uses (bare: cdk8s and cdk8s-plus-27; ours: the library too), builds the app with one generic DaemonSet and calls `app.synth()`, writing the YAML to a directory. ' +
    'Timed by the parent: Node start-up, `require`, build, synth, write, exit. CPU is the child\'s whole-process user + system time.');
  L.push('');
  L.push('| Side | Runs | Process median ms | Min–max ms | CPU ms | × bare | Peak RSS MiB |');
  L.push('|---|---:|---:|---:|---:|---:|---:|');
  const bare = seriesMedian(proc.series[0]);
  for (const s of proc.series) {
    const ok = okRuns(s);
    const m = seriesMedian(s);
    const vals = ok.map(r => r.processMs);
    L.push(`| ${s.label} | ${ok.length} | ${m !== undefined ? fmtMs(m) : '-'} | ${vals.length ? `${fmtMs(Math.min(...vals))}–${fmtMs(Math.max(...vals))}` : '-'} | ` +
      `${ok.length ? fmtMs(median(ok.map(r => r.data.cpuMs))) : '-'} | ${m !== undefined && bare ? `${(m / bare).toFixed(2)}×` : '-'} | ${ok.length ? mib(Math.max(...ok.map(r => r.data.maxRssKb))) : '-'} |`);
  }
  L.push('');
  L.push('## The peer pipeline: bare synth + kubeconform -strict + kube-score');
  L.push('');
  if (!peer.rows.length) {
    L.push(peer.note ?? 'not measured');
    L.push('');
    return L;
  }
  L.push('What users run today instead of a validated synth, each step a process, timed by the parent: the bare app\'s `app.synth()` (whole process, as above), ' +
    'then `kubeconform -strict -summary` against per-kind schemas of Kubernetes 1.37 written from this repository\'s `schemas/` (offline), then `kube-score score` on the same files. ' +
    `Ours: the \`DaemonSetsApp\` synth alone (schema, semantics, Pod Security, best practice, cross-object and runtime families). Sides alternate per repetition. Tools: ${peer.versions}.`);
  L.push('');
  L.push('| N | Repetitions | Bare synth ms | kubeconform ms | kube-score ms | Pipeline ms | Ours ms | Ours ÷ pipeline |');
  L.push('|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const row of peer.rows) {
    const m = peerMedians(row);
    L.push(`| ${fmtInt(row.n)} | ${row.ours.length} | ${fmtMs(m.synth)} | ${fmtMs(m.kubeconform)} | ${fmtMs(m.kubeScore)} | ${fmtMs(m.pipeline)} | ${fmtMs(m.ours)} | ${(m.ours / m.pipeline).toFixed(2)}× |`);
  }
  L.push('');
  return L;
}
