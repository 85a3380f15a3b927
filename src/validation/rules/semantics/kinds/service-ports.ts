/**
 * A Service's ports, as the API server validates them on create: each port (`validateServicePort`), the
 * (protocol, port) pairs, and the node ports (`validateService` and the node port allocation of the Service REST
 * storage, which runs before validation and also in a dry run).
 */
import { asList, JsonObject, structItems, text } from '../../../../k8s/shape';
import { checkDns1123Label, checkPortName, checkQualifiedName, isPortNumber } from '../../../../k8s/syntax';
import { Add } from '../checks';

/** What `IsValidPortNum` answers. */
export const PORT_NUMBER = 'must be between 1 and 65535, inclusive';

/** The protocol of a port after defaulting (`SetDefaults_Service`: an empty protocol is TCP). */
function protocolOf(port: JsonObject): unknown {
  return port.protocol === undefined || port.protocol === null || port.protocol === '' ? 'TCP' : port.protocol;
}

/**
 * A port given as a number or an IANA service name (a Service's `targetPort`, a NetworkPolicy's `port`): a number
 * in 1..65535 or a name `IsValidPortName` accepts. Values of other types are the schema's.
 * Mirrors `ValidatePortNumOrName` in k8s.io/kubernetes `pkg/apis/core/validation/validation.go`.
 */
export function portNumOrNameProblem(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && !isPortNumber(value) ? PORT_NUMBER : undefined;
  if (typeof value === 'string') return checkPortName(value);
  return undefined;
}

/**
 * One port of `spec.ports`: its name (required when the Service has several ports; a DNS-1123 label, unique),
 * `port`, `targetPort` (after defaulting: 0 or '' becomes `port`) and `appProtocol`.
 * Mirrors `validateServicePort` in k8s.io/kubernetes `pkg/apis/core/validation/validation.go`; the protocol enum is
 * the schema's to report.
 */
function checkPort(port: JsonObject, path: string, requireName: boolean, names: Set<string>, add: Add): void {
  const name = port.name;
  if (requireName && (name === undefined || name === null || name === '')) {
    add('service-ports', `${path}.name`, 'a Service with more than one port must name each of them: name is required (a DNS-1123 label, e.g. \'http\')');
  } else if (typeof name === 'string' && name !== '') {
    const p = checkDns1123Label(name);
    if (p) add('service-ports', `${path}.name`, `port name '${name}' ${p}`);
    if (names.has(name)) add('service-ports', `${path}.name`, `port name '${name}' is used twice; the names of a Service's ports must be unique`);
    names.add(name);
  }
  if (typeof port.port === 'number' && Number.isInteger(port.port) && !isPortNumber(port.port)) {
    add('service-ports', `${path}.port`, `port ${port.port} ${PORT_NUMBER}`);
  }
  const target = port.targetPort;
  if (target !== 0 && target !== '') {
    const p = portNumOrNameProblem(target);
    if (p) add('service-ports', `${path}.targetPort`, `targetPort ${typeof target === 'string' ? `'${target}'` : text(target)} ${p}${typeof target === 'string' ? ' (a named targetPort is an IANA service name: a container port\'s name)' : ''}`);
  }
  if (typeof port.appProtocol === 'string') {
    const p = checkQualifiedName(port.appProtocol);
    if (p) add('service-ports', `${path}.appProtocol`, `appProtocol '${port.appProtocol}' ${p}`);
  }
}

/**
 * The problems of a Service's `spec.ports`: each port, and no two with the same (protocol, port).
 * Mirrors `validateServicePort` and the duplicate-port check of `validateService`.
 */
export function checkServicePorts(spec: JsonObject, add: Add): void {
  const ports = structItems(spec.ports, { port: 0 });
  const names = new Set<string>();
  const seen = new Set<string>();
  for (const { item, index } of ports) {
    const path = `spec.ports[${index}]`;
    checkPort(item, path, asList(spec.ports).length > 1, names, add);
    if (typeof item.port !== 'number') continue;
    const key = `${text(protocolOf(item))}/${item.port}`;
    if (seen.has(key)) add('service-ports', path, `port ${item.port}/${text(protocolOf(item))} is listed twice; each (protocol, port) pair of a Service must be unique`);
    seen.add(key);
  }
}

/**
 * The node ports of a Service: none may be set on a ClusterIP Service (`validateService`), and two ports with
 * different `port` numbers may not ask for the same node port (the node port allocation, `initNodePorts` in
 * `pkg/registry/core/service/storage/alloc.go`, answers "provided port is already allocated"; ports with the same
 * `port`, e.g. 53/TCP and 53/UDP, may share one). Whether a node port is in the cluster's range
 * (`--service-node-port-range`, default 30000-32767) is checked only by a real create, not by a dry run, and is
 * not reported here.
 */
export function checkServiceNodePorts(spec: JsonObject, type: unknown, add: Add): void {
  const byNodePort = new Map<number, unknown>();
  for (const { item, index } of structItems(spec.ports)) {
    const nodePort = item.nodePort;
    if (typeof nodePort !== 'number' || nodePort === 0) continue;
    const path = `spec.ports[${index}].nodePort`;
    if (type === 'ClusterIP') {
      add('service-node-ports', path, `nodePort ${nodePort} may not be used when \`type\` is 'ClusterIP'; use type NodePort or LoadBalancer, or remove nodePort`);
      continue;
    }
    const owner = byNodePort.get(nodePort);
    if (owner !== undefined && owner !== item.port) {
      add('service-node-ports', path, `nodePort ${nodePort} is already requested by service port ${text(owner)}; each node port may serve one service port (the API server answers "provided port is already allocated")`);
    } else if (owner === undefined) {
      byNodePort.set(nodePort, item.port);
    }
  }
}

