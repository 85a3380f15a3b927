import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { asList } from './k8s/shape';
import { SynthSnapshot } from './validation/cdk8s/synth-snapshot';

/** The annotation prefix of config checksums on a pod template. */
export const CONFIG_CHECKSUM_PREFIX = 'checksum.daemonsets.cdk8s.io';

type Json = { [key: string]: any };

/**
 * The ConfigMaps and Secrets a rendered pod spec consumes, by name: volumes (also projected),
 * `env[].valueFrom` and `envFrom`.
 * @internal
 */
export function consumedConfig(podSpec: Json): { configMaps: Set<string>; secrets: Set<string> } {
  const configMaps = new Set<string>();
  const secrets = new Set<string>();
  // Plain loops (no spread of the container lists): this runs once per DaemonSet at every synthesis. Only real
  // lists are walked (`asList`): an object with a huge `length` is not a list.
  const volumes: readonly Json[] = asList(podSpec.volumes);
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] ?? {};
    if (v.configMap?.name) configMaps.add(v.configMap.name);
    if (v.secret?.secretName) secrets.add(v.secret.secretName);
    const sources: readonly Json[] = asList(v.projected?.sources);
    for (let j = 0; j < sources.length; j++) {
      const source = sources[j] ?? {};
      if (source.configMap?.name) configMaps.add(source.configMap.name);
      if (source.secret?.name) secrets.add(source.secret.name);
    }
  }
  for (const list of [podSpec.initContainers, podSpec.containers]) {
    const containers: readonly Json[] = asList(list);
    for (let i = 0; i < containers.length; i++) {
      const container = containers[i] ?? {};
      const env: readonly Json[] = asList(container.env);
      for (let j = 0; j < env.length; j++) {
        const from = env[j]?.valueFrom;
        if (from?.configMapKeyRef?.name) configMaps.add(from.configMapKeyRef.name);
        if (from?.secretKeyRef?.name) secrets.add(from.secretKeyRef.name);
      }
      const envFrom: readonly Json[] = asList(container.envFrom);
      for (let j = 0; j < envFrom.length; j++) {
        const e = envFrom[j] ?? {};
        if (e.configMapRef?.name) configMaps.add(e.configMapRef.name);
        if (e.secretRef?.name) secrets.add(e.secretRef.name);
      }
    }
  }
  return { configMaps, secrets };
}

/**
 * Checksum annotations for the ConfigMaps and Secrets that `podSpec` consumes and that the
 * app defines (same name and namespace), so that editing their data changes the pod template
 * and rolls the DaemonSet. Objects defined elsewhere (outside the app) get no annotation.
 * @internal
 */
export function configChecksums(scope: IConstruct, namespace: string, podSpec: Json): { [key: string]: string } {
  const { configMaps, secrets } = consumedConfig(podSpec);
  if (configMaps.size === 0 && secrets.size === 0) return {};
  const result: { [key: string]: string } = {};
  const snapshot = SynthSnapshot.of(scope);
  for (const [kind, names] of [['ConfigMap', configMaps], ['Secret', secrets]] as const) {
    for (const name of names) {
      for (const obj of snapshot.find(kind, namespace, name)) {
        const json = snapshot.json(obj);
        const digest = createHash('sha256')
          .update(JSON.stringify({ data: json.data, binaryData: json.binaryData, stringData: json.stringData }))
          .digest('hex');
        result[checksumKey(kind === 'ConfigMap' ? 'configmap' : 'secret', obj.name)] = digest;
      }
    }
  }
  return result;
}

/** Per pod-template object: the checksum annotations already added. */
const APPLIED = new WeakMap<ApiObject, { [key: string]: string }>();

/**
 * Annotates the pod template of `workload` with the checksums of the config it consumes (`configChecksums`), read
 * from the synthesis snapshot. Adds only annotations that are new or changed, and then tells the snapshot that the
 * object changed; otherwise changes nothing, so an unchanged app renders the same JSON on every pass.
 * @param select the part of the rendered pod spec whose references count (default: all of it)
 * @internal
 */
export function applyConfigChecksums(
  workload: { readonly podMetadata: { addAnnotation(key: string, value: string): void } },
  apiObject: ApiObject,
  snapshot: SynthSnapshot,
  select: (podSpec: Json) => Json = podSpec => podSpec,
): void {
  const podSpec = snapshot.json(apiObject).spec?.template?.spec ?? {};
  const sums = configChecksums(apiObject, namespaceOf(apiObject), select(podSpec));
  const applied = APPLIED.get(apiObject) ?? {};
  const changed = Object.entries(sums).filter(([key, value]) => applied[key] !== value);
  if (changed.length === 0) return;
  for (const [key, value] of changed) workload.podMetadata.addAnnotation(key, value);
  APPLIED.set(apiObject, { ...applied, ...sums });
  snapshot.forget(apiObject);
}

/**
 * The namespace an object lands in when applied with kubectl: its own, or `default`.
 * @internal
 */
export function namespaceOf(obj: ApiObject): string {
  return obj.metadata.namespace ?? 'default';
}

function checksumKey(kind: string, name: string): string {
  const key = `${kind}-${name}`;
  if (key.length <= 63) return `${CONFIG_CHECKSUM_PREFIX}/${key}`;
  // Keep the name part within 63 characters and still unique.
  const suffix = createHash('sha256').update(name).digest('hex').substring(0, 8);
  return `${CONFIG_CHECKSUM_PREFIX}/${key.substring(0, 54).replace(/[-.]+$/, '')}-${suffix}`;
}
