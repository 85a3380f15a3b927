import * as fc from 'fast-check';
import { agentFinding, sampleResult } from './results';
import { parseWorkflowCommand } from './workflow-commands';
import { escapeData, escapeProperty, formatGithub, githubCommand } from '../../../src/cli/output/github';
import { relativePath } from '../../../src/cli/output/located-findings';
import { Severity } from '../../../src/validation/rule';

test('one annotation command per finding: error, warning, notice; file, line, col and the rule id as title', () => {
  const lines = formatGithub(sampleResult(), { cwd: process.cwd() }).split('\n');
  expect(lines.pop()).toBe('');
  expect(lines).toEqual([
    "::error file=dist/agents.yaml,line=35,col=13,title=semantics/host-path::DaemonSet node-agents/node-agent spec.template.spec.volumes[0].hostPath.path: hostPath '/var/log/../log' of volume 'varlog' must not contain '..'%0Ahint: write the path without ..",
    '::error title=engine/internal::rule x failed on this input (TypeError: boom)',
    "::warning file=dist/agents.yaml,line=26,col=15,title=semantics/env-names::DaemonSet node-agents/node-agent spec.template.spec.containers[0].env[2]: environment variable 'LOG_LEVEL' hides its previous definition",
    '::warning file=<stdin>,line=7,col=5,title=best-practice/rbac-wildcard::ClusterRole reader rules[0].verbs: grants every verb',
    '::notice file=dist/agents.yaml,line=10,col=1,title=best-practice/update-strategy::DaemonSet node-agents/node-agent spec.updateStrategy: the DaemonSet sets no updateStrategy',
  ]);
  for (const line of lines) expect(() => parseWorkflowCommand(line)).not.toThrow();
});

test('escaping per the runner\'s rules: %, CR and LF in messages; also : and , in properties', () => {
  expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
  expect(escapeProperty('C:\\dir,x%')).toBe('C%3A\\dir%2Cx%25');
  const f = agentFinding({ ruleId: 'odd/rule:1,2', file: 'dir,1/a:b%.yaml', message: 'line one\nline two 100%', hint: undefined });
  const parsed = parseWorkflowCommand(githubCommand(f, process.cwd()));
  expect(parsed).toEqual({
    command: 'error',
    properties: { file: 'dir,1/a:b%.yaml', line: '35', col: '13', title: 'odd/rule:1,2' },
    message: 'DaemonSet node-agents/node-agent spec.template.spec.volumes[0].hostPath.path: line one\nline two 100%',
  });
});

test('any message and any file name survive the round trip, on one line', () => {
  const severities = fc.constantFrom(Severity.ERROR, Severity.WARNING, Severity.INFO);
  fc.assert(fc.property(fc.string(), fc.string({ minLength: 1 }), severities, (message, file, severity) => {
    const line = githubCommand(agentFinding({ message, file: `x/${file}`, severity, kind: undefined, path: '', hint: undefined }), '/');
    expect(line).not.toMatch(/[\r\n]/);
    const parsed = parseWorkflowCommand(line);
    expect(parsed.message).toBe(message);
    // The file as the format writes it (relative to the checkout): any characters, escaped and read back.
    expect(parsed.properties.file).toBe(relativePath(`x/${file}`, '/'));
  }));
});

test('the reader refuses what the runner would not read as an annotation', () => {
  expect(() => parseWorkflowCommand('error: plain text')).toThrow(/not a workflow command/);
  expect(() => parseWorkflowCommand('::debug::x')).toThrow(/not an annotation command/);
  expect(() => parseWorkflowCommand('::error file=a,b,line=1::x')).toThrow(/without '='/);
  expect(() => parseWorkflowCommand('::error line=1::x')).toThrow(/line without file/);
  expect(() => parseWorkflowCommand('::error file=a,line=0::x')).toThrow(/not a positive integer/);
  expect(() => parseWorkflowCommand('::error::100% sure')).toThrow(/'%'/);
});
