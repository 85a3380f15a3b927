import * as fs from 'fs';
import * as path from 'path';
import type * as Yaml from 'yaml';
import { ObjectSource, SourceText, STDIN_SOURCE } from './source-locations';

/**
 * Reading manifests from files, directories and standard input, with bounds: every input is untrusted, so a
 * huge file, a deeply nested document or a YAML alias bomb is refused with a message naming the file, never
 * answered with a stack overflow or an out-of-memory crash.
 */

/** Default largest input (one file, or standard input), in MiB: `--max-input-size` raises it. */
export const DEFAULT_MAX_INPUT_MIB = 50;

/**
 * Deepest nesting of lists and maps accepted in a document. Kubernetes objects nest about 15 levels (a
 * DaemonSet's probe handler), CRD schemas rarely 60; the YAML parser itself gives up near 800 levels of flow
 * collections, and deep documents make every recursive consumer fragile.
 */
export const MAX_NESTING_DEPTH = 200;

/** Alias expansions allowed per YAML document (the `yaml` package's default, made explicit). */
export const MAX_YAML_ALIASES = 100;

const MIB = 1024 * 1024;

/** Where `readManifests` reports how many files it has read (the CLI's progress line). */
export interface ReadProgress {
  /** Reports `done` of `total` items (`files`). */
  update(done: number, total: number, what: string): void;
}

/** Options of `readManifests`. */
export interface ReadManifestsOptions {
  /**
   * Largest input (one file, or standard input) in bytes.
   * @default DEFAULT_MAX_INPUT_MIB MiB
   */
  readonly maxInputBytes?: number;
  /**
   * Where to report progress.
   * @default - no progress
   */
  readonly progress?: ReadProgress;
}

/**
 * `cannot read FILE: no such file` for a file-system error, without Node's `ENOENT: ..., stat '...'` noise;
 * with a `what` (`the nodes file`): `FILE: cannot read the nodes file: no such file`.
 */
export function cannotRead(file: string, e: unknown, what?: string): Error {
  const code = (e as NodeJS.ErrnoException)?.code;
  const why: { [code: string]: string } = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    ELOOP: 'too many levels of symbolic links',
    ENAMETOOLONG: 'the name is too long',
    EMFILE: 'too many open files',
  };
  const reason = code && why[code] ? why[code] : (e as Error)?.message ?? String(e);
  return new Error(what ? `${file}: cannot read ${what}: ${reason}` : `cannot read ${file}: ${reason}`);
}

/** `2.0 MiB`, `1 MiB` (`exact`: no trailing zeros, for the limit), or `1048 bytes` below a tenth of a MiB. */
function sizeText(bytes: number, exact = false): string {
  if (bytes < MIB / 10) return `${bytes} bytes`;
  return exact ? `${+(bytes / MIB).toFixed(2)} MiB` : `${(bytes / MIB).toFixed(1)} MiB`;
}

function tooLarge(source: string, bytes: number, max: number): Error {
  return new Error(`${source} is ${sizeText(bytes)}, larger than the ${sizeText(max, true)} input limit; `
    + 'raise it with --max-input-size <MiB> if the input is meant to be that large');
}

function tooDeep(source: string, where: string): Error {
  return new Error(`${source}: ${where} is nested deeper than ${MAX_NESTING_DEPTH} levels; Kubernetes manifests nest far less, so the input is refused`);
}

/** Whether lists and maps in `value` nest deeper than `max` levels (iterative: no stack to overflow). */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  // YAML aliases make one object appear at several places: walk it again only when it appears deeper.
  const walkedAt = new Map<object, number>();
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    if ((walkedAt.get(v) ?? -1) >= depth) continue;
    walkedAt.set(v, depth);
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError || /Maximum call stack size exceeded/.test(String((e as Error)?.message ?? e));
}

/** An object read, and where in its text it was: the YAML document, and the way from its root (a List item). */
interface ParsedObject {
  readonly value: unknown;
  readonly document: number;
  readonly within: (string | number)[];
}

