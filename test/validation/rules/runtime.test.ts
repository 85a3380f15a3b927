import { validateManifests } from '../../../src/validation/engine';
import { predictRuntime, withRuntimePredictionsRemembered } from '../../../src/validation/rules/runtime';

type Json = { [key: string]: any };

function daemonSet(podSpec: Json, strategy: Json = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'monitoring' },
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      updateStrategy: strategy,
      template: { metadata: { labels: { app: 'node-agent' } }, spec: podSpec },
    },
  };
}

function agent(overrides: Json = {}): Json {
  return { name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ containerPort: 9100, name: 'metrics' }], ...overrides };
}

describe('runtime/max-surge-host-port', () => {
  test('maxSurge with a host port never finishes a rollout', () => {
    const ds = daemonSet({ containers: [agent({ ports: [{ containerPort: 9100, hostPort: 9100 }] })] });
    expect(predictRuntime(ds)).toEqual([{
      rule: 'runtime/max-surge-host-port',
      path: 'spec.updateStrategy.rollingUpdate.maxSurge',
      message: 'the API server accepts maxSurge 1, but the surge pod starts next to the old one on the same node and the pod binds host ports (agent:9100), '
        + 'so the new pod could never start and the rollout never finishes; use maxUnavailable instead of maxSurge',
    }]);
  });

  test('maxSurge with hostNetwork', () => {
    const found = predictRuntime(daemonSet({ hostNetwork: true, containers: [agent()] }, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '10%' } }));
    expect(found.map(f => f.rule)).toEqual(['runtime/max-surge-host-port']);
    expect(found[0].message).toMatch(/^the API server accepts maxSurge 10%, .* the pod uses the host network/);
  });

  test('no surge, 0% surge, OnDelete, or no host ports: nothing to predict', () => {
    const bound = { hostNetwork: true, containers: [agent()] };
    expect(predictRuntime(daemonSet(bound, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } }))).toEqual([]);
    expect(predictRuntime(daemonSet(bound, { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: 1 } }))).toEqual([]);
    expect(predictRuntime(daemonSet(bound, { type: 'OnDelete' }))).toEqual([]);
    expect(predictRuntime(daemonSet({ containers: [agent()] }))).toEqual([]);
  });
});

describe('runtime/probe-ports', () => {
  test('a probe on a port name the container does not declare', () => {
    const ds = daemonSet({ containers: [agent({ livenessProbe: { httpGet: { path: '/', port: 'health' } }, readinessProbe: { tcpSocket: { port: 'metrics' } } })] },
      { type: 'OnDelete' });
    expect(predictRuntime(ds)).toEqual([{
      rule: 'runtime/probe-ports',
      path: 'spec.template.spec.containers[0].livenessProbe',
      message: "the API server accepts the livenessProbe of container 'agent' on port 'health', but no port of that container has this name (named ports: 'metrics'), "
        + 'so the kubelet cannot resolve it and the probe always fails; name the port or probe a number',
    }]);
  });

  test('native sidecars are checked, other init containers and numeric ports are not', () => {
    const probe = { tcpSocket: { port: 'nope' } };
    const ds = daemonSet({
      initContainers: [agent({ name: 'sidecar', restartPolicy: 'Always', startupProbe: probe }), agent({ name: 'setup', livenessProbe: probe })],
      containers: [agent({ readinessProbe: { tcpSocket: { port: 9100 } } })],
    }, { type: 'OnDelete' });
    expect(predictRuntime(ds).map(f => f.path)).toEqual(['spec.template.spec.initContainers[0].startupProbe']);
  });

  test('pods and other workloads are checked at their template path', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [agent({ livenessProbe: { tcpSocket: { port: 'x' } } })] } };
    expect(predictRuntime(pod).map(f => f.path)).toEqual(['spec.containers[0].livenessProbe']);
  });
});

test('the engine reports predictions as runtime findings, never as semantics (API) findings', () => {
  const ds = daemonSet({ containers: [agent({ ports: [{ containerPort: 9100, hostPort: 9100 }], livenessProbe: { tcpSocket: { port: 'health' } } })] });
  const report = validateManifests([ds], { rules: ['runtime', 'semantics'] });
  expect(report.findings.map(f => `${f.severity} ${f.ruleId}`)).toEqual(['error runtime/max-surge-host-port', 'error runtime/probe-ports']);
});

