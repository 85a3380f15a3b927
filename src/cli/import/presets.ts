import { arr, call, Expr, lit, newObj, nonNull, obj, ref, Stmt } from './code';
import { envValue, healthProbe, resourcesFor, tolerationsFor, updateStrategyFor } from './pod';
import { own, quote } from './quote';
import { constructId, Names } from './refs';
import { selectorPlan, SelectorPlan } from './selector';
import { MANAGED_FLAGS } from '../../presets/node-exporter/args';

/** A preset chosen for a DaemonSet and the objects that come with it. */
export interface PresetPlan {
  readonly stmts: Stmt[];
  /** Input objects (by identity) the preset stands for, and the expression of the construct to patch. */
  readonly handles: Map<string, Expr>;
  /** The identity a preset object has before its name is patched, mapped to the input's. */
  readonly renamed: Map<string, string>;
  /** Which preset, for messages. */
  readonly preset: string;
}

const identity = (o: any) => `${o?.kind}/${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''}`;
const NODE_EXPORTER_IMAGE = /^(quay\.io\/prometheus\/node-exporter|(docker\.io\/)?prom\/node-exporter)(:|@|$)/;
const FLUENT_BIT_IMAGE = /^((docker\.io\/)?fluent\/fluent-bit|cr\.fluentbit\.io\/fluent\/fluent-bit)(:|@|$)/;

function metadata(m: any): Expr {
  const out: { [k: string]: Expr | undefined } = {};
  for (const k of ['name', 'namespace', 'labels', 'annotations']) if (m?.[k] !== undefined) out[k] = lit(m[k]);
  return obj(out);
}

/** The Service of the input that exposes these pods, if one does. */
function serviceFor(ds: any, objects: any[]): any | undefined {
  const labels = ds.spec?.template?.metadata?.labels ?? {};
  const ns = ds.metadata?.namespace;
  const matches = objects.filter(o => o?.kind === 'Service' && o.metadata?.namespace === ns && o.spec?.selector
    && Object.entries(o.spec.selector).every(([k, v]) => labels[k] === v));
  return matches.length === 1 ? matches[0] : undefined;
}

const SERVICE_TYPES: { [t: string]: string } = { ClusterIP: 'CLUSTER_IP', NodePort: 'NODE_PORT', LoadBalancer: 'LOAD_BALANCER' };

function serviceType(svc: any): Expr {
  const t = svc.spec?.type ?? 'ClusterIP';
  if (t === 'ClusterIP' && svc.spec?.clusterIP === 'None') return ref('DaemonSetServiceType.HEADLESS');
  return ref(`DaemonSetServiceType.${own(SERVICE_TYPES, t) ?? 'CLUSTER_IP'}`);
}

/** The flags NodeExporterDaemonSet sets from its props: the preset's own list. */
const MANAGED = MANAGED_FLAGS.map(([flag]) => flag);

