import { NodeProfile, NodeTaintEffect } from '../../../src/scheduling/node-profile';
import { ManifestValidator, validateManifests, ValidationFinding } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';

type Json = { [key: string]: any };

interface AgentOptions {
  readonly namespace?: string;
  readonly labels?: Json;
  readonly requests?: Json;
  readonly pod?: Json;
  readonly ports?: Json[];
  readonly annotations?: Json;
}

function agent(name: string, opts: AgentOptions = {}): Json {
  const labels = opts.labels ?? { 'app.kubernetes.io/name': name };
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: opts.namespace ?? 'agents', labels, ...(opts.annotations ? { annotations: opts.annotations } : {}) },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{
            name,
            image: `registry.example.com/${name}:1.0.0`,
            resources: { requests: opts.requests ?? { cpu: '100m', memory: '128Mi' } },
            ...(opts.ports ? { ports: opts.ports } : {}),
          }],
          ...opts.pod,
        },
      },
    },
  };
}

const LOG_LABELS = { 'app.kubernetes.io/name': 'fluent-bit', 'app.kubernetes.io/component': 'log-collector' };
const EXPORTER_LABELS = { 'app.kubernetes.io/name': 'node-exporter', 'app.kubernetes.io/component': 'metrics' };

const small = NodeProfile.of({ name: 'small', allocatable: { cpu: '250m', memory: '256Mi', pods: 2 } });
const large = NodeProfile.of({ name: 'large', allocatable: { cpu: '8', memory: '32Gi' } });
const tainted = NodeProfile.of({ name: 'tainted', taints: [{ key: 'dedicated', value: 'db', effect: NodeTaintEffect.NO_SCHEDULE }], allocatable: { cpu: '4', memory: '16Gi' } });

function fit(objects: Json[], profiles: NodeProfile[]): ValidationFinding[] {
  return validateManifests(objects, { rules: ['placement-fit'], nodeProfiles: profiles }).findings;
}

test('the family is listed by describeRules with stable ids', () => {
  const ids = ManifestValidator.describeRules().filter(r => r.id.startsWith('placement-fit/'));
  expect(ids.map(r => [r.id, r.severity])).toEqual([
    ['placement-fit/allocatable', Severity.ERROR],
    ['placement-fit/agent-coverage', Severity.WARNING],
    ['placement-fit/host-port-collision', Severity.ERROR],
    ['placement-fit/no-profile', Severity.WARNING],
  ]);
});

test('without node profiles the family reports nothing', () => {
  const objects = [agent('a', { requests: { cpu: '100' } }), agent('b', { labels: LOG_LABELS, pod: { nodeSelector: { nowhere: 'x' } } })];
  expect(validateManifests(objects, { rules: ['placement-fit'] }).findings).toEqual([]);
  expect(fit(objects, [])).toEqual([]);
});

