/**
 * The fields the API server refuses to change on update, as data: one row per field, each citing
 * the upstream update validation (k8s.io/kubernetes v1.37.2 `pkg/apis/<group>/validation`) it mirrors.
 * The comparisons are between two manifests, so a field the current manifest leaves unset where the
 * API server keeps the live value (allocated cluster IPs, IP families, health-check node port) is
 * not a change; everywhere else an unset field is compared as its API default.
 */
import { canonical, jsonEqual } from './json-paths';
import { isObject, text } from '../../../k8s/shape';

type Json = { [key: string]: any };

/** One refused change inside an object. @internal */
export interface Refusal {
  /** JSON path of the refused field, e.g. `spec.selector`, `spec.clusterIPs[0]`. */
  readonly path: string;
  /** Why the API server refuses it, after "the API server refuses this update: ". */
  readonly reason: string;
}

/** A field (or group of fields) the API server refuses to change. @internal */
export interface ImmutableField {
  /** API group of the kinds (empty for the core group). */
  readonly group: string;
  /** The kinds the row applies to. */
  readonly kind: string;
  /** The field, as a JSON path. */
  readonly field: string;
  /** The upstream function that refuses the change. */
  readonly upstream: string;
  /** What to do instead. */
  readonly hint: string;
  /** The refused changes between two versions of one object. */
  refusals(previous: Json, current: Json): Refusal[];
}

function at(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (isObject(o) ? o[k] : undefined), obj);
}

function isSet(v: unknown): boolean {
  return canonical(v) !== '';
}

/** A field compared as a whole; an unset value counts as `fallback` (the API default). */
function fixed(path: string, options: { fallback?: unknown; asSet?: boolean } = {}) {
  return (previous: Json, current: Json): Refusal[] => {
    const value = (o: Json) => {
      const v = isSet(at(o, path)) ? at(o, path) : options.fallback;
      return options.asSet && Array.isArray(v) ? [...new Set(v.map(x => JSON.stringify(x)))].sort() : v;
    };
    if (jsonEqual(value(previous), value(current))) return [];
    return [{ path, reason: `${path} is immutable (was ${text(at(previous, path) ?? options.fallback)}, now ${text(at(current, path) ?? options.fallback)})` }];
  };
}

const SELECTOR_HINT = 'delete and recreate the object (orphaning or restarting its pods) or keep the old selector';

/** One row of the table. */
function row(group: string, kind: string, field: string, upstream: string, hint: string, refusals: ImmutableField['refusals']): ImmutableField {
  return { group, kind, field, upstream, hint, refusals };
}

/** `spec.type`, defaulted to ClusterIP. */
function serviceType(svc: Json): string {
  const t = at(svc, 'spec.type');
  return typeof t === 'string' && t !== '' ? t : 'ClusterIP';
}

/** The cluster IPs a manifest sets (`clusterIPs`, else `[clusterIP]`); undefined when it sets none (the live ones are kept). */
function explicitClusterIPs(svc: Json): string[] | undefined {
  const ips = at(svc, 'spec.clusterIPs');
  if (Array.isArray(ips) && ips.length > 0) return ips.map(String);
  const ip = at(svc, 'spec.clusterIP');
  return typeof ip === 'string' && ip !== '' ? [ip] : undefined;
}

function isHeadless(ips: string[] | undefined): boolean {
  return ips !== undefined && ips.length === 1 && ips[0] === 'None';
}

function singleStack(svc: Json): boolean {
  return at(svc, 'spec.ipFamilyPolicy') === 'SingleStack';
}

/**
 * Lists that may grow (a secondary value added) or shrink (the secondary released, with
 * `ipFamilyPolicy: SingleStack`) but whose existing primary (and, at equal length, every) item
 * may not change: the shared shape of the clusterIPs and ipFamilies checks.
 */
function upgradeDowngrade(field: string, before: string[], after: string[], current: Json, released: string): Refusal[] {
  const refused = (i: number) => ({ path: `spec.${field}[${i}]`, reason: `spec.${field}[${i}] may not change once set (was ${before[i]}, now ${after[i] ?? '(unset)'})` });
  if (before.length === after.length) return before.flatMap((v, i) => (v !== after[i] ? [refused(i)] : []));
  const out: Refusal[] = [];
  if (after.length > 0 && before.length > 0 && after[0] !== before[0]) out.push(refused(0));
  if (before.length > after.length && after.length === 1 && !singleStack(current)) {
    out.push({ path: 'spec.ipFamilyPolicy', reason: `spec.ipFamilyPolicy must be set to 'SingleStack' when releasing the secondary ${released}` });
  }
  return out;
}

