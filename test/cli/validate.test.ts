import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { Progress } from '../../src/cli/progress';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, readManifests, runValidate } from '../../src/cli/validate';
import { MAX_NESTING_DEPTH } from '../../src/k8s/read-manifests';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = ['basic', 'logging', 'monitoring']
  .map(name => path.join(ROOT, 'examples', name, 'dist'))
  .filter(dir => fs.existsSync(dir));

/**
 * A DaemonSet with a selector that misses its pod labels and a hostPath with a '..' element (both semantics errors:
 * kube-apiserver v1.37 rejects them), and an environment variable defined twice (a semantics warning: the API server
 * accepts it with a `Warning:` header). A relative hostPath or a name like LOG-LEVEL is accepted by the API server
 * (validateHostPathVolumeSource, relaxed env var names), so they are no longer semantics findings.
 */
const BROKEN = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  namespace: node-agents
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node_agent
    spec:
      containers:
        - name: agent
          image: registry.example.com/platform/node-agent:1.4.2
          env:
            - name: LOG_LEVEL
              value: debug
            - name: LOG_LEVEL
              value: info
          volumeMounts:
            - name: varlog
              mountPath: /var/log
      volumes:
        - name: varlog
          hostPath:
            path: /var/log/../log
`;

/** A valid DaemonSet whose only finding is a missing ConfigMap (a cross-object warning). */
const WARNS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluent-bit
  namespace: logging
spec:
  selector:
    matchLabels:
      app: fluent-bit
  template:
    metadata:
      labels:
        app: fluent-bit
    spec:
      containers:
        - name: fluent-bit
          image: cr.fluentbit.io/fluent/fluent-bit:3.1.9
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              memory: 128Mi
          volumeMounts:
            - name: config
              mountPath: /fluent-bit/etc
              readOnly: true
      volumes:
        - name: config
          configMap:
            name: fluent-bit-config
`;

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: fluent-bit-config
  namespace: logging
data:
  fluent-bit.conf: "[INPUT]\\n    Name tail\\n"
