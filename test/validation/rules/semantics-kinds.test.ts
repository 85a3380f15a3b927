import * as fs from 'fs';
import * as path from 'path';
import { validateManifests } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';
import { checkKind } from '../../../src/validation/rules/semantics/kinds';

/*
 * The API checks of the kinds other than the workloads (src/validation/rules/semantics/kinds). The recorded cases
 * (test/fixtures/api-answers/kinds.json) were each asked of kube-apiserver v1.37.2 with a server-side dry run and
 * strict field validation: an accepted object must get no error, a rejected one exactly the checks its rejection
 * maps to (or none, when another rule reports it: a schema enum, a metadata name, or the cluster's configuration).
 */

type Json = { [key: string]: any };

interface RecordedCase {
  readonly name: string;
  readonly api: string;
  readonly checks: string[];
  readonly elsewhere?: string;
  readonly object: Json;
}

const RECORDED: { cases: RecordedCase[] } = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'api-answers', 'kinds.json'), 'utf-8'));

const errors = (obj: Json) => checkKind(obj).filter(p => p.severity !== 'warning');
const warnings = (obj: Json) => checkKind(obj).filter(p => p.severity === 'warning');
const ids = (problems: { rule: string }[]) => [...new Set(problems.map(p => p.rule.replace(/^semantics\//, '')))].sort();

function service(change: (spec: Json, obj: Json) => void = () => {}): Json {
  const obj: Json = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: { selector: { app: 'a' }, ports: [{ name: 'http', port: 80 }] } };
  change(obj.spec, obj);
  return obj;
}

const configMap = (data: Json, binaryData?: Json): Json => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' }, data, ...binaryData ? { binaryData } : {} });
const secret = (fields: Json): Json => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' }, ...fields });
const MiB = 1024 * 1024;

describe('cases asked of kube-apiserver v1.37.2', () => {
  test('the recording holds accepted and rejected cases of every kind', () => {
    const kinds = new Set(RECORDED.cases.map(c => c.object.kind));
    expect([...kinds].sort()).toEqual(['ClusterRole', 'ClusterRoleBinding', 'ConfigMap', 'LimitRange', 'Namespace', 'NetworkPolicy',
      'PodDisruptionBudget', 'PriorityClass', 'ResourceQuota', 'Role', 'RoleBinding', 'Secret', 'Service', 'ServiceAccount']);
    expect(RECORDED.cases.filter(c => c.api === 'accepted').length).toBeGreaterThan(80);
    expect(RECORDED.cases.filter(c => c.checks.length > 0).length).toBeGreaterThan(180);
  });

  test.each(RECORDED.cases.filter(c => c.api === 'accepted').map(c => [c.name, c] as const))('accepted: %s gets no error', (_, c) => {
    expect(errors(c.object).map(p => `${p.path}: ${p.message}`)).toEqual([]);
  });

  test.each(RECORDED.cases.filter(c => c.api !== 'accepted').map(c => [c.name, c] as const))('rejected: %s', (_, c) => {
    expect(ids(errors(c.object))).toEqual(c.checks);
    // Every rejection is either ours or named as someone else's.
    expect(c.checks.length > 0 || c.elsewhere !== undefined).toBe(true);
  });

  test('the rejections no kind check reports are reported by the schema rule (enums, required fields)', () => {
    const schemaCases = RECORDED.cases.filter(c => c.elsewhere === 'schema');
    expect(schemaCases.length).toBeGreaterThan(5);
    for (const c of schemaCases) {
      const findings = validateManifests([c.object]).findings.filter(f => f.severity === Severity.ERROR && /^(schema|semantics)/.test(f.ruleId));
      expect({ name: c.name, rejected: findings.length > 0 }).toEqual({ name: c.name, rejected: true });
    }
  });
});

describe('rejects invalid Services', () => {
  test('messages name the field, the value and what is allowed', () => {
    const [p] = errors(service(spec => spec.ports[0].port = 70000));
    expect(p).toMatchObject({ rule: 'semantics/service-ports', path: 'spec.ports[0].port' });
    expect(p.message).toContain('70000 must be between 1 and 65535, inclusive');
    const [t] = errors(service(spec => spec.ports[0].targetPort = 'Metrics'));
    expect(t.path).toBe('spec.ports[0].targetPort');
    expect(t.message).toContain('\'Metrics\'');
  });

  test('several ports each need a name, and (protocol, port) pairs are unique after defaulting', () => {
    expect(errors(service(spec => spec.ports = [{ port: 80 }, { name: 'b', port: 81 }])).map(p => p.path)).toEqual(['spec.ports[0].name']);
    expect(errors(service(spec => spec.ports = [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'TCP' }])).map(p => p.path)).toEqual(['spec.ports[1]']);
    expect(errors(service(spec => spec.ports = [{ name: 'a', port: 53 }, { name: 'b', port: 53, protocol: 'UDP' }]))).toEqual([]);
  });

  test('two service ports may share a node port only when they are the same port number', () => {
    const nodePorts = (ports: Json[]) => errors(service(spec => {
      spec.type = 'NodePort'; spec.ports = ports;
    }));
    expect(nodePorts([{ name: 'a', port: 53, nodePort: 30053 }, { name: 'b', port: 53, protocol: 'UDP', nodePort: 30053 }])).toEqual([]);
    expect(ids(nodePorts([{ name: 'a', port: 80, nodePort: 30080 }, { name: 'b', port: 81, protocol: 'UDP', nodePort: 30080 }]))).toEqual(['service-node-ports']);
  });

  test('a node port outside the default range passes: only a real create checks the cluster\'s range, a dry run does not', () => {
    expect(errors(service(spec => {
      spec.type = 'NodePort'; spec.ports[0].nodePort = 80;
    }))).toEqual([]);
  });

  test('without ipFamilyPolicy two families or two cluster IPs are SingleStack and rejected, unless headless without selector', () => {
    expect(ids(errors(service(spec => spec.ipFamilies = ['IPv4', 'IPv6'])))).toEqual(['service-ips']);
    expect(errors(service(spec => {
      spec.ipFamilies = ['IPv4', 'IPv6']; spec.clusterIP = 'None'; delete spec.selector;
    }))).toEqual([]);
  });

  test('IPs and CIDRs are read as the API server reads them (strict since 1.36)', () => {
    const external = (ip: string) => errors(service(spec => spec.externalIPs = [ip])).map(p => p.message);
    expect(external('1.2.3.04')[0]).toContain('must not have leading 0s');
    expect(external('::ffff:1.2.3.4')[0]).toContain('IPv4-mapped');
    expect(external('fe80::1')[0]).toContain('link-local');
    expect(external('ff12::1')[0]).toContain('link-local multicast');
    expect(external('203.0.113.7')).toEqual([]);
    const ranges = (range: string) => errors(service(spec => {
      spec.type = 'LoadBalancer'; spec.loadBalancerSourceRanges = [range];
    }));
    expect(ranges(' 10.0.0.0/8 ')).toEqual([]);
    expect(ranges('10.0.0.0/08')[0].message).toContain('leading 0s');
  });
});

describe('Service warnings (accepted with a Warning header)', () => {
  test('externalIPs, PreferClose and the topology-aware-hints annotation are warnings, not errors', () => {
    expect(ids(warnings(service(spec => spec.externalIPs = ['203.0.113.7'])))).toEqual(['service-ips']);
    expect(ids(warnings(service(spec => spec.trafficDistribution = 'PreferClose')))).toEqual(['service-traffic']);
    expect(ids(warnings(service((_, obj) => obj.metadata.annotations = { 'service.kubernetes.io/topology-aware-hints': 'Auto' })))).toEqual(['service-traffic']);
    expect(errors(service(spec => spec.externalIPs = ['203.0.113.7']))).toEqual([]);
  });

  test('the engine reports them with severity warning', () => {
    const findings = validateManifests([service(spec => spec.trafficDistribution = 'PreferClose')], { kubernetesVersion: '1.37' }).findings.filter(f => f.ruleId === 'semantics/service-traffic');
    expect(findings.map(f => f.severity)).toEqual([Severity.WARNING]);
  });
});

describe('rejects ConfigMaps and Secrets over 1 MiB', () => {
  test('a ConfigMap counts the UTF-8 bytes of data and the decoded bytes of binaryData', () => {
    expect(errors(configMap({ a: 'x'.repeat(MiB) }))).toEqual([]);
    expect(ids(errors(configMap({ a: 'x'.repeat(MiB), b: 'y' })))).toEqual(['config-map-data']);
    expect(ids(errors(configMap({ a: 'é'.repeat(MiB / 2) + 'x' })))).toEqual(['config-map-data']);
    expect(ids(errors(configMap({ a: 'x'.repeat(MiB - 2) }, { b: Buffer.from('yyy').toString('base64') })))).toEqual(['config-map-data']);
  });

  test('a Secret counts its data after stringData replaces the keys it names', () => {
    const big = Buffer.from('x'.repeat(MiB)).toString('base64');
    expect(errors(secret({ data: { a: big } }))).toEqual([]);
    expect(errors(secret({ data: { a: big }, stringData: { a: 'small' } }))).toEqual([]);
    expect(ids(errors(secret({ data: { a: big }, stringData: { b: 'y' } })))).toEqual(['secret-data']);
  });

  test('a key in both data and binaryData is rejected', () => {
    expect(errors(configMap({ a: 'x' }, { a: 'eA==' })).map(p => p.path)).toEqual(['data.a']);
  });
});

describe('rejects Secrets without the keys of their type', () => {
  test.each<[string, Json, string[]]>([
    ['tls with both keys, even empty', { type: 'kubernetes.io/tls', data: { 'tls.crt': '', 'tls.key': '' } }, []],
    ['tls keys from stringData', { type: 'kubernetes.io/tls', stringData: { 'tls.crt': 'a', 'tls.key': 'b' } }, []],
    ['tls without tls.key', { type: 'kubernetes.io/tls', data: { 'tls.crt': '' } }, ['data.tls.key']],
    ['dockerconfigjson that is not JSON', { type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":' } }, ['data..dockerconfigjson']],
    ['dockercfg holding null (Go unmarshals it)', { type: 'kubernetes.io/dockercfg', data: { '.dockercfg': Buffer.from('null').toString('base64') } }, []],
    ['dockercfg holding an array', { type: 'kubernetes.io/dockercfg', data: { '.dockercfg': Buffer.from('[1]').toString('base64') } }, ['data..dockercfg']],
    ['basic-auth with only an empty username', { type: 'kubernetes.io/basic-auth', data: { username: '' } }, []],
    ['ssh-auth with an empty key', { type: 'kubernetes.io/ssh-auth', data: { 'ssh-privatekey': '' } }, ['data.ssh-privatekey']],
    ['a custom type', { type: 'example.com/anything goes' }, []],
  ])('%s', (_, fields, paths) => {
    expect(errors(secret(fields)).map(p => p.path)).toEqual(paths);
  });
});

describe('rejects LimitRanges whose defaults break the order the API server checks after defaulting', () => {
  const limitRange = (item: Json): Json => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'default' }, spec: { limits: [{ type: 'Container', ...item }] } });

  test('a Container item\'s default is filled from max and its defaultRequest from default, then min', () => {
    // max 2 fills default 2, which fills defaultRequest 2: fine.
    expect(errors(limitRange({ min: { cpu: '1' }, max: { cpu: '2' } }))).toEqual([]);
    // default 500m fills defaultRequest, below min.
    expect(errors(limitRange({ min: { cpu: '1' }, default: { cpu: '500m' } })).map(p => p.path).sort()).toEqual(['spec.limits[0].default.cpu', 'spec.limits[0].defaultRequest.cpu']);
    // An extended resource may not be overcommitted: max fills default, unequal to the request given.
    expect(ids(errors(limitRange({ max: { 'example.com/gpu': '2' }, defaultRequest: { 'example.com/gpu': '1' } })))).toEqual(['limit-range-values']);
  });

  test('messages give amounts in cores and binary units', () => {
    expect(errors(limitRange({ min: { cpu: '1500m' }, max: { cpu: '500m' } })).map(p => p.message)).toContain(
      'cpu: min 1.5 cores is greater than max 0.5 cores; a LimitRange needs min <= defaultRequest <= default <= max');
    expect(errors(limitRange({ min: { memory: '2147483648' }, max: { memory: '1Gi' } })).map(p => p.message)).toContain(
      'memory: min 2 GiB is greater than max 1 GiB; a LimitRange needs min <= defaultRequest <= default <= max');
    expect(errors(limitRange({ min: { memory: '1Gi' }, max: { memory: '2Gi' }, maxLimitRequestRatio: { memory: '4' } })).map(p => p.message)).toEqual([
      'memory: maxLimitRequestRatio 4 is greater than max/min = 2 GiB/1 GiB',
    ]);
  });

  test('negative amounts are accepted (the API does not check them)', () => {
    expect(errors(limitRange({ min: { cpu: '-1' } }))).toEqual([]);
  });
});

describe('version awareness', () => {
  test('IP and CIDR syntax is strict from 1.36 (StrictIPCIDRValidation), sloppy before', () => {
    const leadingZero = service(spec => spec.externalIPs = ['1.2.3.04']);
    expect(ids(errors(leadingZero))).toEqual(['service-ips']);
    expect(checkKind(leadingZero, { kubernetesVersion: '1.35' }).filter(p => p.severity !== 'warning')).toEqual([]);
    const hostBits = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n', namespace: 'd' }, spec: { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.1/8' } }] }] } };
    expect(ids(checkKind(hostBits, { kubernetesVersion: '1.36' }))).toEqual(['network-policy-peers']);
    expect(checkKind(hostBits, { kubernetesVersion: '1.35' })).toEqual([]);
  });

  test('PreferSameZone and PreferSameNode need 1.34 (PreferSameTrafficDistribution), where PreferClose becomes a deprecated alias', () => {
    const sameNode = service(spec => spec.trafficDistribution = 'PreferSameNode');
    expect(ids(checkKind(sameNode, { kubernetesVersion: '1.33' }))).toEqual(['service-traffic']);
    expect(checkKind(sameNode, { kubernetesVersion: '1.34' })).toEqual([]);
    expect(checkKind(service(spec => spec.trafficDistribution = 'PreferClose'), { kubernetesVersion: '1.33' })).toEqual([]);
  });

  test('the engine passes its Kubernetes version', () => {
    const leadingZero = service(spec => spec.externalIPs = ['1.2.3.04']);
    const at = (kubernetesVersion: string) => validateManifests([leadingZero], { kubernetesVersion }).findings
      .filter(f => f.ruleId === 'semantics/service-ips' && f.severity === Severity.ERROR).length;
    expect([at('1.35'), at('1.37')]).toEqual([0, 1]);
  });
});

