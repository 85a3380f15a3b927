import { capName, isWindows, podRule, who } from './common';
import { asList, asObject, text } from '../../../k8s/shape';
import { Severity } from '../../rule';

export const readOnlyRootFilesystem = podRule(
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

export const dropCapabilities = podRule(
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

export const noPrivileged = podRule(
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

export const noPrivilegeEscalation = podRule(
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

export const runAsNonRoot = podRule(
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

export const userGroupId = podRule(
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
