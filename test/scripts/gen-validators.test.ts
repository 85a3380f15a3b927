import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateValidators, SPLIT_BYTES } from '../../scripts/gen-validators';
import { PrecompiledCompiler } from '../../src/validation/rules/schema/precompiled';

// core/v1 is the one module above SPLIT_BYTES: its module holds the variants and one part per variant, and a
// validator loads only the parts of the definitions it reaches (issue 17: N = 1 as a whole process).
const SCHEMA = path.join(__dirname, '..', '..', 'schemas', 'k8s-defs-api.core.v1.json');

let dir: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gen-validators-test-'));
  await generateValidators(dir, ['api.core.v1']);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('core/v1 is split into one part per variant, each under the split size', () => {
  const definitions = JSON.parse(fs.readFileSync(SCHEMA, 'utf8')).definitions as { [name: string]: unknown[] };
  const variants = Object.entries(definitions).flatMap(([name, vs]) => vs.map((_, i) => `${name}.${i}.js`)).sort();
  expect(fs.readdirSync(dir).sort()).toEqual(['api.core.v1', 'api.core.v1.js']);
  expect(fs.readdirSync(path.join(dir, 'api.core.v1')).sort()).toEqual(variants);
  const sizes = variants.map(f => fs.statSync(path.join(dir, 'api.core.v1', f)).size);
  expect(Math.max(...sizes)).toBeLessThan(SPLIT_BYTES);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const index = require(path.join(dir, 'api.core.v1.js'));
  expect(index.create).toBeUndefined();
  expect(Object.keys(index.parts)).toHaveLength(variants.length);
});

describe('a split module, loaded', () => {
  let loadedParts: string[];
  let compiler: PrecompiledCompiler;
  beforeAll(() => {
    // Node's fs module itself (the import above is a namespace copy): the one the loader calls.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exists = jest.spyOn(require('fs') as typeof fs, 'existsSync');
    compiler = new PrecompiledCompiler(dir, '1.31', () => 'k8s-defs-api.core.v1.json', () => {
      throw new Error('no fallback expected: every core/v1 definition is precompiled');
    });
    const validate = compiler.compile('io.k8s.api.core.v1.PodTemplateSpec');
    expect(validate({ spec: { containers: [{ name: 'agent', image: 'example.com/agent:1.0.0' }] } })).toBe(true);
    expect(validate({ spec: { containers: [{ name: 'agent', image: 'example.com/agent:1.0.0', imageName: 'typo' }] } })).toBe(false);
    expect(validate({ spec: { containers: 'agent' } })).toBe(false);
    loadedParts = exists.mock.calls.map(([p]) => String(p)).filter(p => p.includes(`${path.sep}api.core.v1${path.sep}`)).map(p => path.basename(p));
    exists.mockRestore();
  });

  test('loads only the parts of the definitions the object reaches, once each', () => {
    expect(loadedParts.map(p => p.replace(/\.\d+\.js$/, '')).sort()).toEqual(['io.k8s.api.core.v1.Container', 'io.k8s.api.core.v1.PodSpec', 'io.k8s.api.core.v1.PodTemplateSpec']);
  });

  test('serves every definition from precompiled code', () => {
    expect(compiler.counts).toEqual({ precompiled: 3, fallback: 0 });
  });
});
