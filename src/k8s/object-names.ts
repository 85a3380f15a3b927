/**
 * Object names as the API server checks them: which name rule each kind's `Validate<Kind>` passes to
 * `ValidateObjectMeta` (its `ValidateNameFunc`), the rules themselves, and the name the API server generates from
 * `metadata.generateName`. Pure data and functions on strings.
 */
import { kubernetesMinor } from './kubernetes-version';
import { checkDns1123Label, checkDns1123Subdomain } from './syntax';

/**
 * The name rules of `ValidateNameFunc`s: `dns-subdomain` (`NameIsDNSSubdomain`), `dns-label` (`NameIsDNSLabel`),
 * `dns-1035-label` (`NameIsDNS1035Label`), `path-segment` (`ValidatePathSegmentName`: anything that can be a URL path
 * segment).
 */
export type NameRule = 'dns-subdomain' | 'dns-label' | 'dns-1035-label' | 'path-segment';

/** What the API server requires of one kind's metadata. @internal */
export interface KindNameRule {
  /** The rule `metadata.name` (and `generateName`) must follow. */
  readonly rule: NameRule;
  /** A further length limit of the kind (a CronJob's name: 52, room for the Job's suffix). */
  readonly maxLength?: number;
  /**
   * Whether finalizers without a `/` must be one of the standard ones (`kubernetes`, `orphan`, `foregroundDeletion`):
   * kinds validated through k8s.io/kubernetes `pkg/apis/core/validation.ValidateObjectMeta` (its
   * `validateKubeFinalizerName`); custom resources and a few built-in kinds (PodDisruptionBudget, RuntimeClass) are
   * validated by apimachinery alone.
   */
  readonly standardFinalizers: boolean;
  /** Whether the API server names an unnamed object itself (a LimitRange gets a UUID in its strategy's PrepareForCreate). */
  readonly namedByServer?: boolean;
}

const SUBDOMAIN: KindNameRule = { rule: 'dns-subdomain', standardFinalizers: true };
const PATH_SEGMENT: KindNameRule = { rule: 'path-segment', standardFinalizers: true };
const LABEL: KindNameRule = { rule: 'dns-label', standardFinalizers: true };

/**
 * Built-in kinds whose rule is not the DNS-1123 subdomain or that skip the standard-finalizer check (the name function
 * each `Validate<Kind>` passes, in k8s.io/kubernetes `pkg/apis/<group>/validation/validation.go`). Every other built-in
 * kind this table knows takes a DNS-1123 subdomain (`ValidateDaemonSetName`, `ValidateConfigMapName`,
 * `ValidateServiceAccountName`, `ValidatePriorityClassName`, `ValidateNetworkPolicyName` ...).
 */
const KIND_NAME_RULES: { readonly [kind: string]: KindNameRule } = {
  // ValidateNamespace: ValidateNamespaceName = NameIsDNSLabel.
  Namespace: LABEL,
  // ValidateStatefulSetName: NameIsDNSLabel (room for the pods' "-<index>").
  StatefulSet: LABEL,
  // ValidateRBACName: content.IsPathSegmentName (the prefix flag is ignored).
  Role: PATH_SEGMENT,
  ClusterRole: PATH_SEGMENT,
  RoleBinding: PATH_SEGMENT,
  ClusterRoleBinding: PATH_SEGMENT,
  // ValidatePodDisruptionBudget validates no metadata; only rest.ValidateCreate's path-segment rule applies.
  PodDisruptionBudget: { rule: 'path-segment', standardFinalizers: false },
  // pkg/apis/node/validation.ValidateRuntimeClass uses apimachinery's ValidateObjectMeta directly.
  RuntimeClass: { rule: 'dns-subdomain', standardFinalizers: false },
  // pkg/registry/core/limitrange/strategy.go PrepareForCreate: an unnamed LimitRange is named with a UUID.
  LimitRange: { rule: 'dns-subdomain', standardFinalizers: true, namedByServer: true },
  // ValidateCronJobCreate: the controller appends an 11-character suffix to name its Jobs (63 - 11).
  CronJob: { rule: 'dns-subdomain', maxLength: 52, standardFinalizers: true },
};

/** Built-in kinds validated through core's `ValidateObjectMeta` with the DNS-1123 subdomain rule. */
const SUBDOMAIN_KINDS = new Set([
  'Pod', 'PodTemplate', 'ConfigMap', 'Secret', 'ServiceAccount', 'Node', 'PersistentVolume', 'PersistentVolumeClaim',
  'ReplicationController', 'ResourceQuota', 'Endpoints', 'DaemonSet', 'Deployment', 'ReplicaSet',
  'ControllerRevision', 'Job', 'HorizontalPodAutoscaler', 'PriorityClass', 'NetworkPolicy', 'Ingress', 'IngressClass',
  'StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CSIStorageCapacity', 'VolumeAttributesClass', 'EndpointSlice',
  'Lease', 'FlowSchema', 'PriorityLevelConfiguration', 'CertificateSigningRequest',
]);

