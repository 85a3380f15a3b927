import { Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CHECKSUM, build, es, newChart, only, props, section, views } from './fixtures';
import { NodePlacement } from '../../../src/placement';
import { FluentBitSection } from '../../../src/presets/fluent-bit-config';
import { ContainerRuntime, FluentBitLogLevel, HttpOutputFormat, LogCollectorDaemonSet, LogCollectorDaemonSetProps, LogFilter, LogOutput, LogParser, LokiLineFormat, StdoutOutputFormat } from '../../../src/presets/log-collector';
import { HealthProbe } from '../../../src/probe';
import { DaemonSetServiceType } from '../../../src/service';
import { DaemonSetUpdateStrategy } from '../../../src/update-strategy';
import { validateManifests } from '../../../src/validation/engine';

// LogCollectorDaemonSet: the objects it emits, its defaults, overrides and bad input.

test('snapshot: defaults with one Elasticsearch output', () => {
  const { objects } = build();
  expect(objects).toMatchSnapshot();
});

test('emits DaemonSet, ServiceAccount, ClusterRole, ClusterRoleBinding, ConfigMap and metrics Service, all labelled', () => {
  const { objects } = build();
  expect(objects.map(o => o.kind).sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'DaemonSet', 'Service', 'ServiceAccount']);
  for (const o of objects) {
    expect(o.metadata.labels).toEqual({
      'app.kubernetes.io/name': 'fluent-bit',
      'app.kubernetes.io/instance': 'logging-logs',
      'app.kubernetes.io/component': 'log-collector',
    });
  }
  for (const kind of ['DaemonSet', 'ConfigMap', 'Service', 'ServiceAccount']) expect(only(objects, kind).metadata.namespace).toBe('logging');
});

test('RBAC: get/list/watch on pods and namespaces only, bound to the collector\'s ServiceAccount', () => {
  const { objects, podSpec } = build();
  const role = only(objects, 'ClusterRole');
  expect(role.rules).toEqual([
    { apiGroups: [''], resources: ['pods'], resourceNames: [], verbs: ['get', 'list', 'watch'] },
    { apiGroups: [''], resources: ['namespaces'], resourceNames: [], verbs: ['get', 'list', 'watch'] },
  ]);
  const sa = only(objects, 'ServiceAccount');
  expect(podSpec.serviceAccountName).toBe(sa.metadata.name);
  expect(podSpec.automountServiceAccountToken).toBe(true);
  const binding = only(objects, 'ClusterRoleBinding');
  expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
  expect(binding.subjects).toEqual([{ apiGroup: '', kind: 'ServiceAccount', name: sa.metadata.name, namespace: 'logging' }]);
});

test('RBAC: nodes (and nodes/proxy) and events are opt-in; rbac: false emits none and keeps a given account', () => {
  const { objects } = build({ rbacNodeAccess: true, rbacEventsAccess: true });
  const rules = only(objects, 'ClusterRole').rules;
  expect(rules.map((r: any) => r.resources[0])).toEqual(['pods', 'namespaces', 'nodes', 'nodes/proxy', 'events']);
  for (const r of rules) expect(r.verbs).toEqual(['get', 'list', 'watch']);

  const chart = newChart();
  const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'existing', 'platform-logs');
  const { objects: none, podSpec } = build({ rbac: false, serviceAccount: sa }, chart);
  expect(none.map(o => o.kind).sort()).toEqual(['ConfigMap', 'DaemonSet', 'Service']);
  expect(podSpec.serviceAccountName).toBe('platform-logs');
});

test('metadata.name names the ServiceAccount, ConfigMap and Service after the DaemonSet', () => {
  const { objects, podSpec } = build({ metadata: { name: 'fluent-bit' } });
  expect(only(objects, 'DaemonSet').metadata.name).toBe('fluent-bit');
  expect(only(objects, 'ServiceAccount').metadata.name).toBe('fluent-bit');
  expect(only(objects, 'ConfigMap').metadata.name).toBe('fluent-bit-config');
  expect(only(objects, 'Service').metadata.name).toBe('fluent-bit-metrics');
  expect(podSpec.volumes.find((v: any) => v.name === 'config').configMap.name).toBe('fluent-bit-config');
});

