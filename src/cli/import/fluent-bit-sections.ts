/**
 * A fluent-bit classic configuration read back into the log collector's typed parts: `LogInput.containerLogs()`,
 * `.tail()`, `.systemd()`, `LogOutput.elasticsearch()`, `.forward()`, `.stdout()` where every key of the section has
 * a typed option, `*.raw(FluentBitSection...)` for the rest, so that the generated code's sections are what the
 * collector renders (an edit reaches the ConfigMap) rather than a patch of the whole file.
 */
import { arr, call, Expr, lit, obj } from './code';

/** One `[SECTION]` of a classic configuration file: its kind and its key/value lines in order. */
export interface ClassicSection {
  readonly kind: string;
  readonly props: { key: string; value: string }[];
}

/** The sections of a fluent-bit classic configuration file, or undefined when it is not one (includes, macros). */
export function parseSections(text: string): ClassicSection[] | undefined {
  const sections: ClassicSection[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([A-Z_]+)\]$/.exec(line);
    if (header) { sections.push({ kind: header[1], props: [] }); continue; }
    const kv = /^(\S+)\s+(.+)$/.exec(line);
    if (!kv || sections.length === 0) return undefined;
    sections[sections.length - 1].props.push({ key: kv[1], value: kv[2].trim() });
  }
  return sections;
}

/** `FluentBitSection.<factory>(name, [match,] properties)` for a section, or undefined without a name (or match). */
export function rawSection(factory: string, s: ClassicSection, withMatch: boolean): Expr | undefined {
  const name = s.props.find(p => /^name$/i.test(p.key))?.value;
  const match = s.props.find(p => /^match$/i.test(p.key))?.value;
  if (!name || (withMatch && !match)) return undefined;
  const rest = s.props.filter(p => !/^name$/i.test(p.key) && !(withMatch && /^match$/i.test(p.key)));
  const props = lit(rest.map(p => ({ key: p.key, value: p.value })));
  return withMatch ? call(factory, lit(name), lit(match), props) : call(factory, lit(name), props);
}

/** A section's keys (case-insensitive, as fluent-bit reads them) as a map, or undefined when a key repeats. */
function keyed(s: ClassicSection): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (const p of s.props) {
    const k = p.key.toLowerCase();
    if (out.has(k)) return undefined;
    out.set(k, p.value);
  }
  return out;
}

const onOff = (v: string | undefined) => (v === undefined ? undefined : /^(on|true|yes|1)$/i.test(v) ? true : /^(off|false|no|0)$/i.test(v) ? false : undefined);
const list = (v: string) => v.split(',').map(x => x.trim()).filter(x => x !== '');

/**
 * Builds the options of a typed factory from a section: each key read by its reader (which returns the option, or
 * undefined when the value has no typed form); any other key, or a value without a typed form, leaves no typed form.
 */
function options(k: Map<string, string>, readers: { [key: string]: (v: string) => [string, Expr] | undefined }): Expr | undefined {
  const props: [string, Expr][] = [];
  for (const [key, value] of k) {
    if (key === 'name') continue;
    const reader = Object.prototype.hasOwnProperty.call(readers, key) ? readers[key] : undefined;
    const prop = reader?.(value);
    if (!prop) return undefined;
    props.push(prop);
  }
  return obj(props);
}

const bool = (option: string) => (v: string): [string, Expr] | undefined => (onOff(v) === undefined ? undefined : [option, lit(onOff(v))]);
const text = (option: string) => (v: string): [string, Expr] => [option, lit(v)];
const port = (v: string): [string, Expr] | undefined => (/^[1-9]\d{0,4}$/.test(v) && parseInt(v, 10) <= 65535 ? ['port', lit(parseInt(v, 10))] : undefined);

