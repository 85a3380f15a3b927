import { ManifestValidator, validateManifests, ValidationFinding } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';
import { readCrd } from '../../../src/validation/rules/schema/crds';

// CustomResourceDefinitions from the user (the customResourceDefinitions option, `--crd`) and from the input
// itself: their custom resources are schema-checked like built-in kinds.

function crd(overrides: { group?: string; kind?: string; versions?: any[]; apiVersion?: string } = {}): any {
  const group = overrides.group ?? 'example.com';
  const kind = overrides.kind ?? 'Widget';
  return {
    apiVersion: overrides.apiVersion ?? 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.toLowerCase()}s.${group}` },
    spec: {
      group,
      scope: 'Namespaced',
      names: { kind, plural: `${kind.toLowerCase()}s` },
      versions: overrides.versions ?? [{
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            required: ['spec'],
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'integer', minimum: 1 },
                  color: { type: 'string', enum: ['red', 'blue'] },
                  name: { type: 'string', pattern: '^[a-z]+$' },
                  extra: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  port: { 'x-kubernetes-int-or-string': true },
                },
              },
              status: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true },
            },
          },
        },
      }],
    },
  };
}

const widget = (spec: any, apiVersion = 'example.com/v1', kind = 'Widget') => ({ apiVersion, kind, metadata: { name: 'w', namespace: 'apps' }, spec });

function findings(objects: any[], customResourceDefinitions?: any[]): string[] {
  return validateManifests(objects, { rules: ['schema'], customResourceDefinitions })
    .findings.map((f: ValidationFinding) => `${f.severity} ${f.ruleId} ${f.kind ?? '-'} ${f.path}: ${f.message}`);
}

describe('CRDs given as an option', () => {
  test('a valid custom resource passes; without the CRD it is only an unknown-kind warning', () => {
    const ok = widget({ size: 3, color: 'red', extra: { anything: { goes: [1] } }, port: 'http' });
    expect(findings([ok], [crd()])).toEqual([]);
    expect(findings([ok])).toEqual([expect.stringMatching(/^warning schema\/unknown-kind Widget apiVersion: no schema for Widget example.com\/v1/)]);
  });

  test('rejects a custom resource with an unknown field, naming the CRD and suggesting the field', () => {
    const report = validateManifests([widget({ size: 3, colour: 'red' })], { rules: ['schema'], customResourceDefinitions: [crd()] });
    expect(report.findings).toEqual([expect.objectContaining({
      ruleId: 'schema/valid',
      severity: Severity.ERROR,
      kind: 'Widget',
      path: 'spec.colour',
      message: 'unknown field \'colour\' in spec: the Widget example.com/v1 (CRD widgets.example.com) schema has no such field',
      hint: expect.stringMatching(/^did you mean 'color'\?/),
    })]);
  });

  test('checks types, enums, bounds, patterns, required fields and ObjectMeta', () => {
    const bad = widget({ size: 0, color: 'green', name: 'Upper', port: true });
    (bad.metadata as any).labelz = {};
    expect(findings([bad, widget({})], [crd()])).toEqual([
      'error schema/valid Widget spec.size: size must be >= 1',
      'error schema/valid Widget spec.color: color is \'green\', which is not an allowed value',
      'error schema/valid Widget spec.name: name is \'Upper\', which does not match the pattern ^[a-z]+$',
      'error schema/valid Widget spec.port: port must be an integer or a string, not a boolean (true)',
      'error schema/valid Widget metadata.labelz: unknown field \'labelz\' in metadata: the Widget example.com/v1 (CRD widgets.example.com) schema has no such field',
      'error schema/valid Widget spec.size: spec lacks the required field \'size\'',
    ]);
  });

  test('a version the CRD does not serve is an error naming the served one', () => {
    const twoVersions = crd();
    twoVersions.spec.versions.push({ ...twoVersions.spec.versions[0], name: 'v1alpha1', served: false, storage: false });
    expect(findings([widget({ size: 1 }, 'example.com/v1alpha1')], [twoVersions])).toEqual([
      'error schema/api-version Widget apiVersion: example.com/v1alpha1 Widget is not served: its CustomResourceDefinition widgets.example.com serves example.com/v1',
    ]);
  });

  test('a version without a schema takes any fields; a kind in the wrong case is an error', () => {
    expect(findings([widget({ whatever: true })], [crd({ versions: [{ name: 'v1', served: true, storage: true }] })])).toEqual([]);
    expect(findings([widget({ size: 1 }, 'example.com/v1', 'widget')], [crd()])).toEqual([
      'error schema/kind-case widget kind: kind \'widget\' is not a kind the API server knows: kinds are case-sensitive, and this one is spelled \'Widget\'',
    ]);
  });

  test('a user CRD replaces the shipped one of the same kind, and never a built-in kind', () => {
    const sm = { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata: { name: 'm' }, spec: { custom: 1 } };
    expect(findings([sm]).join('\n')).toMatch(/unknown field 'custom' in spec: the ServiceMonitor monitoring.coreos.com\/v1 \(CRD\)/);
    const permissive = crd({ group: 'monitoring.coreos.com', kind: 'ServiceMonitor', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] });
    expect(findings([sm], [permissive])).toEqual([]);
    const hijack = crd({ group: 'apps', kind: 'DaemonSet', versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] });
    expect(findings([{ apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { bogus: 1 } }], [hijack]).join('\n')).toMatch(/unknown field 'bogus' in spec: the DaemonSet apps\/v1 \(Kubernetes/);
  });

  test('the v1beta1 shape (spec.version, spec.validation) is read too', () => {
    const old = crd({ apiVersion: 'apiextensions.k8s.io/v1beta1' });
    old.spec.validation = { openAPIV3Schema: old.spec.versions[0].schema.openAPIV3Schema };
    old.spec.version = 'v1';
    delete old.spec.versions;
    expect(findings([widget({ size: 1, colour: 'x' })], [old])).toEqual([expect.stringMatching(/unknown field 'colour'/)]);
  });

  test('one validator reuses its compiled CRDs across runs', () => {
    const validator = new ManifestValidator({ rules: ['schema'], customResourceDefinitions: [crd()] });
    for (let i = 0; i < 3; i++) expect(validator.validate([widget({ size: 0 })]).errors).toHaveLength(1);
  });
});

describe('CRDs in the input', () => {
  test('are used for the custom resources of the same input, and override the option', () => {
    expect(findings([crd(), widget({ size: 2, colour: 'red' })])).toEqual([expect.stringMatching(/^error schema\/valid Widget spec.colour: unknown field 'colour'/)]);
    const open = crd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { 'type': 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] });
    expect(findings([open, widget({ colour: 'red' })], [crd()])).toEqual([]);
  });

  test('a removed CRD apiVersion is reported, and its schema still used', () => {
    const old = crd({ apiVersion: 'apiextensions.k8s.io/v1beta1' });
    expect(findings([old, widget({ size: 1, colour: 'x' })])).toEqual([
      'error schema/valid Widget spec.colour: unknown field \'colour\' in spec: the Widget example.com/v1 (CRD widgets.example.com) schema has no such field',
      'error schema/api-version CustomResourceDefinition apiVersion: apiextensions.k8s.io/v1beta1 CustomResourceDefinition was removed in Kubernetes 1.22; use apiextensions.k8s.io/v1',
    ]);
  });
});

describe('rejects bad CRD input with findings, never an exception', () => {
  test('items that are not CRDs, or lack group, kind or versions', () => {
    const noGroup = crd();
    delete noGroup.spec.group;
    const noVersions = crd({ kind: 'Gadget' });
    noVersions.spec.versions = 'v1';
    expect(findings([], [null, 'text', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }, noGroup, noVersions])).toEqual([
      'warning schema/crd - : customResourceDefinitions[0]: it is not a CustomResourceDefinition (apiVersion (none), kind (none))',
      'warning schema/crd - : customResourceDefinitions[1]: it is not a CustomResourceDefinition (apiVersion (none), kind (none))',
      'warning schema/crd ConfigMap : customResourceDefinitions[2]: it is not a CustomResourceDefinition (apiVersion v1, kind ConfigMap)',
      'warning schema/crd CustomResourceDefinition : customResourceDefinitions[3]: spec.group is missing',
      'warning schema/crd CustomResourceDefinition : customResourceDefinitions[4]: spec.versions lists no version',
    ]);
    expect(findings([], 'not a list' as any)).toEqual([expect.stringMatching(/customResourceDefinitions: it is not a CustomResourceDefinition/)]);
  });

  test('a pattern JavaScript cannot run and a $ref are dropped and named; the rest is still checked', () => {
    const schema = crd();
    const spec = schema.spec.versions[0].schema.openAPIV3Schema.properties.spec;
    spec.properties.name.pattern = '^(?<bad';
    spec.properties.ref = { $ref: '#/definitions/Other' };
    expect(findings([widget({ size: 1, name: 'ANY', ref: 5, colour: 'x' })], [schema])).toEqual([
      expect.stringMatching(/^error schema\/valid Widget spec.colour: unknown field 'colour'/),
      'warning schema/crd CustomResourceDefinition : customResourceDefinitions[0]: version v1: the pattern of spec.name ("^(?<bad") is not a regular expression JavaScript can run; it is not checked',
      'warning schema/crd CustomResourceDefinition : customResourceDefinitions[0]: version v1: spec.ref uses $ref, which a CRD schema cannot; it is not checked',
    ]);
  });

  test('a schema ajv cannot compile leaves its custom resources unchecked, with a warning on each', () => {
    const schema = crd();
    schema.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.size.type = 'int';
    expect(findings([widget({ size: 1 })], [schema])).toEqual([
      expect.stringMatching(/^warning schema\/crd Widget : the schema of Widget example.com\/v1 \(CRD widgets.example.com\) cannot be compiled \(.*\); the object is not schema-checked$/),
    ]);
  });

  test('hostile shapes anywhere in a CRD', () => {
    const values = [null, 1, 'x', [], {}, [[]], { type: [] }, { properties: [] }, { items: 'x' }, { required: 'spec' }, { anyOf: {} }, { enum: 1 }, { __proto__: { type: 'object' } }];
    for (const v of values) {
      const schema = crd();
      schema.spec.versions[0].schema.openAPIV3Schema.properties.spec = v;
      const alsoRoot = crd({ kind: 'Gadget' });
      alsoRoot.spec.versions[0].schema.openAPIV3Schema = v;
      expect(() => validateManifests([widget({ size: 1 }), widget({}, 'example.com/v1', 'Gadget'), schema, alsoRoot], { customResourceDefinitions: [schema, alsoRoot] })).not.toThrow();
      const report = validateManifests([widget({ size: 1 })], { customResourceDefinitions: [schema, alsoRoot] });
      expect(report.findings.filter(f => f.ruleId === 'engine/internal')).toEqual([]);
    }
  });
});

test('readCrd keeps apiVersion, kind and metadata at the root, and ObjectMeta for metadata', () => {
  const reading = readCrd(crd());
  expect(reading.problems).toEqual([]);
  expect(reading.versions[0]).toMatchObject({ key: 'example.com/v1/Widget', served: true });
  expect(reading.versions[0].schema!.properties).toMatchObject({
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { $ref: '#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' },
  });
  expect(reading.versions[0].schema!.additionalProperties).toBe(false);
});
