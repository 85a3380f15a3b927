/**
 * Compute resource names as the API server classifies them (pkg/apis/core/helper/helpers.go and
 * `validateResourceName` / `ValidateContainerResourceName` in pkg/apis/core/validation/validation.go): standard
 * names, native (`kubernetes.io/`) names, extended resources (a device plugin's `vendor.com/gpu`) and hugepages.
 */
import { parseQuantity } from './quantity';
import { checkQualifiedName } from './syntax';

/** The unprefixed resources a container may request (`standardContainerResources`). */
const CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

const NO_PROBLEMS: readonly string[] = Object.freeze([]);

/** Every unprefixed name `IsStandardResourceName` knows (quota names included): a container may not use most of them. */
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);

const HUGEPAGES = 'hugepages-';

/** Whether a resource is hugepages (`IsHugePageResourceName`: the `hugepages-` prefix). */
export function isHugePagesResource(name: string): boolean {
  return name.startsWith(HUGEPAGES);
}

/** Whether a resource is native: unprefixed or in a `kubernetes.io/` namespace (`IsNativeResource`). */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/**
 * Whether a resource is an extended resource (`IsExtendedResourceName`): not native, not `requests.`-prefixed,
 * and still a qualified name with the quota prefix `requests.` in front.
 */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return checkQualifiedName(`requests.${name}`) === undefined;
}

/** Whether request and limit may differ (`IsOvercommitAllowed`): native resources other than hugepages. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePagesResource(name);
}

/** Whether the amount must be a whole number (`IsIntegerResourceName`): extended resources and object counts. */
export function isIntegerResource(name: string): boolean {
  return isExtendedResourceName(name) || ['pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
    'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers'].includes(name);
}

/**
 * The problems of a container's resource name (`ValidateContainerResourceName`, which calls `validateResourceName`),
 * in the API server's words; empty when the name is valid.
 */
export function containerResourceNameProblems(name: string): readonly string[] {
  // cpu, memory and ephemeral-storage (nearly every name a container uses) are standard container resources.
  if (CONTAINER_RESOURCES.has(name)) return NO_PROBLEMS;
  const q = checkQualifiedName(name);
  if (q) return [`${q} (a resource name is a qualified name)`];
  if (!name.includes('/')) {
    const problems: string[] = [];
    if (!STANDARD_RESOURCES.has(name) && !name.startsWith(HUGEPAGES) && !name.startsWith(`requests.${HUGEPAGES}`)) {
      problems.push('must be a standard resource type or fully qualified');
    }
    if (!CONTAINER_RESOURCES.has(name) && !isHugePagesResource(name)) problems.push('must be a standard resource for containers (cpu, memory, ephemeral-storage, hugepages-<size>)');
    return problems;
  }
  if (!isNativeResource(name) && !isExtendedResourceName(name)) return ['doesn\'t follow extended resource name standard'];
  return [];
}

/**
 * The page size of a `hugepages-<size>` resource in bytes, or undefined when the size is not a quantity
 * (`HugePageSizeFromResourceName`).
 */
export function hugePageSize(name: string): number | undefined {
  if (!isHugePagesResource(name)) return undefined;
  const size = name.substring(HUGEPAGES.length);
  return size === '' ? undefined : parseQuantity(size);
}

/**
 * Whether an amount of hugepages is a whole number of pages (`IsHugePageResourceValueDivisible`): the page size
 * parses, is a positive whole number of bytes, and divides the amount (rounded up to whole bytes).
 */
export function isHugePagesAmountDivisible(name: string, amount: number): boolean {
  const page = hugePageSize(name);
  if (page === undefined || page <= 0 || !Number.isInteger(page)) return false;
  return Math.ceil(amount) % page === 0;
}
