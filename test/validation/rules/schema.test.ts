import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';
import { Yaml } from 'cdk8s';
import { Manifest } from '../../../src/k8s/shape';
import { RuleHit, Severity } from '../../../src/validation/rule';
import { clearSchemaCache, loadSchemaSet, SCHEMA_RULES, schemaVersionFor, shippedSchemaVersions } from '../../../src/validation/rules/schema/schema';
import { inRanges, ShippedSchemas } from '../../../src/validation/rules/schema/store';

const SCHEMAS = path.join(__dirname, '..', '..', '..', 'schemas');
const OLDEST = '1.27';
const NEWEST = shippedSchemaVersions()[shippedSchemaVersions().length - 1];

function run(objects: Manifest[], kubernetesVersion = '1.31'): { id: string; severity: Severity; hit: RuleHit }[] {
  return SCHEMA_RULES.flatMap(rule => rule.check({ objects, kubernetesVersion, expectedNodeCount: 3 })
    .map(h => ({ id: rule.id, severity: h.severity ?? rule.severity, hit: h })));
}

/** `ruleId path: message` lines, for compact assertions. */
function findings(objects: Manifest[], kubernetesVersion = '1.31'): string[] {
  return run(objects, kubernetesVersion).map(f => `${f.id} ${f.hit.path}: ${f.hit.message}`);
}

function hit(objects: Manifest[], kubernetesVersion = '1.31'): RuleHit {
  const all = run(objects, kubernetesVersion);
  expect(all).toHaveLength(1);
  return all[0].hit;
}

/** Every definition the kinds served in `version` reach, by name; fails on a reference to a missing one. */
function definitionsOf(store: ShippedSchemas, version: string): Record<string, any> {
  const out: Record<string, any> = {};
  const visit = (name: string) => {
    if (out[name]) return;
    const schema = store.definition(name, version);
    expect({ name, version, found: schema !== undefined }).toEqual({ name, version, found: true });
    out[name] = schema;
    for (const m of JSON.stringify(schema).matchAll(/"\$ref":"#\/definitions\/([^"]+)"/g)) visit(m[1]);
  };
  for (const entry of Object.values(store.index.kinds)) if (inRanges(entry.served, version)) visit(entry.definition);
  return out;
}

const meta = (name: string, namespace = 'monitoring') => ({ name, namespace, labels: { 'app.kubernetes.io/name': 'node-agent' } });

function daemonSet(container: Manifest = {}, pod: Manifest = {}): Manifest {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { ...meta('node-agent'), annotations: { 'kubernetes.io/description': 'agent' }, creationTimestamp: null },
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%', maxSurge: 0 } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      template: {
        metadata: { labels: { app: 'node-agent' }, annotations: { 'checksum/config': 'abc' } },
        spec: {
          serviceAccountName: 'node-agent',
          priorityClassName: 'system-node-critical',
          hostNetwork: true,
          hostPID: true,
          dnsPolicy: 'ClusterFirstWithHostNet',
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: 30,
          securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } },
          tolerations: [{ operator: 'Exists' }, { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          affinity: {
            nodeAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: {
                nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] }],
              },
            },
          },
          initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'true'] }],
          containers: [{
            name: 'agent',
            image: 'registry.example.com/agent:1.4.2',
            imagePullPolicy: 'IfNotPresent',
            args: ['--path.rootfs=/host'],
            ports: [{ containerPort: 9100, hostPort: 9100, name: 'metrics', protocol: 'TCP' }],
            env: [
              { name: 'NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              { name: 'MEMORY_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.memory', divisor: '1Mi' } } },
              { name: 'TZ', value: 'UTC' },
            ],
            envFrom: [{ configMapRef: { name: 'agent-config' } }],
            resources: { requests: { 'cpu': '50m', 'memory': '64Mi', 'nvidia.com/gpu': 1 }, limits: { 'memory': '256Mi', 'nvidia.com/gpu': 1 } },
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            livenessProbe: { httpGet: { path: '/', port: 9100, scheme: 'HTTP', httpHeaders: [{ name: 'X-Probe', value: '1' }] }, initialDelaySeconds: 5 },
            readinessProbe: { httpGet: { path: '/', port: 'metrics' } },
            startupProbe: { grpc: { port: 9101 }, failureThreshold: 30 },
            lifecycle: { preStop: { exec: { command: ['sleep', '5'] } } },
            volumeMounts: [
              { name: 'root', mountPath: '/host', readOnly: true, mountPropagation: 'HostToContainer' },
              { name: 'localtime', mountPath: '/etc/localtime', readOnly: true },
              { name: 'config', mountPath: '/etc/agent', subPath: 'agent.conf' },
            ],
            ...container,
          }],
          volumes: [
            { name: 'root', hostPath: { path: '/', type: 'Directory' } },
            { name: 'localtime', hostPath: { path: '/etc/localtime', type: 'File' } },
            { name: 'config', configMap: { name: 'agent-config', items: [{ key: 'agent.conf', path: 'agent.conf' }] } },
            { name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
          ],
          ...pod,
        },
      },
    },
  };
}

