import { arr, call, cast, Expr, index, lit, method, newObj, obj, ref, Stmt } from './code';
import { podFieldProps } from './pod-fields';
import { own } from './quote';
import { constructId, Names } from './refs';
import { resourcesFor, size } from './resources';
import { containerSecurityProps } from './security-context';
import { selectorPlan } from './selector';
import { orderEnvVariables } from '../../env-order';
import { asList } from '../../k8s/shape';


export const POD_SPEC = '/spec/template/spec';

/** What a builder produced: the statements, and the JSON paths its typed API sets. */
export interface Plan {
  readonly stmts: Stmt[];
  readonly typed: Set<string>;
  /** The variable of the DaemonSet. */
  readonly variable: string;
}

/** Which typed forms a build may use: paths listed here are left to the escape hatch. */
export interface BuildOptions {
  readonly untyped: ReadonlySet<string>;
  /** Only the fields the first version of `import` typed (after the typed build failed to run). */
  readonly minimal?: boolean;
  /**
   * `--adopt-defaults`: the library's hardening fills what the input's security contexts leave out; otherwise
   * `hardening: Hardening.NONE`, so that the DaemonSet writes only the input's.
   */
  readonly adoptDefaults?: boolean;
}

/** The enum member for a Kubernetes value (own table entries only), else the value cast to the enum. */
const enumMember = (enumName: string, members: { [k8s: string]: string }, value: unknown): Expr => {
  const member = own(members, value);
  return member ? ref(`${enumName}.${member}`) : cast(lit(value), enumName);
};

export const PULL_POLICIES: { [p: string]: string } = { Always: 'ALWAYS', IfNotPresent: 'IF_NOT_PRESENT', Never: 'NEVER' };
const PROTOCOLS: { [p: string]: string } = { TCP: 'TCP', UDP: 'UDP', SCTP: 'SCTP' };
const FIELD_PATHS: { [p: string]: string } = {
  'metadata.name': 'POD_NAME',
  'metadata.namespace': 'POD_NAMESPACE',
  'metadata.uid': 'POD_UID',
  'status.podIP': 'POD_IP',
  'spec.serviceAccountName': 'SERVICE_ACCOUNT_NAME',
  'spec.nodeName': 'NODE_NAME',
  'status.hostIP': 'NODE_IP',
  'status.podIPs': 'POD_IPS',
};
const RESOURCE_FIELDS: { [p: string]: string } = {
  'limits.cpu': 'CPU_LIMIT',
  'limits.memory': 'MEMORY_LIMIT',
  'requests.cpu': 'CPU_REQUEST',
  'requests.memory': 'MEMORY_REQUEST',
  'limits.ephemeral-storage': 'STORAGE_LIMIT',
  'requests.ephemeral-storage': 'STORAGE_REQUEST',
};
const HOST_PATH_TYPES: { [t: string]: string } = {
  '': 'DEFAULT',
  'DirectoryOrCreate': 'DIRECTORY_OR_CREATE',
  'Directory': 'DIRECTORY',
  'FileOrCreate': 'FILE_OR_CREATE',
  'File': 'FILE',
  'Socket': 'SOCKET',
  'CharDevice': 'CHAR_DEVICE',
  'BlockDevice': 'BLOCK_DEVICE',
};
const PROPAGATIONS: { [p: string]: string } = { None: 'NONE', HostToContainer: 'HOST_TO_CONTAINER', Bidirectional: 'BIDIRECTIONAL' };
const TERMINATION_MESSAGE_POLICIES: { [p: string]: string } = { File: 'FILE', FallbackToLogsOnError: 'FALLBACK_TO_LOGS_ON_ERROR' };
const TAINT_EFFECTS: { [e: string]: string } = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' };

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const onlyKeys = (o: any, keys: string[]) => o !== null && typeof o === 'object' && Object.keys(o).every(k => keys.includes(k));

