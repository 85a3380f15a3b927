import * as fs from 'fs';
import * as path from 'path';
import type Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { NodeAllocatable, NodeProfileProps, NodeTaint } from './node-profile';
import { packagePaths } from '../k8s/package-paths';

/**
 * The hand-written node profiles format (docs/node-profiles.md): a `NodeProfiles` document checked
 * against `schemas/node-profiles.schema.json` (JSON Schema draft-07) before its profiles are built.
 */

/** The `kind` of a node profiles document. @internal */
export const NODE_PROFILES_KIND = 'NodeProfiles';

/** The shipped schema, beside `src/` and `lib/`, so the same path works under ts-jest, after the build and in the bundle. @internal */
export const NODE_PROFILES_SCHEMA = path.join(packagePaths(__dirname).packageDir, 'schemas', 'node-profiles.schema.json');

/** At most this many schema errors are listed; the rest are counted. */
const MAX_LISTED = 8;

/** One profile of a document, with where its fields are for error messages. @internal */
export interface NodeProfileEntry {
  readonly props: NodeProfileProps;
  readonly context: {
    readonly prefix: string;
    readonly allocatablePath: string;
    readonly labelsPath: string;
    readonly taintsPath: string;
    readonly countPath: string;
  };
}

let validator: ValidateFunction | undefined;

/** The compiled schema, on first use: most programs never read a profiles file. */
function schemaValidator(): ValidateFunction {
  if (!validator) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const AjvClass: typeof Ajv = require('ajv').default;
    const ajv = new AjvClass({ allErrors: true, verbose: true, strict: false });
    validator = ajv.compile(JSON.parse(fs.readFileSync(NODE_PROFILES_SCHEMA, 'utf-8')));
  }
  return validator;
}

/**
 * The profiles of a `NodeProfiles` document, after checking it against the schema. Throws an error
 * naming `where` (the file and document), each wrong field's path and value, and what is allowed.
 * @internal
 */
export function readNodeProfilesDocument(doc: any, where: string): NodeProfileEntry[] {
  const validate = schemaValidator();
  if (!validate(doc)) {
    const problems = describeErrors(validate.errors ?? []);
    const listed = problems.slice(0, MAX_LISTED);
    const more = problems.length > listed.length ? `\n  ... and ${problems.length - listed.length} more` : '';
    throw new Error(`${where}: not a valid ${NODE_PROFILES_KIND} document (docs/node-profiles.md, schemas/node-profiles.schema.json):\n`
      + `${listed.map(p => `  ${p}`).join('\n')}${more}`);
  }
  return ((doc as { profiles: any[] }).profiles).map((p, i) => {
    const at = `profiles[${i}]`;
    const { cpu, memory, pods, ...other } = p.allocatable as { [resource: string]: string | number };
    const allocatable: NodeAllocatable = {
      cpu: String(cpu),
      memory: String(memory),
      pods: pods === undefined ? undefined : Number(pods),
      other: Object.fromEntries(Object.entries(other).map(([k, v]) => [k, String(v)])),
    };
    const props: NodeProfileProps = {
      name: p.name,
      count: p.count,
      labels: p.labels,
      taints: p.taints as NodeTaint[] | undefined,
      allocatable,
      os: p.os,
      arch: p.arch,
    };
    return {
      props,
      context: {
        prefix: `${where}: profile '${p.name}'`,
        allocatablePath: `${at}.allocatable`,
        labelsPath: `${at}.labels`,
        taintsPath: `${at}.taints`,
        countPath: `${at}.count`,
      },
    };
  });
}

/**
 * One line per wrong field: `profiles[0].allocatable.cpu: 'many' is not allowed: a non-negative Kubernetes quantity …`.
 * Errors of the branches of an `anyOf` are folded into the `anyOf`'s own, which names what is allowed.
 */
