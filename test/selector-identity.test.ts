import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DaemonSet, DaemonSetProps, DaemonSetsErrors, LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet } from '../src';
import { labelValueFromName } from '../src/selector-labels';

const IMAGE = 'registry.example.com/agent:1.4.2';
const ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

type Build = (scope: Construct, id: string) => void;

const generic: Build = (scope, id) => {
  const ds = new DaemonSet(scope, id, {
    metadata: { name: 'node-agent' },
    containers: [{ name: 'agent', image: IMAGE, ports: [{ number: 9400, name: 'metrics' }] }],
    isolate: true,
  });
  ds.exposeViaService();
};
const nodeExporter: Build = (scope, id) => {
  new NodeExporterDaemonSet(scope, id, { metadata: { name: 'host-metrics' }, service: true, serviceMonitor: true });
};
const logCollector: Build = (scope, id) => {
  new LogCollectorDaemonSet(scope, id, {
    metadata: { name: 'node-logs' },
    outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', port: 9200 })],
    serviceMonitor: true,
  });
};

/** The app's objects, minus cdk8s's construct-path bookkeeping that no one applies: every field compared. */
function synth(build: (app: App) => void): any[] {
  const app = Testing.app();
  build(app);
  return app.charts.flatMap(c => c.toJson()).sort((a, b) => `${a.kind}/${a.metadata.name}`.localeCompare(`${b.kind}/${b.metadata.name}`));
}

function workloadsOf(objects: any[]): any[] {
  return objects.filter(o => o.kind === 'DaemonSet');
}

/** What a refactor must not change: each DaemonSet's selector and pod template. */
function identities(objects: any[]): any[] {
  return workloadsOf(objects).map(d => [d.spec.selector, d.spec.template]);
}

describe.each([['DaemonSet', generic], ['NodeExporterDaemonSet', nodeExporter], ['LogCollectorDaemonSet', logCollector]])(
  '%s: selectors and pod templates do not depend on the construct path', (_kind, build) => {
    const original = synth(app => build(new Chart(app, 'agents', { namespace: 'agents' }), 'agent'));

    test('renaming the construct id changes no selector and no pod template', () => {
      const renamed = synth(app => build(new Chart(app, 'agents', { namespace: 'agents' }), 'renamed-agent'));
      expect(identities(renamed)).toEqual(identities(original));
    });

    test('moving the construct to another chart changes no selector and no pod template', () => {
      const moved = synth(app => {
        new Chart(app, 'agents', { namespace: 'agents' });
        build(new Chart(app, 'platform', { namespace: 'agents' }), 'agent');
      });
      expect(identities(moved)).toEqual(identities(original));
    });

    test('wrapping the construct changes no selector and no pod template', () => {
      const wrapped = synth(app => build(new Construct(new Chart(app, 'agents', { namespace: 'agents' }), 'wrapper'), 'agent'));
      expect(identities(wrapped)).toEqual(identities(original));
    });

    test('no selector of any emitted object carries the construct-path address label', () => {
      const text = JSON.stringify(original);
      expect(text).not.toContain(ADDRESS_LABEL);
      for (const d of workloadsOf(original)) {
        expect(Object.keys(d.spec.selector.matchLabels).sort()).toEqual(['app.kubernetes.io/instance', 'app.kubernetes.io/name']);
        for (const [k, v] of Object.entries(d.spec.selector.matchLabels)) expect(d.spec.template.metadata.labels[k]).toBe(v);
      }
    });

    test('every object that selects the pods uses the DaemonSet selector labels', () => {
      const ds = workloadsOf(original)[0];
      const selects = (matchLabels: any) => Object.entries(matchLabels).every(([k, v]) => ds.spec.template.metadata.labels[k] === v);
      for (const o of original) {
        if (o.kind === 'Service') expect(selects(o.spec.selector)).toBe(true);
        if (o.kind === 'NetworkPolicy') expect(selects(o.spec.podSelector.matchLabels)).toBe(true);
      }
    });
  });

test('the presets select on their component name and the instance name', () => {
  const objects = synth(app => nodeExporter(new Chart(app, 'c'), 'x'));
  expect(workloadsOf(objects)[0].spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/instance': 'host-metrics' });
  const logs = synth(app => logCollector(new Chart(app, 'c'), 'x'));
  expect(workloadsOf(logs)[0].spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'fluent-bit', 'app.kubernetes.io/instance': 'node-logs' });
});

