import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { SourceMap } from 'module';
import * as os from 'os';
import * as path from 'path';
import { bundle, lazyEntry } from '../../scripts/bundle';

// A jsii build in miniature, written as tsc writes CommonJS: an entry of `export { ... } from` re-exports, a module
// with a side effect on load, a cycle, and a module only another module requires.
const FILES: { [file: string]: string } = {
  'index.js': [
    '"use strict";',
    '// The public API.',
    'Object.defineProperty(exports, "__esModule", { value: true });',
    'exports.Widget = exports.Gadget = exports.Cycle = void 0;',
    'var cycle_1 = require("./cycle");',
    'Object.defineProperty(exports, "Cycle", { enumerable: true, get: function () { return cycle_1.Cycle; } });',
    'var gadget_1 = require("./parts/gadget");',
    'Object.defineProperty(exports, "Gadget", { enumerable: true, get: function () { return gadget_1.Gadget; } });',
    'var widget_1 = require("./widget");',
    'Object.defineProperty(exports, "Widget", { enumerable: true, get: function () { return widget_1.Widget; } });',
    '//# sourceMappingURL=index.js.map',
  ].join('\n'),
  'widget.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.Widget = void 0;\nconst gadget_1 = require("./parts/gadget");\n' +
    '(globalThis.__bundleTestLoads ??= []).push("widget");\nclass Widget extends gadget_1.Gadget {\n}\nexports.Widget = Widget;\n',
  'parts/gadget.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.Gadget = void 0;\n' +
    '(globalThis.__bundleTestLoads ??= []).push("gadget");\nif (globalThis.__bundleTestThrowOnce) { globalThis.__bundleTestThrowOnce = false; throw new Error("transient"); }\n' +
    'class Gadget {\n}\nexports.Gadget = Gadget;\n',
  'cycle.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.Cycle = void 0;\n' +
    '(globalThis.__bundleTestLoads ??= []).push("cycle");\nconst other_1 = require("./cycle-other");\nclass Cycle {\n  static other() { return other_1.name(); }\n}\nexports.Cycle = Cycle;\n',
  'cycle-other.js': '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.name = name;\nconst cycle_1 = require("./cycle");\n' +
    '(globalThis.__bundleTestLoads ??= []).push("cycle-other");\nfunction name() { return cycle_1.Cycle.name; }\n',
};
/** tsc's maps, line n of each module from line n of its source. */
const MAPS = ['widget.js', 'parts/gadget.js', 'cycle.js'].map(file => ({
  file,
  map: { version: 3, file: path.basename(file), sources: [`${'../'.repeat(file.split('/').length)}src/${file.replace(/\.js$/, '.ts')}`], names: [], mappings: 'AAAA;AACA;AACA;AACA;AACA;AACA;AACA;AACA;AACA' },
}));

/** Runs `script` in a fresh node process with `lib` bound to the bundle; returns what it prints (JSON). */
function inChild(lib: string, script: string): any {
  const code = `globalThis.__bundleTestLoads = []; const lib = require(${JSON.stringify(path.join(lib, 'index.js'))}); ${script}`;
  return JSON.parse(execFileSync(process.execPath, ['-e', code], { encoding: 'utf8' }));
}

