/**
 * Updates the API server accepts but that hurt the running fleet: a node agent restarted on every
 * node at once, and objects removed while pods still need them.
 */
import { daemonSetStrategy, isWholeFleetPercent, scaledValue, templateChanges } from './rollout';
import { describeIdentity, identityOf, MatchedObject } from '../../../k8s/identity';
import { podReferences } from '../../../k8s/pod-references';

type Json = { [key: string]: any };

/** A warning before the engine's fields are added. @internal */
export interface WarningHit {
  /** The current object the warning is about. */
  readonly object: Json;
  /** JSON path inside the object. */
  readonly path: string;
  /** What happens. */
  readonly message: string;
  /** What to do instead. */
  readonly hint: string;
}

/** Node count of a DaemonSet, when known. @internal */
export type NodeCountOf = (daemonSet: Json) => number | undefined;

/**
 * A DaemonSet whose pod template changes while maxUnavailable covers the whole fleet (100%, or a
 * number at least the node count) and maxSurge is 0: the controller deletes every old pod at once.
 * @internal
 */
export function allAtOnce(pair: MatchedObject, nodeCountOf: NodeCountOf): WarningHit[] {
  const { previous, current, identity } = pair;
  if (!previous || !current || identity.kind !== 'DaemonSet' || identity.group !== 'apps') return [];
  if (templateChanges('DaemonSet', previous, current).length === 0) return [];
  const strategy = daemonSetStrategy(current);
  if (strategy.type !== 'RollingUpdate') return [];
  const nodes = nodeCountOf(current);
  if ((scaledValue(strategy.maxSurge, nodes ?? 1) ?? 0) > 0) return [];
  const unavailable = strategy.maxUnavailable;
  let why: string | undefined;
  if (isWholeFleetPercent(unavailable)) why = `maxUnavailable is ${unavailable}`;
  else if (nodes !== undefined && nodes > 1 && typeof unavailable === 'number' && unavailable >= nodes) why = `maxUnavailable ${unavailable} covers all ${nodes} nodes`;
  if (why === undefined) return [];
  return [{
    object: current,
    path: 'spec.updateStrategy.rollingUpdate.maxUnavailable',
    message: `${describeIdentity(identity)} restarts on every node at once: its pod template changes and ${why}, so the controller deletes every old pod before any new one is ready`,
    hint: 'roll in waves: a smaller maxUnavailable (e.g. 10%), or maxSurge so each node keeps its agent until the new pod is ready',
  }];
}

/**
 * A DaemonSet switched from OnDelete to RollingUpdate in the same update as a pod template change:
 * the controller replaces every pod not on the new template, including those OnDelete left behind.
 * @internal
 */
export function onDeleteToRollingUpdate(pair: MatchedObject): WarningHit[] {
  const { previous, current, identity } = pair;
  if (!previous || !current || identity.kind !== 'DaemonSet' || identity.group !== 'apps') return [];
  if (daemonSetStrategy(previous).type !== 'OnDelete' || daemonSetStrategy(current).type !== 'RollingUpdate') return [];
  if (templateChanges('DaemonSet', previous, current).length === 0) return [];
  return [{
    object: current,
    path: 'spec.updateStrategy.type',
    message: `${describeIdentity(identity)} switches from OnDelete to RollingUpdate together with a pod template change: every old pod on every node is replaced by the rolling update, not only those deleted by hand`,
    hint: 'switch the strategy in one release and change the pod template in the next, or expect a full rollout',
  }];
}

const BUILT_IN_PRIORITY_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

const CONSEQUENCE: { [kind: string]: string } = {
  ConfigMap: 'new pods (after a restart, a rollout or on a new node) fail to start until it exists again',
  Secret: 'new pods (after a restart, a rollout or on a new node) fail to start until it exists again',
  ServiceAccount: 'the API server refuses to create new pods (after an eviction, a rollout or on a new node) until it exists again',
  PriorityClass: 'the API server refuses to create new pods (after an eviction, a rollout or on a new node) until it exists again',
};

/** Removed ConfigMaps, Secrets, ServiceAccounts and PriorityClasses that a current pod template still refers to. @internal */
export function removedButReferenced(pairs: MatchedObject[], current: unknown[]): WarningHit[] {
  const removed = new Set<string>();
  for (const p of pairs) {
    if (p.previous && !p.current && (p.identity.group === '' || p.identity.group === 'scheduling.k8s.io')) {
      removed.add(JSON.stringify([p.identity.kind, p.identity.namespace ?? '', p.identity.name]));
    }
  }
  if (removed.size === 0) return [];
  const hits: WarningHit[] = [];
  for (const obj of Array.isArray(current) ? current : []) {
    const id = identityOf(obj);
    if (id === undefined) continue;
    for (const ref of podReferences(obj as Json)) {
      if (ref.kind === 'PriorityClass' && BUILT_IN_PRIORITY_CLASSES.has(ref.name)) continue;
      if (ref.kind === 'ServiceAccount' && ref.name === 'default') continue;
      const ns = ref.kind === 'PriorityClass' ? '' : id.namespace ?? 'default';
      if (!removed.has(JSON.stringify([ref.kind, ns, ref.name]))) continue;
      hits.push({
        object: obj as Json,
        path: ref.path,
        message: `${ref.kind} ${ns ? `${ns}/` : ''}${ref.name} is removed, but ${describeIdentity(id)} still refers to it: ${CONSEQUENCE[ref.kind]}`,
        hint: `keep the ${ref.kind} until no pod template refers to it, or remove the reference in the same change`,
      });
    }
  }
  return hits;
}
