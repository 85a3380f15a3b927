import { describe, namespaceOf } from './common';
import { humanQuantity } from '../../../k8s/human-units';
import { containersOf, podTemplates } from '../../../k8s/pod-template';
import { exceeds, parseQuantity } from '../../../k8s/quantity';
import { asObject, displayName, entriesOf, objectItems, own, text } from '../../../k8s/shape';
import { Rule, RuleContext, RuleHit, Severity } from '../../rule';

export const limitRangeFit: Rule = {
  id: 'cross-object/limit-range-fit',
  severity: Severity.ERROR,
  description: 'A container\'s requests or limits fall outside a LimitRange min/max of its namespace: the API server rejects the pods.',
  why: 'The LimitRanger admission refuses every pod whose containers fall outside the LimitRange\'s min or max: the controller creates no pod in that namespace.',
  fix: 'Keep each container\'s requests and limits between the LimitRange\'s min and max, or change the LimitRange.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const lr of ctx.objects) {
      if (lr.kind !== 'LimitRange') continue;
      const ns = namespaceOf(lr);
      for (const { item } of objectItems(asObject(lr.spec).limits)) {
        if (item.type !== 'Container') continue;
        for (const obj of ctx.objects) {
          if (namespaceOf(obj) !== ns) continue;
          for (const { path, spec } of podTemplates(obj)) {
            for (const { container, path: cpath } of containersOf(spec)) {
              for (const [bound, cmp] of [['min', (v: number, b: number) => exceeds(b, v)], ['max', (v: number, b: number) => exceeds(v, b)]] as const) {
                for (const [resource, boundRaw] of entriesOf(item[bound])) {
                  const b = typeof boundRaw === 'string' || typeof boundRaw === 'number' ? parseQuantity(boundRaw) : undefined;
                  for (const field of ['requests', 'limits'] as const) {
                    const raw = own(asObject(container.resources)[field], resource);
                    const v = typeof raw === 'string' || typeof raw === 'number' ? parseQuantity(raw) : undefined;
                    if (b === undefined || v === undefined || !cmp(v, b)) continue;
                    hits.push({
                      object: obj,
                      path: `${path}.${cpath}.resources.${field}.${resource}`,
                      message: `${describe(obj)} container '${text(container.name)}' ${field} ${resource} ${humanQuantity(resource, raw)}, but LimitRange '${displayName(lr)}' of namespace '${ns}' sets ${bound} ${humanQuantity(resource, boundRaw)}`,
                      hint: `keep ${resource} between the LimitRange's min and max`,
                    });
                  }
                }
              }
            }
          }
        }
      }
    }
    return hits;
  },
};
