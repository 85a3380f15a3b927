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
