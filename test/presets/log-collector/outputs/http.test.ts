import { HttpOutputFormat, LogOutput } from '../../../../src/presets/log-collector';
import { build, expectDocumentedKeys, newChart, newSecret, props, secretRef, section } from '../fixtures';

test('output http: defaults and every option', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [
      LogOutput.http({ host: 'collector.example.com' }),
      LogOutput.http({
        host: 'collector.example.com',
        tls: true,
        uri: '/v1/logs',
        format: HttpOutputFormat.JSON,
        headers: { 'X-Tenant': 'team-a' },
        bearerToken: { secret, key: 'token' },
      }),
      LogOutput.http({ host: '10.0.0.5', port: 8080, user: 'fluent', password: { secret, key: 'password' }, format: HttpOutputFormat.MSGPACK }),
    ],
  }, chart);
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'http', 0).entries).toEqual([
    ['Name', 'http'],
    ['Match', '*'],
    ['Host', 'collector.example.com'],
    ['Port', '80'],
    ['URI', '/'],
    ['Format', 'json_lines'],
    ['Retry_Limit', 'no_limits'],
    ['storage.total_limit_size', '1073741824'],
  ]);
  expect(props(section(config, 'OUTPUT', 'http', 1))).toMatchObject({
    Port: '443', URI: '/v1/logs', Format: 'json', Header: ['X-Tenant team-a', 'Authorization Bearer ${HTTP_2_BEARER_TOKEN}'], tls: 'On',
  });
  expect(props(section(config, 'OUTPUT', 'http', 2))).toMatchObject({ Host: '10.0.0.5', Port: '8080', Format: 'msgpack', HTTP_User: 'fluent', HTTP_Passwd: '${HTTP_3_PASSWORD}' });
  expect(secretRef('HTTP_2_BEARER_TOKEN', container.env)).toEqual({ name: 'log-credentials', key: 'token' });
  expect(secretRef('HTTP_3_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
});
