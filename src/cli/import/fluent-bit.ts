/**
 * `LogCollectorDaemonSet` props read from a fluent-bit manifest and its ConfigMap.
 */
import { arr, call, Expr, lit, newObj, nonNull, obj, ref, Stmt } from './code';
import { exactConfig } from './fluent-bit-exact';
import { ClassicSection, parseSections, rawSection, typedInput, typedOutput } from './fluent-bit-sections';
import { envValue, healthProbe, tolerationsFor, updateStrategyFor } from './pod';
import {
  boundClusterRole, identity, metadata, PresetPlan, PresetRejection, presetSelector, seconds, serviceFor, serviceType,
} from './preset-common';
import { quote } from './quote';
import { constructId, Names } from './refs';
import { resourcesFor } from './resources';

/**
 * The container's env as typed `addVariable()` calls in the input's order, after construction: the
 * preset checks at synthesis that every `${NAME}` of its configuration is an env var of the container.
 * Env without a typed form is left to the escape hatch.
 */
function containerEnv(c: any, container: string, names: Names): Stmt[] {
  const env: any[] = Array.isArray(c.env) ? c.env : [];
  const values = env.map(e => envValue(e, names));
  if (env.length === 0 || values.some(x => !x) || new Set(env.map(e => e.name)).size !== env.length) return [];
  return env.map((e, i): Stmt => ({ k: 'expr', e: call(`${container}.env.addVariable`, lit(e.name), values[i]!) }));
}

/** `LogCollectorDaemonSet` props for a fluent-bit manifest with its ConfigMap. */
/**
 * With `typed` (`--adopt-defaults`), the inputs and outputs with a typed form become `LogInput` / `LogOutput` factories
 * (the rest raw sections) and the collector renders the files, so an edit of the generated code reaches the ConfigMap;
 * the configuration's differences from the input (the [SERVICE] section, the collector's defaults of each plugin)
 * are then the library's. Without it, `exactConfig` (fluent-bit-exact.ts) writes the files as the input has them; these
 * raw outputs (and the filters and parsers below) are only used when it cannot, and that file is then patched back.
 */
function pipeline(sections: ClassicSection[], typed: boolean): { inputs?: Expr; outputs: (Expr | undefined)[] } {
  const outputs = sections.filter(s => s.kind === 'OUTPUT').map(s => (typed ? typedOutput(s) : undefined)
    ?? (rawSection('FluentBitSection.output', s, true) ? call('LogOutput.raw', rawSection('FluentBitSection.output', s, true)!) : undefined));
  if (!typed) return { outputs };
  const inputs = sections.filter(s => s.kind === 'INPUT').map(s => typedInput(s)
    ?? (rawSection('FluentBitSection.input', s, false) ? call('LogInput.raw', rawSection('FluentBitSection.input', s, false)!) : undefined));
  return { outputs, inputs: inputs.length > 0 && inputs.every(i => i) ? arr(inputs.map(i => i!)) : undefined };
}

/**
 * The collector's RBAC for the input's: a ClusterRole bound to the pods' ServiceAccount becomes `rbac` (the default)
 * with the input's names, `rbacNodeAccess` / `rbacEventsAccess` when its rules read nodes/proxy or events; the
 * collector's `clusterRole` and `clusterRoleBinding` stand for the input's, so any other difference (rules, labels) is
 * patched on them. The ServiceAccount is then referenced in its namespace, the binding's subject. Without one
 * binding, `rbac: false`, and any binding of the account stays an object of its own (said in the program).
 */
