/**
 * Hand-written valid objects of the kinds a node-agent app ships next to its DaemonSets, each using the
 * fields the API server validates (ports, selectors, keys, quantities, rules, subjects).
 */

/** Services: ClusterIP with named and numbered target ports, NodePort, headless. */
function services(namespace: string): any[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace, labels: { app: 'web' } },
      spec: {
        type: 'ClusterIP',
        selector: { app: 'web' },
        ports: [
          { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
          { name: 'metrics', port: 9100, targetPort: 9100, protocol: 'TCP' },
        ],
        sessionAffinity: 'None',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-nodeport', namespace },
      spec: {
        type: 'NodePort',
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 31937 }],
        externalTrafficPolicy: 'Local',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'agents-headless', namespace },
      spec: { clusterIP: 'None', selector: { app: 'agent' }, ports: [{ port: 9100, targetPort: 9100 }] },
    },
  ];
}

/** ConfigMap, Secrets, ServiceAccount. */
function configAndAccounts(namespace: string): any[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'settings', namespace, labels: { app: 'agent' } },
      data: { 'agent.yaml': 'interval: 30s\n', 'LOG_LEVEL': 'info' },
      binaryData: { 'logo.bin': 'AAEC' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'credentials', namespace },
      type: 'Opaque',
      data: { password: 'cGFzc3dvcmQ=' },
      stringData: { username: 'agent' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'registry', namespace },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64') },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: 'collector', namespace },
      automountServiceAccountToken: false,
      imagePullSecrets: [{ name: 'registry' }],
    },
  ];
}

/** Role, ClusterRole and their bindings. */
function rbac(namespace: string): any[] {
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'config-reader', namespace },
      rules: [
        { apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'], resourceNames: ['settings'] },
        { apiGroups: ['apps'], resources: ['daemonsets', 'daemonsets/status'], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'api-agreement-node-reader' },
      rules: [
        { apiGroups: [''], resources: ['nodes', 'nodes/metrics'], verbs: ['get', 'list', 'watch'] },
        { nonResourceURLs: ['/metrics'], verbs: ['get'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'config-reader', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'config-reader' },
      subjects: [
        { kind: 'ServiceAccount', name: 'collector', namespace },
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:serviceaccounts:monitoring' },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'api-agreement-node-reader' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'api-agreement-node-reader' },
      subjects: [
        { kind: 'ServiceAccount', name: 'collector', namespace },
        { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane@example.com' },
      ],
    },
  ];
}

/** NetworkPolicy, ResourceQuota, LimitRange, Namespace, PriorityClass, PodDisruptionBudget and a Pod. */
function policies(namespace: string): any[] {
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'agent-ingress', namespace },
      spec: {
        podSelector: { matchLabels: { app: 'agent' } },
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{
          from: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
            { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['prometheus'] }] } },
            { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
          ],
          ports: [{ protocol: 'TCP', port: 9100 }, { protocol: 'TCP', port: 'metrics' }, { protocol: 'UDP', port: 30000, endPort: 30100 }],
        }],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ protocol: 'TCP', port: 443 }] }],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'agents', namespace },
      spec: {
        hard: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.memory': '16Gi', 'pods': '50', 'count/daemonsets.apps': '10', 'requests.nvidia.com/gpu': '4' },
        scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['system-node-critical'] }] },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'agents', namespace },
      spec: {
        limits: [
          {
            type: 'Container',
            max: { cpu: '2', memory: '1Gi' },
            min: { cpu: '10m', memory: '16Mi' },
            default: { cpu: '200m', memory: '256Mi' },
            defaultRequest: { cpu: '50m', memory: '64Mi' },
            maxLimitRequestRatio: { cpu: '10' },
          },
          { type: 'Pod', max: { cpu: '4', memory: '2Gi' } },
        ],
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'api-agreement-monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'privileged', 'team': 'platform' } },
    },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'api-agreement-node-agent' },
      value: 1000000,
      globalDefault: false,
      preemptionPolicy: 'PreemptLowerPriority',
      description: 'Node agents',
    },
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace },
      spec: { maxUnavailable: '10%', selector: { matchLabels: { app: 'web' } }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
    },
    podBase(namespace),
  ];
}

/** Hand-written bases for `namespace`, each with its base id. */
export function handWrittenBases(namespace: string): { id: string; object: any }[] {
  const objects: any[] = [...services(namespace), ...configAndAccounts(namespace), ...rbac(namespace), ...policies(namespace)];
  return objects.map((object) => ({ id: `hand/${object.kind}/${object.metadata.name}`, object }));
}

/** A Pod using the pod-level fields a DaemonSet template can carry (and a few only Pods have). */
function podBase(namespace: string): any {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'debug-agent', namespace, labels: { app: 'debug' }, annotations: { owner: 'platform' } },
    spec: {
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 10,
      activeDeadlineSeconds: 3600,
      priorityClassName: 'system-node-critical',
      hostNetwork: true,
      dnsPolicy: 'ClusterFirstWithHostNet',
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }] }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, preference: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] } }],
        },
      },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'debug' } } }],
      securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, sysctls: [{ name: 'kernel.shm_rmid_forced', value: '1' }], seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{
        name: 'debug',
        image: 'busybox:1.36',
        command: ['sleep', 'infinity'],
        ports: [{ containerPort: 8080, name: 'http', hostPort: 8080 }],
        resources: { requests: { 'cpu': '10m', 'memory': '16Mi', 'hugepages-2Mi': '4Mi' }, limits: { 'memory': '64Mi', 'hugepages-2Mi': '4Mi' } },
        env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
        readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 10 },
        volumeMounts: [{ name: 'host-etc', mountPath: '/host/etc', readOnly: true }, { name: 'scratch', mountPath: '/scratch', subPath: 'debug' }],
      }],
      volumes: [
        { name: 'host-etc', hostPath: { path: '/etc', type: 'Directory' } },
        { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '32Mi' } },
      ],
    },
  };
}