/** A typed `kplus.EnvValue` for an env var, when it has one. */
export function envValue(e: any, names: Names): Expr | undefined {
  if (e.value !== undefined && e.valueFrom === undefined && typeof e.value === 'string') return call('kplus.EnvValue.fromValue', lit(e.value));
  const from = e.valueFrom;
  if (e.value !== undefined || !from || Object.keys(from).length !== 1) return undefined;
  const optional = (o: any) => (o.optional !== undefined ? [obj({ optional: lit(o.optional) })] : []);
  if (from.configMapKeyRef && onlyKeys(from.configMapKeyRef, ['name', 'key', 'optional'])) {
    const r = from.configMapKeyRef;
    return call('kplus.EnvValue.fromConfigMap', names.reference('ConfigMap', r.name), lit(r.key), ...optional(r));
  }
  if (from.secretKeyRef && onlyKeys(from.secretKeyRef, ['name', 'key', 'optional'])) {
    const r = from.secretKeyRef;
    return call('kplus.EnvValue.fromSecretValue', obj({ secret: names.reference('Secret', r.name), key: lit(r.key) }), ...optional(r));
  }
  if (from.fieldRef && onlyKeys(from.fieldRef, ['fieldPath', 'apiVersion'])) {
    const r = from.fieldRef;
    const keyed = /^metadata\.(labels|annotations)\['([^']+)'\]$/.exec(r.fieldPath);
    const path = keyed ? ref(`kplus.EnvFieldPaths.${keyed[1] === 'labels' ? 'POD_LABEL' : 'POD_ANNOTATION'}`)
      : enumMember('kplus.EnvFieldPaths', FIELD_PATHS, r.fieldPath);
    const options = obj({ key: keyed ? lit(keyed[2]) : undefined, apiVersion: r.apiVersion !== undefined ? lit(r.apiVersion) : undefined });
    return call('kplus.EnvValue.fromFieldRef', path, ...(options.k === 'obj' && options.props.length > 0 ? [options] : []));
  }
  if (from.resourceFieldRef && onlyKeys(from.resourceFieldRef, ['resource', 'divisor'])) {
    const r = from.resourceFieldRef;
    if (r.divisor !== undefined && typeof r.divisor !== 'string') return undefined;
    const args = [enumMember('kplus.ResourceFieldPaths', RESOURCE_FIELDS, r.resource)];
    if (r.divisor !== undefined) args.push(obj({ divisor: lit(r.divisor) }));
    return call('kplus.EnvValue.fromResource', ...args);
  }
  return undefined;
}

function envFromSource(s: any, names: Names): Expr | undefined {
  if (s.configMapRef && onlyKeys(s, ['configMapRef', 'prefix']) && onlyKeys(s.configMapRef, ['name'])) {
    return call('kplus.Env.fromConfigMap', names.reference('ConfigMap', s.configMapRef.name), ...(s.prefix !== undefined ? [lit(s.prefix)] : []));
  }
  if (s.secretRef && onlyKeys(s, ['secretRef']) && onlyKeys(s.secretRef, ['name'])) {
    return call('kplus.Env.fromSecret', names.reference('Secret', s.secretRef.name));
  }
  return undefined;
}

