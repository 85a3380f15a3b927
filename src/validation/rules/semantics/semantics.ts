import { Add, collector, SemanticProblem } from './checks';
import { checkKind } from './kinds';
import { checkPodSpec } from './pod-spec';
import { podTemplates } from '../../../k8s/pod-template';
import { asObject, entriesOf, isObject, Manifest, own, text } from '../../../k8s/shape';
import { checkDns1123Subdomain, checkLabel, checkQualifiedName } from '../../../k8s/syntax';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export type { SemanticProblem } from './checks';
export { checkPodSpec } from './pod-spec';

type Json = { [key: string]: any };

/**
 * Checks what every object's metadata needs: a name, or a generateName the API server completes on create.
 * Mirrors `ValidateObjectMetaAccessor` in k8s.io/apimachinery `pkg/api/validation/objectmeta.go`, which answers
 * `metadata.name: Required value: name or generateName is required`. A metadata, name or generateName of the
 * wrong type is the schema rule's to report.
 */
export function checkObjectMeta(obj: Json): SemanticProblem[] {
  const { problems, add } = collector();
  if (!isObject(obj) || typeof obj.kind !== 'string' || obj.kind === 'List') return problems;
  const meta = obj.metadata;
  if (meta != null && !isObject(meta)) return problems;
  const missing = (v: unknown) => v === undefined || v === null || v === '';
  if (missing(meta?.name) && missing(meta?.generateName)) {
    add('metadata-name', 'metadata.name', `the ${obj.kind} has no metadata.name (nor generateName), so the API server rejects it: `
      + '"metadata.name: Required value: name or generateName is required"; set metadata.name');
  }
  return problems;
}

/**
 * Checks a rendered DaemonSet (Kubernetes JSON) for what the API server would reject,
 * or what would keep its pods from ever running.
 */
export function checkDaemonSet(ds: Json): SemanticProblem[] {
  const { problems, add } = collector();
  const meta = asObject(asObject(ds).metadata);
  if (typeof meta.name === 'string' && meta.name !== '') {
    const p = checkDns1123Subdomain(meta.name);
    if (p) add('dns-name', 'metadata.name', `name '${meta.name}' ${p}`);
  }
  checkMetadataMaps(meta, 'metadata', add);
  const spec = asObject(asObject(ds).spec);
  const template = asObject(spec.template);
  const templateMeta = asObject(template.metadata);
  checkMetadataMaps(templateMeta, 'spec.template.metadata', add);

  // The selector must select the template's own labels, or the API server rejects the DaemonSet.
  const labels = templateMeta.labels;
  for (const [k, v] of entriesOf(asObject(spec.selector).matchLabels)) {
    if (typeof v === 'string' && own(labels, k) !== v) add('selector-matches-labels', `spec.selector.matchLabels.${k}`, `selector requires label ${k}=${v} but the pod template's labels do not carry it; the selector must match the template labels`);
  }

  const strategy = asObject(spec.updateStrategy);
  const ru = strategy.rollingUpdate;
  const podSpec = asObject(template.spec);
  if (strategy.type === 'RollingUpdate' && isObject(ru)) {
    const surges = ru.maxSurge !== undefined && ru.maxSurge !== 0 && ru.maxSurge !== '0%';
    if (!surges && (ru.maxUnavailable === 0 || ru.maxUnavailable === '0%')) {
      add('rolling-update', 'spec.updateStrategy.rollingUpdate', 'maxUnavailable and maxSurge are both zero, so no pod could ever be replaced; one of them must be positive');
    }
  }
  for (const field of ['minReadySeconds', 'revisionHistoryLimit'] as const) {
    if (spec[field] !== undefined && (!Number.isInteger(spec[field]) || spec[field] < 0)) add('non-negative', `spec.${field}`, `${field} is ${text(spec[field])}; it must be a non-negative integer`);
  }
  problems.push(...checkPodSpec(podSpec, 'spec.template.spec'));
  return problems;
}

function checkMetadataMaps(meta: Json, path: string, add: Add) {
  for (const [k, v] of entriesOf(meta.labels)) {
    const p = checkLabel(k, v);
    if (p.key) add('metadata-syntax', `${path}.labels`, `label key '${k}' ${p.key}`);
    if (p.value) add('metadata-syntax', `${path}.labels.${k}`, `label '${k}' value '${v}' ${p.value}`);
  }
  for (const [k] of entriesOf(meta.annotations)) {
    const kp = checkQualifiedName(k);
    if (kp) add('metadata-syntax', `${path}.annotations`, `annotation key '${k}' ${kp}`);
  }
}

const RUN_TO_COMPLETION = new Set(['Job', 'CronJob', 'Pod']);

/**
 * The semantics rule family: what the API server would reject that a schema cannot express.
 * One rule runs every check; each hit carries its own `semantics/<check>` id.
 * @internal
 */
export const SEMANTIC_RULES: Rule[] = [{
  id: 'semantics',
  severity: Severity.ERROR,
  description: 'What the API server rejects and a schema cannot express: object names (name or generateName), selectors, names and labels, ports, env names, quantities and request <= limit, rolling update, probes, mounts, scheduling.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const object of ctx.objects) {
      const problems = [...checkObjectMeta(object), ...checkKind(object), ...object.kind === 'DaemonSet'
        ? checkDaemonSet(object)
        : podTemplates(object).flatMap(t => checkPodSpec(t.spec, t.path))
          // Jobs, CronJobs and bare Pods may use OnFailure or Never.
          .filter(p => p.rule !== 'semantics/restart-policy' || !RUN_TO_COMPLETION.has(object.kind))];
      for (const p of problems) {
        // The API server accepts '-' and '.' in env names, but shells and most programs cannot read them.
        const severity = p.severity === 'warning' || p.rule === 'semantics/env-names' ? Severity.WARNING : undefined;
        hits.push({ object: object as Manifest, path: p.path, message: p.message, ruleId: p.rule, severity });
      }
    }
    return hits;
  },
}];
