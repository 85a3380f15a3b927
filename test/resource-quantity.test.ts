import { Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { AgentResources, DaemonSet, ExtendedResource } from '../src';
import { DaemonSetsError } from '../src/errors';
import { ContainerResourceQuantities, formatSizeAsWritten, ResourceQuantity } from '../src/resources';

const IMAGE = 'registry.example.com/agent:1.4.2';

function resourcesOf(containers: object[]): any[] {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: containers.map((c, i) => ({ name: `c${i}`, image: IMAGE, ...c })) });
  return Testing.synth(chart).find(o => o.kind === 'DaemonSet').spec.template.spec.containers.map((c: any) => c.resources);
}

function construct(container: object): () => void {
  return () => new DaemonSet(Testing.chart(), 'ds', { containers: [{ name: 'agent', image: IMAGE, ...container }] });
}

describe('sizes are rendered in the unit they were written in', () => {
  test.each([
    [Size.gibibytes(2), '2Gi'],
    [Size.mebibytes(64), '64Mi'],
    [Size.mebibytes(2048), '2048Mi'],
    [Size.kibibytes(2048), '2048Ki'],
    [Size.tebibytes(1), '1Ti'],
    [Size.pebibyte(1), '1Pi'],
    [Size.gibibytes(0), '0Gi'],
    // a fraction of the unit written: whole Mi (Kubernetes' own canonical form), else Ki, as before
    [Size.gibibytes(1.5), '1536Mi'],
    [Size.mebibytes(0.5), '512Ki'],
  ])('%s → %s', (size, text) => {
    expect(formatSizeAsWritten(size)).toBe(text);
  });

  test('Size.gibibytes(2) reaches the YAML as 2Gi; the agent defaults stay 64Mi / 256Mi', () => {
    const [sized, defaults] = resourcesOf([{ resources: { memory: { request: Size.mebibytes(1024), limit: Size.gibibytes(2) } } }, {}]);
    expect(sized).toEqual({ requests: { cpu: '50m', memory: '1024Mi' }, limits: { memory: '2Gi' } });
    expect(defaults).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  });

  test('ephemeral storage keeps its unit too', () => {
    const [r] = resourcesOf([{ resources: { ephemeralStorage: { request: Size.mebibytes(512), limit: Size.gibibytes(4) } } }]);
    expect(r.requests['ephemeral-storage']).toBe('512Mi');
    expect(r.limits['ephemeral-storage']).toBe('4Gi');
  });
});

describe('ResourceQuantity', () => {
  test('keeps the text and its value in base units', () => {
    expect(ResourceQuantity.of('2Gi')).toMatchObject({ quantity: '2Gi', value: 2 * 2 ** 30 });
    expect(ResourceQuantity.of('500m')).toMatchObject({ quantity: '500m', value: 0.5 });
    expect(ResourceQuantity.of('1G').value).toBe(1e9);
  });

  test.each([
    ['', /ResourceQuantity\.of: '' is empty; use a Kubernetes quantity/],
    [' 2Gi', /' 2Gi' has spaces around it/],
    ['-1', /'-1' is negative; a resource amount must be greater than or equal to 0/],
    ['2GB', /'2GB' is not a quantity; use a Kubernetes quantity: .*'64Mi', '2Gi'/],
  ])('rejects %j', (text, message) => {
    expect(() => ResourceQuantity.of(text)).toThrow(DaemonSetsError);
    expect(() => ResourceQuantity.of(text)).toThrow(message);
  });

  test('rejects a value that is not a string', () => {
    expect(() => ResourceQuantity.of(2 as any)).toThrow(/ResourceQuantity\.of.*quantity/);
  });
});

