import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { packagePaths } from '../../src/k8s/package-paths';

// The data files (schemas/, lib/schema-validators/) are found from the module root, so the same code works from
// src/ (ts-jest), from lib/<dir>/ (the CLI) and from lib/index.js (the bundle, where every __dirname is lib/).

function tree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'package-paths-'));
  fs.writeFileSync(path.join(root, 'package.json'), '{}');
  fs.mkdirSync(path.join(root, 'lib', 'validation', 'rules', 'schema'), { recursive: true });
  return root;
}

describe('packagePaths', () => {
  test('from this repository\'s src/ tree: the repository and src/', () => {
    const repo = path.resolve(__dirname, '..', '..');
    expect(packagePaths(path.join(repo, 'src', 'validation', 'rules', 'schema'))).toEqual({ packageDir: repo, moduleDir: path.join(repo, 'src') });
  });

  test('a nested module and the bundle in lib/ find the same roots', () => {
    const root = tree();
    const lib = path.join(root, 'lib');
    expect(packagePaths(path.join(lib, 'validation', 'rules', 'schema'))).toEqual({ packageDir: root, moduleDir: lib });
    expect(packagePaths(lib)).toEqual({ packageDir: root, moduleDir: lib });
  });

  test('a package installed under node_modules of an app with its own package.json: the package, not the app', () => {
    const app = tree();
    const pkg = path.join(app, 'node_modules', 'cdk8s-daemonsets');
    fs.mkdirSync(path.join(pkg, 'lib', 'k8s'), { recursive: true });
    fs.writeFileSync(path.join(pkg, 'package.json'), '{}');
    expect(packagePaths(path.join(pkg, 'lib', 'k8s'))).toEqual({ packageDir: pkg, moduleDir: path.join(pkg, 'lib') });
  });

  test('no package.json above: a clear error, not a wrong path', () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'package-paths-bare-'));
    const dir = path.join(bare, 'lib', 'k8s');
    fs.mkdirSync(dir, { recursive: true });
    // The premise: the temporary directory's ancestors hold no package.json (checked, so a failure says why).
    const ancestors = [];
    for (let d = path.dirname(bare); d !== path.dirname(d); d = path.dirname(d)) ancestors.push(d);
    ancestors.push(path.parse(bare).root);
    expect(ancestors.filter(d => fs.existsSync(path.join(d, 'package.json')))).toEqual([]);
    expect(() => packagePaths(dir)).toThrow(/no package\.json above .*incompletely installed/);
  });
});
