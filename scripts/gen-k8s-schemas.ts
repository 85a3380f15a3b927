/**
 * Generates the JSON Schemas shipped in schemas/ and used offline by src/validation/rules/schema/.
 *
 *   npx ts-node --transpile-only scripts/gen-k8s-schemas.ts [v1.27.16 v1.37.2 ...]   (default: DEFAULT_VERSIONS)
 *
 * For each Kubernetes version: `go mod download -json k8s.io/kubernetes@<version>` and `k8s.io/api@v0.<minor>.<patch>`
 * through the Go module proxy (checked against sum.golang.org by the go command), then:
 *   - api/openapi-spec/swagger.json: every kind the API server creates (a `post` operation on a collection path,
 *     not on a subresource such as pods/{name}/eviction, whose x-kubernetes-group-version-kind names the kind) and
 *     the definitions reachable from them. That includes the review kinds (TokenReview, SubjectAccessReview ...):
 *     they are created, though never stored; it leaves out *List, WatchEvent, Status, DeleteOptions, Scale,
 *     Eviction, TokenRequest and the proxy/exec options, which no collection creates. The spec lists alpha and
 *     beta API versions too (it is generated with every API enabled);
 *   - pkg/generated/openapi/zz_generated.openapi.go: the enum values of `+enum` fields (scripts/openapi-enums.ts);
 *   - k8s.io/api's prerelease-lifecycle tags: deprecation releases and replacements (scripts/k8s-api-lifecycle.ts).
 *
 * Written, draft-07 for ajv, strict (additionalProperties: false on every object schema that lists its properties):
 *   - schemas/k8s-index.json: the versions and their sources; every kind with its root definition, the minors
 *     that serve it (`1.27-1.37`), its deprecations and upstream replacement; the kinds removed before 1.27;
 *   - schemas/k8s-defs-<package>.json: the definitions of one Go package, each as the variants that differ
 *     between minors, each variant with the minors it belongs to (a definition identical everywhere is stored once);
 *   - schemas/crds.json from the prometheus-operator CRDs in ../shared/crds (scripts/shipped-crds.ts).
 *
 * Needs: go (GOPROXY reachable), node; no other network access. Output is deterministic.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { checkRemovedTable, Lifecycle, readLifecycle, REMOVED_BEFORE_1_27 } from './k8s-api-lifecycle';
import { parseEnums } from './openapi-enums';
import { sha256, writeCrds } from './shipped-crds';
import { convertSchema, JsonSchema, QUANTITY_PATTERN } from '../src/validation/rules/schema/convert';
import { DeprecationEntry, INDEX_FILE, KindEntry, shardFileOf } from '../src/validation/rules/schema/store';

/**
 * Versions shipped by default: one per minor from 1.27 (the cdk8s-plus-27 baseline) to the newest the Go module
 * proxy serves (`go list -m -versions k8s.io/kubernetes`), at the newest patch it lists; 1.27 and 1.28 are not
 * listed but served at their final patches. Patches do not change the API, so one schema per minor is exact.
 */
const DEFAULT_VERSIONS = [
  'v1.27.16', 'v1.28.15', 'v1.29.6', 'v1.30.14', 'v1.31.14', 'v1.32.13',
  'v1.33.13', 'v1.34.4', 'v1.35.4', 'v1.36.3', 'v1.37.2',
];

const ROOT = path.join(__dirname, '..');
const OUT = path.join(ROOT, 'schemas');
const CRDS_DIR = process.env.CRDS_DIR ?? path.join(ROOT, '..', 'shared', 'crds');
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

/**
 * Fields the OpenAPI spec marks required whose zero value (absent, null, empty) the API server accepts: it checks
 * built-in kinds with Go validation, not with the spec's `required`, and Go's decoder reads a missing field as its
 * zero value. Each is checked against kube-apiserver v1.37.2 (test/e2e/api-agreement) and its validation function
 * (k8s.io/kubernetes pkg/apis/core/validation/validation.go, cited).
 */
const ZERO_VALUE_ACCEPTED: { readonly [definition: string]: { readonly [property: string]: string } } = {
  'io.k8s.api.core.v1.HTTPHeader': { value: 'validateHTTPGetAction checks only the header name (IsHTTPHeaderName)' },
  'io.k8s.api.core.v1.LimitRangeSpec': { limits: 'ValidateLimitRange iterates the limits; none is valid' },
  'io.k8s.api.core.v1.PreferredSchedulingTerm': { preference: 'ValidatePreferredSchedulingTerms: an empty NodeSelectorTerm is valid there' },
  'io.k8s.api.core.v1.Sysctl': { value: 'validateSysctls checks only the name' },
  'io.k8s.api.core.v1.SleepAction': { seconds: 'validateSleepAction: 0 is within [0, terminationGracePeriodSeconds]' },
};

