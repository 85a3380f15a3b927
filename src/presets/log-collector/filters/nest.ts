import { boundFilter, BoundLogFilter, FilterContext, LogFilterOptions, readFilterCommon } from './common';
import { FluentBitProperty } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * What `LogFilter.nest()` does (`Operation`).
 */
export enum NestOperation {
  /** Move the keys matching `wildcards` under the map `nestUnder`. */
  NEST = 'nest',
  /** Move the keys of the map `nestedUnder` up to the record's top level. */
  LIFT = 'lift',
}

/**
 * Options for `LogFilter.nest()`: nest keys under a map, or lift a map's keys up (`nest` filter).
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/nest
 */
export interface NestFilterOptions extends LogFilterOptions {
  /** Nest or lift (`Operation`). */
  readonly operation: NestOperation;

  /**
   * With NEST: the keys to move, as wildcard patterns such as `Mem.*` (`Wildcard`).
   * @default - none (required with NEST)
   */
  readonly wildcards?: string[];

  /**
   * With NEST: the map the keys move under (`Nest_under`).
   * @default - none (required with NEST)
   */
  readonly nestUnder?: string;

  /**
   * With LIFT: the map whose keys move up (`Nested_under`).
   * @default - none (required with LIFT)
   */
  readonly nestedUnder?: string;

  /**
   * Prefix the moved keys with this (`Add_prefix`).
   * @default - none
   */
  readonly addPrefix?: string;

  /**
   * Remove this prefix from the moved keys (`Remove_prefix`).
   * @default - none
   */
  readonly removePrefix?: string;
}

/** Binds `LogFilter.nest()`. @internal */
export function nestFilter(raw: unknown, ctx: FilterContext): BoundLogFilter {
  const o = new PluginOptions(ctx, raw, 'a NestFilterOptions object');
  const c = readFilterCommon(o);
  const operation = o.enumOf('operation', Object.values(NestOperation));
  if (operation === undefined) throw o.fail('operation', undefined, `one of ${Object.values(NestOperation).join(', ')}`);
  const wildcards = o.texts('wildcards', { word: true, nonEmpty: true });
  const nestUnder = o.text('nestUnder', { word: true });
  const nestedUnder = o.text('nestedUnder', { word: true });
  const body: FluentBitProperty[] = [p('Operation', operation)];
  if (operation === NestOperation.NEST) {
    if (wildcards === undefined) throw o.fail('wildcards', undefined, 'a non-empty list of wildcard patterns with NestOperation.NEST');
    if (nestUnder === undefined) throw o.fail('nestUnder', undefined, 'the key of the map to nest under, with NestOperation.NEST');
    if (nestedUnder !== undefined) throw o.fail('nestedUnder', nestedUnder, 'left out with NestOperation.NEST (it names the map LIFT reads)');
    body.push(...wildcards.map(w => p('Wildcard', w)), p('Nest_under', nestUnder));
  } else {
    if (nestedUnder === undefined) throw o.fail('nestedUnder', undefined, 'the key of the map to lift, with NestOperation.LIFT');
    if (wildcards !== undefined || nestUnder !== undefined) {
      throw o.fail(wildcards !== undefined ? 'wildcards' : 'nestUnder', wildcards ?? nestUnder, 'left out with NestOperation.LIFT (it applies to NEST)');
    }
    body.push(p('Nested_under', nestedUnder));
  }
  for (const [option, key] of [['addPrefix', 'Add_prefix'], ['removePrefix', 'Remove_prefix']] as const) {
    const value = o.text(option, { word: true });
    if (value !== undefined) body.push(p(key, value));
  }
  o.done();
  return boundFilter('nest', c, body);
}
