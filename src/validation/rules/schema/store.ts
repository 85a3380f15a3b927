import * as fs from 'fs';
import * as path from 'path';
import { JsonSchema } from './convert';
import { packagePaths } from '../../../k8s/package-paths';

/**
 * The schemas shipped in `schemas/` (written by `scripts/gen-k8s-schemas.ts`), read lazily:
 *
 * - `k8s-index.json`: the supported Kubernetes minors and their sources, every built-in kind the API server of
 *   some supported minor creates (`<apiVersion>/<kind>` -> its root definition, the minors that serve it, the
 *   minors in which it is deprecated), and the kinds removed before the oldest supported minor;
 * - `k8s-defs-<package>.json`: the definitions of one Go package (`api.apps.v1`, `apimachinery.pkg.apis.meta.v1`
 *   ...), each as the few variants that differ between minors, with the minors each variant belongs to. A
 *   definition identical in every minor is stored once;
 * - `crds.json`: the CustomResourceDefinitions shipped with the library.
 *
 * A shard is read the first time a definition of its package is needed, so a run reads only what its objects use.
 * This is the one place that knows the file layout: precompiled validators (issue 17) can replace `definition()`.
 */

/** `schemas/`, beside `src/` and `lib/`, so the same path works under ts-jest, after the jsii build and in the bundle. */
export const SCHEMA_DIR = path.join(packagePaths(__dirname).packageDir, 'schemas');

/** The index file. */
export const INDEX_FILE = 'k8s-index.json';

/** Where a supported minor's schemas come from. */
export interface VersionEntry {
  /** Exact Kubernetes version the schemas were generated from, e.g. `1.31.14`. */
  readonly kubernetesVersion: string;
  readonly [key: string]: unknown;
}

/** A minor range in which a served kind is deprecated (apiserver's deprecation.WarningMessage parts). */
export interface DeprecationEntry {
  /** The minors (`1.29-1.31`) in which the API server warns. */
  readonly versions: string;
  /** The minor in which it was deprecated. */
  readonly since: string;
  /** The minor that no longer serves it, when announced. */
  readonly removed?: string;
  /** `<apiVersion>/<kind>` to use instead, when upstream names one. */
  readonly replacement?: string;
}

/** A built-in kind in the index. */
export interface KindEntry {
  /** Root definition name. */
  readonly definition: string;
  /** The minors whose API server creates it (`1.27-1.37`, `1.29-1.32,1.35`). */
  readonly served: string;
  /** Deprecation, by minor. */
  readonly deprecated?: DeprecationEntry[];
  /** `<apiVersion>/<kind>` upstream names as its replacement (k8s.io/api prerelease-lifecycle tags), if any. */
  readonly replacement?: string;
}

/** A kind removed before the oldest supported minor (the deprecation guide's table). */
export interface RemovedEntry {
  /** The minor that stopped serving it. */
  readonly removed: string;
  /** `<apiVersion>/<kind>` to use instead; none when upstream offers none. */
  readonly replacement?: string;
  /** What to do instead when there is no replacement API. */
  readonly note?: string;
}

/** The parsed `k8s-index.json`. */
export interface SchemaIndex {
  readonly header: { readonly [key: string]: unknown };
  readonly versions: { readonly [minor: string]: VersionEntry };
  readonly kinds: { readonly [apiVersionKind: string]: KindEntry };
  readonly removedBefore: { readonly [apiVersionKind: string]: RemovedEntry };
}

/** One variant of a definition: its schema and the minors it belongs to. */
interface Variant {
  readonly versions: string;
  readonly schema: JsonSchema;
}

/** The parsed `crds.json`. */
export interface CrdFile {
  readonly header: { readonly [key: string]: unknown };
  /** `<apiVersion>/<kind>` -> definition name. */
  readonly kinds: { readonly [apiVersionKind: string]: string };
  readonly definitions: { readonly [name: string]: JsonSchema };
}

/** `1.9` < `1.27` < `1.37`. */
export function compareMinor(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** Whether `minor` is in `ranges` (`1.27-1.31,1.33`). */
export function inRanges(ranges: string, minor: string): boolean {
  return parseRanges(ranges).some(([from, to]) => compareMinor(from, minor) <= 0 && compareMinor(minor, to) <= 0);
}

/** `1.27-1.31,1.33` -> `[['1.27', '1.31'], ['1.33', '1.33']]`. */
export function parseRanges(ranges: string): [string, string][] {
  return ranges.split(',').filter(r => r.length > 0).map(r => {
    const [from, to = from] = r.split('-');
    return [from, to];
  });
}

/** The file of a definition's package: `io.k8s.api.apps.v1.DaemonSet` -> `k8s-defs-api.apps.v1.json`. */
export function shardFileOf(definition: string): string {
  const pkg = definition.slice(0, definition.lastIndexOf('.')).replace(/^io\.k8s\./, '');
  return `k8s-defs-${pkg}.json`;
}

/** The shipped schemas, read on first use. */
export class ShippedSchemas {
  private indexCache?: SchemaIndex;
  private crdCache?: CrdFile;
  private readonly shards = new Map<string, { readonly [name: string]: Variant[] } | undefined>();

  constructor(private readonly dir: string = SCHEMA_DIR) {}

  /** The index. */
  public get index(): SchemaIndex {
    this.indexCache ??= readJson(path.join(this.dir, INDEX_FILE)) as SchemaIndex;
    return this.indexCache;
  }

  /** The shipped CRDs. */
  public get crds(): CrdFile {
    this.crdCache ??= readJson(path.join(this.dir, 'crds.json')) as CrdFile;
    return this.crdCache;
  }

  /** Supported minors, oldest first. */
  public versions(): string[] {
    return Object.keys(this.index.versions).sort(compareMinor);
  }

  /** A definition's schema in a minor (a fresh copy the caller may modify), or undefined when it has none there. */
  public definition(name: string, minor: string): JsonSchema | undefined {
    const file = shardFileOf(name);
    if (!this.shards.has(file)) {
      const p = path.join(this.dir, file);
      this.shards.set(file, fs.existsSync(p) ? (readJson(p) as { definitions: { [name: string]: Variant[] } }).definitions : undefined);
    }
    const variant = this.shards.get(file)?.[name]?.find(v => inRanges(v.versions, minor));
    return variant ? structuredClone(variant.schema) : undefined;
  }
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}
