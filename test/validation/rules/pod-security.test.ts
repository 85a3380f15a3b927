import { admits, evaluatePodSecurity, parsePodSecurityLevel, PodSecurityEvaluation, violationsAt } from '../../../src/k8s/pod-security';
import { RuleContext, Severity } from '../../../src/validation/rule';
import { POD_SECURITY_RULES } from '../../../src/validation/rules/pod-security';

type Json = { [key: string]: any };

/** A container that meets the restricted level on its own. */
function container(overrides: Json = {}, securityContext: Json = {}): Json {
  return {
    name: 'app',
    image: 'registry.example.com/app:1.4.2',
    ...overrides,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...securityContext },
  };
}

/** A pod spec that meets the restricted level. */
function pod(overrides: Json = {}, securityContext: Json = {}): Json {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' }, ...securityContext },
    containers: [container()],
    ...overrides,
  };
}

function checks(e: PodSecurityEvaluation): string[] {
  return e.reasons.map(r => `${r.level}:${r.check}@${r.path}`);
}

function ctx(objects: Json[]): RuleContext {
  return { objects, kubernetesVersion: '1.31', expectedNodeCount: 3 };
}

function rule(id: string) {
  const r = POD_SECURITY_RULES.find(x => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

describe('evaluatePodSecurity', () => {
  test('a restricted-compliant pod gives level restricted', () => {
    expect(evaluatePodSecurity(pod())).toEqual({ level: 'restricted', reasons: [] });
  });

  test('a minimal pod gives level baseline, kept out of restricted by the restricted checks', () => {
    const e = evaluatePodSecurity({ containers: [{ name: 'app', image: 'nginx:1.27' }] });
    expect(e.level).toBe('baseline');
    expect(checks(e)).toEqual([
      'restricted:capabilities_restricted@containers[0].securityContext.capabilities.drop',
      'restricted:seccompProfile_restricted@containers[0].securityContext.seccompProfile',
      'restricted:allowPrivilegeEscalation@containers[0].securityContext.allowPrivilegeEscalation',
      'restricted:runAsNonRoot@containers[0].securityContext.runAsNonRoot',
    ]);
  });

  test('init and ephemeral containers are checked too, with their own paths', () => {
    const e = evaluatePodSecurity(pod({
      initContainers: [container({ name: 'init' }, { privileged: true })],
      ephemeralContainers: [container({ name: 'debug' }, { capabilities: { drop: ['ALL'], add: ['SYS_PTRACE'] } })],
    }));
    expect(e.level).toBe('privileged');
    expect(checks(e)).toEqual(expect.arrayContaining([
      'baseline:privileged@initContainers[0].securityContext.privileged',
      'baseline:capabilities_baseline@ephemeralContainers[0].securityContext.capabilities.add[0]',
    ]));
  });

  test('malformed container lists do not throw', () => {
    expect(evaluatePodSecurity({ containers: { name: 'x' } } as Json).level).toBe('restricted');
  });

  // One passing and one failing pod per PSA check.
  const cases: { check: string; level: 'privileged' | 'baseline'; fail: Json; failMeta?: Json; path: string; pass: Json; passMeta?: Json }[] = [
    // baseline checks: failing means the pod needs privileged
    { check: 'hostNamespaces', level: 'privileged', fail: pod({ hostNetwork: true }), path: 'hostNetwork', pass: pod({ hostNetwork: false }) },
    { check: 'hostNamespaces', level: 'privileged', fail: pod({ hostPID: true }), path: 'hostPID', pass: pod({ hostPID: false }) },
    { check: 'hostNamespaces', level: 'privileged', fail: pod({ hostIPC: true }), path: 'hostIPC', pass: pod({ hostIPC: false }) },
    {
      check: 'privileged',
      level: 'privileged',
      fail: pod({ containers: [container({}, { privileged: true })] }),
      path: 'containers[0].securityContext.privileged',
      pass: pod({ containers: [container({}, { privileged: false })] }),
    },
    {
      check: 'capabilities_baseline',
      level: 'privileged',
      fail: pod({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE', 'SYS_ADMIN'] } })] }),
      path: 'containers[0].securityContext.capabilities.add[1]',
      pass: pod({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['CHOWN', 'KILL', 'SETUID'] } })] }),
    },
    {
      check: 'capabilities_baseline',
      level: 'privileged',
      fail: pod({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['NET_RAW'] } })] }),
      path: 'containers[0].securityContext.capabilities.add[0]',
      pass: pod({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['AUDIT_WRITE', 'SYS_CHROOT', 'MKNOD'] } })] }),
    },
    {
      check: 'hostPathVolumes',
      level: 'privileged',
      fail: pod({ volumes: [{ name: 'cfg', configMap: { name: 'x' } }, { name: 'root', hostPath: { path: '/' } }] }),
      path: 'volumes[1].hostPath',
      pass: pod({ volumes: [{ name: 'tmp', emptyDir: {} }] }),
    },
    {
      check: 'hostPorts',
      level: 'privileged',
      fail: pod({ containers: [container({ ports: [{ containerPort: 8080 }, { containerPort: 9100, hostPort: 9100 }] })] }),
      path: 'containers[0].ports[1].hostPort',
      pass: pod({ containers: [container({ ports: [{ containerPort: 9100, hostPort: 0 }] })] }),
    },
    {
      check: 'appArmorProfile',
      level: 'privileged',
      fail: pod({}, { appArmorProfile: { type: 'Unconfined' } }),
      path: 'securityContext.appArmorProfile.type',
      pass: pod({}, { appArmorProfile: { type: 'RuntimeDefault' } }),
    },
    {
      check: 'appArmorProfile',
      level: 'privileged',
      fail: pod({ containers: [container({}, { appArmorProfile: { type: 'Unconfined' } })] }),
      path: 'containers[0].securityContext.appArmorProfile.type',
      pass: pod({ containers: [container({}, { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-agent' } })] }),
    },
    {
      check: 'appArmorProfile',
      level: 'privileged',
      fail: pod(),
      failMeta: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } },
      path: 'metadata.annotations.container.apparmor.security.beta.kubernetes.io/app',
      pass: pod(),
      passMeta: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'localhost/k8s-agent', 'other': 'unconfined' } },
    },
    {
      check: 'seLinuxOptions',
      level: 'privileged',
      fail: pod({}, { seLinuxOptions: { type: 'spc_t' } }),
      path: 'securityContext.seLinuxOptions.type',
      pass: pod({}, { seLinuxOptions: { type: 'container_engine_t', level: 's0:c123,c456' } }),
    },
    {
      check: 'seLinuxOptions',
      level: 'privileged',
      fail: pod({ containers: [container({}, { seLinuxOptions: { user: 'system_u' } })] }),
      path: 'containers[0].securityContext.seLinuxOptions.user',
      pass: pod({ containers: [container({}, { seLinuxOptions: { type: 'container_t', user: '', role: '' } })] }),
    },
    {
      check: 'seLinuxOptions',
      level: 'privileged',
      fail: pod({ containers: [container({}, { seLinuxOptions: { role: 'system_r' } })] }),
      path: 'containers[0].securityContext.seLinuxOptions.role',
      pass: pod({ containers: [container({}, { seLinuxOptions: { type: 'container_kvm_t' } })] }),
    },
    {
      check: 'procMount',
      level: 'privileged',
      fail: pod({ containers: [container({}, { procMount: 'Unmasked' })] }),
      path: 'containers[0].securityContext.procMount',
      pass: pod({ containers: [container({}, { procMount: 'Default' })] }),
    },
    {
      check: 'seccompProfile_baseline',
      level: 'privileged',
      fail: pod({}, { seccompProfile: { type: 'Unconfined' } }),
      path: 'securityContext.seccompProfile.type',
      pass: pod({}, { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/agent.json' } }),
    },
    {
      check: 'seccompProfile_baseline',
      level: 'privileged',
      fail: pod({ containers: [container({}, { seccompProfile: { type: 'Unconfined' } })] }),
      path: 'containers[0].securityContext.seccompProfile.type',
      pass: pod({ containers: [container({}, { seccompProfile: { type: 'RuntimeDefault' } })] }),
    },
    {
      check: 'sysctls',
      level: 'privileged',
      fail: pod({}, { sysctls: [{ name: 'net.ipv4.tcp_syncookies', value: '1' }, { name: 'kernel.msgmax', value: '65536' }] }),
      path: 'securityContext.sysctls[1].name',
      pass: pod({}, { sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }, { name: 'net.ipv4.tcp_keepalive_time', value: '600' }] }),
    },
    {
      check: 'windowsHostProcess',
      level: 'privileged',
      fail: pod({}, { windowsOptions: { hostProcess: true } }),
      path: 'securityContext.windowsOptions.hostProcess',
      pass: pod({}, { windowsOptions: { hostProcess: false } }),
    },
    {
      check: 'windowsHostProcess',
      level: 'privileged',
      fail: pod({ containers: [container({}, { windowsOptions: { hostProcess: true } })] }),
      path: 'containers[0].securityContext.windowsOptions.hostProcess',
      pass: pod({ containers: [container({}, { windowsOptions: { runAsUserName: 'ContainerUser' } })] }),
    },
    {
      check: 'hostProbesAndHostLifecycle',
      level: 'privileged',
      fail: pod({ containers: [container({ readinessProbe: { httpGet: { host: '10.0.0.1', port: 8080, path: '/ready' } } })] }),
      path: 'containers[0].readinessProbe.httpGet.host',
      pass: pod({ containers: [container({ readinessProbe: { httpGet: { host: '', port: 8080, path: '/ready' } } })] }),
    },
    {
      check: 'hostProbesAndHostLifecycle',
      level: 'privileged',
      fail: pod({ containers: [container({ lifecycle: { preStop: { tcpSocket: { host: 'metadata.internal', port: 80 } } } })] }),
      path: 'containers[0].lifecycle.preStop.tcpSocket.host',
      pass: pod({ containers: [container({ livenessProbe: { tcpSocket: { port: 8080 } }, lifecycle: { postStart: { httpGet: { port: 8080 } } } })] }),
    },
    // restricted checks: failing means the pod needs baseline
    {
      check: 'restrictedVolumes',
      level: 'baseline',
      fail: pod({ volumes: [{ name: 'data', nfs: { server: 'nfs.example.com', path: '/exports' } }] }),
      path: 'volumes[0].nfs',
      pass: pod({
        volumes: [
          { name: 'a', configMap: { name: 'a' } }, { name: 'b', secret: { secretName: 'b' } }, { name: 'c', emptyDir: {} },
          { name: 'd', projected: { sources: [] } }, { name: 'e', downwardAPI: { items: [] } }, { name: 'f', persistentVolumeClaim: { claimName: 'f' } },
          { name: 'g', csi: { driver: 'x' } }, { name: 'h', ephemeral: { volumeClaimTemplate: {} } }, { name: 'i', image: { reference: 'r.example.com/data:1' } },
        ],
      }),
    },
    {
      check: 'allowPrivilegeEscalation',
      level: 'baseline',
      fail: pod({ containers: [container({}, { allowPrivilegeEscalation: undefined })] }),
      path: 'containers[0].securityContext.allowPrivilegeEscalation',
      pass: pod({ containers: [container({}, { allowPrivilegeEscalation: false })] }),
    },
    {
      check: 'allowPrivilegeEscalation',
      level: 'baseline',
      fail: pod({ containers: [container({}, { allowPrivilegeEscalation: true })] }),
      path: 'containers[0].securityContext.allowPrivilegeEscalation',
      pass: pod({ os: { name: 'windows' }, containers: [container({}, { allowPrivilegeEscalation: true })] }),
    },
    {
      check: 'runAsNonRoot',
      level: 'baseline',
      fail: pod({}, { runAsNonRoot: false }),
      path: 'securityContext.runAsNonRoot',
      pass: pod({}, { runAsNonRoot: true }),
    },
    {
      check: 'runAsNonRoot',
      level: 'baseline',
      fail: pod({ containers: [container({}, { runAsNonRoot: true }), container({ name: 'sidecar' })] }, { runAsNonRoot: undefined }),
      path: 'containers[1].securityContext.runAsNonRoot',
      pass: pod({ containers: [container({}, { runAsNonRoot: true }), container({ name: 'sidecar' }, { runAsNonRoot: true })] }, { runAsNonRoot: undefined }),
    },
    {
      check: 'runAsNonRoot',
      level: 'baseline',
      fail: pod({ containers: [container({}, { runAsNonRoot: false })] }),
      path: 'containers[0].securityContext.runAsNonRoot',
      pass: pod({ hostUsers: false }, { runAsNonRoot: false }),
    },
    {
      check: 'runAsUser',
      level: 'baseline',
      fail: pod({}, { runAsUser: 0 }),
      path: 'securityContext.runAsUser',
      pass: pod({}, { runAsUser: 1000 }),
    },
    {
      check: 'runAsUser',
      level: 'baseline',
      fail: pod({ containers: [container({}, { runAsUser: 0 })] }),
      path: 'containers[0].securityContext.runAsUser',
      pass: pod({ hostUsers: false, containers: [container({}, { runAsUser: 0 })] }),
    },
    {
      check: 'seccompProfile_restricted',
      level: 'baseline',
      fail: pod({}, { seccompProfile: undefined }),
      path: 'containers[0].securityContext.seccompProfile',
      pass: pod({ containers: [container({}, { seccompProfile: { type: 'Localhost', localhostProfile: 'agent.json' } })] }, { seccompProfile: undefined }),
    },
    {
      check: 'capabilities_restricted',
      level: 'baseline',
      fail: pod({ containers: [container({}, { capabilities: { drop: ['NET_RAW'] } })] }),
      path: 'containers[0].securityContext.capabilities.drop',
      pass: pod({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } })] }),
    },
    {
      check: 'capabilities_restricted',
      level: 'baseline',
      fail: pod({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['CHOWN'] } })] }),
      path: 'containers[0].securityContext.capabilities.add[0]',
      pass: pod({ os: { name: 'windows' }, containers: [container({}, { capabilities: {} })] }),
    },
    {
      check: 'procMount_restricted',
      level: 'baseline',
      fail: pod({ hostUsers: false, containers: [container({}, { procMount: 'Unmasked' })] }),
      path: 'containers[0].securityContext.procMount',
      pass: pod({ hostUsers: false, containers: [container({}, { procMount: 'Default' })] }),
    },
  ];

  test.each(cases)('$check fails at $path (needs $level) and passes otherwise', ({ check, level, fail, failMeta, path, pass, passMeta }) => {
    const failed = evaluatePodSecurity(fail, failMeta);
    expect(failed.level).toBe(level);
    const reason = failed.reasons.find(r => r.check === check && r.path === path);
    expect(reason).toBeDefined();
    expect(reason!.level).toBe(level === 'privileged' ? 'baseline' : 'restricted');
    expect(reason!.message.length).toBeGreaterThan(10);

    const passed = evaluatePodSecurity(pass, passMeta);
    expect(passed.reasons.filter(r => r.check === check)).toEqual([]);
  });

  test('a pod failing a baseline check needs privileged even when restricted checks pass', () => {
    const e = evaluatePodSecurity(pod({ hostPID: true }));
    expect(e).toEqual({
      level: 'privileged',
      reasons: [{ check: 'hostNamespaces', level: 'baseline', path: 'hostPID', message: expect.stringContaining('hostPID=true') }],
    });
  });

  test('an added capability outside the baseline set fails both capability checks', () => {
    const e = evaluatePodSecurity(pod({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['SYS_TIME'] } })] }));
    expect(checks(e)).toEqual([
      'baseline:capabilities_baseline@containers[0].securityContext.capabilities.add[0]',
      'restricted:capabilities_restricted@containers[0].securityContext.capabilities.add[0]',
    ]);
  });

  test('procMount Unmasked with hostUsers: false meets baseline (v1.35 relaxation)', () => {
    const e = evaluatePodSecurity(pod({ hostUsers: false, containers: [container({}, { procMount: 'Unmasked' })] }));
    expect(e.level).toBe('baseline');
    expect(checks(e)).toEqual(['restricted:procMount_restricted@containers[0].securityContext.procMount']);
  });

  test('an invalid pod-level seccomp profile does not cover containers that set none (as in PSA)', () => {
    const e = evaluatePodSecurity(pod({}, { seccompProfile: { type: 'Unconfined' } }));
    expect(checks(e)).toEqual([
      'baseline:seccompProfile_baseline@securityContext.seccompProfile.type',
      'restricted:seccompProfile_restricted@securityContext.seccompProfile.type',
      'restricted:seccompProfile_restricted@containers[0].securityContext.seccompProfile',
    ]);
  });

  test('Windows pods are exempt from the Linux-only restricted checks', () => {
    const e = evaluatePodSecurity({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'mcr.microsoft.com/app:1' }] });
    expect(e).toEqual({ level: 'restricted', reasons: [] });
  });
});

