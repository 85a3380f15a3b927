/**
 * What an update does to the running pods of a workload: whether its pod template changed, and
 * for a DaemonSet how the controller rolls it (k8s.io/kubernetes v1.37.2
 * `pkg/controller/daemon/update.go` `rollingUpdate` and `updatedDesiredNodeCounts`,
 * `pkg/controller/daemon/util` `SurgeCount`/`UnavailableCount`).
 */
import { changedPaths } from './json-paths';
import { isObject } from '../../../k8s/shape';

type Json = { [key: string]: any };

/** Where the pod template of each workload kind lives. @internal */
const TEMPLATE_PATHS: { [kind: string]: string[] } = {
  DaemonSet: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/** The JSON path of the pod template of `kind`, or undefined for kinds without one. @internal */
export function templatePath(kind: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(TEMPLATE_PATHS, kind) ? TEMPLATE_PATHS[kind].join('.') : undefined;
}

/** The JSON paths (from the object's root) where the pod template changed; empty when it did not or the kind has none. @internal */
export function templateChanges(kind: string, previous: Json, current: Json): string[] {
  const path = templatePath(kind);
  if (path === undefined) return [];
  const get = (o: Json) => TEMPLATE_PATHS[kind].reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), o);
  return changedPaths(get(previous), get(current), path);
}

/** A DaemonSet's update strategy with the API defaults applied (`SetDefaults_DaemonSet`). @internal */
export interface DaemonSetStrategy {
  /** `RollingUpdate` (the default) or `OnDelete` (or whatever else the manifest says). */
  readonly type: string;
  /** `maxUnavailable` as written, default 1. */
  readonly maxUnavailable: unknown;
  /** `maxSurge` as written, default 0. */
  readonly maxSurge: unknown;
  /** `spec.minReadySeconds`, default 0. */
  readonly minReadySeconds: number;
}

/** The update strategy of a DaemonSet manifest, defaulted. @internal */
export function daemonSetStrategy(ds: Json): DaemonSetStrategy {
  const spec = isObject(ds.spec) ? ds.spec : {};
  const strategy = isObject(spec.updateStrategy) ? spec.updateStrategy : {};
  const rolling = isObject(strategy.rollingUpdate) ? strategy.rollingUpdate : {};
  const type = typeof strategy.type === 'string' && strategy.type !== '' ? strategy.type : 'RollingUpdate';
  const minReady = spec.minReadySeconds;
  return {
    type,
    maxUnavailable: rolling.maxUnavailable ?? 1,
    maxSurge: rolling.maxSurge ?? 0,
    minReadySeconds: typeof minReady === 'number' && Number.isFinite(minReady) && minReady > 0 ? minReady : 0,
  };
}

/**
 * An int-or-percent scaled against `total` with round-up (`intstr.GetScaledValueFromIntOrPercent(v, total, true)`);
 * undefined when the value is neither a non-negative integer nor a string `N%`.
 * @internal
 */
export function scaledValue(value: unknown, total: number): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^([0-9]+)%$/.exec(value);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : undefined;
}

/** Whether `value` is a percentage of 100 or more. @internal */
export function isWholeFleetPercent(value: unknown): boolean {
  const m = typeof value === 'string' ? /^([0-9]+)%$/.exec(value) : null;
  return m !== null && Number(m[1]) >= 100;
}

/** How a DaemonSet rolling update proceeds on `nodes` nodes. @internal */
export interface WavePlan {
  /** The nodes the DaemonSet runs on (`desiredNumberScheduled`). */
  readonly nodes: number;
  /** Whether the controller surges (starts the new pod before deleting the old one). */
  readonly surge: boolean;
  /** Pods replaced at a time: the scaled maxSurge when surging, else the scaled maxUnavailable. */
  readonly perWave: number;
  /** Waves: `ceil(nodes / perWave)`; 0 with no nodes. */
  readonly waves: number;
}

/**
 * The waves of a DaemonSet rolling update on `nodes` nodes: maxUnavailable and maxSurge scaled with
 * round-up against the node count; both 0 falls back to maxUnavailable 1 (as the controller does);
 * with maxSurge > 0 the controller creates up to maxSurge new pods at once and deletes each old pod
 * when its replacement is available; otherwise it deletes up to maxUnavailable old pods at once.
 * Undefined for OnDelete, an invalid value or a negative node count.
 * @internal
 */
export function wavePlan(strategy: DaemonSetStrategy, nodes: number): WavePlan | undefined {
  if (strategy.type !== 'RollingUpdate' || !Number.isInteger(nodes) || nodes < 0) return undefined;
  let unavailable = scaledValue(strategy.maxUnavailable, nodes);
  const surge = scaledValue(strategy.maxSurge, nodes);
  if (unavailable === undefined || surge === undefined) return undefined;
  if (nodes > 0 && unavailable === 0 && surge === 0) unavailable = 1;
  const perWave = Math.min(surge > 0 ? surge : unavailable, nodes);
  return { nodes, surge: surge > 0, perWave, waves: nodes === 0 ? 0 : Math.ceil(nodes / perWave) };
}
