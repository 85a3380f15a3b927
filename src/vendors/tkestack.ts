import { GALAXY_FLOATING_IP } from '../k8s/pod-networks';
import { ExtendedResource } from '../resources';

/**
 * Network modes of TKEStack's workload form. Overlay is the cluster's default pod network (nothing to set); NAT is
 * a container port's `hostPort`; Host is the DaemonSet's `hostNetwork`; FloatingIP is `floatingIp()`, with
 * `NetworkAttachment.networks()` to choose Galaxy's network.
 */
export class TkeStackNetwork {
  /**
   * A floating IP from TKEStack Galaxy: the `tke.cloud.tencent.com/eni-ip` extended resource, one unit, request
   * equal to limit, in one container of the pod (give it to one container's `extendedResources`). Source:
   * https://github.com/tkestack/galaxy/blob/master/doc/float-ip.md. A DaemonSet's pods get Galaxy's default release
   * policy (the IP is released when the pod is deleted): the `immutable` and `never` policies are for
   * Deployments and StatefulSets. Not with `hostNetwork` (`runtime/host-network-attachments`).
   */
  public static floatingIp(): ExtendedResource {
    return ExtendedResource.of(GALAXY_FLOATING_IP, 1);
  }

  private constructor() {}
}
