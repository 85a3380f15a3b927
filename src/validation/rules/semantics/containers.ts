import { Add } from './checks';
import { Checked, NEWEST_MINOR, PodNames } from './container/checked';
import { checkEnv, checkEnvFrom } from './container/env';
import { checkDevices, checkMounts } from './container/mounts';
import { checkResizePolicy, checkRestartPolicy } from './container/policies';
import { checkPorts } from './container/ports';
import { checkProbesAndLifecycle } from './container/probes';
import { checkResources } from './container/resources';
import { checkSecurityContext } from './container/security-context';
import { ContainerRef } from '../../../k8s/pod-template';
import { checkDns1123Label } from '../../../k8s/syntax';

export type { PodNames } from './container/checked';

/**
 * The checks of one init or app container: what `validateContainerCommon`, `validateContainers` and
 * `validateInitContainers` (pkg/apis/core/validation/validation.go, v1.37.2) reject, one concept per file in
 * ./container. The API server does not check an image reference's syntax (only that it is set): that is the
 * runtime family's prediction. The enums (imagePullPolicy, terminationMessagePolicy, protocol ...) are the schema's.
 * @internal
 */
export function checkContainer(ref: ContainerRef, pod: PodNames, add: Add): void {
  const kind = ref.init ? 'init container' : 'container';
  const c = ref.container;
  const at: Checked = { c, path: ref.path, kind, sidecar: ref.sidecar, who: `${kind} '${typeof c.name === 'string' ? c.name : ''}'`, minor: pod.kubernetesMinor ?? NEWEST_MINOR };
  checkName(at, pod, add);
  if ((c.image ?? '') === '') add('image-reference', `${at.path}.image`, `${at.who} has no image; an image is required`);
  checkPorts(at, pod, add);
  checkEnv(at, pod.volumes, add);
  checkEnvFrom(at, add);
  checkMounts(at, pod.volumes, pod.spec, add);
  checkDevices(at, pod.volumes, add);
  checkResources(at, add);
  checkResizePolicy(at, pod.spec.restartPolicy || 'Always', add);
  checkSecurityContext(at, pod.spec.hostUsers, add);
  checkProbesAndLifecycle(at, pod.spec.terminationGracePeriodSeconds, add);
  checkRestartPolicy(at, add);
}

/** A name: required, a DNS-1123 label, unique across init and app containers. */
function checkName({ c, path, kind, who }: Checked, pod: PodNames, add: Add): void {
  const name = c.name ?? '';
  if (typeof name !== 'string') return;
  if (name === '') {
    add('container-names', `${path}.name`, `a ${kind} has no name; a name is required`);
    return;
  }
  const problem = checkDns1123Label(name);
  if (problem) add('container-names', `${path}.name`, `${kind} name '${name}' ${problem}`);
  if (pod.containerNames.has(name)) add('container-names', `${path}.name`, `${who} is defined twice; container names must be unique across containers and init containers`);
  pod.containerNames.add(name);
}
