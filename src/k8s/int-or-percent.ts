/**
 * Int-or-percent values (`intstr.IntOrString` read as a count or a percentage): a DaemonSet's or Deployment's
 * `maxUnavailable` and `maxSurge`, a PodDisruptionBudget's `minAvailable` and `maxUnavailable`.
 */

const PERCENT = /^[0-9]+%$/;
const INT32_MAX = 2147483647;

/**
 * The problem of an int-or-percent value in the API server's words, or `undefined` when it is valid: a
 * non-negative integer, or a string of digits followed by '%' that is at most 100%. A value that is neither a
 * number nor a string (or a non-integer number) is the schema's to report and gives no problem here.
 * Mirrors `ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent` in k8s.io/kubernetes
 * `pkg/apis/apps/validation/validation.go` (and `IsValidPercent` in k8s.io/apimachinery `pkg/util/validation`).
 */
export function intOrPercentProblem(value: unknown): string | undefined {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return undefined;
    if (value < 0) return 'must be greater than or equal to 0';
    // intstr.IntOrString holds an int32: the API server cannot even decode a larger number (400, "cannot unmarshal").
    return value > INT32_MAX ? `is larger than ${INT32_MAX}, the largest 32-bit integer an int-or-percent can hold` : undefined;
  }
  if (typeof value !== 'string') return undefined;
  if (!PERCENT.test(value)) {
    return 'a valid percent string must be a numeric string followed by an ending \'%\' (e.g. \'1%\', or \'93%\')';
  }
  return percentOf(value)! > 100 ? 'must not be greater than 100%' : undefined;
}

/** The percentage of a valid percent string (`'25%'` -> 25), or `undefined` when `value` is not one (`getPercentValue`). */
export function percentOf(value: unknown): number | undefined {
  return typeof value === 'string' && PERCENT.test(value) ? Number(value.slice(0, -1)) : undefined;
}
