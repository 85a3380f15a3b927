import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { containerNamed, synthDaemonSet, synthPodSpec } from './synth';
import { DaemonSet } from '../../src/daemon-set/daemon-set';
import { Hardening, HARDENING_UNVERIFIED_IMAGE } from '../../src/daemon-set/hardening';
import { DaemonSetsError } from '../../src/errors';
import { evaluatePodSecurity } from '../../src/k8s/pod-security';
import { LogCollectorDaemonSet, LogOutput } from '../../src/presets/log-collector';
import { NodeExporterDaemonSet } from '../../src/presets/node-exporter';
import { SeccompProfile } from '../../src/security';
import { hardeningUnverifiedImage } from '../../src/validation/rules/best-practice/hardening';

const NGINX = 'nginx:1.27';

/** The restricted defaults as the DaemonSet rendered them before `hardening` existed. */
const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
};
const RESTRICTED_POD = { fsGroupChangePolicy: 'Always', runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

function web(hardening?: Hardening, container: Partial<kplus.ContainerProps> = {}, props: object = {}) {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'web', { hardening, containers: [{ name: 'web', image: NGINX, ...container }], ...props });
  return { chart, ds };
}

describe('Hardening.RESTRICTED (the default)', () => {
  test('renders the restricted defaults, byte for byte the same as without the prop', () => {
    const implicit = web();
    const explicit = web(Hardening.RESTRICTED);
    expect(explicit.ds.hardening).toBe(Hardening.RESTRICTED);
    expect(implicit.ds.hardening).toBe(Hardening.RESTRICTED);
    const spec = synthPodSpec(implicit.chart);
    expect(spec.securityContext).toEqual(RESTRICTED_POD);
    expect(containerNamed(spec, 'web').securityContext).toEqual(RESTRICTED_CONTAINER);
    expect(JSON.stringify(Testing.synth(explicit.chart))).toBe(JSON.stringify(Testing.synth(implicit.chart)));
  });

  test('an nginx container gets an info finding naming the container, image, each default and the way out', () => {
    const { ds } = web();
    expect(ds.infos).toHaveLength(1);
    const info = ds.infos[0];
    expect(info).toMatch(/^DaemonSet 'test\/web': container 'web' \(image 'nginx:1.27'\) gets the restricted hardening defaults /);
    for (const applied of ['runAsNonRoot: true', 'readOnlyRootFilesystem: true', 'allowPrivilegeEscalation: false', 'capabilities.drop: [ALL]', 'seccompProfile: RuntimeDefault']) {
      expect(info).toContain(applied);
    }
    expect(info).toContain('it runs as root, so the kubelet refuses runAsNonRoot');
    expect(info).toContain('it writes outside its volumes');
    expect(info).toContain('hardening: Hardening.BASELINE');
    expect(info).toContain('securityContext.user');
    expect(info).toMatch(/\(at spec\.template\.spec\.containers\[0\]\.securityContext\) \(rule: best-practice\/hardening-unverified-image\)$/);
    expect(HARDENING_UNVERIFIED_IMAGE).toBe('best-practice/hardening-unverified-image');
  });

  test('the finding\'s id is the documented rule\'s, which finds nothing in manifests (they do not tell defaults from choices)', () => {
    const { chart } = web();
    expect(hardeningUnverifiedImage.id).toBe(HARDENING_UNVERIFIED_IMAGE);
    expect(hardeningUnverifiedImage.check({ objects: Testing.synth(chart), kubernetesVersion: '1.31', expectedNodeCount: 3 })).toEqual([]);
  });

  test('an image the table does not know: the finding says it is not known to run that way', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'agent', {
      initContainers: [{ name: 'setup', image: 'registry.example.com/setup:1.0.0' }],
      containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
    });
    expect(ds.infos).toHaveLength(2);
    expect(ds.infos[0]).toContain('init container \'setup\' (image \'registry.example.com/setup:1.0.0\')');
    expect(ds.infos[0]).toContain('(at spec.template.spec.initContainers[0].securityContext)');
    expect(ds.infos[1]).toContain('the image is not known to run that way');
    expect(ds.infos[1]).toContain('(at spec.template.spec.containers[0].securityContext)');
  });

  test('a known image with a named USER: the finding says why runAsNonRoot cannot be verified', () => {
    const { ds } = web(undefined, { image: 'quay.io/prometheus/node-exporter:v1.12.1' });
    expect(ds.infos).toHaveLength(1);
    expect(ds.infos[0]).toContain('its USER is \'nobody\', a name the kubelet cannot verify as non-root');
    expect(ds.infos[0]).not.toContain('writes outside its volumes');
  });

  test('no finding for an image known to run that way, or when the user chose the fields', () => {
    expect(web(undefined, { image: 'gcr.io/distroless/static-debian12:nonroot' }).ds.infos).toEqual([]);
    expect(web(undefined, { image: 'quay.io/brancz/kube-rbac-proxy:v0.20.2' }).ds.infos).toEqual([]);
    expect(web(undefined, { securityContext: { user: 101 } }).ds.infos).toEqual([]);
    expect(web(undefined, { securityContext: { ensureNonRoot: true } }).ds.infos).toEqual([]);
    expect(web(undefined, { securityContext: { readOnlyRootFilesystem: false } }).ds.infos).toEqual([]);
    expect(web(undefined, {}, { securityContext: { user: 101 } }).ds.infos).toEqual([]);
    expect(web(undefined, {}, { securityContext: { ensureNonRoot: false } }).ds.infos).toEqual([]);
  });

  test('containers added later are checked too', () => {
    const { ds } = web(undefined, { image: 'gcr.io/distroless/static-debian12:nonroot' });
    expect(ds.infos).toEqual([]);
    ds.addContainer({ name: 'sidecar', image: 'httpd:2.4' });
    expect(ds.infos).toHaveLength(1);
    expect(ds.infos[0]).toContain('container \'sidecar\' (image \'httpd:2.4\')');
  });
});

