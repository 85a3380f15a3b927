import { Testing, Yaml } from 'cdk8s';
import { containerNamed, synthDaemonSet, synthPodSpec } from './synth';
import { DaemonSet, validateManifests } from '../../src';
import { Hardening } from '../../src/daemon-set/hardening';
import { DaemonSetContainerProps, DaemonSetProps } from '../../src/daemon-set/props';
import { DaemonSetsError } from '../../src/errors';
import { AppArmorProfile, ProcMount, SeccompProfile, SupplementalGroupsPolicy } from '../../src/security';

// Security-context fields cdk8s-plus-27 has no props for: per container seccompProfile, appArmorProfile,
// seLinuxOptions, procMount; per pod appArmorProfile, seLinuxOptions, supplementalGroups, supplementalGroupsPolicy.

const IMAGE = 'registry.example.com/agent:1.4.2';

function daemonSet(props: DaemonSetProps, container: Partial<DaemonSetContainerProps> = {}): any {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE, ...container }], ...props });
  return synthDaemonSet(chart);
}

function construct(props: object, container: object = {}): () => void {
  return () => new DaemonSet(Testing.chart(), 'ds', { containers: [{ name: 'agent', image: IMAGE, ...container }], ...props } as DaemonSetProps);
}

/** The DaemonSetsError `fn` throws. */
function errorOf(fn: () => void): DaemonSetsError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DaemonSetsError);
    return e as DaemonSetsError;
  }
  throw new Error('expected a DaemonSetsError, nothing was thrown');
}

const NEW_CONTAINER_FIELDS = ['appArmorProfile', 'procMount', 'seLinuxOptions', 'seccompProfile'];
const NEW_POD_FIELDS = ['appArmorProfile', 'seLinuxOptions', 'supplementalGroups', 'supplementalGroupsPolicy'];

