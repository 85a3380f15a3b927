import * as path from 'path';
import { INSTANCE_TYPE_LABEL, NodePool, NodePools } from '../../src/scheduling/node-pools';
import { NodeProfile } from '../../src/scheduling/node-profile';
import { PlacementEngine } from '../../src/scheduling/placement-engine';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'nodes');
const GKE = NodeProfile.fromFile(path.join(FIXTURES, 'gke-pools.yaml'));
const EKS = NodeProfile.fromFile(path.join(FIXTURES, 'eks-uneven-pool.yaml'));
const Ki = 1024;

/** A Node as kubectl writes it. */
function node(name: string, labels: { [key: string]: string }, extra: { memory?: string; taints?: any[] } = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, ...labels } },
    spec: extra.taints ? { taints: extra.taints } : {},
    status: { allocatable: { cpu: '3920m', memory: extra.memory ?? '15335120Ki', pods: '110' } },
  };
}

/** Five identical workers of one pool, in two zones. */
function workers(pool = 'workers'): any[] {
  return [1, 2, 3, 4, 5].map(i => node(`w${i}`, { 'cloud.google.com/gke-nodepool': pool, [INSTANCE_TYPE_LABEL]: 'e2-standard-4', 'topology.kubernetes.io/zone': i % 2 ? 'a' : 'b' }));
}

function daemonSet(name: string, podSpec: any): any {
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'agents' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'x:1' }], ...podSpec } } } };
}

const summary = (pools: NodePool[]) => pools.map(p => `${p.profile.name} ×${p.profile.count}`);

