import { Testing } from 'cdk8s';
import { DaemonSet } from '../../src/daemon-set';
import { DaemonSetsError } from '../../src/errors';
import { HuaweiCceAnnotations } from '../../src/vendors';
import { synthDaemonSet } from '../daemon-set/synth';

const IMAGE = 'registry.example.com/cce/agent:1.0.0';

test('pod() writes the bandwidth and stdout-collection annotations CCE\'s form writes, on the pod template', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    podMetadata: { annotations: HuaweiCceAnnotations.pod({ ingressBandwidthMbps: 100, egressBandwidthMbps: 1000, stdoutLogContainers: ['agent'] }) },
    containers: [{ name: 'agent', image: IMAGE }],
  });
  const annotations = synthDaemonSet(chart).spec.template.metadata.annotations;
  expect(annotations).toMatchObject({
    'kubernetes.io/ingress-bandwidth': '100M',
    'kubernetes.io/egress-bandwidth': '1000M',
    'kubernetes.AOM.log.stdout': '["agent"]',
  });
});

test('pod() writes only the options given; an empty container list turns the stdout collection off', () => {
  expect(HuaweiCceAnnotations.pod({})).toEqual({});
  expect(HuaweiCceAnnotations.pod({ egressBandwidthMbps: 1 })).toEqual({ 'kubernetes.io/egress-bandwidth': '1M' });
  expect(HuaweiCceAnnotations.pod({ stdoutLogContainers: [] })).toEqual({ 'kubernetes.AOM.log.stdout': '[]' });
  expect(HuaweiCceAnnotations.pod({ stdoutLogContainers: ['container-1', 'container-2'] }))
    .toEqual({ 'kubernetes.AOM.log.stdout': '["container-1","container-2"]' });
});

test('pod() refuses what CCE refuses: bandwidth outside 1 Mbit/s to 4.29 Gbit/s or fractional, bad container names', () => {
  expect(HuaweiCceAnnotations.pod({ ingressBandwidthMbps: 4290 })['kubernetes.io/ingress-bandwidth']).toBe('4290M');
  expect(() => HuaweiCceAnnotations.pod({ ingressBandwidthMbps: 4291 })).toThrow(DaemonSetsError);
  expect(() => HuaweiCceAnnotations.pod({ ingressBandwidthMbps: 4291 }))
    .toThrow(/HuaweiCceAnnotations\.pod: ingressBandwidthMbps is 4291; it must be a whole number of Mbit\/s from 1 to 4290/);
  expect(() => HuaweiCceAnnotations.pod({ egressBandwidthMbps: 0 })).toThrow(/egressBandwidthMbps is 0/);
  expect(() => HuaweiCceAnnotations.pod({ egressBandwidthMbps: 1.5 })).toThrow(/egressBandwidthMbps is 1\.5/);
  expect(() => HuaweiCceAnnotations.pod({ stdoutLogContainers: ['Agent'] })).toThrow(/stdoutLogContainers has "Agent", which must consist of lower-case/);
  expect(() => HuaweiCceAnnotations.pod({ stdoutLogContainers: [5 as any] })).toThrow(/stdoutLogContainers has 5, which is not a string/);
  expect(() => HuaweiCceAnnotations.pod({ stdoutLogContainers: 'agent' as any })).toThrow(/stdoutLogContainers/);
  expect(() => HuaweiCceAnnotations.pod(undefined as any)).toThrow(/options/);
});
