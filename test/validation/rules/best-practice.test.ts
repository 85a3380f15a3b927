import { imageTag } from '../../../src/k8s/syntax';
import { RuleContext, RuleHit, Severity } from '../../../src/validation/rule';
import { BEST_PRACTICE_RULES } from '../../../src/validation/rules/best-practice';
import { sensitiveHostPath } from '../../../src/validation/rules/best-practice/host-paths';

type Json = { [key: string]: any };

const BASE = 'spec.template.spec';

/** A container that follows every best practice. */
function container(overrides: Json = {}, securityContext: Json = {}): Json {
  return {
    name: 'agent',
    image: 'registry.example.com/agent:1.4.2',
    ports: [{ name: 'metrics', containerPort: 9100 }],
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } },
    livenessProbe: { httpGet: { path: '/healthz', port: 'metrics' } },
    readinessProbe: { httpGet: { path: '/ready', port: 'metrics' } },
    ...overrides,
    securityContext: {
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      ...securityContext,
    },
  };
}

/** A pod spec that follows every best practice. */
function podSpec(overrides: Json = {}, securityContext: Json = {}): Json {
  return {
    priorityClassName: 'system-node-critical',
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' }, ...securityContext },
    containers: [container()],
    ...overrides,
  };
}

function daemonSet(spec: Json = podSpec(), overrides: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'monitoring' },
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      template: { metadata: { labels: { app: 'node-agent' } }, spec },
      ...overrides,
    },
  };
}

function ctx(objects: Json[]): RuleContext {
  return { objects, kubernetesVersion: '1.31', expectedNodeCount: 3 };
}

function run(id: string, ...objects: Json[]): RuleHit[] {
  const rule = BEST_PRACTICE_RULES.find(r => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(ctx(objects));
}

function paths(hits: RuleHit[]): string[] {
  return hits.map(h => h.path);
}

test('rule ids are unique, prefixed, and documented with why, fix and the equivalent tool checks', () => {
  const ids = BEST_PRACTICE_RULES.map(r => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const r of BEST_PRACTICE_RULES) {
    expect(r.id).toMatch(/^best-practice\/[a-z-]+$/);
    expect(r.why.length).toBeGreaterThan(20);
    expect(r.fix.length).toBeGreaterThan(10);
  }
  // Every best practice but hardening-unverified-image and env-names has a counterpart in kube-score, kube-linter, Polaris or the Pod Security Standards.
  expect(BEST_PRACTICE_RULES.filter(r => r.equivalents === undefined).map(r => r.id)).toEqual(['best-practice/hardening-unverified-image', 'best-practice/env-names']);
});

test('a DaemonSet that follows every best practice has no findings', () => {
  const ds = daemonSet();
  for (const rule of BEST_PRACTICE_RULES) {
    expect({ id: rule.id, hits: rule.check(ctx([ds])) }).toEqual({ id: rule.id, hits: [] });
  }
});

test('objects without pod templates are ignored', () => {
  const objects = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: {} },
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: {} },
    { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'empty' }, spec: {} },
  ];
  for (const rule of BEST_PRACTICE_RULES) expect(rule.check(ctx(objects))).toEqual([]);
});

describe('best-practice/resource-requests', () => {
  test('fails per container without cpu or memory requests, init containers included', () => {
    const hits = run('best-practice/resource-requests', daemonSet(podSpec({
      initContainers: [container({ name: 'setup', resources: { requests: { cpu: '10m' } } })],
      containers: [container({ resources: {} })],
    })));
    expect(paths(hits)).toEqual([`${BASE}.initContainers[0].resources.requests`, `${BASE}.containers[0].resources.requests`]);
    expect(hits[0].message).toContain("init container 'setup' requests no memory");
    expect(hits[1].message).toContain('requests no cpu and memory');
    expect(hits[1].message).toContain('DaemonSet runs this on every node');
  });

  test('passes with requests, or with limits (a missing request defaults to the limit)', () => {
    expect(run('best-practice/resource-requests', daemonSet())).toEqual([]);
    expect(run('best-practice/resource-requests', daemonSet(podSpec({ containers: [container({ resources: { limits: { cpu: '1', memory: '1Gi' } } })] })))).toEqual([]);
  });
});

