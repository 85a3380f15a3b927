import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, SeccompProfile } from '../src';
import { normalizeCapabilities } from '../src/security';

const IMAGE = 'registry.example.com/agent:1.4.2';

function podSpec(chart: ReturnType<typeof Testing.chart>) {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec.template.spec;
}

test('seccomp profile factories', () => {
  expect(SeccompProfile.runtimeDefault()).toMatchObject({ type: 'RuntimeDefault', localhostProfile: undefined });
  expect(SeccompProfile.unconfined()).toMatchObject({ type: 'Unconfined', localhostProfile: undefined });
  expect(SeccompProfile.localhost('profiles/agent.json')).toMatchObject({ type: 'Localhost', localhostProfile: 'profiles/agent.json' });
});

test('SeccompProfile.localhost rejects an empty path', () => {
  expect(() => SeccompProfile.localhost('')).toThrow(/SeccompProfile\.localhost: '' must be a relative path under the kubelet's seccomp directory/);
});

test('defaults: RuntimeDefault seccomp, ALL capabilities dropped, no privilege escalation', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  expect(ds.seccompProfile.type).toBe('RuntimeDefault');
  expect(ds.hostPid).toBe(false);
  expect(ds.hostIpc).toBe(false);

  const spec = podSpec(chart);
  expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  expect(spec.containers[0].securityContext).toEqual({
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
  });
  expect(spec).not.toHaveProperty('hostPID');
  expect(spec).not.toHaveProperty('hostIPC');
  expect(spec.automountServiceAccountToken).toBe(false);
});

test('unconfined and localhost seccomp profiles are rendered', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'unconfined', { seccompProfile: SeccompProfile.unconfined(), containers: [{ name: 'agent', image: IMAGE }] });
  new DaemonSet(chart, 'localhost', { seccompProfile: SeccompProfile.localhost('profiles/agent.json'), containers: [{ name: 'agent', image: IMAGE }] });
  const [unconfined, localhost] = Testing.synth(chart);
  expect(unconfined.spec.template.spec.securityContext.seccompProfile).toEqual({ type: 'Unconfined' });
  expect(localhost.spec.template.spec.securityContext.seccompProfile).toEqual({ type: 'Localhost', localhostProfile: 'profiles/agent.json' });
});

test('seccomp profile is kept next to the pod security context props', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    securityContext: { user: 65534, group: 65534, fsGroup: 65534, ensureNonRoot: true },
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(podSpec(chart).securityContext).toEqual({
    fsGroup: 65534,
    fsGroupChangePolicy: 'Always',
    runAsGroup: 65534,
    runAsNonRoot: true,
    runAsUser: 65534,
    seccompProfile: { type: 'RuntimeDefault' },
  });
});

test('capabilities are added by name, with the CAP_ prefix stripped', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, capabilities: { add: ['NET_ADMIN', 'CAP_SYS_TIME'] } }],
  });
  expect(podSpec(chart).containers[0].securityContext.capabilities).toEqual({ add: ['NET_ADMIN', 'SYS_TIME'], drop: ['ALL'] });
});

test('cdk8s-plus Capability enum values (CAP_ prefixed) are normalized', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: IMAGE,
      securityContext: { capabilities: { add: [kplus.Capability.NET_BIND_SERVICE], drop: [kplus.Capability.NET_RAW] } },
    }],
  });
  expect(podSpec(chart).containers[0].securityContext.capabilities).toEqual({ add: ['NET_BIND_SERVICE'], drop: ['NET_RAW'] });
});

test('an explicit drop list replaces the default ALL', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, capabilities: { drop: ['NET_RAW', 'MKNOD'] } }],
  });
  expect(podSpec(chart).containers[0].securityContext.capabilities).toEqual({ drop: ['NET_RAW', 'MKNOD'] });
});

test('an empty drop list emits no capabilities', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, capabilities: { drop: [] } }],
  });
  expect(podSpec(chart).containers[0].securityContext).not.toHaveProperty('capabilities');
});

