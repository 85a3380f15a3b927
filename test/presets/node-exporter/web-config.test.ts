import { Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { build, chart, DEFAULT_PROBE, exporter, one, podSpec, problems, render, renderWith } from './fixtures';
import { DaemonSetsError } from '../../../src/errors';
import {
  ExporterListenAddress, NodeExporterDaemonSet, NodeExporterDaemonSetProps, NodeExporterMonitor, NodeExporterWebConfig, NodeExporterWebConfigOptions,
} from '../../../src/presets/node-exporter';
import { HealthProbe } from '../../../src/probe';

// webConfig: node_exporter's --web.config.file from a Secret (exporter-toolkit's TLS and basic authentication).

/** A chart's Secret holding the web configuration (and the certificate it names). */
function webSecret(c: Chart, name = 'ne-web'): kplus.Secret {
  return new kplus.Secret(c, `Secret-${name}`, {
    metadata: { name },
    stringData: {
      'web-config.yml': 'tls_server_config:\n  cert_file: /etc/node-exporter/web/tls.crt\n  key_file: /etc/node-exporter/web/tls.key\n',
      'tls.crt': 'certificate',
      'tls.key': 'key',
    },
  });
}

function withWebConfig(options: NodeExporterWebConfigOptions = {}, props: NodeExporterDaemonSetProps = {}): any[] {
  return renderWith(c => ({ ...props, webConfig: NodeExporterWebConfig.fromSecret(webSecret(c), options) }));
}

const HTTPS_PROBE = { ...DEFAULT_PROBE, httpGet: { ...DEFAULT_PROBE.httpGet, scheme: 'HTTPS' } };

test('TLS (the default): --web.config.file, the Secret mounted read-only, HTTPS probes', () => {
  const m = withWebConfig();
  const c = exporter(m);
  expect(c.args).toContain('--web.config.file=/etc/node-exporter/web/web-config.yml');
  expect(c.args.indexOf('--web.config.file=/etc/node-exporter/web/web-config.yml')).toBe(c.args.findIndex((a: string) => a.startsWith('--web.listen-address=')) + 1);
  expect(podSpec(m).volumes).toContainEqual({ name: 'web-config', secret: { secretName: 'ne-web' } });
  expect(c.volumeMounts).toContainEqual({ name: 'web-config', mountPath: '/etc/node-exporter/web', readOnly: true });
  expect(c.livenessProbe).toEqual(HTTPS_PROBE);
  expect(c.readinessProbe).toEqual(HTTPS_PROBE);
  expect(NodeExporterWebConfig.MOUNT_PATH).toBe('/etc/node-exporter/web');
});

test('only the exporter container mounts the web configuration', () => {
  const m = withWebConfig({}, { sidecars: [{ name: 'writer', image: 'busybox:1.36' }] });
  const writer = podSpec(m).containers.find((x: any) => x.name === 'writer');
  expect(writer.volumeMounts ?? []).not.toContainEqual(expect.objectContaining({ name: 'web-config' }));
});

test('the key in the Secret can be chosen', () => {
  expect(exporter(withWebConfig({ key: 'config.yaml' })).args).toContain('--web.config.file=/etc/node-exporter/web/config.yaml');
});

test('TLS: the ServiceMonitor scrapes https, skipping verification unless a CA is given', () => {
  const sm = one(withWebConfig({}, { serviceMonitor: true }), 'ServiceMonitor').spec.endpoints[0];
  expect(sm).toMatchObject({ port: 'metrics', scheme: 'https', tlsConfig: { insecureSkipVerify: true } });
  expect(sm).not.toHaveProperty('basicAuth');
});

test('TLS: the PodMonitor scrapes https too', () => {
  const pm = one(withWebConfig({}, { monitor: NodeExporterMonitor.POD_MONITOR }), 'PodMonitor').spec.podMetricsEndpoints[0];
  expect(pm).toMatchObject({ scheme: 'https', tlsConfig: { insecureSkipVerify: true } });
});

test('a CA Secret and server name make Prometheus verify the certificate', () => {
  const m = renderWith(c => ({
    serviceMonitor: true,
    webConfig: NodeExporterWebConfig.fromSecret(webSecret(c), {
      scrapeCaSecret: kplus.Secret.fromSecretName(c, 'Ca', 'node-exporter-ca'),
      scrapeServerName: 'node-exporter.monitoring.svc',
    }),
  }));
  expect(one(m, 'ServiceMonitor').spec.endpoints[0].tlsConfig).toEqual({
    ca: { secret: { name: 'node-exporter-ca', key: 'ca.crt' } },
    serverName: 'node-exporter.monitoring.svc',
  });
});

test('basic authentication: TCP probes (the kubelet cannot authenticate) and the monitor sends the credentials', () => {
  const m = renderWith(c => ({
    serviceMonitor: true,
    webConfig: NodeExporterWebConfig.fromSecret(webSecret(c), { scrapeBasicAuthSecret: kplus.Secret.fromSecretName(c, 'Auth', 'prometheus-node-exporter-auth') }),
  }));
  const tcp = { tcpSocket: { port: 'metrics' }, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  expect(exporter(m).livenessProbe).toEqual(tcp);
  expect(exporter(m).readinessProbe).toEqual(tcp);
  expect(one(m, 'ServiceMonitor').spec.endpoints[0].basicAuth).toEqual({
    username: { name: 'prometheus-node-exporter-auth', key: 'username' },
    password: { name: 'prometheus-node-exporter-auth', key: 'password' },
  });
});

test('requiresAuthentication alone (client certificates) also switches the probes to TCP', () => {
  expect(exporter(withWebConfig({ requiresAuthentication: true })).livenessProbe).toHaveProperty('tcpSocket');
  expect(exporter(withWebConfig({ requiresAuthentication: false })).livenessProbe).toEqual(HTTPS_PROBE);
});

test('tls false (basic authentication or headers only): HTTP probes and an http scrape without tlsConfig', () => {
  const m = withWebConfig({ tls: false }, { serviceMonitor: true });
  expect(exporter(m).livenessProbe).toEqual(DEFAULT_PROBE);
  const e = one(m, 'ServiceMonitor').spec.endpoints[0];
  expect(e.scheme).toBe('http');
  expect(e).not.toHaveProperty('tlsConfig');
});

test('probes given by the caller are kept', () => {
  const probe = HealthProbe.tcpSocket({ port: 9100 });
  const c = exporter(withWebConfig({ requiresAuthentication: true }, { livenessProbe: probe, readinessProbe: probe, listenAddress: ExporterListenAddress.of('10.0.0.5') }));
  expect(c.livenessProbe.tcpSocket).toEqual({ port: 9100 });
});

test('without webConfig nothing changes: plain HTTP, no web-config volume', () => {
  const m = render({ serviceMonitor: true });
  expect(exporter(m).args.some((a: string) => a.startsWith('--web.config.file'))).toBe(false);
  expect(podSpec(m).volumes.map((v: any) => v.name)).not.toContain('web-config');
  expect(one(m, 'ServiceMonitor').spec.endpoints[0].scheme).toBe('http');
});

test('the chart with a web configuration and a ServiceMonitor validates clean', () => {
  expect(problems(withWebConfig({}, { serviceMonitor: true }))).toEqual([]);
});

test('a web configuration Secret the app does not define is reported by the validator', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne', {
    webConfig: NodeExporterWebConfig.fromSecret(kplus.Secret.fromSecretName(c, 'Web', 'elsewhere')),
  });
  expect(problems(c.toJson())).toEqual(['warning cross-object/missing-reference spec.template.spec.volumes[3].secret']);
});

