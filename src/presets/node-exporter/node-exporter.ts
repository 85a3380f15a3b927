import { ApiObject, ApiObjectMetadata, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { applyNodeAffinity } from './affinity';
import { checkNodeExporterTypes, checkPodChoices, checkRuleGroupTypes, chooseMonitor } from './checks';
import { NodeExporterCollector } from './collectors';
import { ConfigMount, planConfigMounts } from './config-mounts';
import { EXPORTER, METRICS, nodeExporterContainers, PROXY, PROXY_TLS_MOUNT } from './containers';
import { NODE_EXPORTER_FLAGS_1_12 } from './flags-1.12.x';
import { HOST_MOUNTS, hostMountReason, HostMountPlan, planHostMounts } from './host-mounts';
import { PrometheusRelabelAction, promDuration, renderRelabeling, renderRuleGroup, PrometheusRuleGroup } from './monitoring';
import { KubeRbacProxyOptions, NodeExporterDaemonSetProps, NodeExporterMonitor, NodeExporterNetworkPolicyOptions, NodeExporterTolerations } from './props';
import { DaemonSet, DaemonSetContainerProps, DaemonSetProps } from '../../daemon-set';
import { DaemonSetsError } from '../../errors';
import { checkImageReference } from '../../k8s/syntax';
import { NodePlacement } from '../../placement';
import { SeccompProfile } from '../../security';
import { DaemonSetServiceType } from '../../service';
import { DaemonSetUpdateStrategy } from '../../update-strategy';
import { addMonitor, givenMetadata, presetLabels, presetPodMetadata, ServiceAccountForwardRef, suppressByDesign } from '../common';
import { exporterArgs, TEXTFILE_MOUNT } from './args';
import { ExporterListenAddress } from './listen-address';
import { NodeExporterWebConfig } from './web-config';
import * as monitoring from '../../imports/monitoring.coreos.com';

const SERVICE_ACCOUNT_TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount/token';
/** The flags of the pinned release (`DEFAULT_IMAGE`). */
const PINNED_FLAGS = NODE_EXPORTER_FLAGS_1_12;
const WEB_CONFIG_VOLUME = 'web-config';


/** Everything the constructor decides before `super()`. */
interface Plan {
  readonly daemonSetProps: DaemonSetProps;
  readonly serviceAccountRef?: ServiceAccountForwardRef;
  readonly port: number;
  readonly proxy: boolean;
  readonly monitor: NodeExporterMonitor;
  readonly hostMounts: HostMountPlan;
  readonly configMounts: ConfigMount[];
}


/**
 * The Prometheus node-exporter as a DaemonSet, with safer defaults than the Helm chart it
 * replaces: every node including NoExecute-tainted and control-plane ones, `system-node-critical`,
 * read-only host mounts with HostToContainer propagation, non-root with every capability dropped
 * and a read-only root filesystem, RuntimeDefault seccomp, resource requests, probes, a rolling
 * update of 10%, the metrics port bound to the node's IP rather than every interface, and a
 * synthesis-time check that no other DaemonSet of the app takes the same host port on the same nodes.
 *
 * Emits the DaemonSet, a ServiceAccount (token mounted only for kube-rbac-proxy), a headless
 * Service with port `metrics`, and optionally a ServiceMonitor or PodMonitor, a NetworkPolicy,
 * a PrometheusRule and the kube-rbac-proxy sidecar with its ClusterRole and ClusterRoleBinding.
 * Every method of `DaemonSet` still works on it.
 */
export class NodeExporterDaemonSet extends DaemonSet {
  /** The pinned node-exporter image. */
  public static readonly DEFAULT_IMAGE = 'quay.io/prometheus/node-exporter:v1.12.1';

  /** The pinned kube-rbac-proxy image. */
  public static readonly DEFAULT_KUBE_RBAC_PROXY_IMAGE = 'quay.io/brancz/kube-rbac-proxy:v0.20.2';

  /** The default metrics port. */
  public static readonly DEFAULT_PORT = 9100;

  /** kube-prometheus' mount point exclusion: pseudo filesystems and container/pod mounts. */
  public static readonly DEFAULT_EXCLUDED_MOUNT_POINTS = '^/(dev|proc|sys|run/k3s/containerd/.+|var/lib/docker/.+|var/lib/kubelet/pods/.+)($|/)';

  /** Pseudo, overlay and read-only image filesystems, which say nothing about disk space. */
  public static readonly DEFAULT_EXCLUDED_FS_TYPES = '^(autofs|binfmt_misc|bpf|cgroup2?|configfs|debugfs|devpts|devtmpfs|erofs|fusectl|hugetlbfs|iso9660|mqueue|nsfs|overlay|proc|procfs|pstore|rpc_pipefs|securityfs|selinuxfs|squashfs|sysfs|tracefs)$';

  /** kube-prometheus' network device exclusion: container veth pairs and OVN's renamed devices. */
  public static readonly DEFAULT_EXCLUDED_NETWORK_DEVICES = '^(veth.*|[a-f0-9]{15})$';

  /** The metrics port. */
  public readonly port: number;

  /** The node-exporter container. */
  public readonly exporterContainer: kplus.Container;

  /** The kube-rbac-proxy container, when the proxy is on. */
  public readonly kubeRbacProxyContainer?: kplus.Container;

  /** The Service, when emitted. */
  public readonly metricsService?: kplus.Service;

  /** The ServiceMonitor or PodMonitor, when emitted. */
  public readonly monitorObject?: ApiObject;

  /** The NetworkPolicy, when emitted. */
  public readonly networkPolicyObject?: ApiObject;

  /**
   * kube-rbac-proxy's ClusterRole (create TokenReviews and SubjectAccessReviews), when the proxy is on; named
   * `kubeRbacProxy.clusterRoleName` when given.
   */
  public readonly clusterRole?: ApiObject;

  /**
   * The ClusterRoleBinding of kube-rbac-proxy's ClusterRole to the ServiceAccount, when the proxy is on; named
   * `kubeRbacProxy.clusterRoleBindingName` when given.
   */
  public readonly clusterRoleBinding?: ApiObject;

  private readonly _presetProps: NodeExporterDaemonSetProps;
  private readonly _ruleGroups: any[];
  private _prometheusRule?: ApiObject;

  constructor(scope: Construct, id: string, props: NodeExporterDaemonSetProps = {}) {
    const plan = planNodeExporter(scope, id, props);
    super(scope, id, plan.daemonSetProps);
    this._presetProps = props;
    this._ruleGroups = [];
    this.port = plan.port;
    this.exporterContainer = this.containers.find(c => c.name === EXPORTER)!;
    this.kubeRbacProxyContainer = this.containers.find(c => c.name === PROXY && plan.proxy);

    const presetAnnotations = props.presetAnnotations ?? true;
    // Host mounts are what node-exporter is for: say so where the best-practice rule would warn.
    const mountReason = hostMountReason(plan.hostMounts);
    if (presetAnnotations && mountReason !== undefined) {
      suppressByDesign(this.metadata, props.metadata?.annotations, { 'best-practice.sensitive-host-mount': mountReason });
    }

    const labels = this.commonLabels;
    for (const [k, v] of Object.entries(labels)) {
      if (props.metadata?.labels?.[k] === undefined) this.metadata.addLabel(k, v);
      if (props.podMetadata?.labels?.[k] === undefined) this.podMetadata.addLabel(k, v);
    }
    if (presetAnnotations && props.podMetadata?.annotations?.['kubectl.kubernetes.io/default-container'] === undefined) {
      this.podMetadata.addAnnotation('kubectl.kubernetes.io/default-container', EXPORTER);
    }

    if (plan.serviceAccountRef) {
      plan.serviceAccountRef.resolveTo(new kplus.ServiceAccount(this, 'ServiceAccount', {
        metadata: { name: this.name, labels },
        automountToken: plan.proxy,
      }));
    }

    this.mountHostPaths(props, plan.hostMounts);
    this.mountConfigs(props.webConfig, plan.configMounts);
    applyNodeAffinity(this.scheduling, props.nodeAffinity, props.excludeVirtualNodes ?? true, (f, m) => this.presetError(f, m));

    if (props.service ?? true) {
      const serviceName = props.serviceName ?? this.name;
      if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(serviceName) || serviceName.length > 63) {
        throw this.presetError('serviceName', `'${serviceName}' is not a valid Service name (DNS-1035 label: at most 63 lower-case alphanumerics or '-', starting with a letter)${props.serviceName === undefined ? '; it defaults to the DaemonSet name, so set serviceName' : ''}`);
      }
      this.metricsService = this.exposeViaService({
        name: serviceName,
        serviceType: props.serviceType ?? DaemonSetServiceType.HEADLESS,
        ports: [{ port: this.port, targetPortName: METRICS, name: METRICS }],
        labels,
      });
    }

    if (plan.proxy) [this.clusterRole, this.clusterRoleBinding] = this.addKubeRbacProxyRbac(labels, props.kubeRbacProxy ?? {});
    this.monitorObject = this.addMonitorObject(props, plan);
    if (props.networkPolicy) this.networkPolicyObject = this.addNetworkPolicy(props.networkPolicy, labels);
    (props.prometheusRules ?? []).forEach((g, i) => this.addRuleGroup(g, `prometheusRules[${i}]`));
  }

  /** The PrometheusRule, once a rule group was given. */
  public get prometheusRule(): ApiObject | undefined {
    return this._prometheusRule;
  }

  /**
   * Add a group of alerting or recording rules to the PrometheusRule (created on first use).
   */
  public addPrometheusRuleGroup(group: PrometheusRuleGroup): void {
    checkRuleGroupTypes(`NodeExporterDaemonSet '${this.node.path}'`, 'addPrometheusRuleGroup', group);
    this.addRuleGroup(group, 'addPrometheusRuleGroup');
  }

  /** The labels every object of this preset carries. */
  private get commonLabels(): { [key: string]: string } {
    // A label value holds at most 63 characters, a DaemonSet name up to 253: the same value the selector uses.
    return presetLabels(EXPORTER, this.name, METRICS);
  }

  private mountHostPaths(props: NodeExporterDaemonSetProps, mounts: HostMountPlan) {
    const propagation = props.hostMountPropagation ?? kplus.MountPropagation.HOST_TO_CONTAINER;
    const onExporter = { containers: [EXPORTER], readOnly: true };
    if (mounts.proc) this.addHostPath('/proc', HOST_MOUNTS.proc, { ...onExporter, volumeName: 'proc', propagation });
    if (mounts.sys) this.addHostPath('/sys', HOST_MOUNTS.sys, { ...onExporter, volumeName: 'sys', propagation });
    if (mounts.root) this.addHostPath('/', HOST_MOUNTS.root, { ...onExporter, volumeName: 'root', propagation });
    if (props.textfileDirectory !== undefined) {
      this.addHostPath(props.textfileDirectory, TEXTFILE_MOUNT, { ...onExporter, volumeName: 'textfile', type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE });
    }
    (props.extraHostMounts ?? []).forEach((m, i) => {
      const presetPaths = [TEXTFILE_MOUNT, HOST_MOUNTS.proc, HOST_MOUNTS.sys, HOST_MOUNTS.root];
      if (props.webConfig) presetPaths.push(NodeExporterWebConfig.MOUNT_PATH);
      if (presetPaths.includes(m.mountPath)) {
        throw this.presetError(`extraHostMounts[${i}].mountPath`, `'${m.mountPath}' is already used by the preset's own mounts`);
      }
      this.addHostPath(m.hostPath, m.mountPath, {
        containers: [EXPORTER],
        readOnly: m.readOnly ?? true,
        type: m.type,
        propagation: m.propagation,
        volumeName: m.volumeName,
      });
    });
    const tlsSecret = props.kubeRbacProxy?.tlsSecret;
    if (tlsSecret) {
      this.addVolume(kplus.Volume.fromSecret(this, 'KubeRbacProxyTls', tlsSecret, { name: 'kube-rbac-proxy-tls' }));
      this.mountVolume('kube-rbac-proxy-tls', PROXY_TLS_MOUNT, { readOnly: true, containers: [PROXY] });
    }
  }

  /** The web configuration's Secret and the ConfigMap and Secret mounts, read-only in the exporter container. */
  private mountConfigs(webConfig: NodeExporterWebConfig | undefined, mounts: ConfigMount[]) {
    const onExporter = { containers: [EXPORTER], readOnly: true };
    if (webConfig) {
      this.addVolume(kplus.Volume.fromSecret(this, 'WebConfig', webConfig.secret, { name: WEB_CONFIG_VOLUME }));
      this.mountVolume(WEB_CONFIG_VOLUME, NodeExporterWebConfig.MOUNT_PATH, onExporter);
    }
    for (const m of mounts) {
      this.addVolume(m.volume(this, `Mount-${m.volumeName}`));
      this.mountVolume(m.volumeName, m.mountPath, onExporter);
    }
  }

  private get namespace(): string | undefined {
    return this.apiObject.metadata.namespace;
  }

  private addKubeRbacProxyRbac(labels: { [key: string]: string }, proxy: KubeRbacProxyOptions): [ApiObject, ApiObject] {
    const generated = `${this.namespace ? `${this.namespace}-` : ''}${this.name}-kube-rbac-proxy`.substring(0, 253).replace(/[-.]+$/, '');
    const name = proxy.clusterRoleName ?? generated;
    // kube-rbac-proxy checks each caller's token (TokenReview) and permission (SubjectAccessReview).
    const role = new k8s.KubeClusterRole(this, 'KubeRbacProxyClusterRole', {
      metadata: { name, labels },
      rules: [
        { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
        { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
      ],
    });
    const sa = this.serviceAccount!;
    const binding = new k8s.KubeClusterRoleBinding(this, 'KubeRbacProxyClusterRoleBinding', {
      metadata: { name: proxy.clusterRoleBindingName ?? generated, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: sa.name, namespace: this.namespace ?? 'default' }],
    });
    // Cluster-scoped objects have no namespace, whatever the chart's.
    for (const obj of [role, binding]) {
      if (obj.metadata.namespace !== undefined) obj.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
    }
    return [role, binding];
  }

  private endpointFields(props: NodeExporterDaemonSetProps, plan: Plan): { [key: string]: any } {
    const fail = (field: string, message: string) => this.presetError(field, message);
    const relabelings = [
      ...props.instanceFromNodeName ?? true ? [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance', action: PrometheusRelabelAction.REPLACE }] : [],
      ...props.relabelings ?? [],
    ].map((r, i) => renderRelabeling(r, `relabelings[${i}]`, fail));
    const metricRelabelings = (props.metricRelabelings ?? []).map((r, i) => renderRelabeling(r, `metricRelabelings[${i}]`, fail));
    const proxy = props.kubeRbacProxy;
    const web = props.webConfig?._endpointFields();
    return {
      port: METRICS,
      path: '/metrics',
      scheme: plan.proxy ? 'https' : web?.scheme ?? 'http',
      interval: props.scrapeInterval ? promDuration(props.scrapeInterval, m => fail('scrapeInterval', m)) : undefined,
      scrapeTimeout: props.scrapeTimeout ? promDuration(props.scrapeTimeout, m => fail('scrapeTimeout', m)) : undefined,
      relabelings: relabelings.length ? relabelings : undefined,
      metricRelabelings: metricRelabelings.length ? metricRelabelings : undefined,
      // kube-rbac-proxy's certificate is self-signed unless tlsSecret is given; the token authenticates.
      tlsConfig: plan.proxy ? { insecureSkipVerify: true } : web?.tlsConfig,
      authorization: proxy?.scrapeTokenSecret ? { type: 'Bearer', credentials: { name: proxy.scrapeTokenSecret.name, key: proxy.scrapeTokenKey ?? 'token' } } : undefined,
      basicAuth: web?.basicAuth,
    };
  }

  private monitorMetadata(props: NodeExporterDaemonSetProps): ApiObjectMetadata {
    // In the DaemonSet's namespace (beside the Service it selects), not the chart's when the two differ.
    return { name: this.name, namespace: this.namespace, labels: { ...this.commonLabels, ...props.prometheusLabels } };
  }

  private addMonitorObject(props: NodeExporterDaemonSetProps, plan: Plan): ApiObject | undefined {
    if (plan.monitor === NodeExporterMonitor.NONE) return undefined;
    const e = this.endpointFields(props, plan);
    const service = plan.monitor === NodeExporterMonitor.SERVICE_MONITOR;
    return addMonitor(this, plan.monitor, {
      metadata: this.monitorMetadata(props),
      jobLabel: 'app.kubernetes.io/name',
      // A ServiceMonitor selects the Service, a PodMonitor the pods.
      matchLabels: service ? this.commonLabels : this.matchLabels,
      endpoint: service ? { ...e, bearerTokenFile: plan.proxy && !e.authorization ? SERVICE_ACCOUNT_TOKEN : undefined } : e,
    });
  }

  private addNetworkPolicy(options: NodeExporterNetworkPolicyOptions, labels: { [key: string]: string }): ApiObject {
    const prometheus = options.prometheusPodLabels ?? { 'app.kubernetes.io/name': 'prometheus' };
    return new k8s.KubeNetworkPolicy(this, 'NetworkPolicy', {
      metadata: { name: this.name, labels },
      spec: {
        podSelector: { matchLabels: this.matchLabels },
        policyTypes: ['Ingress'],
        ingress: [{
          from: [{
            podSelector: { matchLabels: prometheus },
            namespaceSelector: options.prometheusNamespace !== undefined
              ? { matchLabels: { 'kubernetes.io/metadata.name': options.prometheusNamespace } } : undefined,
          }],
          ports: [{ port: k8s.IntOrString.fromNumber(this.port), protocol: 'TCP' }],
        }],
      },
    });
  }

  private addRuleGroup(group: PrometheusRuleGroup, field: string) {
    const rendered = renderRuleGroup(group, field, (f, m) => this.presetError(f, m));
    if (this._ruleGroups.some(g => g.name === rendered.name)) {
      throw this.presetError(`${field}.name`, `rule group '${rendered.name}' already exists; group names must be unique in a PrometheusRule`);
    }
    this._ruleGroups.push({
      ...rendered,
      rules: rendered.rules.map((r: any) => ({ ...r, expr: monitoring.PrometheusRuleSpecGroupsRulesExpr.fromString(r.expr) })),
    });
    if (!this._prometheusRule) {
      // The spec holds the live array, so groups added later still reach the YAML.
      this._prometheusRule = new monitoring.PrometheusRule(this, 'PrometheusRule', {
        metadata: this.monitorMetadata(this._presetProps),
        spec: { groups: this._ruleGroups },
      });
    }
  }

  private presetError(field: string, message: string): DaemonSetsError {
    const where = `NodeExporterDaemonSet '${this.node.path}'`;
    return new DaemonSetsError(`${where}: ${field}: ${message}.`, where, field);
  }
}

/** Checks the props and chooses the generic DaemonSet's props, before `super()`. */
function planNodeExporter(scope: Construct, id: string, props: NodeExporterDaemonSetProps): Plan {
  const path = scope.node.path ? `${scope.node.path}/${id}` : id;
  const where = `NodeExporterDaemonSet '${path}'`;
  const fail = (field: string, message: string) => new DaemonSetsError(`${where}: ${field}: ${message}.`, where, field);
  checkNodeExporterTypes(where, props, {
    collectorType: NodeExporterCollector,
    listenAddressType: ExporterListenAddress,
    tolerations: Object.values(NodeExporterTolerations),
    monitors: Object.values(NodeExporterMonitor),
    relabelActions: Object.values(PrometheusRelabelAction),
  });

  const port = props.port ?? NodeExporterDaemonSet.DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw fail('port', `${port} is out of range; a port is an integer from 1 to 65535`);
  const hostNetwork = props.hostNetwork ?? true;
  const hostPid = props.hostPid ?? true;
  const proxy = props.kubeRbacProxy !== undefined;
  const listen = props.listenAddress ?? ExporterListenAddress.podIp();
  checkPodChoices(props, { hostNetwork, hostPid, proxy, listen }, fail);

  const image = props.image ?? NodeExporterDaemonSet.DEFAULT_IMAGE;
  const ip = checkImageReference(image);
  if (ip) throw fail('image', `'${image}' ${ip}`);

  const user = props.user ?? 65534;
  const group = props.group ?? 65534;
  for (const [field, value] of [['user', user], ['group', group]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > 2147483647) throw fail(field, `${value} is not a user or group ID; use an integer from 0 to 2147483647 (65534 is nobody)`);
  }

  const hostMounts = planHostMounts(props, { hostNetwork, hostPid }, PINNED_FLAGS.collectors, fail);
  const configMounts = planConfigMounts(props.configMapMounts, props.secretMounts, exporterMountsTaken(props, hostMounts), fail);
  const args = exporterArgs(props, {
    port,
    listen,
    proxy,
    hostMounts,
    exclusions: {
      EXCLUDED_MOUNT_POINTS: NodeExporterDaemonSet.DEFAULT_EXCLUDED_MOUNT_POINTS,
      EXCLUDED_FS_TYPES: NodeExporterDaemonSet.DEFAULT_EXCLUDED_FS_TYPES,
      EXCLUDED_NETWORK_DEVICES: NodeExporterDaemonSet.DEFAULT_EXCLUDED_NETWORK_DEVICES,
    },
  }, fail);
  const containers = nodeExporterContainers(props, {
    image, proxyImageDefault: NodeExporterDaemonSet.DEFAULT_KUBE_RBAC_PROXY_IMAGE, args, port, listen, proxy, hostNetwork, user, group,
  }, fail);
  const monitor = chooseMonitor(props, proxy, fail);
  const serviceAccountRef = props.serviceAccount ? undefined : new ServiceAccountForwardRef(where);
  const daemonSet = daemonSetProps(props, { containers, serviceAccountRef, proxy, hostNetwork, user, group });
  return { port, proxy, monitor, serviceAccountRef, daemonSetProps: daemonSet, hostMounts, configMounts };
}

/** The mount paths and volume names of the exporter container before the ConfigMap and Secret mounts. */
function exporterMountsTaken(props: NodeExporterDaemonSetProps, hostMounts: HostMountPlan): { mountPaths: string[]; volumeNames: string[] } {
  const mountPaths: string[] = [];
  const volumeNames: string[] = [];
  const add = (mountPath: string, volumeName?: string) => {
    mountPaths.push(mountPath);
    if (volumeName !== undefined) volumeNames.push(volumeName);
  };
  if (hostMounts.proc) add(HOST_MOUNTS.proc, 'proc');
  if (hostMounts.sys) add(HOST_MOUNTS.sys, 'sys');
  if (hostMounts.root) add(HOST_MOUNTS.root, 'root');
  if (props.textfileDirectory !== undefined) add(TEXTFILE_MOUNT, 'textfile');
  if (props.webConfig) add(NodeExporterWebConfig.MOUNT_PATH, WEB_CONFIG_VOLUME);
  for (const m of props.extraHostMounts ?? []) add(m.mountPath, m.volumeName);
  if (props.kubeRbacProxy?.tlsSecret) volumeNames.push('kube-rbac-proxy-tls');
  return { mountPaths, volumeNames };
}

/** The generic DaemonSet's props: the preset's defaults under the caller's props. */
function daemonSetProps(props: NodeExporterDaemonSetProps, d: {
  containers: DaemonSetContainerProps[]; serviceAccountRef?: kplus.IServiceAccount; proxy: boolean; hostNetwork: boolean; user: number; group: number;
}): DaemonSetProps {
  const { containers, serviceAccountRef, proxy, hostNetwork, user, group } = d;
  const tolerations = props.tolerations ?? NodeExporterTolerations.ALL_TAINTS;
  const placement = tolerations === NodeExporterTolerations.ALL_TAINTS ? [NodePlacement.allNodes()]
    : tolerations === NodeExporterTolerations.CONTROL_PLANE ? [NodePlacement.controlPlaneToo()] : [];

  return {
    metadata: givenMetadata(props.metadata),
    podMetadata: presetPodMetadata(props.podMetadata, EXPORTER),
    selectorLabels: props.selectorLabels,
    description: props.description,
    changeCause: props.changeCause,
    containers,
    initContainers: props.initContainers,
    serviceAccount: props.serviceAccount ?? serviceAccountRef,
    automountServiceAccountToken: proxy,
    securityContext: { user, group, fsGroup: group, ensureNonRoot: user !== 0 },
    seccompProfile: props.seccompProfile ?? SeccompProfile.runtimeDefault(),
    hostNetwork,
    hostPid: props.hostPid ?? true,
    hostIpc: props.hostIpc ?? false,
    hostUsers: props.hostUsers,
    dns: props.dns,
    terminationGracePeriod: props.terminationGracePeriod,
    imagePullSecrets: props.imagePullSecrets,
    updateStrategy: props.updateStrategy ?? DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    minReadySeconds: props.minReadySeconds,
    revisionHistoryLimit: props.revisionHistoryLimit,
    priorityClassName: props.priorityClassName ?? 'system-node-critical',
    nodeSelector: props.nodeSelector ?? { 'kubernetes.io/os': 'linux' },
    placement,
  };
}
