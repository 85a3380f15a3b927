import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing, Yaml } from 'cdk8s';
import { sarifValidator } from './output/sarif-schema';
import { parseWorkflowCommand } from './output/workflow-commands';
import { childElements, parseXml, textOf } from './output/xml';
import { LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet } from '../../src';
import { Progress } from '../../src/cli/progress';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, runValidate } from '../../src/cli/validate';

/**
 * `validate` on the presets' own output: the findings their suppression annotations hide are counted by default,
 * listed with their reasons by `--show-suppressed`, and never count towards `--fail-on`.
 */

const SILENT = new Progress({ isTTY: false, write: () => { throw new Error('progress must not be written'); } });
const noStdin = () => {
  throw new Error('standard input must not be read');
};

const NODE_EXPORTER_REASON = "node-exporter reads the node's /proc, /sys and / read-only to report their metrics";

/** The manifests of a chart with the given presets (defaults), written to a file; its path. */
function presetFile(name: string, add: (chart: Chart) => void): string {
  const chart = Testing.chart();
  add(chart);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'validate-suppressed-')), `${name}.k8s.yaml`);
  fs.writeFileSync(file, Yaml.stringify(...Testing.synth(chart)));
  return file;
}

const nodeExporter = presetFile('node-exporter', c => new NodeExporterDaemonSet(c, 'node-exporter'));
const logCollector = presetFile('log-collector', c => new LogCollectorDaemonSet(c, 'logs', { outputs: [LogOutput.stdout()] }));

function validate(...args: string[]) {
  return runValidate(args, noStdin, SILENT, { color: false, cwd: path.dirname(nodeExporter), toolVersion: '0' });
}

describe('text', () => {
  test('node-exporter with defaults: its 3 suppressed host-mount warnings are counted after the summary', () => {
    const result = validate('--fail-on', 'warning', nodeExporter);
    expect(result.code).toBe(EXIT_OK);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[lines.length - 2]).toMatch(/^\d+ objects: 0 errors, 0 warnings, \d+ infos$/);
    expect(lines[lines.length - 1]).toBe('3 findings suppressed by annotations (--show-suppressed lists them)');
    expect(result.stdout).not.toContain('sensitive-host-mount');
  });

  test('log-collector with defaults: 2 suppressed (root user, writable state directory)', () => {
    const result = validate('--fail-on', 'warning', logCollector);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout.trimEnd().split('\n').pop()).toBe('2 findings suppressed by annotations (--show-suppressed lists them)');
  });

  test('one suppressed finding is "1 finding"; none prints no line', () => {
    expect(validate('--skip', 'best-practice/run-as-non-root', logCollector).stdout.trimEnd().split('\n').pop())
      .toBe('1 finding suppressed by annotations (--show-suppressed lists them)');
    expect(validate('--rules', 'semantics', nodeExporter).stdout).not.toMatch(/suppressed/);
  });

  test('--show-suppressed lists each with its rule id, object, path and reason, before the summary', () => {
    const result = validate('--show-suppressed', nodeExporter);
    expect(result.code).toBe(EXIT_OK);
    const lines = result.stdout.trimEnd().split('\n');
    const start = lines.indexOf('3 findings suppressed by annotations:');
    expect(start).toBeGreaterThanOrEqual(0);
    const file = nodeExporter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(lines.slice(start + 1, start + 7)).toEqual([0, 1, 2].flatMap(i => [
      expect.stringMatching(new RegExp(`^${file}:\\d+:\\d+: warning best-practice/sensitive-host-mount DaemonSet default/\\S+ spec\\.template\\.spec\\.volumes\\[${i}\\]\\.hostPath\\.path: `)),
      `    reason: ${NODE_EXPORTER_REASON} (suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount)`,
    ]));
    expect(lines[lines.length - 1]).toBe('3 findings suppressed by annotations');
  });

  test('--show-suppressed on the log collector gives both reasons', () => {
    const out = validate(logCollector, '--show-suppressed').stdout;
    expect(out).toMatch(/warning best-practice\/writable-host-mount DaemonSet default\/\S+ spec\.template\.spec\.containers\[0\]\.volumeMounts\[\d+\]\.readOnly: /);
    expect(out).toContain('    reason: the tail position DB and filesystem buffer live in the state directory so restarts neither lose nor duplicate logs (suppress.daemonsets.cdk8s.io/best-practice.writable-host-mount)');
    expect(out).toContain('    reason: container log files on the node are readable by root only (suppress.daemonsets.cdk8s.io/best-practice.run-as-non-root)');
  });

  test('--skip of a suppressed rule leaves its findings out of the count and the list', () => {
    const out = validate('--show-suppressed', '--skip', 'best-practice/sensitive-host-mount', nodeExporter).stdout;
    expect(out).not.toMatch(/suppressed by|sensitive-host-mount/);
  });

  test('a suppressed finding never fails --fail-on, while its rule still fails an object that does not suppress it', () => {
    const unsuppressed = fs.readFileSync(nodeExporter, 'utf-8').replace(/\n\s+suppress\.daemonsets\.cdk8s\.io\/best-practice\.sensitive-host-mount: .*/, '');
    const file = path.join(path.dirname(nodeExporter), 'unsuppressed.yaml');
    fs.writeFileSync(file, unsuppressed);
    expect(validate('--fail-on', 'warning', '--rules', 'best-practice/sensitive-host-mount', nodeExporter).code).toBe(EXIT_OK);
    const without = validate('--fail-on', 'warning', '--rules', 'best-practice/sensitive-host-mount', file);
    expect(without.code).toBe(EXIT_FINDINGS);
    expect(without.stdout).toMatch(/0 errors, 3 warnings, 0 infos\n$/);
  });

  test('a suppression without a reason is still an engine/suppression-reason error, and hides nothing', () => {
    const blank = fs.readFileSync(logCollector, 'utf-8').replace(/(suppress\.daemonsets\.cdk8s\.io\/best-practice\.run-as-non-root:) .*/, '$1 ""');
    const file = path.join(path.dirname(logCollector), 'blank-reason.yaml');
    fs.writeFileSync(file, blank);
    const result = validate('--show-suppressed', file);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.stdout).toMatch(/error engine\/suppression-reason metadata\.annotations\.suppress\.daemonsets\.cdk8s\.io\/best-practice\.run-as-non-root: /);
    expect(result.stdout).toMatch(/: warning best-practice\/run-as-non-root /);
    expect(result.stdout).toMatch(/\n1 finding suppressed by annotations:\n.* best-practice\/writable-host-mount /);
  });

  test('--show-suppressed is a flag: an option value of that name is a value, not the flag', () => {
    // `--rules --show-suppressed` selects a rule of that (unknown) name: nothing runs, nothing is suppressed.
    expect(validate('--rules', '--show-suppressed', nodeExporter).stdout).toMatch(/^\d+ objects: 0 errors, 0 warnings, 0 infos\n$/);
    expect(validate('--show-suppressed=yes', nodeExporter)).toMatchObject({ code: EXIT_USAGE, stderr: expect.stringMatching(/unknown option --show-suppressed=yes/) });
    expect(validate('--help').stdout).toContain('--show-suppressed');
  });
});

