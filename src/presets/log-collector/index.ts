// The log collector preset's public face; the other files of this folder are its parts.
export { LogCollectorDaemonSet } from './log-collector';
export { ContainerRuntime, FluentBitLogLevel } from './props';
export type { LogCollectorDaemonSetProps } from './props';
export type { KubernetesMetadataOptions } from './filters/kubernetes';
export { LogOutput } from './outputs/log-output';
export type { LogOutputOptions, LogOutputTlsOptions } from './outputs/common';
export type { ElasticsearchOutputOptions } from './outputs/elasticsearch';
export { LokiLineFormat } from './outputs/loki';
export type { LokiOutputOptions } from './outputs/loki';
export type { ForwardOutputOptions } from './outputs/forward';
export { HttpOutputFormat } from './outputs/http';
export type { HttpOutputOptions } from './outputs/http';
export { StdoutOutputFormat } from './outputs/stdout';
export type { StdoutOutputOptions } from './outputs/stdout';
export type { LogOutputSecretEnv, RawLogOutputOptions } from './outputs/raw';
