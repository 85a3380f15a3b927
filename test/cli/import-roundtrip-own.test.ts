import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { synthesizeGenerated } from './import-program';
import { generateTypeScript } from '../../src/cli/import';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');

/** Every committed `dist/**\/*.k8s.yaml` of the examples (the gitops example writes one folder per environment). */
function distFiles(): string[] {
  const found: string[] = [];
  // examples/<app>/dist and examples/consoles/<console>/dist.
  const pending = fs.readdirSync(EXAMPLES).flatMap(e => [
    path.join(EXAMPLES, e, 'dist'),
    ...(e === 'consoles' ? fs.readdirSync(path.join(EXAMPLES, e)).map(c => path.join(EXAMPLES, e, c, 'dist')) : []),
  ]).filter(d => fs.existsSync(d));
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.name.endsWith('.k8s.yaml')) found.push(full);
    }
  }
  return found.map(f => path.relative(EXAMPLES, f)).sort();
}

const readYaml = (file: string): any[] => parseAllDocuments(fs.readFileSync(file, 'utf-8')).map(d => d.toJS()).filter(o => o);
const identity = (o: any) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;

/** JSON path of the first difference (every field, key order aside), or undefined when equal. */
function firstDifference(expected: any, actual: any, at = ''): string | undefined {
  if (expected === actual) return undefined;
  const describe = (v: any) => JSON.stringify(v)?.substring(0, 200);
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null || Array.isArray(expected) !== Array.isArray(actual)) {
    return `${at || '/'}: expected ${describe(expected)}, got ${describe(actual)}`;
  }
  for (const k of [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort()) {
    const d = firstDifference(expected[k], actual[k], `${at}/${k}`);
    if (d) return d;
  }
  return undefined;
}

const files = distFiles();

describe('import of our own synthesized YAML', () => {
  test('the examples have synthesized manifests to import', () => {
    expect(files).toEqual(expect.arrayContaining(['basic/dist/node-agent.k8s.yaml', 'logging/dist/logging.k8s.yaml', 'monitoring/dist/monitoring.k8s.yaml']));
  });

  test.each(files)('%s: the printed program runs and reproduces every object exactly', file => {
    const input = readYaml(path.join(EXAMPLES, file));
    const code = generateTypeScript(input);
    expect(code).not.toMatch(/import: (could not reproduce|synthesizing this code fails)/);
    const output = synthesizeGenerated(code);
    const problems: string[] = [];
    // Secrets are never recreated (their data stays out of source code): the program only refers to them.
    const expected = input.filter(o => o.kind !== 'Secret');
    for (const e of expected) {
      const matches = output.filter(o => identity(o) === identity(e));
      if (matches.length !== 1) { problems.push(`${identity(e)}: ${matches.length} objects out`); continue; }
      const d = firstDifference(e, matches[0]);
      if (d) problems.push(`${identity(e)}: first difference at ${d}`);
    }
    if (output.length !== expected.length) problems.push(`${expected.length} objects in, ${output.length} out`);
    expect(problems).toEqual([]);
    // Identity, asserted on its own: selector and pod labels of every DaemonSet.
    for (const ds of expected.filter(o => o.kind === 'DaemonSet')) {
      const out = output.find(o => identity(o) === identity(ds));
      expect(out.spec.selector).toEqual(ds.spec.selector);
      expect(out.spec.template.metadata.labels).toEqual(ds.spec.template.metadata.labels);
      expect(code).toContain('selectorLabels: ');
    }
  });
});
