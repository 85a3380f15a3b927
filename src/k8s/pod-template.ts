/**
 * Where the pods of a workload are described: the pod templates of every workload kind, and every
 * container of a pod spec. The one place that knows which kinds carry a pod template and where.
 */
import { asObject, isObject, Manifest, objectItems } from './shape';

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
 * Every container of a pod spec (init, regular, ephemeral) with its JSON path below the pod spec;
 * a list that is not a list, and items that are not objects, are skipped (the schema rule reports them).
 * @internal
 */
export function containersOf(spec: Manifest): { container: Manifest; path: string; init: boolean }[] {
  const s = asObject(spec);
  return [
    ...objectItems(s.initContainers).map(({ item, index }) => ({ container: item, path: `initContainers[${index}]`, init: true })),
    ...objectItems(s.containers).map(({ item, index }) => ({ container: item, path: `containers[${index}]`, init: false })),
    ...objectItems(s.ephemeralContainers).map(({ item, index }) => ({ container: item, path: `ephemeralContainers[${index}]`, init: false })),
  ];
}
