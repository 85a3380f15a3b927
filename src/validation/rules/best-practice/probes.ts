import { longRunning, podRule, who } from './common';
import { Severity } from '../../rule';

const JOB_KINDS = new Set(['Job', 'CronJob']);

export const livenessProbe = podRule(
  'best-practice/liveness-probe', Severity.WARNING,
  'Long-running containers (not Jobs) have a livenessProbe. '
  + 'Equivalent: kube-score pod-probes; kube-linter no-liveness-probe; Polaris livenessProbeMissing.',
  (w, add) => {
    if (JOB_KINDS.has(w.kind)) return;
    for (const c of w.containers) {
      if (!longRunning(c)) continue;
      if (c.container.livenessProbe != null) continue;
      add(`${w.specPath}.${c.path}.livenessProbe`, `${who(c)} has no livenessProbe, so a hung process is never restarted`,
        'Add a livenessProbe (httpGet on a health endpoint, or tcpSocket/grpc).');
    }
  });

export const readinessProbe = podRule(
  'best-practice/readiness-probe', Severity.WARNING,
  'Long-running containers (not Jobs) have a readinessProbe; for DaemonSets it matters even without a Service, since the rolling update waits for readiness. '
  + 'Equivalent: kube-score pod-probes; kube-linter no-readiness-probe; Polaris readinessProbeMissing.',
  (w, add) => {
    if (JOB_KINDS.has(w.kind)) return;
    for (const c of w.containers) {
      if (!longRunning(c)) continue;
      if (c.container.readinessProbe != null) continue;
      add(`${w.specPath}.${c.path}.readinessProbe`,
        `${who(c)} has no readinessProbe` + (w.kind === 'DaemonSet'
          ? '; even without a Service it matters for a DaemonSet: the rolling update counts a pod as available once it is ready (plus minReadySeconds), '
            + 'so without a probe a broken pod counts as available and the rollout moves on to the next node'
          : ', so it receives traffic before it can serve'),
        'Add a readinessProbe.');
    }
  });

// ---------------------------------------------------------------------------------------------
// Host paths

/** Host directories that expose the node (exact paths, after removing trailing slashes). */