test('a namespace in metadata places every namespaced object there', () => {
  const { objects } = build({ metadata: { namespace: 'observability' } });
  for (const kind of ['DaemonSet', 'ConfigMap', 'Service', 'ServiceAccount']) expect(only(objects, kind).metadata.namespace).toBe('observability');
  expect(only(objects, 'ClusterRoleBinding').subjects[0].namespace).toBe('observability');
  expect(only(objects, 'DaemonSet').spec.template.metadata.annotations).toHaveProperty([`${CHECKSUM}/configmap-logging-logs-config`]);
});

test('metrics Service: headless, port 2020 named metrics, selecting the pods', () => {
  const { objects, daemonSet } = build();
  const svc = only(objects, 'Service');
  expect(svc.spec.type).toBe('ClusterIP');
  expect(svc.spec.clusterIP).toBe('None');
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 2020, targetPort: 2020, protocol: 'TCP' }]);
  expect(svc.spec.selector).toEqual(daemonSet.spec.selector.matchLabels);

  const nodePort = only(build({ serviceType: DaemonSetServiceType.NODE_PORT }).objects, 'Service');
  expect(nodePort.spec.type).toBe('NodePort');
  expect(nodePort.spec.clusterIP).toBeUndefined();
});

test('ServiceMonitor: scrapes /api/v2/metrics/prometheus on the metrics port of the Service', () => {
  const { objects } = build({ serviceMonitor: true, scrapeInterval: Duration.seconds(30), monitorLabels: { release: 'prometheus' } });
  const sm = only(objects, 'ServiceMonitor');
  const svc = only(objects, 'Service');
  expect(sm.apiVersion).toBe('monitoring.coreos.com/v1');
  expect(sm.metadata.namespace).toBe('logging');
  expect(sm.metadata.labels.release).toBe('prometheus');
  expect(sm.spec.endpoints).toEqual([{ port: 'metrics', path: '/api/v2/metrics/prometheus', interval: '30s' }]);
  for (const [k, v] of Object.entries(sm.spec.selector.matchLabels)) expect(svc.metadata.labels[k]).toBe(v);
  expect(objects.filter(o => o.kind === 'PodMonitor')).toHaveLength(0);
});

test('PodMonitor: selects the collector\'s pods by their labels', () => {
  const { objects, daemonSet } = build({ podMonitor: true });
  const pm = only(objects, 'PodMonitor');
  expect(pm.spec.podMetricsEndpoints).toEqual([{ port: 'metrics', path: '/api/v2/metrics/prometheus' }]);
  for (const [k, v] of Object.entries(pm.spec.selector.matchLabels)) expect(daemonSet.spec.template.metadata.labels[k]).toBe(v);
  expect(objects.filter(o => o.kind === 'ServiceMonitor')).toHaveLength(0);
});

