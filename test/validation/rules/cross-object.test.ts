import { validateManifests, ValidationFinding, ValidationOptions } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';

type Json = { [key: string]: any };

/** Runs only the cross-object family, so other families' findings never blur these expectations. */
function crossObject(objects: Json[], options: ValidationOptions = {}): ValidationFinding[] {
  return validateManifests(objects, { ...options, rules: ['cross-object'] }).findings;
}

function only(objects: Json[], ruleId: string, options: ValidationOptions = {}): ValidationFinding[] {
  return validateManifests(objects, { ...options, rules: [ruleId] }).findings;
}

interface AgentOptions {
  readonly namespace?: string;
  readonly labels?: Json;
  readonly containers?: Json[];
  readonly initContainers?: Json[];
  readonly pod?: Json;
}

function agent(name: string, opts: AgentOptions = {}): Json {
  const labels = opts.labels ?? { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, ...(opts.namespace ? { namespace: opts.namespace } : {}) },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          ...(opts.initContainers ? { initContainers: opts.initContainers } : {}),
          containers: opts.containers ?? [{ name, image: `registry.example.com/${name}:1.0.0`, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { memory: '128Mi' } } }],
          ...opts.pod,
        },
      },
    },
  };
}

function withPorts(name: string, ports: Json[], opts: AgentOptions = {}): Json {
  return agent(name, { ...opts, containers: [{ name, image: `registry.example.com/${name}:1.0.0`, ports }] });
}

function object(kind: string, name: string, namespace?: string, extra: Json = {}): Json {
  const apiVersion = kind === 'PriorityClass' ? 'scheduling.k8s.io/v1' : 'v1';
  return { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...extra };
}