test('hostile input: predictions never throw', () => {
  for (const junk of [null, 1, 'x', [], { kind: 'DaemonSet', spec: 3 }, { kind: 'DaemonSet', spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: [] }, template: { spec: { containers: 'x' } } } }]) {
    expect(() => predictRuntime(junk as any)).not.toThrow();
  }
});

describe('runtime/node-affinity-unsatisfiable', () => {
  const GT = 'spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms';
  const withTerms = (terms: unknown): Json => daemonSet({
    containers: [agent()],
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  }, { type: 'OnDelete' });
  const gt = (value: string) => ({ matchExpressions: [{ key: 'cpu-count', operator: 'Gt', values: [value] }] });
  const found = (ds: Json) => predictRuntime(ds).filter(p => p.rule === 'runtime/node-affinity-unsatisfiable');

  test('Gt with a non-integer value as the only term: accepted, but the scheduler matches no node (an error)', () => {
    expect(found(withTerms([gt('1.5')]))).toEqual([{
      rule: 'runtime/node-affinity-unsatisfiable',
      path: `${GT}[0].matchExpressions[0].values`,
      message: 'the API server accepts Gt on \'cpu-count\' with [1.5] in required node affinity, but the scheduler matches no node: Gt needs exactly one integer value, '
        + 'and no other term can match, so the DaemonSet controller creates no pod (a Pod stays Pending); use a single integer value',
    }]);
    const report = validateManifests([withTerms([gt('1.5')])]);
    expect(report.errors.map(e => e.ruleId)).toEqual(['runtime/node-affinity-unsatisfiable']);
  });

  test('integers as Go\'s ParseInt reads them are fine: signs, leading zeros, the int64 range', () => {
    for (const v of ['8', '+8', '-1', '007', '9223372036854775807']) expect(found(withTerms([gt(v)]))).toEqual([]);
    for (const v of ['9223372036854775808', '1e3', 'eight', '0x10']) expect(found(withTerms([gt(v)]))).toHaveLength(1);
  });

  test('a dead term next to a live one is a warning: only the other terms place the pod', () => {
    const hits = found(withTerms([gt('1.5'), { matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }]));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ severity: 'warning', path: `${GT}[0].matchExpressions[0].values` });
    expect(hits[0].message).toMatch(/^the API server accepts Gt on 'cpu-count' with \[1\.5\] in required node affinity, but the scheduler cannot read it/);
  });

  test('only empty terms match no node', () => {
    expect(found(withTerms([{}, null]))).toEqual([expect.objectContaining({ path: GT, message: expect.stringMatching(/terms are all empty, but the scheduler matches no node/) })]);
  });

  test('silent where the API server refuses the term (the semantics family\'s claim) and for preferred terms', () => {
    expect(found(withTerms([{ matchExpressions: [{ key: 'cpu-count', operator: 'Lt', values: ['8', '1.5'] }] }]))).toEqual([]);
    const preferred = daemonSet({
      containers: [agent()],
      affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: gt('1.5') }] } },
    });
    expect(found(preferred)).toEqual([]);
  });

  test('hostile shapes never throw', () => {
    for (const terms of [null, 3, 'x', [3, 'y'], [{ matchExpressions: 'z' }], [{ matchExpressions: [null, { operator: 'Gt', values: [null] }] }]]) {
      expect(() => predictRuntime(withTerms(terms))).not.toThrow();
    }
  });
});

