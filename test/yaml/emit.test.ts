import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import { TRICKY_STRINGS } from './tricky-strings';
import { buildApp as buildBasicApp } from '../../examples/basic/app';
import { buildEnvironmentApp, ENVIRONMENTS } from '../../examples/gitops/app';
import { buildApp as buildLoggingApp } from '../../examples/logging/app';
import { buildApp as buildMonitoringApp } from '../../examples/monitoring/app';
import { DaemonSet, LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet } from '../../src';
import { MAX_REMEMBERED } from '../../src/k8s/remembered';
import { nativeYamlDocument, renderYamlDocument, stringifyYaml } from '../../src/yaml/emit';

// The native emitter must write exactly what cdk8s's Yaml.stringify writes. Each test compares both on the same
// input and also asserts which documents the native path takes, so an emitter that handed everything to
// Yaml.stringify would fail.

const ROOT = path.join(__dirname, '..', '..');

/** Every file below `dir` whose name matches `pattern`, sorted. */
function filesBelow(dir: string, pattern: RegExp): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesBelow(full, pattern));
    else if (pattern.test(entry.name)) out.push(full);
  }
  return out.sort();
}

/** The documents of a YAML stream as cdk8s reads them back (YAML 1.1), skipping streams that do not parse. */
function parseStream(text: string): unknown[] | undefined {
  const docs = parseAllDocuments(text, { version: '1.1' });
  if (!Array.isArray(docs) || docs.some((doc) => doc.errors.length > 0)) return undefined;
  return docs.map((doc) => doc.toJS());
}

/** Asserts the native emitter agrees with Yaml.stringify on one document; answers whether it wrote it natively. */
function agrees(doc: unknown): boolean {
  const expected = Yaml.stringify(doc);
  const rendered = renderYamlDocument(doc);
  expect(rendered.yaml).toBe(expected);
  return rendered.native;
}

describe('documents and streams', () => {
  test('documents are joined with --- lines and an undefined document is an empty line, as in Yaml.stringify', () => {
    const docs = [{ a: 1 }, undefined, [1, 2], {}, [], { b: { c: [] } }];
    expect(stringifyYaml(...docs)).toBe(Yaml.stringify(...docs));
    expect(stringifyYaml(...docs)).toBe('a: 1\n---\n\n---\n- 1\n- 2\n---\n{}\n---\n[]\n---\nb:\n  c: []\n');
    expect(stringifyYaml()).toBe('');
    expect(stringifyYaml(undefined)).toBe('\n');
  });

  test('mappings, sequences, their nesting and indentation, empty collections, null and undefined values', () => {
    const doc = {
      a: 1,
      b: 'x',
      c: null,
      d: undefined,
      e: [],
      f: {},
      g: [1, [2, 3], [], {}, { x: 1, y: [1, undefined, null] }, [[{ z: [] }]]],
      h: { i: { j: 'k', l: [{ m: {} }] } },
    };
    expect(agrees(doc)).toBe(true);
    expect(nativeYamlDocument(doc)).toBe([
      'a: 1', 'b: x', 'c: null', 'd: null', 'e: []', 'f: {}',
      'g:', '  - 1', '  - - 2', '    - 3', '  - []', '  - {}', '  - x: 1', '    "y":', '      - 1', '      - null', '      - null',
      '  - - - z: []',
      'h:', '  i:', '    j: k', '    l:', '      - m: {}', '',
    ].join('\n'));
  });

  test('numbers, booleans and big integers as the yaml package spells them', () => {
    const doc = { n: [0, -0, 1.5, -2, 1e21, 1e-7, 2 ** 53 + 2, NaN, Infinity, -Infinity, 0.1 + 0.2, 5e-324, 10n, -10n, true, false] };
    expect(agrees(doc)).toBe(true);
    expect(nativeYamlDocument(doc)).toBe(
      '"n":\n  - 0\n  - -0\n  - 1.5\n  - -2\n  - 1e+21\n  - 1e-7\n  - 9007199254740994\n  - .nan\n  - .inf\n  - -.inf\n'
      + '  - 0.30000000000000004\n  - 5e-324\n  - 10\n  - -10\n  - true\n  - false\n');
  });

  test('a hole in an array is null; an object in two documents is written in full in each (anchors are per document)', () => {
    // eslint-disable-next-line no-sparse-arrays
    const sparse = { list: [1, , 3] };
    expect(agrees(sparse)).toBe(true);
    expect(nativeYamlDocument(sparse)).toBe('list:\n  - 1\n  - null\n  - 3\n');
    const shared = { a: 1 };
    expect(stringifyYaml({ x: shared }, { y: shared })).toBe(Yaml.stringify({ x: shared }, { y: shared }));
    expect(renderYamlDocument({ x: shared }).native).toBe(true);
  });

  test('a null-prototype object is a mapping', () => {
    const doc = Object.assign(Object.create(null), { a: 'b' });
    expect(agrees(doc)).toBe(true);
  });
});

