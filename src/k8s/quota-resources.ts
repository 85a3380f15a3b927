/**
 * Resource names outside a container's resources, as the API server classifies them: any compute or object-count
 * resource name (`validateResourceName`, e.g. a LimitRange item of type PersistentVolumeClaim), and the names a
 * ResourceQuota may limit (`ValidateResourceQuotaResourceName`). In k8s.io/kubernetes
 * `pkg/apis/core/validation/validation.go` and `pkg/apis/core/helper/helpers.go`. Containers' resource names are
 * k8s/resource-names'.
 */
import { checkQualifiedName } from './syntax';

/** Resource names a ResourceQuota may limit without a domain prefix (`standardQuotaResources`). */
const QUOTA_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);

/** The unprefixed names the API server knows at all (`standardResources`): the quota names and `storage`. */
const STANDARD_RESOURCES = new Set([...QUOTA_RESOURCES, 'storage']);

/** Hugepages as a quota names them (`IsQuotaHugePageResourceName`): `hugepages-<size>` or `requests.hugepages-<size>`. */
function isQuotaHugePages(name: string): boolean {
  return name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

/** Whether the quota system tracks a resource by this name (`IsStandardQuotaResourceName`). */
export function isStandardQuotaResource(name: string): boolean {
  return QUOTA_RESOURCES.has(name) || isQuotaHugePages(name);
}

/**
 * The problems of a resource name (`validateResourceName`): a qualified name and, without a '/', a standard
 * resource. Empty when valid.
 */
export function resourceNameProblems(name: string): string[] {
  const q = checkQualifiedName(name);
  if (q) return [`${q} (a resource name is a qualified name)`];
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isQuotaHugePages(name)) {
    return ['must be a standard resource type or fully qualified'];
  }
  return [];
}

/**
 * The problems of a ResourceQuota's resource name (`ValidateResourceQuotaResourceName`): a resource name and,
 * without a '/', one the quota system tracks (e.g. `requests.cpu`, `pods`, `count/deployments.apps` is qualified).
 */
export function quotaResourceNameProblems(name: string): string[] {
  const problems = resourceNameProblems(name);
  if (!name.includes('/') && !isStandardQuotaResource(name)) {
    problems.push('must be a standard resource for quota (e.g. requests.cpu, limits.memory, pods, or count/<resource>.<group>)');
  }
  return problems;
}
