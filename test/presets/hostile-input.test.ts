import { Duration, Size, Testing } from 'cdk8s';
import { LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet } from '../../src';
import { DaemonSetsError } from '../../src/errors';

// The reviewer's findings, one by one: each ends in a DaemonSetsError naming the construct (or factory),
// the field, the value and what is allowed.

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    expect(DaemonSetsError.isDaemonSetsError(e)).toBe(true);
    return e as Error;
  }
  throw new Error('did not throw');
}

const stdout = () => [LogOutput.stdout()];

test('LogCollectorDaemonSet: outputs and logLevel of the wrong type', () => {
  expect(thrown(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: 1 as any })).message)
    .toBe("LogCollectorDaemonSet 'test/logs': outputs is 1; it must be a list of LogOutput values (LogOutput.elasticsearch(), .loki(), ...).");
  expect(thrown(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: stdout(), logLevel: -1 as any })).message)
    .toMatch(/^LogCollectorDaemonSet 'test\/logs': logLevel is -1; it must be one of off, error, warn, info, debug, trace\.$/);
  expect(thrown(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: [{} as any] })).message)
    .toMatch(/outputs\[0\] is \{\}; it must be a LogOutput/);
});

test('LogCollectorDaemonSet: a metadata.name that cannot name the metrics Service is rejected', () => {
  expect(thrown(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { metadata: { name: 'a.b' }, outputs: stdout() })).message)
    .toMatch(/^LogCollectorDaemonSet 'test\/logs': metadata\.name: 'a\.b' would name the metrics Service 'a\.b-metrics', which is not a DNS-1035 label/);
});

test('LogCollectorDaemonSet: values that would add lines to the fluent-bit configuration are rejected', () => {
  expect(thrown(() => LogOutput.elasticsearch({ host: 'es', index: 'logs\n[OUTPUT]' })).message).toMatch(/^LogOutput\.elasticsearch: index .* spans several lines/);
  expect(thrown(() => LogOutput.http({ host: 'c', headers: { 'X-A': 'a\u2028b' } })).message).toMatch(/headers\['X-A'\] [\s\S]* spans several lines/);
  expect(thrown(() => LogOutput.forward({ host: 'f', selfHostname: 'a\u0000b' })).message).toMatch(/selfHostname .* contains a control character/);
  expect(thrown(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: stdout(), kubernetesMetadata: { mergeLogKey: 'a\nb' } })).message)
    .toMatch(/kubernetesMetadata\.mergeLogKey: 'a\nb' must be a single word/);
});

test('LogCollectorDaemonSet: sizes and durations that cdk8s cannot convert are named', () => {
  expect(thrown(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: stdout(), memBufLimit: Size.mebibytes(0.0001) })).message)
    .toMatch(/^LogCollectorDaemonSet 'test\/logs': memBufLimit is "0\.1024 KiB"; it must be a Size .* at least 1024 bytes/);
  expect(thrown(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: stdout(), refreshInterval: Duration.millis(0.5) })).message)
    .toMatch(/^LogCollectorDaemonSet 'test\/logs': refreshInterval is "0\.5 millis"; it must be a Duration/);
  expect(thrown(() => new LogCollectorDaemonSet(Testing.chart(), 'logs', { outputs: stdout(), flushInterval: Duration.seconds(NaN) })).message)
    .toMatch(/flushInterval is "a Duration of NaN"/);
});

test('NodeExporterDaemonSet: extraArgs and prometheusLabels of the wrong type', () => {
  expect(thrown(() => new NodeExporterDaemonSet(Testing.chart(), 'ne', { extraArgs: [-1 as any] })).message)
    .toBe("NodeExporterDaemonSet 'test/ne': extraArgs[0] is -1; it must be a string.");
  expect(thrown(() => new NodeExporterDaemonSet(Testing.chart(), 'ne', { serviceMonitor: true, prometheusLabels: { x: null as any } })).message)
    .toBe("NodeExporterDaemonSet 'test/ne': prometheusLabels['x'] is null; it must be a string.");
});

test('NodeExporterDaemonSet: a scrape interval that is not whole seconds is named', () => {
  expect(thrown(() => new NodeExporterDaemonSet(Testing.chart(), 'ne', { serviceMonitor: true, scrapeInterval: Duration.seconds(1.5) })).message)
    .toMatch(/^NodeExporterDaemonSet 'test\/ne': scrapeInterval: is 1\.5s; use a whole number of seconds/);
  expect(thrown(() => new NodeExporterDaemonSet(Testing.chart(), 'ne', { serviceMonitor: true, scrapeInterval: Duration.days(1e300) })).message)
    .toMatch(/scrapeInterval is "1e\+300 days"; it must be a Duration .* at most 86400000ms/);
});
