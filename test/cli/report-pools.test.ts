import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runReport } from '../../src/cli/report';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/validate';

const ROOT = path.join(__dirname, '..', '..');
const NODES = path.join(ROOT, 'test', 'fixtures', 'nodes');
const GKE = path.join(NODES, 'gke-pools.yaml');
const EKS = path.join(NODES, 'eks-uneven-pool.yaml');
const PROFILES = path.join(NODES, 'profiles.yaml');
const EXAMPLES = ['basic', 'logging', 'monitoring'].map(name => path.join(ROOT, 'examples', name, 'dist'));

function tmpFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-daemonsets-report-pools-')), name);
  fs.writeFileSync(file, text);
  return file;
}

function json(args: string[]): any {
  const r = runReport([...args, '--format', 'json', ...EXAMPLES]);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout);
}

describe('report groups nodes into pools', () => {
  test('by default: 5 identical workers are one column, workers ×5', () => {
    const r = runReport(['--nodes', GKE, ...EXAMPLES]);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain('3 DaemonSets on 2 node profiles (7 nodes): 0 errors, 0 warnings');
    expect(r.stdout).toMatch(/^DaemonSet +Pod Security +workers ×5 +gpu ×2$/m);
    expect(r.stdout).toMatch(/^all nodes +7 /m);
    const report = json(['--nodes', GKE]);
    expect(report.profiles.map((p: any) => [p.name, p.count, p.nodes.length])).toEqual([['workers', 5, 5], ['gpu', 2, 2]]);
    expect(report.totals.nodes).toBe(7);
  });

  test('a heterogeneous pool splits, and every format says why', () => {
    expect(json(['--nodes', EKS]).profiles.map((p: any) => `${p.name} ×${p.count}`))
      .toEqual(['apps#1 ×2', 'apps#2 ×1', 'apps#3 ×1', 'default/m5.large ×1', 'default/c6g.xlarge ×1']);
    const because = "split from pool 'apps' (4 nodes) because its nodes differ in allocatable memory and taints";
    for (const format of ['text', 'markdown']) expect(runReport(['--nodes', EKS, '--format', format, ...EXAMPLES]).stdout).toContain(because);
    expect(runReport(['--nodes', EKS, '--format', 'html', ...EXAMPLES]).stdout).toContain(because.replace(/'/g, '&#39;'));
  });

  test('--group-by none keeps one column per node', () => {
    const report = json(['--nodes', GKE, '--group-by', 'none']);
    expect(report.profiles).toHaveLength(7);
    expect(report.profiles.every((p: any) => p.count === 1 && Object.keys(p.poolLabels).length === 0)).toBe(true);
    expect(runReport(['--nodes', GKE, '--group-by', 'none', ...EXAMPLES]).stdout).toContain('3 DaemonSets on 7 node profiles: 0 errors');
  });

  test('--group-by labels: repeatable, or a comma list, tried in order', () => {
    const byZone = json(['--nodes', GKE, '--group-by', 'topology.kubernetes.io/zone']);
    // A zone's workers and GPU nodes differ in taints and allocatable: each zone splits, its parts side by side.
    expect(byZone.profiles.map((p: any) => `${p.name} ×${p.count}`)).toEqual(['europe-west1-b#1 ×2', 'europe-west1-b#2 ×1', 'europe-west1-c#1 ×2', 'europe-west1-c#2 ×1', 'europe-west1-d ×1']);
    expect(byZone.profiles[1].splitReason).toMatch(/^split from pool 'europe-west1-b' \(3 nodes\) because its nodes differ in allocatable cpu, allocatable memory, allocatable nvidia\.com\/gpu and taints: this node has cpu 7910m, /);
    const list = json(['--nodes', GKE, '--group-by', 'cloud.google.com/gke-nodepool,topology.kubernetes.io/zone']);
    const repeated = json(['--nodes', GKE, '--group-by', 'cloud.google.com/gke-nodepool', '--group-by', 'topology.kubernetes.io/zone']);
    expect(list.profiles.map((p: any) => p.name)).toEqual(repeated.profiles.map((p: any) => p.name));
    expect(list.profiles.map((p: any) => `${p.name} ×${p.count}`))
      .toEqual(['workers/europe-west1-b ×2', 'workers/europe-west1-c ×2', 'workers/europe-west1-d ×1', 'gpu/europe-west1-b ×1', 'gpu/europe-west1-c ×1']);
  });

  test.each([
    [['--group-by', 'none,cloud.google.com/gke-nodepool'], '--group-by none cannot be combined with labels: it keeps one column per node'],
    [['--group-by', 'none', '--group-by', 'agentpool'], '--group-by none cannot be combined with labels: it keeps one column per node'],
    [['--group-by', 'agentpool', '--group-by', 'none'], '--group-by none cannot be combined with labels: it keeps one column per node'],
    [['--group-by', 'a/b/c'], "--group-by a/b/c: not a label key: it may contain at most one '/'"],
    [['--group-by', ','], "--group-by ',': give a node label key such as cloud.google.com/gke-nodepool, or none"],
  ])('usage errors exit 2: %j', (args, error) => {
    const r = runReport(['--nodes', GKE, ...args, ...EXAMPLES]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toContain(`cdk8s-daemonsets report: ${error}`);
    expect(r.stderr).toContain('usage: cdk8s-daemonsets report');
  });

  test('--help documents grouping, the default labels and the node profiles format', () => {
    const help = runReport(['--help']).stdout;
    expect(help).toContain('--group-by LABEL[,LABEL]');
    expect(help).toContain('cloud.google.com/gke-nodepool, eks.amazonaws.com/nodegroup, karpenter.sh/nodepool');
    expect(help).toContain('node.kubernetes.io/instance-type');
    expect(help).toContain('docs/node-profiles.md');
    expect(help).toContain('--k8s-version 1.N');
  });
});

describe('report reads hand-written node profiles', () => {
  test('a NodeProfiles file: one column per profile with its count', () => {
    const r = runReport(['--nodes', PROFILES, ...EXAMPLES]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^DaemonSet +Pod Security +workers ×12 +system ×3 +gpu ×2 +windows ×0$/m);
    expect(r.stdout).toContain('3 DaemonSets on 4 node profiles (17 nodes)');
    expect(json(['--nodes', path.join(NODES, 'profiles.json')]).profiles.map((p: any) => p.count)).toEqual([12, 3]);
  });

  test('an invalid one exits 2 naming the file, the field, the value and what is allowed', () => {
    const bad = tmpFile('nodes.yaml', 'kind: NodeProfiles\nprofiles:\n  - name: workers\n    count: many\n    allocatable: { cpu: 2 }\n');
    const r = runReport(['--nodes', bad, ...EXAMPLES]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`cdk8s-daemonsets report: ${bad}: document 1: not a valid NodeProfiles document (docs/node-profiles.md, schemas/node-profiles.schema.json):\n`
      + "  profiles[0].count: 'many' is a string; expected integer (how many nodes the profile stands for, a whole number (0 for a pool scaled to zero); default 1)\n"
      + "  profiles[0].allocatable.memory is missing: give a non-negative Kubernetes quantity such as '3920m' or 4 (cpu), '15Gi' or '16012348Ki' (bytes), 1 (devices)\n");
  });

  test('a JSON file is read too', () => {
    const file = tmpFile('nodes.json', JSON.stringify({ kind: 'NodeProfiles', profiles: [{ name: 'tiny', count: 4, allocatable: { cpu: '250m', memory: '300Mi', pods: 8 } }] }));
    const r = runReport(['--nodes', file, '--fail-on', 'never', ...EXAMPLES]);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toMatch(/^tiny ×4 +4 +/m);
  });
});

describe('report --k8s-version', () => {
  test('a supported version is used; an unsupported one is a usage error listing the supported', () => {
    expect(runReport(['--nodes', GKE, '--k8s-version', '1.30', ...EXAMPLES]).code).toBe(EXIT_OK);
    const r = runReport(['--nodes', GKE, '--k8s-version', '1.20', ...EXAMPLES]);
    expect(r.code).toBe(EXIT_USAGE);
    expect(r.stderr).toMatch(/^cdk8s-daemonsets report: --k8s-version 1\.20 is not supported \(no shipped schemas for 1\.20\); supported: 1\.27, /);
  });

  test('the Pod Security levels follow the version', () => {
    const latest = json(['--nodes', GKE]);
    const old = json(['--nodes', GKE, '--k8s-version', '1.27']);
    expect(latest.daemonSets[0].podSecurityVersion).toBe('v1.31');
    expect(old.daemonSets[0].podSecurityVersion).toBe('v1.27');
  });
});
