import { run } from '../../src/cli/main';
import { runRules } from '../../src/cli/rules';
import { ManifestValidator } from '../../src/validation/engine';

const RULES = ManifestValidator.describeRules();

describe('cdk8s-daemonsets rules: the list', () => {
  test('text: one line per rule id with its severity and what it checks, in reference order', () => {
    const r = runRules([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    const listed = lines.slice(0, RULES.length);
    expect(listed.map(l => l.split(/\s+/)[0])).toEqual(RULES.map(x => x.id));
    expect(listed).toContainEqual(expect.stringMatching(/^semantics\/selector-matches-labels +error +The DaemonSet's selector selects its own pod template's labels\.$/));
    expect(listed).toContainEqual(expect.stringMatching(/^best-practice\/update-strategy +info +DaemonSets set updateStrategy explicitly/));
    expect(lines[lines.length - 1]).toBe(`${RULES.length} rule ids in 9 families; cdk8s-daemonsets rules <id> explains one, docs/rules.md all`);
  });

  test('text: long descriptions are cut on a word boundary so each line stays readable', () => {
    const line = runRules([]).stdout.split('\n').find(l => l.startsWith('upgrade-safety/immutable-field '))!;
    const description = line.replace(/^\S+\s+\S+\s+/, '');
    expect(description.length).toBeLessThanOrEqual(100);
    expect(description).toMatch(/^A change of an immutable field, which the API server refuses on update\.$/);
    const long = runRules([]).stdout.split('\n').find(l => l.startsWith('pod-security/namespace-enforce '))!;
    expect(long).toMatch(/…$/);
    expect(long.replace(/^\S+\s+\S+\s+/, '').length).toBeLessThanOrEqual(100);
  });

  test('--family filters; several families by comma or repeated options', () => {
    const r = runRules(['--family', 'engine']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^engine\/internal +error +A rule failed on the input/);
    expect(r.stdout).toMatch(/\nengine\/suppression-reason +error /);
    expect(r.stdout).toContain('2 rule ids in 1 family;');
    const two = runRules(['--family', 'engine,upgrade-safety']).stdout;
    expect(two).toContain('6 rule ids in 2 families;');
    expect(runRules(['--family', 'engine', '--family', 'upgrade-safety']).stdout).toBe(two);
  });

  test('json: every field of every rule, with its family, summary and reference anchor', () => {
    const r = runRules(['--format', 'json']);
    expect(r.code).toBe(0);
    const entries = JSON.parse(r.stdout);
    expect(entries).toHaveLength(RULES.length);
    expect(entries.find((e: any) => e.id === 'best-practice/read-only-root-filesystem')).toEqual({
      id: 'best-practice/read-only-root-filesystem',
      family: 'best-practice',
      severity: 'warning',
      summary: 'Containers set securityContext.readOnlyRootFilesystem: true.',
      description: 'Containers set securityContext.readOnlyRootFilesystem: true.',
      why: expect.stringMatching(/writable root filesystem/),
      fix: expect.stringMatching(/readOnlyRootFilesystem: true/),
      kubeScore: 'container-security-context-readonlyrootfilesystem',
      kubeLinter: 'no-read-only-root-fs',
      polaris: 'notReadOnlyRootFilesystem',
      reference: 'docs/rules.md#best-practice-read-only-root-filesystem',
    });
    expect(entries.find((e: any) => e.id === 'semantics/host-path')).not.toHaveProperty('kubeScore');
  });

  test('markdown: a table linking each id to its section of docs/rules.md, cells escaped', () => {
    const r = runRules(['--format', 'markdown', '--family', 'pod-security']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['| Rule | Severity | Checks |', '|---|---|---|']);
    expect(lines).toHaveLength(2 + 4);
    expect(lines[2]).toMatch(/^\| \[`pod-security\/namespace-labels`\]\(docs\/rules\.md#pod-security-namespace-labels\) \| error \| .*v1\.&lt;minor&gt;.* \|$/);
  });
});

describe('cdk8s-daemonsets rules <id>: full entries', () => {
  test('text: what, why, fix, equivalents and the reference anchor', () => {
    const r = runRules(['best-practice/image-tag']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('  equivalents: kube-score container-image-tag; kube-linter latest-tag; Polaris tagNotSpecified\n'
      + '  reference:   docs/rules.md#best-practice-image-tag\n');
    expect(r.stdout).toMatch(/^best-practice\/image-tag \(warning\)\n  what: {8}Images carry an explicit tag/);
    expect(r.stdout).toMatch(/\n  why: {9}Without a tag/);
    expect(r.stdout).toMatch(/\n  fix: {9}Pin a version tag/);
  });

  test('a rule without equivalents says none; several ids print several entries', () => {
    const r = runRules(['semantics/host-path', 'engine/internal']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n\n')).toHaveLength(2);
    expect(r.stdout).toContain('  equivalents: none\n');
    expect(r.stdout).toContain('engine/internal (error)\n');
  });

  test('a family as argument prints the entries of its ids', () => {
    const r = runRules(['upgrade-safety']);
    expect(r.stdout.match(/^upgrade-safety\/\S+ \((error|warning)\)$/gm)).toHaveLength(4);
  });

  test('markdown: the sections of docs/rules.md, anchors included', () => {
    const r = runRules(['--format', 'markdown', 'semantics/selector-matches-labels']);
    expect(r.stdout).toMatch(/^### <a id="semantics-selector-matches-labels"><\/a>`semantics\/selector-matches-labels`\n/);
    expect(r.stdout).toContain('- **Equivalent checks**: kube-linter `mismatching-selector`');
  });
});

describe('usage errors exit 2 with the usage on stderr', () => {
  test.each([
    [['--format', 'xml'], /--format xml: use text, json or markdown/],
    [['--family', 'nope'], /--family nope: use schema, semantics, .* or engine/],
    [['semantics/nope'], /unknown rule id 'semantics\/nope'; cdk8s-daemonsets rules lists them/],
    [['--family', 'engine', 'semantics/host-path'], /no rule id is in engine and also one of semantics\/host-path/],
    [['--bogus'], /unknown option --bogus/],
    [['--format'], /--format needs a value/],
  ])('%j', (args, message) => {
    const r = runRules(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('usage: cdk8s-daemonsets rules');
  });

  test('--help prints the usage to stdout and exits 0', () => {
    const r = runRules(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^usage: cdk8s-daemonsets rules \[options\] \[rule-id\|family\]\.\.\./);
    expect(r.stdout).toContain('--format text|json|markdown');
    expect(r.stdout).toContain('--family name[,name]');
  });
});

describe('wired in the cdk8s-daemonsets command', () => {
  test('run([\'rules\', ...]) is runRules', () => {
    expect(run(['rules', '--family', 'engine'])).toEqual(runRules(['--family', 'engine']));
    expect(run(['help', 'rules'])).toEqual(runRules(['--help']));
  });

  test('the command\'s usage lists rules', () => {
    expect(run(['--help']).stdout).toMatch(/\n {2}rules \[options\] \[rule-id\|family\]\.\.\. +the rule ids findings carry/);
  });
});
