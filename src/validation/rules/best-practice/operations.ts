import { podRule } from './common';
import { Severity } from '../../rule';

export const priorityClass = podRule(
  'best-practice/priority-class', Severity.WARNING,
  'DaemonSets set priorityClassName (e.g. system-node-critical), so node agents are not preempted or left pending on full nodes. '
  + 'Equivalent: kube-linter priority-class-name; Polaris priorityClassNotSet.',
  (w, add) => {
    if (w.kind !== 'DaemonSet') return;
    if (typeof w.spec.priorityClassName === 'string' && w.spec.priorityClassName !== '') return;
    add(`${w.specPath}.priorityClassName`, 'the DaemonSet sets no priorityClassName, so on a full node its pod can stay pending or be preempted',
      'Set priorityClassName: system-node-critical (or a PriorityClass of your own) for node agents.');
  });

export const updateStrategy = podRule(
  'best-practice/update-strategy', Severity.INFO,
  'DaemonSets set updateStrategy explicitly (absent means RollingUpdate with maxUnavailable 1). '
  + 'Equivalent: kube-linter no-rolling-update-strategy; kube-score deployment-strategy (Deployments only).',
  (w, add) => {
    if (w.kind !== 'DaemonSet' || w.object.spec?.updateStrategy != null) return;
    add('spec.updateStrategy', 'the DaemonSet sets no updateStrategy, so it defaults to RollingUpdate with maxUnavailable 1: a rollout replaces one node\'s pod at a time',
      'Set updateStrategy explicitly, e.g. RollingUpdate with maxUnavailable: 10%, or OnDelete to roll nodes by hand.');
  });

// ---------------------------------------------------------------------------------------------
// Host namespaces and API access

export const hostNamespaces = podRule(
  'best-practice/host-namespaces', Severity.INFO,
  'Reports pods that share the node\'s network, PID or IPC namespace (hostNetwork, hostPID, hostIPC). '
  + 'Equivalent: kube-linter host-network, host-pid, host-ipc; Polaris hostNetworkSet, hostPIDSet, hostIPCSet; PSA hostNamespaces.',
  (w, add) => {
    for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
      if (w.spec[field] !== true) continue;
      add(`${w.specPath}.${field}`, `the pod sets ${field}: true and shares the node's ${field.slice(4)} namespace`,
        `Keep ${field} only if the agent needs it (e.g. node-exporter needs hostNetwork and hostPID); otherwise remove it.`);
    }
  });
