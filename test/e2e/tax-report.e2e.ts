/**
 * The DaemonSet tax report's placement engine against the real DaemonSet controller and scheduler: the
 * same Node objects (read back from the API server) and the same DaemonSets (the examples plus
 * purpose-built ones exercising Gt affinity, NoExecute tolerations and a node too small for the agents).
 * For every DaemonSet, the nodes the engine places it on must be exactly the nodes the controller creates
 * pods for; and where the engine says the requests do not fit, the scheduler must leave a pod Pending.
 */
import * as path from 'path';
import * as kplus from 'cdk8s-plus-27';
import { agentProps, DaemonSet, synthAgents } from './agents';
import { Cluster, FakeNode, isRunningReady } from './cluster';
import { BASE_NODES, createNamespacesOf, exampleDistDirs, loadManifests } from './fixtures';
import { DaemonSetTaxReport, NodeProfile } from '../../src';

const cluster = Cluster.fromEnv();
const NS = 'e2e-report';
const IMAGE = 'registry.example.com/platform/agent:1.0.0';
const CPUS_LABEL = 'node.example.com/cpus';
const TINY: FakeNode = { name: 'edge-tiny', arch: 'arm64', cpu: '250m', memory: '300Mi', pods: '8', labels: { 'node-pool': 'edge' } };
const NODE_NAMES = [...BASE_NODES.map((n) => n.name), TINY.name].sort();

// One copy of each example (gitops repeats the same DaemonSets per environment).
// The console examples are left out: they request vendor accelerators (nvidia.com/gpu: 8, vke.volcengine.com/rdma,
// huawei.com/ascend-310) that none of these fake nodes has, so the engine rightly finds them unfit on every node,
// which breaks this test's premise (only the tiny node is short). examples.e2e.ts applies them to the cluster.
const examples = exampleDistDirs().filter((d) => !d.includes('gitops') && !d.split(path.sep).includes('consoles')).flatMap(loadManifests);
const purposeBuilt = synthAgents(NS, (chart) => {
  const big = new DaemonSet(chart, 'more-than-4-cpus', { ...agentProps(IMAGE), metadata: { name: 'more-than-4-cpus' } });
  big.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.gt(CPUS_LABEL, ['4'])));
  const gpu = new DaemonSet(chart, 'gpu', { ...agentProps(IMAGE), metadata: { name: 'gpu' }, nodeSelector: { accelerator: 'nvidia' } });
  gpu.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('nvidia.com/gpu', { effect: kplus.TaintEffect.NO_EXECUTE })));
  // Together with the examples' agents this no longer fits the tiny edge node.
  new DaemonSet(chart, 'edge-heavy', {
    ...agentProps(IMAGE),
    metadata: { name: 'edge-heavy' },
    nodeSelector: { 'node-pool': 'edge' },
    containers: [{ ...agentProps(IMAGE).containers![0], resources: { cpu: { request: kplus.Cpu.millis(150) } } }],
  });
});
const objects = [...examples, ...purposeBuilt];
const daemonSets = objects.filter((o) => o.kind === 'DaemonSet');
const idOf = (o: any) => `${o.metadata.namespace}/${o.metadata.name}`;

/** The node a DaemonSet pod is pinned to (the controller sets a matchFields node affinity). */
function targetNode(pod: any): string | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return pod.spec.nodeName ?? terms[0]?.matchFields?.find((f: any) => f.key === 'metadata.name')?.values?.[0];
}

/** The DaemonSet's pods that are not being deleted. */
const livePodsOf = (ds: any): any[] => cluster.podsOwnedBy(ds.metadata.namespace, ds.metadata.name, { live: true });

/** DaemonSet id → sorted names of the nodes its controller created pods for (pods not being deleted). */
function controllerPlacement(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const ds of [...daemonSets].sort((a, b) => idOf(a).localeCompare(idOf(b)))) {
    const pods = livePodsOf(ds);
    out[idOf(ds)] = pods.map(targetNode).filter((n): n is string => !!n && NODE_NAMES.includes(n)).sort();
  }
  return out;
}

let report: DaemonSetTaxReport;

