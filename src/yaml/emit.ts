/**
 * A fast YAML emitter whose output is byte-identical to cdk8s's `Yaml.stringify` (issue 17, item 2).
 *
 * `Yaml.stringify` builds a `yaml` document tree for every object and walks it with general-purpose stringifiers;
 * for Kubernetes objects (plain JSON: mappings, sequences, strings, numbers, booleans, null) most of that work
 * is unneeded. This emitter writes the common subset directly. For each document it either writes all of it or
 * nothing: the first value outside the subset abandons the document's buffer and the document is written by
 * `Yaml.stringify` itself, so the output is the same either way.
 *
 * Outside the subset (left to `yaml`): a top-level scalar; class instances, `Date`, `Map`, `Set`, buffers, boxed
 * primitives, objects with a `toJSON` method or their own `Symbol.iterator`, functions and symbols; an object reached twice in one document
 * (`yaml` writes an anchor and an alias); keys with line breaks or over 1,024 characters; the merge key `<<`;
 * multi-line strings that need escapes or whose shape the literal-block writer does not take (see block-literal).
 */
import { Yaml } from 'cdk8s';
import { renderNumber, renderString, StringRole } from './scalar';

/** One document as written: its YAML and whether the native emitter wrote it (false: `Yaml.stringify` did). */
export interface RenderedYamlDocument {
  /** The document's YAML, ending in a line feed, without the `---` separator. */
  readonly yaml: string;
  /** True when the native emitter wrote it; false when it was handed to `Yaml.stringify`. */
  readonly native: boolean;
}

/** Which kind of collection a value is for `yaml`, or undefined when the emitter leaves the value to `yaml`. */
type CollectionKind = 'map' | 'seq' | undefined;

function collectionKind(value: object): CollectionKind {
  // `yaml` serializes what `toJSON` returns, whatever the object.
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Array.prototype) return 'seq';
  // `yaml` writes any iterable as a sequence, even a plain object with its own Symbol.iterator.
  if ((proto === Object.prototype || proto === null) && !(Symbol.iterator in value)) return 'map';
  return undefined;
}

/** A scalar value as `yaml` writes it, or undefined when it is not a JSON scalar (or a bigint). */
function scalarText(value: unknown, indent: string): string | undefined {
  switch (typeof value) {
    case 'string':
      return renderString(value, 'value', indent);
    case 'number':
      return renderNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return String(value);
    case 'undefined':
      // cdk8s passes `keepUndefined: true`: an undefined value is written as null, not dropped.
      return 'null';
    case 'object':
      return value === null ? 'null' : undefined;
    default:
      return undefined;
  }
}

/**
 * Writes one document into a buffer. Every method answers false as soon as a value is outside the subset; the
 * caller then discards the buffer. Indentation follows `yaml`'s defaults: two spaces per level, and a sequence
 * inside a mapping indented under its key (`indentSeq: true`).
 */
class DocumentWriter {
  /** The document written so far. */
  public out = '';
  private readonly seen = new Set<object>();

  /** Marks an object as written; false when it was already (`yaml` would write an alias). */
  public enter(value: object): boolean {
    if (this.seen.has(value)) return false;
    this.seen.add(value);
    return true;
  }

  /** The pairs of a non-empty mapping whose key lines start at `indent` (the first line's indent already written). */
  public mapping(value: Record<string, unknown>, keys: readonly string[], indent: string): boolean {
    const role: StringRole = indent === '' ? 'top-key' : 'key';
    const child = indent + '  ';
    for (let i = 0; i < keys.length; i++) {
      const key = renderString(keys[i], role, child);
      if (key === undefined) return false;
      this.out += i === 0 ? `${key}:` : `\n${indent}${key}:`;
      if (!this.afterKey(value[keys[i]], child)) return false;
    }
    return true;
  }