test('privileged containers keep their capabilities and allow privilege escalation', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, securityContext: { privileged: true, ensureNonRoot: false } }],
  });
  const sc = podSpec(chart).containers[0].securityContext;
  expect(sc.privileged).toBe(true);
  expect(sc.allowPrivilegeEscalation).toBe(true);
  expect(sc).not.toHaveProperty('capabilities');
});

test('allowPrivilegeEscalation can be set explicitly on an unprivileged container', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: IMAGE, securityContext: { allowPrivilegeEscalation: true, readOnlyRootFilesystem: false, user: 0, ensureNonRoot: false } }],
  });
  const sc = podSpec(chart).containers[0].securityContext;
  expect(sc.allowPrivilegeEscalation).toBe(true);
  expect(sc.readOnlyRootFilesystem).toBe(false);
  expect(sc.runAsUser).toBe(0);
  expect(sc.capabilities).toEqual({ drop: ['ALL'] });
});

test('hostPid and hostIpc are rendered with the Kubernetes field names', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { hostPid: true, hostIpc: true, containers: [{ name: 'agent', image: IMAGE }] });
  expect(ds.hostPid).toBe(true);
  expect(ds.hostIpc).toBe(true);
  const spec = podSpec(chart);
  expect(spec.hostPID).toBe(true);
  expect(spec.hostIPC).toBe(true);
});

test('hostPid false is emitted when given', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { hostPid: false, containers: [{ name: 'agent', image: IMAGE }] });
  expect(podSpec(chart).hostPID).toBe(false);
});

test('a service account turns on the token mount by default', () => {
  const chart = Testing.chart();
  const sa = kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'agent');
  new DaemonSet(chart, 'ds', { serviceAccount: sa, containers: [{ name: 'agent', image: IMAGE }] });
  const spec = podSpec(chart);
  expect(spec.serviceAccountName).toBe('agent');
  expect(spec.automountServiceAccountToken).toBe(true);
});

test('normalizeCapabilities strips CAP_ and names the offender', () => {
  expect(normalizeCapabilities(['CAP_NET_ADMIN', 'SYS_PTRACE', 'ALL'], 'where', 'capabilities.add')).toEqual(['NET_ADMIN', 'SYS_PTRACE', 'ALL']);
  expect(normalizeCapabilities([], 'where', 'capabilities.add')).toEqual([]);
  expect(() => normalizeCapabilities(['CAP_'], "DaemonSet 'x'", 'capabilities.drop'))
    .toThrow("DaemonSet 'x': capability 'CAP_' in capabilities.drop is not a capability name; use upper-case names such as 'NET_ADMIN', 'SYS_TIME' or 'ALL'.");
  expect(() => normalizeCapabilities(['1NET'], 'where', 'capabilities.add')).toThrow(/capability '1NET' in capabilities\.add is not a capability name/);
});

test('snapshot: a privileged eBPF agent next to a locked-down sidecar', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'ebpf-agent' },
    hostPid: true,
    seccompProfile: SeccompProfile.unconfined(),
    containers: [
      { name: 'agent', image: IMAGE, securityContext: { privileged: true, ensureNonRoot: false } },
      { name: 'sidecar', image: 'registry.example.com/sidecar:0.3.0', capabilities: { add: ['NET_BIND_SERVICE'] } },
    ],
  });
  expect(Testing.synth(chart)).toMatchSnapshot();
});

describe('rejects bad SeccompProfile input', () => {
  test('SeccompProfile.localhost with an absolute path is rejected', () => {
    expect(() => SeccompProfile.localhost('/var/lib/kubelet/seccomp/agent.json'))
      .toThrow(/SeccompProfile\.localhost: '\/var\/lib\/kubelet\/seccomp\/agent\.json' must be a relative path under the kubelet's seccomp directory/);
  });

  test('SeccompProfile.localhost escaping with .. is rejected', () => {
    expect(() => SeccompProfile.localhost('profiles/../../etc/agent.json'))
      .toThrow(/SeccompProfile\.localhost: 'profiles\/\.\.\/\.\.\/etc\/agent\.json' must be a relative path .*without '\.\.'/);
  });
});
