import { HostMountPlan } from './host-mounts';
import { ExporterListenAddress } from './listen-address';
import { checkRe2 } from './monitoring';
import { NodeExporterDaemonSetProps } from './props';
import { DaemonSetsError } from '../../errors';
import { checkAbsolutePath } from '../../k8s/syntax';

/** node_exporter flags the props manage, and the prop that sets each (import leaves them out of `extraArgs`). @internal */
export const MANAGED_FLAGS: readonly (readonly [string, string])[] = [
  ['--web.listen-address', 'port / listenAddress'],
  ['--path.procfs', 'hostProc'],
  ['--path.sysfs', 'hostSys'],
  ['--path.rootfs', 'hostRootFs'],
  ['--path.udev.data', 'hostRootFs'],
  ['--collector.filesystem.mount-points-exclude', 'excludedMountPoints'],
  ['--collector.filesystem.fs-types-exclude', 'excludedFsTypes'],
  ['--collector.netdev.device-exclude', 'excludedNetworkDevices'],
  ['--collector.netclass.ignored-devices', 'excludedNetworkDevices'],
  ['--collector.textfile.directory', 'textfileDirectory'],
  ['--web.config.file', 'webConfig'],
];

/** Where the textfile collector's directory is mounted in the exporter. @internal */
export const TEXTFILE_MOUNT = '/host/textfile';

/** The defaults the exclusion props fall back to (the values of `NodeExporterDaemonSet.DEFAULT_*`). @internal */
export interface ExclusionDefaults {
  readonly EXCLUDED_MOUNT_POINTS: string;
  readonly EXCLUDED_FS_TYPES: string;
  readonly EXCLUDED_NETWORK_DEVICES: string;
}

/** What the arguments follow from besides the props. @internal */
export interface ArgChoices {
  readonly port: number;
  readonly listen: ExporterListenAddress;
  readonly proxy: boolean;
  readonly hostMounts: HostMountPlan;
  readonly exclusions: ExclusionDefaults;
}

/**
 * node_exporter's command-line flags: host paths, the listen address, the web configuration, the exclusion
 * regexes, the collectors toggled (by the props and by missing host mounts) and the extra flags; each checked
 * (collectors listed once, RE2 regexes, no managed flag in extraArgs).
 * @internal
 */
export function exporterArgs(
  props: NodeExporterDaemonSetProps, choices: ArgChoices, fail: (field: string, message: string) => DaemonSetsError,
): string[] {
  const { port, listen, proxy, hostMounts } = choices;
  const NODE_EXPORTER_DEFAULTS = choices.exclusions;
  // Collectors.
  const enabled = props.enabledCollectors ?? [];
  const disabled = props.disabledCollectors ?? [];
  for (const [field, list] of [['enabledCollectors', enabled], ['disabledCollectors', disabled]] as const) {
    const names = list.map(c => c.name);
    const twice = names.find((n, i) => names.indexOf(n) !== i);
    if (twice) throw fail(field, `collector '${twice}' is listed twice`);
  }
  const both = enabled.find(c => disabled.some(d => d.name === c.name));
  if (both) throw fail('enabledCollectors', `collector '${both.name}' is also in disabledCollectors; list it in one of them`);
  if (props.textfileDirectory !== undefined) {
    const p = checkAbsolutePath(props.textfileDirectory);
    if (p) throw fail('textfileDirectory', `'${props.textfileDirectory}' ${p}`);
    if (disabled.some(d => d.name === 'textfile')) throw fail('textfileDirectory', 'is set but the textfile collector is in disabledCollectors; remove one of them');
  }

  // Exclusion regexes, passed to Go's RE2; `$(` is escaped so Kubernetes does not expand it.
  const regexArg = (field: string, flag: string, value: string | undefined, fallback: string) => {
    const regex = value ?? fallback;
    if (regex.length === 0) throw fail(field, 'is empty; give a regular expression (RE2), e.g. \'^$\' to exclude nothing');
    const p = checkRe2(regex);
    if (p) throw fail(field, `'${regex}' ${p}`);
    return `${flag}=${regex.split('$(').join('$$(')}`;
  };

  for (const arg of props.extraArgs ?? []) {
    if (!arg.startsWith('--')) throw fail('extraArgs', `'${arg}' is not a flag; node_exporter flags start with '--'`);
    const flag = arg.split('=')[0];
    const managed = MANAGED_FLAGS.find(([f]) => f === flag);
    if (managed) throw fail('extraArgs', `'${arg}' sets a flag this preset manages; use the ${managed[1]} prop`);
    if (/^--(no-)?collector\.[a-z0-9_]+$/.test(flag) && !arg.includes('=')) {
      throw fail('extraArgs', `'${arg}' toggles a collector; use enabledCollectors or disabledCollectors`);
    }
  }

  const exporterListen = proxy ? `127.0.0.1:${port}` : listen._render(port);
  const args = [
    ...hostMounts.pathArgs,
    `--web.listen-address=${exporterListen}`,
    ...props.webConfig ? [props.webConfig._flag()] : [],
    regexArg('excludedMountPoints', '--collector.filesystem.mount-points-exclude', props.excludedMountPoints, NODE_EXPORTER_DEFAULTS.EXCLUDED_MOUNT_POINTS),
    regexArg('excludedFsTypes', '--collector.filesystem.fs-types-exclude', props.excludedFsTypes, NODE_EXPORTER_DEFAULTS.EXCLUDED_FS_TYPES),
    regexArg('excludedNetworkDevices', '--collector.netclass.ignored-devices', props.excludedNetworkDevices, NODE_EXPORTER_DEFAULTS.EXCLUDED_NETWORK_DEVICES),
    regexArg('excludedNetworkDevices', '--collector.netdev.device-exclude', props.excludedNetworkDevices, NODE_EXPORTER_DEFAULTS.EXCLUDED_NETWORK_DEVICES),
    ...props.textfileDirectory !== undefined ? [`--collector.textfile.directory=${TEXTFILE_MOUNT}`] : [],
    ...enabled.map(e => `--collector.${e.name}`),
    ...disabled.map(d => `--no-collector.${d.name}`),
    ...hostMounts.turnedOff.map(name => `--no-collector.${name}`),
    ...props.extraArgs ?? [],
  ];

  return args;
}
