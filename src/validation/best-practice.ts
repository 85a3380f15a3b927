import { Rule, RuleContext, RuleHit, Severity } from './rule';
import { asList, asObject, isObject, Manifest, str, text } from '../k8s/shape';
import { imageTag } from '../k8s/syntax';
import { PodWorkload as Workload, podWorkloads } from './pod-workloads';
import { ContainerRef } from '../k8s/pod-template';

export { imageTag };

/**
 * Best-practice rules for the pod templates of every workload kind (Pod, DaemonSet, Deployment,
 * StatefulSet, ReplicaSet, Job, CronJob). Each rule's description names the equivalent
 * kube-score / kube-linter / Polaris check ids so findings can be mapped to those tools.
 */

/** Whether a container runs for the pod's lifetime and can have probes: a regular container or a native sidecar. */
function longRunning(c: ContainerRef): boolean {
  return !c.ephemeral && (!c.init || c.sidecar);
}

function isWindows(w: Workload): boolean {
  return w.spec.os?.name === 'windows';
}

function who(c: ContainerRef): string {
  return `${c.ephemeral ? 'ephemeral container' : c.init ? (c.sidecar ? 'sidecar container' : 'init container') : 'container'} '${text(c.container.name)}'`;
}

function capName(cap: unknown): string {
  const s = String(cap).toUpperCase();
  return s.startsWith('CAP_') ? s.slice(4) : s;
}

type Add = (path: string, message: string, hint: string, severity?: Severity) => void;

