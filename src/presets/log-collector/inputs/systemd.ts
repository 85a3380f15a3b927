import { Size } from 'cdk8s';
import { FluentBitSection, fluentBitSize } from '../../fluent-bit-config';
import { p } from '../outputs/common';

/** What the journal input is made of. @internal */
export interface SystemdInput {
  /** The units whose entries are read. */
  readonly units: string[];
  /** The journal directory, when not the plugin's default. */
  readonly journalPath?: string;
  readonly stateDirectory: string;
  readonly memBufLimit?: Size;
  readonly filesystemBuffering: boolean;
}

/** The `systemd` input over the node's journal, tagged `host.*`, from its tail. @internal */
export function systemdInput(o: SystemdInput): FluentBitSection {
  return FluentBitSection.input('systemd', [
    p('Alias', 'systemd'),
    p('Tag', 'host.*'),
    ...o.journalPath !== undefined ? [p('Path', o.journalPath)] : [],
    ...o.units.map(u => p('Systemd_Filter', `_SYSTEMD_UNIT=${u}`)),
    p('Read_From_Tail', 'On'),
    p('DB', `${o.stateDirectory}/systemd.db`),
    p('Mem_Buf_Limit', fluentBitSize(o.memBufLimit ?? Size.mebibytes(5))),
    ...o.filesystemBuffering ? [p('storage.type', 'filesystem')] : [],
  ]);
}
