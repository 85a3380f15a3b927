import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import {
  ExporterListenAddress, NodeExporterCollector, NodeExporterDaemonSet, NodeExporterMonitor, NodeExporterTolerations, PrometheusRelabelAction,
} from '../../../src';
import { checkProperty, field, mostly, orRaw, required, withOverrides } from '../hostile';

// Property: NodeExporterDaemonSet (and the NodeExporterCollector / ExporterListenAddress factories) never
// crash on hostile input, and what they accept synthesizes to objects the validator accepts, each with a
// valid name.

const RUNS = 2000;

const text = mostly(fc.constantFrom('a', 'instance', 'node_cpu'), 'bad label!', '');
const durations = mostly(fc.integer({ min: 1, max: 120 }).map(n => Duration.seconds(n)),
  ...[1.5, NaN, Infinity, 1e300].map(orRaw(n => Duration.seconds(n))) as Duration[]);

const KEYS = [
  'port', 'image', 'listenAddress', 'enabledCollectors', 'disabledCollectors', 'extraArgs', 'textfileDirectory', 'user', 'group',
  'hostNetwork', 'tolerations', 'nodeSelector', 'serviceName', 'monitor', 'serviceMonitor', 'prometheusLabels', 'scrapeInterval',
  'relabelings', 'prometheusRules', 'networkPolicy', 'metadata', 'excludedFsTypes',
];

const props = fc.record({
  port: field(mostly(fc.integer({ min: 1024, max: 65535 }), 0, 70000, 1.5)),
  image: field(mostly(fc.constant('quay.io/prometheus/node-exporter:v1.12.1'), 'Bad Image')),
  listenAddress: field(fc.oneof(
    fc.constant(ExporterListenAddress.podIp()), fc.constant(ExporterListenAddress.allInterfaces()),
    required(fc.constantFrom('10.0.0.5', 'fd00::5', 'node-1')).map(orRaw(ip => ExporterListenAddress.of(ip))),
  )),
  enabledCollectors: field(fc.array(fc.oneof(fc.constant(NodeExporterCollector.WIFI), required(fc.constantFrom('zoneinfo', 'Bad')).map(orRaw(n => NodeExporterCollector.of(n)))), { maxLength: 2 })),
  disabledCollectors: field(fc.array(fc.constantFrom(NodeExporterCollector.ZFS, NodeExporterCollector.TEXTFILE), { maxLength: 1 })),
  extraArgs: field(fc.array(mostly(fc.constantFrom('--log.level=debug', '--collector.cpu.info'), 'no-dashes', '--path.procfs=/x'), { maxLength: 2 })),
  textfileDirectory: field(mostly(fc.constant('/var/lib/node-exporter'), 'relative')),
  user: field(mostly(fc.integer({ min: 0, max: 70000 }), -1, 1.5)),
  group: field(fc.integer({ min: 0, max: 70000 })),
  hostNetwork: field(fc.boolean()),
  tolerations: field(fc.constantFrom(...Object.values(NodeExporterTolerations))),
  nodeSelector: field(fc.dictionary(fc.constantFrom('kubernetes.io/os', 'pool'), fc.constantFrom('linux', 'a'), { maxKeys: 2 })),
  serviceName: field(mostly(fc.constant('node-exporter'), 'a.b')),
  monitor: field(fc.constantFrom(...Object.values(NodeExporterMonitor))),
  serviceMonitor: field(fc.boolean()),
  prometheusLabels: field(fc.dictionary(fc.constantFrom('release', 'team'), text, { maxKeys: 2 })),
  scrapeInterval: field(durations),
  relabelings: field(fc.array(fc.record({
    sourceLabels: field(fc.array(text, { maxLength: 2 })),
    targetLabel: field(text),
    regex: field(mostly(fc.constant('(.*)'), '(?=x)')),
    action: field(fc.constantFrom(...Object.values(PrometheusRelabelAction))),
    modulus: field(fc.integer({ min: 1, max: 10 })),
  }), { maxLength: 2 })),
  prometheusRules: field(fc.array(fc.record({
    name: required(fc.constantFrom('node', 'disk')),
    interval: field(durations),
    rules: required(fc.array(fc.record({
      alert: field(fc.constantFrom('NodeDown')),
      record: field(fc.constantFrom('node:cpu:rate5m')),
      expr: required(fc.constantFrom('up == 0', '')),
      pendingFor: field(durations),
      labels: field(fc.dictionary(fc.constantFrom('severity'), text, { maxKeys: 1 })),
    }), { minLength: 1, maxLength: 2 })),
  }), { maxLength: 2 })),
  networkPolicy: field(fc.record({ prometheusNamespace: field(fc.constantFrom('monitoring')) })),
  metadata: field(fc.record({ name: field(mostly(fc.constantFrom('node-exporter', 'ne'), 'a.b', 'UPPER')), namespace: field(fc.constant('monitoring')) })),
  excludedFsTypes: field(mostly(fc.constant('^(tmpfs)$'), '(?!x)', '')),
});

test(`NodeExporterDaemonSet: ${RUNS} hostile props end in a DaemonSetsError or in valid, named objects`, () => {
  const counts = checkProperty(withOverrides(props, KEYS), (chart, p: any) => new NodeExporterDaemonSet(chart, 'node-exporter', p), RUNS);
  expect(counts.rejected + counts.accepted).toBe(RUNS);
  expect(counts.accepted).toBeGreaterThan(RUNS / 20);
  expect(counts.rejected).toBeGreaterThan(RUNS / 10);
}, 180_000);
