import { hostPortPath, hostPortsOf } from '../k8s/host-ports';
import { nodesCanOverlap } from '../scheduling/node-overlap';
import { podLimits, podRequests } from '../k8s/pod-requests';
import { exceeds, formatAmount, parseQuantity } from '../k8s/quantity';
import { EXPECTED_NODE_COUNT_ANNOTATION } from '../k8s/well-known';
import { Rule, RuleContext, RuleHit, Severity } from './rule';
import { asObject, displayName, entriesOf, isObject, Manifest, nameOf, namespaceFieldOf, objectItems, own, str, text } from '../k8s/shape';
import { podReferences } from '../k8s/pod-references';
import { containersOf, podTemplates } from '../k8s/pod-template';

/** Priority classes every cluster has. */
const BUILT_IN_PRIORITY_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

function namespaceOf(obj: Manifest): string {
  return namespaceFieldOf(obj) ?? 'default';
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/** `.path` for a path below the pod spec; nothing when there is none. */
function atPath(path: string | undefined): string {
  return path === undefined ? '' : `.${path}`;
}

function describe(obj: Manifest): string {
  return `${text(obj.kind)} '${displayName(obj)}'`;
}

const hostPortCollision: Rule = {
  id: 'cross-object/host-port-collision',
  severity: Severity.ERROR,
  description: 'Two DaemonSets whose nodes can overlap bind the same host port (hostPort, or a containerPort with hostNetwork): the second pod stays Pending on every shared node.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    // Earlier DaemonSets by host port: each DaemonSet is compared only with those binding one of its
    // ports, and reported once per port (against the first it can share nodes with).
    const byPort = new Map<string, { ds: Manifest; container: string }[]>();
    for (const b of ctx.objects) {
      if (b.kind !== 'DaemonSet' || !isObject(asObject(asObject(b.spec).template).spec)) continue;
      const sb = b.spec.template.spec;
      for (const pb of hostPortsOf(sb)) {
        const earlier = byPort.get(pb.key) ?? [];
        const clash = earlier.find(e => nodesCanOverlap(e.ds.spec.template.spec, sb));
        if (clash) {
          hits.push({
            object: b,
            path: `spec.template.spec${atPath(hostPortPath(sb, pb.container, pb.port))}`,
            message: `${describe(b)} container '${pb.container}' binds host port ${pb.key}, which ${describe(clash.ds)} (namespace '${namespaceOf(clash.ds)}') container '${clash.container}' also binds on the same nodes`,
            hint: 'give one of them another port, or node selectors / required node affinity that keep them apart',
          });
        }
        earlier.push({ ds: b, container: pb.container });
        byPort.set(pb.key, earlier);
      }
    }
    return hits;
  },
};

const missingReference: Rule = {
  id: 'cross-object/missing-reference',
  severity: Severity.WARNING,
  description: 'A pod template refers to a ServiceAccount, ConfigMap, Secret or PriorityClass the input does not define (it may exist in the cluster already).',
  check(ctx: RuleContext): RuleHit[] {
    const defined = new Set<string>();
    for (const o of ctx.objects) {
      const name = nameOf(o);
      if (typeof o.kind !== 'string' || name === undefined) continue;
      defined.add(key(o.kind, o.kind === 'PriorityClass' ? undefined : namespaceOf(o), name));
    }
    const hits: RuleHit[] = [];
    for (const obj of ctx.objects) {
      const ns = namespaceOf(obj);
      for (const ref of podReferences(obj)) {
        // The default ServiceAccount and the built-in priority classes exist in every cluster.
        if ((ref.kind === 'ServiceAccount' && ref.name === 'default') || (ref.kind === 'PriorityClass' && BUILT_IN_PRIORITY_CLASSES.has(ref.name))) continue;
        if (defined.has(key(ref.kind, ref.kind === 'PriorityClass' ? undefined : ns, ref.name))) continue;
        hits.push({
          object: obj,
          path: ref.path,
          message: `${describe(obj)} refers to ${ref.kind} '${ref.name}'${ref.kind === 'PriorityClass' ? '' : ` in namespace '${ns}'`}, which the input does not define`,
          hint: `define the ${ref.kind} in the same app, or make sure it exists in the cluster before the pods start`,
        });
      }
    }
    return hits;
  },
};

function selects(selector: { [key: string]: string }, labels: { [key: string]: string }): boolean {
  return Object.entries(selector).every(([k, v]) => own(labels, k) === v);
}

