import { hostPortsOf, nodesCanOverlap } from './node-overlap';
import { exceeds, parseQuantity } from './quantity';
import { EXPECTED_NODE_COUNT_ANNOTATION } from '../quota';
import { containersOf, Manifest, podTemplates, Rule, RuleContext, RuleHit, Severity } from './rule';

/** Priority classes every cluster has. */
const BUILT_IN_PRIORITY_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

function namespaceOf(obj: Manifest): string {
  return obj.metadata?.namespace ?? 'default';
}

function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function describe(obj: Manifest): string {
  return `${obj.kind} '${obj.metadata?.name ?? '?'}'`;
}

/** The JSON path of the port entry of `container` that binds `port` on the host. */
function portPath(spec: Manifest, container: string, port: number): string {
  for (const { container: c, path } of containersOf(spec)) {
    if (c.name !== container) continue;
    const i = (c.ports ?? []).findIndex((p: Manifest) => (p.hostPort ?? (spec.hostNetwork === true ? p.containerPort : undefined)) === port);
    if (i >= 0) return `spec.template.spec.${path}.ports[${i}]`;
  }
  return 'spec.template.spec';
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
      if (b.kind !== 'DaemonSet' || !b.spec?.template?.spec) continue;
      const sb = b.spec.template.spec;
      for (const pb of hostPortsOf(sb)) {
        const earlier = byPort.get(pb.key) ?? [];
        const clash = earlier.find(e => nodesCanOverlap(e.ds.spec.template.spec, sb));
        if (clash) {
          hits.push({
            object: b,
            path: portPath(sb, pb.container, pb.port),
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
      if (!o.kind || !o.metadata?.name) continue;
      defined.add(key(o.kind, o.kind === 'PriorityClass' ? undefined : namespaceOf(o), o.metadata.name));
    }
    const hits: RuleHit[] = [];
    for (const obj of ctx.objects) {
      const ns = namespaceOf(obj);
      for (const { path, spec } of podTemplates(obj)) {
        const refs: { kind: string; name: string; path: string }[] = [];
        if (spec.serviceAccountName && spec.serviceAccountName !== 'default') refs.push({ kind: 'ServiceAccount', name: spec.serviceAccountName, path: `${path}.serviceAccountName` });
        if (spec.priorityClassName && !BUILT_IN_PRIORITY_CLASSES.has(spec.priorityClassName)) refs.push({ kind: 'PriorityClass', name: spec.priorityClassName, path: `${path}.priorityClassName` });
        (spec.imagePullSecrets ?? []).forEach((r: Manifest, i: number) => {
          if (r.name) refs.push({ kind: 'Secret', name: r.name, path: `${path}.imagePullSecrets[${i}]` });
        });
        (spec.volumes ?? []).forEach((v: Manifest, i: number) => {
          if (v.configMap?.name && v.configMap.optional !== true) refs.push({ kind: 'ConfigMap', name: v.configMap.name, path: `${path}.volumes[${i}].configMap` });
          if (v.secret?.secretName && v.secret.optional !== true) refs.push({ kind: 'Secret', name: v.secret.secretName, path: `${path}.volumes[${i}].secret` });
          (v.projected?.sources ?? []).forEach((src: Manifest, j: number) => {
            const at = `${path}.volumes[${i}].projected.sources[${j}]`;
            if (src.configMap?.name && src.configMap.optional !== true) refs.push({ kind: 'ConfigMap', name: src.configMap.name, path: `${at}.configMap` });
            if (src.secret?.name && src.secret.optional !== true) refs.push({ kind: 'Secret', name: src.secret.name, path: `${at}.secret` });
          });
        });
        for (const { container, path: cpath } of containersOf(spec)) {
          (container.env ?? []).forEach((e: Manifest, i: number) => {
            const cm = e.valueFrom?.configMapKeyRef;
            const sec = e.valueFrom?.secretKeyRef;
            if (cm?.name && cm.optional !== true) refs.push({ kind: 'ConfigMap', name: cm.name, path: `${path}.${cpath}.env[${i}]` });
            if (sec?.name && sec.optional !== true) refs.push({ kind: 'Secret', name: sec.name, path: `${path}.${cpath}.env[${i}]` });
          });
          (container.envFrom ?? []).forEach((e: Manifest, i: number) => {
            if (e.configMapRef?.name && e.configMapRef.optional !== true) refs.push({ kind: 'ConfigMap', name: e.configMapRef.name, path: `${path}.${cpath}.envFrom[${i}]` });
            if (e.secretRef?.name && e.secretRef.optional !== true) refs.push({ kind: 'Secret', name: e.secretRef.name, path: `${path}.${cpath}.envFrom[${i}]` });
          });
        }
        for (const ref of refs) {
          if (defined.has(key(ref.kind, ref.kind === 'PriorityClass' ? undefined : ns, ref.name))) continue;
          hits.push({
            object: obj,
            path: ref.path,
            message: `${describe(obj)} refers to ${ref.kind} '${ref.name}'${ref.kind === 'PriorityClass' ? '' : ` in namespace '${ns}'`}, which the input does not define`,
            hint: `define the ${ref.kind} in the same app, or make sure it exists in the cluster before the pods start`,
          });
        }
      }
    }
    return hits;
  },
};

function selects(selector: { [key: string]: string }, labels: { [key: string]: string }): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
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
        const labels = t.metadata.labels ?? {};
        for (const [k, v] of Object.entries<string>(labels)) {
          const labelKey = `${namespaceOf(o)}\0${k}=${v}`;
          const list = byLabel.get(labelKey);
          if (list) list.push(labels);
          else byLabel.set(labelKey, [labels]);
        }
      }
    }
    for (const svc of ctx.objects) {
      if (svc.kind !== 'Service' || !svc.spec?.selector || Object.keys(svc.spec.selector).length === 0) continue;
      const ns = namespaceOf(svc);
      const [firstKey, firstValue] = Object.entries<string>(svc.spec.selector)[0];
      const matched = (byLabel.get(`${ns}\0${firstKey}=${firstValue}`) ?? []).some(labels => selects(svc.spec.selector, labels));
      if (!matched) {
        hits.push({
          object: svc,
          path: 'spec.selector',
          message: `Service '${svc.metadata?.name}' selects ${Object.entries(svc.spec.selector).map(([k, v]) => `${k}=${v}`).join(', ')}, which no pod template in namespace '${ns}' carries`,
          hint: 'fix the selector or the pod template labels (a Service selects pods of its own namespace only)',
        });
      }
    }
    return hits;
  },
};

