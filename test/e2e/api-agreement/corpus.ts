/**
 * The API-agreement corpus: valid base objects (library-built, the examples' committed YAML, hand-written)
 * and single-change mutants of them, each with a stable id `<base>:<json-path>:<mutation>`.
 *
 * Deterministic: the same sources give the same mutants in the same order. Generic mutants are deduplicated
 * by (apiVersion, kind, path with array indices and map keys generalised, mutation) so that, say, the tenth
 * label value of the tenth DaemonSet does not cost a request; a seeded sample then bounds the total.
 */
import * as path from 'path';
import { handWrittenBases } from './bases-hand-written';
import { libraryBases } from './bases-library';
import { wideBases } from './bases-wide';
import { Change, genericChanges } from './generic-mutations';
import { Segment, formatPath, getAt, withKeyRenamed, withValueAt } from './json-path';
import { targetedChanges } from './targeted-mutations';
import { REPO, exampleDistDirs, loadManifests } from '../fixtures';

/** The namespace every namespaced base lives in (the oracle creates it). */
export const CORPUS_NAMESPACE = 'api-agreement';

/** The seed of the sample of generic mutants. */
export const DEFAULT_SEED = 16;

/**
 * The most generic mutants the corpus keeps (after deduplication). Far above today's ~10,000, so sampling
 * only happens when asked (`--max-generic` for a quick look) and a growing base never silently swaps
 * mutants (and their ids) in and out; ~10,000 cases take ~20 s on two cores.
 */
export const DEFAULT_MAX_GENERIC = 20000;

/** Built-in kinds the corpus takes bases of (the examples also hold prometheus-operator CRD objects). */
export const BASE_KINDS = new Set([
  'v1/Service', 'v1/ConfigMap', 'v1/Secret', 'v1/ServiceAccount', 'v1/Namespace', 'v1/Pod', 'v1/ResourceQuota',
  'v1/LimitRange', 'apps/v1/DaemonSet', 'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'networking.k8s.io/v1/NetworkPolicy', 'scheduling.k8s.io/v1/PriorityClass', 'policy/v1/PodDisruptionBudget',
]);

const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PriorityClass']);

/** A valid object the mutants start from. */
export interface Base {
  /** `<source>/<Kind>/<name>`, e.g. `lib-agent/DaemonSet/agent`, `examples/basic/Service/node-agent-metrics`. */
  readonly id: string;
  readonly object: any;
}

/** One single-change mutant of a base. */
export interface Mutant {
  /** `<base id>:<json path>:<mutation>`, stable across runs. */
  readonly id: string;
  readonly base: string;
  /** Where the change is (for key renames and field drops: the object holding the key). */
  readonly path: readonly Segment[];
  readonly mutation: string;
  /** 'generic' (the field walk) or 'targeted' (issue 16's list). */
  readonly origin: 'generic' | 'targeted';
  /** The new value at `path` (undefined for removals; key renames give the renamed object). */
  readonly value: unknown;
  readonly object: any;
}

/** The corpus: bases and mutants. */
export interface Corpus {
  readonly bases: Base[];
  readonly mutants: Mutant[];
}

/** Options of `generateCorpus`. */
export interface CorpusOptions {
  /** @default DEFAULT_SEED */
  readonly seed?: number;
  /** @default DEFAULT_MAX_GENERIC */
  readonly maxGeneric?: number;
}

/** Every base, namespaced into CORPUS_NAMESPACE, sorted by nothing but source order; ids are unique. */
export function corpusBases(): Base[] {
  const quiet = console.warn;
  // The library validates what it synthesizes and prints its warnings; they are not this corpus's concern.
  console.warn = () => undefined;
  let library: Base[];
  try {
    library = libraryBases(CORPUS_NAMESPACE);
  } finally {
    console.warn = quiet;
  }
  const examples: Base[] = exampleDistDirs().flatMap((dir) => {
    const source = path.relative(REPO, dir).split(path.sep).filter((s) => s !== 'dist').join('/');
    return loadManifests(dir).map((object) => ({ id: `${source}/${object.kind}/${object.metadata?.name}`, object }));
  });
  const seen = new Set<string>();
  const out: Base[] = [];
  for (const b of [...library, ...examples, ...handWrittenBases(CORPUS_NAMESPACE), ...wideBases(CORPUS_NAMESPACE)]) {
    if (!BASE_KINDS.has(`${b.object.apiVersion}/${b.object.kind}`) || seen.has(b.id)) continue;
    seen.add(b.id);
    const object = JSON.parse(JSON.stringify(b.object));
    if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = CORPUS_NAMESPACE;
    out.push({ id: b.id, object });
  }
  return out;
}

