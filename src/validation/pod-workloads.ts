/**
 * The pod templates of the input, listed once per validation run and shared by the rule families that judge
 * pods (pod security, best practice).
 */
import { RuleContext } from './rule';
import { evaluatePodSecurityOf, PodSecurityEvaluation } from '../k8s/pod-security';
import { ContainerRef, containersOf, podTemplates } from '../k8s/pod-template';
import { isObject, Manifest } from '../k8s/shape';

const EMPTY: Manifest = Object.freeze({});

/** A pod template of a workload object. @internal */
export interface PodWorkload {
  readonly object: Manifest;
  readonly kind: string;
  /** The object's namespace, `default` when it sets none. */
  readonly namespace: string;
  /** JSON path of the pod spec in the object, e.g. `spec.template.spec`. */
  readonly specPath: string;
  readonly spec: Manifest;
  readonly metadata: Manifest;
  /** Init, regular and ephemeral containers (entries that are not objects left out). */
  readonly containers: ContainerRef[];
  /** The first Pod Security evaluation computed (nearly every run asks for one policy version only). */
  podSecurityFirst?: PodSecurityEvaluation;
  /** Its policy minor. */
  podSecurityFirstMinor?: number;
  /** Evaluations at other policy minors, created only when a second one is asked for. */
  podSecurity?: Map<number, PodSecurityEvaluation>;
  /** Per-family scratch space, computed on first use (e.g. hostPath volumes). */
  hostPaths?: Map<string, { index: number; path: string }>;
}

const inputCache = new WeakMap<Manifest[], { length: number; workloads: PodWorkload[] }>();

/** The pod templates of one object. @internal */
export function workloadsOf(object: Manifest): PodWorkload[] {
  if (!isObject(object)) return [];
  const list: PodWorkload[] = [];
  for (const t of podTemplates(object)) {
    if (!isObject(t.spec)) continue;
    const ns = object.metadata?.namespace;
    list.push({
      object,
      kind: object.kind,
      namespace: typeof ns === 'string' && ns !== '' ? ns : 'default',
      specPath: t.path,
      spec: t.spec,
      metadata: isObject(t.metadata) ? t.metadata : EMPTY,
      containers: containersOf(t.spec),
    });
  }
  return list;
}

/**
 * Every pod template of the input, computed once per input array, so the rules of one run share it
 * (the engine builds a new array for every run; an array must not be refilled in place between runs). @internal
 */
export function podWorkloads(ctx: RuleContext): PodWorkload[] {
  const objects = ctx.objects;
  const cached = inputCache.get(objects);
  if (cached && cached.length === objects.length) return cached.workloads;
  const workloads: PodWorkload[] = [];
  for (let i = 0; i < objects.length; i++) {
    const list = workloadsOf(objects[i]);
    for (let j = 0; j < list.length; j++) workloads.push(list[j]);
  }
  inputCache.set(objects, { length: objects.length, workloads });
  return workloads;
}

/**
 * The Pod Security evaluation of a pod template at a policy version (its minor, `effectivePolicyMinor`),
 * computed on first use. @internal
 */
export function podSecurityOf(w: PodWorkload, policyMinor: number): PodSecurityEvaluation {
  if (w.podSecurityFirst === undefined) {
    w.podSecurityFirstMinor = policyMinor;
    return w.podSecurityFirst = evaluatePodSecurityOf(w.spec, w.metadata, w.containers, policyMinor);
  }
  if (w.podSecurityFirstMinor === policyMinor) return w.podSecurityFirst;
  const cache = w.podSecurity ?? (w.podSecurity = new Map());
  let evaluation = cache.get(policyMinor);
  if (evaluation === undefined) {
    evaluation = evaluatePodSecurityOf(w.spec, w.metadata, w.containers, policyMinor);
    cache.set(policyMinor, evaluation);
  }
  return evaluation;
}
