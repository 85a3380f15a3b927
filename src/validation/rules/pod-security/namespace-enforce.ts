import { describeReasons, describeVersion, levelHint, namespacePolicies, policyMinor } from './common';
import { violationsAt } from '../../../k8s/pod-security';
import { POD_SECURITY_ENFORCE_LABEL } from '../../../k8s/well-known';
import { podSecurityOf, podWorkloads } from '../../pod-workloads';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const namespaceEnforce: Rule = {
  id: 'pod-security/namespace-enforce',
  severity: Severity.ERROR,
  description: 'The pod fails the Pod Security level its namespace enforces (pod-security.kubernetes.io/enforce), at the policy version '
    + 'of pod-security.kubernetes.io/enforce-version (default latest, the newest of the target Kubernetes version), '
    + 'so the API server rejects it (PSA check ids are named in the message).',
  why: 'The PodSecurity admission rejects the pods: the DaemonSet controller creates none, and the agent runs nowhere in that namespace.',
  fix: 'Change the pod as the message says (the Pod Security Admission check ids it names), or run the workload in a namespace whose enforced level admits it.',
  equivalents: { podSecurity: 'every control (Pod Security Admission enforce mode)' },
  check(ctx: RuleContext): RuleHit[] {
    const namespaces = namespacePolicies(ctx);
    if (namespaces.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const w of podWorkloads(ctx)) {
      const ns = namespaces.get(w.namespace);
      if (!ns) continue;
      const { level, version } = ns.policy.enforce;
      if (level === 'privileged') continue;
      const minor = policyMinor(version, ctx);
      const evaluation = podSecurityOf(w, minor);
      const reasons = violationsAt(evaluation, level);
      if (reasons.length === 0) continue;
      const invalid = ns.policy.errors.filter(e => e.label.startsWith(POD_SECURITY_ENFORCE_LABEL)).map(e => `${e.label} is invalid, read as ${e.fallback}`);
      hits.push({
        object: w.object,
        path: w.specPath,
        message: `namespace '${w.namespace}' enforces Pod Security level '${level}' (policy ${describeVersion(version, ctx)}`
          + `${invalid.length ? `; ${invalid.join(', ')}` : ''}) but the pod needs '${evaluation.level}', `
          + `so the API server will reject its pods: ${describeReasons(reasons, w.specPath)}`,
        hint: levelHint(level, evaluation.level, w.namespace, POD_SECURITY_ENFORCE_LABEL, reasons, minor),
      });
    }
    return hits;
  },
};
