/**
 * The checks of the semantics rule family, as data: each finding carries `semantics/<check>`, and every check
 * the family can report is declared here (the corpus test requires a fixture for each).
 */

/** The `semantics/<check>` checks, in no particular order. */
export const SEMANTIC_CHECKS = [
  // Object metadata, the DaemonSet's own spec and the other kinds.
  'metadata-name', 'dns-name', 'namespace-name', 'metadata-syntax', 'annotations-size', 'finalizers', 'owner-references',
  'label-selector', 'selector-matches-labels', 'pod-template', 'rolling-update', 'non-negative',
  // The other kinds (kinds/): Service, ConfigMap, Secret, RBAC, NetworkPolicy, ResourceQuota, LimitRange, Namespace, PriorityClass, PDB.
  'service-ports', 'service-node-ports', 'service-type', 'service-ips', 'service-traffic', 'service-load-balancer', 'service-selector',
  'config-map-data', 'secret-data', 'secret-type', 'rbac-rules', 'rbac-role-ref', 'rbac-subjects', 'network-policy-spec',
  'network-policy-ports', 'network-policy-peers', 'resource-quota-hard', 'resource-quota-scopes', 'limit-range-items',
  'limit-range-values', 'namespace-finalizers', 'priority-class', 'pod-disruption-budget',
  // The pod spec: volumes, scheduling, DNS, pod-level settings.
  'restart-policy', 'containers', 'volume-names', 'host-path', 'node-selector', 'node-affinity', 'tolerations', 'dns-config',
  'volume-sources', 'volume-items', 'pod-security-context', 'sysctls', 'host-namespaces', 'host-aliases', 'hostname', 'reference-names',
  'pod-deadlines', 'readiness-gates', 'scheduling-gates', 'overhead', 'pod-os', 'resource-claims', 'topology-spread', 'pod-affinity',
  // Containers.
  'container-names', 'image-reference', 'port-range', 'port-names', 'host-port-collision', 'host-network-ports', 'env-names',
  'quantities', 'requests-within-limits', 'extended-resources', 'volume-mounts', 'mount-propagation', 'probes', 'privileged-escalation',
  'env-value-from', 'env-from', 'resource-names', 'hugepages', 'resize-policy', 'container-restart-policy', 'probe-handlers',
  'lifecycle', 'volume-devices', 'security-context-ids', 'seccomp-profile', 'apparmor-profile', 'proc-mount',
] as const;

/** One semantics check id (without the `semantics/` family prefix). */
export type SemanticCheck = typeof SEMANTIC_CHECKS[number];

/**
 * A rule the API server enforces (or a DaemonSet needs) that a schema cannot express,
 * broken by a manifest.
 */
export interface SemanticProblem {
  /** The rule broken, e.g. `semantics/selector-matches-labels`. */
  readonly rule: string;
  /** JSON path of the offending field, e.g. `spec.template.spec.containers[0].resources`. */
  readonly path: string;
  /** What is wrong and what is allowed. */
  readonly message: string;
  /**
   * `warning` for what the API server accepts with a warning (its `Warning:` response headers, e.g. a port name
   * used by two containers); otherwise the check is an error: the API server rejects the object.
   */
  readonly severity?: 'warning';
}

/** Reports one problem of a check at a path; `severity: 'warning'` for what the API server only warns about. @internal */
export type Add = (check: SemanticCheck, path: string, message: string, severity?: 'warning') => void;

/** A problem list and its `add`, with paths below `base` (`spec.template.spec`) when given. @internal */
export function collector(base?: string): { problems: SemanticProblem[]; add: Add } {
  const problems: SemanticProblem[] = [];
  const add: Add = (check, path, message, severity) => problems.push({
    rule: `semantics/${check}`, path: base === undefined ? path : `${base}.${path}`, message, ...severity ? { severity } : {},
  });
  return { problems, add };
}
