import { Predict } from './checks';
import { asObject, objectItems } from '../../../k8s/shape';

type Json = { [key: string]: any };

/** The API server's default `--service-node-port-range`. */
const DEFAULT_RANGE: readonly [number, number] = [30000, 32767];

/**
 * Node ports outside the default node port range: a dry run accepts them (the node port allocator checks the range
 * only when it really allocates), but a real create fails with "provided port is not in the valid range" unless
 * the cluster's `--service-node-port-range` includes them. Mirrors the range check of the port allocator
 * (`pkg/registry/core/service/portallocator`) that `initNodePorts` and `allocHealthCheckNodePort` in
 * `pkg/registry/core/service/storage/alloc.go` call. A warning: the range is the cluster's choice.
 */
export function serviceNodePortRange(svc: Json, predict: Predict): void {
  const spec = asObject(asObject(svc).spec);
  if (spec.type !== 'NodePort' && spec.type !== 'LoadBalancer') return;
  const [low, high] = DEFAULT_RANGE;
  const outside = (port: unknown): port is number => typeof port === 'number' && port !== 0 && (port < low || port > high);
  const say = (what: string, port: number) => `the API server accepts ${what} ${port} in a dry run, but a real create fails ("provided port is not in `
    + `the valid range") unless the cluster's --service-node-port-range includes it (default ${low}-${high})`;
  for (const { item, index } of objectItems(spec.ports)) {
    if (outside(item.nodePort)) predict('service-node-port-range', `spec.ports[${index}].nodePort`, say('nodePort', item.nodePort), 'warning');
  }
  if (spec.type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local' && outside(spec.healthCheckNodePort)) {
    predict('service-node-port-range', 'spec.healthCheckNodePort', say('healthCheckNodePort', spec.healthCheckNodePort), 'warning');
  }
}
