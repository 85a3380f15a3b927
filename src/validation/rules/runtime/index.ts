/**
 * The runtime rule family: predictions about objects the API server accepts. Its findings say "the API server
 * accepts this, but ..." and never claim a rejection (that is the schema and semantics families' claim, checked
 * against a real kube-apiserver in the e2e tier). One rule runs every check; each hit carries `runtime/<check>`.
 */
import { Prediction, predictions, RUNTIME_CHECKS } from './checks';
import { gpuResourceKinds } from './gpu-resource-kinds';
import { hostNetworkAttachments } from './host-network-attachments';
import { imageReference } from './image-reference';
import { maxSurgeHostPort } from './max-surge-host-port';
import { nodeAffinityUnsatisfiable } from './node-affinity-unsatisfiable';
import { podRejected } from './pod-rejected';
import { probePorts } from './probe-ports';
import { rdmaWithMgpu } from './rdma-with-mgpu';
import { RUNTIME_CHECK_REFERENCE } from './reference';
import { runAsRootConflict } from './run-as-root-conflict';
import { serviceNodePortRange } from './service-node-port-range';
import { podTemplates } from '../../../k8s/pod-template';
import { isObject, Manifest } from '../../../k8s/shape';
import { resourcesUsed } from '../../../k8s/vendor-accelerators';
import { checkReferences, Rule, RuleContext, RuleHit, Severity } from '../../rule';

export type { Prediction } from './checks';
export { RUNTIME_CHECKS } from './checks';

/** While a `withRuntimePredictionsRemembered` scope runs: which objects never change, and the answers about them. */
let remembered: { readonly unchanging: (object: Manifest) => boolean; readonly answers: WeakMap<Manifest, Prediction[]> } | undefined;

/**
 * Runs `fn` with `predictRuntime` remembering its answer for each object `unchanging` vouches for: objects that do not
 * change while `fn` runs, such as a synthesis's rendered objects, which the app's validation and each DaemonSet's own
 * check both predict (a changed object is rendered into a new one). Other objects (a user's own, validated during
 * the synthesis) are predicted on every call. The answers are shared: callers must not change them.
 * @internal
 */
export function withRuntimePredictionsRemembered<T>(unchanging: (object: Manifest) => boolean, fn: () => T): T {
  if (remembered !== undefined) return fn();
  remembered = { unchanging, answers: new WeakMap() };
  try {
    return fn();
  } finally {
    remembered = undefined;
  }
}

/** The predictions about one object: its pod templates, and a DaemonSet's rollout. */
export function predictRuntime(object: Manifest): Prediction[] {
  if (remembered === undefined || !isObject(object) || !remembered.unchanging(object)) return predictionsOf(object);
  let found = remembered.answers.get(object);
  if (found === undefined) {
    found = predictionsOf(object);
    remembered.answers.set(object, found);
  }
  return found;
}

function predictionsOf(object: Manifest): Prediction[] {
  const { found, predict } = predictions();
  if (!isObject(object)) return found;
  if (object.kind === 'DaemonSet') maxSurgeHostPort(object, predict);
  if (object.kind === 'Service' && object.apiVersion === 'v1') serviceNodePortRange(object, predict);
  for (const t of podTemplates(object)) {
    const inTemplate = predictions(t.path);
    probePorts(t.spec, inTemplate.predict);
    imageReference(t.spec, inTemplate.predict);
    nodeAffinityUnsatisfiable(t.spec, inTemplate.predict);
    const used = resourcesUsed(t.spec);
    gpuResourceKinds(used, inTemplate.predict);
    rdmaWithMgpu(used, inTemplate.predict);
    runAsRootConflict(t.spec, inTemplate.predict);
    hostNetworkAttachments(t, predict);
    // A Pod's own rejections are the semantics family's: the object itself is refused.
    if (object.kind !== 'Pod') podRejected(t.spec, t.metadata, inTemplate.predict, object.kind);
    found.push(...inTemplate.found);
  }
  return found;
}

/**
 * The runtime family as one rule.
 * @internal
 */
export const RUNTIME_RULES: Rule[] = [{
  id: 'runtime',
  severity: Severity.ERROR,
  description: 'Predictions about objects the API server accepts: pods that fail at runtime (probes on undeclared port names), rollouts that can never finish (maxSurge with host ports), Pods a controller could not create from the template, Service node ports outside the default node port range, required node affinity the scheduler cannot match (Gt/Lt with a non-integer value), containers the kubelet refuses to start (runAsNonRoot with uid 0), vendor accelerators a cloud cannot combine (Volcengine VKE: one GPU resource kind, RDMA without mGPU), secondary networks or floating IPs on host-network pods.',
  why: 'The API server accepts these objects, so nothing fails at apply time: the failure shows later, as pods that crash, stay Pending or are never created.',
  fix: 'See each check.',
  checks: checkReferences('runtime', RUNTIME_CHECKS, RUNTIME_CHECK_REFERENCE, Severity.ERROR),
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const object of ctx.objects) {
      for (const p of predictRuntime(object)) {
        hits.push({ object, path: p.path, message: p.message, ruleId: p.rule, severity: p.severity === 'warning' ? Severity.WARNING : undefined });
      }
    }
    return hits;
  },
}];
