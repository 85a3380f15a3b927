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

/** Fields of a pod's or container's `securityContext` that the DaemonSet writes after cdk8s-plus-27 has rendered it. */
export interface SecurityContextFieldValues {
  readonly appArmorProfile?: { localhostProfile?: string; type: string };
  readonly procMount?: string;
  readonly seLinuxOptions?: { [field: string]: string };
  readonly seccompProfile?: { localhostProfile?: string; type: string };
  readonly supplementalGroups?: number[];
  readonly supplementalGroupsPolicy?: string;
}

type Json = { [key: string]: any };

/** Per rendered object: the security-context fields to add to its serializer's output, in the order given. */
const SECURITY_FIELDS = new WeakMap<ApiObject, { holder: readonly (string | number)[]; fields: SecurityContextFieldValues }[]>();

/**
 * Adds security-context fields to the object that holds a `securityContext` (the pod spec, or a container), once the
 * generated serializer has run: the serializer of cdk8s-plus-27 (Kubernetes 1.27) drops the fields it does not know
 * (`appArmorProfile`, `supplementalGroupsPolicy`), and a JSON patch could not survive a hardening level's removal of
 * the whole `securityContext`. The `securityContext` is created when the level removed it; its keys are sorted, as the
 * serializer sorts them. Nothing changes for an object with no such fields.
 *
 * Install it after `renderStringMapsLinearly`, which replaces `toJson` (this wraps the `toJson` it finds first).
 * @param holder the keys from the object's root to the holder, e.g. `['spec', 'template', 'spec', 'containers', 0]`
 */
export function addSecurityContextFields(obj: ApiObject, holder: readonly (string | number)[], fields: SecurityContextFieldValues): void {
  const defined = Object.entries(fields).filter(([, v]) => v !== undefined);
  if (defined.length === 0) return;
  let pending = SECURITY_FIELDS.get(obj);
  if (!pending) {
    const list: { holder: readonly (string | number)[]; fields: SecurityContextFieldValues }[] = [];
    pending = list;
    SECURITY_FIELDS.set(obj, list);
    const render = obj.toJson;
    obj.toJson = () => {
      const json = render.call(obj);
      for (const edit of list) writeSecurityFields(json, edit.holder, edit.fields);
      return json;
    };
  }
  pending.push({ holder, fields: Object.fromEntries(defined) });
}

function writeSecurityFields(json: Json, holder: readonly (string | number)[], fields: SecurityContextFieldValues): void {
  const target = holder.reduce<any>((o, k) => (o !== null && typeof o === 'object' ? o[k] : undefined), json);
  if (target === null || typeof target !== 'object') return;
  const created = target.securityContext === undefined;
  const merged: Json = { ...target.securityContext ?? {}, ...structuredCopy(fields) };
  target.securityContext = sortedKeys(merged);
  // The serializer writes a pod spec's and a container's keys in sorted order: a new key joins them in place.
  if (created) for (const [k, v] of Object.entries(sortedKeys(target))) { delete target[k]; target[k] = v; }
}

function sortedKeys(o: Json): Json {
  return Object.fromEntries(Object.keys(o).sort().map(k => [k, o[k]]));
}

/** A copy, so that no two renderings share (and a caller's edit of one output cannot change the next). */
function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}
