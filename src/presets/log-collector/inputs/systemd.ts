import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, databasePath, InputContext, inputSection, LogInputOptions, readCommon } from './common';
import { checkAbsolutePath } from '../../../k8s/syntax';
import { onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * How several journal filters of `LogInput.systemd()` combine (`Systemd_Filter_Type`).
 */
export enum SystemdFilterType {
  /** A record matches when any filter matches (fluent-bit's default). */
  OR = 'or',
  /** A record matches only when every filter matches. */
  AND = 'and',
}

/**
 * Options for `LogInput.systemd()`: the node's journal (`systemd` input).
 * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/systemd
 */
export interface SystemdInputOptions extends LogInputOptions {
  /**
   * The units whose entries are read (`Systemd_Filter _SYSTEMD_UNIT=<unit>`).
   * @default - `kubelet.service` and the container runtime's unit (`containerd.service`, `crio.service` or
   * `docker.service`), unless `filters` is given
   */
  readonly units?: string[];

  /**
   * Other journal matches, as `FIELD=value` (`Systemd_Filter`), e.g. `PRIORITY=3`.
   * @default - none
   */
  readonly filters?: string[];

  /**
   * How the filters combine (`Systemd_Filter_Type`).
   * @default SystemdFilterType.OR
   */
  readonly filterType?: SystemdFilterType;

  /**
   * The node's journal directory (`Path`), mounted read-only.
   * @default - the plugin's local journals (`/var/log/journal`), read through the read-only `/var/log` mount
   */
  readonly path?: string;

  /**
   * Start at the journal's end, skipping the entries it already holds, on the first start
   * (`Read_From_Tail`); later starts resume from the cursor in the state directory.
   * @default true - a new collector does not re-ship the node's whole journal
   */
  readonly readFromTail?: boolean;

  /**
   * The most entries read per round (`Max_Entries`).
   * @default 5000
   */
  readonly maxEntries?: number;

  /**
   * The most fields per record (`Max_Fields`).
   * @default 8000
   */
  readonly maxFields?: number;

  /**
   * Lower-case the field names (`Lowercase`).
   * @default false
   */
  readonly lowercase?: boolean;

  /**
   * Drop the leading `_` of field names such as `_PID` (`Strip_Underscores`).
   * @default false
   */
  readonly stripUnderscores?: boolean;
}

const RUNTIME_UNITS: { [runtime: string]: string } = {
  'containerd': 'containerd.service',
  'cri-o': 'crio.service',
  'docker': 'docker.service',
};

const UNIT = /^[A-Za-z0-9:_.@\\-]+\.(service|socket|scope|slice|mount|timer|target)$/;

/**
 * Binds `LogInput.systemd()`: the journal, tagged `host.*`, its cursor database in the state directory, the
 * journal directory and `/etc/machine-id` (which names the node's journal) mounted read-only.
 * @internal
 */
export function systemdInput(raw: unknown, ctx: InputContext): BoundLogInput {
  const o = new PluginOptions(ctx, raw, 'a SystemdInputOptions object');
  const common = readCommon(o);
  const c = { ...common, alias: common.alias ?? 'systemd', tag: common.tag ?? 'host.*' };
  const filters = o.texts('filters', { word: true, allowed: 'journal matches FIELD=value without blanks, such as \'PRIORITY=3\'' });
  filters?.forEach((f, i) => {
    if (!/^[A-Z0-9_]+=\S+$/.test(f)) throw o.fail(`filters[${i}]`, f, 'a journal match FIELD=value with an upper-case field, such as \'PRIORITY=3\' or \'_SYSTEMD_UNIT=sshd.service\'');
  });
  const defaultUnits = filters === undefined ? ['kubelet.service', RUNTIME_UNITS[ctx.containerRuntime] ?? 'containerd.service'] : [];
  const units = o.texts('units', { word: true, nonEmpty: true, allowed: 'systemd unit names such as \'kubelet.service\'' }) ?? defaultUnits;
  units.forEach((u, i) => {
    if (!UNIT.test(u)) throw o.fail(`units[${i}]`, u, 'a systemd unit\'s full name, such as \'kubelet.service\'');
  });
  const filterType = o.enumOf('filterType', Object.values(SystemdFilterType));
  const path = o.text('path', { word: true, allowed: 'an absolute directory path without blanks or commas' });
  if (path !== undefined && (checkAbsolutePath(path) || path === '/' || path.includes(','))) {
    throw o.fail('path', path, 'the absolute path of the node\'s journal directory, such as \'/run/log/journal\', without blanks or commas');
  }
  const readFromTail = o.bool('readFromTail') ?? true;
  const maxEntries = o.int('maxEntries', 1, 2147483647);
  const maxFields = o.int('maxFields', 1, 2147483647);
  const lowercase = o.bool('lowercase');
  const strip = o.bool('stripUnderscores');
  o.done();
  const database = databasePath(ctx, 'systemd', c.alias);
  return {
    plugin: 'systemd',
    alias: c.alias,
    ports: [],
    hostPaths: [
      { path: path ?? '/var/log', readOnly: true, type: kplus.HostPathVolumeType.DIRECTORY },
      { path: '/etc/machine-id', readOnly: true, type: kplus.HostPathVolumeType.FILE },
    ],
    database,
    env: [],
    section: () => inputSection('systemd', c, ctx, [
      ...path !== undefined ? [p('Path', path)] : [],
      ...units.map(u => p('Systemd_Filter', `_SYSTEMD_UNIT=${u}`)),
      ...(filters ?? []).map(f => p('Systemd_Filter', f)),
      ...filterType !== undefined ? [p('Systemd_Filter_Type', filterType)] : [],
      p('Read_From_Tail', onOff(readFromTail)),
      ...maxEntries !== undefined ? [p('Max_Entries', String(maxEntries))] : [],
      ...maxFields !== undefined ? [p('Max_Fields', String(maxFields))] : [],
      ...lowercase !== undefined ? [p('Lowercase', onOff(lowercase))] : [],
      ...strip !== undefined ? [p('Strip_Underscores', onOff(strip))] : [],
      p('DB', database),
    ]),
  };
}
