import { Chart, Testing } from 'cdk8s';
import { SELECTOR_LABEL, ofKind, synthDaemonSet } from './synth';
import { DaemonSet } from '../../src';

// DaemonSet: basics.

test('name, namespace, labels and annotations are emitted as given', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'node-agent', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'agent', 'tier': 'node' }, annotations: { team: 'sre' } },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const ds = synthDaemonSet(chart);
  expect(ds.apiVersion).toEqual('apps/v1');
  expect(ds.metadata.name).toEqual('node-agent');
  expect(ds.metadata.namespace).toEqual('monitoring');
  expect(ds.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'agent', 'tier': 'node' });
  expect(ds.metadata.annotations).toEqual({ team: 'sre' });
});

test('namespace defaults to the chart namespace', () => {
  const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const ds = synthDaemonSet(chart);
  expect(ds.metadata.namespace).toEqual('kube-system');
  expect(ds.metadata.name).toMatch(/^agents-ds-[0-9a-f]{8}$/);
});

test('description and changeCause become kubernetes.io annotations', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { annotations: { team: 'sre' } },
    description: 'Ships node logs to Elasticsearch',
    changeCause: 'bump agent to 1.4.2',
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const ds = synthDaemonSet(chart);
  expect(ds.metadata.annotations).toEqual({
    'team': 'sre',
    'kubernetes.io/description': 'Ships node logs to Elasticsearch',
    'kubernetes.io/change-cause': 'bump agent to 1.4.2',
  });
});

test('pod template labels and annotations come from podMetadata, next to the selector labels', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    podMetadata: { labels: { 'app.kubernetes.io/name': 'agent' }, annotations: { 'sidecar.istio.io/inject': 'false' } },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const ds = synthDaemonSet(chart);
  // The selector comes from the name: the podMetadata's app.kubernetes.io/name, and the DaemonSet's name as instance.
  const selector = { 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': ds.metadata.name };
  expect(ds.spec.selector).toEqual({ matchLabels: selector });
  expect(ds.spec.template.metadata.labels).toEqual(selector);
  expect(ds.spec.template.metadata.labels[SELECTOR_LABEL]).toBeUndefined();
  expect(ds.spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
});

describe('rejects bad basics input', () => {
  test('names must be DNS-1123 and unique per namespace', () => {
    expect(() => new DaemonSet(Testing.chart(), 'ds', { metadata: { name: 'Node_Agent' } })).toThrow(/metadata\.name: 'Node_Agent' must consist of lower-case alphanumerics/);

    const chart = Testing.chart();
    new DaemonSet(chart, 'a', { metadata: { name: 'agent', namespace: 'monitoring' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    new DaemonSet(chart, 'b', { metadata: { name: 'agent', namespace: 'monitoring' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    expect(() => Testing.synth(chart)).toThrow(/DaemonSet 'test\/a': name 'agent' is also used by 'test\/b[^']*' in namespace 'monitoring'; DaemonSet names must be unique per namespace/);

    const chart2 = Testing.chart();
    new DaemonSet(chart2, 'a', { metadata: { name: 'agent', namespace: 'monitoring' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    new DaemonSet(chart2, 'b', { metadata: { name: 'agent', namespace: 'logging' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    expect(ofKind(Testing.synth(chart2), 'DaemonSet').map(d => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual(['monitoring/agent', 'logging/agent']);
  });

  test('no namespace means the default namespace when checking name uniqueness', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'a', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    new DaemonSet(chart, 'b', { metadata: { name: 'agent', namespace: 'default' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    expect(() => Testing.synth(chart)).toThrow(/DaemonSet names must be unique per namespace/);
  });
});
