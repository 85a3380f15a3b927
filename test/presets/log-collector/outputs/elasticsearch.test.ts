import { Size } from 'cdk8s';
import { LogOutput } from '../../../../src/presets/log-collector';
import { build, expectDocumentedKeys, newChart, newSecret, props, secretRef, section } from '../fixtures';

test('output elasticsearch: defaults', () => {
  const { config } = build();
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'es').entries).toEqual([
    ['Name', 'es'],
    ['Match', '*'],
    ['Host', 'es.logging.svc'],
    ['Port', '9200'],
    ['Logstash_Format', 'On'],
    ['Suppress_Type_Name', 'On'],
    ['Replace_Dots', 'On'],
    ['Retry_Limit', 'no_limits'],
    ['storage.total_limit_size', '1073741824'],
  ]);
});

test('output elasticsearch: every option, password and API key from Secrets', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [
      LogOutput.elasticsearch({
        host: 'es.example.com',
        port: 443,
        path: '/es',
        index: 'k8s-logs',
        user: 'fluent',
        password: { secret, key: 'password' },
        suppressTypeName: false,
        replaceDots: false,
        generateId: true,
        tls: true,
        tlsVerify: false,
        compress: true,
        match: 'kube.*',
        alias: 'es-main',
        retryLimit: 5,
        bufferLimit: Size.mebibytes(512),
        workers: 4,
      }),
      LogOutput.elasticsearch({ host: 'es2.example.com', logstashPrefix: 'node', apiKey: { secret, key: 'key' }, retryLimit: 0, match: 'host.*' }),
    ],
  }, chart);
  expectDocumentedKeys(config);
  expect(props(section(config, 'OUTPUT', 'es', 0))).toEqual({
    'Name': 'es',
    'Match': 'kube.*',
    'Host': 'es.example.com',
    'Port': '443',
    'Path': '/es',
    'Index': 'k8s-logs',
    'Suppress_Type_Name': 'Off',
    'Replace_Dots': 'Off',
    'Generate_ID': 'On',
    'HTTP_User': 'fluent',
    'HTTP_Passwd': '${ES_PASSWORD}',
    'Compress': 'gzip',
    'tls': 'On',
    'tls.verify': 'Off',
    'Alias': 'es-main',
    'Retry_Limit': '5',
    'storage.total_limit_size': '536870912',
    'Workers': '4',
  });
  expect(props(section(config, 'OUTPUT', 'es', 1))).toEqual({
    'Name': 'es',
    'Match': 'host.*',
    'Host': 'es2.example.com',
    'Port': '9200',
    'Logstash_Format': 'On',
    'Logstash_Prefix': 'node',
    'Suppress_Type_Name': 'On',
    'Replace_Dots': 'On',
    'HTTP_API_Key': '${ES_2_API_KEY}',
    'Retry_Limit': 'no_retries',
    'storage.total_limit_size': '1073741824',
  });
  expect(secretRef('ES_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
  expect(secretRef('ES_2_API_KEY', container.env)).toEqual({ name: 'log-credentials', key: 'key' });
});
