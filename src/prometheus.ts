import { fieldError } from './daemon-set/checks';
import { describeValue } from './errors';
import { checkEnum, checkNumber, checkObject, checkOptionalString } from './input-checks';

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
  if (typeof o.port !== 'number' || !Number.isInteger(o.port) || o.port < 1 || o.port > 65535) {
    throw fieldError(at, 'enablePrometheusScrape', `port ${describeValue(o.port)} is out of range; a port is an integer from 1 to 65535`);
  }
  const port = checkNumber(at, 'enablePrometheusScrape port', o.port, { integer: true, min: 1, max: 65535 });
  const path = checkOptionalString(at, 'enablePrometheusScrape path', o.path) ?? '/metrics';
  if (!path.startsWith('/')) throw fieldError(at, 'enablePrometheusScrape', `path '${path}' must start with '/'`);
  const scheme = o.scheme === undefined ? ScrapeScheme.HTTP : checkEnum(at, 'enablePrometheusScrape scheme', o.scheme, Object.values(ScrapeScheme));
  return { port, path, scheme };
}
