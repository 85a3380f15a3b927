import { Chart, Duration, Size, Testing, Yaml } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  CONFIG_CHECKSUM_PREFIX,
  DaemonSet,
  DaemonSetContainerProps,
  DaemonSetServiceType,
  DaemonSetUpdateStrategy,
  ExtendedResource,
  HealthProbe,
  NodePlacement,
  ScrapeScheme,
  SeccompProfile,
  ServiceTrafficPolicy,
  Timezone,
} from '../src';

// ---------------------------------------------------------------------------
// helpers: find the synthesized objects by kind
// ---------------------------------------------------------------------------

function ofKind(manifests: any[], kind: string): any[] {
  return manifests.filter(m => m.kind === kind);
}

function onlyOfKind(manifests: any[], kind: string): any {
  const found = ofKind(manifests, kind);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The single DaemonSet of the chart, synthesized. */
function synthDaemonSet(chart: Chart): any {
  return onlyOfKind(Testing.synth(chart), 'DaemonSet');
}

/** The pod spec of the chart's single DaemonSet. */
function synthPodSpec(chart: Chart): any {
  return synthDaemonSet(chart).spec.template.spec;
}

/** A container (or init container) of a rendered pod spec, by name. */
function containerNamed(podSpec: any, name: string): any {
  const found = [...podSpec.initContainers ?? [], ...podSpec.containers ?? []].filter((c: any) => c.name === name);
  expect(found).toHaveLength(1);
  return found[0];
}

const SELECTOR_LABEL = 'cdk8s.io/metadata.addr';
const DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

// ---------------------------------------------------------------------------
// Basics
// ---------------------------------------------------------------------------

test('metadata: name, namespace, labels and annotations are emitted as given', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { name: 'node-agent', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'agent', 'tier': 'node' }, annotations: { team: 'sre' } },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const ds = synthDaemonSet(chart);
  expect(ds.apiVersion).toEqual('apps/v1');
  expect(ds.metadata.name).toEqual('node-agent');
  expect(ds.metadata.namespace).toEqual('monitoring');
  expect(ds.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'agent', 'tier': 'node' });
  expect(ds.metadata.annotations).toEqual({ team: 'sre' });
});

test('metadata: namespace defaults to the chart namespace', () => {
  const chart = new Chart(Testing.app(), 'agents', { namespace: 'kube-system' });
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const ds = synthDaemonSet(chart);
  expect(ds.metadata.namespace).toEqual('kube-system');
  expect(ds.metadata.name).toMatch(/^agents-ds-[0-9a-f]{8}$/);
});

test('metadata: description and changeCause become kubernetes.io annotations', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    metadata: { annotations: { team: 'sre' } },
    description: 'Ships node logs to Elasticsearch',
    changeCause: 'bump agent to 1.4.2',
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const ds = synthDaemonSet(chart);
  expect(ds.metadata.annotations).toEqual({
    'team': 'sre',
    'kubernetes.io/description': 'Ships node logs to Elasticsearch',
    'kubernetes.io/change-cause': 'bump agent to 1.4.2',
  });
});

test('metadata: pod template labels and annotations come from podMetadata, next to the selector labels', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    podMetadata: { labels: { 'app.kubernetes.io/name': 'agent' }, annotations: { 'sidecar.istio.io/inject': 'false' } },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const ds = synthDaemonSet(chart);
  // The selector comes from the name: the podMetadata's app.kubernetes.io/name, and the DaemonSet's name as instance.
  const selector = { 'app.kubernetes.io/name': 'agent', 'app.kubernetes.io/instance': ds.metadata.name };
  expect(ds.spec.selector).toEqual({ matchLabels: selector });
  expect(ds.spec.template.metadata.labels).toEqual(selector);
  expect(ds.spec.template.metadata.labels[SELECTOR_LABEL]).toBeUndefined();
  expect(ds.spec.template.metadata.annotations).toEqual({ 'sidecar.istio.io/inject': 'false' });
});

test('metadata: names must be DNS-1123 and unique per namespace', () => {
  expect(() => new DaemonSet(Testing.chart(), 'ds', { metadata: { name: 'Node_Agent' } })).toThrow(/metadata\.name: 'Node_Agent' must consist of lower-case alphanumerics/);

  const chart = Testing.chart();
  new DaemonSet(chart, 'a', { metadata: { name: 'agent', namespace: 'monitoring' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  new DaemonSet(chart, 'b', { metadata: { name: 'agent', namespace: 'monitoring' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(() => Testing.synth(chart)).toThrow(/DaemonSet 'test\/a': name 'agent' is also used by 'test\/b[^']*' in namespace 'monitoring'; DaemonSet names must be unique per namespace/);

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'a', { metadata: { name: 'agent', namespace: 'monitoring' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  new DaemonSet(chart2, 'b', { metadata: { name: 'agent', namespace: 'logging' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(ofKind(Testing.synth(chart2), 'DaemonSet').map(d => `${d.metadata.namespace}/${d.metadata.name}`)).toEqual(['monitoring/agent', 'logging/agent']);
});

test('metadata: no namespace means the default namespace when checking name uniqueness', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'a', { metadata: { name: 'agent' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  new DaemonSet(chart, 'b', { metadata: { name: 'agent', namespace: 'default' }, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(() => Testing.synth(chart)).toThrow(/DaemonSet names must be unique per namespace/);
});

// ---------------------------------------------------------------------------
// Timezone
// ---------------------------------------------------------------------------

test('timezone: fromNode mounts the node /etc/localtime (File, read-only) in every container, init and later-added ones included', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    timezone: Timezone.fromNode(),
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }, { name: 'reloader', image: 'registry.example.com/reloader:0.3' }],
  });
  ds.addContainer({ name: 'late', image: 'registry.example.com/late:2.0' });
  ds.addInitContainer({ name: 'late-init', image: 'busybox:1.36' });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([{ name: 'localtime', hostPath: { path: '/etc/localtime', type: 'File' } }]);
  for (const name of ['setup', 'late-init', 'agent', 'reloader', 'late']) {
    expect(containerNamed(spec, name).volumeMounts).toEqual([{ name: 'localtime', mountPath: '/etc/localtime', readOnly: true }]);
  }
  expect(spec.initContainers.map((c: any) => c.name)).toEqual(['setup', 'late-init']);
  expect(spec.containers.map((c: any) => c.name)).toEqual(['agent', 'reloader', 'late']);
});

test('timezone: of() sets TZ in every container, but a container that sets TZ keeps its own', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    timezone: Timezone.of('Asia/Shanghai'),
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { LOG_LEVEL: kplus.EnvValue.fromValue('info') } },
      { name: 'utc', image: 'registry.example.com/utc:1.0', envVariables: { TZ: kplus.EnvValue.fromValue('UTC') } },
    ],
  });
  ds.addContainer({ name: 'late', image: 'registry.example.com/late:2.0' });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'setup').env).toEqual([{ name: 'TZ', value: 'Asia/Shanghai' }]);
  expect(containerNamed(spec, 'agent').env).toEqual([{ name: 'LOG_LEVEL', value: 'info' }, { name: 'TZ', value: 'Asia/Shanghai' }]);
  expect(containerNamed(spec, 'utc').env).toEqual([{ name: 'TZ', value: 'UTC' }]);
  expect(containerNamed(spec, 'late').env).toEqual([{ name: 'TZ', value: 'Asia/Shanghai' }]);
  expect(spec.volumes).toBeUndefined();
});

// ---------------------------------------------------------------------------
// Containers
// ---------------------------------------------------------------------------

test('containers: several containers and init containers, in order, with command, args and workingDir', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    initContainers: [
      { name: 'wait-for-kubelet', image: 'busybox:1.36', command: ['sh', '-c'], args: ['until [ -S /var/lib/kubelet/pod-resources/kubelet.sock ]; do sleep 1; done'] },
      { name: 'migrate', image: 'registry.example.com/agent:1.4.2', command: ['/agent', 'migrate'] },
    ],
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', command: ['/agent'], args: ['--config=/etc/agent/agent.yaml', '--v=2'], workingDir: '/var/lib/agent' },
      { name: 'reloader', image: 'registry.example.com/reloader:0.3', args: ['--watch=/etc/agent'] },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(spec.initContainers.map((c: any) => c.name)).toEqual(['wait-for-kubelet', 'migrate']);
  expect(spec.containers.map((c: any) => c.name)).toEqual(['agent', 'reloader']);
  const wait = containerNamed(spec, 'wait-for-kubelet');
  expect(wait.image).toEqual('busybox:1.36');
  expect(wait.command).toEqual(['sh', '-c']);
  expect(wait.args).toEqual(['until [ -S /var/lib/kubelet/pod-resources/kubelet.sock ]; do sleep 1; done']);
  expect(containerNamed(spec, 'migrate').command).toEqual(['/agent', 'migrate']);
  const agent = containerNamed(spec, 'agent');
  expect(agent.image).toEqual('registry.example.com/agent:1.4.2');
  expect(agent.command).toEqual(['/agent']);
  expect(agent.args).toEqual(['--config=/etc/agent/agent.yaml', '--v=2']);
  expect(agent.workingDir).toEqual('/var/lib/agent');
  const reloader = containerNamed(spec, 'reloader');
  expect(reloader.command).toBeUndefined();
  expect(reloader.args).toEqual(['--watch=/etc/agent']);
  expect(reloader.workingDir).toBeUndefined();
});

test('containers: imagePullPolicy follows the Kubernetes defaulting rule unless given', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'tagged', image: 'registry.example.com/agent:1.4.2' },
      { name: 'digest', image: `registry.example.com/agent@${DIGEST}` },
      { name: 'tag-and-digest', image: `registry.example.com/agent:latest@${DIGEST}` },
      { name: 'latest', image: 'registry.example.com/agent:latest' },
      { name: 'untagged', image: 'registry.example.com/agent' },
      { name: 'registry-port', image: 'registry.example.com:5000/agent' },
      { name: 'explicit-never', image: 'registry.example.com/agent:latest', imagePullPolicy: kplus.ImagePullPolicy.NEVER },
      { name: 'explicit-always', image: 'registry.example.com/agent:1.4.2', imagePullPolicy: kplus.ImagePullPolicy.ALWAYS },
    ],
    initContainers: [{ name: 'init-untagged', image: 'busybox' }],
  });
  ds.addContainer({ name: 'late-pinned', image: 'registry.example.com:5000/agent:2.0' });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
  const spec = synthPodSpec(chart);
  warn.mockRestore();
  const policies = Object.fromEntries([...spec.initContainers, ...spec.containers].map((c: any) => [c.name, c.imagePullPolicy]));
  expect(policies).toEqual({
    'tagged': 'IfNotPresent',
    'digest': 'IfNotPresent',
    'tag-and-digest': 'IfNotPresent',
    'latest': 'Always',
    'untagged': 'Always',
    'registry-port': 'Always',
    'explicit-never': 'Never',
    'explicit-always': 'Always',
    'init-untagged': 'Always',
    'late-pinned': 'IfNotPresent',
  });
  // unpinned images (no tag, or latest) are reported as warnings, not errors
  expect(ds.warnings.map(w => w.match(/container '([^']+)'/)![1])).toEqual(['init-untagged', 'latest', 'untagged', 'registry-port', 'explicit-never']);
});

