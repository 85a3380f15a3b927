import { containersOf } from '../../../src/k8s/pod-template';
import { validateManifests } from '../../../src/validation/engine';
import { collector } from '../../../src/validation/rules/semantics/checks';
import { checkContainer } from '../../../src/validation/rules/semantics/containers';
import { checkPodSpec, SemanticProblem } from '../../../src/validation/rules/semantics/semantics';

/*
 * The container checks of the semantics family (src/validation/rules/semantics/containers.ts and ./container):
 * each case is what kube-apiserver v1.37.2 answers to a DaemonSet with that container (asked with a server-side
 * dry run), so "accepts" cases must stay silent and "rejects" cases must name the field.
 */

type Json = { [key: string]: any };

const BASE = 'spec.template.spec';

function container(overrides: Json = {}): Json {
  return { name: 'agent', image: 'registry.example.com/agent:1.4.2', ...overrides };
}

function pod(overrides: Json = {}): Json {
  return { containers: [container()], volumes: [{ name: 'data', emptyDir: {} }], ...overrides };
}

/** The problems of a pod whose only container has `overrides`. */
function problemsOf(overrides: Json, podOverrides: Json = {}): SemanticProblem[] {
  return checkPodSpec(pod({ containers: [container(overrides)], ...podOverrides }), BASE);
}

/** The container problems of a pod spec as the API server of Kubernetes 1.<minor> sees them. */
function atVersion(spec: Json, minor: number): SemanticProblem[] {
  const { problems, add } = collector(BASE);
  const names = {
    spec,
    volumes: new Map<string, Json>(),
    containerNames: new Set<string>(),
    portNames: new Map<string, string>(),
    containerHostPorts: new Map<string, string>(),
    kubernetesMinor: minor,
  };
  for (const ref of containersOf(spec)) checkContainer(ref, names, add);
  return problems;
}

const errors = (problems: SemanticProblem[]) => problems.filter(p => p.severity !== 'warning');
const warnings = (problems: SemanticProblem[]) => problems.filter(p => p.severity === 'warning');
const rules = (problems: SemanticProblem[]) => problems.map(p => p.rule);
const at = (path: string) => `${BASE}.containers[0].${path}`;

describe('accepts what the API server accepts', () => {
  test.each<[string, Json, Json?]>([
    ['an image with two colons (the kubelet refuses it, not the API server)', { image: 'nginx:1.2:3' }],
    ['an upper-case image', { image: 'Registry/Agent' }],
    ['a relative mountPath (the kubelet resolves it)', { volumeMounts: [{ name: 'data', mountPath: 'data' }] }],
    ['hostPort 0 (no host port)', { ports: [{ containerPort: 80, hostPort: 0 }] }],
    ['env names with dashes, dots, spaces and leading digits', { env: [{ name: 'LOG-LEVEL', value: '1' }, { name: 'a.b', value: '' }, { name: 'A B', value: '' }, { name: '1X', value: '' }] }],
    ['an envFrom prefix ending in a dash', { envFrom: [{ prefix: 'APP-', configMapRef: { name: 'agent-' } }] }],
    ['fieldRef of a label or annotation key, and spec.host', {
      env: [
        { name: 'A', valueFrom: { fieldRef: { fieldPath: 'metadata.labels[\'app\']' } } },
        { name: 'B', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.annotations[\'Example.com/Key\']' } } },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: 'spec.host' } } },
      ],
    }],
    ['resourceFieldRef divisors in canonical forms', {
      env: [
        { name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1024Ki' } } },
        { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1000m' } } },
        { name: 'C', valueFrom: { resourceFieldRef: { resource: 'requests.hugepages-2Mi', divisor: '1Mi' } } },
      ],
    }],
    ['a fileKeyRef into an emptyDir volume', { env: [{ name: 'A', valueFrom: { fileKeyRef: { volumeName: 'data', path: 'env/a', key: 'A' } } }] }],
    ['a kubernetes.io/ resource with a fraction and no limit', { resources: { requests: { 'kubernetes.io/foo': '500m' } } }],
    ['an extended resource set as a limit only (the request defaults to it)', { resources: { limits: { 'example.com/foo': '2' } } }],
    ['hugepages with cpu and a whole number of pages', { resources: { requests: { 'hugepages-2Mi': '4Mi', 'cpu': '1' }, limits: { 'hugepages-2Mi': '4Mi' } } }],
    ['probe counts of 0 (defaulted) and a liveness successThreshold of 0', { livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 0, periodSeconds: 0 } }],
    ['a sleep hook of 0 seconds', { lifecycle: { preStop: { sleep: { seconds: 0 } } } }],
    ['restartPolicy and restart rules on an app container (1.35+)', { restartPolicy: 'Never', restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [1] } }] }],
    ['capabilities and seLinuxOptions the API server does not check', { securityContext: { capabilities: { add: ['not a cap', 'SYS_ADMIN'] }, allowPrivilegeEscalation: false, seLinuxOptions: { level: 'x y z' } } }],
    ['procMount Unmasked with hostUsers false', { securityContext: { procMount: 'Unmasked' } }, { hostUsers: false }],
    ['a block device of a PVC', { volumeDevices: [{ name: 'disk', devicePath: '/dev/xvda' }] }, { volumes: [{ name: 'disk', persistentVolumeClaim: { claimName: 'c' } }] }],
    ['recursiveReadOnly on a read-only mount', { volumeMounts: [{ name: 'data', mountPath: '/data', readOnly: true, recursiveReadOnly: 'IfPossible' }] }],
  ])('%s', (...row) => {
    // A rest parameter: jest would take a third declared parameter for a done callback on two-element rows.
    expect(errors(problemsOf(row[1], row[2]))).toEqual([]);
  });

  test('an init container may bind the host port an app container binds later', () => {
    const spec = pod({
      initContainers: [container({ name: 'setup', ports: [{ containerPort: 8080, hostPort: 8080 }] })],
      containers: [container({ ports: [{ containerPort: 8080, hostPort: 8080 }] })],
    });
    // The API server warns: "duplicate port definition with spec.template.spec.initContainers[0].ports[0]".
    expect(rules(checkPodSpec(spec, BASE))).toEqual(['semantics/port-range']);
    expect(warnings(checkPodSpec(spec, BASE))).toHaveLength(1);
  });

  test('the same host port on two host IPs', () => {
    const spec = pod({
      containers: [
        container({ ports: [{ containerPort: 80, hostPort: 80, hostIP: '10.0.0.1' }] }),
        container({ name: 'b', ports: [{ containerPort: 81, hostPort: 80 }] }),
      ],
    });
    expect(checkPodSpec(spec, BASE)).toEqual([]);
  });

  test('with hostNetwork, an unset hostPort and an init container\'s differing one', () => {
    const spec = pod({
      hostNetwork: true,
      initContainers: [container({ name: 'setup', ports: [{ containerPort: 80, hostPort: 81 }] })],
      containers: [container({ ports: [{ containerPort: 9100 }] })],
    });
    expect(checkPodSpec(spec, BASE)).toEqual([]);
  });
});

