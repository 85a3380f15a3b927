import { atPath, describe, namespaceOf } from './common';
import { hostPortPath, hostPortsOf } from '../../../k8s/host-ports';
import { asObject, isObject, Manifest } from '../../../k8s/shape';
import { nodesCanOverlap } from '../../../scheduling/node-overlap';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const hostPortCollision: Rule = {
  id: 'cross-object/host-port-collision',
  severity: Severity.ERROR,
  description: 'Two DaemonSets whose nodes can overlap bind the same host port (hostPort, or a containerPort with hostNetwork): the second pod stays Pending on every shared node.',
  why: 'Only one pod on a node can bind a host port and protocol: the second DaemonSet\'s pod stays Pending on every node the two share, so that agent is missing there.',
  fix: 'Give one of them another hostPort (or containerPort under hostNetwork), or keep their node sets apart with node selectors, required node affinity or taints.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    // Earlier DaemonSets by host port: each DaemonSet is compared only with those binding one of its
    // ports, and reported once per port (against the first it can share nodes with).
    const byPort = new Map<string, { ds: Manifest; container: string }[]>();
    for (const b of ctx.objects) {
      if (b.kind !== 'DaemonSet' || !isObject(asObject(asObject(b.spec).template).spec)) continue;
      const sb = b.spec.template.spec;
      for (const pb of hostPortsOf(sb)) {
        const earlier = byPort.get(pb.key) ?? [];
        const clash = earlier.find(e => nodesCanOverlap(e.ds.spec.template.spec, sb));
        if (clash) {
          hits.push({
            object: b,
            path: `spec.template.spec${atPath(hostPortPath(sb, pb.container, pb.port))}`,
            message: `${describe(b)} container '${pb.container}' binds host port ${pb.key}, which ${describe(clash.ds)} (namespace '${namespaceOf(clash.ds)}') container '${clash.container}' also binds on the same nodes`,
            hint: 'give one of them another port, or node selectors / required node affinity that keep them apart',
          });
        }
        earlier.push({ ds: b, container: pb.container });
        byPort.set(pb.key, earlier);
      }
    }
    return hits;
  },
};
