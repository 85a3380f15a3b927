import { LogOutput } from '../../../../src/presets/log-collector';
import { build, expectDocumentedKeys, newChart, newSecret, props, secretRef, section } from '../fixtures';

test('output forward: defaults and every option', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [
      LogOutput.forward({ host: 'fluentd.logging.svc' }),
      LogOutput.forward({
        host: 'aggregator.example.com',
        port: 24284,
        tag: 'k8s.logs',
        requireAckResponse: false,
        sharedKey: { secret, key: 'key' },
        selfHostname: 'node',
        username: 'fluent',
        password: { secret, key: 'password' },
        tls: true,
        compress: true,
      }),
    ],
  }, chart);
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'forward', 0).entries).toEqual([
    ['Name', 'forward'],
    ['Match', '*'],
    ['Host', 'fluentd.logging.svc'],
    ['Port', '24224'],
    ['Require_ack_response', 'On'],
    ['Retry_Limit', 'no_limits'],
    ['storage.total_limit_size', '1073741824'],
  ]);
  expect(props(section(config, 'OUTPUT', 'forward', 1))).toMatchObject({
    'Port': '24284',
    'Tag': 'k8s.logs',
    'Require_ack_response': 'Off',
    'Shared_Key': '${FORWARD_2_SHARED_KEY}',
    'Self_Hostname': 'node',
    'Username': 'fluent',
    'Password': '${FORWARD_2_PASSWORD}',
    'Compress': 'gzip',
    'tls': 'On',
    'tls.verify': 'On',
  });
  expect(secretRef('FORWARD_2_SHARED_KEY', container.env)).toEqual({ name: 'log-credentials', key: 'key' });
  expect(secretRef('FORWARD_2_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
});
