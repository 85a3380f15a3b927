/**
 * What scripts/gen-k8s-schemas.ts knows about the life of built-in API versions beyond what one swagger.json says:
 *
 * - `readLifecycle(dir)`: the `+k8s:prerelease-lifecycle-gen` tags of a k8s.io/api module, as its generated
 *   `zz_generated.prerelease-lifecycle.go` files return them (APILifecycleDeprecated, APILifecycleRemoved,
 *   APILifecycleReplacement). The API server's deprecation warning is built from exactly these
 *   (k8s.io/apiserver pkg/endpoints/deprecation/deprecation.go: IsDeprecated, WarningMessage).
 * - `REMOVED_BEFORE_1_27`: the API versions no longer served by Kubernetes 1.27, the oldest minor with shipped
 *   schemas, from the Kubernetes deprecated API migration guide
 *   (https://kubernetes.io/docs/reference/using-api/deprecation-guide/, "Removed APIs by release": v1.16, v1.22,
 *   v1.25, v1.26, v1.27). `checkRemovedTable` compares it with the lifecycle tags of the types k8s.io/api still
 *   carries, so a typo in the table fails the generator.
 */
import * as fs from 'fs';
import * as path from 'path';

/** A Go type's lifecycle tags; versions as `1.22`. */
export interface Lifecycle {
  readonly introduced?: string;
  readonly deprecated?: string;
  readonly removed?: string;
  /** `<apiVersion>/<kind>`. */
  readonly replacement?: string;
}

/** `<apiVersion>/<kind>` -> lifecycle, for every non-List type with tags in a k8s.io/api module directory. */
export function readLifecycle(apiModuleDir: string): Map<string, Lifecycle> {
  const out = new Map<string, Lifecycle>();
  for (const group of fs.readdirSync(apiModuleDir)) {
    const groupDir = path.join(apiModuleDir, group);
    if (!fs.statSync(groupDir).isDirectory()) continue;
    for (const version of fs.readdirSync(groupDir)) {
      const file = path.join(groupDir, version, 'zz_generated.prerelease-lifecycle.go');
      const register = path.join(groupDir, version, 'register.go');
      if (!fs.existsSync(file) || !fs.existsSync(register)) continue;
      const groupName = /^const GroupName = "([^"]*)"/m.exec(fs.readFileSync(register, 'utf8'))?.[1];
      if (groupName === undefined) throw new Error(`${register}: no GroupName`);
      const apiVersion = groupName ? `${groupName}/${version}` : version;
      for (const [type, tags] of parseLifecycleFile(fs.readFileSync(file, 'utf8'))) {
        if (!type.endsWith('List')) out.set(`${apiVersion}/${type}`, tags);
      }
    }
  }
  return out;
}

function parseLifecycleFile(go: string): Map<string, Lifecycle> {
  const tags = new Map<string, { -readonly [K in keyof Lifecycle]: Lifecycle[K] }>();
  const re = /^func \(in \*(\w+)\) APILifecycle(Introduced|Deprecated|Removed|Replacement)\(\) [^{]*\{\n\treturn ([^\n]+)\n\}/gm;
  for (const m of go.matchAll(re)) {
    const entry = tags.get(m[1]) ?? {};
    tags.set(m[1], entry);
    if (m[2] === 'Replacement') {
      const gvk = /Group: "([^"]*)", Version: "([^"]*)", Kind: "([^"]*)"/.exec(m[3]);
      if (gvk) entry.replacement = `${gvk[1] ? `${gvk[1]}/` : ''}${gvk[2]}/${gvk[3]}`;
    } else {
      const mm = /^(\d+), (\d+)$/.exec(m[3]);
      if (!mm) throw new Error(`unexpected lifecycle value ${m[3]} for ${m[1]}`);
      if (mm[1] !== '0' || mm[2] !== '0') entry[m[2].toLowerCase() as 'introduced' | 'deprecated' | 'removed'] = `${mm[1]}.${mm[2]}`;
    }
  }
  return tags;
}

