import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { FluentBitSection } from '../../../../src/presets/fluent-bit-config';
import { LogCollectorDaemonSet, LogOutput } from '../../../../src/presets/log-collector';
import { SECRET_VALUE, expectDocumentedKeys, newChart, newSecret, parseClassic, secretRef, views } from '../fixtures';

// LogOutput: what every output shares (secrets, checks of the factories).

test('secrets never reach the ConfigMap or any object but the Secret itself', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const ref = (key: string) => ({ secret, key });
  new LogCollectorDaemonSet(chart, 'logs', {
    outputs: [
      LogOutput.elasticsearch({ host: 'es.logging.svc', user: 'fluent', password: ref('password') }),
      LogOutput.elasticsearch({ host: 'es2.logging.svc', apiKey: ref('key') }),
      LogOutput.loki({ host: 'loki.logging.svc', user: 'loki', password: ref('password') }),
      LogOutput.loki({ host: 'loki2.logging.svc', bearerToken: ref('token') }),
      LogOutput.forward({ host: 'fluentd.logging.svc', sharedKey: ref('key'), username: 'fluent', password: ref('password') }),
      LogOutput.http({ host: 'collector.logging.svc', bearerToken: ref('token') }),
      LogOutput.http({ host: 'collector2.logging.svc', user: 'u', password: ref('password') }),
    ],
    hotReload: true,
  });
  const objects = Testing.synth(chart);
  const secrets = objects.filter(o => o.kind === 'Secret');
  expect(secrets).toHaveLength(1);
  expect(JSON.stringify(secrets[0])).toContain(SECRET_VALUE);
  for (const o of objects.filter(x => x.kind !== 'Secret')) {
    expect({ kind: o.kind, leaks: JSON.stringify(o).includes(SECRET_VALUE) }).toEqual({ kind: o.kind, leaks: false });
  }
  const { container, configMap } = views(objects);
  const conf: string = configMap.data['fluent-bit.conf'];
  const refs = [...conf.matchAll(/\$\{([A-Z0-9_]+)\}/g)].map(m => m[1]);
  expect(refs).toEqual(['ES_PASSWORD', 'ES_2_API_KEY', 'LOKI_PASSWORD', 'LOKI_2_BEARER_TOKEN', 'FORWARD_SHARED_KEY', 'FORWARD_PASSWORD', 'HTTP_BEARER_TOKEN', 'HTTP_2_PASSWORD']);
  for (const name of refs) expect(secretRef(name, container.env).name).toBe('log-credentials');
  expectDocumentedKeys(parseClassic(conf));
});