/** A typed `LogInput` for an `[INPUT]` section, or undefined when it has none. */
export function typedInput(s: ClassicSection): Expr | undefined {
  const k = keyed(s);
  const name = k?.get('name');
  if (!k || !name) return undefined;
  if (name === 'tail') {
    // The container logs the collector's default input reads, tagged kube.* as the kubernetes filter expects.
    if (k.get('path') === '/var/log/containers/*.log' && (k.get('tag') ?? 'kube.*') === 'kube.*') {
      const rest = new Map([...k].filter(([key]) => !['path', 'tag', 'mem_buf_limit', 'skip_long_lines', 'db', 'refresh_interval', 'read_from_head'].includes(key)));
      const o = options(rest, { 'multiline.parser': v => ['multilineParsers', lit(list(v))] });
      return o ? call('LogInput.containerLogs', o) : undefined;
    }
    const o = options(k, {
      'path': v => ['paths', lit(list(v))],
      'exclude_path': v => ['excludePaths', lit(list(v))],
      'tag': text('tag'),
      'parser': text('parser'),
      'multiline.parser': v => ['multilineParsers', lit(list(v))],
      'skip_long_lines': bool('skipLongLines'),
      'skip_empty_lines': bool('skipEmptyLines'),
      'read_from_head': bool('readFromHead'),
      'path_key': text('pathKey'),
      'key': text('key'),
      'db': text('database'),
      'alias': text('alias'),
    });
    return o ? call('LogInput.tail', o) : undefined;
  }
  if (name === 'systemd') {
    const units: string[] = [];
    const o = options(k, {
      tag: text('tag'),
      systemd_filter: v => {
        const unit = /^_SYSTEMD_UNIT=(.+)$/.exec(v)?.[1];
        if (!unit) return undefined;
        units.push(unit);
        return ['units', arr([])];
      },
      read_from_tail: bool('readFromTail'),
      path: text('path'),
      strip_underscores: bool('stripUnderscores'),
      lowercase: bool('lowercase'),
      alias: text('alias'),
    });
    if (!o || o.k !== 'obj') return undefined;
    return call('LogInput.systemd', obj(o.props.map(([key, e]) => [key, key === 'units' ? lit(units) : e] as const)));
  }
  return undefined;
}

/** A typed `LogOutput` for an `[OUTPUT]` section, or undefined when it has none. */
export function typedOutput(s: ClassicSection): Expr | undefined {
  const k = keyed(s);
  const name = k?.get('name');
  if (!k || !name) return undefined;
  const common = {
    match: text('match'),
    alias: text('alias'),
    // `False` (or no_limits) is the typed default: retry without limit.
    retry_limit: (v: string): [string, Expr] | undefined => (/^(false|no_limits)$/i.test(v) ? ['retryLimit', { k: 'lit', v: undefined } as Expr]
      : /^\d+$/.test(v) ? ['retryLimit', lit(parseInt(v, 10))] : undefined),
  };
  const withoutUndefined = (e: Expr | undefined) => (e && e.k === 'obj' ? obj(e.props.filter(([, v]) => !(v.k === 'lit' && v.v === undefined))) : e);
  if (name === 'es') {
    // Logstash_Format On is what the typed output writes without an index.
    if (k.has('logstash_format') && (onOff(k.get('logstash_format')) !== true || k.has('index'))) return undefined;
    const o = withoutUndefined(options(new Map([...k].filter(([key]) => key !== 'logstash_format')), {
      ...common,
      'host': text('host'),
      'port': port,
      'path': text('path'),
      'index': text('index'),
      'logstash_prefix': text('logstashPrefix'),
      'suppress_type_name': bool('suppressTypeName'),
      'replace_dots': bool('replaceDots'),
      'generate_id': bool('generateId'),
      'http_user': text('user'),
      'tls': bool('tls'),
      'tls.verify': bool('tlsVerify'),
    }));
    return o && k.has('host') ? call('LogOutput.elasticsearch', o) : undefined;
  }
  if (name === 'forward') {
    const o = withoutUndefined(options(k, { ...common, host: text('host'), port, tag: text('tag'), self_hostname: text('selfHostname') }));
    return o && k.has('host') ? call('LogOutput.forward', o) : undefined;
  }
  if (name === 'stdout') {
    const o = withoutUndefined(options(k, { match: text('match') }));
    return o ? call('LogOutput.stdout', o) : undefined;
  }
  return undefined;
}
