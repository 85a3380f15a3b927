import { ApiObject, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { chart, container, defaultArgs, exporter, one, podSpec, render, synth } from './fixtures';
import { DaemonSetsError } from '../../../src/errors';
import { ExporterListenAddress, NodeExporterDaemonSet, NodeExporterMonitor } from '../../../src/presets/node-exporter';

// kube-rbac-proxy in front of the exporter.

test('kube-rbac-proxy: the exporter moves to 127.0.0.1 and the proxy serves TLS on the metrics port', () => {
  const m = render({ kubeRbacProxy: {} });
  const ne = exporter(m);
  expect(ne.args).toEqual(defaultArgs('127.0.0.1:9100'));
  expect(ne).not.toHaveProperty('ports');
  expect(ne).not.toHaveProperty('env');
  const localProbe = { httpGet: { host: '127.0.0.1', path: '/', port: 9100, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  expect(ne.livenessProbe).toEqual(localProbe);
  expect(ne.readinessProbe).toEqual(localProbe);

  const proxy = container(m, 'kube-rbac-proxy');
  expect(NodeExporterDaemonSet.DEFAULT_KUBE_RBAC_PROXY_IMAGE).toBe('quay.io/brancz/kube-rbac-proxy:v0.20.2');
  expect(proxy.image).toBe('quay.io/brancz/kube-rbac-proxy:v0.20.2');
  expect(proxy.args).toEqual([
    '--secure-listen-address=[$(POD_IP)]:9100',
    '--upstream=http://127.0.0.1:9100/',
    '--tls-min-version=VersionTLS12',
    '--tls-cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  ]);
  expect(proxy.env).toEqual([{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }]);
  expect(proxy.ports).toEqual([{ containerPort: 9100, hostPort: 9100, name: 'metrics' }]);
  const tcp = { tcpSocket: { port: 'metrics' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  expect(proxy.livenessProbe).toEqual(tcp);
  expect(proxy.readinessProbe).toEqual(tcp);
  expect(proxy.resources).toEqual({ requests: { cpu: '10m', memory: '20Mi' }, limits: { memory: '64Mi' } });
  expect(proxy.securityContext).toEqual(ne.securityContext);
  expect(one(m, 'Service').spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 'metrics' }]);
});

test('kube-rbac-proxy: the token is mounted, and the account may review tokens and access', () => {
  const m = render({ kubeRbacProxy: {} });
  const sa = one(m, 'ServiceAccount');
  expect(sa.automountServiceAccountToken).toBe(true);
  expect(podSpec(m).automountServiceAccountToken).toBe(true);
  const role = one(m, 'ClusterRole');
  const binding = one(m, 'ClusterRoleBinding');
  expect(role.apiVersion).toBe('rbac.authorization.k8s.io/v1');
  expect(role.metadata).not.toHaveProperty('namespace');
  expect(binding.metadata).not.toHaveProperty('namespace');
  expect(role.rules).toEqual([
    { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
    { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
  ]);
  expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role.metadata.name });
  expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: 'monitoring' }]);
  expect(role.metadata.name).toBe(`monitoring-${one(m, 'DaemonSet').metadata.name}-kube-rbac-proxy`);
});

test('kube-rbac-proxy: the ServiceMonitor scrapes over HTTPS with Prometheus\' token', () => {
  const sm = one(render({ kubeRbacProxy: {}, serviceMonitor: true }), 'ServiceMonitor');
  expect(sm.spec.endpoints[0]).toMatchObject({
    port: 'metrics',
    scheme: 'https',
    bearerTokenFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    tlsConfig: { insecureSkipVerify: true },
  });
});

test('kube-rbac-proxy: a scrape token Secret for the PodMonitor', () => {
  const c = chart();
  const token = new kplus.Secret(c, 'token', { metadata: { name: 'prometheus-scrape-token' } });
  new NodeExporterDaemonSet(c, 'ne', { monitor: NodeExporterMonitor.POD_MONITOR, kubeRbacProxy: { scrapeTokenSecret: token, scrapeTokenKey: 'bearer' } });
  const pm = one(synth(c), 'PodMonitor');
  expect(pm.spec.podMetricsEndpoints[0]).toMatchObject({
    scheme: 'https',
    authorization: { type: 'Bearer', credentials: { name: 'prometheus-scrape-token', key: 'bearer' } },
    tlsConfig: { insecureSkipVerify: true },
  });
  expect(pm.spec.podMetricsEndpoints[0]).not.toHaveProperty('bearerTokenFile');
});

test('kube-rbac-proxy: image, resources, TLS Secret and extra args', () => {
  const c = chart();
  const tls = kplus.Secret.fromSecretName(c, 'tls', 'node-exporter-tls');
  new NodeExporterDaemonSet(c, 'ne', {
    kubeRbacProxy: {
      image: 'registry.example.com/kube-rbac-proxy:v0.19.1',
      resources: { cpu: { request: kplus.Cpu.millis(20) }, memory: { request: Size.mebibytes(32), limit: Size.mebibytes(32) } },
      tlsSecret: tls,
      extraArgs: ['--v=2'],
    },
  });
  const m = synth(c);
  const proxy = container(m, 'kube-rbac-proxy');
  expect(proxy.image).toBe('registry.example.com/kube-rbac-proxy:v0.19.1');
  expect(proxy.resources).toEqual({ requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '32Mi' } });
  expect(proxy.args.slice(4)).toEqual(['--tls-cert-file=/etc/kube-rbac-proxy/tls/tls.crt', '--tls-private-key-file=/etc/kube-rbac-proxy/tls/tls.key', '--v=2']);
  expect(proxy.volumeMounts).toEqual([{ name: 'kube-rbac-proxy-tls', mountPath: '/etc/kube-rbac-proxy/tls', readOnly: true }]);
  expect(podSpec(m).volumes).toContainEqual({ name: 'kube-rbac-proxy-tls', secret: { secretName: 'node-exporter-tls' } });
});

test('kube-rbac-proxy with every interface', () => {
  const m = render({ kubeRbacProxy: {}, listenAddress: ExporterListenAddress.allInterfaces() });
  expect(container(m, 'kube-rbac-proxy').args[0]).toBe('--secure-listen-address=:9100');
  expect(container(m, 'kube-rbac-proxy')).not.toHaveProperty('env');
});

test('kube-rbac-proxy: clusterRoleName and clusterRoleBindingName name its RBAC, reachable through clusterRole and clusterRoleBinding', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne', { kubeRbacProxy: { clusterRoleName: 'node-exporter', clusterRoleBindingName: 'node-exporter-binding' } });
  ApiObject.of(ne.clusterRole!).metadata.addLabel('team', 'metrics');
  const m = synth(c);
  const role = one(m, 'ClusterRole');
  const binding = one(m, 'ClusterRoleBinding');
  expect(role.metadata).toEqual({ name: 'node-exporter', labels: expect.objectContaining({ team: 'metrics' }) });
  expect(binding.metadata.name).toBe('node-exporter-binding');
  expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-exporter' });
  expect(ApiObject.of(ne.clusterRoleBinding!).toJson()).toEqual(binding);
});

