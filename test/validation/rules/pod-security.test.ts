import { RuleContext, Severity } from '../../../src/validation/rule';
import { POD_SECURITY_RULES } from '../../../src/validation/rules/pod-security';
import { container, pod } from '../../k8s/pod-security/restricted-pod';

type Json = { [key: string]: any };

function ctx(objects: Json[]): RuleContext {
  return { objects, kubernetesVersion: '1.31', expectedNodeCount: 3 };
}

function rule(id: string) {
  const r = POD_SECURITY_RULES.find(x => x.id === id);
  if (!r) throw new Error(`no rule ${id}`);
  return r;
}

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
    expect(m).toContain("namespace 'monitoring' enforces Pod Security level 'baseline' (policy latest = v1.31 on Kubernetes 1.31) but the pod needs 'privileged'");
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
  });

  test('an invalid enforce level is read as restricted, as the API server does for a namespace that carries it', () => {
    const hits = r.check(ctx([namespace('monitoring', { 'pod-security.kubernetes.io/enforce': 'strict' }), restrictedDeployment('monitoring')]));
    expect(hits).toEqual([]);
    const [hit] = r.check(ctx([namespace('monitoring', { 'pod-security.kubernetes.io/enforce': 'strict' }), nodeExporter()]));
    expect(hit.message).toContain("enforces Pod Security level 'restricted' (policy latest = v1.31 on Kubernetes 1.31; pod-security.kubernetes.io/enforce is invalid, read as restricted)");
  });

  test('objects without a namespace belong to default', () => {
    const hits = r.check(ctx([namespace('default', { 'pod-security.kubernetes.io/enforce': 'restricted' }), nodeExporter(null)]));
    expect(hits).toHaveLength(1);
    expect(hits[0].message).toContain("namespace 'default' enforces Pod Security level 'restricted' (policy latest");
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
      "the pod needs Pod Security level 'privileged' (policy latest = v1.31 on Kubernetes 1.31): baseline is forbidden by hostNamespaces, hostPathVolumes, hostPorts; "
      + 'restricted is also forbidden by restrictedVolumes');
    expect(hits[1]).toEqual({
      object: web, path: 'spec.template.spec', message: 'the pod meets the restricted Pod Security level (policy latest = v1.31 on Kubernetes 1.31)',
    });
  });

  test('check ids are named once even when several containers fail them', () => {
    const d = restrictedDeployment();
    d.spec.template.spec = { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }], initContainers: [{ name: 'i', image: 'i:1' }] };
    expect(r.check(ctx([d]))[0].message).toBe("the pod needs Pod Security level 'baseline' (policy latest = v1.31 on Kubernetes 1.31): "
      + 'restricted is forbidden by allowPrivilegeEscalation, capabilities_restricted, runAsNonRoot, seccompProfile_restricted');
  });

  test('a baseline pod names the restricted checks', () => {
    const d = restrictedDeployment();
    d.spec.template.spec = pod({}, { runAsUser: 0 });
    const hits = r.check(ctx([d]));
    expect(hits[0].message).toBe("the pod needs Pod Security level 'baseline' (policy latest = v1.31 on Kubernetes 1.31): restricted is forbidden by runAsUser");
  });
});

