import { checkDaemonSet, checkPodSpec } from '../../../src/validation/rules/semantics/semantics';

type Json = { [key: string]: any };

const BASE = 'spec.template.spec';

function container(overrides: Json = {}): Json {
  return {
    name: 'agent',
    image: 'registry.example.com/agent:1.4.2',
    ports: [{ containerPort: 9100, name: 'metrics' }],
    resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '256Mi' } },
    ...overrides,
  };
}

function podSpec(overrides: Json = {}): Json {
  return { containers: [container()], ...overrides };
}

/** A complete, valid DaemonSet as kubectl would accept it. */
function daemonSet(pod: Json = podSpec(), overrides: Json = {}): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'node-agent', namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'node-agent' }, annotations: { 'kubernetes.io/description': 'agent' } },
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: { app: 'node-agent' }, annotations: { 'prometheus.io/scrape': 'true' } },
        spec: pod,
      },
      ...overrides,
    },
  };
}

function paths(problems: { path: string }[]): string[] {
  return problems.map(p => p.path);
}

test('a valid DaemonSet has no problems', () => {
  expect(checkDaemonSet(daemonSet())).toEqual([]);
});

test('a rich valid DaemonSet has no problems', () => {
  const pod = podSpec({
    restartPolicy: 'Always',
    hostNetwork: true,
    dnsPolicy: 'ClusterFirstWithHostNet',
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    tolerations: [
      { operator: 'Exists' },
      { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'dedicated', operator: 'Equal', value: 'logging', effect: 'NoExecute', tolerationSeconds: 60 },
    ],
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: 'cpu-count', operator: 'Gt', values: ['4'] }, { key: 'gpu', operator: 'DoesNotExist' }] }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }] } },
        ],
      },
    },
    volumes: [{ name: 'varlog', hostPath: { path: '/var/log' } }, { name: 'config', configMap: { name: 'agent' } }],
    initContainers: [container({ name: 'setup', ports: [], image: 'busybox:1.36' })],
    containers: [container({
      ports: [{ containerPort: 9100, hostPort: 9100, name: 'metrics' }],
      env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
      envFrom: [{ prefix: 'AGENT_', configMapRef: { name: 'agent' } }],
      resources: { requests: { 'cpu': '50m', 'nvidia.com/gpu': 1 }, limits: { 'cpu': '1', 'nvidia.com/gpu': 1 } },
      volumeMounts: [
        { name: 'varlog', mountPath: '/var/log', readOnly: true, mountPropagation: 'HostToContainer' },
        { name: 'config', mountPath: '/etc/agent', subPath: 'agent.conf' },
      ],
      livenessProbe: { httpGet: { path: '/healthz', port: 'metrics' }, successThreshold: 1 },
      readinessProbe: { tcpSocket: { port: 9100 }, successThreshold: 3 },
      securityContext: { allowPrivilegeEscalation: false },
    })],
  });
  expect(checkDaemonSet(daemonSet(pod))).toEqual([]);
});

test('an empty object misses a name, a selector and containers', () => {
  expect(checkDaemonSet({}).map(p => [p.rule, p.path])).toEqual([
    ['semantics/metadata-name', 'metadata.name'],
    ['semantics/selector-matches-labels', 'spec.template.metadata.labels'],
    ['semantics/containers', `${BASE}.containers`],
  ]);
});

test('metadata.name that is not a DNS-1123 subdomain', () => {
  const ds = daemonSet();
  ds.metadata.name = 'Node_Agent';
  expect(checkDaemonSet(ds)).toEqual([{ rule: 'semantics/dns-name', path: 'metadata.name', message: expect.stringMatching(/^name 'Node_Agent' must consist of lower-case alphanumerics/) }]);
});

test('metadata label key, label value and annotation key', () => {
  const ds = daemonSet();
  ds.metadata.labels = { 'bad key': 'x', 'app': 'bad value' };
  ds.metadata.annotations = { 'a/b/c': 'x' };
  const problems = checkDaemonSet(ds);
  expect(paths(problems)).toEqual(['metadata.labels', 'metadata.labels.app', 'metadata.annotations']);
  expect(problems[0].message).toMatch(/^label key 'bad key' must consist of alphanumerics/);
  expect(problems[1].message).toMatch(/^label 'app' value 'bad value' must be empty or consist of alphanumerics/);
  expect(problems[2].message).toMatch(/^annotation key 'a\/b\/c' may contain at most one '\/'/);
});

