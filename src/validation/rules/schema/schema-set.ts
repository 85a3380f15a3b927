import type { ErrorObject } from 'ajv';
import { ApiCatalog, splitKey } from './api-versions';
import { DefinitionCompiler, LazyCompiler } from './compiler';
import { JsonSchema } from './convert';
import { PrecompiledCompiler, precompiledDir } from './precompiled';
import { compareMinor, shardFileOf, ShippedSchemas } from './store';
import { Manifest } from '../../../k8s/shape';

/**
 * The schemas of one Kubernetes minor: every built-in kind its API server creates, plus the CRDs shipped with the
 * library. Read and compiled lazily and kept for the life of the process (one per minor).
 */

let store: ShippedSchemas | undefined;
function shippedStore(): ShippedSchemas {
  store ??= new ShippedSchemas();
  return store;
}

/** Minor versions with shipped schemas, oldest first (`['1.27', ..., '1.37']`). @internal */
export function shippedSchemaVersions(): string[] {
  return shippedStore().versions();
}

/**
 * The shipped schema version used for a target Kubernetes version: its own minor when shipped; below the oldest,
 * the oldest; above the newest (or unparsable), the newest.
 * @internal
 */
export function schemaVersionFor(kubernetesVersion: string): string {
  const versions = shippedSchemaVersions();
  const m = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion.trim());
  if (!m) return versions[versions.length - 1];
  const minor = `${Number(m[1])}.${Number(m[2])}`;
  if (versions.includes(minor)) return minor;
  return compareMinor(minor, versions[0]) < 0 ? versions[0] : versions[versions.length - 1];
}

/** Compiles a root definition with the fast compiler; on failure, collects every error with the full one. */
export function validateWith(fast: DefinitionCompiler, full: () => DefinitionCompiler, root: string, obj: Manifest): ErrorObject[] | undefined {
  if (fast.compile(root)(obj)) return undefined;
  const fn = full().compile(root);
  fn(obj);
  return fn.errors ?? [];
}

/**
 * The schemas of one Kubernetes minor (built-in kinds plus the shipped CRDs).
 * @internal
 */
export class SchemaSet {
  /** Exact Kubernetes version the schemas were generated from, e.g. `1.31.14`. */
  public readonly kubernetesVersion: string;
  /** The built-in kinds of this minor: served, removed, deprecated. */
  public readonly catalog: ApiCatalog;
  /** `<apiVersion>/<kind>` -> root definition, for the served built-in kinds and the shipped CRDs. */
  private readonly roots = new Map<string, string>();
  private readonly crdKinds = new Set<string>();
  private readonly crdDefinitions: { readonly [name: string]: JsonSchema };
  private fastCompiler?: DefinitionCompiler;
  private fullCompiler?: LazyCompiler;
  /** Where this set's precompiled validators are, if any (read once, when the set is created). */
  private readonly validatorDir = precompiledDir();

  constructor(public readonly version: string, private readonly shipped: ShippedSchemas = shippedStore()) {
    const index = shipped.index;
    this.kubernetesVersion = index.versions[version]?.kubernetesVersion ?? version;
    this.catalog = new ApiCatalog(index, version);
    for (const key of this.catalog.servedKeys()) this.roots.set(key, index.kinds[key].definition);
    const crds = shipped.crds;
    this.crdDefinitions = crds.definitions;
    for (const [key, def] of Object.entries(crds.kinds)) {
      this.roots.set(key, def);
      this.crdKinds.add(key);
    }
  }

  /** The compiler that stops at the first error: precompiled at build time where available, else at run time. */
  public get fast(): DefinitionCompiler {
    if (!this.fastCompiler) {
      const runtime = () => new LazyCompiler(name => this.definition(name), false);
      const dir = this.validatorDir;
      this.fastCompiler = dir === undefined ? runtime() : new PrecompiledCompiler(dir, this.version, name => this.schemaFileOf(name), runtime);
    }
    return this.fastCompiler;
  }

  /** The compiler that collects every error. */
  public get full(): LazyCompiler {
    this.fullCompiler ??= new LazyCompiler(name => this.definition(name), true);
    return this.fullCompiler;
  }

  /** Whether `<apiVersion>/<kind>` has a schema (a served built-in kind or a shipped CRD). */
  public has(key: string): boolean {
    return this.roots.has(key);
  }

  /** Whether `<apiVersion>/<kind>` is one of the shipped CRDs. */
  public isShippedCrd(key: string): boolean {
    return this.crdKinds.has(key);
  }

  /** apiVersions that do have a schema for this kind. */
  public apiVersionsOf(kind: string): string[] {
    return this.kinds().filter(k => splitKey(k)[1] === kind).map(k => splitKey(k)[0]);
  }

  /** `DaemonSet apps/v1 (Kubernetes 1.31.14)`, `ServiceMonitor monitoring.coreos.com/v1 (CRD)`. */
  public describe(key: string): string {
    const [apiVersion, kind] = splitKey(key);
    return `${kind} ${apiVersion} (${this.crdKinds.has(key) ? 'CRD' : `Kubernetes ${this.kubernetesVersion}`})`;
  }

  /** Every `<apiVersion>/<kind>` with a schema. */
  public kinds(): string[] {
    return [...this.roots.keys()];
  }

  /**
   * Validates an object whose `<apiVersion>/<kind>` has a schema.
   * @returns undefined when valid, else every schema violation
   */
  public validate(key: string, obj: Manifest): ErrorObject[] | undefined {
    return validateWith(this.fast, () => this.full, this.roots.get(key)!, obj);
  }

  /** Compiles, for the fast path, every definition the kinds of this set reach; returns how many. */
  public compileAll(): number {
    const names = new Set<string>();
    const visit = (name: string) => {
      if (names.has(name)) return;
      names.add(name);
      walkRefs(this.definition(name), visit);
    };
    for (const root of this.roots.values()) visit(root);
    return this.fast.compileAll(names);
  }

  /** The shipped file a definition is stored in. */
  private schemaFileOf(name: string): string {
    return Object.prototype.hasOwnProperty.call(this.crdDefinitions, name) ? 'crds.json' : shardFileOf(name);
  }

  private definition(name: string): JsonSchema | undefined {
    if (Object.prototype.hasOwnProperty.call(this.crdDefinitions, name)) return structuredClone(this.crdDefinitions[name]);
    return this.shipped.definition(name, this.version);
  }
}

function walkRefs(s: unknown, visit: (name: string) => void): void {
  if (Array.isArray(s)) { s.forEach(x => walkRefs(x, visit)); return; }
  if (!s || typeof s !== 'object') return;
  for (const [k, v] of Object.entries(s)) {
    if (k === '$ref' && typeof v === 'string') visit(v.slice(v.indexOf('#/definitions/') + '#/definitions/'.length));
    else if (k === 'properties' && v && typeof v === 'object') Object.values(v).forEach(p => walkRefs(p, visit));
    else if (k !== 'enum') walkRefs(v, visit);
  }
}

const sets = new Map<string, SchemaSet>();

/**
 * The schema set for a target Kubernetes version, read once per process and version.
 * @internal
 */
export function loadSchemaSet(kubernetesVersion: string): SchemaSet {
  const version = schemaVersionFor(kubernetesVersion);
  let set = sets.get(version);
  if (!set) {
    set = new SchemaSet(version);
    sets.set(version, set);
  }
  return set;
}

/** Forgets every loaded schema set and file, so the next use reads and compiles again (benchmarks). @internal */
export function clearSchemaCache(): void {
  sets.clear();
  store = undefined;
}
