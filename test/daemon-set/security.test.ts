import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, synthPodSpec } from './synth';
import { DaemonSet, SeccompProfile } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: security.

test('defaults drop ALL capabilities, forbid escalation, and set RuntimeDefault seccomp at pod level', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'agent').securityContext).toEqual({
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
  });
  expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  expect(spec.hostPID ?? false).toBe(false);
  expect(spec.hostIPC ?? false).toBe(false);
});

test('a privileged container allows privilege escalation and drops nothing', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'cni', image: 'registry.example.com/cni:1.0', securityContext: { privileged: true, ensureNonRoot: false, user: 0 } }],
  });
  const sc = containerNamed(synthPodSpec(chart), 'cni').securityContext;
  expect(sc.privileged).toBe(true);
  expect(sc.allowPrivilegeEscalation).toBe(true);
  expect(sc.capabilities).toBeUndefined();
  expect(sc.runAsNonRoot).toBe(false);
  expect(sc.runAsUser).toEqual(0);
});

test('runAsUser, runAsGroup, runAsNonRoot and readOnlyRootFilesystem on containers and pod', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    securityContext: { user: 65534, group: 65534, fsGroup: 2000, ensureNonRoot: true },
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', securityContext: { user: 1000, group: 3000, ensureNonRoot: true, readOnlyRootFilesystem: true } },
      { name: 'writer', image: 'registry.example.com/writer:1.0', securityContext: { readOnlyRootFilesystem: false, allowPrivilegeEscalation: false } },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(spec.securityContext).toEqual({
    runAsUser: 65534,
    runAsGroup: 65534,
    fsGroup: 2000,
    fsGroupChangePolicy: 'Always',
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(containerNamed(spec, 'agent').securityContext).toEqual({
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup: 3000,
    runAsNonRoot: true,
    runAsUser: 1000,
  });
  const writer = containerNamed(spec, 'writer').securityContext;
  expect(writer.readOnlyRootFilesystem).toBe(false);
  expect(writer.allowPrivilegeEscalation).toBe(false);
});

test('capabilities add/drop are emitted without the CAP_ prefix', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'ntp', image: 'registry.example.com/ntp:1.0', capabilities: { add: ['SYS_TIME', 'CAP_NET_BIND_SERVICE'], drop: ['ALL'] } },
      { name: 'keep-some', image: 'registry.example.com/agent:1.4.2', capabilities: { drop: ['NET_RAW', 'CAP_MKNOD'] } },
      { name: 'add-only', image: 'registry.example.com/agent:1.4.2', capabilities: { add: ['NET_ADMIN'] } },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'ntp').securityContext.capabilities).toEqual({ add: ['SYS_TIME', 'NET_BIND_SERVICE'], drop: ['ALL'] });
  expect(containerNamed(spec, 'keep-some').securityContext.capabilities).toEqual({ drop: ['NET_RAW', 'MKNOD'] });
  expect(containerNamed(spec, 'add-only').securityContext.capabilities).toEqual({ add: ['NET_ADMIN'], drop: ['ALL'] });
});

test('cdk8s-plus securityContext.capabilities (kplus.Capability) are emitted without the CAP_ prefix', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'net', image: 'registry.example.com/net:1.0', securityContext: { capabilities: { add: [kplus.Capability.NET_ADMIN, kplus.Capability.NET_RAW] } } },
      { name: 'both', image: 'registry.example.com/net:1.0', securityContext: { capabilities: { add: [kplus.Capability.SYS_PTRACE], drop: [kplus.Capability.MKNOD] } } },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'net').securityContext.capabilities).toEqual({ add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] });
  expect(containerNamed(spec, 'both').securityContext.capabilities).toEqual({ add: ['SYS_PTRACE'], drop: ['MKNOD'] });
});

test('seccompProfile Localhost and Unconfined at pod level', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    seccompProfile: SeccompProfile.localhost('profiles/agent.json'),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthPodSpec(chart).securityContext.seccompProfile).toEqual({ type: 'Localhost', localhostProfile: 'profiles/agent.json' });

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', {
    seccompProfile: SeccompProfile.unconfined(),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthPodSpec(chart2).securityContext.seccompProfile).toEqual({ type: 'Unconfined' });
});

test('hostPid and hostIpc', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    hostPid: true,
    hostIpc: true,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.hostPID).toBe(true);
  expect(spec.hostIPC).toBe(true);
  expect(ds.hostPid).toBe(true);
  expect(ds.hostIpc).toBe(true);
});

test('service account token is not mounted by default, and is mounted when a serviceAccount is given', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthPodSpec(chart);
  expect(spec.automountServiceAccountToken).toBe(false);
  expect(spec.serviceAccountName).toBeUndefined();

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', {
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart2, 'sa', 'node-agent'),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec2 = synthPodSpec(chart2);
  expect(spec2.automountServiceAccountToken).toBe(true);
  expect(spec2.serviceAccountName).toEqual('node-agent');

  const chart3 = Testing.chart();
  new DaemonSet(chart3, 'ds', {
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart3, 'sa', 'node-agent'),
    automountServiceAccountToken: false,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthPodSpec(chart3).automountServiceAccountToken).toBe(false);
});

describe('rejects bad security input', () => {
  test('privileged container with allowPrivilegeEscalation false is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, securityContext: { privileged: true, allowPrivilegeEscalation: false } }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': securityContext is privileged but sets allowPrivilegeEscalation false, which the API server rejects/);
  });

  test('a capability name in lower case is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, capabilities: { add: ['net_admin'] } }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': capability 'net_admin' in capabilities\.add is not a capability name; use upper-case names such as 'NET_ADMIN'/);
  });

  test('a dropped capability with a dash is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      containers: [{ name: 'agent', image: IMAGE, capabilities: { drop: ['SYS-ADMIN'] } }],
    })).toThrow(/DaemonSet 'test\/ds': container 'agent': capability 'SYS-ADMIN' in capabilities\.drop is not a capability name/);
  });
});