describe('policy versions', () => {
  const enforce = rule('pod-security/namespace-enforce');
  const warn = rule('pod-security/namespace-warn');
  const level = rule('pod-security/level');
  const at = (objects: Json[], kubernetesVersion: string): RuleContext => ({ objects, kubernetesVersion, expectedNodeCount: 3 });

  /** A restricted Deployment whose container probes another host (baseline forbids it from policy v1.34). */
  function probesHost(ns: string): Json {
    const d = restrictedDeployment(ns);
    d.spec.template.spec.containers[0].readinessProbe = { httpGet: { host: '10.0.0.1', port: 8080 } };
    return d;
  }
  const newSysctl = (ns: string) => {
    const d = restrictedDeployment(ns);
    d.spec.template.spec.securityContext.sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }];
    return d;
  };

  test('enforce-version pins the policy: v1.33 admits a probe host, v1.34 rejects it and the message names the version', () => {
    const labels = (version: string) => ({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': version });
    expect(enforce.check(at([namespace('web', labels('v1.33')), probesHost('web')], '1.37'))).toEqual([]);
    const [hit] = enforce.check(at([namespace('web', labels('v1.34')), probesHost('web')], '1.37'));
    expect(hit.message).toContain("enforces Pod Security level 'baseline' (policy v1.34) but the pod needs 'privileged'");
    expect(hit.message).toContain('hostProbesAndHostLifecycle at spec.template.spec.containers[0].readinessProbe.httpGet.host');
  });

  test('latest follows the validator\'s Kubernetes version', () => {
    const ns = namespace('web', { 'pod-security.kubernetes.io/enforce': 'baseline' });
    const [hit] = enforce.check(at([ns, newSysctl('web')], '1.36'));
    expect(hit.message).toContain('(policy latest = v1.36 on Kubernetes 1.36)');
    expect(hit.message).toContain('sysctls at spec.template.spec.securityContext.sysctls[0].name');
    expect(hit.hint).toContain('sysctls: only the safe sysctls');
    expect(hit.hint).not.toContain('tcp_notsent_lowat');
    expect(enforce.check(at([ns, newSysctl('web')], '1.37'))).toEqual([]);
  });

  test('a version newer than the Kubernetes version is evaluated as the newest that version knows', () => {
    const ns = namespace('web', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.37' });
    const [hit] = enforce.check(at([ns, newSysctl('web')], '1.31'));
    expect(hit.message).toContain('(policy v1.37, read as v1.31 by Kubernetes 1.31)');
  });

  test('user namespaces: runAsNonRoot=false is rejected by restricted v1.34 and admitted from v1.35', () => {
    const d = restrictedDeployment('web');
    d.spec.template.spec.hostUsers = false;
    d.spec.template.spec.securityContext.runAsNonRoot = false;
    const labels = (version: string) => ({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': version });
    expect(enforce.check(at([namespace('web', labels('v1.34')), d], '1.37')).map(h => h.message)).toEqual([expect.stringContaining('runAsNonRoot at')]);
    expect(enforce.check(at([namespace('web', labels('latest')), d], '1.37'))).toEqual([]);
  });

  test('warn-version: a warning at an older pinned version while enforce admits at latest', () => {
    const ns = namespace('web', {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'baseline',
      'pod-security.kubernetes.io/warn-version': 'v1.36',
    });
    expect(enforce.check(at([ns, newSysctl('web')], '1.37'))).toEqual([]);
    const hits = warn.check(at([ns, newSysctl('web')], '1.37'));
    expect(hits.map(h => h.message)).toEqual([
      expect.stringContaining("warns (pod-security.kubernetes.io/warn) at Pod Security level 'baseline' (policy v1.36) but the pod needs 'privileged'"),
    ]);
  });

  test('warn and audit at the same level but different versions give one finding each', () => {
    const ns = namespace('web', {
      'pod-security.kubernetes.io/warn': 'baseline',
      'pod-security.kubernetes.io/warn-version': 'v1.36',
      'pod-security.kubernetes.io/audit': 'baseline',
      'pod-security.kubernetes.io/audit-version': 'v1.35',
    });
    expect(warn.check(at([ns, newSysctl('web')], '1.37')).map(h => h.message)).toEqual([
      expect.stringContaining('(policy v1.36)'), expect.stringContaining('(policy v1.35)'),
    ]);
  });

  test('warn without a level label follows enforce, at its own version', () => {
    const ns = namespace('web', {
      'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn-version': 'v1.33',
    });
    expect(warn.check(at([ns, probesHost('web')], '1.33'))).toEqual([]);
    const hits = warn.check(at([ns, newSysctl('web')], '1.37'));
    expect(hits.map(h => h.message)).toEqual([expect.stringContaining("warns (pod-security.kubernetes.io/enforce) at Pod Security level 'baseline' (policy v1.33)")]);
  });

  test('the level rule reports the level at the namespace\'s enforce-version', () => {
    const ns = namespace('web', { 'pod-security.kubernetes.io/enforce-version': 'v1.33' });
    const [pinned] = level.check(at([ns, probesHost('web')], '1.37'));
    expect(pinned.message).toBe('the pod meets the restricted Pod Security level (policy v1.33)');
    const [latest] = level.check(at([probesHost('web')], '1.37'));
    expect(latest.message).toBe("the pod needs Pod Security level 'privileged' (policy latest = v1.37 on Kubernetes 1.37): baseline is forbidden by hostProbesAndHostLifecycle");
  });
});

describe('pod-security/namespace-labels', () => {
  const r = rule('pod-security/namespace-labels');

  test('is an error on the Namespace naming the label, its value and the fallback', () => {
    expect(r.severity).toBe(Severity.ERROR);
    const ns = namespace('web', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.24.3' });
    const hits = r.check(ctx([ns]));
    expect(hits).toEqual([{
      object: ns,
      path: 'metadata.labels.pod-security.kubernetes.io/enforce-version',
      message: 'label pod-security.kubernetes.io/enforce-version=v1.24.3 must be "latest" or "v1.x", so the API server rejects the Namespace '
        + '(a namespace that already carries it is evaluated as latest)',
      hint: expect.stringContaining('v1.31'),
    }]);
  });

  test('every invalid level and version label is reported; valid ones are not', () => {
    const ns = namespace('web', {
      'pod-security.kubernetes.io/enforce': 'strict',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'v1.030',
      'pod-security.kubernetes.io/audit': 'Restricted',
      'pod-security.kubernetes.io/audit-version': 'latest',
    });
    expect(r.check(ctx([ns])).map(h => h.path)).toEqual([
      'metadata.labels.pod-security.kubernetes.io/enforce',
      'metadata.labels.pod-security.kubernetes.io/audit',
      'metadata.labels.pod-security.kubernetes.io/warn-version',
    ]);
    expect(r.check(ctx([namespace('ok', { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'v1.0' })]))).toEqual([]);
  });

  test('pods of a namespace with an invalid version are evaluated at latest, and the enforce finding says so', () => {
    const ns = namespace('monitoring', { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.x' });
    const [hit] = rule('pod-security/namespace-enforce').check(ctx([ns, nodeExporter()]));
    expect(hit.message).toContain('(policy latest = v1.31 on Kubernetes 1.31; pod-security.kubernetes.io/enforce-version is invalid, read as latest)');
  });
});