describe('violationsAt', () => {
  const e = evaluatePodSecurity(pod({
    hostNetwork: true,
    volumes: [{ name: 'root', hostPath: { path: '/' } }],
    containers: [container({}, { capabilities: { add: ['SYS_ADMIN'] }, allowPrivilegeEscalation: undefined })],
  }, { seccompProfile: { type: 'Unconfined' } }));

  test('baseline lists only baseline checks', () => {
    expect(violationsAt(e, 'baseline').map(r => r.check)).toEqual(['hostNamespaces', 'hostPathVolumes', 'seccompProfile_baseline', 'capabilities_baseline']);
  });

  test('restricted names the restricted checks that replace baseline ones, as the API server does', () => {
    const ids = violationsAt(e, 'restricted').map(r => r.check);
    expect(ids).toEqual(expect.arrayContaining(['hostNamespaces', 'restrictedVolumes', 'seccompProfile_restricted', 'capabilities_restricted', 'allowPrivilegeEscalation']));
    expect(ids).not.toContain('hostPathVolumes');
    expect(ids).not.toContain('capabilities_baseline');
    expect(ids).not.toContain('seccompProfile_baseline');
  });

  test('privileged has no violations', () => {
    expect(violationsAt(e, 'privileged')).toEqual([]);
  });
});

