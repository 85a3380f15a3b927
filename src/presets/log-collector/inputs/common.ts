import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { checkPortName } from '../../../k8s/syntax';
import { FluentBitProperty, FluentBitSection, fluentBitSize, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions, PluginSite } from '../plugin-options';

/**
 * Options every typed `LogInput` shares.
 * @see https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/yaml/pipeline-section#inputs
 */
export interface LogInputOptions {
  /**
   * The tag of the records this input produces (`Tag`), which filters and outputs match on.
   * @default - per input: `kube.*` for container logs, `host.*` for the journal; otherwise the senders' tags
   * (forward), the request path (http, opentelemetry) or the input's instance name, e.g. `syslog.0`
   */
  readonly tag?: string;

  /**
   * A name for the input in fluent-bit's metrics and logs (`Alias`); it also names the input's position
   * database, so giving one keeps the database when inputs are reordered.
   * @default - none (fluent-bit's `<plugin>.<n>`), except `containers` and `systemd` for those inputs
   */
  readonly alias?: string;

  /**
   * The memory the input may use for chunks (`Mem_Buf_Limit`).
   * @default - the collector's `memBufLimit` (5 MiB)
   */
  readonly memBufLimit?: Size;

  /**
   * Run the input in its own thread (`threaded`).
   * @default false
   */
  readonly threaded?: boolean;
}

/**
 * Options of the inputs that listen on a port (`forward`, `syslog`, `tcp`, `http`, `opentelemetry`). The
 * port becomes a named container port of the fluent-bit container and a port of the collector's Service.
 * @see https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/yaml/pipeline-section#inputs
 */
export interface NetworkInputOptions extends LogInputOptions {
  /**
   * The address fluent-bit listens on (`Listen`).
   * @default '0.0.0.0' - every interface of the pod, so the Service and other pods reach it
   */
  readonly listen?: string;

  /**
   * Also publish the port on every node's address (`hostPort`), so agents on the node send to
   * `status.hostIP` and never leave it.
   * @default - no host port
   */
  readonly hostPort?: number;

  /**
   * The name of the container port and Service port.
   * @default - the plugin's: `forward`, `syslog`, `tcp`, `http`, `otlp` (`-2`, `-3` ... for a second, third input of one plugin)
   */
  readonly portName?: string;

  /**
   * Add the port to the collector's Service.
   * @default true
   */
  readonly servicePort?: boolean;
}

/** What the collector passes to an input it binds. @internal */
export interface InputContext extends PluginSite {
  readonly stateDirectory: string;
  readonly containerRuntime: string;
  readonly filesystemBuffering: boolean;
  /** 1 for the first input of this plugin in the collector, 2 for the second, ... */
  readonly ordinal: number;
  /** The collector's defaults of the inputs' options. */
  readonly memBufLimit?: Size;
  readonly readFromHead?: boolean;
  readonly refreshInterval?: Duration;
  readonly excludeNamespaces?: string[];
}

/** What the collector knows only at synthesis. @internal */
export interface InputRenderContext {
  /** The collector's own container log files, to leave out when an output prints to stdout. */
  readonly ownLogFiles?: string;
}

/** A port an input listens on. @internal */
export interface InputPort {
  readonly number: number;
  readonly name: string;
  readonly protocol: kplus.Protocol;
  readonly hostPort?: number;
  readonly service: boolean;
}

/** A node path an input reads (or, for a database outside the state directory, writes). @internal */
export interface InputHostPath {
  readonly path: string;
  readonly readOnly: boolean;
  readonly type: kplus.HostPathVolumeType;
}

/** An input bound to a collector: its section, ports, host paths and secrets. @internal */
export interface BoundLogInput {
  readonly plugin: string;
  readonly alias?: string;
  readonly ports: InputPort[];
  readonly hostPaths: InputHostPath[];
  /** The position database, to keep two inputs from sharing one. */
  readonly database?: string;
  readonly env: { readonly name: string; readonly value: kplus.SecretValue }[];
  readonly section: (r: InputRenderContext) => FluentBitSection;
}

/** The options every input shares, read. @internal */
export interface CommonInput {
  readonly tag?: string;
  readonly alias?: string;
  readonly memBufLimit?: Size;
  readonly threaded?: boolean;
}

/** Reads the shared options (`tag`, `alias`, `memBufLimit`, `threaded`). @internal */
export function readCommon(o: PluginOptions): CommonInput {
  return {
    tag: o.text('tag', { word: true, allowed: 'a tag without blanks, such as \'app.*\'' }),
    alias: readAlias(o),
    ...readBuffering(o),
  };
}

