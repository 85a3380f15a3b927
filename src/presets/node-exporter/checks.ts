import * as kplus from 'cdk8s-plus-27';
import { checkNodeAffinityTypes } from './affinity';
import { checkConfigMountTypes } from './config-mounts';
import { ExporterListenAddress } from './listen-address';
import { checkLabels, promDuration } from './monitoring';
import { NodeExporterDaemonSetProps, NodeExporterMonitor } from './props';
import { NodeExporterWebConfig } from './web-config';
import { DaemonSetsError } from '../../errors';
import {
  checkArray, checkEnum, checkInstance, checkObject, checkOptionalArray, checkOptionalBoolean, checkOptionalDuration,
  checkOptionalInstance, checkOptionalNumber, checkOptionalObject, checkOptionalString, checkOptionalStringMap, checkString, ClassOf,
} from '../../input-checks';
import { checkPathSegmentName } from '../../k8s/object-names';
import { checkDns1123Label, checkLabelValue } from '../../k8s/syntax';
import { HealthProbe } from '../../probe';
import { SeccompProfile } from '../../security';
import { DaemonSetServiceType } from '../../service';
import { DaemonSetUpdateStrategy } from '../../update-strategy';


const DAY_MILLIS = 24 * 3600 * 1000;

/** The preset's own classes and enums (passed in to avoid an import cycle with the construct's file). */
export interface NodeExporterTypes {
  readonly collectorType: ClassOf<unknown>;
  readonly listenAddressType: ClassOf<unknown>;
  readonly tolerations: readonly string[];
  readonly monitors: readonly string[];
  readonly relabelActions: readonly string[];
}

/**
 * Runtime types and ranges of every `NodeExporterDaemonSetProps` field, before any is read. The
 * combinations and syntax are checked by `planNodeExporter`.
 * @internal
 */
export function checkNodeExporterTypes(at: string, input: unknown, types: NodeExporterTypes): void {
  const props = checkObject(at, 'props', input, 'a NodeExporterDaemonSetProps object');
  for (const field of ['metadata', 'podMetadata']) {
    const m = checkOptionalObject(at, field, props[field], 'an ApiObjectMetadata object');
    checkOptionalString(at, `${field}.name`, m?.name, { nonEmpty: true });
    checkOptionalString(at, `${field}.namespace`, m?.namespace, { nonEmpty: true });
    checkOptionalStringMap(at, `${field}.labels`, m?.labels);
    checkOptionalStringMap(at, `${field}.annotations`, m?.annotations);
  }
  for (const field of ['description', 'changeCause', 'excludedMountPoints', 'excludedFsTypes', 'excludedNetworkDevices', 'priorityClassName']) {
    checkOptionalString(at, field, props[field]);
  }
  for (const field of ['image', 'textfileDirectory', 'serviceName']) checkOptionalString(at, field, props[field], { nonEmpty: true });
  for (const field of [
    'hostNetwork', 'hostPid', 'hostIpc', 'hostRootFs', 'sysTimeCapability', 'excludeVirtualNodes', 'service', 'serviceMonitor', 'instanceFromNodeName',
    'hostUsers', 'hostProc', 'hostSys', 'presetAnnotations',
  ]) {
    checkOptionalBoolean(at, field, props[field]);
  }
  checkOptionalNumber(at, 'port', props.port);
  for (const field of ['user', 'group']) checkOptionalNumber(at, field, props[field]);
  for (const field of ['minReadySeconds', 'revisionHistoryLimit']) checkOptionalNumber(at, field, props[field], { integer: true, min: 0, max: 2147483647 });
  checkOptionalDuration(at, 'terminationGracePeriod', props.terminationGracePeriod);
  for (const field of ['scrapeInterval', 'scrapeTimeout']) checkOptionalDuration(at, field, props[field], { maxMillis: DAY_MILLIS });
  checkOptionalInstance(at, 'listenAddress', props.listenAddress, types.listenAddressType, 'an ExporterListenAddress (podIp(), allInterfaces(), of(ip))');
  checkOptionalInstance(at, 'seccompProfile', props.seccompProfile, SeccompProfile, 'a SeccompProfile (SeccompProfile.runtimeDefault(), ...)');
  checkOptionalInstance(at, 'updateStrategy', props.updateStrategy, DaemonSetUpdateStrategy, 'a DaemonSetUpdateStrategy (rollingUpdate() or onDelete())');
  for (const field of ['livenessProbe', 'readinessProbe']) {
    checkOptionalInstance(at, field, props[field], HealthProbe, 'a HealthProbe (HealthProbe.httpGet(), .tcpSocket(), ...)');
  }
  if (props.tolerations !== undefined) checkEnum(at, 'tolerations', props.tolerations, types.tolerations);
  if (props.monitor !== undefined) checkEnum(at, 'monitor', props.monitor, types.monitors);
  if (props.serviceType !== undefined) checkEnum(at, 'serviceType', props.serviceType, Object.values(DaemonSetServiceType));
  if (props.hostMountPropagation !== undefined) checkEnum(at, 'hostMountPropagation', props.hostMountPropagation, Object.values(kplus.MountPropagation));
  checkOptionalStringMap(at, 'nodeSelector', props.nodeSelector);
  checkOptionalStringMap(at, 'prometheusLabels', props.prometheusLabels);
  for (const field of ['enabledCollectors', 'disabledCollectors']) {
    checkOptionalArray(at, field, props[field], 'NodeExporterCollector values')
      ?.forEach((c, i) => checkInstance(at, `${field}[${i}]`, c, types.collectorType, 'a NodeExporterCollector (NodeExporterCollector.WIFI, .of(name), ...)'));
  }
  checkStrings(at, 'extraArgs', props.extraArgs);
  for (const field of ['resources', 'dns', 'serviceAccount']) checkOptionalObject(at, field, props[field]);
  const env = checkOptionalObject(at, 'envVariables', props.envVariables, 'a map of names to kplus.EnvValue');
  for (const [k, v] of Object.entries(env ?? {})) checkInstance(at, `envVariables['${k}']`, v, kplus.EnvValue, 'a kplus.EnvValue (EnvValue.fromValue(), ...)');
  for (const field of ['sidecars', 'initContainers']) {
    checkOptionalArray(at, field, props[field], 'container props')?.forEach((c, i) => {
      const o = checkObject(at, `${field}[${i}]`, c, 'a container props object');
      checkString(at, `${field}[${i}].name`, o.name, { nonEmpty: true });
    });
  }
  checkOptionalArray(at, 'imagePullSecrets', props.imagePullSecrets, 'kplus.ISecret values')?.forEach((s, i) => checkObject(at, `imagePullSecrets[${i}]`, s, 'a kplus.ISecret'));
  checkHostMounts(at, props.extraHostMounts);
  checkConfigMountTypes(at, props);
  checkNodeAffinityTypes(at, props.nodeAffinity);
  checkOptionalInstance(at, 'webConfig', props.webConfig, NodeExporterWebConfig, 'a NodeExporterWebConfig (NodeExporterWebConfig.fromSecret(secret, options?))');
  checkSubOptions(at, props);
  for (const field of ['relabelings', 'metricRelabelings']) {
    checkOptionalArray(at, field, props[field], 'PrometheusRelabelConfig values')?.forEach((r, i) => checkRelabelTypes(at, `${field}[${i}]`, r, types));
  }
  checkOptionalArray(at, 'prometheusRules', props.prometheusRules, 'PrometheusRuleGroup values')?.forEach((g, i) => checkRuleGroupTypes(at, `prometheusRules[${i}]`, g));
}

