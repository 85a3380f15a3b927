import { FluentBitSection } from '../../../../src/presets/fluent-bit-config';
import { LogOutput } from '../../../../src/presets/log-collector';
import { build, expectDocumentedKeys, newChart, newSecret, secretRef, section } from '../fixtures';

test('output raw: written exactly as given, secrets through secretEnv', () => {
  const chart = newChart();
  const secret = newSecret(chart);
  const { config, container } = build({
    outputs: [LogOutput.raw(FluentBitSection.output('kafka', 'kube.*', [
      { key: 'Brokers', value: 'kafka-0.kafka:9092' },
      { key: 'Topics', value: 'k8s-logs' },
      { key: 'rdkafka.sasl.username', value: 'fluent' },
      { key: 'rdkafka.sasl.password', value: '${KAFKA_PASSWORD}' },
    ]), { secretEnv: [{ name: 'KAFKA_PASSWORD', value: { secret, key: 'password' } }] })],
  }, chart);
  expectDocumentedKeys(config);
  expect(section(config, 'OUTPUT', 'kafka').entries).toEqual([
    ['Name', 'kafka'], ['Match', 'kube.*'], ['Brokers', 'kafka-0.kafka:9092'], ['Topics', 'k8s-logs'],
    ['rdkafka.sasl.username', 'fluent'], ['rdkafka.sasl.password', '${KAFKA_PASSWORD}'],
  ]);
  expect(secretRef('KAFKA_PASSWORD', container.env)).toEqual({ name: 'log-credentials', key: 'password' });
});
