import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, synthPodSpec } from './synth';
import { DaemonSet } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: storage.

test('addHostPath mounts read-only in every container by default, with a generated volume name', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }, { name: 'reloader', image: 'registry.example.com/reloader:0.3' }],
  });
  const volume = ds.addHostPath('/var/log', '/host/var/log');
  expect(volume.name).toEqual('host-var-log');
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([{ name: 'host-var-log', hostPath: { path: '/var/log', type: '' } }]);
  for (const name of ['agent', 'reloader']) {
    expect(containerNamed(spec, name).volumeMounts).toEqual([{ name: 'host-var-log', mountPath: '/host/var/log', readOnly: true }]);
  }
  expect(containerNamed(spec, 'setup').volumeMounts).toBeUndefined();
});

test('addHostPath with readOnly false, type, HostToContainer propagation, subPath and a container selection', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }, { name: 'reloader', image: 'registry.example.com/reloader:0.3' }],
  });
  ds.addHostPath('/var/lib/agent', '/var/lib/agent', {
    readOnly: false,
    type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE,
    containers: ['agent', 'setup'],
  });
  ds.addHostPath('/', '/host/root', {
    propagation: kplus.MountPropagation.HOST_TO_CONTAINER,
    type: kplus.HostPathVolumeType.DIRECTORY,
    containers: ['agent'],
    volumeName: 'rootfs',
  });
  ds.addHostPath('/var/lib/kubelet', '/var/lib/kubelet/pods', { subPath: 'pods', containers: ['reloader'] });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([
    { name: 'host-var-lib-agent', hostPath: { path: '/var/lib/agent', type: 'DirectoryOrCreate' } },
    { name: 'rootfs', hostPath: { path: '/', type: 'Directory' } },
    { name: 'host-var-lib-kubelet', hostPath: { path: '/var/lib/kubelet', type: '' } },
  ]);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([
    { name: 'host-var-lib-agent', mountPath: '/var/lib/agent', readOnly: false },
    { name: 'rootfs', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
  ]);
  expect(containerNamed(spec, 'setup').volumeMounts).toEqual([{ name: 'host-var-lib-agent', mountPath: '/var/lib/agent', readOnly: false }]);
  expect(containerNamed(spec, 'reloader').volumeMounts).toEqual([
    { name: 'host-var-lib-kubelet', mountPath: '/var/lib/kubelet/pods', readOnly: true, subPath: 'pods' },
  ]);
});

test('addHostPath twice on paths that map to the same name gets a unique second name', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const a = ds.addHostPath('/var/log', '/host/var/log');
  const b = ds.addHostPath('/var/log/', '/host/var/log2');
  expect(a.name).toEqual('host-var-log');
  expect(b.name).toEqual('host-var-log-2');
  expect(synthPodSpec(chart).volumes.map((v: any) => v.name)).toEqual(['host-var-log', 'host-var-log-2']);
});

test('emptyDir with medium and sizeLimit', () => {
  const chart = Testing.chart();
  const buffer = kplus.Volume.fromEmptyDir(chart, 'buffer', 'buffer', { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(128) });
  const scratch = kplus.Volume.fromEmptyDir(chart, 'scratch', 'scratch', { sizeLimit: Size.gibibytes(1) });
  new DaemonSet(chart, 'ds', {
    volumes: [scratch],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', volumeMounts: [{ volume: buffer, path: '/buffer' }] }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual(expect.arrayContaining([
    { name: 'buffer', emptyDir: { medium: 'Memory', sizeLimit: '128Mi' } },
    { name: 'scratch', emptyDir: { sizeLimit: '1024Mi' } },
  ]));
  expect(spec.volumes).toHaveLength(2);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([{ name: 'buffer', mountPath: '/buffer' }]);
});