describe('Hardening.BASELINE', () => {
  test('nginx passes the Pod Security baseline level, writes only seccomp RuntimeDefault, and has no finding', () => {
    const { chart, ds } = web(Hardening.BASELINE);
    const rendered = synthDaemonSet(chart);
    const spec = rendered.spec.template.spec;
    expect(spec.securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
    expect(containerNamed(spec, 'web')).not.toHaveProperty('securityContext');
    const evaluation = evaluatePodSecurity(spec, rendered.spec.template.metadata);
    expect(evaluation.level).toBe('baseline');
    expect(evaluation.reasons.every(r => r.level === 'restricted')).toBe(true);
    expect(evaluation.reasons.map(r => r.check)).toEqual(expect.arrayContaining(['allowPrivilegeEscalation', 'runAsNonRoot', 'capabilities_restricted']));
    expect(ds.infos).toEqual([]);
  });

  test('explicit settings win over the level', () => {
    const { chart } = web(Hardening.BASELINE, {
      securityContext: { readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, user: 101 },
    }, { securityContext: { ensureNonRoot: true, fsGroup: 101 }, seccompProfile: SeccompProfile.localhost('profiles/web.json') });
    const spec = synthPodSpec(chart);
    expect(spec.securityContext).toEqual({
      fsGroup: 101,
      runAsNonRoot: true,
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/web.json' },
    });
    expect(containerNamed(spec, 'web').securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsUser: 101 });
  });

  test('capabilities given are kept, none dropped by default', () => {
    const { chart } = web(Hardening.BASELINE, { capabilities: { add: ['NET_BIND_SERVICE'] } } as object);
    expect(containerNamed(synthPodSpec(chart), 'web').securityContext).toEqual({ capabilities: { add: ['NET_BIND_SERVICE'] } });
  });

  test('a privileged container gets no allowPrivilegeEscalation: false the API server would reject', () => {
    const { chart } = web(Hardening.BASELINE, { securityContext: { privileged: true } });
    expect(containerNamed(synthPodSpec(chart), 'web').securityContext).toEqual({ privileged: true });
  });
});

