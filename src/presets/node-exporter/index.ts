// The node-exporter preset's public face; the other files of this folder are its parts.
export { NodeExporterDaemonSet } from './node-exporter';
export { NodeExporterMonitor, NodeExporterTolerations } from './props';
export type { KubeRbacProxyOptions, NodeExporterDaemonSetProps, NodeExporterHostMount, NodeExporterNetworkPolicyOptions } from './props';
export { NodeExporterCollector } from './collectors';
export { ExporterListenAddress } from './listen-address';
export { PrometheusRelabelAction } from './monitoring';
export type { PrometheusRelabelConfig, PrometheusRuleDefinition, PrometheusRuleGroup } from './monitoring';
export { NodeExporterWebConfig } from './web-config';
export type { NodeExporterWebConfigOptions } from './web-config';
export type { NodeExporterNodeAffinity, NodeExporterPreferredNode } from './affinity';
export type { NodeExporterConfigMapMount, NodeExporterSecretMount } from './config-mounts';