test('containers: container names must be unique across containers and init containers', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(() => ds.addContainer({ name: 'agent', image: 'registry.example.com/agent:1.4.2' })).toThrow(/a container or init container named 'agent' already exists/);
  expect(() => ds.addContainer({ name: 'setup', image: 'busybox:1.36' })).toThrow(/a container or init container named 'setup' already exists/);
  expect(() => new DaemonSet(Testing.chart(), 'ds', { containers: [{ name: 'Agent_1', image: 'busybox:1.36' }] })).toThrow(/container name 'Agent_1'/);
});

test('containers: several imagePullSecrets, and addImagePullSecret after construction', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull-a', 'registry-a'), kplus.Secret.fromSecretName(chart, 'pull-b', 'registry-b')],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  ds.addImagePullSecret(kplus.Secret.fromSecretName(chart, 'pull-c', 'registry-c'));
  expect(ds.imagePullSecretNames).toEqual(['registry-a', 'registry-b', 'registry-c']);
  expect(synthPodSpec(chart).imagePullSecrets).toEqual([{ name: 'registry-a' }, { name: 'registry-b' }, { name: 'registry-c' }]);
});

test('containers: addImagePullSecret alone emits a single pull secret', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthPodSpec(chart).imagePullSecrets).toBeUndefined();
  const chart2 = Testing.chart();
  const ds2 = new DaemonSet(chart2, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds2.addImagePullSecret(kplus.Secret.fromSecretName(chart2, 'pull', 'registry-a'));
  expect(synthPodSpec(chart2).imagePullSecrets).toEqual([{ name: 'registry-a' }]);
  expect(ds.imagePullSecretNames).toEqual([]);
});

// ---------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------

test('resources: DaemonSet-sized defaults (cpu request 50m, memory 64Mi/256Mi, no cpu limit) on containers and init containers', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  ds.addContainer({ name: 'late', image: 'registry.example.com/late:2.0' });
  const spec = synthPodSpec(chart);
  for (const name of ['setup', 'agent', 'late']) {
    expect(containerNamed(spec, name).resources).toEqual({
      requests: { cpu: '50m', memory: '64Mi' },
      limits: { memory: '256Mi' },
    });
  }
});

test('resources: giving cpu keeps the default memory, giving memory keeps the default cpu', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'cpu-only', image: 'registry.example.com/agent:1.4.2', resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) } } },
      { name: 'memory-only', image: 'registry.example.com/agent:1.4.2', resources: { memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } } },
      { name: 'units', image: 'registry.example.com/agent:1.4.2', resources: { cpu: { request: kplus.Cpu.units(1) }, memory: { limit: Size.gibibytes(1) } } },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'cpu-only').resources).toEqual({
    requests: { cpu: '100m', memory: '64Mi' },
    limits: { cpu: '500m', memory: '256Mi' },
  });
  expect(containerNamed(spec, 'memory-only').resources).toEqual({
    requests: { cpu: '50m', memory: '128Mi' },
    limits: { memory: '512Mi' },
  });
  expect(containerNamed(spec, 'units').resources).toEqual({
    requests: { cpu: '1' },
    limits: { memory: '1024Mi' },
  });
});

test('resources: extended resources (nvidia GPU, RDMA HCA) are emitted in both limits and requests', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'plain', image: 'registry.example.com/plain:1.0' },
      {
        name: 'dcgm',
        image: 'nvcr.io/nvidia/k8s/dcgm-exporter:3.3.5-3.4.0-ubuntu22.04',
        resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(200) } },
        extendedResources: [ExtendedResource.nvidiaGpu(1), ExtendedResource.rdmaHca(2)],
      },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'dcgm').resources).toEqual({
    requests: { 'cpu': '100m', 'memory': '64Mi', 'nvidia.com/gpu': 1, 'rdma/hca': 2 },
    limits: { 'cpu': '200m', 'memory': '256Mi', 'nvidia.com/gpu': 1, 'rdma/hca': 2 },
  });
  expect(containerNamed(spec, 'plain').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
});

test('resources: a request above its limit throws, naming the container', () => {
  expect(() => new DaemonSet(Testing.chart(), 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', resources: { cpu: { request: kplus.Cpu.millis(600), limit: kplus.Cpu.millis(500) } } }],
  })).toThrow(/container 'agent': requests cpu 600m but limits it to 500m; a request must not exceed its limit/);
  expect(() => new DaemonSet(Testing.chart(), 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', resources: { memory: { request: Size.mebibytes(512), limit: Size.mebibytes(256) } } }],
  })).toThrow(/container 'agent': requests memory 512Mi but limits it to 256Mi/);
});

test('resources: extended resources on an init container', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'plain-init', image: 'busybox:1.36' }, { name: 'gpu-init', image: 'registry.example.com/gpu-check:1.0', extendedResources: [ExtendedResource.nvidiaGpu(1)] }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'gpu-init').resources).toEqual({
    requests: { 'cpu': '50m', 'memory': '64Mi', 'nvidia.com/gpu': 1 },
    limits: { 'memory': '256Mi', 'nvidia.com/gpu': 1 },
  });
  expect(containerNamed(spec, 'plain-init').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  expect(containerNamed(spec, 'agent').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
});

test('resources: extended resources of a container added after construction reach that container only', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const gpu: DaemonSetContainerProps = { name: 'gpu', image: 'registry.example.com/gpu:1.0', extendedResources: [ExtendedResource.nvidiaGpu(2)] };
  ds.addContainer(gpu);
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'gpu').resources).toEqual({
    requests: { 'cpu': '50m', 'memory': '64Mi', 'nvidia.com/gpu': 2 },
    limits: { 'memory': '256Mi', 'nvidia.com/gpu': 2 },
  });
  expect(containerNamed(spec, 'agent').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
  expect(containerNamed(spec, 'setup').resources).toEqual({ requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } });
});

// ---------------------------------------------------------------------------
// Security
// ---------------------------------------------------------------------------

test('security: defaults drop ALL capabilities, forbid escalation, and set RuntimeDefault seccomp at pod level', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'agent').securityContext).toEqual({
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsNonRoot: true,
  });
  expect(spec.securityContext.seccompProfile).toEqual({ type: 'RuntimeDefault' });
  expect(spec.hostPID ?? false).toBe(false);
  expect(spec.hostIPC ?? false).toBe(false);
});

