import { Predict } from './checks';
import { containersOf } from '../../../k8s/pod-template';
import { asObject, isObject, objectItems, text } from '../../../k8s/shape';

type Json = { [key: string]: any };

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * A probe whose port is a name no port of its container declares. The API server checks only the name's syntax
 * (`ValidatePortNumOrName` in pkg/apis/core/validation/validation.go), so it accepts the pod, but the kubelet
 * cannot resolve the port and the probe fails on every node (a liveness probe restarts the agent forever).
 */
export function probePorts(podSpec: Json, predict: Predict): void {
  for (const ref of containersOf(podSpec)) {
    if (ref.ephemeral || (ref.init && !ref.sidecar)) continue;
    const c = ref.container;
    const names = objectItems(c.ports).map(({ item }) => item.name).filter((n): n is string => typeof n === 'string');
    for (const field of PROBES) {
      const probe = c[field];
      if (!isObject(probe)) continue;
      const port = asObject(probe.httpGet).port ?? asObject(probe.tcpSocket).port;
      if (typeof port !== 'string' || names.includes(port) || /^\d+$/.test(port)) continue;
      const known = names.length ? names.map(n => `'${n}'`).join(', ') : 'none';
      predict('probe-ports', `${ref.path}.${field}`,
        `the API server accepts the ${field} of ${ref.init ? 'init container' : 'container'} '${text(c.name)}' on port '${port}', `
        + `but no port of that container has this name (named ports: ${known}), so the kubelet cannot resolve it and the probe always fails; name the port or probe a number`);
    }
  }
}