describe('reports what the API server accepts with a warning as a warning', () => {
  test('a port name used by two containers', () => {
    const problems = checkPodSpec(pod({
      containers: [
        container({ ports: [{ containerPort: 80, name: 'http' }] }),
        container({ name: 'b', ports: [{ containerPort: 81, name: 'http' }] }),
      ],
    }), BASE);
    expect(problems).toEqual([{
      rule: 'semantics/port-names',
      severity: 'warning',
      path: `${BASE}.containers[1].ports[0].name`,
      message: expect.stringMatching(/^container 'b' port name 'http' is also declared by containers\[0\]\.ports\[0\]; the API server accepts this with a warning/),
    }]);
  });

  test('an env var defined twice, unless the second extends the first', () => {
    const problems = problemsOf({ env: [{ name: 'A', value: 'x' }, { name: 'A', value: 'y' }, { name: 'P', value: '/a' }, { name: 'P', value: '$(P):/b' }] });
    expect(errors(problems)).toEqual([]);
    expect(warnings(problems).map(p => p.path)).toEqual([at('env[1]')]);
  });

  test('a fractional byte amount of memory', () => {
    const problems = problemsOf({ resources: { requests: { memory: '100m' } } });
    expect(errors(problems)).toEqual([]);
    expect(warnings(problems)).toEqual([expect.objectContaining({ rule: 'semantics/quantities', path: at('resources.requests.memory') })]);
  });

  test('the engine reports them with warning severity', () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'a', namespace: 'b' },
      spec: { selector: { matchLabels: { app: 'a' } }, template: { metadata: { labels: { app: 'a' } }, spec: pod({ containers: [container({ resources: { limits: { memory: '0.5' } } })] }) } },
    };
    const found = validateManifests([ds]).findings.filter(f => f.ruleId === 'semantics/quantities');
    expect(found.map(f => f.severity)).toEqual(['warning']);
  });
});

describe('rejects bad names and images', () => {
  test('names: missing, invalid, duplicated across init containers and containers', () => {
    const problems = checkPodSpec(pod({
      initContainers: [container({ name: 'agent' })],
      containers: [container(), container({ name: 'Side_Car' }), container({ name: '' })],
    }), BASE);
    expect(problems).toEqual([
      { rule: 'semantics/container-names', path: `${BASE}.containers[0].name`, message: 'container \'agent\' is defined twice; container names must be unique across containers and init containers' },
      { rule: 'semantics/container-names', path: `${BASE}.containers[1].name`, message: expect.stringMatching(/^container name 'Side_Car' must consist of lower-case alphanumerics/) },
      { rule: 'semantics/container-names', path: `${BASE}.containers[2].name`, message: 'a container has no name; a name is required' },
    ]);
  });

  test('a missing or empty image', () => {
    const problems = checkPodSpec(pod({ containers: [container({ image: undefined }), container({ name: 'b', image: '' })] }), BASE);
    expect(problems).toEqual([
      { rule: 'semantics/image-reference', path: `${BASE}.containers[0].image`, message: 'container \'agent\' has no image; an image is required' },
      { rule: 'semantics/image-reference', path: `${BASE}.containers[1].image`, message: 'container \'b\' has no image; an image is required' },
    ]);
  });
});

