import { minorVersion, PodContext } from './context';
import { containersOf } from '../../../../k8s/pod-template';
import { asList, asObject, isObject, structItems, text } from '../../../../k8s/shape';

type Json = { [key: string]: any };

/** The largest user or group id (`IsValidUserID`/`IsValidGroupID` in k8s.io/apimachinery pkg/util/validation). */
const MAX_ID = 2147483647;

/**
 * The pod's security context: user and group ids within [0, 2147483647], the seccomp and AppArmor profiles
 * (a Localhost profile needs localhostProfile, a relative path; other types must not set it), seLinuxChangePolicy
 * (MountOption from 1.37, when SELinuxMount went GA and on by default; Recursive only before) and sysctls.
 * Mirrors `validatePodSpecSecurityContext`, `validateSeccompProfileField` and `ValidateAppArmorProfileField`
 * in pkg/apis/core/validation/validation.go (the policy enums are the schema's).
 * @internal
 */
export function checkPodSecurityContext(ctx: PodContext): void {
  const { spec, add, kubernetesVersion } = ctx;
  if (!isObject(spec.securityContext)) return;
  const sc = spec.securityContext;
  const base = 'securityContext';
  for (const field of ['runAsUser', 'runAsGroup', 'fsGroup']) {
    checkId(ctx, sc[field], `${base}.${field}`, field);
  }
  asList(sc.supplementalGroups).forEach((g, i) => checkId(ctx, g, `${base}.supplementalGroups[${i}]`, 'supplementalGroups'));
  checkProfile(ctx, sc.seccompProfile, `${base}.seccompProfile`, 'seccomp');
  checkProfile(ctx, sc.appArmorProfile, `${base}.appArmorProfile`, 'AppArmor');
  const policy = sc.seLinuxChangePolicy;
  if (typeof policy === 'string') {
    const allowed = minorVersion(kubernetesVersion) >= 37 ? ['Recursive', 'MountOption'] : ['Recursive'];
    if (!allowed.includes(policy)) {
      add('pod-security-context', `${base}.seLinuxChangePolicy`, `seLinuxChangePolicy '${policy}' is not supported in Kubernetes ${kubernetesVersion}; supported values: ${allowed.map(a => `"${a}"`).join(', ')}`);
    }
  }
  // An empty fsGroupChangePolicy is not unset: mirrors validateFSGroupChangePolicy (the schema lets '' through).
  if (sc.fsGroupChangePolicy === '') add('pod-security-context', `${base}.fsGroupChangePolicy`, 'fsGroupChangePolicy "" is not supported; supported values: "Always", "OnRootMismatch" (or leave it unset)');
  checkSysctls(ctx, sc);
}

function checkId({ add }: PodContext, id: unknown, path: string, field: string): void {
  if (typeof id !== 'number') return;
  if (id < 0 || id > MAX_ID) add('pod-security-context', path, `${field} ${id} must be between 0 and ${MAX_ID}, inclusive`);
}

/** A seccomp or AppArmor profile: Localhost needs a localhost profile; other types must not set one. */
function checkProfile({ add }: PodContext, profile: unknown, path: string, what: 'seccomp' | 'AppArmor'): void {
  if (!isObject(profile)) return;
  const type = profile.type;
  const local = profile.localhostProfile;
  if (type === 'Localhost') {
    if (local === undefined || local === null || (what === 'AppArmor' && local === '')) {
      add('pod-security-context', `${path}.localhostProfile`, `${what} profile type Localhost needs localhostProfile: it must be set when ${what} type is Localhost`);
    } else if (typeof local === 'string' && what === 'seccomp' && (local.startsWith('/') || local.split('/').includes('..'))) {
      add('pod-security-context', `${path}.localhostProfile`, `seccomp localhostProfile '${local}' must be a relative path without '..'`);
    } else if (typeof local === 'string' && what === 'AppArmor' && local.trim() !== local) {
      add('pod-security-context', `${path}.localhostProfile`, `AppArmor localhostProfile '${local}' must not be padded with whitespace`);
    }
  } else if (local !== undefined && local !== null && (typeof type === 'string')) {
    add('pod-security-context', `${path}.localhostProfile`, `${what} localhostProfile can only be set when ${what} type is Localhost (type is ${text(type)})`);
  }
  if (what === 'AppArmor' && (type === undefined || type === null || type === '')) {
    add('pod-security-context', `${path}.type`, 'AppArmor profile type is required when appArmorProfile is set');
  }
}

