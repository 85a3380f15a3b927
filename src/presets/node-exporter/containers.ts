import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { ExporterListenAddress } from './listen-address';
import { KubeRbacProxyOptions, NodeExporterDaemonSetProps } from './props';
import { DaemonSetContainerProps } from '../../daemon-set';
import { DaemonSetsError } from '../../errors';
import { checkImageReference } from '../../k8s/syntax';
import { HealthProbe } from '../../probe';


export const EXPORTER = 'node-exporter';
export const PROXY = 'kube-rbac-proxy';
export const METRICS = 'metrics';
export const PROXY_TLS_MOUNT = '/etc/kube-rbac-proxy/tls';
// TLS 1.2 suites with forward secrecy and AEAD; TLS 1.3 suites are not configurable in Go.
export const PROXY_CIPHER_SUITES = [
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
];

const PROBE_TIMING = { period: Duration.seconds(10), timeout: Duration.seconds(5), failureThreshold: 3 };

/** The pod's IP from the downward API, which the listen address refers to. */
function podIpEnv(): { [name: string]: kplus.EnvValue } {
  return { POD_IP: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.POD_IP) };
}

/** What the containers are made of, decided before them. @internal */
export interface ContainerChoices {
  readonly image: string;
  readonly proxyImageDefault: string;
  readonly args: string[];
  readonly port: number;
  readonly listen: ExporterListenAddress;
  readonly proxy: boolean;
  readonly hostNetwork: boolean;
  readonly user: number;
  readonly group: number;
}

/**
 * The pod's containers: the exporter, kube-rbac-proxy in front of it when asked, then the sidecars; the
 * exporter non-root with every capability dropped, a read-only root filesystem and probes on the metrics port.
 * @internal
 */
export function nodeExporterContainers(
  props: NodeExporterDaemonSetProps, c: ContainerChoices, fail: (field: string, message: string) => DaemonSetsError,
): DaemonSetContainerProps[] {
  const { image, args, port, listen, proxy, hostNetwork, user, group } = c;
  const proxyOptions = props.kubeRbacProxy;
  if (props.envVariables?.POD_IP !== undefined && listen.kind === 'podIp' && !proxy) {
    throw fail('envVariables', 'POD_IP is set by the preset (the listen address refers to it); choose another name');
  }
  const securityContext: kplus.ContainerSecurityContextProps = {
    user,
    group,
    ensureNonRoot: user !== 0,
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
  };
  const web = props.webConfig;
  const exporterProbe = () => {
    // The preset writes `scheme: HTTP` explicitly, as the upstream chart does (HealthProbe.httpGet no longer forces it).
    if (proxy) return HealthProbe.httpGet('/', { port, host: '127.0.0.1', scheme: kplus.ConnectionScheme.HTTP, ...PROBE_TIMING });
    // exporter-toolkit answers 401 to every path without credentials, which the kubelet's probes cannot send.
    if (web?.requiresAuthentication) return HealthProbe.tcpSocket({ portName: METRICS, ...PROBE_TIMING });
    const scheme = web?.tls ? kplus.ConnectionScheme.HTTPS : kplus.ConnectionScheme.HTTP;
    return HealthProbe.httpGet('/', { portName: METRICS, host: listen.ip, scheme, ...PROBE_TIMING });
  };
  const exporter: DaemonSetContainerProps = {
    name: EXPORTER,
    image,
    args,
    envVariables: { ...props.envVariables, ...!proxy && listen.kind === 'podIp' ? podIpEnv() : {} },
    ports: proxy ? [] : [{ number: port, name: METRICS, hostPort: hostNetwork ? port : undefined }],
    resources: props.resources ?? {
      cpu: { request: kplus.Cpu.millis(50) },
      memory: { request: Size.mebibytes(64), limit: Size.mebibytes(256) },
    },
    securityContext,
    capabilities: { drop: ['ALL'], add: props.sysTimeCapability ? ['SYS_TIME'] : [] },
    livenessProbe: props.livenessProbe ?? exporterProbe(),
    readinessProbe: props.readinessProbe ?? exporterProbe(),
  };

  const containers: DaemonSetContainerProps[] = [exporter];
  if (proxyOptions) containers.push(kubeRbacProxyContainer(proxyOptions, c, securityContext, fail));
  for (const s of props.sidecars ?? []) {
    if (s.name === EXPORTER || s.name === PROXY) throw fail('sidecars', `container name '${s.name}' is taken by the preset; name the sidecar differently`);
    containers.push(s);
  }

  return containers;
}

/** kube-rbac-proxy in front of the exporter: TLS on the metrics port, the exporter's port upstream on 127.0.0.1. */
function kubeRbacProxyContainer(
  o: KubeRbacProxyOptions, c: ContainerChoices, securityContext: kplus.ContainerSecurityContextProps,
  fail: (field: string, message: string) => DaemonSetsError,
): DaemonSetContainerProps {
  const { port, listen } = c;
  const proxyImage = o.image ?? c.proxyImageDefault;
  const pp = checkImageReference(proxyImage);
  if (pp) throw fail('kubeRbacProxy.image', `'${proxyImage}' ${pp}`);
  for (const arg of o.extraArgs ?? []) {
    if (!arg.startsWith('--')) throw fail('kubeRbacProxy.extraArgs', `'${arg}' is not a flag; kube-rbac-proxy flags start with '--'`);
    if (['--secure-listen-address', '--upstream'].includes(arg.split('=')[0])) {
      throw fail('kubeRbacProxy.extraArgs', `'${arg}' sets a flag this preset manages; use the port and listenAddress props`);
    }
  }
  const tls = o.tlsSecret ? [`--tls-cert-file=${PROXY_TLS_MOUNT}/tls.crt`, `--tls-private-key-file=${PROXY_TLS_MOUNT}/tls.key`] : [];
  const container: DaemonSetContainerProps = {
    name: PROXY,
    image: proxyImage,
    args: [
      `--secure-listen-address=${listen._render(port)}`,
      `--upstream=http://127.0.0.1:${port}/`,
      '--tls-min-version=VersionTLS12',
      `--tls-cipher-suites=${PROXY_CIPHER_SUITES.join(',')}`,
      ...tls,
      ...o.extraArgs ?? [],
    ],
    envVariables: listen.kind === 'podIp' ? podIpEnv() : {},
    ports: [{ number: port, name: METRICS, hostPort: port }],
    resources: o.resources ?? {
      cpu: { request: kplus.Cpu.millis(10) },
      memory: { request: Size.mebibytes(20), limit: Size.mebibytes(64) },
    },
    securityContext,
    capabilities: { drop: ['ALL'] },
    livenessProbe: HealthProbe.tcpSocket({ portName: METRICS, ...PROBE_TIMING }),
    readinessProbe: HealthProbe.tcpSocket({ portName: METRICS, ...PROBE_TIMING }),
  };
  if (o.scrapeTokenKey !== undefined && o.scrapeTokenSecret === undefined) {
    throw fail('kubeRbacProxy.scrapeTokenKey', 'is set without scrapeTokenSecret; give the Secret too');
  }
  return container;
}