/**
 * The combinations of the pod's namespaces, the listen address, kube-rbac-proxy and the web configuration that
 * cannot work.
 * @internal
 */
export function checkPodChoices(
  props: NodeExporterDaemonSetProps, c: { hostNetwork: boolean; hostPid: boolean; proxy: boolean; listen: ExporterListenAddress },
  fail: (field: string, message: string) => DaemonSetsError,
): void {
  const { hostNetwork, hostPid, proxy, listen } = c;
  if (listen.kind === 'fixed' && !hostNetwork) {
    throw fail('listenAddress', `ExporterListenAddress.of('${listen.ip}') needs hostNetwork: without it the pod's own IP is only known at run time; use ExporterListenAddress.podIp()`);
  }
  if (proxy && !hostNetwork) {
    throw fail('kubeRbacProxy', 'needs hostNetwork true: the exporter then listens on the node\'s 127.0.0.1, which the kubelet can probe; without hostNetwork, keep the metrics private with networkPolicy instead');
  }
  if (proxy && listen.kind === 'fixed') {
    throw fail('listenAddress', `ExporterListenAddress.of('${listen.ip}') cannot be used with kubeRbacProxy, whose TCP probes connect to the pod IP; use ExporterListenAddress.podIp() or allInterfaces()`);
  }
  if (props.hostUsers === false) {
    // validateHostUsers (pkg/apis/core/validation): hostPID and hostIPC always, hostNetwork unless the alpha
    // feature gate UserNamespacesHostNetworkSupport (1.35, off by default) is on.
    const shared = [['hostNetwork', hostNetwork], ['hostPid', hostPid], ['hostIpc', props.hostIpc ?? false]].filter(([, on]) => on).map(([f]) => f);
    if (shared.length > 0) {
      throw fail('hostUsers', `false puts the pods in a user namespace, which the API server rejects for a pod sharing the node's network, PID or IPC namespace, but ${shared.join(' and ')} ${shared.length > 1 ? 'are' : 'is'} true (hostNetwork and hostPid default to true); set ${shared.map(f => `${f}: false`).join(' and ')}, or leave hostUsers unset`);
    }
  }
  const web = props.webConfig;
  if (web && proxy) {
    throw fail('webConfig', 'cannot be combined with kubeRbacProxy, which terminates TLS and authenticates callers in front of the exporter; choose one of them');
  }
  if (web?.requiresAuthentication && listen.kind === 'fixed' && (props.livenessProbe === undefined || props.readinessProbe === undefined)) {
    throw fail('webConfig', `requires authentication, so the default probes connect over TCP to the pod IP, but the exporter listens only on ExporterListenAddress.of('${listen.ip}'); use ExporterListenAddress.podIp() or allInterfaces(), or give livenessProbe and readinessProbe`);
  }
}

