import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { DaemonSetsError, describeValue } from './errors';
import { checkObject, checkOptionalBoolean, checkOptionalInstance, checkOptionalObject, checkString } from './input-checks';
import { parseQuantity, requestExceedsLimit } from './k8s/quantity';
import { checkResourceQuantity, QUANTITY_FORMAT } from './k8s/quantity-syntax';
import { checkQualifiedName } from './k8s/syntax';

/**
 * Resource defaults sized for a per-node agent.
 *
 * A DaemonSet's requests are paid on every node, so they add up: ten agents at cdk8s-plus's
 * default of 1 CPU / 512Mi each would reserve 10 CPUs per node. These defaults request what a
 * typical agent (node-exporter, fluent-bit, a CNI or CSI node plugin) uses at rest, cap memory
 * so a leaking agent is OOM-killed instead of starving the node, and set no CPU limit because
 * CFS throttling of an agent delays log shipping and metric scrapes without protecting anyone
 * (the requests already guarantee other pods their share).
 */
export class AgentResources {
  /** CPU requested per container by default: 50 millicores. */
  public static readonly DEFAULT_CPU_REQUEST = kplus.Cpu.millis(50);

  /** Memory requested per container by default: 64 MiB. */
  public static readonly DEFAULT_MEMORY_REQUEST = Size.mebibytes(64);

  /** Memory limit per container by default: 256 MiB. */
  public static readonly DEFAULT_MEMORY_LIMIT = Size.mebibytes(256);

  /**
   * The default resources of a DaemonSet container: cpu request 50m (no limit),
   * memory request 64Mi, memory limit 256Mi.
   */
  public static defaults(): kplus.ContainerResources {
    return {
      cpu: { request: AgentResources.DEFAULT_CPU_REQUEST },
      memory: { request: AgentResources.DEFAULT_MEMORY_REQUEST, limit: AgentResources.DEFAULT_MEMORY_LIMIT },
    };
  }

  /**
   * CPU resources with neither a request nor a limit: the container asks for no CPU at all, instead of the
   * agent default (a 50m request). Use it as `resources: { cpu: AgentResources.noCpu() }`.
   */
  public static noCpu(): kplus.CpuResources {
    return {};
  }

  /**
   * Memory resources with neither a request nor a limit: the container asks for no memory and has no memory
   * limit, instead of the agent default (64Mi request, 256Mi limit). Use it as
   * `resources: { memory: AgentResources.noMemory() }`.
   */
  public static noMemory(): kplus.MemoryResources {
    return {};
  }

  /**
   * Fills what `resources` leaves out with the defaults, one resource kind at a time:
   * giving `cpu` keeps the default `memory`, and the reverse.
   */
  public static withDefaults(resources?: kplus.ContainerResources): kplus.ContainerResources {
    checkOptionalObject('AgentResources.withDefaults', 'resources', resources, 'a kplus.ContainerResources object');
    const defaults = AgentResources.defaults();
    return {
      cpu: resources?.cpu ?? defaults.cpu,
      memory: resources?.memory ?? defaults.memory,
      ephemeralStorage: resources?.ephemeralStorage,
    };
  }

  private constructor() {}
}

/**
 * Options of `ExtendedResource.of()`.
 */
export interface ExtendedResourceOptions {
  /**
   * Emit the amount as a limit only, without a request. Kubernetes then takes the limit as the request (an
   * extended resource cannot be overcommitted: its request, when given, must equal its limit), so the pod asks
   * for the same devices; this form reproduces manifests that write extended resources under `limits` only.
   * @default false - emitted as both request and limit
   */
  readonly limitOnly?: boolean;
}

/**
 * An extended resource a container needs: a device advertised by a device plugin
 * (GPUs, RDMA adapters, FPGAs). Extended resources cannot be overcommitted, so the
 * amount is emitted as both request and limit (or as a limit only, which Kubernetes reads the same way).
 */
export class ExtendedResource {
  /** NVIDIA GPUs (`nvidia.com/gpu`), advertised by the NVIDIA device plugin. */
  public static nvidiaGpu(count: number): ExtendedResource {
    return ExtendedResource.of('nvidia.com/gpu', count);
  }

