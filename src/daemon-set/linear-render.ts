import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';

/** The string maps of a DaemonSet, by JSON path: labels, annotations, selector and node selector. */
const STRING_MAPS: readonly (readonly string[])[] = [
  ['metadata', 'labels'],
  ['metadata', 'annotations'],
  ['spec', 'selector', 'matchLabels'],
  ['spec', 'template', 'metadata', 'labels'],
  ['spec', 'template', 'metadata', 'annotations'],
  ['spec', 'template', 'spec', 'nodeSelector'],
];

type Json = { [key: string]: any };

/**
 * Makes a `KubeDaemonSet` render (after `before`, which may throw the construct's own error) in time linear in the size of its string maps.
 *
 * The generated serializer of cdk8s-plus-27 (`toJson_ObjectMeta`, `toJson_PodSpec`) copies every
 * string map with `reduce((r, i) => ({ ...r, [k]: v }))`, which is quadratic: 2,000 pod labels took
 * seconds. The maps are already plain strings after cdk8s's resolution (nulls removed), so the
 * serializer has nothing to convert in them: they are swapped for empty maps before it runs (so the
 * serializer still emits each key at its usual position) and put back after, with their keys sorted (maps added by JSON patch, such as the node
 * selector, skip cdk8s's sorting), so the output does not depend on the order keys were given in.
 * @internal
 */
export function renderStringMapsLinearly(obj: k8s.KubeDaemonSet, before: () => void = () => {}, transform?: (resolved: Json) => void): void {
  obj.toJson = () => {
    before();
    const resolved: Json = ApiObject.prototype.toJson.call(obj);
    transform?.(resolved);
    const maps = STRING_MAPS.map(path => take(resolved, path));
    const json: Json = { ...k8s.KubeDaemonSet.GVK, ...k8s.toJson_KubeDaemonSetProps(resolved as k8s.KubeDaemonSetProps) };
    STRING_MAPS.forEach((path, i) => {
      if (maps[i] !== undefined) put(json, path, maps[i]);
    });
    return json;
  };
}

function take(json: Json, path: readonly string[]): unknown {
  const parent = path.slice(0, -1).reduce<Json | undefined>((o, k) => (o && typeof o[k] === 'object' ? o[k] : undefined), json);
  const key = path[path.length - 1];
  if (!parent || parent[key] === undefined) return undefined;
  const value = parent[key];
  // An empty map passes the serializer at no cost and keeps the key where the serializer puts it.
  parent[key] = {};
  return value;
}

function put(json: Json, path: readonly string[], value: unknown): void {
  let o = json;
  for (const k of path.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k];
  }
  o[path[path.length - 1]] = sortedKeys(value);
}

function sortedKeys(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const sorted: Json = {};
  for (const k of Object.keys(value).sort()) sorted[k] = (value as Json)[k];
  return sorted;
}

/** cdk8s-plus's pod address label: a hash of the construct path, so it must never reach a pod template. */
const ADDRESS_LABEL = 'cdk8s.io/metadata.addr';

/**
 * Drops cdk8s-plus's construct-path address label from the pod template (cdk8s-plus adds it to every
 * workload's pods): a label that changes when a construct is renamed or moved would roll every pod.
 * @internal
 */
export function withoutAddressLabel(resolved: Json): void {
  const labels = resolved?.spec?.template?.metadata?.labels;
  if (labels && typeof labels === 'object') delete labels[ADDRESS_LABEL];
}
