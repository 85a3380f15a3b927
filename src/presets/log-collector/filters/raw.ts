import { BoundLogFilter, FilterContext } from './common';
import { FluentBitSection } from '../../fluent-bit-config';
import { pluginError, PluginOptions } from '../plugin-options';

/**
 * Options for `LogFilter.raw()`.
 */
export interface RawLogFilterOptions {
  /**
   * Files the section references (a Lua script, a lookup table), file name to content: written to the
   * collector's ConfigMap and mounted beside the main configuration (`LogCollectorDaemonSet.CONFIG_DIRECTORY`).
   * @default - none
   */
  readonly files?: { [name: string]: string };
}

/** Binds `LogFilter.raw()`: the section exactly as given. @internal */
export function rawFilter(section: unknown, raw: unknown, ctx: FilterContext): BoundLogFilter {
  if (!(section instanceof FluentBitSection) || section.kind !== 'FILTER') {
    throw pluginError(ctx, 'section', section instanceof FluentBitSection ? `a [${section.kind}] section` : section,
      'a [FILTER] section: FluentBitSection.filter(name, match, properties)');
  }
  const o = new PluginOptions(ctx, raw, 'a RawLogFilterOptions object');
  const files = readFiles(o, 'files');
  o.done();
  return {
    plugin: section.name!,
    match: section.match!,
    section,
    files,
    first: section.name === 'multiline',
    kubernetes: section.name === 'kubernetes',
    useKubelet: false,
    ordered: section.name === 'modify',
  };
}

/** Files for the ConfigMap, name to content; names are ConfigMap keys. Sorted by name. @internal */
export function readFiles(o: PluginOptions, option: string): Array<readonly [string, string]> {
  const v = o.raw(option);
  if (v === undefined) return [];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw o.fail(option, v, 'a map of file names to contents');
  return Object.keys(v).sort().map(name => {
    if (!/^[A-Za-z0-9][-._A-Za-z0-9]*$/.test(name) || name.length > 253) {
      throw o.fail(`${option}['${name}']`, name, 'a file name that is a ConfigMap key: letters, digits, \'-\', \'_\' and \'.\', at most 253 characters');
    }
    const content = (v as Record<string, unknown>)[name];
    if (typeof content !== 'string') throw o.fail(`${option}['${name}']`, content, 'the file\'s content, a string');
    return [name, content] as const;
  });
}
