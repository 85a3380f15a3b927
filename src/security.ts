import { k8s } from 'cdk8s-plus-27';
import { DaemonSetsError } from './errors';
import { checkArray, checkString } from './input-checks';

/**
 * The seccomp profile of a pod.
 */
export class SeccompProfile {
  /** The container runtime's default profile: blocks the syscalls no ordinary process needs. Required by the `restricted` Pod Security Standard. */
  public static runtimeDefault(): SeccompProfile {
    return new SeccompProfile('RuntimeDefault');
  }

  /** No seccomp filtering. Only for agents that trace or load kernel programs (eBPF, ptrace). */
  public static unconfined(): SeccompProfile {
    return new SeccompProfile('Unconfined');
  }

  /**
   * A profile file installed on the node under the kubelet's seccomp directory.
   * @param localhostProfile path relative to the kubelet's seccomp profile root, e.g. `profiles/agent.json`
   */
  public static localhost(localhostProfile: string): SeccompProfile {
    checkString('SeccompProfile.localhost', 'localhostProfile', localhostProfile);
    if (localhostProfile.length === 0 || localhostProfile.startsWith('/') || localhostProfile.split('/').includes('..')) {
      throw new DaemonSetsError(`SeccompProfile.localhost: '${localhostProfile}' must be a relative path under the kubelet's seccomp directory (e.g. 'profiles/agent.json'), without '..'.`, 'SeccompProfile.localhost', 'localhostProfile');
    }
    return new SeccompProfile('Localhost', localhostProfile);
  }

  /** `RuntimeDefault`, `Unconfined` or `Localhost`. */
  public readonly type: string;

  /** The profile file, for `Localhost`. */
  public readonly localhostProfile?: string;

  private constructor(type: string, localhostProfile?: string) {
    this.type = type;
    this.localhostProfile = localhostProfile;
  }

  /** @internal */
  public _toKube(): k8s.SeccompProfile {
    return { type: this.type, localhostProfile: this.localhostProfile };
  }
}

/**
 * Linux capabilities to add to or drop from a container, named as Kubernetes expects them
 * (`NET_ADMIN`, not `CAP_NET_ADMIN`; `ALL` for every capability).
 */
export interface CapabilityOptions {
  /**
   * Capabilities to add, e.g. `['NET_BIND_SERVICE']`.
   * @default - none
   */
  readonly add?: string[];

  /**
   * Capabilities to drop.
   * @default ['ALL'] - with `Hardening.RESTRICTED` (the default) unless the container is privileged; none with
   * `Hardening.BASELINE` or `Hardening.NONE` (the runtime's default capabilities)
   */
  readonly drop?: string[];
}

/**
 * Normalizes capability names: strips a `CAP_` prefix (cdk8s-plus-27's `Capability` enum
 * carries it, the kubelet and Pod Security admission expect names without it) and checks the
 * syntax.
 * @internal
 */
export function normalizeCapabilities(names: string[], where: string, field: string): string[] {
  return checkArray(where, field, names, 'capability names').map((raw, i) => checkString(where, `${field}[${i}]`, raw)).map(raw => {
    const name = raw.startsWith('CAP_') ? raw.substring(4) : raw;
    if (!/^[A-Z][A-Z0-9_]*$/.test(name) || name.length > 63) {
      throw new DaemonSetsError(`${where}: capability '${raw}' in ${field} is not a capability name; use upper-case names such as 'NET_ADMIN', 'SYS_TIME' or 'ALL'.`, where, field);
    }
    return name;
  });
}

/** The longest AppArmor `localhostProfile` the API server accepts (`ValidateAppArmorProfileField`). */
const MAX_APPARMOR_PROFILE_NAME = 4095;

/**
 * The AppArmor profile of a pod or container: the `securityContext.appArmorProfile` field of Kubernetes 1.30+
 * (older clusters read only the `container.apparmor.security.beta.kubernetes.io/<container>` annotations, and
 * their API server rejects the field as unknown).
 */
export class AppArmorProfile {
  /** The container runtime's default profile. Allowed by the `baseline` and `restricted` Pod Security Standards. */
  public static runtimeDefault(): AppArmorProfile {
    return new AppArmorProfile('RuntimeDefault');
  }

  /**
   * No AppArmor confinement. Only for agents that the runtime's profile stops (mounting, tracing); the `baseline` Pod
   * Security Standard forbids it.
   */
  public static unconfined(): AppArmorProfile {
    return new AppArmorProfile('Unconfined');
  }