test('level helpers', () => {
  expect(parsePodSecurityLevel('baseline')).toBe('baseline');
  expect(parsePodSecurityLevel('Baseline')).toBeUndefined();
  expect(parsePodSecurityLevel(undefined)).toBeUndefined();
  expect(admits('baseline', 'restricted')).toBe(true);
  expect(admits('baseline', 'baseline')).toBe(true);
  expect(admits('baseline', 'privileged')).toBe(false);
  expect(admits('privileged', 'privileged')).toBe(true);
});

// ---------------------------------------------------------------------------------------------
// Rules

function namespace(name: string, labels: Json = {}): Json {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

/** A node-exporter-like DaemonSet: host network and PID, the node's filesystems mounted read-only. */
function nodeExporter(ns: string | null = 'monitoring'): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-exporter', ...(ns ? { namespace: ns } : {}) },
    spec: {
      selector: { matchLabels: { app: 'node-exporter' } },
      template: {
        metadata: { labels: { app: 'node-exporter' } },
        spec: {
          hostNetwork: true,
          hostPID: true,
          securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [{
            name: 'node-exporter',
            image: 'quay.io/prometheus/node-exporter:v1.8.2',
            args: ['--path.rootfs=/host/root'],
            ports: [{ name: 'metrics', containerPort: 9100, hostPort: 9100 }],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            volumeMounts: [
              { name: 'proc', mountPath: '/host/proc', readOnly: true },
              { name: 'sys', mountPath: '/host/sys', readOnly: true },
              { name: 'root', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
            ],
          }],
          volumes: [
            { name: 'proc', hostPath: { path: '/proc' } },
            { name: 'sys', hostPath: { path: '/sys' } },
            { name: 'root', hostPath: { path: '/' } },
          ],
        },
      },
    },
  };
}

