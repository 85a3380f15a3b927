import { Testing } from 'cdk8s';
import { DaemonSet } from '../../src/daemon-set';
import { DaemonSetsError } from '../../src/errors';
import { KubeSphereAnnotations } from '../../src/vendors';
import { synthDaemonSet } from '../daemon-set/synth';

const IMAGE = 'registry.example.com/ks/agent:1.0.0';

test('of() writes the alias and description annotations KubeSphere\'s workload form writes', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { annotations: KubeSphereAnnotations.of({ alias: 'Node agent', description: 'Ships node metrics' }) },
    containers: [{ name: 'agent', image: IMAGE }],
  });
  expect(synthDaemonSet(chart).metadata.annotations).toEqual({ 'kubesphere.io/alias-name': 'Node agent', 'kubesphere.io/description': 'Ships node metrics' });
});

test('of() writes only the fields given', () => {
  expect(KubeSphereAnnotations.of({})).toEqual({});
  expect(KubeSphereAnnotations.of({ alias: 'a' })).toEqual({ 'kubesphere.io/alias-name': 'a' });
});

test('of() refuses what the form refuses: an alias over 63 characters, a description over 256, empty or non-string values', () => {
  expect(KubeSphereAnnotations.of({ alias: 'a'.repeat(63), description: 'd'.repeat(256) })['kubesphere.io/alias-name']).toHaveLength(63);
  expect(() => KubeSphereAnnotations.of({ alias: 'a'.repeat(64) })).toThrow(DaemonSetsError);
  expect(() => KubeSphereAnnotations.of({ alias: 'a'.repeat(64) })).toThrow(/KubeSphereAnnotations\.of: alias has 64 characters; KubeSphere's form allows at most 63/);
  expect(() => KubeSphereAnnotations.of({ description: 'd'.repeat(257) })).toThrow(/description has 257 characters.*at most 256/);
  expect(() => KubeSphereAnnotations.of({ alias: '' })).toThrow(/alias.*non-empty string/);
  expect(() => KubeSphereAnnotations.of({ description: 5 as any })).toThrow(/description.*non-empty string/);
  expect(() => KubeSphereAnnotations.of(undefined as any)).toThrow(/options/);
});
