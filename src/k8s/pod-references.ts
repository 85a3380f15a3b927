/**
 * The objects a pod template needs to start: ServiceAccount, PriorityClass, ConfigMaps and Secrets
 * (volumes, projected sources, env, envFrom, image pull secrets). References marked `optional` are
 * left out: a pod starts without them.
 */
import { containersOf, podTemplates } from './pod-template';
import { asObject, objectItems, str } from './shape';

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
  for (const { path, spec } of podTemplates(obj)) {
    if ((name = referred(spec, 'serviceAccountName'))) refs.push(new FoundReference('ServiceAccount', name, path, '', '.serviceAccountName', -1, ''));
    if ((name = referred(spec, 'priorityClassName'))) refs.push(new FoundReference('PriorityClass', name, path, '', '.priorityClassName', -1, ''));
    for (const { item, index } of objectItems(spec.imagePullSecrets)) {
      if ((name = referred(item, 'name'))) refs.push(new FoundReference('Secret', name, path, '', '.imagePullSecrets', index, ''));
    }
    for (const { item: v, index: i } of objectItems(spec.volumes)) {
      if ((name = referred(v.configMap, 'name'))) refs.push(new FoundReference('ConfigMap', name, path, '', '.volumes', i, '.configMap'));
      if ((name = referred(v.secret, 'secretName'))) refs.push(new FoundReference('Secret', name, path, '', '.volumes', i, '.secret'));
      for (const { item: s, index: j } of objectItems(asObject(v.projected).sources)) {
        if ((name = referred(s.configMap, 'name'))) refs.push(new FoundReference('ConfigMap', name, path, '', '.volumes', i, '.projected.sources', j, '.configMap'));
        if ((name = referred(s.secret, 'name'))) refs.push(new FoundReference('Secret', name, path, '', '.volumes', i, '.projected.sources', j, '.secret'));
      }
    }
    for (const { container, path: cpath } of containersOf(spec)) {
      for (const { item: e, index: i } of objectItems(container.env)) {
        const from = asObject(e.valueFrom);
        if ((name = referred(from.configMapKeyRef, 'name'))) refs.push(new FoundReference('ConfigMap', name, path, cpath, '.env', i, '.valueFrom.configMapKeyRef'));
        if ((name = referred(from.secretKeyRef, 'name'))) refs.push(new FoundReference('Secret', name, path, cpath, '.env', i, '.valueFrom.secretKeyRef'));
      }
      for (const { item: e, index: i } of objectItems(container.envFrom)) {
        if ((name = referred(e.configMapRef, 'name'))) refs.push(new FoundReference('ConfigMap', name, path, cpath, '.envFrom', i, '.configMapRef'));
        if ((name = referred(e.secretRef, 'name'))) refs.push(new FoundReference('Secret', name, path, cpath, '.envFrom', i, '.secretRef'));
      }
    }
  }
  return refs;
}
