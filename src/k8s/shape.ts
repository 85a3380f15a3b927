/**
 * Reading untrusted JSON without trusting its shape. The validator is total: a field of the wrong type
 * (an object where a list belongs, a string where an object belongs, null, a number) is reported by the
 * schema rule, and every other rule reads it through these accessors, which give an empty list or
 * object instead, so the rule skips what it cannot read instead of throwing.
 */

/** A JSON object. */
export type JsonObject = { [key: string]: any };

/** A manifest as plain JSON. */
export type Manifest = { [key: string]: any };

const NONE: readonly any[] = Object.freeze([]);
const EMPTY: JsonObject = Object.freeze({});

/** Whether `v` is a JSON object (not null, not a list). @internal */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `v` when it is a list, else an empty (frozen) list. @internal */
export function asList(v: unknown): readonly any[] {
  return Array.isArray(v) ? v : NONE;
}

/** `v` when it is a JSON object, else an empty (frozen) object. @internal */
export function asObject(v: unknown): JsonObject {
  return isObject(v) ? v : EMPTY;
}

/**
 * The items of a list that are objects, each with its index in the list (so JSON paths stay true);
 * nothing when `v` is not a list.
 * @internal
 */
export function objectItems(v: unknown): readonly { item: JsonObject; index: number }[] {
  // Most list fields are absent or empty: nothing to allocate for them.
  if (!Array.isArray(v) || v.length === 0) return NONE;
  const out: { item: JsonObject; index: number }[] = [];
  // A plain loop: this runs for every list field of every object the validator reads (no closure per call).
  for (let index = 0; index < v.length; index++) {
    const item = v[index];
    if (isObject(item)) out.push({ item, index });
  }
  return out;
}

/**
 * The items of a list of structs as the API server decodes them: objects as they are, and `null` as `zero` (Go's
 * JSON decoding makes a null list item the struct's zero value, which validation then sees with empty fields and
 * which the schema lets through); other items are skipped. Nothing when `v` is not a list.
 * @internal
 */
export function structItems(v: unknown, zero: JsonObject = EMPTY): readonly { item: JsonObject; index: number }[] {
  if (!Array.isArray(v) || v.length === 0) return NONE;
  const out: { item: JsonObject; index: number }[] = [];
  for (let index = 0; index < v.length; index++) {
    const item = structItem(v[index], zero);
    if (item !== undefined) out.push({ item, index });
  }
  return out;
}

/**
 * One item of a list of structs as the API server decodes it (see `structItems`): an object as it is, `null` as
 * `zero`, anything else undefined (skipped). For loops that index the list themselves.
 * @internal
 */
export function structItem(item: unknown, zero: JsonObject = EMPTY): JsonObject | undefined {
  return isObject(item) ? item : item === null ? zero : undefined;
}

/** The entries of an object; nothing when `v` is not an object. @internal */
export function entriesOf(v: unknown): [string, any][] {
  return isObject(v) ? Object.entries(v) : [];
}

/** `v` when it is a string, else undefined. @internal */
export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Any JSON value as text for a message: strings as they are, numbers and booleans as JSON, lists and
 * objects as short JSON. Never throws (`String()` does on an object whose `toString` is not a function).
 * @internal
 */
export function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '(unset)';
  if (v === null || typeof v !== 'object') return String(v);
  let json: string;
  try {
    json = JSON.stringify(v);
  } catch {
    json = Array.isArray(v) ? '[...]' : '{...}';
  }
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

/** The object's `metadata.name` when it is a non-empty string. @internal */
export function nameOf(obj: unknown): string | undefined {
  const name = asObject(asObject(obj).metadata).name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The object's `metadata.namespace` when it is a non-empty string. @internal */
export function namespaceFieldOf(obj: unknown): string | undefined {
  const namespace = asObject(asObject(obj).metadata).namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : undefined;
}

/** The object's `kind` when it is a string. @internal */
export function kindOf(obj: unknown): string | undefined {
  return str(asObject(obj).kind);
}

/**
 * The object's name for messages: its `metadata.name`; `<generateName>*` when it has only a generateName
 * (the API server appends a random suffix); `(unnamed)` otherwise. Never `undefined`.
 * @internal
 */
export function displayName(obj: unknown): string {
  const name = nameOf(obj);
  if (name !== undefined) return name;
  const generateName = asObject(asObject(obj).metadata).generateName;
  if (typeof generateName === 'string' && generateName !== '') return `${generateName}*`;
  return '(unnamed)';
}

/** `obj[key]` when `obj` is an object that has `key` as its own property (never an inherited `constructor` or `__proto__`). @internal */
export function own(obj: unknown, key: string): any {
  return isObject(obj) && Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}
