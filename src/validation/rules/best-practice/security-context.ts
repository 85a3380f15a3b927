import { capName, isWindows, podRule, who } from './common';
import { asList, asObject, text } from '../../../k8s/shape';
import { Severity } from '../../rule';

export const readOnlyRootFilesystem = podRule({
  id: 'best-practice/read-only-root-filesystem',
  severity: Severity.WARNING,
  description: 'Containers set securityContext.readOnlyRootFilesystem: true.',
  why: 'A writable root filesystem lets an attacker, or a bug, change the container\'s binaries and configuration at run time; a read-only one also keeps writes in the volumes you chose.',
  fix: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the program must write (e.g. /tmp).',
  equivalents: { kubeScore: 'container-security-context-readonlyrootfilesystem', kubeLinter: 'no-read-only-root-fs', polaris: 'notReadOnlyRootFilesystem' },
},
(w, add) => {
  if (isWindows(w)) return;
  for (const c of w.containers) {
    if (asObject(c.container.securityContext).readOnlyRootFilesystem === true) continue;
    add(`${w.specPath}.${c.path}.securityContext.readOnlyRootFilesystem`, `${who(c)} has a writable root filesystem`,
      'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the program must write.');
  }
});

const DANGEROUS_ADDS = new Set(['ALL', 'SYS_ADMIN', 'NET_ADMIN', 'NET_RAW']);

export const dropCapabilities = podRule({
  id: 'best-practice/drop-capabilities',
  severity: Severity.WARNING,
  description: 'Containers drop ALL capabilities (at least NET_RAW; dropping only NET_RAW is reported as info) and add none of ALL, SYS_ADMIN, NET_ADMIN, NET_RAW.',
  why: 'The runtime\'s default capabilities include NET_RAW (raw packets: ARP and DNS spoofing on the node\'s network); SYS_ADMIN and NET_ADMIN are close to root on the node.',
  fix: 'Set securityContext.capabilities.drop: [ALL] and add back only what the program needs (e.g. NET_BIND_SERVICE).',
  equivalents: { kubeLinter: 'drop-net-raw-capability', polaris: 'insecureCapabilities, dangerousCapabilities', podSecurity: 'Restricted: Capabilities (capabilities_restricted)' },
},
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

export const noPrivileged = podRule({
  id: 'best-practice/no-privileged',
  severity: Severity.WARNING,
  description: 'Containers are not privileged.',
  why: 'A privileged container has every capability and every host device: it is root on the node, and an escape is trivial.',
  fix: 'Remove securityContext.privileged and grant only the capabilities and host paths the program needs.',
  equivalents: { kubeScore: 'container-security-context-privileged', kubeLinter: 'privileged-container', polaris: 'runAsPrivileged', podSecurity: 'Baseline: Privileged Containers (privileged)' },
},
(w, add) => {
  for (const c of w.containers) {
    if (asObject(c.container.securityContext).privileged !== true) continue;
    add(`${w.specPath}.${c.path}.securityContext.privileged`, `${who(c)} is privileged: it has every capability and all host devices`,
      'Remove privileged and add only the capabilities and host paths the program needs.');
  }
});

export const noPrivilegeEscalation = podRule({
  id: 'best-practice/no-privilege-escalation',
  severity: Severity.WARNING,
  description: 'Containers set securityContext.allowPrivilegeEscalation: false (unset means true).',
  why: 'With privilege escalation allowed, setuid binaries and file capabilities let a process gain more privileges than it started with.',
  fix: 'Set securityContext.allowPrivilegeEscalation: false.',
  equivalents: { kubeLinter: 'privilege-escalation-container', polaris: 'privilegeEscalationAllowed', podSecurity: 'Restricted: Privilege Escalation (allowPrivilegeEscalation)' },
},
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

export const runAsNonRoot = podRule({
  id: 'best-practice/run-as-non-root',
  severity: Severity.WARNING,
  description: 'Containers run as a non-root user: runAsNonRoot: true or runAsUser above 0, at pod or container level.',
  why: 'A process running as root in the container is root on the node after an escape, and owns every file of the host paths it mounts.',
  fix: 'Set runAsNonRoot: true and a non-zero runAsUser in the pod or container securityContext.',
  equivalents: { kubeLinter: 'run-as-non-root', polaris: 'runAsRootAllowed', podSecurity: 'Restricted: Running as Non-root (runAsNonRoot), Restricted: Running as Non-root user (runAsUser)' },
},
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

export const userGroupId = podRule({
  id: 'best-practice/user-group-id',
  severity: Severity.INFO,
  description: 'Containers run with a UID and GID above 10000, which no host account uses.',
  why: 'A low UID or GID may match an account on the node: a process that escapes the container gets that account\'s files.',
  fix: 'Set runAsUser and runAsGroup above 10000 (e.g. 65534 or 10001).',
  equivalents: { kubeScore: 'container-security-context-user-group-id' },
},
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