describe('rejects bad ports', () => {
  test('containerPort missing or out of range, hostPort out of range, bad and repeated names', () => {
    const problems = problemsOf({
      ports: [
        { name: 'web' },
        { containerPort: 70000 },
        { containerPort: 9100, name: 'Metrics' },
        { containerPort: 9101, name: 'admin' },
        { containerPort: 9102, name: 'admin' },
        { containerPort: 9103, hostPort: 70000 },
        { containerPort: 9104, name: '123' },
      ],
    });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/port-range', at('ports[0].containerPort')],
      ['semantics/port-range', at('ports[1].containerPort')],
      ['semantics/port-names', at('ports[2].name')],
      ['semantics/port-names', at('ports[4].name')],
      ['semantics/port-range', at('ports[5].hostPort')],
      ['semantics/port-names', at('ports[6].name')],
    ]);
    expect(problems[0].message).toBe('container \'agent\' port 0 has no containerPort; containerPort is required (a port is an integer from 1 to 65535)');
    expect(problems[3].message).toMatch(/used twice in the container; port names must be unique in a container/);
    expect(problems[5].message).toMatch(/must contain at least one letter/);
  });

  test('a host port bound twice among app containers, and twice in one init container', () => {
    const problems = checkPodSpec(pod({
      initContainers: [container({ name: 'setup', ports: [{ containerPort: 1, hostPort: 80 }, { containerPort: 2, hostPort: 80 }] })],
      containers: [
        container({ ports: [{ containerPort: 8080, hostPort: 80 }] }),
        container({ name: 'proxy', ports: [{ containerPort: 8081, hostPort: 80, protocol: 'TCP' }, { containerPort: 8082, hostPort: 80, protocol: 'UDP' }] }),
      ],
    }), BASE);
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/host-port-collision', `${BASE}.initContainers[0].ports[1].hostPort`],
      ['semantics/host-port-collision', `${BASE}.containers[1].ports[0].hostPort`],
    ]);
    expect(problems[1].message).toBe('container \'proxy\' hostPort 80/TCP is already bound by container \'agent\'; two containers of one pod cannot bind the same host port (Duplicate value: "TCP//80")');
  });

  test('with hostNetwork a set hostPort must match the containerPort', () => {
    expect(problemsOf({ ports: [{ containerPort: 9100, hostPort: 19100 }] }, { hostNetwork: true })).toEqual([{
      rule: 'semantics/host-network-ports',
      path: at('ports[0].hostPort'),
      message: 'container \'agent\' hostPort 19100 differs from containerPort 9100; with hostNetwork it must match containerPort (or be unset)',
    }]);
  });
});