test('pod template label problems carry the template path', () => {
  const ds = daemonSet();
  ds.spec.template.metadata.labels.tier = '-frontend';
  expect(paths(checkDaemonSet(ds))).toEqual(['spec.template.metadata.labels.tier']);
});

test('selector that the template labels do not carry', () => {
  const ds = daemonSet();
  ds.spec.selector.matchLabels = { app: 'other' };
  expect(checkDaemonSet(ds)).toEqual([{
    rule: 'semantics/selector-matches-labels',
    path: 'spec.template.metadata.labels',
    message: '`selector` does not match template `labels`: the selector requires label app=other but the pod template\'s labels have app=node-agent; the selector must select the pod template\'s own labels',
  }]);
});

test('maxUnavailable and maxSurge both zero', () => {
  const ds = daemonSet(podSpec(), { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '0%' } } });
  expect(checkDaemonSet(ds)).toEqual([{
    rule: 'semantics/rolling-update',
    path: 'spec.updateStrategy.rollingUpdate.maxUnavailable',
    message: 'maxUnavailable and maxSurge are both zero, so no pod could ever be replaced; maxUnavailable cannot be 0 when maxSurge is 0: make one of them positive',
  }]);
});

test('maxUnavailable 0% without maxSurge', () => {
  const ds = daemonSet(podSpec(), { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '0%' } } });
  expect(paths(checkDaemonSet(ds))).toEqual(['spec.updateStrategy.rollingUpdate.maxUnavailable']);
});

test('maxSurge is not an API problem: the API server accepts it with host ports (a runtime prediction)', () => {
  const pod = podSpec({ hostNetwork: true, containers: [container({ ports: [{ containerPort: 9100, hostPort: 9100 }] })] });
  expect(checkDaemonSet(daemonSet(pod, { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } } }))).toEqual([]);
});

test('negative minReadySeconds and fractional revisionHistoryLimit', () => {
  const ds = daemonSet(podSpec(), { minReadySeconds: -1, revisionHistoryLimit: 1.5 });
  expect(checkDaemonSet(ds)).toEqual([
    { rule: 'semantics/non-negative', path: 'spec.minReadySeconds', message: 'minReadySeconds is -1; it must be greater than or equal to 0' },
    { rule: 'semantics/non-negative', path: 'spec.revisionHistoryLimit', message: 'revisionHistoryLimit is 1.5; it must be a whole number greater than or equal to 0' },
  ]);
});

test('checkPodSpec uses the given base path', () => {
  expect(checkPodSpec({}, 'spec.jobTemplate.spec.template.spec')).toEqual([
    { rule: 'semantics/containers', path: 'spec.jobTemplate.spec.template.spec.containers', message: 'the pod has no containers; add at least one' },
  ]);
  expect(checkPodSpec(podSpec(), BASE)).toEqual([]);
});

test('restartPolicy other than Always', () => {
  expect(checkPodSpec(podSpec({ restartPolicy: 'OnFailure' }), BASE)).toEqual([
    { rule: 'semantics/restart-policy', path: `${BASE}.restartPolicy`, message: 'restartPolicy is OnFailure; a DaemonSet\'s pods must use Always' },
  ]);
});

test('volume names: invalid and duplicate; hostPath relative', () => {
  const problems = checkPodSpec(podSpec({
    volumes: [
      { name: 'Var_Log', emptyDir: {} },
      { name: 'logs', hostPath: { path: 'var/log' } },
      { name: 'logs', emptyDir: {} },
    ],
  }), BASE);
  expect(paths(problems)).toEqual([`${BASE}.volumes[0].name`, `${BASE}.volumes[1].hostPath.path`, `${BASE}.volumes[2].name`]);
  expect(problems[0].message).toMatch(/^volume name 'Var_Log' must consist of lower-case alphanumerics/);
  expect(problems[1].message).toBe('hostPath \'var/log\' of volume \'logs\' must be an absolute path (start with \'/\')');
  expect(problems[2].message).toBe('volume name \'logs\' is used twice; volume names must be unique in a pod');
});

test('container names: invalid and duplicated across init containers and containers', () => {
  const problems = checkPodSpec(podSpec({
    initContainers: [container({ name: 'agent', ports: [] })],
    containers: [container(), container({ name: 'Side_Car', ports: [] })],
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/container-names', path: `${BASE}.containers[0].name`, message: 'container \'agent\' is defined twice; container names must be unique across containers and init containers' },
    { rule: 'semantics/container-names', path: `${BASE}.containers[1].name`, message: expect.stringMatching(/^container name 'Side_Car' must consist of lower-case alphanumerics/) },
  ]);
});