/** The objects of one YAML or JSON text (a `kind: List` contributes its items). */
function parseText(text: string, source: string): ParsedObject[] {
  const objects: ParsedObject[] = [];
  const add = (value: any, where: string, document: number, within: (string | number)[] = []) => {
    if (value === null || value === undefined) return;
    if (nestedDeeperThan(value, MAX_NESTING_DEPTH)) throw tooDeep(source, where);
    if (value.kind !== 'List') {
      objects.push({ value, document, within });
    } else if (Array.isArray(value.items)) {
      value.items.forEach((o: unknown, i: number) => objects.push({ value: o, document, within: [...within, 'items', i] }));
    }
  };
  const trimmed = text.trimStart();
  if (source.endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let parsed: any;
    let parsedOk = false;
    try {
      parsed = JSON.parse(text);
      parsedOk = true;
    } catch (e) {
      if (source.endsWith('.json')) throw new Error(`${source}: not valid JSON: ${(e as Error).message}`);
    }
    if (parsedOk) {
      if (Array.isArray(parsed)) {
        parsed.forEach((o, i) => add(o, `item ${i + 1}`, 0, [i]));
      } else {
        add(parsed, 'the document', 0);
      }
      return objects;
    }
  }
  let docs;
  try {
    // Loaded on first use: importing the library (constructs, validation) never loads the YAML parser.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseAllDocuments } = require('yaml') as typeof Yaml;
    docs = parseAllDocuments(text);
  } catch (e) {
    if (isStackOverflow(e)) throw tooDeep(source, 'a document');
    throw new Error(`${source}: not valid YAML: ${(e as Error).message}`);
  }
  const list = Array.isArray(docs) ? docs : [docs];
  list.forEach((doc, i) => {
    const where = list.length > 1 ? `document ${i + 1}` : 'the document';
    if (doc.errors.length > 0) {
      const message = doc.errors[0].message;
      if (/Maximum call stack size exceeded/.test(message)) throw tooDeep(source, where);
      throw new Error(`${source}: not valid YAML: ${message}`);
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (e) {
      if (isStackOverflow(e)) throw tooDeep(source, where);
      if (/alias/i.test((e as Error).message)) {
        throw new Error(`${source}: ${where} expands YAML aliases too often (more than ${MAX_YAML_ALIASES} alias expansions; an alias bomb?), so the input is refused`);
      }
      throw new Error(`${source}: not valid YAML: ${(e as Error).message}`);
    }
    add(value, where, i);
  });
  return objects;
}

/** The files to read: each input file, and the *.yaml, *.yml and *.json files below each input directory, sorted. */
function listFiles(inputs: string[]): string[] {
  const files: string[] = [];
  const visited = new Set<string>();
  // An explicit stack (deep trees and symbolic-link loops must not overflow the call stack), visited in
  // name order with each directory's files and subdirectories interleaved, as `ls -R` sorts them.
  const walkDirectory = (dir: string) => {
    const pending: { path: string; isDir: boolean }[] = [{ path: dir, isDir: true }];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (!next.isDir) {
        files.push(next.path);
        continue;
      }
      let entries: string[];
      try {
        const real = fs.realpathSync(next.path);
        if (visited.has(real)) continue;
        visited.add(real);
        entries = fs.readdirSync(next.path).sort();
      } catch (e) {
        throw cannotRead(next.path, e);
      }
      const children: { path: string; isDir: boolean }[] = [];
      for (const entry of entries) {
        // construct-metadata.json: what `cdk8s synth` writes beside the manifests when validations run; not a manifest.
        if (entry === 'construct-metadata.json') continue;
        const child = path.join(next.path, entry);
        const manifest = /\.(ya?ml|json)$/.test(entry);
        let isDir: boolean;
        try {
          isDir = fs.statSync(child).isDirectory();
        } catch (e) {
          // A dangling symbolic link among unrelated files is not an input.
          if (!manifest) continue;
          throw cannotRead(child, e);
        }
        if (isDir || manifest) children.push({ path: child, isDir });
      }
      pending.push(...children.reverse());
    }
  };
  for (const input of inputs) {
    if (input === '-') {
      files.push('-');
      continue;
    }
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch (e) {
      throw cannotRead(input, e);
    }
    if (stat.isDirectory()) walkDirectory(input);
    else files.push(input);
  }
  return files;
}

/** What `readManifests` read. */
export interface ReadManifestsResult {
  /** Every object, in file order and, within a file, in document order (a List's items in place of the List). */
  readonly objects: any[];
  /** Every file read, in order (`<stdin>` for standard input). */
  readonly sources: string[];
  /**
   * Where each object came from: `origins[i]` is the source of `objects[i]`, its file and the line and column of
   * any JSON path in it (positions are computed only when asked for).
   */
  readonly origins: ObjectSource[];
}

/**
 * Reads every manifest from files, directories (recursively: *.yaml, *.yml, *.json) or `-` (standard input,
 * reported as `<stdin>`).
 * Throws an error naming the file on anything it cannot read: a missing or unreadable file, an input over the
 * size limit, invalid YAML or JSON, nesting deeper than MAX_NESTING_DEPTH levels, a YAML alias bomb.
 * @param inputs paths, or `-` for standard input
 * @param stdin reads standard input
 * @param options size limit and progress
 */
export function readManifests(inputs: string[], stdin: () => string, options: ReadManifestsOptions = {}): ReadManifestsResult {
  const max = options.maxInputBytes ?? DEFAULT_MAX_INPUT_MIB * MIB;
  const files = listFiles(inputs);
  const objects: any[] = [];
  const sources: string[] = [];
  const origins: ObjectSource[] = [];
  files.forEach((file, i) => {
    let text: string;
    let source: string;
    if (file === '-') {
      source = STDIN_SOURCE;
      try {
        text = stdin();
      } catch (e) {
        throw cannotRead(source, e);
      }
      const bytes = Buffer.byteLength(text, 'utf-8');
      if (bytes > max) throw tooLarge(source, bytes, max);
    } else {
      source = file;
      text = readInputFile(file, max);
    }
    const sourceText = new SourceText(source, text);
    for (const o of parseText(text, source)) {
      objects.push(o.value);
      origins.push(new ObjectSource(sourceText, o.document, o.within));
    }
    sources.push(source);
    options.progress?.update(i + 1, files.length, 'files');
  });
  return { objects, sources, origins };
}

/**
 * The text of one input file, refused with a message naming it when it cannot be read or is larger than
 * `maxBytes` (checked before reading).
 * @param what what the file is, for messages (`the nodes file`)
 */
export function readInputFile(file: string, maxBytes: number = DEFAULT_MAX_INPUT_MIB * MIB, what?: string): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (e) {
    throw cannotRead(file, e, what);
  }
  if (size > maxBytes) throw tooLarge(file, size, maxBytes);
  try {
    return fs.readFileSync(file, 'utf-8');
  } catch (e) {
    throw cannotRead(file, e, what);
  }
}

/** `--max-input-size <MiB>` as bytes; throws on anything but a positive number. */
export function parseMaxInputSize(value: string): number {
  const mib = Number(value);
  if (!/^\s*[0-9]*\.?[0-9]+\s*$/.test(value) || !Number.isFinite(mib) || mib <= 0) {
    throw new Error(`--max-input-size ${value}: use a positive number of MiB, e.g. ${DEFAULT_MAX_INPUT_MIB * 4}`);
  }
  return Math.floor(mib * MIB);
}