function describeErrors(errors: ErrorObject[]): string[] {
  const anyOfPaths = new Set(errors.filter(e => e.keyword === 'anyOf').map(e => e.instancePath));
  const lines: string[] = [];
  for (const e of errors) {
    if (e.keyword !== 'anyOf' && anyOfPaths.has(e.instancePath) && /\/anyOf\/[0-9]+\//.test(e.schemaPath)) continue;
    // A propertyNames failure is reported once, by the propertyNames error, not again by its pattern.
    if (e.keyword !== 'propertyNames' && (e as { propertyName?: string }).propertyName !== undefined) continue;
    const line = describeError(e);
    if (!lines.includes(line)) lines.push(line);
  }
  return lines;
}

function describeError(e: ErrorObject): string {
  const at = formatPath(e.instancePath);
  const parent = (e.parentSchema ?? {}) as { [key: string]: any };
  const described = (schema: any) => (schema && typeof schema.description === 'string' ? schema.description : undefined);
  const allowed = described(parent);
  const value = formatValue(e.data);
  const params = e.params as { [key: string]: any };
  switch (e.keyword) {
    case 'required': {
      const field = join(at, params.missingProperty);
      const what = described(parent.properties?.[params.missingProperty]) ?? described(resolveRef(parent.properties?.[params.missingProperty]));
      return `${field} is missing${what ? `: give ${what}` : ''}`;
    }
    case 'additionalProperties': {
      const fields = Object.keys(parent.properties ?? {});
      return `${join(at, params.additionalProperty)} is not a field ${at === '(the document)' ? 'of the document' : `of ${at}`}; allowed: ${fields.join(', ')}`;
    }
    case 'propertyNames':
      return `${join(at, params.propertyName)}: the key '${params.propertyName}' is not allowed: ${described(parent.propertyNames) ?? described(resolveRef(parent.propertyNames)) ?? 'see the schema'}`;
    case 'const':
      return `${at}: ${value} is not allowed; use ${formatValue(params.allowedValue)}`;
    case 'enum':
      return `${at}: ${value} is not allowed; use one of ${(params.allowedValues as unknown[]).map(formatValue).join(', ')}`;
    case 'minItems':
      return `${at} is empty: give ${allowed ?? `at least ${params.limit} item(s)`}`;
    case 'type':
      return `${at}: ${value} is ${kindOf(e.data)}; expected ${params.type}${allowed ? ` (${allowed})` : ''}`;
    case 'minimum':
      return `${at}: ${value} is not allowed: at least ${params.limit}${allowed ? ` (${allowed})` : ''}`;
    default:
      return `${at}: ${value} is not allowed: ${allowed ?? e.message ?? 'see the schema'}`;
  }
}

/** A `$ref` within the schema document itself (`#/definitions/x`), or the schema as is. */
function resolveRef(schema: any): any {
  if (!schema || typeof schema.$ref !== 'string' || !schema.$ref.startsWith('#/')) return schema;
  const root = JSON.parse(fs.readFileSync(NODE_PROFILES_SCHEMA, 'utf-8'));
  return schema.$ref.slice(2).split('/').reduce((node: any, key: string) => (node === undefined ? undefined : node[key]), root);
}

/** `/profiles/0/allocatable/nvidia.com~1gpu` as `profiles[0].allocatable['nvidia.com/gpu']`. */
function formatPath(pointer: string): string {
  if (pointer === '') return '(the document)';
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out = /^[0-9]+$/.test(key) ? `${out}[${key}]` : join(out, key);
  }
  return out;
}

function join(at: string, key: string): string {
  const base = at === '(the document)' ? '' : at;
  if (!/^[A-Za-z_$][A-Za-z0-9_$-]*$/.test(key)) return `${base}['${key}']`;
  return base === '' ? key : `${base}.${key}`;
}

function formatValue(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 60 ? `${v.slice(0, 57)}...` : v}'`;
  if (v === undefined) return '(nothing)';
  const json = JSON.stringify(v);
  return json.length > 60 ? `${json.slice(0, 57)}...` : json;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `a ${typeof v}`;
}
