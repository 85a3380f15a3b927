import { Duration, Size } from 'cdk8s';
import { DaemonSetsError, describeValue } from '../../errors';
import { checkArray, checkDuration, checkEnum, checkInstance, checkObject, checkSize, checkString, ClassOf, isPlainObject } from '../../input-checks';
import { PORT_RANGE } from '../../k8s/syntax';
import { checkMatch, checkValue } from '../fluent-bit-config';

/**
 * Where a plugin (an input, filter or parser) is checked: the collector that received it and the field that
 * holds it, e.g. `LogCollectorDaemonSet 'logging/logs'` and `inputs[2]`.
 * @internal
 */
export interface PluginSite {
  /** `LogCollectorDaemonSet '<construct path>'` */
  readonly at: string;
  /** The field holding the plugin, e.g. `inputs[2]` or `addFilter(filter)`. */
  readonly field: string;
}

/** A bad plugin option: `<at>: <field>.<option> is <value>; it must be <allowed>.` @internal */
export function pluginError(site: PluginSite, option: string | undefined, value: unknown, allowed: string): DaemonSetsError {
  const field = option === undefined ? site.field : `${site.field}.${option}`;
  return new DaemonSetsError(`${site.at}: ${field} is ${describeValue(value)}; it must be ${allowed}.`, site.at, field);
}

/**
 * Reads the options of a `LogInput`, `LogFilter` or `LogParser` when the collector binds it, so that every
 * error names the collector's construct path, the field (`inputs[1].port`), the value and what is allowed.
 * The factories only capture the options: a JavaScript caller's wrong types reach this reader too.
 * @internal
 */
export class PluginOptions {
  private readonly o: Record<string, unknown>;
  private readonly known = new Set<string>();

  constructor(private readonly site: PluginSite, raw: unknown, what: string) {
    this.o = raw === undefined ? {} : checkObject(site.at, site.field, raw, what);
  }

  /** The field of one option, e.g. `inputs[1].port`. */
  public field(name: string): string {
    return `${this.site.field}.${name}`;
  }

  /** The error for one option. */
  public fail(name: string | undefined, value: unknown, allowed: string): DaemonSetsError {
    return pluginError(this.site, name, value, allowed);
  }

  /** The raw value of an option (marked as known). */
  public raw(name: string): unknown {
    this.known.add(name);
    return this.o[name];
  }

  /** A one-line value for the configuration; `word` also refuses blanks. */
  public text(name: string, opts: { required?: boolean; word?: boolean; allowed?: string } = {}): string | undefined {
    const v = this.raw(name);
    if (v === undefined && !opts.required) return undefined;
    return this.checkText(name, v, opts);
  }

  /** A required one-line value. */
  public requiredText(name: string, opts: { word?: boolean; allowed?: string } = {}): string {
    return this.text(name, { ...opts, required: true })!;
  }

  /** A list of one-line values (each a word with `word`); `nonEmpty` refuses an empty list. */
  public texts(name: string, opts: { word?: boolean; nonEmpty?: boolean; required?: boolean; allowed?: string } = {}): string[] | undefined {
    const v = this.raw(name);
    if (v === undefined && !opts.required) return undefined;
    const what = opts.allowed ?? (opts.word ? 'words without blanks' : 'one-line strings');
    const list = checkArray<unknown>(this.site.at, this.field(name), v, what);
    if (opts.nonEmpty && list.length === 0) throw this.fail(name, v, `a non-empty list of ${what}`);
    return list.map((x, i) => this.checkText(`${name}[${i}]`, x, opts));
  }

