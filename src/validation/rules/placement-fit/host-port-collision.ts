import { atPath, landing, list, SPEC } from './common';
import { hostPortPath } from '../../../k8s/host-ports';
import { PlacedDaemonSet, placeDaemonSets } from '../../../scheduling/daemon-set-placement';
import { NodeProfile } from '../../../scheduling/node-profile';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export function hostPortRule(profiles: NodeProfile[]): Rule {
  return {
    id: 'placement-fit/host-port-collision',
    severity: Severity.ERROR,
    description: 'Two DaemonSets placed on the same node profile bind the same host port and protocol (hostPort, or a containerPort with hostNetwork): '
      + 'the second pod stays Pending on those nodes.',
    why: 'Only one pod on a node can bind a host port and protocol: on the node profiles named, the second DaemonSet\'s pod stays Pending.',
    fix: 'Give one of them another port, or keep them on different nodes with node selectors, node affinity or taints.',
    check(ctx: RuleContext): RuleHit[] {
      if (profiles.length === 0) return [];
      const placed = placeDaemonSets(ctx.objects, profiles);
      // One finding per later DaemonSet, port and earlier DaemonSet, naming every profile they share.
      const clashes = new Map<string, { later: PlacedDaemonSet; earlier: PlacedDaemonSet; port: string; container: string; profiles: string[] }>();
      profiles.forEach((profile, pi) => {
        const owners = new Map<string, PlacedDaemonSet>();
        for (const d of landing(placed, pi)) {
          for (const use of d.hostPorts) {
            const owner = owners.get(use.key);
            if (!owner) {
              owners.set(use.key, d);
              continue;
            }
            const key = `${placed.indexOf(d)}\0${use.key}\0${placed.indexOf(owner)}`;
            const clash = clashes.get(key) ?? { later: d, earlier: owner, port: use.key, container: use.container, profiles: [] };
            clash.profiles.push(profile.name);
            clashes.set(key, clash);
          }
        }
      });
      return [...clashes.values()].map(c => ({
        object: c.later.object,
        path: `${SPEC}${atPath(hostPortPath(c.later.spec, c.container, Number(c.port.split('/')[0])))}`,
        message: `DaemonSet '${c.later.id}' container '${c.container}' binds host port ${c.port}, which DaemonSet '${c.earlier.id}' also binds, `
          + `on node profile(s) ${list(c.profiles)}: one of the two pods stays Pending there`,
        hint: 'give one of them another port, or keep them on different nodes with node selectors, node affinity or taints',
      }));
    },
  };
}
