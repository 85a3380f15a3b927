import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { generateTypeScript } from '../../src/cli/import';
import { ImportOptions } from '../../src/cli/import/program';

/** The import corpus. */
export const IMPORT_FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');

/** The escape hatches of one generated program, counted. */
export interface PatchCount {
  /** Every `JsonPatch` of the program. */
  readonly total: number;
  /** By operation. */
  readonly add: number;
  readonly replace: number;
  readonly remove: number;
  /** Patches that replace a whole ConfigMap file (`/data/<file>`). */
  readonly wholeFile: string[];
  /** Patches that replace a container's whole `args` or `command`. */
  readonly wholeArgs: string[];
  /** Every patched path, in program order. */
  readonly paths: string[];
}

/** Reads a corpus manifest. */
export function readImportFixture(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(path.join(IMPORT_FIXTURES, file), 'utf-8')).map(d => d.toJS()).filter(o => o);
}

/** The corpus' file names, sorted. */
export function importFixtures(): string[] {
  return fs.readdirSync(IMPORT_FIXTURES).filter(f => f.endsWith('.yaml')).sort();
}

/** Counts the `JsonPatch` escape hatches of a generated program. */
export function countPatches(code: string): PatchCount {
  const found = [...code.matchAll(/JsonPatch\.(add|replace|remove)\(\s*'((?:[^'\\]|\\.)*)'/g)].map(m => ({ op: m[1], path: m[2] }));
  const of = (op: string) => found.filter(f => f.op === op).length;
  const paths = found.map(f => f.path);
  return {
    total: found.length,
    add: of('add'),
    replace: of('replace'),
    remove: of('remove'),
    wholeFile: paths.filter(p => /^\/data\/[^/]+$/.test(p)),
    wholeArgs: paths.filter(p => /\/containers\/\d+\/(args|command)$/.test(p)),
    paths,
  };
}

/** Imports a corpus manifest and counts its patches. */
export function importPatchCount(file: string, options: ImportOptions = {}): PatchCount {
  return countPatches(generateTypeScript(readImportFixture(file), options));
}

/** A table of the corpus' patch counts (for the report: `npx ts-node --transpile-only test/cli/import-patch-counts.ts`). */
function main(): void {
  const modes: [string, ImportOptions][] = [['exact', {}]];
  if (process.argv.includes('--adopt-defaults')) modes.push(['adopt', { adoptDefaults: true } as ImportOptions]);
  const only = process.argv.slice(2).filter(a => !a.startsWith('--'));
  for (const file of importFixtures().filter(f => only.length === 0 || only.some(o => f.includes(o)))) {
    for (const [mode, options] of modes) {
      const c = importPatchCount(file, options);
      const whole = [...c.wholeFile, ...c.wholeArgs];
      console.log(`${file.padEnd(40)} ${mode.padEnd(6)} total ${String(c.total).padStart(3)}  add ${String(c.add).padStart(3)}  replace ${String(c.replace).padStart(2)}  remove ${String(c.remove).padStart(3)}  whole ${whole.length > 0 ? whole.join(' ') : '-'}`);
      if (process.argv.includes('--paths')) for (const p of c.paths) console.log(`    ${p}`);
    }
  }
}

if (require.main === module) main();
