import { PodContext } from './context';
import { structItems, text } from '../../../../k8s/shape';
import { checkLabelValue, checkQualifiedName } from '../../../../k8s/syntax';

/**
 * Tolerations: a key is a label key; an empty key needs operator Exists (it matches every taint); tolerationSeconds
 * only with effect NoExecute; Equal (or no operator) takes a label value, Exists no value; Lt and Gt are an alpha
 * feature (TaintTolerationComparisonOperators, off by default in 1.35-1.37) the API server refuses.
 * Mirrors `ValidateTolerations` in pkg/apis/core/validation/validation.go (the effect enum is the schema's).
 * @internal
 */
export function checkTolerations({ spec, add }: PodContext): void {
  for (const { item: t, index: i } of structItems(spec.tolerations)) {
    const at = `tolerations[${i}]`;
    const key = typeof t.key === 'string' ? t.key : '';
    const who = `toleration of '${key === '' ? '*' : key}'`;
    if (key !== '') {
      const kp = checkQualifiedName(key);
      if (kp) add('tolerations', `${at}.key`, `toleration key '${key}' ${kp}`);
    }
    const operator = typeof t.operator === 'string' ? t.operator : '';
    if (key === '' && operator !== 'Exists') {
      add('tolerations', `${at}.operator`, `a toleration without a key must use operator Exists (operator ${operator === '' ? 'unset, meaning Equal' : operator}): an empty key with Exists means "match all values and all keys"`);
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && t.effect !== 'NoExecute') {
      add('tolerations', `${at}.effect`, `${who} sets tolerationSeconds, so its effect must be 'NoExecute' (effect is ${text(t.effect ?? 'unset')})`);
    }
    const value = typeof t.value === 'string' ? t.value : '';
    if (operator === 'Equal' || operator === '') {
      const vp = checkLabelValue(value);
      if (vp) add('tolerations', `${at}.value`, `${who} value '${value}' ${vp}`);
    } else if (operator === 'Exists') {
      if (value !== '') add('tolerations', `${at}.value`, `${who} with operator Exists must not set a value (got '${value}'): value must be empty when \`operator\` is 'Exists'`);
    } else if (operator === 'Lt' || operator === 'Gt') {
      add('tolerations', `${at}.operator`, `${who} uses operator ${operator}, which needs the alpha feature gate TaintTolerationComparisonOperators; supported values: Equal, Exists`);
    }
  }
}
