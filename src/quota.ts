import { Chart, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { DaemonSetsError, invalidInput, withContext } from './errors';
import {
  checkArray, checkInstance, checkObject, checkOptionalInstance, checkOptionalNumber, checkOptionalObject, checkOptionalString,
} from './input-checks';
import { parseQuantity } from './k8s/quantity';
import { checkDns1123Label, checkDns1123Subdomain } from './k8s/syntax';
import { EXPECTED_NODE_COUNT_ANNOTATION } from './k8s/well-known';
import { adoptOnePassSynthesis } from './one-pass-synthesis';
import { ExtendedResource, formatSizeAsWritten } from './resources';
import { AppValidation } from './validation/cdk8s/app-validation';

/** Annotation on a ResourceQuota: how many nodes its namespace's DaemonSets are expected to run on. */
export { EXPECTED_NODE_COUNT_ANNOTATION };

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
   * Name of the ResourceQuota and LimitRange (a DNS-1123 subdomain).
   * @default - each object gets the name cdk8s generates from its construct path,
   * e.g. `chart-quota-resourcequota-c8f4a2b1` and `chart-quota-limitrange-c8e1d3f0`
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
 *
 * Every emitted object is validated when the app is synthesized (as with `DaemonSet`, this turns
 * on `AppValidation` for the app): an invalid ResourceQuota or LimitRange fails `app.synth()`.
 */
export class NamespaceQuota extends Construct {
  /** The most nodes `expectedNodeCount` may name. */
  public static readonly MAX_EXPECTED_NODE_COUNT = 1_000_000;

  /** The ResourceQuota, when any total is set. */
  public readonly resourceQuota?: k8s.KubeResourceQuota;

  /** The LimitRange, when any container default, min or max is set. */
  public readonly limitRange?: k8s.KubeLimitRange;

  /** The namespace the quota applies to. */
  public readonly namespace?: string;

  constructor(scope: Construct, id: string, props: NamespaceQuotaProps = {}) {
    super(scope, id);
    const at = `NamespaceQuota '${this.node.path}'`;
    const checked = checkQuotaProps(at, props);
    this.namespace = checked.namespace ?? Chart.of(this).namespace;

    const q = new QuantityReader(at);
    const hard: { [key: string]: k8s.Quantity } = {};
    const totals: [string, string, kplus.Cpu | Size | undefined][] = [
      ['requests.cpu', 'requestsCpu', props.requestsCpu], ['requests.memory', 'requestsMemory', props.requestsMemory],
      ['limits.cpu', 'limitsCpu', props.limitsCpu], ['limits.memory', 'limitsMemory', props.limitsMemory],
    ];
    for (const [key, field, value] of totals) {
      if (value !== undefined) hard[key] = k8s.Quantity.fromString(q.text(field, value));
    }
    if (checked.pods !== undefined) hard.pods = k8s.Quantity.fromNumber(checked.pods);
    for (const r of checked.extendedResources) hard[`requests.${r.name}`] = k8s.Quantity.fromNumber(r.count);

    // Leave out what is not given: an explicit `name: undefined` would replace the name cdk8s generates.
    const metadata: { name?: string; namespace?: string } = {};
    if (checked.name !== undefined) metadata.name = checked.name;
    if (checked.namespace !== undefined) metadata.namespace = checked.namespace;
    if (Object.keys(hard).length > 0) {
      this.resourceQuota = new k8s.KubeResourceQuota(this, 'ResourceQuota', {
        metadata: { ...metadata, annotations: { [EXPECTED_NODE_COUNT_ANNOTATION]: String(checked.expectedNodeCount) } },
        spec: { hard },
      });
    }

    // Rendered in the order of the LimitRangeItem fields; checked in the order the API server requires.
    const bounds: [string, string][] = [['default', 'defaultLimit'], ['defaultRequest', 'defaultRequest'], ['min', 'min'], ['max', 'max']];
    const item: { [key: string]: unknown } = { type: 'Container' };
    const read: { [field: string]: { [resource: string]: number } } = {};
    for (const [key, field] of bounds) {
      const amounts = q.amounts(field, (props as { [field: string]: unknown })[field]);
      if (!amounts) continue;
      item[key] = amounts.rendered;
      read[field] = amounts.values;
    }
    const chain = ['min', 'defaultRequest', 'defaultLimit', 'max'].filter(f => read[f]).map(field => ({ field, values: read[field] }));
    checkOrder(at, chain);
    if (Object.keys(item).length > 1) {
      this.limitRange = new k8s.KubeLimitRange(this, 'LimitRange', { metadata, spec: { limits: [item as unknown as k8s.LimitRangeItem] } });
    }
    if (!this.resourceQuota && !this.limitRange) {
      throw new DaemonSetsError(`${at}: nothing to enforce; set a total (requestsCpu, requestsMemory, limitsCpu, limitsMemory, pods, extendedResources) or a container bound (defaultRequest, defaultLimit, min, max).`, at);
    }
    // Validate the ResourceQuota and LimitRange (and every other object of the app) at synthesis.
    AppValidation.enable(this, { skipRules: ['semantics'] });
    // A plain App writes its objects from the validation pass's rendering, with the YAML emitter.
    adoptOnePassSynthesis(this);
  }
}

interface CheckedQuotaProps {
  readonly name?: string;
  readonly namespace?: string;
  readonly pods?: number;
  readonly expectedNodeCount: number;
  readonly extendedResources: ExtendedResource[];
}

/** Runtime checks of the props that are not quantities (those are read by `QuantityReader`). */
function checkQuotaProps(at: string, props: unknown): CheckedQuotaProps {
  const p = checkObject(at, 'props', props, 'a NamespaceQuotaProps object');
  const namespace = checkOptionalString(at, 'namespace', p.namespace, { nonEmpty: true });
  if (namespace !== undefined) {
    const problem = checkDns1123Label(namespace);
    if (problem) throw new DaemonSetsError(`${at}: namespace '${namespace}' ${problem}.`, at, 'namespace');
  }
  const name = checkOptionalString(at, 'name', p.name, { nonEmpty: true });
  if (name !== undefined) {
    const problem = checkDns1123Subdomain(name);
    if (problem) throw new DaemonSetsError(`${at}: name '${name}' ${problem}.`, at, 'name');
  }
  const expectedNodeCount = checkOptionalNumber(at, 'expectedNodeCount', p.expectedNodeCount,
    { integer: true, min: 1, max: NamespaceQuota.MAX_EXPECTED_NODE_COUNT }) ?? 100;
  const pods = checkOptionalNumber(at, 'pods', p.pods, { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER });
  const extendedResources = (p.extendedResources === undefined ? [] : checkArray(at, 'extendedResources', p.extendedResources, 'ExtendedResource values'))
    .map((r, i) => checkInstance(at, `extendedResources[${i}]`, r, ExtendedResource, 'an ExtendedResource (ExtendedResource.nvidiaGpu(n), ExtendedResource.of(name, n), ...)'));
  const seen = new Set<string>();
  extendedResources.forEach((r, i) => {
    if (seen.has(r.name)) throw invalidInput({ site: at, field: `extendedResources[${i}]`, value: r.name, allowed: 'a resource not listed before (each extended resource once)' });
    seen.add(r.name);
  });
  return { name, namespace, pods, expectedNodeCount, extendedResources };
}

interface ReadAmounts {
  /** The amounts as the LimitRange carries them. */
  readonly rendered: { [resource: string]: k8s.Quantity };
  /** Their numeric values (cores, bytes), for the order check. */
  readonly values: { [resource: string]: number };
}

/** Reads CPU and memory amounts as Kubernetes quantities: well-formed, finite and non-negative. */
class QuantityReader {
  constructor(private readonly at: string) {}

  /** The quantity text of a `kplus.Cpu` or `Size`. */
  public text(field: string, value: unknown): string {
    if (value instanceof kplus.Cpu) return this.checked(field, value.amount);
    if (value instanceof Size) return this.checked(field, withContext(this.at, field, () => formatSizeAsWritten(value)));
    const allowed = /cpu$/i.test(field)
      ? 'a kplus.Cpu (Cpu.units(n) or Cpu.millis(n))' : 'a Size (Size.mebibytes(n), Size.gibibytes(n), ...)';
    throw invalidInput({ site: this.at, field, value, allowed });
  }

  /** The rendered amounts of a LimitRange bound and their numeric values, or undefined when none is set. */
  public amounts(field: string, value: unknown): ReadAmounts | undefined {
    const a = checkOptionalObject(this.at, field, value, 'a ContainerResourceAmounts object ({ cpu?, memory? })');
    if (!a || (a.cpu === undefined && a.memory === undefined)) return undefined;
    const rendered: { [resource: string]: k8s.Quantity } = {};
    const values: { [resource: string]: number } = {};
    const cpu = checkOptionalInstance(this.at, `${field}.cpu`, a.cpu, kplus.Cpu, 'a kplus.Cpu (Cpu.units(n) or Cpu.millis(n))');
    const memory = checkOptionalInstance(this.at, `${field}.memory`, a.memory, Size, 'a Size (Size.mebibytes(n), Size.gibibytes(n), ...)');
    for (const [resource, v] of [['cpu', cpu], ['memory', memory]] as const) {
      if (v === undefined) continue;
      const text = this.text(`${field}.${resource}`, v);
      rendered[resource] = k8s.Quantity.fromString(text);
      values[resource] = parseQuantity(text)!;
    }
    return { rendered, values };
  }

  private checked(field: string, text: string): string {
    const value = parseQuantity(text);
    if (value === undefined || value < 0) {
      throw invalidInput({ site: this.at, field, value: text, allowed: 'a non-negative, finite Kubernetes quantity such as 500m, 2, 128Mi or 1Gi' });
    }
    return text;
  }
}

/** min <= defaultRequest <= defaultLimit <= max, as the API server requires. */
function checkOrder(at: string, chain: { field: string; values: { [resource: string]: number } }[]) {
  for (const resource of ['cpu', 'memory']) {
    const present = chain.filter(x => x.values[resource] !== undefined);
    for (let i = 1; i < present.length; i++) {
      if (present[i - 1].values[resource] > present[i].values[resource]) {
        const message = `${at}: ${present[i - 1].field} ${resource} is greater than ${present[i].field} ${resource}; the API server requires min <= defaultRequest <= defaultLimit <= max.`;
        throw new DaemonSetsError(message, at, present[i - 1].field);
      }
    }
  }
}
