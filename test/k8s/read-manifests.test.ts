import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cannotRead, MAX_YAML_ALIASES, nestedDeeperThan, readInputFile, readManifests } from '../../src/k8s/read-manifests';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-manifests-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const noStdin = () => {
  throw new Error('no standard input in this test');
};

describe('readManifests', () => {
  test('YAML documents, JSON objects and arrays, and the items of a kind: List, in file-name order', () => {
    const d = path.join(dir, 'mixed');
    write('mixed/b.yaml', 'kind: A\n---\n---\nkind: List\nitems:\n  - kind: B\n  - kind: C\n');
    write('mixed/a.json', '[{"kind": "D"}, {"kind": "E"}]');
    write('mixed/notes.txt', 'kind: ignored');
    const { objects, sources } = readManifests([d], noStdin);
    expect(objects.map(o => o.kind)).toEqual(['D', 'E', 'A', 'B', 'C']);
    expect(sources).toEqual([path.join(d, 'a.json'), path.join(d, 'b.yaml')]);
  });

  test('standard input is read through the injected function and reported as <stdin>', () => {
    const read = readManifests(['-'], () => 'kind: X\n');
    expect({ objects: read.objects, sources: read.sources }).toEqual({ objects: [{ kind: 'X' }], sources: ['<stdin>'] });
    expect(read.origins.map(o => o.file)).toEqual(['<stdin>']);
  });

  test('progress is reported per file', () => {
    const updates: string[] = [];
    readManifests([write('p1.yaml', 'kind: A'), write('p2.yaml', 'kind: B')], noStdin, { progress: { update: (done, total, what) => updates.push(`${done}/${total} ${what}`) } });
    expect(updates).toEqual(['1/2 files', '2/2 files']);
  });

  describe('rejects', () => {
    test('an input over the size limit, before reading it', () => {
      const file = write('big.yaml', `kind: A\ndata: "${'x'.repeat(2000)}"\n`);
      expect(() => readManifests([file], noStdin, { maxInputBytes: 1000 })).toThrow(/big\.yaml is 2\d{3} bytes, larger than the 1000 bytes input limit/);
      expect(() => readInputFile(file, 1000)).toThrow(/larger than the 1000 bytes input limit/);
    });

    test('invalid YAML and JSON, naming the file', () => {
      expect(() => readManifests([write('bad.json', '{"kind": ')], noStdin)).toThrow(/bad\.json: not valid JSON/);
      expect(() => readManifests([write('bad.yaml', 'a: [1, 2\n')], noStdin)).toThrow(/bad\.yaml: not valid YAML/);
    });

    test(`more than ${MAX_YAML_ALIASES} alias expansions`, () => {
      const bomb = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]', ...['b', 'c', 'd'].map((n, i) => `${n}: &${n} [${Array(10).fill(`*${'abc'[i]}`).join(', ')}]`)].join('\n');
      expect(() => readManifests([write('bomb.yaml', bomb)], noStdin)).toThrow(/bomb\.yaml: the document expands YAML aliases too often/);
    });

    test('file-system errors in plain words', () => {
      const error = (code: string) => Object.assign(new Error(`${code}: raw, stat '/x'`), { code });
      expect(cannotRead('/x', error('EACCES')).message).toBe('cannot read /x: permission denied');
      expect(cannotRead('/x', error('EPERM')).message).toBe('cannot read /x: permission denied');
      expect(cannotRead('/x', error('EISDIR')).message).toBe('cannot read /x: is a directory');
      expect(cannotRead('/x', error('ENOTDIR')).message).toBe('cannot read /x: a part of the path is not a directory');
      expect(cannotRead('/x', error('ENOENT'), 'the nodes file').message).toBe('/x: cannot read the nodes file: no such file');
    });
  });
});

describe('nestedDeeperThan', () => {
  test('nesting is measured without recursion', () => {
    let deep: any = 1;
    for (let i = 0; i < 1_000_000; i++) deep = [deep];
    expect(nestedDeeperThan(deep, 200)).toBe(true);
    expect(nestedDeeperThan({ a: { b: [1] } }, 3)).toBe(false);
    expect(nestedDeeperThan({ a: { b: [1] } }, 2)).toBe(true);
    const shared = { x: { y: 1 } };
    expect(nestedDeeperThan({ a: shared, b: { c: shared } }, 3)).toBe(true);
  });
});
