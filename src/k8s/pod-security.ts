import { ContainerRef, containersOf } from './pod-template';
import { isObject, Manifest, text } from './shape';

/**
 * Pod Security Standards (PSS) evaluation, as the `PodSecurity` admission controller
 * (`k8s.io/pod-security-admission`) applies it at policy version `latest` on Kubernetes 1.35 and 1.36
 * (policy v1.35: the v1.32 sysctls, the v1.34 probe/lifecycle host check and the v1.35 user-namespace relaxations).
 *
 * Check ids are PSA's own, so a finding can be matched to the API server's rejection message.
 */

/** A Pod Security Standards level, from least to most restrictive. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** One check that keeps a pod out of a level. */
export interface PodSecurityReason {
  /** PSA check id, e.g. `hostNamespaces`, `capabilities_restricted`. */
  readonly check: string;
  /** The level the check belongs to: the pod is kept out of this level and every stricter one. */
  readonly level: 'baseline' | 'restricted';
  /**
   * JSON path below the pod spec, e.g. `containers[0].securityContext.privileged`.
   * Paths into the pod's metadata (AppArmor annotations) start with `metadata.` and are relative to the pod template.
   */
  readonly path: string;
  /** What the pod sets and what the level allows. */
  readonly message: string;
}

/** The level a pod needs and why it needs no stricter one. */
export interface PodSecurityEvaluation {
  /** The most restrictive level that admits the pod. */
  readonly level: PodSecurityLevel;
  /** Every failed check, baseline checks first; empty when the pod meets `restricted`. */
  readonly reasons: PodSecurityReason[];
}

const EMPTY: Manifest = Object.freeze({});

const LEVEL_RANK: Record<PodSecurityLevel, number> = { privileged: 0, baseline: 1, restricted: 2 };

/** `capabilities_baseline`: capabilities a baseline pod may add (the container runtime's default set). */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** `sysctls`: the safe set (policy v1.32; `tcp_slow_start_after_idle`/`tcp_notsent_lowat` arrive only in v1.37). */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** `seLinuxOptions`: allowed types (v1.31 added `container_engine_t`). */
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** `restrictedVolumes`: the only volume sources a restricted pod may use. */
const RESTRICTED_VOLUME_SOURCES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

const SECCOMP_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/** Baseline checks a restricted check replaces when `restricted` is evaluated (PSA's OverrideCheckIDs). */
const OVERRIDDEN_IN_RESTRICTED = new Set(['hostPathVolumes', 'capabilities_baseline', 'seccompProfile_baseline', 'procMount']);

/**
 * Evaluates a pod spec against the Pod Security Standards.
 * @param podSpec the pod spec (a Pod's `spec`, a workload's `spec.template.spec`)
 * @param podMetadata the pod's metadata, for the AppArmor annotations
 * @returns the most restrictive level that admits the pod, and every check that keeps it out of a stricter one
 */
export function evaluatePodSecurity(podSpec: Manifest, podMetadata?: Manifest): PodSecurityEvaluation {
  const spec = isObject(podSpec) ? podSpec : {};
  return evaluate(spec, isObject(podMetadata) ? podMetadata : {}, containersOf(spec));
}

/**
 * `evaluatePodSecurity` with the pod's containers already listed (`containersOf`), for callers that list them once.
 * @internal
 */
export function evaluatePodSecurityOf(podSpec: Manifest, podMetadata: Manifest, containers: ContainerRef[]): PodSecurityEvaluation {
  return evaluate(podSpec, podMetadata, containers);
}

/**
 * The reasons that keep a pod out of `level`, named as the API server would name them
 * (for `restricted`, baseline checks that a restricted check replaces are left out).
 */
export function violationsAt(evaluation: PodSecurityEvaluation, level: PodSecurityLevel): PodSecurityReason[] {
  if (level === 'privileged') return [];
  if (level === 'baseline') return evaluation.reasons.filter(r => r.level === 'baseline');
  return evaluation.reasons.filter(r => r.level === 'restricted' || !OVERRIDDEN_IN_RESTRICTED.has(r.check));
}

/** Parses a `pod-security.kubernetes.io/*` label value; undefined when absent or not a level. */
export function parsePodSecurityLevel(value: unknown): PodSecurityLevel | undefined {
  return value === 'privileged' || value === 'baseline' || value === 'restricted' ? value : undefined;
}

/** Whether a pod needing `needed` is admitted by a namespace at `allowed`. */
export function admits(allowed: PodSecurityLevel, needed: PodSecurityLevel): boolean {
  return LEVEL_RANK[needed] >= LEVEL_RANK[allowed];
}

type Add = (check: string, path: string, message: string) => void;

