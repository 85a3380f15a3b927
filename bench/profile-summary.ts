/**
 * A tiny summarizer of V8 `.cpuprofile` files (`node --cpu-prof`): self time per function,
 * inclusive time of the library's own functions, self time attributed to the innermost
 * library frame on the stack, and a roll-up by file. Locations in the compiled `lib/*.js` are
 * mapped back to `src/*.ts` lines through the inline source maps jsii emits.
 *
 * Standalone: `npx ts-node --transpile-only bench/profile-summary.ts <file.cpuprofile> [top]`.
 */
import * as fs from 'fs';
import { SourceMap } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number; // 0-based
  readonly columnNumber: number; // 0-based
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: number[];
  readonly positionTicks?: { line: number; ticks: number }[]; // 1-based lines
}

interface CpuProfile {
  readonly nodes: ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: number[];
  readonly timeDeltas: number[];
}

/** One row of a summary table. */
export interface ProfileRow {
  /** Function name (`(anonymous)` when V8 has none). */
  readonly name: string;
  /** `src/daemon-set.ts:844`, `node_modules/constructs/lib/construct.js:120`, `(native)`. */
  readonly location: string;
  readonly ms: number;
  readonly percent: number;
}

/** The summary of one profile. */
export interface ProfileSummary {
  readonly totalMs: number;
  readonly samples: number;
  /** Self time per function, all code. */
  readonly topSelf: ProfileRow[];
  /** Inclusive time of functions defined in `src/` (recursion counted once per sample). */
  readonly topOursInclusive: ProfileRow[];
  /** Self time of everything, charged to the innermost `src/` frame on its stack. */
  readonly byInnermostOurFrame: ProfileRow[];
  /** Self time per file or package. */
  readonly byFile: ProfileRow[];
  /** Hottest lines (self time) inside `src/` functions, from V8's position ticks. */
  readonly hotOurLines: ProfileRow[];
}

/** Maps compiled `lib/**.js` positions (the bundle's too) to `src/**.ts` through their source maps. */
class SourceMapper {
  private readonly maps = new Map<string, SourceMap | null>();

  constructor(private readonly root: string) {}

  /** Repo-relative location of a 0-based line/column in `file` (an absolute path). */
  public locate(file: string, line: number, column?: number): { file: string; line: number } {
    const map = this.mapOf(file);
    if (map) {
      // Without a column (line ticks), the last mapping on that generated line.
      const entry = map.findEntry(line, column ?? 1e6) as { generatedLine?: number; originalSource?: string; originalLine?: number };
      if (entry?.originalSource !== undefined && entry.originalLine !== undefined && (column !== undefined || entry.generatedLine === line)) {
        const source = entry.originalSource.startsWith('file:')
          ? fileURLToPath(entry.originalSource)
          : path.resolve(path.dirname(file), entry.originalSource);
        return { file: this.relative(source), line: entry.originalLine + 1 };
      }
    }
    return { file: this.relative(file), line: line + 1 };
  }

  public relative(file: string): string {
    // The harness's worker runs from a temp dir, transpiled from bench/worker.ts.
    const harness = /cdk8s-daemonsets-bench-[^/]+\/(worker)\.js$/.exec(file);
    if (harness) return `bench/${harness[1]}.ts (transpiled)`;
    const rel = path.relative(this.root, file);
    if (rel.startsWith('..')) return file;
    // node_modules/<pkg>/... is enough to know whose code it is.
    return rel.split(path.sep).join('/');
  }

  private mapOf(file: string): SourceMap | null {
    if (!this.maps.has(file)) {
      let map: SourceMap | null = null;
      const rel = path.relative(this.root, file);
      if (rel.startsWith(`lib${path.sep}`) && file.endsWith('.js')) {
        try {
          const text = fs.readFileSync(file, 'utf8');
          // An inline map (older builds) or a linked `.js.map` file beside the module (tsc's and the bundle's).
          const inline = /\/\/# sourceMappingURL=data:application\/json;(?:charset=[^;]+;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(text);
          const linked = /\/\/# sourceMappingURL=([^\s]+\.map)\s*$/.exec(text);
          if (inline) map = new SourceMap(JSON.parse(Buffer.from(inline[1], 'base64').toString('utf8')));
          else if (linked) map = new SourceMap(JSON.parse(fs.readFileSync(path.resolve(path.dirname(file), linked[1]), 'utf8')));
        } catch {
          map = null;
        }
      }
      this.maps.set(file, map);
    }
    return this.maps.get(file) ?? null;
  }
}

