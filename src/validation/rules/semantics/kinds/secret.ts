/**
 * API validation of a Secret's data and type. Mirrors `ValidateSecret` in k8s.io/kubernetes
 * `pkg/apis/core/validation/validation.go`, on the data the API server validates: `stringData` merged over `data`
 * (the conversion from v1 does that before validation).
 */
import { asObject, entriesOf, JsonObject, own } from '../../../../k8s/shape';
import { Add, collector, SemanticProblem } from '../checks';
import { checkDataKeys, decodedLength, MAX_DATA_BYTES } from './config-map';

/** One value of the merged data: its decoded text (when known) and length in bytes. */
interface Value {
  readonly text?: string;
  readonly bytes: number;
}

/** `data` (base64) with `stringData` (plain text) merged over it, as the API server sees it. */
function mergedData(obj: JsonObject): Map<string, Value> {
  const merged = new Map<string, Value>();
  for (const [key, value] of entriesOf(obj.data)) {
    if (typeof value !== 'string') continue;
    const bytes = decodedLength(value);
    if (bytes !== undefined) merged.set(key, { text: Buffer.from(value, 'base64').toString('utf8'), bytes });
    else merged.set(key, { bytes: 0 });
  }
  for (const [key, value] of entriesOf(obj.stringData)) {
    if (typeof value === 'string') merged.set(key, { text: value, bytes: Buffer.byteLength(value, 'utf8') });
  }
  return merged;
}

/** The problem of a docker config that Go's `json.Unmarshal` into a map would refuse, or `undefined`. */
function jsonObjectProblem(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return `is not valid JSON (${(e as Error).message})`;
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return 'must be a JSON object';
  return undefined;
}

/** The keys each built-in Secret type requires, and what their values must be. */
function checkType(obj: JsonObject, data: Map<string, Value>, add: Add): void {
  const type = obj.type;
  const need = (key: string, why: string) => add('secret-type', `data.${key}`, `a Secret of type ${type} needs data key '${key}' ${why}`);
  if (type === 'kubernetes.io/service-account-token') {
    const name = own(asObject(asObject(obj.metadata).annotations), 'kubernetes.io/service-account.name');
    if (typeof name !== 'string' || name === '') {
      add('secret-type', 'metadata.annotations', 'a Secret of type kubernetes.io/service-account-token needs the annotation kubernetes.io/service-account.name (the ServiceAccount it belongs to)');
    }
  } else if (type === 'kubernetes.io/dockercfg' || type === 'kubernetes.io/dockerconfigjson') {
    const key = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
    const value = data.get(key);
    if (value === undefined) return need(key, '(the registry credentials, JSON)');
    const p = jsonObjectProblem(value.text);
    if (p) add('secret-type', `data.${key}`, `data key '${key}' ${p}; a ${type} Secret holds a JSON object`);
  } else if (type === 'kubernetes.io/basic-auth') {
    if (!data.has('username') && !data.has('password')) need('username', 'or \'password\' (either may be empty)');
  } else if (type === 'kubernetes.io/ssh-auth') {
    if ((data.get('ssh-privatekey')?.bytes ?? 0) === 0) need('ssh-privatekey', 'with a non-empty private key');
  } else if (type === 'kubernetes.io/tls') {
    for (const key of ['tls.crt', 'tls.key']) if (!data.has(key)) need(key, '(PEM; tls.crt and tls.key are both required)');
  }
}

/** The API problems of a Secret (its metadata is checked for every kind elsewhere). */
export function checkSecret(obj: JsonObject): SemanticProblem[] {
  const { problems, add } = collector();
  checkDataKeys(obj.data, 'data', 'secret-data', add);
  checkDataKeys(obj.stringData, 'stringData', 'secret-data', add);
  const data = mergedData(obj);
  const size = [...data.values()].reduce((sum, v) => sum + v.bytes, 0);
  if (size > MAX_DATA_BYTES) {
    add('secret-data', 'data', `the Secret holds ${size} bytes of data; it may not be more than ${MAX_DATA_BYTES} bytes (1 MiB)`);
  }
  checkType(obj, data, add);
  return problems;
}
