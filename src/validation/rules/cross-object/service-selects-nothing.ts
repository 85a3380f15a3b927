import { namespaceOf } from './common';
import { checkLabels } from '../../../k8s/label-selector';
import { podTemplates } from '../../../k8s/pod-template';
import { asObject, displayName, own } from '../../../k8s/shape';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

function selects(selector: { [key: string]: string }, labels: { [key: string]: string }): boolean {
  return Object.entries(selector).every(([k, v]) => own(labels, k) === v);
}

export const serviceSelectsNothing: Rule = {
  id: 'cross-object/service-selects-nothing',
  severity: Severity.WARNING,
  description: 'A Service with a selector that no pod template of the input (same namespace) matches: it would have no endpoints.',
  why: 'A Service whose selector matches no pod has no endpoints: clients get refused or time out, and a ServiceMonitor scraping it collects nothing.',
  fix: 'Make the selector match the pod template\'s labels (a Service selects pods of its own namespace only).',
  equivalents: { kubeScore: 'service-targets-pod', kubeLinter: 'dangling-service' },
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    // Pod template labels by namespace and label: a Service is compared only with the templates
    // that carry its selector's first label, not with every object of the input.
    const byLabel = new TemplatesByLabel();
    for (const o of ctx.objects) {
      const templates = podTemplates(o);
      if (templates.length === 0) continue;
      const ns = namespaceOf(o);
      for (const t of templates) {
        const labels = asObject(t.metadata.labels);
        for (const k in labels) {
          if (!Object.prototype.hasOwnProperty.call(labels, k)) continue;
          const v = labels[k];
          if (typeof v === 'string') byLabel.add(ns, k, v, labels);
        }
      }
    }
    for (const svc of ctx.objects) {
      const selector = asObject(asObject(svc.spec).selector);
      // A selector value that is not a string is the schema rule's to report.
      if (svc.kind !== 'Service' || Object.keys(selector).length === 0 || Object.values(selector).some(v => typeof v !== 'string')) continue;
      // A selector the API server rejects (semantics/service-selector) selects nothing: that finding says enough.
      if (checkLabels(selector, 'spec.selector').length > 0) continue;
      const ns = namespaceOf(svc);
      const [firstKey, firstValue] = Object.entries<string>(selector)[0];
      const matched = byLabel.get(ns, firstKey, firstValue).some(labels => selects(selector, labels));
      if (!matched) {
        hits.push({
          object: svc,
          path: 'spec.selector',
          message: `Service '${displayName(svc)}' selects ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')}, which no pod template in namespace '${ns}' carries`,
          hint: 'fix the selector or the pod template labels (a Service selects pods of its own namespace only)',
        });
      }
    }
    return hits;
  },
};

type Labels = { [key: string]: string };
const NO_TEMPLATES: readonly Labels[] = Object.freeze([]);

/** The pod templates' labels by namespace, label key and value: nested maps, so no key string is built per label. */
class TemplatesByLabel {
  private readonly byNamespace = new Map<string, Map<string, Map<string, Labels[]>>>();

  /** Records that a template in `namespace` carries `key=value` among `labels`. */
  public add(namespace: string, key: string, value: string, labels: Labels): void {
    let byKey = this.byNamespace.get(namespace);
    if (byKey === undefined) this.byNamespace.set(namespace, byKey = new Map());
    let byValue = byKey.get(key);
    if (byValue === undefined) byKey.set(key, byValue = new Map());
    const list = byValue.get(value);
    if (list) list.push(labels);
    else byValue.set(value, [labels]);
  }

  /** The labels of every template in `namespace` that carries `key=value`. */
  public get(namespace: string, key: string, value: string): readonly Labels[] {
    return this.byNamespace.get(namespace)?.get(key)?.get(value) ?? NO_TEMPLATES;
  }
}
