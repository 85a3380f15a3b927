import { Checked, isSet } from './checked';
import { asList, asObject, isObject, text } from '../../../../k8s/shape';
import { Add } from '../checks';

const MAX_ID = 2 ** 31 - 1;

/**
 * A container's securityContext. Mirrors `ValidateSecurityContext` in pkg/apis/core/validation/validation.go:
 * runAsUser and runAsGroup in [0, 2^31-1] (`IsValidUserID` / `IsValidGroupID`), procMount `Unmasked` only with
 * `hostUsers: false`, `validateSeccompProfileField`, allowPrivilegeEscalation false with neither privileged nor
 * CAP_SYS_ADMIN added, and `ValidateAppArmorProfileField`. Capabilities and seLinuxOptions are not checked by the
 * API server; the enums (seccomp and AppArmor types, procMount) are the schema's.
 */
export function checkSecurityContext({ c, path, who }: Checked, hostUsers: unknown, add: Add): void {
  if (!isObject(c.securityContext)) return;
  const sc = c.securityContext;
  const at = `${path}.securityContext`;
  for (const field of ['runAsUser', 'runAsGroup']) {
    const id = sc[field];
    if (typeof id === 'number' && Number.isInteger(id) && (id < 0 || id > MAX_ID)) {
      add('security-context-ids', `${at}.${field}`, `${who} ${field} ${id} is out of range; it must be between 0 and ${MAX_ID}, inclusive`);
    }
  }
  // An empty procMount is not unset: mirrors ValidateProcMountType (the schema lets '' through).
  if (sc.procMount === '') add('proc-mount', `${at}.procMount`, `${who} procMount "" is not supported; supported values: "Default", "Unmasked" (or leave it unset)`);
  if (sc.procMount === 'Unmasked' && hostUsers !== false) {
    add('proc-mount', `${at}.procMount`, `${who} procMount Unmasked needs the pod's hostUsers to be false (a user namespace)`);
  }
  checkSeccomp(sc.seccompProfile, `${at}.seccompProfile`, who, add);
  checkAppArmor(sc.appArmorProfile, `${at}.appArmorProfile`, who, add);
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) {
      add('privileged-escalation', at, `${who} is privileged but sets allowPrivilegeEscalation false; the API server rejects both together (a privileged container always allows escalation)`);
    }
    if (asList(asObject(sc.capabilities).add).includes('CAP_SYS_ADMIN')) {
      add('privileged-escalation', at, `${who} adds capability CAP_SYS_ADMIN but sets allowPrivilegeEscalation false; the API server rejects both together`);
    }
  }
}

/**
 * A seccompProfile (`validateSeccompProfileField`): Localhost needs a relative localhostProfile without '..';
 * the other types must not set one. Also what the pod-level seccompProfile must satisfy.
 */
export function checkSeccomp(profile: unknown, at: string, who: string, add: Add): void {
  if (!isObject(profile)) return;
  const local = profile.localhostProfile;
  if (profile.type === 'Localhost') {
    if (!isSet(local)) {add('seccomp-profile', `${at}.localhostProfile`, `${who} seccompProfile type Localhost needs a localhostProfile (the profile's path relative to the kubelet's seccomp directory)`);} else if (typeof local === 'string' && (local.startsWith('/') || local.split('/').includes('..'))) {
      add('seccomp-profile', `${at}.localhostProfile`, `${who} seccomp localhostProfile '${local}' must be a relative path without '..'`);
    }
  } else if (isSet(local) && typeof profile.type === 'string') {
    add('seccomp-profile', `${at}.localhostProfile`, `${who} seccompProfile type ${profile.type} sets localhostProfile ${text(local)}, which can only be set when the type is Localhost`);
  }
}

/** An appArmorProfile (`ValidateAppArmorProfileField`): Localhost needs a localhostProfile without padding; the others none. */
export function checkAppArmor(profile: unknown, at: string, who: string, add: Add): void {
  if (!isObject(profile)) return;
  const local = profile.localhostProfile;
  if (profile.type === 'Localhost') {
    if (!isSet(local) || (typeof local === 'string' && local.trim() === '' && local === '')) {
      add('apparmor-profile', `${at}.localhostProfile`, `${who} appArmorProfile type Localhost needs a localhostProfile (the name of a profile loaded on the node)`);
    } else if (typeof local === 'string') {
      if (local.trim() !== local) add('apparmor-profile', `${at}.localhostProfile`, `${who} AppArmor localhostProfile '${local}' must not be padded with whitespace`);
      else if (local.length > 4095) add('apparmor-profile', `${at}.localhostProfile`, `${who} AppArmor localhostProfile is ${local.length} characters long; at most 4095 are allowed`);
    }
  } else if (isSet(local) && typeof profile.type === 'string') {
    add('apparmor-profile', `${at}.localhostProfile`, `${who} appArmorProfile type ${profile.type} sets localhostProfile ${text(local)}, which can only be set when the type is Localhost`);
  }
}
