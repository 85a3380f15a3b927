/**
 * Targeted mutations: one per case of issue 16's "Misses, by kind" and "Wrong or over-strict" lists (and a
 * few valid neighbours of them, so both verdicts are exercised). Each sets one path of one base to a value
 * (or removes it); the value may be computed from the base's current content.
 */
import { Segment, getAt } from './json-path';

/** A single change to a named base. */
export interface TargetedChange {
  /** Base id (see corpus.ts). */
  readonly base: string;
  /** The path changed. */
  readonly path: readonly Segment[];
  /** Stable mutation name, the last part of the mutant id. */
  readonly mutation: string;
  /** The new value, `undefined` to remove the field, or a function of the current value and the base. */
  readonly value: unknown | ((current: any, base: any) => unknown);
}

const AGENT = 'lib-agent/DaemonSet/agent';
const NODE_EXPORTER = 'lib-node-exporter/DaemonSet/api-agreement-node-exporter';
const LOGS = 'lib-log-collector/DaemonSet/api-agreement-logs';
const SERVICE = 'hand/Service/web';
const HEADLESS = 'hand/Service/agents-headless';
const CONFIG_MAP = 'hand/ConfigMap/settings';
const SERVICE_ACCOUNT = 'hand/ServiceAccount/collector';
const POD = 'hand/Pod/debug-agent';

const TPL: Segment[] = ['spec', 'template', 'spec'];
const C0: Segment[] = [...TPL, 'containers', 0];
const POD_SPEC: Segment[] = ['spec'];
const POD_C0: Segment[] = ['spec', 'containers', 0];
const KIB = 1024;

/** Index of the env var `name` of the agent's container (the order is the library's, sorted by name). */
const ENV = (name: string) => ['CPU_LIMIT', 'EXTRA', 'LOG_LEVEL', 'NODE_NAME', 'TOKEN'].indexOf(name);

/** Index of the first volume of a DaemonSet base whose source is `source`. */
function volumeIndex(base: any, source: string): number {
  return ((getAt(base, [...TPL, 'volumes']) as any[]) ?? []).findIndex((v) => v && v[source] !== undefined);
}

/** A change to the volume of `base` with source `source`, at `rest` below it. */
function onVolume(base: string, source: string, rest: Segment[], mutation: string, value: unknown): (bases: Map<string, any>) => TargetedChange {
  return (bases) => ({ base, path: [...TPL, 'volumes', volumeIndex(bases.get(base), source), ...rest], mutation, value });
}

type Entry = TargetedChange | ((bases: Map<string, any>) => TargetedChange);

const numericRanges: Entry[] = [
  { base: AGENT, path: [...C0, 'livenessProbe', 'periodSeconds'], mutation: 'probe-period-negative', value: -1 },
  { base: AGENT, path: [...C0, 'readinessProbe', 'timeoutSeconds'], mutation: 'probe-timeout-negative', value: -1 },
  { base: AGENT, path: [...C0, 'livenessProbe', 'failureThreshold'], mutation: 'probe-failure-negative', value: -1 },
  { base: AGENT, path: [...C0, 'livenessProbe', 'successThreshold'], mutation: 'liveness-success-2', value: 2 },
  { base: AGENT, path: [...C0, 'securityContext', 'runAsUser'], mutation: 'run-as-user-2^31', value: 2 ** 31 },
  { base: AGENT, path: [...C0, 'securityContext', 'runAsUser'], mutation: 'run-as-user-2^31-1', value: 2 ** 31 - 1 },
  { base: AGENT, path: [...C0, 'securityContext', 'runAsGroup'], mutation: 'run-as-group-negative', value: -1 },
  { base: AGENT, path: [...TPL, 'securityContext', 'fsGroup'], mutation: 'fs-group-2^31', value: 2 ** 31 },
  { base: POD, path: [...POD_SPEC, 'securityContext', 'runAsUser'], mutation: 'run-as-user-2^31', value: 2 ** 31 },
  { base: POD, path: [...POD_SPEC, 'topologySpreadConstraints', 0, 'maxSkew'], mutation: 'max-skew-0', value: 0 },
  {
    base: AGENT,
    path: [...TPL, 'topologySpreadConstraints'],
    mutation: 'max-skew-0',
    value: [{ maxSkew: 0, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'agent' } } }],
  },
  { base: AGENT, path: [...C0, 'livenessProbe', 'grpc', 'port'], mutation: 'grpc-port-70000', value: 70000 },
  { base: AGENT, path: [...C0, 'livenessProbe', 'grpc', 'port'], mutation: 'grpc-port-0', value: 0 },
  onVolume(AGENT, 'secret', ['secret', 'defaultMode'], 'default-mode-0o1000', 0o1000),
  onVolume(AGENT, 'secret', ['secret', 'defaultMode'], 'default-mode-0o777', 0o777),
  onVolume(AGENT, 'configMap', ['configMap', 'items', 0, 'mode'], 'item-mode-0o1000', 0o1000),
  { base: AGENT, path: [...TPL, 'dnsConfig', 'nameservers'], mutation: 'four-nameservers', value: ['10.96.0.10', '10.96.0.11', '10.96.0.12', '10.96.0.13'] },
  { base: AGENT, path: [...TPL, 'dnsConfig', 'nameservers'], mutation: 'three-nameservers', value: ['10.96.0.10', '10.96.0.11', '10.96.0.12'] },
];

