import { createHash } from 'crypto';
import { Testing } from 'cdk8s';
import { CHECKSUM, build, es, expectDocumentedKeys, newChart, newSecret, props, section, views } from './fixtures';
import { FluentBitSection } from '../../../src/presets/fluent-bit-config';
import { FluentBitLogLevel, LogCollectorDaemonSet, LogFilter, LogOutput } from '../../../src/presets/log-collector';

// Config changes roll the pods (checksums) or hot-reload them.

test('checksum: the pod template carries the ConfigMap\'s checksum, and editing the config changes it', () => {
  const annotation = `${CHECKSUM}/configmap-logging-logs-config`;
  const a = build({ logLevel: FluentBitLogLevel.INFO });
  const sum = a.daemonSet.spec.template.metadata.annotations[annotation];
  const expected = createHash('sha256').update(JSON.stringify({ data: a.configMap.data, binaryData: a.configMap.binaryData, stringData: a.configMap.stringData })).digest('hex');
  expect(sum).toBe(expected);
  expect(build({ logLevel: FluentBitLogLevel.INFO }).daemonSet.spec.template.metadata.annotations[annotation]).toBe(sum);
  expect(build({ logLevel: FluentBitLogLevel.DEBUG }).daemonSet.spec.template.metadata.annotations[annotation]).not.toBe(sum);
  expect(build({ outputs: [LogOutput.elasticsearch({ host: 'es-new.logging.svc' })] }).daemonSet.spec.template.metadata.annotations[annotation]).not.toBe(sum);
});

test('checksum: outputs added after construction reach the config and the checksum', () => {
  const chart = newChart();
  const ds = new LogCollectorDaemonSet(chart, 'logs', { outputs: [es()] });
  const before = views(Testing.synth(chart)).daemonSet.spec.template.metadata.annotations[`${CHECKSUM}/configmap-logging-logs-config`];
  ds.addOutput(LogOutput.loki({ host: 'loki.logging.svc' }));
  ds.addFilter(LogFilter.raw(FluentBitSection.filter('grep', 'kube.*', [{ key: 'Exclude', value: 'log ^$' }])));
  const after = views(Testing.synth(chart));
  expect(after.config.filter(s => s.kind === 'OUTPUT').map(s => props(s).Name)).toEqual(['es', 'loki']);
  expect(after.config.filter(s => s.kind === 'FILTER').map(s => props(s).Name)).toEqual(['kubernetes', 'grep']);
  expect(after.daemonSet.spec.template.metadata.annotations[`${CHECKSUM}/configmap-logging-logs-config`]).not.toBe(before);
  expect(ds.outputs.map(o => o.plugin)).toEqual(['es', 'loki']);
  expect(ds.fluentBitConfig).toBe(after.configMap.data['fluent-bit.conf']);
});

test('hot reload: Hot_Reload On, a configmap-reload sidecar, no ConfigMap checksum, Secret checksums kept', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, podSpec, daemonSet } = build({
    hotReload: true,
    outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', user: 'fluent', password: { secret, key: 'password' } })],
  }, chart);
  expect(props(section(config, 'SERVICE')).Hot_Reload).toBe('On');
  expectDocumentedKeys(config);
  const reloader = podSpec.containers.find((c: any) => c.name === 'config-reloader');
  expect(reloader.image).toBe(LogCollectorDaemonSet.DEFAULT_RELOADER_IMAGE);
  expect(reloader.args).toEqual(['--webhook-url=http://localhost:2020/api/v2/reload', '--volume-dir=/watch/config']);
  expect(reloader.volumeMounts).toEqual([{ name: 'config', mountPath: '/watch/config', readOnly: true }]);
  expect(reloader.securityContext).toEqual({
    runAsUser: 65532, runAsGroup: 65532, runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] },
  });
  expect(reloader.resources).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '32Mi' } });
  const annotations = daemonSet.spec.template.metadata.annotations;
  expect(Object.keys(annotations).filter(k => k.startsWith(CHECKSUM))).toEqual([`${CHECKSUM}/secret-log-credentials`]);

  const noSums = build({ hotReload: true, configChecksums: false, outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', user: 'u', password: { secret: newSecret(newChart()), key: 'password' } })] });
  expect(noSums.daemonSet.spec.template.metadata.annotations ?? {}).toEqual({});
});

test('without hot reload, a Secret used by an output is checksummed too (rotating it rolls the pods)', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { daemonSet } = build({ outputs: [LogOutput.loki({ host: 'loki.logging.svc', bearerToken: { secret, key: 'token' } })] }, chart);
  expect(Object.keys(daemonSet.spec.template.metadata.annotations).sort()).toEqual([
    `${CHECKSUM}/configmap-logging-logs-config`, `${CHECKSUM}/secret-log-credentials`,
  ]);
});