test('security: a privileged container allows privilege escalation and drops nothing', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'cni', image: 'registry.example.com/cni:1.0', securityContext: { privileged: true, ensureNonRoot: false, user: 0 } }],
  });
  const sc = containerNamed(synthPodSpec(chart), 'cni').securityContext;
  expect(sc.privileged).toBe(true);
  expect(sc.allowPrivilegeEscalation).toBe(true);
  expect(sc.capabilities).toBeUndefined();
  expect(sc.runAsNonRoot).toBe(false);
  expect(sc.runAsUser).toEqual(0);
});

test('security: runAsUser, runAsGroup, runAsNonRoot and readOnlyRootFilesystem on containers and pod', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    securityContext: { user: 65534, group: 65534, fsGroup: 2000, ensureNonRoot: true },
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', securityContext: { user: 1000, group: 3000, ensureNonRoot: true, readOnlyRootFilesystem: true } },
      { name: 'writer', image: 'registry.example.com/writer:1.0', securityContext: { readOnlyRootFilesystem: false, allowPrivilegeEscalation: false } },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(spec.securityContext).toEqual({
    runAsUser: 65534,
    runAsGroup: 65534,
    fsGroup: 2000,
    fsGroupChangePolicy: 'Always',
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
  });
  expect(containerNamed(spec, 'agent').securityContext).toEqual({
    allowPrivilegeEscalation: false,
    capabilities: { drop: ['ALL'] },
    privileged: false,
    readOnlyRootFilesystem: true,
    runAsGroup: 3000,
    runAsNonRoot: true,
    runAsUser: 1000,
  });
  const writer = containerNamed(spec, 'writer').securityContext;
  expect(writer.readOnlyRootFilesystem).toBe(false);
  expect(writer.allowPrivilegeEscalation).toBe(false);
});

test('security: capabilities add/drop are emitted without the CAP_ prefix', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'ntp', image: 'registry.example.com/ntp:1.0', capabilities: { add: ['SYS_TIME', 'CAP_NET_BIND_SERVICE'], drop: ['ALL'] } },
      { name: 'keep-some', image: 'registry.example.com/agent:1.4.2', capabilities: { drop: ['NET_RAW', 'CAP_MKNOD'] } },
      { name: 'add-only', image: 'registry.example.com/agent:1.4.2', capabilities: { add: ['NET_ADMIN'] } },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'ntp').securityContext.capabilities).toEqual({ add: ['SYS_TIME', 'NET_BIND_SERVICE'], drop: ['ALL'] });
  expect(containerNamed(spec, 'keep-some').securityContext.capabilities).toEqual({ drop: ['NET_RAW', 'MKNOD'] });
  expect(containerNamed(spec, 'add-only').securityContext.capabilities).toEqual({ add: ['NET_ADMIN'], drop: ['ALL'] });
});

test('security: cdk8s-plus securityContext.capabilities (kplus.Capability) are emitted without the CAP_ prefix', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'net', image: 'registry.example.com/net:1.0', securityContext: { capabilities: { add: [kplus.Capability.NET_ADMIN, kplus.Capability.NET_RAW] } } },
      { name: 'both', image: 'registry.example.com/net:1.0', securityContext: { capabilities: { add: [kplus.Capability.SYS_PTRACE], drop: [kplus.Capability.MKNOD] } } },
    ],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'net').securityContext.capabilities).toEqual({ add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] });
  expect(containerNamed(spec, 'both').securityContext.capabilities).toEqual({ add: ['SYS_PTRACE'], drop: ['MKNOD'] });
});

test('security: seccompProfile Localhost and Unconfined at pod level', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    seccompProfile: SeccompProfile.localhost('profiles/agent.json'),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthPodSpec(chart).securityContext.seccompProfile).toEqual({ type: 'Localhost', localhostProfile: 'profiles/agent.json' });

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', {
    seccompProfile: SeccompProfile.unconfined(),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthPodSpec(chart2).securityContext.seccompProfile).toEqual({ type: 'Unconfined' });
});

test('security: hostPid and hostIpc', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    hostPid: true,
    hostIpc: true,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.hostPID).toBe(true);
  expect(spec.hostIPC).toBe(true);
  expect(ds.hostPid).toBe(true);
  expect(ds.hostIpc).toBe(true);
});

test('security: service account token is not mounted by default, and is mounted when a serviceAccount is given', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthPodSpec(chart);
  expect(spec.automountServiceAccountToken).toBe(false);
  expect(spec.serviceAccountName).toBeUndefined();

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', {
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart2, 'sa', 'node-agent'),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec2 = synthPodSpec(chart2);
  expect(spec2.automountServiceAccountToken).toBe(true);
  expect(spec2.serviceAccountName).toEqual('node-agent');

  const chart3 = Testing.chart();
  new DaemonSet(chart3, 'ds', {
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart3, 'sa', 'node-agent'),
    automountServiceAccountToken: false,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthPodSpec(chart3).automountServiceAccountToken).toBe(false);
});

// ---------------------------------------------------------------------------
// Ports & network
// ---------------------------------------------------------------------------

test('ports: TCP, UDP and SCTP ports with names and hostPort', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [
        { number: 9100, name: 'metrics', protocol: kplus.Protocol.TCP, hostPort: 9100 },
        { number: 8125, name: 'statsd', protocol: kplus.Protocol.UDP, hostPort: 8125 },
        { number: 9899, name: 'sctp-probe', protocol: kplus.Protocol.SCTP },
        { number: 8080 },
      ],
    }],
  });
  const spec = synthPodSpec(chart);
  expect(containerNamed(spec, 'agent').ports).toEqual([
    { containerPort: 9100, name: 'metrics', protocol: 'TCP', hostPort: 9100 },
    { containerPort: 8125, name: 'statsd', protocol: 'UDP', hostPort: 8125 },
    { containerPort: 9899, name: 'sctp-probe', protocol: 'SCTP' },
    { containerPort: 8080 },
  ]);
  expect(spec.hostNetwork ?? false).toBe(false);
  expect(spec.dnsPolicy).toEqual('ClusterFirst');
});

test('network: hostNetwork switches dnsPolicy to ClusterFirstWithHostNet', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    hostNetwork: true,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics', hostPort: 9100 }] }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.hostNetwork).toBe(true);
  expect(spec.dnsPolicy).toEqual('ClusterFirstWithHostNet');
});

test('service: ClusterIP by default, ports default to the container ports (names and protocols kept)', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }, { number: 8125, name: 'statsd', protocol: kplus.Protocol.UDP }] },
      { name: 'proxy', image: 'registry.example.com/proxy:1.0', ports: [{ number: 8443, name: 'https' }] },
    ],
  });
  ds.exposeViaService({ name: 'agent', labels: { 'app.kubernetes.io/name': 'agent' }, annotations: { team: 'sre' } });
  const manifests = Testing.synth(chart);
  const svc = onlyOfKind(manifests, 'Service');
  const dsObj = onlyOfKind(manifests, 'DaemonSet');
  expect(svc.metadata.name).toEqual('agent');
  expect(svc.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'agent' });
  expect(svc.metadata.annotations).toEqual({ team: 'sre' });
  expect(svc.spec.type).toEqual('ClusterIP');
  expect(svc.spec.clusterIP).toBeUndefined();
  expect(svc.spec.selector).toEqual(dsObj.spec.selector.matchLabels);
  expect(svc.spec.ports).toEqual([
    { name: 'metrics', port: 9100, targetPort: 9100 },
    { name: 'statsd', port: 8125, targetPort: 8125, protocol: 'UDP' },
    { name: 'https', port: 8443, targetPort: 8443 },
  ]);
  expect(svc.spec.internalTrafficPolicy).toBeUndefined();
});

test('service: HEADLESS emits clusterIP None', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ serviceType: DaemonSetServiceType.HEADLESS });
  const svc = onlyOfKind(Testing.synth(chart), 'Service');
  expect(svc.spec.type).toEqual('ClusterIP');
  expect(svc.spec.clusterIP).toEqual('None');
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 9100, targetPort: 9100 }]);
});

test('service: NodePort with nodePort, targetPortName and internalTrafficPolicy Local', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({
    serviceType: DaemonSetServiceType.NODE_PORT,
    ports: [{ port: 80, targetPortName: 'metrics', nodePort: 30910 }],
    internalTrafficPolicy: ServiceTrafficPolicy.LOCAL,
  });
  const svc = onlyOfKind(Testing.synth(chart), 'Service');
  expect(svc.spec.type).toEqual('NodePort');
  expect(svc.spec.clusterIP).toBeUndefined();
  expect(svc.spec.ports).toEqual([{ name: 'metrics', port: 80, targetPort: 'metrics', nodePort: 30910 }]);
  expect(svc.spec.internalTrafficPolicy).toEqual('Local');
});

