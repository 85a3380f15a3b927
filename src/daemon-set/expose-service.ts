import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { withContext } from '../errors';
import { checkServiceOptions, DaemonSetServiceOptions, DaemonSetServiceType } from '../service';
import { fieldError } from './checks';
import { patchService } from './render';

/** A Service port and the container port it targets (by number or name), checked again at synthesis. */
export interface ServiceTarget {
  readonly port: number;
  readonly target: number | string;
  /** The port's `appProtocol`, which cdk8s-plus-27 cannot render. */
  readonly appProtocol?: string;
}

/** A Service made by `DaemonSet.exposeViaService()`, with the targets its ports must find. */
export interface ExposedService {
  readonly service: kplus.Service;
  readonly ports: ServiceTarget[];
}

/**
 * The Service helper of `DaemonSet.exposeViaService()`: a Service in the DaemonSet's namespace selecting its
 * pods, with ports defaulting to every container port.
 * @param daemonSet the DaemonSet, parent and selector of the Service
 * @param at the DaemonSet's message prefix, `DaemonSet '<path>'`
 */
export function exposeDaemonSet(daemonSet: kplus.DaemonSet, at: string, options: DaemonSetServiceOptions): ExposedService {
  checkServiceOptions(`${at}: exposeViaService`, options);
  const fail = (message: string) => fieldError(at, 'exposeViaService', message);
  const containerPorts = daemonSet.containers.flatMap(c => c.ports);
  const requested = options.ports ?? containerPorts.map(p => ({ port: p.number, name: p.name, protocol: p.protocol }));
  if (requested.length === 0) {
    throw fail('no ports to expose: the containers declare no ports; declare container ports or pass ports');
  }
  const ports: kplus.ServicePort[] = [];
  const targets: ServiceTarget[] = [];
  for (const p of requested) {
    const tp = p as { targetPort?: number; targetPortName?: string; nodePort?: number; appProtocol?: string };
    if (tp.targetPort !== undefined && tp.targetPortName !== undefined) {
      throw fail(`port ${p.port} gives both targetPort ${tp.targetPort} and targetPortName '${tp.targetPortName}'; use one`);
    }
    const target = tp.targetPortName ?? tp.targetPort ?? p.port;
    const named = typeof target === 'string' ? containerPorts.find(c => c.name === target) : undefined;
    const name = p.name ?? named?.name ?? containerPorts.find(c => c.number === target)?.name;
    ports.push({ port: p.port, targetPort: typeof target === 'number' ? target : named?.number, name, protocol: p.protocol, nodePort: tp.nodePort });
    targets.push({ port: p.port, target, appProtocol: tp.appProtocol });
  }
  if (ports.length > 1 && ports.some(p => !p.name)) {
    throw fail(`the Service has ${ports.length} ports, so Kubernetes requires each to be named; name the container ports or give each port a name`);
  }
  const type = options.serviceType ?? DaemonSetServiceType.CLUSTER_IP;
  const namespace = daemonSet.metadata.namespace;
  const service = withContext(at, 'exposeViaService', () => new kplus.Service(daemonSet, options.name ? `Service-${options.name}` : 'Service', {
    metadata: {
      // A Service selects pods of its own namespace only.
      ...namespace !== undefined ? { namespace } : {},
      ...options.name !== undefined ? { name: options.name } : {},
      ...options.labels !== undefined ? { labels: options.labels } : {},
      ...options.annotations !== undefined ? { annotations: options.annotations } : {},
    },
    selector: daemonSet,
    ports,
    type: type === DaemonSetServiceType.HEADLESS ? kplus.ServiceType.CLUSTER_IP : type as unknown as kplus.ServiceType,
    clusterIP: type === DaemonSetServiceType.HEADLESS ? 'None' : undefined,
  }));
  patchService(ApiObject.of(service), targets, options.internalTrafficPolicy);
  return { service, ports: targets };
}

/** Problems of Services whose ports target no container port (containers may be added until synthesis). */
export function unreachedServicePorts(services: ExposedService[], containers: kplus.Container[]): string[] {
  // Most DaemonSets expose no Service: nothing to read (each container's `ports` is a copy).
  if (services.length === 0) return [];
  const problems: string[] = [];
  const containerPorts = containers.flatMap(c => c.ports);
  for (const { service, ports } of services) {
    for (const { port, target } of ports) {
      const found = typeof target === 'string' ? containerPorts.some(c => c.name === target) : containerPorts.some(c => c.number === target);
      if (!found) {
        const known = containerPorts.map(c => c.name ? `${c.number} (${c.name})` : `${c.number}`).join(', ') || 'none';
        problems.push(`Service '${service.name}' port ${port} targets ${typeof target === 'string' ? `port name '${target}'` : `port ${target}`}, which no container declares; container ports: ${known}`);
      }
    }
  }
  return problems;
}
