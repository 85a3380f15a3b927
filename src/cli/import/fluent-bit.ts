/**
 * `LogCollectorDaemonSet` props read from a fluent-bit manifest and its ConfigMap.
 */
import { arr, call, Expr, lit, newObj, obj, ref, Stmt } from './code';
import { envValue, healthProbe, resourcesFor, tolerationsFor, updateStrategyFor } from './pod';
import { identity, metadata, PresetPlan, PresetRejection, presetSelector, seconds, serviceFor, serviceType } from './preset-common';
import { quote } from './quote';
import { constructId, Names } from './refs';

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
export function fluentBitPlan(ds: any, v: string, objects: any[], names: Names): PresetPlan | PresetRejection {
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
    ['terminationGracePeriod', seconds(pod.terminationGracePeriodSeconds)],
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

