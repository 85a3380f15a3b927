/**
 * What `cdk8s-daemonsets diff` reports per object: the kind of change, whether it replaces running
 * pods (and why not), the config checksum changes behind a rollout, the rollout waves of a
 * DaemonSet, and the changes the API server will refuse (from the upgrade-safety rule family).
 */
import { CONFIG_CHECKSUM_PREFIX } from '../../config-checksum';
import { identityOf } from '../../k8s/identity';
import { podReferences } from '../../k8s/pod-references';
import { asObject, isObject } from '../../k8s/shape';
import { checkUpgradeSafety, describeIdentity, IMMUTABLE_FIELD_RULE, matchObjects, MatchedObject, ObjectIdentity, UpgradeSafetyFinding } from '../../validation/rules/upgrade-safety';
import { changedPaths } from '../../validation/rules/upgrade-safety/json-paths';
import { daemonSetStrategy, DaemonSetStrategy, templateChanges, templatePath, wavePlan } from '../../validation/rules/upgrade-safety/rollout';

type Json = { [key: string]: any };

/** How an object changes between the two inputs. */
export type ChangeKind = 'added' | 'removed' | 'modified' | 'unchanged';

/** A ConfigMap or Secret whose config checksum annotation changed on a pod template. */
export interface ConfigChange {
  /** `ConfigMap` or `Secret`. */
  readonly kind: string;
  /** Its name, as far as the annotation key tells (long names are shortened with a hash suffix). */
  readonly name: string;
  /** `changed` (new data), `added` (newly consumed) or `removed` (no longer consumed). */
  readonly change: 'changed' | 'added' | 'removed';
}

/** One object of the diff: the JSON contract's fields (see `runDiff`). */
export interface DiffObject {
  /** `apiVersion` of the after side (of the before side for a removed object). */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** `null` for cluster-scoped kinds; `default` for namespaced objects that set none. */
  readonly namespace: string | null;
  /** `metadata.name`. */
  readonly name: string;
  /** How the object changes. */
  readonly change: ChangeKind;
  /** Whether the update replaces running pods. */
  readonly rollout: boolean;
  /** The changed pod template paths that roll the pods (empty when `rollout` is false). */
  readonly rolloutPaths: string[];
  /** Paths the API server refuses to change. */
  readonly immutablePaths: string[];
  /**
   * DaemonSet rollout waves, when the node count is known and the update rolls pods: the FEWEST rounds the
   * controller can take, `ceil(nodes / perWave)`. Exact when one pod is replaced at a time; with a larger
   * batch the controller refills its budget as each replacement becomes available, so a rollout may take
   * more, smaller rounds (never more than `maxAtOnce` nodes at a time).
   */
  readonly waves: number | null;
  /** Pods replaced at a time at most (the scaled maxSurge when surging, else the scaled maxUnavailable), when known. */
  readonly maxAtOnce: number | null;
  /** The nodes the DaemonSet runs on, when known. */
  readonly nodes: number | null;
  /** Every changed JSON path of a modified object. */
  readonly changedPaths: string[];
  /** Config checksum annotation changes on the pod template. */
  readonly configChanges: ConfigChange[];
  /** Sentences on what the change does (rollout plan, why pods do not roll, refusals, warnings). */
  readonly notes: string[];
}

/** Options of `buildDiff`. */
export interface DiffOptions {
  /** The nodes a DaemonSet (the current version) runs on; undefined when unknown. */
  readonly nodeCountOf?: (daemonSet: Json) => number | undefined;
}

/** The whole diff. */
export interface DiffResult {
  /** Every object of either input, sorted: cluster-scoped first, then by namespace, kind, name, group. */
  readonly objects: DiffObject[];
  /** Upgrade-safety findings (refusals and warnings). */
  readonly findings: UpgradeSafetyFinding[];
}

/** Diffs two sets of manifests. */
export function buildDiff(before: unknown[], after: unknown[], options: DiffOptions = {}): DiffResult {
  const nodeCountOf = options.nodeCountOf ?? (() => undefined);
  const findings = checkUpgradeSafety(before, after, { nodeCount: nodeCountOf });
  const objects = matchObjects(before, after).map(pair => diffObject(pair, findings.filter(f => sameObject(f, pair.identity)), nodeCountOf));
  return { objects: objects.map(o => withConsumers(o, objects, after)), findings };
}

/**
 * A modified ConfigMap or Secret with a note per current workload that consumes it: whether that
 * workload rolls through its config checksum, or keeps running with the old values.
 */
