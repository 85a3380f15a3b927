import * as kplus from 'cdk8s-plus-27';

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
