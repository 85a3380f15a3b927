import { describeValue, invalidInput } from '../../errors';
import { ValidationOptions } from '../engine';

const SITE = 'AppValidation.enable';

/**
 * The options of two `AppValidation.enable()` calls for the same app, as one: the result does not depend on
 * the order of the calls. Lists of rules to skip and severity overrides add up; a value both calls set must
 * be the same (`kubernetesVersion`, `expectedNodeCount`, the `rules` selection, a severity override of the
 * same rule, and the very same `nodeProfiles` and `previous` arrays); CustomResourceDefinitions add up. A
 * contradiction throws a
 * `DaemonSetsError` naming the field, instead of one call silently winning.
 * @internal
 */
export function mergeValidationOptions(earlier: ValidationOptions, later: ValidationOptions): ValidationOptions {
  const same = <T>(field: string, a: T | undefined, b: T | undefined, equal: (x: T, y: T) => boolean = (x, y) => x === y): T | undefined => {
    if (a === undefined) return b;
    if (b === undefined || equal(a, b)) return a;
    throw invalidInput({
      site: SITE,
      field,
      value: b,
      allowed: `${describeValue(a)} as an earlier call for this app gave (calls for one app merge their options; they must not contradict each other)`,
    });
  };
  const sameSet = (x: string[], y: string[]) => x.length === y.length && [...x].sort().join('\n') === [...y].sort().join('\n');
  const sameItems = <T>(x: T[], y: T[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  const skipRules = [...new Set([...earlier.skipRules ?? [], ...later.skipRules ?? []])].sort();
  const severityOverrides = { ...earlier.severityOverrides };
  for (const [rule, severity] of Object.entries(later.severityOverrides ?? {})) {
    severityOverrides[rule] = same(`severityOverrides['${rule}']`, severityOverrides[rule], severity)!;
  }
  return {
    kubernetesVersion: same('kubernetesVersion', earlier.kubernetesVersion, later.kubernetesVersion),
    rules: same('rules', earlier.rules, later.rules, sameSet),
    skipRules: skipRules.length > 0 ? skipRules : undefined,
    severityOverrides: Object.keys(severityOverrides).length > 0 ? severityOverrides : undefined,
    expectedNodeCount: same('expectedNodeCount', earlier.expectedNodeCount, later.expectedNodeCount),
    nodeProfiles: same('nodeProfiles', earlier.nodeProfiles, later.nodeProfiles, sameItems),
    previous: same('previous', earlier.previous, later.previous, sameItems),
    customResourceDefinitions: unionOf(earlier.customResourceDefinitions, later.customResourceDefinitions),
  };
}

/** Both lists of CustomResourceDefinitions, each object once, earlier first; undefined when neither gives any. */
function unionOf(a: any[] | undefined, b: any[] | undefined): any[] | undefined {
  if (a === undefined && b === undefined) return undefined;
  return [...new Set([...a ?? [], ...b ?? []])];
}
