import { agentCoverageRule } from './agent-coverage';
import { allocatableRule } from './allocatable';
import { hostPortRule } from './host-port-collision';
import { noProfileRule } from './no-profile';
import { NodeProfile } from '../../../scheduling/node-profile';
import { Rule } from '../../rule';

/**
 * The placement-fit rule family: DaemonSets placed on the node profiles given in `ValidationOptions.nodeProfiles`
 * (the scheduler's filters in `scheduling/`); rules that report nothing when there are no profiles. One file per rule.
 * @internal
 */
export function placementFitRules(profiles: NodeProfile[] = []): Rule[] {
  return [allocatableRule(profiles), agentCoverageRule(profiles), hostPortRule(profiles), noProfileRule(profiles)];
}