describe('rejects bad LogOutput options', () => {
  test('bad outputs fail in the factory, naming it, the field, the value and what is allowed', () => {
    const secret = kplus.Secret.fromSecretName(newChart(), 's', 's');
    const ref = { secret, key: 'k' };
    expect(() => LogOutput.elasticsearch({ host: 'https://es.example.com' })).toThrow("LogOutput.elasticsearch: host 'https://es.example.com' includes a scheme; give the host name only");
    expect(() => LogOutput.elasticsearch({ host: 'es:9200' })).toThrow("LogOutput.elasticsearch: host 'es:9200' is not a host name or IP address");
    expect(() => LogOutput.elasticsearch({ host: 'es', port: 0 })).toThrow('LogOutput.elasticsearch: port 0 is out of range');
    expect(() => LogOutput.elasticsearch({ host: 'es', index: 'a', logstashPrefix: 'b' })).toThrow("index 'a' and logstashPrefix 'b' are both set");
    expect(() => LogOutput.elasticsearch({ host: 'es', password: ref })).toThrow('LogOutput.elasticsearch: password is set without user');
    expect(() => LogOutput.elasticsearch({ host: 'es', user: 'u', apiKey: ref })).toThrow("user 'u' and apiKey are both set");
    expect(() => LogOutput.elasticsearch({ host: 'es', path: 'es' })).toThrow("LogOutput.elasticsearch: path 'es' must start with '/'");
    expect(() => LogOutput.elasticsearch({ host: 'es', index: 'a\nb' })).toThrow('LogOutput.elasticsearch: index "a\\nb" spans several lines');
    expect(() => LogOutput.elasticsearch({ host: 'es', match: 'a b' })).toThrow("LogOutput.elasticsearch: match 'a b' is not a tag pattern");
    expect(() => LogOutput.elasticsearch({ host: 'es', alias: 'my alias' })).toThrow("LogOutput.elasticsearch: alias 'my alias' is not a plugin alias");
    expect(() => LogOutput.elasticsearch({ host: 'es', retryLimit: -1 })).toThrow('LogOutput.elasticsearch: retryLimit -1 must be a whole number of retries');
    expect(() => LogOutput.elasticsearch({ host: 'es', workers: 0 })).toThrow('LogOutput.elasticsearch: workers 0 must be a positive integer');
    expect(() => LogOutput.elasticsearch({ host: 'es', bufferLimit: Size.kibibytes(512) })).toThrow('LogOutput.elasticsearch: bufferLimit 512Ki is smaller than a fluent-bit chunk');
    expect(() => LogOutput.loki({ host: 'loki', labels: {} })).toThrow('LogOutput.loki: labels is empty');
    expect(() => LogOutput.loki({ host: 'loki', labels: { 'app-name': 'x' } })).toThrow("LogOutput.loki: label name 'app-name' is not a Loki label name");
    expect(() => LogOutput.loki({ host: 'loki', labels: { app: 'a,b' } })).toThrow("LogOutput.loki: label 'app' value 'a,b' is empty or contains blanks or commas");
    expect(() => LogOutput.loki({ host: 'loki', removeKeys: ['a b'] })).toThrow("LogOutput.loki: removeKeys entry 'a b'");
    expect(() => LogOutput.loki({ host: 'loki', uri: 'push' })).toThrow("LogOutput.loki: uri 'push' must start with '/'");
    expect(() => LogOutput.loki({ host: 'loki', password: ref })).toThrow('LogOutput.loki: password is set without user');
    expect(() => LogOutput.loki({ host: 'loki', user: 'u', bearerToken: ref })).toThrow("LogOutput.loki: user 'u' and bearerToken are both set");
    expect(() => LogOutput.forward({ host: 'fluentd', password: ref })).toThrow('LogOutput.forward: password is set without username');
    expect(() => LogOutput.forward({ host: 'fluentd', tag: 'a b' })).toThrow("LogOutput.forward: tag 'a b' contains blanks");
    expect(() => LogOutput.forward({ host: 'fluentd', port: 1.5 })).toThrow('LogOutput.forward: port 1.5 is out of range');
    expect(() => LogOutput.http({ host: 'c', headers: { 'Bad Header': 'x' } })).toThrow("LogOutput.http: header name 'Bad Header' is not a valid HTTP header name");
    expect(() => LogOutput.http({ host: 'c', headers: { Authorization: 'Basic x' }, bearerToken: ref })).toThrow('LogOutput.http: headers sets Authorization and bearerToken sets it too');
    expect(() => LogOutput.http({ host: 'c', uri: 'x' })).toThrow("LogOutput.http: uri 'x' must start with '/'");
    expect(() => LogOutput.http({ host: 'c', password: ref })).toThrow('LogOutput.http: password is set without user');
    expect(() => LogOutput.http({ host: 'c', user: 'u', bearerToken: ref })).toThrow("LogOutput.http: user 'u' and bearerToken are both set");
    expect(() => LogOutput.stdout({ match: '' })).toThrow("LogOutput.stdout: match '' is not a tag pattern");
    expect(() => LogOutput.raw(FluentBitSection.input('tail'))).toThrow('LogOutput.raw: the section is a [INPUT] section; an output needs FluentBitSection.output');
    expect(() => LogOutput.raw(FluentBitSection.output('kafka', '*'), { secretEnv: [{ name: '1BAD', value: ref }] })).toThrow("LogOutput.raw: secretEnv name '1BAD' must match");
    expect(() => LogOutput.raw(FluentBitSection.output('kafka', '*'), { secretEnv: [{ name: 'A', value: ref }, { name: 'A', value: ref }] })).toThrow("LogOutput.raw: secretEnv name 'A' is listed twice");
  });
});