function evaluate(spec: Manifest, metadata: Manifest, containers: ContainerRef[]): PodSecurityEvaluation {
  const baseline: PodSecurityReason[] = [];
  const restricted: PodSecurityReason[] = [];
  const b: Add = (check, path, message) => baseline.push({ check, level: 'baseline', path, message });
  const r: Add = (check, path, message) => restricted.push({ check, level: 'restricted', path, message });
  const pod = podLevelChecks(spec, metadata, b, r);
  for (const ref of containers) containerChecks(ref, pod, b, r);
  const level: PodSecurityLevel = baseline.length > 0 ? 'privileged' : restricted.length > 0 ? 'baseline' : 'restricted';
  return { level, reasons: restricted.length === 0 ? baseline : baseline.concat(restricted) };
}

/** What the container checks need to know about the pod. */
interface PodFacts {
  readonly windows: boolean;
  /** `hostUsers: false`: runAsNonRoot, runAsUser and procMount (baseline) are relaxed since policy v1.35. */
  readonly userNamespace: boolean;
  /** A container without a seccompProfile passes seccompProfile_restricted only when the pod sets a valid one. */
  readonly podSeccompValid: boolean;
  readonly podRunAsNonRoot: boolean;
}

/** The pod-level checks (namespaces, volumes, pod security context, AppArmor annotations). */
function podLevelChecks(spec: Manifest, metadata: Manifest, b: Add, r: Add): PodFacts {
  const psc: Manifest = isObject(spec.securityContext) ? spec.securityContext : EMPTY;
  const windows = spec.os?.name === 'windows';
  const userNamespace = spec.hostUsers === false;

  // hostNamespaces
  if (spec.hostNetwork === true) b('hostNamespaces', 'hostNetwork', 'hostNetwork=true');
  if (spec.hostPID === true) b('hostNamespaces', 'hostPID', 'hostPID=true');
  if (spec.hostIPC === true) b('hostNamespaces', 'hostIPC', 'hostIPC=true');

  // hostPathVolumes (baseline) / restrictedVolumes
  const volumes = spec.volumes;
  if (Array.isArray(volumes)) {
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      if (!isObject(v)) continue;
      if (v.hostPath != null) b('hostPathVolumes', `volumes[${i}].hostPath`, `volume '${text(v.name)}' is hostPath '${text(v.hostPath.path)}'`);
      let source: string | undefined;
      for (const k in v) {
        if (k !== 'name' && v[k] != null) { source = k; break; }
      }
      if (source !== undefined && !RESTRICTED_VOLUME_SOURCES.has(source)) r('restrictedVolumes', `volumes[${i}].${source}`, `volume '${text(v.name)}' is of type ${source}`);
    }
  }

  // windowsHostProcess, seLinuxOptions, appArmorProfile (pod level)
  if (psc.windowsOptions?.hostProcess === true) b('windowsHostProcess', 'securityContext.windowsOptions.hostProcess', 'the pod sets hostProcess=true');
  if (psc.seLinuxOptions != null) checkSeLinux(psc.seLinuxOptions, 'securityContext.seLinuxOptions', 'the pod', b);
  if (psc.appArmorProfile != null && !APPARMOR_TYPES.has(psc.appArmorProfile.type)) {
    b('appArmorProfile', 'securityContext.appArmorProfile.type', `the pod sets appArmorProfile.type=${text(psc.appArmorProfile.type)}`);
  }
  const annotations = metadata.annotations;
  if (isObject(annotations)) {
    for (const key in annotations) {
      if (!key.startsWith(APPARMOR_ANNOTATION_PREFIX)) continue;
      const value = annotations[key];
      if (value === '' || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'))) continue;
      b('appArmorProfile', `metadata.annotations.${key}`, `annotation ${key}=${text(value)}`);
    }
  }

  // seccompProfile_baseline / seccompProfile_restricted (pod level)
  // A container without a seccompProfile passes seccompProfile_restricted only when the pod sets a valid one.
  const podSeccompValid = psc.seccompProfile != null && SECCOMP_TYPES.has(psc.seccompProfile.type);
  if (psc.seccompProfile != null && !podSeccompValid) {
    const message = `the pod sets seccompProfile.type=${text(psc.seccompProfile.type)}`;
    b('seccompProfile_baseline', 'securityContext.seccompProfile.type', message);
    if (!windows) r('seccompProfile_restricted', 'securityContext.seccompProfile.type', message);
  }

  // sysctls
  const sysctls = psc.sysctls;
  if (Array.isArray(sysctls)) {
    for (let i = 0; i < sysctls.length; i++) {
      const name = sysctls[i]?.name;
      if (!SAFE_SYSCTLS.has(name)) b('sysctls', `securityContext.sysctls[${i}].name`, `sysctl ${text(name)} is not in the safe set`);
    }
  }

  // runAsNonRoot / runAsUser (pod level); both relaxed for user-namespaced pods (hostUsers: false) since policy v1.35.
  let podRunAsNonRoot = false;
  if (!userNamespace) {
    if (psc.runAsNonRoot === false) r('runAsNonRoot', 'securityContext.runAsNonRoot', 'the pod sets runAsNonRoot=false');
    else if (psc.runAsNonRoot === true) podRunAsNonRoot = true;
    if (psc.runAsUser === 0) r('runAsUser', 'securityContext.runAsUser', 'the pod sets runAsUser=0');
  }

  return { windows, userNamespace, podSeccompValid, podRunAsNonRoot };
}

