import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, bufferProperties, databasePath, InputContext, InputHostPath, inputSection, LogInputOptions, readCommon } from './common';
import { checkAbsolutePath } from '../../../k8s/syntax';
import { FluentBitProperty, fluentBitSeconds, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * Options for `LogInput.tail()`: log files on the node (`tail` input).
 * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/tail
 */
export interface TailInputOptions extends LogInputOptions {
  /**
   * The files to read: absolute paths or shell patterns (`Path`, joined by commas). The directory before the
   * first wildcard of each (or the file's directory) is mounted read-only from the node.
   */
  readonly paths: string[];

  /**
   * Files to leave out, as shell patterns (`Exclude_Path`).
   * @default - none
   */
  readonly excludePaths?: string[];

  /**
   * The parser that turns each line into a record (`Parser`): a parser of the image (`json`, `docker`,
   * `syslog-rfc5424` ...) or a `LogParser` of the collector.
   * @default - none: the line goes to the `log` key unparsed
   */
  readonly parser?: string;

  /**
   * Multiline parsers that join the lines of one message (`multiline.parser`), tried in order: the built-in
   * `cri`, `docker`, `go`, `java`, `python`, `ruby`, or a `LogParser.multiline()` of the collector.
   * @default - none
   */
  readonly multilineParsers?: string[];

  /**
   * Read files without a recorded position from their beginning (`Read_from_Head`).
   * @default - the collector's `readFromHead` (true)
   */
  readonly readFromHead?: boolean;

  /**
   * How often the patterns are expanded again to find new files (`Refresh_Interval`), in whole seconds.
   * @default - the collector's `refreshInterval` (10 seconds; the plugin's own default is 60)
   */
  readonly refreshInterval?: Duration;

  /**
   * How long a rotated file is still read (`Rotate_Wait`), in whole seconds.
   * @default Duration.seconds(5)
   */
  readonly rotateWait?: Duration;

  /**
   * Ignore files last modified longer ago than this (`Ignore_Older`), in whole minutes.
   * @default - every file is read
   */
  readonly ignoreOlder?: Duration;

  /**
   * Skip lines longer than the buffer instead of giving up on the file (`Skip_Long_Lines`).
   * @default true - one oversized line must not stop the collection of a whole file (the plugin's default is false)
   */
  readonly skipLongLines?: boolean;

  /**
   * Skip empty lines (`Skip_Empty_Lines`).
   * @default false
   */
  readonly skipEmptyLines?: boolean;

  /**
   * The initial read buffer per file (`Buffer_Chunk_Size`).
   * @default Size.kibibytes(32)
   */
  readonly bufferChunkSize?: Size;

  /**
   * The largest read buffer per file, hence the longest line (`Buffer_Max_Size`).
   * @default Size.kibibytes(32)
   */
  readonly bufferMaxSize?: Size;

  /**
   * Add the file's name to each record under this key (`Path_Key`).
   * @default - not added
   */
  readonly pathKey?: string;

  /**
   * The key of unparsed lines (`Key`).
   * @default 'log'
   */
  readonly key?: string;

  /**
   * The position database (`DB`), so a restart resumes where it stopped. Outside the state directory, its
   * directory is mounted read-write from the node.
   * @default - `<stateDirectory>/tail-<alias>.db`, or `tail-<n>.db` for the n-th tail input without an alias
   */
  readonly database?: string;
}

const DAY_MILLIS = 24 * 3600 * 1000;

/**
 * The directory a pattern reads from: the path before its first wildcard component, or the file's directory.
 * @internal
 */
export function patternDirectory(pattern: string): string {
  const parts = pattern.split('/');
  const glob = parts.findIndex(part => /[*?[{]/.test(part));
  const dir = glob >= 0 ? parts.slice(0, glob) : parts.slice(0, -1);
  return dir.join('/') || '/';
}

/** Binds `LogInput.tail()`: the files, their directories mounted read-only, the position database. @internal */
export function tailInput(raw: unknown, ctx: InputContext): BoundLogInput {
  const o = new PluginOptions(ctx, raw, 'a TailInputOptions object');
  const c = readCommon(o);
  const pattern = 'absolute paths or shell patterns without blanks or commas, such as \'/var/log/app/*.log\'';
  const paths = o.texts('paths', { word: true, nonEmpty: true, required: true, allowed: pattern })!;
  const hostPaths: InputHostPath[] = [];
  paths.forEach((path, i) => {
    const dir = patternDirectory(path);
    if (checkAbsolutePath(path) || path.includes(',') || dir === '/') {
      throw o.fail(`paths[${i}]`, path, `one of ${pattern} below a directory other than '/' (its directory is mounted from the node)`);
    }
    hostPaths.push({ path: dir, readOnly: true, type: kplus.HostPathVolumeType.DIRECTORY });
  });
  const excluded = o.texts('excludePaths', { word: true, allowed: 'shell patterns without blanks or commas' });
  excluded?.forEach((x, i) => {
    if (x.includes(',')) throw o.fail(`excludePaths[${i}]`, x, 'a shell pattern without commas');
  });
  const body: FluentBitProperty[] = [p('Path', paths.join(','))];
  if (excluded !== undefined && excluded.length > 0) body.push(p('Exclude_Path', excluded.join(',')));
  const parser = o.text('parser', { word: true });
  if (parser !== undefined) body.push(p('Parser', parser));
  const multiline = o.texts('multilineParsers', { word: true, nonEmpty: true });
  if (multiline !== undefined) body.push(p('multiline.parser', multiline.join(', ')));
  const database = o.text('database', { word: true, allowed: 'an absolute file path without blanks or commas' }) ?? databasePath(ctx, 'tail', c.alias);
  if (checkAbsolutePath(database) || database.includes(',') || database.endsWith('/')) {
    throw o.fail('database', database, 'an absolute file path without blanks or commas, such as \'/var/lib/fluent-bit/tail-app.db\'');
  }
  const dbDirectory = database.substring(0, database.lastIndexOf('/')) || '/';
  if (dbDirectory === '/') throw o.fail('database', database, 'a file in a directory other than \'/\' (the directory is mounted read-write)');
  if (dbDirectory !== ctx.stateDirectory && !dbDirectory.startsWith(`${ctx.stateDirectory}/`)) {
    hostPaths.push({ path: dbDirectory, readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE });
  }
  body.push(p('DB', database), p('DB.locking', 'true'));
  body.push(...tailReading(o, ctx));
  o.done();
  return { plugin: 'tail', alias: c.alias, ports: [], hostPaths, database, env: [], section: () => inputSection('tail', c, ctx, body) };
}

/** The reading options: where to start, how often to look, rotation, line handling, buffers and keys. */
function tailReading(o: PluginOptions, ctx: InputContext): FluentBitProperty[] {
  const body: FluentBitProperty[] = [];
  body.push(p('Read_from_Head', onOff(o.bool('readFromHead') ?? ctx.readFromHead ?? true)));
  const refresh = o.duration('refreshInterval', { minMillis: 1000, maxMillis: DAY_MILLIS, wholeSeconds: true }) ?? ctx.refreshInterval;
  body.push(p('Refresh_Interval', fluentBitSeconds(refresh ?? Duration.seconds(10))));
  const rotateWait = o.duration('rotateWait', { minMillis: 1000, maxMillis: DAY_MILLIS, wholeSeconds: true });
  if (rotateWait !== undefined) body.push(p('Rotate_Wait', fluentBitSeconds(rotateWait)));
  const ignoreOlder = o.duration('ignoreOlder', { minMillis: 60_000, maxMillis: 3650 * DAY_MILLIS });
  if (ignoreOlder !== undefined) {
    const minutes = ignoreOlder.toMilliseconds() / 60_000;
    if (!Number.isInteger(minutes)) throw o.fail('ignoreOlder', ignoreOlder.toHumanString(), 'a Duration of whole minutes (Ignore_Older takes m, h or d)');
    body.push(p('Ignore_Older', minutes % 1440 === 0 ? `${minutes / 1440}d` : minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`));
  }
  body.push(p('Skip_Long_Lines', onOff(o.bool('skipLongLines') ?? true)));
  const skipEmpty = o.bool('skipEmptyLines');
  if (skipEmpty !== undefined) body.push(p('Skip_Empty_Lines', onOff(skipEmpty)));
  body.push(...bufferProperties(o, 'bufferChunkSize', 'bufferMaxSize'));
  const pathKey = o.text('pathKey', { word: true });
  if (pathKey !== undefined) body.push(p('Path_Key', pathKey));
  const key = o.text('key', { word: true });
  if (key !== undefined) body.push(p('Key', key));
  return body;
}
