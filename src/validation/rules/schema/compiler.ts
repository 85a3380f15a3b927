import type Ajv from 'ajv';
import type { ValidateFunction } from 'ajv';
import { JsonSchema } from './convert';

/** The keyword a `$ref` is rewritten to: validate against a definition compiled on first use. */
export const LAZY_REF = 'k8sLazyRef';

/** Where a compiler finds a definition by name: a fresh copy it may modify, or undefined. */
export type DefinitionLookup = (name: string) => JsonSchema | undefined;

/** What the schema sets need of a compiler: a definition's validate function, by name. */
export interface DefinitionCompiler {
  /** Whether this compiler (not a fallback) has the definition. */
  has(name: string): boolean;
  /** The validate function of a definition; throws when no compiler has it or it cannot be compiled. */
  compile(name: string): ValidateFunction;
  /** Compiles these definitions now; returns how many this compiler holds. */
  compileAll(names: Iterable<string>): number;
}

/** ajv options shared by every compiler; `allErrors` (with messages) only for the one that reports. */
function ajvOptions(allErrors: boolean) {
  return {
    allErrors,
    // The parent schema of an error (for the fields an object allows) and messages only where errors are reported.
    verbose: allErrors,
    messages: allErrors,
    // The shipped files are checked against the draft-07 meta-schema and in strict mode by the tests; not again at load.
    strict: false,
    validateSchema: false,
    validateFormats: false,
    addUsedSchema: false,
  } as const;
}

/** The fast compiler's ajv options (scripts/gen-validators.ts precompiles with them). */
export const FAST_OPTIONS = ajvOptions(false);

/**
 * Compiles definitions with one ajv instance, each on first use: a `$ref` becomes a call that compiles its target
 * the first time data reaches it, so a run pays only for the definitions its objects use (a DaemonSet needs a
 * fraction of the pod tree: no status, no ephemeral containers, no volume plugins it does not mount).
 *
 * The fast compiler (`allErrors: false`) stops at the first error and builds no messages; the full one, used only
 * on objects that failed, collects every error with its schema context. A definition this compiler does not have
 * is asked of `fallback` (custom resources' ObjectMeta, from the built-in schemas).
 */
export class LazyCompiler implements DefinitionCompiler {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly lookup: DefinitionLookup, allErrors: boolean, private readonly fallback?: DefinitionCompiler) {
    const compile = (name: string) => this.compile(name);
    // ajv reads a validate keyword's errors from the function itself.
    const lazyRef = function lazyRef(name: string, data: unknown, _parentSchema?: unknown, cxt?: Parameters<ValidateFunction>[1]): boolean {
      const fn = compile(name);
      // Called with the data context, so its errors carry full instance paths.
      if (fn(data, cxt)) return true;
      (lazyRef as { errors?: unknown }).errors = fn.errors;
      return false;
    };
    // Loaded on first use: most programs that import the library never validate schemas.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass: typeof Ajv = require('ajv').default;
    this.ajv = new AjvClass({ ...ajvOptions(allErrors), code: { optimize: false } });
    this.ajv.addKeyword({ keyword: LAZY_REF, schemaType: 'string', errors: true, validate: lazyRef });
  }

  /** Whether this compiler (not its fallback) has the definition. */
  public has(name: string): boolean {
    return this.compiled.has(name) || this.lookup(name) !== undefined;
  }

  /** The validate function of a definition; throws when no compiler has it or ajv cannot compile it. */
  public compile(name: string): ValidateFunction {
    let fn = this.compiled.get(name);
    if (fn) return fn;
    const schema = this.lookup(name);
    if (!schema) {
      if (this.fallback) return this.fallback.compile(name);
      throw new Error(`schema definition ${name} is missing`);
    }
    fn = this.ajv.compile(lazyRefs(schema));
    this.compiled.set(name, fn);
    return fn;
  }

  /** Compiles these definitions now; returns how many this compiler holds. */
  public compileAll(names: Iterable<string>): number {
    for (const name of names) this.compile(name);
    return this.compiled.size;
  }
}

/**
 * `{ $ref: '#/definitions/X' }` (or `k8s.json#/definitions/X`) -> `{ k8sLazyRef: 'X' }`, in place. Under
 * `properties` the keys are field names (JSONSchemaProps has fields named `$ref` and `enum`).
 */
export function lazyRefs(schema: any): any {
  if (Array.isArray(schema)) {
    schema.forEach(lazyRefs);
  } else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (k === '$ref' && typeof v === 'string') {
        delete schema.$ref;
        schema[LAZY_REF] = v.slice(v.indexOf('#/definitions/') + '#/definitions/'.length);
      } else if (k === 'properties' && v && typeof v === 'object') {
        Object.values(v).forEach(lazyRefs);
      } else if (k !== 'enum' && typeof v === 'object') {
        lazyRefs(v);
      }
    }
  }
  return schema;
}
