import { Testing } from 'cdk8s';
import { containerNamed, synthPodSpec } from './synth';
import { DaemonSet } from '../../src';
import { DaemonSetProps, TerminationMessagePolicy, WhenUnsatisfiable } from '../../src/daemon-set/props';
import { DaemonSetsError } from '../../src/errors';

// Pod-level and container fields cdk8s-plus-27 lacks: hostUsers, runtimeClassName, topologySpreadConstraints,
// terminationMessagePolicy.

const IMAGE = 'registry.example.com/agent:1.4.2';

function podSpec(props: DaemonSetProps): any {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }], ...props });
  return synthPodSpec(chart);
}

function construct(props: object): () => void {
  return () => new DaemonSet(Testing.chart(), 'ds', { containers: [{ name: 'agent', image: IMAGE }], ...props });
}

test('none of the fields is written unless given', () => {
  const spec = podSpec({});
  for (const field of ['hostUsers', 'runtimeClassName', 'topologySpreadConstraints']) expect(spec).not.toHaveProperty(field);
  expect(spec.containers[0]).not.toHaveProperty('terminationMessagePolicy');
});

test('hostUsers false puts the pods in a user namespace; true is written too', () => {
  expect(podSpec({ hostUsers: false }).hostUsers).toBe(false);
  expect(podSpec({ hostUsers: true, hostNetwork: true }).hostUsers).toBe(true);
});

test('runtimeClassName is written as given', () => {
  expect(podSpec({ runtimeClassName: 'nvidia' }).runtimeClassName).toBe('nvidia');
});

test('topologySpreadConstraints: maxSkew, topologyKey, whenUnsatisfiable and matchLabels, in order', () => {
  const spec = podSpec({
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY, matchLabels: { tier: 'agent', app: 'x' } },
      { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: WhenUnsatisfiable.DO_NOT_SCHEDULE },
    ],
  });
  expect(spec.topologySpreadConstraints).toEqual([
    { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'x', tier: 'agent' } } },
    { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' },
  ]);
  // the labels in one order whatever order the props gave them in
  expect(Object.keys(spec.topologySpreadConstraints[0].labelSelector.matchLabels)).toEqual(['app', 'tier']);
});

test('an empty topologySpreadConstraints list writes nothing', () => {
  expect(podSpec({ topologySpreadConstraints: [] })).not.toHaveProperty('topologySpreadConstraints');
});

test('terminationMessagePolicy goes to the container that sets it, init containers included', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: IMAGE, terminationMessagePolicy: TerminationMessagePolicy.FILE }],
    containers: [
      { name: 'agent', image: IMAGE, terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR },
      { name: 'sidecar', image: IMAGE },
    ],
  });
  ds.addAgentContainer({ name: 'late', image: IMAGE, terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'setup').terminationMessagePolicy).toBe('File');
  expect(containerNamed(spec, 'agent').terminationMessagePolicy).toBe('FallbackToLogsOnError');
  expect(containerNamed(spec, 'sidecar')).not.toHaveProperty('terminationMessagePolicy');
  expect(containerNamed(spec, 'late').terminationMessagePolicy).toBe('FallbackToLogsOnError');
});

describe('rejects bad pod fields', () => {
  test.each([
    ['hostUsers false with hostNetwork', { hostUsers: false, hostNetwork: true },
      /DaemonSet 'test\/ds': hostUsers: is false, which puts the pods in a user namespace, but hostNetwork is true; .*drop hostNetwork, or hostUsers/],
    ['hostUsers false with hostPid and hostIpc', { hostUsers: false, hostPid: true, hostIpc: true }, /but hostPid and hostIpc are true/],
    ['hostUsers not a boolean', { hostUsers: 'false' }, /hostUsers/],
    ['runtimeClassName not a DNS subdomain', { runtimeClassName: 'Nvidia_GPU' }, /runtimeClassName: 'Nvidia_GPU'/],
    ['maxSkew 0', { topologySpreadConstraints: [{ maxSkew: 0, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] },
      /topologySpreadConstraints\[0\]\.maxSkew: is 0; it must be a whole number from 1 to 2147483647/],
    ['a fractional maxSkew', { topologySpreadConstraints: [{ maxSkew: 1.5, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] }, /maxSkew: is 1\.5/],
    ['an empty topologyKey', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: '', whenUnsatisfiable: 'DoNotSchedule' }] }, /topologyKey/],
    ['a topologyKey that is no label key', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'a b', whenUnsatisfiable: 'DoNotSchedule' }] },
      /topologySpreadConstraints\[0\]\.topologyKey: 'a b' is not a node label key/],
    ['an unknown whenUnsatisfiable', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'Never' }] },
      /whenUnsatisfiable.*DoNotSchedule.*ScheduleAnyway/],
    ['a bad matchLabels value', { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', matchLabels: { app: 'a b' } }] },
      /matchLabels/],
    ['the same key and action twice', {
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
        { maxSkew: 2, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' },
      ],
    }, /topologySpreadConstraints\[1\]: repeats topologyKey 'zone' with whenUnsatisfiable DoNotSchedule/],
  ])('%s', (_, props, message) => {
    expect(construct(props)).toThrow(DaemonSetsError);
    expect(construct(props)).toThrow(message);
  });

  test('an unknown terminationMessagePolicy', () => {
    const props = { containers: [{ name: 'agent', image: IMAGE, terminationMessagePolicy: 'Logs' }] };
    expect(construct(props)).toThrow(/container 'agent'.*terminationMessagePolicy.*File.*FallbackToLogsOnError/);
  });
});
