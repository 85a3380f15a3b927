import { Duration } from 'cdk8s';
import { FluentBitClassicLayout, FluentBitProperty, FluentBitSection, fluentBitSeconds, renderFluentBitConfig } from '../fluent-bit-config';
import { renderFluentBitYaml } from '../fluent-bit-yaml';
import { p } from './outputs/common';
import { FluentBitConfigFormat, FluentBitLogLevel } from './props';

/** The fluent-bit container's name. @internal */
export const CONTAINER = 'fluent-bit';
/** The main configuration file in the ConfigMap. @internal */
export const CONFIG_FILE = 'fluent-bit.conf';
/** The main configuration file in the ConfigMap, in the YAML format. @internal */
export const YAML_CONFIG_FILE = 'fluent-bit.yaml';
/** The parsers file in the ConfigMap, when parsers are given. @internal */
export const PARSERS_FILE = 'parsers.conf';
/** Where fluent-bit serves Prometheus metrics. @internal */
export const METRICS_PATH = '/api/v2/metrics/prometheus';

/** What the `[SERVICE]` section is made of. @internal */
export interface ServiceSectionOptions {
  readonly flushInterval?: Duration;
  readonly logLevel?: FluentBitLogLevel;
  /** The ConfigMap's `parsers.conf`, when parsers were added. */
  readonly parsersFile?: string;
  readonly metricsPort: number;
  readonly hotReload: boolean;
  readonly stateDirectory: string;
  readonly maxChunksUp?: number;
}

/** The `[SERVICE]` section: flush, log level, parsers, the HTTP server and the filesystem buffer. @internal */
export function serviceSection(o: ServiceSectionOptions): FluentBitSection {
  return FluentBitSection._service([
    p('Daemon', 'Off'),
    p('Flush', fluentBitSeconds(o.flushInterval ?? Duration.seconds(1))),
    p('Log_Level', o.logLevel ?? FluentBitLogLevel.INFO),
    p('Parsers_File', '/fluent-bit/etc/parsers.conf'),
    ...o.parsersFile !== undefined ? [p('Parsers_File', o.parsersFile)] : [],
    p('HTTP_Server', 'On'),
    p('HTTP_Listen', '0.0.0.0'),
    p('HTTP_Port', String(o.metricsPort)),
    p('Health_Check', 'On'),
    ...o.hotReload ? [p('Hot_Reload', 'On')] : [],
    p('storage.path', `${o.stateDirectory}/buffer`),
    p('storage.sync', 'normal'),
    p('storage.max_chunks_up', String(o.maxChunksUp ?? 128)),
    p('storage.metrics', 'On'),
  ]);
}

/**
 * The `[SERVICE]` section with the user's `serviceProperties`: merged over the collector's (a key it writes takes the
 * value given, in its place, compared case-insensitively; the others follow in order), or replacing them.
 * @internal
 */
export function withServiceProperties(
  section: FluentBitSection, properties: readonly FluentBitProperty[] | undefined, replace: boolean,
): FluentBitSection {
  if (properties === undefined) return section;
  const copy = (x: FluentBitProperty): FluentBitProperty => ({ key: x.key, value: x.value });
  if (replace) return FluentBitSection._service(properties.map(copy));
  const given = new Map(properties.map(x => [x.key.toLowerCase(), x]));
  const written = new Set(section.properties.map(x => x.key.toLowerCase()));
  const merged = section.properties.map(x => {
    const own = given.get(x.key.toLowerCase());
    return own ? copy(own) : x;
  });
  return FluentBitSection._service([...merged, ...properties.filter(x => !written.has(x.key.toLowerCase())).map(copy)]);
}

/** The sections of a collector's configuration, by place. @internal */
export interface CollectorSections {
  readonly service: FluentBitSection;
  readonly inputs: FluentBitSection[];
  readonly filters: FluentBitSection[];
  readonly outputs: FluentBitSection[];
  readonly parsers: FluentBitSection[];
}

/**
 * The main configuration file's name and content, and in the classic format the custom parsers' file (the YAML
 * format holds them inline).
 * @internal
 */
export function renderCollectorConfig(
  format: FluentBitConfigFormat, s: CollectorSections, layout: FluentBitClassicLayout = {},
): { readonly main: string; readonly parsers?: string } {
  if (format === FluentBitConfigFormat.YAML) return { main: renderFluentBitYaml(s) };
  return {
    main: renderFluentBitConfig([s.service, ...s.inputs, ...s.filters, ...s.outputs], layout),
    parsers: s.parsers.length > 0 ? renderFluentBitConfig(s.parsers, layout) : undefined,
  };
}

/** The main configuration file of a format. @internal */
export function configFileOf(format: FluentBitConfigFormat): string {
  return format === FluentBitConfigFormat.YAML ? YAML_CONFIG_FILE : CONFIG_FILE;
}