/** One Kubernetes version, read. */
interface VersionSchemas {
  readonly minor: string;
  readonly header: JsonSchema;
  /** `<apiVersion>/<kind>` -> root definition. */
  readonly kinds: Map<string, string>;
  readonly definitions: Map<string, JsonSchema>;
  readonly lifecycle: Map<string, Lifecycle>;
}

function main() {
  const versions = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_VERSIONS;
  fs.mkdirSync(OUT, { recursive: true });
  const read = versions.map(readVersion).sort((a, b) => minorNumber(a.minor) - minorNumber(b.minor));
  const written = writeStore(read);
  written.add('crds.json');
  const crdBytes = writeCrds(CRDS_DIR, OUT);
  console.log(`schemas/crds.json: ${crdBytes} bytes`);
  for (const f of fs.readdirSync(OUT)) {
    if (f.endsWith('.json') && !written.has(f) && f !== 'node-profiles.schema.json') {
      fs.unlinkSync(path.join(OUT, f));
      console.log(`removed stale schemas/${f}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One version

interface ModuleInfo { Version: string; Dir: string; Sum: string; Origin?: { URL?: string; Hash?: string; Ref?: string } }

function download(module: string): ModuleInfo {
  return JSON.parse(execFileSync('go', ['mod', 'download', '-json', module], {
    cwd: OUT, // outside any go.mod, so no module context is needed
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  }));
}

function readVersion(version: string): VersionSchemas {
  const mod = download(`k8s.io/kubernetes@${version}`);
  const api = download(`k8s.io/api@${version.replace(/^v1\./, 'v0.')}`);
  const swaggerText = fs.readFileSync(path.join(mod.Dir, 'api/openapi-spec/swagger.json'), 'utf8');
  const generatedText = fs.readFileSync(path.join(mod.Dir, 'pkg/generated/openapi/zz_generated.openapi.go'), 'utf8');
  const swagger = JSON.parse(swaggerText);
  const defs: Record<string, JsonSchema> = swagger.definitions;
  const kinds = creatableKinds(swagger, version);

  // Definitions reachable from the kinds.
  const reachable = new Set<string>();
  const visit = (name: string) => {
    if (reachable.has(name)) return;
    if (!defs[name]) throw new Error(`${version}: dangling $ref ${name}`);
    reachable.add(name);
    walkRefs(defs[name], visit);
  };
  [...kinds.values()].forEach(visit);
  const applied = applyEnums(defs, reachable, generatedText, version);

  // Definitions without properties (Time, Quantity, IntOrString, RawExtension, FieldsV1...) are inlined where used.
  const inline = new Set([...reachable].filter(n => !defs[n].properties));
  const convert = (s: JsonSchema): JsonSchema => convertSchema(s, {
    lenientOptional: true,
    ref: (ref) => {
      const name = ref.replace('#/definitions/', '');
      if (name === QUANTITY) return { type: ['string', 'number'], pattern: QUANTITY_PATTERN };
      return inline.has(name) ? convert(defs[name]) : { $ref: `#/definitions/${name}` };
    },
  });
  const definitions = new Map<string, JsonSchema>();
  for (const name of [...reachable].filter(n => !inline.has(n)).sort()) {
    const schema = convert(defs[name]);
    // Go's JSON decoder reads null into a struct as "not set", so the API server takes `resources: null`
    // (common in Helm output) wherever an object goes.
    if (schema.type === 'object') schema.type = ['object', 'null'];
    for (const property of Object.keys(ZERO_VALUE_ACCEPTED[name] ?? {})) acceptZeroValue(schema, property);
    definitions.set(name, schema);
  }
  const minor = version.replace(/^v/, '').split('.').slice(0, 2).join('.');
  const header = {
    kubernetesVersion: version.replace(/^v/, ''),
    source: {
      module: `k8s.io/kubernetes@${mod.Version}`,
      moduleSum: mod.Sum,
      ...(mod.Origin?.Hash ? { vcs: `${mod.Origin.URL}@${mod.Origin.Hash} (${mod.Origin.Ref})` } : {}),
      files: {
        'api/openapi-spec/swagger.json': `sha256:${sha256(swaggerText)}`,
        'pkg/generated/openapi/zz_generated.openapi.go': `sha256:${sha256(generatedText)} (enum values only)`,
      },
      lifecycle: `k8s.io/api@${api.Version} ${api.Sum} (zz_generated.prerelease-lifecycle.go)`,
    },
    kinds: kinds.size,
    definitions: definitions.size,
    enumsApplied: applied,
  };
  console.log(`Kubernetes ${header.kubernetesVersion}: ${kinds.size} kinds, ${definitions.size} definitions (${inline.size} inlined), ${applied} enums`);
  return { minor, header, kinds, definitions, lifecycle: readLifecycle(api.Dir) };
}

