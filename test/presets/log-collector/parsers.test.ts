import { Duration } from 'cdk8s';
import { build, es, expectDocumentedKeys, newChart, parseClassic, props, section } from './fixtures';
import { FluentBitSection } from '../../../src/presets/fluent-bit-config';
import { LogCollectorDaemonSet, LogParser, MultilineParserType, ParserFieldType } from '../../../src/presets/log-collector';

// Custom parsers: each format's keys in parsers.conf (parsed back), loaded by [SERVICE], and bad options.

test('regex, json, logfmt and ltsv parsers and a multiline parser go to parsers.conf, which [SERVICE] loads', () => {
  const { config, configMap } = build({
    parsers: [
      LogParser.regex({
        name: 'nginx',
        regex: '^(?<remote>[^ ]*) (?<code>\\d+) (?<size>\\d+)$',
        timeKey: 'time',
        timeFormat: '%d/%b/%Y:%H:%M:%S %z',
        timeKeep: true,
        timeOffset: '+0200',
        timeStrict: false,
        types: { size: ParserFieldType.INTEGER, code: ParserFieldType.INTEGER },
        skipEmptyValues: false,
      }),
      LogParser.json({ name: 'app-json', timeKey: 'ts', timeFormat: '%Y-%m-%dT%H:%M:%S.%L%z' }),
      LogParser.logfmt({ name: 'app-logfmt', noBareKeys: true }),
      LogParser.ltsv({ name: 'apache-ltsv', types: { status: ParserFieldType.INTEGER, ok: ParserFieldType.BOOL } }),
      LogParser.multiline({
        name: 'ml-java',
        type: MultilineParserType.REGEX,
        flushTimeout: Duration.seconds(1),
        keyContent: 'log',
        rules: [
          { state: 'start_state', regex: '/^[A-Z][a-z]{2} \\d+/', nextState: 'cont' }, { state: 'cont', regex: '/^\\s+at .*/', nextState: 'cont' },
        ],
      }),
      LogParser.multiline({ name: 'ml-continued', type: MultilineParserType.ENDSWITH, matchString: '\\', negate: false, parser: 'json' }),
    ],
  });
  expect(props(section(config, 'SERVICE')).Parsers_File).toEqual(['/fluent-bit/etc/parsers.conf', '/fluent-bit/etc/conf/parsers.conf']);
  const parsers = parseClassic(configMap.data['parsers.conf']);
  expectDocumentedKeys(parsers);
  expect(parsers.map(s => s.entries)).toEqual([
    [['Name', 'nginx'], ['Format', 'regex'], ['Regex', '^(?<remote>[^ ]*) (?<code>\\d+) (?<size>\\d+)$'], ['Time_Key', 'time'], ['Time_Format', '%d/%b/%Y:%H:%M:%S %z'],
      ['Time_Keep', 'On'], ['Time_Offset', '+0200'], ['Time_Strict', 'Off'], ['Types', 'code:integer size:integer'], ['Skip_Empty_Values', 'Off']],
    [['Name', 'app-json'], ['Format', 'json'], ['Time_Key', 'ts'], ['Time_Format', '%Y-%m-%dT%H:%M:%S.%L%z']],
    [['Name', 'app-logfmt'], ['Format', 'logfmt'], ['logfmt_no_bare_keys', 'On']],
    [['Name', 'apache-ltsv'], ['Format', 'ltsv'], ['Types', 'ok:bool status:integer']],
    [['Name', 'ml-java'], ['type', 'regex'], ['flush_timeout', '1000'], ['key_content', 'log'],
      ['rule', '"start_state" "/^[A-Z][a-z]{2} \\d+/" "cont"'], ['rule', '"cont" "/^\\s+at .*/" "cont"']],
    [['Name', 'ml-continued'], ['type', 'endswith'], ['match_string', '\\'], ['negate', 'Off'], ['parser', 'json']],
  ]);
  expect(parsers.map(s => s.kind)).toEqual(['PARSER', 'PARSER', 'PARSER', 'PARSER', 'MULTILINE_PARSER', 'MULTILINE_PARSER']);
});

