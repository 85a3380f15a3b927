import { isExtendedResource, podLimits, podRequests } from '../../src/k8s/pod-requests';

const Mi = 2 ** 20;

function c(name: string, requests?: { [r: string]: string }, limits?: { [r: string]: string }, extra: object = {}) {
  return { name, image: `registry.example.com/${name}:1.0.0`, resources: { ...(requests ? { requests } : {}), ...(limits ? { limits } : {}) }, ...extra };
}

describe('pod effective requests', () => {
  test('app containers are summed; every pod counts as one pod', () => {
    expect(podRequests({ containers: [c('a', { cpu: '50m', memory: '64Mi' }), c('b', { cpu: '10m', memory: '20Mi' })] }))
      .toEqual({ cpu: 0.06, memory: 84 * Mi, pods: 1 });
  });

  test('a limit without a request is the request (API server defaulting)', () => {
    expect(podRequests({ containers: [c('a', { memory: '64Mi' }, { cpu: '1', memory: '256Mi' })] })).toEqual({ cpu: 1, memory: 64 * Mi, pods: 1 });
  });

  test('init containers: the largest one is the effective init request, compared with the app sum (docs: Init Containers, Resource sharing)', () => {
    const spec = {
      initContainers: [c('init-1', { cpu: '200m', memory: '16Mi' }), c('init-2', { cpu: '50m', memory: '300Mi' })],
      containers: [c('app', { cpu: '100m', memory: '128Mi' })],
    };
    // cpu: max(100m, max(200m, 50m)) = 200m; memory: max(128Mi, 300Mi) = 300Mi
    expect(podRequests(spec)).toEqual({ cpu: 0.2, memory: 300 * Mi, pods: 1 });
  });

  test('sidecars (restartPolicy: Always) add to the app containers (docs: Sidecar containers, Resource sharing within containers)', () => {
    const spec = {
      initContainers: [c('proxy', { cpu: '10m', memory: '20Mi' }, undefined, { restartPolicy: 'Always' })],
      containers: [c('app', { cpu: '50m', memory: '64Mi' })],
    };
    expect(podRequests(spec)).toEqual({ cpu: 0.06, memory: 84 * Mi, pods: 1 });
  });

  test('an init container after a sidecar runs beside it: their sum competes with the app sum', () => {
    const spec = {
      initContainers: [
        c('proxy', { cpu: '10m', memory: '20Mi' }, undefined, { restartPolicy: 'Always' }),
        c('migrate', { cpu: '100m', memory: '200Mi' }),
      ],
      containers: [c('app', { cpu: '50m', memory: '64Mi' })],
    };
    // app + sidecar = 60m / 84Mi; migrate + sidecar = 110m / 220Mi
    expect(podRequests(spec)).toEqual({ cpu: 0.11, memory: 220 * Mi, pods: 1 });
  });

  test('an init container before a sidecar does not run beside it', () => {
    const spec = {
      initContainers: [
        c('migrate', { cpu: '100m', memory: '200Mi' }),
        c('proxy', { cpu: '10m', memory: '20Mi' }, undefined, { restartPolicy: 'Always' }),
      ],
      containers: [c('app', { cpu: '50m', memory: '64Mi' })],
    };
    expect(podRequests(spec)).toEqual({ cpu: 0.1, memory: 200 * Mi, pods: 1 });
  });

  test('pod overhead is added (docs: Pod Overhead example, 2000m/200Mi + 250m/120Mi)', () => {
    const spec = {
      overhead: { cpu: '250m', memory: '120Mi' },
      containers: [c('busybox-ctr', undefined, { cpu: '500m', memory: '100Mi' }), c('nginx-ctr', undefined, { cpu: '1500m', memory: '100Mi' })],
    };
    expect(podRequests(spec)).toEqual({ cpu: 2.25, memory: 320 * Mi, pods: 1 });
  });

  test('pod-level requests replace the containers\' cpu and memory', () => {
    const spec = { resources: { requests: { cpu: '300m', memory: '256Mi' } }, containers: [c('a', { 'cpu': '50m', 'memory': '64Mi', 'ephemeral-storage': '1Gi' })] };
    expect(podRequests(spec)).toEqual({ 'cpu': 0.3, 'memory': 256 * Mi, 'ephemeral-storage': 2 ** 30, 'pods': 1 });
  });

  test('extended resources are summed; ephemeral containers are not counted', () => {
    const spec = {
      containers: [c('a', { 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '1' })],
      ephemeralContainers: [c('debug', { cpu: '1' })],
    };
    expect(podRequests(spec)).toEqual({ 'nvidia.com/gpu': 1, 'pods': 1 });
  });
});

describe('podLimits', () => {
  test('sums app containers and sidecars, takes the larger init container, adds overhead only where a limit is set', () => {
    const spec = {
      initContainers: [
        { name: 'setup', resources: { limits: { cpu: '2' } } },
        { name: 'proxy', restartPolicy: 'Always', resources: { limits: { cpu: '500m', memory: '64Mi' } } },
      ],
      containers: [c('app', { cpu: '100m' }, { cpu: '600m', memory: '128Mi' })],
      overhead: { 'cpu': '100m', 'ephemeral-storage': '1Gi' },
    };
    expect(podLimits(spec)).toEqual({ cpu: 2.1, memory: 192 * Mi });
  });

  test('a container without limits contributes nothing (requests never count as limits)', () => {
    expect(podLimits({ containers: [c('app', { cpu: '1' })] })).toEqual({});
  });
});

describe('isExtendedResource', () => {
  test.each([
    ['nvidia.com/gpu', true],
    ['example.com/rdma', true],
    ['cpu', false],
    ['hugepages-2Mi', false],
    ['kubernetes.io/something', false],
    ['sub.kubernetes.io/something', false],
  ])('%s: %s', (name, expected) => {
    expect(isExtendedResource(name)).toBe(expected);
  });
});