interface FrameInfo {
  readonly name: string;
  readonly location: string;
  /** A function key: name + location of its definition. */
  readonly key: string;
  readonly ours: boolean;
  readonly fileKey: string;
  readonly file?: string;
  readonly lineOffset?: number;
}

function fileKeyOf(location: string, url: string): string {
  if (!url) return location; // (garbage collector), (program), (idle), native
  const m = /^node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(location);
  if (m) return `node_modules/${m[1]}`;
  if (url.startsWith('node:')) return 'node: (built-in modules)';
  return location.replace(/:\d+$/, '');
}

/** Summarize a parsed profile. `root` is the repository root (for relative, source-mapped paths). */
export function summarizeProfile(profile: CpuProfile, root: string, top = 25): ProfileSummary {
  const mapper = new SourceMapper(root);
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) byId.set(n.id, n);
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

  const frames = new Map<number, FrameInfo>();
  const frameOf = (node: ProfileNode): FrameInfo => {
    let f = frames.get(node.id);
    if (f) return f;
    const cf = node.callFrame;
    // The bundle (scripts/bundle.ts) runs each module's top level as its `factory` function.
    const topLevel = cf.functionName === 'factory' && /[/\\]lib[/\\]index\.js$/.test(cf.url);
    const name = topLevel ? '(module top level)' : cf.functionName || (cf.url ? '(anonymous)' : '(native)');
    if (!cf.url) {
      f = { name, location: name.startsWith('(') ? name : '(native)', key: `${name}@native`, ours: false, fileKey: name.startsWith('(') ? name : '(native)' };
    } else {
      const file = cf.url.startsWith('file:') ? fileURLToPath(cf.url) : cf.url;
      const loc = cf.url.startsWith('node:') ? { file: cf.url, line: cf.lineNumber + 1 } : mapper.locate(file, cf.lineNumber, cf.columnNumber);
      const location = `${loc.file}:${loc.line}`;
      f = {
        name,
        location,
        key: `${name}@${location}`,
        ours: loc.file.startsWith('src/'),
        fileKey: fileKeyOf(location, cf.url),
        file: cf.url.startsWith('node:') ? undefined : file,
      };
    }
    frames.set(node.id, f);
    return f;
  };

  // Duration of sample i = time until the next sample (DevTools' convention).
  const samples = profile.samples;
  const deltas = profile.timeDeltas;
  const durationsUs: number[] = samples.map((_, i) => (i + 1 < deltas.length ? Math.max(0, deltas[i + 1]) : 0));
  const totalUs = durationsUs.reduce((a, b) => a + b, 0) || 1;

  const self = new Map<string, { frame: FrameInfo; us: number }>();
  const inclusive = new Map<string, { frame: FrameInfo; us: number }>();
  const innermost = new Map<string, { frame: FrameInfo; us: number }>();
  const byFile = new Map<string, number>();
  const add = (m: Map<string, { frame: FrameInfo; us: number }>, f: FrameInfo, us: number) => {
    const e = m.get(f.key);
    if (e) e.us += us;
    else m.set(f.key, { frame: f, us });
  };

  samples.forEach((id, i) => {
    const us = durationsUs[i];
    if (us === 0) return;
    const node = byId.get(id);
    if (!node) return;
    const leaf = frameOf(node);
    add(self, leaf, us);
    byFile.set(leaf.fileKey, (byFile.get(leaf.fileKey) ?? 0) + us);
    const seen = new Set<string>();
    let charged = false;
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = frameOf(byId.get(cur)!);
      if (!f.ours) continue;
      if (!charged) {
        add(innermost, f, us);
        charged = true;
      }
      if (!seen.has(f.key)) {
        seen.add(f.key);
        add(inclusive, f, us);
      }
    }
    if (!charged) add(innermost, { name: '(outside src/: cdk8s, cdk8s-plus, module loading, GC)', location: '-', key: '(none)', ours: false, fileKey: '-' }, us);
  });

  // Line-level self time inside our functions (positionTicks carry 1-based lines of the compiled file).
  const lineTicks = new Map<string, { name: string; ticks: number }>();
  let ticksTotal = 0;
  for (const n of profile.nodes) ticksTotal += (n as { hitCount?: number }).hitCount ?? 0;
  const usPerTick = ticksTotal > 0 ? totalUs / ticksTotal : 0;
  for (const n of profile.nodes) {
    const f = frameOf(n);
    if (!f.ours || !f.file) continue;
    for (const pt of n.positionTicks ?? []) {
      const loc = mapper.locate(f.file, pt.line - 1);
      // Lines without a source mapping are TypeScript's emitted helpers (e.g. __importStar's getters), inlined by V8.
      const key = loc.file.startsWith('lib/') ? `${loc.file}:${loc.line} (emitted helper, no source mapping)` : `${loc.file}:${loc.line}`;
      const e = lineTicks.get(key);
      if (e) e.ticks += pt.ticks;
      else lineTicks.set(key, { name: f.name, ticks: pt.ticks });
    }
  }

  const rows = (m: Map<string, { frame: FrameInfo; us: number }>): ProfileRow[] => [...m.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map(e => ({ name: e.frame.name, location: e.frame.location, ms: e.us / 1000, percent: (100 * e.us) / totalUs }));

  return {
    totalMs: totalUs / 1000,
    samples: samples.length,
    topSelf: rows(self),
    topOursInclusive: rows(inclusive),
    byInnermostOurFrame: rows(innermost),
    byFile: [...byFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15)
      .map(([k, us]) => ({ name: k, location: k, ms: us / 1000, percent: (100 * us) / totalUs })),
    hotOurLines: [...lineTicks.entries()].sort((a, b) => b[1].ticks - a[1].ticks).slice(0, 15)
      .map(([loc, e]) => ({ name: e.name, location: loc, ms: (e.ticks * usPerTick) / 1000, percent: (100 * e.ticks * usPerTick) / totalUs })),
  };
}

