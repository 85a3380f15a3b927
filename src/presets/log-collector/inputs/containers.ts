import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, databasePath, InputContext, InputHostPath, inputSection, readAlias, readBuffering } from './common';
import { checkDns1123Label } from '../../../k8s/syntax';
import { fluentBitSeconds, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * Options for `LogInput.containerLogs()`: the `tail` input over every container's log file.
 * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/tail
 */
export interface ContainerLogsInputOptions {
  /**
   * A name for the input (`Alias`); it also names the position database (`tail-<alias>.db`).
   * @default 'containers'
   */
  readonly alias?: string;

  /**
   * Namespaces whose container logs are not read (`Exclude_Path` on the log file names).
   * @default - the collector's `excludeNamespaces`
   */
  readonly excludeNamespaces?: string[];

  /**
   * Read files without a recorded position from their beginning (`Read_from_Head`).
   * @default - the collector's `readFromHead` (true)
   */
  readonly readFromHead?: boolean;

  /**
   * How often new log files are looked for (`Refresh_Interval`), in whole seconds.
   * @default - the collector's `refreshInterval` (10 seconds)
   */
  readonly refreshInterval?: Duration;

  /**
   * The multiline parsers that undo the runtime's line splitting (`multiline.parser`), tried in order; the
   * built-in `cri` and `docker` parsers, or your own `LogParser.multiline()` parsers.
   * @default - ['cri', 'docker'], or ['docker', 'cri'] with ContainerRuntime.DOCKER
   */
  readonly multilineParsers?: string[];

  /**
   * The memory the input may use for chunks (`Mem_Buf_Limit`).
   * @default - the collector's `memBufLimit` (5 MiB)
   */
  readonly memBufLimit?: Size;

  /**
   * Run the input in its own thread (`threaded`).
   * @default false
   */
  readonly threaded?: boolean;
}

const WHAT = 'a ContainerLogsInputOptions object';

/**
 * Binds `LogInput.containerLogs()`: `tail` over `/var/log/containers/*.log`, tagged `kube.*` (what the kubernetes
 * filter expects), its position database in the state directory; `/var/log` (and `/var/lib/docker/containers`
 * with Docker) and `/etc/machine-id` mounted read-only.
 * @internal
 */
export function containerLogsInput(raw: unknown, ctx: InputContext): BoundLogInput {
  const o = new PluginOptions(ctx, raw, WHAT);
  const c = { alias: readAlias(o) ?? 'containers', tag: 'kube.*', ...readBuffering(o) };
  const namespaces = o.texts('excludeNamespaces', { word: true }) ?? ctx.excludeNamespaces ?? [];
  namespaces.forEach((ns, i) => {
    const problem = checkDns1123Label(ns);
    if (problem) throw o.fail(`excludeNamespaces[${i}]`, ns, `a namespace name: one that ${problem}`);
  });
  const readFromHead = o.bool('readFromHead') ?? ctx.readFromHead;
  const refresh = o.duration('refreshInterval', { minMillis: 1000, maxMillis: 24 * 3600 * 1000, wholeSeconds: true }) ?? ctx.refreshInterval;
  const docker = ctx.containerRuntime === 'docker';
  const parsers = o.texts('multilineParsers', { word: true, nonEmpty: true }) ?? (docker ? ['docker', 'cri'] : ['cri', 'docker']);
  o.done();
  const hostPaths: InputHostPath[] = [
    { path: '/var/log', readOnly: true, type: kplus.HostPathVolumeType.DIRECTORY },
    ...docker ? [{ path: '/var/lib/docker/containers', readOnly: true, type: kplus.HostPathVolumeType.DIRECTORY }] : [],
    { path: '/etc/machine-id', readOnly: true, type: kplus.HostPathVolumeType.FILE },
  ];
  const database = databasePath(ctx, 'tail', c.alias);
  return {
    plugin: 'tail',
    alias: c.alias,
    ports: [],
    hostPaths,
    database,
    env: [],
    section: (r) => {
      const excluded = namespaces.map(ns => `/var/log/containers/*_${ns}_*.log`);
      // The collector would otherwise read what its stdout output prints, and print it again, forever.
      if (r.ownLogFiles !== undefined) excluded.push(r.ownLogFiles);
      return inputSection('tail', c, ctx, [
        p('Path', '/var/log/containers/*.log'),
        ...excluded.length > 0 ? [p('Exclude_Path', excluded.join(','))] : [],
        p('multiline.parser', parsers.join(', ')),
        p('DB', database),
        p('DB.locking', 'true'),
        p('Read_from_Head', onOff(readFromHead ?? true)),
        p('Refresh_Interval', fluentBitSeconds(refresh ?? Duration.seconds(10))),
        p('Skip_Long_Lines', 'On'),
      ]);
    },
  };
}
