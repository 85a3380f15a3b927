/**
 * Generates the JSON Schemas shipped in schemas/ and used offline by src/validation/schema.ts.
 *
 *   npx ts-node --transpile-only scripts/gen-k8s-schemas.ts [v1.27.16 v1.37.2 ...]
 *
 * For each Kubernetes version: `go mod download -json k8s.io/kubernetes@<version>` through the Go module
 * proxy (checked against sum.golang.org by the go command), then from the module:
 *   - api/openapi-spec/swagger.json: the definitions reachable from KINDS below;
 *   - pkg/generated/openapi/zz_generated.openapi.go: the enum values of `+enum` fields, which the API server
 *     serves but this swagger.json leaves out (without them `imagePullPolicy: Sometimes` would pass).
 * Written as schemas/k8s-<major.minor>.json: draft-07 definitions for ajv, strict (additionalProperties: false on
 * every object schema that lists its properties), plus `kinds` ("<apiVersion>/<kind>" -> definition name).
 *
 * Also writes schemas/crds.json from the prometheus-operator CRDs in ../shared/crds (every served version),
 * strict as well except where the CRD says x-kubernetes-preserve-unknown-fields; their `metadata` is checked
 * against ObjectMeta of the Kubernetes schema it is loaded with (`k8s.json#/...`).
 *
 * Needs: go (GOPROXY reachable), node; no other network access. Output is deterministic.
 */
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { Yaml } from 'cdk8s';

type Schema = { [key: string]: any };

/**
 * Versions shipped by default: one per minor from 1.27 (the cdk8s-plus-27 baseline) to the newest the Go module
 * proxy serves (`go list -m -versions k8s.io/kubernetes`), at the newest patch it lists; 1.27 and 1.28 are not
 * listed but served at their final patches. Patches do not change the API, so one schema per minor is exact.
 */
const DEFAULT_VERSIONS = [
  'v1.27.16', 'v1.28.15', 'v1.29.6', 'v1.30.14', 'v1.31.14', 'v1.32.13',
  'v1.33.13', 'v1.34.4', 'v1.35.4', 'v1.36.3', 'v1.37.2',
];

/** Root kinds ("<apiVersion>/<kind>"); their reachable definitions are all that is kept. */
const KINDS = [
  'apps/v1/DaemonSet', 'apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/ReplicaSet',
  'batch/v1/Job', 'batch/v1/CronJob',
  'v1/Pod', 'v1/Service', 'v1/ServiceAccount', 'v1/ConfigMap', 'v1/Secret', 'v1/Namespace',
  'v1/ResourceQuota', 'v1/LimitRange', 'v1/PersistentVolumeClaim',
  'rbac.authorization.k8s.io/v1/Role', 'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/RoleBinding', 'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'networking.k8s.io/v1/NetworkPolicy',
  'scheduling.k8s.io/v1/PriorityClass',
  'policy/v1/PodDisruptionBudget',
];

const CRD_FILES = [
  'monitoring.coreos.com_servicemonitors.yaml',
  'monitoring.coreos.com_podmonitors.yaml',
  'monitoring.coreos.com_prometheusrules.yaml',
];

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'schemas');
const CRDS_DIR = process.env.CRDS_DIR ?? path.join(ROOT, '..', 'shared', 'crds');

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const OBJECT_META = 'k8s.json#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';
/** The API server's quantity syntax (k8s.io/apimachinery resource.Quantity), as controller-gen writes it into CRDs. */
const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
/** encoding/base64 StdEncoding, as Go's JSON decoder reads []byte (Secret.data). */
const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/** Keywords kept from the source schemas; everything else (descriptions, defaults, x-kubernetes-*) is dropped. */
const KEEP = new Set([
  'type', 'properties', 'items', 'additionalProperties', 'required', 'enum', 'pattern',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'anyOf', 'allOf', 'oneOf', 'not', '$ref',
]);