describe('cross-object/host-port-collision', () => {
  test('two DaemonSets binding the same hostPort collide; the later one is reported', () => {
    const findings = crossObject([
      withPorts('node-exporter', [{ containerPort: 9100, hostPort: 9100, name: 'metrics' }], { namespace: 'monitoring' }),
      withPorts('custom-exporter', [{ containerPort: 8080, hostPort: 9100, name: 'metrics' }], { namespace: 'monitoring' }),
    ]);
    expect(findings).toEqual([{
      ruleId: 'cross-object/host-port-collision',
      severity: Severity.ERROR,
      kind: 'DaemonSet',
      namespace: 'monitoring',
      name: 'custom-exporter',
      path: 'spec.template.spec.containers[0].ports[0]',
      message: expect.stringMatching(/^DaemonSet 'custom-exporter' container 'custom-exporter' binds host port 9100\/TCP, which DaemonSet 'node-exporter' \(namespace 'monitoring'\) container 'node-exporter' also binds on the same nodes$/),
      hint: expect.stringMatching(/another port, or node selectors/),
    }]);
  });

  test('different host ports do not collide', () => {
    expect(crossObject([
      withPorts('node-exporter', [{ containerPort: 9100, hostPort: 9100 }]),
      withPorts('process-exporter', [{ containerPort: 9256, hostPort: 9256 }]),
    ])).toEqual([]);
  });

  test('container ports without hostPort and without hostNetwork do not collide', () => {
    expect(crossObject([
      withPorts('agent-a', [{ containerPort: 9100 }]),
      withPorts('agent-b', [{ containerPort: 9100 }]),
    ])).toEqual([]);
  });

  test('with hostNetwork, a containerPort binds the host port and collides with a hostPort', () => {
    const findings = crossObject([
      withPorts('node-exporter', [{ containerPort: 9100, name: 'metrics' }], { pod: { hostNetwork: true } }),
      withPorts('legacy-exporter', [{ containerPort: 9100, hostPort: 9100 }]),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'cross-object/host-port-collision', name: 'legacy-exporter', path: 'spec.template.spec.containers[0].ports[0]' });
    expect(findings[0].message).toMatch(/binds host port 9100\/TCP, which DaemonSet 'node-exporter' .* also binds/);
  });

  test('two hostNetwork DaemonSets with the same containerPort collide', () => {
    const findings = crossObject([
      withPorts('cni-agent', [{ containerPort: 9099, name: 'health' }], { pod: { hostNetwork: true } }),
      withPorts('proxy-agent', [{ containerPort: 8080, name: 'http' }, { containerPort: 9099, name: 'health' }], { pod: { hostNetwork: true } }),
    ]);
    expect(findings.map(f => [f.ruleId, f.name, f.path])).toEqual([['cross-object/host-port-collision', 'proxy-agent', 'spec.template.spec.containers[0].ports[1]']]);
  });

  test('DaemonSets in different namespaces still share the nodes', () => {
    const findings = crossObject([
      withPorts('statsd', [{ containerPort: 8125, hostPort: 8125, protocol: 'UDP' }], { namespace: 'monitoring' }),
      withPorts('dogstatsd', [{ containerPort: 8125, hostPort: 8125, protocol: 'UDP' }], { namespace: 'datadog' }),
    ]);
    expect(findings.map(f => [f.ruleId, f.namespace, f.name])).toEqual([['cross-object/host-port-collision', 'datadog', 'dogstatsd']]);
    expect(findings[0].message).toMatch(/binds host port 8125\/UDP, which DaemonSet 'statsd' \(namespace 'monitoring'\)/);
  });

  test('the same port number with different protocols does not collide', () => {
    expect(crossObject([
      withPorts('dns-cache', [{ containerPort: 53, hostPort: 53, protocol: 'UDP' }]),
      withPorts('dns-tcp', [{ containerPort: 53, hostPort: 53, protocol: 'TCP' }]),
    ])).toEqual([]);
  });

  test('disjoint nodeSelectors do not collide', () => {
    expect(crossObject([
      withPorts('node-exporter', [{ containerPort: 9100, hostPort: 9100 }], { pod: { nodeSelector: { 'kubernetes.io/os': 'linux' } } }),
      withPorts('windows-exporter', [{ containerPort: 9100, hostPort: 9100 }], { pod: { nodeSelector: { 'kubernetes.io/os': 'windows' } } }),
    ])).toEqual([]);
  });

  test('nodeSelectors on different keys can overlap, so they collide', () => {
    const findings = crossObject([
      withPorts('node-exporter', [{ containerPort: 9100, hostPort: 9100 }], { pod: { nodeSelector: { 'kubernetes.io/os': 'linux' } } }),
      withPorts('gpu-exporter', [{ containerPort: 9100, hostPort: 9100 }], { pod: { nodeSelector: { 'nvidia.com/gpu.present': 'true' } } }),
    ]);
    expect(findings.map(f => f.ruleId)).toEqual(['cross-object/host-port-collision']);
  });

  test('init containers bind their host ports before the pod runs and do not collide', () => {
    expect(crossObject([
      withPorts('node-exporter', [{ containerPort: 9100, hostPort: 9100 }]),
      agent('installer', { initContainers: [{ name: 'probe-port', image: 'registry.example.com/installer:1.0.0', ports: [{ containerPort: 9100, hostPort: 9100 }] }] }),
    ])).toEqual([]);
  });
});

