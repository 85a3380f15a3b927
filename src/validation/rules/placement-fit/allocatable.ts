import { landing, SPEC } from './common';
import { humanAmount } from '../../../k8s/human-units';
import { largestRequestPath } from '../../../k8s/pod-requests';
import { exceeds } from '../../../k8s/quantity';
import { own } from '../../../k8s/shape';
import { checkedAllocatable, PlacedDaemonSet, placeDaemonSets } from '../../../scheduling/daemon-set-placement';
import { NodeProfile } from '../../../scheduling/node-profile';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export function allocatableRule(profiles: NodeProfile[]): Rule {
  return {
    id: 'placement-fit/allocatable',
    severity: Severity.ERROR,
    description: 'The DaemonSets placed on a node profile request more cpu, memory, pods, ephemeral storage, huge pages or extended resources '
      + 'than its allocatable: a pod stays Pending on those nodes (the scheduler\'s NodeResourcesFit), before any other workload is counted.',
    why: 'The scheduler keeps a pod Pending on nodes whose allocatable it exceeds, before any other workload is counted: those nodes never run the agent.',
    fix: 'Lower the requests, keep some DaemonSets off that node profile with a nodeSelector or node affinity, or use larger nodes there.',
    check(ctx: RuleContext): RuleHit[] {
      if (profiles.length === 0) return [];
      const placed = placeDaemonSets(ctx.objects, profiles);
      const hits: RuleHit[] = [];
      profiles.forEach((profile, pi) => {
        const here = landing(placed, pi);
        const resources = [...new Set(here.flatMap(d => Object.keys(d.requests)))].sort();
        for (const resource of resources) {
          const allocatable = checkedAllocatable(profile, resource);
          if (allocatable === undefined) continue;
          let sum = 0;
          for (const d of here) {
            const before = sum;
            const amount = (x: PlacedDaemonSet): number => own(x.requests, resource) ?? 0;
            sum += amount(d);
            if (!(amount(d) > 0) || !exceeds(sum, allocatable)) continue;
            const total = here.reduce((s, x) => s + amount(x), 0);
            const parts = here.filter(x => amount(x) > 0).map(x => `${x.id} ${humanAmount(resource, amount(x))}`);
            const offered = allocatable === 0 && own(profile.allocatable, resource) === undefined
              ? `node profile '${profile.name}' advertises no ${resource}`
              : `node profile '${profile.name}' has ${humanAmount(resource, allocatable)} allocatable`;
            hits.push({
              object: d.object,
              path: resource === 'pods' ? SPEC : `${SPEC}${largestRequestPath(d.spec, resource)}`,
              message: `DaemonSet '${d.id}' requests ${resource} ${humanAmount(resource, amount(d))} on node profile '${profile.name}', `
                + `where the DaemonSets before it already request ${humanAmount(resource, before)}; together the ${parts.length} DaemonSets there request `
                + `${humanAmount(resource, total)} (${parts.join(', ')}) but ${offered}, so a DaemonSet pod stays Pending on these nodes`,
              hint: `lower the ${resource} requests, keep some DaemonSets off '${profile.name}' with a nodeSelector or node affinity, or use larger nodes there`,
            });
            break;
          }
        }
      });
      return hits;
    },
  };
}
