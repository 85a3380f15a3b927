/**
 * The downward API's selectors as the API server checks them: `validateObjectFieldSelector` (fieldRef) and
 * `validateContainerResourceFieldSelector` / `validateContainerResourceDivisor` (resourceFieldRef) in
 * pkg/apis/core/validation/validation.go, with the field labels `ConvertDownwardAPIFieldLabel`
 * (pkg/apis/core/pods/helpers.go) converts. Used by env `valueFrom` and downwardAPI volume items.
 */
import { parseQuantity } from './quantity';
import { asObject, text } from './shape';
import { checkQualifiedName } from './syntax';

/** A problem of a selector: the field below the selector it is about (e.g. `fieldPath`) and the message. */
export interface SelectorProblem {
  readonly field: string;
  readonly message: string;
}

/** The pod fields an environment variable may read (`validEnvDownwardAPIFieldPathExpressions`). */
export const ENV_FIELD_PATHS: readonly string[] = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];

/** The pod fields a downwardAPI volume item may read (`validVolumeDownwardAPIFieldPathExpressions`). */
export const VOLUME_FIELD_PATHS: readonly string[] = ['metadata.name', 'metadata.namespace', 'metadata.labels', 'metadata.annotations', 'metadata.uid'];

/** Field labels `ConvertDownwardAPIFieldLabel` accepts for v1 pods (`spec.host` is converted to `spec.nodeName`). */
const CONVERTIBLE = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid',
  'spec.nodeName', 'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP',
  'status.hostIPs', 'status.podIP', 'status.podIPs']);

/** `path['subscript']` split as `SplitMaybeSubscriptedPath` does, or undefined when the path has no subscript. */
function splitSubscript(fieldPath: string): { path: string; subscript: string } | undefined {
  if (!fieldPath.endsWith('\']')) return undefined;
  const s = fieldPath.slice(0, -2);
  const at = s.indexOf('[\'');
  if (at <= 0) return undefined;
  return { path: s.substring(0, at), subscript: s.substring(at + 2) };
}

/**
 * The problems of a fieldRef (`ObjectFieldSelector`) after defaulting (`apiVersion` defaults to v1): the
 * apiVersion must be v1, the field path one of `supported`, or `metadata.labels['<key>']` /
 * `metadata.annotations['<key>']` with a qualified-name key. Mirrors `validateObjectFieldSelector`.
 */
export function fieldSelectorProblems(selector: unknown, supported: readonly string[]): SelectorProblem[] {
  const fs = asObject(selector);
  // An empty apiVersion is defaulted too (mirrors SetDefaults_ObjectFieldSelector in pkg/apis/core/v1/defaults.go).
  const apiVersion = fs.apiVersion == null || fs.apiVersion === '' ? 'v1' : fs.apiVersion;
  if (typeof apiVersion !== 'string' || typeof (fs.fieldPath ?? '') !== 'string') return [];
  const fieldPath: string = fs.fieldPath ?? '';
  if (fieldPath === '') return [{ field: 'fieldPath', message: 'fieldPath: Required value' }];
  if (apiVersion !== 'v1') return [{ field: 'fieldPath', message: `error converting fieldPath: unsupported pod version: ${apiVersion} (only v1)` }];
  const sub = splitSubscript(fieldPath);
  if (sub) {
    if (sub.path !== 'metadata.annotations' && sub.path !== 'metadata.labels') {
      return [{ field: 'fieldPath', message: `error converting fieldPath: field label does not support subscript: ${fieldPath}` }];
    }
    const key = sub.path === 'metadata.annotations' ? sub.subscript.toLowerCase() : sub.subscript;
    const problem = key === '' ? 'must not be empty' : checkQualifiedName(key);
    return problem ? [{ field: '', message: `${sub.path} key '${sub.subscript}' ${problem}` }] : [];
  }
  if (!CONVERTIBLE.has(fieldPath) && fieldPath !== 'spec.host') return [{ field: 'fieldPath', message: `error converting fieldPath: field label not supported: ${fieldPath}` }];
  const converted = fieldPath === 'spec.host' ? 'spec.nodeName' : fieldPath;
  if (!supported.includes(converted)) return [{ field: 'fieldPath', message: `Unsupported value: '${fieldPath}': supported values: ${supported.map(s => `'${s}'`).join(', ')}` }];
  return [];
}