/** The checks of one container (init, regular or ephemeral). */
function containerChecks({ container: c, path }: ContainerRef, pod: PodFacts, b: Add, r: Add): void {
  const who = `container '${text(c.name)}'`;
  const sc: Manifest = isObject(c.securityContext) ? c.securityContext : EMPTY;
  const scPath = `${path}.securityContext`;

  if (sc.privileged === true) b('privileged', `${scPath}.privileged`, `${who} is privileged`);
  if (sc.windowsOptions?.hostProcess === true) b('windowsHostProcess', `${scPath}.windowsOptions.hostProcess`, `${who} sets hostProcess=true`);

  // capabilities_baseline / capabilities_restricted
  const caps = sc.capabilities;
  const add = isObject(caps) && Array.isArray(caps.add) ? caps.add : undefined;
  if (add) {
    for (let k = 0; k < add.length; k++) {
      const cap = add[k];
      if (!BASELINE_CAPABILITIES.has(cap)) b('capabilities_baseline', `${scPath}.capabilities.add[${k}]`, `${who} adds ${text(cap)}`);
      if (!pod.windows && cap !== 'NET_BIND_SERVICE') r('capabilities_restricted', `${scPath}.capabilities.add[${k}]`, `${who} adds ${text(cap)}`);
    }
  }
  if (!pod.windows && !(isObject(caps) && Array.isArray(caps.drop) && caps.drop.includes('ALL'))) {
    r('capabilities_restricted', `${scPath}.capabilities.drop`, `${who} does not drop ALL`);
  }

  // hostPorts
  const ports = c.ports;
  if (Array.isArray(ports)) {
    for (let j = 0; j < ports.length; j++) {
      const hostPort = ports[j]?.hostPort;
      if (hostPort != null && hostPort !== 0) b('hostPorts', `${path}.ports[${j}].hostPort`, `${who} uses hostPort ${text(hostPort)}`);
    }
  }

  if (sc.seLinuxOptions != null) checkSeLinux(sc.seLinuxOptions, `${scPath}.seLinuxOptions`, who, b);

  // procMount (baseline relaxed for user-namespaced pods since v1.35) / procMount_restricted
  if (sc.procMount != null && sc.procMount !== 'Default') {
    const message = `${who} sets procMount=${text(sc.procMount)}`;
    if (!pod.userNamespace) b('procMount', `${scPath}.procMount`, message);
    r('procMount_restricted', `${scPath}.procMount`, message);
  }

  // seccompProfile_baseline / seccompProfile_restricted
  if (sc.seccompProfile != null) {
    if (!SECCOMP_TYPES.has(sc.seccompProfile.type)) {
      const message = `${who} sets seccompProfile.type=${text(sc.seccompProfile.type)}`;
      b('seccompProfile_baseline', `${scPath}.seccompProfile.type`, message);
      if (!pod.windows) r('seccompProfile_restricted', `${scPath}.seccompProfile.type`, message);
    }
  } else if (!pod.windows && !pod.podSeccompValid) {
    r('seccompProfile_restricted', `${scPath}.seccompProfile`, `${who} sets no seccompProfile and the pod sets no valid one`);
  }

  if (sc.appArmorProfile != null && !APPARMOR_TYPES.has(sc.appArmorProfile.type)) {
    b('appArmorProfile', `${scPath}.appArmorProfile.type`, `${who} sets appArmorProfile.type=${text(sc.appArmorProfile.type)}`);
  }

  // hostProbesAndHostLifecycle
  if (c.livenessProbe != null) checkHost(c.livenessProbe, `${path}.livenessProbe`, `${who} livenessProbe`, b);
  if (c.readinessProbe != null) checkHost(c.readinessProbe, `${path}.readinessProbe`, `${who} readinessProbe`, b);
  if (c.startupProbe != null) checkHost(c.startupProbe, `${path}.startupProbe`, `${who} startupProbe`, b);
  if (isObject(c.lifecycle)) {
    if (c.lifecycle.postStart != null) checkHost(c.lifecycle.postStart, `${path}.lifecycle.postStart`, `${who} postStart hook`, b);
    if (c.lifecycle.preStop != null) checkHost(c.lifecycle.preStop, `${path}.lifecycle.preStop`, `${who} preStop hook`, b);
  }

  // allowPrivilegeEscalation
  if (!pod.windows && sc.allowPrivilegeEscalation !== false) {
    r('allowPrivilegeEscalation', `${scPath}.allowPrivilegeEscalation`,
      sc.allowPrivilegeEscalation === true ? `${who} sets allowPrivilegeEscalation=true` : `${who} does not set allowPrivilegeEscalation=false`);
  }

  // runAsNonRoot / runAsUser
  if (!pod.userNamespace) {
    if (sc.runAsNonRoot === false) {
      r('runAsNonRoot', `${scPath}.runAsNonRoot`, `${who} sets runAsNonRoot=false`);
    } else if (sc.runAsNonRoot !== true && !pod.podRunAsNonRoot) {
      r('runAsNonRoot', `${scPath}.runAsNonRoot`, `neither the pod nor ${who} sets runAsNonRoot=true`);
    }
    if (sc.runAsUser === 0) r('runAsUser', `${scPath}.runAsUser`, `${who} sets runAsUser=0`);
  }
}

