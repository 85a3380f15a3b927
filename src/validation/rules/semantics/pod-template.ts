/**
 * What a workload's pod template may not contain, beyond the pod spec's own rules: ephemeral containers (any
 * template: `ValidatePodTemplateSpec` in k8s.io/kubernetes `pkg/apis/core/validation/validation.go`),
 * activeDeadlineSeconds (DaemonSet, Deployment, ReplicaSet, StatefulSet: their pods run until replaced, `ValidateDaemonSetSpec`,
 * `ValidatePodTemplateSpecForReplicaSet`, `ValidatePodTemplateSpecForStatefulSet` in `pkg/apis/apps/validation`) and,
 * before Kubernetes 1.31, a DaemonSet's writable GCE persistent disk (`ValidateReadOnlyPersistentDisks`).
 */
import { Add } from './checks';
import { minorOf } from '../../../k8s/object-names';
import { asList, asObject, isObject, structItems, text } from '../../../k8s/shape';

/** The kinds whose templates may not set activeDeadlineSeconds. */
const NO_ACTIVE_DEADLINE = new Set(['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet']);

/**
 * Checks the pod template rules of a workload of `kind` whose pod spec is at `base` (e.g. `spec.template.spec`).
 * @param kubernetesVersion the Kubernetes minor version judged (`1.37`; unset: the newest)
 */
export function checkPodTemplateRules(kind: string, podSpecInput: unknown, base: string, add: Add, kubernetesVersion?: string): void {
  const podSpec = asObject(podSpecInput);
  if (asList(podSpec.ephemeralContainers).length > 0) {
    add('pod-template', `${base}.ephemeralContainers`, 'ephemeral containers are not allowed in a pod template (they are added to running pods with kubectl debug): remove them');
  }
  if (NO_ACTIVE_DEADLINE.has(kind) && podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    add('pod-template', `${base}.activeDeadlineSeconds`, `activeDeadlineSeconds is ${text(podSpec.activeDeadlineSeconds)}; it is not supported in a ${kind} (its pods run until they are replaced): remove it`);
  }
  if (kind !== 'DaemonSet' || (minorOf(kubernetesVersion) ?? Infinity) >= 31) return;
  for (const { item, index } of structItems(podSpec.volumes)) {
    if (isObject(item.gcePersistentDisk) && item.gcePersistentDisk.readOnly !== true) {
      add('pod-template', `${base}.volumes[${index}].gcePersistentDisk.readOnly`, `volume '${text(item.name)}' mounts a GCE persistent disk read-write; before Kubernetes 1.31 the API server requires readOnly: true in a DaemonSet (a GCE PD can be attached to several nodes only read-only)`);
    }
  }
}
