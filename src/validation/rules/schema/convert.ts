/**
 * OpenAPI schemas (the Swagger 2.0 definitions of Kubernetes' `swagger.json`, a CRD's `openAPIV3Schema`) to strict
 * JSON Schema draft-07 for ajv. One implementation for `scripts/gen-k8s-schemas.ts` (the shipped schemas) and for
 * the CustomResourceDefinitions users give at run time (`--crd`, `customResourceDefinitions`, CRDs in the input).
 *
 * Strict means what the API server's strict field validation means (`fieldValidation=Strict`, kubectl's default):
 * an object that lists its properties rejects any other field, unless the schema says
 * `x-kubernetes-preserve-unknown-fields` (mirrors the pruning rules of k8s.io/apiextensions-apiserver
 * pkg/apiserver/schema/pruning/algorithm.go, which strict validation reports instead of dropping).
 */

/** A JSON Schema node. */
export type JsonSchema = { [key: string]: any };

/** The API server's quantity syntax (k8s.io/apimachinery resource.Quantity), as controller-gen writes it into CRDs. */
export const QUANTITY_PATTERN = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';
/** encoding/base64 StdEncoding, as Go's JSON decoder reads []byte (Secret.data). */
export const BASE64_PATTERN = '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$';
const INT32 = { minimum: -2147483648, maximum: 2147483647 };

/** Keywords kept from the source schemas; everything else (descriptions, defaults, formats, x-kubernetes-*) is dropped. */
const KEEP = new Set([
  'type', 'properties', 'items', 'additionalProperties', 'required', 'enum', 'pattern',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'anyOf', 'allOf', 'oneOf', 'not', '$ref',
]);

/** How to convert. */
export interface ConvertOptions {
  /** Replaces a `$ref` (Swagger; a CRD has none, and one found there is dropped and reported). */
  readonly ref?: (ref: string) => JsonSchema;
  /**
   * Built-in types only: an optional field may be null or, if an enum, empty, as the API server reads both as
   * "not set" (`creationTimestamp: null`, `imagePullPolicy: ""` defaulted). Custom resources honour `nullable`.
   */
  readonly lenientOptional?: boolean;
  /** Told about what could not be converted (a pattern JavaScript cannot compile, a `$ref` in a CRD). */
  readonly problem?: (message: string) => void;
}

