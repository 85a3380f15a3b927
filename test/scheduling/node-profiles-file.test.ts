import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { NodeProfile, NodeTaintEffect } from '../../src/scheduling/node-profile';
import { NODE_PROFILES_SCHEMA } from '../../src/scheduling/node-profiles-file';

const ROOT = path.join(__dirname, '..', '..');
const PROFILES = path.join(ROOT, 'test', 'fixtures', 'nodes', 'profiles.yaml');
const PROFILES_JSON = path.join(ROOT, 'test', 'fixtures', 'nodes', 'profiles.json');
const Gi = 2 ** 30;

function doc(profiles: string): string {
  return `kind: NodeProfiles\nprofiles:\n${profiles}`;
}

describe('the schema', () => {
  test('is shipped at schemas/node-profiles.schema.json and is a valid draft-07 schema', () => {
    expect(NODE_PROFILES_SCHEMA).toBe(path.join(ROOT, 'schemas', 'node-profiles.schema.json'));
    const schema = JSON.parse(fs.readFileSync(NODE_PROFILES_SCHEMA, 'utf-8'));
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    const ajv = new Ajv({ strict: true, strictTypes: false });
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  test('accepts the fixtures, and the example of docs/node-profiles.md is the YAML fixture', () => {
    const validate = new Ajv({ strict: false }).compile(JSON.parse(fs.readFileSync(NODE_PROFILES_SCHEMA, 'utf-8')));
    expect(validate(parse(fs.readFileSync(PROFILES, 'utf-8')))).toBe(true);
    expect(validate(JSON.parse(fs.readFileSync(PROFILES_JSON, 'utf-8')))).toBe(true);
    const docs = fs.readFileSync(path.join(ROOT, 'docs', 'node-profiles.md'), 'utf-8');
    const example = /### Example\n\n```yaml\n([\s\S]*?)```/.exec(docs);
    expect(example?.[1]).toBe(fs.readFileSync(PROFILES, 'utf-8'));
  });
});

describe('reading hand-written profiles', () => {
  test('YAML: names, counts, labels, taints, allocatable (per node), os', () => {
    const profiles = NodeProfile.fromFile(PROFILES);
    expect(profiles.map(p => [p.name, p.count])).toEqual([['workers', 12], ['system', 3], ['gpu', 2], ['windows', 0]]);
    const [workers, system, gpu, windows] = profiles;
    expect(workers.allocatable).toEqual({ 'cpu': 3.92, 'memory': 14.5 * Gi, 'pods': 58, 'ephemeral-storage': 76 * Gi });
    expect(workers.labels).toEqual({
      'node.kubernetes.io/instance-type': 'm5.xlarge', 'topology.kubernetes.io/region': 'eu-west-1', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    });
    expect(workers.nodes).toEqual([]);
    expect(system.taints).toEqual([{ key: 'CriticalAddonsOnly', value: 'true', effect: NodeTaintEffect.NO_SCHEDULE }]);
    expect(gpu.allocatable['nvidia.com/gpu']).toBe(4);
    expect(windows.os).toBe('windows');
    expect(windows.allocatable.pods).toBe(110);
  });

  test('JSON reads the same as YAML', () => {
    const fromJson = NodeProfile.fromFile(PROFILES_JSON);
    const fromYaml = NodeProfile.fromFile(PROFILES).slice(0, 2);
    expect(fromJson.map(p => ({ ...p }))).toEqual(fromYaml.map(p => ({ ...p })));
  });

  test('a profile of one node is labelled with its host name; a pool is not', () => {
    const [one, pool] = NodeProfile.fromYaml(doc([
      '  - name: edge-1\n    allocatable: { cpu: 1, memory: 1Gi }',
      '  - name: edge\n    count: 4\n    allocatable: { cpu: 1, memory: 1Gi }',
    ].join('\n')));
    expect(one.count).toBe(1);
    expect(one.labels['kubernetes.io/hostname']).toBe('edge-1');
    expect(pool.labels['kubernetes.io/hostname']).toBeUndefined();
  });

  test('Nodes and a NodeProfiles document in one stream', () => {
    const node = 'apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  allocatable:\n    cpu: "2"\n    memory: 4Gi\n';
    const profiles = NodeProfile.fromYaml(`${node}---\n${doc('  - name: planned\n    count: 3\n    allocatable: { cpu: 2, memory: 4Gi }\n')}`);
    expect(profiles.map(p => [p.name, p.count, p.nodes])).toEqual([['n1', 1, ['n1']], ['planned', 3, []]]);
    expect(() => NodeProfile.fromYaml(`${node}---\n${doc('  - name: n1\n    allocatable: { cpu: 2, memory: 4Gi }\n')}`, 'nodes.yaml'))
      .toThrow("nodes.yaml: node profile 'n1' appears twice (as a Node or a profile); names must be unique.");
  });

  test('NodeProfile.of takes a count too, and refuses a bad one', () => {
    expect(NodeProfile.of({ name: 'w', count: 7, allocatable: { cpu: '1', memory: '1Gi' } }).count).toBe(7);
    expect(() => NodeProfile.of({ name: 'w', count: 1.5, allocatable: { cpu: '1', memory: '1Gi' } }))
      .toThrow("NodeProfile 'w': count is 1.5; use a whole number of nodes such as 3 (0 for a pool scaled to zero).");
  });
});

describe('rejects invalid hand-written profiles, naming the file, the path, the value and what is allowed', () => {
  const HEAD = 'nodes.yaml: document 1: not a valid NodeProfiles document (docs/node-profiles.md, schemas/node-profiles.schema.json):\n';
  test.each([
    ['an unknown field', doc('  - name: w\n    colour: red\n    allocatable: { cpu: 1, memory: 1Gi }\n'),
      '  profiles[0].colour is not a field of profiles[0]; allowed: name, description, count, labels, taints, allocatable, os, arch'],
    ['a name that is no DNS subdomain', doc('  - name: Big_Pool\n    allocatable: { cpu: 1, memory: 1Gi }\n'),
      "  profiles[0].name: 'Big_Pool' is not allowed: the profile's name, a DNS-1123 subdomain such as 'workers' or 'gpu-a10' (lower case letters, digits, '-' and '.'), unique in the file"],
    ['a negative count', doc('  - name: w\n    count: -2\n    allocatable: { cpu: 1, memory: 1Gi }\n'),
      '  profiles[0].count: -2 is not allowed: at least 0 (how many nodes the profile stands for, a whole number (0 for a pool scaled to zero); default 1)'],
    ['a fractional count', doc('  - name: w\n    count: 2.5\n    allocatable: { cpu: 1, memory: 1Gi }\n'),
      '  profiles[0].count: 2.5 is a number; expected integer (how many nodes the profile stands for, a whole number (0 for a pool scaled to zero); default 1)'],
    ['a bad quantity', doc('  - name: w\n    allocatable: { cpu: lots, memory: 1Gi }\n'),
      "  profiles[0].allocatable.cpu: 'lots' is not allowed: a non-negative Kubernetes quantity such as '3920m' or 4 (cpu), '15Gi' or '16012348Ki' (bytes), 1 (devices)"],
    ['a negative extended resource', doc('  - name: w\n    allocatable: { cpu: 1, memory: 1Gi, nvidia.com/gpu: -1 }\n'),
      "  profiles[0].allocatable['nvidia.com/gpu']: -1 is not allowed: a non-negative Kubernetes quantity such as '3920m' or 4 (cpu), '15Gi' or '16012348Ki' (bytes), 1 (devices)"],
    ['missing memory', doc('  - name: w\n    allocatable: { cpu: 1 }\n'),
      "  profiles[0].allocatable.memory is missing: give a non-negative Kubernetes quantity such as '3920m' or 4 (cpu), '15Gi' or '16012348Ki' (bytes), 1 (devices)"],
    ['fractional pods', doc('  - name: w\n    allocatable: { cpu: 1, memory: 1Gi, pods: "1.5" }\n'),
      "  profiles[0].allocatable.pods: '1.5' is not allowed: how many pods one node may run, a whole number such as 110 (the kubelet's default)"],
    ['a bad taint effect', doc('  - name: w\n    taints: [{ key: k, effect: Evict }]\n    allocatable: { cpu: 1, memory: 1Gi }\n'),
      "  profiles[0].taints[0].effect: 'Evict' is not allowed; use one of 'NoSchedule', 'PreferNoSchedule', 'NoExecute'"],
    ['a bad label key', doc('  - name: w\n    labels: { "a b": x }\n    allocatable: { cpu: 1, memory: 1Gi }\n'),
      "  profiles[0].labels['a b']: the key 'a b' is not allowed: a label key: an optional DNS subdomain prefix and '/', then a name of letters, digits, '-', '_' and '.' (e.g. node.kubernetes.io/instance-type)"],
    ['a number as a label value', doc('  - name: w\n    labels: { zone: 3 }\n    allocatable: { cpu: 1, memory: 1Gi }\n'),
      '  profiles[0].labels.zone: 3 is a number; expected string (a label value: empty, or up to 63 letters, digits, \'-\', \'_\' and \'.\', starting and ending with a letter or digit)'],
    ['no profiles', 'kind: NodeProfiles\nprofiles: []\n', '  profiles is empty: give the node profiles: at least one'],
    ['a wrong apiVersion', 'apiVersion: v1\nkind: NodeProfiles\nprofiles: [{ name: w, allocatable: { cpu: 1, memory: 1Gi } }]\n',
      "  apiVersion: 'v1' is not allowed; use 'cdk8s-daemonsets/v1'"],
  ])('%s', (_, text, line) => {
    let message = '';
    try {
      NodeProfile.fromYaml(text, 'nodes.yaml');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.startsWith(HEAD)).toBe(true);
    expect(message.slice(HEAD.length).split('\n')).toContain(line);
  });

  test('many problems: the first 8 are listed and the rest counted', () => {
    const many = doc(Array.from({ length: 10 }, (_, i) => `  - name: w${i}\n    allocatable: { cpu: x, memory: 1Gi }`).join('\n'));
    const message = (() => {
      try {
        NodeProfile.fromYaml(many, 'nodes.yaml');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(message.split('\n').filter(l => l.startsWith('  profiles['))).toHaveLength(8);
    expect(message).toMatch(/\n {2}\.\.\. and 2 more$/);
  });

  test('what the schema cannot check is checked next, with the profile and the path', () => {
    const longPrefix = `${'a'.repeat(254)}/key`;
    expect(() => NodeProfile.fromYaml(doc(`  - name: w\n    labels: { "${longPrefix}": x }\n    allocatable: { cpu: 1, memory: 1Gi }\n`), 'nodes.yaml'))
      .toThrow(/^nodes\.yaml: document 1: profile 'w': profiles\[0\]\.labels key 'a{254}\/key' has a prefix that is 254 characters long/);
    expect(() => NodeProfile.fromYaml(doc('  - name: w\n    os: linux\n    labels: { kubernetes.io/os: windows }\n    allocatable: { cpu: 1, memory: 1Gi }\n'), 'nodes.yaml'))
      .toThrow("nodes.yaml: document 1: profile 'w': os is 'linux' but the kubernetes.io/os label is 'windows'; give one of them, or the same value.");
  });
});