function checkStrings(at: string, field: string, value: unknown) {
  checkOptionalArray(at, field, value, 'strings')?.forEach((v, i) => checkString(at, `${field}[${i}]`, v));
}

function checkHostMounts(at: string, value: unknown) {
  checkOptionalArray(at, 'extraHostMounts', value, 'NodeExporterHostMount values')?.forEach((m, i) => {
    const f = `extraHostMounts[${i}]`;
    const o = checkObject(at, f, m, 'a NodeExporterHostMount ({ hostPath, mountPath, ... })');
    checkString(at, `${f}.hostPath`, o.hostPath, { nonEmpty: true });
    checkString(at, `${f}.mountPath`, o.mountPath, { nonEmpty: true });
    checkOptionalBoolean(at, `${f}.readOnly`, o.readOnly);
    checkOptionalString(at, `${f}.volumeName`, o.volumeName, { nonEmpty: true });
    if (o.type !== undefined) checkEnum(at, `${f}.type`, o.type, Object.values(kplus.HostPathVolumeType));
    if (o.propagation !== undefined) checkEnum(at, `${f}.propagation`, o.propagation, Object.values(kplus.MountPropagation));
  });
}

function checkSubOptions(at: string, props: Record<string, unknown>) {
  const np = checkOptionalObject(at, 'networkPolicy', props.networkPolicy, 'a NodeExporterNetworkPolicyOptions object');
  checkOptionalStringMap(at, 'networkPolicy.prometheusPodLabels', np?.prometheusPodLabels);
  checkOptionalString(at, 'networkPolicy.prometheusNamespace', np?.prometheusNamespace, { nonEmpty: true });
  const proxy = checkOptionalObject(at, 'kubeRbacProxy', props.kubeRbacProxy, 'a KubeRbacProxyOptions object');
  checkOptionalString(at, 'kubeRbacProxy.image', proxy?.image, { nonEmpty: true });
  checkOptionalString(at, 'kubeRbacProxy.scrapeTokenKey', proxy?.scrapeTokenKey, { nonEmpty: true });
  checkOptionalObject(at, 'kubeRbacProxy.resources', proxy?.resources);
  for (const field of ['tlsSecret', 'scrapeTokenSecret']) {
    const secret = checkOptionalObject(at, `kubeRbacProxy.${field}`, proxy?.[field], 'a kplus.ISecret');
    if (secret) checkString(at, `kubeRbacProxy.${field}.name`, (secret as { name?: unknown }).name, { nonEmpty: true });
  }
  checkStrings(at, 'kubeRbacProxy.extraArgs', proxy?.extraArgs);
  // ValidateRBACName (pkg/apis/rbac/validation): a ClusterRole's or ClusterRoleBinding's name is a path segment.
  for (const field of ['clusterRoleName', 'clusterRoleBindingName']) {
    const name = checkOptionalString(at, `kubeRbacProxy.${field}`, proxy?.[field], { nonEmpty: true });
    const problem = name !== undefined ? checkPathSegmentName(name) : undefined;
    if (problem) {
      throw new DaemonSetsError(`${at}: kubeRbacProxy.${field}: '${name}' is not an RBAC name: it ${problem} (a ClusterRole or ClusterRoleBinding name is a URL path segment, e.g. 'node-exporter').`, at, `kubeRbacProxy.${field}`);
    }
  }
}

function checkRelabelTypes(at: string, field: string, value: unknown, types: NodeExporterTypes) {
  const r = checkObject(at, field, value, 'a PrometheusRelabelConfig object');
  checkStrings(at, `${field}.sourceLabels`, r.sourceLabels);
  for (const f of ['separator', 'targetLabel', 'regex', 'replacement']) checkOptionalString(at, `${field}.${f}`, r[f]);
  checkOptionalNumber(at, `${field}.modulus`, r.modulus, { integer: true, min: 1, max: Number.MAX_SAFE_INTEGER });
  if (r.action !== undefined) checkEnum(at, `${field}.action`, r.action, types.relabelActions);
}

