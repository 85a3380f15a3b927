import { podRule } from './common';
import { Severity } from '../../rule';

export const priorityClass = podRule({
  id: 'best-practice/priority-class',
  severity: Severity.WARNING,
  description: 'DaemonSets set priorityClassName (e.g. system-node-critical), so node agents are not preempted or left pending on full nodes.',
  why: 'A DaemonSet pod is created after the node fills up with other pods; without a high priority it stays Pending on a full node or is preempted first, and that node runs without its agent.',
  fix: 'Set priorityClassName: system-node-critical (or a PriorityClass of your own with a high value).',
  equivalents: { kubeLinter: 'priority-class-name', polaris: 'priorityClassNotSet' },
},
(w, add) => {
  if (w.kind !== 'DaemonSet') return;
  if (typeof w.spec.priorityClassName === 'string' && w.spec.priorityClassName !== '') return;
  add(`${w.specPath}.priorityClassName`, 'the DaemonSet sets no priorityClassName, so on a full node its pod can stay pending or be preempted',
    'Set priorityClassName: system-node-critical (or a PriorityClass of your own) for node agents.');
});

export const updateStrategy = podRule({
  id: 'best-practice/update-strategy',
  severity: Severity.INFO,
  description: 'DaemonSets set updateStrategy explicitly (absent means RollingUpdate with maxUnavailable 1).',
  why: 'The default replaces one node\'s pod at a time: on a large cluster a rollout takes hours, and nobody decided that.',
  fix: 'Set updateStrategy: RollingUpdate with a maxUnavailable sized for the fleet (e.g. 10%), or OnDelete when nodes are replaced by hand.',
  equivalents: { kubeLinter: 'no-rolling-update-strategy' },
},
(w, add) => {
  if (w.kind !== 'DaemonSet' || w.object.spec?.updateStrategy != null) return;
  add('spec.updateStrategy', 'the DaemonSet sets no updateStrategy, so it defaults to RollingUpdate with maxUnavailable 1: a rollout replaces one node\'s pod at a time',
    'Set updateStrategy explicitly, e.g. RollingUpdate with maxUnavailable: 10%, or OnDelete to roll nodes by hand.');
});

// ---------------------------------------------------------------------------------------------
// Host namespaces and API access

export const hostNamespaces = podRule({
  id: 'best-practice/host-namespaces',
  severity: Severity.INFO,
  description: 'Reports pods that share the node\'s network, PID or IPC namespace (hostNetwork, hostPID, hostIPC).',
  why: 'A pod in the host\'s namespaces sees the node\'s network interfaces, processes or shared memory; node agents often need one of them, so this is information, not a warning.',
  fix: 'Remove hostNetwork, hostPID and hostIPC unless the agent needs them; when it does, suppress the finding with the reason.',
  equivalents: { kubeLinter: 'host-network, host-pid, host-ipc', polaris: 'hostNetworkSet, hostPIDSet, hostIPCSet', podSecurity: 'Baseline: Host Namespaces (hostNamespaces)' },
},
(w, add) => {
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (w.spec[field] !== true) continue;
    add(`${w.specPath}.${field}`, `the pod sets ${field}: true and shares the node's ${field.slice(4)} namespace`,
      `Keep ${field} only if the agent needs it (e.g. node-exporter needs hostNetwork and hostPID); otherwise remove it.`);
  }
});