  /** The items of a non-empty sequence whose `- ` lines start at `indent`. */
  public sequence(items: readonly unknown[], indent: string): boolean {
    const child = indent + '  ';
    for (let i = 0; i < items.length; i++) {
      this.out += i === 0 ? '- ' : `\n${indent}- `;
      if (!this.item(items[i], child)) return false;
    }
    return true;
  }

  /** A mapping value after `key:`: a scalar on the same line, a collection on the next lines at `child`. */
  private afterKey(value: unknown, child: string): boolean {
    if (typeof value !== 'object' || value === null) {
      const text = scalarText(value, child);
      if (text === undefined) return false;
      this.out += ` ${text}`;
      return true;
    }
    const kind = collectionKind(value);
    if (kind === undefined || !this.enter(value)) return false;
    if (kind === 'seq') {
      const items = value as unknown[];
      if (items.length === 0) {
        this.out += ' []';
        return true;
      }
      this.out += `\n${child}`;
      return this.sequence(items, child);
    }
    const keys = Object.keys(value);
    if (keys.length === 0) {
      this.out += ' {}';
      return true;
    }
    this.out += `\n${child}`;
    return this.mapping(value as Record<string, unknown>, keys, child);
  }

  /** A sequence item after `- `: a scalar, or a collection whose first line shares the dash's line. */
  private item(value: unknown, child: string): boolean {
    if (typeof value !== 'object' || value === null) {
      const text = scalarText(value, child);
      if (text === undefined) return false;
      this.out += text;
      return true;
    }
    const kind = collectionKind(value);
    if (kind === undefined || !this.enter(value)) return false;
    if (kind === 'seq') {
      const items = value as unknown[];
      if (items.length === 0) {
        this.out += '[]';
        return true;
      }
      return this.sequence(items, child);
    }
    const keys = Object.keys(value);
    if (keys.length === 0) {
      this.out += '{}';
      return true;
    }
    return this.mapping(value as Record<string, unknown>, keys, child);
  }
}

function writeRoot(doc: object): string | undefined {
  const kind = collectionKind(doc);
  if (kind === undefined) return undefined;
  const writer = new DocumentWriter();
  writer.enter(doc);
  if (kind === 'seq') {
    const items = doc as unknown[];
    if (items.length === 0) return '[]\n';
    return writer.sequence(items, '') ? `${writer.out}\n` : undefined;
  }
  const keys = Object.keys(doc);
  if (keys.length === 0) return '{}\n';
  return writer.mapping(doc as Record<string, unknown>, keys, '') ? `${writer.out}\n` : undefined;
}

/**
 * The YAML the native emitter writes for one document (a top-level mapping or sequence), or undefined when the
 * document is outside its subset and must be written by `Yaml.stringify`. Never throws: an exception while
 * reading the input (a throwing getter, nesting deeper than the stack) is also an undefined.
 * @internal
 */
export function nativeYamlDocument(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined;
  try {
    return writeRoot(doc);
  } catch {
    return undefined;
  }
}

/**
 * One document as `Yaml.stringify(doc)` writes it, natively when the document is inside the emitter's subset, by
 * `Yaml.stringify` otherwise; the answer says which.
 * @internal
 */
export function renderYamlDocument(doc: unknown): RenderedYamlDocument {
  const yaml = nativeYamlDocument(doc);
  if (yaml !== undefined) return { yaml, native: true };
  return { yaml: Yaml.stringify(doc), native: false };
}

/**
 * The same string as cdk8s's `Yaml.stringify(...docs)` (cdk8s 2.70): each document as YAML 1.1 without line
 * folding, an undefined document as an empty line, documents joined by `---` lines. Each document is written by
 * the native emitter when it is inside its subset and by `Yaml.stringify` otherwise.
 * @internal
 */
export function stringifyYaml(...docs: unknown[]): string {
  let out = '';
  for (let i = 0; i < docs.length; i++) {
    if (i > 0) out += '---\n';
    const doc = docs[i];
    out += doc === undefined ? '\n' : renderYamlDocument(doc).yaml;
  }
  return out;
}
