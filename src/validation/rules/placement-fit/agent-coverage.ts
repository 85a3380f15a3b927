import { SPEC } from './common';
import { AgentRole } from '../../../scheduling/agent-role';
import { placeDaemonSets } from '../../../scheduling/daemon-set-placement';
import { NodeProfile } from '../../../scheduling/node-profile';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

const ROLE_NAMES: { [role: string]: string } = {
  [AgentRole.LOG_COLLECTOR]: 'log collector',
  [AgentRole.NODE_EXPORTER]: 'node exporter',
};

export function agentCoverageRule(profiles: NodeProfile[]): Rule {
  return {
    id: 'placement-fit/agent-coverage',
    severity: Severity.WARNING,
    description: 'A node profile that no log collector (or no node exporter) of the input reaches, while the input has one: '
      + 'those nodes ship no logs (or export no metrics).',
    why: 'Nodes without a log collector ship no logs, nodes without a node exporter export no metrics: an incident there leaves no trace.',
    fix: 'Tolerate the profile\'s taints and match its labels (NodePlacement.allNodes() tolerates every taint), or run an agent built for that node profile.',
    check(ctx: RuleContext): RuleHit[] {
      if (profiles.length === 0) return [];
      const placed = placeDaemonSets(ctx.objects, profiles);
      const hits: RuleHit[] = [];
      for (const role of Object.values(AgentRole)) {
        const agents = placed.filter(d => d.roles.includes(role));
        if (agents.length === 0) continue;
        profiles.forEach((profile, pi) => {
          if (agents.some(a => a.decisions[pi].schedules)) return;
          const first = agents[0];
          const why = agents.map(a => `'${a.id}': ${a.decisions[pi].reason}`).join('; ');
          hits.push({
            object: first.object,
            path: SPEC,
            message: `node profile '${profile.name}' gets no ${ROLE_NAMES[role]}: ${why}`,
            hint: `tolerate the profile's taints and match its labels (NodePlacement.allNodes() tolerates every taint), or run a ${ROLE_NAMES[role]} built for '${profile.name}' (${profile.os}/${profile.arch})`,
          });
        });
      }
      return hits;
    },
  };
}
