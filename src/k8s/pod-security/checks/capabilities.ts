/**
 * Capability checks: baseline allows adding only the container runtime's default set; restricted requires
 * dropping ALL and allows adding only NET_BIND_SERVICE.
 */
import { asObject, text } from '../../shape';
import { PodSecurityCheck, PodView, Report, who } from '../check';

/** `capabilities_baseline`: capabilities a baseline pod may add (capabilities_allowed_1_0, the runtime's default set). */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD',
  'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

// mirrors capabilitiesBaseline_1_0 in k8s.io/pod-security-admission/policy/check_capabilities_baseline.go
function capabilitiesBaseline(pod: PodView, report: Report): void {
  for (const ref of pod.containers) {
    const add = asObject(asObject(ref.container.securityContext).capabilities).add;
    if (!Array.isArray(add)) continue;
    for (let k = 0; k < add.length; k++) {
      if (!BASELINE_CAPABILITIES.has(add[k])) report(`${ref.path}.securityContext.capabilities.add[${k}]`, `${who(ref)} adds ${text(add[k])}`);
    }
  }
}

// mirrors capabilitiesRestricted_1_22 in k8s.io/pod-security-admission/policy/check_capabilities_restricted.go
function capabilitiesRestricted(pod: PodView, report: Report): void {
  for (const ref of pod.containers) {
    const caps = asObject(ref.container.securityContext).capabilities;
    const scPath = `${ref.path}.securityContext`;
    const add = asObject(caps).add;
    if (Array.isArray(add)) {
      for (let k = 0; k < add.length; k++) {
        if (add[k] !== 'NET_BIND_SERVICE') report(`${scPath}.capabilities.add[${k}]`, `${who(ref)} adds ${text(add[k])}`);
      }
    }
    const drop = asObject(caps).drop;
    if (!(Array.isArray(drop) && drop.includes('ALL'))) report(`${scPath}.capabilities.drop`, `${who(ref)} does not drop ALL`);
  }
}

// mirrors capabilitiesRestricted_1_25: Windows pods are exempt (the API rejects capabilities on them)
function capabilitiesRestrictedExceptWindows(pod: PodView, report: Report): void {
  if (!pod.windows) capabilitiesRestricted(pod, report);
}

const RESTRICTED_ALLOWS = 'capabilities.drop including ALL, and capabilities.add only NET_BIND_SERVICE';

/** The capability checks. */
export const CAPABILITY_CHECKS: PodSecurityCheck[] = [
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    title: 'non-default capabilities',
    versions: [{ since: 0, run: capabilitiesBaseline, allows: `capabilities.add only from ${[...BASELINE_CAPABILITIES].join(', ')}` }],
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    title: 'unrestricted capabilities',
    versions: [
      { since: 22, run: capabilitiesRestricted, allows: RESTRICTED_ALLOWS, overrides: ['capabilities_baseline'] },
      {
        since: 25,
        run: capabilitiesRestrictedExceptWindows,
        allows: `${RESTRICTED_ALLOWS} (not checked on Windows pods)`,
        overrides: ['capabilities_baseline'],
      },
    ],
  },
];
