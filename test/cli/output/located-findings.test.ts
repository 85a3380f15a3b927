import * as path from 'path';
import { locateFindings, relativePath } from '../../../src/cli/output/located-findings';
import { readManifests } from '../../../src/k8s/read-manifests';
import { ManifestValidator, ValidationReport } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';

const read = (text: string) => readManifests(['-'], () => text);

const CM = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ns\n${extra}`;

test('each finding gets the file, line and column of its object\'s field; objects come back in input order with their findings', () => {
  const input = read(`${CM('a', 'data:\n  ok: x\n')}---\n${CM('b', 'data:\n  bad/key: x\n')}`);
  const report = new ManifestValidator({ rules: ['semantics'] }).validate(input.objects);
  const result = locateFindings(report, input, [], true);
  expect(result.findings).toEqual([expect.objectContaining({ ruleId: 'semantics/config-map-data', file: '<stdin>', line: 15, column: 3 })]);
  expect(result.objects.map(o => `${o.label} ${o.file} ${o.findings.length}`)).toEqual(['ConfigMap ns/a <stdin> 0', 'ConfigMap ns/b <stdin> 1']);
  expect(result).toMatchObject({ objectCount: 2, failed: true });
});

test('two objects with one identity: the one whose file has the finding\'s field', () => {
  const input = read(`${CM('dup', 'data:\n  a: x\n')}---\n${CM('dup', 'binaryData:\n  b: eA==\n')}`);
  const finding = (p: string) => ({ ruleId: 'x/y', severity: Severity.WARNING, kind: 'ConfigMap', namespace: 'ns', name: 'dup', path: p, message: 'm' });
  const result = locateFindings(new ValidationReport([finding('binaryData.b'), finding('data.a'), finding('nowhere')]), input, [], false);
  expect(result.findings.map(f => f.line)).toEqual([15, 7, 1]);
  expect(result.objects.map(o => o.findings.map(f => f.path))).toEqual([['data.a', 'nowhere'], ['binaryData.b']]);
});

test('the namespace the engine gives: default for a namespaced kind without one, none for a cluster-scoped kind', () => {
  const input = read('kind: ConfigMap\nmetadata:\n  name: a\n---\nkind: ClusterRole\nmetadata:\n  name: r\nrules: []\n');
  const report = new ValidationReport([
    { ruleId: 'x/y', severity: Severity.INFO, kind: 'ConfigMap', namespace: 'default', name: 'a', path: 'metadata.name', message: 'm' },
    { ruleId: 'x/y', severity: Severity.INFO, kind: 'ClusterRole', name: 'r', path: 'rules', message: 'm' },
  ]);
  expect(locateFindings(report, input, [], false).findings.map(f => `${f.file}:${f.line}:${f.column}`)).toEqual(['<stdin>:3:3', '<stdin>:8:1']);
});

test('a finding about an object of --previous is located there; one about no object (a rule that failed) is not located', () => {
  const current = read(CM('a'));
  const previous = readManifests([path.join(__dirname, '..', '..', 'fixtures', 'locations', 'agents.yaml')], () => '');
  const report = new ValidationReport([
    { ruleId: 'upgrade-safety/x', severity: Severity.WARNING, kind: 'DaemonSet', namespace: 'node-agents', name: 'node-agent', path: 'spec.selector', message: 'm' },
    { ruleId: 'engine/internal', severity: Severity.ERROR, path: '', message: 'rule failed' },
  ]);
  const result = locateFindings(report, current, [previous], true);
  // (errors first)
  expect(result.findings[0]).toEqual({ ruleId: 'engine/internal', severity: Severity.ERROR, path: '', message: 'rule failed' });
  expect(result.findings[1]).toMatchObject({ file: expect.stringMatching(/agents\.yaml$/), line: 11, column: 3 });
  expect(result.objects.map(o => `${o.label} ${o.findings.length}`)).toEqual(['ConfigMap ns/a 0', 'DaemonSet node-agents/node-agent 1', '(no object) 1']);
  expect(result.objectCount).toBe(1);
});

test('relativePath: relative to the given directory (a relative file is relative to the process\'s), forward slashes, <stdin> unchanged', () => {
  expect(relativePath('/w/repo/dist/a.yaml', '/w/repo')).toBe('dist/a.yaml');
  expect(relativePath('dist/./a.yaml', process.cwd())).toBe('dist/a.yaml');
  expect(relativePath('dist/a.yaml', path.dirname(process.cwd()))).toBe(`${path.basename(process.cwd())}/dist/a.yaml`);
  expect(relativePath('/w/other/a.yaml', '/w/repo')).toBe('../other/a.yaml');
  expect(relativePath('<stdin>', '/w/repo')).toBe('<stdin>');
});