  /**
   * A profile loaded on the node (with `apparmor_parser`) under this name. The kubelet refuses to start the pod on a
   * node where it is not loaded.
   * @param localhostProfile the profile's name, e.g. `k8s-agent`: not empty, not padded with whitespace, at most
   * 4095 characters (what the API server accepts)
   */
  public static localhost(localhostProfile: string): AppArmorProfile {
    const site = 'AppArmorProfile.localhost';
    checkString(site, 'localhostProfile', localhostProfile);
    const problem = localhostProfile === '' ? 'is empty'
      : localhostProfile.trim() !== localhostProfile ? 'is padded with whitespace'
        : localhostProfile.length > MAX_APPARMOR_PROFILE_NAME ? `is ${localhostProfile.length} characters long` : undefined;
    if (problem) {
      throw new DaemonSetsError(`${site}: localhostProfile '${localhostProfile.length > 80 ? `${localhostProfile.substring(0, 80)}...` : localhostProfile}' ${problem}; `
        + `it must name a profile loaded on the node, e.g. 'k8s-agent': not empty, no leading or trailing whitespace, at most ${MAX_APPARMOR_PROFILE_NAME} characters.`, site, 'localhostProfile');
    }
    return new AppArmorProfile('Localhost', localhostProfile);
  }

  /** `RuntimeDefault`, `Unconfined` or `Localhost`. */
  public readonly type: string;

  /** The profile's name, for `Localhost`. */
  public readonly localhostProfile?: string;

  private constructor(type: string, localhostProfile?: string) {
    this.type = type;
    this.localhostProfile = localhostProfile;
  }

  /** @internal */
  public _toKube(): { localhostProfile?: string; type: string } {
    return this.localhostProfile === undefined ? { type: this.type } : { localhostProfile: this.localhostProfile, type: this.type };
  }
}

/**
 * SELinux labels of a pod or container (`securityContext.seLinuxOptions`). The API server checks none of their
 * syntax; the node's SELinux policy decides. The `baseline` Pod Security Standard allows only `type` (one of
 * `container_t`, `container_init_t`, `container_kvm_t`, and from policy version 1.31 `container_engine_t`) and
 * `level`, and forbids `user` and `role`.
 */
export interface SeLinuxOptions {
  /**
   * The SELinux level (MCS/MLS range), e.g. `s0:c123,c456`.
   * @default - not written; the runtime assigns one
   */
  readonly level?: string;

  /**
   * The SELinux role.
   * @default - not written; the runtime's
   */
  readonly role?: string;

  /**
   * The SELinux type, e.g. `spc_t` (a super-privileged container) or `container_t`.
   * @default - not written; the runtime's (usually `container_t`)
   */
  readonly type?: string;

  /**
   * The SELinux user.
   * @default - not written; the runtime's
   */
  readonly user?: string;
}

/**
 * Which parts of `/proc` the runtime masks in a container (`securityContext.procMount`).
 */
export enum ProcMount {
  /** The runtime's default masked and read-only paths; Kubernetes' default. */
  DEFAULT = 'Default',
  /**
   * Nothing masked. The API server accepts it only in a pod with its own user namespace (`hostUsers: false`); the
   * `baseline` Pod Security Standard forbids it before policy version 1.35, which allows it in a user namespace.
   */
  UNMASKED = 'Unmasked',
}

/**
 * How the pod's supplementary groups are computed (`securityContext.supplementalGroupsPolicy`, Kubernetes 1.31+:
 * alpha behind the `SupplementalGroupsPolicy` feature gate in 1.31 and 1.32, where an API server without the gate
 * drops the field; beta and on by default from 1.33).
 */
export enum SupplementalGroupsPolicy {
  /** The groups of the container's primary user in the image's `/etc/group` are added; Kubernetes' default. */
  MERGE = 'Merge',
  /** Only `fsGroup`, `supplementalGroups` and `runAsGroup`; the image's `/etc/group` is ignored. */
  STRICT = 'Strict',
}

/**
 * SELinux options as the API takes them: the fields given, in the API's key order.
 * @internal
 */
export function seLinuxOptionsToKube(o: SeLinuxOptions): { [field: string]: string } {
  const out: { [field: string]: string } = {};
  for (const field of ['level', 'role', 'type', 'user'] as const) {
    if (o[field] !== undefined) out[field] = o[field] as string;
  }
  return out;
}