function restrictedDeployment(ns?: string): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', ...(ns ? { namespace: ns } : {}) },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: pod() } },
  };
}

describe('pod-security/namespace-enforce', () => {
  const r = rule('pod-security/namespace-enforce');

  test('is an error', () => {
    expect(r.severity).toBe(Severity.ERROR);
  });

  test('a node-exporter-like pod in a baseline namespace is rejected, naming hostNamespaces and hostPathVolumes', () => {
    const ds = nodeExporter();
    const hits = r.check(ctx([namespace('monitoring', { 'pod-security.kubernetes.io/enforce': 'baseline' }), ds]));
    expect(hits).toHaveLength(1);
    expect(hits[0].object).toBe(ds);
    expect(hits[0].path).toBe('spec.template.spec');
    const m = hits[0].message;
    expect(m).toContain("namespace 'monitoring' enforces Pod Security level 'baseline' but the pod needs 'privileged'");
    expect(m).toContain('hostNamespaces at spec.template.spec.hostNetwork');
    expect(m).toContain('hostNamespaces at spec.template.spec.hostPID');
    expect(m).toContain('hostPathVolumes at spec.template.spec.volumes[0].hostPath');
    expect(m).toContain('hostPathVolumes at spec.template.spec.volumes[2].hostPath');
    expect(m).toContain('hostPorts at spec.template.spec.containers[0].ports[0].hostPort');
    expect(hits[0].hint).toContain('pod-security.kubernetes.io/enforce=privileged');
  });

  test('the same pod in a privileged namespace passes', () => {
    expect(r.check(ctx([namespace('monitoring', { 'pod-security.kubernetes.io/enforce': 'privileged' }), nodeExporter()]))).toEqual([]);
  });

  test('a restricted pod in a restricted namespace passes', () => {
    expect(r.check(ctx([namespace('web', { 'pod-security.kubernetes.io/enforce': 'restricted' }), restrictedDeployment('web')]))).toEqual([]);
  });

  test('a namespace missing from the input, or without the label, is not checked', () => {
    expect(r.check(ctx([nodeExporter()]))).toEqual([]);
    expect(r.check(ctx([namespace('monitoring', { team: 'obs' }), nodeExporter()]))).toEqual([]);
    expect(r.check(ctx([namespace('monitoring', { 'pod-security.kubernetes.io/enforce': 'strict' }), nodeExporter()]))).toEqual([]);
  });

  test('objects without a namespace belong to default', () => {
    const hits = r.check(ctx([namespace('default', { 'pod-security.kubernetes.io/enforce': 'restricted' }), nodeExporter(null)]));
    expect(hits).toHaveLength(1);
    expect(hits[0].message).toContain("namespace 'default' enforces Pod Security level 'restricted'");
  });

  test('in a restricted namespace, a baseline pod is named by the restricted checks', () => {
    const d = restrictedDeployment('web');
    d.spec.template.spec = { containers: [{ name: 'web', image: 'nginx:1.27', volumeMounts: [] }], volumes: [{ name: 'h', hostPath: { path: '/data' } }] };
    const hits = r.check(ctx([namespace('web', { 'pod-security.kubernetes.io/enforce': 'restricted' }), d]));
    expect(hits).toHaveLength(1);
    expect(hits[0].message).toContain('restrictedVolumes at spec.template.spec.volumes[0].hostPath');
    expect(hits[0].message).toContain('runAsNonRoot at spec.template.spec.containers[0].securityContext.runAsNonRoot');
    expect(hits[0].message).not.toContain('hostPathVolumes');
  });

  test('bare Pods and CronJobs are checked at their own pod spec paths', () => {
    const p = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x' }, spec: pod({ hostIPC: true }) };
    const cj = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'c', namespace: 'x' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: pod({ hostNetwork: true }) } } } },
    };
    const hits = r.check(ctx([namespace('x', { 'pod-security.kubernetes.io/enforce': 'baseline' }), p, cj]));
    expect(hits.map(h => h.path)).toEqual(['spec', 'spec.jobTemplate.spec.template.spec']);
    expect(hits[0].message).toContain('hostNamespaces at spec.hostIPC');
    expect(hits[1].message).toContain('hostNamespaces at spec.jobTemplate.spec.template.spec.hostNetwork');
  });

  test('AppArmor annotation reasons carry the pod template metadata path', () => {
    const d = restrictedDeployment('web');
    d.spec.template.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' };
    const hits = r.check(ctx([namespace('web', { 'pod-security.kubernetes.io/enforce': 'baseline' }), d]));
    expect(hits[0].message).toContain('appArmorProfile at spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/app');
  });
});

