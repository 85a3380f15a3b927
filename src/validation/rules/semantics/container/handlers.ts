import { isSet } from './checked';
import { asObject, isObject, structItems, text } from '../../../../k8s/shape';
import { checkPortName, isPortNumber, PORT_RANGE } from '../../../../k8s/syntax';
import { Add } from '../checks';

type Json = { [key: string]: any };

/** The handler types of a probe (`handlerFromProbe`) and of a lifecycle hook (`handlerFromLifecycle`). */
export const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
export const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

/** The first minor version whose API server accepts `sleep: {seconds: 0}` (PodLifecycleSleepActionAllowZero on by default). */
const SLEEP_ZERO_SINCE = 33;

const HEADER_NAME = /^[-A-Za-z0-9]+$/;

/** Where a handler is and what it may use. */
export interface HandlerSite {
  /** JSON path of the probe or hook, e.g. `containers[0].livenessProbe`. */
  readonly path: string;
  /** How messages name it, e.g. `container 'agent' livenessProbe`. */
  readonly what: string;
  readonly types: readonly string[];
  /** The pod's terminationGracePeriodSeconds after defaulting (30), for the sleep action. */
  readonly gracePeriod: unknown;
  readonly minor: number;
}

/**
 * A probe's or lifecycle hook's handler. Mirrors `validateHandler` in pkg/apis/core/validation/validation.go:
 * exactly one handler type, then `validateExecAction` (a command), `validateHTTPGetAction` (port, header names;
 * the path and scheme are defaulted and the scheme enum is the schema's), `validateTCPSocketAction`,
 * `validateGRPCAction` (port) and `validateSleepAction` (0 to terminationGracePeriodSeconds).
 */
export function checkHandler(handler: Json, site: HandlerSite, add: Add): void {
  let type: string | undefined;
  for (const t of site.types) {
    if (!isSet(handler[t])) continue;
    if (type === undefined) type = t;
    else add('probe-handlers', `${site.path}.${t}`, `${site.what} sets ${type} and ${t}; it may not specify more than 1 handler type`);
  }
  if (type === undefined) {
    add('probe-handlers', site.path, `${site.what} has no handler; it must specify a handler type (one of ${site.types.join(', ')})`);
    return;
  }
  const h = asObject(handler[type]);
  const at = `${site.path}.${type}`;
  if (type === 'exec' && (!Array.isArray(h.command) || h.command.length === 0)) {
    if (!isSet(h.command) || Array.isArray(h.command)) add('probe-handlers', `${at}.command`, `${site.what} exec has no command; a command is required`);
  }
  if (type === 'httpGet' || type === 'tcpSocket') checkPortNumOrName(h.port, `${at}.port`, `${site.what} ${type}`, add);
  if (type === 'grpc') checkPortNumOrName(h.port ?? 0, `${at}.port`, `${site.what} grpc`, add);
  if (type === 'httpGet') {
    for (const { item: header } of structItems(h.httpHeaders)) {
      const name = header.name ?? '';
      if (typeof name === 'string' && !HEADER_NAME.test(name)) add('probe-handlers', `${at}.httpHeaders`, `${site.what} httpGet header name '${name}' is invalid; a valid HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name')`);
    }
  }
  if (type === 'sleep') checkSleep(h, at, site, add);
}

/** Mirrors `ValidatePortNumOrName`: a number from 1 to 65535, or a port name (IANA_SVC_NAME, so '80' as a string fails). */
function checkPortNumOrName(port: unknown, at: string, what: string, add: Add): void {
  if (typeof port === 'number') {
    if (Number.isInteger(port) && !isPortNumber(port)) add('port-range', at, `${what} port ${port} is out of range; ${PORT_RANGE}`);
  } else if (typeof port === 'string') {
    const problem = checkPortName(port);
    if (problem) add('port-range', at, `${what} port '${port}' is not a port name: it ${problem}${/^\d+$/.test(port) ? ` (write the number ${port} without quotes)` : ''}`);
  } else if (!isSet(port)) {
    add('port-range', at, `${what} has no port; ${PORT_RANGE}, or a port name`);
  }
}

function checkSleep(h: Json, at: string, site: HandlerSite, add: Add): void {
  const seconds = h.seconds ?? 0;
  const grace = site.gracePeriod ?? 30;
  if (typeof seconds !== 'number' || typeof grace !== 'number') return;
  const min = site.minor >= SLEEP_ZERO_SINCE ? 0 : 1;
  if (seconds < min || seconds > grace) {
    add('probe-handlers', at, `${site.what} sleep seconds ${text(seconds)} must be ${min === 0 ? 'non-negative' : 'positive'} and at most terminationGracePeriodSeconds (${grace})`);
  }
}

/** Whether a value is a handler-bearing object (anything else is the schema's to report). */
export function isHandler(v: unknown): v is Json {
  return isObject(v);
}