test('service: LoadBalancer with an explicit numeric targetPort', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'ingress', image: 'registry.example.com/ingress:1.0', ports: [{ number: 8080, name: 'http' }] }],
  });
  ds.exposeViaService({ serviceType: DaemonSetServiceType.LOAD_BALANCER, ports: [{ port: 80, targetPort: 8080 }] });
  const svc = onlyOfKind(Testing.synth(chart), 'Service');
  expect(svc.spec.type).toEqual('LoadBalancer');
  expect(svc.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 8080 }]);
});

test('service: the Service lives in the namespace of the DaemonSet it selects', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    metadata: { namespace: 'monitoring' },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ serviceType: DaemonSetServiceType.HEADLESS });
  const manifests = Testing.synth(chart);
  expect(onlyOfKind(manifests, 'DaemonSet').metadata.namespace).toEqual('monitoring');
  expect(onlyOfKind(manifests, 'Service').metadata.namespace).toEqual('monitoring');
});

test('service: explicit CLUSTER_IP type and a traffic policy of Cluster', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.exposeViaService({ serviceType: DaemonSetServiceType.CLUSTER_IP, internalTrafficPolicy: ServiceTrafficPolicy.CLUSTER });
  const svc = onlyOfKind(Testing.synth(chart), 'Service');
  expect(svc.spec.type).toEqual('ClusterIP');
  expect(svc.spec.clusterIP).toBeUndefined();
  expect(svc.spec.internalTrafficPolicy).toEqual('Cluster');
});

// ---------------------------------------------------------------------------
// Env
// ---------------------------------------------------------------------------

// The env list from an envVariables map is sorted by name (the map's key order is no intent and must not reach the YAML).
test('env: literal, ConfigMap key and Secret key values', () => {
  const chart = Testing.chart();
  const cm = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'agent-config');
  const secret = kplus.Secret.fromSecretName(chart, 'secret', 'agent-credentials');
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      envVariables: {
        LOG_LEVEL: kplus.EnvValue.fromValue('debug'),
        ES_HOST: kplus.EnvValue.fromConfigMap(cm, 'es.host'),
        ES_PASSWORD: kplus.EnvValue.fromSecretValue({ secret, key: 'password' }),
        OPTIONAL_FLAG: kplus.EnvValue.fromConfigMap(cm, 'flag', { optional: true }),
      },
    }],
  });
  expect(containerNamed(synthPodSpec(chart), 'agent').env).toEqual([
    { name: 'ES_HOST', valueFrom: { configMapKeyRef: { name: 'agent-config', key: 'es.host' } } },
    { name: 'ES_PASSWORD', valueFrom: { secretKeyRef: { name: 'agent-credentials', key: 'password' } } },
    { name: 'LOG_LEVEL', value: 'debug' },
    { name: 'OPTIONAL_FLAG', valueFrom: { configMapKeyRef: { name: 'agent-config', key: 'flag', optional: true } } },
  ]);
});

test('env: an invalid variable name throws', () => {
  expect(() => new DaemonSet(Testing.chart(), 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { '1-LEVEL': kplus.EnvValue.fromValue('x') } }],
  })).toThrow(/container 'agent': environment variable name '1-LEVEL' must match/);
});

test('env: whole ConfigMap and Secret through envFrom', () => {
  const chart = Testing.chart();
  const cm = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'agent-config');
  const secret = kplus.Secret.fromSecretName(chart, 'secret', 'agent-credentials');
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      envFrom: [kplus.Env.fromConfigMap(cm, 'CFG_'), kplus.Env.fromSecret(secret)],
    }],
  });
  ds.containers[0].env.copyFrom(kplus.Env.fromConfigMap(kplus.ConfigMap.fromConfigMapName(chart, 'cm2', 'agent-extra')));
  expect(containerNamed(synthPodSpec(chart), 'agent').envFrom).toEqual([
    { configMapRef: { name: 'agent-config' }, prefix: 'CFG_' },
    { secretRef: { name: 'agent-credentials' } },
    { configMapRef: { name: 'agent-extra' } },
  ]);
});

test('env: pod fields through the downward API', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      envVariables: {
        POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME),
        POD_NAMESPACE: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAMESPACE),
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        HOST_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_IP),
        POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP),
        POD_IPS: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IPS),
        SA_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.SERVICE_ACCOUNT_NAME),
        APP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_LABEL, { key: 'app' }),
      },
    }],
  });
  const env = containerNamed(synthPodSpec(chart), 'agent').env;
  expect(env).toEqual([
    { name: 'APP', valueFrom: { fieldRef: { fieldPath: "metadata.labels['app']" } } },
    { name: 'HOST_IP', valueFrom: { fieldRef: { fieldPath: 'status.hostIP' } } },
    { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
    { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'POD_IPS', valueFrom: { fieldRef: { fieldPath: 'status.podIPs' } } },
    { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    { name: 'SA_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.serviceAccountName' } } },
  ]);
});

test('env: resource fields through the downward API', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      resources: { cpu: { request: kplus.Cpu.millis(100), limit: kplus.Cpu.millis(500) } },
      envVariables: {
        GOMAXPROCS: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.CPU_LIMIT),
        GOMEMLIMIT: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.MEMORY_LIMIT),
        CPU_REQUEST_MILLIS: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.CPU_REQUEST, { divisor: '1m' }),
        MEMORY_REQUEST: kplus.EnvValue.fromResource(kplus.ResourceFieldPaths.MEMORY_REQUEST),
      },
    }],
  });
  expect(containerNamed(synthPodSpec(chart), 'agent').env).toEqual([
    { name: 'CPU_REQUEST_MILLIS', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '1m' } } },
    { name: 'GOMAXPROCS', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } },
    { name: 'GOMEMLIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
    { name: 'MEMORY_REQUEST', valueFrom: { resourceFieldRef: { resource: 'requests.memory' } } },
  ]);
});

// ---------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------

test('storage: addHostPath mounts read-only in every container by default, with a generated volume name', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }, { name: 'reloader', image: 'registry.example.com/reloader:0.3' }],
  });
  const volume = ds.addHostPath('/var/log', '/host/var/log');
  expect(volume.name).toEqual('host-var-log');
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([{ name: 'host-var-log', hostPath: { path: '/var/log', type: '' } }]);
  for (const name of ['agent', 'reloader']) {
    expect(containerNamed(spec, name).volumeMounts).toEqual([{ name: 'host-var-log', mountPath: '/host/var/log', readOnly: true }]);
  }
  expect(containerNamed(spec, 'setup').volumeMounts).toBeUndefined();
});

test('storage: addHostPath with readOnly false, type, HostToContainer propagation, subPath and a container selection', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }, { name: 'reloader', image: 'registry.example.com/reloader:0.3' }],
  });
  ds.addHostPath('/var/lib/agent', '/var/lib/agent', {
    readOnly: false,
    type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE,
    containers: ['agent', 'setup'],
  });
  ds.addHostPath('/', '/host/root', {
    propagation: kplus.MountPropagation.HOST_TO_CONTAINER,
    type: kplus.HostPathVolumeType.DIRECTORY,
    containers: ['agent'],
    volumeName: 'rootfs',
  });
  ds.addHostPath('/var/lib/kubelet', '/var/lib/kubelet/pods', { subPath: 'pods', containers: ['reloader'] });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([
    { name: 'host-var-lib-agent', hostPath: { path: '/var/lib/agent', type: 'DirectoryOrCreate' } },
    { name: 'rootfs', hostPath: { path: '/', type: 'Directory' } },
    { name: 'host-var-lib-kubelet', hostPath: { path: '/var/lib/kubelet', type: '' } },
  ]);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([
    { name: 'host-var-lib-agent', mountPath: '/var/lib/agent', readOnly: false },
    { name: 'rootfs', mountPath: '/host/root', readOnly: true, mountPropagation: 'HostToContainer' },
  ]);
  expect(containerNamed(spec, 'setup').volumeMounts).toEqual([{ name: 'host-var-lib-agent', mountPath: '/var/lib/agent', readOnly: false }]);
  expect(containerNamed(spec, 'reloader').volumeMounts).toEqual([
    { name: 'host-var-lib-kubelet', mountPath: '/var/lib/kubelet/pods', readOnly: true, subPath: 'pods' },
  ]);
});

test('storage: addHostPath twice on paths that map to the same name gets a unique second name', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const a = ds.addHostPath('/var/log', '/host/var/log');
  const b = ds.addHostPath('/var/log/', '/host/var/log2');
  expect(a.name).toEqual('host-var-log');
  expect(b.name).toEqual('host-var-log-2');
  expect(synthPodSpec(chart).volumes.map((v: any) => v.name)).toEqual(['host-var-log', 'host-var-log-2']);
});

