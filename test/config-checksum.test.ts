import { createHash } from 'crypto';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CONFIG_CHECKSUM_PREFIX, DaemonSet } from '../src';
import { consumedConfig } from '../src/config-checksum';
import { checkQualifiedName } from '../src/k8s/syntax';

const IMAGE = 'fluent/fluent-bit:3.1.9';

function podAnnotations(chart: Chart): { [key: string]: string } {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec.template.metadata.annotations ?? {};
}

function checksumAnnotations(chart: Chart): { [key: string]: string } {
  return Object.fromEntries(Object.entries(podAnnotations(chart)).filter(([k]) => k.startsWith(`${CONFIG_CHECKSUM_PREFIX}/`)));
}

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/** A fluent-bit-like DaemonSet mounting a ConfigMap named `name` with `data`. */
function agentWithConfig(name: string, data: { [key: string]: string }, chart = Testing.chart()) {
  const cm = new kplus.ConfigMap(chart, 'config', { metadata: { name }, data });
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].mount('/fluent-bit/etc', kplus.Volume.fromConfigMap(chart, 'config-volume', cm), { readOnly: true });
  return { chart, cm, ds };
}

test('the prefix', () => {
  expect(CONFIG_CHECKSUM_PREFIX).toBe('checksum.daemonsets.cdk8s.io');
  expect(checkQualifiedName(`${CONFIG_CHECKSUM_PREFIX}/configmap-x`)).toBeUndefined();
});