function checkSeLinux(options: unknown, path: string, who: string, add: (check: string, path: string, message: string) => void) {
  if (!isObject(options)) return;
  if (options.type != null && !SELINUX_TYPES.has(options.type)) add('seLinuxOptions', `${path}.type`, `${who} sets seLinuxOptions.type=${text(options.type)}`);
  if (options.user != null && options.user !== '') add('seLinuxOptions', `${path}.user`, `${who} sets seLinuxOptions.user=${text(options.user)}`);
  if (options.role != null && options.role !== '') add('seLinuxOptions', `${path}.role`, `${who} sets seLinuxOptions.role=${text(options.role)}`);
}

function checkHost(handler: unknown, path: string, what: string, add: (check: string, path: string, message: string) => void) {
  if (!isObject(handler)) return;
  const httpHost = handler.httpGet?.host;
  if (httpHost != null && httpHost !== '') add('hostProbesAndHostLifecycle', `${path}.httpGet.host`, `${what} targets host ${text(httpHost)}`);
  const tcpHost = handler.tcpSocket?.host;
  if (tcpHost != null && tcpHost !== '') add('hostProbesAndHostLifecycle', `${path}.tcpSocket.host`, `${what} targets host ${text(tcpHost)}`);
}

/** What each PSA check allows, for hints. */
export const PSA_CHECK_ALLOWS: Record<string, string> = {
  hostNamespaces: 'hostNetwork, hostPID and hostIPC unset or false',
  privileged: 'securityContext.privileged unset or false',
  capabilities_baseline: `capabilities.add only from ${[...BASELINE_CAPABILITIES].join(', ')}`,
  hostPathVolumes: 'no hostPath volumes',
  hostPorts: 'no hostPort (or 0)',
  appArmorProfile: 'appArmorProfile.type RuntimeDefault or Localhost (annotations runtime/default or localhost/*), or unset',
  seLinuxOptions: `seLinuxOptions.type ${[...SELINUX_TYPES].filter(t => t).join(', ')} or unset, and no seLinuxOptions.user or role`,
  procMount: 'procMount Default or unset (any value when the pod sets hostUsers: false)',
  seccompProfile_baseline: 'seccompProfile.type RuntimeDefault, Localhost or unset',
  sysctls: `only the safe sysctls ${[...SAFE_SYSCTLS].join(', ')}`,
  windowsHostProcess: 'windowsOptions.hostProcess unset or false',
  hostProbesAndHostLifecycle: 'no host in httpGet/tcpSocket probes and lifecycle hooks',
  restrictedVolumes: `only ${[...RESTRICTED_VOLUME_SOURCES].join(', ')} volumes`,
  allowPrivilegeEscalation: 'allowPrivilegeEscalation: false on every container',
  runAsNonRoot: 'runAsNonRoot: true on the pod or on every container (not required when hostUsers: false)',
  runAsUser: 'runAsUser unset or non-zero (not checked when hostUsers: false)',
  seccompProfile_restricted: 'seccompProfile.type RuntimeDefault or Localhost on the pod or on every container',
  capabilities_restricted: 'capabilities.drop including ALL, and capabilities.add only NET_BIND_SERVICE',
  procMount_restricted: 'procMount Default or unset',
};
