import { PodContext } from './context';
import { checkLabelKeys } from './label-keys';
import { checkLabelSelector } from '../../../../k8s/label-selector';
import { asObject, structItems, text } from '../../../../k8s/shape';
import { checkDns1123Label, checkQualifiedName } from '../../../../k8s/syntax';

type Json = { [key: string]: any };

/**
 * Pod affinity and anti-affinity: each term's label and namespace selectors (`ValidateLabelSelector`), namespaces
 * (namespace names), matchLabelKeys/mismatchLabelKeys, and a topologyKey that is required and a label key; preferred
 * terms weigh 1-100. Mirrors `validatePodAffinity`, `validatePodAntiAffinity`, `validateWeightedPodAffinityTerms` and
 * `validatePodAffinityTerm` in pkg/apis/core/validation/validation.go.
 * @internal
 */
export function checkPodAffinity({ spec, add }: PodContext): void {
  const affinity = asObject(spec.affinity);
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = asObject(affinity[kind]);
    const base = `affinity.${kind}`;
    for (const { item, index } of structItems(a.requiredDuringSchedulingIgnoredDuringExecution)) {
      checkTerm(item, `${base}.requiredDuringSchedulingIgnoredDuringExecution[${index}]`, ctxAdd(add));
    }
    for (const { item, index } of structItems(a.preferredDuringSchedulingIgnoredDuringExecution)) {
      const path = `${base}.preferredDuringSchedulingIgnoredDuringExecution[${index}]`;
      if (item.weight == null || (typeof item.weight === 'number' && (item.weight < 1 || item.weight > 100))) {
        add('pod-affinity', `${path}.weight`, `${kind} weight ${text(item.weight ?? 0)} must be in the range 1-100`);
      }
      checkTerm(asObject(item.podAffinityTerm), `${path}.podAffinityTerm`, ctxAdd(add));
    }
  }
}

const ctxAdd = (add: PodContext['add']) => (path: string, message: string) => add('pod-affinity', path, message);

function checkTerm(term: Json, path: string, report: (path: string, message: string) => void): void {
  for (const field of ['labelSelector', 'namespaceSelector']) {
    for (const p of checkLabelSelector(term[field], `${path}.${field}`)) report(p.path, `${field}: ${p.message}`);
  }
  (Array.isArray(term.namespaces) ? term.namespaces : []).forEach((ns: unknown) => {
    if (typeof ns !== 'string') return;
    const np = checkDns1123Label(ns);
    if (np) report(`${path}.namespace`, `namespace '${ns}' ${np}`);
  });
  checkLabelKeys(term, path, 'pod-affinity', (_check, p, m) => report(p, m));
  const key = typeof term.topologyKey === 'string' ? term.topologyKey : '';
  if (key === '') {
    report(`${path}.topologyKey`, 'topologyKey can not be empty; name a node label such as kubernetes.io/hostname');
  } else {
    const kp = checkQualifiedName(key);
    if (kp) report(`${path}.topologyKey`, `topologyKey '${key}' ${kp}`);
  }
}