/** One valid object of every kind the issue lists, plus the workloads shipped with them. */
const VALID: Manifest[] = [
  daemonSet(),
  { apiVersion: 'v1', kind: 'Service', metadata: meta('node-agent'), spec: { type: 'ClusterIP', clusterIP: 'None', selector: { app: 'node-agent' }, ports: [{ name: 'metrics', port: 9100, targetPort: 'metrics', protocol: 'TCP' }] } },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('node-agent'), automountServiceAccountToken: false, imagePullSecrets: [{ name: 'registry' }] },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('agent-config'), data: { 'agent.conf': '[SERVICE]\n  Flush 1\n' }, binaryData: { blob: 'AAEC' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: meta('registry'), type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': 'e30=' }, stringData: { note: 'plain text' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: meta('node-agent'), rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['agent-config'], verbs: ['get'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'node-agent' }, rules: [{ apiGroups: [''], resources: ['nodes', 'nodes/metrics'], verbs: ['get', 'list', 'watch'] }, { nonResourceURLs: ['/metrics'], verbs: ['get'] }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: meta('node-agent'), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'node-agent' }, subjects: [{ kind: 'ServiceAccount', name: 'node-agent', namespace: 'monitoring' }] },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'node-agent' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-agent' }, subjects: [{ kind: 'ServiceAccount', name: 'node-agent', namespace: 'monitoring' }] },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta('node-agent'),
    spec: {
      podSelector: { matchLabels: { app: 'node-agent' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prometheus' } } }], ports: [{ port: 9100, protocol: 'TCP' }, { port: 'metrics' }] }],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } }] }],
    },
  },
  { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('quota'), spec: { hard: { 'requests.cpu': '4', 'limits.memory': '8Gi', 'pods': '20', 'requests.nvidia.com/gpu': 2 }, scopes: ['NotBestEffort'] } },
  { apiVersion: 'v1', kind: 'LimitRange', metadata: meta('limits'), spec: { limits: [{ type: 'Container', default: { cpu: '100m', memory: '128Mi' }, defaultRequest: { cpu: '50m' }, max: { memory: '1Gi' } }] } },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'node-agents' }, value: 1000000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority', description: 'agents' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('node-agent'), spec: { maxUnavailable: '10%', selector: { matchLabels: { app: 'node-agent' } } } },
  { apiVersion: 'v1', kind: 'Pod', metadata: meta('debug'), spec: { restartPolicy: 'Never', containers: [{ name: 'debug', image: 'busybox:1.36' }] } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('web'), spec: { replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } }, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db'),
    spec: {
      serviceName: 'db',
      selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  },
  { apiVersion: 'batch/v1', kind: 'Job', metadata: meta('once'), spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'once', image: 'busybox:1.36' }] } } } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('nightly'), spec: { schedule: '0 3 * * *', concurrencyPolicy: 'Forbid', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'nightly', image: 'busybox:1.36' }] } } } } } },
  {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: meta('node-agent'),
    spec: {
      selector: { matchLabels: { app: 'node-agent' } },
      namespaceSelector: { matchNames: ['monitoring'] },
      endpoints: [{
        port: 'metrics',
        interval: '30s',
        scheme: 'https',
        tlsConfig: { insecureSkipVerify: true, ca: { secret: { name: 'ca', key: 'ca.crt' } } },
        relabelings: [{ action: 'replace', sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'instance' }],
      }],
    },
  },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata: meta('node-agent'), spec: { selector: { matchLabels: { app: 'node-agent' } }, podMetricsEndpoints: [{ port: 'metrics', interval: '30s' }] } },
  { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: meta('node-agent'), spec: { groups: [{ name: 'node', rules: [{ alert: 'NodeDown', expr: 'up == 0', for: '5m', labels: { severity: 'critical' } }, { record: 'x', expr: 1 }] }] } },
];

