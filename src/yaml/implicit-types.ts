/**
 * Which plain scalars a YAML 1.1 reader takes for something other than a string.
 *
 * cdk8s writes YAML 1.1 (`Yaml.stringify` passes `version: '1.1'` to the `yaml` package), so a string that
 * spells a 1.1 null, boolean, number or timestamp must be quoted to read back as a string. The table below is
 * the set of implicit types the `yaml` package (2.9, `dist/schema/yaml-1.1/`) resolves plain scalars to, which is
 * a little wider than the 1.1 type repository (https://yaml.org/type/): it also reads `.` and `1_000` as floats
 * and ints and `1:30` as a base-60 int. Byte identity with cdk8s means agreeing with that reader, not the spec.
 */

/** The words the 1.1 `!!null` and `!!bool` types (https://yaml.org/type/null.html, bool.html) resolve, as the `yaml` package spells them. */
const KEYWORDS: ReadonlySet<string> = new Set([
  '', '~', 'null', 'Null', 'NULL',
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
]);

const DIGITS = '[0-9][0-9_]*';
const BASE60 = '(?::[0-5]?[0-9])+';

/** Number-like spellings, each a whole-string pattern: the 1.1 `!!int` and `!!float` forms. */
const NUMERIC_FORMS: readonly RegExp[] = [
  /^[-+]?0b[01_]+$/, // binary int
  new RegExp(`^[-+]?${DIGITS}$`), // decimal int (also covers the leading-0 octal form)
  /^[-+]?0x[0-9a-fA-F_]+$/, // hexadecimal int
  new RegExp(`^[-+]?${DIGITS}${BASE60}$`), // base-60 int, `1:30`
  new RegExp(`^[-+]?${DIGITS}${BASE60}\\.[0-9_]*$`), // base-60 float, `1:30.5`
  new RegExp(`^[-+]?(?:${DIGITS})?\\.[0-9_]*$`), // fixed float, including `.` and `1.`
  new RegExp(`^[-+]?(?:${DIGITS})?(?:\\.[0-9_]*)?[eE][-+]?[0-9]+$`), // exponent float, `1e3`
  /^[-+]?\.(?:inf|Inf|INF)$/, // infinities
  /^\.(?:nan|NaN|NAN)$/, // not a number
];

/** The 1.1 `!!timestamp` form (https://yaml.org/type/timestamp.html): a date, optionally a time and a zone. */
const TIMESTAMP = new RegExp(
  '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}'
  + '(?:(?:[tT]|[ \\t]+)[0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}(?:\\.[0-9]+)?'
  + '(?:[ \\t]*(?:Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$',
);

/**
 * Whether `text`, written as a plain scalar, would be read by a YAML 1.1 reader as a null, a boolean, a number or
 * a timestamp rather than as the string itself (so it must be quoted).
 *
 * The merge key `<<` is not answered here: the `yaml` package writes it unquoted, a case the emitter leaves to it.
 * @internal
 */
export function readsAsNonString(text: string): boolean {
  if (KEYWORDS.has(text)) return true;
  const first = text.charCodeAt(0);
  // Every numeric and timestamp form starts with a digit, a sign, a dot or (an exponent float with no mantissa,
  // `e3`) the letter e.
  const numberLike = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e
    || first === 0x65 || first === 0x45;
  if (!numberLike) return false;
  for (const form of NUMERIC_FORMS) {
    if (form.test(text)) return true;
  }
  return TIMESTAMP.test(text);
}