/** A required property made optional and nullable, like the optional fields (see ZERO_VALUE_ACCEPTED). */
function acceptZeroValue(schema: JsonSchema, property: string): void {
  if (!schema.required?.includes(property)) throw new Error(`ZERO_VALUE_ACCEPTED: ${property} is not required any more; drop the entry`);
  schema.required = schema.required.filter((p: string) => p !== property);
  if (schema.required.length === 0) delete schema.required;
  const p = schema.properties[property];
  if (p.type !== undefined && ![p.type].flat().includes('null')) p.type = [...[p.type].flat(), 'null'];
}

/** `<apiVersion>/<kind>` -> definition, for every kind a `post` on a collection path (not a subresource) creates. */
function creatableKinds(swagger: any, version: string): Map<string, string> {
  const byGvk = new Map<string, string>();
  for (const [name, def] of Object.entries<JsonSchema>(swagger.definitions)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) byGvk.set(gvkKey(gvk), name);
  }
  const kinds = new Map<string, string>();
  for (const [p, ops] of Object.entries<any>(swagger.paths)) {
    const gvk = ops.post?.['x-kubernetes-group-version-kind'];
    if (!gvk || /\/\{name\}\//.test(p)) continue;
    const key = gvkKey(gvk);
    const name = byGvk.get(key);
    if (!name) throw new Error(`${version}: no definition for ${key}`);
    kinds.set(key, name);
  }
  return new Map([...kinds].sort(([a], [b]) => a.localeCompare(b)));
}

function gvkKey(gvk: { group?: string; version: string; kind: string }): string {
  return `${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`;
}

function applyEnums(defs: Record<string, JsonSchema>, reachable: Set<string>, generatedText: string, version: string): number {
  const enums = parseEnums(generatedText, reachable);
  const missing = [...reachable].filter(n => defs[n].properties && !enums.has(n));
  if (missing.length) throw new Error(`${version}: zz_generated.openapi.go has no schema function for ${missing.join(', ')}`);
  let applied = 0;
  for (const [defName, list] of enums) {
    for (const { path: p, values } of list) {
      const node = p.reduce<JsonSchema | undefined>((n, seg) => seg === '[]' ? n?.items : seg === '{}' ? n?.additionalProperties : n?.properties?.[seg], defs[defName]);
      if (!node || node.$ref || (node.type && node.type !== 'string')) {
        throw new Error(`${version}: enum of ${defName}.${p.join('.')} lands on no string schema`);
      }
      node.enum = values;
      applied++;
    }
  }
  return applied;
}

/** Calls `visit` with every definition a schema refers to (under `properties`, `enum` or `default` are field names). */
function walkRefs(s: any, visit: (name: string) => void) {
  if (Array.isArray(s)) { s.forEach(x => walkRefs(x, visit)); return; }
  if (!s || typeof s !== 'object') return;
  if (typeof s.$ref === 'string') visit(s.$ref.replace('#/definitions/', ''));
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties' && v && typeof v === 'object') Object.values(v).forEach(p => walkRefs(p, visit));
    else if (k !== 'enum' && k !== 'default' && k !== 'example') walkRefs(v, visit);
  }
}

// ---------------------------------------------------------------------------------------------
// The store: one index, one file per package