describe.each([OLDEST, '1.31', NEWEST])('Kubernetes %s', version => {
  test.each(VALID.map(o => [`${o.apiVersion} ${o.kind}`, o]))('a valid %s passes', (_, obj) => {
    expect(findings([obj], version)).toEqual([]);
  });
});

test('every kind the issue lists has a schema in every shipped version', () => {
  const listed = ['DaemonSet', 'Service', 'ServiceAccount', 'ConfigMap', 'Secret', 'Namespace', 'Role', 'ClusterRole', 'RoleBinding',
    'ClusterRoleBinding', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PriorityClass', 'PodDisruptionBudget',
    'ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Pod', 'Deployment', 'StatefulSet', 'Job', 'CronJob'];
  for (const version of shippedSchemaVersions()) {
    const kinds = loadSchemaSet(version).kinds().map(k => k.slice(k.lastIndexOf('/') + 1));
    expect(kinds).toEqual(expect.arrayContaining(listed));
  }
});

test('the synthesized examples are schema-valid', () => {
  // examples/<name>/dist and, in a group of examples, examples/<group>/<name>/dist (examples/consoles/).
  const dir = path.join(__dirname, '..', '..', '..', 'examples');
  const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf-8' }).sort()
    .filter(f => f.endsWith('.yaml') && path.basename(path.dirname(f)) === 'dist')
    .map(f => path.join(dir, f));
  expect(files.length).toBeGreaterThan(0);
  expect(files.filter(f => f.includes(`${path.sep}consoles${path.sep}`)).length).toBeGreaterThan(0);
  for (const f of files) expect({ file: f, findings: findings(Yaml.load(f)) }).toEqual({ file: f, findings: [] });
});

