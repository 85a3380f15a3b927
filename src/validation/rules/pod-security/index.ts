import { podSecurityLevel } from './level';
import { namespaceEnforce } from './namespace-enforce';
import { namespaceLabels } from './namespace-labels';
import { namespaceWarn } from './namespace-warn';
import { Rule } from '../../rule';

/**
 * The pod-security rule family: the Pod Security Standards level each pod template needs (evaluated in
 * `k8s/pod-security` at the policy version its namespace names), against the levels its namespace enforces or
 * warns about, and the namespace's Pod Security labels themselves. One file per rule.
 * @internal
 */
export const POD_SECURITY_RULES: Rule[] = [namespaceLabels, namespaceEnforce, namespaceWarn, podSecurityLevel];
