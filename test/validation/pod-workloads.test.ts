import { evaluatePodSecurityOf } from '../../src/k8s/pod-security/evaluate';
import { podSecurityOf, workloadsOf } from '../../src/validation/pod-workloads';

const daemonSet = () => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'obs' },
  spec: { template: { spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x:1', securityContext: { privileged: true } }] } } },
});

describe('podSecurityOf', () => {
  test('evaluates a pod template once per policy minor, the first without a Map', () => {
    const [w] = workloadsOf(daemonSet());
    const first = podSecurityOf(w, 27);
    expect(podSecurityOf(w, 27)).toBe(first);
    expect(w.podSecurity).toBeUndefined();
    expect(first).toEqual(evaluatePodSecurityOf(w.spec, w.metadata, w.containers, 27));
  });

  test('keeps a second and third policy minor apart from the first', () => {
    const [w] = workloadsOf(daemonSet());
    const at27 = podSecurityOf(w, 27);
    const at25 = podSecurityOf(w, 25);
    const at30 = podSecurityOf(w, 30);
    expect(at25).toEqual(evaluatePodSecurityOf(w.spec, w.metadata, w.containers, 25));
    expect(at30).toEqual(evaluatePodSecurityOf(w.spec, w.metadata, w.containers, 30));
    expect(podSecurityOf(w, 27)).toBe(at27);
    expect(podSecurityOf(w, 25)).toBe(at25);
    expect(podSecurityOf(w, 30)).toBe(at30);
    expect([...w.podSecurity!.keys()]).toEqual([25, 30]);
    expect(at27.level).toBe('privileged');
  });
});