describe('rendering', () => {
  test('nothing is written unless given: the security contexts hold what they held before', () => {
    const spec = daemonSet({}).spec.template.spec;
    expect(spec.securityContext).toEqual({ fsGroupChangePolicy: 'Always', runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: false, readOnlyRootFilesystem: true, runAsNonRoot: true,
    });
    for (const f of NEW_POD_FIELDS) expect(spec.securityContext).not.toHaveProperty(f);
    for (const f of NEW_CONTAINER_FIELDS) expect(spec.containers[0].securityContext).not.toHaveProperty(f);
  });

  test('container fields land in that container\'s securityContext, beside the hardening defaults', () => {
    const spec = daemonSet({ hostUsers: false }, {
      seccompProfile: SeccompProfile.localhost('profiles/agent.json'),
      appArmorProfile: AppArmorProfile.localhost('k8s-agent'),
      seLinuxOptions: { type: 'spc_t', level: 's0:c1,c2' },
      procMount: ProcMount.UNMASKED,
    }).spec.template.spec;
    expect(spec.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      appArmorProfile: { localhostProfile: 'k8s-agent', type: 'Localhost' },
      capabilities: { drop: ['ALL'] },
      privileged: false,
      procMount: 'Unmasked',
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seLinuxOptions: { level: 's0:c1,c2', type: 'spc_t' },
      seccompProfile: { localhostProfile: 'profiles/agent.json', type: 'Localhost' },
    });
    // the keys in the serializer's (sorted) order, whatever order the props came in
    const keys = Object.keys(spec.containers[0].securityContext);
    expect(keys).toEqual([...keys].sort());
    expect(Object.keys(spec.containers[0].securityContext.seLinuxOptions)).toEqual(['level', 'type']);
    // the pod keeps its own seccomp profile
    expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  });

  test('each profile type renders as the API takes it', () => {
    const cases: [AppArmorProfile | SeccompProfile, object][] = [
      [AppArmorProfile.runtimeDefault(), { type: 'RuntimeDefault' }],
      [AppArmorProfile.unconfined(), { type: 'Unconfined' }],
      [AppArmorProfile.localhost('a b'), { localhostProfile: 'a b', type: 'Localhost' }],
    ];
    for (const [profile, expected] of cases) {
      const rendered = daemonSet({}, { appArmorProfile: profile as AppArmorProfile }).spec.template.spec.containers[0];
      expect(rendered.securityContext.appArmorProfile).toEqual(expected);
    }
    expect(daemonSet({}, { seccompProfile: SeccompProfile.unconfined() }).spec.template.spec.containers[0].securityContext.seccompProfile).toEqual({ type: 'Unconfined' });
  });

  test('pod fields land in the pod securityContext; an empty supplementalGroups list writes nothing', () => {
    const spec = daemonSet({
      appArmorProfile: AppArmorProfile.runtimeDefault(),
      seLinuxOptions: { user: 'system_u', role: 'system_r', type: 'container_t', level: 's0' },
      supplementalGroups: [1000, 2000],
      supplementalGroupsPolicy: SupplementalGroupsPolicy.STRICT,
    }).spec.template.spec;
    expect(spec.securityContext).toEqual({
      appArmorProfile: { type: 'RuntimeDefault' },
      fsGroupChangePolicy: 'Always',
      runAsNonRoot: true,
      seLinuxOptions: { level: 's0', role: 'system_r', type: 'container_t', user: 'system_u' },
      seccompProfile: { type: 'RuntimeDefault' },
      supplementalGroups: [1000, 2000],
      supplementalGroupsPolicy: 'Strict',
    });
    for (const f of NEW_CONTAINER_FIELDS) expect(spec.containers[0].securityContext).not.toHaveProperty(f);
    expect(daemonSet({ supplementalGroups: [] }).spec.template.spec.securityContext).not.toHaveProperty('supplementalGroups');
  });

  test('init containers get their own fields; other containers none', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds', {
      initContainers: [{ name: 'setup', image: IMAGE, appArmorProfile: AppArmorProfile.unconfined() }],
      containers: [{ name: 'agent', image: IMAGE }, { name: 'sidecar', image: IMAGE, seLinuxOptions: { type: 'container_t' } }],
    });
    const spec = synthPodSpec(chart);
    expect(containerNamed(spec, 'setup').securityContext.appArmorProfile).toEqual({ type: 'Unconfined' });
    expect(containerNamed(spec, 'sidecar').securityContext.seLinuxOptions).toEqual({ type: 'container_t' });
    expect(containerNamed(spec, 'sidecar').securityContext).not.toHaveProperty('appArmorProfile');
    for (const f of NEW_CONTAINER_FIELDS) expect(containerNamed(spec, 'agent').securityContext).not.toHaveProperty(f);
  });

  test('with Hardening.NONE, the security contexts hold only the fields given, in the keys\' sorted place', () => {
    const spec = daemonSet({ hardening: Hardening.NONE, supplementalGroups: [5] }, { appArmorProfile: AppArmorProfile.runtimeDefault() })
      .spec.template.spec;
    expect(spec.securityContext).toEqual({ supplementalGroups: [5] });
    expect(spec.containers[0].securityContext).toEqual({ appArmorProfile: { type: 'RuntimeDefault' } });
    expect(Object.keys(spec)).toEqual([...Object.keys(spec)].sort());
    expect(Object.keys(spec.containers[0])).toEqual([...Object.keys(spec.containers[0])].sort());
    // and nothing at all when nothing is given, as before
    const bare = daemonSet({ hardening: Hardening.NONE }).spec.template.spec;
    expect(bare).not.toHaveProperty('securityContext');
    expect(bare.containers[0]).not.toHaveProperty('securityContext');
  });

  test('with Hardening.BASELINE, the given fields join the pod\'s seccomp profile', () => {
    const spec = daemonSet({ hardening: Hardening.BASELINE, appArmorProfile: AppArmorProfile.runtimeDefault() }, { procMount: ProcMount.DEFAULT })
      .spec.template.spec;
    expect(spec.securityContext).toEqual({ appArmorProfile: { type: 'RuntimeDefault' }, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.containers[0].securityContext).toEqual({ procMount: 'Default' });
  });

  test('every synthesis renders the same, and the props are not shared with the output', () => {
    const chart = Testing.chart();
    const groups = [7];
    new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }], supplementalGroups: groups, seLinuxOptions: { type: 'container_t' } });
    const first = synthDaemonSet(chart);
    first.spec.template.spec.securityContext.supplementalGroups.push(8);
    groups.push(9);
    expect(synthDaemonSet(chart).spec.template.spec.securityContext.supplementalGroups).toEqual([7]);
  });

  test('the same props in another key order synthesize byte-identical YAML', () => {
    const yaml = (props: DaemonSetProps, c: Partial<DaemonSetContainerProps>) => Yaml.stringify(daemonSet(props, c));
    const a = yaml({ seLinuxOptions: { level: 's0', type: 'container_t' }, supplementalGroups: [1] }, { seLinuxOptions: { user: 'u', role: 'r' }, appArmorProfile: AppArmorProfile.runtimeDefault() });
    const b = yaml({ supplementalGroups: [1], seLinuxOptions: { type: 'container_t', level: 's0' } }, { appArmorProfile: AppArmorProfile.runtimeDefault(), seLinuxOptions: { role: 'r', user: 'u' } });
    expect(a).toBe(b);
  });

  test('the rendered YAML', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds', {
      metadata: { name: 'agent' },
      hostUsers: false,
      appArmorProfile: AppArmorProfile.runtimeDefault(),
      seLinuxOptions: { level: 's0:c1,c2' },
      supplementalGroups: [1000],
      supplementalGroupsPolicy: SupplementalGroupsPolicy.MERGE,
      containers: [{
        name: 'agent',
        image: IMAGE,
        seccompProfile: SeccompProfile.localhost('profiles/agent.json'),
        appArmorProfile: AppArmorProfile.localhost('k8s-agent'),
        seLinuxOptions: { type: 'spc_t' },
        procMount: ProcMount.UNMASKED,
      }],
    });
    expect(Yaml.stringify(synthDaemonSet(chart).spec.template.spec)).toMatchSnapshot();
  });
});