describe('cross-object/missing-reference', () => {
  const RULE = 'cross-object/missing-reference';

  test('a ServiceAccount the input defines is fine; a missing one is a warning', () => {
    const ds = agent('node-exporter', { namespace: 'monitoring', pod: { serviceAccountName: 'node-exporter' } });
    expect(only([ds, object('ServiceAccount', 'node-exporter', 'monitoring')], RULE)).toEqual([]);
    expect(only([ds], RULE)).toEqual([{
      ruleId: RULE,
      severity: Severity.WARNING,
      kind: 'DaemonSet',
      namespace: 'monitoring',
      name: 'node-exporter',
      path: 'spec.template.spec.serviceAccountName',
      message: expect.stringMatching(/^DaemonSet 'node-exporter' refers to ServiceAccount 'node-exporter' in namespace 'monitoring', which the input does not define$/),
      hint: expect.stringMatching(/define the ServiceAccount in the same app/),
    }]);
  });

  test('the default ServiceAccount is never reported', () => {
    expect(only([agent('node-exporter', { pod: { serviceAccountName: 'default' } })], RULE)).toEqual([]);
  });

  test('a ServiceAccount of another namespace does not count', () => {
    const findings = only([agent('node-exporter', { namespace: 'monitoring', pod: { serviceAccountName: 'node-exporter' } }), object('ServiceAccount', 'node-exporter', 'kube-system')], RULE);
    expect(findings.map(f => f.path)).toEqual(['spec.template.spec.serviceAccountName']);
  });

  test('ConfigMap volume, env and envFrom references', () => {
    const ds = agent('fluent-bit', {
      namespace: 'logging',
      containers: [{
        name: 'fluent-bit',
        image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9',
        env: [{ name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'fluent-bit-env', key: 'level' } } }],
        envFrom: [{ configMapRef: { name: 'fluent-bit-defaults' } }],
        volumeMounts: [{ name: 'config', mountPath: '/fluent-bit/etc' }],
      }],
      pod: { volumes: [{ name: 'config', configMap: { name: 'fluent-bit-config' } }] },
    });
    const findings = only([ds], RULE);
    expect(findings.map(f => [f.path, f.message])).toEqual([
      ['spec.template.spec.volumes[0].configMap', expect.stringMatching(/refers to ConfigMap 'fluent-bit-config' in namespace 'logging'/)],
      ['spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef', expect.stringMatching(/refers to ConfigMap 'fluent-bit-env' in namespace 'logging'/)],
      ['spec.template.spec.containers[0].envFrom[0].configMapRef', expect.stringMatching(/refers to ConfigMap 'fluent-bit-defaults' in namespace 'logging'/)],
    ]);
    expect(only([ds, ...['fluent-bit-config', 'fluent-bit-env', 'fluent-bit-defaults'].map(n => object('ConfigMap', n, 'logging'))], RULE)).toEqual([]);
  });

  test('Secret volume, env and envFrom references', () => {
    const ds = agent('fluent-bit', {
      namespace: 'logging',
      containers: [{
        name: 'fluent-bit',
        image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9',
        env: [{ name: 'ES_PASSWORD', valueFrom: { secretKeyRef: { name: 'elasticsearch-credentials', key: 'password' } } }],
        envFrom: [{ secretRef: { name: 'fluent-bit-tokens' } }],
        volumeMounts: [{ name: 'tls', mountPath: '/fluent-bit/tls', readOnly: true }],
      }],
      pod: { volumes: [{ name: 'tls', secret: { secretName: 'fluent-bit-tls' } }] },
    });
    expect(only([ds], RULE).map(f => [f.path, f.message])).toEqual([
      ['spec.template.spec.volumes[0].secret', expect.stringMatching(/refers to Secret 'fluent-bit-tls' in namespace 'logging', which the input does not define/)],
      ['spec.template.spec.containers[0].env[0].valueFrom.secretKeyRef', expect.stringMatching(/refers to Secret 'elasticsearch-credentials'/)],
      ['spec.template.spec.containers[0].envFrom[0].secretRef', expect.stringMatching(/refers to Secret 'fluent-bit-tokens'/)],
    ]);
    expect(only([ds, ...['fluent-bit-tls', 'elasticsearch-credentials', 'fluent-bit-tokens'].map(n => object('Secret', n, 'logging'))], RULE)).toEqual([]);
  });

  test('a ConfigMap with the same name in another namespace does not count', () => {
    const ds = agent('fluent-bit', { namespace: 'logging', pod: { volumes: [{ name: 'config', configMap: { name: 'fluent-bit-config' } }] } });
    expect(only([ds, object('ConfigMap', 'fluent-bit-config', 'default')], RULE).map(f => f.path)).toEqual(['spec.template.spec.volumes[0].configMap']);
    expect(only([ds, object('Secret', 'fluent-bit-config', 'logging')], RULE).map(f => f.path)).toEqual(['spec.template.spec.volumes[0].configMap']);
  });

  test('an object without namespace is in `default`', () => {
    const ds = agent('fluent-bit', { pod: { volumes: [{ name: 'config', configMap: { name: 'fluent-bit-config' } }] } });
    expect(only([ds, object('ConfigMap', 'fluent-bit-config', 'default')], RULE)).toEqual([]);
    expect(only([agent('fluent-bit', { namespace: 'default', pod: ds.spec.template.spec }), object('ConfigMap', 'fluent-bit-config')], RULE)).toEqual([]);
  });

  test('optional: true references are not reported', () => {
    const ds = agent('fluent-bit', {
      namespace: 'logging',
      containers: [{
        name: 'fluent-bit',
        image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9',
        env: [
          { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'fluent-bit-env', key: 'level', optional: true } } },
          { name: 'ES_PASSWORD', valueFrom: { secretKeyRef: { name: 'elasticsearch-credentials', key: 'password', optional: true } } },
        ],
        envFrom: [{ configMapRef: { name: 'fluent-bit-defaults', optional: true } }, { secretRef: { name: 'fluent-bit-tokens', optional: true } }],
      }],
      pod: {
        volumes: [
          { name: 'config', configMap: { name: 'fluent-bit-config', optional: true } },
          { name: 'tls', secret: { secretName: 'fluent-bit-tls', optional: true } },
        ],
      },
    });
    expect(only([ds], RULE)).toEqual([]);
  });

  test('imagePullSecrets refer to Secrets', () => {
    const ds = agent('node-agent', { namespace: 'node-agents', pod: { imagePullSecrets: [{ name: 'registry-credentials' }] } });
    const findings = only([ds], RULE);
    expect(findings.map(f => [f.ruleId, f.path])).toEqual([[RULE, 'spec.template.spec.imagePullSecrets[0]']]);
    expect(findings[0].message).toMatch(/refers to Secret 'registry-credentials' in namespace 'node-agents', which the input does not define/);
    expect(only([ds, object('Secret', 'registry-credentials', 'node-agents', { type: 'kubernetes.io/dockerconfigjson' })], RULE)).toEqual([]);
  });

  test('projected volume sources refer to ConfigMaps and Secrets; optional ones are not reported', () => {
    const ds = agent('otel-agent', {
      namespace: 'observability',
      pod: {
        volumes: [{
          name: 'config',
          projected: {
            sources: [
              { configMap: { name: 'otel-agent-config' } },
              { secret: { name: 'otel-agent-tls' } },
              { configMap: { name: 'otel-agent-overrides', optional: true } },
              { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
            ],
          },
        }],
      },
    });
    expect(only([ds], RULE).map(f => f.message)).toEqual([
      expect.stringMatching(/refers to ConfigMap 'otel-agent-config' in namespace 'observability'/),
      expect.stringMatching(/refers to Secret 'otel-agent-tls' in namespace 'observability'/),
    ]);
    expect(only([ds, object('ConfigMap', 'otel-agent-config', 'observability'), object('Secret', 'otel-agent-tls', 'observability')], RULE)).toEqual([]);
  });

  test('a custom PriorityClass must be defined; it is cluster-wide', () => {
    const ds = agent('node-exporter', { namespace: 'monitoring', pod: { priorityClassName: 'node-agent-critical' } });
    const findings = only([ds], RULE);
    expect(findings.map(f => [f.ruleId, f.path])).toEqual([[RULE, 'spec.template.spec.priorityClassName']]);
    expect(findings[0].message).toMatch(/^DaemonSet 'node-exporter' refers to PriorityClass 'node-agent-critical', which the input does not define$/);
    expect(only([ds, object('PriorityClass', 'node-agent-critical', undefined, { value: 1000000 })], RULE)).toEqual([]);
  });

  test('built-in priority classes are never reported', () => {
    for (const priorityClassName of ['system-node-critical', 'system-cluster-critical']) {
      expect(only([agent('node-exporter', { pod: { priorityClassName } })], RULE)).toEqual([]);
    }
  });

  test('other workloads are checked too', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'aggregator', namespace: 'logging' },
      spec: { selector: { matchLabels: { app: 'aggregator' } }, template: { metadata: { labels: { app: 'aggregator' } }, spec: { serviceAccountName: 'aggregator', containers: [{ name: 'a', image: 'busybox:1.36' }] } } },
    };
    expect(only([deployment], RULE).map(f => [f.kind, f.path])).toEqual([['Deployment', 'spec.template.spec.serviceAccountName']]);
  });
});

