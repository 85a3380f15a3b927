import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { synthPodSpec } from './synth';
import { DaemonSet } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: dns.

test('ClusterFirst by default', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthPodSpec(chart);
  expect(spec.dnsPolicy).toEqual('ClusterFirst');
  expect(spec.dnsConfig).toBeUndefined();
});

test('explicit ClusterFirst with searches and options', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST, searches: ['agents.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.dnsPolicy).toEqual('ClusterFirst');
  expect(spec.dnsConfig).toEqual({ searches: ['agents.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] });
});

test('ClusterFirstWithHostNet and Default with hostNetwork', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    hostNetwork: true,
    dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST_WITH_HOST_NET },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthPodSpec(chart).dnsPolicy).toEqual('ClusterFirstWithHostNet');

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', {
    hostNetwork: true,
    dns: { policy: kplus.DnsPolicy.DEFAULT },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthPodSpec(chart2).dnsPolicy).toEqual('Default');
});

test('hostNetwork with a dns config but no policy still defaults to ClusterFirstWithHostNet', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    hostNetwork: true,
    dns: { searches: ['agents.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.dnsPolicy).toEqual('ClusterFirstWithHostNet');
  expect(spec.dnsConfig).toEqual({ searches: ['agents.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] });
});

test('None with nameservers, searches and options (ndots, timeout)', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    dns: {
      policy: kplus.DnsPolicy.NONE,
      nameservers: ['169.254.20.10', '10.96.0.10'],
      searches: ['kube-system.svc.cluster.local', 'svc.cluster.local'],
      options: [{ name: 'ndots', value: '2' }, { name: 'timeout', value: '3' }, { name: 'edns0' }],
    },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.dnsPolicy).toEqual('None');
  expect(spec.dnsConfig).toEqual({
    nameservers: ['169.254.20.10', '10.96.0.10'],
    searches: ['kube-system.svc.cluster.local', 'svc.cluster.local'],
    options: [{ name: 'ndots', value: '2' }, { name: 'timeout', value: '3' }, { name: 'edns0' }],
  });
});

describe('rejects bad dns input', () => {
  test('None without nameservers, and ClusterFirst with hostNetwork, throw', () => {
    expect(() => new DaemonSet(Testing.chart(), 'ds', { dns: { policy: kplus.DnsPolicy.NONE } })).toThrow(/dns: policy None needs at least one nameserver/);
    expect(() => new DaemonSet(Testing.chart(), 'ds', { hostNetwork: true, dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST } })).toThrow(/dns\.policy: ClusterFirst with hostNetwork/);
  });

  test('dns policy None without nameservers is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      dns: { policy: kplus.DnsPolicy.NONE },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': dns: policy None needs at least one nameserver; add dns\.nameservers or use another policy/);
  });

  test('dns policy ClusterFirst with hostNetwork is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      hostNetwork: true,
      dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': dns\.policy: ClusterFirst with hostNetwork silently falls back.*use ClusterFirstWithHostNet/);
  });
});
