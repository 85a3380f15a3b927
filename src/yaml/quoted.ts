/**
 * Quoted flow scalars on one line, as the `yaml` package (2.9, `dist/stringify/stringifyString.js`) writes them
 * for cdk8s: `lineWidth: 0` turns folding off, so a string without a line break stays on one line. Strings with
 * a line break are not handled here (the `yaml` package folds or escapes them depending on their length and
 * position); the emitter hands those documents to `yaml`.
 */

/** Short escapes for C0 control characters in a double-quoted scalar (YAML 1.2 §5.7); the rest use `\xHH`. */
const CONTROL_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x00, '\\0'],
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
  [0x0c, '\\f'],
  [0x0d, '\\r'],
  [0x1b, '\\e'],
]);

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** The escape for one UTF-16 unit that cannot appear raw in a double-quoted scalar, or undefined if it can. */
function escapeUnit(text: string, i: number): string | undefined {
  const code = text.charCodeAt(i);
  if (code === 0x22) return '\\"';
  if (code === 0x5c) return '\\\\';
  if (code < 0x20) return CONTROL_ESCAPES.get(code) ?? `\\x${hex(code, 2)}`;
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    // A high surrogate is raw only as the first half of a pair; the pair is passed over with its second half.
    return next >= 0xdc00 && next <= 0xdfff ? undefined : `\\u${hex(code, 4)}`;
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff ? undefined : `\\u${hex(code, 4)}`;
  }
  return undefined;
}

/**
 * `text` as a double-quoted scalar on one line: `"` and `\` escaped, C0 controls as short or `\xHH` escapes,
 * unpaired surrogates as `\uXXXX` (lower-case hex), everything else (DEL, C1 controls, NEL, line separators,
 * non-BMP characters) raw. The caller guarantees there is no line feed.
 * @internal
 */
export function doubleQuoted(text: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const escaped = escapeUnit(text, i);
    if (escaped === undefined) continue;
    out += text.slice(start, i) + escaped;
    start = i + 1;
  }
  return out + text.slice(start) + '"';
}

/**
 * `text` as a single-quoted scalar on one line: quotes doubled, nothing else escaped. The caller guarantees
 * there is no line feed and no character that needs an escape.
 * @internal
 */
export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The quoting the `yaml` package picks when a string may not be plain: single quotes when the text contains a
 * double quote but no single quote (so nothing needs escaping), double quotes otherwise.
 * @internal
 */
export function quoted(text: string): string {
  return text.includes('"') && !text.includes("'") ? singleQuoted(text) : doubleQuoted(text);
}
