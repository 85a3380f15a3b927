import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { cpuMillis, ExtendedResource, formatSize } from './resources';
import { checkDns1123Label, checkDns1123Subdomain } from './validation/syntax';

/** Annotation on a ResourceQuota: how many nodes its namespace's DaemonSets are expected to run on. */
export const EXPECTED_NODE_COUNT_ANNOTATION = 'daemonsets.cdk8s.io/expected-node-count';

/**
 * CPU and memory amounts for one field of a LimitRange.
 */
export interface ContainerResourceAmounts {
  /**
   * CPU.
   * @default - not set
   */
  readonly cpu?: kplus.Cpu;

  /**
   * Memory.
   * @default - not set
   */
  readonly memory?: Size;
}

/**
 * Properties of a `NamespaceQuota`.
 */
export interface NamespaceQuotaProps {
  /**
   * The namespace the quota applies to.
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * Name of the ResourceQuota and LimitRange.
   * @default - generated from the construct path
   */
  readonly name?: string;

  /**
   * Total CPU all pods of the namespace may request (`requests.cpu`).
   * @default - no limit
   */
  readonly requestsCpu?: kplus.Cpu;

  /**
   * Total memory all pods of the namespace may request (`requests.memory`).
   * @default - no limit
   */
  readonly requestsMemory?: Size;

  /**
   * Total CPU limit of all pods (`limits.cpu`).
   * @default - no limit
   */
  readonly limitsCpu?: kplus.Cpu;

  /**
   * Total memory limit of all pods (`limits.memory`).
   * @default - no limit
   */
  readonly limitsMemory?: Size;

  /**
   * Number of pods (`pods`).
   * @default - no limit
   */
  readonly pods?: number;

  /**
   * Extended resources the namespace may request in total (`requests.<name>`), e.g. GPUs.
   * @default - no limit
   */
  readonly extendedResources?: ExtendedResource[];

  /**
   * Requests given to containers that set none (LimitRange `defaultRequest`).
   * @default - none
   */
  readonly defaultRequest?: ContainerResourceAmounts;

  /**
   * Limits given to containers that set none (LimitRange `default`).
   * @default - none
   */
  readonly defaultLimit?: ContainerResourceAmounts;

  /**
   * The least a container may request (LimitRange `min`).
   * @default - none
   */
  readonly min?: ContainerResourceAmounts;

  /**
   * The most a container may use as its limit (LimitRange `max`).
   * @default - none
   */
  readonly max?: ContainerResourceAmounts;

  /**
   * How many nodes the namespace's DaemonSets run on: a DaemonSet's requests count once per
   * node against the quota. Recorded as an annotation that the `cross-object/quota-fit` rule reads.
   * @default 100
   */
  readonly expectedNodeCount?: number;
}

/**
 * A namespace's ResourceQuota and LimitRange, which the validation checks against the DaemonSets
 * placed in that namespace (requests × expected node count must fit; every container must be
 * within the LimitRange's min and max).
 */
export class NamespaceQuota extends Construct {
  /** The ResourceQuota, when any total is set. */
  public readonly resourceQuota?: k8s.KubeResourceQuota;

  /** The LimitRange, when any container default, min or max is set. */
  public readonly limitRange?: k8s.KubeLimitRange;

  /** The namespace the quota applies to. */
  public readonly namespace?: string;

