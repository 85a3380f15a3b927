/**
 * The `upgrade-safety` rule family: given the manifests applied before and the manifests about to be
 * applied, the updates the API server will refuse (an error per immutable field changed) and the
 * updates it accepts that hurt the running fleet (warnings). Pure functions on plain JSON; objects
 * are matched by API group, kind, namespace (`default` for namespaced kinds) and name.
 */
import { IMMUTABLE_FIELDS, immutableRefusals } from './immutable-fields';
import { allAtOnce, NodeCountOf, onDeleteToRollingUpdate, removedButReferenced, WarningHit } from './warnings';
import { describeIdentity, identityOf, matchObjects, MatchedObject } from '../../../k8s/identity';
import { Manifest } from '../../../k8s/shape';
import { Severity } from '../../rule';

export { IMMUTABLE_FIELDS } from './immutable-fields';
export type { ImmutableField, Refusal } from './immutable-fields';
export { matchObjects, describeIdentity } from '../../../k8s/identity';
export type { MatchedObject, ObjectIdentity } from '../../../k8s/identity';

/** Rule id: a change the API server refuses on update. */
export const IMMUTABLE_FIELD_RULE = 'upgrade-safety/immutable-field';
/** Rule id: a DaemonSet's pod template change that replaces every pod at once. */
export const ALL_AT_ONCE_RULE = 'upgrade-safety/all-at-once';
/** Rule id: OnDelete switched to RollingUpdate together with a pod template change. */
export const ON_DELETE_TO_ROLLING_RULE = 'upgrade-safety/on-delete-to-rolling-update';
/** Rule id: an object removed while a current pod template still refers to it. */
export const REMOVED_REFERENCED_RULE = 'upgrade-safety/removed-still-referenced';

/** A rule of the family as data: id, default severity, description. */
export interface UpgradeSafetyRule {
  /** Stable id, `upgrade-safety/<name>`. */
  readonly id: string;
  /** Default severity. */
  readonly severity: Severity;
  /** What the rule reports, with the upstream code it mirrors. */
  readonly description: string;
  /** Why it matters (the rules reference). */
  readonly why: string;
  /** How to fix a finding (the rules reference). */
  readonly fix: string;
}

/** The rules of the family, in documentation order. */
export const UPGRADE_SAFETY_RULES: readonly UpgradeSafetyRule[] = [
  {
    id: IMMUTABLE_FIELD_RULE,
    severity: Severity.ERROR,
    description: 'A change of an immutable field, which the API server refuses on update. The fields (k8s.io/kubernetes v1.37.2 update validation): '
      + [...new Set(IMMUTABLE_FIELDS.map(f => `${f.kind} ${f.field}`))].join('; ') + '.',
    why: 'The API server refuses the update ("field is immutable"): kubectl apply or the GitOps sync fails, and the object keeps its old spec while the rest of the change is applied.',
    fix: 'Keep the field as it was (for a DaemonSet\'s selector: pin selectorLabels to the applied ones), or delete the object and create it again on purpose (kubectl delete --cascade=orphan keeps a DaemonSet\'s pods running meanwhile; delete them once the new pods are ready).',
  },
  {
    id: ALL_AT_ONCE_RULE,
    severity: Severity.WARNING,
    description: 'A DaemonSet pod template change with maxUnavailable 100% (or at least the node count) and no maxSurge: the node agent stops on every node at once (pkg/controller/daemon/update.go).',
    why: 'The rollout stops the agent on every node at once: if the new version fails to start, no node has a working agent.',
    fix: 'Set maxUnavailable to a share of the fleet (e.g. 10%), or set maxSurge so new pods start before the old ones stop.',
  },
  {
    id: ON_DELETE_TO_ROLLING_RULE,
    severity: Severity.WARNING,
    description: 'A DaemonSet switched from OnDelete to RollingUpdate together with a pod template change: every old pod is replaced.',
    why: 'Old pods kept on purpose under OnDelete are all replaced by the rollout the template change starts.',
    fix: 'Switch the strategy in one change and change the pod template in a later one, or accept a full rollout.',
  },
  {
    id: REMOVED_REFERENCED_RULE,
    severity: Severity.WARNING,
    description: 'A ConfigMap, Secret, ServiceAccount or PriorityClass removed while a current pod template still refers to it: new pods cannot start.',
    why: 'Pods created after the object is gone (new nodes, evictions, the next rollout) cannot start: a missing ConfigMap or Secret keeps them in ContainerCreating, a missing ServiceAccount or PriorityClass keeps them from being created.',
    fix: 'Remove the reference in one change and the object in a later one, or keep the object.',
  },
];

