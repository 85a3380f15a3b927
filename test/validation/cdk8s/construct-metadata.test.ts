import { ConstructPaths, ManifestEntry, manifestObjectLabel } from '../../../src/validation/cdk8s/construct-metadata';

const obj = (kind: string, name: string, namespace?: string) => ({ apiVersion: 'v1', kind, metadata: { name, ...namespace ? { namespace } : {} } });
const at = (object: unknown, file: string, index: number): ManifestEntry => ({ object, file, index });

test('labels: Kind namespace/name, default for a namespaced object without one, none for cluster-scoped kinds', () => {
  expect(manifestObjectLabel(obj('DaemonSet', 'agent', 'monitoring'))).toBe('DaemonSet monitoring/agent');
  expect(manifestObjectLabel(obj('ConfigMap', 'agent'))).toBe('ConfigMap default/agent');
  expect(manifestObjectLabel(obj('ClusterRole', 'agent', 'ignored'))).toBe('ClusterRole agent');
  expect(manifestObjectLabel({ kind: 'ConfigMap' })).toBeUndefined();
});

describe('App\'s metadata (by name)', () => {
  test('a name one object holds gives its path', () => {
    const ds = at(obj('DaemonSet', 'agent', 'm'), 'a.yaml', 0);
    expect(new ConstructPaths({ agent: { path: 'c/agent/Resource' } }, [ds]).of(ds)).toBe('c/agent/Resource');
  });

  test('a shared name in one file: the path belongs to the last object cdk8s wrote; the others get none', () => {
    const ds = at(obj('DaemonSet', 'agent', 'm'), 'a.yaml', 0);
    const sa = at(obj('ServiceAccount', 'agent', 'm'), 'a.yaml', 1);
    const svc = at(obj('Service', 'agent', 'm'), 'a.yaml', 2);
    const paths = new ConstructPaths({ agent: { path: 'c/svc/Resource' } }, [ds, sa, svc]);
    expect([ds, sa, svc].map(e => paths.of(e))).toEqual([undefined, undefined, 'c/svc/Resource']);
  });

  test('a shared name across files (charts in an order the manifests do not show): no path', () => {
    const one = at(obj('DaemonSet', 'agent', 'a'), 'a.yaml', 3);
    const two = at(obj('DaemonSet', 'agent', 'b'), 'b.yaml', 0);
    const paths = new ConstructPaths({ agent: { path: 'b/agent/Resource' } }, [one, two]);
    expect([paths.of(one), paths.of(two)]).toEqual([undefined, undefined]);
  });

  test('no entry, an empty path, or a name of Object.prototype: no path', () => {
    const ctor = at(obj('ConfigMap', 'constructor', 'm'), 'a.yaml', 0);
    const empty = at(obj('ConfigMap', 'empty', 'm'), 'a.yaml', 1);
    const paths = new ConstructPaths({ empty: { path: '' } }, [ctor, empty]);
    expect([paths.of(ctor), paths.of(empty)]).toEqual([undefined, undefined]);
  });
});

test('DaemonSetsApp\'s exact entries win over the entry by name', () => {
  const ds = at(obj('DaemonSet', 'agent', 'm'), 'a.yaml', 0);
  const svc = at(obj('Service', 'agent', 'm'), 'a.yaml', 1);
  const paths = new ConstructPaths({
    'agent': { path: 'c/svc/Resource' },
    'DaemonSet m/agent': { path: 'c/agent/Resource' },
    'Service m/agent': { path: 'c/svc/Resource' },
  }, [ds, svc]);
  expect([paths.of(ds), paths.of(svc)]).toEqual(['c/agent/Resource', 'c/svc/Resource']);
});
