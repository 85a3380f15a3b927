import type * as Yaml from 'yaml';

/**
 * Where in its file an object read by `readManifests` lies, and the line and column of a JSON path inside it
 * (`spec.template.spec.containers[0].image`), for findings that editors and CI can point at.
 *
 * Nothing is parsed for positions while reading: a file's text is kept, and parsed once more (with the `yaml`
 * package, which reads JSON too) only when a position in it is first asked for. Objects that do not come from
 * files (a cdk8s app's, `validateManifests` on objects in memory) have no source and cost nothing.
 */

/** A 1-based line and column (UTF-16 code units, as editors and SARIF count by default). */
export interface SourcePosition {
  /** 1-based line. */
  readonly line: number;
  /** 1-based column. */
  readonly column: number;
}

/** Where a JSON path of an object lies in its file. */
export interface SourceLocation extends SourcePosition {
  /** The file as given on the command line (`<stdin>` for standard input). */
  readonly file: string;
  /**
   * Whether the position is the node at the path itself; false when the path has no node in the file (a
   * missing field: the position is its nearest existing ancestor, or the object's start).
   */
  readonly exact: boolean;
}

/** The name under which standard input is reported, in messages and locations. */
export const STDIN_SOURCE = '<stdin>';

/** One input text (a file or standard input), parsed for positions on first use. */
export class SourceText {
  private parsed?: { documents: Yaml.Document[]; lines: Yaml.LineCounter };

  /**
   * @param file the file as given on the command line, or `<stdin>`
   * @param text its text, as read
   */
  constructor(public readonly file: string, private readonly text: string) {}

  /** The `index`th YAML document of the text (a JSON text is one document), if there is one. */
  public document(index: number): Yaml.Document | undefined {
    return this.parse().documents[index];
  }

  /** The line and column of a character offset. */
  public position(offset: number): SourcePosition {
    const { line, col } = this.parse().lines.linePos(offset);
    return { line, column: col };
  }

  private parse(): { documents: Yaml.Document[]; lines: Yaml.LineCounter } {
    if (this.parsed) return this.parsed;
    const { LineCounter, parseAllDocuments } = yamlApi();
    const lines = new LineCounter();
    let documents: Yaml.Document[] = [];
    try {
      const all = parseAllDocuments(this.text, { lineCounter: lines });
      documents = Array.isArray(all) ? all : [];
    } catch {
      // The text was read once already; a parser that fails now only loses positions (line 1, column 1).
    }
    this.parsed = { documents, lines };
    return this.parsed;
  }
}

/** The source of one object: its text, its YAML document, and where in that document it is (a List item). */
export class ObjectSource {
  /**
   * @param source the text the object was read from
   * @param documentIndex the index of its YAML document in the text (0 for a JSON text)
   * @param within keys and indices from the document's root to the object (`['items', 3]` for an item of a `kind: List`)
   */
  constructor(
    public readonly source: SourceText,
    private readonly documentIndex: number,
    private readonly within: readonly (string | number)[] = [],
  ) {}

  /** The file as given on the command line, or `<stdin>`. */
  public get file(): string {
    return this.source.file;
  }

  /**
   * Where `path` (a finding's JSON path: `a.b[0].c`, `metadata.labels["app.kubernetes.io/name"]`,
   * `metadata.annotations['x']`, or keys with dots written plainly) lies: the key of the field it names, the item
   * of a list, the nearest existing ancestor when the field is missing, or the object's start; line 1, column 1
   * when the document cannot be found at all.
   */
  public locate(path: string): SourceLocation {
    const doc = this.source.document(this.documentIndex);
    const root = doc?.contents ?? undefined;
    if (!doc || !root) return { file: this.file, line: 1, column: 1, exact: false };
    const object = descend(doc, root, this.within);
    const start = object ?? root;
    const found = object ? nodeAtPath(doc, object, path) : { offset: undefined, exact: false };
    const offset = found.offset ?? start.range?.[0] ?? 0;
    return { file: this.file, ...this.source.position(offset), exact: object !== undefined && found.exact };
  }
}

type Node = Yaml.ParsedNode | Yaml.Node;

let yamlModule: typeof Yaml | undefined;

/** The `yaml` package, loaded on first use (reading JSON, or no finding to locate, never loads it). */
function yamlApi(): typeof Yaml {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  yamlModule ??= require('yaml') as typeof Yaml;
  return yamlModule;
}