  /** A map of one-line values, keys words; returned with its keys sorted (the same output for any key order). */
  public textMap(name: string, opts: { allowed?: string } = {}): Array<[string, string]> | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    const map = checkObject(this.site.at, this.field(name), v, 'a map of string keys to string values');
    return Object.keys(map).sort().map(k => {
      if (!/^\S+$/.test(k) || checkValue(k)) throw this.fail(name, k, `a map whose keys are single words (key ${JSON.stringify(k)})`);
      return [k, this.checkText(`${name}['${k}']`, map[k], opts)];
    });
  }

  /** true, false or undefined. */
  public bool(name: string): boolean | undefined {
    const v = this.raw(name);
    if (v !== undefined && typeof v !== 'boolean') throw this.fail(name, v, 'true or false');
    return v as boolean | undefined;
  }

  /** An integer within [min, max], or undefined. */
  public int(name: string, min: number, max: number, required = false): number | undefined {
    const v = this.raw(name);
    if (v === undefined && !required) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw this.fail(name, v, `an integer from ${min} to ${max}`);
    return v;
  }

  /** A TCP/UDP port, or undefined. */
  public port(name: string): number | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 65535) throw this.fail(name, v, `a port number (${PORT_RANGE})`);
    return v;
  }

  /** A Size within [minBytes, maxBytes], or undefined. */
  public size(name: string, minBytes: number, maxBytes: number): Size | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    checkSize(this.site.at, this.field(name), v, { minBytes, maxBytes });
    return v as Size;
  }

  /** A Duration of whole milliseconds (whole seconds with `wholeSeconds`) within bounds, or undefined. */
  public duration(name: string, opts: { minMillis?: number; maxMillis?: number; wholeSeconds?: boolean } = {}): Duration | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    checkDuration(this.site.at, this.field(name), v, opts);
    return v as Duration;
  }

  /** One of an enum's values, or undefined. */
  public enumOf<T extends string>(name: string, values: readonly T[]): T | undefined {
    const v = this.raw(name);
    return v === undefined ? undefined : checkEnum(this.site.at, this.field(name), v, values);
  }

  /** A tag pattern (`Match`), or undefined. */
  public match(name = 'match'): string | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    checkString(this.site.at, this.field(name), v);
    if (checkMatch(v as string)) throw this.fail(name, v, 'a tag pattern without blanks, such as \'*\' or \'kube.*\'');
    return v as string;
  }

  /** A list of objects (each checked by the caller), or undefined. */
  public objects(name: string, what: string, required = false): Array<Record<string, unknown>> | undefined {
    const v = this.raw(name);
    if (v === undefined && !required) return undefined;
    return checkArray<unknown>(this.site.at, this.field(name), v, what).map((x, i) => checkObject(this.site.at, this.field(`${name}[${i}]`), x, what));
  }

  /** A list of instances of `type` (value objects built by its factories), or undefined. */
  public instances<T>(name: string, type: ClassOf<T>, made: string, required = false): T[] | undefined {
    const v = this.raw(name);
    if (v === undefined && !required) return undefined;
    return checkArray<unknown>(this.site.at, this.field(name), v, made).map((x, i) => checkInstance(this.site.at, this.field(`${name}[${i}]`), x, type, made));
  }

  /** A `kplus.SecretValue` ({ secret, key }), or undefined. */
  public secret<T>(name: string): T | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    const ok = isPlainObject(v) && typeof v.key === 'string' && v.key !== '' && typeof v.secret === 'object' && v.secret !== null;
    if (!ok) throw this.fail(name, v, 'a kplus.SecretValue ({ secret: kplus.Secret.fromSecretName(...), key: \'...\' })');
    return v as T;
  }

  /**
   * Refuses options this plugin does not have (a misspelt key from a JavaScript caller would otherwise be
   * ignored silently).
   */
  public done(): void {
    for (const key of Object.keys(this.o)) {
      if (!this.known.has(key) && this.o[key] !== undefined) {
        throw this.fail(key, this.o[key], `left out: the options are ${[...this.known].sort().join(', ')}`);
      }
    }
  }

  private checkText(name: string, v: unknown, opts: { word?: boolean; allowed?: string }): string {
    const allowed = opts.allowed ?? (opts.word ? 'a single word without blanks' : 'a non-empty string on one line');
    if (typeof v !== 'string') throw this.fail(name, v, allowed);
    const problem = checkValue(v);
    if (problem) throw this.fail(name, v, `${allowed} (this value ${problem})`);
    if (opts.word && /\s/.test(v)) throw this.fail(name, v, allowed);
    return v;
  }
}