describe('strings that need care, in every position', () => {
  const contexts: Array<[string, (s: string) => unknown]> = [
    ['a top-level value', (s) => ({ v: s })],
    ['an item of a nested sequence', (s) => ({ a: { b: [s] } })],
    ['a key of the top mapping', (s) => ({ [s]: 1 })],
    ['a nested key', (s) => ({ a: { [s]: 1 } })],
    ['an item of a top-level sequence', (s) => [s]],
    ['key and value in a mapping inside a sequence', (s) => [{ k: s, [s]: [s] }]],
  ];

  test.each(contexts)('%s: every tricky string is written as Yaml.stringify writes it', (_name, make) => {
    let native = 0;
    for (const s of TRICKY_STRINGS) if (agrees(make(s))) native++;
    // Most of the list is inside the subset (what is not is listed in the next tests).
    expect(native).toBeGreaterThan(TRICKY_STRINGS.length * 0.8);
  });

  test.each([
    ['yes', '"yes"'], ['on', '"on"'], ['y', '"y"'], ['n', '"n"'], ['~', '"~"'], ['null', '"null"'], ['true', '"true"'], ['', '""'],
    ['0x1F', '"0x1F"'], ['1e3', '"1e3"'], ['e3', '"e3"'], ['0o7', '0o7'], ['.5', '".5"'], ['1_000', '"1_000"'], ['+1', '"+1"'],
    ['.inf', '".inf"'], ['.nan', '".nan"'], ['2001-12-14', '"2001-12-14"'], ['1:30', '"1:30"'], ['.', '"."'], ['1.2.3', '1.2.3'],
    ['100m', '100m'], ['-', '"-"'], ['-a', '-a'], ['- a', '"- a"'], ['?', '"?"'], [':a', ':a'], ['a:', '"a:"'], ['a: b', '"a: b"'],
    ['a#b', 'a#b'], ['a #b', '"a #b"'], ['#a', '"#a"'], ['&a', '"&a"'], ['!a', '"!a"'], ['%a', '"%a"'], ['@a', '"@a"'], ['`a', '"`a"'],
    ['say "hi"', 'say "hi"'], ['"hi" there', '\'"hi" there\''], ["it's", "it's"], ["'a'", '"\'a\'"'], ['"it\'s"', '"\\"it\'s\\""'],
    [' a', '" a"'], ['a ', '"a "'],
    ['a\tb', 'a\tb'], ['\t', '"\\t"'], ['\u0000', '"\\0"'], ['\u0001', '"\\x01"'], ['\u001b', '"\\e"'], ['\u000d', '"\\r"'],
    ['\u0085', '"\u0085"'], ['\u2028', '\u2028'], ['\ufeff', '\ufeff'], ['\ud800', '"\\ud800"'], ['😀', '😀'], ['---', '---'],
    ['a\nb', '|-\n  a\n  b'], ['a\nb\n', '|\n  a\n  b'], ['a\n\n', '|+\n  a\n'], [' a\nb', '|2-\n   a\n  b'], ['a\n\nb', '|-\n  a\n\n  b'],
  ])('value %j is written %j', (value, written) => {
    const doc = { v: value };
    expect(agrees(doc)).toBe(true);
    expect(nativeYamlDocument(doc)).toBe(`v: ${written}\n`);
  });

  test('a top-level key that starts like a document marker or directive is quoted; a nested one is not', () => {
    const doc = { '---a': 1, '...': 2, 'x\u2028%y': 3, 'b': { '---c': 4, 'x\u2028%y': 5 } };
    expect(agrees(doc)).toBe(true);
    expect(nativeYamlDocument(doc)).toBe('"---a": 1\n"...": 2\n"x\u2028%y": 3\nb:\n  ---c: 4\n  x\u2028%y: 5\n');
  });

  test('keys are styled once per role: a key seen nested first is still quoted at the top, and the other way round', () => {
    // Keys are remembered (src/k8s/remembered.ts), one table per role: the same text must not carry one role's style into the other.
    const nestedFirst = { 'x': { '---remembered-a': 1 }, '---remembered-a': 2 };
    expect(agrees(nestedFirst)).toBe(true);
    expect(nativeYamlDocument(nestedFirst)).toBe('x:\n  ---remembered-a: 1\n"---remembered-a": 2\n');
    const topFirst = { '...remembered-b': 1, 'x': { '...remembered-b': 2 } };
    expect(agrees(topFirst)).toBe(true);
    expect(nativeYamlDocument(topFirst)).toBe('"...remembered-b": 1\nx:\n  ...remembered-b: 2\n');
  });

  test('keys written again after their role\'s table was emptied keep their quoting, at the top and nested', () => {
    // Each role has its own table (src/k8s/remembered.ts, emptied at MAX_REMEMBERED entries; its emptying is tested there).
    // Tricky keys are remembered first, then more distinct keys than a table holds pass through both roles, then the
    // tricky keys come again: their answers are worked out anew and must be the same.
    const tricky = { '---top': 1, 'yes': 2, 'x': { '---nested': 3, 'on': 4, '0x1F': 5 } };
    const written = '"---top": 1\n"yes": 2\nx:\n  ---nested: 3\n  "on": 4\n  "0x1F": 5\n';
    expect(nativeYamlDocument(tricky)).toBe(written);
    const many: Record<string, number> = {};
    for (let i = 0; i <= MAX_REMEMBERED; i++) many[i % 7 === 0 ? `${i}` : i % 11 === 0 ? `yes${i}` : `key-${i}`] = i;
    const both = { ...many, nested: { ...many } };
    expect(agrees(both)).toBe(true);
    expect(nativeYamlDocument(tricky)).toBe(written);
    expect(agrees(tricky)).toBe(true);
  });

  test('the values left to Yaml.stringify: the merge key and the multi-line shapes outside the literal-block subset', () => {
    const fallbacks = TRICKY_STRINGS.filter((s) => nativeYamlDocument({ v: s }) === undefined);
    expect(fallbacks).toEqual([
      '<<',
      '\na', '\n', '\n\n', '\na\n', ' \na', '  \n a',
      'a\n ', 'a\n\t', 'a\n \n', 'a \n', 'a\t\n', 'a \n\n', 'a\n\n ', ' \n', '\t\n',
      'a\r\nb', 'a\rb\n', 'a\u0085b\n', 'a\u0000\nb',
    ]);
  });

  test('the keys left to Yaml.stringify: the merge key, line breaks, and keys written longer than 1,024 characters', () => {
    const fallbacks = TRICKY_STRINGS.filter((s) => nativeYamlDocument({ a: { [s]: 1 } }) === undefined);
    const expected = TRICKY_STRINGS.filter((s) => s === '<<' || s.includes('\n')
      || s === 'k'.repeat(1025) || s === `"${'k'.repeat(1022)}` || s === '\u0001'.repeat(300));
    expect(fallbacks).toEqual(expected);
  });
});