test('missing and invalid images', () => {
  const problems = checkPodSpec(podSpec({ containers: [container({ image: undefined }), container({ name: 'b', ports: [], image: 'Agent:1' })] }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/image-reference', path: `${BASE}.containers[0].image`, message: 'container \'agent\' has no image' },
    { rule: 'semantics/image-reference', path: `${BASE}.containers[1].image`, message: expect.stringMatching(/^container 'b' image 'Agent:1' is not a valid image reference/) },
  ]);
});

test('container port, port name and host port problems', () => {
  const problems = checkPodSpec(podSpec({
    containers: [container({
      ports: [
        { containerPort: 0 },
        { containerPort: 9100, name: 'Metrics' },
        { containerPort: 9101, name: 'admin' },
        { containerPort: 9102, name: 'admin' },
        { containerPort: 9103, hostPort: 70000 },
      ],
    })],
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/port-range', path: `${BASE}.containers[0].ports[0].containerPort`, message: 'container \'agent\' containerPort 0 is out of range; a port is an integer from 1 to 65535' },
    { rule: 'semantics/port-names', path: `${BASE}.containers[0].ports[1].name`, message: expect.stringMatching(/^container 'agent' port name 'Metrics' must consist of lower-case/) },
    { rule: 'semantics/port-names', path: `${BASE}.containers[0].ports[3].name`, message: 'container \'agent\' port name \'admin\' is already used by container \'agent\'; port names must be unique in a pod' },
    { rule: 'semantics/port-range', path: `${BASE}.containers[0].ports[4].hostPort`, message: 'container \'agent\' hostPort 70000 is out of range; a port is an integer from 1 to 65535' },
  ]);
});

test('a host port bound twice in one pod', () => {
  const problems = checkPodSpec(podSpec({
    containers: [
      container({ ports: [{ containerPort: 8080, hostPort: 80 }] }),
      container({ name: 'proxy', ports: [{ containerPort: 8081, hostPort: 80, protocol: 'TCP' }, { containerPort: 8082, hostPort: 80, protocol: 'UDP' }] }),
    ],
  }), BASE);
  expect(problems).toEqual([{
    rule: 'semantics/host-port-collision',
    path: `${BASE}.containers[1].ports[0].hostPort`,
    message: 'container \'proxy\' hostPort 80/TCP is already bound by container \'agent\'; two containers of one pod cannot bind the same host port',
  }]);
});

test('an init container may use the host port a container uses later', () => {
  // Init containers run one by one before the containers; the API server checks their host ports individually.
  const problems = checkPodSpec(podSpec({
    initContainers: [container({ name: 'setup', ports: [{ containerPort: 8080, hostPort: 8080 }] })],
    containers: [container({ ports: [{ containerPort: 8080, hostPort: 8080 }] })],
  }), BASE);
  expect(problems).toEqual([]);
});

test('with hostNetwork the host port must equal the container port', () => {
  const problems = checkPodSpec(podSpec({ hostNetwork: true, containers: [container({ ports: [{ containerPort: 9100, hostPort: 19100 }] })] }), BASE);
  expect(problems).toEqual([{
    rule: 'semantics/host-network-ports',
    path: `${BASE}.containers[0].ports[0].hostPort`,
    message: 'container \'agent\' hostPort 19100 differs from containerPort 9100; with hostNetwork they must be equal',
  }]);
});

test('env var names and envFrom prefixes', () => {
  const problems = checkPodSpec(podSpec({
    containers: [container({
      env: [{ name: 'OK', value: '1' }, { name: 'LOG-LEVEL', value: 'info' }],
      envFrom: [{ prefix: '', configMapRef: { name: 'a' } }, { prefix: 'MY-', secretRef: { name: 'b' } }],
    })],
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/env-names', path: `${BASE}.containers[0].env[1].name`, message: 'container \'agent\' environment variable name \'LOG-LEVEL\' must match [A-Za-z_][A-Za-z0-9_]* (letters, digits and \'_\', not starting with a digit)' },
    { rule: 'semantics/env-names', path: `${BASE}.containers[0].envFrom[1].prefix`, message: 'container \'agent\' envFrom prefix \'MY-\' must match [A-Za-z_][A-Za-z0-9_]* (letters, digits and \'_\', not starting with a digit)' },
  ]);
});

