import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { DaemonSetsError, describeValue, withContext } from './errors';
import {
  checkArray, checkEnum, checkInstance, checkObject, checkOptionalArray, checkOptionalNumber, checkOptionalString, checkString,
} from './input-checks';
import { checkPortName } from './k8s/syntax';

const INT32_MAX = 2147483647;

/**
 * Timing and thresholds shared by every kind of `HealthProbe`.
 */
export interface HealthProbeOptions {
  /**
   * Wait this long after the container starts before the first probe.
   * @default - no delay (Kubernetes default 0)
   */
  readonly initialDelay?: Duration;

  /**
   * How often to probe.
   * @default Duration.seconds(10) - the Kubernetes default
   */
  readonly period?: Duration;

  /**
   * How long a probe may take before it counts as failed.
   * @default Duration.seconds(1) - the Kubernetes default
   */
  readonly timeout?: Duration;

  /**
   * Consecutive successes after a failure before the probe counts as passing again.
   * Must be 1 for liveness and startup probes.
   * @default 1
   */
  readonly successThreshold?: number;

  /**
   * Consecutive failures before the probe counts as failed.
   * @default 3
   */
  readonly failureThreshold?: number;
}

/**
 * Where a network probe connects: a port number or the name of a container port.
 */
export interface ProbePortOptions {
  /**
   * The port number to probe. Give this or `portName`.
   * @default - the first port the container declares
   */
  readonly port?: number;

  /**
   * The name of a container port to probe (e.g. `metrics`). Give this or `port`.
   * @default - probe by number
   */
  readonly portName?: string;
}

/**
 * A single HTTP header sent by an HTTP probe.
 */
export interface HttpHeader {
  /** Header name, e.g. `Authorization`. */
  readonly name: string;
  /** Header value. */
  readonly value: string;
}

/**
 * Options for `HealthProbe.httpGet()`.
 */
export interface HttpGetHealthProbeOptions extends HealthProbeOptions, ProbePortOptions {
  /**
   * HTTP or HTTPS.
   * @default - no `scheme` field is written; Kubernetes then probes over HTTP
   */
  readonly scheme?: kplus.ConnectionScheme;

  /**
   * Extra request headers.
   * @default - none
   */
  readonly headers?: HttpHeader[];

  /**
   * Host to connect to.
   * @default - the pod IP
   */
  readonly host?: string;
}

/**
 * Options for `HealthProbe.tcpSocket()`.
 */
export interface TcpSocketHealthProbeOptions extends HealthProbeOptions, ProbePortOptions {
  /**
   * Host to connect to, e.g. `127.0.0.1` for a port the container binds to loopback only.
   * @default - the pod IP
   */
  readonly host?: string;
}

/**
 * Options for `HealthProbe.grpc()`.
 */
export interface GrpcHealthProbeOptions extends HealthProbeOptions {
  /**
   * The service name placed in the gRPC HealthCheckRequest.
   * @default - the server's overall health
   */
  readonly service?: string;
}

/**
 * A liveness, readiness or startup probe, with what cdk8s-plus-27's `Probe` lacks:
 * HTTP headers, ports by name and gRPC probes.
 */
