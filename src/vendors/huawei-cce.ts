import { Size } from 'cdk8s';
import { sizeInUnits, wholeNumber } from './amounts';
import { checkObject } from '../input-checks';
import { CCE_ASCEND_310, CCE_ASCEND_SNT9B, CCE_XGPU_CORE, CCE_XGPU_MEMORY } from '../k8s/vendor-accelerators';
import { ExtendedResource } from '../resources';

/** The most NPUs of one kind a container may ask for on CCE (the reference's range: integers 0-1000). */
const NPU_MAX = 1000;

/**
 * Options of `HuaweiCceResources.virtualGpu()`: a share of one GPU card under CCE's GPU virtualization (xGPU).
 */
export interface CceVirtualGpuOptions {
  /**
   * GPU memory of the share: a whole multiple of 128 MiB, from 128 MiB to 2 TiB (16384 units), emitted as
   * `volcano.sh/gpu-mem.128Mi` in units of 128 MiB. Source: https://support.huaweicloud.com/ref-cce/category_63.html
   * (integers 1-16384).
   */
  readonly memory: Size;

  /**
   * GPU compute of the share, in percent of a card: 5 to 100 in steps of 5, emitted as
   * `volcano.sh/gpu-core.percentage`. Source: https://support.huaweicloud.com/ref-cce/category_63.html ("1-100, a
   * multiple of 5", only together with GPU memory).
   * @default - memory isolation only: the share's compute is not limited
   */
  readonly computePercent?: number;
}

/**
 * Accelerators of Huawei Cloud CCE (Cloud Container Engine), as the resources its "create workload" form writes.
 * Pass the result to a container's `extendedResources`. Whole NVIDIA GPUs are `ExtendedResource.nvidiaGpu(n)`.
 *
 * Source of every name and range: CCE's container resource reference,
 * https://support.huaweicloud.com/ref-cce/category_63.html.
 */
export class HuaweiCceResources {
  /**
   * A share of one GPU card under CCE's GPU virtualization (xGPU): GPU memory, and optionally compute, request
   * equal to limit. Sources: https://support.huaweicloud.com/ref-cce/category_63.html (names, ranges),
   * https://support.huaweicloud.com/eu/usermanual-cce/cce_10_0644.html (a card splits into at most 20 virtual GPUs;
   * virtual GPUs cannot be used in init containers).
   */
  public static virtualGpu(options: CceVirtualGpuOptions): ExtendedResource[] {
    const at = 'HuaweiCceResources.virtualGpu';
    const o = checkObject(at, 'options', options, 'a CceVirtualGpuOptions object ({ memory, computePercent? })');
    const units = sizeInUnits(at, 'memory', o.memory, 128, 1, 16384);
    const resources = [ExtendedResource.of(CCE_XGPU_MEMORY, units)];
    if (o.computePercent !== undefined) {
      resources.push(ExtendedResource.of(CCE_XGPU_CORE, wholeNumber(at, 'computePercent', o.computePercent, 5, 100, 'percent of a card', 5)));
    }
    return resources;
  }

  /**
   * Ascend 310 NPUs (`huawei.com/ascend-310`): a whole number from 1 to 1000, request equal to limit.
   * Sources: https://support.huaweicloud.com/ref-cce/category_63.html,
   * https://support.huaweicloud.com/en-us/usermanual-cce/cce_10_0346.html.
   * @param count the number of NPUs
   */
  public static ascend310(count: number): ExtendedResource {
    return ExtendedResource.of(CCE_ASCEND_310, wholeNumber('HuaweiCceResources.ascend310', 'count', count, 1, NPU_MAX, 'NPUs'));
  }

  /**
   * Ascend Snt9B NPUs (`huawei.com/ascend-1980`): a whole number from 1 to 1000, request equal to limit.
   * Source: https://support.huaweicloud.com/ref-cce/category_63.html ("NPU数量(Snt9B)").
   * @param count the number of NPUs
   */
  public static ascendSnt9b(count: number): ExtendedResource {
    return ExtendedResource.of(CCE_ASCEND_SNT9B, wholeNumber('HuaweiCceResources.ascendSnt9b', 'count', count, 1, NPU_MAX, 'NPUs'));
  }

  private constructor() {}
}
