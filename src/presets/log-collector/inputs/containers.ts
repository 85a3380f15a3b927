import { Duration, Size } from 'cdk8s';
import { FluentBitSection, fluentBitSeconds, fluentBitSize, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';

/** What the container-log `tail` input is made of. @internal */
export interface ContainerLogsInput {
  /** `Exclude_Path` patterns, e.g. namespaces left out and the collector's own log. */
  readonly excludePaths: string[];
  /** The runtimes' log formats, the nodes' own first. */
  readonly multilineParsers: string;
  readonly stateDirectory: string;
  readonly readFromHead?: boolean;
  readonly refreshInterval?: Duration;
  readonly memBufLimit?: Size;
  readonly filesystemBuffering: boolean;
}

/**
 * The `tail` input over every container's log file (`/var/log/containers/*.log`), tagged `kube.*`, with its
 * position database in the state directory.
 * @internal
 */
export function containerLogsInput(o: ContainerLogsInput): FluentBitSection {
  return FluentBitSection.input('tail', [
    p('Alias', 'containers'),
    p('Tag', 'kube.*'),
    p('Path', '/var/log/containers/*.log'),
    ...o.excludePaths.length > 0 ? [p('Exclude_Path', o.excludePaths.join(','))] : [],
    p('multiline.parser', o.multilineParsers),
    p('DB', `${o.stateDirectory}/tail-containers.db`),
    p('DB.locking', 'true'),
    p('Read_from_Head', onOff(o.readFromHead ?? true)),
    p('Refresh_Interval', fluentBitSeconds(o.refreshInterval ?? Duration.seconds(10))),
    p('Skip_Long_Lines', 'On'),
    p('Mem_Buf_Limit', fluentBitSize(o.memBufLimit ?? Size.mebibytes(5))),
    ...o.filesystemBuffering ? [p('storage.type', 'filesystem')] : [],
  ]);
}
