import { LogOutput, StdoutOutputFormat } from '../../../../src/presets/log-collector';
import { build, expectDocumentedKeys, props, section } from '../fixtures';

test('output stdout: JSON lines, and the collector\'s own log files are left out so it never reads what it prints', () => {
  const { config } = build({ outputs: [LogOutput.stdout()] });
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'stdout').entries).toEqual([['Name', 'stdout'], ['Match', '*'], ['Format', 'json_lines']]);
  expect(props(section(config, 'INPUT', 'tail')).Exclude_Path).toBe('/var/log/containers/logging-logs-*_logging_fluent-bit-*.log');

  const msgpack = build({ outputs: [LogOutput.stdout({ format: StdoutOutputFormat.MSGPACK, match: 'host.*' })], excludeNamespaces: ['kube-system'] }).config;
  expect(props(section(msgpack, 'OUTPUT', 'stdout'))).toEqual({ Name: 'stdout', Match: 'host.*', Format: 'msgpack' });
  expect(props(section(msgpack, 'INPUT', 'tail')).Exclude_Path).toBe('/var/log/containers/*_kube-system_*.log,/var/log/containers/logging-logs-*_logging_fluent-bit-*.log');
});
