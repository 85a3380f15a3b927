/**
 * A small strict XML 1.0 reader for the JUnit tests: elements, attributes, character data and the XML declaration,
 * nothing else (no DTD, comments, CDATA or processing instructions, which the JUnit format never needs). It
 * throws, with the offset, on anything that is not well-formed: an unclosed or mismatched tag, a duplicate or
 * unquoted attribute, a raw `<` or `&` in text or attribute values, `]]>` in text, an unknown entity, or a
 * character XML 1.0 cannot hold.
 */

/** An element: its name, attributes (entities resolved) and children (elements and text, in order). */
export interface XmlElement {
  readonly name: string;
  readonly attributes: { [name: string]: string };
  readonly children: (XmlElement | string)[];
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;
const PREDEFINED: { [name: string]: string } = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// Tab, LF, CR, and U+0020 to U+D7FF, U+E000 to U+FFFD, or a surrogate pair (U+10000 to U+10FFFF).
const XML_CHARACTERS = /^(?:[\t\n\r\u0020-\uD7FF\uE000-\uFFFD]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

function unescape(text: string, at: number): string {
  return text.replace(/&([^;]*);|&/g, (whole, entity: string | undefined) => {
    if (entity === undefined) throw new Error(`offset ${at}: a raw '&'`);
    if (PREDEFINED[entity]) return PREDEFINED[entity];
    const m = /^#(?:x([0-9A-Fa-f]+)|([0-9]+))$/.exec(entity);
    if (!m) throw new Error(`offset ${at}: unknown entity ${whole}`);
    const char = String.fromCodePoint(parseInt(m[1] ?? m[2], m[1] ? 16 : 10));
    if (!XML_CHARACTERS.test(char)) throw new Error(`offset ${at}: ${whole} is not an XML character`);
    return char;
  });
}

/** Parses `xml` (one root element after an optional XML declaration) or throws. */
export function parseXml(xml: string): XmlElement {
  if (!XML_CHARACTERS.test(xml)) throw new Error('a character XML 1.0 cannot hold');
  let i = 0;
  const skipSpace = () => {
    while (i < xml.length && ' \t\r\n'.includes(xml[i])) i++;
  };
  const expect = (text: string) => {
    if (!xml.startsWith(text, i)) throw new Error(`offset ${i}: expected ${JSON.stringify(text)}`);
    i += text.length;
  };
  const name = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(xml);
    if (!m) throw new Error(`offset ${i}: expected a name`);
    i += m[0].length;
    return m[0];
  };
  const element = (): XmlElement => {
    expect('<');
    const tag = name();
    const attributes: { [name: string]: string } = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith('/>', i) || xml.startsWith('>', i)) break;
      if (i === before) throw new Error(`offset ${i}: expected whitespace before an attribute`);
      const attribute = name();
      if (attribute in attributes) throw new Error(`offset ${i}: duplicate attribute ${attribute}`);
      skipSpace();
      expect('=');
      skipSpace();
      const quote = xml[i];
      if (quote !== '"' && quote !== "'") throw new Error(`offset ${i}: an unquoted attribute value`);
      const end = xml.indexOf(quote, i + 1);
      if (end < 0) throw new Error(`offset ${i}: an unterminated attribute value`);
      const raw = xml.slice(i + 1, end);
      if (raw.includes('<')) throw new Error(`offset ${i}: a raw '<' in an attribute value`);
      attributes[attribute] = unescape(raw, i);
      i = end + 1;
    }
    if (xml.startsWith('/>', i)) {
      i += 2;
      return { name: tag, attributes, children: [] };
    }
    expect('>');
    const children: (XmlElement | string)[] = [];
    for (;;) {
      const next = xml.indexOf('<', i);
      if (next < 0) throw new Error(`offset ${i}: <${tag}> is never closed`);
      const raw = xml.slice(i, next);
      if (raw.includes(']]>')) throw new Error(`offset ${i}: ']]>' in character data`);
      if (raw.length > 0) children.push(unescape(raw, i));
      i = next;
      if (xml.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== tag) throw new Error(`offset ${i}: </${closing}> closes <${tag}>`);
        skipSpace();
        expect('>');
        return { name: tag, attributes, children };
      }
      if (xml.startsWith('<!', i) || xml.startsWith('<?', i)) throw new Error(`offset ${i}: markup this reader does not accept`);
      children.push(element());
    }
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('an unterminated XML declaration');
    i = end + 2;
  }
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== xml.length) throw new Error(`offset ${i}: content after the root element`);
  return root;
}

/** The child elements of `e` named `name`. */
export function childElements(e: XmlElement, name: string): XmlElement[] {
  return e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);
}

/** The text of `e` (its character data, joined). */
export function textOf(e: XmlElement): string {
  return e.children.filter((c): c is string => typeof c === 'string').join('');
}
