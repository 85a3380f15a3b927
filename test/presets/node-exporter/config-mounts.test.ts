import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { chart, exporter, one, podSpec, problems, renderWith } from './fixtures';
import { NodeExporterDaemonSet, NodeExporterDaemonSetProps, NodeExporterWebConfig } from '../../../src/presets/node-exporter';

// configMapMounts and secretMounts: ConfigMaps and Secrets mounted read-only into the exporter container.

function objects(c: Chart) {
  return {
    configMap: new kplus.ConfigMap(c, 'Collectors', { metadata: { name: 'node-exporter.collectors' }, data: { 'ntp.yaml': 'server: 10.0.0.1' } }),
    secret: new kplus.Secret(c, 'Tls', { metadata: { name: 'node-exporter-tls' }, stringData: { 'tls.crt': 'certificate', 'tls.key': 'key' } }),
  };
}

test('a ConfigMap and a Secret mounted read-only in the exporter, with volume names from their names', () => {
  const m = renderWith(c => {
    const { configMap, secret } = objects(c);
    return {
      configMapMounts: [{ configMap, mountPath: '/etc/node-exporter/collectors' }],
      secretMounts: [{ secret, mountPath: '/etc/node-exporter/tls' }],
      sidecars: [{ name: 'writer', image: 'busybox:1.36' }],
    };
  });
  expect(podSpec(m).volumes).toEqual(expect.arrayContaining([
    { name: 'configmap-node-exporter-collectors', configMap: { name: 'node-exporter.collectors' } },
    { name: 'secret-node-exporter-tls', secret: { secretName: 'node-exporter-tls' } },
  ]));
  expect(exporter(m).volumeMounts).toEqual(expect.arrayContaining([
    { name: 'configmap-node-exporter-collectors', mountPath: '/etc/node-exporter/collectors', readOnly: true },
    { name: 'secret-node-exporter-tls', mountPath: '/etc/node-exporter/tls', readOnly: true },
  ]));
  const writer = podSpec(m).containers.find((x: any) => x.name === 'writer');
  expect(writer.volumeMounts ?? []).toEqual([]);
});

test('volume names can be chosen, and long names are cut to a label', () => {
  const m = renderWith(c => ({
    configMapMounts: [
      { configMap: kplus.ConfigMap.fromConfigMapName(c, 'A', 'a'), mountPath: '/etc/a', volumeName: 'collector-config' },
      { configMap: kplus.ConfigMap.fromConfigMapName(c, 'B', `${'b'.repeat(70)}.x`), mountPath: '/etc/b' },
    ],
  }));
  const names = podSpec(m).volumes.map((v: any) => v.name);
  expect(names).toContain('collector-config');
  expect(names).toContain(`configmap-${'b'.repeat(53)}`);
});

test('a mounted ConfigMap of the app rolls the pods when it changes (config checksum)', () => {
  const m = renderWith(c => ({ configMapMounts: [{ configMap: objects(c).configMap, mountPath: '/etc/node-exporter/collectors' }] }));
  const annotations = one(m, 'DaemonSet').spec.template.metadata.annotations;
  expect(Object.keys(annotations).filter(k => k.includes('node-exporter.collectors'))).toHaveLength(1);
});

test('mounts of objects the app defines validate clean; one it does not is a finding', () => {
  expect(problems(renderWith(c => ({ secretMounts: [{ secret: objects(c).secret, mountPath: '/etc/node-exporter/tls' }] })))).toEqual([]);
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne', { configMapMounts: [{ configMap: kplus.ConfigMap.fromConfigMapName(c, 'X', 'elsewhere'), mountPath: '/etc/x' }] });
  expect(problems(c.toJson())).toEqual(['warning cross-object/missing-reference spec.template.spec.volumes[3].configMap']);
});

describe('rejects bad mounts', () => {
  const cm = (c: Chart, name = 'a') => kplus.ConfigMap.fromConfigMapName(c, `Cm-${name}`, name);
  const secret = (c: Chart, name = 's') => kplus.Secret.fromSecretName(c, `Secret-${name}`, name);
  test.each([
    ['a relative mount path', (c: Chart) => ({ configMapMounts: [{ configMap: cm(c), mountPath: 'etc/a' }] }),
      /^NodeExporterDaemonSet 'test\/ne': configMapMounts\[0\].mountPath: 'etc\/a' must be an absolute path/],
    ['a preset mount path', (c: Chart) => ({ secretMounts: [{ secret: secret(c), mountPath: '/host/proc' }] }),
      /secretMounts\[0\].mountPath: '\/host\/proc' is already used by the preset's own mounts; mount paths must be unique in the container/],
    ['a path inside a read-only host mount', (c: Chart) => ({ secretMounts: [{ secret: secret(c), mountPath: '/host/root/etc/x' }] }),
      /secretMounts\[0\].mountPath: '\/host\/root\/etc\/x' lies inside the preset's read-only mount '\/host\/root'/],
    ['the same path twice', (c: Chart) => ({ configMapMounts: [{ configMap: cm(c), mountPath: '/etc/a' }], secretMounts: [{ secret: secret(c), mountPath: '/etc/a' }] }),
      /secretMounts\[0\].mountPath: '\/etc\/a' is already used by configMapMounts\[0\]/],
    ['the web configuration\'s path', (c: Chart) => ({ secretMounts: [{ secret: secret(c), mountPath: '/etc/node-exporter/web' }], webConfig: NodeExporterWebConfig.fromSecret(secret(c, 'w')) }),
      /secretMounts\[0\].mountPath: '\/etc\/node-exporter\/web' is already used by the preset's own mounts/],
    ['an invalid volume name', (c: Chart) => ({ configMapMounts: [{ configMap: cm(c), mountPath: '/etc/a', volumeName: 'Config' }] }),
      /configMapMounts\[0\].volumeName: 'Config' must consist of lower-case/],
    ['a volume name taken', (c: Chart) => ({ configMapMounts: [{ configMap: cm(c), mountPath: '/etc/a', volumeName: 'proc' }] }),
      /configMapMounts\[0\].volumeName: 'proc' is already used by the preset's own volumes; give this mount another volumeName/],
    ['two objects with the same volume name', (c: Chart) => ({ configMapMounts: [{ configMap: cm(c), mountPath: '/etc/a' }, { configMap: cm(c, 'b'), mountPath: '/etc/b', volumeName: 'configmap-a' }] }),
      /configMapMounts\[1\].volumeName: 'configmap-a' is already used by configMapMounts\[0\]/],
    ['a mount without its ConfigMap (JavaScript)', () => ({ configMapMounts: [{ mountPath: '/etc/a' } as any] }),
      /^NodeExporterDaemonSet 'test\/ne': configMapMounts\[0\].configMap is undefined; it must be a kplus.IConfigMap\.$/],
    ['a Secret mount path that is not a string (JavaScript)', (c: Chart) => ({ secretMounts: [{ secret: secret(c), mountPath: 5 as any }] }),
      /secretMounts\[0\].mountPath is 5; it must be a non-empty string/],
    ['secretMounts that is not a list (JavaScript)', () => ({ secretMounts: 'tls' as any }), /secretMounts is "tls"; it must be a list of NodeExporterSecretMount values/],
  ] as [string, (c: Chart) => NodeExporterDaemonSetProps, RegExp][])('%s', (_name, props, error) => {
    const c = chart();
    expect(() => new NodeExporterDaemonSet(c, 'ne', props(c))).toThrow(error);
  });
});