test('resources: not a quantity, negative, request above limit', () => {
  const problems = checkPodSpec(podSpec({
    containers: [container({
      resources: {
        requests: { cpu: '2', memory: '-64Mi', storage: 'lots' },
        limits: { cpu: '500m', memory: '256Mi' },
      },
    })],
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/quantities', path: `${BASE}.containers[0].resources.requests.memory`, message: 'container \'agent\' requests memory is negative (-64Mi)' },
    { rule: 'semantics/quantities', path: `${BASE}.containers[0].resources.requests.storage`, message: 'container \'agent\' requests storage \'lots\' is not a quantity (e.g. \'250m\', \'1\', \'64Mi\')' },
    { rule: 'semantics/requests-within-limits', path: `${BASE}.containers[0].resources.requests.cpu`, message: 'container \'agent\' requests cpu 2 but limits it to 500m; a request must not exceed its limit' },
  ]);
});

test('memory request above the limit across units', () => {
  const problems = checkPodSpec(podSpec({ containers: [container({ resources: { requests: { memory: '1G' }, limits: { memory: '512Mi' } } })] }), BASE);
  expect(paths(problems)).toEqual([`${BASE}.containers[0].resources.requests.memory`]);
});

test('extended resources must request what they limit', () => {
  const problems = checkPodSpec(podSpec({
    containers: [container({ resources: { requests: { 'nvidia.com/gpu': 1 }, limits: { 'nvidia.com/gpu': 2 } } })],
  }), BASE);
  expect(problems).toEqual([{
    rule: 'semantics/extended-resources',
    path: `${BASE}.containers[0].resources.requests.nvidia.com/gpu`,
    message: 'container \'agent\' requests 1 of extended resource nvidia.com/gpu but limits it to 2; extended resources cannot be overcommitted, request and limit must be equal',
  }]);
});

test('an extended resource requested without a limit is a problem', () => {
  // The API server rejects it: "Limit must be set for non overcommitable resources".
  const problems = checkPodSpec(podSpec({ containers: [container({ resources: { requests: { 'nvidia.com/gpu': 1 } } })] }), BASE);
  expect(problems).toEqual([expect.objectContaining({ path: expect.stringContaining(`${BASE}.containers[0].resources`) })]);
  expect(problems[0].message).toMatch(/nvidia\.com\/gpu/);
});

test('volume mounts: unknown volume, relative path, duplicate path', () => {
  const problems = checkPodSpec(podSpec({
    volumes: [{ name: 'logs', emptyDir: {} }],
    containers: [container({
      volumeMounts: [
        { name: 'cache', mountPath: '/cache' },
        { name: 'logs', mountPath: 'logs' },
        { name: 'logs', mountPath: '/cache' },
      ],
    })],
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/volume-mounts', path: `${BASE}.containers[0].volumeMounts[0].name`, message: 'container \'agent\' mounts volume \'cache\', which the pod does not define; defined volumes: \'logs\'' },
    { rule: 'semantics/volume-mounts', path: `${BASE}.containers[0].volumeMounts[1].mountPath`, message: 'container \'agent\' mountPath \'logs\' must be an absolute path (start with \'/\')' },
    { rule: 'semantics/volume-mounts', path: `${BASE}.containers[0].volumeMounts[2].mountPath`, message: 'container \'agent\' mounts two volumes at \'/cache\'; mount paths must be unique per container' },
  ]);
});

test('a mount of a pod without volumes lists none', () => {
  const problems = checkPodSpec(podSpec({ containers: [container({ volumeMounts: [{ name: 'x', mountPath: '/x' }] })] }), BASE);
  expect(problems[0].message).toBe('container \'agent\' mounts volume \'x\', which the pod does not define; defined volumes: none');
});

test('volume mounts: subPath and subPathExpr together, escaping sub-paths', () => {
  const problems = checkPodSpec(podSpec({
    volumes: [{ name: 'logs', emptyDir: {} }],
    containers: [container({
      volumeMounts: [
        { name: 'logs', mountPath: '/a', subPath: 'a', subPathExpr: '$(POD_NAME)' },
        { name: 'logs', mountPath: '/b', subPath: '/abs' },
        { name: 'logs', mountPath: '/c', subPathExpr: '../$(POD_NAME)' },
      ],
    })],
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/volume-mounts', path: `${BASE}.containers[0].volumeMounts[0]`, message: 'container \'agent\' mount at \'/a\' sets both subPath and subPathExpr; use one' },
    { rule: 'semantics/volume-mounts', path: `${BASE}.containers[0].volumeMounts[1].subPath`, message: 'container \'agent\' subPath \'/abs\' must be a relative path without \'..\'' },
    { rule: 'semantics/volume-mounts', path: `${BASE}.containers[0].volumeMounts[2].subPathExpr`, message: 'container \'agent\' subPathExpr \'../$(POD_NAME)\' must be a relative path without \'..\'' },
  ]);
});