describe('rejects bad env', () => {
  test('names: empty or with \'=\' or non-ASCII; envFrom prefixes likewise', () => {
    const problems = problemsOf({
      env: [{ name: '', value: '1' }, { name: 'A=B', value: '1' }, { name: 'Aé', value: '1' }, { name: 'TAB\t', value: '1' }],
      envFrom: [{ prefix: 'X=', configMapRef: { name: 'a' } }],
    });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/env-names', at('env[0].name')],
      ['semantics/env-names', at('env[1].name')],
      ['semantics/env-names', at('env[2].name')],
      ['semantics/env-names', at('env[3].name')],
      ['semantics/env-names', at('envFrom[0].prefix')],
    ]);
    expect(problems[1].message).toBe('container \'agent\' environment variable name \'A=B\' must consist only of printable ASCII characters other than \'=\'');
  });

  test('before 1.32 the API server used the stricter C-identifier-like rule', () => {
    const spec = pod({ containers: [container({ env: [{ name: '1X', value: '' }, { name: 'A B', value: '' }, { name: 'LOG-LEVEL', value: '' }] })] });
    expect(atVersion(spec, 31).map(p => p.path)).toEqual([at('env[0].name'), at('env[1].name')]);
    expect(atVersion(spec, 32)).toEqual([]);
  });

  test('valueFrom: no source, two sources, a value beside a source', () => {
    const problems = problemsOf({
      env: [
        { name: 'A', valueFrom: {} },
        { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' }, configMapKeyRef: { name: 'x', key: 'k' } } },
        { name: 'C', value: 'v', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      ],
    });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/env-value-from', at('env[0].valueFrom')],
      ['semantics/env-value-from', at('env[1].valueFrom')],
      ['semantics/env-value-from', at('env[2].valueFrom')],
    ]);
    expect(problems[0].message).toMatch(/must specify one of: fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef or fileKeyRef$/);
    expect(problems[1].message).toMatch(/sets fieldRef and configMapKeyRef; it may not have more than one source at a time$/);
    expect(problems[2].message).toMatch(/valueFrom may not be specified when value is not empty$/);
  });

  test('fieldRef: unsupported paths, subscripts and apiVersions, bad label keys', () => {
    const problems = problemsOf({
      env: [
        { name: 'A', valueFrom: { fieldRef: { fieldPath: 'status.phase' } } },
        { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.labels' } } },
        { name: 'C', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName[\'x\']' } } },
        { name: 'D', valueFrom: { fieldRef: { apiVersion: 'v2', fieldPath: 'metadata.name' } } },
        { name: 'E', valueFrom: { fieldRef: { fieldPath: 'metadata.annotations[\'a b\']' } } },
        { name: 'F', valueFrom: { fieldRef: { fieldPath: 'no.such.field' } } },
      ],
    });
    expect(problems.map(p => p.path)).toEqual([
      at('env[0].valueFrom.fieldRef.fieldPath'), at('env[1].valueFrom.fieldRef.fieldPath'), at('env[2].valueFrom.fieldRef.fieldPath'),
      at('env[3].valueFrom.fieldRef.fieldPath'), at('env[4].valueFrom.fieldRef'), at('env[5].valueFrom.fieldRef.fieldPath'),
    ]);
    expect(problems[0].message).toMatch(/Unsupported value: 'status.phase': supported values: 'metadata.name'/);
    expect(problems[3].message).toMatch(/unsupported pod version: v2/);
  });

  test('resourceFieldRef: unsupported resource and divisors', () => {
    const problems = problemsOf({
      env: [
        { name: 'A', valueFrom: { resourceFieldRef: { resource: 'limits.gpu' } } },
        { name: 'B', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1024' } } },
        { name: 'C', valueFrom: { resourceFieldRef: { resource: 'requests.cpu', divisor: '2' } } },
        { name: 'D', valueFrom: { resourceFieldRef: {} } },
      ],
    });
    expect(problems.map(p => p.path)).toEqual([
      at('env[0].valueFrom.resourceFieldRef.resource'), at('env[1].valueFrom.resourceFieldRef.divisor'),
      at('env[2].valueFrom.resourceFieldRef.divisor'), at('env[3].valueFrom.resourceFieldRef.resource'),
    ]);
    expect(problems[2].message).toMatch(/only divisor's values 1m, 1 are supported with the cpu resource/);
  });

  test('configMapKeyRef and secretKeyRef: a name (even an empty one is checked) and a key', () => {
    const problems = problemsOf({
      env: [
        { name: 'A', valueFrom: { configMapKeyRef: { key: 'k' } } },
        { name: 'B', valueFrom: { configMapKeyRef: { name: 'x', key: '' } } },
        { name: 'C', valueFrom: { secretKeyRef: { name: 'x', key: 'a/b' } } },
        { name: 'D', valueFrom: { secretKeyRef: { name: 'x', key: '..k' } } },
      ],
    });
    expect(problems.map(p => p.path)).toEqual([
      at('env[0].valueFrom.configMapKeyRef.name'), at('env[1].valueFrom.configMapKeyRef.key'),
      at('env[2].valueFrom.secretKeyRef.key'), at('env[3].valueFrom.secretKeyRef.key'),
    ]);
  });

  test('fileKeyRef: key, path and a volume that is an emptyDir of the pod', () => {
    const problems = problemsOf({
      env: [
        { name: 'A', valueFrom: { fileKeyRef: { volumeName: 'missing', path: '../a', key: 'K=' } } },
        { name: 'B', valueFrom: { fileKeyRef: { volumeName: 'cfg', path: 'a', key: 'K' } } },
      ],
    }, { volumes: [{ name: 'cfg', configMap: { name: 'c' } }] });
    expect(problems.map(p => p.path)).toEqual([
      at('env[0].valueFrom.fileKeyRef.key'), at('env[0].valueFrom.fileKeyRef.path'), at('env[0].valueFrom.fileKeyRef.volumeName'),
      at('env[1].valueFrom.fileKeyRef.volumeName'),
    ]);
    expect(problems[3].message).toMatch(/volume 'cfg' must be of type emptyDir/);
  });

  test('envFrom: no source, two sources, a missing name', () => {
    const problems = problemsOf({ envFrom: [{ prefix: 'X' }, { configMapRef: { name: 'a' }, secretRef: { name: 'b' } }, { configMapRef: {} }] });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/env-from', at('envFrom')],
      ['semantics/env-from', at('envFrom')],
      ['semantics/env-from', at('envFrom[2].configMapRef.name')],
    ]);
  });
});