describe('NodePools.group', () => {
  test('5 identical workers are one pool: workers ×5', () => {
    const pools = NodePools.group(NodeProfile.fromNodeObjects(workers()), []);
    expect(summary(pools)).toEqual(['workers ×5']);
    const [pool] = pools;
    expect(pool.profile.nodes).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
    expect(pool.labels).toEqual({ 'cloud.google.com/gke-nodepool': 'workers', [INSTANCE_TYPE_LABEL]: 'e2-standard-4' });
    expect(pool.splitReason).toBeUndefined();
    // Per node: the members' allocatable; labels only those all members share (no host name, no zone).
    expect(pool.profile.allocatable).toEqual({ cpu: 3.92, memory: 15335120 * Ki, pods: 110 });
    expect(pool.profile.labels).toEqual({ 'cloud.google.com/gke-nodepool': 'workers', [INSTANCE_TYPE_LABEL]: 'e2-standard-4', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' });
  });

  test('a GKE cluster export: one column per pool', () => {
    expect(summary(NodePools.group(GKE, []))).toEqual(['workers ×5', 'gpu ×2']);
  });

  test('a pool whose nodes differ in allocatable or taints splits, and says why', () => {
    const pools = NodePools.group(EKS, []);
    expect(summary(pools)).toEqual(['apps#1 ×2', 'apps#2 ×1', 'apps#3 ×1', 'default/m5.large ×1', 'default/c6g.xlarge ×1']);
    expect(pools[0].splitReason).toBe("split from pool 'apps' (4 nodes) because its nodes differ in allocatable memory and taints: these 2 nodes have memory 7Gi and no taints");
    expect(pools[1].splitReason).toBe("split from pool 'apps' (4 nodes) because its nodes differ in allocatable memory and taints: this node has memory 7Gi and taints node.kubernetes.io/unschedulable:NoSchedule");
    expect(pools[2].splitReason).toBe("split from pool 'apps' (4 nodes) because its nodes differ in allocatable memory and taints: this node has memory 6.8Gi and no taints");
    expect(pools[2].profile.nodes).toEqual(['ip-10-0-1-203.eu-west-1.compute.internal']);
    // Karpenter's pool launched two instance types: one pool each, named by all their group-by values.
    expect(pools[3].labels).toEqual({ 'karpenter.sh/nodepool': 'default', [INSTANCE_TYPE_LABEL]: 'm5.large' });
    expect(pools[4].profile.arch).toBe('arm64');
  });

  test('amounts that print alike are told apart exactly', () => {
    const nodes = [node('a', { agentpool: 'np1' }, { memory: '15335120Ki' }), node('b', { agentpool: 'np1' }, { memory: '15335124Ki' })];
    const pools = NodePools.group(NodeProfile.fromNodeObjects(nodes), []);
    expect(pools.map(p => p.splitReason)).toEqual([
      "split from pool 'np1' (2 nodes) because its nodes differ in allocatable memory: this node has memory 15335120Ki",
      "split from pool 'np1' (2 nodes) because its nodes differ in allocatable memory: this node has memory 15335124Ki",
    ]);
  });

  test('a label a DaemonSet selects on splits a pool; one nobody selects on does not', () => {
    const profiles = NodeProfile.fromNodeObjects(workers());
    const byZone = daemonSet('zonal', { nodeSelector: { 'topology.kubernetes.io/zone': 'a' } });
    const pools = NodePools.group(profiles, [byZone]);
    expect(summary(pools)).toEqual(['workers#1 ×3', 'workers#2 ×2']);
    expect(pools[0].splitReason).toBe("split from pool 'workers' (5 nodes) because its nodes differ in label topology.kubernetes.io/zone "
      + "(DaemonSet 'agents/zonal' selects on it): these 3 nodes have topology.kubernetes.io/zone=a");
    const byAffinity = daemonSet('affine', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['b'] }] }] } } },
    });
    expect(summary(NodePools.group(profiles, [byAffinity]))).toEqual(['workers#1 ×3', 'workers#2 ×2']);
    expect(summary(NodePools.group(profiles, [daemonSet('any', { nodeSelector: { 'kubernetes.io/os': 'linux' } })]))).toEqual(['workers ×5']);
  });

  test('a node a DaemonSet picks by name stands alone under its name', () => {
    const profiles = NodeProfile.fromNodeObjects(workers());
    const pinned = daemonSet('pinned', { nodeName: 'w3' });
    const pools = NodePools.group(profiles, [pinned]);
    expect(summary(pools)).toEqual(['workers ×4', 'w3 ×1']);
    expect(pools[1].splitReason).toBe("node 'w3' stands alone: DaemonSet 'agents/pinned' picks it by name (spec.nodeName or a metadata.name field selector)");
    const byField = daemonSet('field', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['w1'] }] }] } } },
    });
    expect(summary(NodePools.group(profiles, [byField]))).toEqual(['w1 ×1', 'workers ×4']);
  });

  test('a pool never takes a name a DaemonSet picks a node by', () => {
    const profiles = NodeProfile.fromNodeObjects(workers('edge'));
    const elsewhere = daemonSet('elsewhere', { nodeName: 'edge' });
    const pools = NodePools.group(profiles, [elsewhere]);
    expect(summary(pools)).toEqual(['edge#2 ×5']);
    expect(PlacementEngine.decidePod(elsewhere.spec.template.spec, pools[0].profile).schedules).toBe(false);
  });

  test('every DaemonSet is placed on a pool exactly as on each of its nodes', () => {
    const objects = [
      daemonSet('all', { tolerations: [{ operator: 'Exists' }] }),
      daemonSet('plain', {}),
      daemonSet('gpu', { nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-l4' }, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] }),
      daemonSet('zonal', { nodeSelector: { 'topology.kubernetes.io/zone': 'europe-west1-b' } }),
      daemonSet('pinned', { nodeName: 'gke-prod-workers-7f3c9a1e-r4tn' }),
    ];
    const byName = new Map(GKE.map(p => [p.name, p]));
    for (const pool of NodePools.group(GKE, objects)) {
      for (const d of objects) {
        const onPool = PlacementEngine.decide(d, pool.profile).schedules;
        for (const member of pool.profile.nodes) {
          const onMember = PlacementEngine.decide(d, byName.get(member)!).schedules;
          const where = { pool: pool.profile.name, daemonSet: d.metadata.name, member };
          expect({ ...where, schedules: onMember }).toEqual({ ...where, schedules: onPool });
        }
      }
    }
  });

  test('nodes without any group-by label, and declared profiles, stay as they are', () => {
    const bare = NodeProfile.fromNodeObjects([node('cp-1', {}), node('cp-2', {})]);
    const declared = NodeProfile.of({ name: 'planned', count: 3, labels: { agentpool: 'np1' }, allocatable: { cpu: '2', memory: '8Gi' } });
    const pools = NodePools.group([...bare, declared], []);
    expect(summary(pools)).toEqual(['cp-1 ×1', 'cp-2 ×1', 'planned ×3']);
    expect(pools.map(p => p.profile)).toEqual([...bare, declared]);
    expect(pools.every(p => Object.keys(p.labels).length === 0)).toBe(true);
  });

  test('groupBy: the labels given, in order; none (empty) keeps one profile per node', () => {
    const profiles = NodeProfile.fromNodeObjects(workers());
    expect(summary(NodePools.group(profiles, [], ['topology.kubernetes.io/zone']))).toEqual(['a ×3', 'b ×2']);
    expect(NodePools.group(profiles, [], []).map(p => p.profile)).toEqual(profiles);
    expect(() => NodePools.group(profiles, [], ['not a label'])).toThrow("groupBy: 'not a label' is not a label key: it must consist of alphanumerics");
  });

  test('os and arch are part of a pool\'s key; an empty label value names the pool by its key', () => {
    const nodes = [
      node('x1', { 'node-role.kubernetes.io/worker': '' }),
      { ...node('x2', { 'node-role.kubernetes.io/worker': '' }), metadata: { name: 'x2', labels: { 'node-role.kubernetes.io/worker': '', 'kubernetes.io/arch': 'arm64', 'kubernetes.io/os': 'linux' } } },
    ];
    const pools = NodePools.group(NodeProfile.fromNodeObjects(nodes), [], ['node-role.kubernetes.io/worker']);
    expect(summary(pools)).toEqual(['node-role.kubernetes.io/worker/linux/amd64 ×1', 'node-role.kubernetes.io/worker/linux/arm64 ×1']);
    expect(pools.map(p => p.profile.arch)).toEqual(['amd64', 'arm64']);
  });

  test('the default labels: the clouds\' node-pool labels, then the instance type', () => {
    expect(NodePools.DEFAULT_GROUP_BY).toEqual([
      'cloud.google.com/gke-nodepool', 'eks.amazonaws.com/nodegroup', 'karpenter.sh/nodepool', 'karpenter.sh/provisioner-name',
      'kubernetes.azure.com/agentpool', 'agentpool', 'cce.cloud.com/cce-nodepool', 'tke.cloud.tencent.com/nodepool-id',
      'alibabacloud.com/nodepool-id', 'node.kubernetes.io/instance-type',
    ]);
  });
});
