import { Predict } from './checks';
import { containersOf } from '../../../k8s/pod-template';
import { asObject } from '../../../k8s/shape';

type Json = { [key: string]: any };

/**
 * A container whose effective `runAsNonRoot` is true (its own, else the pod's) and whose effective `runAsUser` is 0.
 * The API server accepts the pair, but the kubelet refuses to start such a container before it runs
 * (`verifyRunAsNonRoot` in pkg/kubelet/kuberuntime/security_context_others.go: "container's runAsUser breaks non-root
 * policy"), so the pod stays in CreateContainerConfigError on every node.
 */
export function runAsRootConflict(podSpec: Json, predict: Predict): void {
  const pod = asObject(podSpec.securityContext);
  for (const { container: c, path } of containersOf(podSpec)) {
    const sc = asObject(c.securityContext);
    const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
    const user = sc.runAsUser ?? pod.runAsUser;
    if (nonRoot !== true || user !== 0) continue;
    const from = (key: string) => (sc[key] !== undefined ? 'the container' : 'the pod');
    predict('run-as-root-conflict', `${path}.securityContext`,
      `the API server accepts runAsNonRoot: true (from ${from('runAsNonRoot')}) with runAsUser: 0 (from ${from('runAsUser')}) for `
      + `container '${typeof c.name === 'string' ? c.name : path}', but the kubelet refuses to start it (CreateContainerConfigError: `
      + 'runAsUser breaks non-root policy); run as a non-zero uid, or set runAsNonRoot: false where root is meant');
  }
}
