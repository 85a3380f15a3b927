/** The options of the kind checks (semantics/kinds). */

/** What the kind checks may depend on. */
export interface KindOptions {
  /**
   * The target Kubernetes version (`1.33`, `v1.36.2`): strict IP and CIDR syntax from 1.36, a Service's
   * PreferSameZone and PreferSameNode traffic distribution from 1.34.
   * @default - the newest rules
   */
  readonly kubernetesVersion?: string;
}
