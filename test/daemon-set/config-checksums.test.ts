import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { synthDaemonSet } from './synth';
import { CONFIG_CHECKSUM_PREFIX, DaemonSet } from '../../src';

// DaemonSet: config checksums.

function checksumAnnotations(chart: Chart): { [key: string]: string } {
  const annotations = synthDaemonSet(chart).spec.template.metadata.annotations ?? {};
  return Object.fromEntries(Object.entries<string>(annotations).filter(([k]) => k.startsWith(`${CONFIG_CHECKSUM_PREFIX}/`)));
}

function checksumApp(level: string, options: { configChecksums?: boolean } = {}): Chart {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config' }, data: { 'log.level': level } });
  const secret = new kplus.Secret(chart, 'secret', { metadata: { name: 'agent-tls' }, stringData: { 'tls.crt': 'CERT', 'tls.key': 'KEY' } });
  new DaemonSet(chart, 'ds', {
    configChecksums: options.configChecksums,
    volumes: [kplus.Volume.fromSecret(chart, 'tls', secret, { name: 'tls' })],
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      envVariables: { LOG_LEVEL: kplus.EnvValue.fromConfigMap(cm, 'log.level') },
    }],
  });
  return chart;
}

test('a ConfigMap consumed through env and a Secret consumed through a volume annotate the pod template', () => {
  const annotations = checksumAnnotations(checksumApp('info'));
  expect(Object.keys(annotations).sort()).toEqual([
    `${CONFIG_CHECKSUM_PREFIX}/configmap-agent-config`,
    `${CONFIG_CHECKSUM_PREFIX}/secret-agent-tls`,
  ]);
  for (const value of Object.values(annotations)) expect(value).toMatch(/^[0-9a-f]{64}$/);
  expect(CONFIG_CHECKSUM_PREFIX).toEqual('checksum.daemonsets.cdk8s.io');
});

test('changing the ConfigMap data changes its checksum only', () => {
  const before = checksumAnnotations(checksumApp('info'));
  const same = checksumAnnotations(checksumApp('info'));
  const after = checksumAnnotations(checksumApp('debug'));
  const cmKey = `${CONFIG_CHECKSUM_PREFIX}/configmap-agent-config`;
  const secretKey = `${CONFIG_CHECKSUM_PREFIX}/secret-agent-tls`;
  expect(same).toEqual(before);
  expect(after[cmKey]).not.toEqual(before[cmKey]);
  expect(after[secretKey]).toEqual(before[secretKey]);
});

test('a ConfigMap consumed through a volume and a Secret through envFrom', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'fluent-bit' }, data: { 'fluent-bit.conf': '[SERVICE]\n  Flush 1\n' } });
  const secret = new kplus.Secret(chart, 'secret', { metadata: { name: 'es-credentials' }, stringData: { ES_PASSWORD: 'x' } });
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envFrom: [kplus.Env.fromSecret(secret)] }],
  });
  ds.addVolume(kplus.Volume.fromConfigMap(chart, 'config', cm, { name: 'config' }));
  ds.mountVolume('config', '/fluent-bit/etc', { readOnly: true });
  expect(Object.keys(checksumAnnotations(chart)).sort()).toEqual([
    `${CONFIG_CHECKSUM_PREFIX}/configmap-fluent-bit`,
    `${CONFIG_CHECKSUM_PREFIX}/secret-es-credentials`,
  ]);
});

test('a ConfigMap that the pods do not consume gives no annotation', () => {
  const chart = Testing.chart();
  new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'unrelated' }, data: { a: 'b' } });
  const used = new kplus.ConfigMap(chart, 'used', { metadata: { name: 'used' }, data: { a: 'b' } });
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { A: kplus.EnvValue.fromConfigMap(used, 'a') } }],
  });
  expect(Object.keys(checksumAnnotations(chart))).toEqual([`${CONFIG_CHECKSUM_PREFIX}/configmap-used`]);

  const chart2 = Testing.chart();
  new kplus.ConfigMap(chart2, 'cm', { metadata: { name: 'unrelated' }, data: { a: 'b' } });
  new DaemonSet(chart2, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthDaemonSet(chart2).spec.template.metadata.annotations).toBeUndefined();
});

test('a ConfigMap referenced by name but not defined in the app gives no annotation', () => {
  const chart = Testing.chart();
  const external = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'cluster-wide');
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { A: kplus.EnvValue.fromConfigMap(external, 'a') } }],
  });
  expect(checksumAnnotations(chart)).toEqual({});
});

test('a ConfigMap in namespace default matches a DaemonSet without a namespace', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config', namespace: 'default' }, data: { a: 'b' } });
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { A: kplus.EnvValue.fromConfigMap(cm, 'a') } }],
  });
  expect(Object.keys(checksumAnnotations(chart))).toEqual([`${CONFIG_CHECKSUM_PREFIX}/configmap-agent-config`]);
});

test('a ConfigMap of another namespace gives no annotation', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config', namespace: 'logging' }, data: { a: 'b' } });
  new DaemonSet(chart, 'ds', {
    metadata: { namespace: 'monitoring' },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { A: kplus.EnvValue.fromConfigMap(cm, 'a') } }],
  });
  expect(checksumAnnotations(chart)).toEqual({});
});

test('configChecksums false disables the annotations', () => {
  expect(checksumAnnotations(checksumApp('info', { configChecksums: false }))).toEqual({});
  expect(synthDaemonSet(checksumApp('info', { configChecksums: false })).spec.template.metadata.annotations).toBeUndefined();
});