  constructor(scope: Construct, id: string, props: NamespaceQuotaProps = {}) {
    super(scope, id);
    const where = `NamespaceQuota '${this.node.path}'`;
    this.namespace = props.namespace ?? Chart.of(this).namespace;
    if (props.namespace !== undefined) {
      const p = checkDns1123Label(props.namespace);
      if (p) throw new Error(`${where}: namespace '${props.namespace}' ${p}.`);
    }
    if (props.name !== undefined) {
      const p = checkDns1123Subdomain(props.name);
      if (p) throw new Error(`${where}: name '${props.name}' ${p}.`);
    }
    const nodes = props.expectedNodeCount ?? 100;
    if (!Number.isInteger(nodes) || nodes < 1) {
      throw new Error(`${where}: expectedNodeCount is ${nodes}; it must be a positive integer.`);
    }
    if (props.pods !== undefined && (!Number.isInteger(props.pods) || props.pods < 0)) {
      throw new Error(`${where}: pods is ${props.pods}; it must be a non-negative integer.`);
    }

    const hard: { [key: string]: k8s.Quantity } = {};
    if (props.requestsCpu) hard['requests.cpu'] = k8s.Quantity.fromString(props.requestsCpu.amount);
    if (props.requestsMemory) hard['requests.memory'] = k8s.Quantity.fromString(formatSize(props.requestsMemory));
    if (props.limitsCpu) hard['limits.cpu'] = k8s.Quantity.fromString(props.limitsCpu.amount);
    if (props.limitsMemory) hard['limits.memory'] = k8s.Quantity.fromString(formatSize(props.limitsMemory));
    if (props.pods !== undefined) hard.pods = k8s.Quantity.fromNumber(props.pods);
    for (const r of props.extendedResources ?? []) hard[`requests.${r.name}`] = k8s.Quantity.fromNumber(r.count);

    const metadata = {
      name: props.name,
      namespace: props.namespace,
    };
    if (Object.keys(hard).length > 0) {
      this.resourceQuota = new k8s.KubeResourceQuota(this, 'ResourceQuota', {
        metadata: { ...metadata, annotations: { [EXPECTED_NODE_COUNT_ANNOTATION]: String(nodes) } },
        spec: { hard },
      });
    }

    const amounts = (a?: ContainerResourceAmounts): { [key: string]: k8s.Quantity } | undefined => {
      if (!a || (!a.cpu && !a.memory)) return undefined;
      const result: { [key: string]: k8s.Quantity } = {};
      if (a.cpu) result.cpu = k8s.Quantity.fromString(a.cpu.amount);
      if (a.memory) result.memory = k8s.Quantity.fromString(formatSize(a.memory));
      return result;
    };
    const item: k8s.LimitRangeItem = {
      type: 'Container',
      default: amounts(props.defaultLimit),
      defaultRequest: amounts(props.defaultRequest),
      min: amounts(props.min),
      max: amounts(props.max),
    };
    checkOrder(where, props);
    if (item.default || item.defaultRequest || item.min || item.max) {
      this.limitRange = new k8s.KubeLimitRange(this, 'LimitRange', { metadata, spec: { limits: [item] } });
    }
    if (!this.resourceQuota && !this.limitRange) {
      throw new Error(`${where}: nothing to enforce; set a total (requestsCpu, requestsMemory, limitsCpu, limitsMemory, pods, extendedResources) or a container bound (defaultRequest, defaultLimit, min, max).`);
    }
  }
}

/** min <= defaultRequest <= defaultLimit <= max, as the API server requires. */
function checkOrder(where: string, props: NamespaceQuotaProps) {
  const chain: [string, ContainerResourceAmounts | undefined][] = [
    ['min', props.min], ['defaultRequest', props.defaultRequest], ['defaultLimit', props.defaultLimit], ['max', props.max],
  ];
  for (const [resource, value] of [
    ['cpu', (a?: ContainerResourceAmounts) => cpuMillis(a?.cpu)],
    ['memory', (a?: ContainerResourceAmounts) => a?.memory?.toKibibytes()],
  ] as const) {
    const present = chain.map(([name, a]) => ({ name, v: value(a) })).filter(x => x.v !== undefined);
    for (let i = 1; i < present.length; i++) {
      if (present[i - 1].v! > present[i].v!) {
        throw new Error(`${where}: ${present[i - 1].name} ${resource} is greater than ${present[i].name} ${resource}; the API server requires min <= defaultRequest <= defaultLimit <= max.`);
      }
    }
  }
}
