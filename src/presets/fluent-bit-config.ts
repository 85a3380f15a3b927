import { Duration, Size, SizeRoundingBehavior, TimeConversionOptions } from 'cdk8s';
import { DaemonSetsError, describeValue } from '../errors';
import { checkArray, checkObject, checkString } from '../input-checks';

/**
 * One `key value` line of a fluent-bit section. A key may appear several times in one
 * section (`Header`, `Systemd_Filter`, `Parsers_File`), so sections hold a list, not a map.
 */
export interface FluentBitProperty {
  /** The key, e.g. `Host` or `storage.total_limit_size`. Keys are case-insensitive in fluent-bit. */
  readonly key: string;

  /**
   * The value, on one line. `${NAME}` is replaced by fluent-bit with the environment variable
   * `NAME` of the fluent-bit container.
   */
  readonly value: string;
}

/**
 * How a classic-format file is laid out. fluent-bit reads every layout alike: this only decides how the file
 * looks (e.g. to keep a configuration byte for byte as another tool wrote it).
 */
export interface FluentBitClassicLayout {
  /**
   * The spaces before each `key value` line (fluent-bit needs at least one), from 1 to 16.
   * @default 4
   */
  readonly indent?: number;

  /**
   * Align the values of a section in a column (keys padded to the section's longest key); false puts one space
   * between a key and its value.
   * @default true
   */
  readonly alignValues?: boolean;

  /**
   * Separate sections with a blank line; false writes them one after the other.
   * @default true
   */
  readonly blankLineBetweenSections?: boolean;
}

/**
 * Checks a layout (a `DaemonSetsError` naming `at`, `field`, the value and what is allowed) and fills its defaults.
 * @internal
 */
export function checkClassicLayout(at: string, field: string, layout: FluentBitClassicLayout | undefined): Required<FluentBitClassicLayout> {
  const l = checkObject(at, field, layout ?? {}, 'a FluentBitClassicLayout object') as FluentBitClassicLayout;
  const indent = l.indent ?? 4;
  if (typeof indent !== 'number' || !Number.isInteger(indent) || indent < 1 || indent > 16) {
    throw new DaemonSetsError(`${at}: ${field}.indent: ${describeValue(indent)} is not an indentation; use a whole number of spaces from 1 to 16 (fluent-bit needs the keys indented).`, at, `${field}.indent`);
  }
  for (const key of ['alignValues', 'blankLineBetweenSections'] as const) {
    if (l[key] != null && typeof l[key] !== 'boolean') {
      throw new DaemonSetsError(`${at}: ${field}.${key}: ${describeValue(l[key])} is not a boolean; use true or false.`, at, `${field}.${key}`);
    }
  }
  return { indent, alignValues: l.alignValues ?? true, blankLineBetweenSections: l.blankLineBetweenSections ?? true };
}

/**
 * A section of fluent-bit's classic configuration format (`[INPUT]`, `[FILTER]`, `[OUTPUT]`,
 * `[PARSER]`, `[MULTILINE_PARSER]`), checked when it is built so that a bad key or value
 * fails in your code, not in a crash-looping pod.
 */
export class FluentBitSection {
  /**
   * An `[INPUT]` section.
   * @param name the input plugin, e.g. `tail`, `systemd`, `kubernetes_events`
   * @param properties the plugin's other keys (`Tag`, `Path`, ...), in order
   */
  public static input(name: string, properties: FluentBitProperty[] = []): FluentBitSection {
    return FluentBitSection.build('input', 'INPUT', name, undefined, properties);
  }

  /**
   * A `[FILTER]` section.
   * @param name the filter plugin, e.g. `grep`, `modify`, `lua`
   * @param match the tag pattern (`Match`), e.g. `kube.*`
   * @param properties the plugin's other keys, in order
   */
  public static filter(name: string, match: string, properties: FluentBitProperty[] = []): FluentBitSection {
    return FluentBitSection.build('filter', 'FILTER', name, match, properties);
  }