`;

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-validate-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function noStdin(): string {
  throw new Error('standard input must not be read');
}

/** Progress that is never shown: tests never write to the terminal. */
const SILENT = new Progress({ isTTY: false, write: () => { throw new Error('progress must not be written'); } });

/** No colour, whatever the terminal or FORCE_COLOR (jest sets it for its workers when its own output is coloured). */
const PLAIN = { color: false };

function validate(args: string[], stdin: () => string = noStdin) {
  return runValidate(args, stdin, SILENT, PLAIN);
}

function lines(stdout: string): string[] {
  return stdout.split('\n').filter(l => l.length > 0);
}

/** `file:line:column: ` at the start of a finding line. */
const AT = '^\\S+:\\d+:\\d+: ';

/** A regular expression for a finding line: its location, then `rest`. */
function finding(rest: string, flags = 'm'): RegExp {
  return new RegExp(`${AT}${rest}`, flags);
}

/** The text output's finding lines, without their locations (headers, hints and the summary left out). */
function findingLines(stdout: string): string[] {
  return lines(stdout).filter(l => new RegExp(`${AT}(error|warning|info) `).test(l)).map(l => l.replace(new RegExp(AT), ''));
}

describe('the committed examples', () => {
  test('exist', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(1);
  });

  test.each(EXAMPLES.map(d => [path.relative(ROOT, d), d]))('%s validates with exit code 0', (_name, distDir) => {
    const result = validate([distDir]);
    expect({ code: result.code, stderr: result.stderr, stdout: result.stdout }).toEqual({ code: EXIT_OK, stderr: '', stdout: expect.stringMatching(/objects: 0 errors, /) });
  });

  test('all of them at once', () => {
    const result = validate(EXAMPLES);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/^\d+ objects: 0 errors, \d+ warnings, \d+ infos$/m);
  });
});

describe('findings and exit codes', () => {
  test('a broken DaemonSet exits 1 and prints its rule ids in text', () => {
    const file = write('broken.yaml', BROKEN);
    const result = validate([file]);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.stderr).toBe('');
    const out = lines(result.stdout);
    expect(out[0]).toBe(`DaemonSet node-agents/node-agent (${file})`);
    expect(out).toEqual(expect.arrayContaining([
      `${file}:12:7: error semantics/selector-matches-labels spec.template.metadata.labels: \`selector\` does not match template \`labels\`: the selector requires label app=node-agent but the pod template's labels have app=node_agent; the selector must select the pod template's own labels`,
      `${file}:29:13: error semantics/host-path spec.template.spec.volumes[0].hostPath.path: hostPath '/var/log/../log' of volume 'varlog' must not contain '..'`,
      expect.stringMatching(/:21:15: warning semantics\/env-names spec\.template\.spec\.containers\[0\]\.env\[1\]: container 'agent' environment variable 'LOG_LEVEL' hides its previous definition/),
    ]));
    expect(out[out.length - 1]).toMatch(/^1 objects: \d+ errors, \d+ warnings, \d+ infos$/);
    // errors before warnings
    const found = findingLines(result.stdout);
    const firstWarning = found.findIndex(l => l.startsWith('warning '));
    const lastError = found.map(l => l.startsWith('error ')).lastIndexOf(true);
    expect(lastError).toBeLessThan(firstWarning);
  });

  test('what kube-apiserver v1.37 accepts is no semantics finding: a relative hostPath, an env name with a dash', () => {
    const accepted = BROKEN.replace('app: node_agent', 'app: node-agent').replace('path: /var/log/../log', 'path: var/log')
      .replace(/- name: LOG_LEVEL\n {14}value: debug\n/, '- name: LOG-LEVEL\n              value: debug\n');
    const file = write('accepted.yaml', accepted);
    const semantics = validate(['--rules', 'semantics', file]);
    expect({ code: semantics.code, stdout: semantics.stdout }).toEqual({ code: EXIT_OK, stdout: '1 objects: 0 errors, 0 warnings, 0 infos\n' });
    const shell = validate(['--rules', 'best-practice/env-names', file]);
    expect(lines(shell.stdout)).toEqual([
      `DaemonSet node-agents/node-agent (${file})`,
      expect.stringMatching(/^\S+accepted\.yaml:19:15: warning best-practice\/env-names spec\.template\.spec\.containers\[0\]\.env\[0\]\.name: .*'LOG-LEVEL'.*the API server accepts it/),
      expect.stringMatching(/^ {4}hint: /),
      '1 objects: 0 errors, 1 warnings, 0 infos',
    ]);
  });

  test('the same in JSON', () => {
    const file = write('broken.yaml', BROKEN);
    const result = validate(['--format', 'json', file]);
    expect(result.code).toBe(EXIT_FINDINGS);
    const json = JSON.parse(result.stdout);
    expect(json).toEqual({ objects: 1, findings: expect.any(Array), failed: true, suppressed: [] });
    expect(json.findings).toEqual(expect.arrayContaining([
      {
        ruleId: 'semantics/selector-matches-labels',
        severity: 'error',
        kind: 'DaemonSet',
        namespace: 'node-agents',
        name: 'node-agent',
        path: 'spec.template.metadata.labels',
        message: expect.stringMatching(/selector requires label app=node-agent/),
        file,
        line: 12,
        column: 7,
      },
      expect.objectContaining({ ruleId: 'semantics/host-path', severity: 'error', path: 'spec.template.spec.volumes[0].hostPath.path' }),
      expect.objectContaining({ ruleId: 'semantics/env-names', severity: 'warning', path: 'spec.template.spec.containers[0].env[1]' }),
    ]));
  });

  test('--format json shape with --rules: exactly the findings of the chosen rules', () => {
    const file = write('warns.yaml', WARNS);
    const result = validate(['--format', 'json', '--rules', 'cross-object', file]);
    expect(result.code).toBe(EXIT_OK);
    expect(JSON.parse(result.stdout)).toEqual({
      objects: 1,
      failed: false,
      findings: [{
        ruleId: 'cross-object/missing-reference',
        severity: 'warning',
        kind: 'DaemonSet',
        namespace: 'logging',
        name: 'fluent-bit',
        path: 'spec.template.spec.volumes[0].configMap',
        message: "DaemonSet 'fluent-bit' refers to ConfigMap 'fluent-bit-config' in namespace 'logging', which the input does not define",
        hint: expect.stringMatching(/define the ConfigMap in the same app/),
        file,
        line: 30,
        column: 11,
      }],
      suppressed: [],
    });
  });

  test('an empty report in JSON', () => {
    const file = write('ok.yaml', `${WARNS}---\n${CONFIG_MAP}`);
    const result = validate(['--format', 'json', '--rules', 'semantics,cross-object', file]);
    expect(result.code).toBe(EXIT_OK);
    expect(JSON.parse(result.stdout)).toEqual({ objects: 2, findings: [], failed: false, suppressed: [] });
  });

  test('warnings alone do not fail by default', () => {
    const file = write('warns.yaml', WARNS);
    const result = validate(['--rules', 'semantics,cross-object', file]);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/^DaemonSet logging\/fluent-bit \(\S+warns\.yaml\)$/m);
    expect(result.stdout).toMatch(finding('warning cross-object/missing-reference spec\\.template\\.spec\\.volumes\\[0\\]\\.configMap: '));
    expect(result.stdout).toMatch(/^1 objects: 0 errors, 1 warnings, 0 infos$/m);
  });

  test('--fail-on warning fails on warnings', () => {
    const file = write('warns.yaml', WARNS);
    expect(validate(['--fail-on', 'warning', '--rules', 'semantics,cross-object', file]).code).toBe(EXIT_FINDINGS);
    expect(validate(['--fail-on', 'warning', '--rules', 'semantics,cross-object', file, write('cm.yaml', CONFIG_MAP)]).code).toBe(EXIT_OK);
    const json = JSON.parse(validate(['--fail-on', 'warning', '--format', 'json', '--rules', 'cross-object', file]).stdout);
    expect(json.failed).toBe(true);
  });

  test('--fail-on info fails on any finding', () => {
    const file = write('warns.yaml', WARNS);
    expect(validate(['--fail-on', 'info', '--rules', 'cross-object', file]).code).toBe(EXIT_FINDINGS);
  });

  test('--fail-on never never fails', () => {
    const file = write('broken.yaml', BROKEN);
    const result = validate(['--fail-on', 'never', file]);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toMatch(finding('error semantics/selector-matches-labels '));
    expect(JSON.parse(validate(['--fail-on', 'never', '--format', 'json', file]).stdout).failed).toBe(false);
  });

  test('--rules runs only the given rules or families', () => {
    const file = write('broken.yaml', BROKEN);
    const hostPath = validate(['--rules', 'semantics/host-path', file]);
    expect(hostPath.code).toBe(EXIT_FINDINGS);
    expect(findingLines(hostPath.stdout)).toEqual([expect.stringMatching(/^error semantics\/host-path /)]);
    expect(hostPath.stdout).toMatch(/\n1 objects: 1 errors, 0 warnings, 0 infos\n$/);
    const envOnly = validate(['--rules', 'semantics/env-names', file]);
    expect(envOnly.code).toBe(EXIT_OK);
    expect(findingLines(envOnly.stdout)).toEqual([expect.stringMatching(/^warning semantics\/env-names /)]);
    expect(envOnly.stdout).toMatch(/\n1 objects: 0 errors, 1 warnings, 0 infos\n$/);
    const crossOnly = validate(['--rules', 'cross-object', file]);
    expect(crossOnly.code).toBe(EXIT_OK);
    expect(crossOnly.stdout).toBe('1 objects: 0 errors, 0 warnings, 0 infos\n');
  });

  test('--skip skips the given rules or families', () => {
    const file = write('broken.yaml', BROKEN);
    const result = validate(['--skip', 'semantics/selector-matches-labels, semantics/host-path', '--rules', 'semantics', file]);
    expect(result.code).toBe(EXIT_OK);
    expect(findingLines(result.stdout)).toEqual([expect.stringMatching(/^warning semantics\/env-names /)]);
    expect(result.stdout).toMatch(/\n1 objects: 0 errors, 1 warnings, 0 infos\n$/);
    const noSemantics = validate(['--skip', 'semantics', '--rules', 'semantics,cross-object', file]);
    expect(noSemantics.stdout).toBe('1 objects: 0 errors, 0 warnings, 0 infos\n');
  });

  test('--expected-nodes feeds quota fit', () => {
    const quota = 'apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  name: q\n  namespace: logging\nspec:\n  hard:\n    pods: "10"\n';
    const file = write('quota.yaml', `${WARNS}---\n${CONFIG_MAP}---\n${quota}`);
    expect(validate(['--rules', 'cross-object', file]).code).toBe(EXIT_FINDINGS);
    expect(validate(['--rules', 'cross-object', '--expected-nodes', '10', file]).code).toBe(EXIT_OK);
    const eleven = validate(['--rules', 'cross-object', '--expected-nodes', '11', file]);
    expect(eleven.code).toBe(EXIT_FINDINGS);
    expect(eleven.stdout).toMatch(/^ResourceQuota logging\/q \(/m);
    expect(eleven.stdout).toMatch(finding('error cross-object/quota-fit spec\\.hard\\.pods: .*need 11 on 11 nodes'));
  });

  test('--k8s-version accepts a minor version', () => {
    const file = write('warns.yaml', WARNS);
    expect(validate(['--k8s-version', '1.29', '--rules', 'semantics', file]).code).toBe(EXIT_OK);
  });

  test('--help prints usage and exits 0', () => {
    const result = validate(['--help']);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toMatch(/^usage: cdk8s-daemonsets validate/);
    expect(result.stdout).toMatch(/--fail-on error\|warning\|info\|never/);
  });
});

