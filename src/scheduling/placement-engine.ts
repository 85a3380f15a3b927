import { formatTaint, NodeProfile, NodeTaint, NodeTaintEffect } from './node-profile';
import { isInt64, operatorValues, requirementHolds, requirementParseError } from '../k8s/node-selector';
import { asList, asObject, entriesOf, isObject, objectItems, own, text } from '../k8s/shape';

type Json = { [key: string]: any };

/**
 * Whether a DaemonSet's pods are placed on a node profile, and why not.
 */
export interface PlacementDecision {
  /** Whether the DaemonSet controller creates a pod on nodes of this profile. */
  readonly schedules: boolean;

  /**
   * What keeps the pod off the profile, in a few words: `nodeName`, `nodeSelector`,
   * `node affinity` or `taint <key>=<value>:<Effect>`.
   * @default - none when the pod schedules
   */
  readonly blocker?: string;

  /**
   * Why the pod is kept off the profile, as a sentence.
   * @default - none when the pod schedules
   */
  readonly reason?: string;
}

/** A toleration as the API has it. */
interface Toleration {
  readonly key?: string;
  readonly operator?: string;
  readonly value?: string;
  readonly effect?: string;
}

/**
 * The tolerations the DaemonSet controller adds to every DaemonSet pod
 * (`pkg/controller/daemon/util.AddOrUpdateDaemonPodTolerations`): node problems must not keep
 * or evict node agents. `network-unavailable` only for pods on the host network.
 */
const DAEMON_TOLERATIONS: readonly Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: NodeTaintEffect.NO_EXECUTE },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: NodeTaintEffect.NO_EXECUTE },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: NodeTaintEffect.NO_SCHEDULE },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: NodeTaintEffect.NO_SCHEDULE },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: NodeTaintEffect.NO_SCHEDULE },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: NodeTaintEffect.NO_SCHEDULE },
];
const HOST_NETWORK_TOLERATION: Toleration = { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: NodeTaintEffect.NO_SCHEDULE };

/**
 * Decides where DaemonSet pods go, with the DaemonSet controller's and kube-scheduler's
 * semantics: `nodeName`, `nodeSelector`, required node affinity (terms ORed, expressions ANDed,
 * `In`/`NotIn`/`Exists`/`DoesNotExist`/`Gt`/`Lt`, `matchFields` on `metadata.name`), and taints
 * with `NoSchedule`/`NoExecute` effects against the pod's tolerations plus those the DaemonSet
 * controller adds. `PreferNoSchedule` taints and preferred affinity never block. Resource fit is
 * judged separately, over all DaemonSets of a profile (see `DaemonSetTaxReport`).
 */
export class PlacementEngine {
  /**
   * Whether a DaemonSet's pods are placed on nodes of `profile`.
   * @param daemonSet the DaemonSet object (parsed JSON/YAML)
   * @param profile the node profile
   */
  public static decide(daemonSet: any, profile: NodeProfile): PlacementDecision {
    const spec = asObject(asObject(asObject(daemonSet).spec).template).spec;
    if (!isObject(spec)) {
      return { schedules: false, blocker: 'no pod template', reason: 'the object has no spec.template.spec' };
    }
    return PlacementEngine.decidePod(spec, profile);
  }

