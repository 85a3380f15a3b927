/**
 * API validation of a PriorityClass. Mirrors `ValidatePriorityClass` in k8s.io/kubernetes
 * `pkg/apis/scheduling/validation/validation.go` (after `SetDefaults_PriorityClass`, which fills an unset
 * preemptionPolicy): names with the `system-` prefix are reserved for the built-in classes (with their values),
 * other classes' values are at most 1,000,000,000, and an empty preemptionPolicy is refused.
 */
import { asObject, JsonObject } from '../../../../k8s/shape';
import { collector, SemanticProblem } from '../checks';

/** `HighestUserDefinablePriority`. */
export const HIGHEST_USER_PRIORITY = 1_000_000_000;

/** The built-in classes and their values (`systemPriorityClasses` in pkg/apis/scheduling/v1/helpers.go). */
const SYSTEM_CLASSES: { readonly [name: string]: number } = {
  'system-node-critical': 2 * HIGHEST_USER_PRIORITY + 1000,
  'system-cluster-critical': 2 * HIGHEST_USER_PRIORITY,
};

/** The API problems of a PriorityClass (its metadata is checked for every kind elsewhere). */
export function checkPriorityClass(obj: JsonObject): SemanticProblem[] {
  const { problems, add } = collector();
  const name = asObject(obj.metadata).name;
  const value = obj.value;
  if (typeof name === 'string' && name.startsWith('system-')) {
    const known = Object.prototype.hasOwnProperty.call(SYSTEM_CLASSES, name) ? SYSTEM_CLASSES[name] : undefined;
    const globalDefault = obj.globalDefault === true;
    let why: string | undefined;
    if (known === undefined) why = `${name} is not a known system priority class`;
    else if (typeof value === 'number' && value !== known) why = `value of ${name} PriorityClass must be ${known}`;
    else if (globalDefault) why = `globalDefault of ${name} PriorityClass must be false`;
    if (why) add('priority-class', 'metadata.name', `priority class names with 'system-' prefix are reserved for system use only: ${why}`);
  } else if (typeof value === 'number' && value > HIGHEST_USER_PRIORITY) {
    add('priority-class', 'value', `value ${value} is above the maximum allowed value of a user defined priority, ${HIGHEST_USER_PRIORITY} (higher values are reserved for the system- classes)`);
  }
  if (obj.preemptionPolicy === '') add('priority-class', 'preemptionPolicy', 'preemptionPolicy is required when set: PreemptLowerPriority or Never');
  return problems;
}