describe('runtime/service-node-port-range (a dry run accepts, a real create refuses)', () => {
  test('node ports and a health check node port outside 30000-32767 are warnings, in range nothing', () => {
    const found = (change: (spec: Json) => void) => validateManifests([service(change)]).findings
      .filter(f => f.ruleId === 'runtime/service-node-port-range').map(f => [f.path, f.severity]);
    expect(found(spec => {
      spec.type = 'NodePort'; spec.ports[0].nodePort = 80;
    })).toEqual([['spec.ports[0].nodePort', Severity.WARNING]]);
    expect(found(spec => {
      spec.type = 'NodePort'; spec.ports[0].nodePort = 30080;
    })).toEqual([]);
    expect(found(spec => {
      spec.type = 'LoadBalancer'; spec.externalTrafficPolicy = 'Local'; spec.healthCheckNodePort = 8080;
    })).toEqual([['spec.healthCheckNodePort', Severity.WARNING]]);
  });
});

describe('dispatch by API group and kind', () => {
  test('a Knative Service and a Calico NetworkPolicy are not checked as the built-in kinds', () => {
    expect(checkKind({ apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'x' }, spec: { template: {} } })).toEqual([]);
    expect(checkKind({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'x' }, spec: { policyTypes: ['Ingress', 'Egress', 'Ingress'] } })).toEqual([]);
    expect(ids(checkKind({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'x' }, spec: { policyTypes: ['Ingress', 'Egress', 'Ingress'] } }))).toEqual(['network-policy-spec']);
  });
});

