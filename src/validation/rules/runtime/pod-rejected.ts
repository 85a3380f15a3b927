import { Predict } from './checks';
import { containersOf } from '../../../k8s/pod-template';
import { asList, asObject, entriesOf, isObject, objectItems, own, text } from '../../../k8s/shape';

type Json = { [key: string]: any };

/** The built-in PriorityClasses and their values (`SystemPriorityClasses` in pkg/apis/scheduling). */
const SYSTEM_PRIORITY_CLASSES: { readonly [name: string]: number } = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};


/**
 * Templates the API server accepts whose Pods it rejects, so the controller (the DaemonSet controller, a ReplicaSet
 * ...) can never create one:
 * - `priority` that is not the PriorityClass's value (the Priority admission plugin, plugin/pkg/admission/priority:
 *   "the integer value of priority must not be provided in pod spec"), and `preemptionPolicy` other than a built-in
 *   class's PreemptLowerPriority;
 * - under hostNetwork, a containerPort whose defaulted hostPort (`SetDefaults_Pod` copies containerPort into an unset
 *   hostPort) collides with another port's (`AccumulateUniqueHostPorts`: "Duplicate value: TCP//9100");
 * - an image with leading or trailing whitespace (`validateContainerOnlyForPod`);
 * - matchLabelKeys of pod affinity terms and (from 1.34) topology spread constraints naming a key the selector
 *   already selects: the Pod's selector gets `key In (value)` merged in (`applyLabelKeysToLabelSelector` in
 *   pkg/registry/core/pod/strategy.go) and `ValidateMatchLabelKeysAndMismatchLabelKeys` then refuses the repeat.
 */
export function podRejected(podSpec: Json, podMeta: Json, predict: Predict, kind = 'DaemonSet', kubernetesMinor = 37): void {
  const prefix = `the API server accepts this ${kind}, but rejects the Pods its controller creates: `;
  checkPriority(podSpec, predict, prefix);
  checkDefaultedHostPorts(podSpec, predict, prefix);
  for (const ref of containersOf(podSpec)) {
    const image = ref.container.image;
    if (typeof image === 'string' && image !== image.trim() && image.trim() !== '') {
      predict('pod-rejected', `${ref.path}.image`, `${prefix}image '${image}' of ${ref.init ? 'init container' : 'container'} '${text(ref.container.name)}' must not have leading or trailing whitespace`);
    }
  }
  const labels = asObject(podMeta).labels;
  const affinity = asObject(podSpec.affinity);
  for (const field of ['podAffinity', 'podAntiAffinity']) {
    const a = asObject(affinity[field]);
    for (const { item, index } of objectItems(a.requiredDuringSchedulingIgnoredDuringExecution)) {
      mergedKeys(item, labels, prefix, `affinity.${field}.requiredDuringSchedulingIgnoredDuringExecution[${index}]`, predict);
    }
    for (const { item, index } of objectItems(a.preferredDuringSchedulingIgnoredDuringExecution)) {
      mergedKeys(asObject(item.podAffinityTerm), labels, prefix, `affinity.${field}.preferredDuringSchedulingIgnoredDuringExecution[${index}].podAffinityTerm`, predict);
    }
  }
  if (kubernetesMinor >= 34) {
    for (const { item, index } of objectItems(podSpec.topologySpreadConstraints)) mergedKeys(item, labels, prefix, `topologySpreadConstraints[${index}]`, predict);
  }
}

function checkPriority(spec: Json, predict: Predict, prefix: string): void {
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  const known = own(SYSTEM_PRIORITY_CLASSES, className) as number | undefined;
  if (typeof spec.priority === 'number') {
    // Without a class (and without a globalDefault class, which we cannot see) the computed priority is 0.
    const computed = className === '' ? 0 : known;
    if (computed !== spec.priority) {
      predict('pod-rejected', 'priority', `${prefix}the Priority admission plugin computes the priority from ${className === '' ? 'the default (0)' : `PriorityClass '${className}'${known === undefined ? '' : ` (${known})`}`} and refuses a Pod that sets another (${spec.priority}): "the integer value of priority must not be provided in pod spec"; remove priority and set priorityClassName only`);
    }
  }
  if (known !== undefined && typeof spec.preemptionPolicy === 'string' && spec.preemptionPolicy !== 'PreemptLowerPriority') {
    predict('pod-rejected', 'preemptionPolicy', `${prefix}PriorityClass '${className}' has preemptionPolicy PreemptLowerPriority and the Priority admission plugin refuses a Pod that sets ${spec.preemptionPolicy}; remove preemptionPolicy`);
  }
}

/** Under hostNetwork, host ports as the Pod has them after defaulting: an unset (0) hostPort becomes the containerPort. */
function checkDefaultedHostPorts(spec: Json, predict: Predict, prefix: string): void {
  if (spec.hostNetwork !== true) return;
  for (const init of [false, true]) {
    const bound = new Map<string, { path: string; defaulted: boolean }>();
    for (const ref of containersOf(spec).filter(r => r.init === init && !r.ephemeral)) {
      for (const { item: p, index } of objectItems(ref.container.ports)) {
        const hostPort = typeof p.hostPort === 'number' && p.hostPort !== 0 ? p.hostPort : p.containerPort;
        if (typeof hostPort !== 'number') continue;
        const defaulted = !(typeof p.hostPort === 'number' && p.hostPort !== 0);
        const key = `${text(p.protocol ?? 'TCP')}/${text(p.hostIP ?? '')}/${hostPort}`;
        const path = `${ref.path}.ports[${index}]`;
        const first = bound.get(key);
        // Two explicit host ports colliding are the template's own error (semantics), not a Pod-only one.
        if (first && (defaulted || first.defaulted)) {
          predict('pod-rejected', `${path}.hostPort`, `${prefix}with hostNetwork the Pod's hostPort defaults to containerPort ${hostPort}, which ${first.path} already binds on the host ("Duplicate value: ${key}"); use distinct container ports`);
        }
        if (!first) bound.set(key, { path, defaulted });
      }
    }
  }
}

/** matchLabelKeys whose merged `key In (value)` repeats a key the selector already selects. */
function mergedKeys(term: Json, labels: unknown, prefix: string, path: string, predict: Predict): void {
  const selector = term.labelSelector;
  if (!isObject(selector)) return;
  const selected = new Set([
    ...entriesOf(selector.matchLabels).map(([k]) => k),
    ...objectItems(selector.matchExpressions).map(({ item }) => item.key),
  ]);
  asList(term.matchLabelKeys).forEach((k, i) => {
    if (typeof k !== 'string' || own(labels, k) === undefined || !selected.has(k)) return;
    predict('pod-rejected', `${path}.matchLabelKeys[${i}]`, `${prefix}the Pod's labelSelector gets '${k} In (${text(own(labels, k))})' merged in from matchLabelKeys, and '${k}' then exists in both matchLabelKeys and labelSelector; drop '${k}' from one of them`);
  });
}
