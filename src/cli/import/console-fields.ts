import { quote } from './quote';
import { describeObject } from './screen';

/**
 * Fields that consoles' DaemonSet forms (and manifests ported from a Deployment) carry but a DaemonSet does not
 * have: `spec.replicas`, the `Recreate` update strategy, and pod restart policies other than `Always`. The API
 * server refuses them (the replica count only with strict field validation, which `kubectl apply` uses by
 * default; otherwise it drops it), so code that reproduced them could never be applied. Import writes what the
 * DaemonSet does instead, and a note says why.
 */

/** An input with its console fields answered, and the notes that explain each answer. */
export interface AnsweredObjects {
  /** The objects to import: DaemonSets without the fields they cannot have. */
  readonly objects: any[];
  /** The notes of each changed object (keyed by the object in `objects`). */
  readonly notes: Map<any, string[]>;
}

const isDaemonSet = (o: any) => o?.kind === 'DaemonSet' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('apps/');
const isObject = (v: unknown): v is { [key: string]: any } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value as it reads in a note: a number as is, anything else quoted (it comes from the input). */
const shown = (v: unknown) => (typeof v === 'number' ? String(v) : quote(typeof v === 'string' ? v : JSON.stringify(v) ?? String(v)));

/**
 * Replaces, in copies of the DaemonSets that have them, the fields a DaemonSet does not have: drops
 * `spec.replicas`, turns `Recreate` into a rolling update with `maxUnavailable: 100%` (every pod replaced at once,
 * as Recreate does), and sets the pod template's restart policy to `Always`. Other objects pass unchanged.
 */
export function answerConsoleFields(objects: readonly any[]): AnsweredObjects {
  const notes = new Map<any, string[]>();
  const out = objects.map(o => {
    if (!isDaemonSet(o) || !isObject(o.spec)) return o;
    const spec = { ...o.spec };
    const said: string[] = [];
    const who = describeObject(o);
    if ('replicas' in spec) {
      said.push(`import: ${who} sets spec.replicas ${shown(spec.replicas)}, which a DaemonSet does not have (the API server refuses it `
        + 'under strict field validation, the default of kubectl apply, and drops it otherwise): a DaemonSet runs one pod on every node its '
        + 'nodeSelector, affinity and tolerations admit. It is left out; choose fewer nodes with nodeSelector or placement.');
      delete spec.replicas;
    }
    if (isObject(spec.updateStrategy) && spec.updateStrategy.type === 'Recreate') {
      said.push(`import: ${who} uses the update strategy Recreate, which a DaemonSet does not have (the API server accepts RollingUpdate and `
        + 'OnDelete only). It becomes a rolling update with maxUnavailable 100%, which replaces every pod at once as Recreate does; '
        + 'DaemonSetUpdateStrategy.onDelete() replaces a pod only when you delete it.');
      spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%' } };
    }
    const podSpec = isObject(spec.template) && isObject(spec.template.spec) ? spec.template.spec : undefined;
    if (podSpec && 'restartPolicy' in podSpec && podSpec.restartPolicy !== 'Always') {
      said.push(`import: ${who} sets the pods' restartPolicy ${shown(podSpec.restartPolicy)}, but a DaemonSet's pods always restart (the API `
        + 'server accepts only Always): the kubelet restarts a container that exits, with a back-off. It becomes Always; for work that runs '
        + 'to completion, use a Job, or an init container for a one-off step.');
      spec.template = { ...spec.template, spec: { ...podSpec, restartPolicy: 'Always' } };
    }
    if (said.length === 0) return o;
    const changed = { ...o, spec };
    notes.set(changed, said);
    return changed;
  });
  return { objects: out, notes };
}