const daemonSet: Entry[] = [
  { base: AGENT, path: [...TPL, 'activeDeadlineSeconds'], mutation: 'active-deadline', value: 60 },
  { base: AGENT, path: [...TPL, 'restartPolicy'], mutation: 'restart-policy-never', value: 'Never' },
  { base: AGENT, path: ['spec', 'selector'], mutation: 'selector-empty-object', value: {} },
  {
    base: AGENT,
    path: ['spec', 'selector'],
    mutation: 'match-expressions-not-matching',
    value: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['other'] }] },
  },
  {
    base: AGENT,
    path: ['spec', 'selector'],
    mutation: 'match-expressions-matching',
    value: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['agent'] }] },
  },
  {
    base: AGENT,
    path: ['spec', 'selector'],
    mutation: 'match-expressions-does-not-exist-on-template-label',
    value: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'DoesNotExist' }] },
  },
  {
    base: AGENT,
    path: ['spec', 'selector', 'matchExpressions'],
    mutation: 'exists-with-values',
    value: [{ key: 'app.kubernetes.io/name', operator: 'Exists', values: ['agent'] }],
  },
  {
    base: AGENT,
    path: ['spec', 'selector', 'matchExpressions'],
    mutation: 'in-without-values',
    value: [{ key: 'app.kubernetes.io/name', operator: 'In', values: [] }],
  },
  {
    base: AGENT,
    path: ['spec', 'selector', 'matchExpressions'],
    mutation: 'invalid-operator',
    value: [{ key: 'app.kubernetes.io/name', operator: 'Equals', values: ['agent'] }],
  },
  { base: AGENT, path: ['metadata', 'name'], mutation: 'missing-name', value: undefined },
  { base: NODE_EXPORTER, path: ['metadata', 'name'], mutation: 'missing-name', value: undefined },
];

const rollingUpdate: Entry[] = ['101%', '-1', '1.5%', '-10%', 'ten', '10 %', '100%', '0%', '50%'].map((v): Entry => ({
  base: AGENT, path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], mutation: `max-unavailable-${v}`, value: v,
})).concat([
  { base: AGENT, path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], mutation: 'max-unavailable-number-minus-1', value: -1 },
  { base: AGENT, path: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], mutation: 'max-unavailable-0-no-surge', value: 0 },
  { base: AGENT, path: ['spec', 'updateStrategy', 'rollingUpdate'], mutation: 'max-surge-101%', value: { maxUnavailable: 0, maxSurge: '101%' } },
  { base: AGENT, path: ['spec', 'updateStrategy', 'rollingUpdate'], mutation: 'max-surge-1-unavailable-0', value: { maxUnavailable: 0, maxSurge: 1 } },
  { base: AGENT, path: ['spec', 'updateStrategy'], mutation: 'on-delete-with-rolling-update', value: { type: 'OnDelete', rollingUpdate: { maxUnavailable: 1 } } },
  { base: AGENT, path: ['spec', 'updateStrategy', 'type'], mutation: 'type-recreate', value: 'Recreate' },
]);

