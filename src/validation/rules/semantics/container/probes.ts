import { Checked, isSet } from './checked';
import { checkHandler, LIFECYCLE_HANDLERS, PROBE_HANDLERS } from './handlers';
import { isObject, text } from '../../../../k8s/shape';
import { Add } from '../checks';

type Json = { [key: string]: any };

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

/**
 * A container's probes and lifecycle hooks. Init containers that are not sidecars may have neither
 * (`validateInitContainers`); the others' probes follow `validateLivenessProbe`, `validateReadinessProbe`,
 * `validateStartupProbe` and `validateProbe` (one handler, counts >= 0 after defaulting, successThreshold 1 for
 * liveness and startup, terminationGracePeriodSeconds > 0 and not on readiness probes) and their hooks
 * `validateLifecycle`, all in pkg/apis/core/validation/validation.go. (`lifecycle.stopSignal` is dropped by the
 * API server while the ContainerStopSignals gate is off, as in 1.37.)
 */
export function checkProbesAndLifecycle(at: Checked, gracePeriod: unknown, add: Add): void {
  const { c, path, kind, who, sidecar, minor } = at;
  if (kind === 'init container' && !sidecar) {
    for (const field of ['lifecycle', ...PROBES]) {
      if (isSet(c[field])) add(field === 'lifecycle' ? 'lifecycle' : 'probes', `${path}.${field}`, `${who} has a ${field}, which may not be set for init containers without restartPolicy Always (they run to completion before the pod starts)`);
    }
    return;
  }
  for (const field of PROBES) {
    if (isObject(c[field])) checkProbe(c[field], field, at, gracePeriod, add);
  }
  if (!isObject(c.lifecycle)) return;
  for (const hook of ['postStart', 'preStop']) {
    const h = c.lifecycle[hook];
    if (isObject(h)) checkHandler(h, { path: `${path}.lifecycle.${hook}`, what: `${who} ${hook} hook`, types: LIFECYCLE_HANDLERS, gracePeriod, minor }, add);
  }
}

function checkProbe(probe: Json, field: typeof PROBES[number], { path, who, minor }: Checked, gracePeriod: unknown, add: Add): void {
  const pp = `${path}.${field}`;
  const what = `${who} ${field}`;
  checkHandler(probe, { path: pp, what, types: PROBE_HANDLERS, gracePeriod, minor }, add);
  for (const count of COUNTS) {
    const v = probe[count];
    if (typeof v === 'number' && v < 0) add('probes', `${pp}.${count}`, `${what} ${count} is ${v}; it must be greater than or equal to 0`);
  }
  const success = probe.successThreshold;
  if (field !== 'readinessProbe' && typeof success === 'number' && success !== 0 && success !== 1) {
    add('probes', `${pp}.successThreshold`, `${what} successThreshold is ${success}; it must be 1 for liveness and startup probes`);
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (field === 'readinessProbe' && isSet(grace)) {
    add('probes', `${pp}.terminationGracePeriodSeconds`, `${what} sets terminationGracePeriodSeconds ${text(grace)}, which must not be set for readiness probes`);
  } else if (typeof grace === 'number' && grace <= 0) {
    add('probes', `${pp}.terminationGracePeriodSeconds`, `${what} terminationGracePeriodSeconds is ${grace}; it must be greater than 0`);
  }
}