  /**
   * Whether a DaemonSet pod with this pod spec is placed on nodes of `profile`.
   * @param podSpec the pod spec (a DaemonSet's `spec.template.spec`)
   * @param profile the node profile
   */
  public static decidePod(podSpec: any, profile: NodeProfile): PlacementDecision {
    const spec: Json = asObject(podSpec);
    if (typeof spec.nodeName === 'string' && spec.nodeName !== '' && spec.nodeName !== profile.name) {
      return { schedules: false, blocker: 'nodeName', reason: `spec.nodeName is '${spec.nodeName}', so the pod runs only on that node, not on '${profile.name}'` };
    }
    for (const [key, value] of entriesOf(spec.nodeSelector)) {
      const actual: string | undefined = own(profile.labels, key);
      if (actual !== text(value)) {
        return {
          schedules: false,
          blocker: 'nodeSelector',
          reason: `nodeSelector ${key}=${text(value)} does not match: ${actual === undefined ? `the node has no label ${key}` : `the node has ${key}=${actual}`}`,
        };
      }
    }
    const terms = asObject(asObject(asObject(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms;
    if (Array.isArray(terms)) {
      const failures = terms.map(t => termFailure(t, profile));
      if (!failures.some(f => f === undefined)) {
        const detail = failures.length === 0 ? 'it has no nodeSelectorTerms' : failures.map((f, i) => `term ${i + 1}: ${f}`).join('; ');
        return { schedules: false, blocker: 'node affinity', reason: `required node affinity matches no term: ${detail}` };
      }
    }
    const taint = untoleratedTaint(profile.taints, daemonPodTolerations(spec));
    if (taint) {
      return { schedules: false, blocker: `taint ${formatTaint(taint)}`, reason: `taint ${formatTaint(taint)} is not tolerated` };
    }
    return { schedules: true };
  }

  /**
   * Whether a toleration tolerates a taint (`Toleration.ToleratesTaint`): the effects match
   * (an empty effect matches all), the keys match (an empty key matches all, with `Exists`),
   * and `Exists` matches any value while `Equal` (the default) needs the same value.
   * @param toleration the toleration as in a pod spec
   * @param taint the node's taint
   */
  public static tolerates(toleration: any, taint: NodeTaint): boolean {
    return toleratesTaint(asObject(toleration), taint);
  }

  private constructor() {}
}

function toleratesTaint(t: Toleration, taint: NodeTaint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Equal':
    case '':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** The pod's tolerations plus those the DaemonSet controller adds. @internal */
export function daemonPodTolerations(spec: Json): Toleration[] {
  const podTolerations: Toleration[] = objectItems(asObject(spec).tolerations).map(x => x.item);
  return [...podTolerations, ...DAEMON_TOLERATIONS, ...(spec.hostNetwork === true ? [HOST_NETWORK_TOLERATION] : [])];
}

/** The first `NoSchedule` or `NoExecute` taint no toleration tolerates. @internal */
export function untoleratedTaint(taints: NodeTaint[], tolerations: Toleration[]): NodeTaint | undefined {
  return taints.find(taint => taint.effect !== NodeTaintEffect.PREFER_NO_SCHEDULE && !tolerations.some(t => toleratesTaint(t, taint)));
}

/**
 * Why a node selector term does not match the profile, or undefined when it matches. A term with a requirement the
 * scheduler cannot parse (k8s/node-selector `requirementParseError`) matches no node, as in `nodeSelectorTerm.match`.
 */
function termFailure(term: Json, profile: NodeProfile): string | undefined {
  const t = asObject(term);
  const expressions = asList(t.matchExpressions).map(asObject);
  const fields = asList(t.matchFields).map(asObject);
  // An empty term matches no node.
  if (expressions.length === 0 && fields.length === 0) return 'an empty term matches no node';
  const unreadable = [
    ...expressions.map(e => ({ e, error: requirementParseError(e, 'label') })),
    ...fields.map(e => ({ e, error: requirementParseError(e, 'field') })),
  ].find(x => x.error !== undefined);
  if (unreadable) return `${describe(unreadable.e)} makes the term match no node: ${unreadable.error}`;
  for (const e of expressions) {
    const failure = requirementFailure(e, own(profile.labels, e.key), `label ${text(e.key)}`);
    if (failure) return failure;
  }
  for (const f of fields) {
    const failure = requirementFailure(f, profile.name, 'metadata.name');
    if (failure) return failure;
  }
  return undefined;
}

function describe(req: Json): string {
  const values: string[] = asList(req.values).map(text);
  return `${text(req.key)} ${text(req.operator)}${values.length ? ` [${values.join(', ')}]` : ''}`;
}

/** Why one (parsed) node selector requirement fails for a label (or field) value, or undefined when it holds. */
function requirementFailure(req: Json, actual: string | undefined, what: string): string | undefined {
  const values: string[] = asList(req.values).map(text);
  const is = actual !== undefined ? `${what} is '${actual}'` : `the node has no ${what}`;
  if (operatorValues(req.operator) === 'one-integer' && actual !== undefined && !isInt64(actual)) return `${describe(req)} fails: ${is}, not an integer`;
  return requirementHolds(req.operator, values, actual) ? undefined : `${describe(req)} fails: ${is}`;
}
