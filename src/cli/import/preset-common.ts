/**
 * What the preset importers (node-exporter.ts, fluent-bit.ts) share: the plan they return, object identity, the
 * metadata literal, the Service that exposes a DaemonSet's pods, and the pinned selector.
 */
import { call, Expr, lit, obj, ref, Stmt } from './code';
import { own } from './quote';
import { selectorPlan, SelectorPlan } from './selector';

/** A preset chosen for a DaemonSet and the objects that come with it. */
export interface PresetPlan {
  readonly stmts: Stmt[];
  /** Input objects (by identity) the preset stands for, and the expression of the construct to patch. */
  readonly handles: Map<string, Expr>;
  /** The identity a preset object has before its name is patched, mapped to the input's. */
  readonly renamed: Map<string, string>;
  /** Which preset, for messages. */
  readonly preset: string;
  /** `--adopt-defaults`: paths (by input object) the preset renders from typed props read from the input. */
  readonly adoptable?: Map<string, string[]>;
}

/** A recognised preset that cannot reproduce the manifest, and why. */
export interface PresetRejection {
  readonly rejected: string;
}

/** `Kind/namespace/name`, how the importer matches objects. */
export const identity = (o: any) => `${o?.kind}/${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''}`;

/** The metadata literal of a preset's `metadata` or `podMetadata` prop. */
export function metadata(m: any): Expr {
  const out: { [k: string]: Expr | undefined } = {};
  for (const k of ['name', 'namespace', 'labels', 'annotations']) if (m?.[k] !== undefined) out[k] = lit(m[k]);
  return obj(out);
}

/** The Service of the input that exposes these pods, if exactly one does. */
export function serviceFor(ds: any, objects: any[]): any | undefined {
  const labels = ds.spec?.template?.metadata?.labels ?? {};
  const ns = ds.metadata?.namespace;
  const matches = objects.filter(o => o?.kind === 'Service' && o.metadata?.namespace === ns && o.spec?.selector
    && Object.entries(o.spec.selector).every(([k, v]) => labels[k] === v));
  return matches.length === 1 ? matches[0] : undefined;
}

const SERVICE_TYPES: { [t: string]: string } = { ClusterIP: 'CLUSTER_IP', NodePort: 'NODE_PORT', LoadBalancer: 'LOAD_BALANCER' };

/** The `DaemonSetServiceType` of an input Service. */
export function serviceType(svc: any): Expr {
  const t = svc.spec?.type ?? 'ClusterIP';
  if (t === 'ClusterIP' && svc.spec?.clusterIP === 'None') return ref('DaemonSetServiceType.HEADLESS');
  return ref(`DaemonSetServiceType.${own(SERVICE_TYPES, t) ?? 'CLUSTER_IP'}`);
}

/** The preset's selector: the input's, pinned with `selectorLabels`; a selector that cannot be pinned rejects the preset. */
export function presetSelector(ds: any, v: string): SelectorPlan | PresetRejection {
  const selector = selectorPlan(ds.spec?.selector, v, true);
  return selector.pinned ? selector : { rejected: 'its selector has no matchLabels, or a requirement without a typed form, so selectorLabels cannot pin it' };
}

/** `Duration.seconds(n)` for a whole number of seconds. */
export function seconds(n: unknown): Expr | undefined {
  return Number.isInteger(n) ? call('Duration.seconds', lit(n)) : undefined;
}

/** An input ClusterRole and the ClusterRoleBinding that binds it to a DaemonSet's ServiceAccount, both named. */
export interface BoundClusterRole {
  readonly role: any;
  readonly binding: any;
}

/**
 * The input's ClusterRoleBinding of the pods' ServiceAccount (in the DaemonSet's namespace) to a ClusterRole of the
 * input that `accepts`, when exactly one binds it: the preset's own RBAC then stands for both, named as the input's.
 */
export function boundClusterRole(ds: any, objects: any[], accepts: (role: any) => boolean = () => true): BoundClusterRole | undefined {
  const ns = ds.metadata?.namespace;
  const account = ds.spec?.template?.spec?.serviceAccountName;
  // Only well-formed RBAC stands for the preset's (named, rules and subjects lists): any other stays an object of its own.
  const named = (o: any) => typeof o?.metadata?.name === 'string';
  const found = objects.filter(o => o?.kind === 'ClusterRoleBinding' && named(o) && o.roleRef?.kind === 'ClusterRole'
    && Array.isArray(o.subjects) && o.subjects.some((s: any) => s?.kind === 'ServiceAccount' && s.name === account && s.namespace === ns))
    .map(binding => ({ binding, role: objects.find(o => o?.kind === 'ClusterRole' && named(o) && o.metadata.name === binding.roleRef?.name) }))
    .filter(x => x.role && (x.role.rules === undefined || Array.isArray(x.role.rules)) && accepts(x.role));
  return found.length === 1 ? found[0] : undefined;
}
