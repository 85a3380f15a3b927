import { Duration } from 'cdk8s';
import { chart, exporter, ofKind, one, render, synth } from './fixtures';
import { NodeExporterDaemonSet, NodeExporterMonitor, PrometheusRelabelAction } from '../../../src/presets/node-exporter';
import { labelValueFromName } from '../../../src/selector-labels';
import { DaemonSetServiceType } from '../../../src/service';

// The Service, ServiceMonitor / PodMonitor, NetworkPolicy and PrometheusRule.

test('service off, ClusterIP service, or a Service name', () => {
  expect(ofKind(render({ service: false }), 'Service')).toHaveLength(0);
  const svc = one(render({ serviceType: DaemonSetServiceType.CLUSTER_IP, serviceName: 'node-metrics' }), 'Service');
  expect(svc.metadata.name).toBe('node-metrics');
  expect(svc.spec).not.toHaveProperty('clusterIP');
});

test('serviceMonitor: true emits a ServiceMonitor selecting the Service\'s port metrics', () => {
  const m = render({ serviceMonitor: true });
  const svc = one(m, 'Service');
  const sm = one(m, 'ServiceMonitor');
  expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(sm.metadata.name).toBe(one(m, 'DaemonSet').metadata.name);
  expect(sm.metadata.namespace).toBe('monitoring');
  expect(sm.spec.selector).toEqual({ matchLabels: svc.metadata.labels });
  expect(sm.spec.jobLabel).toBe('app.kubernetes.io/name');
  expect(svc.metadata.labels['app.kubernetes.io/name']).toBe('node-exporter');
  expect(sm.spec.endpoints).toEqual([{
    port: 'metrics',
    path: '/metrics',
    scheme: 'http',
    relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance', action: 'replace' }],
  }]);
  expect(svc.spec.ports.map((p: any) => p.name)).toContain(sm.spec.endpoints[0].port);
});

test('monitor: SERVICE_MONITOR is the same as serviceMonitor: true', () => {
  expect(one(render({ monitor: NodeExporterMonitor.SERVICE_MONITOR }), 'ServiceMonitor').spec)
    .toEqual(one(render({ serviceMonitor: true }), 'ServiceMonitor').spec);
});

test('ServiceMonitor: interval, timeout, relabelings, metric relabelings and Prometheus selector labels', () => {
  const m = render({
    serviceMonitor: true,
    scrapeInterval: Duration.seconds(30),
    scrapeTimeout: Duration.seconds(10),
    relabelings: [{ sourceLabels: ['__meta_kubernetes_node_label_topology_kubernetes_io_zone'], targetLabel: 'zone' }],
    metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'node_scrape_collector_.*', action: PrometheusRelabelAction.DROP }],
    prometheusLabels: { release: 'kube-prometheus-stack' },
  });
  const sm = one(m, 'ServiceMonitor');
  expect(sm.metadata.labels.release).toBe('kube-prometheus-stack');
  expect(sm.spec.selector.matchLabels).not.toHaveProperty('release');
  expect(sm.spec.endpoints[0]).toEqual({
    port: 'metrics',
    path: '/metrics',
    scheme: 'http',
    interval: '30s',
    scrapeTimeout: '10s',
    relabelings: [
      { sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance', action: 'replace' },
      { sourceLabels: ['__meta_kubernetes_node_label_topology_kubernetes_io_zone'], targetLabel: 'zone', action: 'replace' },
    ],
    metricRelabelings: [{ sourceLabels: ['__name__'], regex: 'node_scrape_collector_.*', action: 'drop' }],
  });
});

test('instanceFromNodeName false keeps <ip>:<port> instances', () => {
  expect(one(render({ serviceMonitor: true, instanceFromNodeName: false }), 'ServiceMonitor').spec.endpoints[0]).not.toHaveProperty('relabelings');
});

test('PodMonitor selects the DaemonSet\'s pods on port metrics, without needing the Service', () => {
  const m = render({ monitor: NodeExporterMonitor.POD_MONITOR, service: false, scrapeInterval: Duration.minutes(1) });
  const ds = one(m, 'DaemonSet');
  const pm = one(m, 'PodMonitor');
  expect(pm.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(pm.metadata.name).toBe(ds.metadata.name);
  expect(pm.spec.selector).toEqual({ matchLabels: ds.spec.selector.matchLabels });
  for (const [k, v] of Object.entries(pm.spec.selector.matchLabels)) expect(ds.spec.template.metadata.labels[k]).toBe(v);
  expect(pm.spec.jobLabel).toBe('app.kubernetes.io/name');
  expect(pm.spec.podMetricsEndpoints).toEqual([{
    port: 'metrics',
    path: '/metrics',
    scheme: 'http',
    interval: '1m',
    relabelings: [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance', action: 'replace' }],
  }]);
  expect(exporter(m).ports.map((p: any) => p.name)).toContain(pm.spec.podMetricsEndpoints[0].port);
  expect(ofKind(m, 'ServiceMonitor')).toHaveLength(0);
});

test('NetworkPolicy admits only Prometheus pods, only on the metrics port', () => {
  const m = render({ networkPolicy: {} });
  const ds = one(m, 'DaemonSet');
  const np = one(m, 'NetworkPolicy');
  expect(np.apiVersion).toBe('networking.k8s.io/v1');
  expect(np.metadata.name).toBe(ds.metadata.name);
  expect(np.spec).toEqual({
    podSelector: { matchLabels: ds.spec.selector.matchLabels },
    policyTypes: ['Ingress'],
    ingress: [{
      from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
      ports: [{ port: 9100, protocol: 'TCP' }],
    }],
  });
});

test('NetworkPolicy: Prometheus labels and namespace', () => {
  const np = one(render({ networkPolicy: { prometheusPodLabels: { app: 'prometheus', prometheus: 'k8s' }, prometheusNamespace: 'observability' } }), 'NetworkPolicy');
  expect(np.spec.ingress[0].from).toEqual([{
    podSelector: { matchLabels: { app: 'prometheus', prometheus: 'k8s' } },
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } },
  }]);
});

