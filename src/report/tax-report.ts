import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-markdown';
import { renderText } from './render-text';
import { cleanSum } from '../k8s/pod-requests';
import { evaluatePodSecurity, formatPolicyVersion, namespacePodSecurityOf, parsePolicyVersion } from '../k8s/pod-security';
import { formatAmount } from '../k8s/quantity';
import { own } from '../k8s/shape';
import { checkedAllocatable, PlacedDaemonSet, placeDaemonSets } from '../scheduling/daemon-set-placement';
import { NodePools } from '../scheduling/node-pools';
import { NodeProfile } from '../scheduling/node-profile';
import { DEFAULT_KUBERNETES_VERSION, ManifestValidator, ValidationFinding, ValidationOptions } from '../validation/engine';
import { Severity } from '../validation/rule';

/**
 * Options of a `DaemonSetTaxReport`.
 */
export interface TaxReportOptions {
  /**
   * The report's title, shown by every renderer.
   * @default 'DaemonSet tax report'
   */
  readonly title?: string;

  /**
   * Options of the validation run that produces the findings (`nodeProfiles` is always the
   * report's profiles).
   * @default - only the `placement-fit` rules
   */
  readonly validation?: ValidationOptions;

  /**
   * The Pod Security policy version the reported levels are evaluated at: `latest` (the newest policy of
   * `validation.kubernetesVersion`) or `v1.<minor>`.
   * @default - the `pod-security.kubernetes.io/enforce-version` label of the DaemonSet's namespace when the
   * manifests include that Namespace, else `latest`
   */
  readonly podSecurityVersion?: string;

  /**
   * Group the profiles read from Node objects into node pools by these labels (`NodePools.group`): one
   * column per pool with its node count, totals multiplied by it. `NodePools.DEFAULT_GROUP_BY` is the
   * CLI's default (the clouds' node-pool labels, then the instance type).
   * @default - no grouping: one column per profile
   */
  readonly groupBy?: string[];
}

/**
 * One DaemonSet of a report: what each of its pods requests and needs.
 */
export interface TaxReportDaemonSet {
  /** `namespace/name`. */
  readonly id: string;
  /** Namespace (`default` when the object sets none). */
  readonly namespace: string;
  /** Name. */
  readonly name: string;
  /** What one pod requests, as the scheduler counts it: `cpu` in cores, byte-sized resources in bytes, `pods` 1. */
  readonly requests: { [resource: string]: number };
  /** The requests as text, e.g. `cpu 60m, memory 84Mi`. */
  readonly requestsText: string;
  /** Host ports one pod takes, e.g. `9100/TCP`. */
  readonly hostPorts: string[];
  /** The most restrictive Pod Security Standards level that admits the pod: `restricted`, `baseline` or `privileged`. */
  readonly podSecurityLevel: string;
  /** The Pod Security policy version `podSecurityLevel` was evaluated at, e.g. `v1.31`. */
  readonly podSecurityVersion: string;
  /** What the agent is for, when the report can tell (`log-collector`, `node-exporter`). */
  readonly roles: string[];
  /** The profiles the DaemonSet is placed on, in profile order. */
  readonly profiles: string[];
  /** How many nodes run one of its pods: the node counts of `profiles` added up. */
  readonly nodeCount: number;
  /** What all its pods request together: `requests` times `nodeCount`. */
  readonly totalRequests: { [resource: string]: number };
}

/**
 * One cell of the matrix: a DaemonSet on a node profile.
 */
export interface TaxReportCell {
  /** The DaemonSet's `namespace/name`. */
  readonly daemonSet: string;
  /** The profile's name. */
  readonly profile: string;
  /** Whether the DaemonSet controller places a pod on nodes of the profile. */
  readonly scheduled: boolean;
  /**
   * What keeps it off, in a few words (`taint key:NoSchedule`, `nodeSelector`, `node affinity`, `nodeName`).
   * @default - none when scheduled
   */
  readonly blocker?: string;
  /**
   * Why it is kept off, as a sentence.
   * @default - none when scheduled
   */
  readonly reason?: string;
  /** What the pod requests there; empty when not scheduled. */
  readonly requests: { [resource: string]: number };
}

/**
 * A node profile of a report: what the DaemonSets placed there take from it.
 */