describe('pod-security/namespace-warn', () => {
  const r = rule('pod-security/namespace-warn');

  test('is a warning and groups warn and audit labels of the same level', () => {
    expect(r.severity).toBe(Severity.WARNING);
    const d = restrictedDeployment('web');
    d.spec.template.spec = pod({ containers: [container({}, { allowPrivilegeEscalation: true })] });
    const hits = r.check(ctx([
      namespace('web', {
        'pod-security.kubernetes.io/enforce': 'baseline',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      }),
      d,
    ]));
    expect(hits).toHaveLength(1);
    expect(hits[0].path).toBe('spec.template.spec');
    expect(hits[0].message).toContain("namespace 'web' warns (pod-security.kubernetes.io/warn) and audits (pod-security.kubernetes.io/audit) at Pod Security level 'restricted'");
    expect(hits[0].message).toContain('allowPrivilegeEscalation at spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation');
  });

  test('warn and audit at different levels give one finding each', () => {
    const hits = r.check(ctx([
      namespace('monitoring', { 'pod-security.kubernetes.io/warn': 'baseline', 'pod-security.kubernetes.io/audit': 'restricted' }),
      nodeExporter(),
    ]));
    expect(hits.map(h => h.message)).toEqual([
      expect.stringContaining("warns (pod-security.kubernetes.io/warn) at Pod Security level 'baseline'"),
      expect.stringContaining("audits (pod-security.kubernetes.io/audit) at Pod Security level 'restricted'"),
    ]);
  });

  test('a pod that meets the warn level passes', () => {
    expect(r.check(ctx([namespace('web', { 'pod-security.kubernetes.io/warn': 'restricted' }), restrictedDeployment('web')]))).toEqual([]);
  });

  test('no duplicate warning when enforce already rejects at the same or a stricter level', () => {
    expect(r.check(ctx([
      namespace('monitoring', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'baseline' }),
      nodeExporter(),
    ]))).toEqual([]);
  });
});