test('storage: emptyDir with medium and sizeLimit', () => {
  const chart = Testing.chart();
  const buffer = kplus.Volume.fromEmptyDir(chart, 'buffer', 'buffer', { medium: kplus.EmptyDirMedium.MEMORY, sizeLimit: Size.mebibytes(128) });
  const scratch = kplus.Volume.fromEmptyDir(chart, 'scratch', 'scratch', { sizeLimit: Size.gibibytes(1) });
  new DaemonSet(chart, 'ds', {
    volumes: [scratch],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', volumeMounts: [{ volume: buffer, path: '/buffer' }] }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual(expect.arrayContaining([
    { name: 'buffer', emptyDir: { medium: 'Memory', sizeLimit: '128Mi' } },
    { name: 'scratch', emptyDir: { sizeLimit: '1024Mi' } },
  ]));
  expect(spec.volumes).toHaveLength(2);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([{ name: 'buffer', mountPath: '/buffer' }]);
});

test('storage: ConfigMap and Secret volumes, with all items or selected items', () => {
  const chart = Testing.chart();
  const cm = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'agent-config');
  const secret = kplus.Secret.fromSecretName(chart, 'secret', 'agent-tls');
  const allConfig = kplus.Volume.fromConfigMap(chart, 'all-config', cm, { name: 'config' });
  const someConfig = kplus.Volume.fromConfigMap(chart, 'some-config', cm, { name: 'parsers', items: { 'parsers.conf': { path: 'parsers.conf' } } });
  const allSecret = kplus.Volume.fromSecret(chart, 'all-secret', secret, { name: 'tls', defaultMode: 0o400 });
  const someSecret = kplus.Volume.fromSecret(chart, 'some-secret', secret, { name: 'ca', items: { 'ca.crt': { path: 'ca/ca.crt', mode: 0o444 } } });
  const ds = new DaemonSet(chart, 'ds', { volumes: [allConfig, someConfig, allSecret, someSecret], containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.mountVolume('config', '/etc/agent', { readOnly: true });
  ds.mountVolume('parsers', '/etc/agent/parsers', { readOnly: true });
  ds.mountVolume('tls', '/etc/tls', { readOnly: true });
  ds.mountVolume('ca', '/etc/ca', { readOnly: true });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([
    { name: 'config', configMap: { name: 'agent-config' } },
    { name: 'parsers', configMap: { name: 'agent-config', items: [{ key: 'parsers.conf', path: 'parsers.conf' }] } },
    { name: 'tls', secret: { secretName: 'agent-tls', defaultMode: 0o400 } },
    { name: 'ca', secret: { secretName: 'agent-tls', items: [{ key: 'ca.crt', path: 'ca/ca.crt', mode: 0o444 }] } },
  ]);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([
    { name: 'config', mountPath: '/etc/agent', readOnly: true },
    { name: 'parsers', mountPath: '/etc/agent/parsers', readOnly: true },
    { name: 'tls', mountPath: '/etc/tls', readOnly: true },
    { name: 'ca', mountPath: '/etc/ca', readOnly: true },
  ]);
});

test('storage: PVC and NFS volumes', () => {
  const chart = Testing.chart();
  const claim = kplus.PersistentVolumeClaim.fromClaimName(chart, 'claim', 'agent-state');
  const state = kplus.Volume.fromPersistentVolumeClaim(chart, 'state', claim, { name: 'state' });
  const shared = kplus.Volume.fromNfs(chart, 'shared', 'shared', { server: 'nfs.example.com', path: '/exports/agent', readOnly: true });
  const ds = new DaemonSet(chart, 'ds', { volumes: [state, shared], containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.mountVolume('state', '/var/lib/agent');
  ds.mountVolume('shared', '/shared', { readOnly: true });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([
    { name: 'state', persistentVolumeClaim: { claimName: 'agent-state', readOnly: false } },
    { name: 'shared', nfs: { server: 'nfs.example.com', path: '/exports/agent', readOnly: true } },
  ]);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([
    { name: 'state', mountPath: '/var/lib/agent', readOnly: false },
    { name: 'shared', mountPath: '/shared', readOnly: true },
  ]);
});

test('storage: mountVolume by name with subPath, subPathExpr, readOnly and a container selection', () => {
  const chart = Testing.chart();
  const data = kplus.Volume.fromEmptyDir(chart, 'data', 'data');
  const ds = new DaemonSet(chart, 'ds', {
    volumes: [data],
    initContainers: [{ name: 'setup', image: 'busybox:1.36' }],
    containers: [
      { name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { POD_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_NAME) } },
      { name: 'reloader', image: 'registry.example.com/reloader:0.3' },
    ],
  });
  ds.mountVolume('data', '/data/pod', { subPathExpr: '$(POD_NAME)', containers: ['agent'] });
  ds.mountVolume('data', '/data/shared', { subPath: 'shared', readOnly: true });
  ds.mountVolume('data', '/data', { containers: ['setup'] });
  const spec = synthPodSpec(chart);
  expect(spec.volumes).toEqual([{ name: 'data', emptyDir: {} }]);
  expect(containerNamed(spec, 'agent').volumeMounts).toEqual([
    { name: 'data', mountPath: '/data/pod', readOnly: false, subPathExpr: '$(POD_NAME)' },
    { name: 'data', mountPath: '/data/shared', readOnly: true, subPath: 'shared' },
  ]);
  expect(containerNamed(spec, 'reloader').volumeMounts).toEqual([{ name: 'data', mountPath: '/data/shared', readOnly: true, subPath: 'shared' }]);
  expect(containerNamed(spec, 'setup').volumeMounts).toEqual([{ name: 'data', mountPath: '/data', readOnly: false }]);
});

test('storage: mountVolume of an unknown volume throws, naming the defined volumes', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.addHostPath('/var/log', '/host/var/log');
  expect(() => ds.mountVolume('nope', '/nope')).toThrow(/volume 'nope' is not a volume of this pod; defined volumes: 'host-var-log'/);
});

// ---------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------

test('lifecycle: postStart exec and preStop HTTP hooks, terminationGracePeriod', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    terminationGracePeriod: Duration.seconds(60),
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 2020, name: 'http' }],
      lifecycle: {
        postStart: kplus.Handler.fromCommand(['sh', '-c', 'touch /tmp/started']),
        preStop: kplus.Handler.fromHttpGet('/api/v1/flush', { port: 2020 }),
      },
    }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.terminationGracePeriodSeconds).toEqual(60);
  expect(containerNamed(spec, 'agent').lifecycle).toEqual({
    postStart: { exec: { command: ['sh', '-c', 'touch /tmp/started'] } },
    preStop: { httpGet: { path: '/api/v1/flush', port: 2020, scheme: 'HTTP' } },
  });
});

test('lifecycle: preStop exec and postStart HTTP hooks', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      // cdk8s-plus handlers default to the container's portNumber (not to its first port)
      portNumber: 8080,
      lifecycle: {
        postStart: kplus.Handler.fromHttpGet('/warmup'),
        preStop: kplus.Handler.fromCommand(['/agent', 'drain', '--timeout=20s']),
      },
    }],
  });
  expect(containerNamed(synthPodSpec(chart), 'agent').lifecycle).toEqual({
    postStart: { httpGet: { path: '/warmup', port: 8080, scheme: 'HTTP' } },
    preStop: { exec: { command: ['/agent', 'drain', '--timeout=20s'] } },
  });
});

// ---------------------------------------------------------------------------
// Health
// ---------------------------------------------------------------------------

test('health: HTTP probes with scheme, headers, path, port by number and by name, and all timing fields', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 9100, name: 'metrics' }, { number: 8443, name: 'https' }],
      livenessProbe: HealthProbe.httpGet('/healthz', {
        port: 8443,
        scheme: kplus.ConnectionScheme.HTTPS,
        headers: [{ name: 'Authorization', value: 'Bearer probe' }, { name: 'X-Probe', value: 'liveness' }],
        initialDelay: Duration.seconds(10),
        timeout: Duration.seconds(3),
        period: Duration.seconds(20),
        successThreshold: 1,
        failureThreshold: 5,
      }),
      readinessProbe: HealthProbe.httpGet('/ready', {
        portName: 'metrics',
        initialDelay: Duration.seconds(2),
        timeout: Duration.seconds(1),
        period: Duration.seconds(5),
        successThreshold: 2,
        failureThreshold: 3,
      }),
      startupProbe: HealthProbe.httpGet('/started', { period: Duration.seconds(2), failureThreshold: 60 }),
    }],
  });
  const agent = containerNamed(synthPodSpec(chart), 'agent');
  expect(agent.livenessProbe).toEqual({
    httpGet: {
      path: '/healthz',
      port: 8443,
      scheme: 'HTTPS',
      httpHeaders: [{ name: 'Authorization', value: 'Bearer probe' }, { name: 'X-Probe', value: 'liveness' }],
    },
    initialDelaySeconds: 10,
    timeoutSeconds: 3,
    periodSeconds: 20,
    successThreshold: 1,
    failureThreshold: 5,
  });
  expect(agent.readinessProbe).toEqual({
    httpGet: { path: '/ready', port: 'metrics', scheme: 'HTTP' },
    initialDelaySeconds: 2,
    timeoutSeconds: 1,
    periodSeconds: 5,
    successThreshold: 2,
    failureThreshold: 3,
  });
  // no port on the probe: the container's first port
  expect(agent.startupProbe).toEqual({
    httpGet: { path: '/started', port: 9100, scheme: 'HTTP' },
    periodSeconds: 2,
    failureThreshold: 60,
  });
});