/** A rule that looks at each pod template of the input in turn. */
function podRule(
  id: string, severity: Severity, description: string,
  check: (w: Workload, add: Add, state: any) => void,
  prepare?: (ctx: RuleContext) => any,
): Rule {
  return {
    id,
    severity,
    description,
    check(ctx: RuleContext): RuleHit[] {
      const hits: RuleHit[] = [];
      const workloads = podWorkloads(ctx);
      if (workloads.length === 0) return hits;
      const state = prepare ? prepare(ctx) : undefined;
      let object: Manifest = {};
      const add: Add = (path, message, hint, sev) => {
        hits.push(sev ? { object, path, message, hint, severity: sev } : { object, path, message, hint });
      };
      for (let i = 0; i < workloads.length; i++) {
        object = workloads[i].object;
        check(workloads[i], add, state);
      }
      return hits;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Resources

const resourceRequests = podRule(
  'best-practice/resource-requests', Severity.WARNING,
  'Containers request CPU and memory, so the scheduler reserves room for them. '
  + 'Equivalent: kube-score container-resources; kube-linter unset-cpu-requirements, unset-memory-requirements; Polaris cpuRequestsMissing, memoryRequestsMissing.',
  (w, add) => {
    for (const c of w.containers) {
      if (c.ephemeral) continue;
      const res = asObject(c.container.resources);
      const requests = asObject(res.requests);
      const limits = asObject(res.limits);
      // A missing request defaults to the limit, so a limit alone is a request too.
      const noCpu = requests.cpu == null && limits.cpu == null;
      const noMemory = requests.memory == null && limits.memory == null;
      if (!noCpu && !noMemory) continue;
      const missing = noCpu && noMemory ? ['cpu', 'memory'] : [noCpu ? 'cpu' : 'memory'];
      add(`${w.specPath}.${c.path}.resources.requests`,
        `${who(c)} requests no ${missing.join(' and ')}; the scheduler treats it as needing none and the kubelet evicts it first under pressure`
        + (w.kind === 'DaemonSet' ? ' (a DaemonSet runs this on every node)' : ''),
        `Set resources.requests.${missing.join(' and resources.requests.')} to what the container uses at steady state.`);
    }
  });

const memoryLimit = podRule(
  'best-practice/memory-limit', Severity.WARNING,
  'Containers set a memory limit, so a leak is OOM-killed in the container instead of starving the node. '
  + 'Equivalent: kube-score container-resources; kube-linter unset-memory-requirements; Polaris memoryLimitsMissing.',
  (w, add) => {
    for (const c of w.containers) {
      if (c.ephemeral) continue;
      if (asObject(asObject(c.container.resources).limits).memory != null) continue;
      add(`${w.specPath}.${c.path}.resources.limits`, `${who(c)} has no memory limit; a leak can consume the node's memory`,
        'Set resources.limits.memory (for node agents, a small multiple of the request).');
    }
  });

// ---------------------------------------------------------------------------------------------
// Images

const imageTagRule = podRule(
  'best-practice/image-tag', Severity.WARNING,
  'Images carry an explicit tag other than latest (or a digest), so every node runs the same build. '
  + 'Equivalent: kube-score container-image-tag; kube-linter latest-tag; Polaris tagNotSpecified.',
  (w, add) => {
    for (const c of w.containers) {
      const image = c.container.image;
      if (typeof image !== 'string' || image === '') continue;
      const { tag, digest } = imageTag(image);
      if (digest || (tag !== undefined && tag !== 'latest')) continue;
      add(`${w.specPath}.${c.path}.image`,
        `${who(c)} image '${image}' ${tag === undefined ? 'has no tag, so it means latest' : 'uses the latest tag'}; each node pulls whatever latest is when it starts the pod, so nodes can end up running different builds`,
        'Pin a version tag (e.g. v1.8.2) or a digest (@sha256:...).');
    }
  });

// ---------------------------------------------------------------------------------------------
// Security context

const readOnlyRootFilesystem = podRule(
  'best-practice/read-only-root-filesystem', Severity.WARNING,
  'Containers set securityContext.readOnlyRootFilesystem true. '
  + 'Equivalent: kube-score container-security-context-readonlyrootfilesystem; kube-linter no-read-only-root-fs; Polaris notReadOnlyRootFilesystem.',
  (w, add) => {
    if (isWindows(w)) return;
    for (const c of w.containers) {
      if (asObject(c.container.securityContext).readOnlyRootFilesystem === true) continue;
      add(`${w.specPath}.${c.path}.securityContext.readOnlyRootFilesystem`, `${who(c)} has a writable root filesystem`,
        'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the program must write.');
    }
  });

const DANGEROUS_ADDS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'NET_RAW']);

const dropCapabilities = podRule(
  'best-practice/drop-capabilities', Severity.WARNING,
  'Containers drop ALL capabilities (at least NET_RAW; dropping only NET_RAW is reported as info) and add none of ALL, SYS_ADMIN, NET_ADMIN, NET_RAW. '
  + 'Equivalent: kube-linter drop-net-raw-capability; Polaris insecureCapabilities, dangerousCapabilities; PSA capabilities_restricted.',
  (w, add) => {
    if (isWindows(w)) return;
    for (const c of w.containers) {
      const caps = asObject(asObject(c.container.securityContext).capabilities);
      const drop = asList(caps.drop);
      let all = false;
      let netRaw = false;
      for (let k = 0; k < drop.length; k++) {
        const name = capName(drop[k]);
        if (name === 'ALL') all = true;
        else if (name === 'NET_RAW') netRaw = true;
      }
      if (!all) {
        if (netRaw) {
          add(`${w.specPath}.${c.path}.securityContext.capabilities.drop`, `${who(c)} drops NET_RAW but not ALL capabilities`,
            'Drop ALL and add back only what the program needs.', Severity.INFO);
        } else {
          add(`${w.specPath}.${c.path}.securityContext.capabilities.drop`,
            `${who(c)} keeps the runtime's default capabilities, including NET_RAW (raw packets, ARP/DNS spoofing)`,
            'Set securityContext.capabilities.drop: [ALL] and add back only what the program needs.');
        }
      }
      const added = asList(caps.add);
      for (let k = 0; k < added.length; k++) {
        if (DANGEROUS_ADDS.has(capName(added[k]))) {
          add(`${w.specPath}.${c.path}.securityContext.capabilities.add[${k}]`,
            `${who(c)} adds capability ${text(added[k])}, which grants near-root power over the node or its network`,
            'Remove it, or document why the workload needs it.');
        }
      }
    }
  });

const noPrivileged = podRule(
  'best-practice/no-privileged', Severity.WARNING,
  'Containers are not privileged. '
  + 'Equivalent: kube-score container-security-context-privileged; kube-linter privileged-container; Polaris runAsPrivileged; PSA privileged.',
  (w, add) => {
    for (const c of w.containers) {
      if (asObject(c.container.securityContext).privileged !== true) continue;
      add(`${w.specPath}.${c.path}.securityContext.privileged`, `${who(c)} is privileged: it has every capability and all host devices`,
        'Remove privileged and add only the capabilities and host paths the program needs.');
    }
  });

const noPrivilegeEscalation = podRule(
  'best-practice/no-privilege-escalation', Severity.WARNING,
  'Containers set securityContext.allowPrivilegeEscalation false (unset means true). '
  + 'Equivalent: kube-linter privilege-escalation-container; Polaris privilegeEscalationAllowed; PSA allowPrivilegeEscalation.',
  (w, add) => {
    if (isWindows(w)) return;
    for (const c of w.containers) {
      const sc = asObject(c.container.securityContext);
      if (sc.allowPrivilegeEscalation === false) continue;
      add(`${w.specPath}.${c.path}.securityContext.allowPrivilegeEscalation`,
        `${who(c)} ${sc.allowPrivilegeEscalation === true ? 'sets allowPrivilegeEscalation: true' : 'does not set allowPrivilegeEscalation, which defaults to true'}; `
        + 'setuid binaries can gain privileges',
        'Set securityContext.allowPrivilegeEscalation: false.');
    }
  });

const runAsNonRoot = podRule(
  'best-practice/run-as-non-root', Severity.WARNING,
  'Containers run as a non-root user (runAsNonRoot true or runAsUser > 0, at pod or container level). '
  + 'Equivalent: kube-linter run-as-non-root; Polaris runAsRootAllowed; PSA runAsNonRoot, runAsUser.',
  (w, add) => {
    if (isWindows(w)) return;
    const psc = asObject(w.spec.securityContext);
    for (const c of w.containers) {
      const sc = asObject(c.container.securityContext);
      const user = sc.runAsUser ?? psc.runAsUser;
      const nonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
      if (user === 0) {
        add(`${w.specPath}.${c.path}.securityContext.runAsUser`, `${who(c)} runs as root (runAsUser 0)`, 'Run as a non-zero UID and set runAsNonRoot: true.');
      } else if (nonRoot !== true && !(typeof user === 'number' && user > 0)) {
        add(`${w.specPath}.${c.path}.securityContext.runAsNonRoot`, `${who(c)} may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set`,
          'Set runAsNonRoot: true and a non-zero runAsUser in the pod or container securityContext.');
      }
    }
  });

const userGroupId = podRule(
  'best-practice/user-group-id', Severity.INFO,
  'Containers run with a UID and GID above 10000, which no host account uses. '
  + 'Equivalent: kube-score container-security-context-user-group-id.',
  (w, add) => {
    if (isWindows(w)) return;
    const psc = asObject(w.spec.securityContext);
    for (const c of w.containers) {
      const sc = asObject(c.container.securityContext);
      for (const field of ['runAsUser', 'runAsGroup']) {
        const id = sc[field] ?? psc[field];
        if (typeof id === 'number' && id > 10000) continue;
        add(`${w.specPath}.${c.path}.securityContext.${field}`,
          `${who(c)} ${id === undefined ? `sets no ${field}` : `runs with ${field} ${text(id)}`}; an ID of 10000 or less may match a host account if the container escapes`,
          `Set ${field} above 10000 (e.g. 65534 or 10001).`);
      }
    }
  });

// ---------------------------------------------------------------------------------------------
// Probes

const JOB_KINDS = new Set(['Job', 'CronJob']);

const livenessProbe = podRule(
  'best-practice/liveness-probe', Severity.WARNING,
  'Long-running containers (not Jobs) have a livenessProbe. '
  + 'Equivalent: kube-score pod-probes; kube-linter no-liveness-probe; Polaris livenessProbeMissing.',
  (w, add) => {
    if (JOB_KINDS.has(w.kind)) return;
    for (const c of w.containers) {
      if (!longRunning(c)) continue;
      if (c.container.livenessProbe != null) continue;
      add(`${w.specPath}.${c.path}.livenessProbe`, `${who(c)} has no livenessProbe, so a hung process is never restarted`,
        'Add a livenessProbe (httpGet on a health endpoint, or tcpSocket/grpc).');
    }
  });

const readinessProbe = podRule(
  'best-practice/readiness-probe', Severity.WARNING,
  'Long-running containers (not Jobs) have a readinessProbe; for DaemonSets it matters even without a Service, since the rolling update waits for readiness. '
  + 'Equivalent: kube-score pod-probes; kube-linter no-readiness-probe; Polaris readinessProbeMissing.',
  (w, add) => {
    if (JOB_KINDS.has(w.kind)) return;
    for (const c of w.containers) {
      if (!longRunning(c)) continue;
      if (c.container.readinessProbe != null) continue;
      add(`${w.specPath}.${c.path}.readinessProbe`,
        `${who(c)} has no readinessProbe` + (w.kind === 'DaemonSet'
          ? '; even without a Service it matters for a DaemonSet: the rolling update counts a pod as available once it is ready (plus minReadySeconds), '
            + 'so without a probe a broken pod counts as available and the rollout moves on to the next node'
          : ', so it receives traffic before it can serve'),
        'Add a readinessProbe.');
    }
  });

// ---------------------------------------------------------------------------------------------
// Host paths

/** Host directories that expose the node (exact paths, after removing trailing slashes). */
const SENSITIVE_HOST_PATHS = new Set([
  '/', '/boot', '/dev', '/etc', '/lib', '/lib64', '/proc', '/sys', '/usr', '/bin', '/sbin', '/root', '/home',
  '/run', '/var/run', '/var/lib/kubelet', '/var/lib/kubelet/pki', '/etc/kubernetes', '/etc/kubernetes/manifests', '/etc/kubernetes/pki',
  '/var/lib/etcd', '/var/lib/docker', '/var/lib/containerd',
]);
/** Container runtime sockets: whoever can write to them controls the node. */
const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock'];

function normalizeHostPath(p: string): string {
  let end = p.length;
  while (end > 1 && p.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === p.length ? p : p.slice(0, end);
}

/** What makes a host path sensitive, or undefined. */
export function sensitiveHostPath(path: string): string | undefined {
  const p = normalizeHostPath(path);
  if (RUNTIME_SOCKETS.some(s => p.endsWith(`/${s}`))) return 'a container runtime socket (full control of the node)';
  if (SENSITIVE_HOST_PATHS.has(p)) return 'a sensitive host directory';
  return undefined;
}

/** hostPath volumes of a pod: volume name → index and host path (computed once per pod template). */
function hostPathVolumes(w: Workload): Map<string, { index: number; path: string }> {
  if (w.hostPaths) return w.hostPaths;
  const map = new Map<string, { index: number; path: string }>();
  w.hostPaths = map;
  asList(w.spec.volumes).forEach((v, index) => {
    if (isObject(v) && isObject(v.hostPath) && typeof v.hostPath.path === 'string') map.set(v.name, { index, path: v.hostPath.path });
  });
  return map;
}

const sensitiveHostMount = podRule(
  'best-practice/sensitive-host-mount', Severity.WARNING,
  'Pods do not mount sensitive host paths (/, /etc, /proc, /sys, /dev, /boot, /usr, /var/lib/kubelet, /etc/kubernetes, container runtime sockets such as '
  + '/var/run/docker.sock and /run/containerd/containerd.sock ...), read-only or not. '
  + 'Equivalent: kube-linter sensitive-host-mounts, docker-sock, container-runtime-sock; Polaris hostPathSet; PSA hostPathVolumes.',
  (w, add) => {
    const volumes = hostPathVolumes(w);
    for (const [name, { index, path }] of volumes) {
      const why = sensitiveHostPath(path);
      if (!why) continue;
      const readOnly: string[] = [];
      const writable: string[] = [];
      for (const c of w.containers) {
        for (const m of asList(c.container.volumeMounts)) {
          if (m?.name === name) (m.readOnly === true ? readOnly : writable).push(`'${text(c.container.name)}'`);
        }
      }
      const use = [
        ...(writable.length ? [`writable by ${writable.join(', ')}`] : []),
        ...(readOnly.length ? [`read-only by ${readOnly.join(', ')}`] : []),
      ];
      add(`${w.specPath}.volumes[${index}].hostPath.path`,
        `volume '${name}' mounts ${why} '${path}' from the node (${use.length ? `mounted ${use.join(', ')}` : 'not mounted by any container'})`,
        'Mount only the narrowest host path the agent needs, read-only; node agents that must read /proc or /sys should mount them read-only.');
    }
  });

const writableHostMount = podRule(
  'best-practice/writable-host-mount', Severity.WARNING,
  'Containers mount hostPath volumes with readOnly: true. '
  + 'Equivalent: kube-linter writable-host-mount; Polaris hostPathSet.',
  (w, add) => {
    const volumes = hostPathVolumes(w);
    if (volumes.size === 0) return;
    for (const c of w.containers) {
      asList(c.container.volumeMounts).forEach((m, j) => {
        const v = isObject(m) ? volumes.get(m.name) : undefined;
        if (!v || m.readOnly === true) return;
        add(`${w.specPath}.${c.path}.volumeMounts[${j}].readOnly`,
          `${who(c)} mounts host path '${text(v.path)}' (volume '${text(m.name)}') at '${text(m.mountPath)}' writable`,
          'Set readOnly: true on the mount, unless this is the agent\'s own state directory.');
      });
    }
  });

// ---------------------------------------------------------------------------------------------
// Scheduling and rollout

const priorityClass = podRule(
  'best-practice/priority-class', Severity.WARNING,
  'DaemonSets set priorityClassName (e.g. system-node-critical), so node agents are not preempted or left pending on full nodes. '
  + 'Equivalent: kube-linter priority-class-name; Polaris priorityClassNotSet.',
  (w, add) => {
    if (w.kind !== 'DaemonSet') return;
    if (typeof w.spec.priorityClassName === 'string' && w.spec.priorityClassName !== '') return;
    add(`${w.specPath}.priorityClassName`, 'the DaemonSet sets no priorityClassName, so on a full node its pod can stay pending or be preempted',
      'Set priorityClassName: system-node-critical (or a PriorityClass of your own) for node agents.');
  });

const updateStrategy = podRule(
  'best-practice/update-strategy', Severity.INFO,
  'DaemonSets set updateStrategy explicitly (absent means RollingUpdate with maxUnavailable 1). '
  + 'Equivalent: kube-linter no-rolling-update-strategy; kube-score deployment-strategy (Deployments only).',
  (w, add) => {
    if (w.kind !== 'DaemonSet' || w.object.spec?.updateStrategy != null) return;
    add('spec.updateStrategy', 'the DaemonSet sets no updateStrategy, so it defaults to RollingUpdate with maxUnavailable 1: a rollout replaces one node\'s pod at a time',
      'Set updateStrategy explicitly, e.g. RollingUpdate with maxUnavailable: 10%, or OnDelete to roll nodes by hand.');
  });

// ---------------------------------------------------------------------------------------------
// Host namespaces and API access

const hostNamespaces = podRule(
  'best-practice/host-namespaces', Severity.INFO,
  'Reports pods that share the node\'s network, PID or IPC namespace (hostNetwork, hostPID, hostIPC). '
  + 'Equivalent: kube-linter host-network, host-pid, host-ipc; Polaris hostNetworkSet, hostPIDSet, hostIPCSet; PSA hostNamespaces.',
  (w, add) => {
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (w.spec[field] !== true) continue;
      add(`${w.specPath}.${field}`, `the pod sets ${field}: true and shares the node's ${field.slice(4)} namespace`,
        `Keep ${field} only if the agent needs it (e.g. node-exporter needs hostNetwork and hostPID); otherwise remove it.`);
    }
  });

interface ApiAccessIndex {
  /** `namespace/name` of service accounts some RoleBinding or ClusterRoleBinding of the input grants access to. */
  readonly bound: Set<string>;
  /** Namespaces whose service accounts are all bound (group system:serviceaccounts:<ns>); `*` for all. */
  readonly boundNamespaces: Set<string>;
  /** `namespace/name` → ServiceAccount object of the input. */
  readonly serviceAccounts: Map<string, Manifest>;
}

function indexApiAccess(ctx: RuleContext): ApiAccessIndex {
  const bound = new Set<string>();
  const boundNamespaces = new Set<string>();
  const serviceAccounts = new Map<string, Manifest>();
  for (const o of ctx.objects) {
    if (!isObject(o)) continue;
    const ns = typeof o.metadata?.namespace === 'string' && o.metadata.namespace !== '' ? o.metadata.namespace : 'default';
    if (o.kind === 'ServiceAccount' && typeof o.metadata?.name === 'string') {
      serviceAccounts.set(`${ns}/${o.metadata.name}`, o);
    } else if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      for (const s of asList(o.subjects)) {
        if (s?.kind === 'ServiceAccount') {
          bound.add(`${text(s.namespace ?? ns)}/${text(s.name)}`);
        } else if (s?.kind === 'Group' && typeof s.name === 'string') {
          if (s.name === 'system:serviceaccounts') boundNamespaces.add('*');
          else if (s.name.startsWith('system:serviceaccounts:')) boundNamespaces.add(s.name.slice('system:serviceaccounts:'.length));
        }
      }
    }
  }
  return { bound, boundNamespaces, serviceAccounts };
}