test('consumedConfig finds volumes, projected sources, env valueFrom and envFrom', () => {
  const found = consumedConfig({
    volumes: [
      { name: 'a', configMap: { name: 'cm-volume' } },
      { name: 'b', secret: { secretName: 'secret-volume' } },
      { name: 'c', projected: { sources: [{ configMap: { name: 'cm-projected' } }, { secret: { name: 'secret-projected' } }, { serviceAccountToken: { path: 't' } }] } },
      { name: 'd', hostPath: { path: '/var/log' } },
    ],
    initContainers: [{ name: 'init', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cm-init-env', key: 'k' } } }] }],
    containers: [{
      name: 'agent',
      env: [
        { name: 'B', valueFrom: { secretKeyRef: { name: 'secret-env', key: 'k' } } },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'D', value: 'literal' },
      ],
      envFrom: [{ configMapRef: { name: 'cm-env-from' } }, { secretRef: { name: 'secret-env-from' } }],
    }],
  });
  expect([...found.configMaps].sort()).toEqual(['cm-env-from', 'cm-init-env', 'cm-projected', 'cm-volume']);
  expect([...found.secrets].sort()).toEqual(['secret-env', 'secret-env-from', 'secret-projected', 'secret-volume']);
});

test('consumedConfig of lists that are not lists (a JSON patch can write anything) finds nothing and does not throw', () => {
  const found = consumedConfig({ volumes: { configMap: { name: 'x' } }, containers: 'agent', initContainers: 7 });
  expect(found.configMaps.size).toBe(0);
  expect(found.secrets.size).toBe(0);
});

test('consumedConfig does not walk objects that only look like lists (a huge length, numbered keys)', () => {
  const lookAlike = { length: 1e9, 0: { name: 'a', configMap: { name: 'cm' } } };
  const found = consumedConfig({ volumes: lookAlike, containers: [{ name: 'c', env: lookAlike, envFrom: lookAlike }] });
  expect(found.configMaps.size).toBe(0);
  expect(found.secrets.size).toBe(0);
});

test('consumedConfig skips null items and still finds the others', () => {
  const found = consumedConfig({
    volumes: [null, { name: 'a', configMap: { name: 'cm' } }, { name: 'b', projected: { sources: [null, { secret: { name: 's' } }] } }],
    containers: [null, { name: 'c', env: [null, { name: 'A', valueFrom: { configMapKeyRef: { name: 'cm-env', key: 'k' } } }], envFrom: [null, { secretRef: { name: 's-env' } }] }],
  });
  expect([...found.configMaps].sort()).toEqual(['cm', 'cm-env']);
  expect([...found.secrets].sort()).toEqual(['s', 's-env']);
});

test('consumedConfig of an empty pod spec finds nothing', () => {
  const found = consumedConfig({});
  expect(found.configMaps.size).toBe(0);
  expect(found.secrets.size).toBe(0);
});

test('a mounted ConfigMap of the app gets a sha256 checksum of its data', () => {
  const { chart } = agentWithConfig('agent-config', { 'fluent-bit.conf': '[SERVICE]\n    Flush 1\n' });
  expect(checksumAnnotations(chart)).toEqual({
    'checksum.daemonsets.cdk8s.io/configmap-agent-config': sha256({ data: { 'fluent-bit.conf': '[SERVICE]\n    Flush 1\n' } }),
  });
});

test('the checksum is stable across synths and across identical apps', () => {
  const first = agentWithConfig('agent-config', { a: '1', b: '2' });
  const once = checksumAnnotations(first.chart);
  const twice = checksumAnnotations(first.chart);
  const other = checksumAnnotations(agentWithConfig('agent-config', { a: '1', b: '2' }).chart);
  expect(Object.keys(once)).toHaveLength(1);
  expect(twice).toEqual(once);
  expect(other).toEqual(once);
});

test('the checksum changes when the data changes', () => {
  const v1 = checksumAnnotations(agentWithConfig('agent-config', { level: 'info' }).chart);
  const v2 = checksumAnnotations(agentWithConfig('agent-config', { level: 'debug' }).chart);
  expect(Object.keys(v2)).toEqual(Object.keys(v1));
  expect(v2['checksum.daemonsets.cdk8s.io/configmap-agent-config']).not.toBe(v1['checksum.daemonsets.cdk8s.io/configmap-agent-config']);
});

test('data added after a first synth changes the checksum of the next synth', () => {
  const { chart, cm } = agentWithConfig('agent-config', { level: 'info' });
  const before = checksumAnnotations(chart)['checksum.daemonsets.cdk8s.io/configmap-agent-config'];
  cm.addData('parsers.conf', '[PARSER]\n');
  const after = checksumAnnotations(chart)['checksum.daemonsets.cdk8s.io/configmap-agent-config'];
  expect(after).not.toBe(before);
  expect(after).toBe(sha256({ data: { 'level': 'info', 'parsers.conf': '[PARSER]\n' } }));
});

test('labels on the ConfigMap do not change the checksum', () => {
  const plain = checksumAnnotations(agentWithConfig('agent-config', { a: '1' }).chart);
  const { chart, cm } = agentWithConfig('agent-config', { a: '1' });
  cm.metadata.addLabel('team', 'observability');
  expect(checksumAnnotations(chart)).toEqual(plain);
});

test('a Secret consumed through env gets a checksum of its data', () => {
  const chart = Testing.chart();
  const secret = new kplus.Secret(chart, 'token', { metadata: { name: 'es-credentials' }, stringData: { password: 's3cret' } });
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      envVariables: { ES_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'password' }) },
    }],
  });
  expect(checksumAnnotations(chart)).toEqual({
    'checksum.daemonsets.cdk8s.io/secret-es-credentials': sha256({ stringData: { password: 's3cret' } }),
  });
});

test('a ConfigMap consumed through envFrom gets a checksum', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'env', { metadata: { name: 'agent-env' }, data: { LOG_LEVEL: 'info' } });
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].env.copyFrom(kplus.Env.fromConfigMap(cm));
  expect(Object.keys(checksumAnnotations(chart))).toEqual(['checksum.daemonsets.cdk8s.io/configmap-agent-env']);
});

test('a ConfigMap and a Secret of the same name get separate annotations', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent' }, data: { a: '1' } });
  const secret = new kplus.Secret(chart, 'secret', { metadata: { name: 'agent' }, stringData: { a: '1' } });
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].mount('/config', kplus.Volume.fromConfigMap(chart, 'v1', cm));
  ds.containers[0].mount('/secret', kplus.Volume.fromSecret(chart, 'v2', secret));
  expect(Object.keys(checksumAnnotations(chart)).sort()).toEqual([
    'checksum.daemonsets.cdk8s.io/configmap-agent',
    'checksum.daemonsets.cdk8s.io/secret-agent',
  ]);
});