export class HealthProbe {
  /**
   * An HTTP GET to `path`; 2xx and 3xx answers pass.
   * @param path the URL path, e.g. `/healthz`
   */
  public static httpGet(path: string, options: HttpGetHealthProbeOptions = {}): HealthProbe {
    const at = 'HealthProbe.httpGet';
    checkString(at, 'path', path);
    if (!path.startsWith('/')) {
      throw new DaemonSetsError(`HealthProbe.httpGet: path '${path}' must start with '/'.`, at, 'path');
    }
    checkObject(at, 'options', options, 'an HttpGetHealthProbeOptions object');
    if (options.scheme !== undefined) checkEnum(at, 'scheme', options.scheme, Object.values(kplus.ConnectionScheme));
    checkOptionalString(at, 'host', options.host);
    checkOptionalArray(at, 'headers', options.headers, 'HTTP headers ({ name, value })')?.forEach((x, i) => {
      const h = checkObject(at, `headers[${i}]`, x, 'an HTTP header ({ name, value })');
      const name = checkString(at, `headers[${i}].name`, h.name);
      checkString(at, `headers[${i}].value`, h.value);
      if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) {
        throw new DaemonSetsError(`HealthProbe.httpGet: header name '${name}' is not a valid HTTP header name (RFC 7230 token: letters, digits and !#$%&'*+-.^_\`|~).`, at, `headers[${i}].name`);
      }
    });
    checkPortOptions('httpGet', options);
    return new HealthProbe('httpGet', options, { path, scheme: options.scheme, headers: options.headers, host: options.host });
  }

  /**
   * A TCP connection to the port; connecting passes.
   */
  public static tcpSocket(options: TcpSocketHealthProbeOptions = {}): HealthProbe {
    checkObject('HealthProbe.tcpSocket', 'options', options, 'a TcpSocketHealthProbeOptions object');
    checkOptionalString('HealthProbe.tcpSocket', 'host', options.host);
    checkPortOptions('tcpSocket', options);
    return new HealthProbe('tcpSocket', options, { host: options.host });
  }

  /**
   * A command run inside the container; exit code 0 passes.
   * @param command the command and its arguments
   */
  public static exec(command: string[], options: HealthProbeOptions = {}): HealthProbe {
    checkArray('HealthProbe.exec', 'command', command, 'strings').forEach((c, i) => checkString('HealthProbe.exec', `command[${i}]`, c));
    checkObject('HealthProbe.exec', 'options', options, 'a HealthProbeOptions object');
    if (command.length === 0) {
      throw new DaemonSetsError('HealthProbe.exec: command is empty; give the program and its arguments, e.g. [\'cat\', \'/tmp/healthy\'].', 'HealthProbe.exec', 'command');
    }
    return new HealthProbe('exec', options, { command: [...command] });
  }

  /**
   * A gRPC health check (grpc.health.v1) on a port number (gRPC probes cannot use port names).
   * @param port the port number
   */
  public static grpc(port: number, options: GrpcHealthProbeOptions = {}): HealthProbe {
    checkPortNumber('grpc', port);
    checkObject('HealthProbe.grpc', 'options', options, 'a GrpcHealthProbeOptions object');
    checkOptionalString('HealthProbe.grpc', 'service', options.service);
    return new HealthProbe('grpc', { ...options, port }, { service: options.service });
  }

  /** The probe's action: `httpGet`, `tcpSocket`, `exec` or `grpc`. */
  public readonly kind: string;

  /** The port number probed, when given by number. */
  public readonly port?: number;

  /** The container port name probed, when given by name. */
  public readonly portName?: string;

  /** The probe's thresholds, as given. */
  public readonly successThreshold?: number;

  private constructor(
    kind: string,
    private readonly options: HealthProbeOptions & ProbePortOptions,
    private readonly action: ProbeAction,
  ) {
    this.kind = kind;
    this.port = options.port;
    this.portName = options.portName;
    this.successThreshold = options.successThreshold;
    const at = `HealthProbe.${kind}`;
    for (const [field, value] of [['successThreshold', options.successThreshold], ['failureThreshold', options.failureThreshold]] as const) {
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
        throw new DaemonSetsError(`HealthProbe.${kind}: ${field} is ${describeValue(value)}; it must be a positive integer.`, at, field);
      }
      checkOptionalNumber(at, field, value, { integer: true, min: 1, max: INT32_MAX });
    }
    for (const [field, value, min] of [['period', options.period, 1], ['timeout', options.timeout, 1], ['initialDelay', options.initialDelay, 0]] as const) {
      if (value === undefined) continue;
      checkInstance(at, field, value, Duration, 'a Duration (Duration.seconds(n), ...)');
      const ms = withContext(at, field, () => value.toMilliseconds());
      if (ms % 1000 !== 0 || ms / 1000 < min || ms / 1000 > INT32_MAX) {
        throw new DaemonSetsError(`HealthProbe.${kind}: ${field} is ${ms}ms; Kubernetes needs ${min ? 'at least 1 second, in' : ''} whole seconds (at most ${INT32_MAX}).`, at, field);
      }
    }
  }

  /**
   * @param defaultPort the container's first port, used when the probe names none
   * @internal
   */
  public _toKube(defaultPort: number | undefined, where: string): k8s.Probe {
    const port = (): k8s.IntOrString => {
      if (this.portName) return k8s.IntOrString.fromString(this.portName);
      const n = this.port ?? defaultPort;
      if (n === undefined) {
        throw new DaemonSetsError(`${where}: the ${this.kind} probe names no port and the container declares none; set 'port' or 'portName' on the probe, or add a container port.`, where, `${this.kind} probe port`);
      }
      return k8s.IntOrString.fromNumber(n);
    };
    const o = this.options;
    return {
      exec: this.kind === 'exec' ? { command: this.action.command } : undefined,
      httpGet: this.kind === 'httpGet' ? {
        path: this.action.path,
        port: port(),
        // Kubernetes defaults the scheme to HTTP; writing it only when given keeps the YAML as the user wrote it.
        scheme: this.action.scheme,
        host: this.action.host,
        httpHeaders: this.action.headers?.map(h => ({ name: h.name, value: h.value })),
      } : undefined,
      tcpSocket: this.kind === 'tcpSocket' ? { port: port(), host: this.action.host } : undefined,
      grpc: this.kind === 'grpc' ? { port: this.port!, service: this.action.service } : undefined,
      initialDelaySeconds: o.initialDelay?.toSeconds(),
      periodSeconds: o.period?.toSeconds(),
      timeoutSeconds: o.timeout?.toSeconds(),
      successThreshold: o.successThreshold,
      failureThreshold: o.failureThreshold,
    };
  }
}

interface ProbeAction {
  readonly path?: string;
  readonly scheme?: kplus.ConnectionScheme;
  readonly headers?: HttpHeader[];
  readonly host?: string;
  readonly command?: string[];
  readonly service?: string;
}

function checkPortOptions(kind: string, options: ProbePortOptions) {
  if (options.port !== undefined && options.portName !== undefined) {
    throw new DaemonSetsError(`HealthProbe.${kind}: give 'port' or 'portName', not both (port ${describeValue(options.port)}, portName '${typeof options.portName === 'string' ? options.portName : describeValue(options.portName)}').`, `HealthProbe.${kind}`, 'port');
  }
  if (options.port !== undefined) checkPortNumber(kind, options.port);
  if (options.portName !== undefined) {
    const portName = checkString(`HealthProbe.${kind}`, 'portName', options.portName);
    const problem = checkPortName(portName);
    if (problem) throw new DaemonSetsError(`HealthProbe.${kind}: portName '${portName}' ${problem}.`, `HealthProbe.${kind}`, 'portName');
  }
}

function checkPortNumber(kind: string, port: unknown) {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new DaemonSetsError(`HealthProbe.${kind}: port ${describeValue(port)} is out of range; a port is an integer from 1 to 65535.`, `HealthProbe.${kind}`, 'port');
  }
}
