import { ApiObject } from 'cdk8s';
import { build, only } from './fixtures';
import { DaemonSetsError } from '../../../src/errors';

// clusterRoleName / clusterRoleBindingName and the handles of both objects.

test('without names, the ClusterRole and ClusterRoleBinding keep the names cdk8s generates from the construct path', () => {
  const { ds, objects } = build({ metadata: { name: 'logs', namespace: 'logging' } });
  const role = only(objects, 'ClusterRole');
  const binding = only(objects, 'ClusterRoleBinding');
  expect(role.metadata.name).toBe('logging-logs-clusterrole');
  expect(binding.metadata.name).toBe('logging-logs-clusterrole-clusterrolebinding');
  expect(ApiObject.of(ds.clusterRole!).toJson()).toEqual(role);
  expect(ApiObject.of(ds.clusterRoleBinding!).toJson()).toEqual(binding);
});

test('clusterRoleName and clusterRoleBindingName name both objects; the binding refers to the named role', () => {
  const { ds, objects } = build({ metadata: { name: 'logs', namespace: 'logging' }, clusterRoleName: 'system:fluent-bit', clusterRoleBindingName: 'fluent-bit' });
  const role = only(objects, 'ClusterRole');
  const binding = only(objects, 'ClusterRoleBinding');
  expect(role.metadata.name).toBe('system:fluent-bit');
  expect(binding.metadata.name).toBe('fluent-bit');
  expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:fluent-bit' });
  expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: 'logs', namespace: 'logging' }]);
  // The handles are the objects written: a patch on them reaches the YAML.
  ApiObject.of(ds.clusterRoleBinding!).metadata.addLabel('team', 'logs');
  expect(ApiObject.of(ds.clusterRoleBinding!).toJson().metadata.labels.team).toBe('logs');
});

test('with rbac false there is neither object nor handle', () => {
  const { ds, objects } = build({ rbac: false });
  expect(objects.filter(o => o.kind.startsWith('ClusterRole'))).toEqual([]);
  expect(ds.clusterRole).toBeUndefined();
  expect(ds.clusterRoleBinding).toBeUndefined();
});

test.each([
  ['clusterRoleName', 'a/b', /clusterRoleName: 'a\/b' is not an RBAC name: it may not contain '\/'/],
  ['clusterRoleBindingName', '..', /clusterRoleBindingName: '\.\.' is not an RBAC name: it may not be '\.\.'/],
  ['clusterRoleName', '100%', /clusterRoleName: '100%' is not an RBAC name: it may not contain '%'/],
  ['clusterRoleBindingName', '', /clusterRoleBindingName/],
])('%s %j is refused with a DaemonSetsError', (field, value, message) => {
  expect(() => build({ [field]: value })).toThrow(DaemonSetsError);
  expect(() => build({ [field]: value })).toThrow(message);
});
