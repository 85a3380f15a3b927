import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { container, defaultArgs, exporter, one, podSpec, render } from './fixtures';
import { ExporterListenAddress, NodeExporterCollector } from '../../../src/presets/node-exporter';
import { HealthProbe } from '../../../src/probe';

// The exporter container's options: image, port, listen address, collectors, args, resources, probes, sidecars.

test('image can be changed', () => {
  expect(exporter(render({ image: 'registry.example.com/mirror/node-exporter:v1.9.1' })).image).toBe('registry.example.com/mirror/node-exporter:v1.9.1');
});

test('port changes the listen address, container port, host port, Service port and NetworkPolicy port', () => {
  const m = render({ port: 9101, networkPolicy: {} });
  const c = exporter(m);
  expect(c.args).toContain('--web.listen-address=[$(POD_IP)]:9101');
  expect(c.ports).toEqual([{ containerPort: 9101, hostPort: 9101, name: 'metrics' }]);
  expect(one(m, 'Service').spec.ports).toEqual([{ name: 'metrics', port: 9101, targetPort: 'metrics' }]);
  expect(one(m, 'NetworkPolicy').spec.ingress[0].ports).toEqual([{ port: 9101, protocol: 'TCP' }]);
});

test('listenAddress: every interface', () => {
  const c = exporter(render({ listenAddress: ExporterListenAddress.allInterfaces() }));
  expect(c.args).toContain('--web.listen-address=:9100');
  expect(c).not.toHaveProperty('env');
  expect(c.livenessProbe.httpGet).toEqual({ path: '/', port: 'metrics', scheme: 'HTTP' });
});

test('listenAddress: a fixed IPv4 address, which the probes use too', () => {
  const c = exporter(render({ listenAddress: ExporterListenAddress.of('10.0.0.5') }));
  expect(c.args).toContain('--web.listen-address=10.0.0.5:9100');
  expect(c.livenessProbe.httpGet).toEqual({ host: '10.0.0.5', path: '/', port: 'metrics', scheme: 'HTTP' });
  expect(c.readinessProbe.httpGet.host).toBe('10.0.0.5');
});

test('listenAddress: a fixed IPv6 address is bracketed', () => {
  expect(exporter(render({ listenAddress: ExporterListenAddress.of('fd00::5') })).args).toContain('--web.listen-address=[fd00::5]:9100');
});

test('envVariables are added to the exporter', () => {
  expect(exporter(render({ envVariables: { GOMAXPROCS: kplus.EnvValue.fromValue('1') } })).env).toEqual([
    { name: 'GOMAXPROCS', value: '1' },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
  ]);
});

test('enabled and disabled collectors become --collector.X and --no-collector.X, in order', () => {
  const args = exporter(render({
    enabledCollectors: [NodeExporterCollector.SYSTEMD, NodeExporterCollector.of('zoneinfo')],
    disabledCollectors: [NodeExporterCollector.HWMON, NodeExporterCollector.BTRFS],
  })).args;
  expect(args.slice(defaultArgs().length)).toEqual([
    '--collector.systemd', '--collector.zoneinfo', '--no-collector.hwmon', '--no-collector.btrfs',
  ]);
});

test('collector constants carry node_exporter\'s flag names', () => {
  expect(NodeExporterCollector.THERMAL_ZONE.name).toBe('thermal_zone');
  expect(NodeExporterCollector.TIMEX.name).toBe('timex');
  expect(NodeExporterCollector.of('drm').name).toBe('drm');
});

test('textfile collector directory: hostPath created if missing, mounted read-only, passed as the directory', () => {
  const m = render({ textfileDirectory: '/var/lib/node_exporter/textfile_collector' });
  const c = exporter(m);
  expect(c.args).toContain('--collector.textfile.directory=/host/textfile');
  expect(c.volumeMounts).toContainEqual({ name: 'textfile', mountPath: '/host/textfile', readOnly: true });
  expect(podSpec(m).volumes).toContainEqual({ name: 'textfile', hostPath: { path: '/var/lib/node_exporter/textfile_collector', type: 'DirectoryOrCreate' } });
});

