// The public API of cdk8s-daemonsets, and its semver promise: every name here is exported on purpose.
// Helpers the constructs share stay in their modules (import them by path inside this package only).

// Errors
export { DaemonSetsErrors } from './errors';

// The DaemonSet construct
export { DaemonSet } from './daemon-set';
export { DaemonSetsApp } from './daemon-sets-app';
export type { DaemonSetContainerProps, DaemonSetProps, HostPathMountOptions, VolumeMountByNameOptions } from './daemon-set';
export { TerminationMessagePolicy, WhenUnsatisfiable } from './daemon-set/props';
export type { TopologySpreadConstraint } from './daemon-set/props';
export { Hardening } from './daemon-set/hardening';

// Value objects of a DaemonSet
export { DaemonSetUpdateStrategy } from './update-strategy';
export type { RollingUpdateOptions } from './update-strategy';
export { Timezone } from './timezone';
export { AgentResources, ExtendedResource, ResourceQuantity } from './resources';
export type { ContainerResourceQuantities, ExtendedResourceOptions, ResourceQuantityBounds } from './resources';
export { HealthProbe } from './probe';
export type {
  GrpcHealthProbeOptions, HealthProbeOptions, HttpGetHealthProbeOptions, HttpHeader, ProbePortOptions, TcpSocketHealthProbeOptions,
} from './probe';
export { NodePlacement } from './placement';
export { AppArmorProfile, ProcMount, SeccompProfile, SupplementalGroupsPolicy } from './security';
export type { CapabilityOptions, SeLinuxOptions } from './security';
export { DaemonSetServiceType, ServiceTrafficPolicy } from './service';
export type { DaemonSetServiceOptions, DaemonSetServicePort } from './service';
export { ScrapeScheme } from './prometheus';
export type { PrometheusScrapeOptions } from './prometheus';
export { CONFIG_CHECKSUM_PREFIX } from './config-checksum';
export { NamespaceQuota } from './quota';
export type { ContainerResourceAmounts, NamespaceQuotaProps } from './quota';

// Presets
export { MetricsMonitor } from './presets/common';
export { FluentBitSection } from './presets/fluent-bit-config';
export type { FluentBitProperty } from './presets/fluent-bit-config';
export type { FluentBitClassicLayout } from './presets/fluent-bit-config';
export {
  ContainerRuntime, FluentBitLogLevel, HttpOutputFormat, LogCollectorDaemonSet, LogOutput, LokiLineFormat, StdoutOutputFormat,
  FluentBitConfigFormat, LogInput, LogFilter, LogParser, ModifyOperation, ModifyCondition, SystemdFilterType, SyslogMode, SyslogFraming,
  TcpInputFormat, GrepLogicalOp, NestOperation, MultilineFilterMode, ParserFieldType, MultilineParserType,
} from './presets/log-collector';
export type {
  ElasticsearchOutputOptions, ForwardOutputOptions, HttpOutputOptions, KubernetesMetadataOptions, LogCollectorDaemonSetProps,
  LogOutputOptions, LogOutputSecretEnv, LogOutputTlsOptions, LokiOutputOptions, RawLogOutputOptions, StdoutOutputOptions,
  LogInputOptions, NetworkInputOptions, ContainerLogsInputOptions, TailInputOptions, SystemdInputOptions, ForwardInputOptions,
  SyslogInputOptions, TcpInputOptions, HttpListenerOptions, HttpInputOptions, OpenTelemetryInputOptions, LogInputPort, LogInputHostPath,
  RawLogInputOptions, LogFilterOptions, KubernetesFilterOptions, LuaFilterOptions, GrepFilterOptions, GrepRule, ModifyFilterOptions,
  NestFilterOptions, MultilineFilterOptions, ThrottleFilterOptions, RawLogFilterOptions, LogParserOptions, RegexParserOptions,
  LogfmtParserOptions, MultilineParserOptions, MultilineRule,
} from './presets/log-collector';
export {
  ExporterListenAddress, NodeExporterCollector, NodeExporterDaemonSet, NodeExporterMonitor, NodeExporterTolerations, PrometheusRelabelAction,
  NodeExporterWebConfig,
} from './presets/node-exporter';
export type {
  KubeRbacProxyOptions, NodeExporterDaemonSetProps, NodeExporterHostMount, NodeExporterNetworkPolicyOptions, PrometheusRelabelConfig,
  PrometheusRuleDefinition, PrometheusRuleGroup, NodeExporterConfigMapMount, NodeExporterNodeAffinity, NodeExporterPreferredNode,
  NodeExporterSecretMount, NodeExporterWebConfigOptions,
} from './presets/node-exporter';

// Vendor accelerators and pod networks (docs/console-guide.md)
export {
  HuaweiCceAnnotations, HuaweiCceContainerNetwork, HuaweiCceNodes, HuaweiCceResources, KubeSphereAnnotations, NetworkAttachment, TkeStackNetwork,
  VolcengineResources,
} from './vendors';
export type { CceVirtualGpuOptions, HuaweiCcePodAnnotationOptions, KubeSphereMetadataOptions, NetworkSelection, VolcengineMgpuOptions } from './vendors';

// Validation
export { Severity } from './validation/rule';
export { DEFAULT_KUBERNETES_VERSION, ManifestValidator, validateManifests, ValidationReport } from './validation/engine';
export type { RuleDescription, SuppressedFinding, ValidationFinding, ValidationOptions } from './validation/engine';
export { AppValidation } from './validation/cdk8s/app-validation';
export { DaemonSetsValidation } from './validation/cdk8s/cdk8s-plugin';
export type {
  Cdk8sResourceConstructMetadata, Cdk8sValidationViolation, Cdk8sViolatingResource, DaemonSetsValidationProps, ICdk8sValidationContext,
  ICdk8sValidationReport,
} from './validation/cdk8s/cdk8s-plugin';

// Scheduling and the DaemonSet tax report
export { NodeProfile, NodeTaintEffect } from './scheduling/node-profile';
export type { NodeAllocatable, NodeProfileProps, NodeTaint } from './scheduling/node-profile';
export { NodePools } from './scheduling/node-pools';
export type { NodePool } from './scheduling/node-pools';
export { PlacementEngine } from './scheduling/placement-engine';
export type { PlacementDecision } from './scheduling/placement-engine';
export { AgentRole } from './scheduling/agent-role';
export { DaemonSetTaxReport } from './report/tax-report';
export type { TaxReportCell, TaxReportDaemonSet, TaxReportOptions, TaxReportProfile, TaxReportTotals } from './report/tax-report';
