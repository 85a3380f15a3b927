import { wholeNumber } from './amounts';
import { DaemonSetsError, describeValue } from '../errors';
import { checkObject, checkOptionalArray } from '../input-checks';
import { checkDns1123Label } from '../k8s/syntax';

/** The pod annotation that limits a pod's ingress bandwidth (CCE: "Configuring QoS for a Pod", cce_10_0382). */
const INGRESS_BANDWIDTH = 'kubernetes.io/ingress-bandwidth';

/** The pod annotation that limits a pod's egress bandwidth (CCE: "Configuring QoS for a Pod", cce_10_0382). */
const EGRESS_BANDWIDTH = 'kubernetes.io/egress-bandwidth';

/** The pod annotation that chooses which containers' standard output CCE's ICAgent reports to AOM (cce_10_0386). */
const AOM_STDOUT = 'kubernetes.AOM.log.stdout';

/**
 * The highest bandwidth limit CCE documents for tunnel, VPC and Cloud Native 2.0 networks: 4.29 Gbit/s, here in
 * Mbit/s (cce_10_0382). DataPlane V2 clusters accept more, but only under a service ticket, so the form's range is
 * the one checked.
 */
const BANDWIDTH_MAX_MBPS = 4290;

/**
 * Options of `HuaweiCceAnnotations.pod()`: pod fields of CCE's create-workload form that CCE writes as pod
 * annotations. Each is written only when given.
 */
export interface HuaweiCcePodAnnotationOptions {
  /**
   * "Advanced Settings > Network Configuration": the pod's ingress bandwidth limit in Mbit/s, a whole number from 1
   * to 4290 (CCE's range: 1 Mbit/s to 4.29 Gbit/s), written as `kubernetes.io/ingress-bandwidth: <n>M`. CCE does
   * not apply it to host-network pods, to secure-runtime (Kata) pods, nor on DataPlane V2 networks, which limit
   * egress only. Source: "Configuring QoS for a Pod" (cce_10_0382).
   * @default - no ingress limit
   */
  readonly ingressBandwidthMbps?: number;

  /**
   * "Advanced Settings > Network Configuration": the pod's egress bandwidth limit in Mbit/s, a whole number from 1
   * to 4290, written as `kubernetes.io/egress-bandwidth: <n>M`. Not applied to host-network or secure-runtime pods.
   * Source: "Configuring QoS for a Pod" (cce_10_0382).
   * @default - no egress limit
   */
  readonly egressBandwidthMbps?: number;

  /**
   * "Container Settings > Logging": the containers whose standard output CCE's ICAgent reports to AOM, written as
   * `kubernetes.AOM.log.stdout: '["a","b"]'`; an empty list turns the collection off for every container. Names
   * must be DNS-1123 labels (container names). Source: "Configuring Labels and Annotations" (cce_10_0386, Table 1).
   * @default - the annotation is not written: CCE reports every container's standard output
   */
  readonly stdoutLogContainers?: string[];
}

/**
 * Pod annotations that Huawei Cloud CCE's create-workload form writes for fields that have no Kubernetes field of
 * their own: the pod's bandwidth limits and the standard-output log collection. Pass the result to a DaemonSet's
 * `podMetadata: { annotations }` (or `ds.podMetadata.addAnnotation()` each entry). Sources (OTC's copy of CCE's
 * user manual, https://github.com/opentelekomcloud-docs/cloud-container-engine, `umn/source`): "Configuring QoS for a
 * Pod" (cce_10_0382) and "Configuring Labels and Annotations" (cce_10_0386).
 */
export class HuaweiCceAnnotations {
  /**
   * The pod annotations for the options given; options left out write nothing.
   * @param options the bandwidth limits and the containers whose standard output is collected
   */
  public static pod(options: HuaweiCcePodAnnotationOptions): { [key: string]: string } {
    const at = 'HuaweiCceAnnotations.pod';
    const o = checkObject(at, 'options', options,
      'a HuaweiCcePodAnnotationOptions object ({ ingressBandwidthMbps?, egressBandwidthMbps?, stdoutLogContainers? })');
    const out: { [key: string]: string } = {};
    if (o.ingressBandwidthMbps !== undefined) {
      out[INGRESS_BANDWIDTH] = `${wholeNumber(at, 'ingressBandwidthMbps', o.ingressBandwidthMbps, 1, BANDWIDTH_MAX_MBPS, 'Mbit/s')}M`;
    }
    if (o.egressBandwidthMbps !== undefined) {
      out[EGRESS_BANDWIDTH] = `${wholeNumber(at, 'egressBandwidthMbps', o.egressBandwidthMbps, 1, BANDWIDTH_MAX_MBPS, 'Mbit/s')}M`;
    }
    const containers = checkOptionalArray<unknown>(at, 'stdoutLogContainers', o.stdoutLogContainers, 'container names');
    if (containers !== undefined) out[AOM_STDOUT] = JSON.stringify(containers.map(name => containerName(at, name)));
    return out;
  }

  private constructor() {}
}

function containerName(at: string, value: unknown): string {
  const problem = typeof value === 'string' ? checkDns1123Label(value) : 'is not a string';
  if (problem) {
    throw new DaemonSetsError(`${at}: stdoutLogContainers has ${describeValue(value)}, which ${problem}; a container name is a DNS-1123 label.`, at, 'stdoutLogContainers');
  }
  return value as string;
}
