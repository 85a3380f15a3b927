import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { es, only } from './fixtures';
import { LogCollectorDaemonSet } from '../../../src/presets/log-collector';
import { validateManifests } from '../../../src/validation/engine';

// The ClusterRoleBinding's ServiceAccount subject names the namespace the ServiceAccount lands in:
// the API server refuses a ServiceAccount subject without one (ValidateRoleBindingSubject).

test('without any namespace, the subject names `default`, where the ServiceAccount lands', () => {
  const chart = Testing.chart();
  new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()] });
  const objects = Testing.synth(chart);
  const sa = only(objects, 'ServiceAccount');
  expect(sa.metadata.namespace).toBeUndefined();
  expect(only(objects, 'ClusterRoleBinding').subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: sa.metadata.name, namespace: 'default' }]);
  expect(validateManifests(objects).errors).toEqual([]);
});

test('the chart\'s namespace is the subject\'s namespace', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'observability' });
  new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()] });
  const objects = Testing.synth(chart);
  expect(only(objects, 'ClusterRoleBinding').subjects[0].namespace).toBe('observability');
});

test('a given ServiceAccount without a namespace is bound in `default`; one with a namespace keeps it', () => {
  const chart = Testing.chart();
  const bare = kplus.ServiceAccount.fromServiceAccountName(chart, 'bare', 'fluent-bit');
  new LogCollectorDaemonSet(chart, 'a', { outputs: [es()], serviceAccount: bare });
  const placed = kplus.ServiceAccount.fromServiceAccountName(chart, 'placed', 'fluent-bit', { namespaceName: 'ops' });
  new LogCollectorDaemonSet(chart, 'b', { outputs: [es()], serviceAccount: placed, stateDirectory: '/var/lib/fluent-bit-b' });
  const bindings = Testing.synth(chart).filter(o => o.kind === 'ClusterRoleBinding');
  expect(bindings.map(b => b.subjects[0].namespace)).toEqual(['default', 'ops']);
});
