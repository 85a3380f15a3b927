import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, InputContext, inputSection, listenProperties, readCommon, readNetwork } from './common';
import { HttpListenerOptions, httpListenerProperties } from './http';
import { FluentBitProperty, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * Options for `LogInput.openTelemetry()`: OTLP logs, metrics and traces over HTTP and gRPC on one port
 * (`opentelemetry` input).
 * @see https://docs.fluentbit.io/manual/data-pipeline/inputs/opentelemetry
 */
export interface OpenTelemetryInputOptions extends HttpListenerOptions {
  /**
   * The port (`Port`), serving OTLP/HTTP (`/v1/logs`, `/v1/metrics`, `/v1/traces`) and OTLP/gRPC.
   * @default 4318
   */
  readonly port?: number;

  /**
   * Without a `tag`, tag records by the request's path (`v1_logs`, `v1_metrics`, `v1_traces`) (`Tag_From_Uri`).
   * @default true
   */
  readonly tagFromUri?: boolean;
}

/** Binds `LogInput.openTelemetry()`: TCP port 4318 named `otlp` on the container and the Service. @internal */
export function openTelemetryInput(raw: unknown, ctx: InputContext): BoundLogInput {
  const o = new PluginOptions(ctx, raw, 'an OpenTelemetryInputOptions object');
  const c = readCommon(o);
  const { listen, port } = readNetwork(o, ctx, { port: 4318, name: 'otlp', protocol: kplus.Protocol.TCP });
  const body: FluentBitProperty[] = [...listenProperties(listen, port)];
  const fromUri = o.bool('tagFromUri');
  if (fromUri !== undefined) body.push(p('Tag_From_Uri', onOff(fromUri)));
  body.push(...httpListenerProperties(o));
  o.done();
  return { plugin: 'opentelemetry', alias: c.alias, ports: [port], hostPaths: [], env: [], section: () => inputSection('opentelemetry', c, ctx, body) };
}
