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
 * The entry's exports are lazy (`lazyEntry`): `require('cdk8s-daemonsets')` runs no module of the library, and
 * the first read of an export runs its module and what that module requires. An app that synthesizes DaemonSets
 * never runs the report, importer, preset or vendor modules (82 of 276 modules, 0.54 MB of the 1.48 MB). The names,
 * their order and their values are the eager entry's; the bundle step checks that in child processes.
 *
 * Why not esbuild: bundling CommonJS input, it renames every class that refers to itself (`class _DaemonSet`, so
 * `DaemonSet.name` is `_DaemonSet` in stack traces and logs), and its `keepNames` fix wraps every function
 * expression in a naming call, which cost a third of the validator's warm throughput. Nothing here transforms code.
 *
 * Run by the `compile` task after jsii: `ts-node --transpile-only scripts/bundle.ts`. The per-module files stay in
 * `lib/` for the CLI (`lib/cli/main.js`) and beside the `.d.ts` files.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

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
function resolveId(lib: string, fromId: string, specifier: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromId), specifier));
  for (const candidate of [base, `${base}.js`, `${base}/index.js`]) {
    const file = path.join(lib, candidate);
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return candidate;
  }
  throw new Error(`${fromId}: require("${specifier}") names no module in ${lib}`);
}

