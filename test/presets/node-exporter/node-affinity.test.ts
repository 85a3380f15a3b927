import * as kplus from 'cdk8s-plus-27';
import { build, podSpec, problems, render } from './fixtures';
import { NodeExporterDaemonSetProps } from '../../../src/presets/node-exporter';

// nodeAffinity: required and preferred node terms in cdk8s-plus' types, the virtual-node exclusion ANDed into
// every required term.

const EXCLUSION = [
  { key: 'eks.amazonaws.com/compute-type', operator: 'NotIn', values: ['fargate'] },
  { key: 'type', operator: 'NotIn', values: ['virtual-kubelet'] },
];
const required = (m: any[]) => podSpec(m).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;

test('default: one required term, the virtual-node exclusion', () => {
  expect(required(render())).toEqual([{ matchExpressions: EXCLUSION }]);
});

test('required terms: each keeps the virtual-node exclusion, so ORed terms never readmit virtual nodes', () => {
  const m = render({
    nodeAffinity: {
      required: [
        kplus.Node.labeled(kplus.NodeLabelQuery.in('node.kubernetes.io/instance-type', ['m6i.large', 'm6i.xlarge'])),
        kplus.Node.labeled(kplus.NodeLabelQuery.exists('node.example.com/metal'), kplus.NodeLabelQuery.gt('node.example.com/generation', ['3'])),
      ],
    },
  });
  expect(required(m)).toEqual([
    { matchExpressions: [{ key: 'node.kubernetes.io/instance-type', operator: 'In', values: ['m6i.large', 'm6i.xlarge'] }, ...EXCLUSION] },
    { matchExpressions: [{ key: 'node.example.com/metal', operator: 'Exists' }, { key: 'node.example.com/generation', operator: 'Gt', values: ['3'] }, ...EXCLUSION] },
  ]);
});

test('excludeVirtualNodes false: the terms as given', () => {
  const m = render({ excludeVirtualNodes: false, nodeAffinity: { required: [kplus.Node.labeled(kplus.NodeLabelQuery.doesNotExist('node.example.com/edge'))] } });
  expect(required(m)).toEqual([{ matchExpressions: [{ key: 'node.example.com/edge', operator: 'DoesNotExist' }] }]);
});

test('preferred terms with their weights, beside the required exclusion', () => {
  const m = render({
    nodeAffinity: {
      preferred: [
        { node: kplus.Node.labeled(kplus.NodeLabelQuery.is('topology.kubernetes.io/zone', 'eu-west-1a')), weight: 100 },
        { node: kplus.Node.labeled(kplus.NodeLabelQuery.notIn('pool', ['spot'])), weight: 1 },
      ],
    },
  });
  expect(podSpec(m).affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution).toEqual([
    { weight: 100, preference: { matchExpressions: [{ key: 'topology.kubernetes.io/zone', operator: 'In', values: ['eu-west-1a'] }] } },
    { weight: 1, preference: { matchExpressions: [{ key: 'pool', operator: 'NotIn', values: ['spot'] }] } },
  ]);
  expect(required(m)).toEqual([{ matchExpressions: EXCLUSION }]);
});

test('a chart with node affinity validates clean', () => {
  expect(problems(render({
    nodeAffinity: {
      required: [kplus.Node.labeled(kplus.NodeLabelQuery.in('kubernetes.io/arch', ['amd64', 'arm64']))],
      preferred: [{ node: kplus.Node.labeled(kplus.NodeLabelQuery.exists('node.example.com/ssd')), weight: 50 }],
    },
  }))).toEqual([]);
});

test('a Gt query the scheduler cannot read is the validator\'s finding, which fails the synthesis', () => {
  const props = { nodeAffinity: { required: [kplus.Node.labeled(kplus.NodeLabelQuery.gt('node.example.com/generation', ['3.5']))] } };
  expect(() => render(props)).toThrow(/the API server accepts Gt on 'node\.example\.com\/generation' with \[3\.5\].*\(rule: runtime\/node-affinity-unsatisfiable\)/);
});

describe('rejects bad node affinity', () => {
  test.each([
    ['weight 0', { nodeAffinity: { preferred: [{ node: kplus.Node.labeled(kplus.NodeLabelQuery.exists('a')), weight: 0 }] } },
      /^NodeExporterDaemonSet 'test\/ne': nodeAffinity.preferred\[0\].weight: 0 is not allowed; a weight is an integer from 1 to 100\.$/],
    ['weight 101', { nodeAffinity: { preferred: [{ node: kplus.Node.labeled(kplus.NodeLabelQuery.exists('a')), weight: 101 }] } }, /preferred\[0\].weight: 101 is not allowed/],
    ['a fractional weight', { nodeAffinity: { preferred: [{ node: kplus.Node.labeled(kplus.NodeLabelQuery.exists('a')), weight: 2.5 }] } }, /preferred\[0\].weight: 2.5 is not allowed/],
    ['an empty required term', { nodeAffinity: { required: [kplus.Node.labeled()] } },
      /nodeAffinity.required\[0\]: has no label queries, and an empty term matches no node; give at least one kplus.NodeLabelQuery/],
    ['an empty preferred term', { nodeAffinity: { preferred: [{ node: kplus.Node.labeled(), weight: 5 }] } }, /nodeAffinity.preferred\[0\].node: has no label queries/],
    ['a term that is not a LabeledNode (JavaScript)', { nodeAffinity: { required: [{ 'kubernetes.io/arch': 'amd64' }] as any } },
      /^NodeExporterDaemonSet 'test\/ne': nodeAffinity.required\[0\] is .*; it must be a kplus.LabeledNode/],
    ['a query that is not a NodeLabelQuery (JavaScript)', { nodeAffinity: { required: [new kplus.LabeledNode(['arch=amd64' as any])] } },
      /nodeAffinity.required\[0\].labelSelector\[0\] is "arch=amd64"; it must be a kplus.NodeLabelQuery/],
    ['a weight that is not a number (JavaScript)', { nodeAffinity: { preferred: [{ node: kplus.Node.labeled(kplus.NodeLabelQuery.exists('a')), weight: '5' as any }] } },
      /nodeAffinity.preferred\[0\].weight is "5"; it must be a finite number/],
    ['nodeAffinity that is not an object (JavaScript)', { nodeAffinity: 'amd64' as any }, /nodeAffinity is "amd64"; it must be a NodeExporterNodeAffinity/],
  ] as [string, NodeExporterDaemonSetProps, RegExp][])('%s', (_name, props, error) => {
    expect(build(props)).toThrow(error);
  });
});
