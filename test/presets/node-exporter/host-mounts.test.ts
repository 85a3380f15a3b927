import { build, defaultArgs, exporter, findings, one, podSpec, problems, render } from './fixtures';
import { NodeExporterCollector, NodeExporterDaemonSetProps } from '../../../src/presets/node-exporter';

// hostProc, hostSys and hostRootFs: which of the node's filesystems the exporter mounts, the --path.* flags
// that point node_exporter at them, and the collectors that would measure the pod without them.

const SUPPRESSION = 'suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount';

const volumes = (m: any[]) => (podSpec(m).volumes ?? []).map((v: any) => v.name);
const pathArgs = (m: any[]) => exporter(m).args.filter((a: string) => a.startsWith('--path.'));
const turnedOff = (m: any[]) => exporter(m).args.filter((a: string) => a.startsWith('--no-collector.'));

test('defaults: all three mounted, every --path flag, no collector turned off', () => {
  const m = render();
  expect(volumes(m)).toEqual(['proc', 'sys', 'root']);
  expect(pathArgs(m)).toEqual(defaultArgs().filter(a => a.startsWith('--path.')));
  expect(turnedOff(m)).toEqual([]);
});

test('hostProc off: no /proc mount nor --path.procfs; with hostPID the container\'s procfs is the node\'s, nothing turned off', () => {
  const m = render({ hostProc: false });
  expect(volumes(m)).toEqual(['sys', 'root']);
  expect(exporter(m).volumeMounts.map((v: any) => v.mountPath)).toEqual(['/host/sys', '/host/root']);
  expect(pathArgs(m)).toEqual(['--path.sysfs=/host/sys', '--path.rootfs=/host/root', '--path.udev.data=/host/root/run/udev/data']);
  expect(turnedOff(m)).toEqual([]);
});

test('hostProc and hostPid off: the filesystem collector (PID 1\'s mount table) is turned off', () => {
  expect(turnedOff(render({ hostProc: false, hostPid: false }))).toEqual(['--no-collector.filesystem']);
  // With the node's /proc mounted, PID 1 is the node's init whatever the pod's PID namespace.
  expect(turnedOff(render({ hostPid: false }))).toEqual([]);
});

test('hostSys off: no /sys mount nor --path.sysfs; rapl (masked powercap) turned off, netclass too off the host network', () => {
  const m = render({ hostSys: false });
  expect(volumes(m)).toEqual(['proc', 'root']);
  expect(pathArgs(m)).toEqual(['--path.procfs=/host/proc', '--path.rootfs=/host/root', '--path.udev.data=/host/root/run/udev/data']);
  expect(turnedOff(m)).toEqual(['--no-collector.rapl']);
  expect(turnedOff(render({ hostSys: false, hostNetwork: false }))).toEqual(['--no-collector.rapl', '--no-collector.netclass']);
});

test('hostRootFs off: the filesystem and os collectors (read through --path.rootfs) are turned off', () => {
  const m = render({ hostRootFs: false });
  expect(volumes(m)).toEqual(['proc', 'sys']);
  expect(turnedOff(m)).toEqual(['--no-collector.filesystem', '--no-collector.os']);
});

test('all off: no host mount, no --path flag; each collector turned off once, after the caller\'s', () => {
  const m = render({
    hostProc: false, hostSys: false, hostRootFs: false, hostPid: false, hostNetwork: false, disabledCollectors: [NodeExporterCollector.WIFI],
  });
  expect(podSpec(m)).not.toHaveProperty('volumes');
  expect(pathArgs(m)).toEqual([]);
  expect(turnedOff(m)).toEqual(['--no-collector.wifi', '--no-collector.filesystem', '--no-collector.rapl', '--no-collector.netclass', '--no-collector.os']);
});

test('a collector the caller already disables is not turned off twice', () => {
  expect(turnedOff(render({ hostRootFs: false, disabledCollectors: [NodeExporterCollector.FILESYSTEM] })))
    .toEqual(['--no-collector.filesystem', '--no-collector.os']);
});

test('collectors off by default are left alone (processes is not turned off, only refused when enabled)', () => {
  expect(turnedOff(render({ hostProc: false, hostPid: false }))).not.toContain('--no-collector.processes');
});