test('Bidirectional propagation needs a privileged container', () => {
  const pod = (privileged: boolean) => podSpec({
    volumes: [{ name: 'kubelet', hostPath: { path: '/var/lib/kubelet' } }],
    containers: [container({
      securityContext: { privileged },
      volumeMounts: [{ name: 'kubelet', mountPath: '/var/lib/kubelet', mountPropagation: 'Bidirectional' }],
    })],
  });
  expect(checkPodSpec(pod(false), BASE)).toEqual([{
    rule: 'semantics/mount-propagation',
    path: `${BASE}.containers[0].volumeMounts[0].mountPropagation`,
    message: 'container \'agent\' mounts \'/var/lib/kubelet\' with Bidirectional propagation, which only privileged containers may use; use HostToContainer or make the container privileged',
  }]);
  expect(checkPodSpec(pod(true), BASE)).toEqual([]);
});

test('probes: successThreshold and ports out of range (an unknown port name is a runtime prediction)', () => {
  const problems = checkPodSpec(podSpec({
    containers: [container({
      livenessProbe: { httpGet: { path: '/', port: 'health' }, successThreshold: 2 },
      readinessProbe: { tcpSocket: { port: 70000 }, successThreshold: 2 },
      startupProbe: { exec: { command: ['true'] }, successThreshold: 3 },
    })],
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/probes', path: `${BASE}.containers[0].livenessProbe.successThreshold`, message: 'container \'agent\' livenessProbe successThreshold is 2; liveness and startup probes must use 1' },
    { rule: 'semantics/port-range', path: `${BASE}.containers[0].readinessProbe`, message: 'container \'agent\' readinessProbe port 70000 is out of range; a port is an integer from 1 to 65535' },
    { rule: 'semantics/probes', path: `${BASE}.containers[0].startupProbe.successThreshold`, message: 'container \'agent\' startupProbe successThreshold is 3; liveness and startup probes must use 1' },
  ]);
});

test('probes on init containers are a problem', () => {
  // The API server: "may not be set for init containers".
  const problems = checkPodSpec(podSpec({ initContainers: [container({ name: 'setup', ports: [], livenessProbe: { exec: { command: ['true'] } } })] }), BASE);
  expect(problems).toEqual([expect.objectContaining({ path: expect.stringContaining(`${BASE}.initContainers[0].livenessProbe`) })]);
});

test('privileged with allowPrivilegeEscalation false', () => {
  const pod = podSpec({ containers: [container({ securityContext: { privileged: true, allowPrivilegeEscalation: false } })] });
  const problems = checkPodSpec(pod, BASE);
  expect(problems).toEqual([{
    rule: 'semantics/privileged-escalation',
    path: `${BASE}.containers[0].securityContext`,
    message: 'container \'agent\' is privileged but sets allowPrivilegeEscalation false, which the API server rejects; a privileged container always allows escalation',
  }]);
});

test('init container problems carry the initContainers path and kind', () => {
  const problems = checkPodSpec(podSpec({ initContainers: [container({ name: 'setup', ports: [], env: [{ name: '1X', value: '' }] })] }), BASE);
  expect(problems).toEqual([{
    rule: 'semantics/env-names',
    path: `${BASE}.initContainers[0].env[0].name`,
    message: expect.stringMatching(/^init container 'setup' environment variable name '1X' must match/),
  }]);
});

test('nodeSelector key and value', () => {
  const problems = checkPodSpec(podSpec({ nodeSelector: { 'bad key': 'x', 'kubernetes.io/os': 'linux os' } }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/node-selector', path: `${BASE}.nodeSelector`, message: expect.stringMatching(/^nodeSelector key 'bad key' must consist of alphanumerics/) },
    { rule: 'semantics/node-selector', path: `${BASE}.nodeSelector.kubernetes.io/os`, message: expect.stringMatching(/^nodeSelector 'kubernetes\.io\/os' value 'linux os' must be empty or consist/) },
  ]);
});

