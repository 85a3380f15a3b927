import { FluentBitSection } from '../../fluent-bit-config';
import { PluginSite } from '../plugin-options';

/** A parser bound to a collector. @internal */
export interface BoundLogParser {
  /** The name inputs and filters refer to. */
  readonly name: string;
  /** A `[PARSER]` or `[MULTILINE_PARSER]` section. */
  readonly section: FluentBitSection;
}

/** What the collector passes to a parser it binds. @internal */
export type ParserContext = PluginSite;

/** A parser's name: letters, digits, '_', '.' and '-'. @internal */
export const PARSER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.\-]*$/;
