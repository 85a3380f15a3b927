import { hostPortPath } from '../k8s/host-ports';
import { exceeds, formatAmount } from '../k8s/quantity';
import { Rule, RuleContext, RuleHit, Severity } from './rule';
import { own } from '../k8s/shape';
import { AgentRole } from '../scheduling/agent-role';
import { NodeProfile } from '../scheduling/node-profile';
import { checkedAllocatable, PlacedDaemonSet, placeDaemonSets } from '../scheduling/daemon-set-placement';
import { largestRequestPath } from '../k8s/pod-requests';

/**
 * The placement-fit rule family: DaemonSets placed on the node profiles given in
 * `ValidationOptions.nodeProfiles` (nothing is reported without profiles).
 */

const SPEC = 'spec.template.spec';

function list(names: string[]): string {
  return names.map(n => `'${n}'`).join(', ');
}

/** `.path` for a path below the pod spec; nothing when there is none. */
function atPath(path: string | undefined): string {
  return path === undefined ? '' : `.${path}`;
}

function landing(placed: PlacedDaemonSet[], profileIndex: number): PlacedDaemonSet[] {
  return placed.filter(d => d.decisions[profileIndex].schedules);
}

function allocatableRule(profiles: NodeProfile[]): Rule {
  return {
    id: 'placement-fit/allocatable',
    severity: Severity.ERROR,
    description: 'The DaemonSets placed on a node profile request more cpu, memory, pods, ephemeral storage, huge pages or extended resources '
      + 'than its allocatable: a pod stays Pending on those nodes (the scheduler\'s NodeResourcesFit), before any other workload is counted.',
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
            const parts = here.filter(x => amount(x) > 0).map(x => `${x.id} ${formatAmount(resource, amount(x))}`);
            const offered = allocatable === 0 && own(profile.allocatable, resource) === undefined
              ? `node profile '${profile.name}' advertises no ${resource}`
              : `node profile '${profile.name}' has ${formatAmount(resource, allocatable)} allocatable`;
            hits.push({
              object: d.object,
              path: resource === 'pods' ? SPEC : `${SPEC}${largestRequestPath(d.spec, resource)}`,
              message: `DaemonSet '${d.id}' requests ${resource} ${formatAmount(resource, amount(d))} on node profile '${profile.name}', `
                + `where the DaemonSets before it already request ${formatAmount(resource, before)}; together the ${parts.length} DaemonSets there request `
                + `${formatAmount(resource, total)} (${parts.join(', ')}) but ${offered}, so a DaemonSet pod stays Pending on these nodes`,
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

const ROLE_NAMES: { [role: string]: string } = {
  [AgentRole.LOG_COLLECTOR]: 'log collector',
  [AgentRole.NODE_EXPORTER]: 'node exporter',
};

function agentCoverageRule(profiles: NodeProfile[]): Rule {
  return {
    id: 'placement-fit/agent-coverage',
    severity: Severity.WARNING,
    description: 'A node profile that no log collector (or no node exporter) of the input reaches, while the input has one: '
      + 'those nodes ship no logs (or export no metrics).',
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

function hostPortRule(profiles: NodeProfile[]): Rule {
  return {
    id: 'placement-fit/host-port-collision',
    severity: Severity.ERROR,
    description: 'Two DaemonSets placed on the same node profile bind the same host port and protocol (hostPort, or a containerPort with hostNetwork): '
      + 'the second pod stays Pending on those nodes.',
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

function noProfileRule(profiles: NodeProfile[]): Rule {
  return {
    id: 'placement-fit/no-profile',
    severity: Severity.WARNING,
    description: 'A DaemonSet that none of the node profiles admits (node selector, node affinity, nodeName or untolerated taints): it would run no pod.',
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

/**
 * The placement-fit rules for a set of node profiles (rules that report nothing when there are none).
 * @internal
 */
export function placementFitRules(profiles: NodeProfile[] = []): Rule[] {
  return [allocatableRule(profiles), agentCoverageRule(profiles), hostPortRule(profiles), noProfileRule(profiles)];
}
