import { podSecurityLevel } from './level';
import { namespaceEnforce } from './namespace-enforce';
import { namespaceWarn } from './namespace-warn';
import { Rule } from '../../rule';

/**
 * The pod-security rule family: the Pod Security Standards level each pod template needs (evaluated in
 * `k8s/pod-security`), against the levels its namespace enforces or warns about. One file per rule.
 * @internal
 */
export const POD_SECURITY_RULES: Rule[] = [namespaceEnforce, namespaceWarn, podSecurityLevel];