describe('pod-security/level', () => {
  const r = rule('pod-security/level');

  test('reports the level each workload needs', () => {
    expect(r.severity).toBe(Severity.INFO);
    const ds = nodeExporter();
    const web = restrictedDeployment('web');
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: {} };
    const hits = r.check(ctx([ds, web, svc]));
    expect(hits).toHaveLength(2);
    expect(hits[0].object).toBe(ds);
    expect(hits[0].message).toBe(
      "the pod needs Pod Security level 'privileged': baseline is forbidden by hostNamespaces, hostPathVolumes, hostPorts; "
      + 'restricted is also forbidden by restrictedVolumes');
    expect(hits[1]).toEqual({ object: web, path: 'spec.template.spec', message: 'the pod meets the restricted Pod Security level' });
  });

  test('check ids are named once even when several containers fail them', () => {
    const d = restrictedDeployment();
    d.spec.template.spec = { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }], initContainers: [{ name: 'i', image: 'i:1' }] };
    expect(r.check(ctx([d]))[0].message).toBe(
      "the pod needs Pod Security level 'baseline': restricted is forbidden by capabilities_restricted, seccompProfile_restricted, allowPrivilegeEscalation, runAsNonRoot");
  });

  test('a baseline pod names the restricted checks', () => {
    const d = restrictedDeployment();
    d.spec.template.spec = pod({}, { runAsUser: 0 });
    const hits = r.check(ctx([d]));
    expect(hits[0].message).toBe("the pod needs Pod Security level 'baseline': restricted is forbidden by runAsUser");
  });
});
