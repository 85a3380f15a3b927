/**
 * API validation of a ResourceQuota's spec. Mirrors `ValidateResourceQuotaSpec`, `validateResourceQuotaScopes`
 * and `validateScopedResourceSelectorRequirement` in k8s.io/kubernetes `pkg/apis/core/validation/validation.go`
 * (v1.37): hard limits' names and amounts (non-negative, whole numbers for object counts), scopes that apply to
 * the limited resources and do not conflict, and scope selector operators. The scope and operator enums are the
 * schema's; `status` is dropped on create and not checked.
 */
import { parseQuantity } from '../../../../k8s/quantity';
import { isStandardQuotaResource, quotaResourceNameProblems } from '../../../../k8s/quota-resources';
import { isIntegerResource } from '../../../../k8s/resource-names';
import { asList, asObject, entriesOf, isObject, JsonObject, structItems, text } from '../../../../k8s/shape';
import { Add, collector, SemanticProblem } from '../checks';

/** Scopes that only pod counts and pod compute resources may use (`IsResourceQuotaScopeValidForResource`). */
const POD_SCOPES = new Set(['Terminating', 'NotTerminating', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
const POD_COMPUTE = new Set(['pods', 'cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);
const STANDARD_SCOPES = new Set([...POD_SCOPES, 'BestEffort', 'VolumeAttributesClass']);
/** Scopes that may only be matched with `Exists`. */
const EXISTS_ONLY = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);
const CONFLICTS: readonly [string, string][] = [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']];

/** Whether a scope may limit a resource (`IsResourceQuotaScopeValidForResource`). */
function scopeAllows(scope: unknown, resource: string): boolean {
  if (typeof scope === 'string' && POD_SCOPES.has(scope)) return POD_COMPUTE.has(resource);
  if (scope === 'BestEffort') return resource === 'pods';
  if (scope === 'VolumeAttributesClass') return resource === 'persistentvolumeclaims' || resource === 'requests.storage';
  return true;
}

/** Hard limits whose names the quota system knows: those a scope must allow. */
function trackedResources(hard: unknown): string[] {
  return entriesOf(hard).map(([k]) => k).filter(isStandardQuotaResource);
}

/** `spec.hard`: each name a quota resource, each amount non-negative, object counts whole numbers. */
function checkHard(spec: JsonObject, add: Add): void {
  for (const [name, value] of entriesOf(spec.hard)) {
    const at = `spec.hard.${name}`;
    for (const p of quotaResourceNameProblems(name)) add('resource-quota-hard', at, `resource '${name}' ${p}`);
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const q = parseQuantity(value);
    if (q === undefined) continue;
    if (q < 0) add('resource-quota-hard', at, `hard limit ${name} ${text(value)} must be greater than or equal to 0`);
    // A whole q is whole in millis too; q * 1000 in floating point is not exact above 2^53 / 1000 (9007199254740991 pods).
    if (isIntegerResource(name) && !Number.isInteger(q) && Math.ceil(q * 1000 - 1e-9) % 1000 !== 0) add('resource-quota-hard', at, `hard limit ${name} ${text(value)} must be an integer`);
  }
}

/** `spec.scopes`: known scopes, each allowing every tracked hard limit, no conflicting pair. */
function checkScopes(spec: JsonObject, add: Add): void {
  const scopes = asList(spec.scopes);
  if (scopes.length === 0) return;
  const tracked = trackedResources(spec.hard);
  for (const scope of scopes) {
    if (!STANDARD_SCOPES.has(scope)) continue; // the schema's enum
    const refused = tracked.filter(r => !scopeAllows(scope, r));
    if (refused.length > 0) add('resource-quota-scopes', 'spec.scopes', `scope ${text(scope)} does not apply to ${refused.join(', ')}: unsupported scope applied to resource`);
  }
  for (const [a, b] of CONFLICTS) {
    if (scopes.includes(a) && scopes.includes(b)) add('resource-quota-scopes', 'spec.scopes', `scopes ${a} and ${b} conflict; a quota may use one of them`);
  }
}

/** `spec.scopeSelector.matchExpressions`: like scopes, plus each operator's values. */
function checkScopeSelector(spec: JsonObject, add: Add): void {
  const selector = spec.scopeSelector;
  if (!isObject(selector)) return;
  const tracked = trackedResources(spec.hard);
  const names = new Set<unknown>();
  for (const { item, index } of structItems(selector.matchExpressions, { scopeName: '', operator: '' })) {
    const at = `spec.scopeSelector.matchExpressions[${index}]`;
    const scope = item.scopeName;
    const refused = tracked.filter(r => !scopeAllows(scope, r));
    if (STANDARD_SCOPES.has(scope) && refused.length > 0) add('resource-quota-scopes', at, `scope ${text(scope)} does not apply to ${refused.join(', ')}: unsupported scope applied to resource`);
    if (EXISTS_ONLY.has(scope) && item.operator !== 'Exists') {
      add('resource-quota-scopes', `${at}.operator`, `operator ${text(item.operator)} is not allowed with scope ${scope}: it must be 'Exists'`);
    }
    const values = asList(item.values);
    if ((item.operator === 'In' || item.operator === 'NotIn') && values.length === 0) {
      add('resource-quota-scopes', `${at}.values`, `operator ${item.operator} needs at least one value`);
    } else if ((item.operator === 'Exists' || item.operator === 'DoesNotExist') && values.length > 0) {
      add('resource-quota-scopes', `${at}.values`, `operator ${item.operator} takes no values (values ${text(item.values)})`);
    } else if (item.operator === '') {
      add('resource-quota-scopes', `${at}.operator`, 'operator is required: In, NotIn, Exists or DoesNotExist');
    }
    names.add(scope);
  }
  for (const [a, b] of CONFLICTS) {
    if (names.has(a) && names.has(b)) add('resource-quota-scopes', 'spec.scopeSelector.matchExpressions', `scopes ${a} and ${b} conflict; a quota may use one of them`);
  }
}

/** The API problems of a ResourceQuota (its metadata is checked for every kind elsewhere). */
export function checkResourceQuota(obj: JsonObject): SemanticProblem[] {
  const { problems, add } = collector();
  const spec = asObject(obj.spec);
  checkHard(spec, add);
  checkScopes(spec, add);
  checkScopeSelector(spec, add);
  return problems;
}
