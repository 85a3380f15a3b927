import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../../src/cli/main';
import { Progress } from '../../src/cli/progress';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, runValidate } from '../../src/cli/validate';

// `cdk8s-daemonsets validate --crd <file|dir>`: the CRDs' schemas check the custom resources of the input.

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: { kind: Widget, plural: widgets }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                size: { type: integer }
                extra: { type: object, x-kubernetes-preserve-unknown-fields: true }
`;

const GADGET_CRD = CRD.replace(/widgets/g, 'gadgets').replace('kind: Widget', 'kind: Gadget');

const RESOURCES = `apiVersion: example.com/v1
kind: Widget
metadata: { name: w, namespace: apps }
spec: { size: 3, colour: red, extra: { free: form } }
---
apiVersion: example.com/v1
kind: Gadget
metadata: { name: g, namespace: apps }
spec: { size: "3" }
`;

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-validate-crd-'));
  fs.writeFileSync(path.join(dir, 'resources.yaml'), RESOURCES);
  fs.mkdirSync(path.join(dir, 'crds'));
  fs.writeFileSync(path.join(dir, 'crds', 'widgets.yaml'), CRD);
  fs.writeFileSync(path.join(dir, 'crds', 'gadgets.json'), JSON.stringify(parseLoose(GADGET_CRD)));
  fs.writeFileSync(path.join(dir, 'crds', 'kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [widgets.yaml]\n');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The Gadget CRD as JSON, through the CLI's own reader (YAML is JSON's superset). */
function parseLoose(yaml: string): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml').parse(yaml);
}

const SILENT = new Progress({ isTTY: false, write: () => { throw new Error('progress must not be written'); } });
const noStdin = () => { throw new Error('no stdin in this test'); };
const validate = (...args: string[]) => runValidate(['--rules', 'schema', ...args], noStdin, SILENT, { color: false });

test('without --crd, custom resources are unknown kinds (warnings only)', () => {
  const r = validate(path.join(dir, 'resources.yaml'));
  expect(r.code).toBe(EXIT_OK);
  expect(r.stdout.match(/schema\/unknown-kind/g)).toHaveLength(2);
});

test('--crd <file> rejects a custom resource with an unknown field', () => {
  const r = validate('--crd', path.join(dir, 'crds', 'widgets.yaml'), path.join(dir, 'resources.yaml'));
  expect(r.code).toBe(EXIT_FINDINGS);
  const resources = path.join(dir, 'resources.yaml');
  expect(r.stdout).toContain(`Widget apps/w (${resources})\n`);
  expect(r.stdout).toMatch(new RegExp(': error schema/valid spec\\.colour: unknown field \'colour\' in spec: the Widget example\\.com/v1 \\(CRD widgets\\.example\\.com\\) schema has no such field$', 'm'));
  expect(r.stdout).toContain(`Gadget apps/g (${resources})\n`);
  expect(r.stdout).toMatch(/: warning schema\/unknown-kind /);
});

test('--crd <dir> reads every CRD in it (YAML and JSON, other objects skipped); --crd repeats', () => {
  const all = validate('--format', 'json', '--crd', path.join(dir, 'crds'), path.join(dir, 'resources.yaml'));
  const findings = JSON.parse(all.stdout).findings.map((f: any) => `${f.ruleId} ${f.kind} ${f.path}`);
  expect(findings).toEqual(['schema/valid Widget spec.colour', 'schema/valid Gadget spec.size']);
  const repeated = validate('--crd', path.join(dir, 'crds', 'widgets.yaml'), '--crd', path.join(dir, 'crds', 'gadgets.json'), path.join(dir, 'resources.yaml'));
  expect(repeated.stdout).toMatch(/size must be an integer, not a string/);
  expect(repeated.stdout).not.toMatch(/unknown-kind/);
});

test('a CRD among the inputs is used without --crd', () => {
  fs.writeFileSync(path.join(dir, 'all.yaml'), `${CRD}---\n${RESOURCES}`);
  const out = validate(path.join(dir, 'all.yaml')).stdout;
  expect(out).toContain(`Widget apps/w (${path.join(dir, 'all.yaml')})\n`);
  expect(out).toMatch(/all\.yaml:\d+:\d+: error schema\/valid spec\.colour: /);
});

describe('rejects bad --crd input with a usage error naming it', () => {
  test('a file that holds no CRD', () => {
    const r = validate('--crd', path.join(dir, 'resources.yaml'), path.join(dir, 'resources.yaml'));
    expect(r).toMatchObject({ code: EXIT_USAGE, stdout: '' });
    expect(r.stderr).toBe(`cdk8s-daemonsets validate: ${path.join(dir, 'resources.yaml')} holds no CustomResourceDefinition (apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition)\n`);
  });

  test('a missing file, unparsable YAML, and --crd without a value', () => {
    expect(validate('--crd', path.join(dir, 'nope.yaml'), path.join(dir, 'resources.yaml'))).toMatchObject({ code: EXIT_USAGE, stderr: expect.stringMatching(/cannot read .*nope\.yaml/) });
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'kind: CustomResourceDefinition\nspec: {group: x\n');
    expect(validate('--crd', path.join(dir, 'broken.yaml'), path.join(dir, 'resources.yaml'))).toMatchObject({ code: EXIT_USAGE, stderr: expect.stringMatching(/broken\.yaml/) });
    expect(validate(path.join(dir, 'resources.yaml'), '--crd')).toMatchObject({ code: EXIT_USAGE, stderr: expect.stringMatching(/--crd needs a value/) });
  });

  test('--crd - together with an input from standard input', () => {
    expect(runValidate(['--crd', '-', '-'], () => CRD, SILENT, { color: false })).toMatchObject({ code: EXIT_USAGE, stderr: expect.stringMatching(/cannot both read standard input/) });
  });

  test('a CRD whose schema is not usable is a warning, not a crash', () => {
    fs.writeFileSync(path.join(dir, 'odd.yaml'), CRD.replace('size: { type: integer }', 'size: { type: integer, pattern: "(?<x" }'));
    const r = validate('--crd', path.join(dir, 'odd.yaml'), path.join(dir, 'resources.yaml'));
    // The CRD of a --crd file: named, without a location (only the validated inputs' objects are located).
    expect(r.stdout).toMatch(/^CustomResourceDefinition widgets\.example\.com\nwarning schema\/crd customResourceDefinitions\[0\]: version v1: the pattern of spec\.size/m);
  });
});

test('help validate documents --crd', () => {
  const r = run(['help', 'validate']);
  expect(r.code).toBe(EXIT_OK);
  expect(r.stdout).toMatch(/--crd <file\|dir> +CustomResourceDefinitions \(YAML or JSON\)/);
});
