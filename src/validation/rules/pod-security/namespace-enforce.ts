import { describeReasons, ENFORCE, levelHint, namespaceLabels } from './common';
import { admits, parsePodSecurityLevel, violationsAt } from '../../../k8s/pod-security';
import { podSecurityOf, podWorkloads } from '../../pod-workloads';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const namespaceEnforce: Rule = {
  id: 'pod-security/namespace-enforce',
  severity: Severity.ERROR,
  description: 'The pod needs a less restrictive Pod Security level than its namespace enforces (pod-security.kubernetes.io/enforce), '
    + 'so the API server rejects it (PSA check ids are named in the message).',
  check(ctx: RuleContext): RuleHit[] {
    const namespaces = namespaceLabels(ctx.objects, [ENFORCE]);
    if (namespaces.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const w of podWorkloads(ctx)) {
      const labels = namespaces.get(w.namespace);
      if (!labels) continue;
      const enforced = parsePodSecurityLevel(labels[ENFORCE]);
      if (!enforced) continue;
      const evaluation = podSecurityOf(w);
      if (admits(enforced, evaluation.level)) continue;
      const reasons = violationsAt(evaluation, enforced);
      hits.push({
        object: w.object,
        path: w.specPath,
        message: `namespace '${w.namespace}' enforces Pod Security level '${enforced}' but the pod needs '${evaluation.level}', `
          + `so the API server will reject its pods: ${describeReasons(reasons, w.specPath)}`,
        hint: levelHint(enforced, evaluation.level, w.namespace, ENFORCE, reasons),
      });
    }
    return hits;
  },
};