/** A `HealthProbe` for a probe, when every field has a typed option. */
export function healthProbe(p: any): Expr | undefined {
  const timing: [string, Expr | undefined][] = [
    ['initialDelay', isInt(p.initialDelaySeconds) ? call('Duration.seconds', lit(p.initialDelaySeconds)) : undefined],
    ['period', isInt(p.periodSeconds) && p.periodSeconds >= 1 ? call('Duration.seconds', lit(p.periodSeconds)) : undefined],
    ['timeout', isInt(p.timeoutSeconds) && p.timeoutSeconds >= 1 ? call('Duration.seconds', lit(p.timeoutSeconds)) : undefined],
    ['successThreshold', isInt(p.successThreshold) && p.successThreshold >= 1 ? lit(p.successThreshold) : undefined],
    ['failureThreshold', isInt(p.failureThreshold) && p.failureThreshold >= 1 ? lit(p.failureThreshold) : undefined],
  ];
  const timingKeys = ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'];
  if (timing.some(([, e], i) => e === undefined && p[timingKeys[i]] !== undefined)) return undefined;
  const actions = Object.keys(p).filter(k => !timingKeys.includes(k));
  if (actions.length !== 1) return undefined;
  const port = (v: unknown): [string, Expr] | undefined => (isInt(v) && v >= 1 && v <= 65535 ? ['port', lit(v)]
    : typeof v === 'string' && /^[a-z0-9-]{1,15}$/.test(v) && /[a-z]/.test(v) ? ['portName', lit(v)] : undefined);
  const a = p[actions[0]];
  switch (actions[0]) {
    case 'httpGet': {
      if (!onlyKeys(a, ['path', 'port', 'scheme', 'host', 'httpHeaders']) || typeof a.path !== 'string' || !a.path.startsWith('/')) return undefined;
      const pt = port(a.port);
      if (!pt || (a.scheme !== undefined && a.scheme !== 'HTTP' && a.scheme !== 'HTTPS')) return undefined;
      if (a.httpHeaders !== undefined && !(Array.isArray(a.httpHeaders) && a.httpHeaders.every((h: any) => onlyKeys(h, ['name', 'value'])))) return undefined;
      return call('HealthProbe.httpGet', lit(a.path), obj([
        pt,
        ['scheme', a.scheme !== undefined ? ref(`kplus.ConnectionScheme.${a.scheme}`) : undefined],
        ['host', a.host !== undefined ? lit(a.host) : undefined],
        ['headers', a.httpHeaders !== undefined && a.httpHeaders.length > 0 ? lit(a.httpHeaders) : undefined],
        ...timing,
      ]));
    }
    case 'tcpSocket': {
      const pt = onlyKeys(a, ['port', 'host']) && (a.host === undefined || typeof a.host === 'string') ? port(a.port) : undefined;
      return pt ? call('HealthProbe.tcpSocket', obj([pt, ['host', a.host !== undefined ? lit(a.host) : undefined], ...timing])) : undefined;
    }
    case 'exec':
      if (!onlyKeys(a, ['command']) || !Array.isArray(a.command) || a.command.length === 0) return undefined;
      return call('HealthProbe.exec', lit(a.command), ...(timing.some(([, e]) => e) ? [obj(timing)] : []));
    case 'grpc':
      if (!onlyKeys(a, ['port', 'service']) || !isInt(a.port)) return undefined;
      return call('HealthProbe.grpc', lit(a.port), ...(a.service !== undefined || timing.some(([, e]) => e) ? [obj([['service', a.service !== undefined ? lit(a.service) : undefined], ...timing])] : []));
    default:
      return undefined;
  }
}

