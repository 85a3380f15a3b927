import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ManifestValidator, validateManifests, ValidationFinding } from '../../src/validation/engine';
import { Severity } from '../../src/validation/rule';
import { RUNTIME_CHECKS } from '../../src/validation/rules/runtime/checks';
import { SEMANTIC_CHECKS } from '../../src/validation/rules/semantics/checks';

/*
 * A corpus of manifests: test/fixtures/invalid/*.yaml each break exactly one semantics or
 * cross-object rule, named by the first line `# expect: <rule id>`; test/fixtures/valid/*.yaml
 * break none. Only the families below are judged, so the corpus stays valid when other rule
 * families (schema, pod security, best practice) join the engine.
 */
const FAMILIES = ['semantics', 'runtime', 'cross-object', 'engine'];
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const INVALID = listYaml(path.join(FIXTURES, 'invalid'));
const VALID = listYaml(path.join(FIXTURES, 'valid'));

function listYaml(dir: string): string[] {
  return fs.readdirSync(dir).filter(f => /\.ya?ml$/.test(f)).sort();
}

function load(file: string): any[] {
  const docs = parseAllDocuments(fs.readFileSync(file, 'utf-8'));
  const objects: any[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new Error(`${file}: not valid YAML: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value === null || value === undefined) continue;
    objects.push(...(value.kind === 'List' ? value.items ?? [] : [value]));
  }
  return objects;
}

function expectation(file: string): string | undefined {
  const first = fs.readFileSync(file, 'utf-8').split('\n')[0];
  return /^# expect: ([a-z-]+\/[a-z0-9-]+)\s*$/.exec(first)?.[1];
}

function judged(findings: ValidationFinding[]): ValidationFinding[] {
  return findings.filter(f => FAMILIES.includes(f.ruleId.split('/')[0]) && f.severity !== Severity.INFO);
}

function describeFindings(findings: ValidationFinding[]): string {
  return findings.length === 0 ? '  (none)' : findings.map(f => `  ${f.severity} ${f.ruleId} ${f.kind ?? ''} ${f.name ?? ''} ${f.path}: ${f.message}`).join('\n');
}

/** The `semantics/<check>` ids the family declares (data in the rule registry), so a new check must join the corpus. */
function semanticCheckIds(): string[] {
  return [...SEMANTIC_CHECKS.map(c => `semantics/${c}`), ...RUNTIME_CHECKS.map(c => `runtime/${c}`)].sort();
}

function crossObjectRuleIds(): string[] {
  return ManifestValidator.describeRules().map(r => r.id).filter(id => id.startsWith('cross-object/')).sort();
}

test('the corpus has at least 40 invalid and 5 valid manifests', () => {
  expect(INVALID.length).toBeGreaterThanOrEqual(40);
  expect(VALID.length).toBeGreaterThanOrEqual(5);
});

test('every invalid fixture names the rule it breaks on its first line', () => {
  const missing = INVALID.filter(f => expectation(path.join(FIXTURES, 'invalid', f)) === undefined);
  expect(missing.map(f => `test/fixtures/invalid/${f}: first line must be '# expect: <rule id>'`)).toEqual([]);
});

test('the corpus covers every semantics check and every cross-object rule', () => {
  const covered = new Set(INVALID.map(f => expectation(path.join(FIXTURES, 'invalid', f))));
  const wanted = [...semanticCheckIds(), ...crossObjectRuleIds()];
  expect(semanticCheckIds().length).toBeGreaterThanOrEqual(25);
  expect(crossObjectRuleIds().length).toBeGreaterThanOrEqual(5);
  expect(wanted.filter(id => !covered.has(id)).map(id => `no fixture in test/fixtures/invalid expects ${id}`)).toEqual([]);
});

test('every expected rule id is one the engine can report', () => {
  const known = new Set([...semanticCheckIds(), ...crossObjectRuleIds()]);
  const unknown = INVALID.map(f => ({ f, id: expectation(path.join(FIXTURES, 'invalid', f)) })).filter(x => x.id !== undefined && !known.has(x.id));
  expect(unknown.map(x => `test/fixtures/invalid/${x.f}: unknown rule id ${x.id}`)).toEqual([]);
});

describe('invalid manifests', () => {
  test.each(INVALID)('%s', (file) => {
    const full = path.join(FIXTURES, 'invalid', file);
    const expected = expectation(full);
    const findings = judged(validateManifests(load(full)).findings);
    const problems: string[] = [];
    if (expected === undefined) {
      problems.push(`test/fixtures/invalid/${file}: no '# expect: <rule id>' first line`);
    } else {
      if (!findings.some(f => f.ruleId === expected)) {
        problems.push(`test/fixtures/invalid/${file}: expected ${expected}, but it was not reported; findings:\n${describeFindings(findings)}`);
      }
      const unexpected = findings.filter(f => f.ruleId !== expected);
      if (unexpected.length > 0) {
        problems.push(`test/fixtures/invalid/${file}: should break only ${expected}, but also got:\n${describeFindings(unexpected)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('valid manifests', () => {
  test.each(VALID)('%s', (file) => {
    const full = path.join(FIXTURES, 'valid', file);
    const objects = load(full);
    const findings = judged(validateManifests(objects).findings);
    const problems = findings.length === 0 ? [] : [`test/fixtures/valid/${file}: expected no errors or warnings, got:\n${describeFindings(findings)}`];
    expect(problems).toEqual([]);
    expect(objects.some(o => o.kind === 'DaemonSet')).toBe(true);
  });
});
