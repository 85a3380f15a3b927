import { namespaceOf } from './common';
import { humanAmount, humanQuantity } from '../../../k8s/human-units';
import { podLimits, podRequests } from '../../../k8s/pod-requests';
import { exceeds, parseQuantity } from '../../../k8s/quantity';
import { asObject, displayName, isObject, Manifest, own, str } from '../../../k8s/shape';
import { EXPECTED_NODE_COUNT_ANNOTATION } from '../../../k8s/well-known';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

/**
 * What one pod of a DaemonSet charges against a quota resource (`requests.cpu`, `limits.memory`, plain `cpu` meaning
 * requests), as the ResourceQuota admission counts it: sidecars, init containers and pod overhead included.
 */
function podCharge(spec: Manifest, field: 'requests' | 'limits', resource: string): number {
  return own(field === 'requests' ? podRequests(spec) : podLimits(spec), resource) ?? 0;
}

export const quotaFit: Rule = {
  id: 'cross-object/quota-fit',
  severity: Severity.ERROR,
  description: 'The DaemonSets of a namespace, times the expected node count, exceed a ResourceQuota of that namespace: pods beyond the quota are never created.',
  why: 'The ResourceQuota admission refuses pods beyond the quota, so the DaemonSet controller cannot create pods on the remaining nodes: those nodes run without the agent and the rollout never completes.',
  fix: 'Raise the quota, lower the requests, or give the real node count (--expected-nodes, expectedNodeCount).',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const quota of ctx.objects) {
      const hardLimits = asObject(asObject(quota.spec).hard);
      if (quota.kind !== 'ResourceQuota' || Object.keys(hardLimits).length === 0) continue;
      const ns = namespaceOf(quota);
      const daemonSets = ctx.objects.filter(o => o.kind === 'DaemonSet' && namespaceOf(o) === ns && isObject(asObject(asObject(o.spec).template).spec));
      if (daemonSets.length === 0) continue;
      // NamespaceQuota records its own expected node count on the quota.
      const annotated = Number(str(own(asObject(asObject(quota.metadata).annotations), EXPECTED_NODE_COUNT_ANNOTATION)));
      const nodes = Number.isInteger(annotated) && annotated > 0 ? annotated : ctx.expectedNodeCount;
      for (const [resource, hardRaw] of Object.entries<any>(hardLimits)) {
        if (typeof hardRaw !== 'string' && typeof hardRaw !== 'number') continue;
        const hard = parseQuantity(hardRaw);
        if (hard === undefined) continue;
        let used: number;
        const m = /^(requests|limits)\.(.+)$/.exec(resource);
        if (resource === 'pods') {
          used = daemonSets.length * nodes;
        } else if (m) {
          used = daemonSets.reduce((s, d) => s + podCharge(d.spec.template.spec, m[1] as 'requests' | 'limits', m[2]), 0) * nodes;
        } else if (resource === 'cpu' || resource === 'memory') {
          used = daemonSets.reduce((s, d) => s + podCharge(d.spec.template.spec, 'requests', resource), 0) * nodes;
        } else {
          continue;
        }
        if (exceeds(used, hard)) {
          hits.push({
            object: quota,
            path: `spec.hard.${resource}`,
            message: `ResourceQuota '${displayName(quota)}' allows ${resource} ${humanQuantity(resource, hardRaw)} in namespace '${ns}', but its ${daemonSets.length} DaemonSet(s) need ${humanAmount(resource, used)} on ${nodes} nodes`,
            hint: 'raise the quota, lower the requests, or set expectedNodeCount to the real node count',
          });
        }
      }
    }
    return hits;
  },
};