/** Removed before 1.27: `<apiVersion>/<kind>` -> the release that stopped serving it and what to use instead. */
export const REMOVED_BEFORE_1_27: { readonly [apiVersionKind: string]: { readonly removed: string; readonly replacement?: string; readonly note?: string } } = {
  // v1.16
  'extensions/v1beta1/NetworkPolicy': { removed: '1.16', replacement: 'networking.k8s.io/v1/NetworkPolicy' },
  'extensions/v1beta1/PodSecurityPolicy': { removed: '1.16', replacement: 'policy/v1beta1/PodSecurityPolicy' },
  'extensions/v1beta1/DaemonSet': { removed: '1.16', replacement: 'apps/v1/DaemonSet' },
  'apps/v1beta2/DaemonSet': { removed: '1.16', replacement: 'apps/v1/DaemonSet' },
  'extensions/v1beta1/Deployment': { removed: '1.16', replacement: 'apps/v1/Deployment' },
  'apps/v1beta1/Deployment': { removed: '1.16', replacement: 'apps/v1/Deployment' },
  'apps/v1beta2/Deployment': { removed: '1.16', replacement: 'apps/v1/Deployment' },
  'apps/v1beta1/StatefulSet': { removed: '1.16', replacement: 'apps/v1/StatefulSet' },
  'apps/v1beta2/StatefulSet': { removed: '1.16', replacement: 'apps/v1/StatefulSet' },
  'extensions/v1beta1/ReplicaSet': { removed: '1.16', replacement: 'apps/v1/ReplicaSet' },
  'apps/v1beta1/ReplicaSet': { removed: '1.16', replacement: 'apps/v1/ReplicaSet' },
  'apps/v1beta2/ReplicaSet': { removed: '1.16', replacement: 'apps/v1/ReplicaSet' },
  // Not in the guide; k8s.io/api apps/v1beta1 and apps/v1beta2 tag it removed in 1.16 with apps/v1 as replacement.
  'apps/v1beta1/ControllerRevision': { removed: '1.16', replacement: 'apps/v1/ControllerRevision' },
  'apps/v1beta2/ControllerRevision': { removed: '1.16', replacement: 'apps/v1/ControllerRevision' },
  // v1.22
  'admissionregistration.k8s.io/v1beta1/MutatingWebhookConfiguration': { removed: '1.22', replacement: 'admissionregistration.k8s.io/v1/MutatingWebhookConfiguration' },
  'admissionregistration.k8s.io/v1beta1/ValidatingWebhookConfiguration': { removed: '1.22', replacement: 'admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration' },
  'apiextensions.k8s.io/v1beta1/CustomResourceDefinition': { removed: '1.22', replacement: 'apiextensions.k8s.io/v1/CustomResourceDefinition' },
  'apiregistration.k8s.io/v1beta1/APIService': { removed: '1.22', replacement: 'apiregistration.k8s.io/v1/APIService' },
  'authentication.k8s.io/v1beta1/TokenReview': { removed: '1.22', replacement: 'authentication.k8s.io/v1/TokenReview' },
  'authorization.k8s.io/v1beta1/SubjectAccessReview': { removed: '1.22', replacement: 'authorization.k8s.io/v1/SubjectAccessReview' },
  'authorization.k8s.io/v1beta1/LocalSubjectAccessReview': { removed: '1.22', replacement: 'authorization.k8s.io/v1/LocalSubjectAccessReview' },
  'authorization.k8s.io/v1beta1/SelfSubjectAccessReview': { removed: '1.22', replacement: 'authorization.k8s.io/v1/SelfSubjectAccessReview' },
  // Not in the guide's list; k8s.io/api authorization/v1beta1 tags it removed in 1.22 like its siblings.
  'authorization.k8s.io/v1beta1/SelfSubjectRulesReview': { removed: '1.22', replacement: 'authorization.k8s.io/v1/SelfSubjectRulesReview' },
  'certificates.k8s.io/v1beta1/CertificateSigningRequest': { removed: '1.22', replacement: 'certificates.k8s.io/v1/CertificateSigningRequest' },
  'coordination.k8s.io/v1beta1/Lease': { removed: '1.22', replacement: 'coordination.k8s.io/v1/Lease' },
  'extensions/v1beta1/Ingress': { removed: '1.22', replacement: 'networking.k8s.io/v1/Ingress' },
  'networking.k8s.io/v1beta1/Ingress': { removed: '1.22', replacement: 'networking.k8s.io/v1/Ingress' },
  'networking.k8s.io/v1beta1/IngressClass': { removed: '1.22', replacement: 'networking.k8s.io/v1/IngressClass' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRole': { removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1/ClusterRole' },
  'rbac.authorization.k8s.io/v1beta1/ClusterRoleBinding': { removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1/ClusterRoleBinding' },
  'rbac.authorization.k8s.io/v1beta1/Role': { removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1/Role' },
  'rbac.authorization.k8s.io/v1beta1/RoleBinding': { removed: '1.22', replacement: 'rbac.authorization.k8s.io/v1/RoleBinding' },
  'scheduling.k8s.io/v1beta1/PriorityClass': { removed: '1.22', replacement: 'scheduling.k8s.io/v1/PriorityClass' },
  'storage.k8s.io/v1beta1/CSIDriver': { removed: '1.22', replacement: 'storage.k8s.io/v1/CSIDriver' },
  'storage.k8s.io/v1beta1/CSINode': { removed: '1.22', replacement: 'storage.k8s.io/v1/CSINode' },
  'storage.k8s.io/v1beta1/StorageClass': { removed: '1.22', replacement: 'storage.k8s.io/v1/StorageClass' },
  'storage.k8s.io/v1beta1/VolumeAttachment': { removed: '1.22', replacement: 'storage.k8s.io/v1/VolumeAttachment' },
  // v1.25
  'batch/v1beta1/CronJob': { removed: '1.25', replacement: 'batch/v1/CronJob' },
  'discovery.k8s.io/v1beta1/EndpointSlice': { removed: '1.25', replacement: 'discovery.k8s.io/v1/EndpointSlice' },
  'events.k8s.io/v1beta1/Event': { removed: '1.25', replacement: 'events.k8s.io/v1/Event' },
  'autoscaling/v2beta1/HorizontalPodAutoscaler': { removed: '1.25', replacement: 'autoscaling/v2/HorizontalPodAutoscaler' },
  'policy/v1beta1/PodDisruptionBudget': { removed: '1.25', replacement: 'policy/v1/PodDisruptionBudget' },
  // Removed without a replacement API: the guide points to Pod Security Admission or a third-party admission webhook.
  'policy/v1beta1/PodSecurityPolicy': { removed: '1.25', note: 'Pod Security Admission replaces it: label the namespace pod-security.kubernetes.io/enforce' },
  'node.k8s.io/v1beta1/RuntimeClass': { removed: '1.25', replacement: 'node.k8s.io/v1/RuntimeClass' },
  // v1.26
  'flowcontrol.apiserver.k8s.io/v1beta1/FlowSchema': { removed: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1/FlowSchema' },
  'flowcontrol.apiserver.k8s.io/v1beta1/PriorityLevelConfiguration': { removed: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1/PriorityLevelConfiguration' },
  'autoscaling/v2beta2/HorizontalPodAutoscaler': { removed: '1.26', replacement: 'autoscaling/v2/HorizontalPodAutoscaler' },
  // v1.27
  'storage.k8s.io/v1beta1/CSIStorageCapacity': { removed: '1.27', replacement: 'storage.k8s.io/v1/CSIStorageCapacity' },
};

/**
 * The table against the lifecycle tags of the newest k8s.io/api: every entry whose type k8s.io/api still carries
 * must have the same removal release, and its replacement the same group and kind. Returns the disagreements.
 */
export function checkRemovedTable(lifecycle: Map<string, Lifecycle>): string[] {
  const problems: string[] = [];
  const groupKind = (key: string) => {
    const parts = key.split('/');
    return parts.length === 3 ? `${parts[0]}/${parts[2]}` : `/${parts[1]}`;
  };
  for (const [key, entry] of Object.entries(REMOVED_BEFORE_1_27)) {
    const tags = lifecycle.get(key);
    if (!tags) continue; // PodSecurityPolicy, autoscaling/v2beta*: deleted from k8s.io/api; the guide is the source
    if (tags.removed !== entry.removed) problems.push(`${key}: the table says removed in ${entry.removed}, k8s.io/api says ${tags.removed}`);
    // k8s.io/api networking/v1beta1 tags IngressClass's replacement as IngressClassList, a slip; the guide says IngressClass.
    const tagged = tags.replacement?.replace(/^networking\.k8s\.io\/v1\/IngressClassList$/, 'networking.k8s.io/v1/IngressClass');
    if (tagged && entry.replacement && groupKind(tagged) !== groupKind(entry.replacement)) {
      problems.push(`${key}: the table says use ${entry.replacement}, k8s.io/api says ${tagged}`);
    }
  }
  return problems;
}
