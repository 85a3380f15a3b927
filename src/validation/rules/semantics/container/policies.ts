import { Checked, isSet } from './checked';
import { asList, isObject, structItems, text } from '../../../../k8s/shape';
import { Add } from '../checks';

/** The first minor version with container restart rules (ContainerRestartRules beta, on by default). */
const RESTART_RULES_SINCE = 35;
/** The first minor version whose rules may restart all containers (RestartAllContainersOnContainerExits beta). */
const RESTART_ALL_SINCE = 36;
const POLICIES = ['Always', 'Never', 'OnFailure'];

/**
 * A container's restartPolicy and restartPolicyRules. Mirrors `validateInitContainerRestartPolicy` and
 * `validateContainerRestartPolicy` (pkg/apis/core/validation/validation.go): since 1.35 any container may set
 * Always, Never or OnFailure, with at most 20 rules (action Restart, or RestartAllContainers since 1.36; exitCodes
 * with operator In or NotIn and at most 255 values), and rules need a restartPolicy; a sidecar (Always) may carry
 * rules only since 1.36. Before 1.35 only init containers set it, and only to Always.
 */
export function checkRestartPolicy({ c, path, kind, who, minor }: Checked, add: Add): void {
  const policy = c.restartPolicy;
  const rules = asList(c.restartPolicyRules);
  if (minor < RESTART_RULES_SINCE) {
    if (!isSet(policy)) return;
    if (kind === 'container') add('container-restart-policy', `${path}.restartPolicy`, `${who} sets restartPolicy ${text(policy)}; it may not be set for non-init containers before Kubernetes 1.${RESTART_RULES_SINCE}`);
    else if (policy !== 'Always') add('container-restart-policy', `${path}.restartPolicy`, `${who} restartPolicy ${text(policy)} is not supported; supported values: 'Always'`);
    return;
  }
  if (!isSet(policy)) {
    if (rules.length > 0) add('container-restart-policy', `${path}.restartPolicy`, `${who} has restartPolicyRules but no restartPolicy; it must specify restartPolicy when restart rules are used`);
    return;
  }
  if (typeof policy === 'string' && !POLICIES.includes(policy)) {
    add('container-restart-policy', `${path}.restartPolicy`, `${who} restartPolicy '${policy}' is not supported; supported values: 'Always', 'Never', 'OnFailure'`);
  }
  if (kind === 'init container' && policy === 'Always' && minor < RESTART_ALL_SINCE) {
    if (rules.length > 0) add('container-restart-policy', `${path}.restartPolicyRules`, `${who} is a sidecar (restartPolicy Always); restartPolicyRules are not allowed for init containers with restart policy Always`);
    return;
  }
  if (rules.length > 20) add('container-restart-policy', `${path}.restartPolicyRules`, `${who} has ${rules.length} restartPolicyRules; at most 20 are allowed`);
  const actions = minor >= RESTART_ALL_SINCE ? ['Restart', 'RestartAllContainers'] : ['Restart'];
  for (const { item: rule, index: i } of structItems(c.restartPolicyRules)) {
    const rp = `${path}.restartPolicyRules[${i}]`;
    if (typeof (rule.action ?? '') === 'string' && !actions.includes(rule.action ?? '')) {
      add('container-restart-policy', `${rp}.action`, `${who} restart rule action '${text(rule.action ?? '')}' is not supported; supported values: ${actions.map(a => `'${a}'`).join(', ')}`);
    }
    if (!isObject(rule.exitCodes)) {
      add('container-restart-policy', `${rp}.exitCodes`, `${who} restart rule ${i} has no exitCodes; exitCodes must be specified`);
      continue;
    }
    const op = rule.exitCodes.operator ?? '';
    if (typeof op === 'string' && op !== 'In' && op !== 'NotIn') add('container-restart-policy', `${rp}.exitCodes.operator`, `${who} restart rule operator '${op}' is not supported; supported values: 'In', 'NotIn'`);
    if (asList(rule.exitCodes.values).length > 255) add('container-restart-policy', `${rp}.exitCodes.values`, `${who} restart rule has ${asList(rule.exitCodes.values).length} exit codes; at most 255 are allowed`);
  }
}

/**
 * A container's resizePolicy. Mirrors `validateResizePolicy` (each of cpu and memory at most once, restartPolicy
 * NotRequired or RestartContainer, NotRequired only when the pod's restartPolicy is Never) and, for init containers
 * that are not sidecars, `validateInitContainers` (no RestartContainer).
 */
export function checkResizePolicy({ c, path, kind, sidecar, who }: Checked, podRestartPolicy: unknown, add: Add): void {
  if (asList(c.resizePolicy).length === 0) return;
  const seen = new Set<string>();
  for (const { item: p, index: i } of structItems(c.resizePolicy)) {
    const resource = p.resourceName ?? '';
    const restart = p.restartPolicy ?? '';
    if (typeof resource !== 'string' || typeof restart !== 'string') continue;
    if (seen.has(resource)) add('resize-policy', `${path}.resizePolicy[${i}]`, `${who} resizePolicy names ${resource} twice (Duplicate value)`);
    seen.add(resource);
    if (resource !== 'cpu' && resource !== 'memory') add('resize-policy', `${path}.resizePolicy`, `${who} resizePolicy resourceName '${resource}' is not supported; supported values: 'cpu', 'memory'`);
    if (restart !== 'NotRequired' && restart !== 'RestartContainer') add('resize-policy', `${path}.resizePolicy`, `${who} resizePolicy restartPolicy '${restart}' is not supported; supported values: 'NotRequired', 'RestartContainer'`);
    if (podRestartPolicy === 'Never' && restart !== 'NotRequired') add('resize-policy', `${path}.resizePolicy`, `${who} resizePolicy restartPolicy must be 'NotRequired' when the pod's restartPolicy is 'Never'`);
    if (kind === 'init container' && !sidecar && restart === 'RestartContainer') {
      add('resize-policy', `${path}.resizePolicy[${i}].restartPolicy`, `${who} resizePolicy restartPolicy must not be 'RestartContainer' for init containers that are not sidecars`);
    }
  }
}
