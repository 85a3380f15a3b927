import { Add } from './checks';
import { isInt64, operatorValues } from '../../../k8s/node-selector';
import { asList, asObject, entriesOf, objectItems, text } from '../../../k8s/shape';
import { checkLabel, checkQualifiedName } from '../../../k8s/syntax';

type Json = { [key: string]: any };

/** The scheduling fields of a pod spec: node selector, node affinity (operators from the one table), tolerations. @internal */
export function checkScheduling(podSpec: Json, add: Add): void {
  for (const [k, v] of entriesOf(podSpec.nodeSelector)) {
    const p = checkLabel(k, v);
    if (p.key) add('node-selector', 'nodeSelector', `nodeSelector key '${k}' ${p.key}`);
    if (p.value) add('node-selector', `nodeSelector.${k}`, `nodeSelector '${k}' value '${v}' ${p.value}`);
  }
  const na = asObject(asObject(podSpec.affinity).nodeAffinity);
  const terms: { path: string; exprs: unknown }[] = [];
  for (const { item: t, index: i } of objectItems(asObject(na.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms)) {
    terms.push({ path: `affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[${i}]`, exprs: t.matchExpressions });
  }
  for (const { item: t, index: i } of objectItems(na.preferredDuringSchedulingIgnoredDuringExecution)) {
    const path = `affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
    if (!Number.isInteger(t.weight) || t.weight < 1 || t.weight > 100) add('node-affinity', `${path}.weight`, `preferred node affinity weight ${text(t.weight)} is out of range; use an integer from 1 to 100`);
    terms.push({ path: `${path}.preference`, exprs: asObject(t.preference).matchExpressions });
  }
  for (const { path, exprs } of terms) {
    for (const { item: e, index: j } of objectItems(exprs)) {
      const ep = `${path}.matchExpressions[${j}]`;
      const values = asList(e.values);
      const shown = values.map(text).join(', ');
      const key = text(e.key);
      const kp = typeof e.key === 'string' ? checkQualifiedName(e.key) : undefined;
      if (kp) add('node-affinity', `${ep}.key`, `node affinity key '${key}' ${kp}`);
      const takes = operatorValues(e.operator);
      if (takes === 'one-integer') {
        if (values.length !== 1 || !isInt64(text(values[0]))) {
          add('node-affinity', `${ep}.values`, `node affinity ${e.operator} on '${key}' needs exactly one integer value, got [${shown}]`);
        }
      } else if (takes === 'none') {
        if (values.length > 0) add('node-affinity', `${ep}.values`, `node affinity ${e.operator} on '${key}' takes no values, got [${shown}]`);
      } else if (takes === 'some' && values.length === 0 && !(e.values != null && !Array.isArray(e.values))) {
        add('node-affinity', `${ep}.values`, `node affinity ${e.operator} on '${key}' needs at least one value`);
      }
    }
  }
  for (const { item: t, index: i } of objectItems(podSpec.tolerations)) {
    const tp = `tolerations[${i}]`;
    if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') add('tolerations', `${tp}.value`, `toleration of '${text(t.key ?? '*')}' with operator Exists must not set a value (got '${text(t.value)}')`);
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') add('tolerations', `${tp}.tolerationSeconds`, `toleration of '${text(t.key ?? '*')}' sets tolerationSeconds, which only applies to the NoExecute effect (effect is ${text(t.effect ?? 'any')})`);
    if (t.key === undefined && t.operator !== 'Exists') add('tolerations', `${tp}.operator`, 'a toleration without a key must use operator Exists');
  }
}

