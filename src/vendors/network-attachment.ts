import * as kplus from 'cdk8s-plus-27';
import { DaemonSetsError } from '../errors';
import { checkArray, checkObject, checkOptionalString, checkString } from '../input-checks';
import { NETWORKS_ANNOTATION } from '../k8s/pod-networks';
import { checkDns1123Label, checkDns1123Subdomain } from '../k8s/syntax';

const AT = 'NetworkAttachment.networks';

/** The longest Linux network interface name (IFNAMSIZ 16, with its terminating NUL). */
const MAX_INTERFACE_NAME = 15;

/**
 * One secondary network of a pod: a NetworkAttachmentDefinition by name.
 */
export interface NetworkSelection {
  /** The NetworkAttachmentDefinition's name. */
  readonly name: string;

  /**
   * The NetworkAttachmentDefinition's namespace.
   * @default - the pod's namespace
   */
  readonly namespace?: string;

  /**
   * The interface name inside the pod.
   * @default - chosen by the network plugin (`net1`, `net2`, ...)
   */
  readonly interfaceName?: string;
}

/**
 * Secondary networks for a DaemonSet's pods, in the form every multi-network plugin reads: the
 * `k8s.v1.cni.cncf.io/networks` pod annotation of the Network Plumbing Working Group's standard
 * (https://github.com/k8snetworkplumbingwg/multi-net-spec), which Multus implements, and TKEStack Galaxy uses to
 * choose a pod's network (https://github.com/tkestack/galaxy/blob/master/doc/galaxy-config.md).
 *
 * A pod on the node's network (`hostNetwork`) gets none of them: the kubelet calls no network plugin for it.
 * `applyTo()` refuses that combination, and the `runtime/host-network-attachments` rule reports it in any manifest.
 */
export class NetworkAttachment {
  /**
   * Attach the pods to these networks, in order.
   * @param networks the NetworkAttachmentDefinitions, at least one
   */
  public static networks(networks: NetworkSelection[]): NetworkAttachment {
    const list = checkArray<unknown>(AT, 'networks', networks, 'network selections ({ name, namespace?, interfaceName? })');
    if (list.length === 0) throw new DaemonSetsError(`${AT}: networks is empty; name at least one NetworkAttachmentDefinition.`, AT, 'networks');
    const seen = new Set<string>();
    const rendered = list.map((n, i) => {
      const field = `networks[${i}]`;
      const s = checkObject(AT, field, n, 'a network selection ({ name, namespace?, interfaceName? })');
      const name = checkString(AT, `${field}.name`, s.name);
      syntax(`${field}.name`, name, checkDns1123Subdomain);
      const namespace = checkOptionalString(AT, `${field}.namespace`, s.namespace);
      if (namespace !== undefined) syntax(`${field}.namespace`, namespace, checkDns1123Label);
      const iface = checkOptionalString(AT, `${field}.interfaceName`, s.interfaceName);
      if (iface !== undefined) checkInterfaceName(`${field}.interfaceName`, iface, seen);
      return `${namespace !== undefined ? `${namespace}/` : ''}${name}${iface !== undefined ? `@${iface}` : ''}`;
    });
    return new NetworkAttachment(rendered.join(','));
  }

  /** The annotation's value: the networks as `[namespace/]name[@interface]`, comma-separated. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
  }

  /**
   * Annotate a DaemonSet's pods with these networks. Throws when the pods use the node's network (nothing would
   * attach them) or already name other networks.
   */
  public applyTo(daemonSet: kplus.DaemonSet): void {
    const at = `NetworkAttachment.applyTo(DaemonSet '${daemonSet?.node?.path}')`;
    if (!(daemonSet instanceof kplus.DaemonSet)) throw new DaemonSetsError('NetworkAttachment.applyTo: expects a DaemonSet.', 'NetworkAttachment.applyTo', 'daemonSet');
    if (daemonSet.hostNetwork) {
      throw new DaemonSetsError(`${at}: the pods use the node's network (hostNetwork), for which the kubelet calls no network plugin, so `
        + 'no secondary network would be attached; drop hostNetwork, or the attachment.', at, 'hostNetwork');
    }
    const existing = daemonSet.podMetadata.toJson().annotations?.[NETWORKS_ANNOTATION];
    if (existing !== undefined && existing !== this.value) {
      throw new DaemonSetsError(`${at}: the pods already name the networks '${existing}'; give all networks in one NetworkAttachment.networks() call.`, at, NETWORKS_ANNOTATION);
    }
    daemonSet.podMetadata.addAnnotation(NETWORKS_ANNOTATION, this.value);
  }
}

function syntax(field: string, value: string, check: (v: string) => string | undefined): void {
  const problem = check(value);
  if (problem) throw new DaemonSetsError(`${AT}: ${field} '${value}' ${problem}.`, AT, field);
}

function checkInterfaceName(field: string, name: string, seen: Set<string>): void {
  if (name.length === 0 || name.length > MAX_INTERFACE_NAME || !/^[A-Za-z0-9_.-]+$/.test(name) || name === '.' || name === '..') {
    throw new DaemonSetsError(`${AT}: ${field} '${name}' is not a Linux interface name (1-${MAX_INTERFACE_NAME} letters, digits, '_', '.', '-').`, AT, field);
  }
  if (seen.has(name)) throw new DaemonSetsError(`${AT}: ${field} '${name}' is used twice; each network needs its own interface.`, AT, field);
  seen.add(name);
}