  /**
   * An `[OUTPUT]` section, e.g. for `LogOutput.raw()`.
   * @param name the output plugin, e.g. `kafka`, `s3`, `opensearch`
   * @param match the tag pattern (`Match`), e.g. `*`
   * @param properties the plugin's other keys, in order
   */
  public static output(name: string, match: string, properties: FluentBitProperty[] = []): FluentBitSection {
    return FluentBitSection.build('output', 'OUTPUT', name, match, properties);
  }

  /**
   * A `[PARSER]` section, for the parsers file.
   * @param name the parser's name, referenced by `Parser` keys and `fluentbit.io/parser` pod annotations
   * @param properties `Format`, `Regex`, `Time_Key`, ...
   */
  public static parser(name: string, properties: FluentBitProperty[] = []): FluentBitSection {
    return FluentBitSection.build('parser', 'PARSER', name, undefined, properties);
  }

  /**
   * A `[MULTILINE_PARSER]` section, for the parsers file.
   * @param name the parser's name, referenced by `multiline.parser` keys
   * @param properties `type`, `flush_timeout`, `rule`, ...
   */
  public static multilineParser(name: string, properties: FluentBitProperty[] = []): FluentBitSection {
    return FluentBitSection.build('multilineParser', 'MULTILINE_PARSER', name, undefined, properties);
  }

  /** @internal the `[SERVICE]` section, which only the preset writes */
  public static _service(properties: FluentBitProperty[]): FluentBitSection {
    return FluentBitSection.build('service', 'SERVICE', undefined, undefined, properties);
  }

  private static build(
    factory: string, kind: string, name: string | undefined, match: string | undefined, properties: FluentBitProperty[],
  ): FluentBitSection {
    const where = `FluentBitSection.${factory}`;
    const fail = (field: string, message: string) => new DaemonSetsError(`${where}: ${message}.`, where, field);
    const lines: FluentBitProperty[] = [];
    if (name !== undefined) {
      checkString(where, 'name', name);
      if (!/^[A-Za-z0-9][A-Za-z0-9_.\-]*$/.test(name)) {
        throw fail('name', `name '${name}' is not a plugin or parser name; use letters, digits, '_', '.' and '-' (e.g. 'kafka', 'opensearch')`);
      }
      lines.push({ key: 'Name', value: name });
    }
    if (match !== undefined) {
      checkString(where, 'match', match);
      const problem = checkMatch(match);
      if (problem) throw fail('match', `match '${match}' ${problem}`);
      lines.push({ key: 'Match', value: match });
    }
    checkArray<FluentBitProperty>(where, 'properties', properties, 'FluentBitProperty values ({ key, value })').forEach((p, i) => {
      checkObject(where, `properties[${i}]`, p, 'a FluentBitProperty ({ key, value })');
      checkString(where, `properties[${i}].key`, p.key);
      checkString(where, `properties[${i}].value`, p.value);
      const kp = checkKey(p.key);
      if (kp) throw fail(`properties[${i}].key`, `key '${p.key}' ${kp}`);
      if ((name !== undefined && /^name$/i.test(p.key)) || (match !== undefined && /^match$/i.test(p.key))) {
        throw fail(`properties[${i}].key`, `key '${p.key}' is set by the factory's ${p.key.toLowerCase()} argument; remove it from properties`);
      }
      const vp = checkValue(p.value);
      if (vp) throw fail(`properties[${i}].value`, `key '${p.key}' has value ${JSON.stringify(p.value)}, which ${vp}`);
      lines.push({ key: p.key, value: p.value });
    });
    return new FluentBitSection(kind, name, match, lines);
  }

  /** The section header without brackets: `INPUT`, `FILTER`, `OUTPUT`, `PARSER`, `MULTILINE_PARSER` or `SERVICE`. */
  public readonly kind: string;

  /** The plugin or parser name (`Name`), if the section has one. */
  public readonly name?: string;

  /** The tag pattern (`Match`), for filters and outputs. */
  public readonly match?: string;

