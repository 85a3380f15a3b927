/**
 * The checks of the runtime rule family, as data. Every finding claims "the API server accepts this object,
 * but ...": the pods fail at runtime, a rollout can never finish, or the Pods a controller makes from the
 * template are refused. Each finding carries `runtime/<check>`; the corpus test requires a fixture for each.
 */

/** The `runtime/<check>` checks. */
export const RUNTIME_CHECKS = [
  'max-surge-host-port', 'probe-ports', 'image-reference', 'pod-rejected', 'service-node-port-range',
  'node-affinity-unsatisfiable', 'gpu-resource-kinds', 'rdma-with-mgpu',
  'host-network-attachments', 'run-as-root-conflict',
] as const;

/** One runtime check id (without the `runtime/` family prefix). */
export type RuntimeCheck = typeof RUNTIME_CHECKS[number];

/** A prediction about an object the API server accepts. */
export interface Prediction {
  /** The check, e.g. `runtime/max-surge-host-port`. */
  readonly rule: string;
  /** JSON path of the field the prediction is about. */
  readonly path: string;
  /** What will go wrong, starting from what the API server accepts. */
  readonly message: string;
  /** `warning` for a prediction that depends on the cluster's configuration; otherwise the rule's severity. */
  readonly severity?: 'warning';
}

/** Reports one prediction of a check at a path. @internal */
export type Predict = (check: RuntimeCheck, path: string, message: string, severity?: 'warning') => void;

/** A prediction list and its `predict`, with paths below `base` when given. @internal */
export function predictions(base?: string): { found: Prediction[]; predict: Predict } {
  const found: Prediction[] = [];
  const predict: Predict = (check, path, message, severity) => found.push({
    rule: `runtime/${check}`, path: base === undefined ? path : `${base}.${path}`, message, ...severity ? { severity } : {},
  });
  return { found, predict };
}
