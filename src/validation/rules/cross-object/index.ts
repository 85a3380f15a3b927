import { hostPortCollision } from './host-port-collision';
import { limitRangeFit } from './limit-range-fit';
import { missingReference } from './missing-reference';
import { quotaFit } from './quota-fit';
import { serviceSelectsNothing } from './service-selects-nothing';
import { Rule } from '../../rule';

/**
 * The cross-object rule family: what only the whole input shows (host ports of DaemonSets that share nodes,
 * references, Service selectors, quotas and limit ranges). One file per rule.
 * @internal
 */
export const CROSS_OBJECT_RULES: Rule[] = [hostPortCollision, missingReference, serviceSelectsNothing, quotaFit, limitRangeFit];
