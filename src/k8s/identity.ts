/**
 * Matching the objects of two versions of an app: the API server identifies an object by its API
 * group, kind, namespace and name (the version in `apiVersion` is only a representation).
 */
import { isObject } from './shape';

/**
 * Kinds without a namespace. Namespaced objects without `metadata.namespace` land in `default`
 * (what `kubectl apply` does without `-n`).
 */
const CLUSTER_SCOPED = new Set(['Namespace', 'Node', 'PersistentVolume', 'PriorityClass', 'StorageClass', 'CustomResourceDefinition',
  'ClusterRole', 'ClusterRoleBinding', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'RuntimeClass', 'IngressClass',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'APIService', 'CSIDriver', 'CSINode', 'VolumeAttachment',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'CertificateSigningRequest', 'ClusterTrustBundle', 'FlowSchema',
  'PriorityLevelConfiguration', 'IPAddress', 'ServiceCIDR', 'DeviceClass', 'ResourceSlice', 'DeviceTaintRule', 'VolumeAttributesClass',
  'StorageVersionMigration', 'ComponentStatus']);

/** Who an object is, as the API server sees it. @internal */
export interface ObjectIdentity {
  /** `apiVersion` as written (the current one for a modified object). */
  readonly apiVersion: string;
  /** API group: `apps`, `rbac.authorization.k8s.io`; empty for the core group (`v1`). */
  readonly group: string;
  /** The object's kind. */
  readonly kind: string;
  /** The namespace; `undefined` for cluster-scoped kinds. */
  readonly namespace?: string;
  /** `metadata.name`. */
  readonly name: string;
}

/** One object identity with its previous and current versions (either may be missing). @internal */
export interface MatchedObject {
  /** Who the object is. */
  readonly identity: ObjectIdentity;
  /** The previous version; undefined for an added object. */
  readonly previous?: { [key: string]: any };
  /** The current version; undefined for a removed object. */
  readonly current?: { [key: string]: any };
}

/** Whether objects of `kind` live in a namespace. @internal */
export function isNamespaced(kind: string): boolean {
  return !CLUSTER_SCOPED.has(kind);
}

/** The identity of a manifest, or `undefined` when it has no string `kind`, `apiVersion` and `metadata.name`. @internal */
export function identityOf(obj: unknown): ObjectIdentity | undefined {
  if (!isObject(obj)) return undefined;
  const { apiVersion, kind } = obj;
  const metadata = isObject(obj.metadata) ? obj.metadata : {};
  const name = metadata.name;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string' || name === '' || kind === '') return undefined;
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.lastIndexOf('/')) : '';
  const ns = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'default';
  return { apiVersion, group, kind, namespace: isNamespaced(kind) ? ns : undefined, name };
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped kinds), for messages. @internal */
export function describeIdentity(id: ObjectIdentity): string {
  return `${id.kind} ${id.namespace !== undefined ? `${id.namespace}/` : ''}${id.name}`;
}

function keyOf(id: ObjectIdentity): string {
  return JSON.stringify([id.group, id.kind, id.namespace ?? '', id.name]);
}

/** Orders identities: cluster-scoped first, then by namespace, kind, name and group. @internal */
export function compareIdentities(a: ObjectIdentity, b: ObjectIdentity): number {
  const fields = (id: ObjectIdentity) => [id.namespace ?? '', id.kind, id.name, id.group];
  const [fa, fb] = [fields(a), fields(b)];
  for (let i = 0; i < fa.length; i++) {
    if (fa[i] !== fb[i]) return fa[i] < fb[i] ? -1 : 1;
  }
  return 0;
}

/**
 * Pairs the previous and current objects by identity, sorted by `compareIdentities`. Objects without
 * an identity are left out; of two objects with the same identity on one side, the last one counts
 * (as with `kubectl apply` of both).
 * @internal
 */
export function matchObjects(previous: unknown[], current: unknown[]): MatchedObject[] {
  const byKey = new Map<string, { identity: ObjectIdentity; previous?: any; current?: any }>();
  const add = (objects: unknown[], side: 'previous' | 'current') => {
    for (const obj of Array.isArray(objects) ? objects : []) {
      const identity = identityOf(obj);
      if (identity === undefined) continue;
      const key = keyOf(identity);
      const entry = byKey.get(key) ?? { identity };
      entry[side] = obj;
      if (side === 'current') entry.identity = identity;
      byKey.set(key, entry);
    }
  };
  add(previous, 'previous');
  add(current, 'current');
  return [...byKey.values()].sort((a, b) => compareIdentities(a.identity, b.identity));
}
