/**
 * JSON paths of the API-agreement corpus: a path is a list of object keys and array indices, printed the
 * way the validator's findings print them (`spec.template.spec.containers[0].ports[1].name`, keys that are
 * not plain identifiers in brackets: `metadata.labels["app.kubernetes.io/name"]`).
 */

/** One step of a JSON path: an object key or an array index. */
export type Segment = string | number;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The printed form of a path (the empty path is `$`). */
export function formatPath(path: readonly Segment[]): string {
  let out = '';
  for (const s of path) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out === '' ? '$' : out;
}

/** A deep copy of plain JSON. */
export function clone<T>(value: T): T {
  return value === undefined ? value : JSON.parse(JSON.stringify(value));
}

/** The value at `path`, or undefined when any step is missing. */
export function getAt(root: unknown, path: readonly Segment[]): unknown {
  let node: any = root;
  for (const s of path) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, s)) return undefined;
    node = node[s];
  }
  return node;
}

/**
 * A copy of `root` with the value at `path` replaced (`value` undefined: the key or array item removed).
 * Missing objects on the way are created, so a targeted mutation can add a field the base lacks.
 */
export function withValueAt(root: unknown, path: readonly Segment[], value: unknown): unknown {
  if (path.length === 0) return clone(value);
  const copy: any = clone(root);
  let node = copy;
  for (const s of path.slice(0, -1)) {
    if (node[s] === null || typeof node[s] !== 'object') node[s] = {};
    node = node[s];
  }
  const last = path[path.length - 1];
  if (value !== undefined) node[last] = clone(value);
  else if (Array.isArray(node) && typeof last === 'number') node.splice(last, 1);
  else delete node[last];
  return copy;
}

/** A copy of `root` where the object at `path` has key `from` renamed to `to`, keeping the key order. */
export function withKeyRenamed(root: unknown, path: readonly Segment[], from: string, to: string): unknown {
  const target = getAt(root, path) as Record<string, unknown>;
  const renamed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(target)) renamed[k === from ? to : k] = v;
  return withValueAt(root, path, renamed);
}

/**
 * Where `a` and `b` differ, each place reported once at the highest node that differs: an object whose key
 * sets differ, an array whose lengths differ, or a value (or type) that differs. Equal inputs give [].
 */
export function differingPlaces(a: unknown, b: unknown, path: Segment[] = []): Segment[][] {
  if (a === b) return [];
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(a) !== kind(b) || (kind(a) !== 'object' && kind(a) !== 'array')) return [path];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [path];
    return a.flatMap((item, i) => differingPlaces(item, b[i], [...path, i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).sort();
  const bk = Object.keys(bo).sort();
  if (ak.length !== bk.length || ak.some((k, i) => k !== bk[i])) return [path];
  return ak.flatMap((k) => differingPlaces(ao[k], bo[k], [...path, k]));
}