test('ConfigMap and Secret volumes, with all items or selected items', () => {
  const chart = Testing.chart();
  const cm = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'agent-config');
  const secret = kplus.Secret.fromSecretName(chart, 'secret', 'agent-tls');
  const allConfig = kplus.Volume.fromConfigMap(chart, 'all-config', cm, { name: 'config' });
  const someConfig = kplus.Volume.fromConfigMap(chart, 'some-config', cm, { name: 'parsers', items: { 'parsers.conf': { path: 'parsers.conf' } } });
  const allSecret = kplus.Volume.fromSecret(chart, 'all-secret', secret, { name: 'tls', defaultMode: 0o400 });
  const someSecret = kplus.Volume.fromSecret(chart, 'some-secret', secret, { name: 'ca', items: { 'ca.crt': { path: 'ca/ca.crt', mode: 0o444 } } });
  const ds = new DaemonSet(chart, 'ds', { volumes: [allConfig, someConfig, allSecret, someSecret], containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.mountVolume('config', '/etc/agent', { readOnly: true });
  ds.mountVolume('parsers', '/etc/agent/parsers', { readOnly: true });
  ds.mountVolume('tls', '/etc/tls', { readOnly: true });
  ds.mountVolume('ca', '/etc/ca', { readOnly: true });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([
    { name: 'config', configMap: { name: 'agent-config' } },
    { name: 'parsers', configMap: { name: 'agent-config', items: [{ key: 'parsers.conf', path: 'parsers.conf' }] } },
    { name: 'tls', secret: { secretName: 'agent-tls', defaultMode: 0o400 } },
    { name: 'ca', secret: { secretName: 'agent-tls', items: [{ key: 'ca.crt', path: 'ca/ca.crt', mode: 0o444 }] } },
  ]);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([
    { name: 'config', mountPath: '/etc/agent', readOnly: true },
    { name: 'parsers', mountPath: '/etc/agent/parsers', readOnly: true },
    { name: 'tls', mountPath: '/etc/tls', readOnly: true },
    { name: 'ca', mountPath: '/etc/ca', readOnly: true },
  ]);
});

test('PVC and NFS volumes', () => {
  const chart = Testing.chart();
  const claim = kplus.PersistentVolumeClaim.fromClaimName(chart, 'claim', 'agent-state');
  const state = kplus.Volume.fromPersistentVolumeClaim(chart, 'state', claim, { name: 'state' });
  const shared = kplus.Volume.fromNfs(chart, 'shared', 'shared', { server: 'nfs.example.com', path: '/exports/agent', readOnly: true });
  const ds = new DaemonSet(chart, 'ds', { volumes: [state, shared], containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.mountVolume('state', '/var/lib/agent');
  ds.mountVolume('shared', '/shared', { readOnly: true });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([
    { name: 'state', persistentVolumeClaim: { claimName: 'agent-state', readOnly: false } },
    { name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports/agent', readOnly: true } },
  ]);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([
    { name: 'state', mountPath: '/var/lib/agent', readOnly: false },
    { name: 'shared', mountPath: '/shared', readOnly: true },
  ]);
});

test('mountVolume by name with subPath, subPathExpr, readOnly and a container selection', () => {
  const chart = Testing.chart();
  const data = kplus.Volume.fromEmptyDir(chart, 'data', 'data');
  const ds = new DaemonSet(chart, 'ds', {
    volumes: [data],
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME) } },
      { name: 'reloader', image: 'registry.example.com/reloader:0.3' },
    ],
  });
  ds.mountVolume('data', '/data/pod', { subPathExpr: '$(POD_NAME)', containers: ['agent'] });
  ds.mountVolume('data', '/data/shared', { subPath: 'shared', readOnly: true });
  ds.mountVolume('data', '/data', { containers: ['setup'] });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([
    { name: 'data', mountPath: '/data/pod', readOnly: false, subPathExpr: '$(POD_NAME)' },
    { name: 'data', mountPath: '/data/shared', readOnly: true, subPath: 'shared' },
  ]);
  expect(containerNamed(spec, 'reloader').volumeMounts).toEqual([{ name: 'data', mountPath: '/data/shared', readOnly: true, subPath: 'shared' }]);
  expect(containerNamed(spec, 'setup').volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: false }]);
});

describe('rejects bad storage input', () => {
  test('mountVolume of an unknown volume throws, naming the defined volumes', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    ds.addHostPath('/var/log', '/host/var/log');
    expect(() => ds.mountVolume('nope', '/nope')).toThrow(/volume 'nope' is not a volume of this pod; defined volumes: 'host-var-log'/);
  });

  test('relative hostPath in addHostPath is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => ds.addHostPath('var/log', '/host/var/log'))
      .toThrow(/DaemonSet 'test\/ds': addHostPath: hostPath 'var\/log' must be an absolute path \(start with '\/'\)/);
  });

  test('hostPath with .. in addHostPath is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => ds.addHostPath('/var/log/../../etc', '/host/etc'))
      .toThrow(/DaemonSet 'test\/ds': addHostPath: hostPath '\/var\/log\/\.\.\/\.\.\/etc' must not contain '\.\.'/);
  });

  test('relative mountPath in addHostPath is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => ds.addHostPath('/var/log', 'host/var/log'))
      .toThrow(/DaemonSet 'test\/ds': addHostPath: mountPath 'host\/var\/log' must be an absolute path \(start with '\/'\)/);
  });

  test('addHostPath naming a container that does not exist is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => ds.addHostPath('/var/log', '/host/var/log', { containers: ['shipper'] }))
      .toThrow(/DaemonSet 'test\/ds': addHostPath: container 'shipper' does not exist; containers: 'agent'/);
  });

  test('addHostPath before any container is added is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds');
    expect(() => ds.addHostPath('/var/log', '/host/var/log'))
      .toThrow(/DaemonSet 'test\/ds': addHostPath: the DaemonSet has no containers yet; add containers first or name them in options\.containers/);
  });

  test('addHostPath with a volumeName already in use is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    ds.addHostPath('/var/log', '/host/var/log', { volumeName: 'logs' });
    expect(() => ds.addHostPath('/var/lib/docker/containers', '/host/containers', { volumeName: 'logs' }))
      .toThrow(/DaemonSet 'test\/ds': addHostPath: a volume named 'logs' already exists; choose another volumeName/);
  });

  test('mountVolume of a volume not in the pod is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    ds.addHostPath('/var/log', '/host/var/log');
    expect(() => ds.mountVolume('cache', '/cache'))
      .toThrow(/DaemonSet 'test\/ds': mountVolume: volume 'cache' is not a volume of this pod; defined volumes: 'host-var-log'/);
  });

  test('mountVolume with a relative mountPath is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE }],
      volumes: [kplus.Volume.fromEmptyDir(chart, 'cache', 'cache')],
    });
    expect(() => ds.mountVolume('cache', 'cache'))
      .toThrow(/DaemonSet 'test\/ds': mountVolume: mountPath 'cache' must be an absolute path/);
  });
});
