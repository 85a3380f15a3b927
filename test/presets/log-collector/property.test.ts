import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { ContainerRuntime, FluentBitLogLevel, FluentBitSection, LogCollectorDaemonSet, LogOutput } from '../../../src';
import { DaemonSetServiceType } from '../../../src/service';
import { checkProperty, field, hostile, mostly, orRaw, required, withOverrides } from '../hostile';

// Property: LogCollectorDaemonSet and the LogOutput / FluentBitSection factories never crash on hostile
// input, and what they accept synthesizes to objects the validator accepts, each with a valid name. The
// outputs and filters are built inside each case from generated options, so factory errors count too.

const RUNS = 2000;

const text = fc.oneof({ weight: 15, arbitrary: fc.constantFrom('es', 'logs', 'a_b', 'kube.*') },
  { weight: 1, arbitrary: fc.constantFrom('/path', 'value with blanks') }, { weight: 1, arbitrary: hostile });
const outputRecipe = fc.oneof(
  fc.record({ kind: fc.constant('elasticsearch'), o: fc.record({ host: required(fc.constantFrom('es.logging.svc', '10.0.0.5')), port: field(mostly(fc.integer({ min: 1, max: 65535 }), 0, 70000)), index: field(text), user: field(text), match: field(text), retryLimit: field(fc.nat(10)), bufferLimit: field(fc.nat(4).map(orRaw(n => Size.mebibytes(n)))), workers: field(fc.nat(4)), tls: field(fc.boolean()) }) }),
  fc.record({ kind: fc.constant('loki'), o: fc.record({ host: required(fc.constant('loki')), labels: field(fc.dictionary(mostly(fc.constantFrom('job', 'app'), 'bad-name'), text, { maxKeys: 2 })), removeKeys: field(fc.array(text, { maxLength: 2 })), lineFormat: field(fc.constantFrom('json', 'key_value')), tenantId: field(text) }) }),
  fc.record({ kind: fc.constant('forward'), o: fc.record({ host: required(fc.constant('fluentd')), tag: field(text), selfHostname: field(text), requireAckResponse: field(fc.boolean()) }) }),
  fc.record({ kind: fc.constant('http'), o: fc.record({ host: required(fc.constant('collector')), uri: field(fc.constantFrom('/', '/logs')), headers: field(fc.dictionary(fc.constantFrom('X-A', 'X-B'), text, { maxKeys: 2 })), format: field(fc.constantFrom('json', 'msgpack')) }) }),
  fc.record({ kind: fc.constant('stdout'), o: field(fc.record({ match: field(text), format: field(fc.constantFrom('json_lines')) })) }),
  fc.record({ kind: fc.constant('raw'), o: fc.record({ name: required(fc.constantFrom('kafka', 's3')), match: required(text), key: required(mostly(fc.constant('Brokers'), 'bad key')), value: required(text) }) }),
);
const filterRecipe = fc.record({ name: required(fc.constantFrom('grep', 'modify')), match: required(text), key: required(mostly(fc.constant('Regex'), 'bad key')), value: required(text) });

function buildOutput(r: { kind: string; o: any }): unknown {
  if (r.kind === 'raw') return LogOutput.raw(FluentBitSection.output(r.o.name, r.o.match, [{ key: r.o.key, value: r.o.value }]));
  return (LogOutput as any)[r.kind](r.o);
}

const durations = fc.oneof({ weight: 30, arbitrary: fc.integer({ min: 1, max: 60 }).map(n => Duration.seconds(n)) },
  { weight: 1, arbitrary: fc.constantFrom(1.5, 0.5, NaN, Infinity, 1e300).map(orRaw(n => Duration.seconds(n))) },
  { weight: 1, arbitrary: fc.constantFrom(0.5, 1500).map(orRaw(n => Duration.millis(n))) });