/** Parses `1.37` or `v1.37.2` to its minor version; `undefined` when unreadable. @internal */
export function minorOf(kubernetesVersion: string | undefined): number | undefined {
  return kubernetesMinor((kubernetesVersion ?? '').trim());
}

/**
 * The name rule of a kind at a Kubernetes version (`1.37`; unset or unreadable: the newest). A Service's name is a
 * DNS-1123 label from 1.36 (RelaxedServiceNameValidation, beta and on by default in 1.36, GA in 1.37) and a DNS-1035
 * label (starting with a letter) before. Kinds the table does not know (custom resources among them, whose names
 * apiextensions checks with `NameIsDNSSubdomain`) take a DNS-1123 subdomain and no standard-finalizer rule.
 */
export function kindNameRule(kind: string, kubernetesVersion?: string): KindNameRule {
  if (kind === 'Service') {
    const minor = minorOf(kubernetesVersion);
    return minor !== undefined && minor < 36 ? { rule: 'dns-1035-label', standardFinalizers: true } : LABEL;
  }
  if (Object.prototype.hasOwnProperty.call(KIND_NAME_RULES, kind)) return KIND_NAME_RULES[kind];
  return SUBDOMAIN_KINDS.has(kind) ? SUBDOMAIN : { rule: 'dns-subdomain', standardFinalizers: false };
}

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A DNS-1035 label: at most 63 lower-case alphanumerics or '-', starting with a letter, ending alphanumeric. */
export function checkDns1035Label(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long; at most 63 are allowed (DNS-1035 label)`;
  if (!DNS1035_LABEL.test(value)) return 'must consist of lower-case alphanumerics or \'-\', start with a letter and end with an alphanumeric (DNS-1035 label, e.g. \'my-name\')';
  return undefined;
}

/**
 * A name that can be a URL path segment: not `.` or `..` (exact names, not checked for a prefix), no `/` or `%`.
 * Mirrors `content.IsPathSegmentName` and `IsPathSegmentPrefix` in k8s.io/apimachinery `pkg/api/validate/content`.
 */
export function checkPathSegmentName(value: string, prefix = false): string | undefined {
  if (!prefix && (value === '.' || value === '..')) return `may not be '${value}'`;
  const bad = ['/', '%'].filter(c => value.includes(c));
  return bad.length > 0 ? bad.map(c => `may not contain '${c}'`).join(', ') : undefined;
}

/**
 * The apimachinery quirk of checking a generateName: a trailing `-` is masked by dropping the last two characters and
 * appending `a`. Mirrors `maskTrailingDash` in k8s.io/apimachinery `pkg/api/validation/generic.go`.
 */
function maskTrailingDash(name: string): string {
  return name.length > 1 && name.endsWith('-') ? `${name.slice(0, -2)}a` : name;
}

/**
 * What is wrong with `name` under `rule` (`undefined`: nothing). With `prefix`, `name` is a generateName, checked
 * the way each `ValidateNameFunc` checks a prefix (DNS rules mask a trailing dash; RBAC's path-segment rule ignores the
 * flag).
 */
export function checkName(name: string, rule: NameRule, prefix = false): string | undefined {
  switch (rule) {
    case 'path-segment': return checkPathSegmentName(name);
    case 'dns-label': return checkDns1123LabelName(prefix ? maskTrailingDash(name) : name);
    case 'dns-1035-label': return checkDns1035Label(prefix ? maskTrailingDash(name) : name);
    default: return checkDns1123Subdomain(prefix ? maskTrailingDash(name) : name);
  }
}

/** A DNS-1123 label, saying "must not contain dots" for a subdomain, as `IsDNS1123Label` does. */
function checkDns1123LabelName(name: string): string | undefined {
  const problem = checkDns1123Label(name);
  if (problem && name.length <= 63 && checkDns1123Subdomain(name) === undefined) return 'must not contain dots (DNS-1123 label)';
  return problem;
}

/** How many characters of a generateName the API server keeps (`maxGeneratedNameLength`, 63 - 5). */
export const GENERATE_NAME_KEPT = 58;

/**
 * The shape of the name the API server generates from `generateName`: its first 58 characters and 5 random lower-case
 * alphanumerics (`SimpleNameGenerator` in k8s.io/apiserver `pkg/storage/names/generate.go`). The random part is
 * represented by `xxxxx`: every rule judges any of its characters alike.
 */
export function generatedName(generateName: string): string {
  return `${generateName.slice(0, GENERATE_NAME_KEPT)}xxxxx`;
}