test('prometheus.io annotations are opt-in', () => {
  expect(build().daemonSet.spec.template.metadata.annotations).not.toHaveProperty(['prometheus.io/scrape']);
  const annotations = build({ prometheusAnnotations: true }).daemonSet.spec.template.metadata.annotations;
  expect(annotations).toMatchObject({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': '2020', 'prometheus.io/path': '/api/v2/metrics/prometheus' });
});

test('defaults: pinned image, command, metrics port, probes with timings, requests and memory limit', () => {
  const { container } = build();
  expect(container.image).toBe('cr.fluentbit.io/fluent/fluent-bit:5.1.2');
  expect(container.image).toBe(LogCollectorDaemonSet.DEFAULT_IMAGE);
  expect(container.imagePullPolicy).toBe('IfNotPresent');
  expect(container.command).toEqual(['/fluent-bit/bin/fluent-bit']);
  expect(container.args).toEqual(['--config=/fluent-bit/etc/conf/fluent-bit.conf']);
  expect(container.ports).toEqual([{ containerPort: 2020, name: 'metrics', protocol: 'TCP' }]);
  expect(container.livenessProbe).toEqual({
    httpGet: { path: '/', port: 'metrics', scheme: 'HTTP' },
    initialDelaySeconds: 10,
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
  expect(container.readinessProbe).toEqual({
    httpGet: { path: '/api/v2/health', port: 'metrics', scheme: 'HTTP' },
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
  expect(container.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '512Mi' } });
});

test('defaults: uid 0 without privileges: no escalation, drop ALL, read-only root, RuntimeDefault seccomp', () => {
  const { container, podSpec } = build();
  expect(container.securityContext).toEqual({
    runAsUser: 0,
    runAsGroup: 0,
    runAsNonRoot: false,
    privileged: false,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  });
  expect(podSpec.securityContext).toEqual({ fsGroupChangePolicy: 'Always', runAsNonRoot: false, seccompProfile: { type: 'RuntimeDefault' } });
  expect(podSpec.hostNetwork).toBe(false);
  expect(podSpec.hostPID).toBeUndefined();
});

test('defaults: every node incl. control plane and NoExecute taints, Linux, system-node-critical, rolling update 10%', () => {
  const { podSpec, daemonSet } = build();
  expect(podSpec.tolerations).toEqual([{ operator: 'Exists' }]);
  expect(podSpec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' });
  expect(podSpec.priorityClassName).toBe('system-node-critical');
  expect(daemonSet.spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
});

test('defaults: /var/log and /etc/machine-id read-only, the state directory the only writable host path, no Docker directory', () => {
  const { container, podSpec } = build();
  expect(podSpec.volumes).toEqual([
    { name: 'config', configMap: { name: 'logging-logs-config' } },
    { name: 'host-var-log', hostPath: { path: '/var/log', type: 'Directory' } },
    { name: 'host-etc-machine-id', hostPath: { path: '/etc/machine-id', type: 'File' } },
    { name: 'host-var-lib-fluent-bit', hostPath: { path: '/var/lib/fluent-bit', type: 'DirectoryOrCreate' } },
  ]);
  expect(container.volumeMounts).toEqual([
    { name: 'config', mountPath: '/fluent-bit/etc/conf', readOnly: true },
    { name: 'host-var-log', mountPath: '/var/log', readOnly: true },
    { name: 'host-etc-machine-id', mountPath: '/etc/machine-id', readOnly: true },
    { name: 'host-var-lib-fluent-bit', mountPath: '/var/lib/fluent-bit', readOnly: false },
  ]);
  const writable = container.volumeMounts.filter((m: any) => m.readOnly !== true);
  expect(writable.map((m: any) => m.mountPath)).toEqual([LogCollectorDaemonSet.DEFAULT_STATE_DIRECTORY]);
  expect(JSON.stringify(podSpec)).not.toContain('/var/lib/docker');
});

test('container runtime: docker mounts /var/lib/docker/containers read-only and tries the docker parser first; CRI-O is like containerd', () => {
  const docker = build({ containerRuntime: ContainerRuntime.DOCKER });
  expect(docker.podSpec.volumes).toContainEqual({ name: 'host-var-lib-docker-containers', hostPath: { path: '/var/lib/docker/containers', type: 'Directory' } });
  expect(docker.container.volumeMounts).toContainEqual({ name: 'host-var-lib-docker-containers', mountPath: '/var/lib/docker/containers', readOnly: true });
  expect(props(section(docker.config, 'INPUT', 'tail'))['multiline.parser']).toBe('docker, cri');

  const crio = build({ containerRuntime: ContainerRuntime.CRI_O });
  expect(props(section(crio.config, 'INPUT', 'tail'))['multiline.parser']).toBe('cri, docker');
  expect(JSON.stringify(crio.podSpec)).not.toContain('/var/lib/docker');
});

test('overrides: image, resources, security context, probes, placement, priority and update strategy', () => {
  const { container, podSpec, daemonSet } = build({
    image: 'registry.example.com/mirror/fluent-bit:5.1.2',
    resources: { cpu: { request: kplus.Cpu.millis(200) }, memory: { request: Size.mebibytes(256), limit: Size.mebibytes(1024) } },
    containerSecurityContext: { readOnlyRootFilesystem: false },
    livenessProbe: HealthProbe.httpGet('/api/v1/health', { portName: 'metrics' }),
    readinessProbe: HealthProbe.tcpSocket({ portName: 'metrics' }),
    placement: [NodePlacement.controlPlaneToo()],
    priorityClassName: 'system-cluster-critical',
    updateStrategy: DaemonSetUpdateStrategy.onDelete(),
  });
  expect(container.image).toBe('registry.example.com/mirror/fluent-bit:5.1.2');
  expect(container.resources).toEqual({ requests: { cpu: '200m', memory: '256Mi' }, limits: { memory: '1024Mi' } });
  expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsUser: 0, allowPrivilegeEscalation: false });
  expect(container.livenessProbe).toEqual({ httpGet: { path: '/api/v1/health', port: 'metrics' } });
  expect(container.readinessProbe).toEqual({ tcpSocket: { port: 'metrics' } });
  expect(podSpec.tolerations).toEqual([
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ]);
  expect(podSpec.nodeSelector).toBeUndefined();
  expect(podSpec.priorityClassName).toBe('system-cluster-critical');
  expect(daemonSet.spec.updateStrategy).toEqual({ type: 'OnDelete' });
});

test('the generic DaemonSet API still works on the preset: sidecars, host paths, node selectors', () => {
  const chart = newChart();
  const ds = new LogCollectorDaemonSet(chart, 'logs', {
    outputs: [es()],
    containers: [{ name: 'exporter', image: 'registry.example.com/fluent-bit-exporter:1.0.0' }],
  });
  ds.addHostPath('/var/log/audit', '/var/log/audit', { containers: ['fluent-bit'] });
  ds.addNodeSelector('node.kubernetes.io/instance-type', 'm5.large');
  const { podSpec, container } = views(Testing.synth(chart));
  expect(podSpec.containers.map((c: any) => c.name)).toEqual(['fluent-bit', 'exporter']);
  expect(container.volumeMounts).toContainEqual({ name: 'host-var-log-audit', mountPath: '/var/log/audit', readOnly: true });
  expect(podSpec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node.kubernetes.io/instance-type': 'm5.large' });
  expect(ds.fluentBitContainer.name).toBe('fluent-bit');
  expect(ds.stateDirectory).toBe('/var/lib/fluent-bit');
  expect(ds.containerRuntime).toBe(ContainerRuntime.CONTAINERD);
  expect(ds.metricsPort).toBe(2020);
  expect(ds.hotReload).toBe(false);
  expect(ds.clusterRole).toBeDefined();
  expect(ds.monitor).toBeUndefined();
  expect(ds.parsersConfig).toBeUndefined();
});

test('enum values are fluent-bit\'s spellings', () => {
  expect(Object.values(ContainerRuntime)).toEqual(['containerd', 'cri-o', 'docker']);
  expect(Object.values(FluentBitLogLevel)).toEqual(['off', 'error', 'warn', 'info', 'debug', 'trace']);
  expect(Object.values(HttpOutputFormat)).toEqual(['json', 'json_lines', 'json_stream', 'msgpack', 'gelf']);
  expect(Object.values(StdoutOutputFormat)).toEqual(['json_lines', 'json', 'msgpack']);
  expect(Object.values(LokiLineFormat)).toEqual(['json', 'key_value']);
});

test('the host access fluent-bit needs is documented as suppressions with reasons', () => {
  const chart = Testing.chart();
  new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.stdout()] });
  const ds = Testing.synth(chart).find(o => o.kind === 'DaemonSet');
  expect(ds.metadata.annotations['suppress.daemonsets.cdk8s.io/best-practice.writable-host-mount']).toMatch(/tail position DB/);
  expect(ds.metadata.annotations['suppress.daemonsets.cdk8s.io/best-practice.run-as-non-root']).toMatch(/readable by root only/);
});

test('presetAnnotations false: no suppressions of its own, so the validator reports what the preset needs by design', () => {
  const chart = Testing.chart();
  new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.stdout()], presetAnnotations: false });
  const objects = Testing.synth(chart);
  const ds = objects.find(o => o.kind === 'DaemonSet');
  expect(Object.keys(ds.metadata.annotations ?? {}).filter(k => k.startsWith('suppress.'))).toEqual([]);
  const report = validateManifests(objects);
  const byDesign = report.findings.filter(f => f.kind === 'DaemonSet').map(f => f.ruleId);
  expect(byDesign).toEqual(expect.arrayContaining(['best-practice/writable-host-mount', 'best-practice/run-as-non-root']));
  expect(report.suppressed).toEqual([]);
  // the same props otherwise: with the preset's annotations these two are suppressed, with their reasons
  const annotated = Testing.chart();
  new LogCollectorDaemonSet(annotated, 'logs', { outputs: [LogOutput.stdout()] });
  const suppressed = validateManifests(Testing.synth(annotated)).suppressed.map(s => s.ruleId);
  expect(suppressed).toEqual(expect.arrayContaining(['best-practice/writable-host-mount', 'best-practice/run-as-non-root']));
});

