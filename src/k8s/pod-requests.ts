import { containersOf } from './pod-template';
import { parseQuantity } from './quantity';
import { asObject, entriesOf, objectItems, own } from './shape';

type Json = { [key: string]: any };
type Amounts = { [resource: string]: number };

/** Resources a pod-level `resources` stanza may set (the PodLevelResources feature). */
const POD_LEVEL_RESOURCES = (resource: string) => resource === 'cpu' || resource === 'memory' || resource.startsWith('hugepages-');

/** The quantities of a resource map (`requests` or `limits`) that parse, by resource. */
function amountsOf(map: unknown): Amounts {
  const out: Amounts = {};
  for (const [resource, raw] of entriesOf(map)) {
    const value = typeof raw === 'string' || typeof raw === 'number' ? parseQuantity(raw) : undefined;
    if (value !== undefined) out[resource] = value;
  }
  return out;
}

/**
 * A container's requests as the API server stores them: a resource with a limit but no
 * request is requested at its limit.
 */
function containerRequests(container: Json): Amounts {
  const resources = asObject(asObject(container).resources);
  return { ...amountsOf(resources.limits), ...amountsOf(resources.requests) };
}

/** A container's limits. */
function containerLimits(container: Json): Amounts {
  return amountsOf(asObject(asObject(container).resources).limits);
}

function addTo(target: Amounts, add: Amounts): void {
  for (const [r, v] of Object.entries(add)) target[r] = (own(target, r) ?? 0) + v;
}

function maxInto(target: Amounts, other: Amounts): void {
  for (const [r, v] of Object.entries(other)) target[r] = Math.max(own(target, r) ?? 0, v);
}

/**
 * The scheduler's aggregation (`k8s.io/component-helpers/resource.PodRequests` and `PodLimits`): the app
 * containers plus restartable init containers (sidecars, `restartPolicy: Always`) summed; each other init
 * container together with the sidecars started before it; the larger of the two per resource; pod-level
 * amounts replacing cpu/memory/huge pages when set. Ephemeral containers are not counted.
 */
function aggregate(spec: Json, amounts: (container: Json) => Amounts): Amounts {
  const total: Amounts = {};
  for (const { container: c, init, ephemeral } of containersOf(spec)) {
    if (!init && !ephemeral) addTo(total, amounts(c));
  }
  const sidecars: Amounts = {};
  const initMax: Amounts = {};
  for (const { container: c, init, sidecar } of containersOf(spec)) {
    if (!init) continue;
    const itsOwn = amounts(c);
    if (sidecar) {
      addTo(total, itsOwn);
      addTo(sidecars, itsOwn);
      maxInto(initMax, sidecars);
    } else {
      const during: Amounts = { ...sidecars };
      addTo(during, itsOwn);
      maxInto(initMax, during);
    }
  }
  maxInto(total, initMax);
  const podLevel = amounts({ resources: spec.resources });
  for (const [r, v] of Object.entries(podLevel)) if (POD_LEVEL_RESOURCES(r)) total[r] = v;
  return total;
}

function cleaned(amounts: Amounts): Amounts {
  for (const r of Object.keys(amounts)) {
    if (amounts[r] === 0) delete amounts[r];
    else amounts[r] = cleanSum(amounts[r]);
  }
  return amounts;
}

/**
 * The requests the scheduler (and the ResourceQuota admission) charges a pod with
 * (`k8s.io/component-helpers/resource.PodRequests`): see `aggregate`, plus the pod's `overhead`.
 * `pods` is always 1.
 * @internal
 */
export function podRequests(podSpec: Json): Amounts {
  const spec = asObject(podSpec);
  const reqs = aggregate(spec, containerRequests);
  addTo(reqs, amountsOf(spec.overhead));
  cleaned(reqs);
  reqs.pods = 1;
  return reqs;
}

/**
 * The limits the ResourceQuota admission charges a pod with (`resource.PodLimits`): see `aggregate`, plus the
 * pod's `overhead` for the resources that have a limit.
 * @internal
 */
export function podLimits(podSpec: Json): Amounts {
  const spec = asObject(podSpec);
  const limits = aggregate(spec, containerLimits);
  const overhead = amountsOf(spec.overhead);
  for (const r of Object.keys(limits)) if (own(overhead, r) !== undefined) limits[r] += overhead[r];
  return cleaned(limits);
}

/**
 * A sum of quantities without binary floating-point noise (50m + 10m is 60m, not 60.000000000000005m).
 * @internal
 */
export function cleanSum(value: number): number {
  return Number(value.toPrecision(15));
}

/**
 * The JSON path (below the pod spec) of the container request that contributes most to a
 * resource, for findings; the pod spec itself when no container requests it.
 * @internal
 */
export function largestRequestPath(spec: Json, resource: string): string {
  let best = 0;
  let path = '';
  const visit = (list: unknown, field: string) => {
    for (const { item: c, index: i } of objectItems(list)) {
      const v = containerRequests(c)[resource] ?? 0;
      if (v > best) {
        best = v;
        const requested = entriesOf(asObject(c.resources).requests).some(([r]) => r === resource);
        path = `.${field}[${i}].resources.${requested ? 'requests' : 'limits'}.${resource}`;
      }
    }
  };
  visit(asObject(spec).containers, 'containers');
  visit(asObject(spec).initContainers, 'initContainers');
  return path;
}

/**
 * Whether a resource is an extended resource (a device plugin's, `nvidia.com/gpu`): domain-qualified and not in
 * the `kubernetes.io/` namespace (`v1helper.IsExtendedResourceName`). Such resources cannot be overcommitted, and a
 * node without the plugin offers none.
 */
export function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.');
}