function rbacOf(ds: any, v: string, objects: any[], names: Names): RbacPlan {
  const pod = ds.spec?.template?.spec ?? {};
  const ns = ds.metadata?.namespace;
  const account: string = pod.serviceAccountName;
  // Another DaemonSet of the account would claim the same objects: each collector would then write them.
  const shared = objects.some(o => o !== ds && o?.kind === 'DaemonSet' && o.metadata?.namespace === ns
    && o.spec?.template?.spec?.serviceAccountName === account);
  const found = shared ? undefined : boundClusterRole(ds, objects);
  if (!found) {
    const bound = objects.some(o => o?.kind === 'ClusterRoleBinding'
      && Array.isArray(o.subjects) && o.subjects.some((x: any) => x?.kind === 'ServiceAccount' && x.name === account && x.namespace === ns));
    const note = ['import: rbac: false, the input\'s ClusterRoleBindings of the pods\' ServiceAccount stay objects of their own:',
      shared ? 'another DaemonSet of the input runs as the same account, and each collector would write them.'
        : 'the collector binds one ClusterRole of the input, and this input has several (or the role is not in it).'];
    return {
      props: [['serviceAccount', names.reference('ServiceAccount', account)], ['rbac', lit(false)]],
      stmts: bound ? note.map((text): Stmt => ({ k: 'comment', text })) : [],
      handles: [],
      adoptable: [],
    };
  }
  const resources = new Set<string>((found.role.rules ?? []).flatMap((r: any) => (Array.isArray(r?.resources) ? r.resources : [])));
  const nodes = resources.has('nodes/proxy');
  const events = resources.has('events');
  const granted = ['pods', 'namespaces', ...nodes ? ['nodes', 'nodes/proxy'] : [], ...events ? ['events'] : []]
    .flatMap(r => ['get', 'list', 'watch'].map(verb => `/${r}/${verb}`));
  const stmts: Stmt[] = [];
  let serviceAccount = names.reference('ServiceAccount', account);
  if (typeof ns === 'string') {
    const variable = names.variable(`ServiceAccount/${ns}/${account}`, `${account}-service-account-in-namespace`);
    const e = call('kplus.ServiceAccount.fromServiceAccountName', ref('chart'), lit(`ServiceAccountRef-${ns}-${account}`), lit(account),
      obj({ namespaceName: lit(ns) }));
    stmts.push({ k: 'const', name: variable, e });
    serviceAccount = ref(variable);
  }
  return {
    props: [
      ['serviceAccount', serviceAccount],
      ['clusterRoleName', lit(found.role.metadata.name)],
      ['clusterRoleBindingName', lit(found.binding.metadata.name)],
      ['rbacNodeAccess', nodes ? lit(true) : undefined],
      ['rbacEventsAccess', events ? lit(true) : undefined],
    ],
    stmts,
    handles: [[identity(found.role), nonNull(ref(v), 'clusterRole')], [identity(found.binding), nonNull(ref(v), 'clusterRoleBinding')]],
    // The collector's rules grant the same in its own layout; the API server defaults a ServiceAccount subject's apiGroup to ''.
    adoptable: [
      ...sameSet(grantsOf(found.role.rules), granted) ? [[identity(found.role), ['/rules']] as [string, string[]]] : [],
      [identity(found.binding), (found.binding.subjects ?? []).map((_: unknown, i: number) => `/subjects/${i}/apiGroup`)],
    ],
  };
}

/** The collector's RBAC for the input's: its props, the statements before the collector, handles, adoptable paths. */
interface RbacPlan {
  readonly props: [string, Expr | undefined][];
  readonly stmts: Stmt[];
  readonly handles: [string, Expr][];
  /** `--adopt-defaults`: the paths of each input object where the collector's rendering grants the same. */
  readonly adoptable: [string, string[]][];
}

/** A ClusterRole's grants as `<apiGroup>/<resource>/<verb>` strings, or undefined when a rule has more than that. */
function grantsOf(rules: unknown): string[] | undefined {
  const out: string[] = [];
  for (const r of Array.isArray(rules) ? rules : []) {
    if (r?.nonResourceURLs?.length || r?.resourceNames?.length) return undefined;
    if (!Array.isArray(r?.apiGroups) || !Array.isArray(r?.resources) || !Array.isArray(r?.verbs)) return undefined;
    for (const g of r.apiGroups) for (const res of r.resources) for (const verb of r.verbs) out.push(`${g}/${res}/${verb}`);
  }
  return out;
}

const sameSet = (a: string[] | undefined, b: string[]) => a !== undefined && new Set(a).size === new Set(b).size && b.every(x => a.includes(x));

/** The collector's own `[SERVICE]` values for the keys an input may set otherwise (lower-cased keys). */
const SERVICE_DEFAULTS: { [key: string]: string } = { daemon: 'Off', flush: '1', log_level: 'info', http_listen: '0.0.0.0', health_check: 'On' };
/** `[SERVICE]` keys the collector derives from other props (parsers, metricsPort) or needs as they are. */
const SERVICE_DERIVED = new Set(['parsers_file', 'http_server', 'http_port']);

/**
 * `serviceProperties` (merged over the collector's) for the input's `[SERVICE]` keys that differ from the collector's
 * values or that it does not write, e.g. `Log_Level debug` or `scheduler.cap 300`; undefined when there are none.
 */
function serviceProperties(sections: ClassicSection[]): Expr | undefined {
  const service = sections.find(s => s.kind === 'SERVICE');
  if (!service) return undefined;
  const seen = new Set<string>();
  const own: { key: string; value: string }[] = [];
  for (const { key, value } of service.props) {
    const k = key.toLowerCase();
    if (SERVICE_DERIVED.has(k) || seen.has(k) || k.startsWith('storage.') || k === 'hot_reload') continue;
    seen.add(k);
    if (Object.prototype.hasOwnProperty.call(SERVICE_DEFAULTS, k) && SERVICE_DEFAULTS[k].toLowerCase() === value.toLowerCase()) continue;
    own.push({ key, value });
  }
  return own.length > 0 ? lit(own) : undefined;
}

