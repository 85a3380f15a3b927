/**
 * Keys of ConfigMap and Secret data, as the API server checks them (`IsConfigMapKey` in k8s.io/apimachinery
 * pkg/util/validation): also what `configMapKeyRef.key` and `secretKeyRef.key` must be.
 */

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

/** The problem of a ConfigMap or Secret key, or undefined when it is valid. */
export function configKeyProblem(key: string): string | undefined {
  if (key.length > 253) return `is ${key.length} characters long; at most 253 are allowed`;
  if (!CONFIG_KEY.test(key)) return 'must consist of alphanumeric characters, \'-\', \'_\' or \'.\' (e.g. \'key.name\', \'KEY_NAME\')';
  if (key === '.' || key === '..') return `must not be '${key}'`;
  if (key.startsWith('..')) return 'must not start with \'..\'';
  return undefined;
}
