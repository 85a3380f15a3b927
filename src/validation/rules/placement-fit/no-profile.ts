import { list, SPEC } from './common';
import { PlacedDaemonSet, placeDaemonSets } from '../../../scheduling/daemon-set-placement';
import { NodeProfile } from '../../../scheduling/node-profile';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export function noProfileRule(profiles: NodeProfile[]): Rule {
  return {
    id: 'placement-fit/no-profile',
    severity: Severity.WARNING,
    description: 'A DaemonSet that none of the node profiles admits (node selector, node affinity, nodeName or untolerated taints): it would run no pod.',
    why: 'A DaemonSet that no node admits runs no pod at all: it is deployed but does nothing.',
    fix: 'Check its nodeSelector, node affinity and tolerations against the node labels and taints, or give the node profile it is meant for.',
    check(ctx: RuleContext): RuleHit[] {
      if (profiles.length === 0) return [];
      return placeDaemonSets(ctx.objects, profiles)
        .filter(d => !d.decisions.some(x => x.schedules))
        .map(d => ({
          object: d.object,
          path: SPEC,
          message: `DaemonSet '${d.id}' is placed on none of the ${profiles.length} node profile(s): ${groupedReasons(d, profiles)}`,
          hint: 'check the nodeSelector, node affinity and tolerations against the node labels and taints, or the node profiles given',
        }));
    },
  };
}

/** `'a', 'b': reason; 'c': other reason`: profiles kept off for the same reason named together. */
function groupedReasons(d: PlacedDaemonSet, profiles: NodeProfile[]): string {
  const byReason = new Map<string, string[]>();
  profiles.forEach((p, i) => {
    const reason = d.decisions[i].reason ?? 'not placed';
    byReason.set(reason, [...byReason.get(reason) ?? [], p.name]);
  });
  return [...byReason].map(([reason, names]) => `${list(names)}: ${reason}`).join('; ');
}