describe('rejects bad resources', () => {
  test('not a quantity, negative, request above limit', () => {
    const problems = problemsOf({ resources: { requests: { cpu: '2', memory: '-64Mi', storage: 'lots' }, limits: { cpu: '500m', memory: '256Mi' } } });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/requests-within-limits', at('resources.requests.cpu')],
      ['semantics/quantities', at('resources.requests.memory')],
      ['semantics/resource-names', at('resources.requests.storage')],
      ['semantics/quantities', at('resources.requests.storage')],
    ]);
    expect(problems[0].message).toBe('container \'agent\' requests cpu 2 cores but limits it to 0.5 cores; a request must be less than or equal to its limit');
  });

  test('memory request above the limit across units', () => {
    const problems = problemsOf({ resources: { requests: { memory: '1G' }, limits: { memory: '512Mi' } } });
    expect(problems.map(p => p.path)).toEqual([at('resources.requests.memory')]);
    expect(problems[0].message).toBe('container \'agent\' requests memory 1 GB but limits it to 512 MiB; a request must be less than or equal to its limit');
  });

  test('hugepages a container requests unlike its limit are named in binary units', () => {
    const problems = problemsOf({ resources: { requests: { 'hugepages-2Mi': '4Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '8Mi', 'memory': '1Gi' } } });
    expect(problems.map(p => p.message)).toEqual([
      'container \'agent\' requests 4 MiB of hugepages-2Mi but limits it to 8 MiB; hugepages-2Mi cannot be overcommitted, so the request must be equal to the limit',
    ]);
  });

  test('unknown and non-container resource names', () => {
    const problems = problemsOf({ resources: { requests: { 'cpus': '1', 'requests.cpu': '1', 'pods': '1', 'a/b/c': '1', 'requests.example.com/foo': '1' }, limits: { 'requests.example.com/foo': '1' } } });
    // 'a/b/c' is not native, so the API server also wants a limit for it ("Limit must be set for non overcommitable resources").
    const names = problems.filter(p => p.path !== at('resources.limits'));
    expect(rules(names)).toEqual(names.map(() => 'semantics/resource-names'));
    expect(problems).toHaveLength(names.length + 1);
    expect(problems.map(p => p.message)).toEqual(expect.arrayContaining([
      'container \'agent\' requests resource \'cpus\' must be a standard resource type or fully qualified',
      expect.stringMatching(/^container 'agent' requests resource 'pods' must be a standard resource for containers/),
      'container \'agent\' limits resource \'requests.example.com/foo\' doesn\'t follow extended resource name standard',
    ]));
  });

  test('extended resources: whole numbers, a limit, request equal to limit', () => {
    const problems = problemsOf({
      resources: {
        requests: { 'nvidia.com/gpu': 1, 'example.com/a': '500m', 'example.com/b': '1' },
        limits: { 'nvidia.com/gpu': 2, 'example.com/a': '500m' },
      },
    });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/extended-resources', at('resources.limits.example.com/a')],
      ['semantics/extended-resources', at('resources.requests.nvidia.com/gpu')],
      ['semantics/extended-resources', at('resources.requests.example.com/a')],
      ['semantics/extended-resources', at('resources.limits')],
    ]);
    expect(problems[1].message).toBe('container \'agent\' requests 1 of nvidia.com/gpu but limits it to 2; nvidia.com/gpu cannot be overcommitted, so the request must be equal to the limit');
  });

  test('hugepages: whole pages, a valid page size, request equal to limit, beside cpu or memory', () => {
    expect(rules(problemsOf({ resources: { requests: { 'hugepages-2Mi': '3Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '3Mi', 'memory': '1Gi' } } })))
      .toEqual(['semantics/hugepages', 'semantics/hugepages']);
    expect(rules(problemsOf({ resources: { limits: { 'hugepages-foo': '2Mi', 'memory': '1Gi' } } }))).toEqual(['semantics/hugepages']);
    expect(rules(problemsOf({ resources: { requests: { 'hugepages-2Mi': '2Mi', 'memory': '1Gi' }, limits: { 'hugepages-2Mi': '4Mi', 'memory': '1Gi' } } }))).toEqual(['semantics/hugepages']);
    expect(problemsOf({ resources: { limits: { 'hugepages-2Mi': '4Mi' } } })).toEqual([{
      rule: 'semantics/hugepages', path: at('resources'), message: 'container \'agent\' requests hugepages without cpu or memory; HugePages require cpu or memory',
    }]);
  });

  test('amounts are rounded up to millis first, as the API server defaults them', () => {
    expect(problemsOf({ resources: { requests: { cpu: '0.5m' }, limits: { cpu: '0.1m' } } })).toEqual([]);
  });
});

describe('rejects bad probes and lifecycle hooks', () => {
  test('no handler, two handlers, an exec without command, bad header names', () => {
    const problems = problemsOf({
      livenessProbe: { periodSeconds: 5 },
      readinessProbe: { exec: { command: ['x'] }, tcpSocket: { port: 80 } },
      startupProbe: { httpGet: { port: 80, httpHeaders: [{ name: 'X Y', value: 'a' }] } },
      lifecycle: { postStart: {}, preStop: { exec: {} } },
    });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/probe-handlers', at('livenessProbe')],
      ['semantics/probe-handlers', at('readinessProbe.tcpSocket')],
      ['semantics/probe-handlers', at('startupProbe.httpGet.httpHeaders')],
      ['semantics/probe-handlers', at('lifecycle.postStart')],
      ['semantics/probe-handlers', at('lifecycle.preStop.exec.command')],
    ]);
    expect(problems[1].message).toBe('container \'agent\' readinessProbe sets exec and tcpSocket; it may not specify more than 1 handler type');
  });

  test('ports: numbers out of range, a number written as a string, a grpc port of 0', () => {
    const problems = problemsOf({
      livenessProbe: { httpGet: { port: '80' } },
      readinessProbe: { tcpSocket: { port: 70000 } },
      startupProbe: { grpc: { port: 0 } },
    });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/port-range', at('livenessProbe.httpGet.port')],
      ['semantics/port-range', at('readinessProbe.tcpSocket.port')],
      ['semantics/port-range', at('startupProbe.grpc.port')],
    ]);
    expect(problems[0].message).toMatch(/write the number 80 without quotes/);
  });

  test('negative counts, successThreshold of liveness and startup probes, terminationGracePeriodSeconds', () => {
    const problems = problemsOf({
      livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2, terminationGracePeriodSeconds: 0 },
      readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: -1, failureThreshold: -2, successThreshold: 3, terminationGracePeriodSeconds: 5 },
      startupProbe: { tcpSocket: { port: 80 }, successThreshold: 3 },
    });
    expect(problems.map(p => p.path)).toEqual([
      at('livenessProbe.successThreshold'), at('livenessProbe.terminationGracePeriodSeconds'),
      at('readinessProbe.periodSeconds'), at('readinessProbe.failureThreshold'), at('readinessProbe.terminationGracePeriodSeconds'),
      at('startupProbe.successThreshold'),
    ]);
    expect(rules(problems).every(r => r === 'semantics/probes')).toBe(true);
    expect(problems[2].message).toBe('container \'agent\' readinessProbe periodSeconds is -1; it must be greater than or equal to 0');
  });

  test('a sleep hook longer than the grace period, or negative', () => {
    expect(problemsOf({ lifecycle: { preStop: { sleep: { seconds: 31 } } } }).map(p => p.path)).toEqual([at('lifecycle.preStop.sleep')]);
    expect(problemsOf({ lifecycle: { preStop: { sleep: { seconds: 10 } } } }, { terminationGracePeriodSeconds: 5 })[0].message)
      .toBe('container \'agent\' preStop hook sleep seconds 10 must be non-negative and at most terminationGracePeriodSeconds (5)');
    expect(problemsOf({ lifecycle: { preStop: { sleep: { seconds: -1 } } } })).toHaveLength(1);
  });

  test('init containers may have neither probes nor hooks, unless they are sidecars', () => {
    const problems = checkPodSpec(pod({
      initContainers: [
        container({ name: 'setup', livenessProbe: { exec: { command: ['true'] } }, lifecycle: { preStop: { exec: { command: ['true'] } } } }),
        container({ name: 'proxy', restartPolicy: 'Always', livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }),
      ],
    }), BASE);
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/lifecycle', `${BASE}.initContainers[0].lifecycle`],
      ['semantics/probes', `${BASE}.initContainers[0].livenessProbe`],
      ['semantics/probes', `${BASE}.initContainers[1].livenessProbe.successThreshold`],
    ]);
  });
});

