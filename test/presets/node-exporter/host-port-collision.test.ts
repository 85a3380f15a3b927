import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { chart, synth } from './fixtures';
import { DaemonSet } from '../../../src/daemon-set';
import { hostPortsOf } from '../../../src/k8s/host-ports';
import { NodeExporterDaemonSet } from '../../../src/presets/node-exporter';
import { nodesCanOverlap } from '../../../src/scheduling/node-overlap';
import { validateManifests, ValidationFinding } from '../../../src/validation/engine';

// Host port collisions between DaemonSets whose nodes overlap (synthesis time).

const HOST_PORT_RULE = 'cross-object/host-port-collision';

function agent(scope: Chart, id: string, extra: Partial<ConstructorParameters<typeof DaemonSet>[2]> = {}, port: kplus.ContainerPort = { number: 9100, name: 'metrics' }) {
  return new DaemonSet(scope, id, {
    containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2', ports: [port] }],
    ...extra,
  });
}

/**
 * The app-wide rule's findings on every object of the app, in tree order as AppValidation sees
 * them. The objects are rendered one by one because synthesis (`Chart.toJson()` included) runs
 * the validations and throws on a collision instead of returning it.
 */
function hostPortCollisions(scope: Chart): ValidationFinding[] {
  const objects = scope.node.root.node.findAll().filter(ApiObject.isApiObject).map(o => o.toJson());
  return validateManifests(objects, { rules: [HOST_PORT_RULE] }).findings;
}

/** The finding the rule reports on `later`, which binds a host port `earlier` already binds on nodes both can run on. */
function collision(later: DaemonSet, laterContainer: string, earlier: DaemonSet, earlierContainer: string, port = '9100/TCP') {
  const namespaceOf = (ds: DaemonSet) => Chart.of(ds).namespace ?? 'default';
  return expect.objectContaining({
    ruleId: HOST_PORT_RULE,
    namespace: namespaceOf(later),
    name: later.name,
    message: `DaemonSet '${later.name}' container '${laterContainer}' binds host port ${port}, `
      + `which DaemonSet '${earlier.name}' (namespace '${namespaceOf(earlier)}') container '${earlierContainer}' also binds on the same nodes`,
  });
}

/** The lines of the app's synthesis error, one per problem; none when the app synthesizes. */
function synthErrorLines(scope: Chart): string[] {
  try {
    (scope.node.root as App).synth();
  } catch (e) {
    // The first line is cdk8s's "Validation failed with the following errors:".
    return (e as Error).message.split('\n').slice(1);
  }
  return [];
}

test('a collision involving a NodeExporterDaemonSet appears exactly once in the synthesis error', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne');
  const other = agent(c, 'agent', { hostNetwork: true });
  const lines = synthErrorLines(c);
  expect(lines.filter(l => l.includes('host port 9100'))).toEqual([
    expect.stringContaining(`error ${HOST_PORT_RULE} DaemonSet monitoring/${other.name} `),
  ]);
  // The preset's own report (removed) read "NodeExporterDaemonSet '<path>': host port ...".
  expect(lines.filter(l => l.includes('NodeExporterDaemonSet'))).toEqual([]);
});

test('two NodeExporterDaemonSets in different charts and namespaces still share the nodes', () => {
  const app = Testing.app();
  const first = new NodeExporterDaemonSet(new Chart(app, 'one', { namespace: 'monitoring' }), 'ne');
  const secondChart = new Chart(app, 'two', { namespace: 'observability' });
  const second = new NodeExporterDaemonSet(secondChart, 'ne');
  expect(hostPortCollisions(secondChart)).toEqual([collision(second, 'node-exporter', first, 'node-exporter')]);
  expect(synthErrorLines(secondChart)).toEqual([
    expect.stringMatching(new RegExp(`\\[two/ne\\] error cross-object/host-port-collision DaemonSet observability/${second.name} .*which DaemonSet '${first.name}' \\(namespace 'monitoring'\\).*`)),
  ]);
});

