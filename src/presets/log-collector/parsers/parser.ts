import { BoundLogParser, PARSER_NAME, ParserContext } from './common';
import { FluentBitProperty, FluentBitSection, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * The type a parsed field is converted to (`Types`).
 */
export enum ParserFieldType {
  /** Text (no conversion). */
  STRING = 'string',
  /** A whole number. */
  INTEGER = 'integer',
  /** `true` or `false`. */
  BOOL = 'bool',
  /** A floating-point number. */
  FLOAT = 'float',
  /** A hexadecimal number. */
  HEX = 'hex',
}

/**
 * Options every `LogParser` of records (`regex`, `json`, `logfmt`, `ltsv`) shares.
 * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/configuring-parser
 */
export interface LogParserOptions {
  /** The parser's name (`Name`), which inputs (`parser`), filters and the `fluentbit.io/parser` pod annotation refer to. */
  readonly name: string;

  /**
   * The field holding the record's time (`Time_Key`).
   * @default - the time the record was read
   */
  readonly timeKey?: string;

  /**
   * The `strptime` format of `timeKey`, with `%L` for fractions of a second (`Time_Format`).
   * @default - none
   */
  readonly timeFormat?: string;

  /**
   * Keep `timeKey` in the record after reading the time from it (`Time_Keep`).
   * @default false
   */
  readonly timeKeep?: boolean;

  /**
   * The UTC offset of times without a zone, such as `+0200` (`Time_Offset`).
   * @default - UTC
   */
  readonly timeOffset?: string;

  /**
   * Refuse times that do not match `timeFormat` exactly (`Time_Strict`).
   * @default true
   */
  readonly timeStrict?: boolean;

  /**
   * Field types, field name to type (`Types`).
   * @default - every field a string
   */
  readonly types?: { [field: string]: ParserFieldType };
}

/**
 * Options for `LogParser.regex()`.
 * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/regular-expression
 */
export interface RegexParserOptions extends LogParserOptions {
  /** The Ruby (Onigmo) regular expression; its named groups `(?<name>...)` become the record's fields (`Regex`). */
  readonly regex: string;

  /**
   * Leave out fields whose group matched nothing (`Skip_Empty_Values`).
   * @default true
   */
  readonly skipEmptyValues?: boolean;
}

/**
 * Options for `LogParser.logfmt()`.
 * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/logfmt
 */
export interface LogfmtParserOptions extends LogParserOptions {
  /**
   * Refuse lines with keys that have no value (`logfmt_no_bare_keys`).
   * @default false
   */
  readonly noBareKeys?: boolean;
}

const ZONE_OFFSET = /^[+-]\d{4}$/;

/** Binds a `[PARSER]` of the given format. @internal */
export function recordParser(format: 'regex' | 'json' | 'logfmt' | 'ltsv', raw: unknown, ctx: ParserContext): BoundLogParser {
  const what = { regex: 'a RegexParserOptions object', json: 'a LogParserOptions object', logfmt: 'a LogfmtParserOptions object', ltsv: 'a LogParserOptions object' }[format];
  const o = new PluginOptions(ctx, raw, what);
  const name = o.requiredText('name', { word: true });
  if (!PARSER_NAME.test(name)) throw o.fail('name', name, 'a parser name of letters, digits, \'_\', \'.\' and \'-\'');
  const body: FluentBitProperty[] = [p('Format', format)];
  if (format === 'regex') body.push(p('Regex', o.requiredText('regex', { allowed: 'a regular expression on one line' })));
  const timeKey = o.text('timeKey', { word: true });
  const timeFormat = o.text('timeFormat');
  if (timeFormat !== undefined && timeKey === undefined) throw o.fail('timeKey', undefined, 'the field holding the time, when timeFormat is given');
  if (timeKey !== undefined) body.push(p('Time_Key', timeKey));
  if (timeFormat !== undefined) body.push(p('Time_Format', timeFormat));
  const timeKeep = o.bool('timeKeep');
  if (timeKeep !== undefined) body.push(p('Time_Keep', onOff(timeKeep)));
  const offset = o.text('timeOffset', { word: true });
  if (offset !== undefined) {
    if (!ZONE_OFFSET.test(offset)) throw o.fail('timeOffset', offset, 'a UTC offset such as \'+0200\' or \'-0600\'');
    body.push(p('Time_Offset', offset));
  }
  const strict = o.bool('timeStrict');
  if (strict !== undefined) body.push(p('Time_Strict', onOff(strict)));
  const types = o.textMap('types');
  if (types !== undefined && types.length > 0) {
    const allowed = Object.values(ParserFieldType) as string[];
    for (const [field, type] of types) {
      if (!allowed.includes(type) || field.includes(':')) throw o.fail(`types['${field}']`, type, `one of ${allowed.join(', ')}, for a field name without ':'`);
    }
    body.push(p('Types', types.map(([field, type]) => `${field}:${type}`).join(' ')));
  }
  if (format === 'regex') {
    const skip = o.bool('skipEmptyValues');
    if (skip !== undefined) body.push(p('Skip_Empty_Values', onOff(skip)));
  }
  if (format === 'logfmt') {
    const bare = o.bool('noBareKeys');
    if (bare !== undefined) body.push(p('logfmt_no_bare_keys', onOff(bare)));
  }
  o.done();
  return { name, section: FluentBitSection.parser(name, body) };
}
