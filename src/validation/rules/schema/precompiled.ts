import * as fs from 'fs';
import * as path from 'path';
import type { ValidateFunction } from 'ajv';
import { DefinitionCompiler } from './compiler';
import { inRanges } from './store';
import { packagePaths } from '../../../k8s/package-paths';

/**
 * The fast validators precompiled at build time (scripts/gen-validators.ts, issue 17): ajv standalone code for every
 * variant of every shipped definition, one module per schema file, loaded on first use. A synthesis that only meets
 * precompiled definitions never loads ajv's compiler. A definition without a precompiled validator (a module that
 * is missing or of another format, a user's CRD) is compiled at run time by the fallback, with the same result.
 *
 * A large schema file's module (core/v1: 0.55 MB, ~10 ms to compile, issue 17) is split: the module holds the
 * variants and, per variant, the file of its part (`api.core.v1/io.k8s.api.core.v1.PodSpec.3.js`); a part is
 * loaded when its validator is first asked for, so a DaemonSet loads the variants its pod template reaches in
 * one minor rather than every core/v1 definition in every minor.
 */

/** The format of the generated modules; a module of another format is ignored. @internal */
export const PRECOMPILED_FORMAT = 1;

/**
 * The ajv run-time helpers generated code may use, by module name; resolved from the package's own ajv when a
 * module asks (none of them loads ajv's compiler).
 * @internal
 */
export const RUNTIME_HELPERS: { readonly [name: string]: () => unknown } = {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  'ajv/dist/runtime/ucs2length': () => require('ajv/dist/runtime/ucs2length'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  'ajv/dist/runtime/equal': () => require('ajv/dist/runtime/equal'),
};

function runtimeHelper(name: string): unknown {
  const helper = Object.prototype.hasOwnProperty.call(RUNTIME_HELPERS, name) ? RUNTIME_HELPERS[name] : undefined;
  if (!helper) throw new Error(`precompiled validators asked for ${name}, which the loader does not provide`);
  return helper();
}

/** `lib/schema-validators/`, written after the jsii build; absent when running from `src/` (ts-node, ts-jest). */
const BUILT_DIR = path.join(packagePaths(__dirname).moduleDir, 'schema-validators');

/** Set by tests and benchmarks: another directory, or `false` for none. */
let dirOverride: string | false | undefined;

/**
 * Where the precompiled validators are read from: `lib/schema-validators`, unless overridden here or turned off with
 * `CDK8S_DAEMONSETS_PRECOMPILED=off` (benchmarks compare both). Returns undefined when there are none.
 * @internal
 */
export function precompiledDir(): string | undefined {
  if (dirOverride !== undefined) return dirOverride === false ? undefined : dirOverride;
  if (process.env.CDK8S_DAEMONSETS_PRECOMPILED === 'off') return undefined;
  return fs.existsSync(BUILT_DIR) ? BUILT_DIR : undefined;
}

/**
 * Uses the validators in `dir` (`false`: none; `undefined`: the default) for schema sets created from now on.
 * @internal
 */
export function usePrecompiledValidators(dir: string | false | undefined): void {
  dirOverride = dir;
}

/** The module of a schema file: `k8s-defs-api.apps.v1.json` -> `api.apps.v1.js`, `crds.json` -> `crds.js`. @internal */
export function moduleFileOf(schemaFile: string): string {
  return `${schemaFile.replace(/^k8s-defs-/, '').replace(/\.json$/, '')}.js`;
}

/** Every variant's validate function by id, `ref` bound to one minor. */
type CreateValidators = (ref: (name: string) => ValidateFunction, runtime: (name: string) => unknown) => { readonly [id: string]: ValidateFunction };

/** What a generated module exports: `create` (one module), or `parts` (a split module). */
interface PrecompiledModule {
  readonly format: number;
  /** Definition -> `[minors, id]` per variant (`*`: every minor). */
  readonly variants: { readonly [name: string]: [string, string][] };
  readonly create?: CreateValidators;
  /** A split module: variant id -> the file of its part (relative to the module's directory), which exports `create`. */
  readonly parts?: { readonly [name: string]: string };
}

/** One module, bound to this compiler's minor on first use; a split module's functions grow as its parts load. */
interface LoadedModule {
  readonly variants: PrecompiledModule['variants'];
  readonly functions: { [id: string]: ValidateFunction };
  readonly parts?: PrecompiledModule['parts'];
  /** The parts loaded so far. */
  readonly loadedParts: Set<string>;
}

/**
 * The fast validators of one Kubernetes minor: precompiled where the build made them, else from `fallback`
 * (created on first need, so ajv loads only then).
 * @internal
 */
export class PrecompiledCompiler implements DefinitionCompiler {
  /** Definitions served from precompiled code, and from the fallback (tests and benchmarks read these). */
  public readonly counts = { precompiled: 0, fallback: 0 };
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly modules = new Map<string, LoadedModule | undefined>();
  private fallbackCompiler?: DefinitionCompiler;

  /**
   * @param dir the directory of the generated modules
   * @param minor the Kubernetes minor whose variants to use (`1.31`)
   * @param schemaFileOf the schema file a definition is stored in
   * @param fallback the run-time compiler, for what is not precompiled
   */
  constructor(
    private readonly dir: string,
    private readonly minor: string,
    private readonly schemaFileOf: (name: string) => string,
    private readonly fallback: () => DefinitionCompiler,
  ) {}

  public has(name: string): boolean {
    return this.compiled.has(name) || this.precompiled(name) !== undefined || this.runtime.has(name);
  }

  public compile(name: string): ValidateFunction {
    let fn = this.compiled.get(name);
    if (fn) return fn;
    fn = this.precompiled(name);
    if (fn) {
      this.counts.precompiled++;
    } else {
      fn = this.runtime.compile(name);
      this.counts.fallback++;
    }
    this.compiled.set(name, fn);
    return fn;
  }

  public compileAll(names: Iterable<string>): number {
    for (const name of names) this.compile(name);
    return this.compiled.size;
  }

  private get runtime(): DefinitionCompiler {
    this.fallbackCompiler ??= this.fallback();
    return this.fallbackCompiler;
  }

  private precompiled(name: string): ValidateFunction | undefined {
    const loaded = this.load(moduleFileOf(this.schemaFileOf(name)));
    const id = loaded?.variants[name]?.find(([versions]) => versions === '*' || inRanges(versions, this.minor))?.[1];
    if (id === undefined) return undefined;
    const part = loaded!.parts?.[id];
    if (part !== undefined && !loaded!.loadedParts.has(part)) {
      loaded!.loadedParts.add(part);
      const file = path.join(this.dir, part);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = fs.existsSync(file) ? require(file) as { create?: CreateValidators } : {};
      if (typeof mod.create === 'function') Object.assign(loaded!.functions, mod.create(ref => this.compile(ref), runtimeHelper));
    }
    return loaded!.functions[id];
  }

  private load(file: string): LoadedModule | undefined {
    if (this.modules.has(file)) return this.modules.get(file);
    let loaded: LoadedModule | undefined;
    const p = path.join(this.dir, file);
    if (fs.existsSync(p)) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(p) as PrecompiledModule;
      if (mod.format === PRECOMPILED_FORMAT && typeof mod.create === 'function') {
        loaded = { variants: mod.variants, functions: mod.create(ref => this.compile(ref), runtimeHelper), loadedParts: new Set() };
      } else if (mod.format === PRECOMPILED_FORMAT && mod.parts) {
        loaded = { variants: mod.variants, functions: {}, parts: mod.parts, loadedParts: new Set() };
      }
    }
    this.modules.set(file, loaded);
    return loaded;
  }
}
