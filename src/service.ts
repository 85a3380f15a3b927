import * as kplus from 'cdk8s-plus-27';
import { checkLabels, checkPort, checkSyntax, fieldError } from './daemon-set/checks';
import { checkEnum, checkObject, checkOptionalArray, checkOptionalString, checkOptionalStringMap } from './input-checks';
import { checkDns1123Label, checkPortName, checkQualifiedName } from './k8s/syntax';

/**
 * How a DaemonSet's Service is reached.
 */
export enum DaemonSetServiceType {
  /** A virtual cluster IP load-balancing across the pods. */
  CLUSTER_IP = 'ClusterIP',
  /** No cluster IP (`clusterIP: None`): DNS returns every pod's IP, which is what scrapers of per-node agents want. */
  HEADLESS = 'Headless',
  /** A port on every node forwards to the pods. */
  NODE_PORT = 'NodePort',
  /** A cloud load balancer in front of the node ports. */
  LOAD_BALANCER = 'LoadBalancer',
}

/**
 * Whether traffic reaching a node is served by that node's own pod only.
 */
export enum ServiceTrafficPolicy {
  /** Any ready pod of the DaemonSet may answer. */
  CLUSTER = 'Cluster',
  /** Only the pod on the node the traffic arrived at (or the client's node) answers: the usual choice for per-node agents. */
  LOCAL = 'Local',
}

/**
 * One port of a DaemonSet's Service.
 */
export interface DaemonSetServicePort {
  /** The port the Service listens on. */
  readonly port: number;

  /**
   * The container port number traffic goes to.
   * @default - `targetPortName` if given, otherwise the same as `port`
   */
  readonly targetPort?: number;

  /**
   * The name of the container port traffic goes to (e.g. `metrics`), instead of a number.
   * @default - by number
   */
  readonly targetPortName?: string;

  /**
   * The Service port's name (required by Kubernetes when the Service has several ports).
   * @default - the target container port's name, if any
   */
  readonly name?: string;

  /**
   * The protocol.
   * @default kplus.Protocol.TCP
   */
  readonly protocol?: kplus.Protocol;

  /**
   * The node port, for NodePort and LoadBalancer Services (30000-32767 by default).
   * @default - assigned by the cluster
   */
  readonly nodePort?: number;

  /**
   * The application protocol of this port (`spec.ports[].appProtocol`), a hint for load balancers, gateways and
   * service meshes: an IANA service name (`http`, `https`, `grpc`), a Kubernetes-defined name
   * (`kubernetes.io/h2c`, `kubernetes.io/ws`, `kubernetes.io/wss`) or a domain-prefixed name (`example.com/proto`).
   * Kubernetes accepts any qualified name (letters, digits, `-`, `_`, `.`, with an optional DNS prefix).
   * @default - none
   */
  readonly appProtocol?: string;
}

/**
 * Options for `DaemonSet.exposeViaService()`.
 */
export interface DaemonSetServiceOptions {
  /**
   * The Service's name.
   * @default - generated from the construct path
   */
  readonly name?: string;

  /**
   * How the Service is reached.
   * @default DaemonSetServiceType.CLUSTER_IP
   */
  readonly serviceType?: DaemonSetServiceType;

  /**
   * The ports to expose.
   * @default - every port the DaemonSet's containers declare, under the same number and name
   */
  readonly ports?: DaemonSetServicePort[];

  /**
   * Whether in-cluster clients reach only the pod on their own node.
   * @default - Kubernetes' default (Cluster)
   */
  readonly internalTrafficPolicy?: ServiceTrafficPolicy;

  /**
   * Labels of the Service.
   * @default - none
   */
  readonly labels?: { [key: string]: string };

  /**
   * Annotations of the Service.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
}

/**
 * Checks `DaemonSetServiceOptions` given at run time (types, ranges, syntax, duplicates).
 * @param at the message prefix, `DaemonSet '<path>': exposeViaService`
 * @internal
 */
export function checkServiceOptions(at: string, options: unknown): DaemonSetServiceOptions {
  const o = checkObject(at, 'options', options, 'a DaemonSetServiceOptions object');
  const name = checkOptionalString(at, 'name', o.name);
  if (name !== undefined) checkSyntax(at, 'name', name, n => checkDns1123Label(n) ?? (/^[a-z]/.test(n) ? undefined : 'must start with a letter (a Service name is a DNS-1035 label)'));
  const type = o.serviceType === undefined ? DaemonSetServiceType.CLUSTER_IP : checkEnum(at, 'serviceType', o.serviceType, Object.values(DaemonSetServiceType));
  if (o.internalTrafficPolicy !== undefined) checkEnum(at, 'internalTrafficPolicy', o.internalTrafficPolicy, Object.values(ServiceTrafficPolicy));
  checkLabels(at, 'labels', o.labels, 'label key');
  for (const k of Object.keys(checkOptionalStringMap(at, 'annotations', o.annotations) ?? {})) {
    checkSyntax(at, 'annotations', k, key => { const p = checkQualifiedName(key); return p ? `is not an annotation key: ${p}` : undefined; });
  }
  const names = new Set<string>();
  const ports = new Set<string>();
  checkOptionalArray(at, 'ports', o.ports, 'service ports ({ port, targetPort?, name?, ... })')?.forEach((x, i) => {
    const p = checkObject(at, `ports[${i}]`, x, 'a service port ({ port, targetPort?, targetPortName?, name?, protocol?, nodePort?, appProtocol? })');
    const port = checkPort(at, `ports[${i}].port`, p.port);
    for (const f of ['targetPort', 'nodePort']) if (p[f] !== undefined) checkPort(at, `ports[${i}].${f}`, p[f]);
    const target = checkOptionalString(at, `ports[${i}].targetPortName`, p.targetPortName);
    if (target !== undefined) checkSyntax(at, `ports[${i}].targetPortName`, target, checkPortName);
    const protocol = p.protocol === undefined ? 'TCP' : checkEnum(at, `ports[${i}].protocol`, p.protocol, Object.values(kplus.Protocol));
    const appProtocol = checkOptionalString(at, `ports[${i}].appProtocol`, p.appProtocol);
    // ValidateQualifiedName(appProtocol), as validateServicePort in pkg/apis/core/validation does.
    if (appProtocol !== undefined) {
      checkSyntax(at, `ports[${i}].appProtocol`, appProtocol, a => { const q = checkQualifiedName(a); return q ? `is not an application protocol (an IANA service name such as 'http', or a qualified name such as 'kubernetes.io/h2c'): ${q}` : undefined; });
    }
    const portName = checkOptionalString(at, `ports[${i}].name`, p.name);
    if (portName !== undefined) {
      checkSyntax(at, `ports[${i}].name`, portName, checkDns1123Label);
      if (names.has(portName)) throw fieldError(at, `ports[${i}].name`, `port name '${portName}' is used twice; Service port names must be unique`);
      names.add(portName);
    }
    if (ports.has(`${port}/${protocol}`)) throw fieldError(at, `ports[${i}]`, `port ${port}/${protocol} is listed twice`);
    ports.add(`${port}/${protocol}`);
    if (p.nodePort !== undefined && type !== DaemonSetServiceType.NODE_PORT && type !== DaemonSetServiceType.LOAD_BALANCER) {
      throw fieldError(at, `ports[${i}].nodePort`, `is set, but a ${type} Service has no node ports; use DaemonSetServiceType.NODE_PORT or LOAD_BALANCER`);
    }
  });
  return o as DaemonSetServiceOptions;
}
