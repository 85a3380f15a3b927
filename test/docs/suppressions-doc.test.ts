import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import {
  hiddenCount, presetSuppressions, SUPPRESSIONS_DOC_COMMAND, SUPPRESSIONS_DOC_FILE, suppressionsMarkdown,
} from '../../scripts/gen-suppressions-doc';
import { NodeExporterDaemonSet, validateManifests } from '../../src';
import { Severity } from '../../src/validation/rule';

/** docs/suppressions.md: generated from the presets' own annotations, and failing here when it drifts from them. */

const ROOT = path.join(__dirname, '..', '..');

test(`${SUPPRESSIONS_DOC_FILE} is what the presets generate (regenerate: ${SUPPRESSIONS_DOC_COMMAND})`, () => {
  expect(fs.readFileSync(path.join(ROOT, SUPPRESSIONS_DOC_FILE), 'utf-8')).toBe(suppressionsMarkdown());
});

test('the presets with defaults: node-exporter hides 3 host-mount warnings, the log collector 2 (root, state directory)', () => {
  const summary = presetSuppressions().map(p => [p.preset, p.suppressions.map(s => [s.ruleId, s.hidden.map(f => f.severity)])]);
  expect(summary).toEqual([
    ['NodeExporterDaemonSet', [['best-practice/sensitive-host-mount', ['warning', 'warning', 'warning']]]],
    ['LogCollectorDaemonSet', [
      ['best-practice/run-as-non-root', ['warning']],
      ['best-practice/writable-host-mount', ['warning']],
    ]],
  ]);
  for (const p of presetSuppressions()) {
    for (const s of p.suppressions) {
      expect(s.reason.trim()).not.toBe('');
      // Every hidden finding is hidden by this very annotation, with its reason.
      for (const f of s.hidden) expect(f).toMatchObject({ annotation: s.annotation, reason: s.reason, ruleId: s.ruleId, kind: 'DaemonSet' });
    }
  }
});

test('every suppression the doc lists hides something, and each appears in the doc with its reason and rule link', () => {
  const markdown = suppressionsMarkdown();
  for (const p of presetSuppressions()) {
    expect(markdown).toContain(`## ${p.preset}`);
    for (const s of p.suppressions) {
      expect(s.hidden.length).toBeGreaterThan(0);
      expect(markdown).toContain(`| \`${s.annotation}\` | [\`${s.ruleId}\`](rules.md#${s.ruleId.replace('/', '-')}) | ${hiddenCount(s.hidden)} |`);
    }
  }
});

test('with presetAnnotations: false the same findings are reported, not suppressed', () => {
  const chart = Testing.chart();
  new NodeExporterDaemonSet(chart, 'node-exporter', { presetAnnotations: false });
  const report = validateManifests(Testing.synth(chart));
  expect(report.suppressed).toEqual([]);
  const [byDefault] = presetSuppressions();
  expect(report.warnings.map(f => [f.ruleId, f.path, f.message])).toEqual(byDefault.suppressions[0].hidden.map(f => [f.ruleId, f.path, f.message]));
});

test('hiddenCount names each severity', () => {
  const f = (severity: Severity) => ({ ruleId: 'a/b', severity, path: '', message: '', annotation: 'k', reason: 'r' });
  expect(hiddenCount([])).toBe('none');
  expect(hiddenCount([f(Severity.WARNING)])).toBe('1 warning');
  expect(hiddenCount([f(Severity.WARNING), f(Severity.ERROR), f(Severity.WARNING)])).toBe('2 warnings and 1 error');
});
