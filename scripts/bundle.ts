/**
 * Bundles the package's entry point after the jsii build (issue 17: module load).
 *
 * `lib/index.js` as tsc writes it requires ~270 modules, and resolving, reading and compiling them one by one was
 * most of the library's load time (+84.5 ms over cdk8s-plus-27 alone in bench/RESULTS.md of 2026-12-05). This
 * rewrites `lib/index.js` as one CommonJS file holding every module the entry point reaches, with the package's
 * dependencies (cdk8s, cdk8s-plus-27, constructs, yaml, ajv) left as `require`s, names kept (`keepNames`, so a
 * class's `name` is what the source says) and a linked source map that maps back to `src/` through tsc's maps.
 * The per-module files stay in `lib/` for the CLI (`lib/cli/main.js`) and the `.d.ts` files; data files are found
 * through `k8s/package-paths`, which works from either layout.
 *
 * Run by the `compile` task after jsii: `ts-node --transpile-only scripts/bundle.ts`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildSync } from 'esbuild';

const ROOT = path.resolve(__dirname, '..');
const ENTRY = path.join(ROOT, 'lib', 'index.js');

function main(): void {
  if (!fs.existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run the jsii build first`);
  const modulesBefore = countModules(path.join(ROOT, 'lib'));
  const result = buildSync({
    entryPoints: [ENTRY],
    outfile: ENTRY,
    allowOverwrite: true,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Every bare import stays a require: peer dependencies must be the app's own copies (one cdk8s), and the
    // bundled dependencies (yaml, ajv) are loaded lazily where the code asks for them.
    packages: 'external',
    keepNames: true,
    sourcemap: 'linked',
    // tsc's maps already embed the TypeScript sources; the bundle's map carries them on.
    sourcesContent: true,
    logLevel: 'warning',
    metafile: true,
  });
  if (result.errors.length > 0) throw new Error(`esbuild failed: ${result.errors.map(e => e.text).join('; ')}`);
  const inputs = Object.keys(result.metafile!.inputs).length;
  const bytes = fs.statSync(ENTRY).size;
  console.log(`bundle: lib/index.js holds ${inputs} modules (${(bytes / 1024).toFixed(0)} KiB; lib/ has ${modulesBefore} .js files)`);
}

function countModules(dir: string): number {
  let n = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += countModules(path.join(dir, e.name));
    else if (e.name.endsWith('.js')) n++;
  }
  return n;
}

main();