/** A typed `kplus.Volume` factory for a pod volume, when it has one. */
function volumeExpr(v: any, id: string, names: Names): Expr | undefined {
  const kinds = Object.keys(v).filter(k => k !== 'name');
  if (kinds.length !== 1 || typeof v.name !== 'string') return undefined;
  const s = v[kinds[0]];
  const scope = [ref('chart'), lit(id)];
  const items = (list: any): Expr | undefined => {
    if (list === undefined) return undefined;
    if (!Array.isArray(list) || !list.every(i => onlyKeys(i, ['key', 'path', 'mode']))) return undefined;
    return obj(list.map((i: any) => [i.key, obj({ path: lit(i.path), mode: i.mode !== undefined ? lit(i.mode) : undefined })] as const));
  };
  switch (kinds[0]) {
    case 'hostPath':
      if (!onlyKeys(s, ['path', 'type']) || (s.type !== undefined && own(HOST_PATH_TYPES, s.type) === undefined)) return undefined;
      return call('kplus.Volume.fromHostPath', ...scope, lit(v.name), obj({
        path: lit(s.path),
        type: s.type !== undefined ? ref(`kplus.HostPathVolumeType.${own(HOST_PATH_TYPES, s.type)}`) : undefined,
      }));
    case 'emptyDir': {
      if (!onlyKeys(s, ['medium', 'sizeLimit']) || (s.medium !== undefined && s.medium !== 'Memory' && s.medium !== '')) return undefined;
      const limit = s.sizeLimit !== undefined ? size(s.sizeLimit) : undefined;
      if (s.sizeLimit !== undefined && (!limit || !/Mi$/.test(s.sizeLimit))) return undefined;
      const options = obj({ medium: s.medium !== undefined ? ref(`kplus.EmptyDirMedium.${s.medium === 'Memory' ? 'MEMORY' : 'DEFAULT'}`) : undefined, sizeLimit: limit });
      return call('kplus.Volume.fromEmptyDir', ...scope, lit(v.name), ...(options.k === 'obj' && options.props.length > 0 ? [options] : []));
    }
    case 'configMap':
    case 'secret': {
      const secret = kinds[0] === 'secret';
      const nameKey = secret ? 'secretName' : 'name';
      if (!onlyKeys(s, [nameKey, 'items', 'defaultMode', 'optional']) || typeof s[nameKey] !== 'string') return undefined;
      const it = items(s.items);
      if (s.items !== undefined && !it) return undefined;
      return call(secret ? 'kplus.Volume.fromSecret' : 'kplus.Volume.fromConfigMap', ...scope, names.reference(secret ? 'Secret' : 'ConfigMap', s[nameKey]), obj({
        name: lit(v.name),
        items: it,
        defaultMode: s.defaultMode !== undefined ? lit(s.defaultMode) : undefined,
        optional: s.optional !== undefined ? lit(s.optional) : undefined,
      }));
    }
    case 'persistentVolumeClaim':
      if (!onlyKeys(s, ['claimName', 'readOnly'])) return undefined;
      return call('kplus.Volume.fromPersistentVolumeClaim', ...scope, names.reference('PersistentVolumeClaim', s.claimName), obj({
        name: lit(v.name),
        readOnly: s.readOnly !== undefined ? lit(s.readOnly) : undefined,
      }));
    case 'nfs':
      if (!onlyKeys(s, ['server', 'path', 'readOnly'])) return undefined;
      return call('kplus.Volume.fromNfs', ...scope, lit(v.name), obj({
        server: lit(s.server), path: lit(s.path), readOnly: s.readOnly !== undefined ? lit(s.readOnly) : undefined,
      }));
    default:
      return undefined;
  }
}

function tolerationQuery(t: any): Expr | undefined {
  if (!onlyKeys(t, ['key', 'operator', 'value', 'effect', 'tolerationSeconds'])) return undefined;
  if (t.effect !== undefined && !own(TAINT_EFFECTS, t.effect)) return undefined;
  if (t.tolerationSeconds !== undefined && (t.effect !== 'NoExecute' || !isInt(t.tolerationSeconds))) return undefined;
  const options = obj({
    effect: t.effect !== undefined ? ref(`kplus.TaintEffect.${own(TAINT_EFFECTS, t.effect)}`) : undefined,
    evictAfter: t.tolerationSeconds !== undefined ? call('Duration.seconds', lit(t.tolerationSeconds)) : undefined,
  });
  const opts = options.k === 'obj' && options.props.length > 0 ? [options] : [];
  if (t.operator === 'Exists' && t.key === undefined && t.value === undefined && opts.length === 0) return call('kplus.NodeTaintQuery.any');
  if (t.operator === 'Exists' && typeof t.key === 'string' && t.value === undefined) return call('kplus.NodeTaintQuery.exists', lit(t.key), ...opts);
  if (t.operator === 'Equal' && typeof t.key === 'string' && typeof t.value === 'string') return call('kplus.NodeTaintQuery.is', lit(t.key), lit(t.value), ...opts);
  return undefined;
}

