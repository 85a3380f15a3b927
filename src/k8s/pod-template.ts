/**
 * Where the pods of a workload are described: the pod templates of every workload kind, and every
 * container of a pod spec. The one place that knows which kinds carry a pod template and where.
 */
import { asObject, isObject, Manifest, structItem } from './shape';

/** A pod template of a workload object: its pod spec, its metadata and the JSON path of the pod spec. @internal */
export interface PodTemplateRef {
  /** JSON path of the pod spec in the object, e.g. `spec.template.spec`. */
  readonly path: string;
  readonly spec: Manifest;
  readonly metadata: Manifest;
}

/**
 * Pod templates of workload objects, with their JSON path; a template whose spec is not an object is skipped.
 * @internal
 */
export function podTemplates(obj: Manifest): PodTemplateRef[] {
  if (!isObject(obj)) return [];
  switch (obj.kind) {
    case 'Pod':
      return isObject(obj.spec) ? [{ path: 'spec', spec: obj.spec, metadata: asObject(obj.metadata) }] : [];
    case 'DaemonSet': case 'Deployment': case 'StatefulSet': case 'ReplicaSet': case 'Job':
      return templateAt('spec.template.spec', asObject(obj.spec).template);
    case 'CronJob':
      return templateAt('spec.jobTemplate.spec.template.spec', asObject(asObject(asObject(obj.spec).jobTemplate).spec).template);
    default:
      return [];
  }
}

function templateAt(path: string, template: unknown): PodTemplateRef[] {
  const t = asObject(template);
  return isObject(t.spec) ? [{ path, spec: t.spec, metadata: asObject(t.metadata) }] : [];
}

/**
 * A container of a pod spec.
 * @internal
 */
export interface ContainerRef {
  readonly container: Manifest;
  /** JSON path below the pod spec, e.g. `containers[0]`. */
  readonly path: string;
  readonly init: boolean;
  readonly ephemeral: boolean;
  /** A native sidecar: an init container with restartPolicy Always, which runs for the pod's lifetime. */
  readonly sidecar: boolean;
}

/**
 * Every container of a pod spec (init, regular, ephemeral, in that order) with its JSON path below the pod
 * spec: the one enumeration of a pod's containers. A list that is not a list, and items that are not objects,
 * are skipped (the schema rule reports them). Inside `withPodTemplateCache` the list is computed once per pod spec
 * and shared: callers must not change it.
 * @internal
 */
export function containersOf(spec: unknown): ContainerRef[] {
  if (runScope === undefined || !isObject(spec)) return listContainers(spec);
  let found = runScope.get(spec);
  if (found === undefined) {
    found = listContainers(spec);
    runScope.set(spec, found);
  }
  return found;
}

function listContainers(spec: unknown): ContainerRef[] {
  const s = asObject(spec);
  const out: ContainerRef[] = [];
  addContainers(out, s.initContainers, 'initContainers', true, false);
  addContainers(out, s.containers, 'containers', false, false);
  addContainers(out, s.ephemeralContainers, 'ephemeralContainers', false, true);
  return out;
}

function addContainers(out: ContainerRef[], list: unknown, field: string, init: boolean, ephemeral: boolean): void {
  if (!Array.isArray(list)) return;
  // The items structItems gives, without its list of pairs: every pod is listed.
  for (let index = 0; index < list.length; index++) {
    const container = structItem(list[index]);
    if (container === undefined) continue;
    out.push({ container, path: `${field}[${index}]`, init, ephemeral, sidecar: init && container.restartPolicy === 'Always' });
  }
}

/** The containers one scope of `withPodTemplateCache` has listed, by the pod spec they were listed from. */
let runScope: WeakMap<object, ContainerRef[]> | undefined;

/**
 * Runs `fn` with `containersOf` remembering its answers, so the rule families of one validation run list each pod
 * spec's containers once instead of once per family and check. The answers are shared: callers must not change the
 * returned lists. They are forgotten when `fn` returns (or throws), so an
 * object changed between two runs is listed again; the objects must not change during `fn`.
 * @internal
 */
export function withPodTemplateCache<T>(fn: () => T): T {
  const outer = runScope;
  runScope = new WeakMap();
  try {
    return fn();
  } finally {
    runScope = outer;
  }
}
