import { Size } from 'cdk8s';
import { boundFilter, BoundLogFilter, FilterContext, LogFilterOptions, readFilterCommon } from './common';
import { FluentBitProperty, fluentBitSize, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * Options of the `kubernetes` filter, which adds pod metadata to container log records.
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/kubernetes
 */
export interface KubernetesFilterOptions extends LogFilterOptions {
  /**
   * Parse a `log` field holding JSON into record fields (`Merge_Log`).
   * @default true
   */
  readonly mergeLog?: boolean;

  /**
   * Put merged fields under this key instead of the record's top level (`Merge_Log_Key`),
   * which keeps application fields from colliding with fluent-bit's own.
   * @default - the top level
   */
  readonly mergeLogKey?: string;

  /**
   * Keep the original `log` field after a successful merge (`Keep_Log`).
   * @default false - the merged fields already hold it; keeping it doubles the bytes shipped
   */
  readonly keepLog?: boolean;

  /**
   * Add the pod's labels (`Labels`).
   * @default true
   */
  readonly labels?: boolean;

  /**
   * Add the pod's annotations (`Annotations`).
   * @default false - annotations often hold large blobs (last-applied configuration, checksums)
   * that would be shipped with every line
   */
  readonly annotations?: boolean;

  /**
   * Let pods choose a predefined parser with the `fluentbit.io/parser` annotation (`K8S-Logging.Parser`).
   * @default true
   */
  readonly allowPodParser?: boolean;

  /**
   * Let pods opt out of collection with the `fluentbit.io/exclude: "true"` annotation (`K8S-Logging.Exclude`).
   * @default true
   */
  readonly allowPodExclusion?: boolean;

  /**
   * The tag prefix before the container log file's name (`Kube_Tag_Prefix`); change it with the tag of a
   * `LogInput.tail()` over container logs.
   * @default - 'kube.var.log.containers.', which matches `LogInput.containerLogs()`
   */
  readonly kubeTagPrefix?: string;

  /**
   * The largest API server response read (`Buffer_Size`).
   * @default - 32k
   */
  readonly bufferSize?: Size;

  /**
   * Add the namespace's labels (`Namespace_Labels`).
   * @default false
   */
  readonly namespaceLabels?: boolean;

  /**
   * Add the namespace's annotations (`Namespace_Annotations`).
   * @default false
   */
  readonly namespaceAnnotations?: boolean;

  /**
   * Ask the node's kubelet for pod metadata instead of the API server (`Use_Kubelet`), which spares the API
   * server a watch per node on large clusters. The collector then reads the node's IP from an env var
   * (`Kubelet_Host ${NODE_IP}`) and its ClusterRole may read nodes and `nodes/proxy`. The kubelet's serving
   * certificate must be signed by the cluster CA, or set `tlsVerify: false`.
   * @default false
   */
  readonly useKubelet?: boolean;

  /**
   * Verify the API server's (or kubelet's) certificate (`tls.verify`).
   * @default true
   */
  readonly tlsVerify?: boolean;
}

/**
 * Options of the `kubernetes` filter the collector adds by default (`kubernetesMetadata`).
 */
export interface KubernetesMetadataOptions extends KubernetesFilterOptions {
  /**
   * Add the filter at all.
   * @default true
   */
  readonly enabled?: boolean;
}

/**
 * Binds `LogFilter.kubernetes()`: metadata for container logs (`kube.*`).
 * @internal
 */
export function kubernetesFilter(raw: unknown, ctx: FilterContext, what = 'a KubernetesFilterOptions object'): BoundLogFilter {
  const o = new PluginOptions(ctx, raw, what);
  const c = readFilterCommon(o, 'kube.*');
  const body: FluentBitProperty[] = [p('Merge_Log', onOff(o.bool('mergeLog') ?? true))];
  const mergeLogKey = o.text('mergeLogKey', { word: true, allowed: 'a single word such as \'app\'' });
  if (mergeLogKey !== undefined) body.push(p('Merge_Log_Key', mergeLogKey));
  body.push(
    p('Keep_Log', onOff(o.bool('keepLog') ?? false)),
    p('Labels', onOff(o.bool('labels') ?? true)),
    p('Annotations', onOff(o.bool('annotations') ?? false)),
    p('K8S-Logging.Parser', onOff(o.bool('allowPodParser') ?? true)),
    p('K8S-Logging.Exclude', onOff(o.bool('allowPodExclusion') ?? true)),
  );
  const prefix = o.text('kubeTagPrefix', { word: true });
  if (prefix !== undefined) body.push(p('Kube_Tag_Prefix', prefix));
  const buffer = o.size('bufferSize', 1024, 2 ** 30);
  if (buffer !== undefined) body.push(p('Buffer_Size', fluentBitSize(buffer)));
  for (const [option, key] of [['namespaceLabels', 'Namespace_Labels'], ['namespaceAnnotations', 'Namespace_Annotations']] as const) {
    const value = o.bool(option);
    if (value !== undefined) body.push(p(key, onOff(value)));
  }
  const useKubelet = o.bool('useKubelet') ?? false;
  if (useKubelet) body.push(p('Use_Kubelet', 'On'), p('Kubelet_Host', `\${${KUBELET_HOST_ENV}}`));
  const tlsVerify = o.bool('tlsVerify');
  if (tlsVerify !== undefined) body.push(p('tls.verify', onOff(tlsVerify)));
  o.done();
  return boundFilter('kubernetes', c, body, { kubernetes: true, useKubelet });
}

/** The env var holding the node's IP for `Kubelet_Host`. @internal */
export const KUBELET_HOST_ENV = 'NODE_IP';
