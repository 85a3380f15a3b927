import { ApiObject, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';

/**
 * Every field cdk8s-plus-27 cannot render, added as a typed JSON patch on the `ApiObject` it renders. The
 * values use the pre-serializer (camelCase) names the generated `k8s` serializer maps; a plain string where
 * it expects `IntOrString` or `Quantity` would be silently dropped (cdk8s#2172).
 *
 * Patches apply in the order they are added, and `add` appends a new key, so callers keep the order of the
 * YAML by calling these in the same sequence every time.
 */

/** The pod spec inside a DaemonSet. */
export const POD_SPEC = '/spec/template/spec';

/** The DaemonSet-level fields of `DaemonSet` (JSON patches onto `spec` and the pod spec). */
export interface DaemonSetFieldValues {
  readonly updateStrategy: k8s.DaemonSetUpdateStrategy;
  readonly revisionHistoryLimit?: number;
  readonly priorityClassName?: string;
  /** Emitted only when given (`false` included). */
  readonly hostPid?: boolean;
  /** Emitted only when given (`false` included). */
  readonly hostIpc?: boolean;
  /** Emitted only when given (`true` included). */
  readonly hostUsers?: boolean;
  readonly runtimeClassName?: string;
  readonly topologySpreadConstraints?: k8s.TopologySpreadConstraint[];
  readonly seccompProfile: k8s.SeccompProfile;
}

/** Adds the DaemonSet-level fields cdk8s-plus-27 lacks. */
export function patchDaemonSetFields(obj: ApiObject, f: DaemonSetFieldValues): void {
  const patch = (path: string, value: unknown) => obj.addJsonPatch(JsonPatch.add(path, value));
  patch('/spec/updateStrategy', f.updateStrategy);
  if (f.revisionHistoryLimit !== undefined) patch('/spec/revisionHistoryLimit', f.revisionHistoryLimit);
  if (f.priorityClassName !== undefined) patch(`${POD_SPEC}/priorityClassName`, f.priorityClassName);
  if (f.hostPid !== undefined) patch(`${POD_SPEC}/hostPid`, f.hostPid);
  if (f.hostIpc !== undefined) patch(`${POD_SPEC}/hostIpc`, f.hostIpc);
  if (f.hostUsers !== undefined) patch(`${POD_SPEC}/hostUsers`, f.hostUsers);
  if (f.runtimeClassName !== undefined) patch(`${POD_SPEC}/runtimeClassName`, f.runtimeClassName);
  if (f.topologySpreadConstraints?.length) patch(`${POD_SPEC}/topologySpreadConstraints`, f.topologySpreadConstraints);
  patch(`${POD_SPEC}/securityContext/seccompProfile`, f.seccompProfile);
}

/**
 * Adds the node selector once; the patch holds the live map, so entries added later still reach the YAML.
 */
export function patchNodeSelector(obj: ApiObject, liveSelector: { [key: string]: string }): void {
  obj.addJsonPatch(JsonPatch.add(`${POD_SPEC}/nodeSelector`, liveSelector));
}

/** Adds the image pull secrets once; the patch holds the live list (several secrets, unlike cdk8s-plus-27). */
export function patchImagePullSecrets(obj: ApiObject, liveSecrets: { name: string }[]): void {
  obj.addJsonPatch(JsonPatch.add(`${POD_SPEC}/imagePullSecrets`, liveSecrets));
}

/** The fields of one container cdk8s-plus-27 cannot render. */
export interface ContainerFieldValues {
  /** `resources`, rendered by `renderResources` (sizes in any unit, extended resources). */
  readonly resources?: unknown;
  /** `securityContext.capabilities` without the `CAP_` prefix. */
  readonly capabilities?: { add?: string[]; drop?: string[] };
  /** `livenessProbe`, `readinessProbe`, `startupProbe`, in that order, when given. */
  readonly probes: [string, unknown][];
  /** `terminationMessagePolicy`, when given. */
  readonly terminationMessagePolicy?: string;
}

/** Adds one container's extra fields. */
export function patchContainer(obj: ApiObject, init: boolean, index: number, f: ContainerFieldValues): void {
  const base = `${POD_SPEC}/${init ? 'initContainers' : 'containers'}/${index}`;
  const patch = (path: string, value: unknown) => obj.addJsonPatch(JsonPatch.add(`${base}/${path}`, value));
  if (f.resources) patch('resources', f.resources);
  if (f.capabilities) patch('securityContext/capabilities', f.capabilities);
  for (const [field, probe] of f.probes) patch(field, probe);
  if (f.terminationMessagePolicy !== undefined) patch('terminationMessagePolicy', f.terminationMessagePolicy);
}

/**
 * Adds what a DaemonSet's Service needs beyond cdk8s-plus-27: target ports by container port name, the ports'
 * application protocols, and the internal traffic policy.
 */
export function patchService(obj: ApiObject, targets: { target: number | string; appProtocol?: string }[], internalTrafficPolicy?: string): void {
  targets.forEach((t, i) => {
    if (typeof t.target === 'string') obj.addJsonPatch(JsonPatch.add(`/spec/ports/${i}/targetPort`, { value: t.target }));
    if (t.appProtocol !== undefined) obj.addJsonPatch(JsonPatch.add(`/spec/ports/${i}/appProtocol`, t.appProtocol));
  });
  if (internalTrafficPolicy) obj.addJsonPatch(JsonPatch.add('/spec/internalTrafficPolicy', internalTrafficPolicy));
}
