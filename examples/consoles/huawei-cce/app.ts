import { App, AppProps, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { DaemonSet, DaemonSetsApp, DaemonSetUpdateStrategy, HealthProbe, NodePlacement, Timezone } from '../../../src';
import { HuaweiCceAnnotations, HuaweiCceResources } from '../../../src/vendors';

/**
 * Huawei Cloud CCE's "create workload" form for a DaemonSet as code (docs/console-guide.md, "Huawei CCE"): an
 * inference agent on a virtual GPU (xGPU: GPU memory and a share of compute), an NPU agent on Ascend 310 cards,
 * CCE's DNS modes, custom Prometheus metrics, and a DaemonSet kept off the virtual nodes CCE bursts to.
 */
export function buildApp(props: AppProps = {}): App {
  const app = new DaemonSetsApp(props);
  const chart = new Chart(app, 'cce-ai-agents', { namespace: 'ai-system', disableResourceNameHashes: true });

  const agent = (image: string) => ({
    name: 'agent',
    image,
    ports: [{ number: 9100, name: 'metrics' }],
    livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'metrics', period: Duration.seconds(20) }),
    readinessProbe: HealthProbe.httpGet('/ready', { portName: 'metrics' }),
    securityContext: { user: 10001, group: 10001 },
  });
  // kube-score (npm run lint:manifests): the agents' peers are site-specific, so no NetworkPolicy here.
  const annotations = { 'kube-score/ignore': 'pod-networkpolicy' };

  const xgpu = new DaemonSet(chart, 'xgpu', {
    metadata: { name: 'xgpu-inference-agent', annotations },
    containers: [{
      ...agent('registry.example.com/ai/inference-agent:3.2.0'),
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
      },
      // The form's "GPU quota: GPU virtualization": 2 GiB of GPU memory and 25 % of a card's compute.
      extendedResources: HuaweiCceResources.virtualGpu({ memory: Size.gibibytes(2), computePercent: 25 }),
    }],
    // The form's DNS "append": the cluster's DNS, plus a search domain and options.
    dns: { policy: kplus.DnsPolicy.CLUSTER_FIRST, searches: ['ai-system.svc.cluster.local'], options: [{ name: 'ndots', value: '2' }] },
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(20) }),
    timezone: Timezone.fromNode(),
    priorityClassName: 'system-node-critical',
    placement: [NodePlacement.linuxOnly()],
  });
  // The form's "custom metrics": Prometheus scrapes the pods' /metrics.
  xgpu.enablePrometheusScrape({ port: 9100 });

  const npu = new DaemonSet(chart, 'npu', {
    metadata: { name: 'npu-inference-agent', annotations },
    // The form's "Network Configuration" bandwidth limits and "Logging": 200 Mbit/s each way, and only the agent's
    // standard output reported to AOM.
    podMetadata: { annotations: HuaweiCceAnnotations.pod({ ingressBandwidthMbps: 200, egressBandwidthMbps: 200, stdoutLogContainers: ['agent'] }) },
    containers: [{
      ...agent('registry.example.com/ai/npu-agent:1.8.1'),
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
      },
      // The form's "NPU quota": one Ascend 310 chip.
      extendedResources: [HuaweiCceResources.ascend310(1)],
    }],
    // The form's DNS "replace": only these resolvers (policy None).
    dns: { policy: kplus.DnsPolicy.NONE, nameservers: ['10.247.3.10'], searches: ['ai-system.svc.cluster.local', 'svc.cluster.local'] },
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(20) }),
    priorityClassName: 'system-node-critical',
    placement: [NodePlacement.linuxOnly()],
  });
  // CCE bursts pods to virtual nodes (virtual-kubelet); a DaemonSet's pod belongs on real nodes only. Required
  // node affinity keeps it off nodes labelled type=virtual-kubelet (the virtual-kubelet convention), also if a
  // later toleration would let it onto them.
  for (const ds of [xgpu, npu]) {
    ds.scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.notIn('type', ['virtual-kubelet'])));
  }
  return app;
}