describe('schema/valid', () => {
  test('rejects an unknown field, like kubeconform -strict, and suggests the likely one', () => {
    const h = hit([daemonSet({ imagePullPolicyy: 'Always' })]);
    expect(h.path).toBe('spec.template.spec.containers[0].imagePullPolicyy');
    expect(h.message).toBe('unknown field \'imagePullPolicyy\' in containers[0]: the DaemonSet apps/v1 (Kubernetes 1.31.14) schema has no such field');
    expect(h.hint).toMatch(/^did you mean 'imagePullPolicy'\? remove it or fix its name; the fields allowed here are args, command, /);
  });

  test('rejects unknown fields at the top level and in metadata', () => {
    const ds = daemonSet();
    expect(findings([{ ...ds, metadata: { ...ds.metadata, label: { a: 'b' } }, extra: true }])).toEqual([
      'schema/valid extra: unknown field \'extra\': the DaemonSet apps/v1 (Kubernetes 1.31.14) schema has no such field',
      'schema/valid metadata.label: unknown field \'label\' in metadata: the DaemonSet apps/v1 (Kubernetes 1.31.14) schema has no such field',
    ]);
  });

  test('rejects a wrong type with the expected one', () => {
    const h = hit([daemonSet({ ports: [{ containerPort: '9100' }] })]);
    expect(h).toMatchObject({
      path: 'spec.template.spec.containers[0].ports[0].containerPort',
      message: 'containerPort must be an integer, not a string (\'9100\')',
      hint: 'use an integer',
    });
    expect(hit([{ ...VALID[3], data: { replicas: 3 } }])).toMatchObject({ path: 'data.replicas', hint: 'quote the value: \'3\'' });
  });

  test('rejects a value outside an enum and lists the allowed values', () => {
    const h = hit([daemonSet({ imagePullPolicy: 'Sometimes' })]);
    expect(h).toMatchObject({
      object: expect.objectContaining({ kind: 'DaemonSet' }),
      path: 'spec.template.spec.containers[0].imagePullPolicy',
      message: 'imagePullPolicy is \'Sometimes\', which is not an allowed value',
      hint: 'use one of: Always, IfNotPresent, Never',
    });
  });

  test('rejects a missing required field at the path to set', () => {
    const h = hit([daemonSet({ name: undefined })].map(o => JSON.parse(JSON.stringify(o))));
    expect(h).toMatchObject({
      path: 'spec.template.spec.containers[0].name',
      message: 'containers[0] lacks the required field \'name\'',
      hint: 'set spec.template.spec.containers[0].name',
    });
  });

  test('reports every violation of an object, errors by default', () => {
    const all = run([daemonSet({ imagePullPolicy: 'Sometimes', ports: [{ containerPort: 80, protocol: 'tcp' }], resources: { limits: { cpu: '1 cpu' } } }, { restartPolicy: 'Sometimes' })]);
    expect(all.map(f => [f.severity, f.hit.path])).toEqual([
      [Severity.ERROR, 'spec.template.spec.containers[0].imagePullPolicy'],
      [Severity.ERROR, 'spec.template.spec.containers[0].ports[0].protocol'],
      [Severity.ERROR, 'spec.template.spec.containers[0].resources.limits.cpu'],
      [Severity.ERROR, 'spec.template.spec.restartPolicy'],
    ]);
    expect(all[2].hit.message).toBe('cpu is \'1 cpu\', which is not a Kubernetes quantity');
  });

  test('IntOrString takes integers and strings, nothing else', () => {
    const ds = (maxUnavailable: unknown) => {
      const o = daemonSet();
      o.spec.updateStrategy.rollingUpdate = { maxUnavailable };
      return o;
    };
    expect(findings([ds(1), ds('10%')])).toEqual([]);
    expect(hit([ds(true)])).toMatchObject({
      path: 'spec.updateStrategy.rollingUpdate.maxUnavailable',
      message: 'maxUnavailable must be an integer or a string, not a boolean (true)',
    });
  });

  test('quantities are numbers or quantity strings', () => {
    const limits = (memory: unknown) => daemonSet({ resources: { limits: { memory } } });
    expect(findings([limits(268435456), limits('256Mi'), limits('1e3'), limits('0.5Gi'), limits('500m')])).toEqual([]);
    expect(hit([limits('256 MB')]).hint).toMatch(/128Mi/);
  });

  test('Secret data must be base64; stringData takes plain text', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { password: 'hunter2' } };
    expect(hit([secret])).toMatchObject({ path: 'data.password', message: 'password is not base64-encoded' });
    expect(findings([{ ...secret, data: { password: 'aHVudGVyMg==' } }, { ...secret, data: undefined, stringData: { password: 'hunter2' } }])).toEqual([]);
  });

  test('like the API server, null and empty optional values read as unset', () => {
    expect(findings([daemonSet({ imagePullPolicy: '', workingDir: null, resources: null }, { dnsPolicy: null, affinity: null, tolerations: [{ operator: 'Exists', effect: '' }] })])).toEqual([]);
    expect(hit([daemonSet({ name: null })]).path).toBe('spec.template.spec.containers[0].name');
  });

  test('keys that are not identifiers are quoted in paths', () => {
    const ds = daemonSet();
    ds.spec.template.metadata.labels = { 'app.kubernetes.io/name': 1 };
    expect(hit([ds]).path).toBe('spec.template.metadata.labels["app.kubernetes.io/name"]');
  });

  test('a ServiceMonitor with an unknown field is rejected against its CRD', () => {
    const sm = JSON.parse(JSON.stringify(VALID.find(o => o.kind === 'ServiceMonitor')));
    sm.spec.endpoints[0].intervall = '30s';
    expect(hit([sm])).toMatchObject({
      path: 'spec.endpoints[0].intervall',
      message: 'unknown field \'intervall\' in endpoints[0]: the ServiceMonitor monitoring.coreos.com/v1 (CRD) schema has no such field',
      hint: expect.stringMatching(/^did you mean 'interval'\?/),
    });
  });

  test('CRD enums, required fields, and the ObjectMeta of custom resources are checked', () => {
    const sm = JSON.parse(JSON.stringify(VALID.find(o => o.kind === 'ServiceMonitor')));
    sm.metadata.labelz = {};
    sm.spec.endpoints[0].scheme = 'ftp';
    delete sm.spec.endpoints[0].tlsConfig.ca.secret.key;
    expect(findings([sm])).toEqual([
      'schema/valid metadata.labelz: unknown field \'labelz\' in metadata: the ServiceMonitor monitoring.coreos.com/v1 (CRD) schema has no such field',
      'schema/valid spec.endpoints[0].scheme: scheme is \'ftp\', which is not an allowed value',
      'schema/valid spec.endpoints[0].tlsConfig.ca.secret.key: secret lacks the required field \'key\'',
    ]);
  });

  test('a DaemonSet field added in Kubernetes 1.30 is unknown to the 1.27 schema', () => {
    const ds = daemonSet({ securityContext: { allowPrivilegeEscalation: false, appArmorProfile: { type: 'RuntimeDefault' } } });
    expect(findings([ds], '1.31')).toEqual([]);
    expect(findings([ds], NEWEST)).toEqual([]);
    expect(hit([ds], '1.27')).toMatchObject({
      path: 'spec.template.spec.containers[0].securityContext.appArmorProfile',
      message: 'unknown field \'appArmorProfile\' in securityContext: the DaemonSet apps/v1 (Kubernetes 1.27.16) schema has no such field',
    });
  });

  test('an object without apiVersion or kind is an error', () => {
    expect(findings([{ kind: 'ConfigMap', metadata: { name: 'x' } }, { apiVersion: 'v1', kind: 3 }])).toEqual([
      'schema/valid apiVersion: the object has no apiVersion',
      'schema/valid kind: the object has no kind (3 is not a string)',
    ]);
  });
});