function clusterIPRefusals(previous: Json, current: Json): Refusal[] {
  if (serviceType(previous) === 'ExternalName' || serviceType(current) === 'ExternalName') return [];
  const before = explicitClusterIPs(previous);
  const after = explicitClusterIPs(current);
  if (before === undefined || after === undefined) return [];
  if (isHeadless(before) && isHeadless(after)) return [];
  return upgradeDowngrade('clusterIPs', before, after, current, 'clusterIP');
}

function ipFamilyRefusals(previous: Json, current: Json): Refusal[] {
  if (serviceType(previous) === 'ExternalName' || serviceType(current) === 'ExternalName') return [];
  const families = (svc: Json) => {
    const f = at(svc, 'spec.ipFamilies');
    return Array.isArray(f) && f.length > 0 ? f.map(String) : undefined;
  };
  const before = families(previous);
  const after = families(current);
  if (before === undefined || after === undefined) return [];
  const ipsBefore = explicitClusterIPs(previous);
  const ipsAfter = explicitClusterIPs(current) ?? ipsBefore;
  // Changing to or from headless, or staying headless, may change the families.
  if (isHeadless(ipsBefore) || isHeadless(ipsAfter)) return [];
  return upgradeDowngrade('ipFamilies', before, after, current, 'ipFamily');
}

function loadBalancerClassRefusals(previous: Json, current: Json): Refusal[] {
  if (serviceType(previous) !== 'LoadBalancer' || serviceType(current) !== 'LoadBalancer') return [];
  return fixed('spec.loadBalancerClass')(previous, current).map(r => ({ path: r.path, reason: r.reason.replace('is immutable', 'may not change once set') }));
}

function healthCheckNodePortRefusals(previous: Json, current: Json): Refusal[] {
  const needsHealthCheck = (svc: Json) => serviceType(svc) === 'LoadBalancer' && at(svc, 'spec.externalTrafficPolicy') === 'Local';
  if (!needsHealthCheck(previous) || !needsHealthCheck(current)) return [];
  const [before, after] = [at(previous, 'spec.healthCheckNodePort'), at(current, 'spec.healthCheckNodePort')];
  if (!isSet(before) || !isSet(after) || jsonEqual(before, after)) return [];
  return [{ path: 'spec.healthCheckNodePort', reason: `spec.healthCheckNodePort is immutable (was ${text(before)}, now ${text(after)})` }];
}

/** The data of a Secret as the API server validates it: `stringData` merged into `data` (base64). */
function secretData(secret: Json): Json {
  const data: Json = { ...(isObject(secret.data) ? secret.data : {}) };
  for (const [k, v] of Object.entries(isObject(secret.stringData) ? secret.stringData : {})) {
    data[k] = Buffer.from(text(v), 'utf-8').toString('base64');
  }
  return data;
}

/** Once `immutable: true`, the flag and the listed data fields are frozen. */
function frozenWhenImmutable(fields: { path: string; value: (o: Json) => unknown }[]) {
  return (previous: Json, current: Json): Refusal[] => {
    if (previous.immutable !== true) return [];
    const out: Refusal[] = [];
    if (current.immutable !== true) out.push({ path: 'immutable', reason: `immutable cannot be unset once true (now ${text(current.immutable)})` });
    for (const f of fields) {
      if (!jsonEqual(f.value(previous), f.value(current))) out.push({ path: f.path, reason: `${f.path} is immutable when \`immutable\` is set` });
    }
    return out;
  };
}

const RECREATE = 'delete and recreate the object, or keep the old value';
const NEW_NAME = 'create a new object under a new name (and point its users at it), or keep the old data';

const APPS = 'pkg/apis/apps/validation';
const CORE = 'pkg/apis/core/validation';
const RBAC = 'pkg/apis/rbac/validation';
const SCHEDULING = 'pkg/apis/scheduling/validation';
const STS = `ValidateStatefulSetUpdate in ${APPS}`;
const PRIORITY_CLASS_HINT = 'create a PriorityClass under a new name and point priorityClassName at it';