test('PrometheusRule hook: groups from props and addPrometheusRuleGroup()', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne', {
    prometheusLabels: { release: 'kube-prometheus-stack' },
    serviceMonitor: true,
    prometheusRules: [{
      name: 'node-exporter',
      interval: Duration.seconds(30),
      rules: [{ alert: 'NodeExporterDown', expr: 'up{job="node-exporter"} == 0', pendingFor: Duration.minutes(5), labels: { severity: 'warning' }, annotations: { summary: 'down' } }],
    }],
  });
  ne.addPrometheusRuleGroup({ name: 'node-recording', rules: [{ record: 'instance:node_cpus:count', expr: 'count by (instance) (node_cpu_seconds_total{mode="idle"})' }] });
  expect(ne.prometheusRule).toBeDefined();
  const m = synth(c);
  const rule = one(m, 'PrometheusRule');
  expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(rule.metadata.name).toBe(one(m, 'DaemonSet').metadata.name);
  expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
  expect(rule.spec.groups).toEqual([
    {
      name: 'node-exporter',
      interval: '30s',
      rules: [{ alert: 'NodeExporterDown', expr: 'up{job="node-exporter"} == 0', for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'down' } }],
    },
    { name: 'node-recording', rules: [{ record: 'instance:node_cpus:count', expr: 'count by (instance) (node_cpu_seconds_total{mode="idle"})' }] },
  ]);
});

test('prometheusLabels apply to a PrometheusRule even without a monitor', () => {
  const rule = one(render({ prometheusLabels: { release: 'kube-prometheus-stack' }, prometheusRules: [{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }] }), 'PrometheusRule');
  expect(rule.metadata.labels.release).toBe('kube-prometheus-stack');
});

test('a DaemonSet name longer than a label value is cut for the instance label', () => {
  const name = `node-exporter-${'x'.repeat(60)}.example`;
  const m = render({ metadata: { name }, serviceName: 'node-exporter', serviceMonitor: true });
  const ds = one(m, 'DaemonSet');
  expect(ds.metadata.name).toBe(name);
  // Cut to a valid label value with a hash of the whole name, the same value the selector uses.
  expect(ds.metadata.labels['app.kubernetes.io/instance']).toBe(labelValueFromName(name));
  expect(ds.metadata.labels['app.kubernetes.io/instance']).toMatch(/^node-exporter-x+-[0-9a-f]{8}$/);
  expect(ds.spec.selector.matchLabels['app.kubernetes.io/instance']).toBe(labelValueFromName(name));
  expect(one(m, 'ServiceMonitor').spec.selector.matchLabels).toEqual(one(m, 'Service').metadata.labels);
});

test('addPrometheusRuleGroup() alone creates the PrometheusRule', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne');
  expect(ne.prometheusRule).toBeUndefined();
  ne.addPrometheusRuleGroup({ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] });
  expect(one(synth(c), 'PrometheusRule').spec.groups).toEqual([{ name: 'g', rules: [{ alert: 'A', expr: 'vector(1)' }] }]);
});

test('the ServiceMonitor and PrometheusRule live in the DaemonSet\'s namespace, also when the chart has another', () => {
  const c = chart('apps');
  const ne = new NodeExporterDaemonSet(c, 'node-exporter', { metadata: { namespace: 'monitoring' }, monitor: NodeExporterMonitor.SERVICE_MONITOR });
  ne.addPrometheusRuleGroup({ name: 'node', rules: [{ alert: 'NodeDown', expr: 'up == 0' }] });
  const manifests = synth(c);
  expect(one(manifests, 'DaemonSet').metadata.namespace).toBe('monitoring');
  expect(one(manifests, 'Service').metadata.namespace).toBe('monitoring');
  expect(one(manifests, 'ServiceMonitor').metadata.namespace).toBe('monitoring');
  expect(one(manifests, 'PrometheusRule').metadata.namespace).toBe('monitoring');
});
