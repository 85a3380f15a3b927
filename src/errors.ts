import { IConstruct } from 'constructs';

const MARK = Symbol.for('cdk8s-daemonsets.error');

/**
 * Where an input was found wrong: the construct (or factory) that received it, the field, the value and what
 * is allowed. Every construct, factory and method of this library throws `DaemonSetsError` built from this.
 */
export interface InputProblem {
  /** The construct that received the input; its path is named in the message. */
  readonly scope?: IConstruct;
  /** The factory or method that received the input when there is no construct yet, e.g. `HealthProbe.httpGet`. */
  readonly site?: string;
  /** The field, e.g. `containers[0].image` or `terminationGracePeriod`. */
  readonly field: string;
  /** The value received. */
  readonly value: unknown;
  /** What is allowed, e.g. `a non-empty string`. */
  readonly allowed: string;
}

/**
 * Tells the library's errors from others, for every jsii language (jsii cannot export a subclass of `Error`,
 * so `DaemonSetsError` itself is TypeScript-only: import it from `cdk8s-daemonsets/lib/errors`).
 */
export class DaemonSetsErrors {
  /**
   * True when `x` was thrown by this library for bad input (a `DaemonSetsError`): the message names the
   * construct path (or factory), the field, the value and what is allowed.
   */
  public static isDaemonSetsError(x: any): boolean {
    return typeof x === 'object' && x !== null && (x as { [MARK]?: boolean })[MARK] === true;
  }

  private constructor() {}
}

/**
 * The one error class of this library: bad input, named with its construct path (or factory), field, value
 * and what is allowed.
 *
 * Errors that cdk8s or cdk8s-plus raise inside this library's code are rethrown as this class, with the
 * construct and field added; the original error stays in `cause`.
 */
export class DaemonSetsError extends Error {
  /** True for errors thrown by this library, also across package copies where `instanceof` fails. */
  public static isDaemonSetsError(x: unknown): boolean {
    return DaemonSetsErrors.isDaemonSetsError(x);
  }

  /** The construct path, or the factory name, where the input was received (empty when neither is known). */
  public readonly where: string;
  /** The field that holds the bad input (empty when the message concerns several). */
  public readonly field: string;

  /**
   * @param message the whole message; prefer `DaemonSetsError.invalid` which builds it from its parts
   * @param where construct path or factory name
   * @param field the field holding the bad input
   */
  public constructor(message: string, where: string = '', field: string = '') {
    super(message);
    this.name = 'DaemonSetsError';
    this.where = where;
    this.field = field;
    Object.defineProperty(this, MARK, { value: true });
    Object.setPrototypeOf(this, DaemonSetsError.prototype);
  }
}

/** A short, printable rendering of any value for an error message (never throws, never huge). */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') {
    return Number.isNaN(value) ? 'NaN' : Object.is(value, -0) ? '-0' : String(value);
  }
  if (typeof value === 'bigint') return `${value}n (a bigint)`;
  if (typeof value === 'string') return clip(JSON.stringify(value));
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? 'an object' : clip(json);
  } catch {
    return 'an object';
  }
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Where a problem was found, for a message prefix: `DaemonSet 'chart/agent'` or `HealthProbe.httpGet`. */
export function whereOf(problem: Pick<InputProblem, 'scope' | 'site'>): string {
  if (problem.scope) return problem.scope.node.path;
  return problem.site ?? '';
}

/** Builds the error for one bad input: `<where>: <field> is <value>; it must be <allowed>.` */
export function invalidInput(problem: InputProblem): DaemonSetsError {
  const where = whereOf(problem);
  const prefix = problem.scope ? `'${where}'` : where;
  const message = `${prefix ? `${prefix}: ` : ''}${problem.field} is ${describeValue(problem.value)}; it must be ${problem.allowed}.`;
  return new DaemonSetsError(message, where, problem.field);
}

/**
 * Runs `fn`; an error that is not already a `DaemonSetsError` (one raised by cdk8s or cdk8s-plus on our
 * behalf) is rethrown as one naming the construct and field, with the original as `cause`.
 */
export function withContext<T>(scope: IConstruct | string, field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (DaemonSetsError.isDaemonSetsError(e)) throw e;
    const where = typeof scope === 'string' ? scope : scope.node.path;
    const prefix = typeof scope === 'string' ? where : `'${where}'`;
    const detail = e instanceof Error ? e.message : String(e);
    const err = new DaemonSetsError(`${prefix}: ${field}: ${detail}`, where, field);
    (err as { cause?: unknown }).cause = e;
    throw err;
  }
}
