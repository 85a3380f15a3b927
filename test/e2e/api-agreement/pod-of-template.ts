/**
 * The Pod a workload controller creates from a pod template, as plain JSON, for the oracle's second
 * question: "the API accepts this DaemonSet, but would it accept its Pods?".
 */

/** Where each workload kind keeps its pod template. */
const TEMPLATE_PATHS: { [kind: string]: string[] } = {
  DaemonSet: ['spec', 'template'],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

const isObject = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Whether objects of this kind carry a pod template (their accepted objects get a Pod verdict too). */
export function hasPodTemplate(object: unknown): boolean {
  return isObject(object) && typeof object.kind === 'string' && TEMPLATE_PATHS[object.kind] !== undefined;
}

/**
 * The tolerations the DaemonSet controller adds to every pod it creates.
 * Mirrors AddOrUpdateDaemonPodTolerations in pkg/controller/daemon/util/daemonset_util.go.
 */
function daemonTolerations(hostNetwork: boolean): any[] {
  const out = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (hostNetwork) out.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' });
  return out;
}

/**
 * Adds or replaces tolerations the way AddOrUpdateTolerationInPodSpec in pkg/apis/core/v1/helper/helpers.go
 * does: one with the same key, operator, value and effect is replaced, any other is appended.
 */
function withTolerations(existing: unknown, added: any[]): unknown {
  if (existing !== undefined && !Array.isArray(existing)) return existing;
  const out: any[] = [...(existing ?? [])];
  for (const t of added) {
    const same = (o: any) => isObject(o) && o.key === t.key && (o.operator ?? 'Equal') === t.operator && (o.value ?? '') === '' && o.effect === t.effect;
    const i = out.findIndex(same);
    if (i >= 0) out[i] = t;
    else out.push(t);
  }
  return out;
}

/**
 * The Pod the controller of `workload` would create, or undefined when the workload has no template
 * object. Mirrors GetPodFromTemplate and getPodsPrefix in pkg/controller/controller_utils.go (labels,
 * annotations and finalizers of the template, `<name>-` as generateName, the template's spec), plus the
 * DaemonSet controller's tolerations. The controller's per-node affinity and revision labels are left
 * out: they need a node and a revision, and only narrow where a valid pod runs.
 */
export function podOfTemplate(workload: any, namespace: string): any | undefined {
  const templatePath = TEMPLATE_PATHS[workload?.kind];
  if (!templatePath) return undefined;
  let template: any = workload;
  for (const s of templatePath) template = isObject(template) ? template[s] : undefined;
  if (!isObject(template)) return undefined;
  const meta = isObject(template.metadata) ? template.metadata : {};
  const name = typeof workload.metadata?.name === 'string' ? workload.metadata.name : 'workload';
  const metadata: Record<string, unknown> = { namespace, generateName: name.length < 253 ? `${name}-` : name };
  for (const k of ['labels', 'annotations', 'finalizers']) if (meta[k] !== undefined) metadata[k] = meta[k];
  const spec = isObject(template.spec) ? { ...template.spec } : template.spec;
  if (workload.kind === 'DaemonSet' && isObject(spec)) spec.tolerations = withTolerations(spec.tolerations, daemonTolerations(spec.hostNetwork === true));
  return { apiVersion: 'v1', kind: 'Pod', metadata, ...(spec !== undefined ? { spec } : {}) };
}