export interface TaxReportProfile {
  /** The profile's name. */
  readonly name: string;
  /** Operating system. */
  readonly os: string;
  /** CPU architecture. */
  readonly arch: string;
  /** Taints as `key=value:Effect`. */
  readonly taints: string[];
  /** Allocatable resources (cpu in cores, bytes, units). */
  readonly allocatable: { [resource: string]: number };
  /** The sum of the requests of the DaemonSets placed there. */
  readonly requested: { [resource: string]: number };
  /** `requested` as a percentage of `allocatable` (rounded to 0.1), for cpu, memory, pods and every requested resource the profile declares. */
  readonly sharePercent: { [resource: string]: number };
  /** The DaemonSets placed there (`namespace/name`), in report order. */
  readonly daemonSets: string[];
  /** Host ports the DaemonSets take there. */
  readonly hostPorts: string[];
  /** The least restrictive Pod Security level any of them needs (`restricted` when none is placed). */
  readonly podSecurityLevel: string;
  /** Whether the requests fit the allocatable resources. */
  readonly fits: boolean;
  /** How many nodes the profile stands for (a node pool's size); `allocatable`, `requested` and `sharePercent` are per node. */
  readonly count: number;
  /** The names of the Nodes it stands for (empty for a profile declared in code or in a node profiles file). */
  readonly nodes: string[];
  /** The group-by labels its nodes share, with their values (empty when the profile was not grouped). */
  readonly poolLabels: { [key: string]: string };
  /**
   * Why its nodes are not in one pool with the other nodes that share their group-by labels.
   * @default - not split
   */
  readonly splitReason?: string;
  /** What the DaemonSets request on all its nodes: `requested` times `count`. */
  readonly totalRequested: { [resource: string]: number };
  /** What all its nodes offer: `allocatable` times `count`. */
  readonly totalAllocatable: { [resource: string]: number };
}

/**
 * The DaemonSets' requests on all nodes of a report against what all nodes offer.
 */
export interface TaxReportTotals {
  /** How many nodes the profiles stand for. */
  readonly nodes: number;
  /** The requests of every DaemonSet pod on every node, added up. */
  readonly requested: { [resource: string]: number };
  /** The allocatable resources of every node, added up (resources some profile declares). */
  readonly allocatable: { [resource: string]: number };
  /** `requested` as a percentage of `allocatable` (rounded to 0.1), for every resource both have. */
  readonly sharePercent: { [resource: string]: number };
}

const LEVEL_RANK: { [level: string]: number } = { privileged: 0, baseline: 1, restricted: 2 };

/**
 * The "DaemonSet tax" report: which DaemonSets land on which node profiles, what they take
 * from each, and the placement-fit findings. Render it with `toText()`, `toMarkdown()` or
 * `toHtml()`; every output is deterministic (no timestamps; DaemonSets sorted by namespace and
 * name, profiles in the order given).
 */
export class DaemonSetTaxReport {
  /**
   * A report on manifests (parsed JSON/YAML objects); objects other than DaemonSets are used only
   * by the findings.
   * @param objects the manifests
   * @param profiles the node profiles
   * @param options title and validation options
   */
  public static fromManifests(objects: any[], profiles: NodeProfile[], options: TaxReportOptions = {}): DaemonSetTaxReport {
    return new DaemonSetTaxReport(objects.filter(o => o !== null && typeof o === 'object'), profiles, options);
  }

  /**
   * A report on the API objects of a construct tree (an `App` or a `Chart`), rendered as they
   * would be synthesized.
   * @param scope the app or chart
   * @param profiles the node profiles
   * @param options title and validation options
   */
  public static fromConstruct(scope: IConstruct, profiles: NodeProfile[], options: TaxReportOptions = {}): DaemonSetTaxReport {
    const objects = scope.node.findAll().filter(c => ApiObject.isApiObject(c)).map(o => (o as ApiObject).toJson());
    return DaemonSetTaxReport.fromManifests(objects, profiles, options);
  }

  /** The report's title. */
  public readonly title: string;
  /** The DaemonSets, sorted by namespace and name. */
  public readonly daemonSets: TaxReportDaemonSet[];
  /** The node profiles (node pools when grouped), in the order given (of each pool's first node). */
  public readonly profiles: TaxReportProfile[];
  /** The requests on all nodes against what all nodes offer. */
  public readonly totals: TaxReportTotals;
  /** The matrix, row by row: for each DaemonSet, one cell per profile. */
  public readonly cells: TaxReportCell[];
  /** The findings (by default of the placement-fit rules), errors first. */
  public readonly findings: ValidationFinding[];

