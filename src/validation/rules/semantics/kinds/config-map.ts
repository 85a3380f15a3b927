/**
 * API validation of a ConfigMap's data. Mirrors `ValidateConfigMap` in k8s.io/kubernetes
 * `pkg/apis/core/validation/validation.go`: keys (`IsConfigMapKey`), no key in both `data` and `binaryData`, and
 * at most 1 MiB of values in total.
 */
import { configKeyProblem } from '../../../../k8s/config-keys';
import { asObject, entriesOf, JsonObject, own } from '../../../../k8s/shape';
import { Add, collector, SemanticProblem } from '../checks';

/** The most bytes of data a ConfigMap or Secret may hold (`core.MaxSecretSize`). */
export const MAX_DATA_BYTES = 1024 * 1024;

/** The length in bytes of base64 text once decoded, or `undefined` when it is not base64 (the schema's to report). */
export function decodedLength(value: string): number | undefined {
  const compact = value.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return (compact.length / 4) * 3 - padding;
}

/** Reports each invalid key of a data map at `path`. */
export function checkDataKeys(data: unknown, path: string, check: 'config-map-data' | 'secret-data', add: Add): void {
  for (const [key] of entriesOf(data)) {
    const p = configKeyProblem(key);
    if (p) add(check, `${path}.${key}`, `key '${key}' ${p}`);
  }
}

/** The API problems of a ConfigMap (its metadata is checked for every kind elsewhere). */
export function checkConfigMap(obj: JsonObject): SemanticProblem[] {
  const { problems, add } = collector();
  checkDataKeys(obj.data, 'data', 'config-map-data', add);
  checkDataKeys(obj.binaryData, 'binaryData', 'config-map-data', add);
  let size = 0;
  for (const [key, value] of entriesOf(obj.data)) {
    if (own(obj.binaryData, key) !== undefined) add('config-map-data', `data.${key}`, `key '${key}' is in both data and binaryData; a key may be in only one of them`);
    if (typeof value === 'string') size += Buffer.byteLength(value, 'utf8');
  }
  for (const [, value] of entriesOf(asObject(obj.binaryData))) {
    if (typeof value === 'string') size += decodedLength(value) ?? 0;
  }
  if (size > MAX_DATA_BYTES) {
    add('config-map-data', 'data', `the ConfigMap holds ${size} bytes of data; it may not be more than ${MAX_DATA_BYTES} bytes (1 MiB): mount large files from a volume instead`);
  }
  return problems;
}
