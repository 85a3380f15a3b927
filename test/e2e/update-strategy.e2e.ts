/**
 * Update strategies under the real DaemonSet controller. A new image is rolled out the GitOps way
 * (re-synthesize, server-side apply) while a watch on the pods records, after every event, how many nodes
 * lack an available pod and how many carry two.
 */
import * as kplus from 'cdk8s-plus-27';
import { agentProps, DaemonSet, daemonSetNamed, synthAgents } from './agents';
import { Cluster, isRunningReady } from './cluster';
import { BASE_NODES } from './fixtures';
import { DaemonSetUpdateStrategy, NodePlacement } from '../../src';

const cluster = Cluster.fromEnv();
const NS = 'e2e-update';
const V1 = 'registry.example.com/platform/agent:1.0.0';
const V2 = 'registry.example.com/platform/agent:2.0.0';
const NODES = BASE_NODES.map((n) => n.name).sort();

function synth(image: string): any[] {
  return synthAgents(NS, (chart) => {
    const common = { placement: [NodePlacement.allNodes()] };
    new DaemonSet(chart, 'rolling', {
      ...agentProps(image, common),
      metadata: { name: 'rolling' },
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(1) }),
    });
    new DaemonSet(chart, 'surge', {
      ...agentProps(image, common),
      metadata: { name: 'surge' },
      updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
        maxSurge: kplus.PercentOrAbsolute.absolute(1),
        maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      }),
    });
    new DaemonSet(chart, 'on-delete', { ...agentProps(image, common), metadata: { name: 'on-delete' }, updateStrategy: DaemonSetUpdateStrategy.onDelete() });
  });
}

const imageOf = (pod: any) => pod.spec.containers[0].image;
// The DaemonSet's own selector (labels derived from its name), as a kubectl label selector.
const selectorOf = (name: string) => Object.entries(daemonSetNamed(synth(V1), name).spec.selector.matchLabels as Record<string, string>)
  .map(([k, v]) => `${k}=${v}`).join(',');

/** Pods of a DaemonSet, by name, kept current by a watch; records the worst moments of a rollout. */
class RolloutObserver {
  public readonly pods = new Map<string, any>();
  public maxUnavailable = 0;
  public maxPodsOnOneNode = 0;
  public events = 0;
  private readonly watch: { stop: () => void; ready: Promise<void> };
  /** False while the initial list is being loaded (pod by pod, which is not a moment of the rollout). */
  private live = false;

  public constructor(name: string) {
    this.watch = cluster.watchPods(NS, selectorOf(name), (e) => {
      if (e.type === 'ERROR' || e.type === 'BOOKMARK') return;
      this.events++;
      if (e.type === 'DELETED') this.pods.delete(e.object.metadata.name);
      else this.pods.set(e.object.metadata.name, e.object);
      if (this.live) this.record();
    });
    this.live = true;
    this.record();
  }

  public get ready(): Promise<void> { return this.watch.ready; }

  /** Waits until the watch has seen a Ready `image` pod on every node (it may trail a direct read). */
  public async caughtUp(image: string): Promise<void> {
    await cluster.waitFor(`the watch to see ${image} on every node`, () => (this.availableNodes(image).length === NODES.length ? true : undefined), {
      timeoutMs: 30_000,
      describe: () => JSON.stringify(this.availableNodes(image)),
    });
  }
  public stop(): void { this.watch.stop(); }

  /** Nodes with a Running, Ready pod not being deleted. */
  public availableNodes(image?: string): string[] {
    const pods = [...this.pods.values()].filter((p) => isRunningReady(p) && (!image || imageOf(p) === image));
    return [...new Set(pods.map((p) => p.spec.nodeName))].sort();
  }

  private record(): void {
    this.maxUnavailable = Math.max(this.maxUnavailable, NODES.length - this.availableNodes().length);
    const perNode = new Map<string, number>();
    for (const p of this.pods.values()) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    this.maxPodsOnOneNode = Math.max(this.maxPodsOnOneNode, ...perNode.values());
  }
}

