/** What the per-container checks share: the container being checked and what they need from its pod. */

type Json = { [key: string]: any };

/** The newest Kubernetes minor version the checks know; the default when no version is given. */
export const NEWEST_MINOR = 37;

/** What the checks of one container need from the pod and its containers checked before. @internal */
export interface PodNames {
  readonly spec: Json;
  readonly volumes: Map<string, Json>;
  readonly containerNames: Set<string>;
  /** Port name to the port (`<container path>.ports[i]`) that declared it first, across the pod's containers. */
  readonly portNames: Map<string, string>;
  /** `protocol/hostIP/port` to the (app) container that binds it on the host. */
  readonly containerHostPorts: Map<string, string>;
  /** The Kubernetes minor version whose API server is mirrored (e.g. 37); the newest when unset. */
  readonly kubernetesMinor?: number;
  /** The ports seen so far, by `containerPort/protocol`, for the port warnings (./ports); created by the first port. */
  portBlocks?: Map<string, PortBlock[]>;
}

/** A container port as the port warnings compare it with the pod's other ports. @internal */
export interface PortBlock {
  /** JSON path of the port below the pod spec. */
  readonly at: string;
  readonly hostPort: number;
  readonly hostIP: string;
}

/** A container as the checks see it: where it is, how to name it in messages. @internal */
export interface Checked {
  readonly c: Json;
  /** JSON path of the container below the pod spec, e.g. `containers[0]`. */
  readonly path: string;
  readonly kind: 'init container' | 'container';
  /** A native sidecar: an init container with restartPolicy Always. */
  readonly sidecar: boolean;
  /** How messages name it, e.g. `container 'agent'`. */
  readonly who: string;
  /** The Kubernetes minor version mirrored. */
  readonly minor: number;
}

/** Whether a field is set in the Go sense after decoding: not absent, not null. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** A port number field's value when it is an integer (anything else is the schema's to report). */
export function intValue(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) ? v : undefined;
}
