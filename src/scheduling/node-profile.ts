import * as fs from 'fs';
import { NODE_PROFILES_KIND, readNodeProfilesDocument } from './node-profiles-file';
import { parseQuantity } from '../k8s/quantity';
import { checkDns1123Subdomain, checkLabel, checkLabelValue, checkQualifiedName } from '../k8s/syntax';

/** The well-known node label of the operating system (`linux`, `windows`). */
export const OS_LABEL = 'kubernetes.io/os';
/** The well-known node label of the CPU architecture (`amd64`, `arm64`). */
export const ARCH_LABEL = 'kubernetes.io/arch';
/** The well-known node label of the node's host name. */
export const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * The effect of a node taint on pods that do not tolerate it.
 */
export enum NodeTaintEffect {
  /** New pods are not scheduled on the node. */
  NO_SCHEDULE = 'NoSchedule',
  /** The scheduler tries to avoid the node; placement is not blocked. */
  PREFER_NO_SCHEDULE = 'PreferNoSchedule',
  /** New pods are not scheduled and running pods are evicted. */
  NO_EXECUTE = 'NoExecute',
}

/**
 * A taint on a node (`kubectl taint nodes n key=value:Effect`).
 */
export interface NodeTaint {
  /** The taint key, a qualified name such as `node-role.kubernetes.io/control-plane`. */
  readonly key: string;

  /**
   * The taint value.
   * @default - no value (an empty string)
   */
  readonly value?: string;

  /** What the taint does to pods that do not tolerate it. */
  readonly effect: NodeTaintEffect;
}

/**
 * What a node offers to pods (`status.allocatable`), as Kubernetes quantities.
 */
export interface NodeAllocatable {
  /** Allocatable CPU, e.g. `3920m` or `4`. */
  readonly cpu: string;

  /** Allocatable memory, e.g. `15Gi` or `16012348Ki`. */
  readonly memory: string;

  /**
   * How many pods the node may run.
   * @default 110 - the kubelet's default `maxPods`
   */
  readonly pods?: number;

  /**
   * Other resources by name: `ephemeral-storage`, `hugepages-2Mi`, and extended resources
   * advertised by device plugins (`nvidia.com/gpu`).
   * @default - none: ephemeral storage and huge pages are not checked, extended resources count as 0
   */
  readonly other?: { [resource: string]: string };
}

/**
 * Properties of a `NodeProfile`.
 */
export interface NodeProfileProps {
  /** The profile's name (a node name or the name of a node pool), a DNS-1123 subdomain. */
  readonly name: string;

  /**
   * Node labels. `kubernetes.io/os`, `kubernetes.io/arch` and `kubernetes.io/hostname` are
   * added from `os`, `arch` and `name` unless given here.
   * @default - only the well-known labels
   */
  readonly labels?: { [key: string]: string };

  /**
   * Node taints.
   * @default - none
   */
  readonly taints?: NodeTaint[];

  /** What the node offers to pods. */
  readonly allocatable: NodeAllocatable;

  /**
   * The operating system (the `kubernetes.io/os` label).
   * @default - the `kubernetes.io/os` label when given, otherwise `linux`
   */
  readonly os?: string;

  /**
   * The CPU architecture (the `kubernetes.io/arch` label).
   * @default - the `kubernetes.io/arch` label when given, otherwise `amd64`
   */
  readonly arch?: string;

  /**
   * How many nodes the profile stands for: the size of the node pool it describes. The report's
   * per-node figures stay per node; its totals multiply by the count. 0 describes a pool scaled to
   * zero (the agents must still fit when it scales up).
   * @default 1
   */
  readonly count?: number;
}

const EFFECTS: string[] = Object.values(NodeTaintEffect);

/** What a nodes file may hold, for error messages. */
const EXPECTED_DOCUMENTS = `Node objects, a List of them (kubectl get nodes -o yaml) or a ${NODE_PROFILES_KIND} document (docs/node-profiles.md)`;

