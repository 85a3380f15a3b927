import { AUDIT, describeReasons, ENFORCE, levelHint, namespaceLabels, WARN } from './common';
import { admits, parsePodSecurityLevel, PodSecurityLevel, violationsAt } from '../../../k8s/pod-security';
import { podSecurityOf, podWorkloads } from '../../pod-workloads';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const namespaceWarn: Rule = {
  id: 'pod-security/namespace-warn',
  severity: Severity.WARNING,
  description: 'The pod needs a less restrictive Pod Security level than its namespace warns or audits at '
    + '(pod-security.kubernetes.io/warn, pod-security.kubernetes.io/audit); PSA check ids are named in the message.',
  check(ctx: RuleContext): RuleHit[] {
    const namespaces = namespaceLabels(ctx.objects, [WARN, AUDIT]);
    if (namespaces.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const w of podWorkloads(ctx)) {
      const labels = namespaces.get(w.namespace);
      if (!labels) continue;
      const evaluation = podSecurityOf(w);
      const enforced = parsePodSecurityLevel(labels[ENFORCE]);
      // Group the warn and audit labels by level, so one level is reported once.
      const byLevel = new Map<PodSecurityLevel, string[]>();
      for (const label of [WARN, AUDIT]) {
        const level = parsePodSecurityLevel(labels[label]);
        if (!level || admits(level, evaluation.level)) continue;
        // Already an error from pod-security/namespace-enforce when the enforced level is at least as strict.
        if (enforced && !admits(enforced, evaluation.level) && admits(level, enforced)) continue;
        byLevel.set(level, [...(byLevel.get(level) ?? []), label]);
      }
      for (const [level, names] of byLevel) {
        const what = names.map(n => (n === WARN ? `warns (${n})` : `audits (${n})`)).join(' and ');
        const reasons = violationsAt(evaluation, level);
        hits.push({
          object: w.object,
          path: w.specPath,
          message: `namespace '${w.namespace}' ${what} at Pod Security level '${level}' but the pod needs '${evaluation.level}': `
            + describeReasons(reasons, w.specPath),
          hint: levelHint(level, evaluation.level, w.namespace, names[0], reasons),
        });
      }
    }
    return hits;
  },
};
