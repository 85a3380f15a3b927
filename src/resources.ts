import { Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { DaemonSetsError, describeValue } from './errors';
import { checkObject, checkOptionalBoolean, checkOptionalObject, checkString } from './input-checks';
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

function sizeQuantity(size: Size): k8s.Quantity {
  return k8s.Quantity.fromString(formatSize(size));
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
 * Renders cpu, memory and ephemeral-storage requirements (sizes in exact units, unlike
 * cdk8s-plus) plus extended resources, which cdk8s-plus cannot express.
 * @internal
 */
export function renderResources(resources: kplus.ContainerResources, extended: ExtendedResource[]): k8s.ResourceRequirements | undefined {
  const limits: { [name: string]: k8s.Quantity } = {};
  const requests: { [name: string]: k8s.Quantity } = {};
  if (resources.cpu?.limit) limits.cpu = k8s.Quantity.fromString(resources.cpu.limit.amount);
  if (resources.cpu?.request) requests.cpu = k8s.Quantity.fromString(resources.cpu.request.amount);
  if (resources.memory?.limit) limits.memory = sizeQuantity(resources.memory.limit);
  if (resources.memory?.request) requests.memory = sizeQuantity(resources.memory.request);
  if (resources.ephemeralStorage?.limit) limits['ephemeral-storage'] = sizeQuantity(resources.ephemeralStorage.limit);
  if (resources.ephemeralStorage?.request) requests['ephemeral-storage'] = sizeQuantity(resources.ephemeralStorage.request);
  for (const r of extended) {
    limits[r.name] = k8s.Quantity.fromNumber(r.count);
    if (!r.limitOnly) requests[r.name] = k8s.Quantity.fromNumber(r.count);
  }
  const hasLimits = Object.keys(limits).length > 0;
  const hasRequests = Object.keys(requests).length > 0;
  if (!hasLimits && !hasRequests) return undefined;
  return { limits: hasLimits ? limits : undefined, requests: hasRequests ? requests : undefined };
}