  /** AMD GPUs (`amd.com/gpu`), advertised by the ROCm device plugin. */
  public static amdGpu(count: number): ExtendedResource {
    return ExtendedResource.of('amd.com/gpu', count);
  }

  /** RDMA host channel adapters (`rdma/hca`), advertised by the k8s-rdma-shared-dev-plugin. */
  public static rdmaHca(count: number): ExtendedResource {
    return ExtendedResource.of('rdma/hca', count);
  }

  /**
   * Any extended resource by its fully qualified name (`vendor.example/device`).
   * @param name fully qualified resource name, outside the `kubernetes.io` domain
   * @param count a positive whole number of units
   * @param options how the amount is emitted
   */
  public static of(name: string, count: number, options: ExtendedResourceOptions = {}): ExtendedResource {
    const at = 'ExtendedResource.of';
    const o = checkObject(at, 'options', options, 'an ExtendedResourceOptions object ({ limitOnly? })');
    checkOptionalBoolean(at, 'options.limitOnly', o.limitOnly);
    checkString(at, 'name', name);
    const problem = checkQualifiedName(name);
    if (problem || !name.includes('/')) {
      throw new DaemonSetsError(`ExtendedResource.of: resource name '${name}' ${problem ?? 'is not fully qualified'}; use a name like 'nvidia.com/gpu' (domain/name).`, at, 'name');
    }
    const domain = name.split('/')[0];
    if (domain === 'kubernetes.io' || domain.endsWith('.kubernetes.io') || domain === 'requests.kubernetes.io') {
      throw new DaemonSetsError(`ExtendedResource.of: resource name '${name}' is in the kubernetes.io domain, which is reserved for built-in resources; use the device plugin's own domain (e.g. 'nvidia.com/gpu').`, at, 'name');
    }
    if (typeof count !== 'number' || !Number.isSafeInteger(count) || count <= 0) {
      throw new DaemonSetsError(`ExtendedResource.of: '${name}' count is ${describeValue(count)}; extended resources are counted in whole units, use a positive integer (at most ${Number.MAX_SAFE_INTEGER}).`, at, 'count');
    }
    return new ExtendedResource(name, count, options.limitOnly ?? false);
  }

  /** The resource name, e.g. `nvidia.com/gpu`. */
  public readonly name: string;

  /** The number of units requested (and limited to). */
  public readonly count: number;

  /** Whether the amount is emitted as a limit only (Kubernetes then requests the same amount). */
  public readonly limitOnly: boolean;

  private constructor(name: string, count: number, limitOnly: boolean) {
    this.name = name;
    this.count = count;
    this.limitOnly = limitOnly;
  }
}

/**
 * A resource amount written as a Kubernetes quantity (`'2Gi'`, `'500m'`, `'1.5'`), emitted exactly as written.
 * For amounts `kplus.Cpu` and `Size` cannot express (decimal units such as `1G`, fractions such as `1.5Gi`, an
 * explicit `0`), and for reproducing a manifest as it is.
 */
export class ResourceQuantity {
  /**
   * A quantity, checked against Kubernetes' quantity syntax (`resource.ParseQuantity`) and not negative.
   * @param quantity the quantity as Kubernetes writes it, e.g. `'250m'`, `'2'`, `'64Mi'`, `'2Gi'`, `'1G'`
   */
  public static of(quantity: string): ResourceQuantity {
    const at = 'ResourceQuantity.of';
    checkString(at, 'quantity', quantity);
    const problem = checkResourceQuantity(quantity);
    if (problem) {
      throw new DaemonSetsError(`ResourceQuantity.of: '${quantity}' ${problem}; use ${QUANTITY_FORMAT}.`, at, 'quantity');
    }
    return new ResourceQuantity(quantity, parseQuantity(quantity)!);
  }

  /** The quantity as written, e.g. `2Gi`. */
  public readonly quantity: string;

  /** Its value in base units: cores for cpu, bytes for memory and ephemeral storage (`2Gi` is 2147483648). */
  public readonly value: number;

  private constructor(quantity: string, value: number) {
    this.quantity = quantity;
    this.value = value;
  }
}

/**
 * A request and a limit of one resource, as Kubernetes quantities.
 */
