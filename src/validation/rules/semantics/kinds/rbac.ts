/**
 * API validation of the RBAC kinds' contents: Role and ClusterRole rules and aggregation, RoleBinding and
 * ClusterRoleBinding roleRef and subjects. Mirrors k8s.io/kubernetes `pkg/apis/rbac/validation/validation.go`
 * (v1.37), after defaulting (`SetDefaults_RoleBinding` and `SetDefaults_ClusterRoleBinding` fill roleRef.apiGroup,
 * `SetDefaults_Subject` a User's or Group's apiGroup).
 */
import { checkLabelSelector } from '../../../../k8s/label-selector';
import { checkPathSegmentName } from '../../../../k8s/object-names';
import { asList, asObject, isObject, JsonObject, structItems, text } from '../../../../k8s/shape';
import { checkDns1123Subdomain } from '../../../../k8s/syntax';
import { Add, collector, SemanticProblem } from '../checks';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** Whether a list field is missing or empty, as a Go slice's length reads it. */
function none(v: unknown): boolean {
  return asList(v).length === 0;
}

/**
 * One rule of a Role or ClusterRole: verbs required; non-resource URLs only in a ClusterRole and never with
 * apiGroups, resources or resourceNames; otherwise apiGroups and resources required.
 * Mirrors `ValidatePolicyRule`.
 */
function checkRule(rule: JsonObject, namespaced: boolean, path: string, add: Add): void {
  if (none(rule.verbs)) add('rbac-rules', `${path}.verbs`, 'verbs must contain at least one value (e.g. get, list, watch)');
  if (!none(rule.nonResourceURLs)) {
    if (namespaced) add('rbac-rules', `${path}.nonResourceURLs`, `nonResourceURLs ${text(rule.nonResourceURLs)}: namespaced rules cannot apply to non-resource URLs; use a ClusterRole`);
    if (!none(rule.apiGroups) || !none(rule.resources) || !none(rule.resourceNames)) {
      add('rbac-rules', `${path}.nonResourceURLs`, `nonResourceURLs ${text(rule.nonResourceURLs)}: rules cannot apply to both regular resources and non-resource URLs; split them into two rules`);
    }
    return;
  }
  if (none(rule.apiGroups)) add('rbac-rules', `${path}.apiGroups`, 'resource rules must supply at least one api group (\'\' for the core group)');
  if (none(rule.resources)) add('rbac-rules', `${path}.resources`, 'resource rules must supply at least one resource (e.g. pods)');
}

/** The API problems of a Role or ClusterRole: its rules, and a ClusterRole's aggregationRule selectors. */
function checkRole(obj: JsonObject, namespaced: boolean): SemanticProblem[] {
  const { problems, add } = collector();
  for (const { item, index } of structItems(obj.rules)) checkRule(item, namespaced, `rules[${index}]`, add);
  const aggregation = obj.aggregationRule;
  if (!namespaced && isObject(aggregation)) {
    const selectors = asList(aggregation.clusterRoleSelectors);
    if (selectors.length === 0) add('rbac-rules', 'aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector is required if aggregationRule is set');
    selectors.forEach((selector, i) => {
      for (const p of checkLabelSelector(selector, `aggregationRule.clusterRoleSelectors[${i}]`)) add('rbac-rules', p.path, p.message);
    });
  }
  return problems;
}

/** A binding's roleRef: apiGroup rbac.authorization.k8s.io, kind Role or ClusterRole (ClusterRole only for a ClusterRoleBinding), a name. */
function checkRoleRef(obj: JsonObject, namespaced: boolean, add: Add): void {
  const ref = asObject(obj.roleRef);
  const group = ref.apiGroup === undefined || ref.apiGroup === null || ref.apiGroup === '' ? RBAC_GROUP : ref.apiGroup;
  if (group !== RBAC_GROUP) add('rbac-role-ref', 'roleRef.apiGroup', `roleRef.apiGroup ${text(group)} is not supported: it must be '${RBAC_GROUP}'`);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  // A null roleRef is Go's zero value: empty kind and name, both refused (a missing roleRef or field is the schema's).
  const zero = obj.roleRef === null;
  const kind = zero ? '' : ref.kind;
  if (typeof kind === 'string' && !kinds.includes(kind)) {
    add('rbac-role-ref', 'roleRef.kind', `roleRef.kind '${kind}' is not supported: a ${obj.kind} refers to ${kinds.join(' or ')}`);
  }
  if (ref.name === '' || zero) {
    add('rbac-role-ref', 'roleRef.name', 'roleRef.name is required: the name of the role to bind');
  } else if (typeof ref.name === 'string') {
    const p = checkPathSegmentName(ref.name);
    if (p) add('rbac-role-ref', 'roleRef.name', `roleRef.name '${ref.name}' ${p}`);
  }
}

/**
 * One subject: a name; a ServiceAccount's name is a DNS-1123 subdomain, its apiGroup empty and (in a
 * ClusterRoleBinding) its namespace set; a User's or Group's apiGroup is rbac.authorization.k8s.io.
 * Mirrors `ValidateRoleBindingSubject`. An unknown kind is the schema's to report when it is not a string.
 */
function checkSubject(subject: JsonObject, namespaced: boolean, path: string, add: Add): void {
  if (subject.name === '') add('rbac-subjects', `${path}.name`, 'subject name is required');
  const group = subject.apiGroup;
  if (subject.kind === 'ServiceAccount') {
    if (typeof subject.name === 'string' && subject.name !== '') {
      const p = checkDns1123Subdomain(subject.name);
      if (p) add('rbac-subjects', `${path}.name`, `ServiceAccount name '${subject.name}' ${p}`);
    }
    if (typeof group === 'string' && group !== '') add('rbac-subjects', `${path}.apiGroup`, `apiGroup '${group}' is not supported for a ServiceAccount subject: it must be empty`);
    if (!namespaced && (subject.namespace === undefined || subject.namespace === null || subject.namespace === '')) {
      add('rbac-subjects', `${path}.namespace`, 'a ServiceAccount subject of a ClusterRoleBinding needs its namespace');
    }
  } else if (subject.kind === 'User' || subject.kind === 'Group') {
    if (typeof group === 'string' && group !== '' && group !== RBAC_GROUP) {
      add('rbac-subjects', `${path}.apiGroup`, `apiGroup '${group}' is not supported for a ${subject.kind} subject: it must be '${RBAC_GROUP}'`);
    }
  } else if (typeof subject.kind === 'string') {
    add('rbac-subjects', `${path}.kind`, `subject kind '${subject.kind}' is not supported: use ServiceAccount, User or Group`);
  }
}

/** The API problems of a RoleBinding or ClusterRoleBinding: its roleRef and subjects. */
function checkBinding(obj: JsonObject, namespaced: boolean): SemanticProblem[] {
  const { problems, add } = collector();
  checkRoleRef(obj, namespaced, add);
  for (const { item, index } of structItems(obj.subjects, { kind: '', name: '' })) checkSubject(item, namespaced, `subjects[${index}]`, add);
  return problems;
}

/** Role: namespaced rules. */
export const checkRoleKind = (obj: JsonObject) => checkRole(obj, true);
/** ClusterRole: rules and aggregation. */
export const checkClusterRoleKind = (obj: JsonObject) => checkRole(obj, false);
/** RoleBinding: to a Role or ClusterRole. */
export const checkRoleBindingKind = (obj: JsonObject) => checkBinding(obj, true);
/** ClusterRoleBinding: to a ClusterRole. */
export const checkClusterRoleBindingKind = (obj: JsonObject) => checkBinding(obj, false);
