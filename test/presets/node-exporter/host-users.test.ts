import { build, findings, podSpec, problems, render } from './fixtures';
import { NodeExporterDaemonSetProps } from '../../../src/presets/node-exporter';
import { validateManifests } from '../../../src/validation/engine';

// hostUsers: the pods in a user namespace of their own, which the API server allows only without the node's
// network, PID and IPC namespaces (validateHostUsers, pkg/apis/core/validation).

const OWN_NAMESPACES = { hostNetwork: false, hostPid: false };

test('unset by default: no hostUsers field', () => {
  expect(podSpec(render())).not.toHaveProperty('hostUsers');
});

test('hostUsers false with the pod\'s own network and PID namespaces', () => {
  const spec = podSpec(render({ hostUsers: false, ...OWN_NAMESPACES }));
  expect(spec.hostUsers).toBe(false);
  expect(spec.hostNetwork).toBe(false);
  expect(spec.hostPID).toBe(false);
  expect(spec.hostIPC).toBe(false);
});

test('hostUsers true is emitted as given, with the host namespaces', () => {
  const spec = podSpec(render({ hostUsers: true }));
  expect(spec.hostUsers).toBe(true);
  expect(spec.hostNetwork).toBe(true);
});

test('a user-namespaced exporter validates clean', () => {
  expect(problems(render({ hostUsers: false, ...OWN_NAMESPACES }))).toEqual([]);
});

test('without host namespaces and host mounts the pod meets the restricted Pod Security level', () => {
  const m = render({ hostUsers: false, ...OWN_NAMESPACES, hostProc: false, hostSys: false, hostRootFs: false });
  expect(findings(m)).toEqual(['info pod-security/level spec.template.spec']);
  expect(validateManifests(m).findings[0].message).toMatch(/the pod meets the restricted Pod Security level/);
});

describe('rejects a user namespace beside the node\'s namespaces', () => {
  test.each([
    ['the defaults (host network and PID)', { hostUsers: false },
      /^NodeExporterDaemonSet 'test\/ne': hostUsers: false puts the pods in a user namespace, which the API server rejects for a pod sharing the node's network, PID or IPC namespace, but hostNetwork and hostPid are true \(hostNetwork and hostPid default to true\); set hostNetwork: false and hostPid: false, or leave hostUsers unset\.$/],
    ['the host PID namespace', { hostUsers: false, hostNetwork: false }, /hostUsers: false .* but hostPid is true .*; set hostPid: false, or leave hostUsers unset/],
    ['the host network', { hostUsers: false, hostPid: false }, /hostUsers: false .* but hostNetwork is true .*; set hostNetwork: false, or/],
    ['the host IPC namespace', { hostUsers: false, ...OWN_NAMESPACES, hostIpc: true }, /hostUsers: false .* but hostIpc is true .*; set hostIpc: false/],
    ['kube-rbac-proxy, which needs the host network', { hostUsers: false, hostPid: false, kubeRbacProxy: {} }, /hostUsers: false puts the pods in a user namespace, .* but hostNetwork is true/],
    ['hostUsers that is not a boolean (JavaScript)', { hostUsers: 'false' as any }, /^NodeExporterDaemonSet 'test\/ne': hostUsers is "false"; it must be true or false\.$/],
  ] as [string, NodeExporterDaemonSetProps, RegExp][])('%s', (_name, props, error) => {
    expect(build(props)).toThrow(error);
  });
});