describe('inputs', () => {
  test('- reads standard input from the injected function', () => {
    let reads = 0;
    const result = runValidate(['--format', 'json', '-'], () => {
      reads++;
      return BROKEN;
    });
    expect(reads).toBe(1);
    expect(result.code).toBe(EXIT_FINDINGS);
    const json = JSON.parse(result.stdout);
    expect(json.objects).toBe(1);
    expect(json.findings.map((f: any) => f.ruleId)).toEqual(expect.arrayContaining(['semantics/selector-matches-labels', 'semantics/host-path']));
  });

  test('- together with files', () => {
    const file = write('cm.yaml', CONFIG_MAP);
    const result = runValidate(['--rules', 'cross-object', '--fail-on', 'warning', file, '-'], () => WARNS, SILENT, PLAIN);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toBe('2 objects: 0 errors, 0 warnings, 0 infos\n');
  });

  test('JSON on standard input', () => {
    const result = runValidate(['--rules', 'semantics', '-'], () => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }), SILENT, PLAIN);
    expect(result.code).toBe(EXIT_OK);
    expect(result.stdout).toBe('0 objects: 0 errors, 0 warnings, 0 infos\n');
  });

  test('multi-document YAML with empty documents', () => {
    const file = write('multi.yaml', `---\n${CONFIG_MAP}---\n---\n${WARNS}---\n`);
    const result = validate(['--rules', 'cross-object', '--fail-on', 'warning', file]);
    expect(result.stdout).toBe('2 objects: 0 errors, 0 warnings, 0 infos\n');
    expect(result.code).toBe(EXIT_OK);
  });

  test('a JSON file with one object, an array, and a kind: List', () => {
    const ds = parse(BROKEN);
    const cm = parse(CONFIG_MAP);
    const one = write('one.json', JSON.stringify(ds, undefined, 2));
    const array = write('array.json', JSON.stringify([cm, ds]));
    const list = write('list.json', JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [cm, ds] }));
    for (const [file, count] of [[one, 1], [array, 2], [list, 2]] as const) {
      const result = validate(['--format', 'json', file]);
      const name = path.basename(file);
      expect({ name, code: result.code, objects: JSON.parse(result.stdout).objects }).toEqual({ name, code: EXIT_FINDINGS, objects: count });
      expect(JSON.parse(result.stdout).findings.map((f: any) => f.ruleId)).toContain('semantics/host-path');
    }
  });

  test('a YAML kind: List', () => {
    const indent = (text: string) => text.trimEnd().split('\n').map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n');
    const file = write('list.yaml', `apiVersion: v1\nkind: List\nitems:\n${indent(CONFIG_MAP)}\n${indent(WARNS)}\n`);
    const result = validate(['--format', 'json', '--rules', 'semantics,cross-object', '--fail-on', 'warning', file]);
    expect(JSON.parse(result.stdout)).toEqual({ objects: 2, findings: [], failed: false, suppressed: [] });
    expect(result.code).toBe(EXIT_OK);
  });

  test('directories are searched recursively for .yaml, .yml and .json', () => {
    write('cluster/logging/daemonset.yml', WARNS);
    write('cluster/logging/config/configmap.json', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fluent-bit-config', namespace: 'logging' }, data: {} }));
    write('cluster/README.md', '# not a manifest: {{ broken');
    write('cluster/notes.txt', 'key: [unclosed');
    const ok = validate(['--rules', 'semantics,cross-object', '--fail-on', 'warning', path.join(dir, 'cluster')]);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe('2 objects: 0 errors, 0 warnings, 0 infos\n');
    expect(ok.code).toBe(EXIT_OK);

    write('cluster/node-agents/deep/er/broken.yaml', BROKEN);
    const broken = validate(['--rules', 'semantics,cross-object', path.join(dir, 'cluster')]);
    expect(broken.code).toBe(EXIT_FINDINGS);
    expect(broken.stdout).toMatch(/^DaemonSet node-agents\/node-agent \(\S+broken\.yaml\)$/m);
    expect(broken.stdout).toContain(`${path.join(dir, 'cluster', 'node-agents', 'deep', 'er', 'broken.yaml')}:29:13: error semantics/host-path `);
    expect(broken.stdout).toMatch(/^3 objects: /m);
  });

  test('readManifests lists every source it read', () => {
    write('a/one.yaml', CONFIG_MAP);
    write('a/b/two.yaml', WARNS);
    const { objects, sources } = readManifests([path.join(dir, 'a'), '-'], () => CONFIG_MAP);
    expect(objects.map(o => o.kind)).toEqual(['DaemonSet', 'ConfigMap', 'ConfigMap']);
    expect(sources).toEqual([path.join(dir, 'a', 'b', 'two.yaml'), path.join(dir, 'a', 'one.yaml'), '<stdin>']);
  });

  test('the invalid corpus fails and the valid corpus passes (semantics and cross-object)', () => {
    const fixtures = path.join(ROOT, 'test', 'fixtures');
    expect(validate(['--rules', 'semantics,cross-object', path.join(fixtures, 'invalid')]).code).toBe(EXIT_FINDINGS);
    // each valid fixture is a cluster of its own (node-exporter.yaml and os-split-exporters.yaml both take host port 9100)
    for (const file of fs.readdirSync(path.join(fixtures, 'valid'))) {
      const valid = validate(['--rules', 'semantics,cross-object', '--fail-on', 'warning', path.join(fixtures, 'valid', file)]);
      expect({ file, stdout: valid.stdout, code: valid.code }).toEqual({ file, stdout: expect.stringMatching(/^\d+ objects: 0 errors, 0 warnings, 0 infos\n$/), code: EXIT_OK });
    }
  });
});