/** Every immutable field covered, in documentation order. @internal */
export const IMMUTABLE_FIELDS: readonly ImmutableField[] = [
  row('apps', 'DaemonSet', 'spec.selector', `ValidateDaemonSetSpecUpdate in ${APPS}`,
    'delete and recreate the DaemonSet (pods restart) or keep the old selector (selectorLabels)', fixed('spec.selector')),
  row('apps', 'Deployment', 'spec.selector', `ValidateDeploymentUpdate in ${APPS}`, SELECTOR_HINT, fixed('spec.selector')),
  row('apps', 'ReplicaSet', 'spec.selector', `ValidateReplicaSetUpdate in ${APPS}`, SELECTOR_HINT, fixed('spec.selector')),
  row('apps', 'StatefulSet', 'spec.selector', STS, SELECTOR_HINT, fixed('spec.selector')),
  row('apps', 'StatefulSet', 'spec.volumeClaimTemplates', STS, RECREATE, fixed('spec.volumeClaimTemplates')),
  row('apps', 'StatefulSet', 'spec.serviceName', STS, RECREATE, fixed('spec.serviceName', { fallback: '' })),
  row('apps', 'StatefulSet', 'spec.podManagementPolicy', STS, RECREATE, fixed('spec.podManagementPolicy', { fallback: 'OrderedReady' })),
  row('', 'Service', 'spec.clusterIP, spec.clusterIPs', `validateUpgradeDowngradeClusterIPs in ${CORE}`,
    'leave spec.clusterIP(s) unset so the allocated address is kept, or delete and recreate the Service (its address changes)', clusterIPRefusals),
  row('', 'Service', 'spec.ipFamilies', `validateUpgradeDowngradeIPFamilies in ${CORE}`,
    'keep the primary IP family; add or release only the secondary one (with ipFamilyPolicy SingleStack when releasing)', ipFamilyRefusals),
  row('', 'Service', 'spec.loadBalancerClass', `validateLoadBalancerClassField in ${CORE}`,
    'keep the old loadBalancerClass, or delete and recreate the Service (its load balancer is replaced)', loadBalancerClassRefusals),
  row('', 'Service', 'spec.healthCheckNodePort', `validateServiceExternalTrafficFieldsUpdate in ${CORE}`,
    'leave spec.healthCheckNodePort unset so the allocated port is kept', healthCheckNodePortRefusals),
  row('', 'ConfigMap', 'immutable, data, binaryData (once immutable)', `ValidateConfigMapUpdate in ${CORE}`, NEW_NAME,
    frozenWhenImmutable([{ path: 'data', value: o => o.data }, { path: 'binaryData', value: o => o.binaryData }])),
  row('', 'Secret', 'type', `ValidateSecretUpdate in ${CORE}`, RECREATE, fixed('type', { fallback: 'Opaque' })),
  row('', 'Secret', 'immutable, data and stringData (once immutable)', `ValidateSecretUpdate in ${CORE}`, NEW_NAME,
    frozenWhenImmutable([{ path: 'data', value: secretData }])),
  row('', 'ResourceQuota', 'spec.scopes', `ValidateResourceQuotaUpdate in ${CORE}`, RECREATE, fixed('spec.scopes', { asSet: true })),
  row('rbac.authorization.k8s.io', 'RoleBinding', 'roleRef', `ValidateRoleBindingUpdate in ${RBAC}`,
    'delete and recreate the RoleBinding, or bind the new role in a new RoleBinding', fixed('roleRef')),
  row('rbac.authorization.k8s.io', 'ClusterRoleBinding', 'roleRef', `ValidateClusterRoleBindingUpdate in ${RBAC}`,
    'delete and recreate the ClusterRoleBinding, or bind the new role in a new ClusterRoleBinding', fixed('roleRef')),
  row('scheduling.k8s.io', 'PriorityClass', 'value', `ValidatePriorityClassUpdate in ${SCHEDULING}`, PRIORITY_CLASS_HINT, fixed('value', { fallback: 0 })),
  row('scheduling.k8s.io', 'PriorityClass', 'preemptionPolicy', `ValidatePriorityClassUpdate in ${SCHEDULING}`, PRIORITY_CLASS_HINT,
    fixed('preemptionPolicy', { fallback: 'PreemptLowerPriority' })),
];

/** The refused changes between two versions of an object of `group`/`kind`, each with its row. @internal */
export function immutableRefusals(group: string, kind: string, previous: Json, current: Json): { row: ImmutableField; refusal: Refusal }[] {
  return IMMUTABLE_FIELDS
    .filter(r => r.group === group && r.kind === kind)
    .flatMap(r => r.refusals(previous, current).map(refusal => ({ row: r, refusal })));
}
