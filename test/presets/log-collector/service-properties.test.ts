import { parse } from 'yaml';
import { build, section, thrown } from './fixtures';
import { FluentBitConfigFormat } from '../../../src/presets/log-collector';

// serviceProperties: the [SERVICE] section merged over or replaced, and the checks that keep the HTTP server usable.

const IMPORTED = [
  { key: 'Daemon', value: 'Off' },
  { key: 'Flush', value: '1' },
  { key: 'Log_Level', value: 'info' },
  { key: 'Parsers_File', value: '/fluent-bit/etc/parsers.conf' },
  { key: 'Parsers_File', value: '/fluent-bit/etc/conf/custom_parsers.conf' },
  { key: 'HTTP_Server', value: 'On' },
  { key: 'HTTP_Listen', value: '0.0.0.0' },
  { key: 'HTTP_Port', value: '2020' },
  { key: 'Health_Check', value: 'On' },
];

test('merged: a key the collector writes takes the value in its place (any case), a new key follows, the rest stays', () => {
  const { config } = build({ serviceProperties: [{ key: 'log_level', value: 'debug' }, { key: 'scheduler.cap', value: '300' }] });
  const entries = section(config, 'SERVICE').entries;
  expect(entries.slice(0, 3)).toEqual([['Daemon', 'Off'], ['Flush', '1'], ['log_level', 'debug']]);
  expect(entries[entries.length - 1]).toEqual(['scheduler.cap', '300']);
  expect(entries.filter(([k]) => k.toLowerCase() === 'log_level')).toHaveLength(1);
  expect(entries).toContainEqual(['storage.path', '/var/lib/fluent-bit/buffer']);
  expect(entries).toHaveLength(13);
});

test('replaced: the section holds exactly the properties given, in order, a repeated Parsers_File included', () => {
  const { config, configMap } = build({ serviceProperties: IMPORTED, replaceServiceProperties: true, filesystemBuffering: false });
  expect(section(config, 'SERVICE').entries).toEqual(IMPORTED.map(x => [x.key, x.value]));
  expect(configMap.data['fluent-bit.conf']).toMatch(/^\[SERVICE\]\n {4}Daemon {7}Off\n/);
});

test('the YAML format writes the merged section under service:', () => {
  const { configMap } = build({ configFormat: FluentBitConfigFormat.YAML, serviceProperties: [{ key: 'Log_Level', value: 'warn' }] });
  const service = parse(configMap.data['fluent-bit.yaml']).service;
  expect(service.log_level).toBe('warn');
  expect(service.http_server).toBe('On');
});

test('without serviceProperties the section is the collector\'s, unchanged', () => {
  expect(section(build().config, 'SERVICE').entries).toEqual(section(build({ serviceProperties: undefined }).config, 'SERVICE').entries);
});

describe('rejects', () => {
  test.each([
    [{ serviceProperties: [{ key: 'HTTP_Server', value: 'Off' }] }, /serviceProperties: HTTP_Server is 'Off'; the probes, the metrics Service and the reloader need it On/],
    [{ serviceProperties: [{ key: 'HTTP_Port', value: '2021' }] }, /HTTP_Port is 2021, but metricsPort is 2020; set metricsPort: 2021 or HTTP_Port 2020/],
    [{ serviceProperties: [{ key: 'Parsers_File', value: '/x.conf' }] }, /serviceProperties\[0\]: Parsers_File is written from parsers/],
    [{ serviceProperties: [{ key: 'Flush', value: '1' }, { key: 'flush', value: '2' }] }, /serviceProperties\[1\]: key 'flush' is given twice/],
    [{ serviceProperties: [{ key: '9lives', value: '1' }] }, /serviceProperties\[0\]: key '9lives' is not a fluent-bit key/],
    [{ serviceProperties: [{ key: 'Flush', value: ' 1' }] }, /serviceProperties\[0\]: key 'Flush' has value " 1", which starts or ends with blanks/],
    [{ replaceServiceProperties: true }, /replaceServiceProperties: is true but no serviceProperties are given/],
    [{ serviceProperties: [{ key: 'Flush', value: '1' }], replaceServiceProperties: true }, /HTTP_Server is not set \(fluent-bit's default is Off\)/],
    [{ serviceProperties: IMPORTED, replaceServiceProperties: true }, /sets no storage.path, which filesystem buffering needs/],
    [{ serviceProperties: IMPORTED.filter(x => x.key !== 'HTTP_Port'), replaceServiceProperties: true, filesystemBuffering: false, metricsPort: 2021 },
      /HTTP_Port is 2020 \(fluent-bit's default\), but metricsPort is 2021/],
  ])('%j', (overrides, message) => {
    const e = thrown(() => build(overrides as any));
    expect(e.message).toMatch(/^LogCollectorDaemonSet 'logging\/logs': /);
    expect(e.message).toMatch(message);
  });
});
