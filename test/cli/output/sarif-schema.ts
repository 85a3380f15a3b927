import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';

/**
 * The official SARIF 2.1.0 schema (test/fixtures/sarif, see its README), compiled offline with ajv: shared by the
 * SARIF tests and scripts/check-ci-formats.sh.
 */

/** The committed schema. */
export const SARIF_SCHEMA_FILE = path.join(__dirname, '..', '..', 'fixtures', 'sarif', 'sarif-schema-2.1.0.json');

/** RFC 3986 characters outside a URI (and `%` not starting a percent-encoding). */
const URI_CHARACTERS = /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/;

/** The formats the schema names (ajv knows none of them without ajv-formats). */
const FORMATS: { [name: string]: (value: string) => boolean } = {
  'uri': v => URI_CHARACTERS.test(v) && /^[A-Za-z][A-Za-z0-9+.-]*:/.test(v),
  'uri-reference': v => URI_CHARACTERS.test(v),
  'date-time': v => /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v)),
};

/**
 * A validator of SARIF logs: the schema's errors for `log` as `instancePath message` lines (none when valid).
 * The schema is draft-04; ajv (draft-07) reads every other keyword it uses the same way (no boolean
 * `exclusiveMinimum`, no `$ref` with sibling constraints), so the root's draft-04 `id` becomes `$id` and the
 * meta-schema check is off (ajv ships no draft-04 meta-schema).
 */
export function sarifValidator(): (log: unknown) => string[] {
  const { $schema, id, ...schema } = JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf-8'));
  if ($schema !== 'http://json-schema.org/draft-04/schema#') throw new Error(`${SARIF_SCHEMA_FILE}: expected a draft-04 schema, got ${$schema}`);
  const ajv = new Ajv({ allErrors: true, validateSchema: false, strict: false, formats: FORMATS });
  const validate = ajv.compile({ $id: id, ...schema });
  return log => (validate(log) ? [] : (validate.errors ?? []).map(e => `${e.instancePath || '/'} ${e.message}`));
}
