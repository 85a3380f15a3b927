import { LogOutput, LokiLineFormat } from '../../../../src/presets/log-collector';
import { build, expectDocumentedKeys, newChart, newSecret, props, secretRef, section } from '../fixtures';

test('output loki: defaults and every option', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [
      LogOutput.loki({ host: 'loki-gateway.loki.svc' }),
      LogOutput.loki({
        host: 'logs.example.com',
        port: 443,
        uri: '/api/push',
        labels: { job: 'k8s', ns: '$kubernetes[\'namespace_name\']' },
        removeKeys: ['kubernetes', 'stream'],
        autoKubernetesLabels: true,
        lineFormat: LokiLineFormat.KEY_VALUE,
        tenantId: 'team-a',
        user: 'loki',
        password: { secret, key: 'password' },
        tls: true,
      }),
      LogOutput.loki({ host: 'loki.example.com', bearerToken: { secret, key: 'token' }, compress: true }),
    ],
  }, chart);
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'loki', 0).entries).toEqual([
    ['Name', 'loki'],
    ['Match', '*'],
    ['host', 'loki-gateway.loki.svc'],
    ['port', '3100'],
    ['labels', 'job=fluent-bit, namespace=$kubernetes[\'namespace_name\'], pod=$kubernetes[\'pod_name\'], container=$kubernetes[\'container_name\']'],
    ['auto_kubernetes_labels', 'Off'],
    ['line_format', 'json'],
    ['Retry_Limit', 'no_limits'],
    ['storage.total_limit_size', '1073741824'],
  ]);
  expect(props(section(config, 'OUTPUT', 'loki', 1))).toMatchObject({
    'port': '443',
    'uri': '/api/push',
    'labels': 'job=k8s, ns=$kubernetes[\'namespace_name\']',
    'remove_keys': 'kubernetes, stream',
    'auto_kubernetes_labels': 'On',
    'line_format': 'key_value',
    'tenant_id': 'team-a',
    'http_user': 'loki',
    'http_passwd': '${LOKI_2_PASSWORD}',
    'tls': 'On',
    'tls.verify': 'On',
  });
  expect(props(section(config, 'OUTPUT', 'loki', 2))).toMatchObject({ bearer_token: '${LOKI_3_BEARER_TOKEN}', compress: 'gzip' });
  expect(secretRef('LOKI_2_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
  expect(secretRef('LOKI_3_BEARER_TOKEN', container.env)).toEqual({ name: 'log-credentials', key: 'token' });
});
