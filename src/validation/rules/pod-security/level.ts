import { checkIds, describeVersion, namespacePolicies, policyMinor, shared } from './common';
import { PodSecurityEvaluation, RequestedPolicyVersion } from '../../../k8s/pod-security';
import { podSecurityOf, podWorkloads } from '../../pod-workloads';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const podSecurityLevel: Rule = {
  id: 'pod-security/level',
  severity: Severity.INFO,
  description: 'Reports the Pod Security Standards level (privileged, baseline, restricted) each workload needs, with the PSA checks that keep it '
    + "out of stricter levels, at its namespace's enforce-version (default latest, the newest policy of the target Kubernetes version).",
  why: 'Knowing the level a workload needs tells you which namespace can run it and what keeps it out of a stricter level, before a namespace label refuses it.',
  fix: 'Nothing to fix: information. To reach a stricter level, change what the message names (the Pod Security Admission check ids).',
  equivalents: { podSecurity: 'every control (the level a pod meets)' },
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    const namespaces = namespacePolicies(ctx);
    // The few policy versions of a run, each resolved and described once (not once per workload).
    const versions = new Map<RequestedPolicyVersion, { readonly minor: number; readonly described: string }>();
    for (const w of podWorkloads(ctx)) {
      const version = namespaces.get(w.namespace)?.policy.enforce.version ?? 'latest';
      let v = versions.get(version);
      if (v === undefined) versions.set(version, v = { minor: policyMinor(version, ctx), described: describeVersion(version, ctx) });
      const evaluation = podSecurityOf(w, v.minor);
      hits.push({ object: w.object, path: w.specPath, message: levelMessage(evaluation, v.described) });
    }
    return hits;
  },
};

/**
 * `needs 'privileged' (policy v1.31): baseline is forbidden by ...; restricted is also forbidden by ...`, naming
 * check ids (one shared string per content).
 */
function levelMessage(evaluation: PodSecurityEvaluation, version: string): string {
  const { level, reasons } = evaluation;
  if (level === 'restricted') return shared(`restricted|${version}`, () => `the pod meets the restricted Pod Security level (policy ${version})`);
  const baselineIds = level === 'privileged' ? checkIds(reasons, r => r.level === 'baseline') : '';
  const restrictedIds = checkIds(reasons, r => r.level === 'restricted');
  return shared(`level|${level}|${version}|${baselineIds}|${restrictedIds}`, () => {
    const parts: string[] = [];
    if (baselineIds) parts.push(`baseline is forbidden by ${baselineIds}`);
    if (restrictedIds) parts.push(`restricted is ${baselineIds ? 'also ' : ''}forbidden by ${restrictedIds}`);
    return `the pod needs Pod Security level '${level}' (policy ${version}): ${parts.join('; ')}`;
  });
}