describe('scripts/bundle.ts', () => {
  let lib: string;
  beforeAll(() => {
    lib = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
    for (const [file, code] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(lib, file)), { recursive: true });
      fs.writeFileSync(path.join(lib, file), code);
    }
    for (const { file, map } of MAPS) fs.writeFileSync(path.join(lib, `${file}.map`), JSON.stringify(map));
    expect(bundle(lib, ['Widget'])).toEqual({ modules: 5, deferred: 2, bytes: expect.any(Number), exports: 3 });
  });
  afterAll(() => fs.rmSync(lib, { recursive: true, force: true }));

  test('require runs no module; an export runs its module and what that requires, once', () => {
    expect(inChild(lib, 'const a = globalThis.__bundleTestLoads.slice(); lib.Widget; lib.Widget; console.log(JSON.stringify([a, globalThis.__bundleTestLoads]));'))
      .toEqual([[], ['gadget', 'widget']]);
    expect(inChild(lib, 'lib.Gadget; console.log(JSON.stringify(lib[Symbol.for("cdk8s-daemonsets.bundle.loaded")]()));')).toEqual(['index.js', 'parts/gadget.js']);
  });

  test('the modules the hot exports reach are in index.js, the rest in index-deferred.js, read when first needed', () => {
    const ids = (file: string) => [...fs.readFileSync(path.join(lib, file), 'utf8').matchAll(/^__bundle\["([^"]+)"\]/gm)].map(m => m[1]);
    expect(ids('index.js')).toEqual(['index.js', 'parts/gadget.js', 'widget.js']);
    expect(ids('index-deferred.js')).toEqual(['cycle.js', 'cycle-other.js']);
    const deferredRead = 'Object.keys(require.cache).some(f => f.endsWith("index-deferred.js"))';
    expect(inChild(lib, `lib.Widget; const a = ${deferredRead}; lib.Cycle.other(); console.log(JSON.stringify([a, ${deferredRead}]));`)).toEqual([false, true]);
  });

  test('the exports keep their names, order, identity and classes', () => {
    const result = inChild(lib, 'console.log(JSON.stringify({ keys: Object.keys(lib), same: lib.Widget === lib.Widget, ' +
      'extends: new lib.Widget() instanceof lib.Gadget, name: lib.Gadget.name, esModule: lib.__esModule }));');
    expect(result).toEqual({ keys: ['Cycle', 'Gadget', 'Widget'], same: true, extends: true, name: 'Gadget', esModule: true });
  });

  test('a module whose top level threw runs again on the next read, as Node runs it on the next require', () => {
    const script = (load: string) => `globalThis.__bundleTestThrowOnce = true; const out = [];
      for (let i = 0; i < 2; i++) { try { out.push(typeof ${load}); } catch (e) { out.push(e.message); } }
      console.log(JSON.stringify(out));`;
    const node = inChild(lib, script(`require(${JSON.stringify(path.join(lib, 'parts', 'gadget.js'))}).Gadget`));
    expect(node).toEqual(['transient', 'function']);
    expect(inChild(lib, script('lib.Gadget'))).toEqual(node);
    expect(inChild(lib, script('lib.Widget'))).toEqual(node);
  });

  test('a cycle between modules resolves as Node resolves it', () => {
    expect(inChild(lib, 'console.log(JSON.stringify([lib.Cycle.other(), globalThis.__bundleTestLoads]));')).toEqual(['Cycle', ['cycle', 'cycle-other']]);
  });

  test('the source map takes each module, its top-level function included, to its own source', () => {
    for (const [file, id] of [['index.js', 'widget.js'], ['index.js', 'parts/gadget.js'], ['index-deferred.js', 'cycle.js']]) {
      const lines = fs.readFileSync(path.join(lib, file), 'utf8').split('\n');
      const map = new SourceMap(JSON.parse(fs.readFileSync(path.join(lib, `${file}.map`), 'utf8')));
      const at = (line: number, column: number) => {
        const e = map.findEntry(line, column) as { originalSource?: string; originalLine?: number };
        return `${e.originalSource}:${e.originalLine}`;
      };
      const header = (m: string) => lines.findIndex(l => l.startsWith(`__bundle[${JSON.stringify(m)}]`));
      const source = `../src/${id.replace(/\.js$/, '.ts')}`;
      // The module's top level (`factory`), then a line of its body.
      expect(at(header(id), lines[header(id)].indexOf('function (exports'))).toBe(`${source}:0`);
      expect(at(header(id) + 5, 0)).toBe(`${source}:4`);
    }
  });

  test('bundling a bundle is refused', () => {
    expect(() => bundle(lib, ['Widget'])).toThrow(/already bundled/);
  });

  test('a hot export the entry lacks is refused', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-test-'));
    try {
      fs.writeFileSync(path.join(other, 'index.js'), '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n');
      expect(() => bundle(other, ['DaemonSet'])).toThrow(/the entry exports no DaemonSet/);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('lazyEntry', () => {
  test('turns each require into a loader called by the getters, line for line', () => {
    const entry = FILES['index.js'];
    const lazy = lazyEntry(entry);
    expect(lazy.split('\n')).toHaveLength(entry.split('\n').length);
    expect(lazy).toContain('var gadget_1 = __lazy("./parts/gadget");');
    expect(lazy).toContain('get: function () { return gadget_1().Gadget; }');
    expect(lazy).not.toMatch(/\brequire\(/);
  });

  test('refuses an entry with anything but re-exports, naming the line', () => {
    expect(() => lazyEntry('"use strict";\n__exportStar(require("./x"), exports);')).toThrow(/index\.js:2: cannot make this line of the entry lazy.*__exportStar/);
  });
});