function withConsumers(o: DiffObject, objects: DiffObject[], after: unknown[]): DiffObject {
  if (o.change !== 'modified' || (o.kind !== 'ConfigMap' && o.kind !== 'Secret') || o.apiVersion !== 'v1') return o;
  if (!o.changedPaths.some(p => /^(data|binaryData|stringData)\b/.test(p))) return o;
  const notes: string[] = [];
  for (const obj of Array.isArray(after) ? after : []) {
    const id = identityOf(obj);
    if (id === undefined || id.namespace !== o.namespace) continue;
    if (!podReferences(obj as Json).some(r => r.kind === o.kind && r.name === o.name)) continue;
    const consumer = objects.find(d => d.kind === id.kind && d.name === id.name && d.namespace === o.namespace && d.apiVersion === id.apiVersion);
    const rolls = consumer?.configChanges.some(c => c.kind === o.kind && c.name === o.name && c.change === 'changed') && consumer.rollout;
    notes.push(rolls
      ? `consumed by ${describeIdentity(id)}, which rolls through its config checksum`
      : `consumed by ${describeIdentity(id)}, which does not roll for it: running pods keep environment values until restarted (mounted files update after the kubelet's sync)`);
  }
  return notes.length === 0 ? o : { ...o, notes: [...o.notes, ...notes] };
}

function sameObject(f: UpgradeSafetyFinding, id: ObjectIdentity): boolean {
  return f.kind === id.kind && f.name === id.name && f.namespace === id.namespace && identityGroup(f.object) === id.group;
}

function identityGroup(obj: Json): string {
  const v = typeof obj.apiVersion === 'string' ? obj.apiVersion : '';
  return v.includes('/') ? v.slice(0, v.lastIndexOf('/')) : '';
}

function diffObject(pair: MatchedObject, findings: UpgradeSafetyFinding[], nodeCountOf: (ds: Json) => number | undefined): DiffObject {
  const { identity: id, previous, current } = pair;
  const base = { apiVersion: id.apiVersion, kind: id.kind, namespace: id.namespace ?? null, name: id.name };
  const isDaemonSet = id.kind === 'DaemonSet' && id.group === 'apps';
  const nodes = isDaemonSet && current ? nodeCountOf(current) ?? null : null;
  const empty = { rollout: false, rolloutPaths: [], immutablePaths: [], waves: null, maxAtOnce: null, nodes, changedPaths: [], configChanges: [] };
  if (!previous) return { ...base, change: 'added', ...empty, notes: addedNotes(id, nodes) };
  if (!current) return { ...base, change: 'removed', ...empty, notes: templatePath(id.kind) ? [`deletes its pods${isDaemonSet ? ' on every node' : ''}`] : [] };
  const paths = changedPaths(previous, current);
  if (paths.length === 0) return { ...base, change: 'unchanged', ...empty, notes: [] };
  const immutablePaths = findings.filter(f => f.ruleId === IMMUTABLE_FIELD_RULE).map(f => f.path);
  const notes: string[] = findings.map(f => `${f.severity === 'error' ? 'refused' : 'warning'}: ${f.message}`);
  const templatePaths = templateChanges(id.kind, previous, current);
  const rolls = immutablePaths.length > 0 && templatePaths.length > 0
    ? { rollout: false, note: 'the API server refuses this update, so nothing rolls; deleting and recreating the object instead replaces every pod at once' }
    : rollsPods(id, current, templatePaths);
  if (rolls.note) notes.unshift(rolls.note);
  let waves: number | null = null;
  let maxAtOnce: number | null = null;
  if (rolls.rollout && isDaemonSet) {
    const plan = rolloutNote(daemonSetStrategy(current), nodes);
    waves = plan.waves;
    maxAtOnce = plan.maxAtOnce;
    notes.unshift(plan.note);
  }
  if (templatePath(id.kind) && templatePaths.length === 0) notes.unshift('no pod template change: running pods are not restarted');
  if (paths.every(p => p.startsWith('metadata.') || p === 'metadata')) notes.unshift('metadata-only change: a no-op for pods');
  const config = configChanges(id, previous, current);
  notes.unshift(...config.map(c => `${c.kind} ${c.name} ${c.change === 'changed' ? 'changed' : c.change === 'added' ? 'is now consumed' : 'is no longer consumed'} (config checksum annotation)`));
  return {
    ...base,
    change: 'modified',
    rollout: rolls.rollout,
    rolloutPaths: rolls.rollout ? templatePaths : [],
    immutablePaths,
    maxAtOnce,
    waves,
    nodes,
    changedPaths: paths,
    configChanges: config,
    notes,
  };
}