test('health: TCP, exec and gRPC probes', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 9090, name: 'grpc' }, { number: 7946, name: 'gossip' }],
      livenessProbe: HealthProbe.grpc(9090, { service: 'agent.v1.Agent', initialDelay: Duration.seconds(5), period: Duration.seconds(10), timeout: Duration.seconds(2), failureThreshold: 3 }),
      readinessProbe: HealthProbe.tcpSocket({ portName: 'gossip', period: Duration.seconds(5), successThreshold: 1, failureThreshold: 2 }),
      startupProbe: HealthProbe.exec(['cat', '/tmp/started'], { initialDelay: Duration.seconds(1), period: Duration.seconds(3), timeout: Duration.seconds(2), successThreshold: 1, failureThreshold: 30 }),
    }],
  });
  const agent = containerNamed(synthPodSpec(chart), 'agent');
  expect(agent.livenessProbe).toEqual({
    grpc: { port: 9090, service: 'agent.v1.Agent' },
    initialDelaySeconds: 5,
    periodSeconds: 10,
    timeoutSeconds: 2,
    failureThreshold: 3,
  });
  expect(agent.readinessProbe).toEqual({
    tcpSocket: { port: 'gossip' },
    periodSeconds: 5,
    successThreshold: 1,
    failureThreshold: 2,
  });
  expect(agent.startupProbe).toEqual({
    exec: { command: ['cat', '/tmp/started'] },
    initialDelaySeconds: 1,
    periodSeconds: 3,
    timeoutSeconds: 2,
    successThreshold: 1,
    failureThreshold: 30,
  });
});

test('health: liveness and startup probes must use successThreshold 1', () => {
  expect(() => new DaemonSet(Testing.chart(), 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', livenessProbe: HealthProbe.exec(['true'], { successThreshold: 2 }) }],
  })).toThrow(/container 'agent': livenessProbe successThreshold is 2; Kubernetes requires 1/);
  expect(() => new DaemonSet(Testing.chart(), 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', startupProbe: HealthProbe.exec(['true'], { successThreshold: 3 }) }],
  })).toThrow(/container 'agent': startupProbe successThreshold is 3/);
});

test('health: TCP probe by port number and gRPC probe without a service', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      ports: [{ number: 9090 }],
      livenessProbe: HealthProbe.tcpSocket({ port: 9090 }),
      readinessProbe: HealthProbe.grpc(9090),
    }],
  });
  const agent = containerNamed(synthPodSpec(chart), 'agent');
  expect(agent.livenessProbe).toEqual({ tcpSocket: { port: 9090 } });
  expect(agent.readinessProbe).toEqual({ grpc: { port: 9090 } });
});

// ---------------------------------------------------------------------------
// Rollout
// ---------------------------------------------------------------------------

test('rollout: default update strategy is RollingUpdate with maxUnavailable 1, emitted explicitly', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthDaemonSet(chart).spec;
  expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } });
  expect(spec.revisionHistoryLimit).toBeUndefined();
  expect(spec.minReadySeconds ?? 0).toEqual(0);
});

test('rollout: maxUnavailable as a percentage', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthDaemonSet(chart).spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } });
});

test('rollout: maxSurge with maxUnavailable 0, and percentages on both', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
      maxSurge: kplus.PercentOrAbsolute.absolute(1),
    }),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthDaemonSet(chart).spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } });

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({
      maxUnavailable: kplus.PercentOrAbsolute.percent(0),
      maxSurge: kplus.PercentOrAbsolute.percent(25),
    }),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthDaemonSet(chart2).spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%', maxSurge: '25%' } });
});

test('rollout: maxUnavailable and maxSurge both zero throws', () => {
  expect(() => DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(0) })).toThrow(/maxUnavailable and maxSurge are both zero/);
});

test('rollout: maxSurge cannot be combined with hostPort or hostNetwork', () => {
  const surge = DaemonSetUpdateStrategy.rollingUpdate({
    maxUnavailable: kplus.PercentOrAbsolute.absolute(0),
    maxSurge: kplus.PercentOrAbsolute.absolute(1),
  });
  expect(() => new DaemonSet(Testing.chart(), 'ds', {
    updateStrategy: surge,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, hostPort: 9100 }] }],
  })).toThrow(/container 'agent': hostPort 9100 cannot be used with the rolling update's maxSurge/);
  expect(() => new DaemonSet(Testing.chart(), 'ds', { updateStrategy: surge, hostNetwork: true })).toThrow(/updateStrategy: maxSurge starts a second pod on each node/);
});

test('rollout: OnDelete', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    updateStrategy: DaemonSetUpdateStrategy.onDelete(),
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  expect(synthDaemonSet(chart).spec.updateStrategy).toEqual({ type: 'OnDelete' });
});

test('rollout: minReadySeconds and revisionHistoryLimit', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    minReadySeconds: 15,
    revisionHistoryLimit: 5,
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthDaemonSet(chart).spec;
  expect(spec.minReadySeconds).toEqual(15);
  expect(spec.revisionHistoryLimit).toEqual(5);

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', { revisionHistoryLimit: 0, containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthDaemonSet(chart2).spec.revisionHistoryLimit).toEqual(0);
});

// ---------------------------------------------------------------------------
// Scheduling
// ---------------------------------------------------------------------------

test('scheduling: nodeSelector prop and addNodeSelector after construction', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    nodeSelector: { 'node.kubernetes.io/instance-type': 'm5.large', 'example.com/agents': 'true' },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  ds.addNodeSelector('topology.kubernetes.io/zone', 'eu-west-1a');
  expect(ds.nodeSelector).toEqual({ 'node.kubernetes.io/instance-type': 'm5.large', 'example.com/agents': 'true', 'topology.kubernetes.io/zone': 'eu-west-1a' });
  expect(synthPodSpec(chart).nodeSelector).toEqual({
    'node.kubernetes.io/instance-type': 'm5.large',
    'example.com/agents': 'true',
    'topology.kubernetes.io/zone': 'eu-west-1a',
  });
});

test('scheduling: addNodeSelector alone, and no nodeSelector by default', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthPodSpec(chart).nodeSelector).toBeUndefined();

  const chart2 = Testing.chart();
  const ds2 = new DaemonSet(chart2, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds2.addNodeSelector('example.com/gpu', 'true');
  expect(synthPodSpec(chart2).nodeSelector).toEqual({ 'example.com/gpu': 'true' });
});

test('scheduling: nodeName through scheduling.assign()', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.scheduling.assign(kplus.Node.named('worker-1'));
  expect(synthPodSpec(chart).nodeName).toEqual('worker-1');
});

test('scheduling: required node affinity with In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.scheduling.attract(kplus.Node.labeled(
    kplus.NodeLabelQuery.in('kubernetes.io/arch', ['amd64', 'arm64']),
    kplus.NodeLabelQuery.notIn('node.kubernetes.io/instance-type', ['t3.micro']),
    kplus.NodeLabelQuery.exists('example.com/agents'),
    kplus.NodeLabelQuery.doesNotExist('example.com/no-agents'),
    kplus.NodeLabelQuery.gt('example.com/cpu-count', ['4']),
    kplus.NodeLabelQuery.lt('example.com/generation', ['9']),
  ));
  expect(synthPodSpec(chart).affinity).toEqual({
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [{
          matchExpressions: [
            { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] },
            { key: 'node.kubernetes.io/instance-type', operator: 'NotIn', values: ['t3.micro'] },
            { key: 'example.com/agents', operator: 'Exists' },
            { key: 'example.com/no-agents', operator: 'DoesNotExist' },
            { key: 'example.com/cpu-count', operator: 'Gt', values: ['4'] },
            { key: 'example.com/generation', operator: 'Lt', values: ['9'] },
          ],
        }],
      },
    },
  });
});

