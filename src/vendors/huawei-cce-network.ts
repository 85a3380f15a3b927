import * as kplus from 'cdk8s-plus-27';
import { DaemonSetsError } from '../errors';
import { checkString } from '../input-checks';
import { CCE_CONTAINER_NETWORK_ANNOTATION } from '../k8s/pod-networks';
import { checkDns1123Label, checkLabel } from '../k8s/syntax';
import { CCE_GPU_MODEL_LABEL } from '../k8s/vendor-accelerators';

/** Names CCE keeps for itself: a workload's container network configuration may not be one of them (cce_10_0196). */
const RESERVED_NETWORKS = ['default-network', 'default', 'mgnt0', 'mgnt1'];

/**
 * A Huawei CCE Turbo container network configuration for a DaemonSet's pods: the create form's "Advanced Settings >
 * Network Configuration", which gives the pods elastic network interfaces from the subnet and security groups of a
 * NetworkAttachmentDefinition of the workload type. Written as the `yangtse.io/network` pod annotation. Source:
 * https://support.huaweicloud.com/intl/en-us/usermanual-cce/cce_10_0196.html ("Operations Using kubectl for the
 * Workload Type"; the configuration must be associated with no namespace; `default-network`, `default`, `mgnt0` and
 * `mgnt1` are reserved names).
 */
export class HuaweiCceContainerNetwork {
  /**
   * The container network configuration of this name (a NetworkAttachmentDefinition in `kube-system`).
   * @param name the configuration's name: a DNS-1123 label (at most 63 characters), not a reserved name
   */
  public static named(name: string): HuaweiCceContainerNetwork {
    const at = 'HuaweiCceContainerNetwork.named';
    const value = checkString(at, 'name', name, { nonEmpty: true });
    const problem = checkDns1123Label(value);
    if (problem) throw new DaemonSetsError(`${at}: name '${value}' ${problem}.`, at, 'name');
    if (RESERVED_NETWORKS.includes(value)) {
      throw new DaemonSetsError(`${at}: name '${value}' is reserved by CCE (${RESERVED_NETWORKS.join(', ')}); name a container network configuration of the workload type.`, at, 'name');
    }
    return new HuaweiCceContainerNetwork(value);
  }

  /** The configuration's name, the annotation's value. */
  public readonly name: string;

  private constructor(name: string) {
    this.name = name;
  }

  /**
   * Annotate a DaemonSet's pods with this container network configuration. Throws when the pods use the node's
   * network (the kubelet calls no network plugin for them, so no interface would be bound) or already name another
   * configuration.
   */
  public applyTo(daemonSet: kplus.DaemonSet): void {
    if (!(daemonSet instanceof kplus.DaemonSet)) {
      throw new DaemonSetsError('HuaweiCceContainerNetwork.applyTo: expects a DaemonSet.', 'HuaweiCceContainerNetwork.applyTo', 'daemonSet');
    }
    const at = `HuaweiCceContainerNetwork.applyTo(DaemonSet '${daemonSet.node.path}')`;
    if (daemonSet.hostNetwork) {
      throw new DaemonSetsError(`${at}: the pods use the node's network (hostNetwork), for which the kubelet calls no network plugin, so `
        + 'no elastic network interface would be bound; drop hostNetwork, or the container network configuration.', at, 'hostNetwork');
    }
    const existing = daemonSet.podMetadata.toJson().annotations?.[CCE_CONTAINER_NETWORK_ANNOTATION];
    if (existing !== undefined && existing !== this.name) {
      throw new DaemonSetsError(`${at}: the pods already use the container network configuration '${existing}'; a pod has one.`, at, CCE_CONTAINER_NETWORK_ANNOTATION);
    }
    daemonSet.podMetadata.addAnnotation(CCE_CONTAINER_NETWORK_ANNOTATION, this.name);
  }
}

/**
 * Node selections of Huawei CCE's create form, as labels CCE puts on its nodes. Pass the result to a DaemonSet's
 * `nodeSelector` (or `addNodeSelector`).
 */
export class HuaweiCceNodes {
  /**
   * The form's "GPU card model": the nodes whose GPUs are this model, by the `accelerator` label CCE puts on GPU
   * nodes (`accelerator: nvidia-t4`). Source: "GPU Node Labels",
   * https://support.huaweicloud.com/intl/en-us/usermanual-cce/cce_10_0345.html. CCE documents no complete list of
   * model names: use the value `kubectl get node -L accelerator` shows on your nodes.
   * @param model the card model as the label's value, e.g. `nvidia-t4`
   */
  public static gpuModel(model: string): { [key: string]: string } {
    const at = 'HuaweiCceNodes.gpuModel';
    const value = checkString(at, 'model', model, { nonEmpty: true });
    const problem = checkLabel(CCE_GPU_MODEL_LABEL, value).value;
    if (problem) throw new DaemonSetsError(`${at}: model '${value}' ${problem}.`, at, 'model');
    return { [CCE_GPU_MODEL_LABEL]: value };
  }

  private constructor() {}
}