function main() {
  const versions = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_VERSIONS;
  fs.mkdirSync(OUT, { recursive: true });
  for (const v of versions) writeKubernetes(v);
  writeCrds();
}

// ---------------------------------------------------------------------------------------------
// Kubernetes

interface ModuleInfo { Version: string; Dir: string; Zip: string; Sum: string; Origin?: { URL?: string; Hash?: string; Ref?: string } }

function writeKubernetes(version: string) {
  const mod: ModuleInfo = JSON.parse(execFileSync('go', ['mod', 'download', '-json', `k8s.io/kubernetes@${version}`], {
    cwd: OUT, // outside any go.mod, so no module context is needed
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  }));
  const swaggerFile = path.join(mod.Dir, 'api/openapi-spec/swagger.json');
  const generatedFile = path.join(mod.Dir, 'pkg/generated/openapi/zz_generated.openapi.go');
  const swaggerText = fs.readFileSync(swaggerFile, 'utf8');
  const generatedText = fs.readFileSync(generatedFile, 'utf8');
  const swagger = JSON.parse(swaggerText);
  const defs: Record<string, Schema> = swagger.definitions;

  // apiVersion/kind -> definition, from x-kubernetes-group-version-kind.
  const byGvk = new Map<string, string>();
  for (const [name, def] of Object.entries(defs)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      byGvk.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
    }
  }
  const kinds: Record<string, string> = {};
  for (const k of KINDS) {
    const name = byGvk.get(k);
    if (!name) throw new Error(`${version}: no definition for ${k}`);
    kinds[k] = name;
  }

  // Definitions reachable from the kinds.
  const reachable = new Set<string>();
  const visit = (name: string) => {
    if (reachable.has(name)) return;
    if (!defs[name]) throw new Error(`${version}: dangling $ref ${name}`);
    reachable.add(name);
    walkRefs(defs[name], visit);
  };
  Object.values(kinds).forEach(visit);

  const enums = parseEnums(generatedText, reachable);
  const missing = [...reachable].filter(n => defs[n].properties && !enums.has(n));
  if (missing.length) throw new Error(`${version}: zz_generated.openapi.go has no schema function for ${missing.join(', ')}`);
  let applied = 0;
  for (const [defName, list] of enums) {
    // Every reachable definition appears here, most with no enum.
    for (const { path: p, values } of list) {
      const node = p.reduce<Schema | undefined>((n, seg) => seg === '[]' ? n?.items : seg === '{}' ? n?.additionalProperties : n?.properties?.[seg], defs[defName]);
      if (!node || node.$ref || (node.type && node.type !== 'string')) {
        throw new Error(`${version}: enum of ${defName}.${p.join('.')} lands on no string schema`);
      }
      node.enum = values;
      applied++;
    }
  }

  // Definitions without properties (Time, Quantity, IntOrString, RawExtension, FieldsV1...) are inlined where used.
  const inline = new Set([...reachable].filter(n => !defs[n].properties));
  const convert = (s: Schema): Schema => convertSchema(s, {
    lenientOptional: true,
    ref: (ref) => {
      const name = ref.replace('#/definitions/', '');
      if (name === QUANTITY) return { type: ['string', 'number'], pattern: QUANTITY_PATTERN };
      return inline.has(name) ? convert(defs[name]) : { $ref: `#/definitions/${name}` };
    },
  });
  const definitions: Record<string, Schema> = {};
  for (const name of [...reachable].filter(n => !inline.has(n)).sort()) {
    definitions[name] = convert(defs[name]);
    // Go's JSON decoder reads null into a struct as "not set", so the API server takes `resources: null`
    // (common in Helm output) wherever an object goes.
    if (definitions[name].type === 'object') definitions[name].type = ['object', 'null'];
  }

  const minor = version.replace(/^v/, '').split('.').slice(0, 2).join('.');
  const out = {
    header: {
      kubernetesVersion: version.replace(/^v/, ''),
      source: {
        module: `k8s.io/kubernetes@${mod.Version}`,
        moduleSum: mod.Sum,
        ...(mod.Origin?.Hash ? { vcs: `${mod.Origin.URL}@${mod.Origin.Hash} (${mod.Origin.Ref})` } : {}),
        files: {
          'api/openapi-spec/swagger.json': `sha256:${sha256(swaggerText)}`,
          'pkg/generated/openapi/zz_generated.openapi.go': `sha256:${sha256(generatedText)} (enum values only)`,
        },
      },
      generator: 'scripts/gen-k8s-schemas.ts',
      dialect: 'http://json-schema.org/draft-07/schema#',
      notes: 'Definitions reachable from `kinds`; descriptions, defaults and x-kubernetes-* dropped; objects that list properties reject unknown fields; IntOrString is integer or string, Quantity a quantity string or a number; optional fields and objects may be null, optional enums empty, as the API server reads both as unset.',
      enumsApplied: applied,
    },
    kinds,
    definitions,
  };
  const file = path.join(OUT, `k8s-${minor}.json`);
  fs.writeFileSync(file, JSON.stringify(out) + '\n');
  console.log(`${path.relative(ROOT, file)}: ${Object.keys(kinds).length} kinds, ${Object.keys(definitions).length} definitions (${inline.size} inlined), ${applied} enums, ${fs.statSync(file).size} bytes`);
}

