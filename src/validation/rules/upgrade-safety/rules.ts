import { checkUpgradeSafety, UPGRADE_SAFETY_RULES } from './index';
import { Manifest } from '../../../k8s/shape';
import { Rule, RuleHit } from '../../rule';

/**
 * The `upgrade-safety` family as engine rules: each judges the objects being validated against `previous`
 * (the manifests applied before). Without previous manifests the family reports nothing.
 */
export function upgradeSafetyRules(previous?: readonly unknown[], nodeCount?: number): Rule[] {
  // One comparison per validation run, shared by the family's rules.
  let cache: { objects: Manifest[]; hits: Map<string, RuleHit[]> } | undefined;
  const hitsFor = (objects: Manifest[], ruleId: string): RuleHit[] => {
    if (!previous) return [];
    if (cache?.objects !== objects) {
      const hits = new Map<string, RuleHit[]>();
      for (const f of checkUpgradeSafety([...previous], objects, { nodeCount })) {
        const list = hits.get(f.ruleId) ?? [];
        list.push({ object: f.object, path: f.path, message: f.message, hint: f.hint, severity: f.severity });
        hits.set(f.ruleId, list);
      }
      cache = { objects, hits };
    }
    return cache.hits.get(ruleId) ?? [];
  };
  return UPGRADE_SAFETY_RULES.map(r => ({ ...r, check: ctx => hitsFor(ctx.objects, r.id) }));
}
