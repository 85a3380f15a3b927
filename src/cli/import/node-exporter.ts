/**
 * `NodeExporterDaemonSet` props read from a node-exporter manifest: the exporter's flags as typed options (listen
 * address, host paths, collectors, exclusions, textfile directory), a kube-rbac-proxy sidecar as `kubeRbacProxy`
 * (kube-prometheus' layout), the Service and the proxy's RBAC as the preset's own objects.
 */
import { arr, call, Expr, lit, newObj, nonNull, obj, ref } from './code';
import { envValue, healthProbe, inLibraryOrder, updateStrategyFor } from './pod';
import {
  BoundClusterRole, boundClusterRole, identity, metadata, PresetPlan, PresetRejection, presetSelector, seconds, serviceFor, serviceType,
} from './preset-common';
import { constructId, Names } from './refs';
import { resourcesFor } from './resources';
import { MANAGED_FLAGS } from '../../presets/node-exporter/args';

/** The flags NodeExporterDaemonSet sets from its props: the preset's own list. */
const MANAGED = MANAGED_FLAGS.map(([flag]) => flag);
const COLLECTOR_TOGGLE = /^--(no-)?collector\.[a-z0-9_]+$/;
/** kube-rbac-proxy flags the preset writes itself (the listen address and upstream from `port`, TLS settings). */
const PROXY_FLAGS = ['--secure-listen-address', '--upstream', '--tls-min-version', '--tls-cipher-suites', '--tls-cert-file', '--tls-private-key-file'];
const PROXY_IMAGE = /(^|\/)kube-rbac-proxy(:|@|$)/;

/** The value of `--name=value` in a list of arguments. */
function flagValue(args: string[], name: string): string | undefined {
  return args.find(a => a.startsWith(`${name}=`))?.substring(name.length + 1);
}

/** `host:port` of a Go listen address. */
function hostPort(listen: string): { host: string; port: number } {
  const at = listen.lastIndexOf(':');
  return { host: listen.substring(0, at), port: parseInt(listen.substring(at + 1), 10) };
}

/**
 * The `ExporterListenAddress` of a listen host: `[$(VAR)]` where VAR is the pod's IP from the downward API is
 * `podIp()`, a fixed node address (host network only) `of()`, anything else every interface.
 */
function listenAddressFor(host: string, env: any[], hostNetwork: boolean): Expr {
  const variable = /^\[?\$\(([A-Za-z_][A-Za-z0-9_]*)\)\]?$/.exec(host)?.[1];
  const fromEnv = variable !== undefined ? env.find(e => e?.name === variable) : undefined;
  if (fromEnv?.valueFrom?.fieldRef?.fieldPath === 'status.podIP') return call('ExporterListenAddress.podIp');
  if (/^\[?[0-9a-f.:]+\]?$/i.test(host) && !/^\[?(0\.0\.0\.0|::)\]?$/.test(host) && hostNetwork) {
    return call('ExporterListenAddress.of', lit(host.replace(/^\[|\]$/g, '')));
  }
  return call('ExporterListenAddress.allInterfaces');
}

/** The preset's toleration choice closest to the input's tolerations (the rest is patched). */
function tolerationsChoice(pod: any): string {
  const tol = Array.isArray(pod.tolerations) ? pod.tolerations : [];
  if (tol.length === 0) return 'NONE';
  if (tol.length === 1 && tol[0].operator === 'Exists' && tol[0].key === undefined && tol[0].effect === undefined) return 'ALL_TAINTS';
  if (tol.every((t: any) => t.operator === 'Exists' && t.effect === 'NoSchedule' && /^node-role\.kubernetes\.io\/(control-plane|master)$/.test(t.key))) return 'CONTROL_PLANE';
  return 'NONE';
}

/** The host directory of the textfile collector: the hostPath volume mounted where the flag points. */
function textfileDirectory(c: any, pod: any, dir: string | undefined): string | undefined {
  if (dir === undefined) return undefined;
  const mount = (c.volumeMounts ?? []).find((m: any) => m?.mountPath === dir);
  const volume = (pod.volumes ?? []).find((v: any) => v?.name === mount?.name);
  return typeof volume?.hostPath?.path === 'string' ? volume.hostPath.path : undefined;
}