/**
 * Runtime types of a `PrometheusRuleGroup` (for the `prometheusRules` prop and `addPrometheusRuleGroup()`).
 * @internal
 */
export function checkRuleGroupTypes(at: string, field: string, value: unknown): void {
  const g = checkObject(at, field, value, 'a PrometheusRuleGroup ({ name, rules, interval? })');
  checkString(at, `${field}.name`, g.name);
  checkOptionalDuration(at, `${field}.interval`, g.interval, { maxMillis: 365 * DAY_MILLIS });
  checkArray(at, `${field}.rules`, g.rules, 'PrometheusRuleDefinition values').forEach((rule, i) => {
    const f = `${field}.rules[${i}]`;
    const r = checkObject(at, f, rule, 'a PrometheusRuleDefinition ({ alert or record, expr, ... })');
    checkOptionalString(at, `${f}.alert`, r.alert);
    checkOptionalString(at, `${f}.record`, r.record);
    checkString(at, `${f}.expr`, r.expr);
    checkOptionalDuration(at, `${f}.pendingFor`, r.pendingFor, { maxMillis: 365 * DAY_MILLIS });
    checkOptionalStringMap(at, `${f}.labels`, r.labels);
    checkOptionalStringMap(at, `${f}.annotations`, r.annotations);
  });
}

/**
 * The monitor chosen by `monitor` (or the older `serviceMonitor`), with the checks of the scrape and network
 * policy props that depend on it.
 * @internal
 */
export function chooseMonitor(
  props: NodeExporterDaemonSetProps, proxy: boolean, fail: (field: string, message: string) => DaemonSetsError,
): NodeExporterMonitor {
  if (props.serviceMonitor && props.monitor !== undefined && props.monitor !== NodeExporterMonitor.SERVICE_MONITOR) {
    throw fail('serviceMonitor', `is true but monitor is ${props.monitor}; set one of them`);
  }
  const monitor = props.monitor ?? (props.serviceMonitor ? NodeExporterMonitor.SERVICE_MONITOR : NodeExporterMonitor.NONE);
  if (monitor === NodeExporterMonitor.SERVICE_MONITOR && props.service === false) {
    throw fail('service', 'is false but a ServiceMonitor needs the Service to discover the pods; keep the Service or use monitor: NodeExporterMonitor.POD_MONITOR');
  }
  if (monitor === NodeExporterMonitor.POD_MONITOR && proxy && !props.kubeRbacProxy!.scrapeTokenSecret) {
    throw fail('kubeRbacProxy.scrapeTokenSecret', 'is required with a PodMonitor, which cannot send Prometheus\' own service account token (only a ServiceMonitor can); give a Secret with a token allowed to get /metrics, or use the ServiceMonitor');
  }
  const scrapeFields: [string, unknown][] = [
    ['scrapeInterval', props.scrapeInterval], ['scrapeTimeout', props.scrapeTimeout], ['relabelings', props.relabelings],
    ['metricRelabelings', props.metricRelabelings], ['instanceFromNodeName', props.instanceFromNodeName],
  ];
  const orphan = scrapeFields.find(([, v]) => v !== undefined);
  if (orphan && monitor === NodeExporterMonitor.NONE) {
    throw fail(orphan[0], 'only applies to a ServiceMonitor or PodMonitor, and none is emitted; set monitor (or serviceMonitor: true), or drop it');
  }
  const interval = props.scrapeInterval !== undefined ? promDuration(props.scrapeInterval, m => fail('scrapeInterval', m)) : undefined;
  const timeout = props.scrapeTimeout !== undefined ? promDuration(props.scrapeTimeout, m => fail('scrapeTimeout', m)) : undefined;
  if (props.scrapeInterval && props.scrapeTimeout && props.scrapeTimeout.toSeconds() > props.scrapeInterval.toSeconds()) {
    throw fail('scrapeTimeout', `${timeout} exceeds scrapeInterval ${interval}; Prometheus requires the timeout to be at most the interval`);
  }
  checkLabels(props.prometheusLabels, 'prometheusLabels', fail);
  checkLabels(props.networkPolicy?.prometheusPodLabels, 'networkPolicy.prometheusPodLabels', fail);
  if (props.networkPolicy?.prometheusNamespace !== undefined) {
    const p = checkDns1123Label(props.networkPolicy.prometheusNamespace) ?? checkLabelValue(props.networkPolicy.prometheusNamespace);
    if (p) throw fail('networkPolicy.prometheusNamespace', `'${props.networkPolicy.prometheusNamespace}' ${p}`);
  }
  if (props.networkPolicy?.prometheusPodLabels !== undefined && Object.keys(props.networkPolicy.prometheusPodLabels).length === 0) {
    throw fail('networkPolicy.prometheusPodLabels', 'is empty, which would admit every pod; give the labels of the Prometheus pods');
  }

  return monitor;
}
