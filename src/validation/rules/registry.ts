/**
 * Every rule family, wired in one place (kube-score's `RegisterAllChecks`): a new family is one line here, a new
 * rule one line in its family's `index.ts`. Families never import each other; what two need lives in `k8s/`,
 * `scheduling/` or `validation/pod-workloads.ts`.
 */
import { BEST_PRACTICE_RULES } from './best-practice';
import { CROSS_OBJECT_RULES } from './cross-object';
import { ENGINE_REFERENCES } from './engine-reference';
import { placementFitRules } from './placement-fit';
import { POD_SECURITY_RULES } from './pod-security';
import { RUNTIME_RULES } from './runtime';
import { referencesOf, Rule, RuleReference } from '../rule';
import { SCHEMA_RULES } from './schema/schema';
import { SEMANTIC_RULES } from './semantics/semantics';
import { upgradeSafetyRules } from './upgrade-safety/rules';
import { NodeProfile } from '../../scheduling/node-profile';

/** What the families that depend on more than the objects need. @internal */
export interface RuleInputs {
  /** Node profiles for placement-fit (none: its rules report nothing). */
  readonly nodeProfiles?: NodeProfile[];
  /** The manifests applied before, for upgrade-safety (none: its rules report nothing). */
  readonly previous?: unknown[];
  /** How many nodes a DaemonSet runs on, for upgrade-safety's rollout estimates. */
  readonly nodeCount?: number;
}

/** The rule families in the order the engine runs and documents them. @internal */
export const RULE_FAMILIES = ['schema', 'semantics', 'runtime', 'cross-object', 'pod-security', 'best-practice', 'placement-fit', 'upgrade-safety'] as const;

/** Every rule, family by family in `RULE_FAMILIES` order. @internal */
export function allRules(inputs: RuleInputs = {}): Rule[] {
  return [
    ...SCHEMA_RULES, ...SEMANTIC_RULES, ...RUNTIME_RULES, ...CROSS_OBJECT_RULES, ...POD_SECURITY_RULES, ...BEST_PRACTICE_RULES,
    ...placementFitRules(inputs.nodeProfiles),
    ...upgradeSafetyRules(Array.isArray(inputs.previous) ? inputs.previous : undefined, inputs.nodeCount),
  ];
}

/** The families of the rules reference: the rule families, then the ids the engine reports itself. @internal */
export const DOCUMENTED_FAMILIES: readonly string[] = [...RULE_FAMILIES, 'engine'];

/**
 * The reference entry of every id a finding can carry (`semantics/<check>` rather than `semantics`), family by family
 * in `DOCUMENTED_FAMILIES` order.
 * @internal
 */
export function ruleReferences(): RuleReference[] {
  return [...allRules().flatMap(r => referencesOf(r)), ...ENGINE_REFERENCES];
}
