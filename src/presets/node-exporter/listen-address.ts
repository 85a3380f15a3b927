import { isIP } from 'net';
import { DaemonSetsError, describeValue } from '../../errors';

/**
 * The address the metrics endpoint listens on (the exporter's, or kube-rbac-proxy's when it is on).
 */
export class ExporterListenAddress {
  /**
   * The pod's IP (`status.podIP`, passed in through the `POD_IP` environment variable). With
   * `hostNetwork` that is the node's internal IP: Prometheus and the kubelet reach it, while
   * other interfaces of the node (a public NIC, a VPN) do not expose the port.
   */
  public static podIp(): ExporterListenAddress {
    return new ExporterListenAddress('podIp', undefined);
  }

  /** Every interface (`:9100`), as the Helm chart does by default. */
  public static allInterfaces(): ExporterListenAddress {
    return new ExporterListenAddress('all', undefined);
  }

  /**
   * A fixed IPv4 or IPv6 address of the node (needs `hostNetwork`); the probes connect to it too.
   * @param ip e.g. `10.0.0.5` or `fd00::5`
   */
  public static of(ip: string): ExporterListenAddress {
    if (typeof ip !== 'string' || isIP(ip) === 0) {
      throw new DaemonSetsError(`ExporterListenAddress.of: ${typeof ip === 'string' ? `'${ip}'` : describeValue(ip)} is not an IPv4 or IPv6 address (e.g. '10.0.0.5' or 'fd00::5'); use podIp() for the pod's own IP or allInterfaces().`, 'ExporterListenAddress.of', 'ip');
    }
    return new ExporterListenAddress('fixed', ip);
  }

  /** `podIp`, `all` or `fixed`. */
  public readonly kind: string;

  /** The fixed address, for `of()`. */
  public readonly ip?: string;

  private constructor(kind: string, ip: string | undefined) {
    this.kind = kind;
    this.ip = ip;
  }

  /** The host part of a Go listen address, e.g. `[$(POD_IP)]`, `` or `[fd00::5]`. */
  private get host(): string {
    if (this.kind === 'podIp') return '[$(POD_IP)]';
    if (this.kind === 'all') return '';
    return isIP(this.ip!) === 6 ? `[${this.ip}]` : this.ip!;
  }

  /**
   * The `host:port` listen address.
   * @internal
   */
  public _render(port: number): string {
    return `${this.host}:${port}`;
  }
}
