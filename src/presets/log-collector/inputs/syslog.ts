import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, bufferProperties, InputContext, inputSection, listenProperties, NetworkInputOptions, readCommon, readNetwork } from './common';
import { FluentBitProperty, fluentBitSize } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * The transport of `LogInput.syslog()` (`Mode`). The plugin's Unix-socket modes are left to `LogInput.raw()`:
 * a socket on the node needs a writable host directory.
 */
export enum SyslogMode {
  /** TCP: senders see back-pressure and nothing is lost in transit. */
  TCP = 'tcp',
  /** UDP: what most network devices send; messages are dropped when the collector cannot keep up. */
  UDP = 'udp',
}

/**
 * How messages are delimited on a TCP connection of `LogInput.syslog()` (`Format`).
 */
export enum SyslogFraming {
  /** One message per line. */
  NEWLINE = 'newline',
  /** RFC 6587 octet counting: each message is preceded by its length. */
  OCTET_COUNTING = 'octet_counting',
}

/**
 * Options for `LogInput.syslog()`: syslog messages over the network (`syslog` input).
 * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/syslog
 */
export interface SyslogInputOptions extends NetworkInputOptions {
  /**
   * The transport (`Mode`); the container and Service ports use its protocol.
   * @default SyslogMode.TCP - the plugin's own default is a Unix socket, which a pod cannot offer to the network
   */
  readonly mode?: SyslogMode;

  /**
   * The port (`Port`).
   * @default 5140
   */
  readonly port?: number;

  /**
   * The parser of the messages (`Parser`), e.g. `syslog-rfc3164` for BSD-style senders.
   * @default - the plugin's `syslog-rfc5424`
   */
  readonly parser?: string;

  /**
   * How messages are delimited on TCP (`Format`); TCP only.
   * @default SyslogFraming.NEWLINE
   */
  readonly framing?: SyslogFraming;

  /**
   * The allocation step of the receive buffer, and the largest message over UDP (`Buffer_Chunk_Size`).
   * @default Size.kibibytes(32)
   */
  readonly bufferChunkSize?: Size;

  /**
   * The largest message (`Buffer_Max_Size`).
   * @default - `bufferChunkSize`
   */
  readonly bufferMaxSize?: Size;

  /**
   * The socket's receive buffer (`Receive_Buffer_Size`); raise it for bursts over UDP.
   * @default - the kernel's default
   */
  readonly receiveBufferSize?: Size;

  /**
   * Add the sender's address to each record under this key (`Source_Address_Key`).
   * @default - not added
   */
  readonly sourceAddressKey?: string;

  /**
   * Keep the original message under this key (`Raw_Message_Key`).
   * @default - not kept
   */
  readonly rawMessageKey?: string;
}

/** Binds `LogInput.syslog()`: port 5140 over TCP (or UDP) on the container and the Service. @internal */
export function syslogInput(raw: unknown, ctx: InputContext): BoundLogInput {
  const o = new PluginOptions(ctx, raw, 'a SyslogInputOptions object');
  const c = readCommon(o);
  const mode = o.enumOf('mode', Object.values(SyslogMode)) ?? SyslogMode.TCP;
  const protocol = mode === SyslogMode.UDP ? kplus.Protocol.UDP : kplus.Protocol.TCP;
  const { listen, port } = readNetwork(o, ctx, { port: 5140, name: 'syslog', protocol });
  const body: FluentBitProperty[] = [p('Mode', mode), ...listenProperties(listen, port)];
  const parser = o.text('parser', { word: true });
  if (parser !== undefined) body.push(p('Parser', parser));
  const framing = o.enumOf('framing', Object.values(SyslogFraming));
  if (framing !== undefined) {
    if (mode !== SyslogMode.TCP) throw o.fail('framing', framing, 'left out with SyslogMode.UDP (framing applies to TCP only)');
    body.push(p('Format', framing));
  }
  body.push(...bufferProperties(o, 'bufferChunkSize', 'bufferMaxSize'));
  const receive = o.size('receiveBufferSize', 1024, 2 ** 31);
  if (receive !== undefined) body.push(p('Receive_Buffer_Size', fluentBitSize(receive)));
  for (const [option, key] of [['sourceAddressKey', 'Source_Address_Key'], ['rawMessageKey', 'Raw_Message_Key']] as const) {
    const value = o.text(option, { word: true });
    if (value !== undefined) body.push(p(key, value));
  }
  o.done();
  return { plugin: 'syslog', alias: c.alias, ports: [port], hostPaths: [], env: [], section: () => inputSection('syslog', c, ctx, body) };
}
