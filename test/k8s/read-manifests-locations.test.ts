import * as path from 'path';
import * as yaml from 'yaml';
import { readManifests } from '../../src/k8s/read-manifests';
import { ObjectSource, SourceText } from '../../src/k8s/source-locations';

// The YAML parser, counted: positions must not parse a text before they are asked for, nor twice.
jest.mock('yaml', () => {
  const actual = jest.requireActual('yaml');
  return { ...actual, parseAllDocuments: jest.fn(actual.parseAllDocuments) };
});

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'locations');
const noStdin = () => {
  throw new Error('no standard input in this test');
};

/** `line:column` of `jsonPath` in the object of kind `kind` read from `text` on standard input. */
function at(text: string, jsonPath: string, which = 0): string {
  const { origins } = readManifests(['-'], () => text);
  const where = origins[which].locate(jsonPath);
  return `${where.line}:${where.column}${where.exact ? '' : ' (ancestor)'}`;
}

describe('readManifests keeps where each object came from', () => {
  test('one origin per object, naming the file as given, in the same order', () => {
    const file = path.join(FIXTURES, 'agents.yaml');
    const { objects, origins } = readManifests([FIXTURES], noStdin);
    expect(objects.map(o => o.metadata.name)).toEqual(['ok', 'json-config', 'node-agent', 'agent-config']);
    expect(origins.map(o => path.basename(o.file))).toEqual(['agents.json', 'agents.json', 'agents.yaml', 'agents.yaml']);
    expect(origins[2].file).toBe(file);
  });

  test('the fixture\'s findings in YAML: a field of a map, an item of a list, a key after an empty document, inside a List', () => {
    const { origins } = readManifests([path.join(FIXTURES, 'agents.yaml')], noStdin);
    const [daemonSet, configMap] = origins;
    expect(daemonSet.locate('spec.template.metadata.labels')).toEqual({ file: expect.stringMatching(/agents\.yaml$/), line: 16, column: 7, exact: true });
    expect(daemonSet.locate('spec.template.spec.volumes[0].hostPath.path')).toMatchObject({ line: 35, column: 13, exact: true });
    expect(daemonSet.locate('spec.template.spec.containers[0].env[2]')).toMatchObject({ line: 26, column: 15, exact: true });
    // A flow mapping inside a block list.
    expect(daemonSet.locate('spec.template.spec.containers[0].env[1].value')).toMatchObject({ line: 25, column: 28, exact: true });
    expect(configMap.locate('data.conf/agent.conf')).toMatchObject({ line: 47, column: 7, exact: true });
    expect(configMap.locate('')).toMatchObject({ line: 41, column: 5, exact: true });
  });

  test('JSON files: an array item, and the item of a List inside the array', () => {
    const { origins } = readManifests([path.join(FIXTURES, 'agents.json')], noStdin);
    expect(origins[0].locate('data.a')).toMatchObject({ line: 10, column: 7, exact: true });
    expect(origins[1].locate('data.conf/agent.conf')).toMatchObject({ line: 25, column: 11, exact: true });
    expect(origins[1].locate('metadata.name')).toMatchObject({ line: 21, column: 11, exact: true });
  });

  test('a missing field: its nearest existing ancestor; nothing at all: the object\'s start', () => {
    const text = '# comment\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';
    expect(at(text, 'metadata.labels.app')).toBe('4:1 (ancestor)');
    expect(at(text, 'spec.template')).toBe('2:1 (ancestor)');
    expect(at(text, '')).toBe('2:1');
    expect(at(text, 'metadata.name[3]')).toBe('5:3 (ancestor)');
  });

  test('keys with dots, written plainly or quoted, and the longest key that fits wins', () => {
    const text = [
      'metadata:',
      '  annotations:',
      '    suppress.daemonsets.cdk8s.io/best-practice.x: pinned',
      '    app: short',
      '    app.kubernetes.io/name: agent',
      '  labels: {"a.b": 1, a: {b: 2}}',
    ].join('\n');
    expect(at(text, 'metadata.annotations.suppress.daemonsets.cdk8s.io/best-practice.x')).toBe('3:5');
    expect(at(text, 'metadata.annotations.app.kubernetes.io/name')).toBe('5:5');
    expect(at(text, 'metadata.annotations["app.kubernetes.io/name"]')).toBe('5:5');
    expect(at(text, "metadata.annotations['app.kubernetes.io/name']")).toBe('5:5');
    expect(at(text, 'metadata.annotations.app')).toBe('4:5');
    expect(at(text, 'metadata.labels.a.b')).toBe('6:12');
    expect(at(text, 'metadata.labels.a')).toBe('6:22');
  });

  test('aliases resolve to their anchor\'s nodes; multi-byte characters count as UTF-16 columns', () => {
    const text = 'x: &anchor\n  deep: 1\nspec:\n  copy: *anchor\nmetadata: {name: "😀", labels: {k: v}}\n';
    expect(at(text, 'spec.copy.deep')).toBe('2:3');
    // The emoji is one code point and two UTF-16 code units: `k` is the 33rd unit of its line.
    expect(at(text, 'metadata.labels.k')).toBe('5:33');
  });

  test('the documents of a stream, counted with the empty ones', () => {
    const text = '---\n---\nkind: A\n---\nkind: B\nspec:\n  x: 1\n';
    expect(at(text, 'spec.x', 1)).toBe('7:3');
    expect(at(text, '', 0)).toBe('3:1');
  });

  test('an unparsable path stops at what it could follow', () => {
    expect(at('spec:\n  a: [1, 2]\n', 'spec.a[x]')).toBe('2:3 (ancestor)');
    expect(at('spec:\n  a: [1, 2]\n', 'spec.a[7]')).toBe('2:3 (ancestor)');
    expect(at('spec:\n  a: [1, 2]\n', 'spec.a[1]')).toBe('2:10');
  });

  test('positions cost nothing until asked for: a JSON text is read without the YAML parser, and each text is parsed once, on the first question', () => {
    const parse = yaml.parseAllDocuments as jest.Mock;
    parse.mockClear();
    const { origins } = readManifests(['-'], () => '{"kind": "A", "spec": {"x": 1}}');
    expect(parse).not.toHaveBeenCalled();
    const origin = new ObjectSource(new SourceText('f.yaml', 'kind: A\nspec:\n  x: 1\n'), 0);
    expect(parse).not.toHaveBeenCalled();
    expect(origin.locate('spec.x')).toEqual({ file: 'f.yaml', line: 3, column: 3, exact: true });
    expect(origin.locate('kind')).toEqual({ file: 'f.yaml', line: 1, column: 1, exact: true });
    expect(parse).toHaveBeenCalledTimes(1);
    expect(origins[0].locate('spec.x')).toMatchObject({ line: 1, column: 24 });
    expect(parse).toHaveBeenCalledTimes(2);
  });

  test('a document that is not there gives line 1, column 1', () => {
    expect(new ObjectSource(new SourceText('f.yaml', 'kind: A\n'), 5).locate('kind')).toEqual({ file: 'f.yaml', line: 1, column: 1, exact: false });
    expect(new ObjectSource(new SourceText('f.yaml', 'kind: A\n'), 0, ['items', 2]).locate('kind')).toEqual({ file: 'f.yaml', line: 1, column: 1, exact: false });
  });
});