describe('values outside the subset are left to Yaml.stringify and come out the same', () => {
  class Point {
    constructor(public readonly x: number) {}
  }
  const shared = { app: 'agent' };
  const circular: { [key: string]: unknown } = { name: 'loop' };
  circular.self = circular;
  test.each([
    ['a top-level string', 'abc'],
    ['a top-level number', 5],
    ['null', null],
    ['a Date', { at: new Date(0) }],
    ['a Map', { m: new Map([['a', 1]]) }],
    ['a Set', { s: new Set(['a']) }],
    ['a Buffer', { b: Buffer.from('hi') }],
    ['a boxed string', { s: new String('x') }],
    ['a class instance', { p: new Point(1) }],
    ['an object with toJSON', { t: { toJSON: () => 'replaced' } }],
    ['a plain object with its own Symbol.iterator (yaml writes it as a sequence)', {
      it: {
        a: 1,
        *[Symbol.iterator]() {
          yield 'x';
        },
      },
    }],
    ['an object reached twice (an alias)', { labels: shared, selector: { matchLabels: shared } }],
    ['an array reached twice', (() => {
      const list = ['a'];
      return [list, list];
    })()],
    ['a circular object', circular],
    ['the merge key', { '<<': { a: 1 } }],
  ])('%s', (_name, doc) => {
    expect(agrees(doc)).toBe(false);
    expect(stringifyYaml(doc, { after: 1 })).toBe(Yaml.stringify(doc, { after: 1 }));
  });

  test('a value Yaml.stringify refuses is refused the same way', () => {
    const doc = { f: () => 1 };
    expect(() => Yaml.stringify(doc)).toThrow();
    expect(() => stringifyYaml(doc)).toThrow();
  });

  test('a document is written whole by one emitter: the value outside the subset comes last, after native ones', () => {
    const doc = { a: 'plain', b: ['x', { c: 1 }], z: new Date(0) };
    const rendered = renderYamlDocument(doc);
    expect(rendered.native).toBe(false);
    expect(rendered.yaml).toBe(Yaml.stringify(doc));
    expect(rendered.yaml).toBe('a: plain\nb:\n  - x\n  - c: 1\nz: 1970-01-01\n');
  });
});

