/**
 * Restricted checks on who the containers run as: no privilege escalation, non-root (runAsNonRoot), no UID 0
 * (runAsUser). Since v1.35 the user checks are relaxed for pods in a user namespace (`hostUsers: false`).
 */
import { asObject } from '../../shape';
import { PodSecurityCheck, PodView, Report, who } from '../check';

// mirrors allowPrivilegeEscalation_1_8 in k8s.io/pod-security-admission/policy/check_allowPrivilegeEscalation.go
function allowPrivilegeEscalation(pod: PodView, report: Report): void {
  for (const ref of pod.containers) {
    const value = asObject(ref.container.securityContext).allowPrivilegeEscalation;
    if (value === false) continue;
    report(`${ref.path}.securityContext.allowPrivilegeEscalation`,
      value === true ? `${who(ref)} sets allowPrivilegeEscalation=true` : `${who(ref)} does not set allowPrivilegeEscalation=false`);
  }
}

// mirrors allowPrivilegeEscalation_1_25: Windows pods are exempt
function allowPrivilegeEscalationExceptWindows(pod: PodView, report: Report): void {
  if (!pod.windows) allowPrivilegeEscalation(pod, report);
}

// mirrors runAsNonRoot1_0 in k8s.io/pod-security-admission/policy/check_runAsNonRoot.go
function runAsNonRoot(pod: PodView, report: Report): void {
  const podValue = pod.securityContext.runAsNonRoot;
  if (podValue === false) report('securityContext.runAsNonRoot', 'the pod sets runAsNonRoot=false');
  for (const ref of pod.containers) {
    const value = asObject(ref.container.securityContext).runAsNonRoot;
    const path = `${ref.path}.securityContext.runAsNonRoot`;
    if (value === false) report(path, `${who(ref)} sets runAsNonRoot=false`);
    else if (value !== true && podValue !== true) report(path, `neither the pod nor ${who(ref)} sets runAsNonRoot=true`);
  }
}

// mirrors runAsUser1_23 in k8s.io/pod-security-admission/policy/check_runAsUser.go
function runAsUser(pod: PodView, report: Report): void {
  if (pod.securityContext.runAsUser === 0) report('securityContext.runAsUser', 'the pod sets runAsUser=0');
  for (const ref of pod.containers) {
    if (asObject(ref.container.securityContext).runAsUser === 0) report(`${ref.path}.securityContext.runAsUser`, `${who(ref)} sets runAsUser=0`);
  }
}

/** runAsNonRoot1_35 and runAsUser1_35: not checked in a user namespace (KEP-127). */
function outsideUserNamespace(check: (pod: PodView, report: Report) => void): (pod: PodView, report: Report) => void {
  return (pod, report) => {
    if (!pod.userNamespace) check(pod, report);
  };
}

const NON_ROOT_ALLOWS = 'runAsNonRoot: true on the pod or on every container';
const USER_ALLOWS = 'runAsUser unset or non-zero';
const USERNS = ' (not checked when the pod sets hostUsers: false)';

/** The identity checks. */
export const IDENTITY_CHECKS: PodSecurityCheck[] = [
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    title: 'allowPrivilegeEscalation != false',
    versions: [
      { since: 8, run: allowPrivilegeEscalation, allows: 'allowPrivilegeEscalation: false on every container' },
      { since: 25, run: allowPrivilegeEscalationExceptWindows, allows: 'allowPrivilegeEscalation: false on every container (not checked on Windows pods)' },
    ],
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    title: 'runAsNonRoot != true',
    versions: [
      { since: 0, run: runAsNonRoot, allows: NON_ROOT_ALLOWS },
      { since: 35, run: outsideUserNamespace(runAsNonRoot), allows: NON_ROOT_ALLOWS + USERNS },
    ],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    title: 'runAsUser=0',
    versions: [
      { since: 23, run: runAsUser, allows: USER_ALLOWS },
      { since: 35, run: outsideUserNamespace(runAsUser), allows: USER_ALLOWS + USERNS },
    ],
  },
];
