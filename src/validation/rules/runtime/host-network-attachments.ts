import { Predict } from './checks';
import { asksForNetworks, GALAXY_FLOATING_IP, NETWORKS_ANNOTATION } from '../../../k8s/pod-networks';
import { asObject } from '../../../k8s/shape';
import { resourcesUsed } from '../../../k8s/vendor-accelerators';

type Json = { [key: string]: any };

/**
 * A pod template on the node's network (`hostNetwork: true`) that asks for secondary networks (the
 * `k8s.v1.cni.cncf.io/networks` annotation) or a TKEStack Galaxy floating IP (`tke.cloud.tencent.com/eni-ip`).
 * The API server accepts it, but the kubelet calls no network plugin for a pod on the host network, so nothing is
 * attached: the pods run without the networks or IP they ask for. Reports with `predict` at paths from the object's
 * root (not below the pod spec: the annotation is the template's metadata).
 */
export function hostNetworkAttachments(template: { path: string; spec: Json; metadata: Json }, predict: Predict): void {
  const { path, spec: podSpec, metadata: podMetadata } = template;
  if (asObject(podSpec).hostNetwork !== true) return;
  // `path` is the pod spec's (`spec.template.spec`, or `spec` for a Pod); the metadata sits beside it.
  const metadataPath = path === 'spec' ? 'metadata' : `${path.slice(0, -'.spec'.length)}.metadata`;
  const why = 'but the kubelet calls no network plugin for a pod on the node\'s network, so the pods run without it; drop hostNetwork, or the attachment';
  if (asksForNetworks(podMetadata)) {
    predict('host-network-attachments', `${metadataPath}.annotations`, `the API server accepts the ${NETWORKS_ANNOTATION} annotation on pods with hostNetwork, ${why}`, 'warning');
  }
  const floating = resourcesUsed(podSpec).find(u => u.name === GALAXY_FLOATING_IP);
  if (floating) {
    predict('host-network-attachments', `${path}.${floating.path}`, `the API server accepts a floating IP ('${GALAXY_FLOATING_IP}') on pods with hostNetwork, ${why}`, 'warning');
  }
}
