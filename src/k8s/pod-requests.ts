import { parseQuantity } from './quantity';
import { asObject, entriesOf, objectItems, own } from './shape';

type Json = { [key: string]: any };
type Amounts = { [resource: string]: number };

/** Resources a pod-level `resources` stanza may set (the PodLevelResources feature). */
const POD_LEVEL_RESOURCES = (resource: string) => resource === 'cpu' || resource === 'memory' || resource.startsWith('hugepages-');

/**
 * A container's requests as the API server stores them: a resource with a limit but no
 * request is requested at its limit.
 */
function containerRequests(container: Json): Amounts {
  const out: Amounts = {};
  const add = (map: unknown) => {
    for (const [resource, raw] of entriesOf(map)) {
      const value = typeof raw === 'string' || typeof raw === 'number' ? parseQuantity(raw) : undefined;
      if (value !== undefined) out[resource] = value;
    }
  };
  const resources = asObject(asObject(container).resources);
  add(resources.limits);
  add(resources.requests);
  return out;
}

function addTo(target: Amounts, add: Amounts): void {
  for (const [r, v] of Object.entries(add)) target[r] = (own(target, r) ?? 0) + v;
}

function maxInto(target: Amounts, other: Amounts): void {
  for (const [r, v] of Object.entries(other)) target[r] = Math.max(own(target, r) ?? 0, v);
}

/**
 * The requests the scheduler charges a pod with (`k8s.io/component-helpers/resource.PodRequests`):
 * the app containers plus restartable init containers (sidecars, `restartPolicy: Always`) summed;
 * each other init container together with the sidecars started before it; the larger of the two
 * per resource; pod-level requests replacing cpu/memory/huge pages when set; plus `overhead`.
 * Ephemeral containers are not counted. `pods` is always 1.
 * @internal
 */
export function podRequests(podSpec: Json): Amounts {
  const spec = asObject(podSpec);
  const reqs: Amounts = {};
  for (const { item: c } of objectItems(spec.containers)) addTo(reqs, containerRequests(c));
  const sidecars: Amounts = {};
  const initMax: Amounts = {};
  for (const { item: c } of objectItems(spec.initContainers)) {
    const itsOwn = containerRequests(c);
    if (c.restartPolicy === 'Always') {
      addTo(reqs, itsOwn);
      addTo(sidecars, itsOwn);
      maxInto(initMax, sidecars);
    } else {
      const during: Amounts = { ...sidecars };
      addTo(during, itsOwn);
      maxInto(initMax, during);
    }
  }
  maxInto(reqs, initMax);
  const podLevel = containerRequests({ resources: spec.resources });
  for (const [r, v] of Object.entries(podLevel)) if (POD_LEVEL_RESOURCES(r)) reqs[r] = v;
  addTo(reqs, containerRequests({ resources: { requests: spec.overhead } }));
  for (const r of Object.keys(reqs)) {
    if (reqs[r] === 0) delete reqs[r];
    else reqs[r] = cleanSum(reqs[r]);
  }
  reqs.pods = 1;
  return reqs;
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
 * A resource amount as Kubernetes prints it: cpu in cores or millicores (`250m`, `2`),
 * byte-sized resources in binary units (`64Mi`, `1.5Gi`), others as plain numbers.
 * @internal
 */
export function formatAmount(resource: string, value: number): string {
  if (resource === 'cpu') {
    const millis = Math.round(value * 1000);
    return millis % 1000 === 0 ? `${millis / 1000}` : `${millis}m`;
  }
  if (isBytes(resource)) {
    const units: [string, number][] = [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10]];
    for (const [suffix, size] of units) {
      if (value >= size) {
        const n = value / size;
        const rounded = Math.round(n * 10) / 10;
        return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)}${suffix}`;
      }
    }
    return `${Math.round(value)}`;
  }
  return `${Math.round(value * 1000) / 1000}`;
}

/** Whether a resource is measured in bytes. @internal */
export function isBytes(resource: string): boolean {
  return resource === 'memory' || resource === 'ephemeral-storage' || resource.startsWith('hugepages-');
}
