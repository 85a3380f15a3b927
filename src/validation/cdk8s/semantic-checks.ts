/**
 * The semantics checks the constructs run on their own rendered objects at synthesis (`node.addValidation`).
 * The constructs reach validation only through `validation/cdk8s/` (and the pure facts in `k8s/`), so the rule
 * families can change inside without the constructs noticing.
 */
export { checkDaemonSet } from '../rules/semantics/semantics';
export { predictRuntime } from '../rules/runtime';