function walkRefs(s: any, visit: (name: string) => void) {
  if (Array.isArray(s)) { s.forEach(x => walkRefs(x, visit)); return; }
  if (!s || typeof s !== 'object') return;
  if (typeof s.$ref === 'string') visit(s.$ref.replace('#/definitions/', ''));
  for (const [k, v] of Object.entries(s)) if (k !== 'enum' && k !== 'default' && k !== 'example') walkRefs(v, visit);
}

/**
 * Enum values per definition, from openapi-gen's Go output. Each `"<property>": {` line opens a property,
 * `Items:` an array item and `AdditionalProperties:` a map value; gofmt's tab indentation gives the nesting.
 */
function parseEnums(go: string, wanted: Set<string>): Map<string, { path: string[]; values: string[] }[]> {
  // Import aliases (newer openapi-gen keys its map with `alias.Type{}.OpenAPIModelName()`).
  const aliases = new Map<string, string>();
  for (const m of go.matchAll(/^\t(\w+) "([^"]+)"$/gm)) aliases.set(m[1], m[2]);
  const funcToDef = new Map<string, string>();
  for (const m of go.matchAll(/^\t\t(?:"([^"]+)"|(\w+)\.(\w+)\{\}\.OpenAPIModelName\(\)):\s+(schema_\w+)\(ref\),$/gm)) {
    const goName = m[1] ?? `${aliases.get(m[2]) ?? m[2]}.${m[3]}`;
    funcToDef.set(m[4], goNameToDefinition(goName));
  }
  if (funcToDef.size === 0) throw new Error('zz_generated.openapi.go: no definition map found');

  const result = new Map<string, { path: string[]; values: string[] }[]>();
  for (const m of go.matchAll(/^func (schema_\w+)\(ref common\.ReferenceCallback\) common\.OpenAPIDefinition \{\n([\s\S]*?)^\}$/gm)) {
    const def = funcToDef.get(m[1]);
    if (!def || !wanted.has(def)) continue;
    if (!result.has(def)) result.set(def, []);
    const stack: { indent: number; seg: string }[] = [];
    for (const line of m[2].split('\n')) {
      const indent = line.length - line.replace(/^\t+/, '').length;
      while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
      const text = line.trim();
      let seg: string | undefined;
      const prop = /^"([^"]+)": \{$/.exec(text);
      if (prop) seg = prop[1];
      else if (text.startsWith('Items: &spec.SchemaOrArray{')) seg = '[]';
      else if (text.startsWith('AdditionalProperties: &spec.SchemaOrBool{')) seg = '{}';
      if (seg) { stack.push({ indent, seg }); continue; }
      const en = /^Enum:\s+\[\]interface\{\}\{(.*)\},$/.exec(text);
      if (en) {
        // Deprecated aliases repeat values (externalTrafficPolicy: "Cluster", "Cluster", "Local", "Local").
        const values = [...new Set<string>(JSON.parse(`[${en[1]}]`))];
        result.get(def)!.push({ path: stack.map(s => s.seg), values });
      }
    }
  }
  return result;
}