describe('schema/unknown-kind', () => {
  test('a removed apiVersion of a built-in kind is no longer an unknown kind but an error naming the served one', () => {
    const [f] = run([{ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: {} }]);
    expect(f).toMatchObject({
      id: 'schema/api-version',
      severity: Severity.ERROR,
      hit: { path: 'apiVersion', message: 'policy/v1beta1 PodDisruptionBudget was removed in Kubernetes 1.25; use policy/v1' },
    });
  });

  test('warns about a custom resource without a CRD and says how to give one', () => {
    const [f] = run([{ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, anything: true }]);
    expect(f).toMatchObject({ id: 'schema/unknown-kind', severity: Severity.WARNING });
    expect(f.hit.message).toBe('no schema for Widget example.com/v1: example.com is not a built-in API group and no CustomResourceDefinition for it was given; the object is not schema-checked');
    expect(f.hit.hint).toMatch(/--crd <file>, the customResourceDefinitions option, or the CRD among the manifests/);
  });

  test('a shipped CRD kind under an unknown version names the known one', () => {
    const [f] = run([{ apiVersion: 'monitoring.coreos.com/v1beta1', kind: 'ServiceMonitor', metadata: { name: 'm' } }]);
    expect(f).toMatchObject({ id: 'schema/unknown-kind', hit: { hint: 'ServiceMonitor is known as apiVersion monitoring.coreos.com/v1; monitoring.coreos.com/v1beta1 may be misspelled' } });
  });
});

