import { Predict } from './checks';
import { ResourceUse, VKE_GPU_KINDS } from '../../../k8s/vendor-accelerators';

const GPU_KINDS = Object.entries(VKE_GPU_KINDS);

/**
 * A pod template that asks for more than one Volcengine VKE GPU resource kind: whole NVIDIA GPUs
 * (`nvidia.com/gpu`) and mGPU shares (`vke.volcengine.com/mgpu-core`, `-memory`). The API server accepts any
 * mix of extended resources, but VKE's create form allows one GPU resource kind per workload, and a VKE GPU node
 * serves its cards either whole or as mGPU shares, so no node offers both and the pods stay Pending.
 * Sources: https://www.volcengine.com/docs/6460/100979 (the DaemonSet form), https://www.volcengine.com/docs/6460/182418
 * (mGPU). A warning: it holds on VKE only.
 * @param used the pod spec's extended resources (`resourcesUsed`), listed once for the runtime checks
 */
export function gpuResourceKinds(used: readonly ResourceUse[], predict: Predict): void {
  const kinds = GPU_KINDS
    .map(([kind, names]) => ({ kind, use: used.find(u => names.includes(u.name)) }))
    .filter((k): k is { kind: string; use: { name: string; path: string } } => k.use !== undefined);
  if (kinds.length < 2) return;
  const [first, ...others] = kinds;
  for (const other of others) {
    predict('gpu-resource-kinds', other.use.path,
      `the API server accepts '${other.use.name}' (${other.kind}) next to '${first.use.name}' (${first.kind}) in one pod, `
      + 'but Volcengine VKE gives a workload one GPU resource kind only: a GPU node serves its cards whole or as mGPU shares, '
      + 'never both, so on VKE the pod stays Pending; request one kind (ExtendedResource.nvidiaGpu() or VolcengineResources.mgpu())',
      'warning');
  }
}
