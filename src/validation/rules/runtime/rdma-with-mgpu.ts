import { Predict } from './checks';
import { ResourceUse, VKE_MGPU_CORE, VKE_MGPU_MEMORY, VKE_RDMA } from '../../../k8s/vendor-accelerators';

/**
 * A pod template that asks for Volcengine VKE RDMA devices (`vke.volcengine.com/rdma`) and mGPU shares
 * (`vke.volcengine.com/mgpu-*`). The API server accepts the mix, but VKE documents "RDMA and mGPU cannot be used at
 * the same time" (https://docs.byteplus.com/en/docs/vke/Using-RDMA-resources-in-VKE-clusters), so the pod gets
 * no node. A warning: it holds on VKE only.
 * @param used the pod spec's extended resources (`resourcesUsed`), listed once for the runtime checks
 */
export function rdmaWithMgpu(used: readonly ResourceUse[], predict: Predict): void {
  const rdma = used.find(u => u.name === VKE_RDMA);
  const mgpu = used.find(u => u.name === VKE_MGPU_CORE || u.name === VKE_MGPU_MEMORY);
  if (!rdma || !mgpu) return;
  predict('rdma-with-mgpu', rdma.path,
    `the API server accepts '${VKE_RDMA}' next to the mGPU resource '${mgpu.name}' in one pod, but Volcengine VKE cannot `
    + 'use RDMA and mGPU at the same time, so on VKE the pod gets no node; use whole GPUs (ExtendedResource.nvidiaGpu()) with RDMA, or drop RDMA',
    'warning');
}
