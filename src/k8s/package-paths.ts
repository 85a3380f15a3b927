import * as fs from 'fs';
import * as path from 'path';

/**
 * Where the package's data files are, found from the directory of the module that asks.
 *
 * The same module runs from three layouts: `src/<dir>/x.ts` (ts-jest, ts-node), `lib/<dir>/x.js` (the jsii build,
 * used by the CLI) and `lib/index.js` (the bundle the package's `main` points to, issue 17), where every module's
 * `__dirname` is `lib/`. A path written relative to one module's `__dirname` is right in only one of them, so the
 * callers ask for the module root instead: the nearest ancestor (or the directory itself) whose parent holds the
 * package's `package.json`.
 */
export interface PackagePaths {
  /** The package root: `package.json`, `schemas/`, `lib/`. */
  readonly packageDir: string;
  /** The directory the running modules were loaded from: `lib/` or `src/`. */
  readonly moduleDir: string;
}

const cache = new Map<string, PackagePaths>();

/**
 * The package root and module root seen from `fromDir` (pass `__dirname`).
 * @throws Error when no ancestor holds a `package.json` (a broken install)
 * @internal
 */
export function packagePaths(fromDir: string): PackagePaths {
  const known = cache.get(fromDir);
  if (known) return known;
  let dir = path.resolve(fromDir);
  for (;;) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cdk8s-daemonsets: no package.json above ${fromDir}; the package is incompletely installed`);
    if (fs.existsSync(path.join(parent, 'package.json'))) {
      const found = { packageDir: parent, moduleDir: dir };
      cache.set(fromDir, found);
      return found;
    }
    dir = parent;
  }
}