describe('best-practice/memory-limit', () => {
  test('fails without a memory limit', () => {
    const hits = run('best-practice/memory-limit', daemonSet(podSpec({ containers: [container({ resources: { requests: { cpu: '1m', memory: '1Mi' }, limits: { cpu: '1' } } })] })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].resources.limits`]);
    expect(hits[0].message).toContain("container 'agent' has no memory limit");
  });

  test('passes with a memory limit', () => {
    expect(run('best-practice/memory-limit', daemonSet())).toEqual([]);
  });
});

describe('best-practice/image-tag', () => {
  test.each([
    ['busybox', 'has no tag'],
    ['registry.example.com:5000/team/agent', 'has no tag'],
    ['quay.io/prometheus/node-exporter:latest', 'uses the latest tag'],
  ])('fails for %s', (image, what) => {
    const hits = run('best-practice/image-tag', daemonSet(podSpec({ containers: [container({ image })] })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].image`]);
    expect(hits[0].message).toContain(what);
  });

  test.each([
    'quay.io/prometheus/node-exporter:v1.8.2',
    'registry.example.com:5000/team/agent:2024.1',
    'busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
    'busybox:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  ])('passes for %s', (image) => {
    expect(run('best-practice/image-tag', daemonSet(podSpec({ containers: [container({ image })] })))).toEqual([]);
  });

  test('imageTag parses tags, registries with ports and digests', () => {
    expect(imageTag('a/b:1')).toEqual({ tag: '1', digest: false });
    expect(imageTag('host:5000/b')).toEqual({ tag: undefined, digest: false });
    expect(imageTag('b@sha256:00')).toEqual({ tag: undefined, digest: true });
  });
});

describe('best-practice/read-only-root-filesystem', () => {
  test('fails when not true', () => {
    const hits = run('best-practice/read-only-root-filesystem', daemonSet(podSpec({
      initContainers: [container({ name: 'setup' }, { readOnlyRootFilesystem: false })],
      containers: [container({}, { readOnlyRootFilesystem: undefined })],
    })));
    expect(paths(hits)).toEqual([`${BASE}.initContainers[0].securityContext.readOnlyRootFilesystem`, `${BASE}.containers[0].securityContext.readOnlyRootFilesystem`]);
  });

  test('passes when true', () => {
    expect(run('best-practice/read-only-root-filesystem', daemonSet())).toEqual([]);
  });
});

describe('best-practice/drop-capabilities', () => {
  test('warns when nothing is dropped', () => {
    const hits = run('best-practice/drop-capabilities', daemonSet(podSpec({ containers: [container({}, { capabilities: undefined })] })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].securityContext.capabilities.drop`]);
    expect(hits[0].severity).toBeUndefined();
    expect(hits[0].message).toContain('NET_RAW');
  });

  test('dropping only NET_RAW is info', () => {
    const hits = run('best-practice/drop-capabilities', daemonSet(podSpec({ containers: [container({}, { capabilities: { drop: ['NET_RAW'] } })] })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].securityContext.capabilities.drop`]);
    expect(hits[0].severity).toBe(Severity.INFO);
  });

  test('adding a dangerous capability warns at the add entry', () => {
    const hits = run('best-practice/drop-capabilities', daemonSet(podSpec({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } })] })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].securityContext.capabilities.add[1]`]);
  });

  test('passes with drop ALL (any case, CAP_ prefix tolerated) and harmless adds', () => {
    expect(run('best-practice/drop-capabilities', daemonSet())).toEqual([]);
    expect(run('best-practice/drop-capabilities', daemonSet(podSpec({ containers: [container({}, { capabilities: { drop: ['all'], add: ['CAP_SYS_TIME'] } })] })))).toEqual([]);
  });
});

describe('best-practice/no-privileged', () => {
  test('fails for a privileged container', () => {
    const hits = run('best-practice/no-privileged', daemonSet(podSpec({ containers: [container({}, { privileged: true })] })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].securityContext.privileged`]);
  });

  test('passes otherwise', () => {
    expect(run('best-practice/no-privileged', daemonSet(podSpec({ containers: [container({}, { privileged: false })] })))).toEqual([]);
  });
});

