/**
 * The syntax of a resource quantity as a container's `resources` accept it, for quantities written verbatim
 * (`ResourceQuantity.of('2Gi')`). The value itself comes from `parseQuantity` (quantity.ts), the one parser.
 */
import { parseQuantity } from './quantity';

/** What a quantity looks like, for messages. */
export const QUANTITY_FORMAT = "a Kubernetes quantity: a non-negative decimal number with an optional suffix, e.g. '500m', '2', '1.5', '64Mi', '2Gi', '1G' or '1e3'";

/**
 * Why `text` is not a quantity a container may request or be limited to, or undefined when it is. Mirrors
 * `resource.ParseQuantity` (k8s.io/apimachinery/pkg/api/resource: sign, digits, one decimal point, a binary SI,
 * decimal SI or exponent suffix) and `ValidateResourceQuantityValue` (pkg/apis/core/validation: not negative).
 */
export function checkResourceQuantity(text: string): string | undefined {
  if (text === '') return 'is empty';
  // parseQuantity forgives surrounding whitespace, which the API server does not.
  if (text.trim() !== text) return 'has spaces around it';
  const value = parseQuantity(text);
  if (value === undefined || !Number.isFinite(value)) return 'is not a quantity';
  if (value < 0) return 'is negative; a resource amount must be greater than or equal to 0';
  return undefined;
}
