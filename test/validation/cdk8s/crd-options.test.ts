import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, Chart, Testing } from 'cdk8s';
import { AppValidation, Cdk8sValidationViolation, DaemonSetsValidation } from '../../../src';
import { mergeValidationOptions } from '../../../src/validation/cdk8s/merge-options';
import { takeWarnings } from '../../setup/quiet-console';

// CustomResourceDefinitions through the cdk8s entry points: the CLI plugin's crdFiles and AppValidation's
// customResourceDefinitions (the ValidationOptions field).

const crd = (kind: string) => ({
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: `${kind.toLowerCase()}s.example.com` },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { kind, plural: `${kind.toLowerCase()}s` },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
  },
});

const WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: apps }\nspec: { size: 1, colour: red }\n';

describe('DaemonSetsValidation crdFiles', () => {
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-crds-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function validate(props: ConstructorParameters<typeof DaemonSetsValidation>[0]): { violations: Cdk8sValidationViolation[]; status?: string } {
    const manifest = path.join(dir, 'app.k8s.yaml');
    fs.writeFileSync(manifest, WIDGET);
    const violations: Cdk8sValidationViolation[] = [];
    let status: string | undefined;
    const report = { addViolation: (v: Cdk8sValidationViolation) => violations.push(v), submit: (s: string) => { status = s; } };
    new DaemonSetsValidation(props).validate({ manifests: [manifest], report });
    return { violations, status };
  }

  test('checks the custom resources against the CRDs in the files', () => {
    fs.mkdirSync(path.join(dir, 'crds'));
    fs.writeFileSync(path.join(dir, 'crds', 'widget.json'), JSON.stringify(crd('Widget')));
    const { violations, status } = validate({ rules: ['schema'], crdFiles: [path.join(dir, 'crds')] });
    expect(status).toBe('failure');
    expect(violations.map(v => v.ruleName)).toEqual(['schema/valid (error)']);
    expect(violations[0].recommendation).toMatch(/unknown field 'colour' in spec: the Widget example.com\/v1 \(CRD widgets.example.com\)/);
  });

  test('without crdFiles the custom resource is only an unknown kind', () => {
    expect(validate({ rules: ['schema'] })).toMatchObject({ status: 'success', violations: [expect.objectContaining({ ruleName: 'schema/unknown-kind (warning)' })] });
  });

  test('a path without CRDs fails, naming it', () => {
    fs.writeFileSync(path.join(dir, 'other.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c }\n');
    expect(() => validate({ crdFiles: [path.join(dir, 'other.yaml')] })).toThrow(/other\.yaml holds no CustomResourceDefinition/);
  });
});

describe('AppValidation customResourceDefinitions', () => {
  function chartWithWidget(): Chart {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'apps' });
    new ApiObject(chart, 'w', { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 1, colour: 'red' } } as any);
    return chart;
  }

  test('the option reaches the schema rules at synthesis', () => {
    const chart = chartWithWidget();
    AppValidation.enable(chart, { customResourceDefinitions: [crd('Widget')] });
    expect(() => Testing.synth(chart)).toThrow(/error schema\/valid Widget apps\/w spec.colour: unknown field 'colour'/);
    takeWarnings();
  });

  test('calls for one app add up their CRDs (each once), in any order', () => {
    const a = crd('Widget');
    const b = crd('Gadget');
    const merged = mergeValidationOptions({ customResourceDefinitions: [a] }, { customResourceDefinitions: [b, a] });
    expect(merged.customResourceDefinitions).toEqual([a, b]);
    expect(mergeValidationOptions({}, { customResourceDefinitions: [b] }).customResourceDefinitions).toEqual([b]);
    expect(mergeValidationOptions({}, {}).customResourceDefinitions).toBeUndefined();
  });
});