/** The path with array indices as `[*]` (map keys stay: a label key and a resource name are different fields). */
function generalPath(p: readonly Segment[]): string {
  return formatPath(p.map((s) => (typeof s === 'number' ? -1 : s))).replace(/\[-1\]/g, '[*]');
}

function applyChange(base: any, c: Change): { object: any; value: unknown } {
  if (c.renameKey) {
    const object = withKeyRenamed(base, c.path, c.renameKey.from, c.renameKey.to);
    return { object, value: getAt(object, c.path) };
  }
  return { object: withValueAt(base, c.path, c.value), value: c.value };
}

/** The Park–Miller "minimal standard" generator (x ← 48271·x mod 2³¹−1): the corpus's only randomness, seeded. */
function parkMiller(seed: number): () => number {
  const m = 2147483647;
  let x = ((Math.abs(Math.trunc(seed)) % (m - 1)) + 1);
  return () => {
    x = (x * 48271) % m;
    return (x - 1) / (m - 1);
  };
}

/** Keeps `max` of `items` chosen by a seeded shuffle, in their original order. */
function sample<T>(items: T[], max: number, seed: number): T[] {
  if (items.length <= max) return items;
  const random = parkMiller(seed);
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const keep = new Set(order.slice(0, max));
  return items.filter((_, i) => keep.has(i));
}

/** The generic mutants of every base, deduplicated by general path and mutation per kind. */
function genericMutants(bases: Base[]): Mutant[] {
  const seen = new Set<string>();
  const out: Mutant[] = [];
  for (const b of bases) {
    for (const c of genericChanges(b.object)) {
      const key = `${b.object.apiVersion}/${b.object.kind}|${generalPath(c.path)}|${c.mutation}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { object, value } = applyChange(b.object, c);
      out.push({ id: `${b.id}:${formatPath(c.path)}:${c.mutation}`, base: b.id, path: c.path, mutation: c.mutation, origin: 'generic', value, object });
    }
  }
  return out;
}

/** The targeted mutants (issue 16's lists); a change naming a missing base fails loudly. */
function targetedMutants(bases: Base[]): Mutant[] {
  const byId = new Map(bases.map((b) => [b.id, b.object]));
  return targetedChanges(byId).map((t) => {
    const base = byId.get(t.base);
    if (!base) throw new Error(`targeted mutation ${t.mutation} names base ${t.base}, which the corpus does not have`);
    const value = typeof t.value === 'function' ? (t.value as (c: unknown, b: unknown) => unknown)(getAt(base, t.path), base) : t.value;
    return {
      id: `${t.base}:${formatPath(t.path)}:${t.mutation}`,
      base: t.base,
      path: t.path,
      mutation: t.mutation,
      origin: 'targeted' as const,
      value,
      object: withValueAt(base, t.path, value),
    };
  });
}

/** The bases and their mutants: every targeted one, then a seeded sample of the generic ones; ids are unique. */
export function generateCorpus(options: CorpusOptions = {}): Corpus {
  const bases = corpusBases();
  const targeted = targetedMutants(bases);
  const taken = new Set(targeted.map((m) => m.id));
  const candidates = genericMutants(bases).filter((m) => !taken.has(m.id));
  const generic = sample(candidates, options.maxGeneric ?? DEFAULT_MAX_GENERIC, options.seed ?? DEFAULT_SEED);
  return { bases, mutants: [...targeted, ...generic] };
}
