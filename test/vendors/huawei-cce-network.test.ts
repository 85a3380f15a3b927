import { Testing } from 'cdk8s';
import { DaemonSet } from '../../src/daemon-set';
import { DaemonSetsError } from '../../src/errors';
import { HuaweiCceContainerNetwork, HuaweiCceNodes } from '../../src/vendors';
import { synthDaemonSet } from '../daemon-set/synth';

const IMAGE = 'registry.example.com/net/agent:2.0.1';

test('gpuModel() selects the nodes by the accelerator label CCE puts on GPU nodes', () => {
  const chart = Testing.chart();
  new DaemonSet(chart, 'ds', { nodeSelector: HuaweiCceNodes.gpuModel('nvidia-t4'), containers: [{ name: 'agent', image: IMAGE }] });
  expect(synthDaemonSet(chart).spec.template.spec.nodeSelector).toEqual({ accelerator: 'nvidia-t4' });
});

test('gpuModel() refuses what is not a label value, naming the factory, the field and the rule', () => {
  expect(() => HuaweiCceNodes.gpuModel('nvidia t4')).toThrow(DaemonSetsError);
  expect(() => HuaweiCceNodes.gpuModel('nvidia t4')).toThrow(/HuaweiCceNodes\.gpuModel: model 'nvidia t4' must be empty or consist of alphanumerics/);
  expect(() => HuaweiCceNodes.gpuModel('x'.repeat(64))).toThrow(/HuaweiCceNodes\.gpuModel: model 'x{64}' is 64 characters long; at most 63 are allowed/);
  expect(() => HuaweiCceNodes.gpuModel('')).toThrow(/model.*non-empty string/);
  expect(() => HuaweiCceNodes.gpuModel(7 as any)).toThrow(/model.*non-empty string/);
});

test('containerNetwork: named(name).applyTo(ds) writes the yangtse.io/network pod annotation, idempotently', () => {
  const chart = Testing.chart();
  const ds = new DaemonSet(chart, 'ds', { containers: [{ name: 'agent', image: IMAGE }] });
  HuaweiCceContainerNetwork.named('storage-eni').applyTo(ds);
  HuaweiCceContainerNetwork.named('storage-eni').applyTo(ds);
  const template = synthDaemonSet(chart).spec.template;
  expect(template.metadata.annotations).toEqual({ 'yangtse.io/network': 'storage-eni' });
  // The selector and pod labels stay the DaemonSet's own (identity): the annotation adds no label.
  expect(Object.keys(template.metadata.labels).some(k => k.startsWith('yangtse.io'))).toBe(false);
  expect(() => HuaweiCceContainerNetwork.named('other').applyTo(ds)).toThrow(/already use the container network configuration 'storage-eni'; a pod has one/);
});

test('containerNetwork: reserved and malformed names are refused; host-network pods are refused', () => {
  for (const reserved of ['default-network', 'default', 'mgnt0', 'mgnt1']) {
    expect(() => HuaweiCceContainerNetwork.named(reserved)).toThrow(new RegExp(`name '${reserved}' is reserved by CCE`));
  }
  expect(() => HuaweiCceContainerNetwork.named('Upper_Case')).toThrow(/HuaweiCceContainerNetwork\.named: name 'Upper_Case'/);
  expect(() => HuaweiCceContainerNetwork.named('')).toThrow(DaemonSetsError);
  const ds = new DaemonSet(Testing.chart(), 'ds', { hostNetwork: true, containers: [{ name: 'agent', image: IMAGE }] });
  expect(() => HuaweiCceContainerNetwork.named('eni').applyTo(ds)).toThrow(/DaemonSet 'test\/ds'.*hostNetwork.*no elastic network interface would be bound/);
  expect(() => HuaweiCceContainerNetwork.named('eni').applyTo({} as any)).toThrow(/expects a DaemonSet/);
});
