import * as kplus from 'cdk8s-plus-27';
import { BoundLogInput, InputContext, InputHostPath, InputPort } from './common';
import { checkAbsolutePath, checkEnvVarName, checkPortName } from '../../../k8s/syntax';
import { FluentBitSection } from '../../fluent-bit-config';
import { LogOutputSecretEnv } from '../outputs/raw';
import { pluginError, PluginOptions } from '../plugin-options';

/**
 * A port a raw input listens on.
 */
export interface LogInputPort {
  /** The port number, as the section's `Port`. */
  readonly port: number;

  /** The container port's (and Service port's) name. */
  readonly name: string;

  /**
   * The protocol.
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;

  /**
   * Also publish the port on the node's address.
   * @default - no host port
   */
  readonly hostPort?: number;

  /**
   * Add the port to the collector's Service.
   * @default true
   */
  readonly servicePort?: boolean;
}

/**
 * A node path a raw input reads.
 */
export interface LogInputHostPath {
  /** The absolute path on the node, mounted at the same path in the fluent-bit container. */
  readonly path: string;

  /**
   * Mount it read-only.
   * @default true
   */
  readonly readOnly?: boolean;

  /**
   * What must be at the path.
   * @default kplus.HostPathVolumeType.DIRECTORY
   */
  readonly type?: kplus.HostPathVolumeType;
}

/**
 * Options for `LogInput.raw()`: what the section needs from the pod, since the library cannot read it from
 * an untyped section.
 */
export interface RawLogInputOptions {
  /**
   * The ports the input listens on.
   * @default - none
   */
  readonly ports?: LogInputPort[];

  /**
   * The node paths the input reads.
   * @default - none
   */
  readonly hostPaths?: LogInputHostPath[];

  /**
   * Secret values the section references as `${NAME}`; each becomes an env var of the fluent-bit container.
   * @default - none
   */
  readonly secretEnv?: LogOutputSecretEnv[];
}

/** Binds `LogInput.raw()`: the section as given, with the ports, paths and env it declares. @internal */
export function rawInput(section: unknown, raw: unknown, ctx: InputContext): BoundLogInput {
  if (!(section instanceof FluentBitSection) || section.kind !== 'INPUT') {
    throw pluginError(ctx, 'section', section instanceof FluentBitSection ? `a [${section.kind}] section` : section,
      'an [INPUT] section: FluentBitSection.input(name, properties)');
  }
  const o = new PluginOptions(ctx, raw, 'a RawLogInputOptions object');
  const ports: InputPort[] = (o.objects('ports', 'LogInputPort values ({ port, name, protocol?, hostPort?, servicePort? })') ?? []).map((x, i) => {
    const q = new PluginOptions({ at: ctx.at, field: o.field(`ports[${i}]`) }, x, 'a LogInputPort');
    const name = q.requiredText('name', { word: true });
    const problem = checkPortName(name);
    if (problem) throw q.fail('name', name, `a port name: one that ${problem}`);
    const number = q.port('port');
    if (number === undefined) throw q.fail('port', undefined, 'a port number (1 to 65535)');
    const port: InputPort = {
      number,
      name,
      protocol: q.enumOf('protocol', Object.values(kplus.Protocol)) ?? kplus.Protocol.TCP,
      hostPort: q.port('hostPort'),
      service: q.bool('servicePort') ?? true,
    };
    q.done();
    return port;
  });
  const hostPaths: InputHostPath[] = (o.objects('hostPaths', 'LogInputHostPath values ({ path, readOnly? })') ?? []).map((x, i) => {
    const q = new PluginOptions({ at: ctx.at, field: o.field(`hostPaths[${i}]`) }, x, 'a LogInputHostPath');
    const path = q.requiredText('path', { word: true });
    if (checkAbsolutePath(path) || path === '/') throw q.fail('path', path, 'an absolute path other than \'/\'');
    const hostPath: InputHostPath = {
      path,
      readOnly: q.bool('readOnly') ?? true,
      type: q.enumOf('type', Object.values(kplus.HostPathVolumeType)) ?? kplus.HostPathVolumeType.DIRECTORY,
    };
    q.done();
    return hostPath;
  });
  const env = (o.objects('secretEnv', 'LogOutputSecretEnv values ({ name, value })') ?? []).map((x, i) => {
    const q = new PluginOptions({ at: ctx.at, field: o.field(`secretEnv[${i}]`) }, x, 'a LogOutputSecretEnv');
    const name = q.requiredText('name', { word: true });
    if (checkEnvVarName(name)) throw q.fail('name', name, 'an env var name ([A-Za-z_][A-Za-z0-9_]*)');
    const value = q.secret<kplus.SecretValue>('value');
    if (value === undefined) throw q.fail('value', undefined, 'a kplus.SecretValue ({ secret, key })');
    q.done();
    const secretEnv: LogOutputSecretEnv = { name, value };
    return secretEnv;
  });
  o.done();
  const alias = section.properties.find(x => /^alias$/i.test(x.key))?.value;
  return { plugin: section.name!, alias, ports, hostPaths, env, section: () => section };
}
