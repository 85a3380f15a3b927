import { Add, collector, SemanticProblem } from './checks';
import { checkContainer, PodNames } from './containers';
import { checkScheduling } from './scheduling';
import { containersOf } from '../../../k8s/pod-template';
import { asList, asObject, objectItems, text } from '../../../k8s/shape';
import { checkAbsolutePath, checkDns1123Label } from '../../../k8s/syntax';

type Json = { [key: string]: any };

/**
 * Checks a rendered pod spec (Kubernetes JSON).
 * @param base the JSON path of the pod spec, used in findings
 */
export function checkPodSpec(podSpecInput: Json, base: string): SemanticProblem[] {
  const podSpec = asObject(podSpecInput);
  const { problems, add } = collector(base);

  if (podSpec.restartPolicy !== undefined && podSpec.restartPolicy !== 'Always') {
    add('restart-policy', 'restartPolicy', `restartPolicy is ${text(podSpec.restartPolicy)}; a DaemonSet's pods must use Always`);
  }
  // A containers field that is not a list is the schema rule's to report.
  if (podSpec.containers == null || (Array.isArray(podSpec.containers) && podSpec.containers.length === 0)) add('containers', 'containers', 'the pod has no containers; add at least one');

  const pod: PodNames = {
    spec: podSpec,
    volumes: checkVolumes(podSpec, add),
    containerNames: new Set<string>(),
    portNames: new Map<string, string>(),
    // Init containers run one at a time before the containers, so each binds its host ports alone.
    containerHostPorts: new Map<string, string>(),
  };
  for (const ref of containersOf(podSpec)) {
    if (!ref.ephemeral) checkContainer(ref, pod, add);
  }

  checkScheduling(podSpec, add);

  if (podSpec.dnsPolicy === 'None' && asList(asObject(podSpec.dnsConfig).nameservers).length === 0) {
    add('dns-config', 'dnsConfig', 'dnsPolicy None needs at least one nameserver in dnsConfig');
  }
  return problems;
}

/** Volumes: unique DNS-1123 names; hostPath absolute. Returns the volumes by name. */
function checkVolumes(podSpec: Json, add: Add): Map<string, Json> {
  const volumes = new Map<string, Json>();
  for (const { item: v, index: i } of objectItems(podSpec.volumes)) {
    // Fields of the wrong type (a name that is not a string ...) are the schema rule's to report.
    if (typeof v.name !== 'string') continue;
    const p = checkDns1123Label(v.name);
    if (p) add('volume-names', `volumes[${i}].name`, `volume name '${v.name}' ${p}`);
    if (volumes.has(v.name)) add('volume-names', `volumes[${i}].name`, `volume name '${v.name}' is used twice; volume names must be unique in a pod`);
    volumes.set(v.name, v);
    const hostPath = asObject(v.hostPath).path;
    if (typeof hostPath === 'string') {
      const hp = checkAbsolutePath(hostPath);
      if (hp) add('host-path', `volumes[${i}].hostPath.path`, `hostPath '${hostPath}' of volume '${v.name}' ${hp}`);
    }
  }
  return volumes;
}
