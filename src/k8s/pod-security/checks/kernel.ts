/**
 * Checks on what the kernel enforces for the pod: AppArmor and SELinux options, the /proc mask (procMount) and
 * the sysctls a pod may set.
 */
import { asObject, entriesOf, isObject, objectItems, text } from '../../shape';
import { CheckVersion, PodSecurityCheck, PodView, Report, who } from '../check';

const APPARMOR_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** allowedAnnotationValue: empty, `runtime/default` or `localhost/<profile>`. */
function allowedAppArmorAnnotation(value: unknown): boolean {
  return value === '' || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

// mirrors appArmorProfile_1_0 in k8s.io/pod-security-admission/policy/check_appArmorProfile.go: the fields, and
// the beta annotations (every key with the prefix, whether or not a container has that name)
function appArmorProfile(pod: PodView, report: Report): void {
  const podProfile = pod.securityContext.appArmorProfile;
  if (podProfile != null && !APPARMOR_TYPES.has(asObject(podProfile).type)) {
    report('securityContext.appArmorProfile.type', `the pod sets appArmorProfile.type=${text(asObject(podProfile).type)}`);
  }
  for (const ref of pod.containers) {
    const profile = asObject(ref.container.securityContext).appArmorProfile;
    if (profile != null && !APPARMOR_TYPES.has(asObject(profile).type)) {
      report(`${ref.path}.securityContext.appArmorProfile.type`, `${who(ref)} sets appArmorProfile.type=${text(asObject(profile).type)}`);
    }
  }
  for (const [key, value] of entriesOf(pod.metadata.annotations)) {
    if (key.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAppArmorAnnotation(value)) {
      report(`metadata.annotations.${key}`, `annotation ${key}=${text(value)}`);
    }
  }
}

/** selinuxAllowedTypes1_0 and selinuxAllowedTypes1_31 (which adds container_engine_t). */
const SELINUX_TYPES_1_0 = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
const SELINUX_TYPES_1_31 = new Set([...SELINUX_TYPES_1_0, 'container_engine_t']);

// mirrors seLinuxOptions (seLinuxOptions1_0, seLinuxOptions1_31) in k8s.io/pod-security-admission/policy/check_seLinuxOptions.go
function seLinuxOptionsWith(types: Set<string>): (pod: PodView, report: Report) => void {
  const check = (options: unknown, path: string, subject: string, report: Report) => {
    if (!isObject(options)) return;
    if (options.type != null && !types.has(options.type)) report(`${path}.type`, `${subject} sets seLinuxOptions.type=${text(options.type)}`);
    if (options.user != null && options.user !== '') report(`${path}.user`, `${subject} sets seLinuxOptions.user=${text(options.user)}`);
    if (options.role != null && options.role !== '') report(`${path}.role`, `${subject} sets seLinuxOptions.role=${text(options.role)}`);
  };
  return (pod, report) => {
    check(pod.securityContext.seLinuxOptions, 'securityContext.seLinuxOptions', 'the pod', report);
    for (const ref of pod.containers) {
      check(asObject(ref.container.securityContext).seLinuxOptions, `${ref.path}.securityContext.seLinuxOptions`, who(ref), report);
    }
  };
}

function seLinuxVersion(since: number, types: Set<string>): CheckVersion {
  return {
    since,
    run: seLinuxOptionsWith(types),
    allows: `seLinuxOptions.type ${[...types].filter(t => t).join(', ')} or unset, and no seLinuxOptions.user or role`,
  };
}

// mirrors procMount_1_0 in k8s.io/pod-security-admission/policy/check_procMount_baseline.go
function procMountDefault(pod: PodView, report: Report): void {
  for (const ref of pod.containers) {
    const procMount = asObject(ref.container.securityContext).procMount;
    if (procMount != null && procMount !== 'Default') report(`${ref.path}.securityContext.procMount`, `${who(ref)} sets procMount=${text(procMount)}`);
  }
}

// mirrors procMount1_35baseline: any procMount in a user namespace (hostUsers: false)
function procMountOutsideUserNamespace(pod: PodView, report: Report): void {
  if (!pod.userNamespace) procMountDefault(pod, report);
}

/** The safe sysctls by the policy version that allowed them (sysctlsAllowedV1Dot0 ... V1Dot37). */
const SYSCTLS_SINCE: [number, string[]][] = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

// mirrors sysctls (sysctlsV1Dot0 ... sysctlsV1Dot37) in k8s.io/pod-security-admission/policy/check_sysctls.go
function sysctlsVersion(index: number): CheckVersion {
  const safe = new Set(SYSCTLS_SINCE.slice(0, index + 1).flatMap(([, names]) => names));
  return {
    since: SYSCTLS_SINCE[index][0],
    run: (pod, report) => {
      for (const { item, index: i } of objectItems(pod.securityContext.sysctls)) {
        if (!safe.has(item.name)) report(`securityContext.sysctls[${i}].name`, `sysctl ${text(item.name)} is not in the safe set`);
      }
    },
    allows: `only the safe sysctls ${[...safe].join(', ')}`,
  };
}

/** The kernel-enforced checks. */
export const KERNEL_CHECKS: PodSecurityCheck[] = [
  {
    id: 'appArmorProfile',
    level: 'baseline',
    title: 'forbidden AppArmor profile',
    versions: [{
      since: 0,
      run: appArmorProfile,
      allows: 'appArmorProfile.type RuntimeDefault or Localhost (annotations runtime/default or localhost/*), or unset',
    }],
  },
  {
    id: 'procMount',
    level: 'baseline',
    title: 'procMount',
    versions: [
      { since: 0, run: procMountDefault, allows: 'procMount Default or unset' },
      { since: 35, run: procMountOutsideUserNamespace, allows: 'procMount Default or unset (any value when the pod sets hostUsers: false)' },
    ],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    title: 'seLinuxOptions',
    versions: [seLinuxVersion(0, SELINUX_TYPES_1_0), seLinuxVersion(31, SELINUX_TYPES_1_31)],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    title: 'forbidden sysctls',
    versions: SYSCTLS_SINCE.map((_, i) => sysctlsVersion(i)),
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    title: 'procMount',
    // Before v1.35 the baseline procMount check (unconditional then) also held for restricted.
    versions: [{ since: 35, run: procMountDefault, allows: 'procMount Default or unset', overrides: ['procMount'] }],
  },
];