test('a sidecar init container (restartPolicy Always) holds its port; a run-to-completion one does not', () => {
  const spec = (restartPolicy?: string) => ({
    hostNetwork: true,
    initContainers: [{ name: 'init', restartPolicy, ports: [{ containerPort: 9100 }] }],
    containers: [{ name: 'main', ports: [{ containerPort: 8080, name: 'http' }] }],
  });
  expect(hostPortsOf(spec('Always')).map(p => p.key)).toEqual(['9100/TCP', '8080/TCP']);
  expect(hostPortsOf(spec()).map(p => p.key)).toEqual(['8080/TCP']);
});

test('no collision: different ports, another protocol, pod network, or the exporter off the host network', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'a');
  new NodeExporterDaemonSet(c, 'b', { port: 9101 });
  agent(c, 'udp', { hostNetwork: true }, { number: 9100, protocol: kplus.Protocol.UDP });
  agent(c, 'podnet');
  new NodeExporterDaemonSet(c, 'off', { hostNetwork: false });
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('no collision: disjoint nodeSelector values', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'amd', { nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64' } });
  new NodeExporterDaemonSet(c, 'arm', { nodeSelector: { 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'arm64' } });
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('no collision: a Windows-only DaemonSet next to the Linux-only exporter', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne');
  agent(c, 'windows', { hostNetwork: true, nodeSelector: { 'kubernetes.io/os': 'windows' } });
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('no collision: required node affinity keeps the other DaemonSet on virtual nodes the exporter avoids', () => {
  const c = chart();
  new NodeExporterDaemonSet(c, 'ne');
  const virtual = agent(c, 'virtual', { hostNetwork: true });
  virtual.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('type', 'virtual-kubelet')));
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('no collision: Gt/Lt ranges that cannot meet', () => {
  const c = chart();
  const old = new NodeExporterDaemonSet(c, 'old', { excludeVirtualNodes: false });
  old.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.lt('example.com/generation', ['3'])));
  const next = new NodeExporterDaemonSet(c, 'next', { excludeVirtualNodes: false });
  next.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.gt('example.com/generation', ['2'])));
  expect(hostPortCollisions(c)).toEqual([]);
  expect(() => synth(c)).not.toThrow();
});

test('node overlap: selector, affinity operators, nodeName and empty terms', () => {
  const terms = (...matchExpressions: any[]) => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } },
  });
  const sel = (nodeSelector: any) => ({ nodeSelector });
  expect(nodesCanOverlap({}, {})).toBe(true);
  expect(nodesCanOverlap(sel({ a: '1' }), sel({ a: '1', b: '2' }))).toBe(true);
  expect(nodesCanOverlap(sel({ a: '1' }), sel({ a: '2' }))).toBe(false);
  expect(nodesCanOverlap(sel({ a: '1' }), terms({ key: 'a', operator: 'NotIn', values: ['1'] }))).toBe(false);
  expect(nodesCanOverlap(sel({ a: '1' }), terms({ key: 'a', operator: 'In', values: ['2', '3'] }))).toBe(false);
  expect(nodesCanOverlap(sel({ a: '1' }), terms({ key: 'a', operator: 'In', values: ['1', '3'] }))).toBe(true);
  expect(nodesCanOverlap(sel({ a: '1' }), terms({ key: 'a', operator: 'DoesNotExist' }))).toBe(false);
  expect(nodesCanOverlap(terms({ key: 'a', operator: 'Exists' }), terms({ key: 'a', operator: 'DoesNotExist' }))).toBe(false);
  expect(nodesCanOverlap(terms({ key: 'a', operator: 'NotIn', values: ['1'] }), terms({ key: 'a', operator: 'DoesNotExist' }))).toBe(true);
  expect(nodesCanOverlap(terms({ key: 'g', operator: 'Gt', values: ['5'] }), terms({ key: 'g', operator: 'Lt', values: ['6'] }))).toBe(false);
  expect(nodesCanOverlap(terms({ key: 'g', operator: 'Gt', values: ['5'] }), terms({ key: 'g', operator: 'Lt', values: ['7'] }))).toBe(true);
  expect(nodesCanOverlap(terms({ key: 'g', operator: 'Gt', values: ['5'] }), sel({ g: '4' }))).toBe(false);
  expect(nodesCanOverlap({ nodeName: 'n1' }, { nodeName: 'n2' })).toBe(false);
  expect(nodesCanOverlap({ nodeName: 'n1' }, { nodeName: 'n1' })).toBe(true);
  expect(nodesCanOverlap(terms(), {})).toBe(false);
  expect(nodesCanOverlap(terms({ key: 'a', operator: 'Unknown', values: ['x'] }), {})).toBe(true);
});

