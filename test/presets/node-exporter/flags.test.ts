import * as kplus from 'cdk8s-plus-27';
import { exporter, render, renderWith } from './fixtures';
import {
  ExporterListenAddress, NodeExporterCollector, NodeExporterDaemonSet, NodeExporterDaemonSetProps, NodeExporterWebConfig,
} from '../../../src/presets/node-exporter';
import { MANAGED_FLAGS } from '../../../src/presets/node-exporter/args';
import { unknownFlag } from '../../../src/presets/node-exporter/flags';
import { NODE_EXPORTER_FLAGS_1_10 } from '../../../src/presets/node-exporter/flags-1.10.x';
import { NODE_EXPORTER_FLAGS_1_12 } from '../../../src/presets/node-exporter/flags-1.12.x';

// Every flag the preset can emit exists in the pinned node_exporter release, by its recorded flag list
// (src/presets/node-exporter/flags-<minor>.x.ts, generated from the release's source).

const PINNED = NODE_EXPORTER_FLAGS_1_12;
const COLLECTORS = Object.values(NodeExporterCollector).filter((c): c is NodeExporterCollector => c instanceof NodeExporterCollector);

/** Props that, together, make the preset emit every flag it knows. */
const EMITTERS: [string, NodeExporterDaemonSetProps][] = [
  ['defaults', {}],
  ['every collector constant enabled', { enabledCollectors: COLLECTORS }],
  ['every collector constant disabled', { disabledCollectors: COLLECTORS }],
  ['textfile directory and exclusions', { textfileDirectory: '/var/lib/node-exporter', excludedMountPoints: '^/boot$', excludedFsTypes: '^tmpfs$', excludedNetworkDevices: '^lo$' }],
  ['every host mount off, off the host namespaces', { hostProc: false, hostSys: false, hostRootFs: false, hostPid: false, hostNetwork: false }],
  ['all interfaces', { listenAddress: ExporterListenAddress.allInterfaces() }],
  ['a fixed address', { listenAddress: ExporterListenAddress.of('fd00::5'), port: 9200 }],
  ['kube-rbac-proxy', { kubeRbacProxy: {} }],
];

function emitted(): Map<string, string> {
  const args = new Map<string, string>();
  for (const [name, props] of EMITTERS) for (const a of exporter(render(props)).args) args.set(a, name);
  for (const a of exporter(renderWith(c => ({ webConfig: NodeExporterWebConfig.fromSecret(kplus.Secret.fromSecretName(c, 'W', 'web'), { key: 'web.yml' }) }))).args) {
    args.set(a, 'webConfig');
  }
  return args;
}

test('the pinned image is the release the flag list was made from', () => {
  expect(NodeExporterDaemonSet.DEFAULT_IMAGE).toBe(`quay.io/prometheus/node-exporter:v${PINNED.version}`);
  expect(PINNED.releases).toContain(PINNED.version);
});

test('every flag the preset can emit exists in the pinned release', () => {
  const args = emitted();
  expect(args.size).toBeGreaterThan(100);
  const unknown = [...args].map(([a, from]) => [from, a, unknownFlag(PINNED, a)]).filter(([, , p]) => p !== undefined);
  expect(unknown).toEqual([]);
  // The emitters reach every kind of flag: paths, listen address, web configuration, regexes, collectors on and off.
  for (const prefix of ['--path.procfs=', '--path.sysfs=', '--path.rootfs=', '--path.udev.data=', '--web.listen-address=', '--web.config.file=',
    '--collector.filesystem.mount-points-exclude=', '--collector.filesystem.fs-types-exclude=', '--collector.netclass.ignored-devices=',
    '--collector.netdev.device-exclude=', '--collector.textfile.directory=', '--collector.wifi', '--no-collector.wifi', '--no-collector.rapl', '--no-collector.os']) {
    expect([...args.keys()].some(a => a.startsWith(prefix))).toBe(true);
  }
});

test('every flag the props manage, and every collector constant, exists in the pinned release', () => {
  expect(MANAGED_FLAGS.map(([f]) => f).filter(f => PINNED.flags[f.substring(2)] === undefined)).toEqual([]);
  expect(COLLECTORS.map(c => c.name).filter(n => PINNED.collectors[n] === undefined)).toEqual([]);
  expect(COLLECTORS.length).toBeGreaterThan(40);
});

test('the collectors the host-mount toggles turn off are on by default in the pinned release', () => {
  for (const name of ['filesystem', 'os', 'rapl', 'netclass']) expect(PINNED.collectors[name]).toBe(true);
  expect(PINNED.collectors.processes).toBe(false);
});

test('the default rendering also runs on the previous pin (1.10.x)', () => {
  expect(exporter(render()).args.filter((a: string) => unknownFlag(NODE_EXPORTER_FLAGS_1_10, a) !== undefined)).toEqual([]);
});

test('1.12 adds flags to 1.10 and removes none', () => {
  const removed = Object.keys(NODE_EXPORTER_FLAGS_1_10.flags).filter(f => PINNED.flags[f] === undefined);
  const added = Object.keys(PINNED.flags).filter(f => NODE_EXPORTER_FLAGS_1_10.flags[f] === undefined);
  expect(removed).toEqual([]);
  expect(added).toEqual(expect.arrayContaining(['collector.kernel_hung', 'collector.nvmesubsystem', 'collector.dmmultipath']));
});

describe('unknownFlag: what kingpin refuses', () => {
  test.each([
    ['--collector.wifi', undefined],
    ['--no-collector.wifi', undefined],
    ['--web.listen-address=:9100', undefined],
    ['--collector.textfile.directory', '\'--collector.textfile.directory\' takes a value (Strings)'],
    ['--no-web.listen-address', 'node_exporter 1.12.1 has no flag \'--no-web.listen-address\''],
    ['--no-collector.wifi=true', '\'--no-collector.wifi\' negates a boolean flag and takes no value'],
    ['--collector.nosuch', 'node_exporter 1.12.1 has no flag \'--collector.nosuch\''],
    ['collector.wifi', '\'collector.wifi\' is not a flag'],
  ])('%s', (arg, problem) => {
    expect(unknownFlag(PINNED, arg)).toBe(problem);
  });
});
