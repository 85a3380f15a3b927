/**
 * The rules reference of the ids the engine itself reports (engine.ts): a rule that failed, and a suppression
 * without a reason. Not a rule family: no rule runs them, but findings carry them, so the reference lists them.
 */
import { RuleReference, Severity } from '../rule';

/** The engine's own finding ids, documented like rules. @internal */
export const ENGINE_REFERENCES: readonly RuleReference[] = [
  {
    id: 'engine/internal',
    severity: Severity.ERROR,
    description: 'A rule failed on the input: a bug in cdk8s-daemonsets, never in the manifests. The finding names the rule and the error.',
    why: 'The other rules still ran, but the failed rule\'s findings are missing, so the report may say less than it should.',
    fix: 'Report it with the input; until it is fixed, skip the rule the message names with --skip <rule id> (the skipRules option).',
  },
  {
    id: 'engine/suppression-reason',
    severity: Severity.ERROR,
    description: 'A suppression annotation (suppress.daemonsets.cdk8s.io/<family>.<check> or suppress.daemonsets.cdk8s.io/<family>) gives no reason.',
    why: 'A suppression hides findings; without a reason nobody reviewing the manifests later can tell whether it still holds.',
    fix: 'Set the annotation\'s value to why the finding does not apply, e.g. "pinned by digest in the deploy pipeline".',
  },
];