  private constructor(objects: any[], given: NodeProfile[], options: TaxReportOptions) {
    const names = new Set<string>();
    for (const p of given) {
      if (names.has(p.name)) throw new Error(`DaemonSetTaxReport: node profile '${p.name}' is given twice; profile names must be unique.`);
      names.add(p.name);
    }
    const pools = NodePools.group(given, objects, options.groupBy ?? []);
    const profiles = pools.map(p => p.profile);
    this.title = options.title ?? 'DaemonSet tax report';
    const podSecurity = podSecurityOf(objects, options);
    const nodeCountOf = (d: PlacedDaemonSet) => profiles.reduce((n, p, pi) => n + (d.decisions[pi].schedules ? p.count : 0), 0);
    const placed = placeDaemonSets(objects, profiles)
      .map((d, i) => ({ d, i }))
      .sort((a, b) => (a.d.id < b.d.id ? -1 : a.d.id > b.d.id ? 1 : a.i - b.i))
      .map(x => x.d);
    this.daemonSets = placed.map(d => ({
      id: d.id,
      namespace: d.namespace,
      name: d.name,
      requests: { ...d.requests },
      requestsText: describeRequests(d.requests),
      hostPorts: d.hostPorts.map(h => h.key),
      ...podSecurity(d),
      roles: [...d.roles],
      profiles: profiles.filter((_, pi) => d.decisions[pi].schedules).map(p => p.name),
      nodeCount: nodeCountOf(d),
      totalRequests: times(d.requests, nodeCountOf(d)),
    }));
    this.cells = placed.flatMap(d => profiles.map((p, pi) => {
      const decision = d.decisions[pi];
      return decision.schedules
        ? { daemonSet: d.id, profile: p.name, scheduled: true, requests: { ...d.requests } }
        : { daemonSet: d.id, profile: p.name, scheduled: false, blocker: decision.blocker, reason: decision.reason, requests: {} };
    }));
    this.profiles = profiles.map((p, pi) => {
      const here = placed.filter(d => d.decisions[pi].schedules);
      const requested: { [resource: string]: number } = {};
      for (const d of here) for (const [r, v] of Object.entries(d.requests)) requested[r] = cleanSum((own(requested, r) ?? 0) + v);
      const sharePercent: { [resource: string]: number } = {};
      let fits = true;
      for (const r of new Set(['cpu', 'memory', 'pods', ...Object.keys(requested)])) {
        const v: number = own(requested, r) ?? 0;
        const allocatable = checkedAllocatable(p, r);
        if (allocatable === undefined) continue;
        if (v - allocatable > Math.max(v, allocatable) * 1e-9) fits = false;
        if (allocatable > 0) sharePercent[r] = Math.round((v / allocatable) * 1000) / 10;
      }
      const level = here.map(d => podSecurity(d).podSecurityLevel).sort((a, b) => LEVEL_RANK[a] - LEVEL_RANK[b])[0] ?? 'restricted';
      return {
        name: p.name,
        os: p.os,
        arch: p.arch,
        taints: p.describeTaints(),
        allocatable: { ...p.allocatable },
        requested,
        sharePercent,
        daemonSets: here.map(d => d.id),
        hostPorts: [...new Set(here.flatMap(d => d.hostPorts.map(h => h.key)))].sort(comparePorts),
        podSecurityLevel: level,
        fits,
        count: p.count,
        nodes: [...p.nodes],
        poolLabels: { ...pools[pi].labels },
        ...(pools[pi].splitReason === undefined ? {} : { splitReason: pools[pi].splitReason }),
        totalRequested: times(requested, p.count),
        totalAllocatable: times(p.allocatable, p.count),
      };
    });
    this.totals = totalsOf(this.profiles);
    const validation = options.validation ?? {};
    this.findings = new ManifestValidator({ ...validation, rules: validation.rules ?? ['placement-fit'], nodeProfiles: profiles })
      .validate(objects).findings;
  }

  /**
   * The matrix cell of a DaemonSet on a profile.
   * @param daemonSet the DaemonSet's `namespace/name`
   * @param profile the profile's name
   */
  public cell(daemonSet: string, profile: string): TaxReportCell | undefined {
    return this.cells.find(c => c.daemonSet === daemonSet && c.profile === profile);
  }