/** Reads `alias`: letters, digits, '_', '.', '-'. @internal */
export function readAlias(o: PluginOptions): string | undefined {
  const alias = o.text('alias', { word: true });
  if (alias !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.\-]*$/.test(alias)) {
    throw o.fail('alias', alias, 'an alias of letters, digits, \'_\', \'.\' and \'-\'');
  }
  return alias;
}

/** Reads `memBufLimit` and `threaded`. @internal */
export function readBuffering(o: PluginOptions): { readonly memBufLimit?: Size; readonly threaded?: boolean } {
  return { memBufLimit: o.size('memBufLimit', 1024, 2 ** 40), threaded: o.bool('threaded') };
}

/**
 * An `[INPUT]` section: `Alias` and `Tag` first, the plugin's keys, then `threaded`, `Mem_Buf_Limit` and,
 * with filesystem buffering, `storage.type filesystem` (chunks kept in the state directory).
 * @internal
 */
export function inputSection(plugin: string, c: CommonInput, ctx: InputContext, body: FluentBitProperty[]): FluentBitSection {
  return FluentBitSection.input(plugin, [
    ...c.alias !== undefined ? [p('Alias', c.alias)] : [],
    ...c.tag !== undefined ? [p('Tag', c.tag)] : [],
    ...body,
    ...c.threaded !== undefined ? [p('threaded', onOff(c.threaded))] : [],
    p('Mem_Buf_Limit', fluentBitSize(c.memBufLimit ?? ctx.memBufLimit ?? Size.mebibytes(5))),
    ...ctx.filesystemBuffering ? [p('storage.type', 'filesystem')] : [],
  ]);
}

/**
 * The position database of an input in the state directory: `<plugin>.db` for an input aliased by its plugin's
 * name, `<plugin>-<alias>.db` for other aliases, `<plugin>-<n>.db` without one.
 * @internal
 */
export function databasePath(ctx: InputContext, plugin: string, alias: string | undefined): string {
  const name = alias === plugin ? plugin : `${plugin}-${alias ?? ctx.ordinal}`;
  return `${ctx.stateDirectory}/${name}.db`;
}

/** Reads the network options and returns the input's port. @internal */
export function readNetwork(o: PluginOptions, ctx: InputContext, defaults: { port: number; name: string; protocol: kplus.Protocol }): {
  readonly listen: string; readonly port: InputPort;
} {
  const number = o.port('port') ?? defaults.port;
  const hostPort = o.port('hostPort');
  const listen = o.text('listen', { word: true, allowed: 'an IP address to listen on, such as \'0.0.0.0\' or \'::\'' }) ?? '0.0.0.0';
  if (!/^[0-9A-Fa-f.:]+$/.test(listen)) throw o.fail('listen', listen, 'an IP address to listen on, such as \'0.0.0.0\' or \'::\'');
  const service = o.bool('servicePort') ?? true;
  const given = o.text('portName', { word: true });
  const name = given ?? (ctx.ordinal > 1 ? `${defaults.name}-${ctx.ordinal}` : defaults.name);
  const problem = checkPortName(name);
  if (problem) throw o.fail(given !== undefined ? 'portName' : 'port', name, `a port name: one that ${problem}`);
  const loopback = listen.startsWith('127.') || listen === '::1';
  if (loopback && (service || hostPort !== undefined)) {
    throw o.fail('listen', listen, 'an address other pods can reach (\'0.0.0.0\'): on loopback only, the Service and the host port could not reach the input; set servicePort: false and no hostPort to keep it pod-local');
  }
  return { listen, port: { number, name, protocol: defaults.protocol, hostPort, service } };
}

/** `Listen` and `Port`, as every network input writes them. @internal */
export function listenProperties(listen: string, port: InputPort): FluentBitProperty[] {
  return [p('Listen', listen), p('Port', String(port.number))];
}

/**
 * `Buffer_Chunk_Size` and `Buffer_Max_Size` from two Size options (1 KiB to 1 GiB), the chunk no larger than
 * the maximum.
 * @internal
 */
export function bufferProperties(o: PluginOptions, chunkOption: string, maxOption: string): FluentBitProperty[] {
  const chunk = o.size(chunkOption, 1024, 2 ** 30);
  const max = o.size(maxOption, 1024, 2 ** 30);
  if (chunk !== undefined && max !== undefined && bytesOf(chunk) > bytesOf(max)) {
    throw o.fail(maxOption, `${bytesOf(max)} bytes`, `at least ${chunkOption} (${bytesOf(chunk)} bytes)`);
  }
  return [
    ...chunk !== undefined ? [p('Buffer_Chunk_Size', fluentBitSize(chunk))] : [],
    ...max !== undefined ? [p('Buffer_Max_Size', fluentBitSize(max))] : [],
  ];
}

function bytesOf(size: Size): number {
  return Math.round(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024);
}
