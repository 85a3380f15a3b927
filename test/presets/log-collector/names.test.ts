import { build, es, newChart, only } from './fixtures';
import { LogCollectorDaemonSet, LogInput, LogParser } from '../../../src/presets/log-collector';

// configMapName, serviceName and configFiles: the ConfigMap and the Service named as an adopted release names
// them, and extra files beside the main configuration.

test('configMapName and serviceName name the ConfigMap (and the pod\'s volume) and the Service', () => {
  const { objects, podSpec } = build({ metadata: { name: 'fluent-bit' }, configMapName: 'fluent-bit', serviceName: 'fluent-bit', inputs: [LogInput.containerLogs(), LogInput.forward()] });
  expect(only(objects, 'ConfigMap').metadata.name).toBe('fluent-bit');
  expect(podSpec.volumes.find((v: any) => v.name === 'config').configMap.name).toBe('fluent-bit');
  const service = only(objects, 'Service');
  expect(service.metadata.name).toBe('fluent-bit');
  expect(service.spec.ports.map((p: any) => p.name)).toEqual(['metrics', 'forward']);
  // The defaults are unchanged.
  const defaults = build({ metadata: { name: 'fluent-bit' } }).objects;
  expect(only(defaults, 'ConfigMap').metadata.name).toBe('fluent-bit-config');
  expect(only(defaults, 'Service').metadata.name).toBe('fluent-bit-metrics');
});

test('with serviceName, metadata.name only needs to name the DaemonSet', () => {
  const { objects } = build({ metadata: { name: 'fluent.bit' }, serviceName: 'fluent-bit', configMapName: 'fluent.bit.config' });
  expect(only(objects, 'DaemonSet').metadata.name).toBe('fluent.bit');
  expect(only(objects, 'ConfigMap').metadata.name).toBe('fluent.bit.config');
  expect(() => build({ metadata: { name: 'fluent.bit' } })).toThrow("metadata.name: 'fluent.bit' would name the metrics Service 'fluent.bit-metrics'");
});

test('configFiles are written to the ConfigMap beside fluent-bit.conf, parsers.conf and Lua scripts', () => {
  const { configMap, container } = build({ configFiles: { 'plugins.conf': '[PLUGINS]\n', 'lookup.csv': 'k,v\n' }, parsers: [LogParser.json({ name: 'j' })] });
  expect(Object.keys(configMap.data).sort()).toEqual(['fluent-bit.conf', 'lookup.csv', 'parsers.conf', 'plugins.conf']);
  expect(configMap.data['lookup.csv']).toBe('k,v\n');
  expect(container.volumeMounts).toContainEqual({ name: 'config', mountPath: LogCollectorDaemonSet.CONFIG_DIRECTORY, readOnly: true });
});

test('bad names and files are refused, naming the field and what is allowed', () => {
  const make = (p: object) => () => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], ...p });
  expect(make({ serviceName: 'Fluent_Bit' })).toThrow("LogCollectorDaemonSet 'logging/logs': serviceName: 'Fluent_Bit' is not a DNS-1035 label");
  expect(make({ serviceName: '1fluent' })).toThrow("serviceName: '1fluent' is not a DNS-1035 label");
  expect(make({ configMapName: 'Fluent Bit' })).toThrow("LogCollectorDaemonSet 'logging/logs': configMapName: 'Fluent Bit' must consist of lower-case");
  expect(make({ configMapName: '' })).toThrow("LogCollectorDaemonSet 'logging/logs': configMapName is \"\"; it must be a non-empty string.");
  expect(make({ configFiles: { '../etc/passwd': 'x' } })).toThrow("configFiles: '../etc/passwd' is not a ConfigMap key");
  expect(make({ configFiles: { '..2024_01_01': 'x' } })).toThrow("configFiles: '..2024_01_01' is not a ConfigMap key: it must not start with '..'");
  expect(make({ configFiles: { 'a.conf': 1 } })).toThrow("configFiles['a.conf'] is 1; it must be a string.");
  expect(make({ configFiles: { 'fluent-bit.conf': '[SERVICE]\n' } }))
    .toThrow("LogCollectorDaemonSet 'logging/logs': configFiles['fluent-bit.conf']: the ConfigMap already holds a file named 'fluent-bit.conf'");
  expect(make({ configFiles: { 'parsers.conf': '' }, parsers: [LogParser.json({ name: 'j' })] })).toThrow("parsers[0]: the ConfigMap already holds a file named 'parsers.conf'");
});