/** `k8s.io/api/core/v1.Container` -> `io.k8s.api.core.v1.Container` (the OpenAPI definition name). */
function goNameToDefinition(goName: string): string {
  if (/^io\.k8s\./.test(goName)) return goName;
  const [domain, ...rest] = goName.split('/');
  return [...domain.split('.').reverse(), ...rest].join('.');
}

// ---------------------------------------------------------------------------------------------
// Conversion (Swagger 2.0 definitions and CRD OpenAPI v3 schemas alike) to strict draft-07

interface ConvertOptions {
  /** Replaces a `$ref` (Swagger only). */
  readonly ref?: (ref: string) => Schema;
  /**
   * Built-in types only: an optional field may be null or, if an enum, empty, as the API server reads both as
   * "not set" (`creationTimestamp: null`, `imagePullPolicy: ""` defaulted). Custom resources honour `nullable`.
   */
  readonly lenientOptional?: boolean;
}

function convertSchema(src: Schema, opts: ConvertOptions): Schema {
  if (src.$ref) {
    // Swagger puts descriptions beside $ref; nothing else is meaningful there.
    return opts.ref ? opts.ref(src.$ref) : { $ref: src.$ref };
  }
  const out: Schema = {};
  const open = src['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = src['x-kubernetes-int-or-string'] === true || src.format === 'int-or-string';
  for (const [k, v] of Object.entries(src)) {
    if (!KEEP.has(k)) continue;
    if (k === 'properties') {
      out.properties = Object.fromEntries(Object.entries(v as Schema).map(([p, s]) => [p, convertSchema(s, opts)]));
    } else if (k === 'items' || k === 'not') {
      out[k] = convertSchema(v, opts);
    } else if (k === 'additionalProperties') {
      out[k] = typeof v === 'boolean' ? v : convertSchema(v, opts);
    } else if (k === 'anyOf' || k === 'allOf' || k === 'oneOf') {
      if (intOrString) continue; // [{type: integer}, {type: string}]: replaced by the type below
      out[k] = (v as Schema[]).map(s => convertSchema(s, opts));
    } else if (k === 'pattern') {
      out[k] = re2ToJs(v);
    } else {
      out[k] = v;
    }
  }
  // OpenAPI v3.0 exclusive bounds are booleans beside minimum/maximum; draft-07 wants the bound itself.
  for (const [ex, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']]) {
    if (typeof out[ex] === 'boolean') {
      if (out[ex] && out[bound] !== undefined) { out[ex] = out[bound]; delete out[bound]; } else {delete out[ex];}
    }
  }
  if (intOrString) out.type = ['integer', 'string'];
  if (src.format === 'int32' && out.type === 'integer') Object.assign(out, { ...INT32, ...pick(out, 'minimum', 'maximum') });
  if (src.format === 'byte' && out.type === 'string' && !out.pattern) out.pattern = BASE64_PATTERN;

  const hasProperties = out.properties && Object.keys(out.properties).length > 0;
  if (hasProperties && out.additionalProperties === undefined && !open) out.additionalProperties = false;
  if (open && !hasProperties) {
    // Anything goes below this node.
    delete out.additionalProperties;
  }
  if (src.nullable === true) makeNullable(out);

  if (opts.lenientOptional && out.properties) {
    const required = new Set<string>(out.required ?? []);
    for (const [p, s] of Object.entries<Schema>(out.properties)) {
      if (!required.has(p)) {
        makeNullable(s);
        if (s.enum && !s.enum.includes('')) s.enum = [...s.enum, ''];
      }
    }
  }
  return out;
}

function makeNullable(s: Schema) {
  if (s.type === undefined) return; // $ref, anyOf, or already anything
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (!types.includes('null')) s.type = [...types, 'null'];
  if (s.enum && !s.enum.includes(null)) s.enum = [...s.enum, null];
}

function pick(o: Schema, ...keys: string[]): Schema {
  return Object.fromEntries(keys.filter(k => o[k] !== undefined).map(k => [k, o[k]]));
}

/** Go RE2 patterns to JavaScript: the only RE2-only construct in the sources is a leading `(?i)`. */
function re2ToJs(pattern: string): string {
  const m = /^(\^?)\(\?i\)/.exec(pattern);
  if (!m) return pattern;
  const body = pattern.slice(m[0].length);
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') { out += c + (body[++i] ?? ''); continue; }
    if (c === '[' && !inClass) { inClass = true; out += c; continue; }
    if (c === ']' && inClass) { inClass = false; out += c; continue; }
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    if (lower === upper) { out += c; continue; }
    out += inClass ? lower + upper : `[${lower}${upper}]`;
  }
  return m[1] + out;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// ---------------------------------------------------------------------------------------------
// CRDs

function writeCrds() {
  const kinds: Record<string, string> = {};
  const definitions: Record<string, Schema> = {};
  const files: Record<string, string> = {};
  let operatorVersion: string | undefined;
  for (const f of CRD_FILES) {
    const file = path.join(CRDS_DIR, f);
    files[f] = `sha256:${sha256(fs.readFileSync(file, 'utf8'))}`;
    for (const crd of Yaml.load(file)) {
      if (crd?.kind !== 'CustomResourceDefinition') continue;
      operatorVersion ??= crd.metadata?.annotations?.['operator.prometheus.io/version'];
      const { group, names } = crd.spec;
      for (const v of crd.spec.versions) {
        if (!v.served) continue;
        const name = `${group}.${v.name}.${names.kind}`;
        const schema = convertSchema(v.schema.openAPIV3Schema, {});
        // The API server checks a custom resource's metadata as ObjectMeta whatever the CRD says.
        schema.properties.metadata = { $ref: OBJECT_META };
        kinds[`${group}/${v.name}/${names.kind}`] = name;
        definitions[name] = schema;
      }
    }
  }
  const shared = hoistRepeatedSubschemas(definitions);
  const out = {
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
  const file = path.join(OUT, 'crds.json');
  fs.writeFileSync(file, JSON.stringify(out) + '\n');
  console.log(`${path.relative(ROOT, file)}: ${Object.keys(kinds).join(', ')}; ${fs.statSync(file).size} bytes`);
}

/**
 * CRD schemas are written inline, so the same object schema (a SecretKeySelector, a TLS config...) appears dozens of
 * times; ajv would generate code for every copy. Each object schema that occurs more than once becomes one
 * `shared.<property>.<hash>` definition referred to by `$ref`. Returns how many.
 */
function hoistRepeatedSubschemas(definitions: Record<string, Schema>): number {
  const hoisted = new Map<string, { name: string; schema: Schema; uses: number }>();
  const refOf = (name: string) => `#/definitions/${name}`;
  // Post-order: children are replaced first, so a repeated parent is found by its (already shortened) content.
  const visit = (s: Schema, hint: string): Schema => {
    if (!s || typeof s !== 'object' || Array.isArray(s)) return s;
    const out: Schema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries<Schema>(s.properties).map(([p, c]) => [p, visit(c, p)]));
    if (s.items) out.items = visit(s.items, hint);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = visit(s.additionalProperties, hint);
    for (const k of ['anyOf', 'allOf', 'oneOf']) if (s[k]) out[k] = s[k].map((c: Schema) => visit(c, hint));
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
      properties: Object.fromEntries(Object.entries<Schema>(root.properties).map(([p, c]) => [p, visit(c, p)])),
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

main();