/**
 * One kind of node DaemonSets are placed on: its labels, taints and allocatable resources.
 * Declare profiles in code, load them from Node objects (`kubectl get nodes -o yaml`), or from a
 * hand-written `NodeProfiles` document (docs/node-profiles.md, schema `schemas/node-profiles.schema.json`).
 */
export class NodeProfile {
  /**
   * A profile declared in code.
   * @param props the profile's name, labels, taints and allocatable resources
   */
  public static of(props: NodeProfileProps): NodeProfile {
    return NodeProfile.create(props);
  }

  /**
   * A profile from one Node object (`apiVersion: v1, kind: Node`): name, labels, taints and
   * `status.allocatable`.
   * @param node the Node object as parsed JSON/YAML
   */
  public static fromNodeObject(node: any): NodeProfile {
    return NodeProfile.parseNode(node, 'Node');
  }

  /**
   * Profiles from Node objects: each Node, or each item of a `List` of Nodes, becomes one profile;
   * each profile of a `NodeProfiles` document too.
   * @param objects parsed Node objects, Lists of them or `NodeProfiles` documents
   */
  public static fromNodeObjects(objects: any[]): NodeProfile[] {
    return NodeProfile.parseNodes(objects, 'input');
  }

  /**
   * Profiles from YAML or JSON text: `kubectl get nodes -o yaml` output (a `List` with `items`),
   * a stream of `Node` documents, or a hand-written `NodeProfiles` document (docs/node-profiles.md),
   * checked against `schemas/node-profiles.schema.json`.
   * @param text the YAML or JSON text
   * @param source where the text comes from, for error messages
   */
  public static fromYaml(text: string, source: string = 'input'): NodeProfile[] {
    // Loaded on first use, so importing the library does not load the YAML parser.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parseAllDocuments } = require('yaml') as typeof import('yaml');
    const objects: any[] = [];
    let docs;
    try {
      docs = parseAllDocuments(text);
    } catch (e) {
      throw new Error(`${source}: not valid YAML: ${(e as Error).message}`);
    }
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length > 0) {
        const message = doc.errors[0].message;
        if (/Maximum call stack size exceeded/.test(message)) throw new Error(`${source}: a document is nested too deeply to read; Node objects nest far less`);
        throw new Error(`${source}: not valid YAML: ${message}`);
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (e) {
        // An alias bomb (or a document too deep to convert): name the file, never crash without it.
        throw new Error(`${source}: cannot read the YAML: ${(e as Error).message}`);
      }
      if (value !== null && value !== undefined) objects.push(value);
    }
    return NodeProfile.parseNodes(objects, source);
  }

  /**
   * Profiles from a YAML or JSON file of Node objects (`kubectl get nodes -o yaml > nodes.yaml`) or of
   * hand-written node profiles (docs/node-profiles.md).
   * @param file path of the file
   */
  public static fromFile(file: string): NodeProfile[] {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf-8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
      throw new Error(`${file}: cannot read the nodes file: ${reason}`);
    }
    return NodeProfile.fromYaml(text, file);
  }

  /**
   * One profile for several profiles read from Node objects that are identical in everything the
   * placement engine and the report read (a node pool): their common labels, the first one's taints,
   * os, arch and allocatable resources, the sum of their counts and all their node names. The name is
   * a pool name and is not checked as a node name.
   * @internal
   */
  public static _pool(name: string, members: NodeProfile[]): NodeProfile {
    const [first, ...others] = members;
    const labels: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(first.labels)) if (others.every(m => m.labels[k] === v)) labels[k] = v;
    const count = members.reduce((n, m) => n + m.count, 0);
    return new NodeProfile(name, labels, first.taints, first.os, first.arch, { ...first.allocatable }, count, members.flatMap(m => m.nodes));
  }

  private static parseNodes(objects: any[], source: string): NodeProfile[] {
    const profiles: NodeProfile[] = [];
    objects.forEach((o, i) => {
      const where = `${source}: document ${i + 1}`;
      if (o === null || typeof o !== 'object' || Array.isArray(o)) {
        throw new Error(`${where} is not an object; expected ${EXPECTED_DOCUMENTS}.`);
      }
      if (o.kind === NODE_PROFILES_KIND) {
        for (const entry of readNodeProfilesDocument(o, where)) profiles.push(NodeProfile.create(entry.props, entry.context));
      } else if (o.kind === 'List' || o.kind === 'NodeList') {
        if (!Array.isArray(o.items)) throw new Error(`${where}: ${o.kind} has no 'items' array; expected the output of kubectl get nodes -o yaml.`);
        o.items.forEach((item: any, j: number) => profiles.push(NodeProfile.parseNode(item, `${source}: Node`, `${where} items[${j}]`)));
      } else {
        profiles.push(NodeProfile.parseNode(o, `${source}: Node`, where));
      }
    });
    if (profiles.length === 0) throw new Error(`${source}: no Node objects or node profiles found; expected ${EXPECTED_DOCUMENTS}.`);
    const seen = new Set<string>();
    for (const p of profiles) {
      if (seen.has(p.name)) {
        throw new Error(p.nodes.length > 0
          ? `${source}: Node '${p.name}' appears twice; node names must be unique.`
          : `${source}: node profile '${p.name}' appears twice (as a Node or a profile); names must be unique.`);
      }
      seen.add(p.name);
    }
    return profiles;
  }

  private static parseNode(node: any, what: string, where?: string): NodeProfile {
    const at = where ?? what;
    if (node === null || typeof node !== 'object' || Array.isArray(node)) throw new Error(`${at}: not an object; expected a Node.`);
    if (node.kind !== 'Node') {
      throw new Error(`${at}: kind is '${node.kind ?? '(none)'}'${node.metadata?.name ? ` (name '${node.metadata.name}')` : ''}; a nodes file holds ${EXPECTED_DOCUMENTS}.`);
    }
    const name = node.metadata?.name;
    if (typeof name !== 'string' || name === '') throw new Error(`${at}: metadata.name is missing; every Node needs a name.`);
    const prefix = `${what} '${name}'`;
    const labels = node.metadata?.labels ?? {};
    if (typeof labels !== 'object' || Array.isArray(labels)) throw new Error(`${prefix}: metadata.labels must be a map of strings.`);
    const rawTaints = node.spec?.taints ?? [];
    if (!Array.isArray(rawTaints)) throw new Error(`${prefix}: spec.taints must be a list of {key, value, effect}.`);
    const taints: NodeTaint[] = rawTaints.map((t: any, i: number) => {
      if (t === null || typeof t !== 'object') throw new Error(`${prefix}: spec.taints[${i}] must be an object {key, value, effect}.`);
      return { key: t.key, value: t.value === undefined || t.value === null ? undefined : String(t.value), effect: t.effect };
    });
    const allocatable = node.status?.allocatable;
    if (allocatable === undefined || allocatable === null || typeof allocatable !== 'object') {
      throw new Error(`${prefix}: status.allocatable is missing; export Nodes with their status (kubectl get nodes -o yaml) or declare the profile in code with NodeProfile.`);
    }
    const { cpu, memory, pods, ...other } = allocatable as { [key: string]: any };
    const text = (v: any) => (v === undefined || v === null ? v : String(v));
    let podCount: number | undefined;
    if (pods !== undefined && pods !== null) {
      const parsed = parseQuantity(String(pods));
      if (parsed === undefined || !Number.isInteger(parsed) || parsed < 0) {
        throw new Error(`${prefix}: status.allocatable.pods '${pods}' is not a whole number; use a count such as '110'.`);
      }
      podCount = parsed;
    }
    const labelMap: { [key: string]: string } = {};
    for (const [k, v] of Object.entries<any>(labels)) labelMap[k] = String(v);
    return NodeProfile.create({
      name,
      labels: labelMap,
      taints,
      allocatable: {
        cpu: text(cpu),
        memory: text(memory),
        pods: podCount,
        other: Object.fromEntries(Object.entries(other).map(([k, v]) => [k, String(v)])),
      },
      os: labelMap[OS_LABEL] ?? text(node.status?.nodeInfo?.operatingSystem),
      arch: labelMap[ARCH_LABEL] ?? text(node.status?.nodeInfo?.architecture),
    }, { prefix, allocatablePath: 'status.allocatable', labelsPath: 'metadata.labels', taintsPath: 'spec.taints', node: name });
  }

  private static create(props: NodeProfileProps, context?: ProfileContext): NodeProfile {
    const prefix = context?.prefix ?? `NodeProfile '${props.name}'`;
    const allocatablePath = context?.allocatablePath ?? 'allocatable';
    const labelsPath = context?.labelsPath ?? 'labels';
    const taintsPath = context?.taintsPath ?? 'taints';
    if (typeof props.name !== 'string') throw new Error('NodeProfile: name is missing; give the node or node pool name.');
    const nameProblem = checkDns1123Subdomain(props.name);
    if (nameProblem) throw new Error(`${prefix}: name ${nameProblem}.`);

    const labels: { [key: string]: string } = {};
    for (const [k, v] of Object.entries(props.labels ?? {})) {
      const problems = checkLabel(k, v);
      if (problems.key) throw new Error(`${prefix}: ${labelsPath} key '${k}' ${problems.key}.`);
      if (typeof v !== 'string') throw new Error(`${prefix}: ${labelsPath}.${k} must be a string, got ${JSON.stringify(v)}.`);
      if (problems.value) throw new Error(`${prefix}: ${labelsPath}.${k} value '${v}' ${problems.value}.`);
      labels[k] = v;
    }
    const os = props.os ?? labels[OS_LABEL] ?? 'linux';
    const arch = props.arch ?? labels[ARCH_LABEL] ?? 'amd64';
    for (const [label, value, field] of [[OS_LABEL, os, 'os'], [ARCH_LABEL, arch, 'arch']]) {
      if (labels[label] !== undefined && labels[label] !== value) {
        throw new Error(`${prefix}: ${field} is '${value}' but the ${label} label is '${labels[label]}'; give one of them, or the same value.`);
      }
      const problem = checkLabelValue(value);
      if (problem || value === '') throw new Error(`${prefix}: ${field} '${value}' ${problem ?? 'is empty'}; use a value such as ${field === 'os' ? "'linux' or 'windows'" : "'amd64' or 'arm64'"}.`);
    }
    labels[OS_LABEL] = os;
    labels[ARCH_LABEL] = arch;
    // A profile of several nodes has no one host name.
    if (labels[HOSTNAME_LABEL] === undefined && props.name.length <= 63 && (props.count ?? 1) === 1) labels[HOSTNAME_LABEL] = props.name;

    const taints: NodeTaint[] = (props.taints ?? []).map((t, i) => {
      const at = `${taintsPath}[${i}]`;
      if (typeof t.key !== 'string' || t.key === '') throw new Error(`${prefix}: ${at}.key is missing; a taint needs a key such as 'dedicated'.`);
      const keyProblem = checkQualifiedName(t.key);
      if (keyProblem) throw new Error(`${prefix}: ${at}.key '${t.key}' ${keyProblem}.`);
      if (t.value !== undefined) {
        const valueProblem = checkLabelValue(t.value);
        if (valueProblem) throw new Error(`${prefix}: ${at}.value '${t.value}' ${valueProblem}.`);
      }
      if (!EFFECTS.includes(t.effect)) {
        throw new Error(`${prefix}: ${at}.effect '${t.effect ?? '(none)'}' (taint '${t.key}') is not a taint effect; use ${EFFECTS.join(', ')}.`);
      }
      return t.value === undefined || t.value === '' ? { key: t.key, effect: t.effect } : { key: t.key, value: t.value, effect: t.effect };
    });

    const allocatable: { [resource: string]: number } = {};
    if (!props.allocatable || typeof props.allocatable !== 'object') {
      throw new Error(`${prefix}: ${allocatablePath} is missing; give at least cpu and memory (e.g. { cpu: '3920m', memory: '15Gi' }).`);
    }
    const quantity = (resource: string, raw: unknown, required: boolean) => {
      if (raw === undefined || raw === null) {
        if (required) throw new Error(`${prefix}: ${allocatablePath}.${resource} is missing; give the allocatable ${resource} as a quantity (e.g. ${resource === 'cpu' ? "'3920m'" : "'15Gi'"}).`);
        return;
      }
      const value = typeof raw === 'string' || typeof raw === 'number' ? parseQuantity(raw) : undefined;
      if (value === undefined || value < 0) {
        throw new Error(`${prefix}: ${allocatablePath}.${resource} '${raw}' is not a non-negative Kubernetes quantity; use e.g. ${resource === 'cpu' ? "'3920m' or '4'" : "'15Gi' or '16012348Ki'"}.`);
      }
      allocatable[resource] = value;
    };
    quantity('cpu', props.allocatable.cpu, true);
    quantity('memory', props.allocatable.memory, true);
    const pods = props.allocatable.pods ?? 110;
    if (!Number.isInteger(pods) || pods < 0) throw new Error(`${prefix}: ${allocatablePath}.pods is ${pods}; use a whole number such as 110.`);
    allocatable.pods = pods;
    for (const [resource, raw] of Object.entries(props.allocatable.other ?? {})) {
      const problem = checkQualifiedName(resource);
      if (problem) throw new Error(`${prefix}: ${allocatablePath} resource name '${resource}' ${problem}.`);
      quantity(resource, raw, false);
    }

    const count = props.count ?? 1;
    if (!Number.isInteger(count) || count < 0) throw new Error(`${prefix}: ${context?.countPath ?? 'count'} is ${count}; use a whole number of nodes such as 3 (0 for a pool scaled to zero).`);
    return new NodeProfile(props.name, labels, taints, os, arch, allocatable, count, context?.node === undefined ? [] : [context.node]);
  }


  /** The profile's name. */
  public readonly name: string;

  /** Node labels, including `kubernetes.io/os`, `kubernetes.io/arch` and `kubernetes.io/hostname`. */
  public readonly labels: { [key: string]: string };

  /** Node taints, in the order given. */
  public readonly taints: NodeTaint[];

  /** The operating system (`kubernetes.io/os`). */
  public readonly os: string;

  /** The CPU architecture (`kubernetes.io/arch`). */
  public readonly arch: string;

  /**
   * Allocatable resources as numbers: `cpu` in cores, `memory`, `ephemeral-storage` and huge pages
   * in bytes, `pods` and extended resources in units.
   */
  public readonly allocatable: { [resource: string]: number };

  /** How many nodes the profile stands for (the size of its node pool). */
  public readonly count: number;

  /**
   * The names of the Node objects the profile was read from: one for a profile read from a Node, every
   * member for a node pool, none for a profile declared in code or in a node profiles file.
   */
  public readonly nodes: string[];

  private constructor(
    name: string, labels: { [key: string]: string }, taints: NodeTaint[], os: string, arch: string, allocatable: { [resource: string]: number },
    count: number, nodes: string[],
  ) {
    this.name = name;
    this.labels = labels;
    this.taints = taints;
    this.os = os;
    this.arch = arch;
    this.allocatable = allocatable;
    this.count = count;
    this.nodes = nodes;
  }

  /** The taints as `key=value:Effect` text, as `kubectl describe node` shows them. */
  public describeTaints(): string[] {
    return this.taints.map(formatTaint);
  }
}

/** Where a profile's fields came from, for error messages; `node` is the Node's name when read from one. */
interface ProfileContext {
  readonly prefix: string;
  readonly allocatablePath: string;
  readonly labelsPath: string;
  readonly taintsPath: string;
  readonly countPath?: string;
  readonly node?: string;
}

/** A taint as `key=value:Effect`. @internal */
export function formatTaint(t: NodeTaint): string {
  return `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;
}