describe('rejects bad restart and resize policies', () => {
  test('restartPolicy values and restart rules', () => {
    const problems = checkPodSpec(pod({
      initContainers: [container({ name: 'i', restartPolicy: 'Foo' })],
      containers: [
        container({ restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [1] } }] }),
        container({ name: 'b', restartPolicy: 'Never', restartPolicyRules: [{ action: 'Foo', exitCodes: { operator: 'Bar' } }, { action: 'Restart' }] }),
      ],
    }), BASE);
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/container-restart-policy', `${BASE}.initContainers[0].restartPolicy`],
      ['semantics/container-restart-policy', `${BASE}.containers[0].restartPolicy`],
      ['semantics/container-restart-policy', `${BASE}.containers[1].restartPolicyRules[0].action`],
      ['semantics/container-restart-policy', `${BASE}.containers[1].restartPolicyRules[0].exitCodes.operator`],
      ['semantics/container-restart-policy', `${BASE}.containers[1].restartPolicyRules[1].exitCodes`],
    ]);
  });

  test('before 1.35 only init containers set restartPolicy, and only to Always', () => {
    const spec = pod({ initContainers: [container({ name: 'i', restartPolicy: 'Never' })], containers: [container({ restartPolicy: 'Always' })] });
    expect(atVersion(spec, 34).map(p => p.path)).toEqual([`${BASE}.initContainers[0].restartPolicy`, `${BASE}.containers[0].restartPolicy`]);
    expect(atVersion(spec, 35)).toEqual([]);
  });

  test('resizePolicy: cpu and memory once each, known policies, no RestartContainer in plain init containers', () => {
    const problems = checkPodSpec(pod({
      initContainers: [container({ name: 'i', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'RestartContainer' }] })],
      containers: [container({ resizePolicy: [{ resourceName: 'gpu', restartPolicy: 'Foo' }, { resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'cpu', restartPolicy: 'RestartContainer' }] })],
    }), BASE);
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/resize-policy', `${BASE}.initContainers[0].resizePolicy[0].restartPolicy`],
      ['semantics/resize-policy', `${BASE}.containers[0].resizePolicy`],
      ['semantics/resize-policy', `${BASE}.containers[0].resizePolicy`],
      ['semantics/resize-policy', `${BASE}.containers[0].resizePolicy[2]`],
    ]);
  });
});

