/**
 * Precompiles the shipped schemas' fast validators (issue 17): ajv standalone code, so that a synthesis validates
 * without loading ajv's compiler or compiling a schema.
 *
 *   npx ts-node --transpile-only scripts/gen-validators.ts [out-dir] [package ...]
 *
 * Run by the `compile` task after jsii (out-dir `lib/schema-validators`, every package); the tests run it into a
 * temporary directory. One module per schema file: `k8s-defs-api.apps.v1.json` -> `api.apps.v1.js`,
 * `crds.json` -> `crds.js`. Each module exports `variants` (definition -> `[minors, id]` pairs, the minors as in
 * the schema file) and `create(ref, runtime)`, which returns every variant's validate function by id; `ref(name)`
 * is how a validator reaches another definition: the loader (src/validation/rules/schema/precompiled.ts) binds it
 * to one Kubernetes minor, so a variant is compiled once and shared by every minor it belongs to; `runtime(name)`
 * gives ajv's run-time helpers (`ajv/dist/runtime/ucs2length`), which never load ajv's compiler.
 *
 * The validators are the fast ones (`allErrors: false`, no messages): they only say whether an object is valid.
 * Errors are still collected by the runtime compiler, on the objects that failed. test/validation/rules/
 * precompiled.test.ts proves both agree.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { _, KeywordCxt } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import type * as Terser from 'terser' with { 'resolution-mode': 'require' };
import { FAST_OPTIONS, LAZY_REF, lazyRefs } from '../src/validation/rules/schema/compiler';
import { JsonSchema } from '../src/validation/rules/schema/convert';
import { moduleFileOf, PRECOMPILED_FORMAT, RUNTIME_HELPERS } from '../src/validation/rules/schema/precompiled';
import { SCHEMA_DIR } from '../src/validation/rules/schema/store';

/** The wrapper keyword. */
const NO_ERRORS = 'k8sNoErrors';

interface Variant {
  readonly versions: string;
  readonly schema: JsonSchema;
}

/** The schema files with definitions, each as `{ name: variants }`. */
function schemaFiles(): Map<string, { readonly [name: string]: Variant[] }> {
  const files = new Map<string, { readonly [name: string]: Variant[] }>();
  for (const file of fs.readdirSync(SCHEMA_DIR).filter(f => f.startsWith('k8s-defs-')).sort()) {
    files.set(file, JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, file), 'utf8')).definitions);
  }
  // The shipped CRDs: one variant each, the same in every minor.
  const crds = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, 'crds.json'), 'utf8')).definitions as { [name: string]: JsonSchema };
  files.set('crds.json', Object.fromEntries(Object.entries(crds).map(([name, schema]) => [name, [{ versions: '*', schema }]])));
  return files;
}

/** The module of one schema file. */
function moduleCode(definitions: { readonly [name: string]: Variant[] }): string {
  // A placeholder: ajv builds each function once while generating; the module binds `ref` when it is loaded.
  const placeholder = (): never => {
    throw new Error('not callable at generation');
  };
  const ajv = new Ajv({ ...FAST_OPTIONS, code: { source: true, optimize: true, lines: false } });
  ajv.addKeyword({
    keyword: LAZY_REF,
    schemaType: 'string',
    code(cxt: KeywordCxt) {
      // `ref(name)(data)`: the referenced definition's validator in the loader's minor, found on first use.
      const ref = cxt.gen.scopeValue('keyword', { ref: placeholder, code: _`ref` });
      cxt.fail(_`!${ref}(${cxt.schema as string})(${cxt.data})`);
    },
  });
  // The whole schema as the subschema of one keyword, so that ajv builds no error objects: a fast validator only
  // says whether the object is valid (ajv has no option for this at the root).
  ajv.addKeyword({
    keyword: NO_ERRORS,
    schemaType: 'object',
    code(cxt: KeywordCxt) {
      const valid = cxt.gen.name('valid');
      cxt.subschema({ keyword: NO_ERRORS, createErrors: false }, valid);
      cxt.pass(valid);
    },
  });
  const variants: { [name: string]: [string, string][] } = {};
  const ids: { [id: string]: string } = {};
  for (const name of Object.keys(definitions).sort()) {
    variants[name] = definitions[name].map(variant => {
      const id = String(Object.keys(ids).length);
      ajv.addSchema({ [NO_ERRORS]: lazyRefs(structuredClone(variant.schema)) }, id);
      ids[id] = id;
      return [variant.versions, id];
    });
  }
  // ajv's run-time helpers come from the loader (`runtime`), which resolves them from the package's own ajv; a
  // module must not resolve modules itself (the tests load modules written to a temporary directory).
  const exportsCode = standaloneCode(ajv, ids).replace(/require\(("ajv\/dist\/runtime\/[a-z0-9]+")\)/g, (_m, name: string) => {
    if (!(JSON.parse(name) in RUNTIME_HELPERS)) throw new Error(`the loader does not provide ${name}`);
    return `runtime(${name})`;
  });
  if (/\brequire\(/.test(exportsCode)) throw new Error('a generated module requires a module the loader does not provide');
  return [
    '"use strict";',
    `// Generated by scripts/gen-validators.ts from the shipped schemas; do not edit.`,
    `exports.format = ${JSON.stringify(PRECOMPILED_FORMAT)};`,
    `exports.variants = ${JSON.stringify(variants)};`,
    'exports.create = function create(ref, runtime) {',
    'const exports = {};',
    exportsCode.replace(/^"use strict";/, ''),
    'return exports;',
    '};',
    '',
  ].join('\n');
}

/**
 * Minified: ajv emits every schema it was given as a constant, most of them unused once no error objects are built,
 * and long local names; terser drops the unused ones and shortens the rest (3.5 MB -> 1.8 MB for every package).
 */
async function minified(code: string): Promise<string> {
  // terser's types are ES module ones; its CommonJS build is what `require` loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { minify } = require('terser') as typeof Terser;
  const result = await minify(code, { compress: { unused: true }, mangle: true, format: { comments: /Generated by/ } });
  if (result.code === undefined) throw new Error('terser produced no code');
  return `${result.code}\n`;
}

/**
 * Writes the modules into `outDir` (replacing it): every schema file's, or only those of `only` (`api.core.v1`).
 * @returns how many modules and bytes
 */
export async function generateValidators(outDir: string, only: readonly string[] = []): Promise<{ modules: number; bytes: number }> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  let bytes = 0;
  let count = 0;
  for (const [file, definitions] of schemaFiles()) {
    const out = moduleFileOf(file);
    if (only.length > 0 && !only.includes(out.replace(/\.js$/, ''))) continue;
    const code = await minified(moduleCode(definitions));
    fs.writeFileSync(path.join(outDir, out), code);
    bytes += Buffer.byteLength(code);
    count++;
  }
  return { modules: count, bytes };
}

async function main(): Promise<void> {
  const [outDir = path.join(__dirname, '..', 'lib', 'schema-validators'), ...only] = process.argv.slice(2);
  const { modules, bytes } = await generateValidators(outDir, only);
  console.log(`${path.relative(process.cwd(), outDir)}: ${modules} modules, ${(bytes / 1e6).toFixed(2)} MB`);
}

if (require.main === module) {
  main().catch(e => {
    console.error(e);
    process.exit(1);
  });
}