/** The exporter's env as `envVariables`, when the library renders it in the input's order (else it is patched). */
function exporterEnv(c: any, names: Names, proxy: boolean): Expr | undefined {
  const env: any[] = Array.isArray(c.env) ? c.env : [];
  if (env.length === 0 || (!proxy && env.some(e => e?.name === 'POD_IP')) || !inLibraryOrder(env)) return undefined;
  const values = env.map(e => envValue(e, names));
  return values.every(v => v) ? obj(env.map((e, i) => [e.name, values[i]!] as const)) : undefined;
}

/** `kubeRbacProxy` options for kube-rbac-proxy in front of the exporter, its RBAC named as the input's. */
function proxyOptions(p: any, rbac: BoundClusterRole): Expr {
  const args: string[] = Array.isArray(p.args) ? p.args.filter((a: unknown) => typeof a === 'string') : [];
  const extraArgs = args.filter(a => a.startsWith('--') && !PROXY_FLAGS.includes(a.split('=')[0]));
  const resources = p.resources ? resourcesFor(p.resources)?.find(([k]) => k === 'resources')?.[1] : undefined;
  return obj([
    ['image', lit(p.image)],
    ['resources', resources],
    ['extraArgs', extraArgs.length > 0 ? lit(extraArgs) : undefined],
    ['clusterRoleName', lit(rbac.role.metadata.name)],
    ['clusterRoleBindingName', lit(rbac.binding.metadata?.name)],
  ]);
}

/** The exporter container and kube-rbac-proxy beside it, or why the pod is not the preset's. */
function containersOf(pod: any): { c: any; proxy?: any } | PresetRejection {
  const containers: any[] = pod.containers ?? [];
  const proxy = containers.length === 2 && (containers[1]?.name === 'kube-rbac-proxy' || PROXY_IMAGE.test(String(containers[1]?.image ?? ''))) ? containers[1] : undefined;
  if (containers.length !== 1 && !proxy) {
    return { rejected: `the pod has ${containers.length} containers; the preset imports node-exporter alone or followed by kube-rbac-proxy` };
  }
  if (proxy && pod.hostNetwork !== true) return { rejected: 'its kube-rbac-proxy runs without hostNetwork, which the preset\'s proxy needs' };
  return { c: containers[0], proxy };
}

/**
 * The exporter's flags as the preset's typed options: port and listen address (the proxy's, with kube-rbac-proxy),
 * host paths, collectors enabled and disabled, exclusions, the textfile directory, and the rest as `extraArgs`.
 */
function exporterFlagProps(c: any, pod: any, proxy: any): [string, Expr | undefined][] {
  const args: string[] = Array.isArray(c.args) ? c.args.filter((a: unknown) => typeof a === 'string') : [];
  const flag = (name: string) => flagValue(args, name);
  const proxyListen = proxy ? flagValue(Array.isArray(proxy.args) ? proxy.args : [], '--secure-listen-address') : undefined;
  const listenFrom = proxy ? proxyListen : flag('--web.listen-address');
  const parsed = listenFrom !== undefined ? hostPort(listenFrom) : { host: '', port: (proxy ?? c).ports?.[0]?.containerPort ?? 9100 };
  const enabled = args.filter(a => COLLECTOR_TOGGLE.test(a) && !a.startsWith('--no-')).map(a => a.substring('--collector.'.length));
  const disabled = args.filter(a => COLLECTOR_TOGGLE.test(a) && a.startsWith('--no-')).map(a => a.substring('--no-collector.'.length));
  const extraArgs = args.filter(a => a.startsWith('--') && !MANAGED.includes(a.split('=')[0]) && !COLLECTOR_TOGGLE.test(a));
  const textfile = textfileDirectory(c, pod, flag('--collector.textfile.directory'));
  const collector = (n: string) => call('NodeExporterCollector.of', lit(n));
  const regex = (name: string) => (flag(name) !== undefined ? lit(flag(name)!.split('$$(').join('$(')) : undefined);
  return [
    ['port', parsed.port !== 9100 && Number.isInteger(parsed.port) ? lit(parsed.port) : undefined],
    ['listenAddress', listenAddressFor(parsed.host, (proxy ?? c).env ?? [], pod.hostNetwork === true)],
    ['hostProc', flag('--path.procfs') === undefined ? lit(false) : undefined],
    ['hostSys', flag('--path.sysfs') === undefined ? lit(false) : undefined],
    ['hostRootFs', flag('--path.rootfs') === undefined ? lit(false) : undefined],
    ['enabledCollectors', enabled.length > 0 ? arr(enabled.map(collector)) : undefined],
    ['disabledCollectors', disabled.length > 0 ? arr(disabled.map(collector)) : undefined],
    ['excludedMountPoints', regex('--collector.filesystem.mount-points-exclude')],
    ['excludedFsTypes', regex('--collector.filesystem.fs-types-exclude')],
    ['excludedNetworkDevices', regex('--collector.netdev.device-exclude') ?? regex('--collector.netclass.ignored-devices')],
    ['textfileDirectory', textfile !== undefined ? lit(textfile) : undefined],
    ['extraArgs', extraArgs.length > 0 ? lit(extraArgs) : undefined],
  ];
}

