import { parseAllDocuments } from 'yaml';
import { countPatches } from './import-patch-counts';
import { runGeneratedProgram } from './import-program';
import { generateTypeScript } from '../../src/cli/import';

/** A DaemonSet whose every pod and container field below has a typed prop of the library. */
const INPUT = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: sensor, namespace: security}
spec:
  selector: {matchLabels: {app: sensor}}
  template:
    metadata: {labels: {app: sensor}}
    spec:
      hostUsers: false
      runtimeClassName: gvisor
      dnsConfig:
        options: [{name: ndots, value: "2"}]
      topologySpreadConstraints:
      - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: sensor}}}
      securityContext:
        runAsUser: 1000
        fsGroup: 2000
        fsGroupChangePolicy: OnRootMismatch
        seLinuxOptions: {level: "s0:c1,c2"}
        appArmorProfile: {type: RuntimeDefault}
        supplementalGroups: [10, 20]
        supplementalGroupsPolicy: Strict
        seccompProfile: {type: Localhost, localhostProfile: profiles/sensor.json}
      containers:
      - name: sensor
        image: registry.example.com/sensor:5.0.0
        terminationMessagePolicy: FallbackToLogsOnError
        resources: {requests: {cpu: "0.5", memory: 1G}, limits: {nvidia.com/gpu: 1}}
        readinessProbe: {tcpSocket: {port: 8080, host: 10.0.0.1}}
        securityContext:
          readOnlyRootFilesystem: true
          procMount: Unmasked
          appArmorProfile: {type: Localhost, localhostProfile: k8s-sensor}
          seLinuxOptions: {type: spc_t}
          seccompProfile: {type: Unconfined}
          capabilities: {add: [NET_ADMIN], drop: [ALL]}
      - name: sidecar
        image: registry.example.com/sidecar:1.0.0
`;

const input = () => parseAllDocuments(INPUT).map(d => d.toJS());
const podSpec = (objects: any[]) => objects.find(o => o.kind === 'DaemonSet').spec.template.spec;

function synthesized(code: string): any[] {
  const { objects, error } = runGeneratedProgram(code);
  if (error !== undefined) throw new Error(error);
  return objects!;
}

describe('import writes the typed forms the library has for pod and container fields', () => {
  const code = generateTypeScript(input());

  test('security contexts, profiles, quantities, probes and scheduling fields are props, not patches', () => {
    expect(code).toContain('hardening: Hardening.NONE,');
    expect(code).toContain('securityContext: { readOnlyRootFilesystem: true },');
    expect(code).toContain("capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },");
    expect(code).toContain('seccompProfile: SeccompProfile.unconfined(),');
    expect(code).toContain("appArmorProfile: AppArmorProfile.localhost('k8s-sensor'),");
    expect(code).toContain('procMount: ProcMount.UNMASKED,');
    expect(code).toContain("seccompProfile: SeccompProfile.localhost('profiles/sensor.json'),");
    expect(code).toContain('supplementalGroupsPolicy: SupplementalGroupsPolicy.STRICT,');
    expect(code).toContain('fsGroupChangePolicy: kplus.FsGroupChangePolicy.ON_ROOT_MISMATCH');
    expect(code).toContain("cpu: { request: ResourceQuantity.of('0.5') },");
    expect(code).toContain("memory: { request: ResourceQuantity.of('1G') },");
    expect(code).toContain("ExtendedResource.of('nvidia.com/gpu', 1, { limitOnly: true })");
    expect(code).toContain('resources: { cpu: AgentResources.noCpu(), memory: AgentResources.noMemory() },');
    expect(code).toContain('terminationMessagePolicy: TerminationMessagePolicy.FALLBACK_TO_LOGS_ON_ERROR,');
    expect(code).toContain("HealthProbe.tcpSocket({ port: 8080, host: '10.0.0.1' })");
    expect(code).toContain('whenUnsatisfiable: WhenUnsatisfiable.SCHEDULE_ANYWAY,');
    expect(code).toContain("runtimeClassName: 'gvisor',");
    expect(code).toContain('hostUsers: false,');
    expect(code).toContain("dns: { options: [{ name: 'ndots', value: '2' }] },");
    const patched = countPatches(code).paths;
    for (const field of ['securityContext', 'resources', 'terminationMessagePolicy', 'readinessProbe', 'hostUsers',
      'runtimeClassName', 'topologySpreadConstraints', 'dnsConfig']) {
      expect(patched.filter(p => p.includes(`/${field}`))).toEqual([]);
    }
  });

  test('the program synthesizes the input\'s pod spec exactly', () => {
    const expected = podSpec(input());
    const actual = podSpec(synthesized(code));
    for (const field of Object.keys(expected)) expect([field, actual[field]]).toEqual([field, expected[field]]);
    expect(actual.containers).toEqual(expected.containers);
  });

  test('an edit of a typed field takes effect', () => {
    const edited = code.replace("ResourceQuantity.of('0.5')", "ResourceQuantity.of('750m')").replace('procMount: ProcMount.UNMASKED,', '');
    const container = podSpec(synthesized(edited)).containers[0];
    expect(container.resources.requests.cpu).toBe('750m');
    expect(container.securityContext.procMount).toBeUndefined();
    expect(container.securityContext.seccompProfile).toEqual({ type: 'Unconfined' });
  });

  test('with --adopt-defaults the library\'s hardening stays (no Hardening.NONE) and the agent defaults fill absent resources', () => {
    const adopted = generateTypeScript(input(), { adoptDefaults: true });
    expect(adopted).not.toContain('Hardening.NONE');
    expect(adopted).not.toContain('AgentResources.noCpu()');
    const sidecar = podSpec(synthesized(adopted)).containers[1];
    expect(sidecar.securityContext.runAsNonRoot).toBe(true);
    expect(sidecar.resources.requests.cpu).toBe('50m');
  });

  test('a field without a typed form stays a patch (a capability with the CAP_ prefix, windowsOptions)', () => {
    const odd = input();
    odd[0].spec.template.spec.containers[0].securityContext = { capabilities: { add: ['CAP_NET_ADMIN'] } };
    odd[0].spec.template.spec.containers[1].securityContext = { procMount: 'Default', windowsOptions: { runAsUserName: 'agent' } };
    const oddCode = generateTypeScript(odd);
    expect(countPatches(oddCode).paths).toEqual(expect.arrayContaining([
      '/spec/template/spec/containers/0/securityContext',
      '/spec/template/spec/containers/1/securityContext',
    ]));
    expect(podSpec(synthesized(oddCode)).containers[1].securityContext).toEqual({ procMount: 'Default', windowsOptions: { runAsUserName: 'agent' } });
  });
});
