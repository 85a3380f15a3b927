import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, synthPodSpec } from './synth';
import { DaemonSet } from '../../src';
import { validateManifests } from '../../src/validation/engine';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: env.

// The env list from an envVariables map is sorted by name (the map's key order is no intent and must not reach the YAML).
test('literal, ConfigMap key and Secret key values', () => {
  const chart = Testing.chart();
  const cm = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'agent-config');
  const secret = kplus.Secret.fromSecretName(chart, 'secret', 'agent-credentials');
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      envVariables: {
        LOG_LEVEL: kplus.EnvValue.fromValue('debug'),
        ES_HOST: kplus.EnvValue.fromConfigMap(cm, 'es.host'),
        ES_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'password' }),
        OPTIONAL_FLAG: kplus.EnvValue.fromConfigMap(cm, 'flag', { optional: true }),
      },
    }],
  });
  expect(containerNamed(synthPodSpec(chart), 'agent').env).toEqual([
    { name: 'ES_HOST', valueFrom: { configMapKeyRef: { name: 'agent-config', key: 'es.host' } } },
    { name: 'ES_PASSWORD', valueFrom: { secretKeyRef: { name: 'agent-credentials', key: 'password' } } },
    { name: 'LOG_LEVEL', value: 'debug' },
    { name: 'OPTIONAL_FLAG', valueFrom: { configMapKeyRef: { name: 'agent-config', key: 'flag', optional: true } } },
  ]);
});

test('whole ConfigMap and Secret through envFrom', () => {
  const chart = Testing.chart();
  const cm = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'agent-config');
  const secret = kplus.Secret.fromSecretName(chart, 'secret', 'agent-credentials');
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      envFrom: [kplus.Env.fromConfigMap(cm, 'CFG_'), kplus.Env.fromSecret(secret)],
    }],
  });
  ds.containers[0].env.copyFrom(kplus.Env.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'cm2', 'agent-extra')));
  expect(containerNamed(synthPodSpec(chart), 'agent').envFrom).toEqual([
    { configMapRef: { name: 'agent-config' }, prefix: 'CFG_' },
    { secretRef: { name: 'agent-credentials' } },
    { configMapRef: { name: 'agent-extra' } },
  ]);
});

test('pod fields through the downward API', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      envVariables: {
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
        POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE),
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        HOST_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP),
        POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP),
        POD_IPS: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IPS),
        SA_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.SERVICE_ACCOUNT_NAME),
        APP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_LABEL, { key: 'app' }),
      },
    }],
  });
  const env = containerNamed(synthPodSpec(chart), 'agent').env;
  expect(env).toEqual([
    { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
    { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
    { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'POD_IPS', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    { name: 'SA_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
  ]);
});

test('resource fields through the downward API', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) } },
      envVariables: {
        GOMAXPROCS: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.CPU_LIMIT),
        GOMEMLIMIT: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.MEMORY_LIMIT),
        CPU_REQUEST_MILLIS: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.CPU_REQUEST, { divisor: '1m' }),
        MEMORY_REQUEST: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.MEMORY_REQUEST),
      },
    }],
  });
  expect(containerNamed(synthPodSpec(chart), 'agent').env).toEqual([
    { name: 'CPU_REQUEST_MILLIS', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
    { name: 'GOMAXPROCS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
    { name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
    { name: 'MEMORY_REQUEST', valueFrom: { resourceFieldRef: { resource: 'requests.memory' } } },
  ]);
});

describe('rejects bad env input', () => {
  test('an invalid variable name throws', () => {
    expect(() => new DaemonSet(Testing.chart(), 'ds', {
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { '1-LEVEL': kplus.EnvValue.fromValue('x') } }],
    })).toThrow(/container 'agent': environment variable name '1-LEVEL' must match/);
  });

  test('env var name with a dash given in props is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, envVariables: { 'LOG-LEVEL': kplus.EnvValue.fromValue('info') } }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': environment variable name 'LOG-LEVEL' must match \[A-Za-z_\]\[A-Za-z0-9_\]\*/);
  });

  test('env var name starting with a digit given in props is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, envVariables: { '1ST_NODE': kplus.EnvValue.fromValue('a') } }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': environment variable name '1ST_NODE' must match \[A-Za-z_\]\[A-Za-z0-9_\]\*/);
  });

  test('env var name added later with container.env.addVariable is rejected at synthesis, as in props', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    ds.containers[0].env.addVariable('log.level', kplus.EnvValue.fromValue('debug'));
    // The API server accepts 'log.level' since 1.32 (relaxed names); the construct refuses shell-unsafe names
    // however they are added, and says the API would not.
    expect(() => Testing.synth(chart))
      .toThrow(/DaemonSet 'test\/ds': container 'agent' environment variable name 'log\.level' must match \[A-Za-z_\]\[A-Za-z0-9_\]\*.*the API server accepts it, but a shell cannot read it.*\(at spec\.template\.spec\.containers\[0\]\.env\[0\]\.name\)/);
  });

  test('the validator alone reports a later-added shell-unsafe env var name as a best-practice warning, not an API error', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    const objects = Testing.synth(chart);
    objects[0].spec.template.spec.containers[0].env = [{ name: 'log.level', value: 'debug' }];
    const report = validateManifests(objects);
    expect(report.errors.filter(e => e.path.endsWith('.env[0].name'))).toEqual([]);
    expect(report.warnings.filter(w => w.ruleId === 'best-practice/env-names').map(w => w.path)).toEqual(['spec.template.spec.containers[0].env[0].name']);
  });
});