const names: Entry[] = [
  { base: AGENT, path: [...TPL, 'priorityClassName'], mutation: 'priority-class-not-dns', value: 'Node_Critical' },
  { base: AGENT, path: [...TPL, 'serviceAccountName'], mutation: 'service-account-not-dns', value: 'Agent_SA' },
  { base: AGENT, path: [...TPL, 'runtimeClassName'], mutation: 'runtime-class-not-dns', value: 'Runc_Class' },
  { base: AGENT, path: [...TPL, 'runtimeClassName'], mutation: 'runtime-class-valid', value: 'gvisor' },
  { base: AGENT, path: [...TPL, 'tolerations', 0, 'key'], mutation: 'toleration-key-invalid', value: 'bad key!' },
  { base: AGENT, path: [...TPL, 'tolerations'], mutation: 'toleration-exists-with-value', value: [{ key: 'dedicated', operator: 'Exists', value: 'x' }] },
  { base: AGENT, path: [...TPL, 'tolerations'], mutation: 'toleration-seconds-no-execute-only', value: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 30 }] },
  { base: AGENT, path: ['metadata', 'finalizers'], mutation: 'finalizer-invalid', value: ['Bad Finalizer!'] },
  { base: AGENT, path: ['metadata', 'finalizers'], mutation: 'finalizer-qualified', value: ['example.com/cleanup'] },
  { base: AGENT, path: ['metadata', 'annotations', 'big'], mutation: 'annotations-300KiB', value: 'x'.repeat(300 * KIB) },
  { base: AGENT, path: ['spec', 'template', 'metadata', 'annotations', 'big'], mutation: 'template-annotations-300KiB', value: 'x'.repeat(300 * KIB) },
  { base: AGENT, path: ['metadata', 'annotations', 'big'], mutation: 'annotations-200KiB', value: 'x'.repeat(200 * KIB) },
  { base: SERVICE, path: ['metadata', 'annotations'], mutation: 'annotations-300KiB', value: { big: 'x'.repeat(300 * KIB) } },
];

const resources: Entry[] = [
  { base: AGENT, path: [...C0, 'resources', 'limits', 'foo'], mutation: 'unknown-resource-name', value: '1' },
  { base: AGENT, path: [...C0, 'resources', 'limits', 'example.com/foo'], mutation: 'extended-limit-only', value: '2' },
  { base: AGENT, path: [...C0, 'resources', 'limits', 'nvidia.com/gpu'], mutation: 'fractional-gpu-limit', value: '0.5' },
  { base: AGENT, path: [...C0, 'resources', 'requests', 'nvidia.com/gpu'], mutation: 'gpu-request-not-limit', value: 2 },
  { base: AGENT, path: [...C0, 'resources', 'requests', 'cpu'], mutation: 'request-above-limit', value: '2' },
  {
    base: POD,
    path: [...POD_C0, 'resources'],
    mutation: 'hugepages-not-page-multiple',
    value: { requests: { 'cpu': '10m', 'memory': '16Mi', 'hugepages-2Mi': '3Mi' }, limits: { 'memory': '64Mi', 'hugepages-2Mi': '3Mi' } },
  },
  { base: POD, path: [...POD_C0, 'resources', 'requests', 'hugepages-2Mi'], mutation: 'hugepages-request-not-limit', value: '2Mi' },
];