beforeAll(() => {
  cluster.kubectl(['label', 'node', '--overwrite', 'worker-amd64', `${CPUS_LABEL}=8`]);
  cluster.kubectl(['label', 'node', '--overwrite', 'worker-arm64', `${CPUS_LABEL}=2`]);
  cluster.addNodes([TINY]);
  createNamespacesOf(cluster, objects);
  cluster.apply(objects);
  // The engine reads the very Node objects the scheduler sees.
  const nodes = cluster.get(['nodes']).items.filter((n: any) => NODE_NAMES.includes(n.metadata.name));
  report = DaemonSetTaxReport.fromManifests(objects, NodeProfile.fromNodeObjects(nodes));
});

afterAll(() => {
  cluster.kubectl(['delete', 'node', TINY.name, '--ignore-not-found']);
});

test('the report covers every DaemonSet and node', () => {
  expect(report.daemonSets.map((d) => d.id).sort()).toEqual(daemonSets.map(idOf).sort());
  expect(report.profiles.map((p) => p.name).sort()).toEqual(NODE_NAMES);
});

test('for every DaemonSet, the engine places it on exactly the nodes the real controller creates pods for', async () => {
  const engine: Record<string, string[]> = {};
  for (const d of [...report.daemonSets].sort((a, b) => a.id.localeCompare(b.id))) engine[d.id] = [...d.profiles].sort();
  // Sanity: the purpose-built cases mean what they say.
  expect(engine[`${NS}/more-than-4-cpus`]).toEqual(['worker-amd64']);
  expect(engine[`${NS}/gpu`]).toEqual(['gpu-noexecute']);
  expect(engine[`${NS}/edge-heavy`]).toEqual([TINY.name]);
  await cluster.waitFor('the controller placement to match the engine', () => {
    const actual = controllerPlacement();
    return JSON.stringify(actual) === JSON.stringify(engine) ? actual : undefined;
  }, { timeoutMs: 120_000, describe: () => JSON.stringify({ engine, controller: controllerPlacement() }) });
  expect(controllerPlacement()).toEqual(engine);
});

test('where the engine says the agents do not fit, the scheduler leaves a pod Pending; everywhere else every pod runs', async () => {
  const tiny = report.profiles.find((p) => p.name === TINY.name)!;
  expect(tiny.fits).toBe(false);
  expect(report.findings.filter((f) => f.ruleId === 'placement-fit/allocatable').map((f) => f.message).join('\n')).toContain(`'${TINY.name}'`);
  for (const p of report.profiles.filter((x) => x.name !== TINY.name)) {
    expect({ profile: p.name, fits: p.fits }).toEqual({ profile: p.name, fits: true });
  }

  await cluster.waitFor('the scheduler to give up on a pod on the tiny node', () => {
    const events = cluster.get(['events', '-A', '--field-selector', 'reason=FailedScheduling']).items;
    return events.some((e: any) => /Insufficient (cpu|memory)/.test(e.message)) ? true : undefined;
  }, { timeoutMs: 90_000 });
  const pods = daemonSets.flatMap(livePodsOf);
  const pendingOnTiny = pods.filter((p: any) => targetNode(p) === TINY.name && p.status.phase === 'Pending');
  expect(pendingOnTiny.length).toBeGreaterThan(0);
  await cluster.waitFor('every pod off the tiny node to run', () => {
    const notRunning = daemonSets.flatMap(livePodsOf).filter((p: any) => targetNode(p) !== TINY.name && NODE_NAMES.includes(targetNode(p) ?? '') && !isRunningReady(p));
    return notRunning.length === 0 ? true : undefined;
  });
  // The pods that did start on the tiny node request no more than it has.
  const running = pods.filter((p: any) => targetNode(p) === TINY.name && p.status.phase === 'Running');
  const podCpu = (p: any) => p.spec.containers.reduce((s: number, c: any) => s + milli(c.resources?.requests?.cpu), 0);
  const cpu = running.reduce((sum: number, p: any) => sum + podCpu(p), 0);
  expect(cpu).toBeLessThanOrEqual(250);
});

function milli(q: string | undefined): number {
  if (!q) return 0;
  return q.endsWith('m') ? Number(q.slice(0, -1)) : Number(q) * 1000;
}
