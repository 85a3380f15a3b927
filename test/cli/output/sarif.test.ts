import * as path from 'path';
import { sampleResult } from './results';
import { sarifValidator } from './sarif-schema';
import { artifactUri, formatSarif, PROJECT_URI, ruleAnchor, shortDescription } from '../../../src/cli/output/sarif';
import { RuleDescription } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';

const RULES: RuleDescription[] = [
  { id: 'semantics', severity: Severity.ERROR, description: 'What the API server rejects. More words.' },
  { id: 'best-practice/update-strategy', severity: Severity.INFO, description: 'The DaemonSet sets its update strategy.' },
];

const validateSarif = sarifValidator();

function sarif(result = sampleResult()) {
  return JSON.parse(formatSarif(result, { toolVersion: '1.2.3', rules: RULES, cwd: process.cwd() }));
}

test('the log validates against the official SARIF 2.1.0 schema', () => {
  expect(validateSarif(sarif())).toEqual([]);
  expect(validateSarif(sarif({ objectCount: 0, findings: [], objects: [], failed: false, suppressed: [] }))).toEqual([]);
});

test('the schema check is not vacuous: it refuses a wrong level, a bad URI, a missing version', () => {
  const log = sarif();
  log.runs[0].results[0].level = 'fatal';
  log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'dist/my agents.yaml';
  delete log.version;
  expect(validateSarif(log)).toEqual(expect.arrayContaining([
    '/runs/0/results/0/level must be equal to one of the allowed values',
    '/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri must match format "uri-reference"',
    "/ must have required property 'version'",
  ]));
});

test('one run: the tool, and the rules its results cite with level, description and a help URI into docs/rules.md', () => {
  const run = sarif().runs;
  expect(run).toHaveLength(1);
  const driver = run[0].tool.driver;
  expect({ name: driver.name, version: driver.version, informationUri: driver.informationUri })
    .toEqual({ name: 'cdk8s-daemonsets', version: '1.2.3', informationUri: PROJECT_URI });
  expect(driver.rules.map((r: any) => r.id)).toEqual(['best-practice/rbac-wildcard', 'best-practice/update-strategy', 'engine/internal', 'semantics/env-names', 'semantics/host-path']);
  const byId = Object.fromEntries(driver.rules.map((r: any) => [r.id, r]));
  expect(byId['semantics/host-path']).toEqual({
    id: 'semantics/host-path',
    shortDescription: { text: 'What the API server rejects.' },
    fullDescription: { text: 'What the API server rejects. More words.' },
    defaultConfiguration: { level: 'error' },
    // A check of a family described as a whole: the family's entry in the reference.
    helpUri: 'https://github.com/cdk8s-daemonsets/cdk8s-daemonsets/blob/main/docs/rules.md#semantics',
    properties: { tags: ['semantics'] },
  });
  expect(byId['best-practice/update-strategy']).toMatchObject({
    defaultConfiguration: { level: 'note' },
    helpUri: 'https://github.com/cdk8s-daemonsets/cdk8s-daemonsets/blob/main/docs/rules.md#best-practice-update-strategy',
  });
  // A rule the descriptions do not know (the engine's own): its severity in the run, its own anchor.
  expect(byId['engine/internal']).toMatchObject({ defaultConfiguration: { level: 'error' }, helpUri: expect.stringMatching(/#engine-internal$/) });
});

test('results: rule, level, message with the hint, file relative with forward slashes, line and column, the object as a logical location', () => {
  const results = sarif().runs[0].results;
  expect(results.map((r: any) => `${r.ruleId} ${r.level}`)).toEqual([
    'semantics/host-path error', 'engine/internal error', 'semantics/env-names warning', 'best-practice/rbac-wildcard warning', 'best-practice/update-strategy note',
  ]);
  const rules = sarif().runs[0].tool.driver.rules;
  for (const r of results) expect(rules[r.ruleIndex].id).toBe(r.ruleId);
  expect(results[0]).toEqual({
    ruleId: 'semantics/host-path',
    ruleIndex: 4,
    level: 'error',
    message: { text: "hostPath '/var/log/../log' of volume 'varlog' must not contain '..' (hint: write the path without ..)" },
    locations: [{
      physicalLocation: { artifactLocation: { uri: 'dist/agents.yaml' }, region: { startLine: 35, startColumn: 13 } },
      logicalLocations: [{ name: 'node-agent', fullyQualifiedName: 'DaemonSet node-agents/node-agent', kind: 'resource' }],
    }],
    properties: { path: 'spec.template.spec.volumes[0].hostPath.path', object: 'DaemonSet node-agents/node-agent' },
  });
  // A finding about no object has no location at all.
  expect(results[1].locations).toBeUndefined();
  // Standard input: a valid URI reference.
  expect(results[3].locations[0].physicalLocation.artifactLocation.uri).toBe('%3Cstdin%3E');
});

test('artifact URIs: relative to the working directory, forward slashes, each segment percent-encoded', () => {
  expect(artifactUri('/work/repo/dist/a b.yaml', '/work/repo')).toBe('dist/a%20b.yaml');
  expect(artifactUri('dist/x.yaml', process.cwd())).toBe('dist/x.yaml');
  expect(artifactUri(path.join('/work', 'other', 'x#1.yaml'), '/work/repo')).toBe('../other/x%231.yaml');
  expect(artifactUri('./dist/../dist/x.yaml', process.cwd())).toBe('dist/x.yaml');
  expect(artifactUri('<stdin>', '/work/repo')).toBe('%3Cstdin%3E');
});

test('rule anchors: lowercase, / as -', () => {
  expect(ruleAnchor('semantics/selector-matches-labels')).toBe('semantics-selector-matches-labels');
  expect(ruleAnchor('Pod-Security/level')).toBe('pod-security-level');
});

test('short descriptions: the first sentence, cut on a word at 160 characters', () => {
  expect(shortDescription('One. Two.')).toBe('One.');
  expect(shortDescription('no full stop')).toBe('no full stop');
  const long = shortDescription(`${'word '.repeat(60)}end.`);
  expect(long.length).toBeLessThanOrEqual(160);
  expect(long).toMatch(/word…$/);
});
