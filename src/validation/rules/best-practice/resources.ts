import { podRule, who } from './common';
import { asObject } from '../../../k8s/shape';
import { Severity } from '../../rule';

export const resourceRequests = podRule(
  'best-practice/resource-requests', Severity.WARNING,
  'Containers request CPU and memory, so the scheduler reserves room for them. '
  + 'Equivalent: kube-score container-resources; kube-linter unset-cpu-requirements, unset-memory-requirements; Polaris cpuRequestsMissing, memoryRequestsMissing.',
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

export const memoryLimit = podRule(
  'best-practice/memory-limit', Severity.WARNING,
  'Containers set a memory limit, so a leak is OOM-killed in the container instead of starving the node. '
  + 'Equivalent: kube-score container-resources; kube-linter unset-memory-requirements; Polaris memoryLimitsMissing.',
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
