import { NodeFactsRead, nodeFactsReadBy } from './node-facts-read';
import { ARCH_LABEL, NodeProfile, OS_LABEL } from './node-profile';
import { formatAmount, isBytes } from '../k8s/quantity';
import { own } from '../k8s/shape';
import { checkQualifiedName } from '../k8s/syntax';

/** The well-known node label of the instance type (the cloud's machine type, e.g. `m5.large`). */
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';

/**
 * Node profiles grouped into a node pool: nodes that share the group-by labels and are identical in
 * everything the placement engine and the report read.
 */
export interface NodePool {
  /** The pool as one profile: its name, node count (`count`) and nodes (`nodes`). */
  readonly profile: NodeProfile;

  /** The group-by labels the pool's nodes share, with their values; empty when the profile was not grouped. */
  readonly labels: { [key: string]: string };

  /**
   * Why these nodes are not in one pool with the other nodes that share their group-by labels: they
   * differ in allocatable resources, taints or a label a DaemonSet selects on, or a DaemonSet names a node.
   * @default - not split
   */
  readonly splitReason?: string;
}

/**
 * Groups node profiles read from Node objects into node pools, so that a report shows one column per
 * pool with its node count instead of one per node.
 */
export class NodePools {
  /**
   * The node labels clouds and node provisioners set to the node's pool, in the order they are tried:
   * GKE `cloud.google.com/gke-nodepool`; EKS managed node groups `eks.amazonaws.com/nodegroup`;
   * Karpenter `karpenter.sh/nodepool` (`NodePoolLabelKey`, kubernetes-sigs/karpenter pkg/apis/v1/labels.go)
   * and its pre-v1beta1 `karpenter.sh/provisioner-name`; AKS `kubernetes.azure.com/agentpool` and the older
   * `agentpool`; Huawei Cloud CCE `cce.cloud.com/cce-nodepool` (CCE FAQ "How Do I Troubleshoot a Pod Exit
   * Caused by a Node Label Update?", `kubectl get nodes -l cce.cloud.com/cce-nodepool=<node-pool-name>`);
   * Tencent TKE `tke.cloud.tencent.com/nodepool-id`; Alibaba Cloud ACK `alibabacloud.com/nodepool-id`
   * (OpenYurt's `NodePoolLabel`). docs/node-profiles.md lists the sources.
   */
  public static readonly POOL_LABELS: string[] = [
    'cloud.google.com/gke-nodepool',
    'eks.amazonaws.com/nodegroup',
    'karpenter.sh/nodepool',
    'karpenter.sh/provisioner-name',
    'kubernetes.azure.com/agentpool',
    'agentpool',
    'cce.cloud.com/cce-nodepool',
    'tke.cloud.tencent.com/nodepool-id',
    'alibabacloud.com/nodepool-id',
  ];

  /** What the CLI groups by unless told otherwise: the node-pool labels, then the instance type. */
  public static readonly DEFAULT_GROUP_BY: string[] = [...NodePools.POOL_LABELS, INSTANCE_TYPE_LABEL];

  /**
   * The profiles grouped into pools, in the order of each pool's first node. A profile read from a Node
   * joins the nodes that have the same values of the `groupBy` labels (and the same os and arch); each
   * such group is split into parts whose nodes are identical in allocatable resources, taints and every
   * label the DaemonSets of `objects` select on. A node with none of the `groupBy` labels, a node a
   * DaemonSet names (`spec.nodeName`, a `metadata.name` field selector) and a declared profile (in code
   * or in a node profiles file, which already has its `count`) stay as they are.
   * @param profiles the node profiles, e.g. `NodeProfile.fromFile('nodes.yaml')`
   * @param objects the manifests whose DaemonSets the pools are for (their node selection decides which labels matter)
   * @param groupBy the label keys that name a pool, in order; empty for no grouping
   */
  public static group(profiles: NodeProfile[], objects: any[], groupBy: string[] = NodePools.DEFAULT_GROUP_BY): NodePool[] {
    for (const label of groupBy) {
      const problem = checkQualifiedName(label);
      if (problem) throw new Error(`groupBy: '${label}' is not a label key: it ${problem}.`);
    }
    if (groupBy.length === 0) return profiles.map(profile => ({ profile, labels: {} }));
    const facts = nodeFactsReadBy(objects);
    const keyLabels = [...new Set([...groupBy, OS_LABEL, ARCH_LABEL])];
    const slots: (NodePool | Group)[] = [];
    const groups = new Map<string, Group>();
    for (const p of profiles) {
      const labels = Object.fromEntries(groupBy.filter(l => own(p.labels, l) !== undefined).map(l => [l, p.labels[l]]));
      if (p.nodes.length !== 1 || p.count !== 1 || Object.keys(labels).length === 0) {
        slots.push({ profile: p, labels: {} });
        continue;
      }
      const namedBy = facts.names.get(p.name);
      if (namedBy !== undefined) {
        const reason = `node '${p.name}' stands alone: DaemonSet '${namedBy}' picks it by name (spec.nodeName or a metadata.name field selector)`;
        slots.push({ profile: p, labels, splitReason: reason });
        continue;
      }
      const key = JSON.stringify(keyLabels.map(l => own(p.labels, l) ?? null));
      let group = groups.get(key);
      if (!group) {
        group = { labels, members: [] };
        groups.set(key, group);
        slots.push(group);
      }
      group.members.push(p);
    }
    const used = new Set<string>([...facts.names.keys(), ...slots.filter(isPool).map(s => s.profile.name)]);
    const names = poolNames([...groups.values()], used);
    return slots.flatMap(slot => (isPool(slot) ? [slot] : splitGroup(slot, names.get(slot)!, facts, used)));
  }