describe('rejects colliding host ports at synthesis', () => {
  test('two NodeExporterDaemonSets on the same port and nodes fail synthesis, reported once by the app-wide rule with both names and the port', () => {
    const c = chart();
    const a = new NodeExporterDaemonSet(c, 'a');
    const b = new NodeExporterDaemonSet(c, 'b');
    const findings = hostPortCollisions(c);
    expect(findings).toEqual([collision(b, 'node-exporter', a, 'node-exporter')]);
    expect(findings[0].path).toBe('spec.template.spec.containers[0].ports[0]');
    expect(synthErrorLines(c).filter(l => l.includes('host port 9100'))).toEqual([
      expect.stringMatching(new RegExp(`^  \\[test/b\\] error cross-object/host-port-collision DaemonSet monitoring/${b.name} spec\\.template\\.spec\\.containers\\[0\\]\\.ports\\[0\\]: `
        + `DaemonSet '${b.name}' container 'node-exporter' binds host port 9100/TCP, which DaemonSet '${a.name}' .*`)),
    ]);
  });

  test('a hostNetwork DaemonSet on the same port collides with the exporter', () => {
    const c = chart();
    const ne = new NodeExporterDaemonSet(c, 'ne');
    const other = agent(c, 'agent', { hostNetwork: true });
    expect(hostPortCollisions(c)).toEqual([collision(other, 'agent', ne, 'node-exporter')]);
    expect(() => synth(c)).toThrow(HOST_PORT_RULE);
  });

  test('a DaemonSet declaring hostPort 9100 collides with the exporter', () => {
    const c = chart();
    const ne = new NodeExporterDaemonSet(c, 'ne');
    const other = agent(c, 'agent', {}, { number: 8080, hostPort: 9100 });
    expect(hostPortCollisions(c)).toEqual([collision(other, 'agent', ne, 'node-exporter')]);
    expect(() => synth(c)).toThrow(HOST_PORT_RULE);
  });

  test('the proxy\'s port counts as the exporter\'s host port', () => {
    const c = chart();
    const ne = new NodeExporterDaemonSet(c, 'ne', { kubeRbacProxy: {} });
    const other = agent(c, 'agent', { hostNetwork: true });
    expect(hostPortCollisions(c)).toEqual([collision(other, 'agent', ne, 'kube-rbac-proxy')]);
    expect(() => synth(c)).toThrow(HOST_PORT_RULE);
  });

  test('collision: node affinity that only narrows still overlaps', () => {
    const c = chart();
    const ne = new NodeExporterDaemonSet(c, 'ne');
    const gpu = agent(c, 'gpu', { hostNetwork: true });
    gpu.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.exists('nvidia.com/gpu.present')));
    expect(hostPortCollisions(c)).toEqual([collision(gpu, 'agent', ne, 'node-exporter')]);
    expect(() => synth(c)).toThrow(HOST_PORT_RULE);
  });

  test('collision: nodes that overlap through one of several affinity terms', () => {
    const c = chart();
    const ne = new NodeExporterDaemonSet(c, 'ne', { nodeSelector: { 'kubernetes.io/os': 'linux', 'pool': 'a' } });
    const other = agent(c, 'other', { hostNetwork: true });
    other.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.is('pool', 'b')));
    other.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.in('pool', ['a', 'c'])));
    expect(hostPortCollisions(c)).toEqual([collision(other, 'agent', ne, 'node-exporter')]);
    expect(() => synth(c)).toThrow(HOST_PORT_RULE);
  });
});
