/**
 * A rolling update as the pods' watch shows it, counted in waves. After every watch event each node is
 * done (it carries an available pod of the new template), untouched (an available old pod, nothing else)
 * or being replaced (anything else: an old pod being deleted, a new pod not yet available, no available
 * pod). A wave is a stretch of events during which at least one node is being replaced. Without surge
 * the controller deletes up to maxUnavailable old pods and starts the next ones only when their
 * replacements are available; with surge it starts up to maxSurge new pods and deletes each old pod
 * once its replacement is available, in the same sync as it starts the next. Either way the count of
 * stretches is the controller's number of replacement rounds (exact when one pod is replaced at a time;
 * with more, rounds whose pods become available at different moments merge).
 */
import type { Cluster } from './cluster';
import { isRunningReady } from './cluster';

/** What a rollout did, event by event. */
export interface WaveRecord {
  /** Stretches of events with at least one node being replaced. */
  readonly waves: number;
  /** The nodes being replaced in each wave, in order. */
  readonly nodesPerWave: string[][];
  /** The most nodes lacking an available pod at one moment. */
  readonly maxUnavailable: number;
  /** The most pods of the DaemonSet on one node at one moment. */
  readonly maxPodsOnOneNode: number;
  /**
   * Rounds of old-pod deletions: a deletion starts a new round when a new pod became available since
   * the previous deletion (what the controller waits for between waves).
   */
  readonly deletionRounds: number;
  /** Old pods whose deletion each round began, in order. */
  readonly deletionsPerRound: number[];
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
  private readonly deletionsPerRound: number[] = [];
  private readonly deleting = new Set<string>();
  private readonly availableNew = new Set<string>();
  private newAvailableSinceDeletion = true;

  /**
   * @param labelSelector the DaemonSet's selector, as `key=value,...`
   * @param nodes the nodes the DaemonSet runs on
   * @param oldHash the `controller-revision-hash` of the pods before the update
   */
  public constructor(cluster: Cluster, namespace: string, labelSelector: string, private readonly nodes: string[], private readonly oldHash: string) {
    this.watch = cluster.watchPods(namespace, labelSelector, (e) => {
      if (e.type === 'ERROR' || e.type === 'BOOKMARK') return;
      if (e.type === 'DELETED') this.pods.delete(e.object.metadata.name);
      else this.pods.set(e.object.metadata.name, e.object);
      if (this.live) {
        this.events++;
        this.countDeletion(e.object, e.type === 'DELETED');
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
      deletionRounds: this.deletionsPerRound.length,
      deletionsPerRound: [...this.deletionsPerRound],
      events: this.events,
    };
  }

  private countDeletion(pod: any, deleted: boolean): void {
    const name = pod.metadata.name;
    const isNew = pod.metadata.labels?.['controller-revision-hash'] !== this.oldHash;
    if (isNew && isRunningReady(pod) && !this.availableNew.has(name)) {
      this.availableNew.add(name);
      this.newAvailableSinceDeletion = true;
    }
    if (!isNew && (deleted || pod.metadata.deletionTimestamp) && !this.deleting.has(name)) {
      this.deleting.add(name);
      if (this.newAvailableSinceDeletion) this.deletionsPerRound.push(0);
      this.newAvailableSinceDeletion = false;
      this.deletionsPerRound[this.deletionsPerRound.length - 1]++;
    }
  }

  private replacing(node: string): boolean {
    const pods = [...this.pods.values()].filter((p) => p.spec.nodeName === node);
    const isNew = (p: any) => p.metadata.labels?.['controller-revision-hash'] !== this.oldHash;
    if (pods.some((p) => isNew(p) && isRunningReady(p))) return false;
    return pods.length !== 1 || !isRunningReady(pods[0]) || isNew(pods[0]);
  }

  private record(): void {
    const available = new Set(this.availableNodes());
    this.maxUnavailable = Math.max(this.maxUnavailable, this.nodes.filter((n) => !available.has(n)).length);
    const replacing = this.nodes.filter((n) => this.replacing(n));
    if (replacing.length > 0) {
      if (!this.inWave) this.nodesPerWave.push(new Set());
      this.inWave = true;
      for (const n of replacing) this.nodesPerWave[this.nodesPerWave.length - 1].add(n);
    } else {
      this.inWave = false;
    }
    const perNode = new Map<string, number>();
    for (const p of this.pods.values()) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    this.maxPodsOnOneNode = Math.max(this.maxPodsOnOneNode, 0, ...perNode.values());
  }
}