/** `NodeExporterDaemonSet` props for a node-exporter manifest. */
function nodeExporter(ds: any, v: string, objects: any[], names: Names): PresetPlan | { rejected: string } {
  const pod = ds.spec?.template?.spec ?? {};
  const containers: any[] = pod.containers ?? [];
  if (containers.length !== 1) return { rejected: `the pod has ${containers.length} containers; the preset imports node-exporter alone (kube-rbac-proxy and sidecars are not recognised)` };
  const c = containers[0];
  if (!pod.serviceAccountName) return { rejected: 'the pod names no ServiceAccount; the preset would create one the input does not have' };
  const selector = presetSelector(ds, v);
  if ('rejected' in selector) return selector;
  const args: string[] = Array.isArray(c.args) ? c.args : [];
  const flag = (name: string) => args.find(a => a.startsWith(`${name}=`))?.substring(name.length + 1);
  const listen = flag('--web.listen-address');
  const port = listen ? parseInt(listen.substring(listen.lastIndexOf(':') + 1), 10) : c.ports?.[0]?.containerPort ?? 9100;
  const host = listen ? listen.substring(0, listen.lastIndexOf(':')) : '';
  const listenAddress = host === '[$(POD_IP)]' ? call('ExporterListenAddress.podIp')
    : /^\[?[0-9a-f.:]+\]?$/i.test(host) && !/^\[?(0\.0\.0\.0|::)\]?$/.test(host) && pod.hostNetwork ? call('ExporterListenAddress.of', lit(host.replace(/^\[|\]$/g, '')))
      : call('ExporterListenAddress.allInterfaces');
  const enabled = args.filter(a => /^--collector\.[a-z0-9_]+$/.test(a)).map(a => a.substring('--collector.'.length));
  const disabled = args.filter(a => /^--no-collector\.[a-z0-9_]+$/.test(a)).map(a => a.substring('--no-collector.'.length));
  const extraArgs = args.filter(a => a.startsWith('--') && !MANAGED.includes(a.split('=')[0])
    && !/^--(no-)?collector\.[a-z0-9_]+$/.test(a));
  const sc = pod.securityContext ?? {};
  const tol = Array.isArray(pod.tolerations) ? pod.tolerations : [];
  const tolerations = tol.length === 0 ? 'NONE'
    : tol.length === 1 && tol[0].operator === 'Exists' && tol[0].key === undefined && tol[0].effect === undefined ? 'ALL_TAINTS'
      : tol.every((t: any) => t.operator === 'Exists' && t.effect === 'NoSchedule' && /^node-role\.kubernetes\.io\/(control-plane|master)$/.test(t.key)) ? 'CONTROL_PLANE'
        : 'NONE';
  const affinityText = JSON.stringify(pod.affinity ?? {});
  const excludeVirtual = affinityText.includes('eks.amazonaws.com/compute-type') && affinityText.includes('virtual-kubelet');
  const svc = serviceFor(ds, objects);
  const resources = c.resources ? resourcesFor(c.resources) : undefined;
  const strategy = updateStrategyFor(ds.spec?.updateStrategy);
  const collector = (n: string) => (/^[A-Z0-9_]+$/.test(n.toUpperCase()) ? call('NodeExporterCollector.of', lit(n)) : undefined);
  const props = obj([
    ['metadata', metadata(ds.metadata)],
    ['podMetadata', metadata({ labels: ds.spec?.template?.metadata?.labels, annotations: ds.spec?.template?.metadata?.annotations })],
    ['selectorLabels', selector.props[0][1]],
    ['image', lit(c.image)],
    ['port', port !== 9100 && Number.isInteger(port) ? lit(port) : undefined],
    ['listenAddress', listenAddress],
    ['hostNetwork', lit(pod.hostNetwork ?? false)],
    ['hostPid', lit(pod.hostPID ?? false)],
    ['hostIpc', pod.hostIPC !== undefined ? lit(pod.hostIPC) : undefined],
    ['hostRootFs', flag('--path.rootfs') === undefined ? lit(false) : undefined],
    ['enabledCollectors', enabled.length > 0 ? arr(enabled.map(n => collector(n)!)) : undefined],
    ['disabledCollectors', disabled.length > 0 ? arr(disabled.map(n => collector(n)!)) : undefined],
    ['excludedMountPoints', flag('--collector.filesystem.mount-points-exclude') !== undefined ? lit(flag('--collector.filesystem.mount-points-exclude')!.split('$$(').join('$(')) : undefined],
    ['excludedFsTypes', flag('--collector.filesystem.fs-types-exclude') !== undefined ? lit(flag('--collector.filesystem.fs-types-exclude')) : undefined],
    ['excludedNetworkDevices', flag('--collector.netdev.device-exclude') !== undefined ? lit(flag('--collector.netdev.device-exclude')) : undefined],
    ['extraArgs', extraArgs.length > 0 ? lit(extraArgs) : undefined],
    ['resources', resources ? resources.find(([k]) => k === 'resources')?.[1] : undefined],
    ['livenessProbe', c.livenessProbe ? healthProbe(c.livenessProbe) : undefined],
    ['readinessProbe', c.readinessProbe ? healthProbe(c.readinessProbe) : undefined],
    ['user', sc.runAsUser !== undefined ? lit(sc.runAsUser) : undefined],
    ['group', sc.runAsGroup !== undefined ? lit(sc.runAsGroup) : undefined],
    ['tolerations', ref(`NodeExporterTolerations.${tolerations}`)],
    ['nodeSelector', lit(pod.nodeSelector ?? {})],
    ['excludeVirtualNodes', lit(excludeVirtual)],
    ['priorityClassName', pod.priorityClassName !== undefined ? lit(pod.priorityClassName) : undefined],
    ['updateStrategy', strategy],
    ['revisionHistoryLimit', Number.isInteger(ds.spec?.revisionHistoryLimit) ? lit(ds.spec.revisionHistoryLimit) : undefined],
    ['minReadySeconds', Number.isInteger(ds.spec?.minReadySeconds) ? lit(ds.spec.minReadySeconds) : undefined],
    ['terminationGracePeriod', Number.isInteger(pod.terminationGracePeriodSeconds) ? call('Duration.seconds', lit(pod.terminationGracePeriodSeconds)) : undefined],
    ['serviceAccount', names.reference('ServiceAccount', pod.serviceAccountName)],
    ['service', lit(svc !== undefined)],
    ['serviceName', svc ? lit(svc.metadata.name) : undefined],
    ['serviceType', svc ? serviceType(svc) : undefined],
  ]);
  const name = ds.metadata?.name;
  const handles = new Map<string, Expr>([[identity(ds), ref(v)]]);
  if (svc) handles.set(identity(svc), nonNull(ref(v), 'metricsService'));
  return {
    preset: 'NodeExporterDaemonSet',
    stmts: [
      { k: 'const', name: v, e: newObj('NodeExporterDaemonSet', ref('chart'), lit(constructId(name)), props) },
      ...selector.post,
    ],
    handles,
    renamed: new Map(),
  };
}

