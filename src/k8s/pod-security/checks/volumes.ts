/**
 * Volume checks: no hostPath volumes (baseline), and only the volume sources a restricted pod may use.
 */
import { asList, isObject, text } from '../../shape';
import { PodSecurityCheck, PodView, Report } from '../check';

/** `restrictedVolumes`: the only volume sources a restricted pod may use. */
const RESTRICTED_VOLUME_SOURCES = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

// mirrors hostPathVolumes_1_0 in k8s.io/pod-security-admission/policy/check_hostPathVolumes.go
function hostPathVolumes(pod: PodView, report: Report): void {
  const volumes = asList(pod.spec.volumes);
  for (let index = 0; index < volumes.length; index++) {
    const v = volumes[index];
    if (isObject(v) && v.hostPath != null) report(`volumes[${index}].hostPath`, `volume '${text(v.name)}' is hostPath '${text(v.hostPath.path)}'`);
  }
}

/**
 * The volume's source: its first field other than `name` that is set. A volume without one is an emptyDir
 * (the API server's defaulting, SetDefaults_Volume, adds it before admission sees the pod).
 */
function sourceOf(volume: { [key: string]: any }): string | undefined {
  for (const key of Object.keys(volume)) {
    if (key !== 'name' && volume[key] != null) return key;
  }
  return undefined;
}

// mirrors restrictedVolumes_1_0 in k8s.io/pod-security-admission/policy/check_restrictedVolumes.go
function restrictedVolumes(pod: PodView, report: Report): void {
  const volumes = asList(pod.spec.volumes);
  for (let index = 0; index < volumes.length; index++) {
    const v = volumes[index];
    if (!isObject(v)) continue;
    const source = sourceOf(v);
    if (source !== undefined && !RESTRICTED_VOLUME_SOURCES.has(source)) {
      report(`volumes[${index}].${source}`, `volume '${text(v.name)}' is of type ${source}`);
    }
  }
}

/** The volume checks. */
export const VOLUME_CHECKS: PodSecurityCheck[] = [
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    title: 'hostPath volumes',
    versions: [{ since: 0, run: hostPathVolumes, allows: 'no hostPath volumes' }],
  },
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    title: 'restricted volume types',
    versions: [{
      since: 0,
      run: restrictedVolumes,
      allows: `only ${[...RESTRICTED_VOLUME_SOURCES].join(', ')} volumes`,
      overrides: ['hostPathVolumes'],
    }],
  },
];