describe('rejects bad volume mounts and devices', () => {
  test('unknown or unnamed volume, missing or repeated mountPath', () => {
    const problems = problemsOf({
      volumeMounts: [
        { name: 'cache', mountPath: '/cache' },
        { name: '', mountPath: '/x' },
        { name: 'data', mountPath: '' },
        { name: 'data', mountPath: '/cache' },
      ],
    });
    expect(problems.map(p => p.path)).toEqual([at('volumeMounts[0].name'), at('volumeMounts[1].name'), at('volumeMounts[2].mountPath'), at('volumeMounts[3].mountPath')]);
    expect(problems[0].message).toBe('container \'agent\' mounts volume \'cache\', which the pod does not define; defined volumes: \'data\'');
  });

  test('a mount of a volume the API server refuses is not reported again', () => {
    const spec = pod({ volumes: [{ name: 'Bad_Name', emptyDir: {} }], containers: [container({ volumeMounts: [{ name: 'Bad_Name', mountPath: '/x' }] })] });
    expect(checkPodSpec(spec, BASE).filter(p => p.rule === 'semantics/volume-mounts')).toEqual([]);
  });

  test('subPath and subPathExpr: relative, without \'..\', not both', () => {
    const problems = problemsOf({
      volumeMounts: [
        { name: 'data', mountPath: '/a', subPath: 'a', subPathExpr: '$(POD_NAME)' },
        { name: 'data', mountPath: '/b', subPath: '/abs' },
        { name: 'data', mountPath: '/c', subPathExpr: '../$(POD_NAME)' },
        { name: 'data', mountPath: '/d', subPath: 'a/..b' },
      ],
    });
    expect(problems).toEqual([
      { rule: 'semantics/volume-mounts', path: at('volumeMounts[0].subPathExpr'), message: 'container \'agent\' mount at \'/a\' sets both subPath and subPathExpr; subPathExpr and subPath are mutually exclusive' },
      { rule: 'semantics/volume-mounts', path: at('volumeMounts[1].subPath'), message: 'container \'agent\' subPath \'/abs\' must be a relative path' },
      { rule: 'semantics/volume-mounts', path: at('volumeMounts[2].subPathExpr'), message: 'container \'agent\' subPathExpr \'../$(POD_NAME)\' must not contain \'..\'' },
    ]);
  });

  test('recursiveReadOnly needs readOnly and no propagation; Bidirectional needs privileged', () => {
    const problems = problemsOf({
      volumeMounts: [
        { name: 'data', mountPath: '/a', recursiveReadOnly: 'Enabled' },
        { name: 'data', mountPath: '/b', readOnly: true, recursiveReadOnly: 'Enabled', mountPropagation: 'HostToContainer' },
        { name: 'data', mountPath: '/c', readOnly: true, recursiveReadOnly: 'Foo' },
        { name: 'data', mountPath: '/d', mountPropagation: 'Bidirectional' },
      ],
    });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/volume-mounts', at('volumeMounts[0].recursiveReadOnly')],
      ['semantics/volume-mounts', at('volumeMounts[1].recursiveReadOnly')],
      ['semantics/volume-mounts', at('volumeMounts[2].recursiveReadOnly')],
      ['semantics/mount-propagation', at('volumeMounts[3].mountPropagation')],
    ]);
    expect(errors(problemsOf({ securityContext: { privileged: true }, volumeMounts: [{ name: 'data', mountPath: '/d', mountPropagation: 'Bidirectional' }] }))).toEqual([]);
  });

  test('volumeDevices: a PVC or ephemeral volume, unique, not also mounted', () => {
    const problems = problemsOf({
      volumeDevices: [{ name: 'data', devicePath: '/dev/a' }, { name: 'w', devicePath: '/dev/b' }, { name: 'disk', devicePath: '/dev/c' }, { name: 'disk', devicePath: '/dev/c' }],
      volumeMounts: [{ name: 'disk2', mountPath: '/dev/d' }],
    }, { volumes: [{ name: 'data', emptyDir: {} }, { name: 'disk', persistentVolumeClaim: { claimName: 'c' } }, { name: 'disk2', ephemeral: { volumeClaimTemplate: { spec: {} } } }] });
    expect(problems.filter(p => p.rule === 'semantics/volume-devices').map(p => p.path)).toEqual([
      at('volumeDevices[0].name'), at('volumeDevices[1].name'), at('volumeDevices[3].name'), at('volumeDevices[3].devicePath'),
    ]);
  });
});

