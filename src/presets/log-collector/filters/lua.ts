import { boundFilter, BoundLogFilter, FilterContext, LogFilterOptions, readFilterCommon } from './common';
import { FluentBitProperty, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * Options for `LogFilter.lua()`: a Lua function that changes, drops or splits records (`lua` filter).
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/lua
 */
export interface LuaFilterOptions extends LogFilterOptions {
  /**
   * The Lua source. It is written to the collector's ConfigMap as `fileName` and referenced by path (`script`).
   */
  readonly script: string;

  /**
   * The global function of `script` fluent-bit calls for each record (`call`), e.g. `cb_filter`.
   */
  readonly call: string;

  /**
   * The script's file name in the ConfigMap.
   * @default - `<call>.lua`
   */
  readonly fileName?: string;

  /**
   * Pass the timestamp as a table `{ sec, nsec }` instead of a float (`time_as_table`), which keeps nanoseconds.
   * @default false
   */
  readonly timeAsTable?: boolean;

  /**
   * Catch errors of the script instead of crashing fluent-bit (`protected_mode`).
   * @default true
   */
  readonly protectedMode?: boolean;

  /**
   * Record keys whose values are converted to integers (`type_int_key`).
   * @default - none
   */
  readonly typeIntKeys?: string[];

  /**
   * Record keys whose values are handled as arrays, even empty ones (`type_array_key`).
   * @default - none
   */
  readonly typeArrayKeys?: string[];

  /**
   * Pass JSON nulls as `flb_null` rather than `nil`, which would delete the key (`enable_flb_null`).
   * @default false
   */
  readonly enableFlbNull?: boolean;
}

const LUA_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FILE_NAME = /^[A-Za-z0-9][-._A-Za-z0-9]*$/;

/**
 * Binds `LogFilter.lua()`: the script goes to the ConfigMap, the section names its path in the mounted directory.
 * @internal
 */
export function luaFilter(raw: unknown, ctx: FilterContext): BoundLogFilter {
  const o = new PluginOptions(ctx, raw, 'a LuaFilterOptions object');
  const c = readFilterCommon(o);
  const script = o.raw('script');
  if (typeof script !== 'string' || script.trim() === '') throw o.fail('script', script, 'the Lua source, a non-empty string');
  const call = o.requiredText('call', { word: true, allowed: 'the name of a global Lua function, such as \'cb_filter\'' });
  if (!LUA_NAME.test(call)) throw o.fail('call', call, 'the name of a global Lua function, such as \'cb_filter\'');
  if (!new RegExp(`(^|[^A-Za-z0-9_.:])${call}([^A-Za-z0-9_]|$)`).test(script)) {
    throw o.fail('call', call, 'a function that script defines (the script never names it)');
  }
  const fileName = o.text('fileName', { word: true }) ?? `${call}.lua`;
  if (!FILE_NAME.test(fileName) || fileName.length > 253) {
    throw o.fail('fileName', fileName, 'a ConfigMap key: letters, digits, \'-\', \'_\' and \'.\', at most 253 characters');
  }
  const body: FluentBitProperty[] = [p('script', `${ctx.configDirectory}/${fileName}`), p('call', call)];
  for (const [option, key] of [['timeAsTable', 'time_as_table'], ['protectedMode', 'protected_mode'], ['enableFlbNull', 'enable_flb_null']] as const) {
    const value = o.bool(option);
    if (value !== undefined) body.push(p(key, onOff(value)));
  }
  for (const [option, key] of [['typeIntKeys', 'type_int_key'], ['typeArrayKeys', 'type_array_key']] as const) {
    const keys = o.texts(option, { word: true, nonEmpty: true });
    if (keys !== undefined) body.push(p(key, keys.join(' ')));
  }
  o.done();
  return boundFilter('lua', c, body, { files: [[fileName, script]] });
}