const env: Entry[] = [
  { base: AGENT, path: [...C0, 'env', ENV('LOG_LEVEL'), 'name'], mutation: 'env-name-with-equals', value: 'LOG=LEVEL' },
  { base: AGENT, path: [...C0, 'env', ENV('LOG_LEVEL'), 'name'], mutation: 'env-name-empty', value: '' },
  { base: AGENT, path: [...C0, 'env', ENV('LOG_LEVEL'), 'name'], mutation: 'env-name-with-dot-dash', value: 'log.level-1' },
  { base: AGENT, path: [...C0, 'env', ENV('LOG_LEVEL'), 'valueFrom'], mutation: 'value-and-value-from', value: { fieldRef: { fieldPath: 'metadata.name' } } },
  {
    base: AGENT,
    path: [...C0, 'env', ENV('NODE_NAME'), 'valueFrom', 'configMapKeyRef'],
    mutation: 'two-value-from-sources',
    value: { name: 'agent-config', key: 'extra.conf' },
  },
  { base: AGENT, path: [...C0, 'env', ENV('NODE_NAME'), 'valueFrom', 'fieldRef', 'fieldPath'], mutation: 'field-path-unsupported', value: 'spec.containers' },
  { base: AGENT, path: [...C0, 'env', ENV('NODE_NAME'), 'valueFrom', 'fieldRef', 'fieldPath'], mutation: 'field-path-labels-whole', value: 'metadata.labels' },
  { base: AGENT, path: [...C0, 'env', ENV('NODE_NAME'), 'valueFrom', 'fieldRef', 'fieldPath'], mutation: 'field-path-label-subscript', value: "metadata.labels['tier']" },
  { base: AGENT, path: [...C0, 'env', ENV('NODE_NAME'), 'valueFrom', 'fieldRef', 'fieldPath'], mutation: 'field-path-host-ips', value: 'status.hostIPs' },
  { base: AGENT, path: [...C0, 'env', ENV('CPU_LIMIT'), 'valueFrom', 'resourceFieldRef', 'resource'], mutation: 'resource-field-unsupported', value: 'limits.foo' },
  { base: AGENT, path: [...C0, 'env', ENV('CPU_LIMIT'), 'valueFrom', 'resourceFieldRef', 'divisor'], mutation: 'resource-field-divisor-bad', value: '3m' },
  { base: AGENT, path: [...C0, 'env', ENV('CPU_LIMIT'), 'valueFrom', 'resourceFieldRef', 'divisor'], mutation: 'resource-field-divisor-1m', value: '1m' },
];

const handlers: Entry[] = [
  { base: AGENT, path: [...C0, 'livenessProbe'], mutation: 'probe-no-handler', value: { periodSeconds: 20 } },
  { base: AGENT, path: [...C0, 'livenessProbe', 'tcpSocket'], mutation: 'probe-two-handlers', value: { port: 9090 } },
  { base: AGENT, path: [...C0, 'lifecycle', 'postStart'], mutation: 'lifecycle-no-handler', value: {} },
  { base: AGENT, path: [...C0, 'lifecycle', 'preStop', 'exec'], mutation: 'lifecycle-two-handlers', value: { command: ['true'] } },
  { base: AGENT, path: [...C0, 'lifecycle', 'preStop'], mutation: 'lifecycle-sleep', value: { sleep: { seconds: 5 } } },
  { base: AGENT, path: [...C0, 'readinessProbe', 'httpGet', 'httpHeaders', 0, 'name'], mutation: 'http-header-name-invalid', value: 'X Probe' },
  { base: AGENT, path: [...C0, 'readinessProbe', 'httpGet', 'port'], mutation: 'http-port-name-invalid', value: 'not_a_name' },
  { base: AGENT, path: [...C0, 'readinessProbe', 'httpGet', 'port'], mutation: 'http-port-undeclared-name', value: 'nope' },
];

const pod: Entry[] = [
  { base: AGENT, path: [...TPL, 'hostAliases', 0, 'ip'], mutation: 'host-alias-bad-ip', value: '999.1.1.1' },
  { base: AGENT, path: [...TPL, 'hostAliases', 0, 'ip'], mutation: 'host-alias-leading-zero-ip', value: '010.0.0.5' },
  { base: NODE_EXPORTER, path: [...TPL, 'shareProcessNamespace'], mutation: 'host-pid-and-share-process-namespace', value: true },
  { base: AGENT, path: [...TPL, 'securityContext', 'seccompProfile'], mutation: 'seccomp-localhost-without-profile', value: { type: 'Localhost' } },
  { base: AGENT, path: [...TPL, 'securityContext', 'seccompProfile'], mutation: 'seccomp-runtime-default-with-profile', value: { type: 'RuntimeDefault', localhostProfile: 'x.json' } },
  { base: POD, path: [...POD_SPEC, 'securityContext', 'sysctls', 0, 'name'], mutation: 'sysctl-name-invalid', value: 'net/ipv4/bad sysctl' },
  { base: POD, path: [...POD_SPEC, 'securityContext', 'sysctls'], mutation: 'sysctl-duplicate', value: [{ name: 'kernel.shm_rmid_forced', value: '1' }, { name: 'kernel.shm_rmid_forced', value: '0' }] },
  { base: POD, path: [...POD_SPEC, 'securityContext', 'sysctls', 0, 'name'], mutation: 'sysctl-net-with-host-network', value: 'net.ipv4.ip_local_port_range' },
  { base: AGENT, path: [...TPL, 'securityContext', 'sysctls'], mutation: 'sysctl-net-without-host-network', value: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }] },
  onVolume(AGENT, 'emptyDir', ['hostPath'], 'volume-two-sources', { path: '/tmp' }),
  onVolume(AGENT, 'emptyDir', ['emptyDir'], 'volume-no-source', undefined),
  onVolume(AGENT, 'configMap', ['configMap', 'items', 0, 'path'], 'config-map-item-absolute-path', '/etc/agent.yaml'),
  onVolume(AGENT, 'configMap', ['configMap', 'items', 0, 'path'], 'config-map-item-dot-dot', '../agent.yaml'),
  { base: POD, path: [...POD_SPEC, 'shareProcessNamespace'], mutation: 'share-process-namespace', value: true },
  { base: POD, path: [...POD_SPEC, 'hostPID'], mutation: 'host-pid', value: true },
];