/** The preset's selector: the input's, pinned with `selectorLabels`; a selector that cannot be pinned rejects the preset. */
function presetSelector(ds: any, v: string): SelectorPlan | { rejected: string } {
  const selector = selectorPlan(ds.spec?.selector, v, true);
  return selector.pinned ? selector : { rejected: 'its selector has no matchLabels, or a requirement without a typed form, so selectorLabels cannot pin it' };
}

/** The sections of a fluent-bit classic configuration file. */
function parseSections(text: string): { kind: string; props: { key: string; value: string }[] }[] | undefined {
  const sections: { kind: string; props: { key: string; value: string }[] }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[([A-Z_]+)\]$/.exec(line);
    if (header) { sections.push({ kind: header[1], props: [] }); continue; }
    const kv = /^(\S+)\s+(.+)$/.exec(line);
    if (!kv || sections.length === 0) return undefined;
    sections[sections.length - 1].props.push({ key: kv[1], value: kv[2].trim() });
  }
  return sections;
}

function sectionExpr(factory: string, s: { kind: string; props: { key: string; value: string }[] }, withMatch: boolean): Expr | undefined {
  const name = s.props.find(p => /^name$/i.test(p.key))?.value;
  const match = s.props.find(p => /^match$/i.test(p.key))?.value;
  if (!name || (withMatch && !match)) return undefined;
  const rest = s.props.filter(p => !/^name$/i.test(p.key) && !(withMatch && /^match$/i.test(p.key)));
  const props = lit(rest.map(p => ({ key: p.key, value: p.value })));
  return withMatch ? call(factory, lit(name), lit(match), props) : call(factory, lit(name), props);
}

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
function fluentBit(ds: any, v: string, objects: any[], names: Names): PresetPlan | { rejected: string } {
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
  const outputs = sections.filter(s => s.kind === 'OUTPUT').map(s => sectionExpr('FluentBitSection.output', s, true));
  if (outputs.length === 0 || outputs.some(o => !o)) return { rejected: 'fluent-bit.conf has no readable [OUTPUT] section' };
  const filters = sections.filter(s => s.kind === 'FILTER' && !s.props.some(p => /^name$/i.test(p.key) && p.value === 'kubernetes'))
    .map(s => sectionExpr('FluentBitSection.filter', s, true));
  const parserText = cm.data['custom_parsers.conf'] ?? cm.data['parsers.conf'];
  const parserSections = parserText ? parseSections(parserText) : [];
  const parsers = (parserSections ?? []).map(s => (s.kind === 'PARSER' ? sectionExpr('FluentBitSection.parser', s, false)
    : s.kind === 'MULTILINE_PARSER' ? sectionExpr('FluentBitSection.multilineParser', s, false) : undefined));
  const metricsPort = (c.ports ?? []).find((p: any) => p.name === 'http' || p.name === 'metrics')?.containerPort;
  const docker = (c.volumeMounts ?? []).some((m: any) => m.mountPath === '/var/lib/docker/containers');
  const resources = c.resources ? resourcesFor(c.resources) : undefined;
  const placement = Array.isArray(pod.tolerations) && pod.tolerations.length > 0 ? tolerationsFor(pod.tolerations)?.placement ?? [] : [];
  const nodeSelector = { ...pod.nodeSelector ?? {} };
  if (nodeSelector['kubernetes.io/os'] === 'linux') { placement.push(call('NodePlacement.linuxOnly')); delete nodeSelector['kubernetes.io/os']; }
  const props = obj([
    ['metadata', metadata(ds.metadata)],
    ['podMetadata', metadata({ labels: ds.spec?.template?.metadata?.labels, annotations: ds.spec?.template?.metadata?.annotations })],
    ['selectorLabels', selector.props[0][1]],
    ['image', lit(c.image)],
    ['outputs', arr(outputs.map(o => call('LogOutput.raw', o!)))],
    ['filters', filters.length > 0 && filters.every(f => f) ? arr(filters.map(f => call('LogFilter.raw', f!))) : undefined],
    ['parsers', parsers.length > 0 && parsers.every(p => p) ? arr(parsers.map(p => call('LogParser.raw', p!))) : undefined],
    ['containerRuntime', docker ? ref('ContainerRuntime.DOCKER') : undefined],
    ['metricsPort', Number.isInteger(metricsPort) && metricsPort !== 2020 ? lit(metricsPort) : undefined],
    ['serviceType', serviceType(svc)],
    ['serviceAccount', names.reference('ServiceAccount', pod.serviceAccountName)],
    ['automountServiceAccountToken', pod.automountServiceAccountToken !== undefined ? lit(pod.automountServiceAccountToken) : undefined],
    ['rbac', lit(false)],
    ['configChecksums', lit(false)],
    ['resources', resources ? resources.find(([k]) => k === 'resources')?.[1] : undefined],
    ['livenessProbe', c.livenessProbe ? healthProbe(c.livenessProbe) : undefined],
    ['readinessProbe', c.readinessProbe ? healthProbe(c.readinessProbe) : undefined],
    ['hostNetwork', pod.hostNetwork !== undefined ? lit(pod.hostNetwork) : undefined],
    ['priorityClassName', pod.priorityClassName !== undefined ? lit(pod.priorityClassName) : undefined],
    ['placement', arr(placement)],
    ['nodeSelector', Object.keys(nodeSelector).length > 0 ? lit(nodeSelector) : undefined],
    ['updateStrategy', updateStrategyFor(ds.spec?.updateStrategy)],
    ['revisionHistoryLimit', Number.isInteger(ds.spec?.revisionHistoryLimit) ? lit(ds.spec.revisionHistoryLimit) : undefined],
    ['terminationGracePeriod', Number.isInteger(pod.terminationGracePeriodSeconds) ? call('Duration.seconds', lit(pod.terminationGracePeriodSeconds)) : undefined],
  ]);
  const name = ds.metadata?.name;
  const key = (kind: string, n: string) => `${kind}/${ns ?? ''}/${n}`;
  return {
    preset: 'LogCollectorDaemonSet',
    stmts: [{ k: 'const', name: v, e: newObj('LogCollectorDaemonSet', ref('chart'), lit(constructId(name)), props) }, ...selector.post, ...containerEnv(c, `${v}.fluentBitContainer`, names)],
    handles: new Map<string, Expr>([[identity(ds), ref(v)], [identity(cm), ref(`${v}.configMap`)], [identity(svc), ref(`${v}.metricsService`)]]),
    renamed: new Map([[key('ConfigMap', `${name}-config`), identity(cm)], [key('Service', `${name}-metrics`), identity(svc)]]),
  };
}

/**
 * A preset for a DaemonSet that is recognisably node-exporter or fluent-bit; `rejected` says why a
 * recognised one cannot use it; undefined when it is neither.
 */
export function presetPlan(ds: any, v: string, objects: any[], names: Names): PresetPlan | { rejected: string } | undefined {
  const images: string[] = (ds.spec?.template?.spec?.containers ?? []).map((c: any) => String(c.image ?? ''));
  if (images.some(i => NODE_EXPORTER_IMAGE.test(i))) return nodeExporter(ds, v, objects, names);
  if (images.some(i => FLUENT_BIT_IMAGE.test(i))) return fluentBit(ds, v, objects, names);
  return undefined;
}