test('node affinity: operators, values, keys and weights', () => {
  const required = `${BASE}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]`;
  const preferred = `${BASE}.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]`;
  const problems = checkPodSpec(podSpec({
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{
            matchExpressions: [
              { key: 'cpu-count', operator: 'Gt', values: ['1.5'] },
              { key: 'cpu-count', operator: 'Lt', values: [] },
              { key: 'gpu', operator: 'Exists', values: ['yes'] },
              { key: 'zone', operator: 'In', values: [] },
              { key: 'bad key', operator: 'NotIn', values: ['a'] },
            ],
          }],
        },
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 0, preference: { matchExpressions: [{ key: 'disk', operator: 'DoesNotExist', values: ['ssd'] }] } },
        ],
      },
    },
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/node-affinity', path: `${preferred}.weight`, message: 'preferred node affinity weight 0 is out of range; use an integer from 1 to 100' },
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[0].values`, message: 'node affinity Gt on \'cpu-count\' needs exactly one integer value, got [1.5]' },
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[1].values`, message: 'node affinity Lt on \'cpu-count\' needs exactly one integer value, got []' },
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[2].values`, message: 'node affinity Exists on \'gpu\' takes no values, got [yes]' },
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[3].values`, message: 'node affinity In on \'zone\' needs at least one value' },
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[4].key`, message: expect.stringMatching(/^node affinity key 'bad key' must consist of alphanumerics/) },
    { rule: 'semantics/node-affinity', path: `${preferred}.preference.matchExpressions[0].values`, message: 'node affinity DoesNotExist on \'disk\' takes no values, got [ssd]' },
  ]);
});

test('negative integers are valid Gt/Lt values', () => {
  const pod = podSpec({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'temp', operator: 'Gt', values: ['-10'] }] }] } } },
  });
  expect(checkPodSpec(pod, BASE)).toEqual([]);
});

test('tolerations: Exists with a value, tolerationSeconds without NoExecute, keyless Equal', () => {
  const problems = checkPodSpec(podSpec({
    tolerations: [
      { key: 'dedicated', operator: 'Exists', value: 'logging' },
      { key: 'dedicated', operator: 'Equal', value: 'logging', effect: 'NoSchedule', tolerationSeconds: 30 },
      { operator: 'Equal', value: 'x' },
    ],
  }), BASE);
  expect(problems).toEqual([
    { rule: 'semantics/tolerations', path: `${BASE}.tolerations[0].value`, message: 'toleration of \'dedicated\' with operator Exists must not set a value (got \'logging\')' },
    { rule: 'semantics/tolerations', path: `${BASE}.tolerations[1].tolerationSeconds`, message: 'toleration of \'dedicated\' sets tolerationSeconds, which only applies to the NoExecute effect (effect is NoSchedule)' },
    { rule: 'semantics/tolerations', path: `${BASE}.tolerations[2].operator`, message: 'a toleration without a key must use operator Exists' },
  ]);
});

test('dnsPolicy None without nameservers', () => {
  expect(checkPodSpec(podSpec({ dnsPolicy: 'None' }), BASE)).toEqual([
    { rule: 'semantics/dns-config', path: `${BASE}.dnsConfig`, message: 'dnsPolicy None needs at least one nameserver in dnsConfig' },
  ]);
  expect(checkPodSpec(podSpec({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'] } }), BASE)).toEqual([]);
});

test('problems found by checkDaemonSet include the pod spec problems with full paths', () => {
  const ds = daemonSet(podSpec({ restartPolicy: 'Never' }));
  ds.metadata.name = 'UPPER';
  expect(paths(checkDaemonSet(ds))).toEqual(['metadata.name', `${BASE}.restartPolicy`]);
});

test('snapshot: every problem of a badly broken DaemonSet', () => {
  const ds = daemonSet(podSpec({
    restartPolicy: 'OnFailure',
    hostNetwork: true,
    dnsPolicy: 'None',
    volumes: [{ name: 'logs', hostPath: { path: 'var/log' } }],
    containers: [
      container({
        image: 'Agent latest',
        ports: [{ containerPort: 9100, hostPort: 9101, name: 'metrics' }],
        env: [{ name: 'A-B', value: '1' }],
        resources: { requests: { cpu: '2' }, limits: { cpu: '1' } },
        volumeMounts: [{ name: 'nope', mountPath: 'rel' }],
        livenessProbe: { httpGet: { path: '/', port: 'nope' }, successThreshold: 5 },
      }),
      container({ ports: [] }),
    ],
    tolerations: [{ operator: 'Equal' }],
  }), { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } }, minReadySeconds: -3 });
  ds.spec.selector.matchLabels.extra = 'x';
  expect(checkDaemonSet(ds)).toMatchSnapshot();
});
