/**
 * The pod-security rule family: the Pod Security Standards level each pod template needs (evaluated in
 * `k8s/pod-security`), against the levels its namespace enforces or warns about.
 */
import { admits, parsePodSecurityLevel, PodSecurityEvaluation, PodSecurityLevel, PodSecurityReason, PSA_CHECK_ALLOWS, violationsAt } from '../../../k8s/pod-security';
import { isObject, Manifest } from '../../../k8s/shape';
import { POD_SECURITY_AUDIT_LABEL, POD_SECURITY_ENFORCE_LABEL, POD_SECURITY_WARN_LABEL } from '../../../k8s/well-known';
import { podSecurityOf, podWorkloads } from '../../pod-workloads';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';


const ENFORCE = POD_SECURITY_ENFORCE_LABEL;
const WARN = POD_SECURITY_WARN_LABEL;
const AUDIT = POD_SECURITY_AUDIT_LABEL;

/** Namespace name → labels, for Namespaces of the input that carry one of `labels`. */
function namespaceLabels(objects: Manifest[], labels: string[]): Map<string, Manifest> {
  const map = new Map<string, Manifest>();
  for (const o of objects) {
    if (o?.kind !== 'Namespace' || typeof o.metadata?.name !== 'string' || !isObject(o.metadata.labels)) continue;
    const l = o.metadata.labels;
    if (labels.some(k => l[k] !== undefined)) map.set(o.metadata.name, l);
  }
  return map;
}

/** Joins a path below the pod spec to the pod spec's path in the object. */
function fullPath(specPath: string, path: string): string {
  if (path.startsWith('metadata.')) {
    const parent = specPath.slice(0, specPath.length - 'spec'.length);
    return `${parent}${path}`;
  }
  return `${specPath}.${path}`;
}

/** `check at path (what)` for each reason. */
function describeReasons(reasons: PodSecurityReason[], specPath: string): string {
  return reasons.map(r => `${r.check} at ${fullPath(specPath, r.path)} (${r.message})`).join('; ');
}

/** The distinct check ids of `reasons`, comma-separated, in order; `filter` keeps only some reasons. */
function checkIds(reasons: PodSecurityReason[], filter?: (r: PodSecurityReason) => boolean): string {
  let ids = '';
  let last = '';
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i];
    if (filter && !filter(r)) continue;
    // Reasons of one check are mostly adjacent; the includes() catches the rest.
    if (r.check === last || (ids !== '' && `, ${ids}, `.includes(`, ${r.check}, `))) continue;
    ids = ids === '' ? r.check : `${ids}, ${r.check}`;
    last = r.check;
  }
  return ids;
}

/** Messages and hints repeat across workloads: share one string per distinct content. */
const sharedStrings = new Map<string, string>();
function shared(key: string, make: () => string): string {
  let value = sharedStrings.get(key);
  if (value === undefined) {
    value = make();
    if (sharedStrings.size < 10_000) sharedStrings.set(key, value);
  }
  return value;
}

function levelHint(allowed: PodSecurityLevel, needed: PodSecurityLevel, namespace: string, label: string, reasons: PodSecurityReason[]): string {
  const ids = checkIds(reasons);
  return shared(`hint|${allowed}|${needed}|${namespace}|${label}|${ids}`, () =>
    `'${allowed}' allows ${ids.split(', ').map(c => `${c}: ${PSA_CHECK_ALLOWS[c]}`).join('; ')}. `
    + 'Change the listed fields, or, if the workload truly needs them (node agents often need host access), '
    + `label namespace '${namespace}' ${label}=${needed} or run it in a namespace that allows '${needed}'.`);
}