/** Placement presets for tolerations that are exactly one or more presets, else taint queries. */
export function tolerationsFor(list: any[]): { placement?: Expr[]; queries?: Expr[] } | undefined {
  const exact = (a: any, b: any) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  if (list.length === 1 && exact(list[0], { operator: 'Exists' })) return { placement: [call('NodePlacement.allNodes')] };
  const cp = [
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (list.length === 2 && exact(list[0], cp[0]) && exact(list[1], cp[1])) return { placement: [call('NodePlacement.controlPlaneToo')] };
  const queries = list.map(tolerationQuery);
  return queries.every(q => q) ? { queries: queries as Expr[] } : undefined;
}

function metadataLiteral(m: any): Expr {
  const out: { [k: string]: Expr | undefined } = {};
  for (const k of ['name', 'namespace', 'labels', 'annotations']) if (m?.[k] !== undefined) out[k] = lit(m[k]);
  return obj(out);
}

/** How later statements reach a container of the DaemonSet: its list (`containers`, `initContainers`) and index. */
interface ContainerHandle {
  readonly key: string;
  readonly daemonSet: string;
  readonly list: string;
  readonly index: number;
}

/** Whether the names are in the order the library renders an `envVariables` map in. */
export function inLibraryOrder(env: any[]): boolean {
  const map: { [name: string]: any } = {};
  for (const e of env) Object.defineProperty(map, e.name, { value: { value: e.value }, enumerable: true, writable: true, configurable: true });
  return JSON.stringify(Object.keys(orderEnvVariables(map))) === JSON.stringify(env.map(e => e.name));
}

/**
 * Typed env: the `envVariables` map when the library renders it in the input's order (by name, a
 * variable after those it references), else `container.env.addVariable()` calls in the input's order
 * (cdk8s-plus keeps insertion order; the library does not reorder what is added after construction),
 * so unsorted env stays typed and editable without moving a variable (`$(VAR)` expands only variables
 * defined earlier).
 */
function typedEnv(c: any, names: Names, container: ContainerHandle): { prop?: [string, Expr]; post: Stmt[] } | undefined {
  const values = c.env.map((e: any) => envValue(e, names));
  const unique = new Set(c.env.map((e: any) => e.name)).size === c.env.length;
  if (!unique || !values.every((v: Expr | undefined) => v)) return undefined;
  if (inLibraryOrder(c.env)) return { prop: ['envVariables', obj(c.env.map((e: any, i: number) => [e.name, values[i]] as const))], post: [] };
  const variable = names.variable(container.key, `${c.name}-container`);
  return {
    post: [
      { k: 'comment', text: `container '${String(c.name)}': env in the input's order (an envVariables map would render it sorted by name)` },
      { k: 'const', name: variable, e: index(ref(`${container.daemonSet}.${container.list}`), container.index) },
      ...c.env.map((e: any, i: number): Stmt => ({ k: 'expr', e: call(`${variable}.env.addVariable`, lit(e.name), values[i]) })),
    ],
  };
}

/** The typed pieces of one container. */
function containerProps(c: any, base: string, o: BuildOptions, names: Names, volumes: Map<string, string> | undefined, typed: Set<string>,
  container: ContainerHandle, post: Stmt[]): Expr {
  const props: [string, Expr | undefined][] = [];
  const mark = (field: string) => typed.add(`${base}/${field}`);
  const allowed = (field: string) => !o.untyped.has(`${base}/${field}`) && !o.minimal;
  props.push(['name', lit(c.name)], ['image', lit(c.image)]);
  mark('name'); mark('image');
  if (c.imagePullPolicy !== undefined) {
    props.push(['imagePullPolicy', enumMember('kplus.ImagePullPolicy', PULL_POLICIES, c.imagePullPolicy)]);
    mark('imagePullPolicy');
  }
  for (const f of ['command', 'args', 'workingDir']) {
    if (c[f] !== undefined) { props.push([f, lit(c[f])]); mark(f); }
  }
  const portsOk = Array.isArray(c.ports) && c.ports.length > 0 && !o.untyped.has(`${base}/ports`)
    && c.ports.every((p: any) => onlyKeys(p, ['containerPort', 'protocol', 'name', 'hostPort', 'hostIP']) && (p.protocol === undefined || own(PROTOCOLS, p.protocol)));
  if (portsOk) {
    props.push(['ports', arr(c.ports.map((p: any) => obj({
      number: lit(p.containerPort),
      name: p.name !== undefined ? lit(p.name) : undefined,
      protocol: p.protocol !== undefined ? ref(`kplus.Protocol.${own(PROTOCOLS, p.protocol)}`) : undefined,
      hostPort: p.hostPort !== undefined ? lit(p.hostPort) : undefined,
      hostIp: p.hostIP !== undefined ? lit(p.hostIP) : undefined,
    })))]);
    mark('ports');
  }
  if (Array.isArray(c.env) && c.env.length > 0 && allowed('env')) {
    const env = typedEnv(c, names, container);
    if (env) {
      if (env.prop) props.push(env.prop);
      post.push(...env.post);
      mark('env');
    }
  }
  if (Array.isArray(c.envFrom) && c.envFrom.length > 0 && allowed('envFrom')) {
    const sources = c.envFrom.map((s: any) => envFromSource(s, names));
    if (sources.every((s: Expr | undefined) => s)) {
      props.push(['envFrom', arr(sources)]);
      mark('envFrom');
    }
  }
  if (c.resources !== undefined && allowed('resources')) {
    const r = resourcesFor(c.resources);
    if (r) { props.push(...r); mark('resources'); }
  } else if (c.resources === undefined && !o.adoptDefaults && allowed('resources')) {
    // No resources in the input: an explicit "no request" instead of the agent defaults.
    props.push(['resources', obj({ cpu: call('AgentResources.noCpu'), memory: call('AgentResources.noMemory') })]);
    mark('resources');
  }
  const policy = own(TERMINATION_MESSAGE_POLICIES, c.terminationMessagePolicy);
  if (policy && allowed('terminationMessagePolicy')) {
    props.push(['terminationMessagePolicy', ref(`TerminationMessagePolicy.${policy}`)]);
    mark('terminationMessagePolicy');
  }
  // With --adopt-defaults the library's hardening replaces the input's security contexts (adopt.ts decides).
  if (c.securityContext !== undefined && !o.adoptDefaults && allowed('securityContext')) {
    const security = containerSecurityProps(c.securityContext);
    if (security) { props.push(...security); mark('securityContext'); }
  }
  for (const field of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
    if (c[field] === undefined || !allowed(field)) continue;
    const probe = healthProbe(c[field]);
    if (probe) { props.push([field, probe]); mark(field); }
  }
  if (volumes && Array.isArray(c.volumeMounts) && c.volumeMounts.length > 0) {
    props.push(['volumeMounts', arr(c.volumeMounts.map((m: any) => obj({
      volume: ref(volumes.get(m.name)!),
      path: lit(m.mountPath),
      readOnly: m.readOnly !== undefined ? lit(m.readOnly) : undefined,
      subPath: m.subPath !== undefined ? lit(m.subPath) : undefined,
      subPathExpr: m.subPathExpr !== undefined ? lit(m.subPathExpr) : undefined,
      propagation: m.mountPropagation !== undefined ? ref(`kplus.MountPropagation.${own(PROPAGATIONS, m.mountPropagation)}`) : undefined,
    })))]);
    mark('volumeMounts');
  }
  return obj(props);
}

/** Whether every volume and mount of the pod has a typed form (all or none: mounts refer to volume objects). */
function storage(pod: any, o: BuildOptions, names: Names, dsName: string): { stmts: Stmt[]; vars: Map<string, string> } | undefined {
  // A list that is not a list (the API server refuses it) has no typed form; the input's value is kept as written.
  if (!Array.isArray(pod.volumes)) return undefined;
  const volumes: any[] = pod.volumes;
  const containers: any[] = [...asList(pod.initContainers), ...asList(pod.containers)];
  if (o.minimal || o.untyped.has(`${POD_SPEC}/volumes`) || volumes.length === 0) return undefined;
  const names2 = new Set(volumes.map(v => v.name));
  if (names2.size !== volumes.length) return undefined;
  // Mounts that are not a list have no typed form either: the input's value is kept as written.
  const mountsOk = containers.every(c => (c?.volumeMounts === undefined || Array.isArray(c.volumeMounts)) && asList(c?.volumeMounts).every((m: any) =>
    onlyKeys(m, ['name', 'mountPath', 'readOnly', 'subPath', 'subPathExpr', 'mountPropagation']) && names2.has(m.name)
    && (m.mountPropagation === undefined || own(PROPAGATIONS, m.mountPropagation))));
  if (!mountsOk) return undefined;
  const stmts: Stmt[] = [];
  const vars = new Map<string, string>();
  for (const v of volumes) {
    const e = volumeExpr(v, `${dsName}-volume-${v.name}`, names);
    if (!e) return undefined;
    const variable = names.variable(`${dsName}/volume/${v.name}`, `${v.name}-volume`);
    vars.set(v.name, variable);
    stmts.push({ k: 'const', name: variable, e });
  }
  return { stmts, vars };
}

/** A typed update strategy, when the input's has one. */
export function updateStrategyFor(s: any): Expr | undefined {
  if (s?.type === 'OnDelete' && Object.keys(s).length === 1) return call('DaemonSetUpdateStrategy.onDelete');
  if (s?.type !== 'RollingUpdate' || !s.rollingUpdate || Object.keys(s).length !== 2) return undefined;
  const ru = s.rollingUpdate;
  if (!onlyKeys(ru, ['maxUnavailable', 'maxSurge']) || ru.maxUnavailable === undefined) return undefined;
  const amount = (v: any) => (isInt(v) ? call('kplus.PercentOrAbsolute.absolute', lit(v))
    : typeof v === 'string' && /^\d+%$/.test(v) ? call('kplus.PercentOrAbsolute.percent', lit(parseInt(v, 10))) : undefined);
  const mu = amount(ru.maxUnavailable);
  const ms = ru.maxSurge !== undefined ? amount(ru.maxSurge) : undefined;
  if (!mu || (ru.maxSurge !== undefined && !ms)) return undefined;
  return call('DaemonSetUpdateStrategy.rollingUpdate', obj({ maxUnavailable: mu, maxSurge: ms }));
}

/** Builds the generic `DaemonSet` for a manifest: typed props where the library has them. */
export function buildDaemonSet(ds: any, variable: string, o: BuildOptions, names: Names): Plan {
  const spec = ds.spec ?? {};
  const tmpl = spec.template ?? {};
  const pod = tmpl.spec ?? {};
  const typed = new Set<string>();
  const pre: Stmt[] = [];
  const post: Stmt[] = [];
  const props: [string, Expr | undefined][] = [];
  const P = (field: string) => `${POD_SPEC}/${field}`;
  const allowed = (path: string) => !o.untyped.has(path) && !o.minimal;

  props.push(['metadata', metadataLiteral(ds.metadata)]);
  for (const k of ['name', 'namespace', 'labels', 'annotations']) if (ds.metadata?.[k] !== undefined) typed.add(`/metadata/${k}`);
  const podMeta = tmpl.metadata ?? {};
  if (podMeta.labels !== undefined || podMeta.annotations !== undefined) {
    props.push(['podMetadata', metadataLiteral({ labels: podMeta.labels, annotations: podMeta.annotations })]);
    for (const k of ['labels', 'annotations']) if (podMeta[k] !== undefined) typed.add(`/spec/template/metadata/${k}`);
  }
  const selector = selectorPlan(spec.selector, variable, allowed('/spec/selector'));
  props.push(...selector.props);
  post.push(...selector.post);
  if (selector.typed) typed.add('/spec/selector');
  props.push(['configChecksums', lit(false)]);

  const store = storage(pod, o, names, ds.metadata?.name ?? variable);
  if (store) {
    pre.push(...store.stmts);
    typed.add(P('volumes'));
    // Volumes no container mounts still belong to the pod.
    const containers: any[] = [...asList(pod.initContainers), ...asList(pod.containers)];
    const mounted = new Set(containers.flatMap(c => asList(c?.volumeMounts).map((m: any) => m?.name)));
    const unmounted = (pod.volumes as any[]).filter(v => !mounted.has(v.name));
    if (unmounted.length > 0) props.push(['volumes', arr(unmounted.map(v => ref(store.vars.get(v.name)!)))]);
  }
  for (const field of ['initContainers', 'containers']) {
    const list = pod[field];
    if (Array.isArray(list) && list.length > 0) {
      const handle = (i: number): ContainerHandle => ({ key: `${ds.metadata?.name ?? variable}/${field}/${i}`, daemonSet: variable, list: field, index: i });
      props.push([field, arr(list.map((c: any, i: number) => containerProps(c, P(`${field}/${i}`), o, names, store?.vars, typed, handle(i), post)))]);
    }
  }
  const podLevel = podLevelProps(pod, allowed, names, typed);
  props.push(...podLevel.props, ...podFieldProps(pod, !o.adoptDefaults && !o.minimal, allowed, typed));
  if (isInt(spec.minReadySeconds)) { props.push(['minReadySeconds', lit(spec.minReadySeconds)]); typed.add('/spec/minReadySeconds'); }
  if (isInt(spec.revisionHistoryLimit)) { props.push(['revisionHistoryLimit', lit(spec.revisionHistoryLimit)]); typed.add('/spec/revisionHistoryLimit'); }
  const strategy = updateStrategyFor(spec.updateStrategy);
  if (strategy) { props.push(['updateStrategy', strategy]); typed.add('/spec/updateStrategy'); }

  if (podLevel.queries) post.push({ k: 'expr', e: method(ref(`${variable}.scheduling`), 'tolerate', call('kplus.Node.tainted', ...podLevel.queries)) });

  const construct = newObj('DaemonSet', ref('chart'), lit(constructId(ds.metadata?.name ?? variable)), obj(props));
  return { stmts: [...pre, { k: 'const', name: variable, e: construct }, ...post], typed, variable };
}

/**
 * The typed props of pod-level fields (host namespaces, priority, grace period, token, node selector,
 * tolerations and placement, service account, pull secrets); the toleration queries go after construction.
 */
function podLevelProps(pod: any, allowed: (path: string) => boolean, names: Names, typed: Set<string>)
  : { props: [string, Expr | undefined][]; queries?: Expr[] } {
  const props: [string, Expr | undefined][] = [];
  const P = (field: string) => `${POD_SPEC}/${field}`;
  const simple: [string, string, (v: any) => Expr | undefined][] = [
    ['hostNetwork', 'hostNetwork', v => lit(v)],
    ['hostPID', 'hostPid', v => lit(v)],
    ['hostIPC', 'hostIpc', v => lit(v)],
    ['priorityClassName', 'priorityClassName', v => lit(v)],
    ['terminationGracePeriodSeconds', 'terminationGracePeriod', v => (isInt(v) ? call('Duration.seconds', lit(v)) : undefined)],
    ['automountServiceAccountToken', 'automountServiceAccountToken', v => lit(v)],
  ];
  for (const [k8s, prop, conv] of simple) {
    if (pod[k8s] === undefined) continue;
    const e = conv(pod[k8s]);
    if (e) { props.push([prop, e]); typed.add(P(k8s)); }
  }
  let placement: Expr[] = [];
  if (pod.nodeSelector !== undefined && Object.keys(pod.nodeSelector).length > 0) {
    const ns = { ...pod.nodeSelector };
    if (allowed(P('nodeSelector')) && ns['kubernetes.io/os'] === 'linux') {
      placement.push(call('NodePlacement.linuxOnly'));
      delete ns['kubernetes.io/os'];
    }
    if (Object.keys(ns).length > 0) props.push(['nodeSelector', lit(ns)]);
    typed.add(P('nodeSelector'));
  }
  let queries: Expr[] | undefined;
  if (Array.isArray(pod.tolerations) && pod.tolerations.length > 0 && allowed(P('tolerations'))) {
    const t = tolerationsFor(pod.tolerations);
    if (t) {
      placement = [...t.placement ?? [], ...placement];
      queries = t.queries;
      typed.add(P('tolerations'));
    }
  }
  if (placement.length > 0) props.push(['placement', arr(placement)]);
  if (pod.serviceAccountName !== undefined) {
    props.push(['serviceAccount', names.reference('ServiceAccount', pod.serviceAccountName)]);
    typed.add(P('serviceAccountName'));
  }
  const pullSecrets: any[] | undefined = pod.imagePullSecrets;
  if (pullSecrets !== undefined && pullSecrets.length > 0 && pullSecrets.every(p => onlyKeys(p, ['name']) && typeof p.name === 'string')
    && new Set(pullSecrets.map(p => p.name)).size === pullSecrets.length) {
    props.push(['imagePullSecrets', arr(pullSecrets.map(p => names.reference('Secret', p.name)))]);
    typed.add(P('imagePullSecrets'));
  }
  return { props, queries };
}