/** `NodeExporterDaemonSet` props for a node-exporter manifest. */
export function nodeExporterPlan(ds: any, v: string, objects: any[], names: Names, adoptDefaults = false): PresetPlan | PresetRejection {
  const pod = ds.spec?.template?.spec ?? {};
  const found = containersOf(pod);
  if ('rejected' in found) return found;
  const { c, proxy } = found;
  const rbac = proxy ? proxyRbac(ds, objects) : undefined;
  if (proxy && !rbac) {
    return { rejected: 'its kube-rbac-proxy has no ClusterRoleBinding of the pods\' ServiceAccount to a ClusterRole that creates tokenreviews and subjectaccessreviews in the input, and the preset emits them' };
  }
  if (!pod.serviceAccountName) return { rejected: 'the pod names no ServiceAccount; the preset would create one the input does not have' };
  const selector = presetSelector(ds, v);
  if ('rejected' in selector) return selector;
  const sc = pod.securityContext ?? {};
  const affinityText = JSON.stringify(pod.affinity ?? {});
  const svc = serviceFor(ds, objects);
  const monitor = svc ? serviceMonitorFor(svc, objects) : undefined;
  const resources = c.resources ? resourcesFor(c.resources) : undefined;
  const props = obj([
    ['metadata', metadata(ds.metadata)],
    ['podMetadata', metadata({ labels: ds.spec?.template?.metadata?.labels, annotations: ds.spec?.template?.metadata?.annotations })],
    ['selectorLabels', selector.props[0][1]],
    ['image', lit(c.image)],
    // The input's own annotations are in metadata and podMetadata; adopting the defaults keeps the preset's.
    ['presetAnnotations', adoptDefaults ? undefined : lit(false)],
    ...exporterFlagProps(c, pod, proxy),
    ['envVariables', exporterEnv(c, names, proxy !== undefined)],
    ['hostNetwork', lit(pod.hostNetwork ?? false)],
    ['hostPid', lit(pod.hostPID ?? false)],
    ['hostIpc', pod.hostIPC !== undefined ? lit(pod.hostIPC) : undefined],
    ['resources', resources ? resources.find(([k]) => k === 'resources')?.[1] : undefined],
    ['livenessProbe', c.livenessProbe ? healthProbe(c.livenessProbe) : undefined],
    ['readinessProbe', c.readinessProbe ? healthProbe(c.readinessProbe) : undefined],
    ['user', sc.runAsUser !== undefined ? lit(sc.runAsUser) : undefined],
    ['group', sc.runAsGroup !== undefined ? lit(sc.runAsGroup) : undefined],
    ['sysTimeCapability', (c.securityContext?.capabilities?.add ?? []).includes('SYS_TIME') ? lit(true) : undefined],
    ['tolerations', ref(`NodeExporterTolerations.${tolerationsChoice(pod)}`)],
    ['nodeSelector', lit(pod.nodeSelector ?? {})],
    ['excludeVirtualNodes', lit(affinityText.includes('eks.amazonaws.com/compute-type') && affinityText.includes('virtual-kubelet'))],
    ['priorityClassName', pod.priorityClassName !== undefined ? lit(pod.priorityClassName) : undefined],
    ['updateStrategy', updateStrategyFor(ds.spec?.updateStrategy)],
    ['revisionHistoryLimit', Number.isInteger(ds.spec?.revisionHistoryLimit) ? lit(ds.spec.revisionHistoryLimit) : undefined],
    ['minReadySeconds', Number.isInteger(ds.spec?.minReadySeconds) ? lit(ds.spec.minReadySeconds) : undefined],
    ['terminationGracePeriod', seconds(pod.terminationGracePeriodSeconds)],
    ['serviceAccount', names.reference('ServiceAccount', pod.serviceAccountName)],
    ['service', lit(svc !== undefined)],
    ['serviceName', svc ? lit(svc.metadata.name) : undefined],
    ['serviceType', svc ? serviceType(svc) : undefined],
    ['kubeRbacProxy', proxy && rbac ? proxyOptions(proxy, rbac) : undefined],
    ...monitor ? monitor.props : [],
  ]);
  const { handles, renamed } = exporterObjects(ds, v, svc, monitor, rbac);
  return {
    preset: 'NodeExporterDaemonSet',
    stmts: [
      { k: 'const', name: v, e: newObj('NodeExporterDaemonSet', ref('chart'), lit(constructId(ds.metadata?.name)), props) },
      ...selector.post,
    ],
    handles,
    renamed,
  };
}

