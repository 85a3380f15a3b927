/**
 * Extended resource names of the accelerators cloud consoles offer, and which of them the consoles' rules keep apart.
 * One declaration, so the constructs that write them and the runtime rules that read them cannot drift apart.
 * Every name comes from the vendor's public documentation, cited at each constant.
 */
import { containersOf } from './pod-template';
import { asObject } from './shape';

/**
 * Whole NVIDIA GPUs, advertised by the NVIDIA device plugin (https://github.com/NVIDIA/k8s-device-plugin);
 * Volcengine VKE and Huawei CCE use the same name for whole cards.
 */
export const NVIDIA_GPU = 'nvidia.com/gpu';

/**
 * Volcengine VKE RDMA devices. Source: "Using RDMA resources in VKE clusters",
 * https://docs.byteplus.com/en/docs/vke/Using-RDMA-resources-in-VKE-clusters ("RDMA and mGPU cannot be used at
 * the same time").
 */
export const VKE_RDMA = 'vke.volcengine.com/rdma';

/**
 * Volcengine VKE mGPU compute, in percent of one card (100 = a whole card). Source: mGPU multi-card sharing,
 * https://www.volcengine.com/docs/6460/182418 (`vke.volcengine.com/mgpu-core: 30` is 30 % of a card).
 */
export const VKE_MGPU_CORE = 'vke.volcengine.com/mgpu-core';

/**
 * Volcengine VKE mGPU memory, in MiB. Source: https://www.volcengine.com/docs/6460/182418
 * (`vke.volcengine.com/mgpu-memory: 4096` is 4 GiB).
 */
export const VKE_MGPU_MEMORY = 'vke.volcengine.com/mgpu-memory';

/**
 * Huawei CCE GPU virtualization (xGPU) memory, in units of 128 MiB, integers 1-16384. Source: CCE container
 * resource reference, https://support.huaweicloud.com/ref-cce/category_63.html.
 */
export const CCE_XGPU_MEMORY = 'volcano.sh/gpu-mem.128Mi';

/**
 * Huawei CCE GPU virtualization (xGPU) compute, in percent of a card, 1-100 in steps of 5, only together with
 * {@link CCE_XGPU_MEMORY}. Source: https://support.huaweicloud.com/ref-cce/category_63.html.
 */
export const CCE_XGPU_CORE = 'volcano.sh/gpu-core.percentage';

/**
 * Huawei CCE Ascend 310 NPUs, an integer count (request = limit). Sources:
 * https://support.huaweicloud.com/ref-cce/category_63.html, https://support.huaweicloud.com/en-us/usermanual-cce/cce_10_0346.html.
 */
export const CCE_ASCEND_310 = 'huawei.com/ascend-310';

/**
 * Huawei CCE Ascend Snt9B NPUs, an integer count (request = limit). Source:
 * https://support.huaweicloud.com/ref-cce/category_63.html ("NPU数量(Snt9B)").
 */
export const CCE_ASCEND_SNT9B = 'huawei.com/ascend-1980';

/**
 * The node label Huawei CCE puts on its GPU nodes, naming the card model (`accelerator: nvidia-t4`): what the
 * create form's "GPU card model" selects on. Source: CCE "GPU Scheduling" / "Default GPU Scheduling in Kubernetes",
 * section "GPU Node Labels" (`kubectl get node -L accelerator` shows `nvidia-t4`, and the example Deployment selects
 * `nodeSelector: { accelerator: nvidia-t4 }`), https://support.huaweicloud.com/intl/en-us/usermanual-cce/cce_10_0345.html.
 * The values are CCE's model names (`nvidia-t4` in the source); the documentation gives no complete list.
 */
export const CCE_GPU_MODEL_LABEL = 'accelerator';

/** The Volcengine VKE GPU resource kinds, of which a workload may use one (VKE's create form allows one). */
export const VKE_GPU_KINDS: { readonly [kind: string]: readonly string[] } = {
  'whole NVIDIA GPUs': [NVIDIA_GPU],
  'mGPU shares': [VKE_MGPU_CORE, VKE_MGPU_MEMORY],
};

/** Where a pod spec names an extended resource: the first container (by JSON path below the pod spec) that does. */
export interface ResourceUse {
  /** The resource name. */
  readonly name: string;
  /** JSON path of the first request or limit of it, below the pod spec, e.g. `containers[0].resources.limits`. */
  readonly path: string;
}

/**
 * The resource names a pod spec's containers (init containers included, ephemeral containers excluded: they
 * cannot have resources) request or limit with a non-zero amount, each with the first place it appears, in
 * container order.
 */
export function resourcesUsed(podSpec: unknown): ResourceUse[] {
  const found = new Map<string, string>();
  for (const ref of containersOf(podSpec)) {
    if (ref.ephemeral) continue;
    const resources = asObject(ref.container.resources);
    for (const bound of ['limits', 'requests']) {
      for (const [name, amount] of Object.entries(asObject(resources[bound]))) {
        // An amount of zero asks for nothing: no device plugin is involved.
        if (amount === 0 || amount === '0' || found.has(name)) continue;
        found.set(name, `${ref.path}.resources.${bound}`);
      }
    }
  }
  return [...found].map(([name, path]) => ({ name, path }));
}
