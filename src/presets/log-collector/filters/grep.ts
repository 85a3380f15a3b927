import { boundFilter, BoundLogFilter, FilterContext, LogFilterOptions, readFilterCommon } from './common';
import { FluentBitProperty } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * How the rules of `LogFilter.grep()` combine (`Logical_Op`).
 */
export enum GrepLogicalOp {
  /** Every rule must match. */
  AND = 'and',
  /** Any rule may match. */
  OR = 'or',
  /** fluent-bit's default: `regex` rules combine with AND, `exclude` rules with OR. */
  LEGACY = 'legacy',
}

/**
 * One rule of `LogFilter.grep()`: a record key and a regular expression.
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/grep
 */
export interface GrepRule {
  /** The record key, or a record accessor such as `$kubernetes['labels']['app']`. */
  readonly key: string;

  /** The regular expression the key's value is matched against. */
  readonly regex: string;
}

/**
 * Options for `LogFilter.grep()`: keep or drop records by their values (`grep` filter).
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/grep
 */
export interface GrepFilterOptions extends LogFilterOptions {
  /**
   * Keep only records matching these rules (`Regex`).
   * @default - none
   */
  readonly regex?: GrepRule[];

  /**
   * Drop records matching these rules (`Exclude`).
   * @default - none
   */
  readonly exclude?: GrepRule[];

  /**
   * How the rules combine (`Logical_Op`); with AND or OR, give `regex` or `exclude`, not both.
   * @default GrepLogicalOp.LEGACY
   */
  readonly logicalOp?: GrepLogicalOp;
}

/** Binds `LogFilter.grep()`. @internal */
export function grepFilter(raw: unknown, ctx: FilterContext): BoundLogFilter {
  const o = new PluginOptions(ctx, raw, 'a GrepFilterOptions object');
  const c = readFilterCommon(o);
  const body: FluentBitProperty[] = [];
  const rules = (option: 'regex' | 'exclude', key: string) => {
    const list = o.objects(option, 'GrepRule values ({ key, regex })') ?? [];
    list.forEach((r, i) => {
      const q = new PluginOptions({ at: ctx.at, field: o.field(`${option}[${i}]`) }, r, 'a GrepRule ({ key, regex })');
      const k = q.requiredText('key', { word: true, allowed: 'a record key or record accessor without blanks' });
      const regex = q.requiredText('regex');
      q.done();
      body.push(p(key, `${k} ${regex}`));
    });
    return list.length;
  };
  const kept = rules('regex', 'Regex');
  const dropped = rules('exclude', 'Exclude');
  if (kept + dropped === 0) throw o.fail('regex', o.raw('regex'), 'at least one rule in regex or exclude');
  const op = o.enumOf('logicalOp', Object.values(GrepLogicalOp));
  if (op !== undefined && op !== GrepLogicalOp.LEGACY && kept > 0 && dropped > 0) {
    throw o.fail('logicalOp', op, 'GrepLogicalOp.LEGACY, or left out, when both regex and exclude rules are given (fluent-bit refuses the mix)');
  }
  if (op !== undefined) body.push(p('Logical_Op', op));
  o.done();
  return boundFilter('grep', c, body);
}