/** A sysctl name segment and name (`IsValidSysctlName`, `SysctlContainSlashFmt`). */
const SYSCTL_NAME = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;

/** The kernel namespace a sysctl belongs to, as far as hostNetwork and hostIPC care (`GetNamespace`). */
function sysctlNamespace(name: string): 'net' | 'ipc' | undefined {
  // `NormalizeName`: a name whose first separator is '/' uses '/' for '.' and the other way round.
  const first = name.search(/[./]/);
  let n = first >= 0 && name[first] === '/' ? name.replace(/[./]/g, c => (c === '.' ? '/' : '.')) : name;
  const star = n.indexOf('*');
  if (star >= 0) n = n.substring(0, star);
  const ipcNames = ['kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced', 'kernel.shm', 'kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.msg'];
  if (ipcNames.includes(n) || n.startsWith('fs.mqueue.')) return 'ipc';
  if (n.startsWith('net.')) return 'net';
  return undefined;
}

/**
 * Sysctls: a name (at most 253 characters, dot- or slash-separated segments), not twice, and no network sysctl with
 * hostNetwork nor IPC sysctl with hostIPC. Mirrors `validateSysctls` and `ValidateHostSysctl`.
 */
function checkSysctls({ spec, add }: PodContext, sc: Json): void {
  if (asList(sc.sysctls).length === 0) return;
  const seen = new Set<string>();
  for (const { item: s, index: i } of structItems(sc.sysctls)) {
    const path = `securityContext.sysctls[${i}].name`;
    const name = typeof s.name === 'string' ? s.name : '';
    if (name === '') {
      if (s.name === undefined || s.name === null || s.name === '') add('sysctls', path, 'sysctl name is required');
    } else if (name.length > 253 || !SYSCTL_NAME.test(name)) {
      add('sysctls', path, `sysctl name '${name}' must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$`);
    } else if (seen.has(name)) {
      add('sysctls', path, `sysctl '${name}' is set twice`);
    }
    const ns = sysctlNamespace(name);
    if (ns === 'net' && spec.hostNetwork === true) add('sysctls', path, `sysctl '${name}' may not be specified when 'hostNetwork' is true`);
    if (ns === 'ipc' && spec.hostIPC === true) add('sysctls', path, `sysctl '${name}' may not be specified when 'hostIPC' is true`);
    seen.add(name);
  }
}

/**
 * Host namespaces: shareProcessNamespace with hostPID, and a user namespace (`hostUsers: false`) with hostNetwork
 * (UserNamespacesHostNetworkSupport is alpha, off by default), hostPID, hostIPC or volume devices.
 * Mirrors `validateShareProcessNamespace` and `validateHostUsers` in pkg/apis/core/validation/validation.go.
 * @internal
 */
export function checkHostNamespaces({ spec, add }: PodContext): void {
  if (spec.shareProcessNamespace === true && spec.hostPID === true) {
    add('host-namespaces', 'shareProcessNamespace', 'shareProcessNamespace and hostPID cannot both be enabled: with hostPID the pod already shares the host\'s process namespace');
  }
  if (spec.hostUsers !== false) return;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[field] === true) add('host-namespaces', field, `${field} is forbidden when \`hostUsers\` is false (a pod in a user namespace cannot share the host's ${field.substring(4)} namespace)`);
  }
  for (const ref of containersOf(spec)) {
    if (asList(asObject(ref.container).volumeDevices).length > 0) add('host-namespaces', `${ref.path}.volumeDevices`, 'volumeDevices are forbidden when `hostUsers` is false');
  }
}
