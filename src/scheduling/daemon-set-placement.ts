import { agentRolesOf, AgentRole } from './agent-role';
import { NodeProfile } from './node-profile';
import { PlacementDecision, PlacementEngine } from './placement-engine';
import { hostPortsOf, HostPortUse } from '../k8s/host-ports';
import { isExtendedResource, podRequests } from '../k8s/pod-requests';
import { asObject, isObject, nameOf, namespaceFieldOf, own } from '../k8s/shape';

type Json = { [key: string]: any };

/**
 * One DaemonSet of the input with what the report and the placement-fit rules need.
 * @internal
 */
export interface PlacedDaemonSet {
  readonly object: Json;
  readonly namespace: string;
  readonly name: string;
  /** `namespace/name` */
  readonly id: string;
  readonly spec: Json;
  readonly requests: { [resource: string]: number };
  readonly hostPorts: HostPortUse[];
  /** The pod template's metadata (labels, annotations). */
  readonly podMetadata: Json;
  readonly roles: AgentRole[];
  /** One decision per profile, in profile order. */
  readonly decisions: PlacementDecision[];
}

const CACHE = new WeakMap<object, WeakMap<object, PlacedDaemonSet[]>>();

/**
 * Every DaemonSet of `objects` (in input order) placed on every profile. Computed once per
 * objects array and profiles array, which every rule of the placement-fit family shares.
 * @internal
 */
export function placeDaemonSets(objects: Json[], profiles: NodeProfile[]): PlacedDaemonSet[] {
  let byProfiles = CACHE.get(objects);
  if (!byProfiles) {
    byProfiles = new WeakMap();
    CACHE.set(objects, byProfiles);
  }
  const cached = byProfiles.get(profiles);
  if (cached) return cached;
  const placed: PlacedDaemonSet[] = [];
  for (const object of objects) {
    if (!isObject(object) || object.kind !== 'DaemonSet') continue;
    const template = asObject(asObject(object.spec).template);
    const spec = template.spec;
    if (!isObject(spec)) continue;
    const namespace = namespaceFieldOf(object) ?? 'default';
    const name = nameOf(object) ?? '(unnamed)';
    placed.push({
      object,
      namespace,
      name,
      id: `${namespace}/${name}`,
      spec,
      requests: podRequests(spec),
      hostPorts: hostPortsOf(spec),
      podMetadata: asObject(template.metadata),
      roles: agentRolesOf(object),
      decisions: profiles.map(p => PlacementEngine.decidePod(spec, p)),
    });
  }
  byProfiles.set(profiles, placed);
  return placed;
}

/**
 * The resources checked against a profile's allocatable: those it declares, and extended
 * resources (a name with a domain outside kubernetes.io), which a node without the device
 * plugin advertises as 0.
 * @internal
 */
export function checkedAllocatable(profile: NodeProfile, resource: string): number | undefined {
  const declared: number | undefined = own(profile.allocatable, resource);
  if (declared !== undefined) return declared;
  if (isExtendedResource(resource)) return 0;
  return undefined;
}