  /** Every line of the section in order, `Name` and `Match` included. */
  public readonly properties: FluentBitProperty[];

  private constructor(kind: string, name: string | undefined, match: string | undefined, properties: FluentBitProperty[]) {
    this.kind = kind;
    this.name = name;
    this.match = match;
    this.properties = properties;
  }

  /**
   * The section in fluent-bit's classic format: a `[KIND]` header, then one indented
   * `key value` line per property, values aligned (unless the layout says otherwise).
   * @param layout the indentation and alignment
   * @default - keys indented 4 spaces, values aligned
   */
  public render(layout: FluentBitClassicLayout = {}): string {
    const indent = ' '.repeat(layout.indent ?? 4);
    const width = layout.alignValues ?? true ? Math.max(0, ...this.properties.map(p => p.key.length)) : 0;
    const body = this.properties.map(p => `${indent}${p.key.padEnd(width)} ${p.value}`);
    return [`[${this.kind}]`, ...body].join('\n');
  }
}

/**
 * Renders sections as one classic-format file, sections separated by a blank line (unless the layout says otherwise).
 * @internal
 */
export function renderFluentBitConfig(sections: FluentBitSection[], layout: FluentBitClassicLayout = {}): string {
  return sections.map(s => s.render(layout)).join(layout.blankLineBetweenSections ?? true ? '\n\n' : '\n') + '\n';
}

/**
 * A size in fluent-bit's unit-size syntax. fluent-bit's `K`, `M` and `G` are decimal (1000),
 * while cdk8s sizes are binary (1024), so the value is exact bytes unless it is a whole number
 * of decimal units.
 * @internal
 */
export function fluentBitSize(size: Size): string {
  const bytes = Math.round(size.toKibibytes({ rounding: SizeRoundingBehavior.NONE }) * 1024);
  for (const [suffix, unit] of [['G', 1e9], ['M', 1e6], ['K', 1e3]] as const) {
    if (bytes >= unit && bytes % unit === 0) return `${bytes / unit}${suffix}`;
  }
  return String(bytes);
}

/**
 * A duration as fluent-bit's whole or fractional seconds (`Flush 1`, `Refresh_Interval 10`).
 * @internal
 */
export function fluentBitSeconds(duration: Duration): string {
  const opts: TimeConversionOptions = { integral: false };
  return String(duration.toSeconds(opts));
}

/** `On` or `Off`, fluent-bit's spelling of booleans. @internal */
export function onOff(value: boolean): string {
  return value ? 'On' : 'Off';
}

/**
 * The names of the environment variables a configuration references as `${NAME}`.
 * @internal
 */
export function referencedEnvVars(config: string): string[] {
  const names = new Set<string>();
  for (const m of config.matchAll(/\$\{([^}]*)\}/g)) names.add(m[1]);
  return [...names];
}

/** A property key: letters, digits, '_', '.', '-'. @internal */
export function checkKey(key: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_.\-]*$/.test(key)) return 'is not a fluent-bit key; keys start with a letter and contain letters, digits, \'_\', \'.\' and \'-\' (e.g. \'Host\', \'tls.verify\')';
  return undefined;
}

/** A property value: one non-empty line without surrounding blanks. @internal */
export function checkValue(value: string): string | undefined {
  if (value.length === 0) return 'is empty; fluent-bit needs a value after every key (leave the key out instead)';
  if (/[\r\n\u0085\u2028\u2029]/.test(value)) return 'spans several lines; a fluent-bit value must fit on one line';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) return 'contains a control character, which a fluent-bit configuration line cannot carry';
  if (value.trim() !== value) return 'starts or ends with blanks, which fluent-bit would strip; trim it';
  return undefined;
}

/** A tag pattern for `Match`: no blanks. @internal */
export function checkMatch(match: string): string | undefined {
  if (match.length === 0 || /\s/.test(match)) return 'is not a tag pattern; use a pattern without blanks such as \'*\' or \'kube.*\'';
  return undefined;
}