describe('totality: wrong types give no exception', () => {
  const kinds: [string, string][] = [
    ['v1', 'Service'], ['v1', 'ConfigMap'], ['v1', 'Secret'], ['v1', 'Namespace'], ['v1', 'ResourceQuota'], ['v1', 'LimitRange'],
    ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'ClusterRole'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'], ['networking.k8s.io/v1', 'NetworkPolicy'], ['scheduling.k8s.io/v1', 'PriorityClass'],
    ['policy/v1', 'PodDisruptionBudget'],
  ];
  const odd: unknown[] = [null, 7, 'text', [], [null, 1, 'x', [[]]], { a: null }, { constructor: 1, __proto__: [] }, true];
  const fields = ['spec', 'data', 'binaryData', 'stringData', 'rules', 'roleRef', 'subjects', 'aggregationRule', 'metadata', 'value', 'type', 'preemptionPolicy'];
  const specFields = ['ports', 'selector', 'clusterIP', 'clusterIPs', 'ipFamilies', 'externalIPs', 'loadBalancerSourceRanges', 'sessionAffinityConfig',
    'ingress', 'egress', 'podSelector', 'policyTypes', 'hard', 'scopes', 'scopeSelector', 'limits', 'finalizers', 'minAvailable', 'type', 'healthCheckNodePort'];

  test.each(kinds)('%s %s', (apiVersion, kind) => {
    for (const value of odd) {
      for (const field of fields) expect(() => checkKind({ apiVersion, kind, [field]: value })).not.toThrow();
      for (const field of specFields) {
        expect(() => checkKind({ apiVersion, kind, spec: { [field]: value } })).not.toThrow();
        expect(() => checkKind({ apiVersion, kind, spec: { [field]: [value], ports: [{ [field]: value }], ingress: [{ from: [{ ipBlock: { cidr: value, except: [value] } }], ports: [{ port: value, endPort: value }] }], limits: [{ type: 'Container', max: { cpu: value }, [field]: value }] } })).not.toThrow();
      }
    }
  });
});
