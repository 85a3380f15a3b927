import { asList, entriesOf, isObject, structItems } from '../../../../k8s/shape';
import { checkQualifiedName } from '../../../../k8s/syntax';
import { Add } from '../checks';

type Json = { [key: string]: any };

/**
 * `matchLabelKeys` and `mismatchLabelKeys` of a pod affinity term or a topology spread constraint: label keys, only
 * with a labelSelector, no key in both lists, and no expression of the selector on a key already selected (by
 * matchLabels or an earlier expression) that matchLabelKeys also names. The API server checks the template as written;
 * a Pod it checks after merging `key In (label value)` into the selector (see runtime/pod-rejected).
 * Mirrors `ValidateMatchLabelKeysAndMismatchLabelKeys` and `validateLabelKeys` in pkg/apis/core/validation/validation.go.
 * @internal
 */
export function checkLabelKeys(term: Json, path: string, check: 'pod-affinity' | 'topology-spread', add: Add): void {
  const matchKeys = asList(term.matchLabelKeys).filter((k): k is string => typeof k === 'string');
  const mismatchKeys = asList(term.mismatchLabelKeys).filter((k): k is string => typeof k === 'string');
  const selector = term.labelSelector;
  for (const [field, keys] of [['matchLabelKeys', matchKeys], ['mismatchLabelKeys', mismatchKeys]] as const) {
    if (keys.length === 0) continue;
    if (!isObject(selector)) {
      add(check, `${path}.${field}`, `${field} must not be specified when labelSelector is not set`);
      continue;
    }
    keys.forEach((k, i) => {
      const kp = checkQualifiedName(k);
      if (kp) add(check, `${path}.${field}[${i}]`, `${field} key '${k}' ${kp}`);
    });
  }
  if (isObject(selector)) {
    const seen = new Set(entriesOf(selector.matchLabels).map(([k]) => k));
    for (const { item: e } of structItems(selector.matchExpressions)) {
      if (typeof e.key !== 'string') continue;
      const i = matchKeys.lastIndexOf(e.key);
      if (i >= 0 && seen.has(e.key)) add(check, `${path}[${i}]`, `matchLabelKeys key '${e.key}' exists in both matchLabelKeys and labelSelector`);
      seen.add(e.key);
    }
  }
  matchKeys.forEach((k, i) => {
    if (mismatchKeys.includes(k)) add(check, `${path}.matchLabelKeys[${i}]`, `key '${k}' exists in both matchLabelKeys and mismatchLabelKeys`);
  });
}

/**
 * The keys of `matchLabelKeys` that make the Pods of a template invalid: the API server merges `key In (value)` for
 * each key the pod's labels carry into the selector (`applyLabelKeysToLabelSelector` in pkg/registry/core/pod/strategy.go),
 * then rejects a key the selector already selected. @internal
 */
export function keysRejectedAfterMerge(term: Json, podLabels: unknown): string[] {
  const selector = term.labelSelector;
  if (!isObject(selector)) return [];
  const selected = new Set([
    ...entriesOf(selector.matchLabels).map(([k]) => k),
    ...structItems(selector.matchExpressions).map(({ item }) => item.key),
  ]);
  const labels = isObject(podLabels) ? podLabels : {};
  return asList(term.matchLabelKeys).filter((k): k is string => typeof k === 'string'
    && Object.prototype.hasOwnProperty.call(labels, k) && selected.has(k));
}
