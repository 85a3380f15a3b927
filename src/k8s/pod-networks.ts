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

/**
 * Huawei CCE Turbo's container network configuration of a workload: the pod annotation naming a
 * NetworkAttachmentDefinition (type `eni-neutron`, in `kube-system`) that is associated with no namespace; the pods
 * get their elastic network interfaces from its subnet and security groups. This is what the create form's
 * "Advanced Settings > Network Configuration" writes. Source: CCE's container network configuration page
 * (cce_10_0196, NetworkAttachmentDefinition), "Operations Using kubectl for the Workload Type":
 * `yangtse.io/network: "example"` under `spec.template.metadata.annotations`,
 * https://support.huaweicloud.com/intl/en-us/usermanual-cce/cce_10_0196.html (also
 * https://docs.otc.t-systems.com/cloud-container-engine/umn/network/container_network_settings/cloud_native_network_2.0_settings/networkattachmentdefinition.html).
 */
export const CCE_CONTAINER_NETWORK_ANNOTATION = 'yangtse.io/network';

/**
 * Volcengine VKE's pod annotation listing the extra networks of a pod for its VPC-CNI (Cello), a JSON list such as
 * `[{"cniConf":{"name":"rdma"}}]` for an RDMA network. Source: Volcengine's open-source Cello CNI,
 * https://github.com/volcengine/cello/blob/main/types/k8s.go (`AnnotationVKEPodNetworks`). Unverified against
 * Volcengine's product documentation: its RDMA pages (https://www.volcengine.com/docs/6460/1125782,
 * https://docs.byteplus.com/en/docs/vke/Using-RDMA-resources-in-VKE-clusters) could not be read here, so the
 * value's format stays out of the typed API.
 */
export const VKE_POD_NETWORKS_ANNOTATION = 'k8s.volcengine.com/pod-networks';

/** Whether a pod template's metadata asks for secondary networks (a non-empty networks annotation). */
export function asksForNetworks(podMetadata: unknown): boolean {
  const value = asObject(asObject(podMetadata).annotations)[NETWORKS_ANNOTATION];
  return typeof value === 'string' && value.trim() !== '' && value.trim() !== '[]';
}
