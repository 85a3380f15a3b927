import { Chart, Testing } from 'cdk8s';
import { DaemonSet, DaemonSetsErrors, ExtendedResource, HealthProbe } from '../../src';

// addAgentContainer(DaemonSetContainerProps): the typed door to a node agent's container options for every
// jsii language (addContainer keeps cdk8s-plus-27's kplus.ContainerProps signature).

function podSpec(chart: Chart): any {
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec.template.spec;
}

describe('DaemonSet.addAgentContainer', () => {
  test('capabilities, extended resources and probes reach the container', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'agent', { containers: [{ name: 'main', image: 'registry.example.com/agent:1.4.2' }] });
    const sidecar = ds.addAgentContainer({
      name: 'gpu-probe',
      image: 'registry.example.com/gpu-probe:2.0.1',
      ports: [{ number: 9400, name: 'metrics' }],
      capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] },
      extendedResources: [ExtendedResource.nvidiaGpu(1)],
      readinessProbe: HealthProbe.httpGet('/ready', { portName: 'metrics', headers: [{ name: 'X-Probe', value: 'kubelet' }] }),
    });
    expect(sidecar.name).toBe('gpu-probe');
    const c = podSpec(chart).containers.find((x: any) => x.name === 'gpu-probe');
    expect(c.securityContext.capabilities).toEqual({ add: ['SYS_ADMIN'], drop: ['ALL'] });
    expect(c.resources.limits['nvidia.com/gpu']).toBe(1);
    expect(c.resources.requests['nvidia.com/gpu']).toBe(1);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port: 'metrics', httpHeaders: [{ name: 'X-Probe', value: 'kubelet' }] });
  });

  test('renders what addContainer renders for the same props', () => {
    const props = { name: 'agent', image: 'registry.example.com/agent:1.4.2', capabilities: { add: ['NET_ADMIN'] } };
    const viaAgent = Testing.chart();
    new DaemonSet(viaAgent, 'agent').addAgentContainer(props);
    const viaKplus = Testing.chart();
    new DaemonSet(viaKplus, 'agent').addContainer(props);
    expect(Testing.synth(viaAgent)).toEqual(Testing.synth(viaKplus));
  });

  test('addAgentInitContainer adds an init container with the same options', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'agent', { containers: [{ name: 'main', image: 'registry.example.com/agent:1.4.2' }] });
    ds.addAgentInitContainer({ name: 'setup', image: 'registry.example.com/setup:1.0.0', capabilities: { add: ['CHOWN'] } });
    const init = podSpec(chart).initContainers;
    expect(init.map((c: any) => c.name)).toEqual(['setup']);
    expect(init[0].securityContext.capabilities).toEqual({ add: ['CHOWN'], drop: ['ALL'] });
  });
});

describe('rejects bad addAgentContainer input', () => {
  test('a duplicate name, with a DaemonSetsError naming the construct', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'agent', { containers: [{ name: 'main', image: 'registry.example.com/agent:1.4.2' }] });
    let error: unknown;
    try {
      ds.addAgentContainer({ name: 'main', image: 'registry.example.com/other:1.0.0' });
    } catch (e) {
      error = e;
    }
    expect(DaemonSetsErrors.isDaemonSetsError(error)).toBe(true);
    expect((error as Error).message).toMatch(/DaemonSet '.*agent': container 'main': a container or init container named 'main' already exists/);
  });

  test('a capability that is not a Linux capability name', () => {
    const ds = new DaemonSet(Testing.chart(), 'agent');
    expect(() => ds.addAgentContainer({ name: 'x', image: 'registry.example.com/x:1.0.0', capabilities: { add: ['NOT A CAP'] } })).toThrow(/capabilities\.add/);
  });
});