describe('placement-fit/allocatable', () => {
  test('names the profile, resource, sum and allocatable, on the DaemonSet that no longer fits', () => {
    const findings = fit([agent('a', { requests: { cpu: '200m', memory: '64Mi' } }), agent('b', { requests: { cpu: '100m', memory: '64Mi' } })], [small, large]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({ ruleId: 'placement-fit/allocatable', severity: Severity.ERROR, kind: 'DaemonSet', namespace: 'agents', name: 'b', path: 'spec.template.spec.containers[0].resources.requests.cpu' });
    expect(f.message).toBe("DaemonSet 'agents/b' requests cpu 0.1 cores on node profile 'small', where the DaemonSets before it already request 0.2 cores; "
      + "together the 2 DaemonSets there request 0.3 cores (agents/a 0.2 cores, agents/b 0.1 cores) but node profile 'small' has 0.25 cores allocatable, so a DaemonSet pod stays Pending on these nodes");
    expect(f.hint).toMatch(/keep some DaemonSets off 'small'/);
  });

  test('exactly the allocatable fits', () => {
    expect(fit([agent('a', { requests: { cpu: '150m', memory: '128Mi' } }), agent('b', { requests: { cpu: '100m', memory: '128Mi' } })], [small])).toEqual([]);
  });

  test('pods count against the allocatable pod count', () => {
    const findings = fit([agent('a', { requests: {} }), agent('b', { requests: {} }), agent('c', { requests: {} })], [small]);
    expect(findings.map(f => [f.name, f.path])).toEqual([['c', 'spec.template.spec']]);
    expect(findings[0].message).toMatch(/requests pods 1 .* has 2 allocatable/);
  });

  test('init containers and sidecars count as the scheduler counts them', () => {
    const withInit = agent('a', { requests: { cpu: '10m', memory: '10Mi' } });
    withInit.spec.template.spec.initContainers = [{ name: 'prepare', image: 'registry.example.com/p:1', resources: { requests: { memory: '300Mi' } } }];
    expect(fit([withInit], [small]).map(f => f.path)).toEqual(['spec.template.spec.initContainers[0].resources.requests.memory']);
  });

  test('an extended resource the profile does not advertise is 0 allocatable', () => {
    const gpu = agent('gpu', { requests: { 'nvidia.com/gpu': '1' } });
    const [f] = fit([gpu], [large]);
    expect(f.message).toMatch(/node profile 'large' advertises no nvidia.com\/gpu/);
    const gpuNode = NodeProfile.of({ name: 'g', allocatable: { cpu: '8', memory: '32Gi', other: { 'nvidia.com/gpu': '1' } } });
    expect(fit([gpu], [gpuNode])).toEqual([]);
  });

  test('ephemeral storage is checked only when the profile declares it', () => {
    const eph = agent('e', { requests: { 'ephemeral-storage': '2Gi' } });
    expect(fit([eph], [large])).toEqual([]);
    const declared = NodeProfile.of({ name: 'd', allocatable: { cpu: '8', memory: '32Gi', other: { 'ephemeral-storage': '1Gi' } } });
    expect(fit([eph], [declared]).map(f => f.ruleId)).toEqual(['placement-fit/allocatable']);
  });

  test('DaemonSets kept off the profile are not counted', () => {
    const off = agent('off', { requests: { cpu: '1' }, pod: { nodeSelector: { pool: 'other' } } });
    expect(fit([off, agent('on')], [small, large]).filter(f => f.ruleId === 'placement-fit/allocatable')).toEqual([]);
  });

  test('a suppression annotation with a reason silences it', () => {
    const big = agent('big', { requests: { cpu: '1' }, annotations: { 'suppress.daemonsets.cdk8s.io/placement-fit.allocatable': 'small nodes are drained' } });
    expect(fit([big], [small])).toEqual([]);
  });
});

describe('placement-fit/agent-coverage', () => {
  test('warns per profile and role when a log collector or node exporter exists but misses the profile', () => {
    const logs = agent('fluent-bit', { labels: LOG_LABELS });
    const exporter = agent('node-exporter', { labels: EXPORTER_LABELS, pod: { tolerations: [{ operator: 'Exists' }] } });
    const findings = fit([logs, exporter], [large, tainted]).filter(f => f.ruleId === 'placement-fit/agent-coverage');
    expect(findings.map(f => [f.severity, f.name, f.message])).toEqual([
      [Severity.WARNING, 'fluent-bit', "node profile 'tainted' gets no log collector: 'agents/fluent-bit': taint dedicated=db:NoSchedule is not tolerated"],
    ]);
  });

  test('recognizes well-known chart names too', () => {
    const fluentd = agent('fluentd', { labels: { 'k8s-app': 'fluentd-logging' } });
    const exporter = agent('prometheus-node-exporter', { labels: { 'app.kubernetes.io/name': 'prometheus-node-exporter' } });
    const ids = fit([fluentd, exporter], [tainted]).filter(f => f.ruleId === 'placement-fit/agent-coverage').map(f => f.message.split(':')[0]);
    expect(ids).toEqual(["node profile 'tainted' gets no log collector", "node profile 'tainted' gets no node exporter"]);
  });

  test('says nothing when no log collector or node exporter is in the input', () => {
    expect(fit([agent('other')], [tainted]).filter(f => f.ruleId === 'placement-fit/agent-coverage')).toEqual([]);
  });

  test('one collector reaching the profile is enough', () => {
    const a = agent('fluent-bit', { labels: LOG_LABELS });
    const b = agent('fluent-bit-tainted', { labels: LOG_LABELS, pod: { tolerations: [{ key: 'dedicated', operator: 'Exists' }] } });
    expect(fit([a, b], [large, tainted]).filter(f => f.ruleId === 'placement-fit/agent-coverage')).toEqual([]);
  });
});

describe('placement-fit/host-port-collision', () => {
  test('reports the later DaemonSet once per port, naming the shared profiles', () => {
    const a = agent('a', { ports: [{ containerPort: 9100, hostPort: 9100 }], pod: { tolerations: [{ operator: 'Exists' }] } });
    const b = agent('b', { ports: [{ containerPort: 8080, hostPort: 9100 }] });
    const findings = fit([a, b], [large, tainted, small]).filter(f => f.ruleId === 'placement-fit/host-port-collision');
    expect(findings.map(f => [f.name, f.path, f.message])).toEqual([[
      'b', 'spec.template.spec.containers[0].ports[0]',
      "DaemonSet 'agents/b' container 'b' binds host port 9100/TCP, which DaemonSet 'agents/a' also binds, on node profile(s) 'large', 'small': one of the two pods stays Pending there",
    ]]);
  });

  test('hostNetwork container ports count; protocols are distinct ports; DaemonSets on different profiles do not collide', () => {
    const net = agent('net', { ports: [{ containerPort: 9100 }], pod: { hostNetwork: true } });
    const udp = agent('udp', { ports: [{ containerPort: 9100, hostPort: 9100, protocol: 'UDP' }] });
    const apart = agent('apart', { ports: [{ containerPort: 9100, hostPort: 9100 }], pod: { tolerations: [{ key: 'dedicated', operator: 'Exists' }], nodeSelector: { 'kubernetes.io/hostname': 'tainted' } } });
    expect(fit([net, udp, apart], [large, tainted]).filter(f => f.ruleId === 'placement-fit/host-port-collision')).toEqual([]);
    const tcp = agent('tcp', { ports: [{ containerPort: 9100, hostPort: 9100 }] });
    expect(fit([net, tcp], [large]).filter(f => f.ruleId === 'placement-fit/host-port-collision').map(f => f.name)).toEqual(['tcp']);
  });
});

describe('placement-fit/no-profile', () => {
  test('warns when no profile admits the DaemonSet, grouping profiles with the same reason', () => {
    const nowhere = agent('nowhere', { pod: { nodeSelector: { pool: 'gpu' } } });
    const [f] = fit([nowhere], [large, tainted]);
    expect(f).toMatchObject({ ruleId: 'placement-fit/no-profile', severity: Severity.WARNING, name: 'nowhere' });
    expect(f.message).toBe("DaemonSet 'agents/nowhere' is placed on none of the 2 node profile(s): 'large', 'tainted': nodeSelector pool=gpu does not match: the node has no label pool");
  });
});

test('severity overrides apply to the family', () => {
  const nowhere = agent('nowhere', { pod: { nodeSelector: { pool: 'gpu' } } });
  const findings = validateManifests([nowhere], { rules: ['placement-fit'], nodeProfiles: [large], severityOverrides: { 'placement-fit': Severity.ERROR } }).findings;
  expect(findings.map(f => f.severity)).toEqual([Severity.ERROR]);
});

test('with node profiles, a host-port clash is reported once, by placement-fit (cross-object/host-port-collision is superseded)', () => {
  const ds = (name: string) => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: 'a' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'c', image: 'registry.example.com/x:1', ports: [{ containerPort: 9100, hostPort: 9100 }] }] },
      },
    },
  });
  const node = NodeProfile.of({ name: 'n1', allocatable: { cpu: '4', memory: '8Gi' } });
  const rules = ['cross-object/host-port-collision', 'placement-fit/host-port-collision'];
  const withProfiles = validateManifests([ds('one'), ds('two')], { rules, nodeProfiles: [node] });
  expect(withProfiles.findings.map(f => [f.ruleId, f.name, f.path])).toEqual([
    ['placement-fit/host-port-collision', 'two', 'spec.template.spec.containers[0].ports[0]'],
  ]);
  // Without profiles the generic rule still reports it.
  const without = validateManifests([ds('one'), ds('two')], { rules });
  expect(without.findings.map(f => f.ruleId)).toEqual(['cross-object/host-port-collision']);
});
