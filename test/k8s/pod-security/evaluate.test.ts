import { container, pod } from './restricted-pod';
import { admits, evaluatePodSecurity, parsePodSecurityLevel, PodSecurityEvaluation, violationsAt } from '../../../src/k8s/pod-security';

type Json = { [key: string]: any };

function checks(e: PodSecurityEvaluation): string[] {
  return e.reasons.map(r => `${r.level}:${r.check}@${r.path}`);
}

describe('evaluatePodSecurity', () => {
  test('a restricted-compliant pod gives level restricted', () => {
    expect(evaluatePodSecurity(pod())).toEqual({ level: 'restricted', reasons: [], policyVersion: 'v1.37' });
  });

  test('a minimal pod gives level baseline, kept out of restricted by the restricted checks (in the API server\'s order)', () => {
    const e = evaluatePodSecurity({ containers: [{ name: 'app', image: 'nginx:1.27' }] });
    expect(e.level).toBe('baseline');
    expect(checks(e)).toEqual([
      'restricted:allowPrivilegeEscalation@containers[0].securityContext.allowPrivilegeEscalation',
      'restricted:capabilities_restricted@containers[0].securityContext.capabilities.drop',
      'restricted:runAsNonRoot@containers[0].securityContext.runAsNonRoot',
      'restricted:seccompProfile_restricted@containers[0].securityContext.seccompProfile',
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
      policyVersion: 'v1.37',
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
    expect(e).toEqual({ level: 'restricted', reasons: [], policyVersion: 'v1.37' });
  });
});

describe('violationsAt', () => {
  const e = evaluatePodSecurity(pod({
    hostNetwork: true,
    volumes: [{ name: 'root', hostPath: { path: '/' } }],
    containers: [container({}, { capabilities: { add: ['SYS_ADMIN'] }, allowPrivilegeEscalation: undefined })],
  }, { seccompProfile: { type: 'Unconfined' } }));

  test('baseline lists only baseline checks', () => {
    expect(violationsAt(e, 'baseline').map(r => r.check)).toEqual(['capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'seccompProfile_baseline']);
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

/** The check ids that keep the pod out of `level` at policy `version`. */
function failing(spec: Json, level: 'baseline' | 'restricted', version: string, metadata?: Json): string[] {
  return [...new Set(violationsAt(evaluatePodSecurity(spec, metadata, { version }), level).map(r => r.check))];
}

describe('policy versions: each check as upstream defines it at each version', () => {
  const minimal = (overrides: Json = {}) => ({ containers: [{ name: 'app', image: 'app:1' }], ...overrides });

  test('seccomp: the alpha annotations until v1.18, the fields from v1.19', () => {
    const annotated = { annotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } };
    expect(failing(minimal(), 'baseline', 'v1.18', annotated)).toEqual(['seccompProfile_baseline']);
    expect(failing(minimal(), 'baseline', 'v1.19', annotated)).toEqual([]);
    const field = minimal({ securityContext: { seccompProfile: { type: 'Unconfined' } } });
    expect(failing(field, 'baseline', 'v1.18')).toEqual([]);
    expect(failing(field, 'baseline', 'v1.19')).toEqual(['seccompProfile_baseline']);
  });

  test('seccomp annotations: docker/default and localhost/* pass, empty fails, and a container annotation counts only for a container of the pod', () => {
    const ann = (annotations: Json) => failing(minimal(), 'baseline', 'v1.10', { annotations });
    expect(ann({ 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default' })).toEqual([]);
    expect(ann({ 'container.seccomp.security.alpha.kubernetes.io/app': 'localhost/agent.json' })).toEqual([]);
    expect(ann({ 'container.seccomp.security.alpha.kubernetes.io/app': '' })).toEqual(['seccompProfile_baseline']);
    expect(ann({ 'container.seccomp.security.alpha.kubernetes.io/other': 'unconfined' })).toEqual([]);
    const [reason] = evaluatePodSecurity(minimal(), { annotations: { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' } }, { version: 'v1.10' }).reasons;
    expect(reason.path).toBe('metadata.annotations.container.seccomp.security.alpha.kubernetes.io/app');
  });

  test('restricted grows: allowPrivilegeEscalation from v1.8, seccomp from v1.19, capabilities from v1.22, runAsUser from v1.23', () => {
    const spec = minimal({ securityContext: { runAsUser: 0 } });
    expect(failing(spec, 'restricted', 'v1.7')).toEqual(['runAsNonRoot']);
    expect(failing(spec, 'restricted', 'v1.8')).toEqual(['allowPrivilegeEscalation', 'runAsNonRoot']);
    expect(failing(spec, 'restricted', 'v1.19')).toEqual(['allowPrivilegeEscalation', 'runAsNonRoot', 'seccompProfile_restricted']);
    expect(failing(spec, 'restricted', 'v1.22')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'seccompProfile_restricted']);
    expect(failing(spec, 'restricted', 'v1.23')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted']);
  });

  test('before v1.22 a restricted pod may add baseline capabilities; from v1.22 only NET_BIND_SERVICE', () => {
    const spec = pod({ containers: [container({}, { capabilities: { drop: ['ALL'], add: ['CHOWN'] } })] });
    expect(failing(spec, 'restricted', 'v1.21')).toEqual([]);
    expect(failing(spec, 'restricted', 'v1.22')).toEqual(['capabilities_restricted']);
    const sysAdmin = pod({ containers: [container({}, { capabilities: { add: ['SYS_ADMIN'] } })] });
    expect(failing(sysAdmin, 'restricted', 'v1.21')).toEqual(['capabilities_baseline']);
  });

  test('Windows pods are exempt from the restricted seccomp, capabilities and privilege escalation checks from v1.25 only', () => {
    const windows = { os: { name: 'windows' }, securityContext: { runAsNonRoot: true }, containers: [{ name: 'app', image: 'app:1' }] };
    expect(failing(windows, 'restricted', 'v1.24')).toEqual(['allowPrivilegeEscalation', 'capabilities_restricted', 'seccompProfile_restricted']);
    expect(failing(windows, 'restricted', 'v1.25')).toEqual([]);
  });

  test('probe and lifecycle hosts are checked from v1.34', () => {
    const spec = pod({ containers: [container({ livenessProbe: { httpGet: { host: '169.254.169.254', port: 80 } } })] });
    expect(failing(spec, 'baseline', 'v1.33')).toEqual([]);
    expect(failing(spec, 'baseline', 'v1.34')).toEqual(['hostProbesAndHostLifecycle']);
  });

  test('user namespaces (hostUsers: false) relax runAsNonRoot, runAsUser and baseline procMount from v1.35 only', () => {
    const spec = pod({ hostUsers: false, containers: [container({}, { procMount: 'Unmasked', runAsUser: 0 })] }, { runAsNonRoot: false });
    expect(failing(spec, 'baseline', 'v1.34')).toEqual(['procMount']);
    expect(failing(spec, 'baseline', 'v1.35')).toEqual([]);
    expect(failing(spec, 'restricted', 'v1.34')).toEqual(['procMount', 'runAsNonRoot', 'runAsUser']);
    expect(failing(spec, 'restricted', 'v1.35')).toEqual(['procMount_restricted']);
  });

  test.each([
    ['net.ipv4.ip_local_reserved_ports', 'v1.26', 'v1.27'],
    ['net.ipv4.tcp_keepalive_time', 'v1.28', 'v1.29'],
    ['net.ipv4.tcp_rmem', 'v1.31', 'v1.32'],
    ['net.ipv4.tcp_slow_start_after_idle', 'v1.36', 'v1.37'],
    ['net.ipv4.tcp_notsent_lowat', 'v1.36', 'v1.37'],
  ])('sysctl %s is safe from %s on', (name, before, since) => {
    const spec = pod({}, { sysctls: [{ name, value: '1' }] });
    expect(failing(spec, 'baseline', before)).toEqual(['sysctls']);
    expect(failing(spec, 'baseline', since)).toEqual([]);
  });

  test('SELinux type container_engine_t is allowed from v1.31', () => {
    const spec = pod({}, { seLinuxOptions: { type: 'container_engine_t' } });
    expect(failing(spec, 'baseline', 'v1.30')).toEqual(['seLinuxOptions']);
    expect(failing(spec, 'baseline', 'v1.31')).toEqual([]);
  });

  test('restricted names the check a version runs: procMount before v1.35, procMount_restricted after', () => {
    const spec = pod({ containers: [container({}, { procMount: 'Unmasked' })] });
    expect(failing(spec, 'restricted', 'v1.34')).toEqual(['procMount']);
    expect(failing(spec, 'restricted', 'v1.35')).toEqual(['procMount_restricted']);
  });
});

describe('which policy version is evaluated', () => {
  const spec = pod({}, { sysctls: [{ name: 'net.ipv4.tcp_notsent_lowat', value: '1' }] });

  test('latest is the newest policy of the Kubernetes version, and the newest known without one', () => {
    expect(evaluatePodSecurity(spec).policyVersion).toBe('v1.37');
    expect(evaluatePodSecurity(spec, {}, { kubernetesVersion: '1.31' }).policyVersion).toBe('v1.31');
    expect(evaluatePodSecurity(spec, {}, { version: 'latest', kubernetesVersion: '1.37' }).level).toBe('restricted');
    expect(evaluatePodSecurity(spec, {}, { version: 'latest', kubernetesVersion: '1.36' }).level).toBe('privileged');
    expect(evaluatePodSecurity(spec, {}, { kubernetesVersion: '1.40' }).policyVersion).toBe('v1.37');
  });

  test('a version newer than the Kubernetes version is evaluated at the newest that version knows', () => {
    expect(evaluatePodSecurity(spec, {}, { version: 'v1.37', kubernetesVersion: '1.33' }).policyVersion).toBe('v1.33');
    expect(evaluatePodSecurity(spec, {}, { version: 'v1.99' }).policyVersion).toBe('v1.37');
    expect(evaluatePodSecurity(spec, {}, { version: 'v1.20', kubernetesVersion: '1.33' }).policyVersion).toBe('v1.20');
  });

  test('an invalid version is read as latest, as the API server does', () => {
    expect(evaluatePodSecurity(spec, {}, { version: 'v1.031', kubernetesVersion: '1.30' }).policyVersion).toBe('v1.30');
    expect(evaluatePodSecurity(spec, {}, { version: '1.20' }).policyVersion).toBe('v1.37');
  });

  test('violationsAt reads the overrides of the evaluation\'s own version', () => {
    const hostPath = pod({ volumes: [{ name: 'h', hostPath: { path: '/var/log' } }] });
    for (const version of ['v1.0', 'v1.20', 'v1.37']) {
      expect(failing(hostPath, 'restricted', version)).toEqual(['restrictedVolumes']);
      expect(failing(hostPath, 'baseline', version)).toEqual(['hostPathVolumes']);
    }
  });
});
