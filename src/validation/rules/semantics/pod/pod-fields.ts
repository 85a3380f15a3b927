import { PodContext } from './context';
import { parseQuantity } from '../../../../k8s/quantity';
import { asList, asObject, entriesOf, isObject, structItems, text } from '../../../../k8s/shape';
import { checkDns1123Label, checkDns1123Subdomain, checkQualifiedName } from '../../../../k8s/syntax';

/** The largest activeDeadlineSeconds (`math.MaxInt32`). */
const MAX_INT32 = 2147483647;

/**
 * The names a pod spec refers to by: serviceAccountName, priorityClassName, runtimeClassName and nodeName are DNS-1123
 * subdomains (`ValidateServiceAccountName`, `ValidatePriorityClassName`, `ValidateRuntimeClassName`,
 * `ValidateNodeName`; the deprecated serviceAccount is copied over by conversion, so it is never compared). Mirrors those calls in
 * `ValidatePodSpec` (pkg/apis/core/validation/validation.go).
 * @internal
 */
export function checkReferenceNames({ spec, add }: PodContext): void {
  for (const field of ['serviceAccountName', 'priorityClassName', 'runtimeClassName', 'nodeName']) {
    const value = spec[field];
    const p = typeof value === 'string' && value !== '' ? checkDns1123Subdomain(value) : undefined;
    if (p) add('reference-names', field, `${field} '${value}' ${p}`);
    if (field === 'runtimeClassName' && value === '') add('reference-names', field, 'runtimeClassName must not be empty; leave it unset for the default runtime');
  }
}

/**
 * Pod-level settings: activeDeadlineSeconds within [1, 2147483647]; a negative terminationGracePeriodSeconds only
 * warns (the API server treats it as 1); readiness gates and scheduling gates are qualified names (scheduling gates
 * unique); overhead quantities; os.name linux or windows and the fields a Windows or Linux pod may not set; resource
 * claims. Mirrors `ValidatePodSpec`, `validateReadinessGates`, `validateSchedulingGates`, `validateOverhead`,
 * `validateOS`, `validateWindows`, `validateLinux` and `validatePodResourceClaim` in pkg/apis/core/validation/validation.go.
 * @internal
 */
export function checkPodFields(ctx: PodContext): void {
  const { spec, add, warn } = ctx;
  const deadline = spec.activeDeadlineSeconds;
  if (typeof deadline === 'number' && (deadline < 1 || deadline > MAX_INT32)) {
    add('pod-deadlines', 'activeDeadlineSeconds', `activeDeadlineSeconds ${deadline} must be between 1 and ${MAX_INT32}, inclusive`);
  }
  if (typeof spec.terminationGracePeriodSeconds === 'number' && spec.terminationGracePeriodSeconds < 0) {
    warn('pod-deadlines', 'terminationGracePeriodSeconds', `terminationGracePeriodSeconds ${spec.terminationGracePeriodSeconds}: must be >= 0; negative values are invalid and will be treated as 1 (the API server accepts it with this warning)`);
  }
  for (const { item: g, index: i } of structItems(spec.readinessGates)) {
    const type = typeof g.conditionType === 'string' ? g.conditionType : '';
    const p = checkQualifiedName(type);
    if (p && (typeof g.conditionType === 'string' || g.conditionType == null)) add('readiness-gates', `readinessGates[${i}].conditionType`, `readiness gate conditionType '${type}' ${p}`);
  }
  const gates = new Set<string>();
  for (const { item: g, index: i } of structItems(spec.schedulingGates)) {
    const name = typeof g.name === 'string' ? g.name : '';
    const p = checkQualifiedName(name);
    if (p && (typeof g.name === 'string' || g.name == null)) add('scheduling-gates', `schedulingGates[${i}]`, `scheduling gate name '${name}' ${p}`);
    if (gates.has(name)) add('scheduling-gates', `schedulingGates[${i}]`, `scheduling gate '${name}' is listed twice`);
    gates.add(name);
  }
  for (const [name, value] of entriesOf(spec.overhead)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const q = parseQuantity(value);
    if (q === undefined) add('overhead', `overhead.${name}`, `overhead ${name} '${value}' is not a quantity (e.g. '250m', '64Mi')`);
    else if (q < 0) add('overhead', `overhead.${name}`, `overhead ${name} ${text(value)} must be greater than or equal to 0`);
  }
  checkOs(ctx);
  checkResourceClaims(ctx);
}

/** Pod-level security fields a Windows pod may not set (`validateWindows`). */
const NOT_FOR_WINDOWS = ['appArmorProfile', 'seLinuxOptions', 'seccompProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];

function checkOs({ spec, add }: PodContext): void {
  if (!isObject(spec.os)) return;
  const name = spec.os.name;
  if (name === undefined || name === null || name === '') {
    add('pod-os', 'os.name', 'os.name is required: linux or windows');
    return;
  }
  if (name !== 'linux' && name !== 'windows') {
    add('pod-os', 'os', `os.name '${text(name)}' is not supported; supported values: "linux", "windows"`);
    return;
  }
  const sc = asObject(spec.securityContext);
  if (name === 'linux') {
    if (sc.windowsOptions != null) add('pod-os', 'securityContext.windowsOptions', 'windows options cannot be set for a linux pod');
    return;
  }
  for (const field of NOT_FOR_WINDOWS) {
    if (sc[field] !== undefined && sc[field] !== null && !(field === 'sysctls' && Array.isArray(sc[field]) && sc[field].length === 0)) {
      add('pod-os', `securityContext.${field}`, `securityContext.${field} cannot be set for a windows pod`);
    }
  }
  for (const field of ['hostUsers', 'hostPID', 'hostIPC', 'shareProcessNamespace']) {
    const set = field === 'hostPID' || field === 'hostIPC' ? spec[field] === true : spec[field] !== undefined && spec[field] !== null;
    if (set) add('pod-os', field, `${field} cannot be set for a windows pod`);
  }
}

/** `validatePodResourceClaims`: DNS-1123 label names, unique; exactly one of resourceClaimName and resourceClaimTemplateName. */
function checkResourceClaims({ spec, add }: PodContext): void {
  if (asList(spec.resourceClaims).length === 0) return;
  const names = new Set<string>();
  for (const { item: c, index: i } of structItems(spec.resourceClaims)) {
    const at = `resourceClaims[${i}]`;
    const name = typeof c.name === 'string' ? c.name : '';
    if (name === '') {add('resource-claims', `${at}.name`, 'resource claim name is required');} else if (names.has(name)) {add('resource-claims', `${at}.name`, `resource claim name '${name}' is used twice`);} else {
      const p = checkDns1123Label(name);
      if (p) add('resource-claims', `${at}.name`, `resource claim name '${name}' ${p}`);
      names.add(name);
    }
    const claim = c.resourceClaimName;
    const template = c.resourceClaimTemplateName;
    if (claim != null && template != null) add('resource-claims', at, `resource claim '${name}': at most one of \`resourceClaimName\` or \`resourceClaimTemplateName\` may be specified`);
    if (claim == null && template == null) add('resource-claims', at, `resource claim '${name}' must specify one of: \`resourceClaimName\`, \`resourceClaimTemplateName\``);
    for (const [field, value] of [['resourceClaimName', claim], ['resourceClaimTemplateName', template]] as const) {
      const p = typeof value === 'string' ? checkDns1123Subdomain(value) : undefined;
      if (p) add('resource-claims', `${at}.${field}`, `${field} '${value}' ${p}`);
    }
  }
}
