import { Checked } from './checked';
import { humanQuantity } from '../../../../k8s/human-units';
import { parseQuantity } from '../../../../k8s/quantity';
import {
  containerResourceNameProblems, isExtendedResourceName, isHugePagesAmountDivisible, isHugePagesResource, isIntegerResource, isOvercommitAllowed,
} from '../../../../k8s/resource-names';
import { asObject, isObject, own } from '../../../../k8s/shape';
import { Add } from '../checks';

type Amount = string | number;

/** Rounds up to whole millis as `SetDefaults_ResourceList` does before validation. */
function roundedUp(value: number): number {
  return Math.ceil(Math.round(value * 1e9) / 1e6) / 1000;
}

/**
 * A container's resources. Mirrors `validateResourceRequirements` with `ValidateContainerResourceName` in
 * pkg/apis/core/validation/validation.go: names (standard container resources, hugepages-<size>, qualified
 * extended resources), quantities (`ValidateResourceQuantityValue`: not negative, whole numbers for extended
 * resources), request <= limit, request = limit and a limit for what cannot be overcommitted (extended resources
 * and hugepages), hugepages a whole number of pages and only beside cpu or memory. A fractional byte amount of
 * memory or ephemeral-storage is the API server's warning (`GetWarningsForPodTemplate`).
 */
export function checkResources({ c, path: cpath, who }: Checked, add: Add): void {
  const path = `${cpath}.resources`;
  const resources = asObject(c.resources);
  const limits = new Map<string, number>();
  let cpuOrMemory = false;
  let hugePages = false;
  for (const kind of ['limits', 'requests'] as const) {
    const amounts = resources[kind];
    if (!isObject(amounts)) continue;
    // The names, not entry pairs: every container of every pod is read here.
    for (const name of Object.keys(amounts)) {
      const value = amounts[name];
      // A value that is neither a string nor a number is the schema rule's to report.
      if (typeof value !== 'string' && typeof value !== 'number') continue;
      const at = `${path}.${kind}.${name}`;
      for (const problem of containerResourceNameProblems(name)) add('resource-names', at, `${who} ${kind} resource '${name}' ${problem}`);
      const parsed = parseQuantity(value);
      if (parsed === undefined) {
        add('quantities', at, `${who} ${kind} ${name} '${value}' is not a quantity (e.g. '250m', '1', '64Mi')`);
        continue;
      }
      const q = roundedUp(parsed);
      if (kind === 'limits') limits.set(name, q);
      checkAmount(name, value, q, at, `${who} ${kind} ${name}`, add);
      if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
      if (isHugePagesResource(name)) hugePages = true;
      if (kind === 'requests') checkAgainstLimit(name, value, q, limits, own(resources.limits, name), path, who, add);
    }
  }
  if (hugePages && !cpuOrMemory) add('hugepages', path, `${who} requests hugepages without cpu or memory; HugePages require cpu or memory`);
}

/** One amount on its own: not negative, a whole number where the resource counts units, whole pages of hugepages. */
function checkAmount(name: string, value: Amount, q: number, at: string, what: string, add: Add): void {
  if (q < 0) add('quantities', at, `${what} is negative (${value}); it must be greater than or equal to 0`);
  if (isIntegerResource(name) && !Number.isInteger(q)) add('extended-resources', at, `${what} is ${value}; it must be an integer`);
  if (isHugePagesResource(name) && !isHugePagesAmountDivisible(name, q)) add('hugepages', at, `${what} ${value} is not a positive integer multiple of ${name}`);
  if ((name === 'memory' || name === 'ephemeral-storage') && !Number.isInteger(q)) {
    add('quantities', at, `${what} is a fractional byte value ${value}, which is invalid and must be an integer (the API server accepts it with a warning)`, 'warning');
  }
}

/** A request against its limit: never above it, equal to it (and a limit set) where overcommit is not allowed. */
function checkAgainstLimit(
  name: string, request: Amount, q: number, limits: Map<string, number>, limit: Amount, path: string, who: string, add: Add,
): void {
  const overcommit = isOvercommitAllowed(name);
  const check = isExtendedResourceName(name) ? 'extended-resources' : isHugePagesResource(name) ? 'hugepages' : 'requests-within-limits';
  const l = limits.get(name);
  if (l === undefined) {
    if (!overcommit && limit === undefined) add(check, `${path}.limits`, `${who} requests ${name} without a limit; a limit must be set for resources that cannot be overcommitted (set it equal to the request)`);
    return;
  }
  if (!overcommit && Math.abs(q - l) > Math.max(Math.abs(q), Math.abs(l)) * 1e-12) {
    add(check, `${path}.requests.${name}`, `${who} requests ${humanQuantity(name, request)} of ${name} but limits it to ${humanQuantity(name, limit)}; ${name} cannot be overcommitted, so the request must be equal to the limit`);
  } else if (overcommit && q - l > Math.max(Math.abs(q), Math.abs(l)) * 1e-12) {
    add('requests-within-limits', `${path}.requests.${name}`, `${who} requests ${name} ${humanQuantity(name, request)} but limits it to ${humanQuantity(name, limit)}; a request must be less than or equal to its limit`);
  }
}
