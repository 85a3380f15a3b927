import { Duration, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { build, es, expectDocumentedKeys, newChart, newSecret, parseClassic, Section } from './fixtures';
import { FluentBitSection } from '../../../src/presets/fluent-bit-config';
import {
  FluentBitConfigFormat, LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogFilter, LogInput, LogOutput, LogParser, ModifyOperation,
  MultilineParserType, NestOperation, ParserFieldType, SyslogMode,
} from '../../../src/presets/log-collector';
import { validateManifests } from '../../../src/validation/engine';

// The YAML configuration format: the same pipeline as the classic format, written in fluent-bit's documented
// YAML schema (service, parsers, multiline_parsers, pipeline.inputs/filters/outputs), parsed with `yaml`.

const SCRIPT = 'function cb(tag, ts, record)\n  return 0, ts, record\nend\n';

function everything(chart = newChart()): Partial<LogCollectorDaemonSetProps> {
  const secret = newSecret(chart);
  return {
    hotReload: true,
    inputs: [
      LogInput.containerLogs(), LogInput.systemd(), LogInput.tail({ paths: ['/srv/app/*.log'], tag: 'app.*', parser: 'nginx', multilineParsers: ['ml-java'] }),
      LogInput.forward({ sharedKey: { secret, key: 'key' } }), LogInput.syslog({ mode: SyslogMode.UDP }), LogInput.tcp(),
      LogInput.http({ successHeaders: { 'X-A': 'a', 'X-B': 'b' } }), LogInput.openTelemetry(),
    ],
    filters: [
      LogFilter.multiline({ match: 'app.*', parsers: ['java'] }), LogFilter.lua({ script: SCRIPT, call: 'cb' }),
      LogFilter.grep({ exclude: [{ key: 'log', regex: '^$' }, { key: 'log', regex: 'healthz' }] }),
      LogFilter.modify({ operations: [ModifyOperation.rename('a', 'b'), ModifyOperation.rename('c', 'd'), ModifyOperation.add('e', 'f')] }),
      LogFilter.nest({ operation: NestOperation.NEST, wildcards: ['x_*', 'y_*'], nestUnder: 'xy' }), LogFilter.throttle({ rate: 100, interval: Duration.seconds(2) }),
    ],
    parsers: [
      LogParser.regex({ name: 'nginx', regex: '^(?<remote>[^ ]*) (?<code>\\d+) (?<rest>.*)$', timeKey: 'time', timeFormat: '%d/%b/%Y:%H:%M:%S %z', types: { code: ParserFieldType.INTEGER } }),
      LogParser.json({ name: 'app-json', timeKey: 'ts', timeKeep: true }),
      LogParser.multiline({
        name: 'ml-java',
        type: MultilineParserType.REGEX,
        flushTimeout: Duration.seconds(1),
        rules: [
          { state: 'start_state', regex: '/^\\d{4}-\\d{2}-\\d{2}/', nextState: 'cont' }, { state: 'cont', regex: '/^\\s+at .*/', nextState: 'cont' },
        ],
      }),
    ],
    outputs: [es(), LogOutput.loki({ host: 'loki', match: 'app.*' })],
  };
}

/** A classic section as fluent-bit's YAML schema writes it: keys lower-cased, repeated keys as lists, multiline rules as maps. */
function asYaml(s: Section): { [key: string]: unknown } {
  const out: { [key: string]: any } = {};
  for (const [key, value] of s.entries) {
    const k = key.toLowerCase();
    if (s.kind === 'MULTILINE_PARSER' && k === 'rule') {
      const [state, regex, next] = [...value.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map(m => m[1]);
      (out.rules ??= []).push({ state, regex, next_state: next });
    } else if (out[k] === undefined) {
      out[k] = value;
    } else {
      out[k] = [...[out[k]].flat(), value];
    }
  }
  return out;
}

test('the YAML format writes fluent-bit.yaml with the same sections and values as the classic format', () => {
  const classic = build(everything());
  const chart = newChart();
  const yaml = build({ ...everything(chart), configFormat: FluentBitConfigFormat.YAML }, chart);
  expectDocumentedKeys(classic.config);

  expect(Object.keys(yaml.configMap.data).sort()).toEqual(['cb.lua', 'fluent-bit.yaml']);
  expect(yaml.container.args).toEqual(['--config=/fluent-bit/etc/conf/fluent-bit.yaml']);
  const doc = parse(yaml.configMap.data['fluent-bit.yaml']);
  expect(Object.keys(doc)).toEqual(['service', 'parsers', 'multiline_parsers', 'pipeline']);
  expect(Object.keys(doc.pipeline)).toEqual(['inputs', 'filters', 'outputs']);

  const byKind = (kind: string) => classic.config.filter(s => s.kind === kind).map(asYaml);
  // In YAML the parsers are inline, so [SERVICE] loads only the image's parsers file.
  const service = asYaml(classic.config[0]);
  expect(doc.service).toEqual({ ...service, parsers_file: '/fluent-bit/etc/parsers.conf' });
  expect(doc.service.hot_reload).toBe('On');
  expect(doc.pipeline.inputs).toEqual(byKind('INPUT'));
  expect(doc.pipeline.filters).toEqual(byKind('FILTER'));
  expect(doc.pipeline.outputs).toEqual(byKind('OUTPUT'));
  const parsers = parseClassic(classic.configMap.data['parsers.conf']);
  expect(doc.parsers).toEqual(parsers.filter(s => s.kind === 'PARSER').map(asYaml));
  expect(doc.multiline_parsers).toEqual(parsers.filter(s => s.kind === 'MULTILINE_PARSER').map(asYaml));
});

test('YAML: keys in lower case, repeated keys as lists, multiline rules as maps, names first', () => {
  const chart = newChart();
  const doc = parse(build({ ...everything(chart), configFormat: FluentBitConfigFormat.YAML }, chart).configMap.data['fluent-bit.yaml']);
  expect(doc.pipeline.inputs[1]).toEqual({
    'name': 'systemd',
    'alias': 'systemd',
    'tag': 'host.*',
    'systemd_filter': ['_SYSTEMD_UNIT=kubelet.service', '_SYSTEMD_UNIT=containerd.service'],
    'read_from_tail': 'On',
    'db': '/var/lib/fluent-bit/systemd.db',
    'mem_buf_limit': '5242880',
    'storage.type': 'filesystem',
  });
  expect(doc.pipeline.inputs[3].shared_key).toBe('${FORWARD_INPUT_SHARED_KEY}');
  expect(doc.pipeline.inputs[6].success_header).toEqual(['X-A a', 'X-B b']);
  expect(doc.pipeline.filters.map((f: any) => f.name)).toEqual(['multiline', 'kubernetes', 'lua', 'grep', 'modify', 'nest', 'throttle']);
  expect(doc.pipeline.filters[2]).toEqual({ name: 'lua', match: '*', script: '/fluent-bit/etc/conf/cb.lua', call: 'cb' });
  expect(doc.pipeline.filters[4]).toEqual({ name: 'modify', match: '*', rename: ['a b', 'c d'], add: 'e f' });
  expect(doc.multiline_parsers).toEqual([{
    name: 'ml-java',
    type: 'regex',
    flush_timeout: '1000',
    rules: [{ state: 'start_state', regex: '/^\\d{4}-\\d{2}-\\d{2}/', next_state: 'cont' }, { state: 'cont', regex: '/^\\s+at .*/', next_state: 'cont' }],
  }]);
  expect(doc.parsers[0]).toEqual({
    name: 'nginx', format: 'regex', regex: '^(?<remote>[^ ]*) (?<code>\\d+) (?<rest>.*)$', time_key: 'time', time_format: '%d/%b/%Y:%H:%M:%S %z', types: 'code:integer',
  });
  for (const entry of [...doc.pipeline.inputs, ...doc.pipeline.filters, ...doc.pipeline.outputs, ...doc.parsers]) {
    expect(Object.keys(entry)[0]).toBe('name');
    for (const key of Object.keys(entry)) expect(key).toBe(key.toLowerCase());
  }
});

test('YAML: the default collector, and a collector with every feature, validate clean', () => {
  for (const props of [{ configFormat: FluentBitConfigFormat.YAML }, undefined]) {
    const chart = newChart();
    // hotReload off: its configmap-reload sidecar has no probes (two best-practice warnings of its own).
    const { objects } = build(props ?? { ...everything(chart), hotReload: false, configFormat: FluentBitConfigFormat.YAML }, chart);
    const report = validateManifests(objects);
    expect(report.errors).toEqual([]);
    expect(report.findings.filter(f => f.severity === 'warning')).toEqual([]);
  }
  const doc = parse(build({ configFormat: FluentBitConfigFormat.YAML }).configMap.data['fluent-bit.yaml']);
  expect(Object.keys(doc)).toEqual(['service', 'pipeline']);
  expect(doc.pipeline.inputs.map((i: any) => i.name)).toEqual(['tail']);
  expect(doc.pipeline.filters.map((i: any) => i.name)).toEqual(['kubernetes']);
  expect(doc.pipeline.outputs.map((i: any) => i.name)).toEqual(['es']);
});

test('YAML: rules of one kind interleaved with others are refused in a modify filter (the classic format keeps them)', () => {
  const interleaved = LogFilter.modify({ operations: [ModifyOperation.rename('a', 'b'), ModifyOperation.add('c', 'd'), ModifyOperation.rename('e', 'f')] });
  expect(() => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], configFormat: FluentBitConfigFormat.YAML, filters: [interleaved] }))
    .toThrow("LogCollectorDaemonSet 'logging/logs': filters[0]: the modify filter cannot be written in the YAML format: its 'Rename' rules are interleaved with other rules");
  expect(() => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], filters: [interleaved] })).not.toThrow();
});