test('presetAnnotations false keeps the annotations the user gives', () => {
  const chart = Testing.chart();
  const given = { 'suppress.daemonsets.cdk8s.io/best-practice.run-as-non-root': 'our logs are root-only', 'team': 'logging' };
  new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.stdout()], presetAnnotations: false, metadata: { annotations: given } });
  expect(Testing.synth(chart).find(o => o.kind === 'DaemonSet').metadata.annotations).toEqual(given);
});

describe('rejects bad LogCollectorDaemonSet input', () => {
  test('presetAnnotations that is not a boolean (JavaScript)', () => {
    expect(() => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], presetAnnotations: 'no' as any }))
      .toThrow(/^LogCollectorDaemonSet 'logging\/logs': presetAnnotations is "no"; it must be true or false\.$/);
  });

  test('bad props fail in the constructor, naming the construct, field, value and what is allowed', () => {
    const make = (p: Partial<LogCollectorDaemonSetProps>) => () => new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()], ...p });
    expect(make({ outputs: [] })).toThrow("LogCollectorDaemonSet 'logging/logs': outputs: no outputs are given; add at least one");
    expect(make({ image: 'Fluent/Fluent-Bit:latest' })).toThrow("LogCollectorDaemonSet 'logging/logs': image: 'Fluent/Fluent-Bit:latest' is not a valid image reference");
    expect(make({ reloaderImage: 'x:1' })).toThrow('reloaderImage: is set but hotReload is off');
    expect(make({ hotReload: true, reloaderImage: 'BAD IMAGE' })).toThrow("reloaderImage: 'BAD IMAGE' contains whitespace");
    expect(make({ excludeNamespaces: ['Kube_System'] })).toThrow("excludeNamespaces: namespace 'Kube_System' must consist of lower-case alphanumerics");
    expect(make({ stateDirectory: 'var/lib/fluent-bit' })).toThrow("stateDirectory: 'var/lib/fluent-bit' must be an absolute path");
    expect(make({ stateDirectory: '/' })).toThrow("stateDirectory: '/' must be a dedicated directory");
    expect(make({ stateDirectory: '/var/log/fluent-bit' })).toThrow("stateDirectory: '/var/log/fluent-bit' is inside /var/log, which is mounted read-only");
    expect(make({ systemdUnits: ['kubelet.service'] })).toThrow('systemdUnits: is set but systemdLogs is off');
    expect(make({ systemdLogs: true, systemdUnits: [] })).toThrow('systemdUnits: is empty');
    expect(make({ systemdLogs: true, systemdUnits: ['kubelet'] })).toThrow("systemdUnits: 'kubelet' is not a systemd unit name; use the full name such as 'kubelet.service'");
    expect(make({ systemdJournalPath: '/run/log/journal' })).toThrow('systemdJournalPath: is set but systemdLogs is off');
    expect(make({ metricsPort: 70000 })).toThrow('metricsPort: 70000 is out of range; a port is an integer from 1 to 65535');
    expect(make({ maxChunksUp: 0 })).toThrow('maxChunksUp: 0 must be a positive integer');
    expect(make({ refreshInterval: Duration.millis(1500) })).toThrow('refreshInterval: 1500ms is not a whole number of seconds');
    expect(make({ flushInterval: Duration.millis(0) })).toThrow('flushInterval: 0ms is too short');
    expect(make({ serviceMonitor: true, podMonitor: true })).toThrow('podMonitor: serviceMonitor and podMonitor are both set');
    expect(make({ scrapeInterval: Duration.seconds(30) })).toThrow('scrapeInterval: is set but neither serviceMonitor nor podMonitor is');
    expect(make({ serviceMonitor: true, scrapeInterval: Duration.millis(1500) })).toThrow('scrapeInterval: 1500ms must be a whole number of seconds');
    expect(make({ monitorLabels: { 'bad key!': 'x' } })).toThrow("monitorLabels: label key 'bad key!'");
    expect(make({ monitorLabels: { release: 'not valid!' } })).toThrow("monitorLabels: label 'release' value 'not valid!'");
    expect(make({ kubernetesMetadata: { mergeLogKey: 'two words' } })).toThrow("kubernetesMetadata.mergeLogKey: 'two words' must be a single word");
    expect(make({ rbac: false, rbacNodeAccess: true })).toThrow('rbac: is false but rbacNodeAccess or rbacEventsAccess asks for permissions');
    expect(make({ rbac: false, clusterRoleName: 'fluent-bit' })).toThrow('rbac: is false but clusterRoleName or clusterRoleBindingName names the ClusterRole or binding it would create');
    expect(make({ rbac: false, clusterRoleBindingName: 'fluent-bit' })).toThrow('rbac: is false but clusterRoleName or clusterRoleBindingName');
    expect(make({ containers: [{ name: 'fluent-bit', image: 'x:1' }] })).toThrow("containers: a sidecar may not be named 'fluent-bit'");
    expect(make({ metadata: { name: 'Fluent_Bit' } })).toThrow("DaemonSet 'logging/logs': metadata.name: 'Fluent_Bit'");
  });

  test('bad calls after construction fail naming the construct', () => {
    const ds = new LogCollectorDaemonSet(newChart(), 'logs', { outputs: [es()] });
    expect(() => ds.addFilter(LogFilter.raw(FluentBitSection.output('kafka', '*'))))
      .toThrow("LogCollectorDaemonSet 'logging/logs': addFilter.section is \"a [OUTPUT] section\"; it must be a [FILTER] section: FluentBitSection.filter(name, match, properties).");
    expect(() => ds.addParser(LogParser.raw(FluentBitSection.filter('grep', '*'))))
      .toThrow("LogCollectorDaemonSet 'logging/logs': addParser.section is \"a [FILTER] section\"; it must be a [PARSER] or [MULTILINE_PARSER] section");
    // The earlier form of both methods, a FluentBitSection, is still taken (JavaScript callers, generated code).
    expect(() => ds.addFilter(FluentBitSection.output('kafka', '*') as any)).toThrow('addFilter.section is "a [OUTPUT] section"');
    expect(() => ds.addFilter({} as any)).toThrow("LogCollectorDaemonSet 'logging/logs': addFilter: {} is not a LogFilter");
    const secret = kplus.Secret.fromSecretName(newChart(), 's', 's');
    const chart = newChart();
    const twice = new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.elasticsearch({ host: 'es', user: 'u', password: { secret, key: 'k' } })] });
    expect(() => twice.addOutput(LogOutput.raw(FluentBitSection.output('kafka', '*'), { secretEnv: [{ name: 'ES_PASSWORD', value: { secret, key: 'k' } }] })))
      .toThrow("LogCollectorDaemonSet 'logging/logs': addOutput: the kafka output needs env var 'ES_PASSWORD', which the fluent-bit container already defines");
  });

  test('synthesis fails on ${VAR} references no env var defines, and on two collectors sharing a state directory', () => {
    const chart = newChart();
    new LogCollectorDaemonSet(chart, 'logs', {
      outputs: [LogOutput.raw(FluentBitSection.output('kafka', '*', [{ key: 'rdkafka.sasl.password', value: '${KAFKA_PASWORD}' }]))],
    });
    expect(() => Testing.synth(chart)).toThrow("LogCollectorDaemonSet 'logging/logs': the fluent-bit configuration references ${KAFKA_PASWORD}, which is not an env var of the fluent-bit container");

    const chart2 = newChart();
    new LogCollectorDaemonSet(chart2, 'a', { outputs: [es()] });
    new LogCollectorDaemonSet(chart2, 'b', { outputs: [es()] });
    expect(() => Testing.synth(chart2)).toThrow("LogCollectorDaemonSet 'logging/a': stateDirectory '/var/lib/fluent-bit' is also used by 'logging/b'");

    const chart3 = newChart();
    new LogCollectorDaemonSet(chart3, 'a', { outputs: [es()] });
    new LogCollectorDaemonSet(chart3, 'b', { outputs: [es()], stateDirectory: '/var/lib/fluent-bit-b' });
    expect(() => Testing.synth(chart3)).not.toThrow();
  });
});
