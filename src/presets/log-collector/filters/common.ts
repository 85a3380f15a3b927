import { FluentBitProperty, FluentBitSection } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions, PluginSite } from '../plugin-options';

/**
 * Options every typed `LogFilter` shares.
 * @see https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/yaml/pipeline-section#filters
 */
export interface LogFilterOptions {
  /**
   * The tag pattern of the records this filter sees (`Match`). Container logs are tagged `kube.*`, the
   * journal `host.*`.
   * @default '*' - every record (the kubernetes filter: 'kube.*')
   */
  readonly match?: string;

  /**
   * A name for the filter in fluent-bit's metrics and logs (`Alias`).
   * @default - fluent-bit's `<plugin>.<n>`
   */
  readonly alias?: string;
}

/** What the collector passes to a filter it binds. @internal */
export interface FilterContext extends PluginSite {
  /** Where the ConfigMap is mounted: files of the filter are referenced there. */
  readonly configDirectory: string;
  readonly filesystemBuffering: boolean;
  /** 1 for the first filter of this plugin in the collector, 2 for the second, ... */
  readonly ordinal: number;
}

/** A filter bound to a collector: its section and what it needs from the pod. @internal */
export interface BoundLogFilter {
  readonly plugin: string;
  readonly match: string;
  readonly section: FluentBitSection;
  /** Files the section references, written to the ConfigMap beside the main configuration. */
  readonly files: ReadonlyArray<readonly [string, string]>;
  /** Runs before every other filter: the multiline filter re-emits its records at the head of the pipeline. */
  readonly first: boolean;
  /** The kubernetes filter: it replaces the one `kubernetesMetadata` would add. */
  readonly kubernetes: boolean;
  /** The kubernetes filter reads pod metadata from the kubelet: RBAC on nodes/proxy, the node's IP as env var. */
  readonly useKubelet: boolean;
  /** Its rules apply in order, which the YAML format cannot keep when one kind of rule is interleaved with others. */
  readonly ordered: boolean;
}

/** Reads `match` (with the filter's default) and `alias`. @internal */
export function readFilterCommon(o: PluginOptions, defaultMatch = '*'): { readonly match: string; readonly alias?: string } {
  const match = o.match() ?? defaultMatch;
  const alias = o.text('alias', { word: true });
  if (alias !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.\-]*$/.test(alias)) throw o.fail('alias', alias, 'an alias of letters, digits, \'_\', \'.\' and \'-\'');
  return { match, alias };
}

/** A bound typed filter: `Name`, `Match`, `Alias`, then the plugin's keys. @internal */
export function boundFilter(plugin: string, c: { match: string; alias?: string }, body: FluentBitProperty[],
  extra: Partial<Pick<BoundLogFilter, 'files' | 'first' | 'kubernetes' | 'useKubelet' | 'ordered'>> = {}): BoundLogFilter {
  return {
    plugin,
    match: c.match,
    section: FluentBitSection.filter(plugin, c.match, [...c.alias !== undefined ? [p('Alias', c.alias)] : [], ...body]),
    files: extra.files ?? [],
    first: extra.first ?? false,
    kubernetes: extra.kubernetes ?? false,
    useKubelet: extra.useKubelet ?? false,
    ordered: extra.ordered ?? false,
  };
}