const automountServiceAccountToken = podRule(
  'best-practice/automount-service-account-token', Severity.INFO,
  'Pods whose service account no RoleBinding/ClusterRoleBinding of the input grants access to set automountServiceAccountToken: false. '
  + 'Equivalent: Polaris automountServiceAccountToken; kube-linter automount-service-account-token.',
  (w, add, index: ApiAccessIndex) => {
    const ns = w.namespace;
    const name = str(w.spec.serviceAccountName) || str(w.spec.serviceAccount) || 'default';
    const key = `${ns}/${name}`;
    const mounted = w.spec.automountServiceAccountToken ?? index.serviceAccounts.get(key)?.automountServiceAccountToken ?? true;
    if (mounted === false) return;
    if (index.bound.has(key) || index.boundNamespaces.has(ns) || index.boundNamespaces.has('*')) return;
    add(`${w.specPath}.automountServiceAccountToken`,
      `the pod mounts a token of service account '${name}', but no RoleBinding or ClusterRoleBinding in the input grants that account anything; `
      + 'if the pod does not call the Kubernetes API the token is only something to steal',
      'Set automountServiceAccountToken: false on the pod (or the ServiceAccount) if it does not call the API.');
  },
  indexApiAccess);

/** Best-practice rules. @internal */
export const BEST_PRACTICE_RULES: Rule[] = [
  resourceRequests,
  memoryLimit,
  imageTagRule,
  readOnlyRootFilesystem,
  dropCapabilities,
  noPrivileged,
  noPrivilegeEscalation,
  livenessProbe,
  readinessProbe,
  sensitiveHostMount,
  writableHostMount,
  priorityClass,
  runAsNonRoot,
  userGroupId,
  hostNamespaces,
  automountServiceAccountToken,
  updateStrategy,
];
