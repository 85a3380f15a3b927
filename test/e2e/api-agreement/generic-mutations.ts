/**
 * Generic mutators: a walk over every field of a base object that proposes single changes by the field's
 * JSON type (numbers out of range, strings that break name, path, label and quantity syntax, lists emptied
 * or with an item repeated or removed, objects emptied, stripped of a field, given an unknown field or the
 * wrong type), and renamed keys in the map-typed fields (labels, annotations, data, resource lists ...).
 */
import { Segment } from './json-path';

/** One proposed change: `value` replaces the node at `path` (undefined: removes it), or `renameKey` renames a key of it. */
export interface Change {
  /** Where the change applies. */
  readonly path: readonly Segment[];
  /** Stable name of the mutation, the last part of the mutant id. */
  readonly mutation: string;
  /** The new value (absent for a removal or a key rename). */
  readonly value?: unknown;
  /** For key renames: the key of the object at `path` and its new name. */
  readonly renameKey?: { readonly from: string; readonly to: string };
}

type Proposal = [mutation: string, value: unknown];

const INT32_OVERFLOW = 2 ** 31;
const LONG_254 = 'a'.repeat(254);
const LONG_64 = 'a'.repeat(64);

/** Number mutations: the API's ranges (non-negative, int32, ports) and integer-only fields. */
const NUMBER_MUTATIONS: Proposal[] = [
  ['minus-one', -1], ['zero', 0], ['int32-overflow', INT32_OVERFLOW], ['fraction', 1.5], ['port-overflow', 70000], ['wrong-type', '1'],
];

/** String mutations: names, paths, label values, quantities, percentages and image references. */
function stringMutations(value: string): Proposal[] {
  const flipped = value.startsWith('/') ? value.replace(/^\/+/, '') : `/${value}`;
  return [
    ['empty', ''], ['upper-case', value.toUpperCase()], ['long-254', LONG_254], ['long-64', LONG_64],
    ['invalid-chars', 'in valid_chars!'], ['dot-dot', '..'], ['path-flip', flipped], ['a=b', 'a=b'],
    ['two-colons', 'a:b:c'], ['percent', '%'], ['percent-101', '101%'], ['minus-one', '-1'], ['wrong-type', 1],
  ];
}

const BOOLEAN_MUTATIONS = (value: boolean): Proposal[] => [['flip', !value], ['wrong-type', String(value)]];

/** Mutations of a list: empty, first item repeated, first item removed, only the first kept, null, not a list. */
function listMutations(list: unknown[]): Proposal[] {
  const out: Proposal[] = [['empty', []], ['null', null], ['wrong-type', 'x']];
  if (list.length > 0) out.push(['duplicate-item', [list[0], ...list]], ['drop-first', list.slice(1)]);
  if (list.length > 2) out.push(['keep-first', list.slice(0, 1)]);
  return out;
}

/** Mutations of an object as a whole (each of its keys is also dropped, separately). */
function objectMutations(obj: Record<string, unknown>): Proposal[] {
  return [['empty', {}], ['null', null], ['wrong-type', 'x'], ['unknown-field', { ...obj, unknownField: 'x' }]];
}

/** New names for a key of a map-typed field: what breaks label keys, data keys and resource names. */
function keyMutations(key: string): [mutation: string, to: string][] {
  return [
    ['key-empty', ''], ['key-upper-case', key.toUpperCase()], ['key-long-254', LONG_254], ['key-long-64', LONG_64],
    ['key-invalid-chars', 'in valid_key!'], ['key-two-slashes', 'a/b/c'], ['key-dot-dot', '..'], ['key-a=b', 'a=b'],
  ];
}

/**
 * Fields whose value is a map from user-chosen keys to values (as opposed to a struct with fixed keys): their
 * keys are renamed rather than dropped one by one, and their own keys are not fields to drop as "required".
 */
const MAP_FIELDS = new Set([
  'labels', 'annotations', 'matchLabels', 'nodeSelector', 'data', 'binaryData', 'stringData', 'limits', 'requests',
  'hard', 'max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio', 'overhead', 'capacity', 'allocatable',
]);

/** A Service's `spec.selector` is a map too (a workload's `selector` is a LabelSelector struct). */
function isMapField(path: readonly Segment[], root: any): boolean {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return false;
  if (MAP_FIELDS.has(last)) return true;
  return last === 'selector' && path.length === 2 && path[0] === 'spec' && root?.kind === 'Service';
}

/** Every generic change to the object `root`, in document order. */
export function genericChanges(root: unknown): Change[] {
  const out: Change[] = [];
  const visit = (node: unknown, path: Segment[]) => {
    const push = (proposals: Proposal[]) => {
      for (const [mutation, value] of proposals) {
        if (JSON.stringify(value) !== JSON.stringify(node)) out.push({ path, mutation, value });
      }
    };
    if (typeof node === 'number') return push(NUMBER_MUTATIONS);
    if (typeof node === 'string') return push(stringMutations(node));
    if (typeof node === 'boolean') return push(BOOLEAN_MUTATIONS(node));
    if (Array.isArray(node)) {
      if (path.length > 0) push(listMutations(node));
      node.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const obj = node as Record<string, unknown>;
    if (path.length > 0) push(objectMutations(obj));
    const map = isMapField(path, root);
    for (const [key, child] of Object.entries(obj)) {
      if (map) {
        for (const [mutation, to] of keyMutations(key)) {
          if (to !== key && !Object.prototype.hasOwnProperty.call(obj, to)) out.push({ path, mutation: `${mutation}(${key})`, renameKey: { from: key, to } });
        }
      } else {
        out.push({ path: [...path, key], mutation: 'drop' });
      }
      visit(child, [...path, key]);
    }
  };
  visit(root, []);
  return out;
}
