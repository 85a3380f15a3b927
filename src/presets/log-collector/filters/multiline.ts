import { Duration, Size } from 'cdk8s';
import { boundFilter, BoundLogFilter, FilterContext, LogFilterOptions, readFilterCommon } from './common';
import { FluentBitProperty, fluentBitSize, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * How `LogFilter.multiline()` joins records (`Mode`).
 */
export enum MultilineFilterMode {
  /** By the rules of the multiline parsers (`multiline.parser`). */
  PARSER = 'parser',
  /** By the runtime's partial-message markers (lines split by Docker at 16 KiB). */
  PARTIAL_MESSAGE = 'partial_message',
}

/**
 * Options for `LogFilter.multiline()`: joins the lines of one message (stack traces) that arrived as separate
 * records (`multiline` filter).
 *
 * fluent-bit re-emits joined records at the head of the pipeline, so the collector places every multiline
 * filter before its other filters (the kubernetes filter included), and refuses two multiline filters with
 * the same `match`, which would re-emit each other's records forever.
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/multiline-stacktrace
 */
export interface MultilineFilterOptions extends LogFilterOptions {
  /**
   * The multiline parsers, tried in order (`multiline.parser`): the built-in `go`, `java`, `python`, `ruby`,
   * `docker`, `cri`, or a `LogParser.multiline()` of the collector. Required in PARSER mode.
   * @default - none
   */
  readonly parsers?: string[];

  /**
   * How records are joined (`Mode`).
   * @default MultilineFilterMode.PARSER
   */
  readonly mode?: MultilineFilterMode;

  /**
   * The record key holding the text to join (`multiline.key_content`).
   * @default - the parser's own `key_content`
   */
  readonly keyContent?: string;

  /**
   * Buffer records across chunks and re-emit them when joined (`Buffer`), which every input but `tail` needs.
   * @default true
   */
  readonly buffer?: boolean;

  /**
   * How long an unfinished message waits for more lines (`Flush_ms`), in whole milliseconds.
   * @default Duration.seconds(2)
   */
  readonly flushTimeout?: Duration;

  /**
   * The memory the re-emitting input may use before the pipeline pauses (`Emitter_Mem_Buf_Limit`). With the
   * collector's filesystem buffering, its chunks are kept in the state directory (`Emitter_Storage.type`).
   * @default - 10M
   */
  readonly emitterMemBufLimit?: Size;
}

/** Binds `LogFilter.multiline()`: buffered, its emitter on the collector's storage. @internal */
export function multilineFilter(raw: unknown, ctx: FilterContext): BoundLogFilter {
  const o = new PluginOptions(ctx, raw, 'a MultilineFilterOptions object');
  const c = readFilterCommon(o);
  const mode = o.enumOf('mode', Object.values(MultilineFilterMode));
  const parsers = o.texts('parsers', { word: true, nonEmpty: true });
  if (parsers === undefined && mode !== MultilineFilterMode.PARTIAL_MESSAGE) {
    throw o.fail('parsers', undefined, 'a non-empty list of multiline parser names, such as [\'java\'], in MultilineFilterMode.PARSER');
  }
  const body: FluentBitProperty[] = [];
  if (parsers !== undefined) body.push(p('multiline.parser', parsers.join(', ')));
  if (mode !== undefined) body.push(p('Mode', mode));
  const keyContent = o.text('keyContent', { word: true });
  if (keyContent !== undefined) body.push(p('multiline.key_content', keyContent));
  const buffer = o.bool('buffer') ?? true;
  body.push(p('Buffer', onOff(buffer)));
  const flush = o.duration('flushTimeout', { minMillis: 1, maxMillis: 3600_000 });
  if (flush !== undefined) body.push(p('Flush_ms', String(flush.toMilliseconds())));
  const limit = o.size('emitterMemBufLimit', 1024, 2 ** 40);
  if (buffer) {
    if (limit !== undefined) body.push(p('Emitter_Mem_Buf_Limit', fluentBitSize(limit)));
    if (ctx.filesystemBuffering) body.push(p('Emitter_Storage.type', 'filesystem'));
  } else if (limit !== undefined) {
    throw o.fail('emitterMemBufLimit', fluentBitSize(limit), 'left out with buffer: false (only the buffered mode re-emits)');
  }
  o.done();
  return boundFilter('multiline', c, body, { first: true });
}