/** The value an alias stands for; any other node itself. */
function resolved(doc: Yaml.Document, node: unknown): Node | undefined {
  const { isAlias, isNode } = yamlApi();
  if (isAlias(node)) return node.resolve(doc) as Node | undefined;
  return isNode(node) ? node : undefined;
}

/** The node `within` leads to from `root` (the item of a List or of a JSON array). */
function descend(doc: Yaml.Document, root: Node, within: readonly (string | number)[]): Node | undefined {
  const { isMap, isSeq } = yamlApi();
  let node: Node | undefined = root;
  for (const step of within) {
    if (typeof step === 'number' && isSeq(node)) node = resolved(doc, node.items[step]);
    else if (typeof step === 'string' && isMap(node)) node = resolved(doc, pairWithKey(node, step)?.value);
    else return undefined;
    if (!node) return undefined;
  }
  return node;
}

function keyText(pair: Yaml.Pair): string | undefined {
  const { isScalar } = yamlApi();
  const key = pair.key;
  if (isScalar(key)) return key.value === null || key.value === undefined ? undefined : String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function pairWithKey(map: Yaml.YAMLMap, key: string): Yaml.Pair | undefined {
  return map.items.find(p => keyText(p) === key);
}

/** One step of a path: an index, a quoted key, or the rest of the path when it starts with a plain key. */
type Step = { index: number; length: number } | { key: string; length: number } | { plain: true };

/** The step at the start of `rest` (after any leading dot). */
function nextStep(rest: string): Step | undefined {
  if (!rest.startsWith('[')) return { plain: true };
  const index = /^\[(\d+)\]/.exec(rest);
  if (index) return { index: Number(index[1]), length: index[0].length };
  const double = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest);
  if (double) {
    try {
      return { key: JSON.parse(`"${double[1]}"`), length: double[0].length };
    } catch {
      return undefined;
    }
  }
  const single = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest);
  if (single) return { key: single[1].replace(/\\(.)/g, '$1'), length: single[0].length };
  return undefined;
}

/**
 * The map entry whose key is the longest prefix of `rest` that ends where a path step ends: keys with dots
 * (`app.kubernetes.io/name`, suppression annotations) appear unquoted in some paths, so the path's dots alone
 * cannot split it.
 */
function plainEntry(map: Yaml.YAMLMap, rest: string): { pair: Yaml.Pair; length: number } | undefined {
  let best: { pair: Yaml.Pair; length: number } | undefined;
  for (const pair of map.items) {
    const key = keyText(pair);
    if (key === undefined || key.length === 0 || !rest.startsWith(key)) continue;
    const next = rest.charAt(key.length);
    if (next !== '' && next !== '.' && next !== '[') continue;
    if (!best || key.length > best.length) best = { pair, length: key.length };
  }
  return best;
}

/** The start offset of the node `path` names below `object` (its key, for a map entry), or of its nearest ancestor. */
function nodeAtPath(doc: Yaml.Document, object: Node, path: string): { offset?: number; exact: boolean } {
  const { isMap, isSeq } = yamlApi();
  let node: Node | undefined = object;
  let offset = object.range?.[0];
  let rest = path;
  while (rest.length > 0) {
    if (rest.startsWith('.')) rest = rest.slice(1);
    const step = nextStep(rest);
    let child: { start?: number; value: unknown; length: number } | undefined;
    if (step && 'index' in step && isSeq(node)) {
      const item = node.items[step.index];
      if (item !== undefined) child = { start: resolved(doc, item)?.range?.[0], value: item, length: step.length };
    } else if (step && 'key' in step && isMap(node)) {
      const pair = pairWithKey(node, step.key);
      if (pair) child = { start: (pair.key as Node | undefined)?.range?.[0], value: pair.value, length: step.length };
    } else if (step && 'plain' in step && isMap(node)) {
      const entry = plainEntry(node, rest);
      if (entry) child = { start: (entry.pair.key as Node | undefined)?.range?.[0], value: entry.pair.value, length: entry.length };
    }
    if (!child) return { offset, exact: false };
    offset = child.start ?? offset;
    rest = rest.slice(child.length);
    node = resolved(doc, child.value);
    if (!node && rest.replace(/^\./, '').length > 0) return { offset, exact: false };
  }
  return { offset, exact: true };
}