const KEYS = [
  'outputs', 'image', 'containerRuntime', 'excludeNamespaces', 'kubernetesMetadata', 'systemdLogs', 'systemdUnits', 'stateDirectory',
  'filesystemBuffering', 'memBufLimit', 'maxChunksUp', 'readFromHead', 'refreshInterval', 'flushInterval', 'logLevel', 'metricsPort',
  'serviceType', 'serviceMonitor', 'podMonitor', 'scrapeInterval', 'monitorLabels', 'prometheusAnnotations', 'rbac', 'hotReload', 'metadata',
];

const props = fc.record({
  outputs: fc.array(outputRecipe, { minLength: 1, maxLength: 2 }),
  filters: field(fc.array(filterRecipe, { maxLength: 2 })),
  image: field(mostly(fc.constant('cr.fluentbit.io/fluent/fluent-bit:5.1.2'), 'Bad Image')),
  containerRuntime: field(fc.constantFrom(...Object.values(ContainerRuntime))),
  excludeNamespaces: field(fc.array(mostly(fc.constant('kube-system'), 'Bad_NS'), { maxLength: 2 })),
  kubernetesMetadata: field(fc.record({ mergeLog: field(fc.boolean()), mergeLogKey: field(text), annotations: field(fc.boolean()) })),
  systemdLogs: field(fc.boolean()),
  systemdUnits: field(fc.array(mostly(fc.constant('kubelet.service'), 'kubelet'), { maxLength: 2 })),
  stateDirectory: field(mostly(fc.constant('/var/lib/fb'), '/var/log/x', 'rel')),
  filesystemBuffering: field(fc.boolean()),
  memBufLimit: field(mostly(fc.constant(5), 0.0001, NaN, 1e300).map(orRaw(n => Size.mebibytes(n)))),
  maxChunksUp: field(fc.integer({ min: 1, max: 1000 })),
  readFromHead: field(fc.boolean()),
  refreshInterval: field(durations),
  flushInterval: field(durations),
  logLevel: field(fc.constantFrom(...Object.values(FluentBitLogLevel))),
  metricsPort: field(fc.integer({ min: 1, max: 65535 })),
  serviceType: field(fc.constantFrom(...Object.values(DaemonSetServiceType))),
  serviceMonitor: field(fc.boolean()),
  podMonitor: field(fc.boolean()),
  scrapeInterval: field(durations),
  monitorLabels: field(fc.dictionary(fc.constantFrom('release', 'team'), mostly(fc.constantFrom('prom', 'x'), 'not valid!'), { maxKeys: 2 })),
  prometheusAnnotations: field(fc.boolean()),
  rbac: field(fc.boolean()),
  hotReload: field(fc.boolean()),
  metadata: field(fc.record({ name: field(mostly(fc.constantFrom('logs', 'fluent-bit'), 'a.b', 'x'.repeat(60))), namespace: field(fc.constantFrom('logging')) }, { requiredKeys: [] })),
}, { requiredKeys: ['outputs'] });

test(`LogCollectorDaemonSet: ${RUNS} hostile props end in a DaemonSetsError or in valid, named objects`, () => {
  const counts = checkProperty(withOverrides(props, KEYS), (chart, p: any) => {
    const built = p !== null && typeof p === 'object' && !Array.isArray(p) ? {
      ...p,
      outputs: Array.isArray(p.outputs) && p.outputs.every((r: any) => r?.kind) ? p.outputs.map(buildOutput) : p.outputs,
      filters: Array.isArray(p.filters)
        ? p.filters.map((f: any) => FluentBitSection.filter(f?.name, f?.match, [{ key: f?.key, value: f?.value }])) : p.filters,
    } : p;
    const collector = new LogCollectorDaemonSet(chart, 'logs', built);
    // `${X}` in a value refers to an env var, checked at synthesis: the app defines it after construction.
    collector.fluentBitContainer.env.addVariable('X', kplus.EnvValue.fromValue('x'));
  }, RUNS);
  expect(counts.rejected + counts.accepted).toBe(RUNS);
  expect(counts.accepted).toBeGreaterThan(RUNS / 20);
  expect(counts.rejected).toBeGreaterThan(RUNS / 10);
}, 180_000);
