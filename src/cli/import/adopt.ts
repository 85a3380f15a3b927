/**
 * `import --adopt-defaults`: keep the library's defaults and hardening where the input differs only there, instead
 * of escape hatches that undo them; every such change is listed, so the reviewer sees what the first apply changes.
 * What stays a patch: the input's content without a typed form (a field the library does not write at all), the
 * object's identity (name, namespace, selector, pod labels), and values the library writes but the input sets
 * otherwise outside the defaults below (resources the input gives, a config file, a new flag).
 */
import { Difference, pointer } from './diff';
import { quote } from './quote';

/** Fields whose value the library chooses (its defaults and hardening): the library's value is kept. */
const LIBRARY_CHOICES = new Set([
  'securityContext', 'dnsPolicy', 'restartPolicy', 'setHostnameAsFQDN', 'terminationGracePeriodSeconds',
  'automountServiceAccountToken', 'priorityClassName', 'minReadySeconds', 'revisionHistoryLimit', 'updateStrategy',
  'tolerations', 'imagePullPolicy', 'mountPropagation', 'hostPort', 'protocol', 'scheme', 'externalIPs',
  'livenessProbe', 'readinessProbe', 'startupProbe', 'hostIPC', 'hostPID',
]);

/** Fields the API server fills in with these values when they are left out: writing them changes nothing. */
const API_DEFAULTS: { readonly [field: string]: unknown } = {
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  schedulerName: 'default-scheduler',
  protocol: 'TCP',
  scheme: 'HTTP',
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  successThreshold: 1,
  timeoutSeconds: 1,
  periodSeconds: 10,
  failureThreshold: 3,
  sessionAffinity: 'None',
  type: '',
  // Prometheus' relabeling defaults (prometheus-operator passes them through).
  regex: '(.*)',
  replacement: '$1',
};

/** What a preset's auxiliary object may differ in and still be the preset's: its metadata and Service shape, not its content. */
function isAuxiliaryShape(path: readonly (string | number)[]): boolean {
  const p = pointer(path);
  return (p.startsWith('/metadata/') && p !== '/metadata/namespace') || p === '/immutable' || p === '/roleRef/name'
    || /^\/spec\/(ports|externalIPs|type|clusterIP|selector|endpoints|jobLabel)(\/|$)/.test(p);
}

/** Paths that carry an object's identity: never adopted. */
function isIdentity(path: readonly (string | number)[]): boolean {
  const p = pointer(path);
  return p === '/metadata/name' || p === '/metadata/namespace' || p.startsWith('/spec/selector')
    || p.startsWith('/spec/template/metadata/labels');
}

/** What `adopt` decided for one object's differences. */
export interface Adoption {
  /** The patches kept. */
  readonly kept: Difference[];
  /** One line per adopted difference: the path, the input's value and the library's. */
  readonly changes: string[];
}

/** A value shown in a change line: quoted JSON, cut at 60 characters. */
function shown(v: unknown): string {
  const text = JSON.stringify(v) ?? 'undefined';
  return quote(text.length > 60 ? `${text.substring(0, 57)}...` : text);
}

/** How `adopt` treats one object. */
export interface AdoptOptions {
  /** The object is one a preset emits beside its DaemonSet. */
  readonly auxiliary: boolean;
  /** The object's containers are a preset's, whose argument lists it renders from typed options. */
  readonly presetArgs: boolean;
  /** Keep the input's security contexts (the library's hardening fails validation for this workload). */
  readonly keepSecurityContext?: boolean;
  /** Paths the preset renders from typed props read from the input (a configuration file). */
  readonly rendered?: readonly string[];
}

/**
 * Splits an object's differences from the input into patches kept and changes adopted. `auxiliary`: the object is
 * one a preset emits beside its DaemonSet (Service, ConfigMap, RBAC, monitor), whose metadata and shape are the
 * preset's; only what the input adds beyond it is kept. `args`: element changes of argument lists are the preset's
 * rendering of options it read (the typed form), so only a flag the library does not write at all is kept.
 */
export function adopt(diffs: readonly Difference[], options: AdoptOptions): Adoption {
  const kept: Difference[] = [];
  const changes: string[] = [];
  for (const d of diffs) {
    const hardening = d.path.includes('securityContext');
    const reason = options.keepSecurityContext && hardening ? undefined : adoptionReason(d, options);
    if (reason === undefined) {
      kept.push(d);
    } else {
      const input = d.op === 'remove' || (d.op === 'add' && d.siblings === undefined && d.value === undefined) ? 'absent' : shown(d.value);
      const library = d.actual === undefined ? 'absent' : shown(d.actual);
      changes.push(`${quote(pointer(d.path))}: input ${input}, now ${library} (${reason})`);
    }
  }
  return { kept, changes };
}

/** Why a difference is adopted (the words before the library's value), or undefined to keep its patch. */
function adoptionReason(d: Difference, o: AdoptOptions): string | undefined {
  if (o.rendered?.includes(pointer(d.path))) return 'rendered by the preset from the typed configuration above';
  if (o.auxiliary ? !isAuxiliaryShape(d.path) : isIdentity(d.path)) return undefined;
  const segments = d.path.filter((s): s is string => typeof s === 'string');
  const field = segments[segments.length - 1];
  const inArgs = typeof d.path[d.path.length - 1] === 'number' && (field === 'args' || field === 'command');
  if (inArgs) {
    if (!o.presetArgs) return undefined;
    if (d.op === 'remove') return 'a flag the preset writes';
    if (d.op === 'replace') return 'the preset\'s form of this flag';
    // An inserted flag the synthesized list already holds only moves: kept where the preset writes it.
    return d.siblings?.includes(d.value) ? 'the same flag, where the preset writes it' : undefined;
  }
  if (d.op === 'remove') return 'the library\'s default';
  if (pointer(d.path) === '/spec/template/metadata/name') return 'ignored by the DaemonSet controller, which names its pods';
  // An empty value (resources: {}) says no more than an absent one: the library's default applies.
  const empty = d.value !== null && typeof d.value === 'object' && Object.keys(d.value as object).length === 0;
  if (empty && d.actual !== undefined && !o.auxiliary) return 'the library\'s default for an empty value';
  // A preset names its own ports and the variables its flags refer to (the Service's targetPort follows).
  const parent = d.path[d.path.length - 3];
  if (o.presetArgs && (field === 'volumes' || field === 'volumeMounts') && d.actual !== undefined) return 'the preset\'s own mounts';
  if (o.presetArgs && field === 'name' && (parent === 'ports' || parent === 'env') && d.actual !== undefined) return 'the preset\'s name; its references follow';
  if (d.actual === undefined) {
    // The input writes out a default of the API server: the applied object is the same without it.
    if (field !== undefined && Object.prototype.hasOwnProperty.call(API_DEFAULTS, field) && API_DEFAULTS[field] === d.value) return 'the default value, left out';
    if (field === 'serviceAccount') return 'a deprecated alias of serviceAccountName, left out';
    return o.auxiliary ? 'the preset\'s object' : undefined;
  }
  if (o.auxiliary) return 'the preset\'s object';
  return segments.some(s => LIBRARY_CHOICES.has(s)) ? 'the library\'s default or hardening' : undefined;
}