describe('usage and input errors exit 2 with a message', () => {
  test.each([
    [[], /no input: give files, directories or - for standard input/],
    [['--format', 'xml', 'x.yaml'], /--format xml: use text, json, sarif, github or junit/],
    [['--fail-on', 'sometimes', 'x.yaml'], /--fail-on sometimes: use error, warning, info or never/],
    [['--bogus', 'x.yaml'], /unknown option --bogus/],
    [['x.yaml', '--format'], /--format needs a value/],
    [['--rules'], /--rules needs a value/],
  ])('%j', (args, message) => {
    const result = validate(args as string[]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^cdk8s-daemonsets validate: /);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/usage: cdk8s-daemonsets validate/);
  });

  test('bad option values rejected by the validator', () => {
    const file = write('warns.yaml', WARNS);
    const nodes = validate(['--expected-nodes', '0', file]);
    expect(nodes.code).toBe(EXIT_USAGE);
    expect(nodes.stderr).toMatch(/expectedNodeCount is 0; it must be a positive integer/);
    const notANumber = validate(['--expected-nodes', 'many', file]);
    expect(notANumber.code).toBe(EXIT_USAGE);
    expect(notANumber.stderr).toMatch(/expectedNodeCount is NaN/);
    const version = validate(['--k8s-version', 'latest', file]);
    expect(version.code).toBe(EXIT_USAGE);
    expect(version.stderr).toMatch(/--k8s-version latest is not a Kubernetes minor version such as 1\.31; supported: 1\.27, 1\.28, /);
  });

  test('unparsable YAML', () => {
    const file = write('bad.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata:\n  a: b\n');
    const result = validate([file]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(new RegExp(`^cdk8s-daemonsets validate: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not valid YAML: `));
  });

  test('unparsable YAML on standard input', () => {
    const result = runValidate(['-'], () => 'kind: DaemonSet\nmetadata: {name: x\n', SILENT, PLAIN);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/<stdin>: not valid YAML/);
  });

  test('unparsable JSON in a .json file', () => {
    const file = write('bad.json', '{"apiVersion": "v1", "kind": "ConfigMap",');
    const result = validate([file]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/bad\.json: not valid JSON/);
  });

  test('a missing file', () => {
    const result = validate([path.join(dir, 'does-not-exist.yaml')]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/does-not-exist\.yaml/);
  });
});