/** The sum over containers of a resource, with init containers by the max rule. */
function podRequest(spec: Manifest, field: 'requests' | 'limits', resource: string): number {
  let sum = 0;
  let initMax = 0;
  for (const { container, init } of containersOf(spec)) {
    const raw = container.resources?.[field]?.[resource] ?? (field === 'requests' ? container.resources?.limits?.[resource] : undefined);
    const q = raw === undefined ? 0 : parseQuantity(raw) ?? 0;
    if (init) initMax = Math.max(initMax, q);
    else sum += q;
  }
  return Math.max(sum, initMax);
}

const quotaFit: Rule = {
  id: 'cross-object/quota-fit',
  severity: Severity.ERROR,
  description: 'The DaemonSets of a namespace, times the expected node count, exceed a ResourceQuota of that namespace: pods beyond the quota are never created.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const quota of ctx.objects) {
      if (quota.kind !== 'ResourceQuota' || !quota.spec?.hard) continue;
      const ns = namespaceOf(quota);
      const daemonSets = ctx.objects.filter(o => o.kind === 'DaemonSet' && namespaceOf(o) === ns && o.spec?.template?.spec);
      if (daemonSets.length === 0) continue;
      // NamespaceQuota records its own expected node count on the quota.
      const annotated = Number(quota.metadata?.annotations?.[EXPECTED_NODE_COUNT_ANNOTATION]);
      const nodes = Number.isInteger(annotated) && annotated > 0 ? annotated : ctx.expectedNodeCount;
      for (const [resource, hardRaw] of Object.entries<any>(quota.spec.hard)) {
        const hard = parseQuantity(hardRaw);
        if (hard === undefined) continue;
        let used: number;
        const m = /^(requests|limits)\.(.+)$/.exec(resource);
        if (resource === 'pods') {
          used = daemonSets.length * nodes;
        } else if (m) {
          used = daemonSets.reduce((s, d) => s + podRequest(d.spec.template.spec, m[1] as 'requests' | 'limits', m[2]), 0) * nodes;
        } else if (resource === 'cpu' || resource === 'memory') {
          used = daemonSets.reduce((s, d) => s + podRequest(d.spec.template.spec, 'requests', resource), 0) * nodes;
        } else {
          continue;
        }
        if (exceeds(used, hard)) {
          hits.push({
            object: quota,
            path: `spec.hard.${resource}`,
            message: `ResourceQuota '${quota.metadata?.name}' allows ${resource} ${hardRaw} in namespace '${ns}', but its ${daemonSets.length} DaemonSet(s) need ${formatAmount(used, resource)} on ${nodes} nodes`,
            hint: 'raise the quota, lower the requests, or set expectedNodeCount to the real node count',
          });
        }
      }
    }
    return hits;
  },
};

function formatAmount(value: number, resource: string): string {
  if (resource.endsWith('memory') || resource.endsWith('storage')) return `${Math.ceil(value / 2 ** 20)}Mi`;
  if (resource.endsWith('cpu')) return `${Math.round(value * 1000)}m`;
  return `${Math.round(value * 1000) / 1000}`;
}

const limitRangeFit: Rule = {
  id: 'cross-object/limit-range-fit',
  severity: Severity.ERROR,
  description: 'A container\'s requests or limits fall outside a LimitRange min/max of its namespace: the API server rejects the pods.',
  check(ctx: RuleContext): RuleHit[] {
    const hits: RuleHit[] = [];
    for (const lr of ctx.objects) {
      if (lr.kind !== 'LimitRange') continue;
      const ns = namespaceOf(lr);
      for (const item of lr.spec?.limits ?? []) {
        if (item.type !== 'Container') continue;
        for (const obj of ctx.objects) {
          if (namespaceOf(obj) !== ns) continue;
          for (const { path, spec } of podTemplates(obj)) {
            for (const { container, path: cpath } of containersOf(spec)) {
              for (const [bound, cmp] of [['min', (v: number, b: number) => exceeds(b, v)], ['max', (v: number, b: number) => exceeds(v, b)]] as const) {
                for (const [resource, boundRaw] of Object.entries<any>(item[bound] ?? {})) {
                  const b = parseQuantity(boundRaw);
                  for (const field of ['requests', 'limits'] as const) {
                    const raw = container.resources?.[field]?.[resource];
                    const v = raw === undefined ? undefined : parseQuantity(raw);
                    if (b === undefined || v === undefined || !cmp(v, b)) continue;
                    hits.push({
                      object: obj,
                      path: `${path}.${cpath}.resources.${field}.${resource}`,
                      message: `${describe(obj)} container '${container.name}' ${field} ${resource} ${raw}, but LimitRange '${lr.metadata?.name}' of namespace '${ns}' sets ${bound} ${boundRaw}`,
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
