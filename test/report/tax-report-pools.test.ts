import * as path from 'path';
import { DaemonSetTaxReport } from '../../src/report/tax-report';
import { NodePools } from '../../src/scheduling/node-pools';
import { NodeProfile } from '../../src/scheduling/node-profile';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'nodes');
const Mi = 2 ** 20;

function agent(name: string, cpu: string, memory: string, podSpec: any = {}): any {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'agents' },
    spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1', resources: { requests: { cpu, memory } } }], ...podSpec } } },
  };
}

const AGENTS = [
  agent('logs', '100m', '128Mi'),
  agent('gpu-metrics', '50m', '64Mi', { nodeSelector: { 'cloud.google.com/gke-accelerator': 'nvidia-l4' }, tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists' }] }),
];

function gkeReport(options: { groupBy?: string[] } = { groupBy: NodePools.DEFAULT_GROUP_BY }): DaemonSetTaxReport {
  return DaemonSetTaxReport.fromManifests(AGENTS, NodeProfile.fromFile(path.join(FIXTURES, 'gke-pools.yaml')), options);
}

describe('a report on node pools', () => {
  const r = gkeReport();

  test('one column per pool, with its node count and nodes', () => {
    expect(r.profiles.map(p => [p.name, p.count])).toEqual([['workers', 5], ['gpu', 2]]);
    expect(r.profiles[0].nodes).toHaveLength(5);
    expect(r.profiles[0].poolLabels).toEqual({ 'cloud.google.com/gke-nodepool': 'workers', 'node.kubernetes.io/instance-type': 'e2-standard-4' });
    expect(r.cells).toHaveLength(2 * 2);
    expect(r.cell('agents/logs', 'workers')?.scheduled).toBe(true);
    expect(r.cell('agents/gpu-metrics', 'workers')).toMatchObject({ scheduled: false, blocker: 'nodeSelector' });
  });

  test('per-node figures stay per node; totals multiply by the count', () => {
    const [workers, gpu] = r.profiles;
    expect(workers.requested).toEqual({ cpu: 0.1, memory: 128 * Mi, pods: 1 });
    expect(workers.totalRequested).toEqual({ cpu: 0.5, memory: 640 * Mi, pods: 5 });
    expect(workers.totalAllocatable.cpu).toBe(19.6);
    expect(workers.sharePercent.cpu).toBe(2.6);
    expect(gpu.totalRequested).toEqual({ cpu: 0.1, memory: 128 * Mi, pods: 2 });
    const byId = Object.fromEntries(r.daemonSets.map(d => [d.id, d]));
    // logs does not tolerate the GPU taint: it runs on the 5 workers.
    expect(byId['agents/logs']).toMatchObject({ nodeCount: 5, totalRequests: { cpu: 0.5, memory: 640 * Mi, pods: 5 } });
    expect(byId['agents/gpu-metrics']).toMatchObject({ nodeCount: 2, totalRequests: { cpu: 0.1, memory: 128 * Mi, pods: 2 } });
    expect(r.totals.nodes).toBe(7);
    expect(r.totals.requested).toEqual({ cpu: 0.6, memory: 768 * Mi, pods: 7 });
    expect(r.totals.allocatable.cpu).toBe(35.42);
    expect(r.totals.sharePercent.cpu).toBe(1.7);
  });

  test('text, markdown, HTML and JSON show the pools', () => {
    const text = r.toText();
    expect(text).toContain('2 DaemonSets on 2 node profiles (7 nodes): 0 errors, 0 warnings');
    expect(text).toMatch(/^DaemonSet +Pod Security +workers ×5 +gpu ×2$/m);
    expect(text).toMatch(/^workers ×5 +5 +500m \/ 19600m \(2\.6%\) +640Mi \/ 64\.8Gi \(1%\) +5 \/ 550 \(0\.9%\)$/m);
    expect(text).toMatch(/^all nodes +7 +600m \/ 35420m \(1\.7%\) +768Mi \/ 120\.6Gi \(0\.6%\) +7 \/ 770 \(0\.9%\)$/m);
    expect(text).toContain('  workers ×5: cloud.google.com/gke-nodepool=workers, node.kubernetes.io/instance-type=e2-standard-4; nodes gke-prod-workers-7f3c9a1e-x2kd, ');

    const md = r.toMarkdown();
    expect(md).toContain('| DaemonSet | Pod Security | `workers` ×5 | `gpu` ×2 |');
    expect(md).toContain('| all nodes | 7 | 600m / 35420m (1.7%) |');
    expect(md).toContain('### Node pools');

    const html = r.toHtml();
    expect(html).toContain('<th scope="col" class="profile" data-profile="workers" data-count="5">workers<span class="count"> ×5</span>');
    expect(html).toMatch(/<table id="totals" class="matrix">[\s\S]*<tr data-profile="gpu" data-count="2"><th scope="row">gpu ×2<\/th>/);
    expect(html).toContain('<tr class="all"><th scope="row">all nodes</th><td class="cell">7</td>');
    expect(html).toContain('<ul id="pools">');

    const json = r.toJson();
    expect(json.profiles[0]).toMatchObject({ name: 'workers', count: 5, totalRequested: { pods: 5 } });
    expect(json.totals.nodes).toBe(7);
  });

  test('without groupBy, or with none, one column per node as before', () => {
    for (const options of [{}, { groupBy: [] }]) {
      const perNode = gkeReport(options);
      expect(perNode.profiles.map(p => p.count)).toEqual([1, 1, 1, 1, 1, 1, 1]);
      expect(perNode.totals.nodes).toBe(7);
      expect(perNode.toText()).toContain('2 DaemonSets on 7 node profiles: 0 errors, 0 warnings');
      expect(perNode.toText()).not.toContain('Node pools:');
      expect(perNode.toText()).not.toContain('×');
    }
  });

  test('a split pool says why in every format', () => {
    const eks = DaemonSetTaxReport.fromManifests(AGENTS, NodeProfile.fromFile(path.join(FIXTURES, 'eks-uneven-pool.yaml')), { groupBy: NodePools.DEFAULT_GROUP_BY });
    const apps2 = eks.profiles.find(p => p.name === 'apps#2')!;
    expect(apps2.splitReason).toMatch(/^split from pool 'apps' \(4 nodes\) because its nodes differ in allocatable memory and taints: this node has/);
    expect(eks.toText()).toContain(`  apps#2 ×1: eks.amazonaws.com/nodegroup=apps, node.kubernetes.io/instance-type=m5.large; nodes ip-10-0-3-88.eu-west-1.compute.internal; ${apps2.splitReason}`);
    expect(eks.toMarkdown()).toContain('split from pool \'apps\' (4 nodes) because its nodes differ in allocatable memory and taints');
    expect(eks.toHtml()).toContain('split from pool &#39;apps&#39; (4 nodes) because its nodes differ in allocatable memory and taints');
    expect((eks.toJson().profiles as any[]).filter(p => p.splitReason !== undefined).map(p => p.name)).toEqual(['apps#1', 'apps#2', 'apps#3']);
  });

  test('findings name the pool', () => {
    const greedy = agent('greedy', '3', '1Gi');
    const report = DaemonSetTaxReport.fromManifests([greedy], NodeProfile.fromFile(path.join(FIXTURES, 'eks-uneven-pool.yaml')), { groupBy: NodePools.DEFAULT_GROUP_BY });
    expect(report.findings.map(f => f.message)).toEqual(expect.arrayContaining([expect.stringContaining("on node profile 'apps#1'")]));
    expect(report.profiles.find(p => p.name === 'default/c6g.xlarge')!.fits).toBe(true);
  });

  test('declared pools: a count of 0 adds nothing to the totals but must still fit', () => {
    const report = DaemonSetTaxReport.fromManifests(AGENTS, NodeProfile.fromFile(path.join(FIXTURES, 'profiles.yaml')));
    expect(report.profiles.map(p => [p.name, p.count])).toEqual([['workers', 12], ['system', 3], ['gpu', 2], ['windows', 0]]);
    expect(report.totals.nodes).toBe(17);
    const windows = report.profiles[3];
    expect(windows.totalAllocatable).toEqual({ cpu: 0, memory: 0, pods: 0 });
    expect(report.toText()).toMatch(/^windows ×0 +0 +0 \/ 0 +0 \/ 0 +0 \/ 0$/m);
    expect(report.toText()).not.toContain('Node pools:');
  });
});
