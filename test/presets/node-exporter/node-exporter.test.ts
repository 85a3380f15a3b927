import { App, Chart, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DEFAULT_PROBE, EXCLUDED_FS_TYPES, EXCLUDED_MOUNT_POINTS, EXCLUDED_NET_DEVICES, SELECTOR_LABEL, build, chart, defaultArgs, exporter, one, podSpec, render } from './fixtures';
import { ExporterListenAddress, NodeExporterCollector, NodeExporterDaemonSet, NodeExporterDaemonSetProps, NodeExporterMonitor, PrometheusRelabelAction } from '../../../src/presets/node-exporter';
import { DaemonSetUpdateStrategy } from '../../../src/update-strategy';

// NodeExporterDaemonSet: snapshots, what it emits by default, and bad input.

test('snapshot: defaults', () => {
  expect(render()).toMatchSnapshot();
});

test('snapshot: every optional object on (kube-rbac-proxy, ServiceMonitor, NetworkPolicy, PrometheusRule, textfile)', () => {
  expect(render({
    metadata: { name: 'node-exporter' },
    serviceMonitor: true,
    scrapeInterval: Duration.seconds(30),
    prometheusLabels: { release: 'kube-prometheus-stack' },
    kubeRbacProxy: {},
    networkPolicy: { prometheusNamespace: 'monitoring' },
    textfileDirectory: '/var/lib/node_exporter/textfile_collector',
    enabledCollectors: [NodeExporterCollector.PROCESSES],
    disabledCollectors: [NodeExporterCollector.WIFI],
    prometheusRules: [{ name: 'node', rules: [{ alert: 'NodeExporterDown', expr: 'up{job="node-exporter"} == 0', pendingFor: Duration.minutes(5) }] }],
  })).toMatchSnapshot();
});

test('defaults: emits exactly a DaemonSet, a ServiceAccount and a Service', () => {
  expect(render().map(m => `${m.apiVersion} ${m.kind}`)).toEqual(['apps/v1 DaemonSet', 'v1 ServiceAccount', 'v1 Service']);
});

test('defaults: pinned node-exporter image', () => {
  expect(NodeExporterDaemonSet.DEFAULT_IMAGE).toBe('quay.io/prometheus/node-exporter:v1.12.1');
  const c = exporter(render());
  expect(c.image).toBe('quay.io/prometheus/node-exporter:v1.12.1');
  expect(c.imagePullPolicy).toBe('IfNotPresent');
  expect(podSpec(render()).containers.map((x: any) => x.name)).toEqual(['node-exporter']);
});

test('defaults: hostNetwork and hostPID on, hostIPC off, DNS policy for the host network', () => {
  const spec = podSpec(render());
  expect(spec.hostNetwork).toBe(true);
  expect(spec.hostPID).toBe(true);
  expect(spec.hostIPC).toBe(false);
  expect(spec.dnsPolicy).toBe('ClusterFirstWithHostNet');
});

