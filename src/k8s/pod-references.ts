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

/** Every non-optional reference of every pod template of `obj`. @internal */
export function podReferences(obj: Json): PodReference[] {
  const refs: PodReference[] = [];
  for (const { path, spec } of podTemplates(obj)) {
    const ref = (kind: PodReference['kind'], holder: unknown, field: string, at: string) => {
      const h = asObject(holder);
      const name = str(h[field]);
      if (name && h.optional !== true) refs.push({ kind, name, path: at });
    };
    ref('ServiceAccount', spec, 'serviceAccountName', `${path}.serviceAccountName`);
    ref('PriorityClass', spec, 'priorityClassName', `${path}.priorityClassName`);
    for (const { item, index } of objectItems(spec.imagePullSecrets)) ref('Secret', item, 'name', `${path}.imagePullSecrets[${index}]`);
    for (const { item: v, index: i } of objectItems(spec.volumes)) {
      ref('ConfigMap', v.configMap, 'name', `${path}.volumes[${i}].configMap`);
      ref('Secret', v.secret, 'secretName', `${path}.volumes[${i}].secret`);
      for (const { item: s, index: j } of objectItems(asObject(v.projected).sources)) {
        ref('ConfigMap', s.configMap, 'name', `${path}.volumes[${i}].projected.sources[${j}].configMap`);
        ref('Secret', s.secret, 'name', `${path}.volumes[${i}].projected.sources[${j}].secret`);
      }
    }
    for (const { container, path: cpath } of containersOf(spec)) {
      for (const { item: e, index: i } of objectItems(container.env)) {
        ref('ConfigMap', asObject(e.valueFrom).configMapKeyRef, 'name', `${path}.${cpath}.env[${i}].valueFrom.configMapKeyRef`);
        ref('Secret', asObject(e.valueFrom).secretKeyRef, 'name', `${path}.${cpath}.env[${i}].valueFrom.secretKeyRef`);
      }
      for (const { item: e, index: i } of objectItems(container.envFrom)) {
        ref('ConfigMap', e.configMapRef, 'name', `${path}.${cpath}.envFrom[${i}].configMapRef`);
        ref('Secret', e.secretRef, 'name', `${path}.${cpath}.envFrom[${i}].secretRef`);
      }
    }
  }
  return refs;
}