/** The ConfigMap's files the collector renders from the typed configuration (`--adopt-defaults`). */
const RENDERED_FILES = ['/data/fluent-bit.conf', '/data/parsers.conf', '/data/custom_parsers.conf'];

/** What the collector is imported from: the pod, its one container, its ConfigMap and Service, the parsed config. */
interface FluentBitParts {
  readonly pod: any;
  readonly c: any;
  readonly ns: unknown;
  readonly cm: any;
  readonly svc: any;
  readonly selector: Exclude<ReturnType<typeof presetSelector>, PresetRejection>;
  readonly sections: ClassicSection[];
}

/** The parts of the input the collector stands for, or why the preset cannot reproduce it. */
function fluentBitParts(ds: any, v: string, objects: any[]): FluentBitParts | PresetRejection {
  const pod = ds.spec?.template?.spec ?? {};
  const containers: any[] = pod.containers ?? [];
  if (containers.length !== 1) return { rejected: `the pod has ${containers.length} containers; the preset imports fluent-bit alone` };
  const c = containers[0];
  const ns = ds.metadata?.namespace;
  const cm = (pod.volumes ?? []).map((vol: any) => vol.configMap?.name).filter((n: any) => n)
    .map((n: string) => objects.find(o => o?.kind === 'ConfigMap' && o.metadata?.name === n && o.metadata?.namespace === ns))
    .find((o: any) => typeof o?.data?.['fluent-bit.conf'] === 'string');
  if (!cm) return { rejected: 'its ConfigMap with fluent-bit.conf is not in the input' };
  const extraKeys = Object.keys(cm.data).filter(k => k !== 'fluent-bit.conf' && k !== 'custom_parsers.conf' && k !== 'parsers.conf');
  if (extraKeys.length > 0 || cm.binaryData) return { rejected: `the ConfigMap holds files the preset does not write (${extraKeys.map(quote).join(', ') || 'binaryData'})` };
  if (!pod.serviceAccountName) return { rejected: 'the pod names no ServiceAccount; the preset would create one the input does not have' };
  const selector = presetSelector(ds, v);
  if ('rejected' in selector) return selector;
  const svc = serviceFor(ds, objects);
  if (!svc) return { rejected: 'no Service of the input selects its pods, and the preset always emits its metrics Service' };
  const sections = parseSections(cm.data['fluent-bit.conf']);
  if (!sections) return { rejected: 'fluent-bit.conf is not in the classic format' };
  return { pod, c, ns, cm, svc, selector, sections };
}

/**
 * A fluent-bit DaemonSet as `LogCollectorDaemonSet`: typed inputs, filters and outputs with `typed`
 * (`--adopt-defaults`), else the exact configuration (raw sections in the input's order and layout); its ConfigMap,
 * metrics Service and RBAC as the collector's own, named as the input names them.
 */