export interface ResourceQuantityBounds {
  /**
   * The amount the scheduler reserves for the container.
   * @default - no request (with a limit, Kubernetes then requests the limit)
   */
  readonly request?: ResourceQuantity;

  /**
   * The most the container may use.
   * @default - no limit
   */
  readonly limit?: ResourceQuantity;
}

/**
 * A container's cpu, memory and ephemeral storage as Kubernetes quantities written verbatim
 * (`DaemonSetContainerProps.resourceQuantities`). Each resource given here replaces that resource's agent
 * default; `{}` for a resource means no request and no limit for it.
 */
export interface ContainerResourceQuantities {
  /**
   * CPU request and limit, e.g. `{ request: ResourceQuantity.of('500m'), limit: ResourceQuantity.of('1') }`.
   * @default - from `resources`, else the agent default (a 50m request)
   */
  readonly cpu?: ResourceQuantityBounds;

  /**
   * Memory request and limit, e.g. `{ request: ResourceQuantity.of('1024Mi'), limit: ResourceQuantity.of('2Gi') }`.
   * @default - from `resources`, else the agent default (64Mi request, 256Mi limit)
   */
  readonly memory?: ResourceQuantityBounds;

  /**
   * Ephemeral storage request and limit.
   * @default - from `resources`, else none
   */
  readonly ephemeralStorage?: ResourceQuantityBounds;
}

/** The resources of a container as its props give them. @internal */
export interface ContainerResourceProps {
  readonly resources?: kplus.ContainerResources;
  readonly resourceQuantities?: ContainerResourceQuantities;
  readonly extendedResources?: ExtendedResource[];
}