/** The container resources a resourceFieldRef may read (`validContainerResourceFieldPathExpressions`). */
export const RESOURCE_FIELD_PATHS: readonly string[] = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];

const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];

/**
 * Whether a divisor's canonical form is one of `allowed`: binary-suffixed quantities are powers of 1024,
 * decimal ones powers of 1000 (`1m` for milli), as `resource.Quantity.String()` canonicalises them.
 */
function divisorAllowed(divisor: string | number, allowed: readonly string[]): boolean {
  const value = parseQuantity(divisor);
  if (value === undefined) return true; // not a quantity: the schema's to report
  const binary = typeof divisor === 'string' && /[KMGTPE]i$/.test(divisor.trim());
  const canonical: string[] = binary
    ? ['1', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'].filter((_, i) => value === 1024 ** i).map(s => s === '1' ? '1' : `1${s}`)
    : [['1m', 0.001], ['1', 1], ['1k', 1e3], ['1M', 1e6], ['1G', 1e9], ['1T', 1e12], ['1P', 1e15], ['1E', 1e18]]
      .filter(([, v]) => Math.abs(value - (v as number)) <= (v as number) * 1e-12).map(([s]) => s as string);
  return canonical.some(c => allowed.includes(c));
}

/** The divisors a resource allows and how the API server words the rule, by resource (`validateContainerResourceDivisor`). */
function divisorRule(resource: string): { allowed: readonly string[]; kind: string } | undefined {
  if (resource === 'limits.cpu' || resource === 'requests.cpu') return { allowed: ['1m', '1'], kind: 'cpu' };
  if (resource === 'limits.memory' || resource === 'requests.memory') return { allowed: BYTE_DIVISORS, kind: 'memory' };
  if (resource === 'limits.ephemeral-storage' || resource === 'requests.ephemeral-storage') return { allowed: BYTE_DIVISORS, kind: 'local ephemeral storage' };
  if (resource.startsWith('requests.hugepages-') || resource.startsWith('limits.hugepages-')) return { allowed: BYTE_DIVISORS, kind: 'hugepages' };
  return undefined;
}

/**
 * The problems of a resourceFieldRef (`ResourceFieldSelector`): a resource among `RESOURCE_FIELD_PATHS` or
 * `requests.hugepages-*` / `limits.hugepages-*`, a divisor that resource supports, and (in a downwardAPI volume,
 * `volume` true) a containerName. Mirrors `validateContainerResourceFieldSelector`.
 */
export function resourceFieldSelectorProblems(selector: unknown, volume: boolean): SelectorProblem[] {
  const fs = asObject(selector);
  const problems: SelectorProblem[] = [];
  const resource = typeof fs.resource === 'string' ? fs.resource : '';
  if (volume && (fs.containerName ?? '') === '') {
    problems.push({ field: 'containerName', message: 'containerName: Required value' });
  } else if (resource === '') {
    if (fs.resource === undefined || fs.resource === null || fs.resource === '') problems.push({ field: 'resource', message: 'resource: Required value' });
  } else if (!RESOURCE_FIELD_PATHS.includes(resource) && !/^(requests|limits)\.hugepages-/.test(resource)) {
    problems.push({ field: 'resource', message: `Unsupported value: '${resource}': supported values: ${RESOURCE_FIELD_PATHS.map(s => `'${s}'`).join(', ')} (or requests.hugepages-<size>, limits.hugepages-<size>)` });
  }
  const rule = divisorRule(resource);
  const divisor = fs.divisor;
  if (rule && (typeof divisor === 'string' || typeof divisor === 'number') && parseQuantity(divisor) !== 0 && !divisorAllowed(divisor, rule.allowed)) {
    problems.push({ field: 'divisor', message: `divisor ${text(divisor)} of ${resource}: only divisor's values ${rule.allowed.join(', ')} are supported with the ${rule.kind} resource` });
  }
  return problems;
}