test('the real entry point sets the process exit code', () => {
  const file = write('broken.yaml', BROKEN);
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const result = spawnSync('npx', ['ts-node', '--transpile-only', 'src/cli/main.ts', 'validate', file], { cwd: ROOT, encoding: 'utf-8', timeout: 120_000, env });
  expect(result.error).toBeUndefined();
  expect({ status: result.status, stderr: result.stderr }).toEqual({ status: EXIT_FINDINGS, stderr: '' });
  expect(result.stdout).toMatch(/^DaemonSet node-agents\/node-agent \(/m);
  expect(result.stdout).toContain(`${file}:12:7: error semantics/selector-matches-labels `);
  expect(result.stdout).toMatch(/^1 objects: \d+ errors, /m);
}, 150_000);

describe('bounded inputs: every refusal names the file and exits 2', () => {
  /** A DaemonSet whose annotation value nests `depth` levels deep in flow style. */
  function nested(depth: number, open = '[', close = ']'): string {
    return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${open.repeat(depth)}${close.repeat(depth)}\n`;
  }

  test('a missing file: cannot read FILE: no such file (no ENOENT, no stat)', () => {
    const missing = path.join(dir, 'does-not-exist.yaml');
    const result = validate([missing]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toBe(`cdk8s-daemonsets validate: cannot read ${missing}: no such file\n`);
  });

  test('deep flow nesting the YAML parser cannot follow: "nested deeper than" instead of a stack overflow', () => {
    const file = write('deep.yaml', nested(5000));
    const result = validate([file]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toBe(`cdk8s-daemonsets validate: ${file}: the document is nested deeper than ${MAX_NESTING_DEPTH} levels; Kubernetes manifests nest far less, so the input is refused\n`);
    expect(result.stderr).not.toMatch(/call stack|not valid YAML/);
  });

  test('valid YAML just over the limit is refused, just under it is read', () => {
    // data (1) + the lists: 1 + depth levels below the document.
    const over = write('over.yaml', nested(MAX_NESTING_DEPTH));
    expect(validate([over]).stderr).toMatch(new RegExp(`${over.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the document is nested deeper than ${MAX_NESTING_DEPTH} levels`));
    const under = write('under.yaml', nested(MAX_NESTING_DEPTH - 2));
    expect(readManifests([under], noStdin).objects).toHaveLength(1);
  });

  test('deep JSON (which JSON.parse reads) and deep block YAML are refused by the depth check, naming the document', () => {
    const json = write('deep.json', `[${JSON.stringify({ kind: 'ConfigMap' })}, ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]`);
    expect(validate([json]).stderr).toMatch(/deep\.json: item 2 is nested deeper than 200 levels/);
    const block = ['kind: ConfigMap', '---', ...Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k:`), `${' '.repeat(300)}v`].join('\n');
    expect(validate([write('block.yaml', block)]).stderr).toMatch(/block\.yaml: document 2 is nested deeper than 200 levels/);
  });

  test('a YAML alias bomb names the file', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const file = write('bomb.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n${levels.map(l => `  ${l}`).join('\n')}\n`);
    const result = validate([file]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toBe(`cdk8s-daemonsets validate: ${file}: the document expands YAML aliases too often (more than 100 alias expansions; an alias bomb?), so the input is refused\n`);
  });

  test('an input over --max-input-size is refused before it is read; the option raises the limit', () => {
    const big = write('big.yaml', `${BROKEN}# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const refused = validate(['--max-input-size', '1', big]);
    expect(refused.code).toBe(EXIT_USAGE);
    expect(refused.stderr).toBe(`cdk8s-daemonsets validate: ${big} is 2.0 MiB, larger than the 1 MiB input limit; raise it with --max-input-size <MiB> if the input is meant to be that large\n`);
    expect(validate(['--max-input-size', '3', big]).code).toBe(EXIT_FINDINGS);
    // The default (50 MiB) reads it.
    expect(validate([big]).code).toBe(EXIT_FINDINGS);
  });

  test('standard input has the same limit', () => {
    const result = validate(['--max-input-size', '0.001', '-'], () => `${BROKEN}# ${'x'.repeat(2000)}\n`);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/^cdk8s-daemonsets validate: <stdin> is \d+ bytes, larger than the 1048 bytes input limit; raise it with --max-input-size <MiB>/);
  });

  test.each(['0', '-1', 'abc', '1e3x', ''])('--max-input-size %p is a usage error', value => {
    const result = validate(['--max-input-size', value, write('a.yaml', BROKEN)]);
    expect(result.code).toBe(EXIT_USAGE);
    expect(result.stderr).toMatch(/--max-input-size .*: use a positive number of MiB/);
  });

  test('the usage documents the bounds', () => {
    const usage = validate(['--help']).stdout;
    expect(usage).toMatch(/--max-input-size MiB +largest input file \(or standard input\) to read \(default 50\)/);
    expect(usage).toMatch(/nest deeper than 200 levels/);
  });

  test('a wrongly typed field is a finding (exit 1), never a crash (exit 2)', () => {
    const ds = parse(BROKEN);
    ds.spec.template.spec.containers = { agent: ds.spec.template.spec.containers[0] };
    const file = write('containers-map.json', JSON.stringify(ds));
    const result = validate(['--format', 'json', file]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT_FINDINGS);
    const findings = JSON.parse(result.stdout).findings;
    expect(findings).toContainEqual(expect.objectContaining({ ruleId: 'schema/valid', path: 'spec.template.spec.containers', message: expect.stringMatching(/must be a list, not an object/) }));
  });

  test('an object without a name is reported, and printed without "undefined"', () => {
    const file = write('unnamed.yaml', WARNS.replace('  name: fluent-bit\n  namespace: logging\n', '  namespace: logging\n'));
    const result = validate([file]);
    expect(result.code).toBe(EXIT_FINDINGS);
    expect(result.stdout).toMatch(/^DaemonSet logging\/\(unnamed\) \(\S+unnamed\.yaml\)$/m);
    expect(result.stdout).toMatch(finding('error semantics/metadata-name metadata\\.name: the DaemonSet has no metadata\\.name'));
    expect(result.stdout).toMatch(/DaemonSet '\(unnamed\)' refers to ConfigMap 'fluent-bit-config'/);
    expect(result.stdout).not.toMatch(/undefined/);
  });
});

describe('progress on a terminal', () => {
  function terminal(isTTY: boolean) {
    const written: string[] = [];
    return { stream: { isTTY, write: (t: string) => written.push(t) }, written };
  }

  test('many files on a TTY: "read N of M files", then the line is cleared', () => {
    const files = Array.from({ length: 25 }, (_, i) => write(`m/${String(i).padStart(2, '0')}.yaml`, CONFIG_MAP.replace('fluent-bit-config', `config-${i}`)));
    const { stream, written } = terminal(true);
    let clock = 0;
    // Each update 200 ms after the last one, so none is throttled away.
    const progress = new Progress(stream, 20, 1000, () => (clock += 200));
    const result = runValidate([path.join(dir, 'm')], noStdin, progress, PLAIN);
    expect(result.code).toBe(EXIT_OK);
    expect(files).toHaveLength(25);
    expect(written[0]).toBe('\r\x1b[Kread 1 of 25 files');
    expect(written).toContain('\r\x1b[Kread 25 of 25 files');
    expect(written).toContain('\r\x1b[Kvalidating 25 objects');
    expect(written[written.length - 1]).toBe('\r\x1b[K');
  });

  test('nothing on a TTY for a few quick files, and nothing at all when stderr is not a TTY', () => {
    write('one.yaml', CONFIG_MAP);
    const quick = terminal(true);
    runValidate([dir], noStdin, new Progress(quick.stream, 20, 1000, () => 0), PLAIN);
    expect(quick.written).toEqual([]);
    for (let i = 0; i < 25; i++) write(`n/${i}.yaml`, CONFIG_MAP);
    const piped = terminal(false);
    let clock = 0;
    runValidate([dir], noStdin, new Progress(piped.stream, 20, 1000, () => (clock += 5000)), PLAIN);
    expect(piped.written).toEqual([]);
  });

  test('a slow run shows progress even with few files', () => {
    write('a.yaml', CONFIG_MAP);
    write('b.yaml', CONFIG_MAP);
    const { stream, written } = terminal(true);
    let clock = 0;
    runValidate([dir], noStdin, new Progress(stream, 20, 1000, () => (clock += 2000)), PLAIN);
    expect(written).toContain('\r\x1b[Kread 2 of 2 files');
  });
});
