import * as path from 'path';
import { sarifValidator } from './output/sarif-schema';
import { parseWorkflowCommand } from './output/workflow-commands';
import { childElements, parseXml, textOf } from './output/xml';
import { Progress } from '../../src/cli/progress';
import { EXIT_FINDINGS, EXIT_OK, runValidate } from '../../src/cli/validate';

/** `validate --format <format>` end to end on test/fixtures/locations (whose header lists each finding's place). */

const ROOT = path.join(__dirname, '..', '..');
const FIXTURE = 'test/fixtures/locations/agents.yaml';
const SILENT = new Progress({ isTTY: false, write: () => { throw new Error('progress must not be written'); } });
const noStdin = () => {
  throw new Error('standard input must not be read');
};

function validate(format: string, ...inputs: string[]) {
  return runValidate(['--format', format, '--rules', 'semantics', ...(inputs.length ? inputs : [FIXTURE])], noStdin, SILENT, { color: false, cwd: ROOT, toolVersion: '9.9.9' });
}

/** The places the fixture's header promises, as `rule line:column`. */
const EXPECTED = [
  'semantics/selector-matches-labels 16:7',
  'semantics/host-path 35:13',
  'semantics/config-map-data 47:7',
  'semantics/env-names 26:15',
];

test('text: grouped by object, file:line:column lines, the summary', () => {
  const result = validate('text');
  expect(result.code).toBe(EXIT_FINDINGS);
  expect(result.stdout.split('\n')).toEqual([
    `DaemonSet node-agents/node-agent (${FIXTURE})`,
    expect.stringMatching(new RegExp(`^${FIXTURE}:16:7: error semantics/selector-matches-labels spec\\.template\\.metadata\\.labels: `)),
    `${FIXTURE}:35:13: error semantics/host-path spec.template.spec.volumes[0].hostPath.path: hostPath '/var/log/../log' of volume 'varlog' must not contain '..'`,
    expect.stringMatching(new RegExp(`^${FIXTURE}:26:15: warning semantics/env-names spec\\.template\\.spec\\.containers\\[0\\]\\.env\\[2\\]: `)),
    '',
    `ConfigMap node-agents/agent-config (${FIXTURE})`,
    expect.stringMatching(new RegExp(`^${FIXTURE}:47:7: error semantics/config-map-data data\\.conf/agent\\.conf: `)),
    '',
    '2 objects: 3 errors, 1 warnings, 0 infos',
    '',
  ]);
});

test('text is coloured when the output options say so', () => {
  const coloured = runValidate(['--rules', 'semantics', FIXTURE], noStdin, SILENT, { color: true });
  expect(coloured.stdout).toContain('\x1b[31merror\x1b[39m');
});

test('json: the same fields as before, plus file, line and column', () => {
  const json = JSON.parse(validate('json').stdout);
  expect(json.findings.map((f: any) => `${f.ruleId} ${f.line}:${f.column}`)).toEqual(EXPECTED);
  expect(Object.keys(json.findings[0])).toEqual(['ruleId', 'severity', 'kind', 'namespace', 'name', 'path', 'message', 'file', 'line', 'column']);
  expect(json.findings[0].file).toBe(FIXTURE);
  expect({ objects: json.objects, failed: json.failed }).toEqual({ objects: 2, failed: true });
});

test('sarif: valid SARIF 2.1.0, results at the same places', () => {
  const result = validate('sarif');
  expect(result.code).toBe(EXIT_FINDINGS);
  const log = JSON.parse(result.stdout);
  expect(sarifValidator()(log)).toEqual([]);
  const results = log.runs[0].results;
  expect(results.map((r: any) => `${r.ruleId} ${r.locations[0].physicalLocation.region.startLine}:${r.locations[0].physicalLocation.region.startColumn}`)).toEqual(EXPECTED);
  expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(FIXTURE);
  expect(log.runs[0].tool.driver.version).toBe('9.9.9');
  for (const rule of log.runs[0].tool.driver.rules) {
    expect(rule.helpUri).toMatch(/^https:\/\/github\.com\/cdk8s-daemonsets\/cdk8s-daemonsets\/blob\/main\/docs\/rules\.md#[a-z0-9-]+$/);
  }
});

test('sarif of a directory with a JSON file, paths relative to the working directory', () => {
  const log = JSON.parse(runValidate(['--format', 'sarif', '--rules', 'semantics', path.join(ROOT, 'test/fixtures/locations')], noStdin, SILENT, { cwd: ROOT, toolVersion: '0' }).stdout);
  expect(sarifValidator()(log)).toEqual([]);
  expect(log.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'test/fixtures/locations/agents.json' }, region: { startLine: 25, startColumn: 11 } });
});

test('github: every line is an annotation command at the same place', () => {
  const result = validate('github');
  expect(result.code).toBe(EXIT_FINDINGS);
  const commands = result.stdout.trimEnd().split('\n').map(parseWorkflowCommand);
  expect(commands.map(c => `${c.properties.title} ${c.properties.line}:${c.properties.col}`)).toEqual(EXPECTED);
  expect(commands.map(c => c.command)).toEqual(['error', 'error', 'error', 'warning']);
  expect(commands[0].properties.file).toBe(FIXTURE);
});

test('junit: well-formed, a suite for the file, a case per object, a failure per finding', () => {
  const result = validate('junit');
  expect(result.code).toBe(EXIT_FINDINGS);
  const root = parseXml(result.stdout);
  const [suite] = childElements(root, 'testsuite');
  expect(suite.attributes).toMatchObject({ name: FIXTURE, tests: '2', failures: '2' });
  const cases = childElements(suite, 'testcase');
  expect(cases.map(c => `${c.attributes.name}: ${childElements(c, 'failure').map(f => f.attributes.type).join(', ')}`)).toEqual([
    'DaemonSet node-agents/node-agent: semantics/selector-matches-labels, semantics/host-path, semantics/env-names',
    'ConfigMap node-agents/agent-config: semantics/config-map-data',
  ]);
  expect(textOf(childElements(cases[1], 'failure')[0])).toMatch(new RegExp(`^${FIXTURE}:47:7: error semantics/config-map-data `));
});

test('standard input is <stdin> in every format', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a/b: x\n';
  const run = (format: string) => runValidate(['--format', format, '--rules', 'semantics', '-'], () => text, SILENT, { color: false, cwd: ROOT, toolVersion: '0' }).stdout;
  expect(run('text')).toContain('\n<stdin>:6:3: error semantics/config-map-data ');
  expect(JSON.parse(run('json')).findings[0]).toMatchObject({ file: '<stdin>', line: 6, column: 3 });
  expect(parseWorkflowCommand(run('github').trimEnd()).properties).toMatchObject({ file: '<stdin>', line: '6', col: '3' });
  const log = JSON.parse(run('sarif'));
  expect(sarifValidator()(log)).toEqual([]);
  expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('%3Cstdin%3E');
  expect(childElements(parseXml(run('junit')), 'testsuite')[0].attributes.name).toBe('<stdin>');
});

test('no findings: exit 0 and an empty but valid document in every format', () => {
  const valid = path.join(ROOT, 'test/fixtures/valid');
  const run = (format: string) => runValidate(['--format', format, '--rules', 'semantics/host-path', valid], noStdin, SILENT, { color: false, cwd: ROOT, toolVersion: '0' });
  expect(run('github')).toMatchObject({ code: EXIT_OK, stdout: '' });
  expect(sarifValidator()(JSON.parse(run('sarif').stdout))).toEqual([]);
  expect(parseXml(run('junit').stdout).attributes.failures).toBe('0');
});
