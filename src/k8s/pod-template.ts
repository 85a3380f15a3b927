/**
 * Where the pods of a workload are described: the pod templates of every workload kind, and every
 * container of a pod spec. The one place that knows which kinds carry a pod template and where.
 */
import { asObject, isObject, Manifest, structItems } from './shape';

/** Pod templates of workload objects, with their JSON path; a template whose spec is not an object is skipped. @internal */
export function podTemplates(obj: Manifest): { path: string; spec: Manifest; metadata: Manifest }[] {
  const at = (path: string, template: unknown) => {
    const t = asObject(template);
    return isObject(t.spec) ? [{ path, spec: t.spec, metadata: asObject(t.metadata) }] : [];
  };
  const spec = asObject(asObject(obj).spec);
  switch (asObject(obj).kind) {
    case 'Pod':
      return isObject(obj.spec) ? [{ path: 'spec', spec, metadata: asObject(obj.metadata) }] : [];
    case 'DaemonSet': case 'Deployment': case 'StatefulSet': case 'ReplicaSet': case 'Job':
      return at('spec.template.spec', spec.template);
    case 'CronJob':
      return at('spec.jobTemplate.spec.template.spec', asObject(asObject(spec.jobTemplate).spec).template);
    default:
      return [];
  }
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
 * are skipped (the schema rule reports them).
 * @internal
 */
export function containersOf(spec: unknown): ContainerRef[] {
  const s = asObject(spec);
  const refs = (field: string, init: boolean, ephemeral: boolean) => structItems(s[field]).map(({ item, index }) =>
    ({ container: item, path: `${field}[${index}]`, init, ephemeral, sidecar: init && item.restartPolicy === 'Always' }));
  return [...refs('initContainers', true, false), ...refs('containers', false, false), ...refs('ephemeralContainers', false, true)];
}
