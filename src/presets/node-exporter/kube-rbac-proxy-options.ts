import * as kplus from 'cdk8s-plus-27';

/**
 * Options of the kube-rbac-proxy sidecar, which puts Kubernetes authentication and RBAC in
 * front of the metrics: the exporter then listens on 127.0.0.1 only, and the proxy serves TLS
 * on the metrics port, admitting callers allowed to `get` the non-resource URL `/metrics`.
 */
export interface KubeRbacProxyOptions {
  /**
   * The kube-rbac-proxy image.
   * @default NodeExporterDaemonSet.DEFAULT_KUBE_RBAC_PROXY_IMAGE
   */
  readonly image?: string;

  /**
   * The proxy's resources.
   * @default - cpu request 10m (no limit), memory request 20Mi, memory limit 64Mi
   */
  readonly resources?: kplus.ContainerResources;

  /**
   * A `kubernetes.io/tls` Secret with the serving certificate (`tls.crt`, `tls.key`).
   * @default - the proxy generates a self-signed certificate at start-up
   */
  readonly tlsSecret?: kplus.ISecret;

  /**
   * A Secret holding the bearer token Prometheus sends, for the ServiceMonitor or PodMonitor.
   * Required with a PodMonitor, which cannot read Prometheus' own service account token.
   * @default - ServiceMonitor: Prometheus' own service account token file
   */
  readonly scrapeTokenSecret?: kplus.ISecret;

  /**
   * The key of the token in `scrapeTokenSecret`.
   * @default 'token'
   */
  readonly scrapeTokenKey?: string;

  /**
   * Extra command-line arguments of the proxy.
   * @default - none
   */
  readonly extraArgs?: string[];

  /**
   * The name of the proxy's ClusterRole (creating TokenReviews and SubjectAccessReviews), an RBAC name: a path
   * segment, without '/' or '%'.
   * @default - `<namespace>-<metadata.name>-kube-rbac-proxy` (without the namespace when none is set)
   */
  readonly clusterRoleName?: string;

  /**
   * The name of the ClusterRoleBinding of the proxy's ClusterRole to the ServiceAccount, an RBAC name.
   * @default - the same name as the ClusterRole's default, `<namespace>-<metadata.name>-kube-rbac-proxy`
   */
  readonly clusterRoleBindingName?: string;
}