/** Every module reachable from the entry through literal relative requires, the entry first. */
function collect(lib: string): { modules: BundledModule[]; edges: Map<string, Map<string, string>> } {
  const modules: BundledModule[] = [];
  const edges = new Map<string, Map<string, string>>();
  const queue = [ENTRY];
  const seen = new Set(queue);
  while (queue.length > 0) {
    const id = queue.shift()!;
    const code = fs.readFileSync(path.join(lib, id), 'utf8').replace(MAP_COMMENT, '\n');
    if (code.startsWith(BANNER)) throw new Error(`lib/${id} is already bundled: run the jsii build (npx projen compile) first`);
    const bad = UNSUPPORTED.find(re => re.test(code));
    if (bad) throw new Error(`lib/${id} uses ${bad.source}, which cannot work once bundled`);
    const resolved = new Map<string, string>();
    for (const [, specifier] of code.matchAll(RELATIVE_REQUIRE)) {
      const target = resolveId(lib, id, specifier);
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

/**
 * The entry as tsc writes `export { A, B } from './x'` (src/index.ts has only explicit named exports): a
 * `var x_1 = require("./x");` and one enumerable getter per name. Nothing else may appear in it.
 */
const ENTRY_REQUIRE = /^var (\w+) = require\("(\.\.?\/[^"]*)"\);$/;
const ENTRY_GETTER = /^(Object\.defineProperty\(exports, "\w+", \{ enumerable: true, get: function \(\) \{ return )(\w+)(\.\w+; \} \}\);)$/;
const ENTRY_OTHER = [/^$/, /^\/\//, /^"use strict";$/, /^Object\.defineProperty\(exports, "__esModule", \{ value: true \}\);$/, /^exports\.\w+ = (exports\.\w+ = )*void 0;$/];
/** `lib[Symbol.for(LOADED_SYMBOL)]()`: the ids of the bundled modules that have run, in the order they started. */
export const LOADED_SYMBOL = 'cdk8s-daemonsets.bundle.loaded';
/** Defined at the start of the entry's function: a module loaded by the first getter that reads one of its exports. */
const LAZY_HELPER = 'const __lazy = specifier => { let loaded; return () => loaded ?? (loaded = require(specifier)); };';

/**
 * The entry with lazy exports: each `require` of a module becomes a function that loads it on first call, and each
 * getter calls it. `require('cdk8s-daemonsets')` then runs no module of the library; reading an export runs its
 * module (and what that module requires) once. The names, their order (the `exports.X = void 0` lines tsc writes
 * first) and the values are the eager entry's, so `Object.keys`, identity and jsii's lookups by name do not change.
 * Line for line the same, so the entry's source map still applies.
 */
export function lazyEntry(code: string): string {
  const lazy = new Set<string>();
  return code.split('\n').map((line, i) => {
    const req = ENTRY_REQUIRE.exec(line);
    if (req) {
      lazy.add(req[1]);
      return `var ${req[1]} = __lazy(${JSON.stringify(req[2])});`;
    }
    const getter = ENTRY_GETTER.exec(line);
    if (getter && lazy.has(getter[2])) return `${getter[1]}${getter[2]}()${getter[3]}`;
    if (ENTRY_OTHER.some(re => re.test(line))) return line;
    throw new Error(`lib/${ENTRY}:${i + 1}: cannot make this line of the entry lazy (src/index.ts must hold only \`export { ... } from\`): ${line.slice(0, 120)}`);
  }).join('\n');
}

/** The file of the modules the hot exports do not reach, compiled when one of them is first needed. */
const DEFERRED = 'index-deferred.js';
/**
 * The exports whose modules (and everything those require) are compiled with the entry: the README's path, an app
 * of `DaemonSetsApp` and `DaemonSet`s (194 of 276 modules, 0.93 of 1.48 MB; the validation engine and every rule
 * family are among them). V8 pre-parses the whole of a script it compiles, ~10 ms per MB here, so the rest
 * (presets, report, vendors, node pools, the cdk8s plugin: 0.54 MB) waits in `index-deferred.js` until an app reads
 * an export that needs it.
 */
export const HOT_EXPORTS: readonly string[] = ['DaemonSet', 'DaemonSetsApp'];

/** The loader the bundle starts with: Node's CommonJS semantics for the bundled modules. */
const LOADER = `"use strict";
const __bundle = Object.create(null);
const __loaded = Object.create(null);
function __load(id) {
  const cached = __loaded[id];
  if (cached !== undefined) return cached.exports;
  const module = { id, exports: {}, loaded: false };
  __loaded[id] = module;
  const entry = __bundle[id] ?? __deferred(id);
  const filename = __nodePath.join(__dirname, id);
  const local = specifier => {
    const target = entry.requires[specifier];
    if (target !== undefined) return __load(target);
    if (specifier.startsWith(".")) throw new Error("cdk8s-daemonsets bundle: " + id + " requires " + specifier + ", which is not bundled");
    return require(specifier);
  };
  try {
    entry.factory.call(module.exports, module.exports, local, module, filename, __nodePath.dirname(filename));
  } catch (e) {
    // As Node does: a module whose top level threw is not cached, so the next require runs it again.
    delete __loaded[id];
    throw e;
  }
  module.loaded = true;
  return module.exports;
}
const __nodePath = require("path");
let __deferredLoaded = false;
function __deferred(id) {
  if (!__deferredLoaded) {
    __deferredLoaded = true;
    require(${JSON.stringify(`./${DEFERRED}`)})(__bundle);
  }
  const entry = __bundle[id];
  if (entry === undefined) throw new Error("cdk8s-daemonsets bundle: no module " + id);
  return entry;
}
`;

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** A non-negative number in source map VLQ. */
function vlq(value: number): string {
  let v = value << 1;
  let out = '';
  do {
    const digit = v & 31;
    v >>>= 5;
    out += BASE64[(v > 0 ? 32 : 0) | digit];
  } while (v > 0);
  return out;
}

/**
 * A module's map, one line earlier: its section starts at the module's header line, whose `function (exports`
 * (the module's top level, `factory` in profiles and stack traces) maps to the start of the module's source. Without
 * it a header line took the last mapping before it, a line of the previous module (bench/PROFILE.md charged a
 * module's top level to `src/report/tax-report.ts:380`). The new first segment maps to source 0, line 0, column 0,
 * the state the module's own first segment is relative to, so its segments need no change.
 */
function withHeaderLine(map: { mappings?: string }, column: number): object {
  return { ...map, mappings: `${vlq(column)}AAA;${map.mappings ?? ''}` };
}

/** The tsc source map of a module, its sources made relative to lib/ (where the bundle's map is). */
function moduleMap(lib: string, id: string): { mappings?: string } | undefined {
  const file = path.join(lib, `${id}.map`);
  if (!fs.existsSync(file)) return undefined;
  const map = JSON.parse(fs.readFileSync(file, 'utf8'));
  const dir = path.dirname(file);
  const root = map.sourceRoot ? path.resolve(dir, map.sourceRoot) : dir;
  map.sources = (map.sources as string[]).map(s => path.relative(lib, path.resolve(root, s)).split(path.sep).join('/'));
  delete map.sourceRoot;
  delete map.file;
  return map;
}

/**
 * What a module file exports, read in a child process (loading it must not touch this one): each name in
 * `Object.keys` order with the type of its value and, for a function, its name.
 */
function exportsOf(file: string): string[] {
  const probe = 'const m = require(process.argv[1]); console.log(JSON.stringify(Object.keys(m).map(k => `${k}: ${typeof m[k]} ${typeof m[k] === "function" ? m[k].name : ""}`)))';
  return JSON.parse(execFileSync(process.execPath, ['-e', probe, file], { encoding: 'utf8' }));
}

/** The module each export of the entry reads: `var x_1 = require("./x")` and its getters, resolved through `edges`. */
function exportModules(entryCode: string, entryEdges: Map<string, string>): Map<string, string> {
  const specifiers = new Map<string, string>();
  const modules = new Map<string, string>();
  for (const line of entryCode.split('\n')) {
    const req = ENTRY_REQUIRE.exec(line);
    if (req) specifiers.set(req[1], req[2]);
    const getter = ENTRY_GETTER.exec(line);
    const name = getter && /exports, "(\w+)"/.exec(getter[1])?.[1];
    if (getter && name && specifiers.has(getter[2])) modules.set(name, entryEdges.get(specifiers.get(getter[2])!)!);
  }
  return modules;
}

/** The entry and every module the hot exports reach. */
function hotModules(modules: BundledModule[], edges: Map<string, Map<string, string>>, hotExports: readonly string[]): Set<string> {
  const byExport = exportModules(modules.find(m => m.id === ENTRY)!.code, edges.get(ENTRY)!);
  const hot = new Set([ENTRY]);
  const queue = hotExports.map(name => {
    const id = byExport.get(name);
    if (id === undefined) throw new Error(`bundle: the entry exports no ${name} (HOT_EXPORTS)`);
    return id;
  });
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (hot.has(id)) continue;
    hot.add(id);
    queue.push(...edges.get(id)!.values());
  }
  return hot;
}

/**
 * Modules as `__bundle[id] = { requires, factory }` lines from line `firstLine` on, with their source map sections.
 * @param eager parenthesize each factory, so that V8 compiles it with the file instead of pre-parsing it then and
 *   parsing it again when it runs (its heuristic for functions that are about to be called): for the modules an app
 *   nearly always runs (index.js), not for the deferred ones.
 */
function emitModules(
  lib: string, modules: BundledModule[], edges: Map<string, Map<string, string>>, firstLine: number, eager: boolean,
): { parts: string[]; sections: object[] } {
  const parts: string[] = [];
  const sections: object[] = [];
  let line = firstLine;
  for (const m of modules) {
    const requires = Object.fromEntries([...edges.get(m.id)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const entry = m.id === ENTRY;
    const header = `__bundle[${JSON.stringify(m.id)}] = { requires: ${JSON.stringify(requires)}, factory: ${eager ? '(' : ''}function (exports, require, module, __filename, __dirname) {${entry ? ` ${LAZY_HELPER}` : ''}`;
    const map = moduleMap(lib, m.id);
    if (map) sections.push({ offset: { line, column: 0 }, map: withHeaderLine(map, header.indexOf('function (exports')) });
    parts.push(header);
    line++;
    const code = entry ? lazyEntry(m.code) : m.code;
    const body = code.endsWith('\n') ? code : `${code}\n`;
    parts.push(body.slice(0, -1));
    line += body.split('\n').length - 1;
    parts.push(eager ? '}) };' : '} };');
    line++;
  }
  return { parts, sections };
}

/** Writes a bundle file and its index source map. */
function writeBundleFile(lib: string, file: string, parts: string[], sections: object[]): void {
  fs.writeFileSync(path.join(lib, file), [...parts, `//# sourceMappingURL=${file}.map`, ''].join('\n'));
  fs.writeFileSync(path.join(lib, `${file}.map`), JSON.stringify({ version: 3, file, sections }));
}

/**
 * Bundles the jsii build in `lib` (the package's `lib/`, or a copy built elsewhere for benchmarks and tests) into
 * `lib/index.js` (the entry and the modules `hotExports` reach) and `lib/index-deferred.js` (the rest), each with
 * its source map.
 * @returns how many modules, bytes and exports the bundle holds, and how many of the modules are deferred
 */
export function bundle(lib: string, hotExports: readonly string[] = HOT_EXPORTS): { modules: number; deferred: number; bytes: number; exports: number } {
  if (!fs.existsSync(path.join(lib, ENTRY))) throw new Error(`lib/${ENTRY} is missing: run the jsii build first`);
  const { modules, edges } = collect(lib);
  const eager = exportsOf(path.join(lib, ENTRY));
  const hot = hotModules(modules, edges, hotExports);
  const head = [BANNER, LOADER];
  const main = emitModules(lib, modules.filter(m => hot.has(m.id)), edges, head.join('\n').split('\n').length, true);
  const tail = [
    `module.exports = __load(${JSON.stringify(ENTRY)});`,
    // Which modules have run, for the installed tier's check that an app runs only what it uses (not enumerable: a
    // symbol, invisible to Object.keys and to jsii).
    `Object.defineProperty(module.exports, Symbol.for(${JSON.stringify(LOADED_SYMBOL)}), { value: () => Object.keys(__loaded) });`,
  ];
  writeBundleFile(lib, ENTRY, [...head, ...main.parts, ...tail], main.sections);
  const deferredHead = [BANNER, '"use strict";', 'module.exports = function (__bundle) {'];
  const deferred = emitModules(lib, modules.filter(m => !hot.has(m.id)), edges, deferredHead.length, false);
  writeBundleFile(lib, DEFERRED, [...deferredHead, ...deferred.parts, '};'], deferred.sections);
  const lazy = exportsOf(path.join(lib, ENTRY));
  if (JSON.stringify(lazy) !== JSON.stringify(eager)) {
    const differ = lazy.map((e, i) => (e === eager[i] ? '' : `${eager[i]} -> ${e}`)).filter(Boolean).slice(0, 5);
    throw new Error(`the bundle's exports differ from tsc's entry (${eager.length} vs ${lazy.length} names): ${differ.join('; ')}`);
  }
  const bytes = fs.statSync(path.join(lib, ENTRY)).size + fs.statSync(path.join(lib, DEFERRED)).size;
  return { modules: modules.length, deferred: modules.length - hot.size, bytes, exports: eager.length };
}

if (require.main === module) {
  // The jsii build to bundle: the first argument (a copy built elsewhere), else the package's lib/.
  const lib = path.resolve(process.argv[2] ?? path.join(__dirname, '..', 'lib'));
  const { modules, deferred, bytes, exports } = bundle(lib);
  console.log(`bundle: ${path.join(lib, ENTRY)} holds ${modules - deferred} modules, ${DEFERRED} ${deferred} ` +
    `(${(bytes / 1024).toFixed(0)} KiB in all); its ${exports} exports each load their module on first read`);
}
