import * as kplus from 'cdk8s-plus-27';
import { DaemonSetsError } from '../../errors';
import { checkInstance, checkNumber, checkObject, checkOptionalArray } from '../../input-checks';

/**
 * A node the scheduler favours for the exporter, with a weight.
 */
export interface NodeExporterPreferredNode {
  /** The labels the node should carry: `kplus.Node.labeled(...queries)`, the queries ANDed. */
  readonly node: kplus.LabeledNode;

  /** The term's weight, from 1 to 100 (the API server refuses others). */
  readonly weight: number;
}

/**
 * Node affinity of the exporter's pods (`spec.affinity.nodeAffinity`), in cdk8s-plus' node terms
 * (`kplus.Node.labeled(kplus.NodeLabelQuery.in(...), ...)`, the operators In, NotIn, Exists, DoesNotExist, Gt, Lt).
 *
 * Prefer this to `scheduling.attract()` on the construct: each `attract()` call adds a required term, and terms
 * are ORed, so one added beside the virtual-node exclusion would let the pods onto virtual nodes again; here the
 * exclusion is added to every term.
 */
export interface NodeExporterNodeAffinity {
  /**
   * The nodes the exporter may run on: a node must match one of the terms (ORed); a term's queries are ANDed.
   * With `excludeVirtualNodes`, every term also excludes virtual nodes.
   * @default - every node the node selector and `excludeVirtualNodes` allow
   */
  readonly required?: kplus.LabeledNode[];

  /**
   * Nodes the scheduler favours, by weight. The DaemonSet controller still creates a pod for every node the
   * required terms allow (each pod is bound to its node), so these only order the scheduler's scoring.
   * @default - none
   */
  readonly preferred?: NodeExporterPreferredNode[];
}

/** Nodes where an exporter measures nothing real: AWS Fargate and virtual-kubelet nodes. */
function virtualNodeExclusion(): kplus.NodeLabelQuery[] {
  return [
    kplus.NodeLabelQuery.notIn('eks.amazonaws.com/compute-type', ['fargate']),
    kplus.NodeLabelQuery.notIn('type', ['virtual-kubelet']),
  ];
}

/**
 * Runtime types of `nodeAffinity`, for JavaScript callers.
 * @internal
 */
export function checkNodeAffinityTypes(at: string, value: unknown): void {
  if (value === undefined) return;
  const a = checkObject(at, 'nodeAffinity', value, 'a NodeExporterNodeAffinity ({ required?, preferred? })');
  const checkTerm = (field: string, term: unknown) => {
    const node = checkInstance(at, field, term, kplus.LabeledNode, 'a kplus.LabeledNode (kplus.Node.labeled(kplus.NodeLabelQuery.in(...), ...))');
    checkOptionalArray(at, `${field}.labelSelector`, node.labelSelector, 'kplus.NodeLabelQuery values')
      ?.forEach((q, i) => checkInstance(at, `${field}.labelSelector[${i}]`, q, kplus.NodeLabelQuery, 'a kplus.NodeLabelQuery (NodeLabelQuery.in(), .exists(), ...)'));
  };
  checkOptionalArray(at, 'nodeAffinity.required', a.required, 'kplus.LabeledNode values')?.forEach((t, i) => checkTerm(`nodeAffinity.required[${i}]`, t));
  checkOptionalArray(at, 'nodeAffinity.preferred', a.preferred, 'NodeExporterPreferredNode values')?.forEach((p, i) => {
    const f = `nodeAffinity.preferred[${i}]`;
    const o = checkObject(at, f, p, 'a NodeExporterPreferredNode ({ node, weight })');
    checkTerm(`${f}.node`, o.node);
    checkNumber(at, `${f}.weight`, o.weight);
  });
}

/**
 * Adds the node affinity: each required term (with the virtual-node exclusion when asked), or the exclusion alone,
 * and the preferred terms.
 * @internal
 */
export function applyNodeAffinity(
  scheduling: kplus.PodScheduling, affinity: NodeExporterNodeAffinity | undefined, excludeVirtualNodes: boolean,
  fail: (field: string, message: string) => DaemonSetsError,
): void {
  const exclusion = excludeVirtualNodes ? virtualNodeExclusion() : [];
  const required = affinity?.required ?? [];
  required.forEach((term, i) => {
    // An empty term matches no node (the scheduler's nodeSelectorTerm match), so the pods would stay Pending.
    if (term.labelSelector.length === 0) throw fail(`nodeAffinity.required[${i}]`, 'has no label queries, and an empty term matches no node; give at least one kplus.NodeLabelQuery');
  });
  (affinity?.preferred ?? []).forEach((p, i) => {
    // ValidatePreferredSchedulingTerms (pkg/apis/core/validation): "must be in the range 1-100".
    if (!Number.isInteger(p.weight) || p.weight < 1 || p.weight > 100) {
      throw fail(`nodeAffinity.preferred[${i}].weight`, `${p.weight} is not allowed; a weight is an integer from 1 to 100`);
    }
    if (p.node.labelSelector.length === 0) throw fail(`nodeAffinity.preferred[${i}].node`, 'has no label queries; give at least one kplus.NodeLabelQuery');
  });
  if (required.length === 0) {
    if (exclusion.length > 0) scheduling.attract(kplus.Node.labeled(...exclusion));
  } else {
    for (const term of required) scheduling.attract(kplus.Node.labeled(...term.labelSelector, ...exclusion));
  }
  for (const p of affinity?.preferred ?? []) scheduling.attract(p.node, { weight: p.weight });
}
