import { App, AppProps, Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  DaemonSet, DaemonSetsApp, DaemonSetUpdateStrategy, ExtendedResource, HealthProbe, NodePlacement, Timezone,
} from '../../../src';
import { VolcengineResources } from '../../../src/vendors';

/**
 * Volcengine VKE's "create DaemonSet" form as code (docs/console-guide.md, "Volcengine VKE"): a training agent
 * on whole GPUs with RDMA devices, and an inference agent on an mGPU share (never with RDMA, never with whole
 * GPUs: `runtime/rdma-with-mgpu` and `runtime/gpu-resource-kinds` would say so). The form's "sync timezone" is
 * `Timezone.fromNode()`; its Recreate strategy has no DaemonSet equivalent, so the agents replace all pods at
 * once with maxUnavailable 100%.
 */
export function buildApp(props: AppProps = {}): App {
  const app = new DaemonSetsApp(props);
  const chart = new Chart(app, 'vke-gpu-agents', { namespace: 'gpu-system', disableResourceNameHashes: true });

  const common = {
    // kube-score (npm run lint:manifests): the agents' traffic (collective communication over RDMA, model
    // downloads) goes to peers this example cannot know, so no NetworkPolicy here.
    annotations: { 'kube-score/ignore': 'pod-networkpolicy' },
    labels: { 'app.kubernetes.io/part-of': 'vke-gpu-agents' },
  };
  const probes = {
    ports: [{ number: 8080, name: 'http' }],
    livenessProbe: HealthProbe.httpGet('/healthz', { portName: 'http', period: Duration.seconds(20) }),
    readinessProbe: HealthProbe.httpGet('/ready', { portName: 'http' }),
    securityContext: { user: 10001, group: 10001 },
  };

  new DaemonSet(chart, 'trainer', {
    metadata: { name: 'nccl-agent', ...common },
    description: 'Keeps the NCCL test harness on every GPU node (whole GPUs, RDMA)',
    containers: [{
      name: 'agent',
      image: 'registry.example.com/gpu/nccl-agent:2.21.5',
      resources: {
        cpu: { request: kplus.Cpu.millis(500), limit: kplus.Cpu.units(2) },
        memory: { request: Size.gibibytes(1), limit: Size.gibibytes(2) },
      },
      // The form's "GPU resource type: GPU" with 8 cards, and its RDMA devices (VKE suggests 2 or 4).
      extendedResources: [ExtendedResource.nvidiaGpu(8), VolcengineResources.rdma(4)],
      ...probes,
    }],
    nodeSelector: { 'example.com/node-pool': 'gpu-training' },
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(100) }),
    timezone: Timezone.fromNode(),
    priorityClassName: 'system-node-critical',
    placement: [NodePlacement.linuxOnly()],
  });

  new DaemonSet(chart, 'inference', {
    metadata: { name: 'mgpu-inference-agent', ...common },
    description: 'A small model on every mGPU node: 30 % of a card and 4 GiB of its memory',
    containers: [{
      name: 'agent',
      image: 'registry.example.com/gpu/inference-agent:0.9.3',
      resources: {
        cpu: { request: kplus.Cpu.millis(250), limit: kplus.Cpu.units(1) },
        memory: { request: Size.mebibytes(512), limit: Size.gibibytes(1) },
      },
      // The form's "GPU resource type: mGPU": compute 0.3 card, GPU memory 4 GiB.
      extendedResources: VolcengineResources.mgpu({ memory: Size.gibibytes(4), computePercent: 30 }),
      ...probes,
    }],
    updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.percent(100) }),
    timezone: Timezone.fromNode(),
    priorityClassName: 'system-node-critical',
    placement: [NodePlacement.linuxOnly()],
  });
  return app;
}
