import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { parseAllDocuments } from 'yaml';
import { generateTypeScript, runImport } from '../../src/cli/import';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const TMP = path.join(__dirname, '..', '.import-tmp');
const SRC = path.join(__dirname, '..', '..', 'src');
const CDK8S_LABEL = 'cdk8s.io/metadata.addr';

function readYaml(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(d => d.toJS()).filter(o => o);
}

/** Drops cdk8s's own selector label from labels and selectors (and maps left empty by it). */
function withoutCdk8sLabel(o: any): any {
  if (Array.isArray(o)) return o.map(withoutCdk8sLabel);
  if (o === null || typeof o !== 'object') return o;
  const out: any = {};
  for (const [k, v] of Object.entries(o)) {
    if (k === CDK8S_LABEL) continue;
    const cleaned = withoutCdk8sLabel(v);
    const hadOnlyLabel = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 0 && Object.keys(v).every(x => x === CDK8S_LABEL);
    if (hadOnlyLabel) continue;
    out[k] = cleaned;
  }
  return out;
}

/** JSON path of the first difference, or undefined when equal. */
function firstDifference(expected: any, actual: any, at = ''): string | undefined {
  if (expected === actual) return undefined;
  const describe = (v: any) => JSON.stringify(v)?.substring(0, 200);
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null || Array.isArray(expected) !== Array.isArray(actual)) {
    return `${at || '/'}: expected ${describe(expected)}, got ${describe(actual)}`;
  }
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  for (const k of keys) {
    const d = firstDifference(expected[k], actual[k], `${at}/${k}`);
    if (d) return d;
  }
  return undefined;
}

/** Generates the code for a fixture, runs it and returns the synthesized objects. */
function roundTrip(name: string, objects: any[]): any[] {
  const code = generateTypeScript(objects)
    .replace("from 'cdk8s-daemonsets'", `from ${JSON.stringify(path.relative(TMP, SRC))}`)
    .replace('app.synth();', 'export const synthesized = app.synthYaml();');
  const file = path.join(TMP, `${name.replace(/\W+/g, '_')}.ts`);
  fs.writeFileSync(file, code);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  let yaml: string;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    yaml = require(file).synthesized;
  } finally {
    warn.mockRestore();
  }
  return parseAllDocuments(yaml).map(d => d.toJS()).filter(o => o);
}

const fixtures = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.yaml')).sort();

describe('cdk8s-daemonsets import', () => {
  beforeAll(() => fs.mkdirSync(TMP, { recursive: true }));
  afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

  test('the corpus has at least 10 manifests', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(10);
  });

  test.each(fixtures)('%s: import, compile and synth reproduce every object', fixture => {
    const input = readYaml(path.join(FIXTURES, fixture));
    const output = roundTrip(fixture, input);
    const problems: string[] = [];
    for (const expected of input) {
      const where = `${fixture}: ${expected.kind} ${expected.metadata?.namespace ?? ''}/${expected.metadata?.name}`;
      const actual = output.find(o => o.kind === expected.kind && o.metadata?.name === expected.metadata?.name);
      if (!actual) {
        problems.push(`${where}: missing from the synthesized output`);
        continue;
      }
      const d = firstDifference(JSON.parse(JSON.stringify(expected)), withoutCdk8sLabel(actual));
      if (d) problems.push(`${where}: first difference at ${d}`);
    }
    if (output.length !== input.length) problems.push(`${fixture}: ${input.length} objects in, ${output.length} out`);
    expect(problems).toEqual([]);
  });

  test('escape-hatch fields reach the YAML in Kubernetes form', () => {
    const code = generateTypeScript(readYaml(path.join(FIXTURES, '09-ondelete.yaml')));
    expect(code).toContain('// escape hatch: fields without a typed API');
    expect(code).toContain('{ number: 7000, hostPort: 7000, hostIp: "127.0.0.1" }');
    expect(code).toContain('dns: { policy: kplus.DnsPolicy.DEFAULT }');
    expect(code).toMatch(/"sizeLimit": \{\s*"value": "64Mi"\s*\}/);
    expect(code).toContain('DaemonSetUpdateStrategy.onDelete()');
  });

  test('typed props replace escape hatches where the library has them', () => {
    const code = generateTypeScript(readYaml(path.join(FIXTURES, '10-scheduling-heavy.yaml')));
    expect(code).toContain('kplus.Secret.fromSecretName(chart, "securitySensorDaemonSet-pull-registry-creds", "registry-creds")');
    expect(code).not.toContain('/imagePullSecrets"');
    expect(code).toContain('JsonPatch.add("/spec/template/spec/affinity"');
  });

  test('a difference is reported with its JSON path', () => {
    const input = readYaml(path.join(FIXTURES, '02-fluentd-elasticsearch.yaml'));
    const output = roundTrip('difference', input);
    const changed = JSON.parse(JSON.stringify(input[0]));
    changed.spec.template.spec.containers[0].resources.limits.memory = '300Mi';
    expect(firstDifference(changed, withoutCdk8sLabel(output[0])))
      .toBe('/spec/template/spec/containers/0/resources/limits/memory: expected "300Mi", got "200Mi"');
  });

  test('the generated code type-checks (strict)', () => {
    const files = fixtures.map(f => {
      const file = path.join(TMP, `typecheck_${f.replace(/\W+/g, '_')}.ts`);
      const code = generateTypeScript(readYaml(path.join(FIXTURES, f)))
        .replace("from 'cdk8s-daemonsets'", `from ${JSON.stringify(path.relative(TMP, SRC))}`);
      fs.writeFileSync(file, code);
      return file;
    });
    const program = ts.createProgram(files, {
      noEmit: true,
      strict: true,
      skipLibCheck: true,
      esModuleInterop: true,
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
    });
    const errors = ts.getPreEmitDiagnostics(program)
      .filter(d => d.file && files.includes(path.resolve(d.file.fileName)))
      .map(d => `${path.basename(d.file!.fileName)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  }, 60_000);

  test('runImport reads files and reports usage errors', () => {
    const ok = runImport([path.join(FIXTURES, '02-fluentd-elasticsearch.yaml')]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('new DaemonSet(chart, "fluentd-elasticsearch"');
    expect(runImport([]).code).toBe(2);
    expect(runImport(['--nope']).code).toBe(2);
    expect(runImport(['/does/not/exist.yaml']).code).toBe(2);
  });
});