export function fluentBitPlan(ds: any, v: string, objects: any[], names: Names, typed = false): PresetPlan | PresetRejection {
  const parts = fluentBitParts(ds, v, objects);
  if ('rejected' in parts) return parts;
  const { pod, c, ns, cm, svc, selector, sections } = parts;
  const { inputs, outputs } = pipeline(sections, typed);
  if (outputs.length === 0 || outputs.some(o => !o)) return { rejected: 'fluent-bit.conf has no readable [OUTPUT] section' };
  const filters = sections.filter(s => s.kind === 'FILTER' && !s.props.some(p => /^name$/i.test(p.key) && p.value === 'kubernetes'))
    .map(s => rawSection('FluentBitSection.filter', s, true));
  const parserText = cm.data['custom_parsers.conf'] ?? cm.data['parsers.conf'];
  const parserSections = parserText ? parseSections(parserText) : [];
  const parsers = (parserSections ?? []).map(s => (s.kind === 'PARSER' ? rawSection('FluentBitSection.parser', s, false)
    : s.kind === 'MULTILINE_PARSER' ? rawSection('FluentBitSection.multilineParser', s, false) : undefined));
  const metricsPort = (c.ports ?? []).find((p: any) => p.name === 'http' || p.name === 'metrics')?.containerPort;
  // Exact mode: the files as the collector's own configuration, rendered as the input has them (or patched, said why).
  const exact = typed ? undefined : exactConfig(cm.data, Number.isInteger(metricsPort) ? metricsPort : 2020);
  const own = new Map(exact?.props ?? []);
  const docker = (c.volumeMounts ?? []).some((m: any) => m.mountPath === '/var/lib/docker/containers');
  const resources = c.resources ? resourcesFor(c.resources) : undefined;
  const placement = Array.isArray(pod.tolerations) && pod.tolerations.length > 0 ? tolerationsFor(pod.tolerations)?.placement ?? [] : [];
  const nodeSelector = { ...pod.nodeSelector ?? {} };
  if (nodeSelector['kubernetes.io/os'] === 'linux') { placement.push(call('NodePlacement.linuxOnly')); delete nodeSelector['kubernetes.io/os']; }
  const rbac = rbacOf(ds, v, objects, names);
  const props = obj([
    ['metadata', metadata(ds.metadata)],
    ['podMetadata', metadata({ labels: ds.spec?.template?.metadata?.labels, annotations: ds.spec?.template?.metadata?.annotations })],
    ['selectorLabels', selector.props[0][1]],
    ['image', lit(c.image)],
    ['inputs', exact ? own.get('inputs') : inputs],
    ['outputs', arr(exact?.outputs ?? outputs.map(o => o!))],
    ['kubernetesMetadata', own.get('kubernetesMetadata')],
    ['filters', exact?.outputs ? own.get('filters')
      : filters.length > 0 && filters.every(f => f) ? arr(filters.map(f => call('LogFilter.raw', f!))) : undefined],
    ['parsers', exact ? own.get('parsers') : parsers.length > 0 && parsers.every(p => p) ? arr(parsers.map(p => call('LogParser.raw', p!))) : undefined],
    ['parsersFileName', own.get('parsersFileName')],
    ['configFiles', own.get('configFiles')],
    // Typed, the collector renders [SERVICE]: the input's own choices in it are merged over the collector's.
    ['serviceProperties', typed ? serviceProperties(sections) : own.get('serviceProperties')],
    ['replaceServiceProperties', own.get('replaceServiceProperties')],
    ['filesystemBuffering', own.get('filesystemBuffering')],
    ['classicLayout', own.get('classicLayout')],
    ['containerRuntime', docker ? ref('ContainerRuntime.DOCKER') : undefined],
    ['metricsPort', Number.isInteger(metricsPort) && metricsPort !== 2020 ? lit(metricsPort) : undefined],
    ['serviceType', serviceType(svc)],
    ['configMapName', lit(cm.metadata.name)],
    ['serviceName', lit(svc.metadata.name)],
    // The input's own annotations are in metadata and podMetadata; adopting the defaults keeps the preset's.
    ['presetAnnotations', typed ? undefined : lit(false)],
    ['automountServiceAccountToken', pod.automountServiceAccountToken !== undefined ? lit(pod.automountServiceAccountToken) : undefined],
    ...rbac.props,
    ['configChecksums', lit(false)],
    ['resources', resources ? resources.find(([k]) => k === 'resources')?.[1] : undefined],
    // Adopting the collector's defaults, its probes check its own metrics port (named by the preset).
    ['livenessProbe', c.livenessProbe && !typed ? healthProbe(c.livenessProbe) : undefined],
    ['readinessProbe', c.readinessProbe && !typed ? healthProbe(c.readinessProbe) : undefined],
    ['hostNetwork', pod.hostNetwork !== undefined ? lit(pod.hostNetwork) : undefined],
    ['priorityClassName', pod.priorityClassName !== undefined ? lit(pod.priorityClassName) : undefined],
    ['placement', arr(placement)],
    ['nodeSelector', Object.keys(nodeSelector).length > 0 ? lit(nodeSelector) : undefined],
    ['updateStrategy', updateStrategyFor(ds.spec?.updateStrategy)],
    ['revisionHistoryLimit', Number.isInteger(ds.spec?.revisionHistoryLimit) ? lit(ds.spec.revisionHistoryLimit) : undefined],
    ['terminationGracePeriod', seconds(pod.terminationGracePeriodSeconds)],
  ]);
  const name = ds.metadata?.name;
  const key = (kind: string, n: string) => `${kind}/${ns ?? ''}/${n}`;
  return {
    preset: 'LogCollectorDaemonSet',
    stmts: [
      ...rbac.stmts,
      ...(exact?.patched ?? []).map((why): Stmt => ({ k: 'comment', text: `import: ${why.split(':')[0]} stays a whole-file patch: the collector cannot render it exactly:${why.slice(why.indexOf(':') + 1)}.` })),
      { k: 'const', name: v, e: newObj('LogCollectorDaemonSet', ref('chart'), lit(constructId(name)), props) },
      ...selector.post,
      ...containerEnv(c, `${v}.fluentBitContainer`, names),
    ],
    handles: new Map<string, Expr>([[identity(ds), ref(v)], [identity(cm), ref(`${v}.configMap`)], [identity(svc), ref(`${v}.metricsService`)], ...rbac.handles]),
    renamed: new Map([[key('ConfigMap', `${name}-config`), identity(cm)], [key('Service', `${name}-metrics`), identity(svc)]]),
    adoptable: typed ? new Map([[identity(cm), RENDERED_FILES], ...rbac.adoptable]) : undefined,
  };
}

