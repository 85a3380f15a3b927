import type { ErrorObject } from 'ajv';
import { splitKey } from './api-versions';
import { DefinitionCompiler, LazyCompiler } from './compiler';
import { JsonSchema } from './convert';
import { isCrd, readCrd } from './crds';
import { SchemaSet, validateWith } from './schema-set';
import { isObject, Manifest } from '../../../k8s/shape';

/**
 * The schemas of custom resources whose CustomResourceDefinitions a run was given: through the
 * `customResourceDefinitions` option (`--crd`) or as objects of the input itself. Their CRs are validated against
 * them, before the CRDs shipped with the library (a user's CRD may be newer); a CRD never overrides a built-in kind.
 */

/** Where a CRD came from. */
export type CrdOrigin = 'input' | 'option';

/** A CRD that cannot be used, or only in part. */
export interface CrdProblem {
  /** The CRD object (for the finding's kind and name); an empty object when the item is not an object. */
  readonly crd: Manifest;
  readonly origin: CrdOrigin;
  /** Its position in the option's list (option CRDs). */
  readonly index?: number;
  readonly message: string;
}

/** A custom resource kind the run's CRDs define. */
export interface CustomKind {
  /** `<group>/<version>/<kind>`. */
  readonly key: string;
  readonly definition: string;
  /** `metadata.name` of its CRD. */
  readonly crdName: string;
  readonly origin: CrdOrigin;
}

/** Compiled CRD sets, by content, so the same CRDs are compiled once per process (the cdk8s plugin, every synth). */
const cache = new Map<string, CustomSchemas>();
const CACHE_SIZE = 8;

/** Forgets the compiled CRD sets. @internal */
export function clearCustomSchemaCache(): void {
  cache.clear();
}

/**
 * The input's CustomResourceDefinitions. A function of its own: the loop over every object gets optimized alone, and
 * the once-per-run code after it is not compiled (and thrown away) with it on every run.
 */
function addInputCrds(objects: readonly Manifest[], sources: { crd: unknown; origin: CrdOrigin; index?: number }[]): void {
  for (let i = 0; i < objects.length; i++) {
    if (isCrd(objects[i])) sources.push({ crd: objects[i], origin: 'input' });
  }
}

/** The run's CRDs, from the option and from the input (the input's win for the same kind). */
export class CustomSchemas {
  /**
   * The custom schemas of a run, compiled once per distinct set of CRDs.
   * @param optionCrds the `customResourceDefinitions` option (anything: items that are not CRDs are problems)
   * @param objects the input; its CustomResourceDefinition objects are used too
   */
  public static of(base: SchemaSet, optionCrds: unknown, objects: readonly Manifest[]): CustomSchemas {
    const sources: { crd: unknown; origin: CrdOrigin; index?: number }[] = [];
    if (optionCrds !== undefined) {
      if (Array.isArray(optionCrds)) optionCrds.forEach((crd, index) => sources.push({ crd, origin: 'option', index }));
      else sources.push({ crd: optionCrds, origin: 'option' });
    }
    addInputCrds(objects, sources);
    const built = new CustomSchemas(base, sources);
    const contentKey = `${base.version}\u0000${JSON.stringify([...built.definitions])}`;
    const cached = cache.get(contentKey);
    if (cached) {
      // Same schemas: keep the compilers (created on first use, so ajv loads only when a custom kind is met); the
      // kinds and problems are this run's (names and objects may differ).
      built.compilers = cached.compilers;
      return built;
    }
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(contentKey, built);
    return built;
  }

  /** CRDs that cannot be used, or only in part. */
  public readonly problems: CrdProblem[] = [];
  private readonly kinds = new Map<string, CustomKind>();
  /** `<group>/<kind>` -> the versions its CRD serves, and the CRD's name. */
  private readonly servedVersions = new Map<string, { crdName: string; origin: CrdOrigin; versions: string[] }>();
  private readonly definitions = new Map<string, JsonSchema>();
  /** Shared by every run with the same schemas (see `of`). */
  private compilers: { fast?: DefinitionCompiler; full?: DefinitionCompiler } = {};

  private constructor(private readonly base: SchemaSet, sources: { crd: unknown; origin: CrdOrigin; index?: number }[]) {
    // Option CRDs first, so the input's replace them.
    const ordered = [...sources.filter(s => s.origin === 'option'), ...sources.filter(s => s.origin === 'input')];
    for (const { crd, origin, index } of ordered) {
      const reading = readCrd(crd);
      const object = isObject(crd) ? crd : {};
      const where = origin === 'option' ? `customResourceDefinitions${index === undefined ? '' : `[${index}]`}` : 'this CustomResourceDefinition';
      for (const message of reading.problems) this.problems.push({ crd: object, origin, index, message: `${where}: ${message}` });
      if (!reading.group || !reading.kind) continue;
      this.servedVersions.set(`${reading.group}/${reading.kind}`, {
        crdName: reading.name,
        origin,
        versions: reading.versions.filter(v => v.served).map(v => v.version),
      });
      for (const v of reading.versions) {
        if (!v.served || base.catalog.isServed(v.key)) continue;
        const definition = `crd:${origin}:${v.key}`;
        this.definitions.set(definition, v.schema ?? { type: 'object' });
        this.kinds.set(v.key, { key: v.key, definition, crdName: reading.name, origin });
      }
    }
  }

  /** Whether the run's CRDs define any kind. */
  public get empty(): boolean {
    return this.kinds.size === 0 && this.servedVersions.size === 0;
  }

  /** The kind the run's CRDs define for `<apiVersion>/<kind>`, matched exactly. */
  public kind(key: string): CustomKind | undefined {
    return this.kinds.get(key);
  }

  /** Every `<apiVersion>/<kind>` the run's CRDs define. */
  public keys(): string[] {
    return [...this.kinds.keys()];
  }

  /** The CRD of a group and kind, with the versions it serves (for an apiVersion it does not serve). */
  public crdOf(group: string, kind: string): { crdName: string; origin: CrdOrigin; versions: string[] } | undefined {
    return this.servedVersions.get(`${group}/${kind}`);
  }

  /** The compiler that stops at the first error (ObjectMeta and shipped definitions from the base set). */
  public get fast(): DefinitionCompiler {
    this.compilers.fast ??= new LazyCompiler(name => this.definition(name), false, this.base.fast);
    return this.compilers.fast;
  }

  /** The compiler that collects every error. */
  public get full(): DefinitionCompiler {
    this.compilers.full ??= new LazyCompiler(name => this.definition(name), true, this.base.full);
    return this.compilers.full;
  }

  /** `Widget example.com/v1 (CRD widgets.example.com)`. */
  public describe(key: string): string {
    const [apiVersion, kind] = splitKey(key);
    return `${kind} ${apiVersion} (CRD ${this.kinds.get(key)?.crdName ?? ''})`.replace(' )', ')');
  }

  /**
   * Validates a custom resource of a kind these CRDs define.
   * @returns undefined when valid, else every violation; throws when ajv cannot compile the CRD's schema
   */
  public validate(key: string, obj: Manifest): ErrorObject[] | undefined {
    return validateWith(this.fast, () => this.full, this.kinds.get(key)!.definition, obj);
  }

  private definition(name: string): JsonSchema | undefined {
    const schema = this.definitions.get(name);
    return schema ? structuredClone(schema) : undefined;
  }
}