test('scheduling: preferred node affinity with weights', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.in('example.com/pool', ['agents'])), { weight: 80 });
  ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.exists('example.com/ssd')), { weight: 20 });
  expect(synthPodSpec(chart).affinity).toEqual({
    nodeAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 80, preference: { matchExpressions: [{ key: 'example.com/pool', operator: 'In', values: ['agents'] }] } },
        { weight: 20, preference: { matchExpressions: [{ key: 'example.com/ssd', operator: 'Exists' }] } },
      ],
    },
  });
});

test('scheduling: tolerations with Equal and Exists, effects and tolerationSeconds', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.scheduling.tolerate(kplus.Node.tainted(
    kplus.NodeTaintQuery.is('dedicated', 'agents', { effect: kplus.TaintEffect.NO_SCHEDULE }),
    kplus.NodeTaintQuery.exists('node.kubernetes.io/not-ready', { effect: kplus.TaintEffect.NO_EXECUTE, evictAfter: Duration.minutes(5) }),
    kplus.NodeTaintQuery.is('example.com/maintenance', 'true', { effect: kplus.TaintEffect.PREFER_NO_SCHEDULE }),
    kplus.NodeTaintQuery.exists('example.com/any-effect'),
  ));
  expect(synthPodSpec(chart).tolerations).toEqual([
    { key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    { key: 'example.com/maintenance', operator: 'Equal', value: 'true', effect: 'PreferNoSchedule' },
    { key: 'example.com/any-effect', operator: 'Exists' },
  ]);
});

test('scheduling: NodePlacement.allNodes() tolerates every taint', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { placement: [NodePlacement.allNodes()], containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthPodSpec(chart);
  expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
  expect(spec.nodeSelector).toBeUndefined();
});

test('scheduling: NodePlacement.controlPlaneToo() tolerates the control-plane NoSchedule taints only', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { placement: [NodePlacement.controlPlaneToo()], containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthPodSpec(chart).tolerations).toEqual([
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ]);
});

test('scheduling: NodePlacement.linuxOnly() and architecture() add node selector entries, combined with the nodeSelector prop', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    nodeSelector: { 'example.com/agents': 'true' },
    placement: [NodePlacement.linuxOnly(), NodePlacement.architecture('arm64')],
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  ds.place(NodePlacement.controlPlaneToo());
  const spec = synthPodSpec(chart);
  expect(spec.nodeSelector).toEqual({ 'example.com/agents': 'true', 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' });
  expect(spec.tolerations).toEqual([
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ]);
});

test('scheduling: pod affinity (colocate) and anti-affinity (separate), required and preferred', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const cache = kplus.Pods.select(chart, 'cache', { labels: { app: 'node-cache' } });
  const legacy = kplus.Pods.select(chart, 'legacy', { labels: { app: 'legacy-agent' } });
  const batch = kplus.Pods.select(chart, 'batch', { labels: { tier: 'batch' } });
  ds.scheduling.colocate(cache, { topology: kplus.Topology.HOSTNAME });
  ds.scheduling.colocate(batch, { topology: kplus.Topology.ZONE, weight: 30 });
  ds.scheduling.separate(legacy, { topology: kplus.Topology.HOSTNAME });
  ds.scheduling.separate(batch, { topology: kplus.Topology.HOSTNAME, weight: 70 });
  const affinity = synthPodSpec(chart).affinity;
  expect(affinity.podAffinity).toEqual({
    requiredDuringSchedulingIgnoredDuringExecution: [
      { labelSelector: { matchLabels: { app: 'node-cache' } }, topologyKey: 'kubernetes.io/hostname' },
    ],
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 30, podAffinityTerm: { labelSelector: { matchLabels: { tier: 'batch' } }, topologyKey: 'topology.kubernetes.io/zone' } },
    ],
  });
  expect(affinity.podAntiAffinity).toEqual({
    requiredDuringSchedulingIgnoredDuringExecution: [
      { labelSelector: { matchLabels: { app: 'legacy-agent' } }, topologyKey: 'kubernetes.io/hostname' },
    ],
    preferredDuringSchedulingIgnoredDuringExecution: [
      { weight: 70, podAffinityTerm: { labelSelector: { matchLabels: { tier: 'batch' } }, topologyKey: 'kubernetes.io/hostname' } },
    ],
  });
  expect(affinity.nodeAffinity).toBeUndefined();
});

test('scheduling: priorityClassName', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { priorityClassName: 'system-node-critical', containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(ds.priorityClassName).toEqual('system-node-critical');
  expect(synthPodSpec(chart).priorityClassName).toEqual('system-node-critical');

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthPodSpec(chart2).priorityClassName).toBeUndefined();
});

test('scheduling: scheduling.spread() throws a clear error', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(() => ds.scheduling.spread()).toThrow(/DaemonSet 'test\/ds': scheduling\.spread\(\) does not apply to a DaemonSet/);
  expect(() => ds.scheduling.spread({ weight: 50, topology: kplus.Topology.ZONE })).toThrow(/already runs one pod per node/);
  expect(synthPodSpec(chart).affinity).toBeUndefined();
});

// ---------------------------------------------------------------------------
// DNS
// ---------------------------------------------------------------------------

test('dns: ClusterFirst by default', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthPodSpec(chart);
  expect(spec.dnsPolicy).toEqual('ClusterFirst');
  expect(spec.dnsConfig).toBeUndefined();
});

test('dns: explicit ClusterFirst with searches and options', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', {
    dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST, searches: ['agents.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }],
  });
  const spec = synthPodSpec(chart);
  expect(spec.dnsPolicy).toEqual('ClusterFirst');
  expect(spec.dnsConfig).toEqual({ searches: ['agents.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] });
});

test('dns: ClusterFirstWithHostNet and Default with hostNetwork', () => {
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

test('dns: hostNetwork with a dns config but no policy still defaults to ClusterFirstWithHostNet', () => {
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

test('dns: None without nameservers, and ClusterFirst with hostNetwork, throw', () => {
  expect(() => new DaemonSet(Testing.chart(), 'ds', { dns: { policy: kplus.DnsPolicy.NONE } })).toThrow(/dns: policy None needs at least one nameserver/);
  expect(() => new DaemonSet(Testing.chart(), 'ds', { hostNetwork: true, dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST } })).toThrow(/dns\.policy: ClusterFirst with hostNetwork/);
});

test('dns: None with nameservers, searches and options (ndots, timeout)', () => {
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

// ---------------------------------------------------------------------------
// Monitoring
// ---------------------------------------------------------------------------

test('monitoring: enablePrometheusScrape annotates the pod template', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 9100, name: 'metrics' }] }],
  });
  ds.enablePrometheusScrape({ port: 9100, path: '/custom/metrics', scheme: ScrapeScheme.HTTPS });
  const ds2Chart = Testing.chart();
  const ds2 = new DaemonSet(ds2Chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [{ number: 2020, name: 'http' }] }],
  });
  ds2.enablePrometheusScrape({ port: 2020 });
  const rendered = synthDaemonSet(chart);
  expect(rendered.spec.template.metadata.annotations).toEqual({
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '9100',
    'prometheus.io/path': '/custom/metrics',
    'prometheus.io/scheme': 'https',
  });
  expect(rendered.metadata.annotations).toBeUndefined();
  expect(synthDaemonSet(ds2Chart).spec.template.metadata.annotations).toEqual({
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': '2020',
    'prometheus.io/path': '/metrics',
    'prometheus.io/scheme': 'http',
  });
});

// ---------------------------------------------------------------------------
// Config checksums
// ---------------------------------------------------------------------------

function checksumAnnotations(chart: Chart): { [key: string]: string } {
  const annotations = synthDaemonSet(chart).spec.template.metadata.annotations ?? {};
  return Object.fromEntries(Object.entries<string>(annotations).filter(([k]) => k.startsWith(`${CONFIG_CHECKSUM_PREFIX}/`)));
}

function checksumApp(level: string, options: { configChecksums?: boolean } = {}): Chart {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config' }, data: { 'log.level': level } });
  const secret = new kplus.Secret(chart, 'secret', { metadata: { name: 'agent-tls' }, stringData: { 'tls.crt': 'CERT', 'tls.key': 'KEY' } });
  new DaemonSet(chart, 'ds', {
    configChecksums: options.configChecksums,
    volumes: [kplus.Volume.fromSecret(chart, 'tls', secret, { name: 'tls' })],
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      envVariables: { LOG_LEVEL: kplus.EnvValue.fromConfigMap(cm, 'log.level') },
    }],
  });
  return chart;
}

test('config checksums: a ConfigMap consumed through env and a Secret consumed through a volume annotate the pod template', () => {
  const annotations = checksumAnnotations(checksumApp('info'));
  expect(Object.keys(annotations).sort()).toEqual([
    `${CONFIG_CHECKSUM_PREFIX}/configmap-agent-config`,
    `${CONFIG_CHECKSUM_PREFIX}/secret-agent-tls`,
  ]);
  for (const value of Object.values(annotations)) expect(value).toMatch(/^[0-9a-f]{64}$/);
  expect(CONFIG_CHECKSUM_PREFIX).toEqual('checksum.daemonsets.cdk8s.io');
});

