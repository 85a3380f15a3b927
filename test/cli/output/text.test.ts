import { agentFinding, sampleResult } from './results';
import { formatText } from '../../../src/cli/output/text';
import { SuppressedFinding } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';

/** A finding of the sample DaemonSet that an annotation hides. */
function suppressedFinding(over: Partial<SuppressedFinding> = {}): SuppressedFinding {
  return {
    ...agentFinding({ ruleId: 'best-practice/sensitive-host-mount', severity: Severity.WARNING, message: "volume 'proc' mounts a sensitive host directory '/proc'", line: 40, column: 15 }),
    annotation: 'suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount',
    reason: 'the exporter reads /proc',
    ...over,
  };
}

describe('formatText', () => {
  test('a header per object with findings, file:line:column lines, hints indented, the summary last', () => {
    expect(formatText(sampleResult()).split('\n')).toEqual([
      'DaemonSet node-agents/node-agent (dist/agents.yaml)',
      "dist/agents.yaml:35:13: error semantics/host-path spec.template.spec.volumes[0].hostPath.path: hostPath '/var/log/../log' of volume 'varlog' must not contain '..'",
      '    hint: write the path without ..',
      "dist/agents.yaml:26:15: warning semantics/env-names spec.template.spec.containers[0].env[2]: environment variable 'LOG_LEVEL' hides its previous definition",
      'dist/agents.yaml:10:1: info best-practice/update-strategy spec.updateStrategy: the DaemonSet sets no updateStrategy',
      '',
      'ClusterRole reader (<stdin>)',
      '<stdin>:7:5: warning best-practice/rbac-wildcard rules[0].verbs: grants every verb',
      '',
      '(no object)',
      'error engine/internal rule x failed on this input (TypeError: boom)',
      '',
      '3 objects: 2 errors, 2 warnings, 1 infos',
      '',
    ]);
  });

  test('no findings: only the summary', () => {
    expect(formatText({ objectCount: 2, findings: [], objects: [], failed: false, suppressed: [] })).toBe('2 objects: 0 errors, 0 warnings, 0 infos\n');
  });

  test('a hint of several lines keeps its indentation', () => {
    const result = sampleResult();
    const f = { ...result.findings[0], hint: 'first\nsecond' };
    const text = formatText({ ...result, findings: [f], objects: [{ label: 'X', findings: [f] }] });
    expect(text).toContain('\n    hint: first\n          second\n');
  });

  test('colour only when asked: severities, locations, rule ids, headers and counts', () => {
    const plain = formatText(sampleResult(), { color: false });
    expect(plain).not.toMatch(/\x1b/);
    const coloured = formatText(sampleResult(), { color: true });
    expect(coloured).toContain('\x1b[1mDaemonSet node-agents/node-agent (dist/agents.yaml)\x1b[22m');
    expect(coloured).toContain('\x1b[1mdist/agents.yaml:35:13:\x1b[22m \x1b[1m\x1b[31merror\x1b[39m\x1b[22m \x1b[2msemantics/host-path\x1b[22m');
    expect(coloured).toContain('\x1b[33mwarning\x1b[39m');
    expect(coloured).toContain('\x1b[36minfo\x1b[39m');
    expect(coloured).toContain('\x1b[2m    hint: write the path without ..\x1b[22m');
    expect(coloured).toMatch(/3 objects: \x1b\[31m2 errors\x1b\[39m, \x1b\[33m2 warnings\x1b\[39m, 1 infos\n$/);
    // Without the escapes, the same text.
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });

  test('suppressed findings: a count after the summary, or with showSuppressed a list before it', () => {
    const result = { ...sampleResult(), suppressed: [suppressedFinding(), suppressedFinding({ path: 'spec.x', file: undefined })] };
    const counted = formatText(result).split('\n');
    expect(counted.slice(-3)).toEqual(['3 objects: 2 errors, 2 warnings, 1 infos', '2 findings suppressed by annotations (--show-suppressed lists them)', '']);
    expect(counted.join('\n')).not.toContain('sensitive-host-mount');

    const listed = formatText(result, { showSuppressed: true }).split('\n');
    expect(listed.slice(-9)).toEqual([
      '2 findings suppressed by annotations:',
      "dist/agents.yaml:40:15: warning best-practice/sensitive-host-mount DaemonSet node-agents/node-agent spec.template.spec.volumes[0].hostPath.path: volume 'proc' mounts a sensitive host directory '/proc'",
      '    reason: the exporter reads /proc (suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount)',
      "warning best-practice/sensitive-host-mount DaemonSet node-agents/node-agent spec.x: volume 'proc' mounts a sensitive host directory '/proc'",
      '    reason: the exporter reads /proc (suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount)',
      '',
      '3 objects: 2 errors, 2 warnings, 1 infos',
      '2 findings suppressed by annotations',
      '',
    ]);
    // Coloured, the suppressed severity and rule are dim (no red or yellow for what counts for nothing); the text is the same.
    const coloured = formatText(result, { showSuppressed: true, color: true });
    expect(coloured).toContain('\x1b[2mwarning\x1b[22m \x1b[2mbest-practice/sensitive-host-mount\x1b[22m');
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(listed.join('\n'));
  });

  test('one suppressed finding is a finding, not findings; none adds no line', () => {
    expect(formatText({ ...sampleResult(), suppressed: [suppressedFinding()] })).toMatch(/\n1 finding suppressed by annotations \(--show-suppressed lists them\)\n$/);
    expect(formatText(sampleResult(), { showSuppressed: true })).toMatch(/1 infos\n$/);
  });
});
