import { BoundLogInput, InputContext } from './common';
import { ContainerLogsInputOptions, containerLogsInput } from './containers';
import { ForwardInputOptions, forwardInput } from './forward';
import { HttpInputOptions, httpInput } from './http';
import { OpenTelemetryInputOptions, openTelemetryInput } from './opentelemetry';
import { RawLogInputOptions, rawInput } from './raw';
import { SyslogInputOptions, syslogInput } from './syslog';
import { SystemdInputOptions, systemdInput } from './systemd';
import { TailInputOptions, tailInput } from './tail';
import { TcpInputOptions, tcpInput } from './tcp';
import { FluentBitSection } from '../../fluent-bit-config';

/**
 * Where a `LogCollectorDaemonSet` reads logs from: one fluent-bit `[INPUT]` section, and what the pod needs for
 * it. A network input adds a named container port and a port of the collector's Service (and a host port when
 * asked); a file or journal input mounts what it reads read-only; position databases go to the state
 * directory, the collector's one writable host path.
 *
 * The options are checked when the collector receives the input, so an error names the collector, the field
 * (`inputs[1].port`), the value and what is allowed.
 */
export class LogInput {
  /**
   * Every container's log file (`tail` over `/var/log/containers/*.log`, tagged `kube.*`), what the collector
   * reads when no `inputs` are given.
   * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/tail
   */
  public static containerLogs(options: ContainerLogsInputOptions = {}): LogInput {
    return new LogInput('tail', ctx => containerLogsInput(options, ctx));
  }

  /**
   * Log files on the node (`tail`); their directories are mounted read-only.
   * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/tail
   */
  public static tail(options: TailInputOptions): LogInput {
    return new LogInput('tail', ctx => tailInput(options, ctx));
  }

  /**
   * The node's systemd journal (`systemd`), tagged `host.*`: by default the kubelet's and the container runtime's units.
   * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/systemd
   */
  public static systemd(options: SystemdInputOptions = {}): LogInput {
    return new LogInput('systemd', ctx => systemdInput(options, ctx));
  }

  /**
   * The Fluentd forward protocol (`forward`), on TCP port 24224.
   * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/forward
   */
  public static forward(options: ForwardInputOptions = {}): LogInput {
    return new LogInput('forward', ctx => forwardInput(options, ctx));
  }

  /**
   * Syslog over TCP or UDP (`syslog`), on port 5140.
   * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/syslog
   */
  public static syslog(options: SyslogInputOptions = {}): LogInput {
    return new LogInput('syslog', ctx => syslogInput(options, ctx));
  }

  /**
   * JSON or text records over raw TCP (`tcp`), on port 5170.
   * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/tcp
   */
  public static tcp(options: TcpInputOptions = {}): LogInput {
    return new LogInput('tcp', ctx => tcpInput(options, ctx));
  }

  /**
   * Records POSTed over HTTP (`http`), on port 9880.
   * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/http
   */
  public static http(options: HttpInputOptions = {}): LogInput {
    return new LogInput('http', ctx => httpInput(options, ctx));
  }

  /**
   * OTLP over HTTP and gRPC (`opentelemetry`), on port 4318.
   * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/opentelemetry
   */
  public static openTelemetry(options: OpenTelemetryInputOptions = {}): LogInput {
    return new LogInput('opentelemetry', ctx => openTelemetryInput(options, ctx));
  }

  /**
   * Any other input, written exactly as given (no defaults added): the escape hatch for plugins this library
   * does not type (`kubernetes_events`, `kafka`, `mqtt` ...). Declare its ports and host paths in `options`.
   * @param section an `[INPUT]` section, e.g. `FluentBitSection.input('kubernetes_events', [...])`
   */
  public static raw(section: FluentBitSection, options: RawLogInputOptions = {}): LogInput {
    return new LogInput(section instanceof FluentBitSection && section.name !== undefined ? section.name : 'raw', ctx => rawInput(section, options, ctx));
  }

  /** The fluent-bit input plugin, e.g. `tail`, `systemd`, `forward`. */
  public readonly plugin: string;

  private readonly binder: (ctx: InputContext) => BoundLogInput;

  private constructor(plugin: string, binder: (ctx: InputContext) => BoundLogInput) {
    this.plugin = plugin;
    this.binder = binder;
  }

  /**
   * Checks the options and derives the section, ports, host paths and env vars for one collector.
   * @internal
   */
  public _bind(ctx: InputContext): BoundLogInput {
    return this.binder(ctx);
  }
}
