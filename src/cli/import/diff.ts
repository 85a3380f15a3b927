/** Lists Kubernetes treats as maps keyed by `name` (order carries no meaning). */
const KEYED_LISTS = ['volumes'];

/** A change that makes the synthesized object equal to the input, in Kubernetes (JSON) form. */
export interface Difference {
  /**
   * `add` sets an object member (or the whole array) or inserts a list element, `replace` an array element, `remove`
   * drops a member or a list element. The changes of one list apply in the order given (highest index first).
   */
  readonly op: 'add' | 'replace' | 'remove';
  /** Path segments into the synthesized object. */
  readonly path: readonly (string | number)[];
  /** The input's value, for add and replace. */
  readonly value?: unknown;
  /** What the generated code synthesized at the path (undefined where it has nothing), for `--adopt-defaults`. */
  readonly actual?: unknown;
  /** For an element inserted into a list: the synthesized list (a reordering inserts what it already holds). */
  readonly siblings?: readonly unknown[];
}

/** What `compare` found. */
export interface Comparison {
  /** Changes outside typed fields: the escape hatch. */
  readonly patches: Difference[];
  /** Typed fields that the typed API did not reproduce (JSON paths). */
  readonly untypable: string[];
}

/** Drops YAML nulls (an empty key loads as null, which Kubernetes treats as absent). */
export function dropNulls(value: any): any {
  if (Array.isArray(value)) return value.filter(v => v !== null).map(dropNulls);
  if (value !== null && typeof value === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = dropNulls(v);
    return out;
  }
  return value;
}

export function pointer(path: readonly (string | number)[]): string {
  return path.map(p => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

const isObject = (v: unknown): v is { [k: string]: any } => v !== null && typeof v === 'object' && !Array.isArray(v);

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every(k => equal(a[k], b[k]));
  }
  return false;
}

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Lists of scalars (args, command, capabilities) longer than this are patched whole rather than element by element. */
const MAX_ELEMENT_DIFF = 200;

/**
 * The element changes that turn the actual list of scalars into the expected one (a longest common subsequence
 * kept), highest index first, so that each change's index is still right when the changes are applied in order and
 * the typed part in front of a change stays typed: a flag the generated code adds later to an option shifts no change.
 */
function elementChanges(expected: readonly unknown[], actual: readonly unknown[], path: readonly (string | number)[]): Difference[] {
  const n = actual.length;
  const m = expected.length;
  // lcs[i][j]: the longest common subsequence of actual[i..] and expected[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = actual[i] === expected[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  // Walk forward, recording the edits; then emit them from the end.
  const edits: { kind: 'keep' | 'remove' | 'insert'; i: number; j: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && actual[i] === expected[j]) { edits.push({ kind: 'keep', i, j }); i++; j++; } else if (j < m && (i === n || lcs[i][j + 1] > lcs[i + 1][j])) { edits.push({ kind: 'insert', i, j }); j++; } else { edits.push({ kind: 'remove', i, j }); i++; }
  }
  const out: Difference[] = [];
  for (let k = edits.length - 1; k >= 0; k--) {
    const e = edits[k];
    const before = edits[k - 1];
    if (e.kind === 'insert' && before?.kind === 'remove') {
      // A removed element followed by an inserted one is one replacement.
      out.push({ op: 'replace', path: [...path, before.i], value: expected[e.j], actual: actual[before.i] });
      k--;
    } else if (e.kind === 'insert') {
      out.push({ op: 'add', path: [...path, e.i], value: expected[e.j], siblings: actual });
    } else if (e.kind === 'remove') {
      out.push({ op: 'remove', path: [...path, e.i], actual: actual[e.i] });
    }
  }
  return out;
}

/** The index of each expected element in the actual keyed list, or undefined when the names differ. */
function alignByName(expected: any[], actual: any[]): number[] | undefined {
  if (expected.length !== actual.length) return undefined;
  const names = actual.map(a => a?.name);
  const order = expected.map(e => names.indexOf(e?.name));
  return order.every(i => i >= 0) && new Set(order).size === order.length ? order : undefined;
}

/**
 * Compares an input object with what the generated code synthesized: every field, labels that cdk8s
 * or cdk8s-plus add (such as `cdk8s.io/metadata.addr`) included; nothing is ignored.
 *
 * `typed` holds the JSON paths the typed API set: a difference there means the typed form cannot
 * reproduce the input (reported in `untypable`), unless it is only defaults the library writes for
 * fields the input leaves out (removed by patches). Below fields without typed descendants, `coarse` patches the whole
 * field (one readable patch per untyped field); otherwise the smallest differing member is patched.
 */
export function compare(expected: any, actual: any, typed: ReadonlySet<string>, coarse: boolean): Comparison {
  const patches: Difference[] = [];
  const untypable: string[] = [];
  const typedList = [...typed];
  const hasTypedBelow = (p: string) => typedList.some(t => t.startsWith(`${p}/`));

  const walk = (exp: any, act: any, path: (string | number)[], insideTyped: boolean, out: Difference[]): void => {
    if (equal(exp, act)) return;
    const p = pointer(path);
    if (!insideTyped && typed.has(p)) {
      const fixes: Difference[] = [];
      walk(exp, act, path, true, fixes);
      // Defaults the library writes for fields the input leaves out are removed; anything else is not the input.
      if (fixes.every(f => f.op === 'remove')) {
        out.push(...fixes);
      } else {
        untypable.push(p);
      }
      return;
    }
    const whole = (): void => {
      if (exp === undefined) out.push({ op: 'remove', path, actual: act });
      else out.push({ op: typeof path[path.length - 1] === 'number' ? 'replace' : 'add', path, value: exp, actual: act });
    };
    if (isObject(exp) && isObject(act)) {
      if (coarse && !insideTyped && path.length > 0 && !hasTypedBelow(p)) return whole();
      for (const k of [...new Set([...Object.keys(act), ...Object.keys(exp)])].sort()) {
        if (exp[k] === undefined && act[k] === undefined) continue;
        walk(exp[k], act[k], [...path, k], insideTyped, out);
      }
      return;
    }
    if (Array.isArray(exp) && Array.isArray(act)) {
      if (coarse && !insideTyped && !hasTypedBelow(p)) return whole();
      const key = path[path.length - 1];
      const order = typeof key === 'string' && KEYED_LISTS.includes(key) ? alignByName(exp, act)
        : exp.length === act.length ? exp.map((_, i) => i) : undefined;
      if (!order && exp.length > 0 && act.length > 0 && exp.length <= MAX_ELEMENT_DIFF && act.length <= MAX_ELEMENT_DIFF
        && [...exp, ...act].every(isScalar)) {
        out.push(...elementChanges(exp, act, path));
        return;
      }
      if (!order) return whole();
      exp.forEach((e, i) => walk(e, act[order[i]], [...path, order[i]], insideTyped, out));
      return;
    }
    return whole();
  };
  walk(expected, actual, [], false, patches);
  return { patches, untypable };
}