describe('best-practice/no-privilege-escalation', () => {
  test('fails when unset or true', () => {
    const hits = run('best-practice/no-privilege-escalation', daemonSet(podSpec({
      containers: [container({}, { allowPrivilegeEscalation: undefined }), container({ name: 'b' }, { allowPrivilegeEscalation: true })],
    })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].securityContext.allowPrivilegeEscalation`, `${BASE}.containers[1].securityContext.allowPrivilegeEscalation`]);
    expect(hits[0].message).toContain('defaults to true');
  });

  test('passes when false', () => {
    expect(run('best-practice/no-privilege-escalation', daemonSet())).toEqual([]);
  });
});

describe('best-practice/liveness-probe', () => {
  test('fails for containers and native sidecars without one, not for plain init containers', () => {
    const hits = run('best-practice/liveness-probe', daemonSet(podSpec({
      initContainers: [container({ name: 'setup', livenessProbe: undefined }), container({ name: 'proxy', restartPolicy: 'Always', livenessProbe: undefined })],
      containers: [container({ livenessProbe: undefined })],
    })));
    expect(paths(hits)).toEqual([`${BASE}.initContainers[1].livenessProbe`, `${BASE}.containers[0].livenessProbe`]);
    expect(hits[0].message).toContain("sidecar container 'proxy'");
  });

  test('passes with a probe, and for Jobs', () => {
    expect(run('best-practice/liveness-probe', daemonSet())).toEqual([]);
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: podSpec({ containers: [container({ livenessProbe: undefined })] }) } } };
    expect(run('best-practice/liveness-probe', job)).toEqual([]);
  });
});

describe('best-practice/readiness-probe', () => {
  test('fails without one, explaining why it matters for a DaemonSet without a Service', () => {
    const hits = run('best-practice/readiness-probe', daemonSet(podSpec({ containers: [container({ readinessProbe: undefined })] })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].readinessProbe`]);
    expect(hits[0].message).toContain('even without a Service');
    expect(hits[0].message).toContain('rolling update');
  });

  test('fails for a Deployment with a traffic explanation', () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: podSpec({ containers: [container({ readinessProbe: undefined })] }) } } };
    const hits = run('best-practice/readiness-probe', d);
    expect(paths(hits)).toEqual([`${BASE}.containers[0].readinessProbe`]);
    expect(hits[0].message).toContain('receives traffic');
  });

  test('passes with a probe, and for CronJobs', () => {
    expect(run('best-practice/readiness-probe', daemonSet())).toEqual([]);
    const cj = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c' },
      spec: { schedule: '0 * * * *', jobTemplate: { spec: { template: { spec: podSpec({ containers: [container({ readinessProbe: undefined })] }) } } } },
    };
    expect(run('best-practice/readiness-probe', cj)).toEqual([]);
  });
});

describe('best-practice/sensitive-host-mount', () => {
  const volumes = [
    { name: 'root', hostPath: { path: '/' } },
    { name: 'sys', hostPath: { path: '/sys/' } },
    { name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } },
    { name: 'containerd', hostPath: { path: '/run/containerd/containerd.sock' } },
    { name: 'kubelet', hostPath: { path: '/var/lib/kubelet' } },
    { name: 'logs', hostPath: { path: '/var/log' } },
    { name: 'tmp', emptyDir: {} },
  ];

  test('flags sensitive host paths, read-only or not', () => {
    const hits = run('best-practice/sensitive-host-mount', daemonSet(podSpec({
      volumes,
      containers: [container({
        volumeMounts: [
          { name: 'root', mountPath: '/host/root', readOnly: true },
          { name: 'sys', mountPath: '/host/sys', readOnly: true },
          { name: 'docker', mountPath: '/var/run/docker.sock' },
          { name: 'logs', mountPath: '/var/log', readOnly: true },
        ],
      })],
    })));
    expect(paths(hits)).toEqual([0, 1, 2, 3, 4].map(i => `${BASE}.volumes[${i}].hostPath.path`));
    expect(hits[0].message).toContain("mounted read-only by 'agent'");
    expect(hits[2].message).toContain('container runtime socket');
    expect(hits[2].message).toContain("mounted writable by 'agent'");
    expect(hits[3].message).toContain('not mounted by any container');
  });

  test('passes for ordinary host paths', () => {
    expect(run('best-practice/sensitive-host-mount', daemonSet(podSpec({ volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }] })))).toEqual([]);
    expect(sensitiveHostPath('/var/lib/docker/containers')).toBeUndefined();
    expect(sensitiveHostPath('/etc/')).toBe('a sensitive host directory');
    expect(sensitiveHostPath('/run/crio/crio.sock')).toContain('runtime socket');
  });
});