/** Read and summarize a `.cpuprofile` file. */
export function summarizeProfileFile(file: string, root: string, top = 25): ProfileSummary {
  return summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, root, top);
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/** Markdown tables of a summary. */
export function profileMarkdown(summary: ProfileSummary, rowsPerTable = 20): string {
  const table = (title: string, note: string, rows: ProfileRow[], nameHeader = 'Function', withLocation = true) => {
    const lines = [`#### ${title}`, '', note, ''];
    lines.push(withLocation ? `| # | ${nameHeader} | Location | ms | % of profile |` : `| # | ${nameHeader} | ms | % of profile |`);
    lines.push(withLocation ? '|---:|---|---|---:|---:|' : '|---:|---|---:|---:|');
    rows.slice(0, rowsPerTable).forEach((r, i) => {
      lines.push(withLocation
        ? `| ${i + 1} | \`${cell(r.name)}\` | ${r.location === '-' ? '-' : `\`${cell(r.location)}\``} | ${r.ms.toFixed(0)} | ${r.percent.toFixed(1)} |`
        : `| ${i + 1} | \`${cell(r.name)}\` | ${r.ms.toFixed(0)} | ${r.percent.toFixed(1)} |`);
    });
    return lines.join('\n');
  };
  return [
    table('Top functions by self time', 'Time spent in the function itself (all code; `lib/` positions mapped to `src/`).', summary.topSelf),
    table('Self time charged to the innermost `src/` frame', 'Every sample charged to the nearest library function on its stack: what each of our functions costs including the cdk8s / constructs / cdk8s-plus code it calls (and nothing counted twice).', summary.byInnermostOurFrame),
    table('Our functions by inclusive time', 'Functions defined in `src/`, with everything they call (nested frames overlap, so the column does not sum to 100).', summary.topOursInclusive),
    table('Hottest lines inside `src/` functions', 'Self time by source line (V8 position ticks, mapped to `src/`).', summary.hotOurLines),
    table('Self time by file or package', 'Where the CPU was, rolled up per `src/` file or `node_modules` package.', summary.byFile, 'File or package', false),
  ].join('\n\n');
}

if (require.main === module) {
  const [file, topArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: profile-summary.ts <file.cpuprofile> [rows]');
    process.exit(2);
  }
  const summary = summarizeProfileFile(file, path.resolve(__dirname, '..'), Number(topArg ?? 25));
  console.log(`profile: ${summary.samples} samples, ${summary.totalMs.toFixed(0)} ms\n`);
  console.log(profileMarkdown(summary, Number(topArg ?? 20)));
}
