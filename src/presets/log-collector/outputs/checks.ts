import { Size, SizeRoundingBehavior } from 'cdk8s';
import { DaemonSetsError } from '../../../errors';
import {
  checkEnum, checkObject, checkOptionalArray, checkOptionalBoolean, checkOptionalNumber, checkOptionalSize, checkOptionalString,
  checkOptionalStringMap, checkString, isPlainObject,
} from '../../../input-checks';
import { checkMatch, checkValue } from '../../fluent-bit-config';

const MAX_INT32 = 2147483647;

/** The types of a `LogOutput` factory's options, by field. */
export interface OutputOptionTypes {
  /** Fields holding a string. */
  readonly strings?: readonly string[];
  /** Fields holding a boolean. */
  readonly booleans?: readonly string[];
  /** Fields holding a `kplus.SecretValue`. */
  readonly secrets?: readonly string[];
  /** Fields holding a map of strings. */
  readonly stringMaps?: readonly string[];
  /** Fields holding a list of strings. */
  readonly stringLists?: readonly string[];
  /** Fields holding one of an enum's values. */
  readonly enums?: { readonly [field: string]: readonly string[] };
}

/** The error of a `LogOutput` factory: `<factory>: <message>.` @internal */
export function outputError(factory: string, field: string, message: string): DaemonSetsError {
  return new DaemonSetsError(`${factory}: ${message}.`, factory, field);
}

/**
 * Checks the runtime types of a factory's options (the shared ones, TLS ones and `types`), before any
 * value is read. Returns the options.
 * @internal
 */
export function checkOutputOptionTypes<T>(factory: string, input: unknown, what: string, types: OutputOptionTypes): T {
  const o = checkObject(factory, 'options', input, `an ${what} object`);
  for (const f of ['match', 'alias', ...types.strings ?? []]) checkOptionalString(factory, f, o[f]);
  for (const f of ['tls', 'tlsVerify', 'compress', ...types.booleans ?? []]) checkOptionalBoolean(factory, f, o[f]);
  for (const f of ['retryLimit', 'workers', 'port']) checkOptionalNumber(factory, f, o[f]);
  checkOptionalSize(factory, 'bufferLimit', o.bufferLimit);
  for (const f of types.secrets ?? []) checkSecretValue(factory, f, o[f]);
  for (const f of types.stringMaps ?? []) checkOptionalStringMap(factory, f, o[f]);
  for (const f of types.stringLists ?? []) checkOptionalArray(factory, f, o[f], 'strings')?.forEach((v, i) => checkString(factory, `${f}[${i}]`, v));
  for (const [f, values] of Object.entries(types.enums ?? {})) if (o[f] !== undefined) checkEnum(factory, f, o[f], values);
  return o as T;
}

/** A `kplus.SecretValue` ({ secret, key }), or undefined. @internal */
export function checkSecretValue(at: string, field: string, value: unknown): void {
  if (value === undefined) return;
  const ok = isPlainObject(value) && typeof value.key === 'string' && value.key !== '' && typeof value.secret === 'object' && value.secret !== null;
  if (!ok) throw outputError(at, field, `${field} is not a kplus.SecretValue; give { secret: kplus.Secret.fromSecretName(...), key: 'password' }`);
}

/** A host name or IP address, no scheme, port or path. @internal */
export function checkHost(factory: string, value: unknown) {
  const host = checkString(factory, 'host', value, { nonEmpty: true });
  if (host.includes('://')) {
    throw outputError(factory, 'host', `host '${host}' includes a scheme; give the host name only (e.g. 'es.logging.svc') and set tls for HTTPS`);
  }
  if (!/^[A-Za-z0-9]([A-Za-z0-9.\-]*[A-Za-z0-9])?$/.test(host) && !/^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/.test(host) && !/^\[?[0-9a-fA-F:]+\]?$/.test(host)) {
    throw outputError(factory, 'host', `host '${host}' is not a host name or IP address; use e.g. 'es.logging.svc' or '10.0.0.5' (no port, no path)`);
  }
}

/** A TCP port, or undefined. @internal */
export function checkPort(factory: string, field: string, port?: number) {
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) {
    throw outputError(factory, field, `${field} ${port} is out of range; a port is an integer from 1 to 65535`);
  }
}

/** A string that goes into the configuration as one value, or undefined. @internal */
export function checkText(factory: string, field: string, value?: string) {
  if (value === undefined) return;
  checkString(factory, field, value);
  const problem = checkValue(value);
  if (problem) throw outputError(factory, field, `${field} ${JSON.stringify(value)} ${problem}`);
}

/** The options every output shares. @internal */
export function checkCommon(factory: string, options: { match?: string; alias?: string; retryLimit?: number; workers?: number; bufferLimit?: Size }) {
  if (options.match !== undefined) {
    const problem = checkMatch(options.match);
    if (problem) throw outputError(factory, 'match', `match '${options.match}' ${problem}`);
  }
  if (options.alias !== undefined && !/^[A-Za-z0-9][A-Za-z0-9_.\-]*$/.test(options.alias)) {
    throw outputError(factory, 'alias', `alias '${options.alias}' is not a plugin alias; use letters, digits, '_', '.' and '-'`);
  }
  if (options.retryLimit !== undefined && (!Number.isInteger(options.retryLimit) || options.retryLimit < 0 || options.retryLimit > MAX_INT32)) {
    throw outputError(factory, 'retryLimit', `retryLimit ${options.retryLimit} must be a whole number of retries (0 for none, at most ${MAX_INT32}); leave it out to retry until delivered`);
  }
  if (options.workers !== undefined && (!Number.isInteger(options.workers) || options.workers < 1 || options.workers > 1024)) {
    throw outputError(factory, 'workers', `workers ${options.workers} must be a positive integer (at most 1024)`);
  }
  if (options.bufferLimit !== undefined) {
    const kib = options.bufferLimit.toKibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (kib < 1024) throw outputError(factory, 'bufferLimit', `bufferLimit ${kib}Ki is smaller than a fluent-bit chunk (about 2 MB); use at least Size.mebibytes(1)`);
    if (kib > 2 ** 40) throw outputError(factory, 'bufferLimit', `bufferLimit ${kib}Ki is more than a node's disk (1 PiB); use a Size such as Size.gibibytes(1)`);
  }
}
