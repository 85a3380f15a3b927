import { parse } from 'yaml';
import { FluentBitSection } from '../../src/presets/fluent-bit-config';
import { renderFluentBitYaml, yamlEntry, yamlOrderProblem } from '../../src/presets/fluent-bit-yaml';

// fluent-bit's YAML configuration format, written from the documented schema
// (https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/yaml): sections as maps.

const p = (key: string, value: string) => ({ key, value });

test('a section becomes a map: keys in lower case, in order, repeated keys as a list in their order', () => {
  const systemd = FluentBitSection.input('systemd', [p('Tag', 'host.*'), p('Systemd_Filter', '_SYSTEMD_UNIT=a.service'), p('Systemd_Filter', '_SYSTEMD_UNIT=b.service'), p('DB', '/x.db')]);
  const entry = yamlEntry(systemd);
  expect(entry).toEqual({ name: 'systemd', tag: 'host.*', systemd_filter: ['_SYSTEMD_UNIT=a.service', '_SYSTEMD_UNIT=b.service'], db: '/x.db' });
  expect(Object.keys(entry)).toEqual(['name', 'tag', 'systemd_filter', 'db']);
  expect(yamlEntry(FluentBitSection.filter('record_modifier', '*', [p('Record', 'a 1'), p('RECORD', 'b 2'), p('record', 'c 3')])).record).toEqual(['a 1', 'b 2', 'c 3']);
});

test('the rules of a multiline parser become maps of state, regex and next_state', () => {
  const ml = FluentBitSection.multilineParser('ml', [p('type', 'regex'), p('rule', '"start_state" "/^\\d+ \\"x\\"/" "cont"'), p('rule', '"cont"   "/^\\s+/"  "cont"')]);
  expect(yamlEntry(ml)).toEqual({
    name: 'ml', type: 'regex', rules: [{ state: 'start_state', regex: '/^\\d+ \\"x\\"/', next_state: 'cont' }, { state: 'cont', regex: '/^\\s+/', next_state: 'cont' }],
  });
  expect(() => yamlEntry(FluentBitSection.multilineParser('ml', [p('rule', '"start_state" "/x/"')]))).toThrow('is not three quoted fields');
  // A `rule` key elsewhere is an ordinary key.
  expect(yamlEntry(FluentBitSection.filter('x', '*', [p('rule', 'a b')]))).toEqual({ name: 'x', match: '*', rule: 'a b' });
});

test('order: keys repeated only next to each other keep their order; interleaved ones are reported', () => {
  const grouped = FluentBitSection.filter('modify', '*', [p('Condition', 'Key_exists a'), p('Rename', 'a b'), p('Rename', 'c d'), p('Add', 'e f')]);
  expect(yamlOrderProblem(grouped)).toBeUndefined();
  const interleaved = FluentBitSection.filter('modify', '*', [p('Rename', 'a b'), p('Add', 'e f'), p('rename', 'c d')]);
  expect(yamlOrderProblem(interleaved)).toMatch(/^its 'rename' rules are interleaved with other rules/);
});

test('a whole configuration: service, parsers, multiline_parsers and pipeline, empty parts left out, readable by a YAML parser', () => {
  const text = renderFluentBitYaml({
    service: FluentBitSection._service([p('Flush', '1'), p('HTTP_Port', '2020'), p('Hot_Reload', 'On')]),
    parsers: [FluentBitSection.parser('j', [p('Format', 'json')]), FluentBitSection.multilineParser('m', [p('type', 'endswith'), p('match_string', '\\')])],
    inputs: [FluentBitSection.input('tail', [p('Tag', 'kube.*'), p('Path', '/var/log/containers/*.log'), p('Exclude_Path', '/a,/b')])],
    filters: [],
    outputs: [FluentBitSection.output('es', '*', [p('Host', 'es'), p('HTTP_Passwd', '${ES_PASSWORD}'), p('Index', '#not-a-comment: x')])],
  });
  const doc = parse(text);
  expect(doc).toEqual({
    service: { flush: '1', http_port: '2020', hot_reload: 'On' },
    parsers: [{ name: 'j', format: 'json' }],
    multiline_parsers: [{ name: 'm', type: 'endswith', match_string: '\\' }],
    pipeline: {
      inputs: [{ name: 'tail', tag: 'kube.*', path: '/var/log/containers/*.log', exclude_path: '/a,/b' }],
      outputs: [{ name: 'es', match: '*', host: 'es', http_passwd: '${ES_PASSWORD}', index: '#not-a-comment: x' }],
    },
  });
  // Every value is a string (fluent-bit reads them so); numbers are quoted rather than typed.
  expect(text).toContain('flush: "1"');
  expect(renderFluentBitYaml({ service: FluentBitSection._service([]), parsers: [], inputs: [], filters: [], outputs: [] }))
    .toBe('service: {}\npipeline:\n  inputs: []\n  outputs: []\n');
});
