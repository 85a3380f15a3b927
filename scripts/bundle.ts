/**
 * Bundles the package's entry point after the jsii build (issue 17: module load).
 *
 * `lib/index.js` as tsc writes it requires ~270 modules, and resolving, reading and compiling them one by one was
 * most of the library's load time (+84.5 ms over cdk8s-plus-27 alone in bench/RESULTS.md of 2026-12-05). This
 * rewrites `lib/index.js` as one file holding every module the entry point reaches, each module's code verbatim in
 * a function with its own `exports`, `require`, `module`, `__filename` and `__dirname` (the values it had as a
 * file, so paths computed from `__dirname` do not change), loaded on first `require` with Node's semantics (cached,
 * cycles see the partial exports). Requires of packages (cdk8s, cdk8s-plus-27, constructs, yaml, ajv) and of
 * computed paths stay Node's own. An index source map (one section per module, from tsc's `.js.map` files) maps
 * the bundle back to `src/`.
 *
 * Why not esbuild: bundling CommonJS input, it renames every class that refers to itself (`class _DaemonSet`, so
 * `DaemonSet.name` is `_DaemonSet` in stack traces and logs), and its `keepNames` fix wraps every function
 * expression in a naming call, which cost a third of the validator's warm throughput. Nothing here transforms code.
 *
 * Run by the `compile` task after jsii: `ts-node --transpile-only scripts/bundle.ts`. The per-module files stay in
 * `lib/` for the CLI (`lib/cli/main.js`) and beside the `.d.ts` files.
 */
import * as fs from 'fs';
import * as path from 'path';

const LIB = path.resolve(__dirname, '..', 'lib');
const ENTRY = 'index.js';
/** The bundle's first line: a bundle is never bundled again (its inputs are tsc's files, which it replaced). */
const BANNER = '// cdk8s-daemonsets: bundled by scripts/bundle.ts from the jsii build of src/; do not edit.';
/** A relative require with a literal path, as tsc writes them. */
const RELATIVE_REQUIRE = /\brequire\("(\.\.?\/[^"]*)"\)/g;
/** What a bundled module must not use: each would see the bundle, not the module's file. */
const UNSUPPORTED = [/\brequire\.(main|cache|resolve)\b/, /\bmodule\.(parent|children|paths|require)\b/, /\bimport\.meta\b/];
const MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*\s*$/;

interface BundledModule {
  /** Path relative to lib/, `/`-separated: `validation/engine.js`. */
  readonly id: string;
  /** The code, without its source map comment. */
  readonly code: string;
}

/** The module a relative specifier names, as Node resolves it: the file, `.js` added, or the directory's index.js. */
function resolveId(fromId: string, specifier: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromId), specifier));
  for (const candidate of [base, `${base}.js`, `${base}/index.js`]) {
    const file = path.join(LIB, candidate);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return candidate;
  }
  throw new Error(`${fromId}: require("${specifier}") names no module in lib/`);
}

/** Every module reachable from the entry through literal relative requires, the entry first. */
function collect(): { modules: BundledModule[]; edges: Map<string, Map<string, string>> } {
  const modules: BundledModule[] = [];
  const edges = new Map<string, Map<string, string>>();
  const queue = [ENTRY];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const id = queue.shift()!;
    const code = fs.readFileSync(path.join(LIB, id), 'utf8').replace(MAP_COMMENT, '\n');
    if (code.startsWith(BANNER)) throw new Error(`lib/${id} is already bundled: run the jsii build (npx projen compile) first`);
    const bad = UNSUPPORTED.find(re => re.test(code));
    if (bad) throw new Error(`lib/${id} uses ${bad.source}, which cannot work once bundled`);
    const resolved = new Map<string, string>();
    for (const [, specifier] of code.matchAll(RELATIVE_REQUIRE)) {
      const target = resolveId(id, specifier);
      resolved.set(specifier, target);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
    edges.set(id, resolved);
    modules.push({ id, code });
  }
  return { modules, edges };
}

/** The loader the bundle starts with: Node's CommonJS semantics for the bundled modules. */
const LOADER = `"use strict";
const __bundle = Object.create(null);
const __loaded = Object.create(null);
function __load(id) {
  const cached = __loaded[id];
  if (cached !== undefined) return cached.exports;
  const module = { id, exports: {}, loaded: false };
  __loaded[id] = module;
  const entry = __bundle[id];
  const filename = __nodePath.join(__dirname, id);
  const local = specifier => {
    const target = entry.requires[specifier];
    if (target !== undefined) return __load(target);
    if (specifier.startsWith(".")) throw new Error("cdk8s-daemonsets bundle: " + id + " requires " + specifier + ", which is not bundled");
    return require(specifier);
  };
  entry.factory.call(module.exports, module.exports, local, module, filename, __nodePath.dirname(filename));
  module.loaded = true;
  return module.exports;
}
const __nodePath = require("path");
`;

/** The tsc source map of a module, its sources made relative to lib/ (where the bundle's map is). */
function moduleMap(id: string): object | undefined {
  const file = path.join(LIB, `${id}.map`);
  if (!fs.existsSync(file)) return undefined;
  const map = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  const root = map.sourceRoot ? path.resolve(dir, map.sourceRoot) : dir;
  map.sources = (map.sources as string[]).map(s => path.relative(LIB, path.resolve(root, s)).split(path.sep).join('/'));
  delete map.sourceRoot;
  delete map.file;
  return map;
}

function main(): void {
  if (!fs.existsSync(path.join(LIB, ENTRY))) throw new Error(`lib/${ENTRY} is missing: run the jsii build first`);
  const { modules, edges } = collect();
  const parts: string[] = [BANNER, LOADER];
  const sections: object[] = [];
  let line = parts.join('\n').split('\n').length;
  for (const m of modules) {
    const requires = Object.fromEntries([...edges.get(m.id)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const header = `__bundle[${JSON.stringify(m.id)}] = { requires: ${JSON.stringify(requires)}, factory: function (exports, require, module, __filename, __dirname) {`;
    parts.push(header);
    line++;
    const map = moduleMap(m.id);
    if (map) sections.push({ offset: { line, column: 0 }, map });
    const body = m.code.endsWith('\n') ? m.code : `${m.code}\n`;
    parts.push(body.slice(0, -1));
    line += body.split('\n').length - 1;
    parts.push('} };');
    line++;
  }
  parts.push(`module.exports = __load(${JSON.stringify(ENTRY)});`);
  parts.push('//# sourceMappingURL=index.js.map', '');
  fs.writeFileSync(path.join(LIB, ENTRY), parts.join('\n'));
  fs.writeFileSync(path.join(LIB, `${ENTRY}.map`), JSON.stringify({ version: 3, file: ENTRY, sections }));
  const bytes = fs.statSync(path.join(LIB, ENTRY)).size;
  console.log(`bundle: lib/index.js holds ${modules.length} modules (${(bytes / 1024).toFixed(0)} KiB)`);
}

main();