/** One thing the family found. Structurally a `ValidationFinding` plus the object (for suppressions). */
export interface UpgradeSafetyFinding {
  /** Stable rule id, one of `UPGRADE_SAFETY_RULES`. */
  readonly ruleId: string;
  /** `error` (the API server refuses the update) or `warning`. */
  readonly severity: Severity;
  /** Kind of the object the finding is about. */
  readonly kind: string;
  /** Namespace of the object; undefined for cluster-scoped kinds. */
  readonly namespace?: string;
  /** Name of the object. */
  readonly name: string;
  /** JSON path inside the object. */
  readonly path: string;
  /** What happens. */
  readonly message: string;
  /** What to do instead. */
  readonly hint?: string;
  /** The current object (the one being applied) the finding is about. */
  readonly object: Manifest;
}

/** Options of `checkUpgradeSafety`. */
export interface UpgradeSafetyOptions {
  /**
   * The number of nodes a DaemonSet runs on, for the all-at-once warning with a numeric maxUnavailable:
   * a count for every DaemonSet, or a function of the DaemonSet (e.g. from node profiles).
   * @default - unknown: only a maxUnavailable of 100% or more is reported
   */
  readonly nodeCount?: number | ((daemonSet: Manifest) => number | undefined);
}

/** The refused changes of one matched object, as findings. @internal */
export function refusalsOf(pair: MatchedObject): UpgradeSafetyFinding[] {
  const { previous, current, identity } = pair;
  if (!previous || !current) return [];
  return immutableRefusals(identity.group, identity.kind, previous, current).map(({ row, refusal }) => ({
    ruleId: IMMUTABLE_FIELD_RULE,
    severity: Severity.ERROR,
    kind: identity.kind,
    namespace: identity.namespace,
    name: identity.name,
    path: refusal.path,
    message: `the API server refuses this update of ${describeIdentity(identity)}: ${refusal.reason}; ${row.hint} (${row.upstream})`,
    hint: row.hint,
    object: current,
  }));
}

/**
 * Judges an update: the manifests applied before (`previous`) against those about to be applied
 * (`current`). Errors for every change the API server refuses on update, warnings for updates that
 * restart a node agent everywhere at once or remove objects pods still need. Total: any JSON in,
 * findings out; objects without kind, apiVersion or name are ignored. Findings come in object order
 * (cluster-scoped first, then by namespace, kind, name), errors of an object before its warnings.
 * @param previous the manifests applied before (parsed YAML/JSON objects)
 * @param current the manifests about to be applied
 * @param options node counts
 */
export function checkUpgradeSafety(previous: unknown[], current: unknown[], options: UpgradeSafetyOptions = {}): UpgradeSafetyFinding[] {
  const pairs = matchObjects(previous, current);
  const count = options.nodeCount;
  const nodeCountOf: NodeCountOf = typeof count === 'function' ? count : () => count;
  const warning = (ruleId: string) => (hit: WarningHit): UpgradeSafetyFinding => {
    const id = identityOf(hit.object)!;
    return {
      ruleId,
      severity: Severity.WARNING,
      kind: id.kind,
      namespace: id.namespace,
      name: id.name,
      path: hit.path,
      message: hit.message,
      hint: hit.hint,
      object: hit.object,
    };
  };
  const findings: UpgradeSafetyFinding[] = [];
  for (const pair of pairs) {
    findings.push(...refusalsOf(pair));
    findings.push(...allAtOnce(pair, nodeCountOf).map(warning(ALL_AT_ONCE_RULE)));
    findings.push(...onDeleteToRollingUpdate(pair).map(warning(ON_DELETE_TO_ROLLING_RULE)));
  }
  findings.push(...removedButReferenced(pairs, current).map(warning(REMOVED_REFERENCED_RULE)));
  return findings;
}