describe('validated as the API server validates them', () => {
  test('AppArmorProfile.localhost needs a name without padding, at most 4095 characters', () => {
    for (const [name, problem] of [['', 'is empty'], [' agent', 'padded with whitespace'], ['agent\n', 'padded with whitespace'], ['a'.repeat(4096), '4096 characters']]) {
      const e = errorOf(() => AppArmorProfile.localhost(name));
      expect(e.message).toContain(problem);
      expect(e.message).toContain('AppArmorProfile.localhost: localhostProfile');
      expect(e.field).toBe('localhostProfile');
    }
    expect(AppArmorProfile.localhost('a'.repeat(4095)).localhostProfile).toHaveLength(4095);
    expect(errorOf(() => AppArmorProfile.localhost(42 as any)).message).toMatch(/localhostProfile.*42.*a string/);
  });

  test('procMount Unmasked needs hostUsers: false', () => {
    for (const hostUsers of [undefined, true]) {
      const e = errorOf(construct({ hostUsers }, { procMount: ProcMount.UNMASKED }));
      expect(e.message).toContain("DaemonSet 'test/ds': container 'agent': procMount: is Unmasked");
      expect(e.message).toContain('hostUsers: false');
      expect(e.field).toBe('procMount');
    }
    expect(construct({ hostUsers: true }, { procMount: ProcMount.DEFAULT })).not.toThrow();
  });

  test('the semantics rules accept what the DaemonSet renders', () => {
    const chart = Testing.chart();
    new DaemonSet(chart, 'ds', {
      hostUsers: false,
      appArmorProfile: AppArmorProfile.localhost('k8s-agent'),
      seLinuxOptions: { type: 'container_t' },
      supplementalGroups: [0, 2147483647],
      supplementalGroupsPolicy: SupplementalGroupsPolicy.STRICT,
      containers: [{ name: 'agent', image: IMAGE, seccompProfile: SeccompProfile.localhost('a.json'), appArmorProfile: AppArmorProfile.runtimeDefault(), procMount: ProcMount.UNMASKED }],
    });
    const manifests = Testing.synth(chart);
    expect(validateManifests(manifests, { rules: ['semantics', 'schema'] }).errors).toEqual([]);
    // the same rules on the output without hostUsers: false find the Unmasked procMount the DaemonSet refuses
    delete manifests[0].spec.template.spec.hostUsers;
    const errors = validateManifests(manifests, { rules: ['semantics', 'schema'] }).errors;
    expect(errors.map(f => f.path)).toEqual(['spec.template.spec.containers[0].securityContext.procMount']);
  });

  test('appArmorProfile needs Kubernetes 1.30: the schema of 1.29 rejects it', () => {
    const manifests = [daemonSet({}, { appArmorProfile: AppArmorProfile.runtimeDefault() })];
    expect(validateManifests(manifests, { rules: ['schema'], kubernetesVersion: '1.30' }).errors).toEqual([]);
    const old = validateManifests(manifests, { rules: ['schema'], kubernetesVersion: '1.29' }).errors;
    expect(old.length).toBeGreaterThan(0);
    expect(old.map(f => `${f.path} ${f.message}`).join('\n')).toContain('appArmorProfile');
  });
});

