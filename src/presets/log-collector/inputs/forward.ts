import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, bufferProperties, InputContext, inputSection, listenProperties, NetworkInputOptions, readCommon, readNetwork } from './common';
import { FluentBitProperty } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * Options for `LogInput.forward()`: receives the Fluentd forward protocol from Fluentd, fluent-bit or a
 * logging library (`forward` input).
 * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/forward
 */
export interface ForwardInputOptions extends NetworkInputOptions {
  /**
   * The TCP port (`Port`).
   * @default 24224
   */
  readonly port?: number;

  /**
   * Prefix the senders' tags with this (`Tag_Prefix`); `tag` replaces them instead.
   * @default - the senders' tags, unchanged
   */
  readonly tagPrefix?: string;

  /**
   * Require the shared key of the secure forward handshake (`Shared_Key`), from a Secret via an env var
   * (`FORWARD_INPUT_SHARED_KEY`, then `_2`, `_3` ... for more forward inputs).
   * @default - no authentication
   */
  readonly sharedKey?: kplus.SecretValue;

  /**
   * This side's host name in the handshake (`Self_Hostname`).
   * @default 'localhost'
   */
  readonly selfHostname?: string;

  /**
   * The allocation step of the receive buffer (`Buffer_Chunk_Size`).
   * @default - 1024000 bytes
   */
  readonly bufferChunkSize?: Size;

  /**
   * The largest message accepted (`Buffer_Max_Size`).
   * @default - 6144000 bytes
   */
  readonly bufferMaxSize?: Size;
}

/** Binds `LogInput.forward()`: TCP port 24224 on the container and the Service. @internal */
export function forwardInput(raw: unknown, ctx: InputContext): BoundLogInput {
  const o = new PluginOptions(ctx, raw, 'a ForwardInputOptions object');
  const c = readCommon(o);
  const { listen, port } = readNetwork(o, ctx, { port: 24224, name: 'forward', protocol: kplus.Protocol.TCP });
  const body: FluentBitProperty[] = [...listenProperties(listen, port)];
  const tagPrefix = o.text('tagPrefix', { word: true });
  if (tagPrefix !== undefined) body.push(p('Tag_Prefix', tagPrefix));
  const env: BoundLogInput['env'] = [];
  const sharedKey = o.secret<kplus.SecretValue>('sharedKey');
  if (sharedKey !== undefined) {
    const name = ctx.ordinal > 1 ? `FORWARD_INPUT_SHARED_KEY_${ctx.ordinal}` : 'FORWARD_INPUT_SHARED_KEY';
    env.push({ name, value: sharedKey });
    body.push(p('Shared_Key', `\${${name}}`));
  }
  const selfHostname = o.text('selfHostname', { word: true });
  if (selfHostname !== undefined) body.push(p('Self_Hostname', selfHostname));
  body.push(...bufferProperties(o, 'bufferChunkSize', 'bufferMaxSize'));
  o.done();
  return { plugin: 'forward', alias: c.alias, ports: [port], hostPaths: [], env, section: () => inputSection('forward', c, ctx, body) };
}
