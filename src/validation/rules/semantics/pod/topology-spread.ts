import { minorVersion, PodContext } from './context';
import { checkLabelKeys } from './label-keys';
import { checkLabelSelector } from '../../../../k8s/label-selector';
import { asList, entriesOf, isObject, structItems, text } from '../../../../k8s/shape';
import { checkQualifiedName } from '../../../../k8s/syntax';

type Json = { [key: string]: any };

/**
 * Topology spread constraints: maxSkew greater than 0, a topologyKey, a whenUnsatisfiable, no two constraints with
 * the same {topologyKey, whenUnsatisfiable}, minDomains greater than 0 and only with DoNotSchedule, the label
 * selector, and matchLabelKeys (from 1.34, with MatchLabelKeysInPodTopologySpreadSelectorMerge, the rule of pod
 * affinity terms; before, no key may also appear in the selector). Node policy and whenUnsatisfiable enums are the
 * schema's. Mirrors `validateTopologySpreadConstraints` in pkg/apis/core/validation/validation.go.
 * @internal
 */
export function checkTopologySpread({ spec, add, kubernetesVersion }: PodContext): void {
  const constraints = structItems(spec.topologySpreadConstraints);
  constraints.forEach(({ item: c, index: i }) => {
    const path = `topologySpreadConstraints[${i}]`;
    if (c.maxSkew == null || (typeof c.maxSkew === 'number' && c.maxSkew <= 0)) {
      add('topology-spread', `${path}.maxSkew`, `maxSkew ${text(c.maxSkew ?? 0)} must be greater than 0`);
    }
    if (c.topologyKey == null || c.topologyKey === '') add('topology-spread', `${path}.topologyKey`, 'topologyKey can not be empty; name a node label such as topology.kubernetes.io/zone');
    if (c.whenUnsatisfiable == null || c.whenUnsatisfiable === '') add('topology-spread', `${path}.whenUnsatisfiable`, 'whenUnsatisfiable is required: DoNotSchedule or ScheduleAnyway');
    const repeated = constraints.slice(i + 1).some(({ item: o }) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable);
    if (repeated) add('topology-spread', `${path}.{topologyKey, whenUnsatisfiable}`, `duplicate constraint {${text(c.topologyKey)}, ${text(c.whenUnsatisfiable)}}: each {topologyKey, whenUnsatisfiable} pair may appear once`);
    if (c.minDomains != null) {
      if (typeof c.minDomains === 'number' && c.minDomains <= 0) add('topology-spread', `${path}.minDomains`, `minDomains ${c.minDomains} must be greater than 0`);
      if (c.whenUnsatisfiable !== 'DoNotSchedule') add('topology-spread', `${path}.minDomains`, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${text(c.whenUnsatisfiable ?? '')}`);
    }
    // An empty node inclusion policy is not unset: mirrors validateNodeInclusionPolicy (the schema lets '' through).
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      if (c[f] === '') add('topology-spread', `${path}.${f}`, `${f} "" is not supported; supported values: "Honor", "Ignore" (or leave it unset)`);
    }
    if (minorVersion(kubernetesVersion) >= 34) checkLabelKeys({ matchLabelKeys: c.matchLabelKeys, labelSelector: c.labelSelector }, path, 'topology-spread', add);
    else legacyMatchLabelKeys(c, `${path}.matchLabelKeys`, add);
    for (const p of checkLabelSelector(c.labelSelector, `${path}.labelSelector`)) add('topology-spread', p.path, `labelSelector: ${p.message}`);
  });
}

/** Before 1.34: `ValidateMatchLabelKeysInTopologySpread` (no key of matchLabelKeys in the selector). */
function legacyMatchLabelKeys(c: Json, path: string, add: PodContext['add']): void {
  const keys = asList(c.matchLabelKeys).filter((k): k is string => typeof k === 'string');
  if (keys.length === 0) return;
  if (!isObject(c.labelSelector)) {
    add('topology-spread', path, 'matchLabelKeys must not be specified when labelSelector is not set');
    return;
  }
  const selected = new Set([
    ...entriesOf(c.labelSelector.matchLabels).map(([k]) => k),
    ...structItems(c.labelSelector.matchExpressions).map(({ item }) => item.key),
  ]);
  keys.forEach((k, i) => {
    const kp = checkQualifiedName(k);
    if (kp) add('topology-spread', `${path}[${i}]`, `matchLabelKeys key '${k}' ${kp}`);
    if (selected.has(k)) add('topology-spread', `${path}[${i}]`, `matchLabelKeys key '${k}' exists in both matchLabelKeys and labelSelector`);
  });
}