/** The input objects the preset stands for (its Service, monitor, proxy RBAC), and the names it gives them. */
function exporterObjects(ds: any, v: string, svc: any, monitor: { object: any } | undefined, rbac: BoundClusterRole | undefined)
  : { handles: Map<string, Expr>; renamed: Map<string, string> } {
  const handles = new Map<string, Expr>([[identity(ds), ref(v)]]);
  const renamed = new Map<string, string>();
  if (svc) handles.set(identity(svc), nonNull(ref(v), 'metricsService'));
  if (monitor) {
    handles.set(identity(monitor.object), nonNull(ref(v), 'monitorObject'));
    // The preset's monitor carries no namespace of its own (the chart's applies): the input's is patched in.
    renamed.set(`ServiceMonitor//${ds.metadata?.name}`, identity(monitor.object));
  }
  if (rbac) {
    handles.set(identity(rbac.role), nonNull(ref(v), 'clusterRole'));
    handles.set(identity(rbac.binding), nonNull(ref(v), 'clusterRoleBinding'));
  }
  return { handles, renamed };
}

/** `Duration` for a Prometheus duration of one unit (`15s`, `1m`, `2h`). */
function promDuration(text: unknown): Expr | undefined {
  const m = typeof text === 'string' ? /^([1-9]\d*)(s|m|h)$/.exec(text) : null;
  if (!m) return undefined;
  return call(`Duration.${{ s: 'seconds', m: 'minutes', h: 'hours' }[m[2] as 's' | 'm' | 'h']}`, lit(parseInt(m[1], 10)));
}

/**
 * The input's ServiceMonitor of the exporter's Service (one endpoint, on a port of that Service, selecting it by its
 * labels) as the preset's `monitor`, with its interval and labels; the rest of it is patched like any difference.
 */
function serviceMonitorFor(svc: any, objects: any[]): { object: any; props: [string, Expr | undefined][] } | undefined {
  const labels = svc.metadata?.labels ?? {};
  const ports = (svc.spec?.ports ?? []).map((p: any) => p?.name);
  const object = objects.find(o => o?.kind === 'ServiceMonitor' && String(o.apiVersion).startsWith('monitoring.coreos.com/')
    && o.metadata?.namespace === svc.metadata?.namespace && Array.isArray(o.spec?.endpoints) && o.spec.endpoints.length === 1
    && ports.includes(o.spec.endpoints[0]?.port) && o.spec?.selector?.matchExpressions === undefined
    && Object.entries(o.spec?.selector?.matchLabels ?? { '': undefined }).every(([k, v]) => labels[k] === v));
  if (!object) return undefined;
  const endpoint = object.spec.endpoints[0];
  const interval = promDuration(endpoint.interval);
  const timeout = promDuration(endpoint.scrapeTimeout);
  if ((endpoint.interval !== undefined && !interval) || (endpoint.scrapeTimeout !== undefined && !timeout)) return undefined;
  const monitorLabels = object.metadata?.labels;
  return {
    object,
    props: [
      ['monitor', ref('NodeExporterMonitor.SERVICE_MONITOR')],
      ['scrapeInterval', interval],
      ['scrapeTimeout', timeout],
      ['prometheusLabels', monitorLabels && Object.keys(monitorLabels).length > 0 ? lit(monitorLabels) : undefined],
    ],
  };
}

/**
 * The proxy's ClusterRole and ClusterRoleBinding: the input's, when it has a binding of the pods' ServiceAccount to a
 * role that allows creating TokenReviews and SubjectAccessReviews; the preset's (`clusterRole`, `clusterRoleBinding`)
 * stand for them, named as the input's (`kubeRbacProxy.clusterRoleName`, `.clusterRoleBindingName`).
 */
function proxyRbac(ds: any, objects: any[]): BoundClusterRole | undefined {
  return boundClusterRole(ds, objects, role => {
    const rules = JSON.stringify(role.rules ?? []);
    return rules.includes('tokenreviews') && rules.includes('subjectaccessreviews');
  });
}
