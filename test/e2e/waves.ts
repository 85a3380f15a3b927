/**
 * A rolling update as the pods' watch shows it, counted in waves: after every watch event, the nodes
 * that lack an available pod (Running, Ready, not being deleted). A wave is a stretch of events during
 * which at least one node lacks one; with maxUnavailable N and no surge the controller deletes up to N
 * old pods, waits for their replacements to be available, and only then starts the next wave, so the
 * count of stretches is the controller's number of replacement rounds (exact when N is 1).
 */
import type { Cluster } from './cluster';
import { isRunningReady } from './cluster';

/** What a rollout did, event by event. */
export interface WaveRecord {
  /** Stretches of events with at least one node lacking an available pod. */
  readonly waves: number;
  /** The nodes lacking an available pod in each wave, in order. */
  readonly nodesPerWave: string[][];
  /** The most nodes lacking an available pod at one moment. */
  readonly maxUnavailable: number;
  /** The most pods of the DaemonSet on one node at one moment. */
  readonly maxPodsOnOneNode: number;
  /** Watch events seen (the initial list excluded). */
  readonly events: number;
}

/** Watches the pods of one DaemonSet on a known node set and counts the rollout's waves. */
export class WaveObserver {
  private readonly pods = new Map<string, any>();
  private readonly watch: { stop: () => void; ready: Promise<void> };
  private live = false;
  private inWave = false;
  private readonly nodesPerWave: Set<string>[] = [];
  private maxUnavailable = 0;
  private maxPodsOnOneNode = 0;
  private events = 0;

  /**
   * @param nodes the nodes the DaemonSet runs on (each must carry an available pod between waves)
   * @param labelSelector the DaemonSet's selector, as `key=value,...`
   */
  public constructor(cluster: Cluster, namespace: string, labelSelector: string, private readonly nodes: string[]) {
    this.watch = cluster.watchPods(namespace, labelSelector, (e) => {
      if (e.type === 'ERROR' || e.type === 'BOOKMARK') return;
      if (e.type === 'DELETED') this.pods.delete(e.object.metadata.name);
      else this.pods.set(e.object.metadata.name, e.object);
      if (this.live) {
        this.events++;
        this.record();
      }
    });
    this.live = true;
    this.record();
  }

  /** Resolves once the watch stream is open. */
  public get ready(): Promise<void> { return this.watch.ready; }

  /** Nodes carrying an available pod, optionally only pods of `revisionHash`. */
  public availableNodes(revisionHash?: string): string[] {
    const pods = [...this.pods.values()].filter((p) => isRunningReady(p) && (!revisionHash || p.metadata.labels?.['controller-revision-hash'] === revisionHash));
    return [...new Set(pods.map((p) => p.spec.nodeName as string))].sort();
  }

  /** Stops watching and returns the record. */
  public stop(): WaveRecord {
    this.watch.stop();
    return {
      waves: this.nodesPerWave.length,
      nodesPerWave: this.nodesPerWave.map((s) => [...s].sort()),
      maxUnavailable: this.maxUnavailable,
      maxPodsOnOneNode: this.maxPodsOnOneNode,
      events: this.events,
    };
  }

  private record(): void {
    const available = new Set(this.availableNodes());
    const lacking = this.nodes.filter((n) => !available.has(n));
    this.maxUnavailable = Math.max(this.maxUnavailable, lacking.length);
    if (lacking.length > 0) {
      if (!this.inWave) this.nodesPerWave.push(new Set());
      this.inWave = true;
      for (const n of lacking) this.nodesPerWave[this.nodesPerWave.length - 1].add(n);
    } else {
      this.inWave = false;
    }
    const perNode = new Map<string, number>();
    for (const p of this.pods.values()) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    this.maxPodsOnOneNode = Math.max(this.maxPodsOnOneNode, 0, ...perNode.values());
  }
}
