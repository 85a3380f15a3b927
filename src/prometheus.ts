import { fieldError } from './daemon-set/checks';
import { describeValue } from './errors';
import { checkEnum, checkObject, checkOptionalString } from './input-checks';
import { isPortNumber, PORT_RANGE } from './k8s/syntax';

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

/**
 * Checks `PrometheusScrapeOptions` given at run time and returns the annotation values.
 * @param at the message prefix, `DaemonSet '<path>'`
 * @internal
 */
export function checkScrapeOptions(at: string, options: unknown): { port: number; path: string; scheme: ScrapeScheme } {
  const o = checkObject(at, 'enablePrometheusScrape options', options, 'a PrometheusScrapeOptions object ({ port, path?, scheme? })');
  if (!isPortNumber(o.port)) {
    throw fieldError(at, 'enablePrometheusScrape', `port ${describeValue(o.port)} is out of range; ${PORT_RANGE}`);
  }
  const port = o.port;
  const path = checkOptionalString(at, 'enablePrometheusScrape path', o.path) ?? '/metrics';
  if (!path.startsWith('/')) throw fieldError(at, 'enablePrometheusScrape', `path '${path}' must start with '/'`);
  const scheme = o.scheme === undefined ? ScrapeScheme.HTTP : checkEnum(at, 'enablePrometheusScrape scheme', o.scheme, Object.values(ScrapeScheme));
  return { port, path, scheme };
}
