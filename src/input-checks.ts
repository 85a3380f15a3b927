import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { IConstruct } from 'constructs';
import { invalidInput } from './errors';

/**
 * Runtime checks of public inputs. TypeScript checks types at compile time, but JavaScript callers and
 * TypeScript with `any` get no such check, so every public construct, factory and method runs these on the
 * values it receives and throws the library's `DaemonSetsError` naming where, field, value and what is allowed.
 */
export type At = IConstruct | string;

function fail(at: At, field: string, value: unknown, allowed: string): never {
  throw invalidInput(typeof at === 'string' ? { site: at, field, value, allowed } : { scope: at, field, value, allowed });
}

/** True for a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string (optionally non-empty). Returns it typed. */
export function checkString(at: At, field: string, value: unknown, opts: { nonEmpty?: boolean } = {}): string {
  if (typeof value !== 'string') fail(at, field, value, opts.nonEmpty ? 'a non-empty string' : 'a string');
  if (opts.nonEmpty && value === '') fail(at, field, value, 'a non-empty string');
  return value;
}

/** An optional string: undefined passes. */
export function checkOptionalString(at: At, field: string, value: unknown, opts: { nonEmpty?: boolean } = {}): string | undefined {
  return value === undefined ? undefined : checkString(at, field, value, opts);
}

/** A boolean, or undefined. */
export function checkOptionalBoolean(at: At, field: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(at, field, value, 'true or false');
  return value as boolean | undefined;
}

