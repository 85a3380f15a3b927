import { Size } from 'cdk8s';
import { sizeInUnits, wholeNumber } from './amounts';
import { checkObject } from '../input-checks';
import { VKE_MGPU_CORE, VKE_MGPU_MEMORY, VKE_RDMA } from '../k8s/vendor-accelerators';
import { ExtendedResource, ExtendedResourceOptions } from '../resources';

/** The smallest mGPU memory share per card: 1024 MiB (https://www.volcengine.com/docs/6460/182418). */
const MGPU_MIN_MIB = 1024;

/** The largest mGPU memory share per card: 81920 MiB (https://www.volcengine.com/docs/6460/182418). */
const MGPU_MAX_MIB = 81920;

/**
 * Options of `VolcengineResources.mgpu()`: a share of one GPU card under Volcengine's mGPU.
 */
export interface VolcengineMgpuOptions {
  /**
   * GPU memory of the share: a whole number of MiB between 1024 MiB and 81920 MiB (80 GiB), emitted as
   * `vke.volcengine.com/mgpu-memory` in MiB. Source: https://www.volcengine.com/docs/6460/182418 (per-card GPU
   * memory "converted to MiB, an integer between 1024 and 81920").
   */
  readonly memory: Size;

  /**
   * GPU compute of the share, in percent of one card: a whole number from 1 to 100, emitted as
   * `vke.volcengine.com/mgpu-core` (the console's "GPU compute" 0.01-1 card in steps of 0.01; 100 is a whole card).
   * Source: https://www.volcengine.com/docs/6460/182418 (`vke.volcengine.com/mgpu-core: 30` is 30 % of a card).
   */
  readonly computePercent: number;
}

/**
 * Accelerators of Volcengine VKE (Volcengine Kubernetes Engine), as the resources its "create DaemonSet" form
 * writes. Pass the result to a container's `extendedResources`.
 *
 * VKE's rules across resources are validation findings, so they also apply to imported YAML:
 * `runtime/gpu-resource-kinds` (one GPU resource kind per workload: whole cards with `ExtendedResource.nvidiaGpu()`
 * or mGPU shares) and `runtime/rdma-with-mgpu` (RDMA and mGPU never together).
 */
export class VolcengineResources {
  /**
   * A share of one GPU card under mGPU (Volcengine's container GPU sharing): GPU memory and compute, emitted as
   * `vke.volcengine.com/mgpu-memory` (MiB) and `vke.volcengine.com/mgpu-core` (percent), request equal to limit.
   * Source: https://www.volcengine.com/docs/6460/182418. Not with `rdma()` in the same pod (VKE: "RDMA and mGPU
   * cannot be used at the same time").
   */
  public static mgpu(options: VolcengineMgpuOptions): ExtendedResource[] {
    const at = 'VolcengineResources.mgpu';
    const o = checkObject(at, 'options', options, 'a VolcengineMgpuOptions object ({ memory, computePercent })');
    const mib = sizeInUnits(at, 'memory', o.memory, 1, MGPU_MIN_MIB, MGPU_MAX_MIB);
    const percent = wholeNumber(at, 'computePercent', o.computePercent, 1, 100, 'percent of a card');
    return [
      ExtendedResource.of(VKE_MGPU_MEMORY, mib),
      ExtendedResource.of(VKE_MGPU_CORE, percent),
    ];
  }

  /**
   * RDMA devices (`vke.volcengine.com/rdma`): a whole number of devices. Source: "Using RDMA resources in VKE
   * clusters", https://docs.byteplus.com/en/docs/vke/Using-RDMA-resources-in-VKE-clusters. Not with `mgpu()` in the
   * same pod. VKE's own manifests write it under `limits` only: `{ limitOnly: true }` reproduces them
   * (Kubernetes takes the limit as the request).
   * @param count a positive whole number of RDMA devices
   * @param options how the amount is emitted
   */
  public static rdma(count: number, options: ExtendedResourceOptions = {}): ExtendedResource {
    wholeNumber('VolcengineResources.rdma', 'count', count, 1, Number.MAX_SAFE_INTEGER, 'RDMA devices');
    return ExtendedResource.of(VKE_RDMA, count, options);
  }

  private constructor() {}
}
