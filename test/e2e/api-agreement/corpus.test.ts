/**
 * The API-agreement corpus (unit tier, no API server): deterministic, large enough, one change per mutant,
 * and covering issue 16's cases.
 */
import { BASE_KINDS, Corpus, generateCorpus } from './corpus';
import { Segment, differingPlaces, formatPath, getAt } from './json-path';

let corpus: Corpus;
let byBase: Map<string, any>;

beforeAll(() => {
  corpus = generateCorpus();
  byBase = new Map(corpus.bases.map((b) => [b.id, b.object]));
});

describe('the corpus', () => {
  test('is deterministic: the same ids, in the same order, for the same objects', () => {
    const again = generateCorpus();
    expect(again.mutants.map((m) => m.id)).toEqual(corpus.mutants.map((m) => m.id));
    const digest = (c: Corpus) => c.mutants.map((m) => JSON.stringify(m.object).length).join(',');
    expect(digest(again)).toEqual(digest(corpus));
    expect(again.bases.map((b) => b.id)).toEqual(corpus.bases.map((b) => b.id));
  });

  test('has at least 1,500 mutants, unique ids, and mutants of every base kind', () => {
    expect(corpus.mutants.length).toBeGreaterThanOrEqual(1500);
    const ids = corpus.mutants.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const kinds = new Set(corpus.mutants.map((m) => `${byBase.get(m.base).apiVersion}/${byBase.get(m.base).kind}`));
    expect([...BASE_KINDS].filter((k) => !kinds.has(k))).toEqual([]);
  });

  test('names each mutant <base>:<json path>:<mutation>', () => {
    const wrong = corpus.mutants.filter((m) => m.id !== `${m.base}:${formatPath(m.path)}:${m.mutation}`);
    expect(wrong.map((m) => m.id)).toEqual([]);
  });

  test('changes each mutant in one place: everything that differs is under its path (or the object holding the key it drops, adds or renames)', () => {
    const wrong: string[] = [];
    const under = (place: readonly Segment[], anchor: readonly Segment[]) => anchor.every((s, i) => place[i] === s);
    for (const m of corpus.mutants) {
      const places = differingPlaces(byBase.get(m.base), m.object);
      const added = getAt(byBase.get(m.base), m.path) === undefined;
      const keyChange = m.mutation === 'drop' || m.mutation.startsWith('key-') || (m.origin === 'targeted' && (m.value === undefined || added));
      const anchor = keyChange ? m.path.slice(0, -1) : m.path;
      if (places.length === 0 || !places.every((p) => under(p, anchor))) wrong.push(`${m.id}: ${places.map(formatPath).join(' | ') || 'no change'}`);
    }
    expect(wrong).toEqual([]);
  });

  test('changes a generic mutant at exactly one node: its path, or the object whose key it drops or renames', () => {
    const wrong: string[] = [];
    for (const m of corpus.mutants.filter((x) => x.origin === 'generic')) {
      const places = differingPlaces(byBase.get(m.base), m.object).map(formatPath);
      const expected = formatPath(m.mutation === 'drop' ? m.path.slice(0, -1) : m.path);
      if (places.length !== 1 || places[0] !== expected) wrong.push(`${m.id}: ${places.join(' | ') || 'no change'}`);
    }
    expect(wrong).toEqual([]);
  });

  test('changes targeted paths whose parent exists in the base (no typo creates a new branch)', () => {
    const orphans = corpus.mutants
      .filter((m) => m.origin === 'targeted')
      .filter((m) => {
        const parent = getAt(byBase.get(m.base), m.path.slice(0, -1));
        const last = m.path[m.path.length - 1];
        return parent === null || typeof parent !== 'object' || (typeof last === 'number' && !(Array.isArray(parent) && last >= 0 && last < parent.length));
      });
    expect(orphans.map((m) => m.id)).toEqual([]);
  });

  test('bounds the generic mutants with a seeded sample, keeping every targeted one', () => {
    const all = corpus.mutants.filter((m) => m.origin === 'targeted').length;
    const a = generateCorpus({ maxGeneric: 200, seed: 1 });
    const b = generateCorpus({ maxGeneric: 200, seed: 1 });
    const c = generateCorpus({ maxGeneric: 200, seed: 2 });
    expect(a.mutants.filter((m) => m.origin === 'generic')).toHaveLength(200);
    expect(a.mutants.filter((m) => m.origin === 'targeted')).toHaveLength(all);
    expect(b.mutants.map((m) => m.id)).toEqual(a.mutants.map((m) => m.id));
    expect(c.mutants.map((m) => m.id)).not.toEqual(a.mutants.map((m) => m.id));
  });
});

describe('the targeted mutants cover issue 16', () => {
  // One or more mutation names per bullet of "Misses, by kind" and "Wrong or over-strict".
  const bullets: { [bullet: string]: string[] } = {
    'numeric ranges': ['probe-period-negative', 'probe-timeout-negative', 'probe-failure-negative', 'run-as-user-2^31', 'fs-group-2^31', 'max-skew-0', 'grpc-port-70000', 'default-mode-0o1000', 'four-nameservers'],
    'DaemonSet': ['active-deadline', 'selector-empty-object', 'match-expressions-not-matching', 'exists-with-values', 'invalid-operator', 'missing-name'],
    'rolling update': ['max-unavailable-101%', 'max-unavailable--1', 'max-unavailable-1.5%', 'max-unavailable-number-minus-1'],
    'names': ['priority-class-not-dns', 'service-account-not-dns', 'runtime-class-not-dns', 'toleration-key-invalid', 'finalizer-invalid', 'annotations-300KiB'],
    'resources': ['unknown-resource-name', 'fractional-gpu-limit', 'hugepages-not-page-multiple'],
    'env': ['env-name-with-equals', 'env-name-empty', 'value-and-value-from', 'two-value-from-sources', 'field-path-unsupported', 'resource-field-unsupported'],
    'handlers': ['probe-no-handler', 'probe-two-handlers', 'lifecycle-no-handler', 'lifecycle-two-handlers'],
    'pod': ['host-alias-bad-ip', 'host-pid-and-share-process-namespace', 'seccomp-localhost-without-profile', 'sysctl-name-invalid', 'volume-two-sources', 'config-map-item-absolute-path'],
    'apiVersion/kind': ['extensions-v1beta1', 'apps-v1beta2', 'kind-lower-case'],
    'other kinds': [
      'port-0', 'port-70000', 'target-port-invalid-name', 'selector-value-invalid', 'name-upper-case', 'cluster-ip-malformed', 'two-unnamed-ports',
      'duplicate-ports', 'headless-node-port', 'key-invalid', 'same-key-in-data-and-binary-data', 'name-invalid',
    ],
    'pods the controller cannot create': ['priority-with-priority-class-name', 'repeated-container-port-under-host-network'],
    'wrong or over-strict': ['relative-mount-path', 'host-port-0', 'same-port-name-in-two-containers', 'relative-host-path', 'image-two-colons', 'image-registry-port-and-tag'],
  };

  test.each(Object.keys(bullets))('%s', (bullet) => {
    const names = new Set(corpus.mutants.filter((m) => m.origin === 'targeted').map((m) => m.mutation));
    expect(bullets[bullet].filter((n) => !names.has(n))).toEqual([]);
  });
});