/** One schema node and everything below it, converted; the source is not modified. */
export function convertSchema(src: JsonSchema, opts: ConvertOptions, at = ''): JsonSchema {
  if (!isSchemaObject(src)) return {};
  if (typeof src.$ref === 'string') {
    // Swagger puts descriptions beside $ref; nothing else is meaningful there.
    if (opts.ref) return opts.ref(src.$ref);
    opts.problem?.(`${at || 'the schema'} uses $ref, which a CRD schema cannot; it is not checked`);
    return {};
  }
  const out: JsonSchema = {};
  const open = src['x-kubernetes-preserve-unknown-fields'] === true;
  const intOrString = src['x-kubernetes-int-or-string'] === true || src.format === 'int-or-string';
  for (const [k, v] of Object.entries(src)) {
    if (!KEEP.has(k) || k === '$ref') continue;
    const converted = convertKeyword(k, v, opts, at, intOrString);
    if (converted !== undefined) out[k] = converted;
  }
  // OpenAPI v3.0 exclusive bounds are booleans beside minimum/maximum; draft-07 wants the bound itself.
  for (const [ex, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']]) {
    if (typeof out[ex] === 'boolean') {
      if (out[ex] && out[bound] !== undefined) { out[ex] = out[bound]; delete out[bound]; } else { delete out[ex]; }
    }
  }
  if (intOrString) out.type = ['integer', 'string'];
  if (src.format === 'int32' && out.type === 'integer') Object.assign(out, { ...INT32, ...pick(out, 'minimum', 'maximum') });
  if (src.format === 'byte' && out.type === 'string' && !out.pattern) out.pattern = BASE64_PATTERN;
  if (src['x-kubernetes-embedded-resource'] === true && out.properties) addTypeMeta(out, { type: 'object' });

  const hasProperties = out.properties && Object.keys(out.properties).length > 0;
  if (hasProperties && out.additionalProperties === undefined && !open) out.additionalProperties = false;
  // Preserved unknown fields without listed properties: anything goes below this node.
  if (open && !hasProperties) delete out.additionalProperties;
  if (src.nullable === true) makeNullable(out);
  if (opts.lenientOptional && out.properties) leniencyForOptional(out);
  return out;
}

function convertKeyword(k: string, v: unknown, opts: ConvertOptions, at: string, intOrString: boolean): unknown {
  switch (k) {
    case 'properties':
      if (!isSchemaObject(v)) return undefined;
      return Object.fromEntries(Object.entries(v).map(([p, s]) => [p, convertSchema(s, opts, join(at, p))]));
    case 'items':
      // A tuple (`items: [...]`) is not structural; its items are checked as one schema would be too strict.
      return isSchemaObject(v) ? convertSchema(v, opts, `${at}[]`) : undefined;
    case 'not':
      return isSchemaObject(v) ? convertSchema(v, opts, at) : undefined;
    case 'additionalProperties':
      if (typeof v === 'boolean') return v;
      return isSchemaObject(v) ? convertSchema(v, opts, `${at}{}`) : undefined;
    case 'anyOf': case 'allOf': case 'oneOf':
      // [{type: integer}, {type: string}] of int-or-string: replaced by the type list.
      if (intOrString || !Array.isArray(v)) return undefined;
      return v.map(s => convertSchema(s, opts, at));
    case 'pattern':
      return checkedPattern(v, opts, at);
    case 'required':
      return Array.isArray(v) ? v.filter(r => typeof r === 'string') : undefined;
    default:
      return v;
  }
}

function checkedPattern(v: unknown, opts: ConvertOptions, at: string): string | undefined {
  if (typeof v !== 'string') return undefined;
  const pattern = re2ToJs(v);
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    opts.problem?.(`the pattern of ${at || 'the schema'} (${JSON.stringify(v)}) is not a regular expression JavaScript can run; it is not checked`);
    return undefined;
  }
}

/**
 * A custom resource's root schema, or an embedded resource's: `apiVersion`, `kind` and `metadata` are always
 * allowed (apiextensions-apiserver keeps them whatever the schema lists).
 */
export function addTypeMeta(schema: JsonSchema, metadata: JsonSchema): JsonSchema {
  schema.properties = { ...schema.properties };
  schema.properties.apiVersion ??= { type: 'string' };
  schema.properties.kind ??= { type: 'string' };
  schema.properties.metadata = metadata;
  return schema;
}

function leniencyForOptional(out: JsonSchema): void {
  const required = new Set<string>(out.required ?? []);
  for (const [p, s] of Object.entries<JsonSchema>(out.properties)) {
    if (required.has(p)) continue;
    makeNullable(s);
    if (s.enum && !s.enum.includes('')) s.enum = [...s.enum, ''];
  }
}

function makeNullable(s: JsonSchema): void {
  if (s.type === undefined) return; // $ref, anyOf, or already anything
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (!types.includes('null')) s.type = [...types, 'null'];
  if (s.enum && !s.enum.includes(null)) s.enum = [...s.enum, null];
}

function pick(o: JsonSchema, ...keys: string[]): JsonSchema {
  return Object.fromEntries(keys.filter(k => o[k] !== undefined).map(k => [k, o[k]]));
}

function isSchemaObject(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function join(at: string, p: string): string {
  return at ? `${at}.${p}` : p;
}

/** Go RE2 patterns to JavaScript: the only RE2-only construct in the Kubernetes sources is a leading `(?i)`. */
export function re2ToJs(pattern: string): string {
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
