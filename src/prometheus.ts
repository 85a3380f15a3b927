/**
 * The scheme Prometheus uses to scrape.
 */
export enum ScrapeScheme {
  /** Plain HTTP. */
  HTTP = 'http',
  /** HTTPS. */
  HTTPS = 'https',
}

/**
 * Options for `DaemonSet.enablePrometheusScrape()`: the `prometheus.io/*` pod annotations
 * that the Prometheus Helm chart's and most hand-written `kubernetes-pods` scrape jobs honour.
 */
export interface PrometheusScrapeOptions {
  /** The container port serving metrics. */
  readonly port: number;

  /**
   * The metrics path.
   * @default '/metrics'
   */
  readonly path?: string;

  /**
   * The scheme.
   * @default ScrapeScheme.HTTP
   */
  readonly scheme?: ScrapeScheme;
}