async function allOn(name: string, image: string, timeoutMs = 120_000): Promise<void> {
  await cluster.waitFor(`${name}: a Ready ${image} pod on every node`, () => {
    const pods = cluster.get(['pods', '-n', NS, '-l', selectorOf(name)]).items;
    const ok = pods.filter((p: any) => isRunningReady(p) && imageOf(p) === image);
    return pods.length === NODES.length && ok.length === NODES.length ? true : undefined;
  }, { timeoutMs, describe: () => JSON.stringify(cluster.get(['pods', '-n', NS, '-l', selectorOf(name)]).items.map((p: any) => [p.spec.nodeName, imageOf(p), p.status.phase, !!p.metadata.deletionTimestamp])) });
}

beforeAll(async () => {
  cluster.createNamespace(NS);
  cluster.apply(synth(V1));
  for (const name of ['rolling', 'surge', 'on-delete']) await allOn(name, V1);
});

test('RollingUpdate with maxUnavailable 1: the new image reaches every node, never more than one node without an available pod', async () => {
  const obs = new RolloutObserver('rolling');
  await obs.ready;
  expect(obs.maxUnavailable).toBe(0);
  cluster.apply([daemonSetNamed(synth(V2), 'rolling')]);
  await allOn('rolling', V2);
  await obs.caughtUp(V2);
  obs.stop();
  expect(obs.availableNodes(V2)).toEqual(NODES);
  expect(obs.maxUnavailable).toBe(1);
  // No surge: a node never had two pods at once.
  expect(obs.maxPodsOnOneNode).toBe(1);
  expect(cluster.get(['daemonset', '-n', NS, 'rolling']).status.updatedNumberScheduled).toBe(NODES.length);
});

test('RollingUpdate with maxSurge 1 and maxUnavailable 0: every node keeps an available pod throughout', async () => {
  const obs = new RolloutObserver('surge');
  await obs.ready;
  cluster.apply([daemonSetNamed(synth(V2), 'surge')]);
  await allOn('surge', V2);
  await obs.caughtUp(V2);
  obs.stop();
  expect(obs.availableNodes(V2)).toEqual(NODES);
  expect(obs.maxUnavailable).toBe(0);
  // The surge pod starts beside the old one before the old one goes.
  expect(obs.maxPodsOnOneNode).toBe(2);
});

test('OnDelete: a new template replaces nothing until a pod is deleted, then only that pod', async () => {
  cluster.apply([daemonSetNamed(synth(V2), 'on-delete')]);
  const generation = cluster.get(['daemonset', '-n', NS, 'on-delete']).metadata.generation;
  await cluster.waitFor('the controller observed the new template', () => {
    const s = cluster.get(['daemonset', '-n', NS, 'on-delete']).status;
    return s.observedGeneration === generation ? s : undefined;
  });
  // Give the controller time to (wrongly) act, then check nothing was replaced.
  await new Promise((r) => setTimeout(r, 5000));
  const before = cluster.get(['pods', '-n', NS, '-l', selectorOf('on-delete')]).items;
  expect(before.map(imageOf)).toEqual(NODES.map(() => V1));
  expect(cluster.get(['daemonset', '-n', NS, 'on-delete']).status.updatedNumberScheduled ?? 0).toBe(0);

  const victim = before.find((p: any) => p.spec.nodeName === 'worker-amd64');
  cluster.kubectl(['delete', 'pod', '-n', NS, victim.metadata.name, '--wait=true']);
  const after = await cluster.waitFor('a replacement pod on worker-amd64', () => {
    const pods = cluster.get(['pods', '-n', NS, '-l', selectorOf('on-delete')]).items;
    const replacement = pods.find((p: any) => p.spec.nodeName === 'worker-amd64' && p.metadata.name !== victim.metadata.name && isRunningReady(p));
    return replacement ? pods : undefined;
  });
  const images = Object.fromEntries(after.map((p: any) => [p.spec.nodeName, imageOf(p)]));
  expect(images).toEqual(Object.fromEntries(NODES.map((n) => [n, n === 'worker-amd64' ? V2 : V1])));
});
