import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, bufferProperties, InputContext, inputSection, listenProperties, NetworkInputOptions, readCommon, readNetwork } from './common';
import { FluentBitProperty, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * Options of the HTTP listener that `LogInput.http()` and `LogInput.openTelemetry()` share.
 * @see https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/yaml/pipeline-section#shared-http-listener-settings-for-inputs
 */
export interface HttpListenerOptions extends NetworkInputOptions {
  /**
   * The status of a successful request (`Successful_Response_Code`): 200, 201 or 204.
   * @default 201
   */
  readonly successfulResponseCode?: number;

  /**
   * Accept HTTP/2 (and gRPC) besides HTTP/1.1 (`Http2`).
   * @default true
   */
  readonly http2?: boolean;

  /**
   * The largest request body (`Buffer_Max_Size`).
   * @default - 4M
   */
  readonly bufferMaxSize?: Size;

  /**
   * The allocation step of the request buffer (`Buffer_Chunk_Size`).
   * @default - 512K
   */
  readonly bufferChunkSize?: Size;
}

/**
 * Options for `LogInput.http()`: JSON or msgpack records POSTed over HTTP, the URL path naming the tag
 * (`http` input).
 * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/http
 */
export interface HttpInputOptions extends HttpListenerOptions {
  /**
   * The port (`Port`).
   * @default 9880
   */
  readonly port?: number;

  /**
   * Take each record's tag from this key of the record (`Tag_Key`).
   * @default - the request's path (`/app.log` tags `app.log`), or `tag`
   */
  readonly tagKey?: string;

  /**
   * Headers added to successful responses (`Success_Header`), name to value.
   * @default - none
   */
  readonly successHeaders?: { [name: string]: string };
}

/** `Successful_Response_Code`, `Http2` and the buffers of an HTTP-based input. @internal */
export function httpListenerProperties(o: PluginOptions): FluentBitProperty[] {
  const out: FluentBitProperty[] = [];
  const code = o.raw('successfulResponseCode');
  if (code !== undefined) {
    if (code !== 200 && code !== 201 && code !== 204) throw o.fail('successfulResponseCode', code, 'one of 200, 201, 204');
    out.push(p('Successful_Response_Code', String(code)));
  }
  const http2 = o.bool('http2');
  if (http2 !== undefined) out.push(p('Http2', onOff(http2)));
  out.push(...bufferProperties(o, 'bufferChunkSize', 'bufferMaxSize'));
  return out;
}

/** Binds `LogInput.http()`: TCP port 9880 on the container and the Service. @internal */
export function httpInput(raw: unknown, ctx: InputContext): BoundLogInput {
  const o = new PluginOptions(ctx, raw, 'an HttpInputOptions object');
  const c = readCommon(o);
  const { listen, port } = readNetwork(o, ctx, { port: 9880, name: 'http', protocol: kplus.Protocol.TCP });
  const body: FluentBitProperty[] = [...listenProperties(listen, port)];
  const tagKey = o.text('tagKey', { word: true });
  if (tagKey !== undefined) body.push(p('Tag_Key', tagKey));
  for (const [name, value] of o.textMap('successHeaders') ?? []) {
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) throw o.fail(`successHeaders['${name}']`, name, 'an HTTP header name (letters, digits and !#$%&\'*+.^_`|~-)');
    body.push(p('Success_Header', `${name} ${value}`));
  }
  body.push(...httpListenerProperties(o));
  o.done();
  return { plugin: 'http', alias: c.alias, ports: [port], hostPaths: [], env: [], section: () => inputSection('http', c, ctx, body) };
}
