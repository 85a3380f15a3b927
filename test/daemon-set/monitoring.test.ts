import { Testing } from 'cdk8s';
import { synthDaemonSet } from './synth';
import { DaemonSet, ScrapeScheme } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: monitoring.

test('enablePrometheusScrape annotates the pod template', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.enablePrometheusScrape({ port: 9100, path: '/custom/metrics', scheme: ScrapeScheme.HTTPS });
  const ds2Chart = Testing.chart();
  const ds2 = new DaemonSet(ds2Chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 2020, name: 'http' }] }],
  });
  ds2.enablePrometheusScrape({ port: 2020 });
  const rendered = synthDaemonSet(chart);
  expect(rendered.spec.template.metadata.annotations).toEqual({
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '9100',
    'prometheus.io/path': '/custom/metrics',
    'prometheus.io/scheme': 'https',
  });
  expect(rendered.metadata.annotations).toBeUndefined();
  expect(synthDaemonSet(ds2Chart).spec.template.metadata.annotations).toEqual({
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '2020',
    'prometheus.io/path': '/metrics',
    'prometheus.io/scheme': 'http',
  });
});

describe('rejects bad monitoring input', () => {
  test('enablePrometheusScrape with a port out of range is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => ds.enablePrometheusScrape({ port: 65536 }))
      .toThrow(/DaemonSet 'test\/ds': enablePrometheusScrape: port 65536 is out of range; a port is an integer from 1 to 65535/);
  });

  test('enablePrometheusScrape with a relative path is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => ds.enablePrometheusScrape({ port: 9100, path: 'metrics' }))
      .toThrow(/DaemonSet 'test\/ds': enablePrometheusScrape: path 'metrics' must start with '\/'/);
  });
});
