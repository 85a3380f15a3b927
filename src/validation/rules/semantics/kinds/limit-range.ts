/**
 * API validation of a LimitRange's items. Mirrors `ValidateLimitRange` in k8s.io/kubernetes
 * `pkg/apis/core/validation/validation.go` (v1.37), after `SetDefaults_LimitRangeItem`: a Container item's missing
 * `default` is filled from `max`, and its missing `defaultRequest` from `default`, then from `min`, so the order
 * checks see those values too. Amounts may be negative (the API does not check it); unparsable amounts are the
 * schema's.
 */
import { humanAmount } from '../../../../k8s/human-units';
import { exceeds, parseQuantity } from '../../../../k8s/quantity';
import { resourceNameProblems } from '../../../../k8s/quota-resources';
import { containerResourceNameProblems, isOvercommitAllowed } from '../../../../k8s/resource-names';
import { asObject, entriesOf, JsonObject, structItems, text } from '../../../../k8s/shape';
import { checkQualifiedName } from '../../../../k8s/syntax';
import { Add, collector, SemanticProblem } from '../checks';

const STANDARD_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);
const FIELDS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
type Field = typeof FIELDS[number];

/** One amount as written and its value. */
interface Amount {
  readonly text: string;
  readonly value: number;
}

/** The readable amounts of one field of an item, by resource name. */
function amounts(item: JsonObject, field: Field): Map<string, Amount> {
  const out = new Map<string, Amount>();
  for (const [name, v] of entriesOf(item[field])) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const value = parseQuantity(v);
    if (value !== undefined) out.set(name, { text: text(v), value });
  }
  return out;
}

/** The item's amounts after the API server's defaulting of Container items. */
function defaulted(item: JsonObject): { readonly [field in Field]: Map<string, Amount> } {
  const a = Object.fromEntries(FIELDS.map(f => [f, amounts(item, f)])) as { [field in Field]: Map<string, Amount> };
  if (item.type === 'Container') {
    for (const [k, v] of a.max) if (!a.default.has(k)) a.default.set(k, v);
    for (const [k, v] of a.default) if (!a.defaultRequest.has(k)) a.defaultRequest.set(k, v);
    for (const [k, v] of a.min) if (!a.defaultRequest.has(k)) a.defaultRequest.set(k, v);
  }
  return a;
}

/** An item's type: a qualified name and, without a domain prefix, Pod, Container or PersistentVolumeClaim. */
function checkType(item: JsonObject, path: string, seen: Set<unknown>, add: Add): void {
  const type = item.type;
  if (typeof type !== 'string') return;
  const p = checkQualifiedName(type);
  if (p) add('limit-range-items', `${path}.type`, `type '${type}' ${p}`);
  else if (!type.includes('/') && !STANDARD_TYPES.has(type)) add('limit-range-items', `${path}.type`, `type '${type}' must be a standard limit type (${[...STANDARD_TYPES].join(', ')}) or fully qualified`);
  if (seen.has(type)) add('limit-range-items', `${path}.type`, `type '${type}' is listed twice; a LimitRange has at most one item per type`);
  seen.add(type);
}

/** Resource names (container names for Pod and Container items), no defaults in Pod items, storage in PVC items. */
function checkNames(item: JsonObject, path: string, add: Add): void {
  const names = item.type === 'Pod' || item.type === 'Container' ? containerResourceNameProblems : resourceNameProblems;
  const fields = item.type === 'Pod' ? ['max', 'min', 'maxLimitRequestRatio'] : FIELDS;
  for (const field of fields) {
    for (const [name] of entriesOf(item[field])) {
      for (const p of names(name)) add('limit-range-items', `${path}.${field}.${name}`, `resource '${name}' ${p}`);
    }
  }
  if (item.type === 'Pod') {
    for (const field of ['default', 'defaultRequest']) {
      if (entriesOf(item[field]).length > 0) add('limit-range-items', `${path}.${field}`, `${field} may not be specified when \`type\` is 'Pod' (a Pod has no defaults; use a Container item)`);
    }
  }
  if (item.type === 'PersistentVolumeClaim' && asObject(item.min).storage === undefined && asObject(item.max).storage === undefined) {
    add('limit-range-items', path, 'a PersistentVolumeClaim item needs a minimum or maximum storage value');
  }
}

/** An amount of `name` in the units people read (`0.5 cores`, `1 GiB`). */
function human(name: string, amount: Amount): string {
  return humanAmount(name, amount.value);
}

/** min <= defaultRequest <= default <= max, 1 <= maxLimitRequestRatio <= max/min, default == defaultRequest for non-overcommit resources. */
function checkOrder(item: JsonObject, path: string, add: Add): void {
  const a = defaulted(item);
  const at = (field: Field, name: string) => `${path}.${field}.${name}`;
  const names = new Set(FIELDS.flatMap(f => [...a[f].keys()]));
  const order: [Field, Field, Field][] = [
    ['min', 'max', 'min'], ['min', 'defaultRequest', 'defaultRequest'], ['defaultRequest', 'max', 'defaultRequest'],
    ['defaultRequest', 'default', 'defaultRequest'], ['min', 'default', 'default'], ['default', 'max', 'default'],
  ];
  for (const name of names) {
    for (const [low, high, field] of order) {
      const l = a[low].get(name);
      const h = a[high].get(name);
      if (l && h && exceeds(l.value, h.value)) add('limit-range-values', at(field, name), `${name}: ${low} ${human(name, l)} is greater than ${high} ${human(name, h)}; a LimitRange needs min <= defaultRequest <= default <= max`);
    }
    const ratio = a.maxLimitRequestRatio.get(name);
    const min = a.min.get(name);
    const max = a.max.get(name);
    if (ratio && exceeds(1, ratio.value)) add('limit-range-values', at('maxLimitRequestRatio', name), `${name}: maxLimitRequestRatio ${ratio.text} is less than 1`);
    if (ratio && min && max && exceeds(ratio.value, max.value / min.value)) {
      add('limit-range-values', at('maxLimitRequestRatio', name), `${name}: maxLimitRequestRatio ${ratio.text} is greater than max/min = ${human(name, max)}/${human(name, min)}`);
    }
    const def = a.default.get(name);
    const req = a.defaultRequest.get(name);
    if (!isOvercommitAllowed(name) && def && req && def.value !== req.value) {
      add('limit-range-values', at('defaultRequest', name), `${name}: default ${human(name, def)} must equal defaultRequest ${human(name, req)} (${name} cannot be overcommitted)`);
    }
  }
}

/** The API problems of a LimitRange (its metadata is checked for every kind elsewhere). */
export function checkLimitRange(obj: JsonObject): SemanticProblem[] {
  const { problems, add } = collector();
  const seen = new Set<unknown>();
  for (const { item, index } of structItems(asObject(obj.spec).limits, { type: '' })) {
    const path = `spec.limits[${index}]`;
    checkType(item, path, seen, add);
    checkNames(item, path, add);
    checkOrder(item, path, add);
  }
  return problems;
}
