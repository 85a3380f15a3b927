import { Chart, Testing } from 'cdk8s';
import { SELECTOR_LABEL, ofKind, synthDaemonSet } from './synth';
import { DaemonSet } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: metadata (name, namespace, labels, annotations, description, change cause).

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

describe('rejects bad metadata input', () => {
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

  test('metadata.name that is not a DNS-1123 subdomain is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      metadata: { name: 'Node_Agent' },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/^DaemonSet 'test\/ds': metadata\.name: 'Node_Agent' must consist of lower-case alphanumerics, '-' or '\.'.*DNS-1123 subdomain/);
  });

  test('metadata.namespace that is not a DNS-1123 label is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      metadata: { namespace: 'kube.system' },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': metadata\.namespace: 'kube\.system' must consist of lower-case alphanumerics or '-'.*DNS-1123 label/);
  });

  test('label key with a space is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      metadata: { labels: { 'node agent': 'yes' } },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': metadata\.labels: label key 'node agent' must consist of alphanumerics, '-', '_' or '\.'/);
  });

  test('label key with two slashes is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      podMetadata: { labels: { 'example.com/team/name': 'infra' } },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': podMetadata\.labels: label key 'example\.com\/team\/name' may contain at most one '\/'/);
  });

  test('label value longer than 63 characters is rejected', () => {
    const chart = Testing.chart();
    const value = 'v'.repeat(64);
    expect(() => new DaemonSet(chart, 'ds', {
      metadata: { labels: { app: value } },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(new RegExp(`DaemonSet 'test/ds': metadata\\.labels: label 'app' value '${value}' is 64 characters long; at most 63 are allowed`));
  });

  test('label value with a slash is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      metadata: { labels: { app: 'node/agent' } },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': metadata\.labels: label 'app' value 'node\/agent' must be empty or consist of alphanumerics/);
  });

  test('annotation key with a space is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      metadata: { annotations: { 'owned by': 'infra' } },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': metadata\.annotations: annotation key 'owned by' must consist of alphanumerics/);
  });

  test('two DaemonSets with the same metadata.name in one namespace are rejected at synthesis', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: IMAGE }] });
    new DaemonSet(chart, 'other', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => Testing.synth(chart))
      .toThrow(/DaemonSet 'test\/ds': name 'agent' is also used by 'test\/other' in namespace 'default'; DaemonSet names must be unique per namespace/);
  });

  test('a DaemonSet without a namespace and one in namespace default with the same name are rejected at synthesis', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: IMAGE }] });
    new DaemonSet(chart, 'other', { metadata: { name: 'agent', namespace: 'default' }, containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => Testing.synth(chart))
      .toThrow(/DaemonSet 'test\/ds': name 'agent' is also used by 'test\/other' in namespace 'default'; DaemonSet names must be unique per namespace/);
  });
});

test('two DaemonSets with the same name in different namespaces are accepted', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { metadata: { name: 'agent', namespace: 'a' }, containers: [{ name: 'agent', image: IMAGE }] });
  new DaemonSet(chart, 'other', { metadata: { name: 'agent', namespace: 'b' }, containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => Testing.synth(chart)).not.toThrow();
});