test('kube-rbac-proxy: without names both keep the default name; without the proxy there is no RBAC handle', () => {
  const c = chart();
  const ne = new NodeExporterDaemonSet(c, 'ne', { kubeRbacProxy: {} });
  const m = synth(c);
  const name = `monitoring-${one(m, 'DaemonSet').metadata.name}-kube-rbac-proxy`;
  expect([one(m, 'ClusterRole').metadata.name, one(m, 'ClusterRoleBinding').metadata.name]).toEqual([name, name]);
  expect(ne.clusterRole).toBeDefined();
  const plain = new NodeExporterDaemonSet(chart(), 'plain', {});
  expect(plain.clusterRole).toBeUndefined();
  expect(plain.clusterRoleBinding).toBeUndefined();
});

test.each([
  ['clusterRoleName', 'a/b', /kubeRbacProxy\.clusterRoleName: 'a\/b' is not an RBAC name: it may not contain '\/'/],
  ['clusterRoleBindingName', '.', /kubeRbacProxy\.clusterRoleBindingName: '\.' is not an RBAC name: it may not be '\.'/],
])('kube-rbac-proxy: %s %j is refused with a DaemonSetsError', (field, value, message) => {
  const make = () => new NodeExporterDaemonSet(chart(), 'ne', { kubeRbacProxy: { [field]: value } });
  expect(make).toThrow(DaemonSetsError);
  expect(make).toThrow(message);
});