describe('examples', () => {
  const distFiles = filesBelow(path.join(ROOT, 'examples'), /\.k8s\.yaml$/).filter((f) => f.includes(`${path.sep}dist${path.sep}`));

  test('there are committed example outputs to compare', () => {
    expect(distFiles.length).toBeGreaterThanOrEqual(4);
  });

  test.each(distFiles.map((f) => [path.relative(ROOT, f), f]))('%s parsed back is written natively, byte-identical to the file', (_rel, file) => {
    const text = fs.readFileSync(file, 'utf-8');
    const docs = parseStream(text)!;
    expect(docs.length).toBeGreaterThan(0);
    for (const doc of docs) expect(agrees(doc)).toBe(true);
    expect(stringifyYaml(...docs)).toBe(text);
  });

  // The objects as synthesis hands them over (not parsed back): every chart of every example app.
  const apps: Array<[string, () => App[]]> = [
    ['basic', () => [buildBasicApp()]],
    ['logging', () => [buildLoggingApp()]],
    ['monitoring', () => [buildMonitoringApp()]],
    ['gitops', () => {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-emit-gitops-'));
      return ENVIRONMENTS.map((env, i) => buildEnvironmentApp(env, path.join(outdir, String(i))));
    }],
  ];

  test.each(apps)("examples/%s: every chart's synthesized objects are written natively, as Yaml.stringify writes them", (_name, build) => {
    let objects = 0;
    for (const app of build()) {
      for (const chart of app.charts) {
        const docs = chart.toJson();
        for (const doc of docs) expect(agrees(doc)).toBe(true);
        expect(stringifyYaml(...docs)).toBe(Yaml.stringify(...docs));
        objects += docs.length;
      }
    }
    expect(objects).toBeGreaterThan(0);
  }, 60_000);
});

test('every fixture under test/fixtures parsed back is written as Yaml.stringify writes it, nearly all natively', () => {
  const files = filesBelow(path.join(ROOT, 'test', 'fixtures'), /\.(ya?ml|json)$/);
  let docs = 0;
  let native = 0;
  let streams = 0;
  for (const file of files) {
    const parsed = parseStream(fs.readFileSync(file, 'utf-8'));
    if (parsed === undefined) continue;
    streams++;
    for (const doc of parsed) {
      docs++;
      if (agrees(doc)) native++;
    }
    expect(stringifyYaml(...parsed)).toBe(Yaml.stringify(...parsed));
  }
  expect(streams).toBeGreaterThan(100);
  expect(docs).toBeGreaterThan(200);
  // Fixtures are hand-written Kubernetes objects: outside the subset only through exotic YAML (timestamps, merges).
  expect(native / docs).toBeGreaterThan(0.95);
}, 60_000);

test("the library's constructs and presets render to objects the native emitter writes, byte-identical", () => {
  const chart = new Chart(Testing.app(), 'agents', { namespace: 'agents' });
  new DaemonSet(chart, 'agent', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 9400, name: 'metrics' }],
      envVariables: { NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME), EMPTY: kplus.EnvValue.fromValue('') },
      args: ['--flag=yes', 'on', '0x1F', '--multi\nline'],
      resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) } },
    }],
    priorityClassName: 'system-node-critical',
  });
  new NodeExporterDaemonSet(chart, 'node-exporter');
  new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', port: 9200 })] });
  const docs = Testing.synth(chart);
  expect(docs.length).toBeGreaterThan(5);
  for (const doc of docs) expect(agrees(doc)).toBe(true);
  // The fluent-bit configuration is a multi-line string: a literal block.
  expect(stringifyYaml(...docs)).toMatch(/: \|\n/);
  expect(stringifyYaml(...docs)).toBe(Yaml.stringify(...docs));
}, 60_000);