describe('runtime/run-as-root-conflict', () => {
  const onDelete = { type: 'OnDelete' };
  const conflicts = (podSpec: Json) => predictRuntime(daemonSet(podSpec, onDelete)).filter(p => p.rule === 'runtime/run-as-root-conflict');

  test.each([
    ['pod runAsNonRoot, container uid 0', { securityContext: { runAsNonRoot: true } }, { securityContext: { runAsUser: 0 } }, 'the pod', 'the container'],
    ['pod uid 0, container runAsNonRoot', { securityContext: { runAsUser: 0 } }, { securityContext: { runAsNonRoot: true } }, 'the container', 'the pod'],
    ['both on the pod', { securityContext: { runAsNonRoot: true, runAsUser: 0 } }, {}, 'the pod', 'the pod'],
  ])('%s: the kubelet refuses the container', (_name, pod, container, nonRootFrom, userFrom) => {
    expect(conflicts({ ...pod, containers: [agent(container)] })).toEqual([{
      rule: 'runtime/run-as-root-conflict',
      path: 'spec.template.spec.containers[0].securityContext',
      message: expect.stringContaining(`runAsNonRoot: true (from ${nonRootFrom}) with runAsUser: 0 (from ${userFrom}) for container 'agent', but the kubelet refuses`),
    }]);
  });

  test.each([
    ['root meant: runAsNonRoot false', { securityContext: { runAsNonRoot: false, runAsUser: 0 } }, {}],
    ['the container overrides the pod\'s runAsNonRoot', { securityContext: { runAsNonRoot: true, runAsUser: 0 } }, { securityContext: { runAsNonRoot: false } }],
    ['the container overrides the pod\'s uid', { securityContext: { runAsNonRoot: true, runAsUser: 0 } }, { securityContext: { runAsUser: 1000 } }],
    ['no uid at all (the image decides)', { securityContext: { runAsNonRoot: true } }, {}],
  ])('%s: no finding', (_name, pod, container) => {
    expect(conflicts({ ...pod, containers: [agent(container)] })).toEqual([]);
  });

  test('init containers are checked too', () => {
    expect(conflicts({ securityContext: { runAsNonRoot: true }, initContainers: [agent({ name: 'init', securityContext: { runAsUser: 0 } })], containers: [agent()] })
      .map(p => p.path)).toEqual(['spec.template.spec.initContainers[0].securityContext']);
  });
});

describe('withRuntimePredictionsRemembered', () => {
  const probing = (port: string) => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'agent', image: 'agent:1.0', livenessProbe: { httpGet: { port } } }] },
      },
    },
  });

  test('inside a scope an object is predicted once; outside, every call predicts again', () => {
    const ds = probing('metrics');
    const outside = predictRuntime(ds);
    expect(predictRuntime(ds)).not.toBe(outside);
    expect(predictRuntime(ds)).toEqual(outside);
    withRuntimePredictionsRemembered(() => true, () => {
      const first = predictRuntime(ds);
      expect(first).toEqual(outside);
      expect(predictRuntime(ds)).toBe(first);
      // Nested scopes share the outer one's answers.
      withRuntimePredictionsRemembered(() => true, () => expect(predictRuntime(ds)).toBe(first));
    });
    expect(predictRuntime(ds)).not.toBe(outside);
  });

  test('another object (a changed one is rendered anew) gets its own predictions', () => {
    withRuntimePredictionsRemembered(() => true, () => {
      expect(predictRuntime(probing('metrics')).map(p => p.rule)).toEqual(['runtime/probe-ports']);
      expect(predictRuntime(probing('9100'))).toEqual([]);
    });
  });

  test('only the objects the scope vouches for are remembered: another is predicted on every call, even when changed in place', () => {
    const rendered = probing('metrics');
    const users = probing('metrics');
    withRuntimePredictionsRemembered(o => o === rendered, () => {
      expect(predictRuntime(rendered)).toBe(predictRuntime(rendered));
      expect(predictRuntime(users).map(p => p.rule)).toEqual(['runtime/probe-ports']);
      users.spec.template.spec.containers[0].livenessProbe.httpGet.port = '9100';
      expect(predictRuntime(users)).toEqual([]);
    });
  });

  test('the scope ends when its function throws', () => {
    const ds = probing('metrics');
    let inside: unknown;
    expect(() => withRuntimePredictionsRemembered(() => true, () => {
      inside = predictRuntime(ds);
      throw new Error('boom');
    })).toThrow('boom');
    expect(predictRuntime(ds)).not.toBe(inside);
  });
});