const serviceSelectsNothing: Rule = {
  id: 'cross-object/service-selects-nothing',
  severity: Severity.WARNING,
  description: 'A Service with a selector that no pod template of the input (same namespace) matches: it would have no endpoints.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    // Pod template labels by namespace and label: a Service is compared only with the templates
    // that carry its selector's first label, not with every object of the input.
    const byLabel = new Map<string, { [key: string]: string }[]>();
    for (const o of ctx.objects) {
      for (const t of podTemplates(o)) {
        const labels = asObject(t.metadata.labels);
        for (const [k, v] of Object.entries<unknown>(labels)) {
          if (typeof v !== 'string') continue;
          const labelKey = `${namespaceOf(o)}\0${k}=${v}`;
          const list = byLabel.get(labelKey);
          if (list) list.push(labels);
          else byLabel.set(labelKey, [labels]);
        }
      }
    }
    for (const svc of ctx.objects) {
      const selector = asObject(asObject(svc.spec).selector);
      // A selector value that is not a string is the schema rule's to report.
      if (svc.kind !== 'Service' || Object.keys(selector).length === 0 || Object.values(selector).some(v => typeof v !== 'string')) continue;
      const ns = namespaceOf(svc);
      const [firstKey, firstValue] = Object.entries<string>(selector)[0];
      const matched = (byLabel.get(`${ns}\0${firstKey}=${firstValue}`) ?? []).some(labels => selects(selector, labels));
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

/**
 * What one pod of a DaemonSet charges against a quota resource (`requests.cpu`, `limits.memory`, plain `cpu` meaning
 * requests), as the ResourceQuota admission counts it: sidecars, init containers and pod overhead included.
 */
function podCharge(spec: Manifest, field: 'requests' | 'limits', resource: string): number {
  return own(field === 'requests' ? podRequests(spec) : podLimits(spec), resource) ?? 0;
}

const quotaFit: Rule = {
  id: 'cross-object/quota-fit',
  severity: Severity.ERROR,
  description: 'The DaemonSets of a namespace, times the expected node count, exceed a ResourceQuota of that namespace: pods beyond the quota are never created.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const quota of ctx.objects) {
      const hardLimits = asObject(asObject(quota.spec).hard);
      if (quota.kind !== 'ResourceQuota' || Object.keys(hardLimits).length === 0) continue;
      const ns = namespaceOf(quota);
      const daemonSets = ctx.objects.filter(o => o.kind === 'DaemonSet' && namespaceOf(o) === ns && isObject(asObject(asObject(o.spec).template).spec));
      if (daemonSets.length === 0) continue;
      // NamespaceQuota records its own expected node count on the quota.
      const annotated = Number(str(own(asObject(asObject(quota.metadata).annotations), EXPECTED_NODE_COUNT_ANNOTATION)));
      const nodes = Number.isInteger(annotated) && annotated > 0 ? annotated : ctx.expectedNodeCount;
      for (const [resource, hardRaw] of Object.entries<any>(hardLimits)) {
        if (typeof hardRaw !== 'string' && typeof hardRaw !== 'number') continue;
        const hard = parseQuantity(hardRaw);
        if (hard === undefined) continue;
        let used: number;
        const m = /^(requests|limits)\.(.+)$/.exec(resource);
        if (resource === 'pods') {
          used = daemonSets.length * nodes;
        } else if (m) {
          used = daemonSets.reduce((s, d) => s + podCharge(d.spec.template.spec, m[1] as 'requests' | 'limits', m[2]), 0) * nodes;
        } else if (resource === 'cpu' || resource === 'memory') {
          used = daemonSets.reduce((s, d) => s + podCharge(d.spec.template.spec, 'requests', resource), 0) * nodes;
        } else {
          continue;
        }
        if (exceeds(used, hard)) {
          hits.push({
            object: quota,
            path: `spec.hard.${resource}`,
            message: `ResourceQuota '${displayName(quota)}' allows ${resource} ${hardRaw} in namespace '${ns}', but its ${daemonSets.length} DaemonSet(s) need ${formatAmount(resource.replace(/^(requests|limits)\./, ''), used)} on ${nodes} nodes`,
            hint: 'raise the quota, lower the requests, or set expectedNodeCount to the real node count',
          });
        }
      }
    }
    return hits;
  },
};

const limitRangeFit: Rule = {
  id: 'cross-object/limit-range-fit',
  severity: Severity.ERROR,
  description: 'A container\'s requests or limits fall outside a LimitRange min/max of its namespace: the API server rejects the pods.',
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
                      message: `${describe(obj)} container '${text(container.name)}' ${field} ${resource} ${raw}, but LimitRange '${displayName(lr)}' of namespace '${ns}' sets ${bound} ${boundRaw}`,
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

/** The cross-object rule family. @internal */
export const CROSS_OBJECT_RULES: Rule[] = [hostPortCollision, missingReference, serviceSelectsNothing, quotaFit, limitRangeFit];
