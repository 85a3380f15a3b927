import { FluentBitSection, onOff } from '../../fluent-bit-config';
import { p } from '../outputs/common';

/**
 * Options of the `kubernetes` filter, which adds pod metadata to container log records.
 */
export interface KubernetesMetadataOptions {
  /**
   * Add the filter at all.
   * @default true
   */
  readonly enabled?: boolean;

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
}

/**
 * The `kubernetes` filter on container logs (`kube.*`), which adds pod metadata; none when disabled.
 * @internal
 */
export function kubernetesFilter(k: KubernetesMetadataOptions): FluentBitSection[] {
  if (!(k.enabled ?? true)) return [];
  return [FluentBitSection.filter('kubernetes', 'kube.*', [
    p('Merge_Log', onOff(k.mergeLog ?? true)),
    ...k.mergeLogKey !== undefined ? [p('Merge_Log_Key', k.mergeLogKey)] : [],
    p('Keep_Log', onOff(k.keepLog ?? false)),
    p('Labels', onOff(k.labels ?? true)),
    p('Annotations', onOff(k.annotations ?? false)),
    p('K8S-Logging.Parser', onOff(k.allowPodParser ?? true)),
    p('K8S-Logging.Exclude', onOff(k.allowPodExclusion ?? true)),
  ])];
}