const QUANTITY_FIELDS = [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeralStorage', 'ephemeral-storage']] as const;

/**
 * Checks `resourceQuantities` (types, a resource given twice, whole bytes and millicores, request <= limit) and
 * renders a container's resources: `resources` with the agent defaults, `resourceQuantities` as written, and
 * the extended resources.
 * @param where the container's message prefix, `DaemonSet '<path>': container '<name>'`
 * @internal
 */
export function planContainerResources(where: string, props: ContainerResourceProps): k8s.ResourceRequirements | undefined {
  const q = checkOptionalObject(where, 'resourceQuantities', props.resourceQuantities, 'a ContainerResourceQuantities object ({ cpu?, memory?, ephemeralStorage? })');
  const written: { [resource: string]: { request?: string; limit?: string } } = {};
  for (const [field, resource] of QUANTITY_FIELDS) {
    const bounds = checkOptionalObject(where, `resourceQuantities.${field}`, q?.[field], `${field} quantities ({ request?, limit? })`);
    if (!bounds) continue;
    if (props.resources?.[field] !== undefined) {
      throw new DaemonSetsError(`${where}: ${resource} is given in both resources.${field} and resourceQuantities.${field}; give it in one of them.`, where, `resourceQuantities.${field}`);
    }
    written[resource] = checkBounds(where, field, resource, bounds);
  }
  const withDefaults = AgentResources.withDefaults(props.resources);
  const resources: kplus.ContainerResources = {
    cpu: written.cpu ? undefined : withDefaults.cpu,
    memory: written.memory ? undefined : withDefaults.memory,
    ephemeralStorage: written['ephemeral-storage'] ? undefined : withDefaults.ephemeralStorage,
  };
  return renderResources(resources, props.extendedResources ?? [], written);
}

function checkBounds(where: string, field: string, resource: string, bounds: Record<string, unknown>): { request?: string; limit?: string } {
  const out: { request?: string; limit?: string } = {};
  for (const bound of ['request', 'limit'] as const) {
    const path = `resourceQuantities.${field}.${bound}`;
    const quantity = checkOptionalInstance(where, path, bounds[bound], ResourceQuantity, "a ResourceQuantity (ResourceQuantity.of('2Gi'))");
    if (!quantity) continue;
    if (resource === 'cpu' && !Number.isInteger(Math.round(quantity.value * 1e9) / 1e6)) {
      throw new DaemonSetsError(`${where}: ${path} is ${quantity.quantity}, finer than a millicore, which Kubernetes rounds up; write it in whole millicores (e.g. '1m').`, where, path);
    }
    if (resource !== 'cpu' && !Number.isInteger(quantity.value)) {
      throw new DaemonSetsError(`${where}: ${path} is ${quantity.quantity}, a fractional number of bytes, which Kubernetes warns is invalid; write whole bytes (e.g. '1536Mi' rather than '1.5001Mi').`, where, path);
    }
    out[bound] = quantity.quantity;
  }
  if (out.request !== undefined && out.limit !== undefined && requestExceedsLimit(out.request, out.limit)) {
    throw new DaemonSetsError(`${where}: requests ${resource} ${out.request} but limits it to ${out.limit}; a request must not exceed its limit.`, where, `resourceQuantities.${field}`);
  }
  return out;
}

/**
 * A size as a Kubernetes quantity in the unit it was written in (`Size.gibibytes(2)` → `2Gi`,
 * `Size.mebibytes(64)` → `64Mi`); a fractional amount (`Size.gibibytes(1.5)`) in whole Mi, else Ki.
 * @internal
 */
export function formatSizeAsWritten(size: Size): string {
  // `asString()` is the amount and the unit's abbreviation as given (`2Gi`); the unit itself is private.
  const written = /^[0-9]+(Ki|Mi|Gi|Ti|Pi)$/.exec(size.asString());
  return written ? written[0] : formatSize(size);
}

function sizes(bounds?: kplus.MemoryResources): { request?: string; limit?: string } {
  return {
    request: bounds?.request ? formatSizeAsWritten(bounds.request) : undefined,
    limit: bounds?.limit ? formatSizeAsWritten(bounds.limit) : undefined,
  };
}

/**
 * A CPU amount in millicores (`Cpu.units(2)` → 2000, `Cpu.millis(50)` → 50).
 * @internal
 */
export function cpuMillis(cpu?: kplus.Cpu): number | undefined {
  if (!cpu) return undefined;
  const amount = cpu.amount;
  return amount.endsWith('m') ? Number(amount.slice(0, -1)) : Number(amount) * 1000;
}

/**
 * A size as a Kubernetes quantity: in Mi like cdk8s-plus when it is a whole number of
 * mebibytes, otherwise in Ki (cdk8s-plus throws there).
 * @internal
 */
export function formatSize(size: Size): string {
  const kib = size.toKibibytes();
  return kib % 1024 === 0 ? `${kib / 1024}Mi` : `${kib}Ki`;
}

/**
 * Renders cpu, memory and ephemeral-storage requirements (sizes in the unit written, unlike
 * cdk8s-plus), quantities written verbatim, and extended resources, which cdk8s-plus cannot express.
 * @param written quantities by resource name (`cpu`, `memory`, `ephemeral-storage`), already checked
 * @internal
 */
export function renderResources(
  resources: kplus.ContainerResources, extended: ExtendedResource[], written: { [resource: string]: { request?: string; limit?: string } } = {},
): k8s.ResourceRequirements | undefined {
  const limits: { [name: string]: k8s.Quantity } = {};
  const requests: { [name: string]: k8s.Quantity } = {};
  const typed: { [resource: string]: { request?: string; limit?: string } } = {
    'cpu': { request: resources.cpu?.request?.amount, limit: resources.cpu?.limit?.amount },
    'memory': sizes(resources.memory),
    'ephemeral-storage': sizes(resources.ephemeralStorage),
  };
  // One order whichever prop a resource came from: cpu, memory, ephemeral-storage, then extended resources.
  for (const resource of ['cpu', 'memory', 'ephemeral-storage']) {
    const bounds = written[resource] ?? typed[resource];
    if (bounds.limit !== undefined) limits[resource] = k8s.Quantity.fromString(bounds.limit);
    if (bounds.request !== undefined) requests[resource] = k8s.Quantity.fromString(bounds.request);
  }
  for (const r of extended) {
    limits[r.name] = k8s.Quantity.fromNumber(r.count);
    if (!r.limitOnly) requests[r.name] = k8s.Quantity.fromNumber(r.count);
  }
  const hasLimits = Object.keys(limits).length > 0;
  const hasRequests = Object.keys(requests).length > 0;
  if (!hasLimits && !hasRequests) return undefined;
  return { limits: hasLimits ? limits : undefined, requests: hasRequests ? requests : undefined };
}