const apiVersionKind: Entry[] = [
  { base: AGENT, path: ['apiVersion'], mutation: 'extensions-v1beta1', value: 'extensions/v1beta1' },
  { base: AGENT, path: ['apiVersion'], mutation: 'apps-v1beta2', value: 'apps/v1beta2' },
  { base: AGENT, path: ['kind'], mutation: 'kind-lower-case', value: 'daemonset' },
  { base: AGENT, path: ['kind'], mutation: 'kind-wrong-case', value: 'Daemonset' },
  { base: SERVICE, path: ['apiVersion'], mutation: 'api-version-apps-v1', value: 'apps/v1' },
  { base: 'hand/PodDisruptionBudget/web', path: ['apiVersion'], mutation: 'policy-v1beta1', value: 'policy/v1beta1' },
];

const otherKinds: Entry[] = [
  { base: SERVICE, path: ['spec', 'ports', 0, 'port'], mutation: 'port-0', value: 0 },
  { base: SERVICE, path: ['spec', 'ports', 0, 'port'], mutation: 'port-70000', value: 70000 },
  { base: SERVICE, path: ['spec', 'ports', 0, 'targetPort'], mutation: 'target-port-invalid-name', value: 'bad_name' },
  { base: SERVICE, path: ['spec', 'ports', 0, 'targetPort'], mutation: 'target-port-name-too-long', value: 'this-name-is-too-long' },
  { base: SERVICE, path: ['spec', 'ports', 0, 'targetPort'], mutation: 'target-port-0', value: 0 },
  { base: SERVICE, path: ['spec', 'selector', 'app'], mutation: 'selector-value-invalid', value: 'bad value!' },
  { base: SERVICE, path: ['metadata', 'name'], mutation: 'name-upper-case', value: 'Web' },
  { base: SERVICE, path: ['metadata', 'name'], mutation: 'name-starts-with-digit', value: '1web' },
  { base: SERVICE, path: ['spec', 'clusterIP'], mutation: 'cluster-ip-malformed', value: '10.96.0.300' },
  { base: SERVICE, path: ['spec', 'clusterIP'], mutation: 'cluster-ip-out-of-range', value: '192.168.0.10' },
  { base: SERVICE, path: ['spec', 'ports'], mutation: 'two-unnamed-ports', value: [{ port: 80, targetPort: 8080 }, { port: 81, targetPort: 8081 }] },
  { base: SERVICE, path: ['spec', 'ports'], mutation: 'duplicate-ports', value: [{ name: 'a', port: 80, targetPort: 8080 }, { name: 'b', port: 80, targetPort: 8081 }] },
  { base: SERVICE, path: ['spec', 'ports'], mutation: 'same-port-two-protocols', value: [{ name: 'a', port: 53, protocol: 'TCP' }, { name: 'b', port: 53, protocol: 'UDP' }] },
  { base: SERVICE, path: ['spec', 'ports'], mutation: 'duplicate-port-names', value: [{ name: 'a', port: 80 }, { name: 'a', port: 81 }] },
  { base: HEADLESS, path: ['spec', 'type'], mutation: 'headless-node-port', value: 'NodePort' },
  { base: HEADLESS, path: ['spec', 'type'], mutation: 'headless-load-balancer', value: 'LoadBalancer' },
  { base: CONFIG_MAP, path: ['data'], mutation: 'key-invalid', value: { 'bad key!': 'x' } },
  { base: CONFIG_MAP, path: ['data'], mutation: 'key-dot-dot', value: { '..': 'x' } },
  { base: CONFIG_MAP, path: ['binaryData'], mutation: 'same-key-in-data-and-binary-data', value: { LOG_LEVEL: 'AAEC' } },
  { base: CONFIG_MAP, path: ['binaryData'], mutation: 'binary-data-not-base64', value: { 'logo.bin': 'not base64!' } },
  { base: CONFIG_MAP, path: ['metadata', 'name'], mutation: 'name-upper-case', value: 'Settings' },
  { base: SERVICE_ACCOUNT, path: ['metadata', 'name'], mutation: 'name-invalid', value: 'Collector_1' },
  { base: SERVICE_ACCOUNT, path: ['metadata', 'name'], mutation: 'name-with-dots', value: 'collector.agents' },
];