describe('versions', () => {
  test('1.27 and the newest minor the Go module proxy serves are shipped', () => {
    const versions = shippedSchemaVersions();
    expect(versions[0]).toBe(OLDEST);
    expect(versions).toContain('1.37');
  });

  test('a target version maps to its own minor, else the nearest end', () => {
    expect(schemaVersionFor('1.31')).toBe('1.31');
    expect(schemaVersionFor('v1.29.4')).toBe('1.29');
    expect(schemaVersionFor('1.25')).toBe(OLDEST);
    expect(schemaVersionFor('1.99')).toBe(NEWEST);
    expect(schemaVersionFor('latest')).toBe(NEWEST);
  });

  test('the index records each minor\'s exact Kubernetes version and its sources', () => {
    const index = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'k8s-index.json'), 'utf8'));
    for (const version of shippedSchemaVersions()) {
      const entry = index.versions[version];
      expect(entry.kubernetesVersion).toMatch(new RegExp(`^${version.replace('.', '\\.')}\\.\\d+$`));
      expect(entry.source.module).toBe(`k8s.io/kubernetes@v${entry.kubernetesVersion}`);
      expect(entry.source.moduleSum).toMatch(/^h1:/);
      expect(entry.source.lifecycle).toMatch(new RegExp(`^k8s.io/api@v0\\.${version.split('.')[1]}\\.\\d+ h1:`));
    }
    expect(index.kinds['apps/v1/DaemonSet']).toEqual({ definition: 'io.k8s.api.apps.v1.DaemonSet', served: '1.27-1.37' });
    const crds = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'crds.json'), 'utf8'));
    expect(crds.header.source.crds).toMatch(/^prometheus-operator 0\.93\.0/);
    expect(Object.keys(crds.kinds).sort()).toEqual([
      'monitoring.coreos.com/v1/PodMonitor', 'monitoring.coreos.com/v1/PrometheusRule', 'monitoring.coreos.com/v1/ServiceMonitor',
    ]);
  });

  test('every minor\'s definitions are valid draft-07; the oldest and newest compile whole in ajv strict mode', () => {
    const store = new ShippedSchemas(SCHEMAS);
    const crds = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'crds.json'), 'utf8'));
    for (const version of shippedSchemaVersions()) {
      const definitions = definitionsOf(store, version);
      // The generator writes every minor the same way; compiling two is enough to catch a keyword or pattern ajv rejects.
      const compile = version === OLDEST || version === NEWEST;
      const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
      for (const [id, defs] of [['k8s.json', definitions], ['crds.json', crds.definitions]]) {
        const schema = { $id: id, definitions: defs };
        expect(ajv.validateSchema(schema)).toBe(true);
        ajv.addSchema(schema);
        if (compile) for (const name of Object.keys(defs)) expect(ajv.getSchema(`${id}#/definitions/${name}`)).toBeDefined();
      }
    }
  }, 120_000);
});

test('the schema set compiles every definition, and validates 10,000 objects the same way twice (timings: npm run bench)', () => {
  const objects = Array.from({ length: 10_000 }, (_, i) => {
    const o = JSON.parse(JSON.stringify(VALID[i % VALID.length]));
    o.metadata.name = `${o.metadata.name}-${i}`;
    return o;
  });
  clearSchemaCache();
  const set = loadSchemaSet('1.31');
  expect(run(VALID)).toEqual([]);
  expect(set.compileAll()).toBeGreaterThan(200);
  expect(run(objects)).toEqual([]);
  expect(run(objects)).toEqual([]);
}, 60_000);