test('defaults: /proc, /sys and / mounted read-only at /host/* with HostToContainer propagation', () => {
  const m = render();
  expect(podSpec(m).volumes).toEqual([
    { name: 'proc', hostPath: { path: '/proc', type: '' } },
    { name: 'sys', hostPath: { path: '/sys', type: '' } },
    { name: 'root', hostPath: { path: '/', type: '' } },
  ]);
  expect(exporter(m).volumeMounts).toEqual([
    { name: 'proc', mountPath: '/host/proc', readOnly: true, mountPropagation: 'HostToContainer' },
    { name: 'sys', mountPath: '/host/sys', readOnly: true, mountPropagation: 'HostToContainer' },
    { name: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
  ]);
});

test('defaults: exact args with the host paths and kube-prometheus\' exclusion regexes', () => {
  expect(exporter(render()).args).toEqual(defaultArgs());
  expect(NodeExporterDaemonSet.DEFAULT_EXCLUDED_MOUNT_POINTS).toBe(EXCLUDED_MOUNT_POINTS);
  expect(NodeExporterDaemonSet.DEFAULT_EXCLUDED_FS_TYPES).toBe(EXCLUDED_FS_TYPES);
  expect(NodeExporterDaemonSet.DEFAULT_EXCLUDED_NETWORK_DEVICES).toBe(EXCLUDED_NET_DEVICES);
});

test('defaults: listens on the pod IP (the node IP with hostNetwork), taken from the downward API', () => {
  const c = exporter(render());
  expect(c.args).toContain('--web.listen-address=[$(POD_IP)]:9100');
  expect(c.env).toEqual([{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }]);
});

test('defaults: metrics port 9100 named metrics, bound on the host', () => {
  expect(NodeExporterDaemonSet.DEFAULT_PORT).toBe(9100);
  expect(exporter(render()).ports).toEqual([{ containerPort: 9100, hostPort: 9100, name: 'metrics' }]);
});

test('defaults: uid/gid 65534, non-root, read-only root filesystem, no escalation, all capabilities dropped, RuntimeDefault seccomp', () => {
  const m = render();
  expect(podSpec(m).securityContext).toEqual({
    runAsUser: 65534,
    runAsGroup: 65534,
    runAsNonRoot: true,
    fsGroup: 65534,
    fsGroupChangePolicy: 'Always',
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(exporter(m).securityContext).toEqual({
    runAsUser: 65534,
    runAsGroup: 65534,
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
  });
});

test('defaults: liveness and readiness HTTP probes on the metrics port', () => {
  const c = exporter(render());
  expect(c.livenessProbe).toEqual(DEFAULT_PROBE);
  expect(c.readinessProbe).toEqual(DEFAULT_PROBE);
  expect(c).not.toHaveProperty('startupProbe');
});

test('defaults: requests set, memory limited, no CPU limit', () => {
  expect(exporter(render()).resources).toEqual({
    requests: { cpu: '50m', memory: '64Mi' },
    limits: { memory: '256Mi' },
  });
});

test('defaults: tolerates every taint, NoExecute included', () => {
  expect(podSpec(render()).tolerations).toEqual([{ operator: 'Exists' }]);
});

test('defaults: system-node-critical priority and a 10% rolling update', () => {
  const m = render();
  expect(podSpec(m).priorityClassName).toBe('system-node-critical');
  expect(one(m, 'DaemonSet').spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
});

test('defaults: Linux nodes only, and no virtual-kubelet or Fargate nodes', () => {
  const spec = podSpec(render());
  expect(spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  expect(spec.affinity).toEqual({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{
          matchExpressions: [
            { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
            { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
          ],
        }],
      },
    },
  });
});

test('defaults: a ServiceAccount of its own, named like the DaemonSet, with no token mounted', () => {
  const m = render();
  const ds = one(m, 'DaemonSet');
  const sa = one(m, 'ServiceAccount');
  expect(sa.apiVersion).toBe('v1');
  expect(sa.metadata.name).toBe(ds.metadata.name);
  expect(sa.metadata.namespace).toBe('monitoring');
  expect(sa.automountServiceAccountToken).toBe(false);
  expect(podSpec(m).serviceAccountName).toBe(sa.metadata.name);
  expect(podSpec(m).automountServiceAccountToken).toBe(false);
});

test('defaults: a headless Service with port metrics selecting the pods', () => {
  const m = render();
  const ds = one(m, 'DaemonSet');
  const svc = one(m, 'Service');
  expect(svc.metadata.name).toBe(ds.metadata.name);
  expect(svc.spec.clusterIP).toBe('None');
  expect(svc.spec.type).toBe('ClusterIP');
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 'metrics' }]);
  expect(svc.spec.selector).toEqual(ds.spec.selector.matchLabels);
  for (const [k, v] of Object.entries(svc.spec.selector)) expect(ds.spec.template.metadata.labels[k]).toBe(v);
});

test('defaults: recommended labels on every object, default-container annotation on the pods', () => {
  const m = render();
  const ds = one(m, 'DaemonSet');
  const labels = {
    'app.kubernetes.io/name': 'node-exporter',
    'app.kubernetes.io/instance': ds.metadata.name,
    'app.kubernetes.io/component': 'metrics',
  };
  for (const obj of m) expect(obj.metadata.labels).toEqual(labels);
  expect(ds.spec.template.metadata.labels).toEqual({ ...labels, [SELECTOR_LABEL]: ds.spec.selector.matchLabels[SELECTOR_LABEL] });
  expect(ds.spec.template.metadata.annotations).toEqual({ 'kubectl.kubernetes.io/default-container': 'node-exporter' });
});

test('defaults: no monitor, NetworkPolicy, PrometheusRule or RBAC objects', () => {
  const kinds = render().map(m => m.kind);
  for (const k of ['ServiceMonitor', 'PodMonitor', 'NetworkPolicy', 'PrometheusRule', 'ClusterRole', 'ClusterRoleBinding']) expect(kinds).not.toContain(k);
});

test('defaults: the synthesized app passes the library\'s own validation', () => {
  const app = Testing.app();
  new NodeExporterDaemonSet(new Chart(app, 'monitoring', { namespace: 'monitoring' }), 'ne');
  expect(() => app.synth()).not.toThrow();
});

test('the host mounts it needs are documented as a suppression, which the user can override', () => {
  const c = Testing.chart();
  const key = 'suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount';
  new NodeExporterDaemonSet(c, 'ne', { metadata: { annotations: { [key]: 'reviewed by SRE' } } });
  const ds = Testing.synth(c).find(o => o.kind === 'DaemonSet');
  expect(ds.metadata.annotations[key]).toBe('reviewed by SRE');
});

describe('rejects bad NodeExporterDaemonSet input', () => {
  test.each([
    ['port out of range', { port: 0 }, /NodeExporterDaemonSet 'test\/ne': port: 0 is out of range; a port is an integer from 1 to 65535/],
    ['port too large', { port: 70000 }, /port: 70000 is out of range/],
    ['bad image', { image: 'Quay.io/Prometheus/Node Exporter' }, /NodeExporterDaemonSet 'test\/ne': image: 'Quay.io\/Prometheus\/Node Exporter' contains whitespace/],
    ['negative user', { user: -1 }, /NodeExporterDaemonSet 'test\/ne': user: -1 is not a user or group ID; use an integer from 0 to 2147483647/],
    ['fractional group', { group: 1.5 }, /group: 1.5 is not a user or group ID/],
    ['collector twice', { enabledCollectors: [NodeExporterCollector.SYSTEMD, NodeExporterCollector.SYSTEMD] }, /enabledCollectors: collector 'systemd' is listed twice/],
    ['collector on and off', { enabledCollectors: [NodeExporterCollector.WIFI], disabledCollectors: [NodeExporterCollector.WIFI] }, /enabledCollectors: collector 'wifi' is also in disabledCollectors; list it in one of them/],
    ['relative textfile directory', { textfileDirectory: 'var/lib/textfile' }, /textfileDirectory: 'var\/lib\/textfile' must be an absolute path/],
    ['textfile directory with the textfile collector off', { textfileDirectory: '/var/lib/textfile', disabledCollectors: [NodeExporterCollector.TEXTFILE] }, /textfileDirectory: is set but the textfile collector is in disabledCollectors/],
    ['lookahead regex', { excludedMountPoints: '^/(?!home)' }, /excludedMountPoints: '\^\/\(\?!home\)' uses a lookahead or lookbehind, which Go's RE2 engine does not support/],
    ['backreference regex', { excludedFsTypes: '(a)\\1' }, /excludedFsTypes: '\(a\)\\1' uses a backreference/],
    ['broken regex', { excludedNetworkDevices: '^(veth' }, /excludedNetworkDevices: '\^\(veth' does not compile/],
    ['empty regex', { excludedFsTypes: '' }, /excludedFsTypes: is empty; give a regular expression/],
    ['managed flag in extraArgs', { extraArgs: ['--web.listen-address=:9200'] }, /extraArgs: '--web.listen-address=:9200' sets a flag this preset manages; use the port \/ listenAddress prop/],
    ['rootfs flag in extraArgs', { extraArgs: ['--path.rootfs=/'] }, /extraArgs: '--path.rootfs=\/' sets a flag this preset manages; use the hostRootFs prop/],
    ['collector toggle in extraArgs', { extraArgs: ['--no-collector.wifi'] }, /extraArgs: '--no-collector.wifi' toggles a collector; use enabledCollectors or disabledCollectors/],
    ['non-flag in extraArgs', { extraArgs: ['verbose'] }, /extraArgs: 'verbose' is not a flag; node_exporter flags start with '--'/],
    ['fixed listen address off the host network', { hostNetwork: false, listenAddress: ExporterListenAddress.of('10.0.0.5') }, /listenAddress: ExporterListenAddress.of\('10.0.0.5'\) needs hostNetwork/],
    ['kube-rbac-proxy off the host network', { hostNetwork: false, kubeRbacProxy: {} }, /NodeExporterDaemonSet 'test\/ne': kubeRbacProxy: needs hostNetwork true/],
    ['kube-rbac-proxy with a fixed address', { kubeRbacProxy: {}, listenAddress: ExporterListenAddress.of('10.0.0.5') }, /listenAddress: ExporterListenAddress.of\('10.0.0.5'\) cannot be used with kubeRbacProxy/],
    ['kube-rbac-proxy managed flag', { kubeRbacProxy: { extraArgs: ['--upstream=http://127.0.0.1:9200/'] } }, /kubeRbacProxy.extraArgs: '--upstream=http:\/\/127.0.0.1:9200\/' sets a flag this preset manages/],
    ['kube-rbac-proxy bad image', { kubeRbacProxy: { image: 'Brancz/Proxy' } }, /kubeRbacProxy.image: 'Brancz\/Proxy' is not a valid image reference/],
    ['PodMonitor behind the proxy without a token', { monitor: NodeExporterMonitor.POD_MONITOR, kubeRbacProxy: {} }, /kubeRbacProxy.scrapeTokenSecret: is required with a PodMonitor/],
    ['serviceMonitor and a PodMonitor', { serviceMonitor: true, monitor: NodeExporterMonitor.POD_MONITOR }, /serviceMonitor: is true but monitor is PodMonitor; set one of them/],
    ['ServiceMonitor without the Service', { serviceMonitor: true, service: false }, /service: is false but a ServiceMonitor needs the Service/],
    ['scrape interval without a monitor', { scrapeInterval: Duration.seconds(30) }, /scrapeInterval: only applies to a ServiceMonitor or PodMonitor, and none is emitted/],
    ['relabelings without a monitor', { relabelings: [] }, /relabelings: only applies to a ServiceMonitor or PodMonitor/],
    ['sub-second scrape interval', { serviceMonitor: true, scrapeInterval: Duration.millis(500) }, /scrapeInterval: is 0.5s; use a whole number of seconds, at least 1/],
    ['timeout above interval', { serviceMonitor: true, scrapeInterval: Duration.seconds(10), scrapeTimeout: Duration.seconds(15) }, /scrapeTimeout: 15s exceeds scrapeInterval 10s/],
    ['bad Prometheus label', { serviceMonitor: true, prometheusLabels: { 'bad key': 'x' } }, /prometheusLabels: label key 'bad key'/],
    ['empty NetworkPolicy selector', { networkPolicy: { prometheusPodLabels: {} } }, /networkPolicy.prometheusPodLabels: is empty, which would admit every pod/],
    ['bad NetworkPolicy namespace', { networkPolicy: { prometheusNamespace: 'Monitoring' } }, /networkPolicy.prometheusNamespace: 'Monitoring' must consist of lower-case/],
    ['sidecar named like the exporter', { sidecars: [{ name: 'node-exporter', image: 'busybox:1.36' }] }, /sidecars: container name 'node-exporter' is taken by the preset/],
    ['POD_IP env', { envVariables: { POD_IP: kplus.EnvValue.fromValue('1.2.3.4') } }, /envVariables: POD_IP is set by the preset/],
    ['token key without Secret', { kubeRbacProxy: { scrapeTokenKey: 'token' } }, /kubeRbacProxy.scrapeTokenKey: is set without scrapeTokenSecret/],
  ] as [string, NodeExporterDaemonSetProps, RegExp][])('rejects %s', (_name, props, error) => {
    expect(build(props)).toThrow(error);
  });

  test.each([
    ['relabeling without targetLabel', { serviceMonitor: true, relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'] }] }, /NodeExporterDaemonSet 'test\/ne': relabelings\[1\].targetLabel: is missing; action 'replace' writes its result to targetLabel/],
    ['hashmod without modulus', { serviceMonitor: true, metricRelabelings: [{ sourceLabels: ['instance'], targetLabel: 'shard', action: PrometheusRelabelAction.HASHMOD }] }, /metricRelabelings\[0\].modulus: is undefined; action 'hashmod' needs a positive integer modulus/],
    ['bad source label', { serviceMonitor: true, relabelings: [{ sourceLabels: ['node-name'], targetLabel: 'node' }] }, /relabelings\[1\].sourceLabels: 'node-name' is not a Prometheus label name/],
    ['relabel regex with lookahead', { monitor: NodeExporterMonitor.POD_MONITOR, metricRelabelings: [{ sourceLabels: ['__name__'], regex: '(?!node_).*', action: PrometheusRelabelAction.DROP }] }, /metricRelabelings\[0\].regex: '\(\?!node_\)\.\*' uses a lookahead/],
    ['rule with alert and record', { prometheusRules: [{ name: 'g', rules: [{ alert: 'A', record: 'a:b', expr: 'vector(1)' }] }] }, /prometheusRules\[0\].rules\[0\]: gives both alert 'A' and record 'a:b'/],
    ['rule with neither', { prometheusRules: [{ name: 'g', rules: [{ expr: 'vector(1)' }] }] }, /prometheusRules\[0\].rules\[0\]: gives neither alert nor record/],
    ['bad record name', { prometheusRules: [{ name: 'g', rules: [{ record: 'cpu-count', expr: 'vector(1)' }] }] }, /prometheusRules\[0\].rules\[0\].record: 'cpu-count' is not a Prometheus metric name/],
    ['empty expr', { prometheusRules: [{ name: 'g', rules: [{ alert: 'A', expr: ' ' }] }] }, /prometheusRules\[0\].rules\[0\].expr: is empty/],
    ['recording rule with for', { prometheusRules: [{ name: 'g', rules: [{ record: 'a:b', expr: 'vector(1)', pendingFor: Duration.minutes(1) }] }] }, /recording rule 'a:b' sets pendingFor, which only alerting rules have/],
    ['empty group', { prometheusRules: [{ name: 'g', rules: [] }] }, /prometheusRules\[0\].rules: group 'g' has no rules/],
    ['duplicate group', { prometheusRules: [{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }, { name: 'g', rules: [{ alert: 'B', expr: 'vector(1)' }] }] }, /prometheusRules\[1\].name: rule group 'g' already exists/],
    ['mount over a preset mount', { extraHostMounts: [{ hostPath: '/etc', mountPath: '/host/root' }] }, /extraHostMounts\[0\].mountPath: '\/host\/root' is already used by the preset's own mounts/],
    ['invalid Service name', { metadata: { name: '9-exporter' } }, /serviceName: '9-exporter' is not a valid Service name .* it defaults to the DaemonSet name, so set serviceName/],
  ] as [string, NodeExporterDaemonSetProps, RegExp][])('rejects %s', (_name, props, error) => {
    expect(build(props)).toThrow(error);
  });

  test('rejects bad listen addresses and collector names', () => {
    expect(() => ExporterListenAddress.of('node-1')).toThrow(/ExporterListenAddress.of: 'node-1' is not an IPv4 or IPv6 address/);
    expect(() => NodeExporterCollector.of('No-Wifi')).toThrow(/NodeExporterCollector.of: 'No-Wifi' is not a collector name/);
  });

  test('rejects a duplicate rule group added later', () => {
    const ne = new NodeExporterDaemonSet(chart(), 'ne', { prometheusRules: [{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }] });
    expect(() => ne.addPrometheusRuleGroup({ name: 'g', rules: [{ alert: 'B', expr: 'vector(1)' }] }))
      .toThrow(/NodeExporterDaemonSet 'test\/ne': addPrometheusRuleGroup.name: rule group 'g' already exists/);
  });

  test('errors of the generic DaemonSet still name the construct path', () => {
    expect(build({ priorityClassName: 'System_Critical' })).toThrow(/DaemonSet 'test\/ne': priorityClassName: 'System_Critical'/);
    const surge = DaemonSetUpdateStrategy.rollingUpdate({
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
    });
    expect(build({ updateStrategy: surge })).toThrow(/maxSurge starts a second pod on each node/);
  });

  test('an App with the preset at its root reports paths without a leading slash', () => {
    const app = new App();
    expect(() => new NodeExporterDaemonSet(app as any, 'ne', { port: -1 })).toThrow(/NodeExporterDaemonSet 'ne': port: -1/);
  });
});
