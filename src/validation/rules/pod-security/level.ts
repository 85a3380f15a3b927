import { checkIds, shared } from './common';
import { PodSecurityEvaluation } from '../../../k8s/pod-security';
import { podSecurityOf, podWorkloads } from '../../pod-workloads';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const podSecurityLevel: Rule = {
  id: 'pod-security/level',
  severity: Severity.INFO,
  description: 'Reports the Pod Security Standards level (privileged, baseline, restricted) each workload needs, with the PSA checks that keep it out of stricter levels.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const w of podWorkloads(ctx)) {
      const evaluation = podSecurityOf(w);
      hits.push({ object: w.object, path: w.specPath, message: levelMessage(evaluation) });
    }
    return hits;
  },
};

const RESTRICTED_MESSAGE = 'the pod meets the restricted Pod Security level';

/** `needs 'privileged': baseline is forbidden by ...; restricted is also forbidden by ...`, naming check ids (one shared string per content). */
function levelMessage(evaluation: PodSecurityEvaluation): string {
  const { level, reasons } = evaluation;
  if (level === 'restricted') return RESTRICTED_MESSAGE;
  const baselineIds = level === 'privileged' ? checkIds(reasons, r => r.level === 'baseline') : '';
  const restrictedIds = checkIds(reasons, r => r.level === 'restricted');
  return shared(`level|${level}|${baselineIds}|${restrictedIds}`, () => {
    const parts: string[] = [];
    if (baselineIds) parts.push(`baseline is forbidden by ${baselineIds}`);
    if (restrictedIds) parts.push(`restricted is ${baselineIds ? 'also ' : ''}forbidden by ${restrictedIds}`);
    return `the pod needs Pod Security level '${level}': ${parts.join('; ')}`;
  });
}
