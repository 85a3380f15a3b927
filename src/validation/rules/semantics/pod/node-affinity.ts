import { PodContext } from './context';
import { checkNodeSelector, checkNodeSelectorTerm } from '../../../../k8s/node-selector';
import { asObject, entriesOf, structItems, text } from '../../../../k8s/shape';
import { checkLabel } from '../../../../k8s/syntax';

/**
 * `nodeSelector` (labels: `ValidateLabels`) and node affinity: the required selector (`ValidateNodeSelector`, at least
 * one term, label values checked) and the preferred terms (`ValidatePreferredSchedulingTerms`: weight 1-100, label
 * values not checked). Mirrors `validateNodeAffinity` in pkg/apis/core/validation/validation.go, through the one node
 * selector implementation in k8s/node-selector.
 * @internal
 */
export function checkNodeAffinity({ spec, add }: PodContext): void {
  for (const [k, v] of entriesOf(spec.nodeSelector)) {
    const p = checkLabel(k, v);
    if (p.key) add('node-selector', 'nodeSelector', `nodeSelector key '${k}' ${p.key}`);
    if (p.value) add('node-selector', `nodeSelector.${k}`, `nodeSelector '${k}' value '${v}' ${p.value}`);
  }
  const na = asObject(asObject(spec.affinity).nodeAffinity);
  const base = 'affinity.nodeAffinity';
  for (const p of checkNodeSelector(na.requiredDuringSchedulingIgnoredDuringExecution, `${base}.requiredDuringSchedulingIgnoredDuringExecution`)) {
    add('node-affinity', p.path, `required node affinity: ${p.message}`);
  }
  for (const { item: t, index: i } of structItems(na.preferredDuringSchedulingIgnoredDuringExecution)) {
    const path = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    if (typeof t.weight === 'number' && (t.weight < 1 || t.weight > 100)) {
      add('node-affinity', `${path}.weight`, `preferred node affinity weight ${text(t.weight)} must be in the range 1-100`);
    } else if (t.weight === undefined || t.weight === null) {
      add('node-affinity', `${path}.weight`, 'preferred node affinity weight is required and must be in the range 1-100');
    }
    for (const p of checkNodeSelectorTerm(t.preference, `${path}.preference`, { labelValues: false })) {
      add('node-affinity', p.path, `preferred node affinity: ${p.message}`);
    }
  }
}
