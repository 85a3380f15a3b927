import { POD_SECURITY_CHECKS, policyChecks } from '../../../src/k8s/pod-security';

// The invariants upstream's validateChecks (k8s.io/pod-security-admission/policy/registry.go) enforces on its table.
describe('the check table', () => {
  test('ids are unique, baseline checks come first, each group in Go string order', () => {
    const ids = POD_SECURITY_CHECKS.map(c => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    const baseline = POD_SECURITY_CHECKS.filter(c => c.level === 'baseline').map(c => c.id);
    const restricted = POD_SECURITY_CHECKS.filter(c => c.level === 'restricted').map(c => c.id);
    expect(ids).toEqual([...baseline, ...restricted]);
    expect(baseline).toEqual([
      'appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'hostProbesAndHostLifecycle',
      'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess',
    ]);
    expect(restricted).toEqual([
      'allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser',
      'seccompProfile_restricted',
    ]);
  });

  test.each(POD_SECURITY_CHECKS.map(c => [c.id, c] as const))('%s: versions strictly increasing, overrides only of baseline checks', (_, check) => {
    expect(check.versions.length).toBeGreaterThan(0);
    const since = check.versions.map(v => v.since);
    expect([...since].sort((a, b) => a - b)).toEqual(since);
    expect(new Set(since).size).toBe(since.length);
    for (const v of check.versions) {
      expect(v.allows.length).toBeGreaterThan(5);
      for (const id of v.overrides ?? []) {
        expect(check.level).toBe('restricted');
        expect(POD_SECURITY_CHECKS.find(c => c.id === id)?.level).toBe('baseline');
      }
    }
  });
});

test('policyChecks: the checks and overrides a version runs', () => {
  const ids = (minor: number) => policyChecks(minor).checks.map(c => c.id);
  expect(ids(0)).not.toContain('allowPrivilegeEscalation');
  expect(ids(8)).toContain('allowPrivilegeEscalation');
  expect(ids(33)).not.toContain('hostProbesAndHostLifecycle');
  expect(ids(34)).toContain('hostProbesAndHostLifecycle');
  expect([...policyChecks(0).overridden]).toEqual(['hostPathVolumes']);
  expect([...policyChecks(19).overridden].sort()).toEqual(['hostPathVolumes', 'seccompProfile_baseline']);
  expect([...policyChecks(37).overridden].sort()).toEqual(['capabilities_baseline', 'hostPathVolumes', 'procMount', 'seccompProfile_baseline']);
  expect(policyChecks(99).minor).toBe(37);
  expect(policyChecks(-3).minor).toBe(0);
  expect(policyChecks(31)).toBe(policyChecks(31));
});