function addedNotes(id: ObjectIdentity, nodes: number | null): string[] {
  if (id.kind === 'DaemonSet') return [`creates a pod on every node it selects${nodes !== null ? ` (${nodes} nodes)` : ''}`];
  return templatePath(id.kind) ? ['creates its pods'] : [];
}

/** Whether a template change replaces running pods, by kind and update strategy. */
function rollsPods(id: ObjectIdentity, current: Json, templatePaths: string[]): { rollout: boolean; note?: string } {
  if (templatePaths.length === 0) return { rollout: false };
  const strategyType = asObject(asObject(current.spec).updateStrategy).type;
  switch (id.kind) {
    case 'DaemonSet':
    case 'StatefulSet':
      if (strategyType === 'OnDelete') {
        return { rollout: false, note: `updateStrategy OnDelete: the pod template changes but running pods keep the old template until each is deleted (${describeIdentity(id)} does not roll)` };
      }
      return { rollout: true };
    case 'Deployment':
      return { rollout: true };
    case 'ReplicaSet':
      return { rollout: false, note: 'a ReplicaSet does not replace running pods when its template changes; only new pods get it' };
    case 'CronJob':
      return { rollout: false, note: 'the next Job runs with the new template; running Jobs are not replaced' };
    default:
      return { rollout: false, note: 'the pod template changes; running pods are not replaced by a controller' };
  }
}

function rolloutNote(strategy: DaemonSetStrategy, nodes: number | null): { waves: number | null; maxAtOnce: number | null; note: string } {
  const settings = `maxUnavailable ${String(strategy.maxUnavailable)}, maxSurge ${String(strategy.maxSurge)}`;
  const ready = strategy.minReadySeconds > 0
    ? `each wave waits until the new pods are ready and then minReadySeconds ${strategy.minReadySeconds}s more`
    : 'each wave waits until the new pods are ready (minReadySeconds 0)';
  if (nodes === null) return { waves: null, maxAtOnce: null, note: `rolling update (${settings}); waves unknown without a node count (--nodes or --node-count); ${ready}` };
  const plan = wavePlan(strategy, nodes);
  if (plan === undefined) return { waves: null, maxAtOnce: null, note: `rolling update with invalid settings (${settings}): the controller cannot compute its batch size` };
  if (plan.nodes === 0) return { waves: 0, maxAtOnce: 0, note: 'rolling update on 0 nodes: nothing to replace' };
  const how = plan.surge
    ? `up to ${plan.perWave} new pod${plan.perWave === 1 ? '' : 's'} started beside the old ones at a time (surge), each old pod deleted when its replacement is available`
    : `up to ${plan.perWave} old pod${plan.perWave === 1 ? '' : 's'} deleted at a time before the new ones start`;
  // The controller refills its budget pod by pod, so with batches of more than one the count is a minimum.
  const count = plan.perWave === 1 ? `${plan.waves}` : `at least ${plan.waves}`;
  return { waves: plan.waves, maxAtOnce: plan.perWave, note: `rolling update in ${count} wave${plan.waves === 1 ? '' : 's'} on ${plan.nodes} node${plan.nodes === 1 ? '' : 's'}: ${how}, never more than ${plan.perWave} at once (${settings}); ${ready}` };
}

/** Checksum annotation changes on the pod template, named by the ConfigMap or Secret they stand for. */
function configChanges(id: ObjectIdentity, previous: Json, current: Json): ConfigChange[] {
  const path = templatePath(id.kind);
  if (path === undefined) return [];
  const annotations = (o: Json): Json => {
    const template = path.split('.').reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), o);
    return asObject(asObject(asObject(template).metadata).annotations);
  };
  const [before, after] = [annotations(previous), annotations(current)];
  const prefix = `${CONFIG_CHECKSUM_PREFIX}/`;
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(k => k.startsWith(prefix)).sort();
  const out: ConfigChange[] = [];
  for (const key of keys) {
    if (before[key] === after[key]) continue;
    const rest = key.slice(prefix.length);
    const kind = rest.startsWith('configmap-') ? 'ConfigMap' : rest.startsWith('secret-') ? 'Secret' : undefined;
    if (kind === undefined) continue;
    const name = rest.slice(rest.indexOf('-') + 1);
    out.push({ kind, name, change: before[key] === undefined ? 'added' : after[key] === undefined ? 'removed' : 'changed' });
  }
  return out;
}
