// The installed-package tier's check of the bundle's lazy exports (issue 17: module load): not a jest file.
//
//   ts-node test/installed/lazy-exports.ts <appDir>       the package as an app installed it (node_modules/cdk8s-daemonsets)
//   ts-node test/installed/lazy-exports.ts --package <dir> a package directory itself (a build copy, for benchmarks)
//
// Each scenario runs in a fresh node process, as users load the package:
//  1. `require('cdk8s-daemonsets')` runs the entry only: no library module, and no cdk8s, cdk8s-plus-27, ajv or yaml;
//  2. an app with `DaemonSetsApp` and one `DaemonSet`, synthesized, runs no module of the presets, the report, the
//     vendors or the CLI, and never reads lib/index-deferred.js;
//  3. every export of `lib/index.d.ts` (values, not types) is present, in `Object.keys`, the same value on every
//     read, and the presets' classes still extend the `DaemonSet` read through another getter.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The bundle's list of the modules that ran (scripts/bundle.ts); null from a bundle without it. */
const LOADED = '(f => (f ? f() : null))(lib[Symbol.for("cdk8s-daemonsets.bundle.loaded")])';
/** Module ids an app that synthesizes one DaemonSet must not run. */
const UNUSED = /^(presets|report|vendors|cli)\//;

/** Runs `script` in a fresh node process in `cwd`, `main` bound to the package's main; returns its JSON output. */
function inChild(cwd: string, main: string, script: string): any {
  const code = `const main = ${JSON.stringify(main)}; ${script}`;
  // stderr is kept: the synthesis prints its warnings there.
  return JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

/** The value exports of lib/index.d.ts: `export { A, B } from '...'`, not `export type` or `export { type A }`. */
function declaredExports(packageDir: string): string[] {
  const dts = fs.readFileSync(path.join(packageDir, 'lib', 'index.d.ts'), 'utf8');
  const names: string[] = [];
  for (const m of dts.matchAll(/^export (type )?\{([^}]*)\} from/gm)) {
    if (m[1]) continue;
    for (const spec of m[2].split(',').map(s => s.trim()).filter(Boolean)) {
      if (!spec.startsWith('type ')) names.push(spec.split(/\s+as\s+/).pop()!);
    }
  }
  return names;
}

interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: unknown;
}

function run(cwd: string, packageDir: string): Check[] {
  const main = path.join(packageDir, 'lib', 'index.js');
  const checks: Check[] = [];

  const onRequire = inChild(cwd, main, `
    const before = new Set(Object.keys(require.cache));
    const lib = require(main);
    const files = Object.keys(require.cache).filter(f => !before.has(f));
    console.log(JSON.stringify({ loaded: ${LOADED}, packages: [...new Set(files.map(f => (/node_modules\\/((@[^/]+\\/)?[^/]+)\\//.exec(f) || [])[1]).filter(Boolean))] }));`);
  checks.push({ name: "require('cdk8s-daemonsets') runs only the entry", ok: JSON.stringify(onRequire.loaded) === '["index.js"]', detail: onRequire.loaded });
  // The entry itself lives in node_modules/cdk8s-daemonsets when installed: only other packages count.
  const otherPackages = onRequire.packages.filter((p: string) => p !== 'cdk8s-daemonsets');
  checks.push({ name: '... and loads no other package (cdk8s, cdk8s-plus-27, ajv, yaml load when an export needs them)', ok: otherPackages.length === 0, detail: otherPackages });

  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lazy-exports-'));
  try {
    const synth = inChild(cwd, main, `
      const { Chart } = require('cdk8s');
      const lib = require(main);
      const app = new lib.DaemonSetsApp({ outdir: ${JSON.stringify(outdir)} });
      const chart = new Chart(app, 'agents', { namespace: 'monitoring' });
      new lib.DaemonSet(chart, 'agent', { containers: [{ name: 'agent', image: 'example.com/agent:1.0.0' }] });
      app.synth();
      const deferred = Object.keys(require.cache).filter(f => f.endsWith('index-deferred.js'));
      console.log(JSON.stringify({ loaded: ${LOADED}, deferred, files: require('fs').readdirSync(${JSON.stringify(outdir)}) }));`);
    const unused = (synth.loaded ?? ['(no list of loaded modules)']).filter((id: string) => UNUSED.test(id) || id.startsWith('('));
    checks.push({ name: 'a DaemonSetsApp synthesis of one DaemonSet writes its YAML', ok: synth.files.length === 1, detail: synth.files });
    checks.push({ name: `... and runs no module of the presets, report, vendors or CLI (${synth.loaded?.length} modules ran)`, ok: unused.length === 0, detail: unused });
    checks.push({ name: '... and never reads lib/index-deferred.js (the modules the DaemonSet path does not reach)', ok: synth.deferred.length === 0, detail: synth.deferred });
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }

  const declared = declaredExports(packageDir);
  const all = inChild(cwd, main, `
    const lib = require(main);
    const keys = Object.keys(lib);
    const unstable = keys.filter(k => lib[k] === undefined || lib[k] !== lib[k]);
    const subclasses = ['NodeExporterDaemonSet', 'LogCollectorDaemonSet'].filter(k => !(lib[k].prototype instanceof lib.DaemonSet));
    console.log(JSON.stringify({ keys, unstable, subclasses }));`);
  const missing = declared.filter(n => !all.keys.includes(n));
  const extra = all.keys.filter((k: string) => !declared.includes(k));
  checks.push({ name: `every value export of lib/index.d.ts is in Object.keys, and nothing else (${declared.length})`, ok: missing.length + extra.length === 0, detail: { missing, extra } });
  checks.push({ name: '... each getter gives the same defined value on every read', ok: all.unstable.length === 0, detail: all.unstable });
  checks.push({ name: '... the presets extend the DaemonSet of another getter (one module instance)', ok: all.subclasses.length === 0, detail: all.subclasses });
  return checks;
}

function cli(): void {
  const args = process.argv.slice(2);
  const packageDir = args[0] === '--package' ? path.resolve(args[1]) : path.join(path.resolve(args[0] ?? '.'), 'node_modules', 'cdk8s-daemonsets');
  const cwd = args[0] === '--package' ? packageDir : path.resolve(args[0]);
  const checks = run(cwd, packageDir);
  for (const c of checks) console.log(`  ${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.ok ? '' : `: ${JSON.stringify(c.detail)}`}`);
  if (checks.some(c => !c.ok)) process.exit(1);
}

cli();