  private constructor() {}
}

/** Nodes that share the group-by labels, in input order. */
interface Group {
  readonly labels: { [key: string]: string };
  readonly members: NodeProfile[];
}

function isPool(slot: NodePool | Group): slot is NodePool {
  return (slot as NodePool).profile !== undefined;
}

/**
 * A name per group: the first group-by label's value (the label key when the value is empty); groups
 * that would share a name are named by all their group-by values (`default/m5.large`), then by those and
 * their os and arch (`workers/linux/arm64`); a name still taken gets a number.
 */
function poolNames(groups: Group[], used: Set<string>): Map<Group, string> {
  const values = (g: Group) => [...new Set(Object.entries(g.labels).map(([k, v]) => (v === '' ? k : v)))];
  const levels: ((g: Group) => string)[] = [
    g => values(g)[0],
    g => values(g).join('/'),
    g => [...values(g), g.members[0].os, g.members[0].arch].join('/'),
  ];
  const names = new Map<Group, string>();
  for (const g of groups) {
    const level = levels.find(f => groups.filter(o => f(o) === f(g)).length === 1) ?? levels[levels.length - 1];
    const name = unique(level(g), used);
    used.add(name);
    names.set(g, name);
  }
  return names;
}

/** `name`, or `name#2`, `name#3` … the first that is not used. */
function unique(name: string, used: Set<string>): string {
  if (!used.has(name)) return name;
  let n = 2;
  while (used.has(`${name}#${n}`)) n++;
  return `${name}#${n}`;
}

/** A group as one pool, or as several when its nodes differ in what the report reads. */
function splitGroup(group: Group, name: string, facts: NodeFactsRead, used: Set<string>): NodePool[] {
  const parts = new Map<string, NodeProfile[]>();
  for (const m of group.members) {
    const key = fingerprint(m, facts);
    parts.set(key, [...parts.get(key) ?? [], m]);
  }
  const lists = [...parts.values()];
  if (lists.length === 1) return [{ profile: NodeProfile._pool(name, lists[0]), labels: group.labels }];
  const aspects = differences(lists.map(l => l[0]), facts);
  return lists.map((members, i) => {
    const partName = unique(`${name}#${i + 1}`, used);
    used.add(partName);
    const here = members[0];
    const splitReason = `split from pool '${name}' (${group.members.length} nodes) because its nodes differ in ${andList(aspects.map(a => a.what))}: `
      + `${members.length === 1 ? 'this node has' : `these ${members.length} nodes have`} ${andList(aspects.map(a => a.value(here)))}`;
    return { profile: NodeProfile._pool(partName, members), labels: group.labels, splitReason };
  });
}

/** `a`, `a and b`, `a, b and c`. */
function andList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** What the placement engine and the report read of a node, besides its name. */
function fingerprint(p: NodeProfile, facts: NodeFactsRead): string {
  const allocatable = Object.keys(p.allocatable).sort().map(r => [r, p.allocatable[r]]);
  const labels = [...facts.labels.keys()].sort().map(l => own(p.labels, l) ?? null);
  return JSON.stringify([allocatable, p.describeTaints().sort(), p.os, p.arch, labels]);
}

/** One way the parts of a split group differ: its name, and a part's value. */
interface Difference {
  readonly what: string;
  readonly value: (p: NodeProfile) => string;
}

function differences(parts: NodeProfile[], facts: NodeFactsRead): Difference[] {
  const out: Difference[] = [];
  const differ = (f: (p: NodeProfile) => string) => new Set(parts.map(f)).size > 1;
  const resources = [...new Set(parts.flatMap(p => Object.keys(p.allocatable)))].sort();
  for (const r of resources) {
    const amount = exactAmounts(r, parts.map(p => own(p.allocatable, r)));
    if (!differ(p => String(own(p.allocatable, r)))) continue;
    out.push({ what: `allocatable ${r}`, value: p => `${r} ${amount(own(p.allocatable, r))}` });
  }
  const taints = (p: NodeProfile) => p.describeTaints().sort().join(' ');
  if (differ(taints)) out.push({ what: 'taints', value: p => (taints(p) ? `taints ${taints(p)}` : 'no taints') });
  for (const label of [...facts.labels.keys()].sort()) {
    const value = (p: NodeProfile): string | undefined => own(p.labels, label);
    if (!differ(p => JSON.stringify(value(p) ?? null))) continue;
    out.push({
      what: `label ${label} (DaemonSet '${facts.labels.get(label)}' selects on it)`,
      value: p => (value(p) === undefined ? `no ${label} label` : `${label}=${value(p)}`),
    });
  }
  return out;
}

/** A formatter of amounts that tells the given values apart (`formatAmount` rounds large byte counts). */
function exactAmounts(resource: string, values: (number | undefined)[]): (v: number | undefined) => string {
  const shown = (v: number | undefined) => (v === undefined ? 'not declared' : formatAmount(resource, v));
  const distinct = new Set(values.map(v => String(v))).size;
  if (new Set(values.map(shown)).size === distinct || !isBytes(resource)) return shown;
  return v => (v === undefined ? 'not declared' : v % 1024 === 0 ? `${v / 1024}Ki` : `${v}`);
}