test('a generated name gives name and instance labels equal to that name', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'agent', { containers: [{ image: IMAGE }] });
  const [json] = Testing.synth(chart);
  expect(json.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': ds.name, 'app.kubernetes.io/instance': ds.name });
});

test('selectorLabels pins the selector exactly, for adopting a running DaemonSet', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'agent', {
    metadata: { name: 'legacy-agent' },
    selectorLabels: { 'k8s-app': 'legacy-agent' },
    containers: [{ image: IMAGE }],
  });
  const [json] = Testing.synth(chart);
  expect(json.spec.selector).toEqual({ matchLabels: { 'k8s-app': 'legacy-agent' } });
  expect(json.spec.template.metadata.labels).toEqual({ 'k8s-app': 'legacy-agent' });
});

test('select: false leaves selection to the caller', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'agent', { select: false, containers: [{ image: IMAGE }] });
  ds.select(kplus.LabelSelector.of({ labels: { tier: 'node' } }));
  ds.podMetadata.addLabel('tier', 'node');
  const [json] = Testing.synth(chart);
  expect(json.spec.selector).toEqual({ matchLabels: { tier: 'node' } });
  expect(json.spec.template.metadata.labels.tier).toBe('node');
  expect(json.spec.template.metadata.labels['app.kubernetes.io/instance']).toBeUndefined();
});

describe('rejects bad selector labels', () => {
  const cases: [string, Partial<DaemonSetProps>, RegExp][] = [
    ['a contradicting podMetadata label', { selectorLabels: { 'app.kubernetes.io/name': 'a' }, podMetadata: { labels: { 'app.kubernetes.io/name': 'b' } } }, /selectorLabels: selector label 'app.kubernetes.io\/name: a' contradicts podMetadata label/],
    ['an empty map', { selectorLabels: {} }, /selectorLabels: is empty/],
    ['an invalid label value', { selectorLabels: { app: 'no spaces' } }, /selectorLabels/],
    ['an invalid key', { selectorLabels: { 'bad key': 'x' } }, /selectorLabels/],
    ['a non-string value', { selectorLabels: { app: 1 as any } }, /selectorLabels\['app'\]/],
    ['together with select: false', { selectorLabels: { app: 'x' }, select: false }, /select: false/],
  ];
  test.each(cases)('%s', (_what, props, message) => {
    const chart = Testing.chart();
    let error: unknown;
    try {
      new DaemonSet(chart, 'agent', { containers: [{ image: IMAGE }], ...props });
    } catch (e) {
      error = e;
    }
    expect(DaemonSetsErrors.isDaemonSetsError(error)).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain('test/agent');
  });
});

test('a name longer than a label value keeps a prefix and a hash, unique per name', () => {
  const long = `${'a'.repeat(60)}.example.com`;
  const value = labelValueFromName(long);
  expect(value.length).toBeLessThanOrEqual(63);
  expect(value).toMatch(/^a{54}-[0-9a-f]{8}$/);
  expect(labelValueFromName(`${'a'.repeat(60)}.example.org`)).not.toBe(value);
  expect(labelValueFromName('short')).toBe('short');
  const chart = Testing.chart();
  new DaemonSet(chart, 'agent', { metadata: { name: long }, containers: [{ image: IMAGE }] });
  const [json] = Testing.synth(chart);
  expect(json.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': value, 'app.kubernetes.io/instance': value });
});

test('select: false never lets the construct-path address label into the pod template; Services select the select() labels', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'agent', { select: false, containers: [{ image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }] });
  ds.select(kplus.LabelSelector.of({ labels: { tier: 'node' } }));
  ds.podMetadata.addLabel('tier', 'node');
  ds.exposeViaService();
  const objects = Testing.synth(chart);
  expect(JSON.stringify(objects)).not.toContain(ADDRESS_LABEL);
  expect(objects.find(o => o.kind === 'Service').spec.selector).toEqual({ tier: 'node' });
});

test('select: false with no select() labels: selecting the pods is an error naming the construct', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'agent', { select: false, containers: [{ image: IMAGE, ports: [{ number: 9100 }] }] });
  let error: unknown;
  try {
    ds.toPodSelectorConfig();
  } catch (e) {
    error = e;
  }
  expect(DaemonSetsErrors.isDaemonSetsError(error)).toBe(true);
  expect((error as Error).message).toMatch(/test\/agent.*select.*nothing can select these pods/);
});