test('ConfigMaps the app does not define get no checksum', () => {
  const chart = Testing.chart();
  const external = kplus.ConfigMap.fromConfigMapName(chart, 'external', 'cluster-wide-config');
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].mount('/config', kplus.Volume.fromConfigMap(chart, 'v', external));
  expect(checksumAnnotations(chart)).toEqual({});
});

test('ConfigMaps the pods do not consume get no checksum', () => {
  const chart = Testing.chart();
  new kplus.ConfigMap(chart, 'unused', { metadata: { name: 'unused' }, data: { a: '1' } });
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(checksumAnnotations(chart)).toEqual({});
});

test('a ConfigMap of the same name in another namespace gets no checksum', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config', namespace: 'other' }, data: { a: '1' } });
  const ds = new DaemonSet(chart, 'ds', { metadata: { namespace: 'logging' }, containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].mount('/config', kplus.Volume.fromConfigMap(chart, 'v', cm));
  expect(checksumAnnotations(chart)).toEqual({});
});

test('a ConfigMap in the chart namespace matches a DaemonSet in the chart namespace', () => {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'logging' });
  agentWithConfig('agent-config', { a: '1' }, chart);
  expect(Object.keys(checksumAnnotations(chart))).toEqual(['checksum.daemonsets.cdk8s.io/configmap-agent-config']);
});

test('a ConfigMap in namespace default matches a DaemonSet without a namespace (default)', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config', namespace: 'default' }, data: { a: '1' } });
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].mount('/config', kplus.Volume.fromConfigMap(chart, 'v', cm));
  expect(Object.keys(checksumAnnotations(chart))).toEqual(['checksum.daemonsets.cdk8s.io/configmap-agent-config']);
});

test('configChecksums: false turns the annotations off', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config' }, data: { a: '1' } });
  const ds = new DaemonSet(chart, 'ds', { configChecksums: false, containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].mount('/config', kplus.Volume.fromConfigMap(chart, 'v', cm));
  expect(checksumAnnotations(chart)).toEqual({});
});

test('long names stay within 63 characters in the annotation name part and stay unique', () => {
  const chart = Testing.chart();
  const common = 'fluent-bit-configuration-for-the-node-agents-of-the-production-cluster';
  const a = new kplus.ConfigMap(chart, 'a', { metadata: { name: `${common}-east` }, data: { a: '1' } });
  const b = new kplus.ConfigMap(chart, 'b', { metadata: { name: `${common}-west` }, data: { b: '2' } });
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  ds.containers[0].mount('/a', kplus.Volume.fromConfigMap(chart, 'va', a, { name: 'config-a' }));
  ds.containers[0].mount('/b', kplus.Volume.fromConfigMap(chart, 'vb', b, { name: 'config-b' }));

  const keys = Object.keys(checksumAnnotations(chart));
  expect(keys).toHaveLength(2);
  expect(new Set(keys).size).toBe(2);
  for (const key of keys) {
    const [prefix, name] = key.split('/');
    expect(prefix).toBe(CONFIG_CHECKSUM_PREFIX);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name.startsWith('configmap-fluent-bit-configuration')).toBe(true);
    expect(checkQualifiedName(key)).toBeUndefined();
  }
});

test('a name that makes the key exactly 63 characters is kept as is', () => {
  const name = 'n'.repeat(63 - 'configmap-'.length);
  const { chart } = agentWithConfig(name, { a: '1' });
  expect(Object.keys(checksumAnnotations(chart))).toEqual([`${CONFIG_CHECKSUM_PREFIX}/configmap-${name}`]);
});

test('a long name ending in a dash at the cut stays a valid annotation key', () => {
  const name = `${'a'.repeat(43)}-${'b'.repeat(30)}`;
  const { chart } = agentWithConfig(name, { a: '1' });
  const [key] = Object.keys(checksumAnnotations(chart));
  expect(checkQualifiedName(key)).toBeUndefined();
  expect(key.split('/')[1].length).toBeLessThanOrEqual(63);
});

test('snapshot: fluent-bit with a checksummed ConfigMap', () => {
  const { chart } = agentWithConfig('fluent-bit-config', { 'fluent-bit.conf': '[SERVICE]\n    Flush 1\n' });
  expect(Testing.synth(chart)).toMatchSnapshot();
});
