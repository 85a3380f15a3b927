/**
 * The objects a pod template needs to start: ServiceAccount, PriorityClass, ConfigMaps and Secrets
 * (volumes, projected sources, env, envFrom, image pull secrets). References marked `optional` are
 * left out: a pod starts without them.
 */
import { containersOf, podTemplates } from './pod-template';
import { asList, asObject, isObject, str } from './shape';

type Json = { [key: string]: any };

/** One object a pod template refers to. @internal */
export interface PodReference {
  /** The kind referred to. */
  readonly kind: 'ConfigMap' | 'Secret' | 'ServiceAccount' | 'PriorityClass';
  /** Its name (in the referring object's namespace, except for a PriorityClass). */
  readonly name: string;
  /** JSON path of the reference inside the referring object. */
  readonly path: string;
}

/**
 * A reference found in a pod template. Its JSON path is put together only when read: most references name an object
 * the input defines and never become a finding, so building every path up front was most of missing-reference's
 * garbage (about 4 MB per run on the 10,000-object corpus).
 */
class FoundReference implements PodReference {
  constructor(
    readonly kind: PodReference['kind'],
    readonly name: string,
    /** The pod spec's path, then the container's path (or ''), a field, an index (-1: none), a field, an index, a field. */
    private readonly specPath: string,
    private readonly containerPath: string,
    private readonly field: string,
    private readonly index: number,
    private readonly sub: string,
    private readonly subIndex: number = -1,
    private readonly tail: string = '',
  ) {}

  /** JSON path of the reference inside the referring object. */
  get path(): string {
    let at = this.containerPath === '' ? this.specPath : `${this.specPath}.${this.containerPath}`;
    at += this.field;
    if (this.index >= 0) at += `[${this.index}]`;
    at += this.sub;
    if (this.subIndex >= 0) at += `[${this.subIndex}]${this.tail}`;
    return at;
  }
}

/** The name `holder[field]` refers to, unless the holder is marked optional. */
function referred(holder: unknown, field: string): string | undefined {
  const h = asObject(holder);
  const name = str(h[field]);
  return name && h.optional !== true ? name : undefined;
}

/** Every non-optional reference of every pod template of `obj`. @internal */
export function podReferences(obj: Json): PodReference[] {
  const refs: PodReference[] = [];
  let name: string | undefined;
  // Indexed loops over the lists (no list of item/index pairs): this runs for every workload of every validation.
  for (const { path, spec } of podTemplates(obj)) {
    if ((name = referred(spec, 'serviceAccountName'))) refs.push(new FoundReference('ServiceAccount', name, path, '', '.serviceAccountName', -1, ''));
    if ((name = referred(spec, 'priorityClassName'))) refs.push(new FoundReference('PriorityClass', name, path, '', '.priorityClassName', -1, ''));
    const pullSecrets = asList(spec.imagePullSecrets);
    for (let index = 0; index < pullSecrets.length; index++) {
      if ((name = referred(pullSecrets[index], 'name'))) refs.push(new FoundReference('Secret', name, path, '', '.imagePullSecrets', index, ''));
    }
    const volumes = asList(spec.volumes);
    for (let i = 0; i < volumes.length; i++) {
      const v = volumes[i];
      if (!isObject(v)) continue;
      if ((name = referred(v.configMap, 'name'))) refs.push(new FoundReference('ConfigMap', name, path, '', '.volumes', i, '.configMap'));
      if ((name = referred(v.secret, 'secretName'))) refs.push(new FoundReference('Secret', name, path, '', '.volumes', i, '.secret'));
      const sources = asList(asObject(v.projected).sources);
      for (let j = 0; j < sources.length; j++) {
        const s = sources[j];
        if (!isObject(s)) continue;
        if ((name = referred(s.configMap, 'name'))) refs.push(new FoundReference('ConfigMap', name, path, '', '.volumes', i, '.projected.sources', j, '.configMap'));
        if ((name = referred(s.secret, 'name'))) refs.push(new FoundReference('Secret', name, path, '', '.volumes', i, '.projected.sources', j, '.secret'));
      }
    }
    for (const { container, path: cpath } of containersOf(spec)) addContainerReferences(refs, container, path, cpath);
  }
  return refs;
}

/** The references of one container: env value sources and envFrom. */
function addContainerReferences(refs: PodReference[], container: Json, path: string, cpath: string): void {
  let name: string | undefined;
  const env = asList(container.env);
  for (let i = 0; i < env.length; i++) {
    const e = env[i];
    if (!isObject(e)) continue;
    const from = asObject(e.valueFrom);
    if ((name = referred(from.configMapKeyRef, 'name'))) refs.push(new FoundReference('ConfigMap', name, path, cpath, '.env', i, '.valueFrom.configMapKeyRef'));
    if ((name = referred(from.secretKeyRef, 'name'))) refs.push(new FoundReference('Secret', name, path, cpath, '.env', i, '.valueFrom.secretKeyRef'));
  }
  const envFrom = asList(container.envFrom);
  for (let i = 0; i < envFrom.length; i++) {
    const e = envFrom[i];
    if (!isObject(e)) continue;
    if ((name = referred(e.configMapRef, 'name'))) refs.push(new FoundReference('ConfigMap', name, path, cpath, '.envFrom', i, '.configMapRef'));
    if ((name = referred(e.secretRef, 'name'))) refs.push(new FoundReference('Secret', name, path, cpath, '.envFrom', i, '.secretRef'));
  }
}
