import { podRule, who } from './common';
import { asObject } from '../../../k8s/shape';
import { Severity } from '../../rule';

export const resourceRequests = podRule({
  id: 'best-practice/resource-requests',
  severity: Severity.WARNING,
  description: 'Containers request CPU and memory, so the scheduler reserves room for them (a limit alone counts: a missing request defaults to the limit).',
  why: 'Without requests the scheduler places the pod as if it needed nothing, and under node pressure the kubelet evicts it first (BestEffort). A DaemonSet runs on every node, so an agent without requests is squeezed or evicted on every node at once.',
  fix: 'Set resources.requests.cpu and resources.requests.memory to what the container uses at steady state (kubectl top pod shows it).',
  equivalents: { kubeScore: 'container-resources', kubeLinter: 'unset-cpu-requirements, unset-memory-requirements', polaris: 'cpuRequestsMissing, memoryRequestsMissing' },
},
(w, add) => {
  for (const c of w.containers) {
    if (c.ephemeral) continue;
    const res = asObject(c.container.resources);
    const requests = asObject(res.requests);
    const limits = asObject(res.limits);
    // A missing request defaults to the limit, so a limit alone is a request too.
    const noCpu = requests.cpu == null && limits.cpu == null;
    const noMemory = requests.memory == null && limits.memory == null;
    if (!noCpu && !noMemory) continue;
    const missing = noCpu && noMemory ? ['cpu', 'memory'] : [noCpu ? 'cpu' : 'memory'];
    add(`${w.specPath}.${c.path}.resources.requests`,
      `${who(c)} requests no ${missing.join(' and ')}; the scheduler treats it as needing none and the kubelet evicts it first under pressure`
        + (w.kind === 'DaemonSet' ? ' (a DaemonSet runs this on every node)' : ''),
      `Set resources.requests.${missing.join(' and resources.requests.')} to what the container uses at steady state.`);
  }
});

export const memoryLimit = podRule({
  id: 'best-practice/memory-limit',
  severity: Severity.WARNING,
  description: 'Containers set a memory limit, so a leak is OOM-killed in the container instead of starving the node.',
  why: 'A container without a memory limit can grow until the node runs out of memory; the kernel then kills processes of other pods, or the kubelet evicts them.',
  fix: 'Set resources.limits.memory (for a node agent, a small multiple of its request).',
  equivalents: { kubeScore: 'container-resources', kubeLinter: 'unset-memory-requirements', polaris: 'memoryLimitsMissing' },
},
(w, add) => {
  for (const c of w.containers) {
    if (c.ephemeral) continue;
    if (asObject(asObject(c.container.resources).limits).memory != null) continue;
    add(`${w.specPath}.${c.path}.resources.limits`, `${who(c)} has no memory limit; a leak can consume the node's memory`,
      'Set resources.limits.memory (for node agents, a small multiple of the request).');
  }
});

// ---------------------------------------------------------------------------------------------
// Images
