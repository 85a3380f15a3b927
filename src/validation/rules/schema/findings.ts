import type { ErrorObject } from 'ajv';
import { JsonSchema } from './convert';
import { Manifest } from '../../../k8s/shape';
import { RuleHit } from '../../rule';

/**
 * ajv's errors as findings that read like the API server's: the field by its path in the object, what is wrong
 * with its value, and what is allowed there.
 */

/**
 * `/spec/template/spec/containers/0/name` in `obj` -> `spec.template.spec.containers[0].name`, and its last field
 * (`name`; `containers[0]` for a list item) for messages.
 */
function readablePath(obj: Manifest, pointer: string, child?: string): { path: string; field: string; value: unknown } {
  const tokens = pointer === '' ? [] : pointer.slice(1).split('/').map(t => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (child !== undefined) tokens.push(child);
  const fields: string[] = [];
  let node: any = obj;
  for (const t of tokens) {
    if (Array.isArray(node) && fields.length) fields[fields.length - 1] += `[${t}]`;
    else fields.push(/^[A-Za-z_$][\w$-]*$/.test(t) ? t : `[${JSON.stringify(t)}]`);
    node = node?.[t];
  }
  return { path: fields.join('.').replace(/\.\[/g, '['), field: fields[fields.length - 1] ?? 'the object', value: node };
}

export function show(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

const ARTICLE: Record<string, string> = { integer: 'an integer', object: 'an object', array: 'a list', string: 'a string', number: 'a number', boolean: 'a boolean' };

function expectedTypes(type: unknown): string[] {
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === 'string' && t !== 'null');
}

/** Closest known field name, for typos. */
function closest(name: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = c.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name, c);
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

const QUANTITY_PATTERN_START = '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)';
const BASE64_PATTERN_START = '^(?:[A-Za-z0-9+/]{4})*';

/** One finding per ajv error; a type error hides the other errors of the same field. */
export function toHits(obj: Manifest, errors: ErrorObject[], schemaName: string): RuleHit[] {
  const typeErrors = new Set(errors.filter(e => e.keyword === 'type').map(e => e.instancePath));
  const hits: RuleHit[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    if (e.keyword !== 'type' && typeErrors.has(e.instancePath)) continue;
    // anyOf/oneOf report their branches' errors first; the summary adds nothing the branches do not say.
    if ((e.keyword === 'anyOf' || e.keyword === 'oneOf') && errors.some(o => o !== e && o.instancePath === e.instancePath)) continue;
    const hit = describe(obj, e, schemaName);
    const key = `${hit.path}\u0000${hit.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push(hit);
  }
  return hits;
}

function describe(obj: Manifest, e: ErrorObject, schemaName: string): RuleHit {
  const p = e.params as Record<string, any>;
  // Findings carry the full path; messages name the field by its own name.
  const { path: at, field, value } = readablePath(obj, e.instancePath);
  const hit = (message: string, hint: string, hitPath = at): RuleHit => ({ object: obj, path: hitPath, message, hint });
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as JsonSchema | undefined)?.properties ?? {}).sort();
      const guess = closest(p.additionalProperty, known);
      return hit(
        `unknown field '${p.additionalProperty}'${at ? ` in ${field}` : ''}: the ${schemaName} schema has no such field`,
        `${guess ? `did you mean '${guess}'? ` : ''}remove it or fix its name; the fields allowed here are ${known.join(', ')}`,
        readablePath(obj, e.instancePath, p.additionalProperty).path,
      );
    }
    case 'required': {
      const missing = readablePath(obj, e.instancePath, p.missingProperty).path;
      return hit(`${field} lacks the required field '${p.missingProperty}'`, `set ${missing}`, missing);
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).filter(v => v !== null && v !== '');
      return hit(`${field} is ${show(value)}, which is not an allowed value`, `use one of: ${allowed.join(', ')}`);
    }
    case 'type': {
      const types = expectedTypes(p.type);
      const schema = e.parentSchema as JsonSchema | undefined;
      const wanted = types.map(t => ARTICLE[t] ?? t).join(' or ');
      let hint = `use ${wanted}`;
      if (types.includes('integer') && types.includes('string')) hint = 'use an integer or a string (such as 1, \'25%\' or a port name)';
      else if (typeof schema?.pattern === 'string' && schema.pattern.startsWith(QUANTITY_PATTERN_START)) hint = 'use a quantity such as 100m, 0.5, 128Mi or 1Gi';
      else if (types.length === 1 && types[0] === 'string' && ['integer', 'number', 'boolean'].includes(typeOf(value))) hint = `quote the value: '${String(value)}'`;
      return hit(`${field} must be ${wanted}, not ${ARTICLE[typeOf(value)] ?? typeOf(value)} (${show(value)})`, hint);
    }
    case 'pattern': {
      const pattern = String(p.pattern);
      if (pattern.startsWith(QUANTITY_PATTERN_START)) {
        return hit(`${field} is ${show(value)}, which is not a Kubernetes quantity`, 'use a number or a quantity such as 100m, 0.5, 128Mi or 1Gi (no spaces, no units like "cpu")');
      }
      if (pattern.startsWith(BASE64_PATTERN_START)) {
        return hit(`${field} is not base64-encoded`, 'Secret `data` values are base64; put plain text in `stringData` instead, or encode it');
      }
      return hit(`${field} is ${show(value)}, which does not match the pattern ${pattern}`, `use a value matching ${pattern}`);
    }
    default:
      // Bounds (minimum, maxLength, minItems...) and the rest: ajv's message says it.
      return hit(`${field} ${e.message ?? 'is invalid'}`, p.limit !== undefined
        ? `the ${schemaName} schema sets ${e.keyword} ${p.limit}`
        : `the ${schemaName} schema requires ${e.keyword} ${JSON.stringify(p)}`);
  }
}

