import { Size, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, InputContext, inputSection, listenProperties, NetworkInputOptions, readCommon, readNetwork } from './common';
import { FluentBitProperty } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * The payload of `LogInput.tcp()` (`Format`).
 */
export enum TcpInputFormat {
  /** JSON maps, one record each (the plugin's default). */
  JSON = 'json',
  /** Plain text split by `separator`, each piece a record (parsed by `parser` when given). */
  NONE = 'none',
}

/**
 * Options for `LogInput.tcp()`: JSON or text records over raw TCP (`tcp` input).
 * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/tcp
 */
export interface TcpInputOptions extends NetworkInputOptions {
  /**
   * The port (`Port`).
   * @default 5170
   */
  readonly port?: number;

  /**
   * The payload (`Format`).
   * @default TcpInputFormat.JSON
   */
  readonly format?: TcpInputFormat;

  /**
   * The record separator of `TcpInputFormat.NONE` (`Separator`).
   * @default - a line break
   */
  readonly separator?: string;

  /**
   * A parser for the records of `TcpInputFormat.NONE` (`Parser`).
   * @default - none
   */
  readonly parser?: string;

  /**
   * The allocation step of the receive buffer (`Chunk_Size`), in whole KiB.
   * @default Size.kibibytes(32)
   */
  readonly chunkSize?: Size;

  /**
   * The largest record (`Buffer_Size`), in whole KiB.
   * @default - `chunkSize`
   */
  readonly bufferSize?: Size;

  /**
   * Add the sender's address to each record under this key (`Source_Address_Key`).
   * @default - not added
   */
  readonly sourceAddressKey?: string;
}

/** Binds `LogInput.tcp()`: TCP port 5170 on the container and the Service. @internal */
export function tcpInput(raw: unknown, ctx: InputContext): BoundLogInput {
  const o = new PluginOptions(ctx, raw, 'a TcpInputOptions object');
  const c = readCommon(o);
  const { listen, port } = readNetwork(o, ctx, { port: 5170, name: 'tcp', protocol: kplus.Protocol.TCP });
  const body: FluentBitProperty[] = [...listenProperties(listen, port)];
  const format = o.enumOf('format', Object.values(TcpInputFormat));
  if (format !== undefined) body.push(p('Format', format));
  for (const [option, key] of [['separator', 'Separator'], ['parser', 'Parser']] as const) {
    const value = o.text(option, { word: true });
    if (value === undefined) continue;
    if (format !== TcpInputFormat.NONE) throw o.fail(option, value, 'left out unless format is TcpInputFormat.NONE (JSON records need no separator or parser)');
    body.push(p(key, value));
  }
  // Chunk_Size and Buffer_Size are numbers of KiB.
  const kib = (option: string) => {
    const size = o.size(option, 1024, 2 ** 30);
    if (size === undefined) return undefined;
    const n = size.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!Number.isInteger(n)) throw o.fail(option, `${n} KiB`, 'a Size of whole KiB');
    return n;
  };
  const chunk = kib('chunkSize');
  const buffer = kib('bufferSize');
  if (chunk !== undefined && buffer !== undefined && buffer < chunk) throw o.fail('bufferSize', `${buffer} KiB`, `at least chunkSize (${chunk} KiB)`);
  if (chunk !== undefined) body.push(p('Chunk_Size', String(chunk)));
  if (buffer !== undefined) body.push(p('Buffer_Size', String(buffer)));
  const source = o.text('sourceAddressKey', { word: true });
  if (source !== undefined) body.push(p('Source_Address_Key', source));
  o.done();
  return { plugin: 'tcp', alias: c.alias, ports: [port], hostPaths: [], env: [], section: () => inputSection('tcp', c, ctx, body) };
}
