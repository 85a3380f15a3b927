import { Duration, Size } from 'cdk8s';
import { parseClassic } from './log-collector/fixtures';
import {
  checkKey, checkMatch, checkValue, FluentBitSection, fluentBitSeconds, fluentBitSize, onOff, referencedEnvVars, renderFluentBitConfig,
} from '../../src/presets/fluent-bit-config';

test('a section renders as a header and aligned, indented key/value lines', () => {
  const section = FluentBitSection.output('kafka', 'kube.*', [
    { key: 'Brokers', value: 'kafka-0:9092,kafka-1:9092' },
    { key: 'Topics', value: 'logs' },
    { key: 'rdkafka.security.protocol', value: 'SASL_SSL' },
  ]);
  expect(section.kind).toBe('OUTPUT');
  expect(section.name).toBe('kafka');
  expect(section.match).toBe('kube.*');
  expect(section.render()).toBe([
    '[OUTPUT]',
    '    Name                      kafka',
    '    Match                     kube.*',
    '    Brokers                   kafka-0:9092,kafka-1:9092',
    '    Topics                    logs',
    '    rdkafka.security.protocol SASL_SSL',
  ].join('\n'));
});

test('rendered sections parse back to the same keys and values, repeated keys kept in order', () => {
  const sections = [
    FluentBitSection.input('systemd', [
      { key: 'Tag', value: 'host.*' },
      { key: 'Systemd_Filter', value: '_SYSTEMD_UNIT=kubelet.service' },
      { key: 'Systemd_Filter', value: '_SYSTEMD_UNIT=containerd.service' },
    ]),
    FluentBitSection.filter('grep', 'kube.*', [{ key: 'Exclude', value: 'log ^\\s*$' }]),
    FluentBitSection.parser('apache', [{ key: 'Format', value: 'regex' }, { key: 'Regex', value: '^(?<host>[^ ]*) (?<rest>.*)$' }]),
    FluentBitSection.multilineParser('java', [{ key: 'type', value: 'regex' }, { key: 'rule', value: '"start_state" "/^\\d{4}/" "cont"' }]),
  ];
  const text = renderFluentBitConfig(sections);
  expect(text.endsWith('\n')).toBe(true);
  expect(text.split('\n\n')).toHaveLength(4);
  expect(parseClassic(text)).toEqual([
    { kind: 'INPUT', entries: [['Name', 'systemd'], ['Tag', 'host.*'], ['Systemd_Filter', '_SYSTEMD_UNIT=kubelet.service'], ['Systemd_Filter', '_SYSTEMD_UNIT=containerd.service']] },
    { kind: 'FILTER', entries: [['Name', 'grep'], ['Match', 'kube.*'], ['Exclude', 'log ^\\s*$']] },
    { kind: 'PARSER', entries: [['Name', 'apache'], ['Format', 'regex'], ['Regex', '^(?<host>[^ ]*) (?<rest>.*)$']] },
    { kind: 'MULTILINE_PARSER', entries: [['Name', 'java'], ['type', 'regex'], ['rule', '"start_state" "/^\\d{4}/" "cont"']] },
  ]);
});

test('the service section has no Name', () => {
  const s = FluentBitSection._service([{ key: 'Flush', value: '1' }]);
  expect(s.kind).toBe('SERVICE');
  expect(s.name).toBeUndefined();
  expect(s.render()).toBe('[SERVICE]\n    Flush 1');
});

test('the classic-format reader rejects lines outside the grammar', () => {
  expect(() => parseClassic('Name es')).toThrow(/neither a section header/);
  expect(() => parseClassic('    Name es')).toThrow(/outside any section/);
  expect(parseClassic('# comment\n\n[OUTPUT]\n    Name es\n')).toEqual([{ kind: 'OUTPUT', entries: [['Name', 'es']] }]);
});

test('bad sections fail in the factory, naming it, the key and the value', () => {
  expect(() => FluentBitSection.output('my plugin', '*')).toThrow("FluentBitSection.output: name 'my plugin' is not a plugin or parser name");
  expect(() => FluentBitSection.output('kafka', 'kube *')).toThrow("FluentBitSection.output: match 'kube *' is not a tag pattern");
  expect(() => FluentBitSection.filter('grep', '')).toThrow("FluentBitSection.filter: match '' is not a tag pattern");
  expect(() => FluentBitSection.input('tail', [{ key: 'Path Key', value: 'x' }])).toThrow("FluentBitSection.input: key 'Path Key' is not a fluent-bit key");
  expect(() => FluentBitSection.input('tail', [{ key: 'Path', value: '' }])).toThrow("FluentBitSection.input: key 'Path' has value \"\", which is empty");
  expect(() => FluentBitSection.input('tail', [{ key: 'Path', value: '/a\n[OUTPUT]' }])).toThrow("key 'Path' has value \"/a\\n[OUTPUT]\", which spans several lines");
  expect(() => FluentBitSection.input('tail', [{ key: 'Path', value: ' /a' }])).toThrow('starts or ends with blanks');
  expect(() => FluentBitSection.output('kafka', '*', [{ key: 'name', value: 'x' }])).toThrow("FluentBitSection.output: key 'name' is set by the factory's name argument");
  expect(() => FluentBitSection.output('kafka', '*', [{ key: 'Match', value: 'x' }])).toThrow("key 'Match' is set by the factory's match argument");
  expect(() => FluentBitSection.parser('x', [{ key: '1abc', value: 'x' }])).toThrow("FluentBitSection.parser: key '1abc'");
  expect(() => FluentBitSection.multilineParser('bad name')).toThrow('FluentBitSection.multilineParser: name');
});

test('unit sizes: exact bytes unless a whole number of fluent-bit\'s decimal units', () => {
  expect(fluentBitSize(Size.mebibytes(5))).toBe('5242880');
  expect(fluentBitSize(Size.gibibytes(1))).toBe('1073741824');
  expect(fluentBitSize(Size.kibibytes(1000))).toBe('1024K');
  expect(fluentBitSize(Size.kibibytes(1))).toBe('1024');
});

test('seconds, booleans, env references and checks', () => {
  expect(fluentBitSeconds(Duration.seconds(1))).toBe('1');
  expect(fluentBitSeconds(Duration.millis(500))).toBe('0.5');
  expect(onOff(true)).toBe('On');
  expect(onOff(false)).toBe('Off');
  expect(referencedEnvVars('a ${ES_PASSWORD}\nb Bearer ${TOKEN} ${ES_PASSWORD}')).toEqual(['ES_PASSWORD', 'TOKEN']);
  expect(checkKey('storage.total_limit_size')).toBeUndefined();
  expect(checkKey('K8S-Logging.Parser')).toBeUndefined();
  expect(checkValue('x y')).toBeUndefined();
  expect(checkMatch('*')).toBeUndefined();
});
