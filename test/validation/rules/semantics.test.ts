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

test('volume names: invalid and duplicate; hostPath with \'..\' (a relative one the API server accepts)', () => {
  const problems = checkPodSpec(podSpec({
    volumes: [
      { name: 'Var_Log', emptyDir: {} },
      { name: 'logs', hostPath: { path: 'var/log' } },
      { name: 'logs', emptyDir: {} },
      { name: 'host-etc', hostPath: { path: 'var/log/../../etc' } },
      // ValidateVolumes only remembers the names of volumes without errors, so this repeat is not reported.
      { name: 'host-etc', emptyDir: {} },
    ],
  }), BASE);
  expect(paths(problems)).toEqual([`${BASE}.volumes[0].name`, `${BASE}.volumes[2].name`, `${BASE}.volumes[3].hostPath.path`]);
  expect(problems[0].message).toMatch(/^volume name 'Var_Log' must consist of lower-case alphanumerics/);
  expect(problems[1].message).toBe('volume name \'logs\' is used twice; volume names must be unique in a pod');
  expect(problems[2].message).toBe('hostPath \'var/log/../../etc\' of volume \'host-etc\' must not contain \'..\'');
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
  // Gt with the non-integer '1.5' is accepted (ValidateNodeSelectorRequirement counts values; the scheduler then
  // matches no node); required terms come first, then the preferred ones.
  expect(problems).toEqual([
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[1].values`, message: 'required node affinity: values must be specified single value when `operator` is \'Lt\' or \'Gt\' (got 0)' },
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[2].values`, message: 'required node affinity: values may not be specified when `operator` is \'Exists\' or \'DoesNotExist\' (operator Exists)' },
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[3].values`, message: 'required node affinity: values must be specified when `operator` is \'In\' or \'NotIn\' (operator In)' },
    { rule: 'semantics/node-affinity', path: `${required}.matchExpressions[4].key`, message: expect.stringMatching(/^required node affinity: key 'bad key' must consist of alphanumerics/) },
    { rule: 'semantics/node-affinity', path: `${preferred}.weight`, message: 'preferred node affinity weight 0 must be in the range 1-100' },
    { rule: 'semantics/node-affinity', path: `${preferred}.preference.matchExpressions[0].values`, message: 'preferred node affinity: values may not be specified when `operator` is \'Exists\' or \'DoesNotExist\' (operator DoesNotExist)' },
  ]);
});

test('a negative Gt/Lt value is not a label value: refused in required node affinity, accepted in preferred terms', () => {
  // ValidateNodeSelectorRequirement checks IsValidLabelValue on the values of required terms only
  // (ValidatePreferredSchedulingTerms always allows invalid label values).
  const gt = { matchExpressions: [{ key: 'temp', operator: 'Gt', values: ['-10'] }] };
  const required = podSpec({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [gt] } } } });
  expect(checkPodSpec(required, BASE)).toEqual([{
    rule: 'semantics/node-affinity',
    path: `${BASE}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values[0]`,
    message: expect.stringMatching(/^required node affinity: value '-10' must be empty or consist of alphanumerics/),
  }]);
  const preferred = podSpec({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: gt }] } } });
  expect(checkPodSpec(preferred, BASE)).toEqual([]);
  const positive = podSpec({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'temp', operator: 'Gt', values: ['10'] }] }] } } } });
  expect(checkPodSpec(positive, BASE)).toEqual([]);
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
    { rule: 'semantics/tolerations', path: `${BASE}.tolerations[0].value`, message: 'toleration of \'dedicated\' with operator Exists must not set a value (got \'logging\'): value must be empty when `operator` is \'Exists\'' },
    // validateTolerations reports this one at the effect, which is what must change.
    { rule: 'semantics/tolerations', path: `${BASE}.tolerations[1].effect`, message: 'toleration of \'dedicated\' sets tolerationSeconds, so its effect must be \'NoExecute\' (effect is NoSchedule)' },
    { rule: 'semantics/tolerations', path: `${BASE}.tolerations[2].operator`, message: 'a toleration without a key must use operator Exists (operator Equal): an empty key with Exists means "match all values and all keys"' },
  ]);
});

test('dnsPolicy None without a dnsConfig or without nameservers', () => {
  // validatePodDNSConfig: a missing dnsConfig is reported at dnsConfig, an empty one at dnsConfig.nameservers.
  expect(checkPodSpec(podSpec({ dnsPolicy: 'None' }), BASE)).toEqual([
    { rule: 'semantics/dns-config', path: `${BASE}.dnsConfig`, message: 'dnsPolicy None needs a dnsConfig: must provide `dnsConfig` when `dnsPolicy` is None' },
  ]);
  expect(checkPodSpec(podSpec({ dnsPolicy: 'None', dnsConfig: { searches: ['svc.cluster.local'] } }), BASE)).toEqual([
    { rule: 'semantics/dns-config', path: `${BASE}.dnsConfig.nameservers`, message: expect.stringMatching(/must provide at least one DNS nameserver when `dnsPolicy` is None$/) },
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