describe('rejects bad web configurations', () => {
  test.each([
    ['kube-rbac-proxy too', { kubeRbacProxy: {} }, /NodeExporterDaemonSet 'test\/ne': webConfig: cannot be combined with kubeRbacProxy/],
    ['authentication with a fixed listen address and default probes', { listenAddress: ExporterListenAddress.of('10.0.0.5') },
      /webConfig: requires authentication, so the default probes connect over TCP to the pod IP, but the exporter listens only on ExporterListenAddress.of\('10.0.0.5'\)/],
    ['a managed flag in extraArgs', { extraArgs: ['--web.config.file=/etc/web.yml'] }, /extraArgs: '--web.config.file=\/etc\/web.yml' sets a flag this preset manages; use the webConfig prop/],
    ['a host mount over its mount path', { extraHostMounts: [{ hostPath: '/etc/web', mountPath: '/etc/node-exporter/web' }] },
      /extraHostMounts\[0\].mountPath: '\/etc\/node-exporter\/web' is already used by the preset's own mounts/],
  ] as [string, NodeExporterDaemonSetProps, RegExp][])('%s', (_name, props, error) => {
    const c = chart();
    const webConfig = NodeExporterWebConfig.fromSecret(webSecret(c), { requiresAuthentication: true });
    expect(build({ ...props, webConfig })).toThrow(error);
  });

  test.each([
    ['a key that is not a Secret key', () => ({ key: 'web config.yml' }), /NodeExporterWebConfig.fromSecret: options.key: 'web config.yml' must consist of alphanumeric characters/],
    ['a CA without TLS', (c: Chart) => ({ tls: false, scrapeCaSecret: kplus.Secret.fromSecretName(c, 'Ca', 'ca') }), /options.scrapeCaSecret: is set but tls is false; it only applies to an HTTPS endpoint/],
    ['a server name without TLS', () => ({ tls: false, scrapeServerName: 'x' }), /options.scrapeServerName: is set but tls is false/],
    ['a key that is not a string (JavaScript)', () => ({ key: 7 as any }), /NodeExporterWebConfig.fromSecret: options.key is 7; it must be a string/],
    ['tls that is not a boolean (JavaScript)', () => ({ tls: 'yes' as any }), /NodeExporterWebConfig.fromSecret: options.tls is "yes"; it must be true or false/],
  ] as [string, (c: Chart) => NodeExporterWebConfigOptions, RegExp][])('%s', (_name, options, error) => {
    const c = chart();
    expect(() => NodeExporterWebConfig.fromSecret(webSecret(c), options(c))).toThrow(error);
  });

  test('a missing Secret or a webConfig that is not a NodeExporterWebConfig (JavaScript)', () => {
    expect(() => NodeExporterWebConfig.fromSecret(undefined as any)).toThrow(/NodeExporterWebConfig.fromSecret: secret is undefined; it must be a kplus.ISecret/);
    let thrown: unknown;
    try {
      build({ webConfig: { secret: 'ne-web' } as any })();
    } catch (e) {
      thrown = e;
    }
    expect(DaemonSetsError.isDaemonSetsError(thrown)).toBe(true);
    expect((thrown as Error).message).toMatch(/^NodeExporterDaemonSet 'test\/ne': webConfig is .*; it must be a NodeExporterWebConfig \(NodeExporterWebConfig.fromSecret\(secret, options\?\)\)/);
  });
});