test('YAML: a raw multiline parser whose rules are not three quoted fields is refused; configuration references are still checked', () => {
  const bad = LogParser.raw(FluentBitSection.multilineParser('ml', [{ key: 'type', value: 'regex' }, { key: 'rule', value: 'start_state /x/ cont' }]));
  expect(() => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], configFormat: FluentBitConfigFormat.YAML, parsers: [bad] }))
    .toThrow("LogCollectorDaemonSet 'logging/logs': parsers[0]: the parser 'ml' cannot be written in the YAML format: the multiline rule \"start_state /x/ cont\" is not three quoted fields");

  const chart = newChart();
  new LogCollectorDaemonSet(chart, 'logs', {
    configFormat: FluentBitConfigFormat.YAML,
    outputs: [LogOutput.raw(FluentBitSection.output('kafka', '*', [{ key: 'rdkafka.sasl.password', value: '${KAFKA_PASWORD}' }]))],
  });
  expect(() => Testing.synth(chart)).toThrow('the fluent-bit configuration references ${KAFKA_PASWORD}, which is not an env var of the fluent-bit container');
});

test('YAML: an unknown format from a JavaScript caller is refused', () => {
  expect(() => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], configFormat: 'toml' as any }))
    .toThrow("LogCollectorDaemonSet 'logging/logs': configFormat is \"toml\"; it must be one of classic, yaml.");
});
