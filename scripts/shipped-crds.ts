/**
 * schemas/crds.json: the prometheus-operator CRDs in ../shared/crds (every served version), converted by the same
 * code that converts the CRDs users give at run time (src/validation/rules/schema/crds.ts), then with repeated
 * object subschemas written once. Used by scripts/gen-k8s-schemas.ts.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';
import { JsonSchema } from '../src/validation/rules/schema/convert';
import { OBJECT_META, readCrd } from '../src/validation/rules/schema/crds';

const CRD_FILES = [
  'monitoring.coreos.com_servicemonitors.yaml',
  'monitoring.coreos.com_podmonitors.yaml',
  'monitoring.coreos.com_prometheusrules.yaml',
];

/** Writes `<out>/crds.json` from the CRD files in `crdsDir`; returns its size in bytes. */
export function writeCrds(crdsDir: string, out: string): number {
  const kinds: Record<string, string> = {};
  const definitions: Record<string, JsonSchema> = {};
  const files: Record<string, string> = {};
  let operatorVersion: string | undefined;
  for (const f of CRD_FILES) {
    const file = path.join(crdsDir, f);
    files[f] = `sha256:${sha256(fs.readFileSync(file, 'utf8'))}`;
    for (const crd of Yaml.load(file)) {
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      operatorVersion ??= crd.metadata?.annotations?.['operator.prometheus.io/version'];
      const reading = readCrd(crd, { $ref: `k8s.json#/definitions/${OBJECT_META}` });
      if (reading.problems.length > 0) throw new Error(`${f}: ${reading.problems.join('; ')}`);
      for (const v of reading.versions) {
        if (!v.served || !v.schema) continue;
        const name = `${reading.group}.${v.version}.${reading.kind}`;
        kinds[v.key] = name;
        definitions[name] = v.schema;
      }
    }
  }
  const shared = hoistRepeatedSubschemas(definitions);
  const result = {
    header: {
      source: {
        crds: `prometheus-operator ${operatorVersion ?? 'unknown'} CustomResourceDefinitions, unmodified (../shared/crds)`,
        files,
      },
      generator: 'scripts/gen-k8s-schemas.ts',
      dialect: 'http://json-schema.org/draft-07/schema#',
      notes: 'openAPIV3Schema of every served version; descriptions, defaults and x-kubernetes-* dropped; objects that list properties reject unknown fields unless x-kubernetes-preserve-unknown-fields; metadata refers to ObjectMeta in the Kubernetes schema loaded as k8s.json; object subschemas repeated in the CRDs (secret selectors, TLS configs, relabelings...) are written once, as `shared.*` definitions.',
      sharedDefinitions: shared,
    },
    kinds,
    definitions,
  };
  const file = path.join(out, 'crds.json');
  fs.writeFileSync(file, JSON.stringify(result) + '\n');
  return fs.statSync(file).size;
}

/**
 * CRD schemas are written inline, so the same object schema (a SecretKeySelector, a TLS config...) appears dozens of
 * times; ajv would generate code for every copy. Each object schema that occurs more than once becomes one
 * `shared.<property>.<hash>` definition referred to by `$ref`. Returns how many.
 */
function hoistRepeatedSubschemas(definitions: Record<string, JsonSchema>): number {
  const hoisted = new Map<string, { name: string; schema: JsonSchema; uses: number }>();
  const refOf = (name: string) => `#/definitions/${name}`;
  // Post-order: children are replaced first, so a repeated parent is found by its (already shortened) content.
  const visit = (s: JsonSchema, hint: string): JsonSchema => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
    const out: JsonSchema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries<JsonSchema>(s.properties).map(([p, c]) => [p, visit(c, p)]));
    if (s.items) out.items = visit(s.items, hint);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = visit(s.additionalProperties, hint);
    for (const k of ['anyOf', 'allOf', 'oneOf']) if (s[k]) out[k] = s[k].map((c: JsonSchema) => visit(c, hint));
    if (!out.properties) return out;
    const key = JSON.stringify(out);
    if (key.length < 120) return out;
    let h = hoisted.get(key);
    if (!h) {
      h = { name: `shared.${hint.replace(/[^\w-]/g, '_')}.${sha256(key).slice(0, 8)}`, schema: out, uses: 0 };
      hoisted.set(key, h);
    }
    h.uses++;
    return { $ref: refOf(h.name) };
  };
  for (const name of Object.keys(definitions)) {
    const root = definitions[name];
    definitions[name] = {
      ...root,
      properties: Object.fromEntries(Object.entries<JsonSchema>(root.properties).map(([p, c]) => [p, visit(c, p)])),
    };
  }
  // Schemas used once go back inline.
  const byName = new Map([...hoisted.values()].map(h => [h.name, h]));
  const inlineOnce = (s: any): any => {
    if (Array.isArray(s)) return s.map(inlineOnce);
    if (!s || typeof s !== 'object') return s;
    if (typeof s.$ref === 'string' && s.$ref.startsWith('#/definitions/shared.')) {
      const h = byName.get(s.$ref.slice('#/definitions/'.length))!;
      return h.uses > 1 ? s : inlineOnce(h.schema);
    }
    return Object.fromEntries(Object.entries(s).map(([k, v]) => [k, k === 'enum' ? v : inlineOnce(v)]));
  };
  for (const name of Object.keys(definitions)) definitions[name] = inlineOnce(definitions[name]);
  const kept = [...hoisted.values()].filter(h => h.uses > 1).sort((a, b) => a.name.localeCompare(b.name));
  for (const h of kept) definitions[h.name] = inlineOnce(h.schema);
  return kept.length;
}

/** Hex SHA-256 of a text. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
