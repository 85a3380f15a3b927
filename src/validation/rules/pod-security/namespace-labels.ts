import { namespacePolicies } from './common';
import { text } from '../../../k8s/shape';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

/**
 * Invalid `pod-security.kubernetes.io/*` labels on a Namespace. The PodSecurity admission plugin refuses them when
 * the Namespace is created or the labels change (mirrors Admission.ValidateNamespace and PolicyToEvaluate in
 * k8s.io/pod-security-admission), and evaluates a namespace that already carries them at the fallback: an
 * invalid enforce level as restricted, audit and warn levels as privileged, versions as latest.
 */
export const namespaceLabels: Rule = {
  id: 'pod-security/namespace-labels',
  severity: Severity.ERROR,
  description: 'A Namespace\'s pod-security.kubernetes.io level or version label is invalid (levels privileged, baseline, restricted; '
    + 'versions latest or v1.<minor>), so the API server\'s PodSecurity admission rejects the Namespace.',
  why: 'The PodSecurity admission rejects the Namespace, and a namespace that already carries the label is evaluated at a fallback level (restricted for an invalid enforce level) that may refuse its pods.',
  fix: 'Use the levels privileged, baseline or restricted, and versions latest or v1.<minor> (no leading zeros, no patch).',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const { object, policy } of namespacePolicies(ctx).values()) {
      for (const e of policy.errors) {
        hits.push({
          object,
          path: `metadata.labels.${e.label}`,
          message: `label ${e.label}=${text(e.value)} ${e.message}, so the API server rejects the Namespace `
            + `(a namespace that already carries it is evaluated as ${e.fallback})`,
          hint: e.label.endsWith('-version')
            ? 'Use latest (the newest policy of the cluster\'s Kubernetes version) or pin a policy version such as v1.31; no leading zeros, no patch.'
            : 'Use privileged, baseline or restricted (lower case).',
        });
      }
    }
    return hits;
  },
};
