import { Duration, Size } from 'cdk8s';
import * as fc from 'fast-check';
import {
  FluentBitConfigFormat, LogCollectorDaemonSet, LogFilter, LogInput, LogOutput, LogParser, ModifyOperation, NestOperation, SyslogMode,
} from '../../../src/presets/log-collector';
import { checkProperty, field, hostile, mostly, orRaw, required } from '../hostile';

// Property: typed inputs, filters and parsers with hostile options end in a DaemonSetsError (naming the
// collector) or in objects the validator accepts, in both configuration formats.

const RUNS = 600;

const word = fc.oneof({ weight: 15, arbitrary: fc.constantFrom('app', 'kube.*', 'a_b', 'x-1') }, { weight: 1, arbitrary: fc.constantFrom('two words', '') }, { weight: 1, arbitrary: hostile });
const port = field(mostly(fc.integer({ min: 1024, max: 65535 }), 0, 70000, 2020));
const size = field(fc.constantFrom(1, 64, 0.0001).map(orRaw(n => Size.kibibytes(n))));
const path = fc.oneof({ weight: 10, arbitrary: fc.constantFrom('/srv/app/*.log', '/var/log/x/*.log', '/opt/a/b.log') }, { weight: 1, arbitrary: fc.constantFrom('rel/*.log', '/*.log', '/a b') });

const inputRecipe = fc.oneof(
  fc.record({ kind: fc.constant('tail'), o: fc.record({ paths: required(fc.array(path, { maxLength: 2 })), tag: field(word), alias: field(word), parser: field(word), bufferMaxSize: size, ignoreOlder: field(fc.constantFrom(Duration.hours(1), Duration.seconds(5))) }) }),
  fc.record({ kind: fc.constant('systemd'), o: field(fc.record({ units: field(fc.array(mostly(fc.constant('kubelet.service'), 'kubelet'), { maxLength: 2 })), path: field(fc.constantFrom('/run/log/journal', 'x')), maxEntries: field(fc.integer({ min: -1, max: 10 })) })) }),
  fc.record({ kind: fc.constant('forward'), o: field(fc.record({ port, hostPort: port, tagPrefix: field(word), listen: field(fc.constantFrom('0.0.0.0', '127.0.0.1', 'any')) })) }),
  fc.record({ kind: fc.constant('syslog'), o: field(fc.record({ port, mode: field(fc.constantFrom(SyslogMode.TCP, SyslogMode.UDP, 'tls')), portName: field(word), receiveBufferSize: size })) }),
  fc.record({ kind: fc.constant('tcp'), o: field(fc.record({ port, format: field(fc.constantFrom('json', 'none')), separator: field(word), chunkSize: size })) }),
  fc.record({ kind: fc.constant('http'), o: field(fc.record({ port, successHeaders: field(fc.dictionary(fc.constantFrom('X-A', 'bad header'), word, { maxKeys: 2 })), successfulResponseCode: field(fc.constantFrom(200, 202)) })) }),
  fc.record({ kind: fc.constant('openTelemetry'), o: field(fc.record({ port, tagFromUri: field(fc.boolean()), servicePort: field(fc.boolean()) })) }),
);
const filterRecipe = fc.oneof(
  fc.record({ kind: fc.constant('grep'), o: fc.record({ match: field(word), exclude: field(fc.array(fc.record({ key: required(word), regex: required(word) }), { maxLength: 2 })) }) }),
  fc.record({ kind: fc.constant('lua'), o: fc.record({ script: field(fc.constantFrom('function cb(t, ts, r) return 0, ts, r end', '')), call: field(fc.constantFrom('cb', 'x-y')), fileName: field(word) }) }),
  fc.record({ kind: fc.constant('modify'), o: fc.record({ operations: required(fc.array(fc.tuple(word, word).map(([a, b]) => ModifyOperation.rename(a as any, b as any)), { maxLength: 3 })) }) }),
  fc.record({ kind: fc.constant('nest'), o: fc.record({ operation: required(fc.constantFrom(NestOperation.NEST, NestOperation.LIFT, 'flatten')), wildcards: field(fc.array(word, { maxLength: 2 })), nestUnder: field(word), nestedUnder: field(word) }) }),
  fc.record({ kind: fc.constant('multiline'), o: fc.record({ parsers: field(fc.array(word, { maxLength: 2 })), match: field(word), flushTimeout: field(fc.constantFrom(Duration.seconds(1), Duration.millis(0.5)).map(x => x)) }) }),
  fc.record({ kind: fc.constant('throttle'), o: fc.record({ rate: required(fc.integer({ min: -1, max: 1000 })), window: field(fc.integer({ min: 0, max: 10 })), interval: field(fc.constant(Duration.seconds(1))) }) }),
  fc.record({ kind: fc.constant('kubernetes'), o: field(fc.record({ useKubelet: field(fc.boolean()), mergeLogKey: field(word), bufferSize: size })) }),
);
const parserRecipe = fc.oneof(
  fc.record({ kind: fc.constant('regex'), o: fc.record({ name: required(word), regex: required(fc.constantFrom('^(?<a>.*)$', '')), timeKey: field(word), timeFormat: field(fc.constantFrom('%s', '%d %b')), types: field(fc.dictionary(word as fc.Arbitrary<string>, fc.constantFrom('integer', 'long'), { maxKeys: 2 })) }) }),
  fc.record({ kind: fc.constant('json'), o: fc.record({ name: required(word), timeKey: field(word), timeOffset: field(fc.constantFrom('+0200', 'CET')) }) }),
  fc.record({ kind: fc.constant('multiline'), o: fc.record({ name: required(word), type: required(fc.constantFrom('regex', 'endswith', 'startswith')), matchString: field(word), rules: field(fc.array(fc.record({ state: required(fc.constantFrom('start_state', 'cont')), regex: required(fc.constantFrom('/^a/', '/"q"/')), nextState: required(word) }), { maxLength: 2 })) }) }),
);

