import { Duration } from 'cdk8s';
import { BoundLogParser, PARSER_NAME, ParserContext } from './common';
import { FluentBitProperty, FluentBitSection, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * How a multiline parser recognises the lines of one message (`type`).
 */
export enum MultilineParserType {
  /** By regular-expression rules moving between states (`rules`). */
  REGEX = 'regex',
  /** A line ending with `matchString` continues on the next line. */
  ENDSWITH = 'endswith',
  /** A line equal to `matchString` continues on the next line. */
  EQUAL = 'equal',
}

/**
 * One rule of a regex multiline parser: in `state`, a line matching `regex` continues the message and moves
 * to `nextState`. The first rule's state is `start_state`.
 * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/multiline-parsing#rules-definition
 */
export interface MultilineRule {
  /** The state the rule applies in, e.g. `start_state` or `cont`. */
  readonly state: string;

  /** The regular expression a line must match, e.g. `/^\s+at .*\/` (no double quotes: use `\x22`). */
  readonly regex: string;

  /** The state after a matching line. */
  readonly nextState: string;
}

/**
 * Options for `LogParser.multiline()`.
 * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/multiline-parsing
 */
export interface MultilineParserOptions {
  /** The parser's name (`name`), which `multiline.parser` keys of inputs and filters refer to. */
  readonly name: string;

  /** How lines are recognised (`type`). */
  readonly type: MultilineParserType;

  /**
   * The rules of a REGEX parser (`rule`), the first in `start_state`.
   * @default - none (required with REGEX)
   */
  readonly rules?: MultilineRule[];

  /**
   * The string of an ENDSWITH or EQUAL parser (`match_string`).
   * @default - none (required with ENDSWITH and EQUAL)
   */
  readonly matchString?: string;

  /**
   * Negate the match (`negate`).
   * @default false
   */
  readonly negate?: boolean;

  /**
   * How long an unfinished message waits for more lines (`flush_timeout`), in whole milliseconds.
   * @default Duration.seconds(4)
   */
  readonly flushTimeout?: Duration;

  /**
   * For structured records: the key holding the text (`key_content`).
   * @default - none (the line itself)
   */
  readonly keyContent?: string;

  /**
   * A parser applied to each line before the rules (`parser`).
   * @default - none
   */
  readonly parser?: string;
}

/** Binds `LogParser.multiline()`: a `[MULTILINE_PARSER]` section. @internal */
export function multilineParser(raw: unknown, ctx: ParserContext): BoundLogParser {
  const o = new PluginOptions(ctx, raw, 'a MultilineParserOptions object');
  const name = o.requiredText('name', { word: true });
  if (!PARSER_NAME.test(name)) throw o.fail('name', name, 'a parser name of letters, digits, \'_\', \'.\' and \'-\'');
  const type = o.enumOf('type', Object.values(MultilineParserType));
  if (type === undefined) throw o.fail('type', undefined, `one of ${Object.values(MultilineParserType).join(', ')}`);
  const body: FluentBitProperty[] = [p('type', type)];
  const rules = o.objects('rules', 'MultilineRule values ({ state, regex, nextState })');
  const matchString = o.text('matchString');
  if (type === MultilineParserType.REGEX) {
    if (rules === undefined || rules.length === 0) throw o.fail('rules', rules, 'a non-empty list of rules with MultilineParserType.REGEX');
    if (matchString !== undefined) throw o.fail('matchString', matchString, 'left out with MultilineParserType.REGEX (it uses rules)');
  } else {
    if (matchString === undefined) throw o.fail('matchString', undefined, `the string to match, with MultilineParserType.${type.toUpperCase()}`);
    if (rules !== undefined) throw o.fail('rules', rules, `left out with MultilineParserType.${type.toUpperCase()} (rules are for REGEX)`);
    body.push(p('match_string', matchString));
  }
  const negate = o.bool('negate');
  if (negate !== undefined) body.push(p('negate', onOff(negate)));
  const flush = o.duration('flushTimeout', { minMillis: 1, maxMillis: 3600_000 });
  if (flush !== undefined) body.push(p('flush_timeout', String(flush.toMilliseconds())));
  for (const [option, key] of [['keyContent', 'key_content'], ['parser', 'parser']] as const) {
    const value = o.text(option, { word: true });
    if (value !== undefined) body.push(p(key, value));
  }
  (rules ?? []).forEach((r, i) => {
    const q = new PluginOptions({ at: ctx.at, field: o.field(`rules[${i}]`) }, r, 'a MultilineRule ({ state, regex, nextState })');
    const state = q.requiredText('state', { word: true });
    const regex = q.requiredText('regex', { allowed: 'a regular expression on one line, without double quotes (write \\x22)' });
    const next = q.requiredText('nextState', { word: true });
    for (const [field, value] of [['state', state], ['regex', regex], ['nextState', next]] as const) {
      if (value.includes('"')) throw q.fail(field, value, 'a value without double quotes (in a regex, write \\x22)');
    }
    if (i === 0 && state !== 'start_state') throw q.fail('state', state, '\'start_state\' for the first rule');
    q.done();
    body.push(p('rule', `"${state}" "${regex}" "${next}"`));
  });
  o.done();
  return { name, section: FluentBitSection.multilineParser(name, body) };
}
