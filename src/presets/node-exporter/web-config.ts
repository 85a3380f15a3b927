import * as kplus from 'cdk8s-plus-27';
import { DaemonSetsError } from '../../errors';
import { checkObject, checkOptionalBoolean, checkOptionalObject, checkOptionalString, checkString } from '../../input-checks';
import { configKeyProblem } from '../../k8s/config-keys';

/**
 * Options of `NodeExporterWebConfig.fromSecret()`.
 */
export interface NodeExporterWebConfigOptions {
  /**
   * The Secret's key holding the web configuration file.
   * @default 'web-config.yml'
   */
  readonly key?: string;

  /**
   * Whether the file turns TLS on (`tls_server_config`). The probes then use HTTPS (the kubelet does not verify
   * the certificate) and the ServiceMonitor or PodMonitor scrapes with `scheme: https`.
   * @default true
   */
  readonly tls?: boolean;

  /**
   * Whether every request must authenticate: the file sets `basic_auth_users`, or a `client_auth_type` that
   * requires a client certificate. The kubelet's HTTP probes cannot, and exporter-toolkit answers 401 to every
   * path, so the default probes then connect over TCP instead.
   * @default - true with `scrapeBasicAuthSecret`, false otherwise
   */
  readonly requiresAuthentication?: boolean;

  /**
   * A `kubernetes.io/basic-auth` Secret (keys `username` and `password`) in the monitor's namespace, whose
   * credentials the ServiceMonitor or PodMonitor sends (`basicAuth`).
   * @default - no credentials
   */
  readonly scrapeBasicAuthSecret?: kplus.ISecret;

  /**
   * A Secret in the monitor's namespace whose `ca.crt` is the CA Prometheus verifies the exporter's certificate
   * with (`tlsConfig.ca`; cert-manager's Secrets carry it).
   * @default - the certificate is not verified (`insecureSkipVerify`), as for kube-rbac-proxy: exporters are
   * scraped by node IP, which per-node certificates rarely name
   */
  readonly scrapeCaSecret?: kplus.ISecret;

  /**
   * The name Prometheus expects in the exporter's certificate (`tlsConfig.serverName`).
   * @default - the target's address
   */
  readonly scrapeServerName?: string;
}

/**
 * node_exporter's web configuration (exporter-toolkit's `--web.config.file`): TLS, basic authentication and
 * HTTP headers of the metrics endpoint, read from a Secret. The whole Secret is mounted read-only at
 * `NodeExporterWebConfig.MOUNT_PATH`, so the certificate and key can sit beside the file in the same Secret and
 * be named by that path (`cert_file: /etc/node-exporter/web/tls.crt`); a certificate kept in another Secret can
 * be mounted with `secretMounts`. node_exporter reads the file on every request, so a renewed certificate or a
 * changed password takes effect without a restart once the kubelet updates the mounted Secret.
 *
 * @see https://github.com/prometheus/exporter-toolkit/blob/master/docs/web-configuration.md
 */
export class NodeExporterWebConfig {
  /** Where the Secret is mounted in the exporter container. */
  public static readonly MOUNT_PATH = '/etc/node-exporter/web';

  /**
   * The web configuration file in a Secret.
   * @param secret the Secret holding the file (and, typically, the certificate and key it names)
   */
  public static fromSecret(secret: kplus.ISecret, options: NodeExporterWebConfigOptions = {}): NodeExporterWebConfig {
    const at = 'NodeExporterWebConfig.fromSecret';
    const s = checkObject(at, 'secret', secret, 'a kplus.ISecret');
    checkString(at, 'secret.name', s.name, { nonEmpty: true });
    const o = checkObject(at, 'options', options, 'a NodeExporterWebConfigOptions object');
    checkOptionalString(at, 'options.key', o.key);
    checkOptionalBoolean(at, 'options.tls', o.tls);
    checkOptionalBoolean(at, 'options.requiresAuthentication', o.requiresAuthentication);
    checkOptionalString(at, 'options.scrapeServerName', o.scrapeServerName, { nonEmpty: true });
    for (const field of ['scrapeBasicAuthSecret', 'scrapeCaSecret']) {
      const ref = checkOptionalObject(at, `options.${field}`, o[field], 'a kplus.ISecret');
      if (ref) checkString(at, `options.${field}.name`, ref.name, { nonEmpty: true });
    }
    const fail = (field: string, message: string) => new DaemonSetsError(`${at}: ${field}: ${message}.`, at, field);
    const key = options.key ?? 'web-config.yml';
    const kp = configKeyProblem(key);
    if (kp) throw fail('options.key', `'${key}' ${kp}`);
    const tls = options.tls ?? true;
    if (!tls) {
      for (const field of ['scrapeCaSecret', 'scrapeServerName'] as const) {
        if (options[field] !== undefined) throw fail(`options.${field}`, 'is set but tls is false; it only applies to an HTTPS endpoint');
      }
    }
    const requiresAuthentication = options.requiresAuthentication ?? options.scrapeBasicAuthSecret !== undefined;
    return new NodeExporterWebConfig(secret, key, tls, requiresAuthentication, options);
  }

  /** The Secret holding the file. */
  public readonly secret: kplus.ISecret;

  /** The file's key in the Secret. */
  public readonly key: string;

  /** Whether the endpoint serves HTTPS. */
  public readonly tls: boolean;

  /** Whether every request must authenticate (the probes then connect over TCP). */
  public readonly requiresAuthentication: boolean;

  private readonly options: NodeExporterWebConfigOptions;

  private constructor(secret: kplus.ISecret, key: string, tls: boolean, requiresAuthentication: boolean, options: NodeExporterWebConfigOptions) {
    this.secret = secret;
    this.key = key;
    this.tls = tls;
    this.requiresAuthentication = requiresAuthentication;
    this.options = options;
  }

  /**
   * node_exporter's `--web.config.file` argument.
   * @internal
   */
  public _flag(): string {
    return `--web.config.file=${NodeExporterWebConfig.MOUNT_PATH}/${this.key}`;
  }

  /**
   * The monitor endpoint's fields: scheme, TLS verification and basic authentication.
   * @internal
   */
  public _endpointFields(): { [key: string]: unknown } {
    const o = this.options;
    const tlsConfig = !this.tls ? undefined : {
      ...o.scrapeCaSecret ? { ca: { secret: { name: o.scrapeCaSecret.name, key: 'ca.crt' } } } : { insecureSkipVerify: true },
      ...o.scrapeServerName !== undefined ? { serverName: o.scrapeServerName } : {},
    };
    const basicAuth = o.scrapeBasicAuthSecret ? {
      username: { name: o.scrapeBasicAuthSecret.name, key: 'username' },
      password: { name: o.scrapeBasicAuthSecret.name, key: 'password' },
    } : undefined;
    return { scheme: this.tls ? 'https' : 'http', tlsConfig, basicAuth };
  }
}
