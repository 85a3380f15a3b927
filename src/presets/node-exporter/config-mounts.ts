import * as kplus from 'cdk8s-plus-27';
import { checkObject, checkOptionalArray, checkOptionalString, checkString } from '../../input-checks';
import { checkAbsolutePath, checkDns1123Label } from '../../k8s/syntax';

/**
 * A ConfigMap mounted read-only into the node-exporter container (e.g. a collector's configuration).
 */
export interface NodeExporterConfigMapMount {
  /** The ConfigMap, every key a file. */
  readonly configMap: kplus.IConfigMap;

  /** The absolute directory in the container, e.g. `/etc/node-exporter/config`. */
  readonly mountPath: string;

  /**
   * The volume's name.
   * @default - `configmap-<ConfigMap name>`, dots replaced and cut to 63 characters
   */
  readonly volumeName?: string;
}

/**
 * A Secret mounted read-only into the node-exporter container (e.g. a TLS certificate the web configuration names).
 */
export interface NodeExporterSecretMount {
  /** The Secret, every key a file. */
  readonly secret: kplus.ISecret;

  /** The absolute directory in the container, e.g. `/etc/node-exporter/tls`. */
  readonly mountPath: string;

  /**
   * The volume's name.
   * @default - `secret-<Secret name>`, dots replaced and cut to 63 characters
   */
  readonly volumeName?: string;
}

/** One ConfigMap or Secret mount, whichever it is. @internal */
export interface ConfigMount {
  /** The prop and index, e.g. `secretMounts[0]`. */
  readonly field: string;
  readonly volumeName: string;
  readonly mountPath: string;
  readonly volume: (scope: kplus.AbstractPod, id: string) => kplus.Volume;
}

/** A volume name from an object's name: a DNS-1123 label. */
function defaultVolumeName(prefix: string, name: string): string {
  return `${prefix}-${name.replace(/\./g, '-')}`.substring(0, 63).replace(/-+$/, '');
}

/**
 * Runtime types of `configMapMounts` and `secretMounts`, for JavaScript callers.
 * @internal
 */
export function checkConfigMountTypes(at: string, props: Record<string, unknown>): void {
  for (const [field, ref] of [['configMapMounts', 'configMap'], ['secretMounts', 'secret']] as const) {
    checkOptionalArray(at, field, props[field], `${field === 'secretMounts' ? 'NodeExporterSecretMount' : 'NodeExporterConfigMapMount'} values`)?.forEach((m, i) => {
      const f = `${field}[${i}]`;
      const o = checkObject(at, f, m, `{ ${ref}, mountPath, volumeName? }`);
      const obj = checkObject(at, `${f}.${ref}`, o[ref], `a kplus.I${ref === 'secret' ? 'Secret' : 'ConfigMap'}`);
      checkString(at, `${f}.${ref}.name`, obj.name, { nonEmpty: true });
      checkString(at, `${f}.mountPath`, o.mountPath, { nonEmpty: true });
      checkOptionalString(at, `${f}.volumeName`, o.volumeName, { nonEmpty: true });
    });
  }
}

/**
 * The ConfigMap and Secret mounts, checked: absolute mount paths outside the preset's own, volume names that are
 * DNS-1123 labels and unique, no mount path used twice.
 * @param taken mount paths and volume names the preset already uses in the exporter container
 * @internal
 */
export function planConfigMounts(
  configMaps: NodeExporterConfigMapMount[] | undefined, secrets: NodeExporterSecretMount[] | undefined,
  taken: { readonly mountPaths: string[]; readonly volumeNames: string[] }, fail: (field: string, message: string) => Error,
): ConfigMount[] {
  const mounts: ConfigMount[] = [
    ...(configMaps ?? []).map((m, i) => {
      const volumeName = m.volumeName ?? defaultVolumeName('configmap', m.configMap.name);
      const volume = (scope: kplus.AbstractPod, id: string) => kplus.Volume.fromConfigMap(scope, id, m.configMap, { name: volumeName });
      return { field: `configMapMounts[${i}]`, volumeName, mountPath: m.mountPath, volume };
    }),
    ...(secrets ?? []).map((m, i) => {
      const volumeName = m.volumeName ?? defaultVolumeName('secret', m.secret.name);
      const volume = (scope: kplus.AbstractPod, id: string) => kplus.Volume.fromSecret(scope, id, m.secret, { name: volumeName });
      return { field: `secretMounts[${i}]`, volumeName, mountPath: m.mountPath, volume };
    }),
  ];
  const paths = new Map<string, string>(taken.mountPaths.map(p => [p, 'the preset\'s own mounts']));
  const names = new Map<string, string>(taken.volumeNames.map(n => [n, 'the preset\'s own volumes']));
  for (const m of mounts) {
    const pp = checkAbsolutePath(m.mountPath);
    if (pp) throw fail(`${m.field}.mountPath`, `'${m.mountPath}' ${pp}`);
    const usedBy = paths.get(m.mountPath);
    if (usedBy) throw fail(`${m.field}.mountPath`, `'${m.mountPath}' is already used by ${usedBy}; mount paths must be unique in the container`);
    // The runtime would have to create the mount point inside a read-only host mount.
    const under = taken.mountPaths.find(p => m.mountPath.startsWith(`${p}/`));
    if (under) throw fail(`${m.field}.mountPath`, `'${m.mountPath}' lies inside the preset's read-only mount '${under}'; choose a directory outside it`);
    paths.set(m.mountPath, m.field);
    const np = checkDns1123Label(m.volumeName);
    if (np) throw fail(`${m.field}.volumeName`, `'${m.volumeName}' ${np}`);
    const nameUsedBy = names.get(m.volumeName);
    if (nameUsedBy) throw fail(`${m.field}.volumeName`, `'${m.volumeName}' is already used by ${nameUsedBy}; give this mount another volumeName`);
    names.set(m.volumeName, m.field);
  }
  return mounts;
}