test('extra host mounts go to the exporter, read-only unless asked', () => {
  const m = render({
    sidecars: [{ name: 'writer', image: 'registry.example.com/writer:1.0.0' }],
    extraHostMounts: [
      { hostPath: '/run/dbus', mountPath: '/var/run/dbus' },
      { hostPath: '/var/lib/exporter-state', mountPath: '/state', readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE, volumeName: 'state', propagation: kplus.MountPropagation.HOST_TO_CONTAINER },
    ],
  });
  expect(exporter(m).volumeMounts.slice(3)).toEqual([
    { name: 'host-run-dbus', mountPath: '/var/run/dbus', readOnly: true },
    { name: 'state', mountPath: '/state', readOnly: false, mountPropagation: 'HostToContainer' },
  ]);
  expect(podSpec(m).volumes).toContainEqual({ name: 'state', hostPath: { path: '/var/lib/exporter-state', type: 'DirectoryOrCreate' } });
  expect(container(m, 'writer')).not.toHaveProperty('volumeMounts');
});

test('extraArgs are appended last', () => {
  const args = exporter(render({ extraArgs: ['--collector.diskstats.device-exclude=^(ram|loop)\\d+$', '--log.level=warn'] })).args;
  expect(args.slice(-2)).toEqual(['--collector.diskstats.device-exclude=^(ram|loop)\\d+$', '--log.level=warn']);
});

test('exclusion regexes can be replaced; $( is escaped so Kubernetes does not expand it', () => {
  const args = exporter(render({
    excludedMountPoints: '^/(dev|proc|sys)($|/)',
    excludedFsTypes: '^(tmpfs|overlay)$',
    excludedNetworkDevices: '^(veth.*|cali.*|$(x))$',
  })).args;
  expect(args).toContain('--collector.filesystem.mount-points-exclude=^/(dev|proc|sys)($|/)');
  expect(args).toContain('--collector.filesystem.fs-types-exclude=^(tmpfs|overlay)$');
  expect(args).toContain('--collector.netclass.ignored-devices=^(veth.*|cali.*|$$(x))$');
  expect(args).toContain('--collector.netdev.device-exclude=^(veth.*|cali.*|$$(x))$');
});

test('resources can be replaced', () => {
  expect(exporter(render({
    resources: {
      cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(250) },
      memory: { request: Size.mebibytes(180), limit: Size.mebibytes(180) },
    },
  })).resources).toEqual({ requests: { cpu: '100m', memory: '180Mi' }, limits: { cpu: '250m', memory: '180Mi' } });
});

test('probes can be replaced', () => {
  const c = exporter(render({
    livenessProbe: HealthProbe.httpGet('/metrics', { portName: 'metrics', period: Duration.seconds(30) }),
    readinessProbe: HealthProbe.tcpSocket({ portName: 'metrics' }),
  }));
  expect(c.livenessProbe).toEqual({ httpGet: { path: '/metrics', port: 'metrics' }, periodSeconds: 30 });
  expect(c.readinessProbe).toEqual({ tcpSocket: { port: 'metrics' } });
});

test('sidecars run next to the exporter with the DaemonSet container defaults', () => {
  const m = render({ sidecars: [{ name: 'writer', image: 'registry.example.com/writer:1.0.0' }] });
  expect(podSpec(m).containers.map((c: any) => c.name)).toEqual(['node-exporter', 'writer']);
  expect(container(m, 'writer').securityContext.capabilities).toEqual({ drop: ['ALL'] });
});

test('init containers are passed through', () => {
  const m = render({ initContainers: [{ name: 'setup', image: 'registry.example.com/setup:1.0.0' }] });
  expect(podSpec(m).initContainers.map((c: any) => c.name)).toEqual(['setup']);
});