const props = fc.record({
  inputs: field(fc.array(inputRecipe, { maxLength: 3 })),
  filters: field(fc.array(filterRecipe, { maxLength: 3 })),
  parsers: field(fc.array(parserRecipe, { maxLength: 2 })),
  configFormat: field(fc.constantFrom(FluentBitConfigFormat.CLASSIC, FluentBitConfigFormat.YAML, 'toml')),
  configFiles: field(fc.dictionary(fc.constantFrom('a.lua', 'fluent-bit.conf', '../x'), fc.constantFrom('x', 1 as any), { maxKeys: 2 })),
  configMapName: field(fc.constantFrom('fluent-bit', 'Bad Name')),
  serviceName: field(fc.constantFrom('fluent-bit', 'fluent.bit')),
});

const build = (factory: any, r: { kind: string; o: any }) => factory[r.kind](r.o);

test(`LogInput, LogFilter and LogParser: ${RUNS} hostile option sets end in a DaemonSetsError or in valid, named objects`, () => {
  const counts = checkProperty(props, (chart, p: any) => {
    new LogCollectorDaemonSet(chart, 'logs', {
      outputs: [LogOutput.stdout()],
      ...p,
      inputs: Array.isArray(p.inputs) ? p.inputs.map((r: any) => build(LogInput, r)) : p.inputs,
      filters: Array.isArray(p.filters) ? p.filters.map((r: any) => build(LogFilter, r)) : p.filters,
      parsers: Array.isArray(p.parsers) ? p.parsers.map((r: any) => build(LogParser, r)) : p.parsers,
    });
  }, RUNS);
  expect(counts.rejected + counts.accepted).toBe(RUNS);
  expect(counts.accepted).toBeGreaterThan(RUNS / 20);
  expect(counts.rejected).toBeGreaterThan(RUNS / 10);
}, 180_000);