const namespaceEnforce: Rule = {
  id: 'pod-security/namespace-enforce',
  severity: Severity.ERROR,
  description: 'The pod needs a less restrictive Pod Security level than its namespace enforces (pod-security.kubernetes.io/enforce), '
    + 'so the API server rejects it (PSA check ids are named in the message).',
  check(ctx: RuleContext): RuleHit[] {
    const namespaces = namespaceLabels(ctx.objects, [ENFORCE]);
    if (namespaces.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const w of podWorkloads(ctx)) {
      const labels = namespaces.get(w.namespace);
      if (!labels) continue;
      const enforced = parsePodSecurityLevel(labels[ENFORCE]);
      if (!enforced) continue;
      const evaluation = podSecurityOf(w);
      if (admits(enforced, evaluation.level)) continue;
      const reasons = violationsAt(evaluation, enforced);
      hits.push({
        object: w.object,
        path: w.specPath,
        message: `namespace '${w.namespace}' enforces Pod Security level '${enforced}' but the pod needs '${evaluation.level}', `
          + `so the API server will reject its pods: ${describeReasons(reasons, w.specPath)}`,
        hint: levelHint(enforced, evaluation.level, w.namespace, ENFORCE, reasons),
      });
    }
    return hits;
  },
};

const namespaceWarn: Rule = {
  id: 'pod-security/namespace-warn',
  severity: Severity.WARNING,
  description: 'The pod needs a less restrictive Pod Security level than its namespace warns or audits at '
    + '(pod-security.kubernetes.io/warn, pod-security.kubernetes.io/audit); PSA check ids are named in the message.',
  check(ctx: RuleContext): RuleHit[] {
    const namespaces = namespaceLabels(ctx.objects, [WARN, AUDIT]);
    if (namespaces.size === 0) return [];
    const hits: RuleHit[] = [];
    for (const w of podWorkloads(ctx)) {
      const labels = namespaces.get(w.namespace);
      if (!labels) continue;
      const evaluation = podSecurityOf(w);
      const enforced = parsePodSecurityLevel(labels[ENFORCE]);
      // Group the warn and audit labels by level, so one level is reported once.
      const byLevel = new Map<PodSecurityLevel, string[]>();
      for (const label of [WARN, AUDIT]) {
        const level = parsePodSecurityLevel(labels[label]);
        if (!level || admits(level, evaluation.level)) continue;
        // Already an error from pod-security/namespace-enforce when the enforced level is at least as strict.
        if (enforced && !admits(enforced, evaluation.level) && admits(level, enforced)) continue;
        byLevel.set(level, [...(byLevel.get(level) ?? []), label]);
      }
      for (const [level, names] of byLevel) {
        const what = names.map(n => (n === WARN ? `warns (${n})` : `audits (${n})`)).join(' and ');
        const reasons = violationsAt(evaluation, level);
        hits.push({
          object: w.object,
          path: w.specPath,
          message: `namespace '${w.namespace}' ${what} at Pod Security level '${level}' but the pod needs '${evaluation.level}': `
            + describeReasons(reasons, w.specPath),
          hint: levelHint(level, evaluation.level, w.namespace, names[0], reasons),
        });
      }
    }
    return hits;
  },
};

const podSecurityLevel: Rule = {
  id: 'pod-security/level',
  severity: Severity.INFO,
  description: 'Reports the Pod Security Standards level (privileged, baseline, restricted) each workload needs, with the PSA checks that keep it out of stricter levels.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const w of podWorkloads(ctx)) {
      const evaluation = podSecurityOf(w);
      hits.push({ object: w.object, path: w.specPath, message: levelMessage(evaluation) });
    }
    return hits;
  },
};

const RESTRICTED_MESSAGE = 'the pod meets the restricted Pod Security level';

/** `needs 'privileged': baseline is forbidden by ...; restricted is also forbidden by ...`, naming check ids (one shared string per content). */
function levelMessage(evaluation: PodSecurityEvaluation): string {
  const { level, reasons } = evaluation;
  if (level === 'restricted') return RESTRICTED_MESSAGE;
  const baselineIds = level === 'privileged' ? checkIds(reasons, r => r.level === 'baseline') : '';
  const restrictedIds = checkIds(reasons, r => r.level === 'restricted');
  return shared(`level|${level}|${baselineIds}|${restrictedIds}`, () => {
    const parts: string[] = [];
    if (baselineIds) parts.push(`baseline is forbidden by ${baselineIds}`);
    if (restrictedIds) parts.push(`restricted is ${baselineIds ? 'also ' : ''}forbidden by ${restrictedIds}`);
    return `the pod needs Pod Security level '${level}': ${parts.join('; ')}`;
  });
}

/** Pod Security Standards rules. @internal */
export const POD_SECURITY_RULES: Rule[] = [namespaceEnforce, namespaceWarn, podSecurityLevel];