describe('resourceQuantities: quantities written verbatim', () => {
  test('the Volcengine demo: requests 500m / 1024Mi, limits 1 / 2Gi, and RDMA under limits only', () => {
    const [r] = resourcesOf([{
      resourceQuantities: {
        cpu: { request: ResourceQuantity.of('500m'), limit: ResourceQuantity.of('1') },
        memory: { request: ResourceQuantity.of('1024Mi'), limit: ResourceQuantity.of('2Gi') },
      },
      extendedResources: [ExtendedResource.of('vke.volcengine.com/rdma', 2, { limitOnly: true })],
    }]);
    expect(r).toEqual({
      limits: { 'cpu': '1', 'memory': '2Gi', 'vke.volcengine.com/rdma': 2 },
      requests: { cpu: '500m', memory: '1024Mi' },
    });
    // cpu, memory, ephemeral-storage, then extended resources: one order whichever prop gave them
    expect(Object.keys(r.limits)).toEqual(['cpu', 'memory', 'vke.volcengine.com/rdma']);
  });

  test('a resource given here replaces its agent default; the others keep theirs', () => {
    const [r] = resourcesOf([{ resourceQuantities: { memory: { limit: ResourceQuantity.of('1G') } } }]);
    expect(r).toEqual({ requests: { cpu: '50m' }, limits: { memory: '1G' } });
  });

  test('typed and verbatim resources mix, in the usual key order', () => {
    const [r] = resourcesOf([{
      resources: { memory: { request: Size.mebibytes(128) } },
      resourceQuantities: { cpu: { request: ResourceQuantity.of('0.25') }, ephemeralStorage: { limit: ResourceQuantity.of('10G') } },
    }]);
    expect(r).toEqual({ requests: { cpu: '0.25', memory: '128Mi' }, limits: { 'ephemeral-storage': '10G' } });
    expect(Object.keys(r.requests)).toEqual(['cpu', 'memory']);
  });

  test('an explicit zero request is written', () => {
    const [r] = resourcesOf([{ resourceQuantities: { cpu: { request: ResourceQuantity.of('0') } } }]);
    expect(r.requests.cpu).toBe('0');
  });

  test('{} for a resource means no request and no limit for it', () => {
    const [r] = resourcesOf([{ resourceQuantities: { cpu: {} } }]);
    expect(r).toEqual({ requests: { memory: '64Mi' }, limits: { memory: '256Mi' } });
  });

  test.each<[string, ContainerResourceQuantities | undefined, object | undefined, RegExp]>([
    ['both props give cpu', { cpu: { request: ResourceQuantity.of('1') } }, { cpu: { request: kplus.Cpu.millis(100) } },
      /container 'agent': cpu is given in both resources\.cpu and resourceQuantities\.cpu; give it in one of them/],
    ['a request above its limit', { memory: { request: ResourceQuantity.of('2Gi'), limit: ResourceQuantity.of('1G') } }, undefined,
      /container 'agent': requests memory 2Gi but limits it to 1G; a request must not exceed its limit/],
    ['fractional bytes', { memory: { limit: ResourceQuantity.of('1.5001Mi') } }, undefined,
      /resourceQuantities\.memory\.limit is 1\.5001Mi, a fractional number of bytes/],
    ['less than a millicore', { cpu: { request: ResourceQuantity.of('0.0001') } }, undefined,
      /resourceQuantities\.cpu\.request is 0\.0001, finer than a millicore/],
    ['a string instead of a ResourceQuantity', { cpu: { limit: '1' as any } }, undefined,
      /resourceQuantities\.cpu\.limit.*ResourceQuantity\.of/],
    ['not an object', 'lots' as any, undefined, /resourceQuantities/],
  ])('rejects %s', (_, resourceQuantities, resources, message) => {
    expect(construct({ resourceQuantities, resources })).toThrow(DaemonSetsError);
    expect(construct({ resourceQuantities, resources })).toThrow(message);
  });
});

describe('explicit "no request" for cpu and memory', () => {
  test('AgentResources.noCpu(): no cpu at all, memory keeps its default', () => {
    const [r] = resourcesOf([{ resources: { cpu: AgentResources.noCpu() } }]);
    expect(r).toEqual({ requests: { memory: '64Mi' }, limits: { memory: '256Mi' } });
  });

  test('AgentResources.noMemory(): no memory at all, cpu keeps its default', () => {
    const [r] = resourcesOf([{ resources: { memory: AgentResources.noMemory() } }]);
    expect(r).toEqual({ requests: { cpu: '50m' } });
  });

  test('neither: the container has no resources field; an extended resource alone stays', () => {
    const none = { cpu: AgentResources.noCpu(), memory: AgentResources.noMemory() };
    const [bare, gpu] = resourcesOf([{ resources: none }, { resources: none, extendedResources: [ExtendedResource.nvidiaGpu(1)] }]);
    expect(bare).toBeUndefined();
    expect(gpu).toEqual({ limits: { 'nvidia.com/gpu': 1 }, requests: { 'nvidia.com/gpu': 1 } });
  });

  test('a limit without a request writes the limit only (Kubernetes then requests the limit)', () => {
    const [r] = resourcesOf([{ resources: { cpu: { limit: kplus.Cpu.units(1) }, memory: { limit: Size.gibibytes(1) } } }]);
    expect(r).toEqual({ limits: { cpu: '1', memory: '1Gi' } });
  });
});