/** A finite number within [min, max], an integer when `integer` is set. */
export function checkNumber(at: At, field: string, value: unknown,
  opts: { integer?: boolean; min?: number; max?: number } = {}): number {
  const range = rangeText(opts);
  const allowed = `${opts.integer ? 'an integer' : 'a finite number'}${range}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(at, field, value, allowed);
  if (opts.integer && !Number.isInteger(value)) fail(at, field, value, allowed);
  if (opts.min !== undefined && value < opts.min) fail(at, field, value, allowed);
  if (opts.max !== undefined && value > opts.max) fail(at, field, value, allowed);
  return value;
}

/** An optional number: undefined passes. */
export function checkOptionalNumber(at: At, field: string, value: unknown,
  opts: { integer?: boolean; min?: number; max?: number } = {}): number | undefined {
  return value === undefined ? undefined : checkNumber(at, field, value, opts);
}

function rangeText(opts: { min?: number; max?: number }): string {
  if (opts.min !== undefined && opts.max !== undefined) return ` between ${opts.min} and ${opts.max}`;
  if (opts.min !== undefined) return ` >= ${opts.min}`;
  if (opts.max !== undefined) return ` <= ${opts.max}`;
  return '';
}

/** An array (each element is the caller's to check). Returns it typed. */
export function checkArray<T = unknown>(at: At, field: string, value: unknown, what: string = 'values'): T[] {
  if (!Array.isArray(value)) fail(at, field, value, `a list of ${what}`);
  return value as T[];
}

/** An optional array: undefined passes. */
export function checkOptionalArray<T = unknown>(at: At, field: string, value: unknown, what: string = 'values'): T[] | undefined {
  return value === undefined ? undefined : checkArray<T>(at, field, value, what);
}

/** A plain object (a props struct or a map). */
export function checkObject(at: At, field: string, value: unknown, what: string = 'an object'): Record<string, unknown> {
  if (!isPlainObject(value)) fail(at, field, value, what);
  return value;
}

/** An optional plain object: undefined passes. */
export function checkOptionalObject(at: At, field: string, value: unknown, what: string = 'an object'): Record<string, unknown> | undefined {
  return value === undefined ? undefined : checkObject(at, field, value, what);
}

/** A map of string to string (labels, annotations, nodeSelector, env). Returns it typed. */
export function checkStringMap(at: At, field: string, value: unknown): Record<string, string> {
  const map = checkObject(at, field, value, 'a map of string keys to string values');
  for (const [k, v] of Object.entries(map)) {
    if (typeof v !== 'string') fail(at, `${field}['${k}']`, v, 'a string');
  }
  return map as Record<string, string>;
}

/** An optional string map: undefined passes. */
export function checkOptionalStringMap(at: At, field: string, value: unknown): Record<string, string> | undefined {
  return value === undefined ? undefined : checkStringMap(at, field, value);
}

/**
 * A class, also one with a private constructor (value objects built by static factories), for `instanceof`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type ClassOf<T> = Function & { readonly prototype: T };

/** An instance of `type` (a value object built by one of its static factories). */
export function checkInstance<T>(at: At, field: string, value: unknown, type: ClassOf<T>, made: string): T {
  if (!(value instanceof type)) fail(at, field, value, made);
  return value as T;
}

/** An optional instance: undefined passes. */
export function checkOptionalInstance<T>(at: At, field: string, value: unknown, type: ClassOf<T>, made: string): T | undefined {
  return value === undefined ? undefined : checkInstance(at, field, value, type, made);
}

/** One of the values of a string enum (own values only: `constructor` and other prototype keys never match). */
export function checkEnum<T extends string>(at: At, field: string, value: unknown, values: readonly T[]): T {
  if (typeof value !== 'string' || !values.includes(value as T)) fail(at, field, value, `one of ${values.join(', ')}`);
  return value as T;
}

/**
 * A cdk8s `Duration` in whole milliseconds within [minMillis, maxMillis] (whole seconds with `wholeSeconds`).
 * Returns the milliseconds. `Duration.seconds(NaN)` and `Duration.millis(0.5)` fail here, with the field named.
 */
export function checkDuration(at: At, field: string, value: unknown,
  opts: { minMillis?: number; maxMillis?: number; wholeSeconds?: boolean } = {}): number {
  const unit = opts.wholeSeconds ? 'a whole number of seconds' : 'a whole number of milliseconds';
  const bounds = [opts.minMillis !== undefined ? `at least ${opts.minMillis}ms` : '', opts.maxMillis !== undefined ? `at most ${opts.maxMillis}ms` : '']
    .filter(Boolean).join(' and ');
  const allowed = `a Duration (Duration.seconds(n), ...) of ${unit}${bounds ? `, ${bounds}` : ''}`;
  if (!(value instanceof Duration)) fail(at, field, value, allowed);
  const shown = value.toHumanString() || 'a Duration of NaN';
  let millis: number;
  try {
    millis = value.toMilliseconds();
  } catch {
    fail(at, field, shown, allowed);
  }
  if (!Number.isFinite(millis) || (opts.wholeSeconds && millis % 1000 !== 0)) fail(at, field, shown, allowed);
  if (opts.minMillis !== undefined && millis < opts.minMillis) fail(at, field, shown, allowed);
  if (opts.maxMillis !== undefined && millis > opts.maxMillis) fail(at, field, shown, allowed);
  return millis;
}

/** An optional Duration: undefined passes. */
export function checkOptionalDuration(at: At, field: string, value: unknown,
  opts: { minMillis?: number; maxMillis?: number; wholeSeconds?: boolean } = {}): number | undefined {
  return value === undefined ? undefined : checkDuration(at, field, value, opts);
}

/**
 * A cdk8s `Size` of a finite number of bytes within [minBytes, maxBytes]. Returns the bytes (rounded).
 */
export function checkSize(at: At, field: string, value: unknown, opts: { minBytes?: number; maxBytes?: number } = {}): number {
  const bounds = [opts.minBytes !== undefined ? `at least ${opts.minBytes} bytes` : '', opts.maxBytes !== undefined ? `at most ${opts.maxBytes} bytes` : '']
    .filter(Boolean).join(' and ');
  const allowed = `a Size (Size.mebibytes(n), ...) of a finite number of bytes${bounds ? `, ${bounds}` : ''}`;
  if (!(value instanceof Size)) fail(at, field, value, allowed);
  const bytes = Math.round(value.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024);
  const shown = `${value.toKibibytes({ rounding: SizeRoundingBehavior.NONE })} KiB`;
  if (!Number.isFinite(bytes) || bytes < 0) fail(at, field, shown, allowed);
  if (opts.minBytes !== undefined && bytes < opts.minBytes) fail(at, field, shown, allowed);
  if (opts.maxBytes !== undefined && bytes > opts.maxBytes) fail(at, field, shown, allowed);
  return bytes;
}

/** An optional Size: undefined passes. */
export function checkOptionalSize(at: At, field: string, value: unknown, opts: { minBytes?: number; maxBytes?: number } = {}): number | undefined {
  return value === undefined ? undefined : checkSize(at, field, value, opts);
}
