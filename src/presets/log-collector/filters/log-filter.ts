import { BoundLogFilter, FilterContext } from './common';
import { GrepFilterOptions, grepFilter } from './grep';
import { KubernetesFilterOptions, kubernetesFilter } from './kubernetes';
import { LuaFilterOptions, luaFilter } from './lua';
import { ModifyFilterOptions, modifyFilter } from './modify';
import { MultilineFilterOptions, multilineFilter } from './multiline';
import { NestFilterOptions, nestFilter } from './nest';
import { RawLogFilterOptions, rawFilter } from './raw';
import { ThrottleFilterOptions, throttleFilter } from './throttle';
import { FluentBitSection } from '../../fluent-bit-config';

/**
 * What a `LogCollectorDaemonSet` does to records between its inputs and outputs: one fluent-bit `[FILTER]`
 * section, and the files it needs (a Lua script goes to the collector's ConfigMap). Filters apply in order;
 * multiline filters always come first (fluent-bit re-emits their records at the head of the pipeline).
 *
 * The options are checked when the collector receives the filter, so an error names the collector, the field
 * (`filters[0].script`), the value and what is allowed.
 */
export class LogFilter {
  /**
   * Pod metadata for container logs (`kubernetes`). Given in `filters`, it replaces the one the collector adds
   * from `kubernetesMetadata`, at the position you choose.
   * @see https://docs.fluentbit.io/manual/data-pipeline/filters/kubernetes
   */
  public static kubernetes(options: KubernetesFilterOptions = {}): LogFilter {
    return new LogFilter('kubernetes', ctx => kubernetesFilter(options, ctx));
  }

  /**
   * A Lua function that changes, drops or splits records (`lua`); the script is written to the collector's
   * ConfigMap and referenced by its path.
   * @see https://docs.fluentbit.io/manual/data-pipeline/filters/lua
   */
  public static lua(options: LuaFilterOptions): LogFilter {
    return new LogFilter('lua', ctx => luaFilter(options, ctx));
  }

  /**
   * Keep or drop records by regular expressions on their values (`grep`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/filters/grep
   */
  public static grep(options: GrepFilterOptions): LogFilter {
    return new LogFilter('grep', ctx => grepFilter(options, ctx));
  }

  /**
   * Set, rename, copy, move and remove record keys, under conditions (`modify`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/filters/modify
   */
  public static modify(options: ModifyFilterOptions): LogFilter {
    return new LogFilter('modify', ctx => modifyFilter(options, ctx));
  }

  /**
   * Nest keys under a map, or lift a map's keys up (`nest`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/filters/nest
   */
  public static nest(options: NestFilterOptions): LogFilter {
    return new LogFilter('nest', ctx => nestFilter(options, ctx));
  }

  /**
   * Join the lines of one message (stack traces) that arrived as separate records (`multiline`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/filters/multiline-stacktrace
   */
  public static multiline(options: MultilineFilterOptions): LogFilter {
    return new LogFilter('multiline', ctx => multilineFilter(options, ctx));
  }

  /**
   * Drop records above an average rate (`throttle`).
   * @see https://docs.fluentbit.io/manual/data-pipeline/filters/throttle
   */
  public static throttle(options: ThrottleFilterOptions): LogFilter {
    return new LogFilter('throttle', ctx => throttleFilter(options, ctx));
  }

  /**
   * Any other filter, written exactly as given: the escape hatch for plugins this library does not type
   * (`record_modifier`, `rewrite_tag`, `parser` ...).
   * @param section a `[FILTER]` section, e.g. `FluentBitSection.filter('parser', 'kube.*', [...])`
   */
  public static raw(section: FluentBitSection, options: RawLogFilterOptions = {}): LogFilter {
    return new LogFilter(section instanceof FluentBitSection && section.name !== undefined ? section.name : 'raw', ctx => rawFilter(section, options, ctx));
  }

  /** The fluent-bit filter plugin, e.g. `grep`, `lua`, `kubernetes`. */
  public readonly plugin: string;

  private readonly binder: (ctx: FilterContext) => BoundLogFilter;

  private constructor(plugin: string, binder: (ctx: FilterContext) => BoundLogFilter) {
    this.plugin = plugin;
    this.binder = binder;
  }

  /**
   * Checks the options and derives the section and files for one collector.
   * @internal
   */
  public _bind(ctx: FilterContext): BoundLogFilter {
    return this.binder(ctx);
  }
}