describe('best-practice/writable-host-mount', () => {
  test('fails for hostPath mounts without readOnly: true', () => {
    const hits = run('best-practice/writable-host-mount', daemonSet(podSpec({
      volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }, { name: 'tmp', emptyDir: {} }],
      containers: [container({
        volumeMounts: [
          { name: 'tmp', mountPath: '/tmp' },
          { name: 'logs', mountPath: '/var/log', readOnly: false },
        ],
      })],
    })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].volumeMounts[1].readOnly`]);
    expect(hits[0].message).toContain("host path '/var/log'");
  });

  test('passes for read-only hostPath mounts', () => {
    expect(run('best-practice/writable-host-mount', daemonSet(podSpec({
      volumes: [{ name: 'logs', hostPath: { path: '/var/log' } }],
      containers: [container({ volumeMounts: [{ name: 'logs', mountPath: '/var/log', readOnly: true }] })],
    })))).toEqual([]);
  });
});

describe('best-practice/priority-class', () => {
  test('fails for a DaemonSet without priorityClassName', () => {
    const hits = run('best-practice/priority-class', daemonSet(podSpec({ priorityClassName: undefined })));
    expect(paths(hits)).toEqual([`${BASE}.priorityClassName`]);
  });

  test('passes with one, and is not required of Deployments', () => {
    expect(run('best-practice/priority-class', daemonSet())).toEqual([]);
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: podSpec({ priorityClassName: undefined }) } } };
    expect(run('best-practice/priority-class', d)).toEqual([]);
  });
});

describe('best-practice/run-as-non-root', () => {
  test('fails when root is possible or explicit', () => {
    const hits = run('best-practice/run-as-non-root', daemonSet(podSpec({
      containers: [container(), container({ name: 'root' }, { runAsUser: 0 })],
    }, { runAsNonRoot: undefined, runAsUser: undefined })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].securityContext.runAsNonRoot`, `${BASE}.containers[1].securityContext.runAsUser`]);
    expect(hits[1].message).toContain('runs as root');
  });

  test('passes with runAsNonRoot or a non-zero runAsUser at pod or container level', () => {
    expect(run('best-practice/run-as-non-root', daemonSet())).toEqual([]);
    expect(run('best-practice/run-as-non-root', daemonSet(podSpec({ containers: [container({}, { runAsUser: 1000 })] }, { runAsNonRoot: undefined, runAsUser: undefined })))).toEqual([]);
  });
});

describe('best-practice/user-group-id', () => {
  test('is info and flags low or missing UID and GID', () => {
    const rule = BEST_PRACTICE_RULES.find(r => r.id === 'best-practice/user-group-id')!;
    expect(rule.severity).toBe(Severity.INFO);
    const hits = run('best-practice/user-group-id', daemonSet(podSpec({}, { runAsUser: 1000, runAsGroup: undefined })));
    expect(paths(hits)).toEqual([`${BASE}.containers[0].securityContext.runAsUser`, `${BASE}.containers[0].securityContext.runAsGroup`]);
    expect(hits[0].message).toContain('runAsUser 1000');
    expect(hits[1].message).toContain('sets no runAsGroup');
  });

  test('passes above 10000 (pod or container level)', () => {
    expect(run('best-practice/user-group-id', daemonSet())).toEqual([]);
    expect(run('best-practice/user-group-id', daemonSet(podSpec({ containers: [container({}, { runAsUser: 10001, runAsGroup: 10001 })] }, { runAsUser: 1, runAsGroup: 1 })))).toEqual([]);
  });
});

