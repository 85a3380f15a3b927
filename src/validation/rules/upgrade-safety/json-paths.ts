/**
 * Comparing two versions of the same manifest as plain JSON: equality the way the API server's
 * `apiequality.Semantic.DeepEqual` sees decoded objects (an empty list or map equals an absent one),
 * and the JSON paths where two values differ.
 */
import { isObject } from '../../../k8s/shape';

/** A JSON value with `null`, empty lists and empty maps removed (they decode to Go's zero values). @internal */
export function normalized(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(normalized);
    return items.length === 0 ? undefined : items.map(v => (v === undefined ? null : v));
  }
  if (isObject(value)) {
    const out: { [key: string]: unknown } = {};
    for (const key of Object.keys(value).sort()) {
      const v = normalized(value[key]);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value === null ? undefined : value;
}

/** Whether two JSON values are equal once normalized (key order, null and empty containers do not count). @internal */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

/** A stable text form of a normalized value (sorted keys), for equality and hashing. @internal */
export function canonical(value: unknown): string {
  const v = normalized(value);
  return v === undefined ? '' : JSON.stringify(v);
}

/** `base.key`, or `base['key']` when the key is not a plain identifier (annotation keys, label keys). @internal */
export function childPath(base: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) return base === '' ? key : `${base}.${key}`;
  return `${base}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/**
 * The JSON paths at which `before` and `after` differ, in sorted order: the deepest path where one
 * side has a value the other lacks or a different scalar; lists are compared item by item.
 * @param before the earlier value
 * @param after the later value
 * @param base the path of both values
 * @internal
 */
export function changedPaths(before: unknown, after: unknown, base: string = ''): string[] {
  return walk(normalized(before), normalized(after), base);
}

function walk(a: unknown, b: unknown, base: string): string[] {
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap(k => walk(a[k], b[k], childPath(base, k)));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const out: string[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) out.push(...walk(a[i], b[i], `${base}[${i}]`));
    return out;
  }
  if (a === undefined && b === undefined) return [];
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [base === '' ? '.' : base];
}
