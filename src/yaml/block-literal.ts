/**
 * Literal block scalars (`|`), the style the `yaml` package (2.9, `dist/stringify/stringifyString.js`) gives a
 * multi-line string in block context when cdk8s turns line folding off (`lineWidth: 0`).
 *
 * Only the common shapes are written here; for the others `literalBlock` answers undefined and the emitter hands
 * the document to `yaml`:
 * - text ending in a line break followed by spaces or tabs (`yaml` double-quotes it, folding the breaks);
 * - spaces or tabs just before the final line breaks, and text of whitespace only;
 * - text whose first line is empty or blank (leading breaks get their own indentation rules).
 */

/** A line break followed by spaces or tabs up to the end: `yaml` quotes such text instead of using a block. */
const BLANK_LAST_LINE = /\n[\t ]+$/;
/** Text that starts with an empty or blank line. */
const BLANK_FIRST_LINE = /^ *\n/;

/**
 * `text` (which contains a line feed) as a literal block scalar whose content lines are indented by `indent`, or
 * undefined when its shape is outside the subset above.
 *
 * The header carries an indentation indicator (`2`, relative to the parent) when the first line starts with a
 * space, and the chomping indicator from the trailing breaks: none → `-` (strip), one → clip, more → `+` (keep,
 * the extra breaks written as empty lines). Empty lines inside the text carry no indentation.
 * @internal
 */
export function literalBlock(text: string, indent: string): string | undefined {
  if (indent === '' || BLANK_LAST_LINE.test(text) || BLANK_FIRST_LINE.test(text)) return undefined;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x0a) end--;
  if (end === 0) return undefined;
  const last = text.charCodeAt(end - 1);
  if (last === 0x20 || last === 0x09) return undefined;
  const trailingBreaks = text.length - end;
  const chomp = trailingBreaks === 0 ? '-' : trailingBreaks === 1 ? '' : '+';
  const indicator = text.charCodeAt(0) === 0x20 ? '2' : '';
  const body = text.slice(0, end).replace(/\n+/g, (breaks) => breaks + indent);
  const kept = trailingBreaks > 1 ? '\n'.repeat(trailingBreaks - 1) : '';
  return `|${indicator}${chomp}\n${indent}${body}${kept}`;
}
