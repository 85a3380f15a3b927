import * as path from 'path';
import { NodeProfile, NodeTaintEffect } from '../../src/scheduling/node-profile';

const NODES = path.join(__dirname, '..', 'fixtures', 'nodes', 'mixed.yaml');
const Ki = 1024;

function nodeYaml(body: string): string {
  return `apiVersion: v1\nkind: Node\n${body}`;
}

const OK_STATUS = 'status:\n  allocatable:\n    cpu: "2"\n    memory: 4Gi\n';

describe('NodeProfile.fromFile / fromYaml', () => {
  test('reads a kubectl List: names, labels, taints, allocatable, os/arch', () => {
    const profiles = NodeProfile.fromFile(NODES);
    expect(profiles.map(p => p.name)).toEqual(['worker-large', 'worker-small', 'control-plane', 'gpu', 'windows', 'edge-tiny']);
    const [large, small, cp, gpu, windows, tiny] = profiles;
    expect(large.allocatable).toEqual({ 'cpu': 7.91, 'memory': 31369164 * Ki, 'pods': 58, 'ephemeral-storage': 95551679124, 'hugepages-1Gi': 0, 'hugepages-2Mi': 0 });
    expect(large.labels['node.kubernetes.io/instance-type']).toBe('m5.2xlarge');
    expect(small.arch).toBe('arm64');
    expect(small.taints).toEqual([{ key: 'spot', value: 'true', effect: NodeTaintEffect.PREFER_NO_SCHEDULE }]);
    expect(cp.describeTaints()).toEqual(['node-role.kubernetes.io/control-plane:NoSchedule']);
    expect(gpu.allocatable['nvidia.com/gpu']).toBe(1);
    expect(gpu.describeTaints()).toEqual(['nvidia.com/gpu=present:NoExecute']);
    expect(windows.os).toBe('windows');
    expect(tiny.allocatable).toEqual({ cpu: 0.25, memory: 300 * 1024 * Ki, pods: 8 });
  });

  test('reads a multi-document stream of Nodes and a NodeList', () => {
    const stream = [nodeYaml(`metadata:\n  name: a\n${OK_STATUS}`), nodeYaml(`metadata:\n  name: b\n${OK_STATUS}`)].join('---\n');
    expect(NodeProfile.fromYaml(stream).map(p => p.name)).toEqual(['a', 'b']);
    const list = 'apiVersion: v1\nkind: NodeList\nitems:\n  - kind: Node\n    metadata: { name: c }\n    status: { allocatable: { cpu: "1", memory: 1Gi } }\n';
    expect(NodeProfile.fromYaml(list).map(p => p.name)).toEqual(['c']);
  });

  test('reads JSON (kubectl get nodes -o json)', () => {
    const json = JSON.stringify({ kind: 'List', items: [{ kind: 'Node', metadata: { name: 'j' }, status: { allocatable: { cpu: '1', memory: '1Gi' } } }] });
    expect(NodeProfile.fromYaml(json)[0].allocatable.memory).toBe(2 ** 30);
  });

  test('os and arch fall back to status.nodeInfo, then linux/amd64; hostname is labelled', () => {
    const [p] = NodeProfile.fromYaml(nodeYaml(`metadata:\n  name: n\n${OK_STATUS}  nodeInfo:\n    operatingSystem: linux\n    architecture: arm64\n`));
    expect(p.labels).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64', 'kubernetes.io/hostname': 'n' });
  });

  test.each([
    ['a Pod among the nodes', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n', /document 1: kind is 'Pod' \(name 'p'\); a nodes file holds Node objects, a List of them \(kubectl get nodes -o yaml\) or a NodeProfiles document/],
    ['a Node without a name', nodeYaml(`metadata: {}\n${OK_STATUS}`), /metadata.name is missing/],
    ['a Node without status', nodeYaml('metadata:\n  name: bare\n'), /Node 'bare': status.allocatable is missing; export Nodes with their status/],
    ['a bad cpu quantity', nodeYaml('metadata:\n  name: n1\nstatus:\n  allocatable:\n    cpu: lots\n    memory: 1Gi\n'), /Node 'n1': status.allocatable.cpu 'lots' is not a non-negative Kubernetes quantity; use e.g. '3920m' or '4'/],
    ['no memory', nodeYaml('metadata:\n  name: n2\nstatus:\n  allocatable:\n    cpu: "1"\n'), /Node 'n2': status.allocatable.memory is missing/],
    ['fractional pods', nodeYaml('metadata:\n  name: n3\nstatus:\n  allocatable:\n    cpu: "1"\n    memory: 1Gi\n    pods: "1.5"\n'), /Node 'n3': status.allocatable.pods '1.5' is not a whole number/],
    ['a bad taint effect', nodeYaml(`metadata:\n  name: n4\nspec:\n  taints:\n    - key: k\n      effect: Evict\n${OK_STATUS}`), /Node 'n4': spec.taints\[0\].effect 'Evict' \(taint 'k'\) is not a taint effect; use NoSchedule, PreferNoSchedule, NoExecute/],
    ['a taint without key', nodeYaml(`metadata:\n  name: n5\nspec:\n  taints:\n    - effect: NoSchedule\n${OK_STATUS}`), /Node 'n5': spec.taints\[0\].key is missing/],
    ['a bad label key', nodeYaml(`metadata:\n  name: n6\n  labels:\n    "a/b/c": x\n${OK_STATUS}`), /Node 'n6': metadata.labels key 'a\/b\/c' may contain at most one/],
    ['duplicate names', [nodeYaml(`metadata:\n  name: d\n${OK_STATUS}`), nodeYaml(`metadata:\n  name: d\n${OK_STATUS}`)].join('---\n'), /Node 'd' appears twice/],
    ['an empty file', '', /no Node objects or node profiles found/],
    ['a scalar document', 'just text\n', /document 1 is not an object/],
    ['broken YAML', 'kind: [Node\n', /not valid YAML/],
  ])('rejects %s with a clear error', (_, text, error) => {
    expect(() => NodeProfile.fromYaml(text, 'nodes.yaml')).toThrow(error);
  });

  test('errors name the file', () => {
    expect(() => NodeProfile.fromYaml(nodeYaml('metadata:\n  name: bare\n'), 'nodes.yaml')).toThrow(/^nodes.yaml: Node 'bare'/);
    expect(() => NodeProfile.fromFile('/nonexistent/nodes.yaml')).toThrow(/\/nonexistent\/nodes.yaml: cannot read the nodes file/);
  });

  test('fromNodeObjects and fromNodeObject take parsed objects', () => {
    const obj = { kind: 'Node', metadata: { name: 'o' }, status: { allocatable: { cpu: 4, memory: '8Gi' } } };
    expect(NodeProfile.fromNodeObjects([{ kind: 'List', items: [obj] }])[0].allocatable.cpu).toBe(4);
    expect(NodeProfile.fromNodeObject(obj).name).toBe('o');
    expect(() => NodeProfile.fromNodeObject({ kind: 'Service', metadata: { name: 's' } })).toThrow(/kind is 'Service'/);
  });
});

describe('NodeProfile.of', () => {
  test('defaults: 110 pods, linux/amd64, well-known labels', () => {
    const p = NodeProfile.of({ name: 'pool-a', allocatable: { cpu: '3920m', memory: '15Gi' } });
    expect(p.allocatable).toEqual({ cpu: 3.92, memory: 15 * 2 ** 30, pods: 110 });
    expect(p.labels).toEqual({ 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'pool-a' });
    expect(p.taints).toEqual([]);
  });

  test('other resources and taints', () => {
    const p = NodeProfile.of({
      name: 'gpu-pool',
      arch: 'arm64',
      labels: { 'nvidia.com/gpu.present': 'true' },
      taints: [{ key: 'nvidia.com/gpu', value: 'present', effect: NodeTaintEffect.NO_EXECUTE }],
      allocatable: { cpu: '8', memory: '32Gi', pods: 58, other: { 'nvidia.com/gpu': '4', 'ephemeral-storage': '100Gi' } },
    });
    expect(p.allocatable['nvidia.com/gpu']).toBe(4);
    expect(p.labels['kubernetes.io/arch']).toBe('arm64');
    expect(p.describeTaints()).toEqual(['nvidia.com/gpu=present:NoExecute']);
  });

  test.each([
    ['a bad name', { name: 'Pool_A', allocatable: { cpu: '1', memory: '1Gi' } }, /NodeProfile 'Pool_A': name must consist of lower-case/],
    ['a bad cpu', { name: 'p', allocatable: { cpu: '-1', memory: '1Gi' } }, /NodeProfile 'p': allocatable.cpu '-1' is not a non-negative Kubernetes quantity/],
    ['negative pods', { name: 'p', allocatable: { cpu: '1', memory: '1Gi', pods: -1 } }, /allocatable.pods is -1; use a whole number/],
    ['os against its label', { name: 'p', os: 'windows', labels: { 'kubernetes.io/os': 'linux' }, allocatable: { cpu: '1', memory: '1Gi' } }, /os is 'windows' but the kubernetes.io\/os label is 'linux'/],
    ['a bad label value', { name: 'p', labels: { tier: 'a b' }, allocatable: { cpu: '1', memory: '1Gi' } }, /labels.tier value 'a b' must be empty or consist of/],
    ['a bad taint effect', { name: 'p', taints: [{ key: 'k', effect: 'Never' as NodeTaintEffect }], allocatable: { cpu: '1', memory: '1Gi' } }, /taints\[0\].effect 'Never' \(taint 'k'\) is not a taint effect/],
    ['a bad extended resource', { name: 'p', allocatable: { cpu: '1', memory: '1Gi', other: { 'nvidia.com/gpu': 'x' } } }, /allocatable.nvidia.com\/gpu 'x' is not a non-negative Kubernetes quantity/],
  ])('rejects %s', (_, props, error) => {
    expect(() => NodeProfile.of(props as any)).toThrow(error);
  });
});
