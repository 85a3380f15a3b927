/**
 * The only ways text from a manifest reaches the code `import` prints: as a string literal (`quote`)
 * or inside a comment (`commentText`). Both escape every character that could end a string or a
 * `//` comment early (all JavaScript line terminators: LF, CR, U+2028, U+2029), every non-printable
 * or invisible character (controls, bidirectional overrides, lone surrogates), and the characters
 * that matter if the text is ever spliced into a template literal (backtick, `${`). Names printed
 * as code (identifiers, member paths) never come from input unchecked: `checkCodeName` refuses
 * anything that is not a plain dotted identifier path.
 */

/** Code points printed as `\uXXXX` although they are valid in a string literal: invisible or misleading. */
function invisible(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp === 0xad || cp === 0x61c || cp === 0x180e
    || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f)
    || cp === 0xfeff || (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0xfff9 && cp <= 0xfffb);
}

const SHORT: { readonly [ch: string]: string } = { '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const hex4 = (cp: number) => `\\u${cp.toString(16).padStart(4, '0')}`;

/** One character (code point) of string content, escaped for a literal delimited by `delimiter`. */
function escapeChar(ch: string, next: string | undefined, delimiter: string): string {
  if (ch === '\\') return '\\\\';
  if (ch === delimiter) return `\\${ch}`;
  if (Object.prototype.hasOwnProperty.call(SHORT, ch)) return SHORT[ch];
  if (ch === '`') return hex4(0x60);
  if (ch === '$' && next === '{') return hex4(0x24);
  const cp = ch.codePointAt(0)!;
  return invisible(cp) ? hex4(cp) : ch;
}

/**
 * A string literal for any string, in the project's style: single quotes unless the text holds a
 * single quote (then double quotes). The literal evaluates to exactly `s`.
 */
export function quote(s: string): string {
  if (typeof s !== 'string') throw new Error(`import: internal error: quote() got ${typeof s}`);
  const delimiter = s.includes("'") ? '"' : "'";
  let out = delimiter;
  // for..of walks code points; a lone surrogate comes out alone and is escaped.
  const chars = [...s];
  chars.forEach((ch, i) => { out += escapeChar(ch, chars[i + 1], delimiter); });
  return out + delimiter;
}

/**
 * Text for one `//` comment line: printable ASCII stays, everything else (line terminators
 * included) is written as an escape, so nothing in a note can end the comment.
 */
export function commentText(s: string): string {
  let out = '';
  for (const ch of String(s)) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else out += cp > 0xffff ? `\\u{${cp.toString(16)}}` : hex4(cp);
  }
  return out;
}

/** A dotted path of plain identifiers: `kplus.Protocol.TCP`, `chart`, `fluentBitDaemonSet.configMap`. */
const CODE_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*(\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;

/** Words that cannot name a generated constant. */
export const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'implements',
  'interface', 'package', 'private', 'protected', 'public', 'await', 'async', 'of', 'arguments', 'eval', 'undefined', 'NaN',
  'Infinity', 'globalThis', 'require', 'module', 'exports', 'process', 'constructor', 'prototype', '__proto__',
]);

/**
 * Checks a name the printer writes as code (not as a string). Every such name is built by the
 * importer from its own tables and sanitized identifiers; anything else is a bug, never printed.
 */
export function checkCodeName(name: string): string {
  if (typeof name !== 'string' || !CODE_NAME.test(name) || name.split('.').some(p => p === '__proto__' || p === 'constructor' || p === 'prototype')) {
    throw new Error(`import: internal error: refusing to print ${JSON.stringify(String(name)).slice(0, 80)} as code`);
  }
  return name;
}

/** `table[key]` when `key` is one of the table's own keys (never a prototype member such as `constructor`). */
export function own<T>(table: { readonly [key: string]: T }, key: unknown): T | undefined {
  return typeof key === 'string' && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
