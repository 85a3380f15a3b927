/**
 * Well-known annotation and label keys: the Kubernetes ones the validator reads, and this library's own, which
 * constructs write and rules read (one declaration, so the writer and the reader cannot drift apart).
 */

/** Annotation prefix of per-object suppressions: `suppress.daemonsets.cdk8s.io/<family>.<check>: <reason>`. */
export const SUPPRESSION_PREFIX = 'suppress.daemonsets.cdk8s.io/';

/**
 * Annotation `NamespaceQuota` writes on its ResourceQuota: the node count its quota was sized for, which the
 * `cross-object/quota-fit` rule uses instead of the validation's default.
 */
export const EXPECTED_NODE_COUNT_ANNOTATION = 'daemonsets.cdk8s.io/expected-node-count';

/** The namespace label whose Pod Security level the API server enforces (rejects pods that need a less restrictive one). */
export const POD_SECURITY_ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/** The namespace label whose Pod Security level the API server warns about. */
export const POD_SECURITY_WARN_LABEL = 'pod-security.kubernetes.io/warn';

/** The namespace label whose Pod Security level the API server records in the audit log. */
export const POD_SECURITY_AUDIT_LABEL = 'pod-security.kubernetes.io/audit';

/** The namespace label naming the policy version of the enforced level (`latest` or `v1.<minor>`; unset means `latest`). */
export const POD_SECURITY_ENFORCE_VERSION_LABEL = 'pod-security.kubernetes.io/enforce-version';

/** The namespace label naming the policy version of the warn level. */
export const POD_SECURITY_WARN_VERSION_LABEL = 'pod-security.kubernetes.io/warn-version';

/** The namespace label naming the policy version of the audit level. */
export const POD_SECURITY_AUDIT_VERSION_LABEL = 'pod-security.kubernetes.io/audit-version';

/** The recommended label naming an application (`app.kubernetes.io/name`). */
export const NAME_LABEL = 'app.kubernetes.io/name';

/** The recommended label naming an application's component (`app.kubernetes.io/component`). */
export const COMPONENT_LABEL = 'app.kubernetes.io/component';

/** The component `LogCollectorDaemonSet` labels its objects with; how the report and placement-fit recognise a log collector. */
export const LOG_COLLECTOR_COMPONENT = 'log-collector';

/** The name `NodeExporterDaemonSet` labels its objects with; how the report and placement-fit recognise a node exporter. */
export const NODE_EXPORTER_NAME = 'node-exporter';
