import { collector, SEMANTIC_CHECKS, SemanticProblem } from './checks';
import { checkDaemonSetSpec } from './daemon-set';
import { checkKind } from './kinds';
import { checkLabelsAndAnnotations, checkObjectMeta, MetadataOptions } from './metadata';
import { checkPodSpec } from './pod-spec';
import { checkPodTemplateRules } from './pod-template';
import { SEMANTIC_CHECK_REFERENCE } from './reference';
import { podTemplates } from '../../../k8s/pod-template';
import { asObject, isObject, Manifest } from '../../../k8s/shape';
import { checkReferences, Rule, RuleContext, RuleHit, Severity } from '../../rule';

export type { SemanticProblem } from './checks';
export { checkPodSpec } from './pod-spec';
export { checkObjectMeta } from './metadata';
export type { MetadataOptions } from './metadata';

type Json = { [key: string]: any };

/**
 * Checks a DaemonSet (Kubernetes JSON) for what the API server rejects: its metadata (`ValidateObjectMeta`), its spec
 * (`ValidateDaemonSetSpec`: selector, update strategy, controller rules), its pod template's metadata and pod spec.
 * Mirrors `ValidateDaemonSet` in k8s.io/kubernetes `pkg/apis/apps/validation/validation.go`.
 */
export function checkDaemonSet(ds: Json, options: MetadataOptions = {}): SemanticProblem[] {
  const { problems, add } = collector();
  const meta = checkObjectMeta(isObject(ds) && ds.kind === 'DaemonSet' ? ds : { ...asObject(ds), kind: 'DaemonSet' }, options);
  for (let i = 0; i < meta.length; i++) problems.push(meta[i]);
  checkDaemonSetSpec(asObject(ds).spec, add);
  const template = asObject(asObject(asObject(ds).spec).template);
  checkLabelsAndAnnotations(asObject(template.metadata), 'spec.template.metadata', add);
  checkPodTemplateRules('DaemonSet', template.spec, 'spec.template.spec', add, options.kubernetesVersion);
  problems.push(...checkPodSpec(asObject(template.spec), 'spec.template.spec', options));
  return problems;
}

/**
 * The pod templates of a workload other than a DaemonSet or a Pod (whose metadata is the object's): labels and
 * annotations, which `ValidatePodTemplateSpec` checks as an object's, and the template rules of ./pod-template.
 */
function checkTemplates(object: Json, options: MetadataOptions): SemanticProblem[] {
  const { problems, add } = collector();
  if (object.kind === 'Pod') return problems;
  for (const t of podTemplates(object)) {
    checkLabelsAndAnnotations(t.metadata, t.path.replace(/\.spec$/, '.metadata'), add);
    checkPodTemplateRules(object.kind, t.spec, t.path, add, options.kubernetesVersion);
  }
  return problems;
}

const RUN_TO_COMPLETION = new Set(['Job', 'CronJob', 'Pod']);

/** An object's metadata, and for a workload its pod templates and pod specs. */
function checkWorkload(object: Json, options: MetadataOptions): SemanticProblem[] {
  if (object.kind === 'DaemonSet') return checkDaemonSet(object, options);
  // A Pod without a spec (or a null one) is decoded as the zero PodSpec, which the API server validates (and refuses).
  const templates = object.kind === 'Pod' && object.spec == null ? [{ spec: {}, path: 'spec' }] : podTemplates(object);
  // Most objects (Services, ConfigMaps, ...) have no pod template: their metadata is all there is to check.
  if (templates.length === 0) return checkObjectMeta(object, options);
  const pods = templates.flatMap(t => checkPodSpec(t.spec, t.path, options))
    // Jobs, CronJobs and bare Pods may use OnFailure or Never.
    .filter(p => p.rule !== 'semantics/restart-policy' || !RUN_TO_COMPLETION.has(object.kind));
  return [...checkObjectMeta(object, options), ...checkTemplates(object, options), ...pods];
}

/**
 * The semantics rule family: what the API server would reject that a schema cannot express.
 * One rule runs every check; each hit carries its own `semantics/<check>` id.
 * @internal
 */
export const SEMANTIC_RULES: Rule[] = [{
  id: 'semantics',
  severity: Severity.ERROR,
  description: 'What the API server rejects (or accepts only with a warning) and a schema cannot express, each check mirroring its validation code: object metadata of every kind (names, namespace, labels, annotations, finalizers, owner references), label selectors, the DaemonSet spec and rolling update, the pod spec and its containers, and the other kinds\' specs.',
  why: 'The API server rejects the object (or, for a warning, accepts it with a warning): kubectl apply or the GitOps sync fails, and nothing of the object is created or changed.',
  fix: 'See each check.',
  checks: checkReferences('semantics', SEMANTIC_CHECKS, SEMANTIC_CHECK_REFERENCE, Severity.ERROR),
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    const options = { kubernetesVersion: ctx.kubernetesVersion };
    const objects = ctx.objects;
    for (let i = 0; i < objects.length; i++) {
      const object = objects[i];
      addHits(hits, object, checkKind(object, options));
      addHits(hits, object, checkWorkload(object, options));
    }
    return hits;
  },
}];

function addHits(hits: RuleHit[], object: Manifest, problems: SemanticProblem[]): void {
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i];
    const severity = p.severity === 'warning' ? Severity.WARNING : undefined;
    hits.push({ object, path: p.path, message: p.message, ruleId: p.rule, severity });
  }
}
