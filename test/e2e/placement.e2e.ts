/**
 * Where the real scheduler and DaemonSet controller put the pods of DaemonSets built with this library:
 * node selectors, required node affinity, tolerations against NoSchedule and NoExecute taints, nodes
 * joining, being tainted and leaving.
 */
import * as kplus from 'cdk8s-plus-27';
import { agentProps, DaemonSet, synthAgents } from './agents';
import { Cluster } from './cluster';
import { BASE_NODES, LINUX_NODES } from './fixtures';
import { NodePlacement } from '../../src';

const cluster = Cluster.fromEnv();
const NS = 'e2e-placement';
const IMAGE = 'registry.example.com/platform/agent:1.0.0';
const ALL = BASE_NODES.map((n) => n.name).sort();
const LATE = 'worker-late';

const objects = synthAgents(NS, (chart) => {
  // No placement at all: the scheduler keeps it off every tainted node.
  new DaemonSet(chart, 'untainted-only', { ...agentProps(IMAGE), metadata: { name: 'untainted-only' } });
  new DaemonSet(chart, 'all-nodes', { ...agentProps(IMAGE), metadata: { name: 'all-nodes' }, placement: [NodePlacement.allNodes()] });
  new DaemonSet(chart, 'linux-and-control-plane', {
    ...agentProps(IMAGE),
    metadata: { name: 'linux-and-control-plane' },
    placement: [NodePlacement.controlPlaneToo(), NodePlacement.linuxOnly()],
  });
  new DaemonSet(chart, 'arm64-only', { ...agentProps(IMAGE), metadata: { name: 'arm64-only' }, placement: [NodePlacement.architecture('arm64')] });
  const gpu = new DaemonSet(chart, 'gpu', { ...agentProps(IMAGE), metadata: { name: 'gpu' }, nodeSelector: { accelerator: 'nvidia' } });
  gpu.scheduling.tolerate(kplus.Node.tainted(kplus.NodeTaintQuery.exists('nvidia.com/gpu', { effect: kplus.TaintEffect.NO_EXECUTE })));
  // Required node affinity with NotIn: also matches nodes without the label.
  const notM5 = new DaemonSet(chart, 'not-m5', { ...agentProps(IMAGE), metadata: { name: 'not-m5' } });
  notM5.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.notIn('node.kubernetes.io/instance-type', ['m5.xlarge'])));
});

const UNTAINTED = ['worker-amd64', 'worker-arm64', 'windows', 'virtual-kubelet'].sort();
const EXPECTED: Record<string, string[]> = {
  'untainted-only': UNTAINTED,
  'all-nodes': ALL,
  'linux-and-control-plane': LINUX_NODES.filter((n) => n !== 'gpu-noexecute'),
  'arm64-only': ['worker-arm64'],
  'gpu': ['gpu-noexecute'],
  'not-m5': UNTAINTED.filter((n) => n !== 'worker-amd64'),
};

function settled(expected: Record<string, string[]>, timeoutMs = 120_000): Promise<unknown> {
  const actual = () => Object.fromEntries(Object.keys(expected).map((name) => [name, cluster.runningNodes(NS, name)]));
  return cluster.waitFor('every DaemonSet on its expected nodes', () => {
    const now = actual();
    return Object.keys(expected).every((k) => JSON.stringify(now[k]) === JSON.stringify(expected[k])) ? now : undefined;
  }, { timeoutMs, describe: () => JSON.stringify(actual()) });
}

beforeAll(() => {
  cluster.createNamespace(NS);
  cluster.apply(objects);
});

afterAll(() => {
  try { cluster.kubectl(['delete', 'node', LATE, '--ignore-not-found']); } catch { /* best effort */ }
});

test('each DaemonSet runs exactly on the nodes its selector, affinity and tolerations allow', async () => {
  await settled(EXPECTED);
  for (const [name, nodes] of Object.entries(EXPECTED)) {
    expect({ name, nodes: cluster.runningNodes(NS, name) }).toEqual({ name, nodes });
    const status = cluster.get(['daemonset', '-n', NS, name]).status;
    expect({ name, desired: status.desiredNumberScheduled, ready: status.numberReady, misscheduled: status.numberMisscheduled })
      .toEqual({ name, desired: nodes.length, ready: nodes.length, misscheduled: 0 });
  }
});

test('a joining node gets a pod of every DaemonSet that matches it', async () => {
  cluster.addNodes([{ name: LATE, arch: 'amd64' }]);
  const withLate = (names: string[]) =>
    Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, names.includes(k) ? [...v, LATE].sort() : v]));
  await settled(withLate(['untainted-only', 'all-nodes', 'linux-and-control-plane', 'not-m5']));
});

test('a NoExecute taint evicts the pods that do not tolerate it, and the controller does not recreate them', async () => {
  cluster.kubectl(['taint', 'node', LATE, 'maintenance=true:NoExecute']);
  const expected = Object.fromEntries(Object.entries(EXPECTED).map(([k, v]) => [k, k === 'all-nodes' ? [...v, LATE].sort() : v]));
  await settled(expected);
  const status = cluster.get(['daemonset', '-n', NS, 'untainted-only']).status;
  expect(status.desiredNumberScheduled).toBe(EXPECTED['untainted-only'].length);
});

test('a leaving node loses its pods (pod garbage collection) and the counts follow', async () => {
  cluster.kubectl(['delete', 'node', LATE]);
  await settled(EXPECTED, 180_000);
  for (const [name, nodes] of Object.entries(EXPECTED)) {
    const pods = cluster.podsOwnedBy(NS, name);
    expect({ name, nodes: pods.map((p: any) => p.spec.nodeName).sort() }).toEqual({ name, nodes });
    expect(cluster.get(['daemonset', '-n', NS, name]).status.desiredNumberScheduled).toBe(nodes.length);
  }
});
