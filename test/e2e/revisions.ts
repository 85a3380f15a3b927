/**
 * What a DaemonSet looks like in the cluster between two applies: its ControllerRevisions and its pods
 * (name, UID, node, `controller-revision-hash`), and a wait for a finished rollout.
 */
import type { Cluster } from './cluster';
import { isRunningReady } from './cluster';

/** A ControllerRevision of a DaemonSet. */
export interface Revision {
  readonly name: string;
  readonly revision: number;
  /** The `controller-revision-hash` label its pods carry. */
  readonly hash: string;
}

/** A pod of a DaemonSet. */
export interface PodRecord {
  readonly name: string;
  readonly uid: string;
  readonly node: string;
  readonly hash: string;
  readonly image: string;
}

/** A DaemonSet's revisions and live pods at one moment. */
export interface DaemonSetSnapshot {
  /** Sorted by revision number; the last one is the current template. */
  readonly revisions: Revision[];
  /** Live pods (not being deleted), sorted by node. */
  readonly pods: PodRecord[];
  /** `metadata.generation` of the DaemonSet. */
  readonly generation: number;
}

/** The ControllerRevisions owned by DaemonSet `name`, oldest first. */
export function revisionsOf(cluster: Cluster, namespace: string, name: string): Revision[] {
  return cluster.get(['controllerrevisions', '-n', namespace]).items
    .filter((r: any) => r.metadata.ownerReferences?.some((o: any) => o.kind === 'DaemonSet' && o.name === name))
    .map((r: any) => ({ name: r.metadata.name, revision: r.revision, hash: r.metadata.labels?.['controller-revision-hash'] ?? '' }))
    .sort((a: Revision, b: Revision) => a.revision - b.revision);
}

/** The DaemonSet's revisions and live pods now. */
export function snapshotOf(cluster: Cluster, namespace: string, name: string): DaemonSetSnapshot {
  const pods = cluster.podsOwnedBy(namespace, name, { live: true })
    .map((p: any) => ({
      name: p.metadata.name,
      uid: p.metadata.uid,
      node: p.spec.nodeName ?? '',
      hash: p.metadata.labels?.['controller-revision-hash'] ?? '',
      image: p.spec.containers[0]?.image ?? '',
    }))
    .sort((a: PodRecord, b: PodRecord) => a.node.localeCompare(b.node));
  const generation = cluster.get(['daemonset', '-n', namespace, name]).metadata.generation;
  return { revisions: revisionsOf(cluster, namespace, name), pods, generation };
}

/** The pod UIDs of a snapshot, sorted (equal UIDs: no pod was replaced). */
export function podUids(s: DaemonSetSnapshot): string[] {
  return s.pods.map((p) => p.uid).sort();
}

/**
 * Waits until the controller has observed the DaemonSet's current generation and every node it
 * selects runs exactly one Running, Ready pod of the newest ControllerRevision; returns the snapshot.
 */
export async function rolledOut(cluster: Cluster, namespace: string, name: string, timeoutMs = 60_000): Promise<DaemonSetSnapshot> {
  const describe = () => {
    const ds = cluster.get(['daemonset', '-n', namespace, name]);
    return JSON.stringify({ status: ds.status, revisions: revisionsOf(cluster, namespace, name), pods: snapshotOf(cluster, namespace, name).pods });
  };
  return cluster.waitFor(`DaemonSet ${namespace}/${name} rolled out`, () => {
    const ds = cluster.get(['daemonset', '-n', namespace, name]);
    const s = ds.status ?? {};
    const desired = s.desiredNumberScheduled ?? 0;
    if (s.observedGeneration !== ds.metadata.generation || desired === 0) return undefined;
    if (s.updatedNumberScheduled !== desired || s.numberAvailable !== desired || s.numberReady !== desired) return undefined;
    const revisions = revisionsOf(cluster, namespace, name);
    const current = revisions[revisions.length - 1]?.hash;
    const pods = cluster.podsOwnedBy(namespace, name);
    if (pods.length !== desired || !pods.every((p: any) => isRunningReady(p) && p.metadata.labels?.['controller-revision-hash'] === current)) return undefined;
    return snapshotOf(cluster, namespace, name);
  }, { timeoutMs, describe });
}
