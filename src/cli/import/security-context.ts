/**
 * Security contexts as typed props: a container's `securityContext` (cdk8s-plus' props), `capabilities`,
 * `seccompProfile`, `appArmorProfile`, `seLinuxOptions` and `procMount`; the pod's `securityContext`,
 * `seccompProfile`, `appArmorProfile`, `seLinuxOptions`, `supplementalGroups` and `supplementalGroupsPolicy`.
 * Exact mode only: the DaemonSet then gets `hardening: Hardening.NONE`, so that it writes these and nothing else;
 * with `--adopt-defaults` the library's hardening is kept instead (adopt.ts lists what it changes, and keeps the
 * input's when validation fails).
 */
import { call, Expr, lit, obj, ref } from './code';
import { own } from './quote';

const onlyKeys = (o: any, keys: string[]) => o !== null && typeof o === 'object' && !Array.isArray(o) && Object.keys(o).every(k => keys.includes(k));
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

/** Container `securityContext` fields with a cdk8s-plus prop: Kubernetes name, prop name, value check. */
const CONTAINER_FIELDS: readonly (readonly [string, string, (v: unknown) => boolean])[] = [
  ['runAsNonRoot', 'ensureNonRoot', isBool],
  ['privileged', 'privileged', isBool],
  ['readOnlyRootFilesystem', 'readOnlyRootFilesystem', isBool],
  ['runAsUser', 'user', isInt],
  ['runAsGroup', 'group', isInt],
  ['allowPrivilegeEscalation', 'allowPrivilegeEscalation', isBool],
];

/** Pod `securityContext` fields with a cdk8s-plus prop. */
const POD_FIELDS: readonly (readonly [string, string, (v: unknown) => boolean])[] = [
  ['runAsNonRoot', 'ensureNonRoot', isBool],
  ['runAsUser', 'user', isInt],
  ['runAsGroup', 'group', isInt],
  ['fsGroup', 'fsGroup', isInt],
];

const FS_GROUP_CHANGE_POLICIES: { [k8s: string]: string } = { Always: 'ALWAYS', OnRootMismatch: 'ON_ROOT_MISMATCH' };

const isCapabilityList = (v: unknown) => v === undefined || (Array.isArray(v) && v.length > 0 && v.every(c => typeof c === 'string' && /^[A-Z_]+$/.test(c) && !c.startsWith('CAP_')));

const PROC_MOUNTS: { [k8s: string]: string } = { Default: 'DEFAULT', Unmasked: 'UNMASKED' };
const SUPPLEMENTAL_GROUPS_POLICIES: { [k8s: string]: string } = { Merge: 'MERGE', Strict: 'STRICT' };

/** `SeccompProfile` or `AppArmorProfile` (`cls`) for a profile, when it has a factory. */
function profileFor(cls: string, p: any): Expr | undefined {
  if (p?.type === 'RuntimeDefault' && onlyKeys(p, ['type'])) return call(`${cls}.runtimeDefault`);
  if (p?.type === 'Unconfined' && onlyKeys(p, ['type'])) return call(`${cls}.unconfined`);
  if (p?.type === 'Localhost' && onlyKeys(p, ['type', 'localhostProfile']) && typeof p.localhostProfile === 'string') {
    return call(`${cls}.localhost`, lit(p.localhostProfile));
  }
  return undefined;
}

/** `SeccompProfile` for a seccomp profile, when it has a factory. */
export function seccompProfileFor(p: any): Expr | undefined {
  return profileFor('SeccompProfile', p);
}

/**
 * The props shared by a pod's and a container's security context beyond cdk8s-plus': `seccompProfile`,
 * `appArmorProfile`, `seLinuxOptions`; undefined when one has no typed form.
 */
function profileProps(sc: any): [string, Expr][] | undefined {
  const props: [string, Expr][] = [];
  for (const [field, cls] of [['seccompProfile', 'SeccompProfile'], ['appArmorProfile', 'AppArmorProfile']]) {
    if (sc[field] === undefined) continue;
    const profile = profileFor(cls, sc[field]);
    if (!profile) return undefined;
    props.push([field, profile]);
  }
  if (sc.seLinuxOptions !== undefined) {
    const o = sc.seLinuxOptions;
    if (!onlyKeys(o, ['level', 'role', 'type', 'user']) || Object.keys(o).length === 0 || !Object.values(o).every(v => typeof v === 'string')) return undefined;
    props.push(['seLinuxOptions', lit(o)]);
  }
  return props;
}

