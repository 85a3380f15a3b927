import { Testing } from 'cdk8s';
import { DaemonSet, ScrapeScheme } from '../src';

const IMAGE = 'quay.io/prometheus/node-exporter:v1.8.2';

function synthDaemonSet(chart: ReturnType<typeof Testing.chart>) {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet');
}

test('scheme enum values', () => {
  expect(ScrapeScheme.HTTP).toBe('http');
  expect(ScrapeScheme.HTTPS).toBe('https');
});

test('enablePrometheusScrape annotates the pod template with defaults', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'exporter', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }] });
  ds.enablePrometheusScrape({ port: 9100 });
  const obj = synthDaemonSet(chart);
  expect(obj.spec.template.metadata.annotations).toEqual({
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '9100',
    'prometheus.io/path': '/metrics',
    'prometheus.io/scheme': 'http',
  });
});

test('the DaemonSet object itself gets no scrape annotations', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'exporter', image: IMAGE, ports: [{ number: 9100 }] }] });
  ds.enablePrometheusScrape({ port: 9100 });
  expect(synthDaemonSet(chart).metadata.annotations).toBeUndefined();
});

test('custom path and https scheme', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'exporter', image: IMAGE, ports: [{ number: 9443, name: 'https' }] }] });
  ds.enablePrometheusScrape({ port: 9443, path: '/federate/metrics', scheme: ScrapeScheme.HTTPS });
  const annotations = synthDaemonSet(chart).spec.template.metadata.annotations;
  expect(annotations['prometheus.io/port']).toBe('9443');
  expect(annotations['prometheus.io/path']).toBe('/federate/metrics');
  expect(annotations['prometheus.io/scheme']).toBe('https');
});

test('scrape annotations sit next to the user\'s pod annotations', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    podMetadata: { annotations: { 'example.com/team': 'observability' } },
    containers: [{ name: 'exporter', image: IMAGE, ports: [{ number: 9100 }] }],
  });
  ds.enablePrometheusScrape({ port: 9100 });
  const annotations = synthDaemonSet(chart).spec.template.metadata.annotations;
  expect(annotations['example.com/team']).toBe('observability');
  expect(annotations['prometheus.io/scrape']).toBe('true');
});

test('calling enablePrometheusScrape again replaces the values', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'exporter', image: IMAGE, ports: [{ number: 9100 }] }] });
  ds.enablePrometheusScrape({ port: 9100, path: '/old' });
  ds.enablePrometheusScrape({ port: 9101 });
  const annotations = synthDaemonSet(chart).spec.template.metadata.annotations;
  expect(annotations['prometheus.io/port']).toBe('9101');
  expect(annotations['prometheus.io/path']).toBe('/metrics');
});

test('port bounds 1 and 65535 are accepted, fractions are not', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'exporter', image: IMAGE }] });
  expect(() => ds.enablePrometheusScrape({ port: 1 })).not.toThrow();
  expect(() => ds.enablePrometheusScrape({ port: 65535 })).not.toThrow();
  expect(() => ds.enablePrometheusScrape({ port: 9100.5 })).toThrow(/enablePrometheusScrape: port 9100\.5 is out of range/);
  expect(() => ds.enablePrometheusScrape({ port: 0 })).toThrow(/enablePrometheusScrape: port 0 is out of range/);
});

test('snapshot: node-exporter style scrape annotations', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    metadata: { name: 'node-exporter' },
    containers: [{ name: 'node-exporter', image: IMAGE, ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.enablePrometheusScrape({ port: 9100 });
  expect(Testing.synth(chart)).toMatchSnapshot();
});