describe('rejects bad security contexts', () => {
  test('user and group ids outside [0, 2^31-1]', () => {
    const problems = problemsOf({ securityContext: { runAsUser: -1, runAsGroup: 2147483648 } });
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/security-context-ids', at('securityContext.runAsUser')],
      ['semantics/security-context-ids', at('securityContext.runAsGroup')],
    ]);
    expect(problems[0].message).toBe('container \'agent\' runAsUser -1 is out of range; it must be between 0 and 2147483647, inclusive');
  });

  test('seccomp and AppArmor profiles: Localhost needs a profile, the other types none', () => {
    const problems = [
      ...problemsOf({ securityContext: { seccompProfile: { type: 'Localhost' } } }),
      ...problemsOf({ securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: '/abs.json' } } }),
      ...problemsOf({ securityContext: { seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'a.json' } } }),
      ...problemsOf({ securityContext: { appArmorProfile: { type: 'Localhost' } } }),
      ...problemsOf({ securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: ' padded' } } }),
      ...problemsOf({ securityContext: { appArmorProfile: { type: 'Unconfined', localhostProfile: 'x' } } }),
    ];
    expect(rules(problems)).toEqual([
      'semantics/seccomp-profile', 'semantics/seccomp-profile', 'semantics/seccomp-profile',
      'semantics/apparmor-profile', 'semantics/apparmor-profile', 'semantics/apparmor-profile',
    ]);
  });

  test('procMount Unmasked without a user namespace', () => {
    expect(problemsOf({ securityContext: { procMount: 'Unmasked' } })).toEqual([expect.objectContaining({ rule: 'semantics/proc-mount', path: at('securityContext.procMount') })]);
  });

  test('allowPrivilegeEscalation false with privileged, or with CAP_SYS_ADMIN added', () => {
    const problems = [
      ...problemsOf({ securityContext: { privileged: true, allowPrivilegeEscalation: false } }),
      ...problemsOf({ securityContext: { capabilities: { add: ['CAP_SYS_ADMIN'] }, allowPrivilegeEscalation: false } }),
    ];
    expect(problems.map(p => [p.rule, p.path])).toEqual([
      ['semantics/privileged-escalation', at('securityContext')],
      ['semantics/privileged-escalation', at('securityContext')],
    ]);
  });
});

describe('reads any JSON without throwing', () => {
  test.each<[string, Json]>([
    ['wrong types everywhere', {
      name: 5,
      image: [],
      ports: 'x',
      env: [null, 1, { name: 3, valueFrom: [] }, { name: 'A', valueFrom: { fieldRef: 7, resourceFieldRef: { resource: 1, divisor: {} } } }],
      envFrom: {},
      resources: { requests: [], limits: 'x' },
      volumeMounts: [{ name: null, mountPath: 4, subPath: {} }],
      volumeDevices: [{}],
      livenessProbe: { exec: 'x', httpGet: null },
      readinessProbe: [],
      lifecycle: { preStop: { sleep: { seconds: 'x' } } },
      securityContext: { runAsUser: '0', seccompProfile: [], appArmorProfile: 'x' },
      resizePolicy: [{ resourceName: 1 }],
      restartPolicyRules: 'x',
    }],
    ['nulls', { name: null, image: null, ports: [{ containerPort: null, hostPort: null, name: null }], env: [{ name: null, valueFrom: null }], resources: null, securityContext: null }],
  ])('%s', (_name, overrides) => {
    expect(() => problemsOf(overrides)).not.toThrow();
  });
});

describe('warns about overlapping port definitions as the API server does', () => {
  test('a hostIP without hostPort, a duplicate and an overlapping definition', () => {
    const problems = checkPodSpec(pod({
      containers: [
        container({ ports: [{ containerPort: 80, hostIP: '10.0.0.1' }, { containerPort: 81 }, { containerPort: 81 }] }),
        container({ name: 'b', ports: [{ containerPort: 80, hostPort: 8080 }] }),
      ],
    }), BASE);
    expect(errors(problems)).toEqual([]);
    expect(warnings(problems).map(p => [p.path, p.message.replace(/;.*/, '')])).toEqual([
      [at('ports[0]'), 'port 80 sets hostIP 10.0.0.1 without a hostPort'],
      [at('ports[2]'), 'port 81/TCP is a duplicate port definition with containers[0].ports[1]'],
      [`${BASE}.containers[1].ports[0]`, 'port 80/TCP is an overlapping port definition with containers[0].ports[0]'],
    ]);
  });
});