test('the suppression names the host paths mounted, and is left out when none is', () => {
  expect(one(render({ hostRootFs: false }), 'DaemonSet').metadata.annotations[SUPPRESSION])
    .toBe('node-exporter reads the node\'s /proc and /sys read-only to report their metrics');
  expect(one(render({ hostProc: false, hostRootFs: false }), 'DaemonSet').metadata.annotations[SUPPRESSION])
    .toBe('node-exporter reads the node\'s /sys read-only to report their metrics');
  expect(one(render({ hostProc: false, hostSys: false, hostRootFs: false }), 'DaemonSet').metadata.annotations ?? {}).not.toHaveProperty(SUPPRESSION);
});

test('hostMountPropagation applies to the mounts that remain', () => {
  const mounts = exporter(render({ hostSys: false })).volumeMounts;
  expect(mounts.map((x: any) => [x.name, x.mountPropagation])).toEqual([['proc', 'HostToContainer'], ['root', 'HostToContainer']]);
});

test('each toggle validates clean; without any host mount, none is reported even without the suppression', () => {
  const toggles: NodeExporterDaemonSetProps[] = [{ hostProc: false }, { hostSys: false }, { hostRootFs: false }, { hostProc: false, hostPid: false }];
  for (const props of toggles) {
    expect(problems(render(props))).toEqual([]);
  }
  const none = findings(render({ hostProc: false, hostSys: false, hostRootFs: false, presetAnnotations: false }));
  expect(none.filter(f => f.includes('sensitive-host-mount'))).toEqual([]);
});

describe('rejects collectors that a missing mount would leave measuring the pod', () => {
  test.each([
    ['filesystem without the root filesystem', { hostRootFs: false, enabledCollectors: [NodeExporterCollector.FILESYSTEM] },
      /NodeExporterDaemonSet 'test\/ne': enabledCollectors: 'filesystem' cannot run with hostRootFs false: it reads statfs\(\) of each mount point under --path.rootfs .*; remove it from enabledCollectors or set hostRootFs true/],
    ['os without the root filesystem', { hostRootFs: false, enabledCollectors: [NodeExporterCollector.of('os')] }, /enabledCollectors: 'os' cannot run with hostRootFs false/],
    ['processes without /proc and hostPID', { hostProc: false, hostPid: false, enabledCollectors: [NodeExporterCollector.PROCESSES] },
      /enabledCollectors: 'processes' cannot run with hostProc false: it reads every process under \/proc .*, which without hostPid are the pod's/],
    ['rapl without /sys', { hostSys: false, enabledCollectors: [NodeExporterCollector.RAPL] }, /enabledCollectors: 'rapl' cannot run with hostSys false: it reads \/sys\/class\/powercap/],
    ['netclass without /sys off the host network', { hostSys: false, hostNetwork: false, enabledCollectors: [NodeExporterCollector.NETCLASS] },
      /enabledCollectors: 'netclass' cannot run with hostSys false: it reads \/sys\/class\/net/],
    ['a --path flag in extraArgs', { extraArgs: ['--path.procfs=/proc'] }, /extraArgs: '--path.procfs=\/proc' sets a flag this preset manages; use the hostProc prop/],
    ['--path.sysfs in extraArgs', { extraArgs: ['--path.sysfs=/sys'] }, /extraArgs: '--path.sysfs=\/sys' sets a flag this preset manages; use the hostSys prop/],
    ['hostProc that is not a boolean (JavaScript)', { hostProc: 'no' as any }, /^NodeExporterDaemonSet 'test\/ne': hostProc is "no"; it must be true or false\.$/],
    ['hostSys that is not a boolean (JavaScript)', { hostSys: 0 as any }, /hostSys is 0; it must be true or false/],
  ] as [string, NodeExporterDaemonSetProps, RegExp][])('%s', (_name, props, error) => {
    expect(build(props)).toThrow(error);
  });

  test('processes and netclass stay allowed when the pod shares the node\'s namespaces', () => {
    expect(exporter(render({ hostProc: false, enabledCollectors: [NodeExporterCollector.PROCESSES] })).args).toContain('--collector.processes');
    expect(exporter(render({ hostSys: false, enabledCollectors: [NodeExporterCollector.NETCLASS] })).args).toContain('--collector.netclass');
  });
});
