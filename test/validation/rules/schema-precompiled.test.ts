/**
 * The precompiled fast validators (scripts/gen-validators.ts, issue 17) against the run-time compiler they replace:
 * the same verdict and the same reported errors on every object of the API-agreement corpus, every fixture and
 * example, and a minimal and a broken object of every kind, in the oldest, a middle and the newest minor.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { generateValidators } from '../../../scripts/gen-validators';
import { Manifest } from '../../../src/k8s/shape';
import { PrecompiledCompiler, usePrecompiledValidators } from '../../../src/validation/rules/schema/precompiled';
import { SchemaSet, shippedSchemaVersions } from '../../../src/validation/rules/schema/schema-set';
import { generateCorpus } from '../../e2e/api-agreement/corpus';

const ROOT = path.join(__dirname, '..', '..', '..');
const VERSIONS = shippedSchemaVersions();
const MINORS = [VERSIONS[0], '1.31', VERSIONS[VERSIONS.length - 1]];

let dir: string;
let generated: { modules: number; bytes: number };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-ds-precompiled-test-'));
  generated = await generateValidators(dir);
}, 180_000);

afterAll(() => {
  usePrecompiledValidators(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A set reading the generated modules, and one compiling at run time, for one minor. */
function sets(minor: string): { pre: SchemaSet; runtime: SchemaSet } {
  usePrecompiledValidators(dir);
  const pre = new SchemaSet(minor);
  usePrecompiledValidators(false);
  const runtime = new SchemaSet(minor);
  usePrecompiledValidators(undefined);
  return { pre, runtime };
}

/** Every YAML document under `dir` (recursively) that is an object with a string apiVersion and kind. */
function yamlObjects(root: string): Manifest[] {
  const out: Manifest[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
      const value = 'errors' in doc && doc.errors.length === 0 ? doc.toJS() : undefined;
      if (value && typeof value === 'object' && typeof value.apiVersion === 'string' && typeof value.kind === 'string') out.push(value);
    }
  }
  return out;
}

/** For every kind with a schema: a minimal object, one with an unknown field and one with a wrong type. */
function objectsOfEveryKind(set: SchemaSet): Manifest[] {
  return set.kinds().flatMap(key => {
    const slash = key.lastIndexOf('/');
    const head = { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
    return [
      { ...head, metadata: { name: 'x' } },
      { ...head, metadata: { name: 'x', labels: { a: 1 } } },
      { ...head, metadata: { name: 'x' }, spec: { unknownField: true }, notAField: 1 },
    ];
  });
}

/** `<verdict> <errors>` of each object, for comparison. */
function verdicts(set: SchemaSet, objects: readonly Manifest[]): string[] {
  return objects.map(obj => {
    const key = `${obj.apiVersion}/${obj.kind}`;
    if (!set.has(key)) return `${key}: no schema`;
    return `${key}: ${JSON.stringify(set.validate(key, obj) ?? 'valid')}`;
  });
}

let corpusObjects: Manifest[];
beforeAll(() => {
  const corpus = generateCorpus();
  corpusObjects = [...corpus.bases.map(b => b.object), ...corpus.mutants.map(m => m.object)];
}, 120_000);

test('the build writes one module per schema file, minified', () => {
  const schemaFiles = fs.readdirSync(path.join(ROOT, 'schemas')).filter(f => f.startsWith('k8s-defs-') || f === 'crds.json');
  expect(generated.modules).toBe(schemaFiles.length);
  expect(fs.readdirSync(dir).filter(f => f.endsWith('.js')).sort()).toEqual(schemaFiles.map(f => `${f.replace(/^k8s-defs-/, '').replace(/\.json$/, '')}.js`).sort());
  // core/v1, the one module over SPLIT_BYTES, is split into one part per variant (scripts/gen-validators.ts).
  expect(fs.readdirSync(dir).filter(f => !f.endsWith('.js'))).toEqual(['api.core.v1']);
  // The size the package budget (test/installed/npm-package.test.ts) counts on.
  expect(generated.bytes).toBeLessThan(2_200_000);
});

describe.each(MINORS)('Kubernetes %s', minor => {
  test('precompiled and run-time validators agree on the corpus, the fixtures and the examples', () => {
    const { pre, runtime } = sets(minor);
    const objects = [...corpusObjects, ...yamlObjects(path.join(ROOT, 'test', 'fixtures')), ...yamlObjects(path.join(ROOT, 'examples'))];
    const expected = verdicts(runtime, objects);
    expect(verdicts(pre, objects)).toEqual(expected);
    // Both verdicts occur, so the comparison can fail either way.
    expect(expected.filter(v => v.endsWith(': "valid"')).length).toBeGreaterThan(100);
    expect(expected.filter(v => !v.endsWith(': "valid"') && !v.endsWith('no schema')).length).toBeGreaterThan(1000);
    const counts = (pre.fast as PrecompiledCompiler).counts;
    expect(counts.fallback).toBe(0);
    expect(counts.precompiled).toBeGreaterThan(50);
  });

  test('precompiled and run-time validators agree on every kind', () => {
    const { pre, runtime } = sets(minor);
    const objects = objectsOfEveryKind(runtime);
    expect(verdicts(pre, objects)).toEqual(verdicts(runtime, objects));
    const counts = (pre.fast as PrecompiledCompiler).counts;
    expect(counts.fallback).toBe(0);
    expect(counts.precompiled).toBeGreaterThan(pre.kinds().length);
  });
});

test('a definition without a precompiled validator falls back to the run-time compiler', () => {
  // Only apps/v1's module: the pod tree (core/v1) and ObjectMeta are compiled at run time.
  const partial = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-ds-precompiled-partial-'));
  try {
    fs.copyFileSync(path.join(dir, 'api.apps.v1.js'), path.join(partial, 'api.apps.v1.js'));
    usePrecompiledValidators(partial);
    const pre = new SchemaSet('1.31');
    usePrecompiledValidators(false);
    const runtime = new SchemaSet('1.31');
    usePrecompiledValidators(undefined);
    const objects = corpusObjects.filter(o => o.kind === 'DaemonSet');
    expect(verdicts(pre, objects)).toEqual(verdicts(runtime, objects));
    const counts = (pre.fast as PrecompiledCompiler).counts;
    // DaemonSet and its spec precompiled; the first core/v1 and meta/v1 definitions from the run-time compiler
    // (which reaches the rest of the pod tree itself).
    expect(counts.precompiled).toBeGreaterThan(3);
    expect(counts.fallback).toBeGreaterThan(0);
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
});

test('a module of another format is ignored', () => {
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-ds-precompiled-format-'));
  try {
    const code = fs.readFileSync(path.join(dir, 'api.apps.v1.js'), 'utf8').replace('exports.format=1', 'exports.format=999');
    expect(code).toContain('exports.format=999');
    fs.writeFileSync(path.join(other, 'api.apps.v1.js'), code);
    usePrecompiledValidators(other);
    const pre = new SchemaSet('1.31');
    usePrecompiledValidators(undefined);
    const ds = corpusObjects.find(o => o.kind === 'DaemonSet')!;
    expect(pre.validate('apps/v1/DaemonSet', ds)).toBeUndefined();
    expect((pre.fast as PrecompiledCompiler).counts).toEqual({ precompiled: 0, fallback: 1 });
  } finally {
    fs.rmSync(other, { recursive: true, force: true });
  }
});
