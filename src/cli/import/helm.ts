import { quote } from './quote';

/** What `import --helm-labels` does with Helm's bookkeeping labels and annotations. */
export type HelmLabelsMode = 'keep' | 'drop';

/** The values `--helm-labels` accepts; the first is the default. */
export const HELM_LABELS_MODES: readonly HelmLabelsMode[] = ['keep', 'drop'];

/** The annotations Helm (3.2+) writes on every object it installs, to recognise its release's objects. */
const HELM_ANNOTATIONS = ['meta.helm.sh/release-name', 'meta.helm.sh/release-namespace'];

/** A chart label value: `<chart name>-<semver>` (`fluentd-elasticsearch-13.3.0`). */
const CHART_VALUE = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?-v?\d+\.\d+\.\d+([-+][-+.a-zA-Z0-9]*)?$/;

type Json = { [key: string]: any };

const isMap = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const has = (o: Json, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** The release an object belongs to, as far as its own labels and annotations tell. */
function releaseOf(labels: Json, annotations: Json): string | undefined {
  if (typeof annotations['meta.helm.sh/release-name'] === 'string') return annotations['meta.helm.sh/release-name'];
  if ((labels.heritage === 'Helm' || labels.heritage === 'Tiller') && typeof labels.release === 'string') return labels.release;
  if (typeof labels['helm.sh/chart'] === 'string' && typeof labels['app.kubernetes.io/instance'] === 'string') return labels['app.kubernetes.io/instance'];
  return undefined;
}

/** Whether labels or annotations show that Helm installed the object. */
function helmManaged(labels: Json, annotations: Json): boolean {
  return has(labels, 'helm.sh/chart') || labels['app.kubernetes.io/managed-by'] === 'Helm'
    || labels.heritage === 'Helm' || labels.heritage === 'Tiller' || HELM_ANNOTATIONS.some(a => has(annotations, a));
}

/** Whether a label is Helm's bookkeeping: the chart and its version, the manager, the release (old charts' `release`). */
function isBookkeepingLabel(key: string, value: unknown, release: string | undefined): boolean {
  switch (key) {
    case 'helm.sh/chart': return true;
    case 'app.kubernetes.io/managed-by': return value === 'Helm';
    case 'heritage': return value === 'Helm' || value === 'Tiller';
    case 'release': return release !== undefined && value === release;
    case 'chart': return typeof value === 'string' && CHART_VALUE.test(value);
    default: return false;
  }
}

/**
 * The label keys any selector of the input uses: `matchLabels` and `matchExpressions` anywhere (DaemonSet,
 * ServiceMonitor, NetworkPolicy, ...) and plain `selector` maps (Service). Dropping such a label would make
 * the selector stop matching, so these keys are never dropped.
 */
function selectorKeys(objects: any[]): Set<string> {
  const keys = new Set<string>();
  const stack: unknown[] = [...objects];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) { stack.push(...node); continue; }
    if (!isMap(node)) continue;
    if (isMap(node.matchLabels)) Object.keys(node.matchLabels).forEach(k => keys.add(k));
    if (Array.isArray(node.matchExpressions)) node.matchExpressions.forEach((e: any) => { if (typeof e?.key === 'string') keys.add(e.key); });
    if (isMap(node.selector) && Object.values(node.selector).every(v => typeof v === 'string')) Object.keys(node.selector).forEach(k => keys.add(k));
    for (const [k, v] of Object.entries(node)) if (k !== 'metadata' || !isMap(v)) stack.push(v);
  }
  return keys;
}

/** What `applyHelmLabels` did, for the notes of the generated program. */
export interface HelmLabelsResult {
  /** The objects to recreate (with `drop`: without Helm's bookkeeping). */
  readonly objects: any[];
  /** Comment lines for the top of the program. */
  readonly notes: string[];
}

const describe = (o: any) => `${o?.kind} ${o?.metadata?.namespace ? `${o.metadata.namespace}/` : ''}${o?.metadata?.name ?? ''}`;

/**
 * Keeps or drops Helm's bookkeeping (`helm.sh/chart`, `app.kubernetes.io/managed-by: Helm`, `heritage`,
 * `release`, `chart` labels; `meta.helm.sh/release-name` and `-namespace` annotations) on objects that Helm
 * installed, in their metadata and their pod template's. A label any selector of the input uses is always
 * kept, so no selector and no selected pod label changes. The input objects are not changed.
 */
export function applyHelmLabels(input: any[], mode: HelmLabelsMode): HelmLabelsResult {
  const objects = input.map(o => JSON.parse(JSON.stringify(o)));
  const protectedKeys = selectorKeys(objects);
  const dropped = new Set<string>();
  const kept = new Set<string>();
  const changed: string[] = [];
  const rolled: string[] = [];
  for (const o of objects) {
    const labels: Json = isMap(o?.metadata?.labels) ? o.metadata.labels : {};
    const annotations: Json = isMap(o?.metadata?.annotations) ? o.metadata.annotations : {};
    const pod = isMap(o?.spec?.template?.metadata) ? o.spec.template.metadata : undefined;
    const podLabels: Json = isMap(pod?.labels) ? pod.labels : {};
    if (!helmManaged(labels, annotations) && !helmManaged(podLabels, {})) continue;
    const release = releaseOf(labels, annotations) ?? releaseOf(podLabels, {});
    const strip = (owner: Json | undefined, field: 'labels' | 'annotations'): boolean => {
      const map = owner?.[field];
      if (!isMap(map)) return false;
      let any = false;
      for (const [k, v] of Object.entries(map)) {
        const bookkeeping = field === 'labels' ? isBookkeepingLabel(k, v, release) : HELM_ANNOTATIONS.includes(k);
        if (!bookkeeping) continue;
        if (field === 'labels' && protectedKeys.has(k)) { kept.add(k); continue; }
        dropped.add(k);
        if (mode === 'drop') { delete map[k]; any = true; }
      }
      if (any && Object.keys(map).length === 0) delete owner![field];
      return any;
    };
    const own = [strip(o.metadata, 'labels'), strip(o.metadata, 'annotations')].some(x => x);
    const template = [strip(pod, 'labels'), strip(pod, 'annotations')].some(x => x);
    if (own || template) changed.push(describe(o));
    if (template) rolled.push(describe(o));
  }
  return { objects: mode === 'drop' ? objects : input, notes: notes(mode, [...dropped].sort(), [...kept].sort(), changed, rolled) };
}

function notes(mode: HelmLabelsMode, dropped: string[], kept: string[], changed: string[], rolled: string[]): string[] {
  if (dropped.length === 0 && kept.length === 0) return [];
  const list = (keys: string[]) => keys.map(quote).join(', ');
  const keptNote = kept.length > 0 ? [`import: Helm labels that a selector of the input uses are kept in every mode: ${list(kept)}.`] : [];
  if (mode === 'keep') {
    return dropped.length === 0 ? keptNote : [
      `import: Helm's bookkeeping (${list(dropped)}) is kept as in the input (--helm-labels keep, the default), `
      + 'so the first apply changes no object; --helm-labels drop leaves it out.',
      ...keptNote,
    ];
  }
  return [
    `import: --helm-labels drop left out Helm's bookkeeping (${list(dropped)}) of ${changed.map(quote).join(', ')}.`
    + (rolled.length > 0 ? ` Their pod templates change, so the first apply rolls the pods of ${rolled.map(quote).join(', ')}.` : ''),
    'import: server-side apply does not remove fields that another manager (helm) owns: remove these labels and '
    + 'annotations from the live objects once (kubectl label/annotate KEY-), or they stay.',
    ...keptNote,
  ];
}