/** The props of the fields listed, or undefined when one has the wrong type. */
function fieldProps(sc: any, fields: readonly (readonly [string, string, (v: unknown) => boolean])[]): [string, Expr][] | undefined {
  const props: [string, Expr][] = [];
  for (const [k8s, prop, valid] of fields) {
    if (sc[k8s] === undefined) continue;
    if (!valid(sc[k8s])) return undefined;
    props.push([prop, lit(sc[k8s])]);
  }
  return props;
}

/**
 * A container's `securityContext`, `capabilities` and `seccompProfile` props for its security context, when every
 * field has one; undefined for an empty or untypable one (left to the escape hatch).
 */
export function containerSecurityProps(sc: any): [string, Expr][] | undefined {
  const keys = [...CONTAINER_FIELDS.map(f => f[0]), 'capabilities', 'seccompProfile', 'appArmorProfile', 'seLinuxOptions', 'procMount'];
  if (!onlyKeys(sc, keys) || Object.keys(sc).length === 0) return undefined;
  const fields = fieldProps(sc, CONTAINER_FIELDS);
  if (!fields) return undefined;
  const props: [string, Expr][] = fields.length > 0 ? [['securityContext', obj(fields)]] : [];
  if (sc.capabilities !== undefined) {
    const c = sc.capabilities;
    if (!onlyKeys(c, ['add', 'drop']) || Object.keys(c).length === 0 || !isCapabilityList(c.add) || !isCapabilityList(c.drop)) return undefined;
    props.push(['capabilities', obj({ add: c.add !== undefined ? lit(c.add) : undefined, drop: c.drop !== undefined ? lit(c.drop) : undefined })]);
  }
  const profiles = profileProps(sc);
  if (!profiles) return undefined;
  props.push(...profiles);
  if (sc.procMount !== undefined) {
    const member = own(PROC_MOUNTS, sc.procMount);
    if (!member) return undefined;
    props.push(['procMount', ref(`ProcMount.${member}`)]);
  }
  return props;
}

/** The pod's `securityContext` and `seccompProfile` props, when every field has one; undefined otherwise. */
export function podSecurityProps(sc: any): [string, Expr][] | undefined {
  const keys = [...POD_FIELDS.map(f => f[0]), 'fsGroupChangePolicy', 'sysctls', 'seccompProfile', 'appArmorProfile', 'seLinuxOptions',
    'supplementalGroups', 'supplementalGroupsPolicy'];
  if (!onlyKeys(sc, keys) || Object.keys(sc).length === 0) return undefined;
  const fields = fieldProps(sc, POD_FIELDS);
  if (!fields) return undefined;
  if (sc.fsGroupChangePolicy !== undefined) {
    const member = own(FS_GROUP_CHANGE_POLICIES, sc.fsGroupChangePolicy);
    if (!member) return undefined;
    fields.push(['fsGroupChangePolicy', ref(`kplus.FsGroupChangePolicy.${member}`)]);
  }
  if (sc.sysctls !== undefined) {
    if (!Array.isArray(sc.sysctls) || !sc.sysctls.every((s: any) => onlyKeys(s, ['name', 'value']) && typeof s.name === 'string' && typeof s.value === 'string')) return undefined;
    fields.push(['sysctls', lit(sc.sysctls)]);
  }
  const props: [string, Expr][] = fields.length > 0 ? [['securityContext', obj(fields)]] : [];
  const profiles = profileProps(sc);
  if (!profiles) return undefined;
  props.push(...profiles);
  if (sc.supplementalGroups !== undefined) {
    if (!Array.isArray(sc.supplementalGroups) || !sc.supplementalGroups.every(isInt)) return undefined;
    props.push(['supplementalGroups', lit(sc.supplementalGroups)]);
  }
  if (sc.supplementalGroupsPolicy !== undefined) {
    const member = own(SUPPLEMENTAL_GROUPS_POLICIES, sc.supplementalGroupsPolicy);
    if (!member) return undefined;
    props.push(['supplementalGroupsPolicy', ref(`SupplementalGroupsPolicy.${member}`)]);
  }
  return props;
}