test('addParser() after construction reaches parsers.conf; a raw section is written as given', () => {
  const chart = newChart();
  const ds = new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()] });
  expect(ds.parsersConfig).toBeUndefined();
  ds.addParser(LogParser.raw(FluentBitSection.parser('custom', [{ key: 'Format', value: 'regex' }, { key: 'Regex', value: '^(?<all>.*)$' }])));
  ds.addParser(FluentBitSection.parser('earlier-form', [{ key: 'Format', value: 'json' }]) as any);
  expect(parseClassic(ds.parsersConfig!).map(s => props(s).Name)).toEqual(['custom', 'earlier-form']);
  // The earlier type of the props, FluentBitSection, is still taken at run time (JavaScript callers, generated code).
  const earlier = build({ parsers: [FluentBitSection.parser('p', [{ key: 'Format', value: 'json' }])] as any });
  expect(parseClassic(earlier.configMap.data['parsers.conf']).map(s => props(s).Name)).toEqual(['p']);
});

describe('rejects bad parsers, naming the collector, the field, the value and what is allowed', () => {
  const make = (...list: unknown[]) => () => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], parsers: list as LogParser[] });

  test('names, formats, types and times', () => {
    expect(make(LogParser.json({ name: 'a' }), LogParser.logfmt({ name: 'a' }))).toThrow("LogCollectorDaemonSet 'logging/logs': parsers[1]: a parser named 'a' is already defined; give each parser its own name.");
    expect(make(LogParser.regex({ name: 'x' } as any))).toThrow("LogCollectorDaemonSet 'logging/logs': parsers[0].regex is undefined; it must be a regular expression on one line.");
    expect(make(LogParser.json({ name: 'bad name' }))).toThrow(/parsers\[0\]\.name is "bad name"; it must be a single word without blanks/);
    expect(make(LogParser.json({ name: 'x', types: { a: 'long' as any } }))).toThrow(/parsers\[0\]\.types\['a'\] is "long"; it must be one of string, integer, bool, float, hex/);
    expect(make(LogParser.json({ name: 'x', timeFormat: '%s' }))).toThrow(/parsers\[0\]\.timeKey is undefined; it must be the field holding the time, when timeFormat is given/);
    expect(make(LogParser.json({ name: 'x', timeKey: 't', timeOffset: 'CET' }))).toThrow(/parsers\[0\]\.timeOffset is "CET"; it must be a UTC offset such as '\+0200'/);
    expect(make(LogParser.raw(FluentBitSection.input('tail')))).toThrow(/parsers\[0\]\.section is "a \[INPUT\] section"; it must be a \[PARSER\] or \[MULTILINE_PARSER\] section/);
    expect(make('json')).toThrow(/parsers\[0\] is "json"; it must be a LogParser/);
  });

  test('multiline rules', () => {
    const rule = (state: string, regex: string, nextState = 'cont') => ({ state, regex, nextState });
    expect(make(LogParser.multiline({ name: 'm', type: MultilineParserType.REGEX }))).toThrow(/parsers\[0\]\.rules is undefined; it must be a non-empty list of rules with MultilineParserType\.REGEX/);
    expect(make(LogParser.multiline({ name: 'm', type: MultilineParserType.REGEX, rules: [rule('cont', '/x/')] })))
      .toThrow("LogCollectorDaemonSet 'logging/logs': parsers[0].rules[0].state is \"cont\"; it must be 'start_state' for the first rule.");
    expect(make(LogParser.multiline({ name: 'm', type: MultilineParserType.REGEX, rules: [rule('start_state', '/"quoted"/')] })))
      .toThrow(/parsers\[0\]\.rules\[0\]\.regex is "\/\\"quoted\\"\/"; it must be a value without double quotes \(in a regex, write \\x22\)/);
    expect(make(LogParser.multiline({ name: 'm', type: MultilineParserType.EQUAL }))).toThrow(/parsers\[0\]\.matchString is undefined; it must be the string to match, with MultilineParserType\.EQUAL/);
    expect(make(LogParser.multiline({ name: 'm', type: MultilineParserType.EQUAL, matchString: 'x', rules: [rule('start_state', '/x/')] })))
      .toThrow(/parsers\[0\]\.rules is an array of 1; it must be left out with MultilineParserType\.EQUAL/);
    expect(make(LogParser.multiline({ name: 'm', type: 'startswith' as any }))).toThrow(/parsers\[0\]\.type is "startswith"; it must be one of regex, endswith, equal\./);
  });
});
