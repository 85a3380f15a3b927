import { describeReasons, describeVersion, levelHint, namespacePolicies, policyMinor } from './common';
import { admits, NamespacePodSecurityOf, PodSecurityLevel, violationsAt } from '../../../k8s/pod-security';
import { PodWorkload, podSecurityOf, podWorkloads } from '../../pod-workloads';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const namespaceWarn: Rule = {
  id: 'pod-security/namespace-warn',
  severity: Severity.WARNING,
  description: 'The pod fails the Pod Security level its namespace warns or audits at (pod-security.kubernetes.io/warn, '
    + 'pod-security.kubernetes.io/audit), at the policy version of their -version labels (default latest); PSA check ids are named in the message.',
  why: 'The pods run, but every apply prints Pod Security warnings (warn) or the audit log records violations (audit): the namespace is heading for a stricter level the workload does not meet.',
  fix: 'Change the pod as the message says, or lower the namespace\'s warn and audit levels to what it runs.',
  equivalents: { podSecurity: 'every control (Pod Security Admission warn and audit modes)' },
  check(ctx: RuleContext): RuleHit[] {
    const namespaces = namespacePolicies(ctx);
    if (namespaces.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const w of podWorkloads(ctx)) {
      const ns = namespaces.get(w.namespace);
      if (ns) hits.push(...warnings(w, ns, ctx));
    }
    return hits;
  },
};

const VERB: Record<'warn' | 'audit', string> = { warn: 'warns', audit: 'audits' };

/** One finding per distinct level and version among the warn and audit modes that the pod fails. */
function warnings(w: PodWorkload, ns: NamespacePodSecurityOf, ctx: RuleContext): RuleHit[] {
  const { policy } = ns;
  const enforceRejects = policy.enforce.level !== 'privileged'
    && violationsAt(podSecurityOf(w, policyMinor(policy.enforce.version, ctx)), policy.enforce.level).length > 0;
  // Group the modes by level and version, so one policy is reported once.
  const groups = new Map<string, { level: PodSecurityLevel; version: string; minor: number; modes: ('warn' | 'audit')[] }>();
  for (const mode of ['warn', 'audit'] as const) {
    const { level, version } = policy[mode];
    if (level === 'privileged') continue;
    // Already an error from pod-security/namespace-enforce when the enforced level is at least as strict.
    if (enforceRejects && admits(level, policy.enforce.level)) continue;
    const minor = policyMinor(version, ctx);
    if (violationsAt(podSecurityOf(w, minor), level).length === 0) continue;
    const described = describeVersion(version, ctx);
    const key = `${level}|${described}`;
    const group = groups.get(key);
    if (group) group.modes.push(mode);
    else groups.set(key, { level, version: described, minor, modes: [mode] });
  }
  const hits: RuleHit[] = [];
  for (const { level, version, minor, modes } of groups.values()) {
    const evaluation = podSecurityOf(w, minor);
    const reasons = violationsAt(evaluation, level);
    const labels = modes.map(m => policy.levelLabels[m] ?? `pod-security.kubernetes.io/${m}`);
    const what = modes.map((m, i) => `${VERB[m]} (${labels[i]})`).join(' and ');
    hits.push({
      object: w.object,
      path: w.specPath,
      message: `namespace '${w.namespace}' ${what} at Pod Security level '${level}' (policy ${version}) but the pod needs '${evaluation.level}': `
        + describeReasons(reasons, w.specPath),
      hint: levelHint(level, evaluation.level, w.namespace, labels[0], reasons, minor),
    });
  }
  return hits;
}
