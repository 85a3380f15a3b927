import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { synthPodSpec } from './synth';
import { DaemonSet, NodePlacement } from '../../src';

const IMAGE = 'registry.example.com/agent:1.4.2';

// DaemonSet: scheduling.

test('nodeSelector prop and addNodeSelector after construction', () => {
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

test('addNodeSelector alone, and no nodeSelector by default', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthPodSpec(chart).nodeSelector).toBeUndefined();

  const chart2 = Testing.chart();
  const ds2 = new DaemonSet(chart2, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds2.addNodeSelector('example.com/gpu', 'true');
  expect(synthPodSpec(chart2).nodeSelector).toEqual({ 'example.com/gpu': 'true' });
});

test('nodeName through scheduling.assign()', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.scheduling.assign(kplus.Node.named('worker-1'));
  expect(synthPodSpec(chart).nodeName).toEqual('worker-1');
});

test('required node affinity with In, NotIn, Exists, DoesNotExist, Gt and Lt', () => {
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

test('preferred node affinity with weights', () => {
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

test('tolerations with Equal and Exists, effects and tolerationSeconds', () => {
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

test('NodePlacement.allNodes() tolerates every taint', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { placement: [NodePlacement.allNodes()], containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  const spec = synthPodSpec(chart);
  expect(spec.tolerations).toEqual([{ operator: 'Exists' }]);
  expect(spec.nodeSelector).toBeUndefined();
});

test('NodePlacement.controlPlaneToo() tolerates the control-plane NoSchedule taints only', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { placement: [NodePlacement.controlPlaneToo()], containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthPodSpec(chart).tolerations).toEqual([
    { key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node-role.kubernetes.io/master', operator: 'Exists', effect: 'NoSchedule' },
  ]);
});

test('NodePlacement.linuxOnly() and architecture() add node selector entries, combined with the nodeSelector prop', () => {
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

test('pod affinity (colocate) and anti-affinity (separate), required and preferred', () => {
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

test('priorityClassName', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { priorityClassName: 'system-node-critical', containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(ds.priorityClassName).toEqual('system-node-critical');
  expect(synthPodSpec(chart).priorityClassName).toEqual('system-node-critical');

  const chart2 = Testing.chart();
  new DaemonSet(chart2, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  expect(synthPodSpec(chart2).priorityClassName).toBeUndefined();
});

describe('rejects bad scheduling input', () => {
  test('scheduling.spread() throws a clear error', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
    expect(() => ds.scheduling.spread()).toThrow(/DaemonSet 'test\/ds': scheduling\.spread\(\) does not apply to a DaemonSet/);
    expect(() => ds.scheduling.spread({ weight: 50, topology: kplus.Topology.ZONE })).toThrow(/already runs one pod per node/);
    expect(synthPodSpec(chart).affinity).toBeUndefined();
  });

  test('priorityClassName that is not a DNS-1123 subdomain is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      priorityClassName: 'System Node Critical',
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': priorityClassName: 'System Node Critical' must consist of lower-case alphanumerics/);
  });

  test('Gt node affinity with a non-integer value fails synthesis: the API accepts it, the scheduler matches no node', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.gt('cpu-count', ['1.5'])));
    // ValidateNodeSelectorRequirement checks only the count of Gt/Lt values; labels.NewRequirement refuses '1.5'.
    expect(() => Testing.synth(chart))
      .toThrow(/DaemonSet 'test\/ds': the API server accepts Gt on 'cpu-count' with \[1\.5\] in required node affinity, but the scheduler matches no node: Gt needs exactly one integer value.*creates no pod.* \(at spec\.template\.spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.values\)/);
  });

  test('Lt node affinity with two values is rejected at synthesis, as the API server does', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.lt('cpu-count', ['8', '16'])));
    // ValidateNodeSelectorRequirement: "must be specified single value when `operator` is 'Lt' or 'Gt'".
    expect(() => Testing.synth(chart)).toThrow(/DaemonSet 'test\/ds': required node affinity: values must be specified single value when `operator` is 'Lt' or 'Gt' \(got 2\) \(at spec\.template\.spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.values\)/);
  });

  test('invalid nodeSelector key is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      nodeSelector: { 'node type': 'gpu' },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': nodeSelector: key 'node type' must consist of alphanumerics, '-', '_' or '\.'/);
  });

  test('invalid nodeSelector value is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      nodeSelector: { 'node.example.com/type': 'gpu node' },
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': nodeSelector: value 'gpu node' of 'node\.example\.com\/type' must be empty or consist of alphanumerics/);
  });

  test('nodeSelector conflicting with a placement preset is rejected', () => {
    const chart = Testing.chart();
    expect(() => new DaemonSet(chart, 'ds', {
      nodeSelector: { 'kubernetes.io/os': 'windows' },
      placement: [NodePlacement.linuxOnly()],
      containers: [{ name: 'agent', image: IMAGE }],
    })).toThrow(/DaemonSet 'test\/ds': nodeSelector: 'kubernetes\.io\/os' is already required to be 'windows'; a node cannot also carry 'linux'/);
  });

  test('scheduling.spread() on a DaemonSet is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
    expect(() => ds.scheduling.spread())
      .toThrow(/DaemonSet 'test\/ds': scheduling\.spread\(\) does not apply to a DaemonSet.*Use nodeSelector, placement or scheduling\.attract\(\)/);
  });

  test('addNodeSelector with a conflicting value is rejected', () => {
    const chart = Testing.chart();
    const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }], nodeSelector: { 'kubernetes.io/arch': 'amd64' } });
    expect(() => ds.addNodeSelector('kubernetes.io/arch', 'arm64'))
      .toThrow(/DaemonSet 'test\/ds': nodeSelector: 'kubernetes\.io\/arch' is already required to be 'amd64'; a node cannot also carry 'arm64'/);
  });
});

test('node selector keys named like Object members (toString, constructor) are ordinary keys', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: 'registry.example.com/agent:1.4.2' }] });
  ds.addNodeSelector('toString', 'yes');
  ds.addNodeSelector('constructor', 'yes');
  const [json] = Testing.synth(chart);
  expect(json.spec.template.spec.nodeSelector).toEqual({ constructor: 'yes', toString: 'yes' });
  expect(ds.nodeSelector).toEqual({ constructor: 'yes', toString: 'yes' });
});