describe('machine formats', () => {
  test('json: a separate suppressed array with annotation, reason and location; never in findings', () => {
    const json = JSON.parse(validate('--format', 'json', nodeExporter).stdout);
    expect(json.findings.map((f: any) => f.ruleId)).not.toContain('best-practice/sensitive-host-mount');
    expect(json.failed).toBe(false);
    expect(json.suppressed).toHaveLength(3);
    expect(json.suppressed[0]).toEqual(expect.objectContaining({
      ruleId: 'best-practice/sensitive-host-mount',
      severity: 'warning',
      kind: 'DaemonSet',
      path: 'spec.template.spec.volumes[0].hostPath.path',
      annotation: 'suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount',
      reason: NODE_EXPORTER_REASON,
      file: nodeExporter,
      line: expect.any(Number),
      column: expect.any(Number),
    }));
  });

  test('sarif: suppressed results carry an inSource suppression justified by the reason, and the log is valid', () => {
    const log = JSON.parse(validate('--format', 'sarif', nodeExporter, logCollector).stdout);
    expect(sarifValidator()(log)).toEqual([]);
    const results = log.runs[0].results;
    const suppressed = results.filter((r: any) => r.suppressions);
    expect(suppressed.map((r: any) => r.ruleId)).toEqual([
      ...Array(3).fill('best-practice/sensitive-host-mount'), 'best-practice/writable-host-mount', 'best-practice/run-as-non-root',
    ]);
    expect(suppressed[0].suppressions).toEqual([{
      kind: 'inSource',
      justification: NODE_EXPORTER_REASON,
      properties: { annotation: 'suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount' },
    }]);
    expect(suppressed[0].level).toBe('warning');
    // Every result's rule is described, at the index the result names.
    for (const r of results) expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    expect(results.filter((r: any) => !r.suppressions).every((r: any) => r.level === 'note')).toBe(true);
  });

  test('github: no command for a suppressed finding; --show-suppressed makes each a notice with its reason', () => {
    const byDefault = validate('--format', 'github', nodeExporter).stdout.trimEnd().split('\n').map(parseWorkflowCommand);
    expect(byDefault.map(c => c.properties.title)).not.toContain('best-practice/sensitive-host-mount');
    const shown = validate('--format', 'github', '--show-suppressed', nodeExporter).stdout.trimEnd().split('\n').map(parseWorkflowCommand);
    const notices = shown.filter(c => c.properties.title === 'best-practice/sensitive-host-mount (suppressed)');
    expect(notices).toHaveLength(3);
    expect(notices.map(c => c.command)).toEqual(['notice', 'notice', 'notice']);
    expect(notices[0].message).toContain(`\nsuppressed (suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount): ${NODE_EXPORTER_REASON}`);
    expect(notices[0].properties.file).toBe(path.basename(nodeExporter));
  });

  test('junit: suppressed findings are no failures; --show-suppressed lists them in the object\'s system-out', () => {
    const failures = (xml: string) => parseXml(xml).attributes.failures;
    expect(failures(validate('--format', 'junit', nodeExporter, logCollector).stdout)).toBe('0');
    const shown = parseXml(validate('--format', 'junit', '--show-suppressed', nodeExporter).stdout);
    expect(shown.attributes.failures).toBe('0');
    const cases = childElements(childElements(shown, 'testsuite')[0], 'testcase');
    const daemonSet = cases.find(c => c.attributes.name.startsWith('DaemonSet '))!;
    const out = textOf(childElements(daemonSet, 'system-out')[0]);
    expect(out.match(/^suppressed: .* best-practice\/sensitive-host-mount /gm)).toHaveLength(3);
    expect(out).toContain(`    reason: ${NODE_EXPORTER_REASON}`);
  });
});