test('config checksums: changing the ConfigMap data changes its checksum only', () => {
  const before = checksumAnnotations(checksumApp('info'));
  const same = checksumAnnotations(checksumApp('info'));
  const after = checksumAnnotations(checksumApp('debug'));
  const cmKey = `${CONFIG_CHECKSUM_PREFIX}/configmap-agent-config`;
  const secretKey = `${CONFIG_CHECKSUM_PREFIX}/secret-agent-tls`;
  expect(same).toEqual(before);
  expect(after[cmKey]).not.toEqual(before[cmKey]);
  expect(after[secretKey]).toEqual(before[secretKey]);
});

test('config checksums: a ConfigMap consumed through a volume and a Secret through envFrom', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'fluent-bit' }, data: { 'fluent-bit.conf': '[SERVICE]\n  Flush 1\n' } });
  const secret = new kplus.Secret(chart, 'secret', { metadata: { name: 'es-credentials' }, stringData: { ES_PASSWORD: 'x' } });
  const ds = new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envFrom: [kplus.Env.fromSecret(secret)] }],
  });
  ds.addVolume(kplus.Volume.fromConfigMap(chart, 'config', cm, { name: 'config' }));
  ds.mountVolume('config', '/fluent-bit/etc', { readOnly: true });
  expect(Object.keys(checksumAnnotations(chart)).sort()).toEqual([
    `${CONFIG_CHECKSUM_PREFIX}/configmap-fluent-bit`,
    `${CONFIG_CHECKSUM_PREFIX}/secret-es-credentials`,
  ]);
});

test('config checksums: a ConfigMap that the pods do not consume gives no annotation', () => {
  const chart = Testing.chart();
  new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'unrelated' }, data: { a: 'b' } });
  const used = new kplus.ConfigMap(chart, 'used', { metadata: { name: 'used' }, data: { a: 'b' } });
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { A: kplus.EnvValue.fromConfigMap(used, 'a') } }],
  });
  expect(Object.keys(checksumAnnotations(chart))).toEqual([`${CONFIG_CHECKSUM_PREFIX}/configmap-used`]);

  const chart2 = Testing.chart();
  new kplus.ConfigMap(chart2, 'cm', { metadata: { name: 'unrelated' }, data: { a: 'b' } });
  new DaemonSet(chart2, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthDaemonSet(chart2).spec.template.metadata.annotations).toBeUndefined();
});

test('config checksums: a ConfigMap referenced by name but not defined in the app gives no annotation', () => {
  const chart = Testing.chart();
  const external = kplus.ConfigMap.fromConfigMapName(chart, 'cm', 'cluster-wide');
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { A: kplus.EnvValue.fromConfigMap(external, 'a') } }],
  });
  expect(checksumAnnotations(chart)).toEqual({});
});

test('config checksums: a ConfigMap in namespace default matches a DaemonSet without a namespace', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config', namespace: 'default' }, data: { a: 'b' } });
  new DaemonSet(chart, 'ds', {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { A: kplus.EnvValue.fromConfigMap(cm, 'a') } }],
  });
  expect(Object.keys(checksumAnnotations(chart))).toEqual([`${CONFIG_CHECKSUM_PREFIX}/configmap-agent-config`]);
});

test('config checksums: a ConfigMap of another namespace gives no annotation', () => {
  const chart = Testing.chart();
  const cm = new kplus.ConfigMap(chart, 'cm', { metadata: { name: 'agent-config', namespace: 'logging' }, data: { a: 'b' } });
  new DaemonSet(chart, 'ds', {
    metadata: { namespace: 'monitoring' },
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', envVariables: { A: kplus.EnvValue.fromConfigMap(cm, 'a') } }],
  });
  expect(checksumAnnotations(chart)).toEqual({});
});

test('config checksums: configChecksums false disables the annotations', () => {
  expect(checksumAnnotations(checksumApp('info', { configChecksums: false }))).toEqual({});
  expect(synthDaemonSet(checksumApp('info', { configChecksums: false })).spec.template.metadata.annotations).toBeUndefined();
});

// ---------------------------------------------------------------------------
// Snapshot and determinism
// ---------------------------------------------------------------------------

/** A chart in namespace `monitoring`, as a user writes one. */
function monitoringChart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'monitoring' });
}

/** A DaemonSet using many features at once. */
function fullAgent(chart: Chart): DaemonSet {
  const config = new kplus.ConfigMap(chart, 'config', { metadata: { name: 'agent-config' }, data: { 'agent.yaml': 'level: info\n' } });
  const credentials = new kplus.Secret(chart, 'credentials', { metadata: { name: 'agent-credentials' }, stringData: { token: 'abc' } });
  const ds = new DaemonSet(chart, 'agent', {
    metadata: { name: 'node-agent', labels: { 'app.kubernetes.io/name': 'node-agent' } },
    podMetadata: { labels: { 'app.kubernetes.io/name': 'node-agent' } },
    description: 'Per-node metrics and log agent',
    changeCause: 'initial rollout',
    timezone: Timezone.fromNode(),
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(chart, 'sa', 'node-agent'),
    securityContext: { user: 65534, group: 65534, fsGroup: 65534 },
    seccompProfile: SeccompProfile.runtimeDefault(),
    hostPid: true,
    hostNetwork: true,
    priorityClassName: 'system-node-critical',
    terminationGracePeriod: Duration.seconds(45),
    minReadySeconds: 10,
    revisionHistoryLimit: 5,
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(10) }),
    placement: [NodePlacement.allNodes(), NodePlacement.linuxOnly()],
    imagePullSecrets: [kplus.Secret.fromSecretName(chart, 'pull', 'registry-credentials')],
    initContainers: [{ name: 'setup', image: 'busybox:1.36', command: ['sh', '-c', 'mkdir -p /var/lib/agent/buffer'] }],
    containers: [{
      name: 'agent',
      image: 'registry.example.com/agent:1.4.2',
      args: ['--config=/etc/agent/agent.yaml'],
      ports: [{ number: 9100, name: 'metrics', hostPort: 9100 }],
      envVariables: {
        NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
        TOKEN: kplus.EnvValue.fromSecretValue({ secret: credentials, key: 'token' }),
      },
      resources: { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(96), limit: Size.mebibytes(192) } },
      extendedResources: [ExtendedResource.nvidiaGpu(1)],
      capabilities: { add: ['SYS_PTRACE'] },
      livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'metrics', period: Duration.seconds(15) }),
      readinessProbe: HealthProbe.tcpSocket({ port: 9100 }),
      lifecycle: { preStop: kplus.Handler.fromCommand(['/agent', 'drain']) },
    }],
  });
  ds.addHostPath('/proc', '/host/proc');
  ds.addHostPath('/var/lib/agent', '/var/lib/agent', { readOnly: false, type: kplus.HostPathVolumeType.DIRECTORY_OR_CREATE, containers: ['agent', 'setup'] });
  ds.addVolume(kplus.Volume.fromConfigMap(chart, 'config-volume', config, { name: 'config' }));
  ds.mountVolume('config', '/etc/agent', { readOnly: true });
  ds.addNodeSelector('example.com/agents', 'true');
  ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.notIn('example.com/pool', ['spot'])), { weight: 50 });
  ds.exposeViaService({ name: 'node-agent', serviceType: DaemonSetServiceType.HEADLESS, internalTrafficPolicy: ServiceTrafficPolicy.LOCAL });
  ds.enablePrometheusScrape({ port: 9100 });
  return ds;
}

test('snapshot: a DaemonSet using many features at once', () => {
  const chart = monitoringChart();
  fullAgent(chart);
  const manifests = Testing.synth(chart);
  // the snapshot covers checksums too: the ConfigMap and Secret are consumed
  expect(Object.keys(onlyOfKind(manifests, 'DaemonSet').spec.template.metadata.annotations).filter(k => k.startsWith(CONFIG_CHECKSUM_PREFIX)).sort()).toEqual([
    `${CONFIG_CHECKSUM_PREFIX}/configmap-agent-config`,
    `${CONFIG_CHECKSUM_PREFIX}/secret-agent-credentials`,
  ]);
  expect(manifests).toMatchSnapshot();
});

test('determinism: synthesizing the same app twice gives byte-identical YAML', () => {
  const first = monitoringChart();
  fullAgent(first);
  const second = monitoringChart();
  fullAgent(second);
  const a = Yaml.stringify(...Testing.synth(first));
  const b = Yaml.stringify(...Testing.synth(second));
  expect(a).toEqual(b);
  // synthesizing the same chart again changes nothing either
  expect(Yaml.stringify(...Testing.synth(first))).toEqual(a);
});
