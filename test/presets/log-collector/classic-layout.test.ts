import { build } from './fixtures';
import { DaemonSetsError } from '../../../src/errors';
import { FluentBitSection } from '../../../src/presets/fluent-bit-config';
import { FluentBitConfigFormat, LogInput, LogOutput, LogParser } from '../../../src/presets/log-collector';

// classicLayout and parsersFileName: how the classic files look and what the parsers file is called.

const parser = LogParser.raw(FluentBitSection.parser('my_json', [{ key: 'Format', value: 'json' }]));

test('the default layout is unchanged: keys indented 4 spaces, values aligned, a blank line between sections', () => {
  const { configMap } = build({ parsers: [parser] });
  const conf: string = configMap.data['fluent-bit.conf'];
  expect(conf).toMatch(/^\[SERVICE\]\n {4}Daemon {16}Off\n/);
  expect(conf).toContain('\n\n[INPUT]\n');
  expect(configMap.data['parsers.conf']).toBe('[PARSER]\n    Name   my_json\n    Format json\n');
  expect(conf).toContain('    Parsers_File          /fluent-bit/etc/conf/parsers.conf\n');
});

test('classicLayout changes the indentation, the alignment and the blank lines of both files, nothing else', () => {
  const plain = build({ parsers: [parser] }).configMap.data;
  const { configMap } = build({ parsers: [parser], classicLayout: { indent: 2, alignValues: false, blankLineBetweenSections: false } });
  const conf: string = configMap.data['fluent-bit.conf'];
  expect(conf).toMatch(/^\[SERVICE\]\n {2}Daemon Off\n {2}Flush 1\n/);
  expect(conf).not.toContain('\n\n');
  expect(conf).toMatch(/\n {2}storage\.metrics On\n\[INPUT\]\n/); // the next section follows the last line directly
  expect(configMap.data['parsers.conf']).toBe('[PARSER]\n  Name my_json\n  Format json\n');
  // The same sections and lines, only laid out otherwise.
  const lines = (text: string) => text.split('\n').filter(l => l !== '').map(l => l.trim().replace(/\s+/g, ' '));
  expect(lines(conf)).toEqual(lines(plain['fluent-bit.conf']));
});

test('parsersFileName names the parsers file and the [SERVICE] section\'s Parsers_File follows it', () => {
  const { configMap, container } = build({ parsers: [parser], parsersFileName: 'custom_parsers.conf' });
  expect(Object.keys(configMap.data).sort()).toEqual(['custom_parsers.conf', 'fluent-bit.conf']);
  expect(configMap.data['fluent-bit.conf']).toContain('Parsers_File          /fluent-bit/etc/conf/custom_parsers.conf\n');
  expect(container.volumeMounts.some((m: any) => m.mountPath === '/fluent-bit/etc/conf')).toBe(true);
});

test('a raw input, the imported form, is written as given in the chosen layout', () => {
  const { configMap } = build({
    inputs: [LogInput.raw(FluentBitSection.input('tail', [{ key: 'Path', value: '/var/log/containers/*.log' }, { key: 'Tag', value: 'kube.*' }]))],
    outputs: [LogOutput.stdout()],
    classicLayout: { alignValues: false },
  });
  expect(configMap.data['fluent-bit.conf']).toContain('\n\n[INPUT]\n    Name tail\n    Path /var/log/containers/*.log\n    Tag kube.*\n\n');
});

test.each([
  [{ indent: 0 }, /classicLayout\.indent: 0 is not an indentation; use a whole number of spaces from 1 to 16/],
  [{ indent: 2.5 }, /classicLayout\.indent: 2\.5 is not an indentation/],
  [{ alignValues: 'no' }, /classicLayout\.alignValues: "no" is not a boolean; use true or false/],
  ['tight', /classicLayout/],
])('classicLayout %j is refused with a DaemonSetsError', (layout, message) => {
  expect(() => build({ classicLayout: layout as any })).toThrow(DaemonSetsError);
  expect(() => build({ classicLayout: layout as any })).toThrow(message);
});

test('null in classicLayout (a JavaScript caller, Python\'s None) means the default, for every field alike', () => {
  const text = (layout: any) => build({ parsers: [parser], classicLayout: layout }).configMap.data['fluent-bit.conf'];
  const defaults = text(undefined);
  expect(text(null)).toBe(defaults);
  expect(text({ indent: null, alignValues: null, blankLineBetweenSections: null })).toBe(defaults);
});

test('a parsersFileName that is no ConfigMap key, or that another file has, is refused', () => {
  expect(() => build({ parsers: [parser], parsersFileName: 'my parsers' })).toThrow(/parsersFileName: 'my parsers' is not a ConfigMap key/);
  // The API server's rule for ConfigMap keys (ValidateConfigMap): '..' and keys starting with '..' are refused too.
  expect(() => build({ parsers: [parser], parsersFileName: '..' })).toThrow(/parsersFileName: '\.\.' is not a ConfigMap key: it must not be '\.\.'/);
  expect(() => build({ parsers: [parser], parsersFileName: '..data' })).toThrow(/parsersFileName: '\.\.data' is not a ConfigMap key: it must not start with '\.\.'/);
  expect(() => build({ parsers: [parser], parsersFileName: 7 as any })).toThrow(/parsersFileName is 7; it must be a non-empty string/);
  // Options of the classic files are refused, not ignored, where they do nothing.
  expect(() => build({ parsersFileName: 'custom_parsers.conf' })).toThrow(/parsersFileName: names the file of the custom parsers, but there are none/);
  expect(() => build({ parsers: [parser], parsersFileName: 'custom_parsers.conf', configFormat: FluentBitConfigFormat.YAML }))
    .toThrow(/parsersFileName: applies to the classic format's files only/);
  expect(() => build({ classicLayout: { indent: 2 }, configFormat: FluentBitConfigFormat.YAML })).toThrow(/classicLayout: applies to the classic format's files only/);
  expect(() => build({ parsers: [parser], parsersFileName: 'fluent-bit.conf' })).toThrow(/already holds a file named 'fluent-bit.conf'/);
});