/** Writes the index and the package files; returns the names of the files written. */
function writeStore(read: VersionSchemas[]): Set<string> {
  const minors = read.map(v => v.minor);
  const ranges = (present: string[]) => toRanges(minors, new Set(present));

  // name -> variants (identical schemas share one), each with the minors it belongs to.
  const variants = new Map<string, { json: string; schema: JsonSchema; minors: string[] }[]>();
  for (const v of read) {
    for (const [name, schema] of v.definitions) {
      const json = JSON.stringify(schema);
      const list = variants.get(name) ?? [];
      variants.set(name, list);
      const same = list.find(x => x.json === json);
      if (same) same.minors.push(v.minor); else list.push({ json, schema, minors: [v.minor] });
    }
  }
  const shards = new Map<string, Record<string, { versions: string; schema: JsonSchema }[]>>();
  for (const name of [...variants.keys()].sort()) {
    const file = shardFileOf(name);
    if (!shards.has(file)) shards.set(file, {});
    shards.get(file)![name] = variants.get(name)!.map(x => ({ versions: ranges(x.minors), schema: x.schema }));
  }

  const newest = read[read.length - 1];
  const problems = checkRemovedTable(newest.lifecycle);
  if (problems.length) throw new Error(`REMOVED_BEFORE_1_27 disagrees with k8s.io/api:\n${problems.join('\n')}`);
  const kinds = kindEntries(read, ranges);
  const index = {
    header: {
      generator: 'scripts/gen-k8s-schemas.ts',
      dialect: 'http://json-schema.org/draft-07/schema#',
      notes: 'Every kind the API server of a supported minor creates, with the definitions reachable from it; descriptions, defaults and x-kubernetes-* dropped; objects that list properties reject unknown fields; IntOrString is integer or string, Quantity a quantity string or a number; optional fields and objects may be null, optional enums empty, as the API server reads both as unset. A definition lives in k8s-defs-<package>.json as the variants that differ between minors. `deprecated` mirrors the API server\'s deprecation warnings (k8s.io/api prerelease-lifecycle tags); `removedBefore` lists what Kubernetes stopped serving before the oldest minor here (the deprecated API migration guide, https://kubernetes.io/docs/reference/using-api/deprecation-guide/).',
      definitionVariants: [...variants.values()].reduce((n, l) => n + l.length, 0),
      packageFiles: shards.size,
    },
    versions: Object.fromEntries(read.map(v => [v.minor, v.header])),
    kinds,
    removedBefore: Object.fromEntries(Object.entries(REMOVED_BEFORE_1_27).filter(([k]) => !kinds[k]).sort(([a], [b]) => a.localeCompare(b))),
  };
  const written = new Set<string>([INDEX_FILE]);
  fs.writeFileSync(path.join(OUT, INDEX_FILE), JSON.stringify(index) + '\n');
  let bytes = fs.statSync(path.join(OUT, INDEX_FILE)).size;
  for (const [file, definitions] of [...shards].sort(([a], [b]) => a.localeCompare(b))) {
    const pkg = file.replace(/^k8s-defs-/, '').replace(/\.json$/, '');
    fs.writeFileSync(path.join(OUT, file), JSON.stringify({ header: { package: `io.k8s.${pkg}`, generator: 'scripts/gen-k8s-schemas.ts' }, definitions }) + '\n');
    bytes += fs.statSync(path.join(OUT, file)).size;
    written.add(file);
  }
  console.log(`schemas/${INDEX_FILE} and ${shards.size} package files: ${Object.keys(kinds).length} kinds, ${variants.size} definitions in ${index.header.definitionVariants} variants, ${bytes} bytes`);
  return written;
}

/** The index's kinds: root definition, served minors, deprecations, upstream replacement. */
function kindEntries(read: VersionSchemas[], ranges: (present: string[]) => string): Record<string, KindEntry> {
  const keys = [...new Set(read.flatMap(v => [...v.kinds.keys()]))].sort();
  const out: Record<string, KindEntry> = {};
  for (const key of keys) {
    const serving = read.filter(v => v.kinds.has(key));
    const definition = serving[0].kinds.get(key)!;
    const other = serving.find(v => v.kinds.get(key) !== definition);
    if (other) throw new Error(`${key} is ${definition} in ${serving[0].minor} but ${other.kinds.get(key)} in ${other.minor}`);
    // deprecation.IsDeprecated: deprecated in a minor at or after the tagged release; tags read from that minor.
    const deprecations: (DeprecationEntry & { minors: string[] })[] = [];
    for (const v of serving) {
      const tags = v.lifecycle.get(key);
      if (!tags?.deprecated || minorNumber(tags.deprecated) > minorNumber(v.minor)) continue;
      const entry = { since: tags.deprecated, removed: tags.removed, replacement: tags.replacement };
      const last = deprecations[deprecations.length - 1];
      if (last && JSON.stringify([last.since, last.removed, last.replacement]) === JSON.stringify([entry.since, entry.removed, entry.replacement])) {
        last.minors.push(v.minor);
      } else {
        deprecations.push({ ...entry, versions: '', minors: [v.minor] });
      }
    }
    const replacement = [...read].reverse().map(v => v.lifecycle.get(key)?.replacement).find(r => r !== undefined);
    out[key] = {
      definition,
      served: ranges(serving.map(v => v.minor)),
      ...(deprecations.length ? { deprecated: deprecations.map(({ minors, ...d }) => ({ ...withoutUndefined(d), versions: ranges(minors) })) } : {}),
      ...(replacement ? { replacement } : {}),
    };
  }
  return out;
}

/** Minors (in `all`'s order) as ranges of consecutive entries: `1.27-1.31,1.33`. */
function toRanges(all: string[], present: Set<string>): string {
  const out: string[] = [];
  let start: number | undefined;
  for (let i = 0; i <= all.length; i++) {
    const inside = i < all.length && present.has(all[i]);
    if (inside && start === undefined) start = i;
    if (!inside && start !== undefined) {
      out.push(start === i - 1 ? all[start] : `${all[start]}-${all[i - 1]}`);
      start = undefined;
    }
  }
  return out.join(',');
}

function minorNumber(minor: string): number {
  return Number(minor.split('.')[1]);
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

main();
