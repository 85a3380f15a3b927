import { Duration } from 'cdk8s';
import { boundFilter, BoundLogFilter, FilterContext, LogFilterOptions, readFilterCommon } from './common';
import { FluentBitProperty, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * Options for `LogFilter.throttle()`: drops records above an average rate (`throttle` filter).
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/throttle
 */
export interface ThrottleFilterOptions extends LogFilterOptions {
  /** The records let through per `interval`, on average over `window` intervals (`Rate`). */
  readonly rate: number;

  /**
   * The number of intervals the rate is averaged over (`Window`).
   * @default 5
   */
  readonly window?: number;

  /**
   * The length of one interval (`Interval`).
   * @default Duration.seconds(1)
   */
  readonly interval?: Duration;

  /**
   * Log the current rate and the limit (`Print_Status`).
   * @default false
   */
  readonly printStatus?: boolean;
}

/** Binds `LogFilter.throttle()`. @internal */
export function throttleFilter(raw: unknown, ctx: FilterContext): BoundLogFilter {
  const o = new PluginOptions(ctx, raw, 'a ThrottleFilterOptions object');
  const c = readFilterCommon(o);
  const rate = o.int('rate', 1, 2147483647, true)!;
  const body: FluentBitProperty[] = [p('Rate', String(rate))];
  const window = o.int('window', 1, 1_000_000);
  if (window !== undefined) body.push(p('Window', String(window)));
  const interval = o.duration('interval', { minMillis: 1, maxMillis: 24 * 3600_000 });
  if (interval !== undefined) body.push(p('Interval', `${interval.toMilliseconds() / 1000}s`));
  const status = o.bool('printStatus');
  if (status !== undefined) body.push(p('Print_Status', onOff(status)));
  o.done();
  return boundFilter('throttle', c, body);
}