describe('best-practice/host-namespaces', () => {
  test('is info and reports each host namespace', () => {
    const hits = run('best-practice/host-namespaces', daemonSet(podSpec({ hostNetwork: true, hostPID: true, hostIPC: true })));
    expect(paths(hits)).toEqual([`${BASE}.hostNetwork`, `${BASE}.hostPID`, `${BASE}.hostIPC`]);
    expect(BEST_PRACTICE_RULES.find(r => r.id === 'best-practice/host-namespaces')!.severity).toBe(Severity.INFO);
  });

  test('passes without them', () => {
    expect(run('best-practice/host-namespaces', daemonSet(podSpec({ hostNetwork: false })))).toEqual([]);
  });
});

describe('best-practice/automount-service-account-token', () => {
  const unbound = () => daemonSet(podSpec({ automountServiceAccountToken: undefined, serviceAccountName: 'agent' }));

  test('is info and flags a mounted token no binding uses', () => {
    const hits = run('best-practice/automount-service-account-token', unbound());
    expect(paths(hits)).toEqual([`${BASE}.automountServiceAccountToken`]);
    expect(hits[0].message).toContain("service account 'agent'");
    expect(BEST_PRACTICE_RULES.find(r => r.id === 'best-practice/automount-service-account-token')!.severity).toBe(Severity.INFO);
  });

  test('flags the default service account too', () => {
    const hits = run('best-practice/automount-service-account-token', daemonSet(podSpec({ automountServiceAccountToken: true })));
    expect(hits[0].message).toContain("service account 'default'");
  });

  test('passes when the pod or its ServiceAccount disables the token', () => {
    expect(run('best-practice/automount-service-account-token', daemonSet())).toEqual([]);
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: 'monitoring' }, automountServiceAccountToken: false };
    expect(run('best-practice/automount-service-account-token', sa, unbound())).toEqual([]);
  });

  test('passes when a RoleBinding or ClusterRoleBinding grants the service account access', () => {
    const crb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'agent' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'agent' },
      subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: 'monitoring' }],
    };
    expect(run('best-practice/automount-service-account-token', crb, unbound())).toEqual([]);
    const rb = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'agent', namespace: 'monitoring' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'agent' },
      subjects: [{ kind: 'ServiceAccount', name: 'agent' }],
    };
    expect(run('best-practice/automount-service-account-token', rb, unbound())).toEqual([]);
    const group = { ...rb, subjects: [{ kind: 'Group', name: 'system:serviceaccounts:monitoring' }] };
    expect(run('best-practice/automount-service-account-token', group, unbound())).toEqual([]);
  });
});

describe('best-practice/update-strategy', () => {
  test('is info and flags a DaemonSet without updateStrategy', () => {
    const ds = daemonSet();
    delete ds.spec.updateStrategy;
    const hits = run('best-practice/update-strategy', ds);
    expect(paths(hits)).toEqual(['spec.updateStrategy']);
    expect(hits[0].message).toContain('maxUnavailable 1');
    expect(BEST_PRACTICE_RULES.find(r => r.id === 'best-practice/update-strategy')!.severity).toBe(Severity.INFO);
  });

  test('passes with one', () => {
    expect(run('best-practice/update-strategy', daemonSet(podSpec(), { updateStrategy: { type: 'OnDelete' } }))).toEqual([]);
  });
});

test('rules apply to pod templates of every workload kind', () => {
  const bad = () => podSpec({ containers: [container({}, { privileged: true })] });
  const objects = [
    { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: bad() },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: bad() } } },
    { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { template: { spec: bad() } } },
    { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'r' }, spec: { template: { spec: bad() } } },
    { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: bad() } } },
    { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: bad() } } } } },
  ];
  expect(paths(run('best-practice/no-privileged', ...objects))).toEqual([
    'spec.containers[0].securityContext.privileged',
    ...Array(4).fill(`${BASE}.containers[0].securityContext.privileged`),
    'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
  ]);
});

test('10,000 objects are checked quickly', () => {
  const objects = Array.from({ length: 10_000 }, (_, i) => daemonSet(podSpec({ containers: [container({ name: `c${i}` })] })));
  const start = process.hrtime.bigint();
  for (const rule of BEST_PRACTICE_RULES) rule.check(ctx(objects));
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  // Generous bound for slow CI machines; locally this is well under 200 ms.
  expect(ms).toBeLessThan(2000);
});