  /** Whether no finding of severity error was found. */
  public get ok(): boolean {
    return !this.findings.some(f => f.severity === Severity.ERROR);
  }

  /** The report as plain text tables for a terminal. */
  public toText(): string {
    return renderText(this);
  }

  /** The report as Markdown (GitHub-flavoured tables), e.g. for a pull request comment. */
  public toMarkdown(): string {
    return renderMarkdown(this);
  }

  /** The report as a self-contained HTML page: inline CSS, no scripts, no external assets. */
  public toHtml(): string {
    return renderHtml(this);
  }

  /** The report's data as plain JSON. */
  public toJson(): any {
    return {
      title: this.title, daemonSets: this.daemonSets, profiles: this.profiles, totals: this.totals, cells: this.cells, findings: this.findings,
    };
  }
}

/**
 * The Pod Security level a DaemonSet's pods need, at the policy version of the options or of its namespace's
 * enforce-version label (evaluated once per DaemonSet).
 */
function podSecurityOf(objects: any[], options: TaxReportOptions): (d: PlacedDaemonSet) => { podSecurityLevel: string; podSecurityVersion: string } {
  if (options.podSecurityVersion !== undefined && parsePolicyVersion(options.podSecurityVersion).error) {
    throw new Error(`DaemonSetTaxReport: podSecurityVersion '${options.podSecurityVersion}' must be "latest" or "v1.<minor>", e.g. v1.31.`);
  }
  const kubernetesVersion = options.validation?.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION;
  const namespaces = namespacePodSecurityOf(objects);
  const cache = new Map<PlacedDaemonSet, { podSecurityLevel: string; podSecurityVersion: string }>();
  return d => {
    let result = cache.get(d);
    if (!result) {
      const labelled = namespaces.get(d.namespace)?.policy.enforce.version;
      const version = options.podSecurityVersion ?? (labelled === undefined ? 'latest' : formatPolicyVersion(labelled));
      const evaluation = evaluatePodSecurity(d.spec, d.podMetadata, { version, kubernetesVersion });
      result = { podSecurityLevel: evaluation.level, podSecurityVersion: evaluation.policyVersion };
      cache.set(d, result);
    }
    return result;
  };
}

/** Each amount times `n`. */
function times(amounts: { [resource: string]: number }, n: number): { [resource: string]: number } {
  return Object.fromEntries(Object.entries(amounts).map(([r, v]) => [r, cleanSum(v * n)]));
}

/** The profiles' totals added up. */
function totalsOf(profiles: TaxReportProfile[]): TaxReportTotals {
  const add = (into: { [resource: string]: number }, amounts: { [resource: string]: number }) => {
    for (const [r, v] of Object.entries(amounts)) into[r] = cleanSum((own(into, r) ?? 0) + v);
  };
  const requested: { [resource: string]: number } = {};
  const allocatable: { [resource: string]: number } = {};
  for (const p of profiles) {
    add(requested, p.totalRequested);
    add(allocatable, p.totalAllocatable);
  }
  const sharePercent: { [resource: string]: number } = {};
  for (const r of orderedResources(Object.keys(allocatable))) {
    if (allocatable[r] > 0) sharePercent[r] = Math.round(((own(requested, r) ?? 0) / allocatable[r]) * 1000) / 10;
  }
  return { nodes: profiles.reduce((n, p) => n + p.count, 0), requested, allocatable, sharePercent };
}

/** Requests as `cpu 60m, memory 84Mi, nvidia.com/gpu 1` (without `pods`). @internal */
export function describeRequests(requests: { [resource: string]: number }): string {
  const parts = orderedResources(Object.keys(requests)).filter(r => r !== 'pods').map(r => `${r} ${formatAmount(r, requests[r])}`);
  return parts.length ? parts.join(', ') : 'no requests';
}

/** Resources in report order: cpu, memory, pods, then the others by name. @internal */
export function orderedResources(resources: string[]): string[] {
  const first = ['cpu', 'memory', 'pods'];
  return [...first.filter(r => resources.includes(r)), ...resources.filter(r => !first.includes(r)).sort()];
}

function comparePorts(a: string, b: string): number {
  const [pa, qa] = a.split('/');
  const [pb, qb] = b.split('/');
  return Number(pa) - Number(pb) || (qa < qb ? -1 : qa > qb ? 1 : 0);
}
