/**
 * API validation of the kinds other than DaemonSet and the pod-template kinds: one file per kind, dispatched by
 * API group and kind here (a Knative `serving.knative.dev` Service or a Calico NetworkPolicy is not checked as the
 * built-in kind of the same name). Each check mirrors the kind's `Validate<Kind>` in k8s.io/kubernetes
 * `pkg/apis/<group>/validation`.
 */
import { SemanticProblem } from '../checks';
import { checkConfigMap } from './config-map';
import { checkLimitRange } from './limit-range';
import { checkNamespace } from './namespace';
import { checkNetworkPolicy } from './network-policy';
import { KindOptions } from './options';
import { checkPodDisruptionBudget } from './pod-disruption-budget';
import { checkPriorityClass } from './priority-class';
import { checkClusterRoleBindingKind, checkClusterRoleKind, checkRoleBindingKind, checkRoleKind } from './rbac';
import { checkResourceQuota } from './resource-quota';
import { checkSecret } from './secret';
import { checkService } from './service';
import { isObject } from '../../../../k8s/shape';

export type { KindOptions } from './options';

type Json = { [key: string]: any };

/** The checks of one kind's spec (and data); metadata is checked for every kind elsewhere. */
type KindCheck = (obj: Json, options: KindOptions) => SemanticProblem[];

/** `<group>/<kind>` (the core group is '') -> its checks. A kind not listed gets only the metadata checks. */
const KIND_CHECKS: { readonly [groupKind: string]: KindCheck } = {
  '/Service': checkService,
  '/ConfigMap': checkConfigMap,
  '/Secret': checkSecret,
  '/Namespace': checkNamespace,
  '/ResourceQuota': checkResourceQuota,
  '/LimitRange': checkLimitRange,
  'rbac.authorization.k8s.io/Role': checkRoleKind,
  'rbac.authorization.k8s.io/ClusterRole': checkClusterRoleKind,
  'rbac.authorization.k8s.io/RoleBinding': checkRoleBindingKind,
  'rbac.authorization.k8s.io/ClusterRoleBinding': checkClusterRoleBindingKind,
  'networking.k8s.io/NetworkPolicy': checkNetworkPolicy,
  'scheduling.k8s.io/PriorityClass': checkPriorityClass,
  'policy/PodDisruptionBudget': checkPodDisruptionBudget,
};

/** The API group of an apiVersion (`v1` -> '', `rbac.authorization.k8s.io/v1` -> the group). */
function groupOf(apiVersion: unknown): string | undefined {
  if (typeof apiVersion !== 'string') return undefined;
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The check of `<group>/<kind>`, undefined for kinds without a table entry. */
function kindCheckOf(group: string, kind: string): KindCheck | undefined {
  const key = `${group}/${kind}`;
  return Object.prototype.hasOwnProperty.call(KIND_CHECKS, key) ? KIND_CHECKS[key] : undefined;
}

/**
 * The checks by apiVersion and kind as the objects spell them, filled on first use: an object's dispatch is two
 * lookups of strings it already holds, not a `<group>/<kind>` key built for each object (bounded: emptied when full).
 */
const CHECKS_BY_API_VERSION = new Map<string | undefined, Map<string, KindCheck | null>>();

/** The kind-specific API checks of one object (none for kinds without a table entry). */
export function checkKind(obj: Json, options: KindOptions = {}): SemanticProblem[] {
  if (!isObject(obj) || typeof obj.kind !== 'string') return [];
  // An apiVersion that is not a string names the core group, as groupOf says.
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined;
  let byKind = CHECKS_BY_API_VERSION.get(apiVersion);
  if (byKind === undefined) {
    if (CHECKS_BY_API_VERSION.size >= 1024) CHECKS_BY_API_VERSION.clear();
    CHECKS_BY_API_VERSION.set(apiVersion, byKind = new Map());
  }
  let check = byKind.get(obj.kind);
  if (check === undefined) {
    check = kindCheckOf(groupOf(apiVersion) ?? '', obj.kind) ?? null;
    if (byKind.size < 1024) byKind.set(obj.kind, check);
  }
  return check ? check(obj, options) : [];
}