const podsTheControllerCannotCreate: Entry[] = [
  { base: AGENT, path: [...TPL, 'priority'], mutation: 'priority-with-priority-class-name', value: 1000 },
  { base: AGENT, path: [...TPL, 'priority'], mutation: 'priority-matching-priority-class', value: 2000001000 },
  {
    base: NODE_EXPORTER,
    path: [...C0, 'ports'],
    mutation: 'repeated-container-port-under-host-network',
    value: (current: any[]) => [...current, { containerPort: current[0].containerPort, name: 'metrics-again' }],
  },
  {
    base: NODE_EXPORTER,
    path: [...TPL, 'containers'],
    mutation: 'container-port-in-two-containers-under-host-network',
    value: (current: any[]) => [...current, { name: 'sidecar', image: 'busybox:1.36', ports: [{ containerPort: current[0].ports[0].containerPort, name: 'sidecar' }] }],
  },
  { base: AGENT, path: [...C0, 'ports', 0, 'hostPort'], mutation: 'host-port-equals-container-port', value: 8080 },
];

const wrongOrOverStrict: Entry[] = [
  { base: AGENT, path: [...C0, 'volumeMounts', 0, 'mountPath'], mutation: 'relative-mount-path', value: 'etc/agent' },
  { base: AGENT, path: [...C0, 'ports', 0, 'hostPort'], mutation: 'host-port-0', value: 0 },
  {
    base: AGENT,
    path: [...TPL, 'containers'],
    mutation: 'same-port-name-in-two-containers',
    value: (current: any[]) => [...current, { name: 'sidecar', image: 'busybox:1.36', ports: [{ containerPort: 8081, name: 'http' }] }],
  },
  onVolume(LOGS, 'hostPath', ['hostPath', 'path'], 'relative-host-path', 'var/log'),
  onVolume(LOGS, 'hostPath', ['hostPath', 'path'], 'host-path-dot-dot', '/var/log/../lib'),
  { base: AGENT, path: [...C0, 'image'], mutation: 'image-registry-port-and-tag', value: 'registry.example.com:5000/agent:1.4.2' },
  { base: AGENT, path: [...C0, 'image'], mutation: 'image-two-colons', value: 'agent:1.4.2:extra' },
  { base: AGENT, path: [...C0, 'image'], mutation: 'image-upper-case', value: 'Registry.example.com/Agent:1.4.2' },
  { base: AGENT, path: [...C0, 'image'], mutation: 'image-with-space', value: 'agent 1.4.2' },
  {
    base: AGENT,
    path: [...TPL, 'affinity'],
    mutation: 'match-fields-name-in-two-values',
    value: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }] } } },
  },
  {
    base: AGENT,
    path: [...TPL, 'affinity'],
    mutation: 'not-in-invalid-label-value',
    value: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['bad value!'] }] }] } } },
  },
  {
    base: AGENT,
    path: [...TPL, 'affinity'],
    mutation: 'gt-two-values',
    value: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'cores', operator: 'Gt', values: ['1', '2'] }] }] } } },
  },
];

/** Every targeted change, resolved against the bases (by id). */
export function targetedChanges(bases: Map<string, any>): TargetedChange[] {
  const all: Entry[] = [
    ...numericRanges, ...daemonSet, ...rollingUpdate, ...names, ...resources, ...env, ...handlers, ...pod,
    ...apiVersionKind, ...otherKinds, ...podsTheControllerCannotCreate, ...wrongOrOverStrict,
  ];
  return all.map((e) => (typeof e === 'function' ? e(bases) : e));
}