describe('rejects bad input from JavaScript', () => {
  const cases: [string, object, object, string, RegExp][] = [
    ['a string for the pod appArmorProfile', { appArmorProfile: 'Unconfined' }, {}, 'appArmorProfile', /"Unconfined".*AppArmorProfile\.runtimeDefault\(\)/],
    ['a plain object for the container appArmorProfile', {}, { appArmorProfile: { type: 'RuntimeDefault' } }, 'appArmorProfile', /AppArmorProfile/],
    ['a string for the container seccompProfile', {}, { seccompProfile: 'RuntimeDefault' }, 'seccompProfile', /SeccompProfile\.runtimeDefault\(\)/],
    ['a number in seLinuxOptions', { seLinuxOptions: { type: 5 } }, {}, 'seLinuxOptions.type', /5.*a string/],
    ['an unknown SELinux option', {}, { seLinuxOptions: { typ: 'spc_t' } }, 'seLinuxOptions.typ', /level, role, type and user/],
    ['seLinuxOptions that are not an object', { seLinuxOptions: 'spc_t' }, {}, 'seLinuxOptions', /SELinux options/],
    ['an unknown procMount', {}, { procMount: 'Masked' }, 'procMount', /"Masked".*one of Default, Unmasked/],
    ['a negative supplemental group', { supplementalGroups: [1, -1] }, {}, 'supplementalGroups[1]', /-1.*between 0 and 2147483647/],
    ['a supplemental group above int32', { supplementalGroups: [2147483648] }, {}, 'supplementalGroups[0]', /2147483648/],
    ['a fractional supplemental group', { supplementalGroups: [1.5] }, {}, 'supplementalGroups[0]', /1\.5.*an integer/],
    ['supplementalGroups that are not a list', { supplementalGroups: 1000 }, {}, 'supplementalGroups', /1000.*a list of group ids/],
    ['an unknown supplementalGroupsPolicy', { supplementalGroupsPolicy: 'merge' }, {}, 'supplementalGroupsPolicy', /"merge".*one of Merge, Strict/],
  ];
  test.each(cases)('%s', (_name, props, container, field, message) => {
    const e = errorOf(construct(props, container));
    expect(e.message).toContain("DaemonSet 'test/ds'");
    expect(e.message).toContain(field);
    expect(e.message).toMatch(message);
    if (Object.keys(container).length > 0) expect(e.message).toContain("container 'agent'");
  });
});

describe('the validator reads the rendered fields where its rules look', () => {
  test('an Unconfined AppArmor profile keeps the pod out of baseline (pod-security family)', () => {
    for (const [props, container, at] of [
      [{ appArmorProfile: AppArmorProfile.unconfined() }, {}, 'spec.template.spec.securityContext.appArmorProfile.type'],
      [{}, { appArmorProfile: AppArmorProfile.unconfined() }, 'spec.template.spec.containers[0].securityContext.appArmorProfile.type'],
    ] as const) {
      const manifests = [
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'agents', labels: { 'pod-security.kubernetes.io/enforce': 'baseline' } } },
        { ...daemonSet(props, container), metadata: { name: 'agent', namespace: 'agents' } },
      ];
      const report = validateManifests(manifests, { rules: ['pod-security'] });
      const level = report.findings.filter(f => f.ruleId === 'pod-security/level');
      expect(level).toHaveLength(1);
      expect(level[0].message).toContain("needs Pod Security level 'privileged'");
      expect(level[0].message).toContain('baseline is forbidden by appArmorProfile');
      const enforce = report.errors.filter(f => f.ruleId === 'pod-security/namespace-enforce');
      expect(enforce).toHaveLength(1);
      expect(enforce[0].message).toContain(`appArmorProfile at ${at}`);
    }
  });

  test('a RuntimeDefault AppArmor profile and the baseline SELinux type keep it restricted', () => {
    const manifests = [daemonSet({ appArmorProfile: AppArmorProfile.runtimeDefault(), seLinuxOptions: { type: 'container_t' } }, { procMount: ProcMount.DEFAULT })];
    const level = validateManifests(manifests, { rules: ['pod-security'] }).findings.filter(f => f.ruleId === 'pod-security/level');
    expect(level.map(f => f.message)).toEqual([expect.stringContaining('meets the restricted Pod Security level')]);
  });

  test('an SELinux user keeps the pod out of baseline', () => {
    const level = validateManifests([daemonSet({}, { seLinuxOptions: { user: 'system_u' } })], { rules: ['pod-security'] })
      .findings.filter(f => f.ruleId === 'pod-security/level');
    expect(level[0].message).toContain('baseline is forbidden by seLinuxOptions');
  });
});
