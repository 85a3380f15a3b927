import { Testing } from 'cdk8s';
import { DaemonSet } from '../../src/daemon-set';
import { DaemonSetsError } from '../../src/errors';
import { validateManifests } from '../../src/validation/engine';
import { NetworkAttachment, TkeStackNetwork } from '../../src/vendors';
import { containerNamed, synthDaemonSet, synthPodSpec } from '../daemon-set/synth';
import { takeWarnings } from '../setup/quiet-console';

const IMAGE = 'registry.example.com/net/agent:2.0.1';

test('networks() writes the standard annotation: [namespace/]name[@interface], comma-separated, in order', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  NetworkAttachment.networks([{ name: 'storage-net' }, { name: 'sriov-a', namespace: 'net-system', interfaceName: 'fast0' }]).applyTo(ds);
  expect(synthDaemonSet(chart).spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks']).toBe('storage-net,net-system/sriov-a@fast0');
});

test('applying the same networks twice is idempotent; different ones are refused', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  NetworkAttachment.networks([{ name: 'a' }]).applyTo(ds);
  NetworkAttachment.networks([{ name: 'a' }]).applyTo(ds);
  expect(() => NetworkAttachment.networks([{ name: 'b' }]).applyTo(ds)).toThrow(/already name the networks 'a'; give all networks in one NetworkAttachment\.networks\(\) call/);
});

test('a host-network DaemonSet refuses attachments at construction (the kubelet attaches nothing to it)', () => {
  const ds = new DaemonSet(Testing.chart(), 'ds', { hostNetwork: true, containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => NetworkAttachment.networks([{ name: 'a' }]).applyTo(ds)).toThrow(DaemonSetsError);
  expect(() => NetworkAttachment.networks([{ name: 'a' }]).applyTo(ds)).toThrow(/DaemonSet 'test\/ds'.*hostNetwork.*calls no network plugin/);
});

test('floatingIp() is one tke.cloud.tencent.com/eni-ip, request equal to limit', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE, extendedResources: [TkeStackNetwork.floatingIp()] }] });
  const r = containerNamed(synthPodSpec(chart), 'agent').resources;
  expect([r.requests['tke.cloud.tencent.com/eni-ip'], r.limits['tke.cloud.tencent.com/eni-ip']]).toEqual([1, 1]);
});

test('a floating IP on a host-network DaemonSet is warned about at synthesis', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { hostNetwork: true, containers: [{ name: 'agent', image: IMAGE, extendedResources: [TkeStackNetwork.floatingIp()] }] });
  Testing.synth(chart);
  expect(takeWarnings().filter(w => w.startsWith('[cdk8s-daemonsets] warning runtime/host-network-attachments '))).toHaveLength(1);
});

describe('rejects bad network selections', () => {
  test.each([
    [[], /networks is empty/],
    ['a', /networks.*list of network selections/],
    [[{ name: 'Bad_Name' }], /networks\[0\]\.name 'Bad_Name'/],
    [[{ name: 'a', namespace: 'a.b' }], /networks\[0\]\.namespace 'a\.b'/],
    [[{ name: 'a', interfaceName: 'much-too-long-name' }], /networks\[0\]\.interfaceName 'much-too-long-name' is not a Linux interface name/],
    [[{ name: 'a', interfaceName: 'eth1' }, { name: 'b', interfaceName: 'eth1' }], /networks\[1\]\.interfaceName 'eth1' is used twice/],
    [[{ name: 'a', interfaceName: 'x/y' }], /interfaceName 'x\/y' is not a Linux interface name/],
  ])('networks(%j)', (networks, message) => {
    expect(() => NetworkAttachment.networks(networks as any)).toThrow(message);
    expect(() => NetworkAttachment.networks(networks as any)).toThrow(DaemonSetsError);
  });

  test('applyTo() needs a DaemonSet', () => {
    expect(() => NetworkAttachment.networks([{ name: 'a' }]).applyTo({} as any)).toThrow(/NetworkAttachment\.applyTo: expects a DaemonSet/);
  });
});

describe('runtime/host-network-attachments on any manifest', () => {
  function pod(hostNetwork: boolean, annotations?: Record<string, string>, limits?: Record<string, string>): any {
    return {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'n', ...annotations ? { annotations } : {} },
      spec: { hostNetwork, containers: [{ name: 'c', image: 'x:1', ...limits ? { resources: { limits } } : {} }] },
    };
  }
  const found = (o: any) => validateManifests([o]).findings.filter(f => f.ruleId === 'runtime/host-network-attachments').map(f => [f.path, f.severity]);

  test('annotation and floating IP on a host-network Pod: one warning each, at their own paths', () => {
    expect(found(pod(true, { 'k8s.v1.cni.cncf.io/networks': 'a' }, { 'tke.cloud.tencent.com/eni-ip': '1' }))).toEqual([
      ['metadata.annotations', 'warning'],
      ['spec.containers[0].resources.limits', 'warning'],
    ]);
  });

  test('a DaemonSet template reports at the template\'s metadata', () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'd', namespace: 'n' },
      spec: {
        selector: { matchLabels: { a: 'b' } },
        template: { metadata: { labels: { a: 'b' }, annotations: { 'k8s.v1.cni.cncf.io/networks': '[{"name":"a"}]' } }, spec: { hostNetwork: true, containers: [{ name: 'c', image: 'x:1' }] } },
      },
    };
    expect(found(ds)).toEqual([['spec.template.metadata.annotations', 'warning']]);
  });

  test.each([
    ['without hostNetwork', pod(false, { 'k8s.v1.cni.cncf.io/networks': 'a' }, { 'tke.cloud.tencent.com/eni-ip': '1' })],
    ['an empty annotation', pod(true, { 'k8s.v1.cni.cncf.io/networks': ' ' })],
    ['an empty JSON list', pod(true, { 'k8s.v1.cni.cncf.io/networks': '[]' })],
    ['a non-string annotation', pod(true, { 'k8s.v1.cni.cncf.io/networks': 7 as any })],
  ])('no finding %s', (_, o) => {
    expect(found(o)).toEqual([]);
  });
});
