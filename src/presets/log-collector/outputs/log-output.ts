import { Size } from 'cdk8s';
import { BoundLogOutput, LogOutputSpec, p } from './common';
import { ElasticsearchOutputOptions, elasticsearchOutputSpec } from './elasticsearch';
import { ForwardOutputOptions, forwardOutputSpec } from './forward';
import { HttpOutputOptions, httpOutputSpec } from './http';
import { LokiOutputOptions, lokiOutputSpec } from './loki';
import { RawLogOutputOptions, rawOutputSpec } from './raw';
import { StdoutOutputOptions, stdoutOutputSpec } from './stdout';
import { FluentBitProperty, FluentBitSection, fluentBitSize } from '../../fluent-bit-config';

/**
 * Where a `LogCollectorDaemonSet` sends logs: one fluent-bit `[OUTPUT]` section. Secrets
 * (passwords, tokens, keys) are `kplus.SecretValue`s: they reach fluent-bit as environment
 * variables of its container and appear in the ConfigMap only as `${NAME}` references.
 */
export class LogOutput {
  /**
   * Elasticsearch (`es` plugin). Daily Logstash-style indices unless `index` is given.
   */
  public static elasticsearch(options: ElasticsearchOutputOptions): LogOutput {
    return new LogOutput(elasticsearchOutputSpec(options));
  }

  /**
   * Grafana Loki (fluent-bit's built-in `loki` plugin).
   */
  public static loki(options: LokiOutputOptions): LogOutput {
    return new LogOutput(lokiOutputSpec(options));
  }

  /**
   * Fluentd or another fluent-bit, over the forward protocol (`forward` plugin).
   */
  public static forward(options: ForwardOutputOptions): LogOutput {
    return new LogOutput(forwardOutputSpec(options));
  }

  /**
   * Any HTTP receiver (`http` plugin): records are POSTed in the chosen format.
   */
  public static http(options: HttpOutputOptions): LogOutput {
    return new LogOutput(httpOutputSpec(options));
  }

  /**
   * The fluent-bit container's own stdout (`stdout` plugin), for debugging. The collector's
   * own log files are then left out of the tail input, or it would read what it prints.
   */
  public static stdout(options: StdoutOutputOptions = {}): LogOutput {
    return new LogOutput(stdoutOutputSpec(options));
  }

  /**
   * Any other output, written exactly as given (no defaults added): the escape hatch for
   * plugins this library does not type (`kafka`, `s3`, `opensearch`, `cloudwatch_logs`, ...).
   * @param section an `[OUTPUT]` section, e.g. `FluentBitSection.output('kafka', '*', [...])`
   */
  public static raw(section: FluentBitSection, options: RawLogOutputOptions = {}): LogOutput {
    return new LogOutput(rawOutputSpec(section, options));
  }

  /** The fluent-bit output plugin, e.g. `es`, `loki`, `forward`, `http`, `stdout`. */
  public readonly plugin: string;

  /** The tag pattern this output receives. */
  public readonly match: string;

  /** Whether this output prints to the collector's own stdout. */
  public readonly printsToStdout: boolean;

  private readonly spec: LogOutputSpec;

  private constructor(spec: LogOutputSpec) {
    this.spec = spec;
    this.plugin = spec.plugin;
    this.match = spec.raw?.match ?? spec.common.match ?? '*';
    this.printsToStdout = spec.stdout ?? false;
  }

  /**
   * The section and the env vars it needs.
   * @param instance 1 for the first output of this plugin in the collector, 2 for the second, ...
   * @param filesystemBuffering whether chunks are buffered on disk
   * @internal
   */
  public _bind(instance: number, filesystemBuffering: boolean): BoundLogOutput {
    const spec = this.spec;
    if (spec.raw) {
      return { section: spec.raw, env: spec.secrets.map(s => ({ name: s.name, value: s.value })) };
    }
    const prefix = instance > 1 ? `${spec.envPrefix}_${instance}` : spec.envPrefix;
    const envName = (suffix: string) => `${prefix}_${suffix}`;
    const properties = spec.build((suffix) => `\${${envName(suffix)}}`);
    const c = spec.common;
    const tail: FluentBitProperty[] = [];
    if (c.alias !== undefined) tail.push(p('Alias', c.alias));
    if (this.plugin !== 'stdout') {
      tail.push(p('Retry_Limit', c.retryLimit === undefined ? 'no_limits' : c.retryLimit === 0 ? 'no_retries' : String(c.retryLimit)));
      if (filesystemBuffering) tail.push(p('storage.total_limit_size', fluentBitSize(c.bufferLimit ?? Size.gibibytes(1))));
    }
    if (c.workers !== undefined) tail.push(p('Workers', String(c.workers)));
    return {
      section: FluentBitSection.output(this.plugin, this.match, [...properties, ...tail]),
      env: spec.secrets.map(s => ({ name: envName(s.name), value: s.value })),
    };
  }
}
