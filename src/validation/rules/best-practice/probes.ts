import { longRunning, podRule, who } from './common';
import { Severity } from '../../rule';

const JOB_KINDS = new Set(['Job', 'CronJob']);

export const livenessProbe = podRule({
  id: 'best-practice/liveness-probe',
  severity: Severity.WARNING,
  description: 'Long-running containers (not in Jobs or CronJobs) have a livenessProbe.',
  why: 'Without a liveness probe a hung process is never restarted: the agent on that node silently stops working.',
  fix: 'Add a livenessProbe (httpGet on a health endpoint, tcpSocket or grpc).',
  equivalents: { kubeScore: 'pod-probes', kubeLinter: 'no-liveness-probe', polaris: 'livenessProbeMissing' },
},
(w, add) => {
  if (JOB_KINDS.has(w.kind)) return;
  for (const c of w.containers) {
    if (!longRunning(c)) continue;
    if (c.container.livenessProbe != null) continue;
    add(`${w.specPath}.${c.path}.livenessProbe`, `${who(c)} has no livenessProbe, so a hung process is never restarted`,
      'Add a livenessProbe (httpGet on a health endpoint, or tcpSocket/grpc).');
  }
});

export const readinessProbe = podRule({
  id: 'best-practice/readiness-probe',
  severity: Severity.WARNING,
  description: 'Long-running containers (not in Jobs or CronJobs) have a readinessProbe; for a DaemonSet it matters even without a Service.',
  why: 'A rolling update counts a pod as available once it is ready (plus minReadySeconds): without a probe a broken pod counts as available and the rollout moves on to the next node. Behind a Service, a pod gets traffic before it can serve.',
  fix: 'Add a readinessProbe that fails until the program does its work.',
  equivalents: { kubeScore: 'pod-probes', kubeLinter: 'no-readiness-probe', polaris: 'readinessProbeMissing' },
},
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
