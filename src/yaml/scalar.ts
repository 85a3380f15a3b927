/**
 * Scalars as cdk8s's `Yaml.stringify` writes them (the `yaml` package 2.9 with `version: '1.1'`, `lineWidth: 0`):
 * how a string is styled (plain, single- or double-quoted, literal block), and how numbers, booleans and null
 * are spelled. Each function answers undefined for a value outside the emitter's subset, and the emitter then
 * hands the whole document to `yaml`.
 */
import { literalBlock } from './block-literal';
import { readsAsNonString } from './implicit-types';
import { doubleQuoted, quoted } from './quoted';
import { remembered } from '../k8s/remembered';

/** Where a string is written: a mapping key, a key of the document's top mapping, or a value. */
export type StringRole = 'key' | 'top-key' | 'value';

/**
 * Characters `yaml` always double-quotes: C0 controls but tab and line feed, DEL, C1 controls (NEL included)
 * and unpaired surrogates.
 */
const NEEDS_ESCAPE = /[\x00-\x08\x0b-\x1f\x7f-\x9f]|\p{Cs}/u;

/** First characters that are YAML indicators (YAML 1.2 §5.3) or whitespace, so a plain scalar cannot start with them. `-`, `?` and `:` are handled apart. */
const NO_PLAIN_START = new Set([' ', '\t', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/** Inside a plain scalar: `: ` would start a mapping value and ` #` a comment. */
const NO_PLAIN_INSIDE = /:[ \t]|[ \t]#/;

/**
 * A document marker (`---`, `...`) or directive (`%`) at the start of a line: a key of the top mapping starting
 * with one is quoted. As in `yaml`, "line" is JavaScript's multiline `^`, which also starts after U+2028 and
 * U+2029, so `a\u2028%b` counts too.
 */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;

/** Longest implicit key `yaml` writes; a longer one becomes an explicit `? key` (left to `yaml`). */
const MAX_IMPLICIT_KEY = 1024;

/**
 * Whether a one-line string cannot be written plain because of its characters (not its meaning): it starts with an
 * indicator or whitespace, is a bare `-` or `?` or starts with one followed by a blank, ends with a blank or `:`,
 * or contains `: ` or ` #`. The empty string is not refused here (it reads as null, see readsAsNonString).
 */
function plainForbidden(text: string): boolean {
  if (text.length === 0) return false;
  const first = text[0];
  if (NO_PLAIN_START.has(first)) return true;
  if (first === '-' || first === '?') {
    const second = text[1];
    if (second === undefined || second === ' ' || second === '\t') return true;
  }
  const last = text[text.length - 1];
  if (last === ' ' || last === '\t' || last === ':') return true;
  return NO_PLAIN_INSIDE.test(text);
}

/** A string without line feeds, plain when it reads back as itself, else quoted. Undefined for the merge key `<<`. */
function oneLine(text: string, role: StringRole): string | undefined {
  if (text === '<<') return undefined;
  if (NEEDS_ESCAPE.test(text)) return doubleQuoted(text);
  if (plainForbidden(text) || readsAsNonString(text)) return quoted(text);
  if (role === 'top-key' && DOCUMENT_MARKER.test(text)) return quoted(text);
  return text;
}

/**
 * `text` as a mapping key (`role` 'key' or 'top-key') or as a value whose continuation lines are indented by
 * `indent`, or undefined when the emitter leaves it to `yaml` (keys with line breaks or over 1,024 characters,
 * the merge key, multi-line strings outside the literal-block subset or needing escapes).
 * @internal
 */
export function renderString(text: string, role: StringRole, indent: string): string | undefined {
  if (role === 'value') {
    if (!text.includes('\n')) return oneLine(text, role);
    return NEEDS_ESCAPE.test(text) ? undefined : literalBlock(text, indent);
  }
  return role === 'key' ? renderKey(text) : renderTopKey(text);
}

/** A mapping key as written, or undefined when it is left to `yaml` (line breaks, over 1,024 characters, `<<`). */
function keyText(text: string, role: StringRole): string | undefined {
  if (text.length > MAX_IMPLICIT_KEY || text.includes('\n')) return undefined;
  const key = oneLine(text, role);
  return key !== undefined && key.length <= MAX_IMPLICIT_KEY ? key : undefined;
}

// The same keys (`metadata`, `name`, `containers`, ...) are written for every object of an app: each is styled once.
const renderKey = remembered(text => keyText(text, 'key'));
const renderTopKey = remembered(text => keyText(text, 'top-key'));

/**
 * A number as `yaml` writes it: JavaScript's shortest round-trip form (`1e+21`, `1e-7`), `-0` kept, and the 1.1
 * spellings `.nan`, `.inf`, `-.inf` for the non-finite values.
 * @internal
 */
export function renderNumber(value: number): string {
  if (Number.isNaN(value)) return '.nan';
  if (value === Infinity) return '.inf';
  if (value === -Infinity) return '-.inf';
  return Object.is(value, -0) ? '-0' : String(value);
}
