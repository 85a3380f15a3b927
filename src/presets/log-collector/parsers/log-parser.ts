import { BoundLogParser, ParserContext } from './common';
import { MultilineParserOptions, multilineParser } from './multiline';
import { LogfmtParserOptions, LogParserOptions, recordParser, RegexParserOptions } from './parser';
import { FluentBitSection } from '../../fluent-bit-config';
import { pluginError } from '../plugin-options';

/**
 * A custom parser of a `LogCollectorDaemonSet` (`parsers`): in the classic format a `[PARSER]` or
 * `[MULTILINE_PARSER]` section of `parsers.conf` in the collector's ConfigMap, in the YAML format an entry of
 * `parsers` or `multiline_parsers`. Inputs and filters refer to it by name, as to the image's own parsers.
 * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/configuring-parser
 */
export class LogParser {
  /**
   * Fields from the named groups of a regular expression (`Format regex`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/regular-expression
   */
  public static regex(options: RegexParserOptions): LogParser {
    return new LogParser(ctx => recordParser('regex', options, ctx));
  }

  /**
   * A JSON object per line (`Format json`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/json
   */
  public static json(options: LogParserOptions): LogParser {
    return new LogParser(ctx => recordParser('json', options, ctx));
  }

  /**
   * `key=value` pairs (`Format logfmt`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/logfmt
   */
  public static logfmt(options: LogfmtParserOptions): LogParser {
    return new LogParser(ctx => recordParser('logfmt', options, ctx));
  }

  /**
   * Labeled tab-separated values (`Format ltsv`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/ltsv
   */
  public static ltsv(options: LogParserOptions): LogParser {
    return new LogParser(ctx => recordParser('ltsv', options, ctx));
  }

  /**
   * Joins the lines of one message, by rules or a closing string (`[MULTILINE_PARSER]`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/parsers/multiline-parsing
   */
  public static multiline(options: MultilineParserOptions): LogParser {
    return new LogParser(ctx => multilineParser(options, ctx));
  }

  /**
   * A parser written exactly as given.
   * @param section `FluentBitSection.parser(name, properties)` or `FluentBitSection.multilineParser(name, properties)`
   */
  public static raw(section: FluentBitSection): LogParser {
    return new LogParser(ctx => {
      if (!(section instanceof FluentBitSection) || (section.kind !== 'PARSER' && section.kind !== 'MULTILINE_PARSER')) {
        throw pluginError(ctx, 'section', section instanceof FluentBitSection ? `a [${section.kind}] section` : section,
          'a [PARSER] or [MULTILINE_PARSER] section: FluentBitSection.parser() or FluentBitSection.multilineParser()');
      }
      return { name: section.name!, section };
    });
  }

  private readonly binder: (ctx: ParserContext) => BoundLogParser;

  private constructor(binder: (ctx: ParserContext) => BoundLogParser) {
    this.binder = binder;
  }

  /**
   * Checks the options and renders the section.
   * @internal
   */
  public _bind(ctx: ParserContext): BoundLogParser {
    return this.binder(ctx);
  }
}
