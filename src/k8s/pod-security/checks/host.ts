/**
 * Baseline checks on host access: host namespaces, host ports, probes and hooks aimed at other hosts,
 * privileged containers and Windows host processes.
 */
import { ContainerRef } from '../../pod-template';
import { text } from '../../shape';
import { PodSecurityCheck, PodView, Report, who } from '../check';

// mirrors hostNamespaces_1_0 in k8s.io/pod-security-admission/policy/check_hostNamespaces.go
function hostNamespaces(pod: PodView, report: Report): void {
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (pod.spec[field] === true) report(field, `${field}=true`);
  }
}

// mirrors hostPorts_1_0 in k8s.io/pod-security-admission/policy/check_hostPorts.go (0 means unset)
function hostPorts(pod: PodView, report: Report): void {
  for (const ref of pod.containers) {
    const ports = ref.container.ports;
    if (!Array.isArray(ports)) continue;
    for (let j = 0; j < ports.length; j++) {
      const hostPort = ports[j]?.hostPort;
      if (hostPort != null && hostPort !== 0) report(`${ref.path}.ports[${j}].hostPort`, `${who(ref)} uses hostPort ${text(hostPort)}`);
    }
  }
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
/** Each lifecycle hook: its field in `lifecycle`, its path below the container and how messages name it. */
const HOOKS: readonly (readonly [string, string, string])[] = [
  ['postStart', 'lifecycle.postStart', 'postStart hook'],
  ['preStop', 'lifecycle.preStop', 'preStop hook'],
];
const ACTIONS = ['httpGet', 'tcpSocket'];

/**
 * A handler's `httpGet.host` and `tcpSocket.host` when set and not empty; `field` is the handler's path below the
 * container, `what` names it after the container in messages. Paths and messages are built only for a report.
 */
function hostOf(handler: unknown, ref: ContainerRef, field: string, what: string, report: Report): void {
  if (handler === null || typeof handler !== 'object') return;
  for (const action of ACTIONS) {
    const host = (handler as any)[action]?.host;
    if (host != null && host !== '') report(`${ref.path}.${field}.${action}.host`, `${who(ref)} ${what} targets host ${text(host)}`);
  }
}

// mirrors hostProbesAndHostLifecycleV1Dot34 (getForbiddenHostProbes, getForbiddenHostLifecycle) in
// k8s.io/pod-security-admission/policy/check_hostProbesAndhostLifecycle.go
function hostProbesAndHostLifecycle(pod: PodView, report: Report): void {
  for (const ref of pod.containers) {
    const c = ref.container;
    for (const probe of PROBES) hostOf(c[probe], ref, probe, probe, report);
    const lifecycle = c.lifecycle;
    if (lifecycle === null || typeof lifecycle !== 'object') continue;
    for (const [hook, field, what] of HOOKS) hostOf(lifecycle[hook], ref, field, what, report);
  }
}

// mirrors privileged_1_0 in k8s.io/pod-security-admission/policy/check_privileged.go
function privileged(pod: PodView, report: Report): void {
  for (const ref of pod.containers) {
    if (ref.container.securityContext?.privileged === true) report(`${ref.path}.securityContext.privileged`, `${who(ref)} is privileged`);
  }
}

// mirrors windowsHostProcess_1_0 in k8s.io/pod-security-admission/policy/check_windowsHostProcess.go
function windowsHostProcess(pod: PodView, report: Report): void {
  if (pod.securityContext.windowsOptions?.hostProcess === true) {
    report('securityContext.windowsOptions.hostProcess', 'the pod sets hostProcess=true');
  }
  for (const ref of pod.containers) {
    if (ref.container.securityContext?.windowsOptions?.hostProcess === true) {
      report(`${ref.path}.securityContext.windowsOptions.hostProcess`, `${who(ref)} sets hostProcess=true`);
    }
  }
}

/** The host-access checks. */
export const HOST_CHECKS: PodSecurityCheck[] = [
  {
    id: 'hostNamespaces',
    level: 'baseline',
    title: 'host namespaces',
    versions: [{ since: 0, run: hostNamespaces, allows: 'hostNetwork, hostPID and hostIPC unset or false' }],
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    title: 'hostPort',
    versions: [{ since: 0, run: hostPorts, allows: 'no hostPort (or 0)' }],
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    title: 'probe or lifecycle host',
    versions: [{ since: 34, run: hostProbesAndHostLifecycle, allows: 'no host in httpGet/tcpSocket probes and lifecycle hooks' }],
  },
  {
    id: 'privileged',
    level: 'baseline',
    title: 'privileged',
    versions: [{ since: 0, run: privileged, allows: 'securityContext.privileged unset or false' }],
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    title: 'hostProcess',
    versions: [{ since: 0, run: windowsHostProcess, allows: 'windowsOptions.hostProcess unset or false' }],
  },
];
