import { asObject } from '../k8s/shape';
import { COMPONENT_LABEL, LOG_COLLECTOR_COMPONENT, NAME_LABEL, NODE_EXPORTER_NAME } from '../k8s/well-known';

type Json = { [key: string]: any };

/**
 * What a node agent is for, when the report can tell: the agents every node should get.
 */
export enum AgentRole {
  /** Ships the node's and its pods' logs (`LogCollectorDaemonSet`, fluent-bit, fluentd, vector, ...). */
  LOG_COLLECTOR = 'log-collector',
  /** Exposes the node's metrics (`NodeExporterDaemonSet`, prometheus-node-exporter). */
  NODE_EXPORTER = 'node-exporter',
}

const NAME_LABELS = [NAME_LABEL, 'app', 'k8s-app', 'name'];
const LOG_COLLECTOR_NAMES = new Set(['fluent-bit', 'fluentbit', 'fluentd', 'fluentd-elasticsearch', 'fluentd-logging', 'vector', 'promtail', 'filebeat', 'logging-agent']);
const NODE_EXPORTER_NAMES = new Set([NODE_EXPORTER_NAME, 'prometheus-node-exporter']);

/**
 * The roles of a DaemonSet, from the labels of `LogCollectorDaemonSet` and
 * `NodeExporterDaemonSet` (`app.kubernetes.io/component: log-collector`,
 * `app.kubernetes.io/name: node-exporter`) and the names well-known charts use, on the
 * DaemonSet or its pod template.
 * @internal
 */
export function agentRolesOf(daemonSet: Json): AgentRole[] {
  const ds = asObject(daemonSet);
  const labels: Json = { ...asObject(asObject(asObject(asObject(ds.spec).template).metadata).labels), ...asObject(asObject(ds.metadata).labels) };
  const names = NAME_LABELS.map(k => labels[k]).filter((v): v is string => typeof v === 'string');
  const roles: AgentRole[] = [];
  if (labels[COMPONENT_LABEL] === LOG_COLLECTOR_COMPONENT || names.some(n => LOG_COLLECTOR_NAMES.has(n))) roles.push(AgentRole.LOG_COLLECTOR);
  if (names.some(n => NODE_EXPORTER_NAMES.has(n))) roles.push(AgentRole.NODE_EXPORTER);
  return roles;
}