describe('Hardening.NONE', () => {
  test('no security context keys from the defaults, on the container or the pod', () => {
    const { chart, ds } = web(Hardening.NONE);
    const spec = synthPodSpec(chart);
    expect(spec).not.toHaveProperty('securityContext');
    expect(containerNamed(spec, 'web')).not.toHaveProperty('securityContext');
    expect(ds.infos).toEqual([]);
  });

  test('only what the user set', () => {
    const { chart } = web(Hardening.NONE, { securityContext: { user: 1000, ensureNonRoot: true } }, { securityContext: { group: 3000 } });
    const spec = synthPodSpec(chart);
    expect(spec.securityContext).toEqual({ runAsGroup: 3000 });
    expect(containerNamed(spec, 'web').securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1000 });
  });

  test('a seccompProfile given is still written', () => {
    const { chart } = web(Hardening.NONE, {}, { seccompProfile: SeccompProfile.runtimeDefault() });
    expect(synthPodSpec(chart).securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
  });

  test('init containers and containers added later alike', () => {
    const { chart, ds } = web(Hardening.NONE, {}, { initContainers: [{ name: 'setup', image: 'busybox:1.36' }] });
    ds.addContainer({ name: 'late', image: 'busybox:1.36', capabilities: { drop: ['NET_RAW'] } } as kplus.ContainerProps);
    const spec = synthPodSpec(chart);
    expect(containerNamed(spec, 'setup')).not.toHaveProperty('securityContext');
    expect(containerNamed(spec, 'late').securityContext).toEqual({ capabilities: { drop: ['NET_RAW'] } });
  });
});

test('a hardening value that is no level is refused, naming the allowed values', () => {
  const make = () => web('strict' as Hardening);
  expect(make).toThrow(DaemonSetsError);
  expect(make).toThrow(/DaemonSet 'test\/web'.*hardening.*strict.*restricted, baseline, none/);
});

test('the presets choose their users, so the finding never fires on them', () => {
  const chart = Testing.chart();
  const ne = new NodeExporterDaemonSet(chart, 'ne');
  const logs = new LogCollectorDaemonSet(chart, 'logs', { outputs: [LogOutput.elasticsearch({ host: 'es.logging.svc', port: 9200 })] });
  expect(ne.hardening).toBe(Hardening.RESTRICTED);
  expect(ne.infos).toEqual([]);
  expect(logs.infos).toEqual([]);
});

describe('an explicit root is never contradicted by the restricted runAsNonRoot default', () => {
  // runAsNonRoot: true beside runAsUser: 0 makes the kubelet refuse the container (CreateContainerConfigError).
  test.each([
    ['pod uid 0', { securityContext: { user: 0 } }, {}],
    ['pod ensureNonRoot: false', { securityContext: { ensureNonRoot: false } }, {}],
    ['pod uid 0 and ensureNonRoot: false', { securityContext: { user: 0, ensureNonRoot: false } }, {}],
  ])('%s: pod and container say runAsNonRoot: false, the other defaults stay', (_name, props, container) => {
    const { chart } = web(undefined, container, props);
    const spec = synthPodSpec(chart);
    expect(spec.securityContext.runAsNonRoot).toBe(false);
    expect(spec.containers[0].securityContext).toEqual({ ...RESTRICTED_CONTAINER, runAsNonRoot: false });
  });

  test('container uid 0: that container says runAsNonRoot: false (its own setting wins over the pod\'s default)', () => {
    const { chart } = web(undefined, { securityContext: { user: 0 } });
    expect(containerNamed(synthPodSpec(chart), 'web').securityContext).toEqual({ ...RESTRICTED_CONTAINER, runAsNonRoot: false, runAsUser: 0 });
  });

  test('a container that sets its own non-root uid keeps the default under a root pod', () => {
    const { chart } = web(undefined, { securityContext: { user: 101 } }, { securityContext: { user: 0 } });
    expect(containerNamed(synthPodSpec(chart), 'web').securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 101 });
  });
});
