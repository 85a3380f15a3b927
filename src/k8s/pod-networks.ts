/**
 * How a pod asks for networks beyond its default one: the keys the constructs write and the runtime rules read
 * (one declaration, so writer and reader cannot drift apart). Every key comes from a public specification or a
 * vendor's public documentation, cited at each constant.
 */
import { asObject } from './shape';

/**
 * The pod annotation listing the secondary networks (NetworkAttachmentDefinitions) of a pod, as
 * `[namespace/]name[@interface]` separated by commas, or a JSON list. Source: the Network Plumbing Working Group's
 * "Kubernetes Network Custom Resource Definition De-facto Standard" (https://github.com/k8snetworkplumbingwg/multi-net-spec),
 * implemented by Multus and by TKEStack Galaxy (https://github.com/tkestack/galaxy/blob/master/doc/galaxy-config.md).
 */
export const NETWORKS_ANNOTATION = 'k8s.v1.cni.cncf.io/networks';

/**
 * TKEStack Galaxy's floating IP: an extended resource of one unit in one container of the pod. Source:
 * https://github.com/tkestack/galaxy/blob/master/doc/float-ip.md.
 */
export const GALAXY_FLOATING_IP = 'tke.cloud.tencent.com/eni-ip';

/** Whether a pod template's metadata asks for secondary networks (a non-empty networks annotation). */
export function asksForNetworks(podMetadata: unknown): boolean {
  const value = asObject(asObject(podMetadata).annotations)[NETWORKS_ANNOTATION];
  return typeof value === 'string' && value.trim() !== '' && value.trim() !== '[]';
}