describe('cross-object/service-selects-nothing', () => {
  const RULE = 'cross-object/service-selects-nothing';
  const service = (selector: Json | undefined, namespace = 'monitoring'): Json => ({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'node-exporter', namespace },
    spec: { clusterIP: 'None', ...(selector ? { selector } : {}), ports: [{ name: 'metrics', port: 9100, targetPort: 'metrics' }] },
  });
  const ds = () => agent('node-exporter', { namespace: 'monitoring', labels: { 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/part-of': 'monitoring' } });

  test('a Service selecting the DaemonSet pods is fine', () => {
    expect(only([ds(), service({ 'app.kubernetes.io/name': 'node-exporter' })], RULE)).toEqual([]);
    expect(only([service({ 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/part-of': 'monitoring' }), ds()], RULE)).toEqual([]);
  });

  test('a Service whose selector matches no pod template is a warning', () => {
    const findings = only([ds(), service({ 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/component': 'exporter' })], RULE);
    expect(findings).toEqual([{
      ruleId: RULE,
      severity: Severity.WARNING,
      kind: 'Service',
      namespace: 'monitoring',
      name: 'node-exporter',
      path: 'spec.selector',
      message: expect.stringMatching(/^Service 'node-exporter' selects app\.kubernetes\.io\/name=node-exporter, app\.kubernetes\.io\/component=exporter, which no pod template in namespace 'monitoring' carries$/),
      hint: expect.stringMatching(/own namespace only/),
    }]);
  });

  test('pods of another namespace do not count', () => {
    const findings = only([ds(), service({ 'app.kubernetes.io/name': 'node-exporter' }, 'default')], RULE);
    expect(findings.map(f => [f.ruleId, f.namespace, f.path])).toEqual([[RULE, 'default', 'spec.selector']]);
    expect(findings[0].message).toMatch(/which no pod template in namespace 'default' carries/);
  });

  test('labels on the DaemonSet itself (not its pod template) do not count', () => {
    const d = ds();
    d.metadata.labels = { tier: 'node' };
    expect(only([d, service({ tier: 'node' })], RULE).map(f => f.path)).toEqual(['spec.selector']);
  });

  test('a Service without a selector is not reported', () => {
    expect(only([service(undefined)], RULE)).toEqual([]);
    expect(only([service({})], RULE)).toEqual([]);
  });
});

describe('cross-object/quota-fit', () => {
  const RULE = 'cross-object/quota-fit';
  const quota = (hard: Json, namespace = 'monitoring'): Json => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'agents', namespace }, spec: { hard } });
  const exporter = (resources: Json, name = 'node-exporter'): Json => agent(name, {
    namespace: 'monitoring',
    containers: [{ name, image: 'quay.io/prometheus/node-exporter:v1.8.2', resources }],
  });

  test('requests.cpu: fits and does not fit', () => {
    const ds = exporter({ requests: { cpu: '50m', memory: '64Mi' } });
    expect(only([ds, quota({ 'requests.cpu': '5' })], RULE)).toEqual([]);
    const findings = only([ds, quota({ 'requests.cpu': '4' })], RULE);
    expect(findings).toEqual([{
      ruleId: RULE,
      severity: Severity.ERROR,
      kind: 'ResourceQuota',
      namespace: 'monitoring',
      name: 'agents',
      path: 'spec.hard.requests.cpu',
      message: expect.stringMatching(/^ResourceQuota 'agents' allows requests\.cpu 4 cores in namespace 'monitoring', but its 1 DaemonSet\(s\) need 5 cores on 100 nodes$/),
      hint: expect.stringMatching(/expectedNodeCount/),
    }]);
  });

  test('a quota that exactly fits is not exceeded (70m on 100 nodes is 7 CPUs)', () => {
    expect(only([exporter({ requests: { cpu: '70m' } }), quota({ 'requests.cpu': '7' })], RULE)).toEqual([]);
    expect(only([exporter({ requests: { memory: '30Mi' } }), quota({ 'requests.memory': '3000Mi' })], RULE)).toEqual([]);
  });

  test('requests.memory sums every DaemonSet of the namespace', () => {
    const objects = [exporter({ requests: { memory: '64Mi' } }), exporter({ requests: { memory: '64Mi' } }, 'process-exporter')];
    expect(only([...objects, quota({ 'requests.memory': '12800Mi' })], RULE)).toEqual([]);
    const findings = only([...objects, quota({ 'requests.memory': '12Gi' })], RULE);
    expect(findings.map(f => f.path)).toEqual(['spec.hard.requests.memory']);
    expect(findings[0].message).toMatch(/allows requests\.memory 12 GiB in namespace 'monitoring', but its 2 DaemonSet\(s\) need 12\.5 GiB on 100 nodes/);
  });

  test('a request defaults to the limit', () => {
    const findings = only([exporter({ limits: { cpu: '100m', memory: '128Mi' } }), quota({ 'requests.cpu': '5' })], RULE);
    expect(findings.map(f => f.path)).toEqual(['spec.hard.requests.cpu']);
    expect(findings[0].message).toMatch(/need 10 cores on 100 nodes/);
  });

  test('init containers count by the max rule', () => {
    const ds = agent('node-exporter', {
      namespace: 'monitoring',
      initContainers: [{ name: 'init', image: 'busybox:1.36', resources: { requests: { cpu: '200m' } } }],
      containers: [{ name: 'a', image: 'busybox:1.36', resources: { requests: { cpu: '50m' } } }, { name: 'b', image: 'busybox:1.36', resources: { requests: { cpu: '50m' } } }],
    });
    expect(only([ds, quota({ 'requests.cpu': '20' })], RULE)).toEqual([]);
    expect(only([ds, quota({ 'requests.cpu': '19' })], RULE).map(f => f.path)).toEqual(['spec.hard.requests.cpu']);
  });

  test('sidecars and pod overhead count, as the quota admission counts them (600m + 500m sidecar + 100m overhead is 1.2 CPU)', () => {
    const ds = agent('node-exporter', {
      namespace: 'monitoring',
      initContainers: [{ name: 'proxy', image: 'busybox:1.36', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } }],
      containers: [{ name: 'exporter', image: 'busybox:1.36', resources: { requests: { cpu: '600m' } } }],
      pod: { overhead: { cpu: '100m' } },
    });
    const findings = only([ds, quota({ 'requests.cpu': '1' })], RULE, { expectedNodeCount: 1 });
    expect(findings.map(f => f.path)).toEqual(['spec.hard.requests.cpu']);
    expect(findings[0].message).toMatch(/allows requests\.cpu 1 core in namespace 'monitoring', but its 1 DaemonSet\(s\) need 1\.2 cores on 1 nodes$/);
    expect(only([ds, quota({ 'requests.cpu': '1200m' })], RULE, { expectedNodeCount: 1 })).toEqual([]);
  });

  test('limits.memory', () => {
    const ds = exporter({ requests: { memory: '64Mi' }, limits: { memory: '256Mi' } });
    expect(only([ds, quota({ 'limits.memory': '25600Mi' })], RULE)).toEqual([]);
    const findings = only([ds, quota({ 'limits.memory': '20Gi' })], RULE);
    expect(findings.map(f => f.path)).toEqual(['spec.hard.limits.memory']);
    expect(findings[0].message).toMatch(/allows limits\.memory 20 GiB .* need 25 GiB on 100 nodes/);
  });

  test('plain cpu and memory mean requests', () => {
    const ds = exporter({ requests: { cpu: '50m', memory: '64Mi' } });
    expect(only([ds, quota({ cpu: '5', memory: '6400Mi' })], RULE)).toEqual([]);
    expect(only([ds, quota({ cpu: '4', memory: '6Gi' })], RULE).map(f => f.path)).toEqual(['spec.hard.cpu', 'spec.hard.memory']);
  });

  test('pods with expectedNodeCount', () => {
    const objects = [exporter({}), exporter({}, 'process-exporter')];
    expect(only([...objects, quota({ pods: '6' })], RULE, { expectedNodeCount: 3 })).toEqual([]);
    const findings = only([...objects, quota({ pods: '5' })], RULE, { expectedNodeCount: 3 });
    expect(findings.map(f => [f.ruleId, f.path])).toEqual([[RULE, 'spec.hard.pods']]);
    expect(findings[0].message).toMatch(/^ResourceQuota 'agents' allows pods 5 in namespace 'monitoring', but its 2 DaemonSet\(s\) need 6 on 3 nodes$/);
    expect(only([...objects, quota({ pods: '150' })], RULE).map(f => f.path)).toEqual(['spec.hard.pods']);
  });

  test('expectedNodeCount scales every resource', () => {
    const ds = exporter({ requests: { cpu: '50m', memory: '64Mi' } });
    expect(only([ds, quota({ 'requests.cpu': '1' })], RULE, { expectedNodeCount: 20 })).toEqual([]);
    expect(only([ds, quota({ 'requests.cpu': '1' })], RULE, { expectedNodeCount: 21 }).map(f => f.message)).toEqual([
      expect.stringMatching(/need 1\.05 cores on 21 nodes/),
    ]);
  });

  test('extended resources: requests.nvidia.com/gpu', () => {
    const ds = exporter({ requests: { 'nvidia.com/gpu': '1' }, limits: { 'nvidia.com/gpu': '1' } }, 'dcgm-exporter');
    expect(only([ds, quota({ 'requests.nvidia.com/gpu': '100' })], RULE)).toEqual([]);
    const findings = only([ds, quota({ 'requests.nvidia.com/gpu': '8' })], RULE);
    expect(findings.map(f => f.path)).toEqual(['spec.hard.requests.nvidia.com/gpu']);
    expect(findings[0].message).toMatch(/allows requests\.nvidia\.com\/gpu 8 in namespace 'monitoring', but its 1 DaemonSet\(s\) need 100 on 100 nodes/);
  });

  test('a quota of another namespace does not apply', () => {
    expect(only([exporter({ requests: { cpu: '50m' } }), quota({ 'requests.cpu': '1', 'pods': '1' }, 'logging')], RULE)).toEqual([]);
  });

  test('resources the rule does not model are ignored', () => {
    expect(only([exporter({ requests: { cpu: '50m' } }), quota({ 'services': '1', 'count/configmaps': '1', 'requests.storage': '1Gi' })], RULE)).toEqual([]);
  });
});

describe('cross-object/limit-range-fit', () => {
  const RULE = 'cross-object/limit-range-fit';
  const limitRange = (limits: Json[], namespace = 'logging'): Json => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'container-bounds', namespace }, spec: { limits } });
  const collector = (resources: Json): Json => agent('fluent-bit', {
    namespace: 'logging',
    containers: [{ name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.1.9', resources }],
  });
  const bounds = { type: 'Container', min: { cpu: '10m', memory: '32Mi' }, max: { cpu: '1', memory: '1Gi' } };

  test('requests and limits inside min and max are fine', () => {
    expect(only([collector({ requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '1', memory: '1Gi' } }), limitRange([bounds])], RULE)).toEqual([]);
  });

  test('a value equal to a bound written in another unit is within bounds (700m is max 0.7)', () => {
    expect(only([collector({ requests: { cpu: '350m' }, limits: { cpu: '700m' } }), limitRange([{ type: 'Container', min: { cpu: '0.35' }, max: { cpu: '0.7' } }])], RULE)).toEqual([]);
  });

  test('a request below min', () => {
    const findings = only([collector({ requests: { cpu: '50m', memory: '16Mi' }, limits: { memory: '128Mi' } }), limitRange([bounds])], RULE);
    expect(findings).toEqual([{
      ruleId: RULE,
      severity: Severity.ERROR,
      kind: 'DaemonSet',
      namespace: 'logging',
      name: 'fluent-bit',
      path: 'spec.template.spec.containers[0].resources.requests.memory',
      message: expect.stringMatching(/^DaemonSet 'fluent-bit' container 'fluent-bit' requests memory 16 MiB, but LimitRange 'container-bounds' of namespace 'logging' sets min 32 MiB$/),
      hint: expect.stringMatching(/between the LimitRange's min and max/),
    }]);
  });

  test('a limit above max', () => {
    const findings = only([collector({ requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '2', memory: '2Gi' } }), limitRange([bounds])], RULE);
    expect(findings.map(f => [f.path, f.message])).toEqual([
      ['spec.template.spec.containers[0].resources.limits.cpu', expect.stringMatching(/limits cpu 2 cores, but LimitRange 'container-bounds' of namespace 'logging' sets max 1 core$/)],
      ['spec.template.spec.containers[0].resources.limits.memory', expect.stringMatching(/limits memory 2 GiB, but LimitRange 'container-bounds' of namespace 'logging' sets max 1 GiB$/)],
    ]);
  });

  test('a request above max is reported too', () => {
    const findings = only([collector({ requests: { cpu: '1500m' } }), limitRange([{ type: 'Container', max: { cpu: '1' } }])], RULE);
    expect(findings.map(f => f.path)).toEqual(['spec.template.spec.containers[0].resources.requests.cpu']);
  });

  test('Pod-type limits and other namespaces do not apply', () => {
    const resources = { requests: { cpu: '5m', memory: '16Mi' }, limits: { memory: '4Gi' } };
    expect(only([collector(resources), limitRange([{ ...bounds, type: 'Pod' }])], RULE)).toEqual([]);
    expect(only([collector(resources), limitRange([bounds], 'monitoring')], RULE)).toEqual([]);
  });
});
