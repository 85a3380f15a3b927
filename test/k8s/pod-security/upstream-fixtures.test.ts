/**
 * The Pod Security admission's own fixtures (k8s.io/pod-security-admission v0.37.2, test/testdata: per level and
 * policy version, pods that must pass and pods that must fail), evaluated by our evaluator at their level and
 * version. Every verdict must agree with upstream's, and every failing pod must fail the check it was written for
 * (or the restricted check that replaces it at that version). The fixtures are copied into
 * test/fixtures/pod-security/upstream.json by scripts/gen-psa-fixtures.ts (see the README there).
 */
import * as fs from 'fs';
import * as path from 'path';
import { evaluatePodSecurity, NEWEST_POLICY_MINOR, POD_SECURITY_CHECKS, policyChecks, violationsAt } from '../../../src/k8s/pod-security';

type Json = { [key: string]: any };

const FILE = path.join(__dirname, '..', '..', 'fixtures', 'pod-security', 'upstream.json');
/** Fixture name → pod key, per outcome. */
interface Fixtures { pass: Record<string, string>; fail: Record<string, string> }
const data: { files: number; fixtures: Record<string, Record<string, Fixtures>>; pods: Record<string, Json> } = JSON.parse(fs.readFileSync(FILE, 'utf-8'));

const LEVELS = ['baseline', 'restricted'] as const;
const CHECK_IDS = new Map(POD_SECURITY_CHECKS.map(c => [c.id.toLowerCase(), c.id]));

/** The check a fixture was written for, from its name (`seccompprofile_baseline1` → `seccompProfile_baseline`); undefined for `base*`. */
function checkOf(name: string): string | undefined {
  return CHECK_IDS.get(name.replace(/\d+$/, ''));
}

interface Verdict { name: string; expected: 'pass' | 'fail'; failed: string[]; agrees: boolean; rightCheck: boolean }

function judge(level: 'baseline' | 'restricted', version: string): Verdict[] {
  const minor = Number(version.slice(3));
  const { overridden } = policyChecks(minor);
  const entry = data.fixtures[level][version];
  const verdicts: Verdict[] = [];
  for (const expected of ['pass', 'fail'] as const) {
    for (const [name, key] of Object.entries(entry[expected])) {
      const pod = data.pods[key];
      const evaluation = evaluatePodSecurity(pod.spec, pod.metadata, { version });
      expect(evaluation.policyVersion).toBe(version);
      const failed = [...new Set(violationsAt(evaluation, level).map(r => r.check))];
      const agrees = (failed.length > 0) === (expected === 'fail');
      let rightCheck = true;
      if (expected === 'fail') {
        const check = checkOf(name);
        // A restricted check that overrides the fixture's baseline check reports it (hostPathVolumes → restrictedVolumes).
        const replacedBy = check && level === 'restricted' && overridden.has(check)
          ? policyChecks(minor).checks.filter(c => c.level === 'restricted' && failed.includes(c.id)).map(c => c.id)
          : [];
        rightCheck = check !== undefined && (failed.includes(check) || replacedBy.length > 0);
      }
      verdicts.push({ name: `${expected}/${name}`, expected, failed, agrees, rightCheck });
    }
  }
  return verdicts;
}

test('the fixtures cover every policy version of both levels', () => {
  for (const level of LEVELS) {
    const versions = Object.keys(data.fixtures[level]);
    expect(versions).toEqual(Array.from({ length: NEWEST_POLICY_MINOR + 1 }, (_, i) => `v1.${i}`));
  }
  const sizes = LEVELS.flatMap(l => Object.values(data.fixtures[l]).map(e => Object.keys(e.pass).length + Object.keys(e.fail).length));
  const count = sizes.reduce((a, b) => a + b, 0);
  expect(count).toBe(data.files);
  expect(count).toBeGreaterThan(4500);
});

describe.each(LEVELS)('%s', (level) => {
  test.each(Object.keys(data.fixtures[level]))('%s: every fixture gets upstream\'s verdict, failing the check it was written for', (version) => {
    const verdicts = judge(level, version);
    expect(verdicts.filter(v => !v.agrees).map(v => `${v.name}: upstream says ${v.expected}, we fail ${v.failed.join(', ') || 'nothing'}`)).toEqual([]);
    expect(verdicts.filter(v => !v.rightCheck).map(v => `${v.name}: we fail ${v.failed.join(', ')}`)).toEqual([]);
    expect(verdicts.some(v => v.expected === 'fail')).toBe(true);
    expect(verdicts.some(v => v.expected === 'pass')).toBe(true);
  });
});

test('the fixtures tell versions apart: the same pod passes at one version and fails at another', () => {
  // sysctls: net.ipv4.tcp_notsent_lowat is safe from v1.37 only
  const newSysctl = data.pods[data.fixtures.baseline['v1.37'].pass.sysctls1];
  const names = (newSysctl.spec.securityContext.sysctls as Json[]).map(s => s.name);
  expect(names).toContain('net.ipv4.tcp_notsent_lowat');
  expect(evaluatePodSecurity(newSysctl.spec, newSysctl.metadata, { version: 'v1.37' }).level).not.toBe('privileged');
  expect(evaluatePodSecurity(newSysctl.spec, newSysctl.metadata, { version: 'v1.36' }).level).toBe('privileged');
});
