import { Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { CONFIG_FILE, CONTAINER } from './config';
import { LogCollectorDaemonSetProps } from './props';
import { DaemonSetContainerProps } from '../../daemon-set';
import { HealthProbe } from '../../probe';

/**
 * The fluent-bit container: uid 0 (log files are readable by root only) with every capability dropped, a
 * read-only root filesystem, the ConfigMap mounted read-only, probes on the metrics port.
 * @internal
 */
export function fluentBitContainer(
  props: LogCollectorDaemonSetProps, image: string, port: number, configDirectory: string, config: kplus.Volume, configFile: string = CONFIG_FILE,
): DaemonSetContainerProps {
  return {
    name: CONTAINER,
    image,
    command: ['/fluent-bit/bin/fluent-bit'],
    args: [`--config=${configDirectory}/${configFile}`],
    ports: [{ number: port, name: 'metrics', protocol: kplus.Protocol.TCP }],
    resources: props.resources ?? {
      cpu: { request: kplus.Cpu.millis(100) },
      memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) },
    },
    securityContext: {
      user: 0,
      group: 0,
      ensureNonRoot: false,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      ...props.containerSecurityContext,
    },
    livenessProbe: props.livenessProbe ?? HealthProbe.httpGet('/', {
      portName: 'metrics', scheme: kplus.ConnectionScheme.HTTP, initialDelay: Duration.seconds(10), period: Duration.seconds(10), timeout: Duration.seconds(5), failureThreshold: 3,
    }),
    readinessProbe: props.readinessProbe ?? HealthProbe.httpGet('/api/v2/health', {
      portName: 'metrics', scheme: kplus.ConnectionScheme.HTTP, period: Duration.seconds(10), timeout: Duration.seconds(5), failureThreshold: 3,
    }),
    volumeMounts: [{ path: configDirectory, volume: config, readOnly: true }],
  };
}

/** The hot-reload sidecar: watches the ConfigMap and calls fluent-bit's reload endpoint. @internal */
export function reloaderContainer(image: string, port: number, config: kplus.Volume): DaemonSetContainerProps {
  return {
    name: 'config-reloader',
    image,
    args: [`--webhook-url=http://localhost:${port}/api/v2/reload`, '--volume-dir=/watch/config'],
    resources: { cpu: { request: kplus.Cpu.millis(10) }, memory: { request: Size.mebibytes(16), limit: Size.mebibytes(32) } },
    securityContext: { user: 65532, group: 65532, ensureNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false },
    volumeMounts: [{ path: '/watch/config', volume: config, readOnly: true }],
  };
}
