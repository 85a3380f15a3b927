/**
 * Hand-written bases that use the rest of the fields the API server validates and the other bases leave
 * out (the generic mutators only change fields a base has): a Pod and a DaemonSet with every volume
 * source, sidecars, projected tokens, affinities and spread options; every Service type; typed Secrets.
 */

/** The pod-level fields: placement, DNS, readiness gates, security context. */
function widePodLevel(app: string): any {
  return {
    os: { name: 'linux' },
    hostname: 'agent',
    subdomain: 'agents',
    setHostnameAsFQDN: false,
    enableServiceLinks: false,
    dnsPolicy: 'ClusterFirst',
    dnsConfig: { searches: ['example.internal'], options: [{ name: 'timeout', value: '2' }, { name: 'edns0' }] },
    readinessGates: [{ conditionType: 'example.com/ready' }],
    tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'agents', effect: 'NoExecute', tolerationSeconds: 60 }],
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 50,
          podAffinityTerm: { labelSelector: { matchLabels: { app } }, topologyKey: 'kubernetes.io/hostname', namespaces: ['api-agreement'] },
        }],
      },
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{
          labelSelector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['gateway'] }] },
          namespaceSelector: { matchLabels: { team: 'platform' } },
          topologyKey: 'topology.kubernetes.io/zone',
        }],
      },
    },
    topologySpreadConstraints: [{
      maxSkew: 2,
      minDomains: 2,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'DoNotSchedule',
      labelSelector: { matchLabels: { app } },
      matchLabelKeys: ['pod-template-hash'],
      nodeAffinityPolicy: 'Honor',
      nodeTaintsPolicy: 'Ignore',
    }],
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 10001,
      runAsGroup: 10001,
      supplementalGroups: [2000, 3000],
      fsGroup: 10001,
      fsGroupChangePolicy: 'OnRootMismatch',
      seLinuxOptions: { level: 's0:c123,c456' },
      appArmorProfile: { type: 'RuntimeDefault' },
      seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/agent.json' },
    },
  };
}

/** A sidecar (an init container that keeps running), with a startup probe. */
function wideInitContainers(): any[] {
  return [{
    name: 'log-shipper',
    image: 'busybox:1.36',
    restartPolicy: 'Always',
    command: ['sh', '-c', 'tail -F /logs/app.log'],
    startupProbe: { exec: { command: ['true'] }, periodSeconds: 5, failureThreshold: 10 },
    volumeMounts: [{ name: 'logs', mountPath: '/logs', readOnly: true }],
  }];
}

/** Containers with every port, env, resource, probe, lifecycle and mount option. */
function wideContainers(): any[] {
  return [{
    name: 'agent',
    image: 'registry.example.com/agent@sha256:' + 'a'.repeat(64),
    imagePullPolicy: 'Always',
    stdin: false,
    tty: false,
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'FallbackToLogsOnError',
    ports: [{ name: 'metrics', containerPort: 9100, hostPort: 19100, hostIP: '127.0.0.1', protocol: 'TCP' }, { name: 'sctp', containerPort: 9200, protocol: 'SCTP' }],
    envFrom: [{ prefix: 'CFG_', configMapRef: { name: 'settings', optional: true } }, { secretRef: { name: 'credentials' } }],
    env: [
      { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'credentials', key: 'password', optional: true } } },
      { name: 'MEMORY_MB', valueFrom: { resourceFieldRef: { containerName: 'agent', resource: 'requests.memory', divisor: '1Mi' } } },
      { name: 'TEAM', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['team']" } } },
      { name: 'GREETING', value: 'hello $(TEAM)' },
    ],
    resources: { requests: { 'cpu': '100m', 'memory': '128Mi', 'ephemeral-storage': '1Gi' }, limits: { 'cpu': '1', 'memory': '256Mi', 'ephemeral-storage': '2Gi' } },
    resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }, { resourceName: 'memory', restartPolicy: 'RestartContainer' }],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      procMount: 'Default',
      capabilities: { drop: ['ALL'], add: ['NET_RAW'] },
    },
    livenessProbe: {
      httpGet: { scheme: 'HTTPS', host: '127.0.0.1', path: '/healthz', port: 'metrics' },
      initialDelaySeconds: 5,
      periodSeconds: 10,
      timeoutSeconds: 2,
      successThreshold: 1,
      failureThreshold: 3,
      terminationGracePeriodSeconds: 30,
    },
    readinessProbe: { exec: { command: ['cat', '/tmp/ready'] } },
    lifecycle: { preStop: { sleep: { seconds: 5 } } },
    volumeMounts: [
      { name: 'token', mountPath: '/var/run/secrets/agent', readOnly: true },
      { name: 'podinfo', mountPath: '/etc/podinfo', readOnly: true },
      { name: 'data', mountPath: '/data', subPathExpr: '$(TEAM)' },
      { name: 'nfs', mountPath: '/shared', mountPropagation: 'None' },
      { name: 'scratch', mountPath: '/scratch' },
      { name: 'csi', mountPath: '/secrets-store', readOnly: true },
      { name: 'logs', mountPath: '/logs' },
    ],
  }];
}

/** One volume of every source a node agent may use. */
function wideVolumes(app: string): any[] {
  return [
    {
      name: 'token',
      projected: {
        defaultMode: 0o400,
        sources: [
          { serviceAccountToken: { audience: 'vault', expirationSeconds: 3600, path: 'token' } },
          { configMap: { name: 'settings', items: [{ key: 'agent.yaml', path: 'agent.yaml', mode: 0o444 }] } },
          { secret: { name: 'credentials', optional: true } },
          { downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
        ],
      },
    },
    {
      name: 'podinfo',
      downwardAPI: {
        items: [
          { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
          { path: 'cpu_limit', resourceFieldRef: { containerName: 'agent', resource: 'limits.cpu', divisor: '1m' } },
        ],
      },
    },
    { name: 'data', persistentVolumeClaim: { claimName: 'agent-data', readOnly: false } },
    { name: 'nfs', nfs: { server: 'nfs.example.com', path: '/exports/shared', readOnly: true } },
    {
      name: 'scratch',
      ephemeral: { volumeClaimTemplate: { metadata: { labels: { app } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } } } },
    },
    { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'agent' } } },
    { name: 'logs', emptyDir: {} },
  ];
}

/** A pod spec with most of the fields a node agent may set. */
function widePodSpec(app: string): any {
  return { ...widePodLevel(app), initContainers: wideInitContainers(), containers: wideContainers(), volumes: wideVolumes(app) };
}

/** A Pod and a DaemonSet with the wide pod spec. */
function wideWorkloads(namespace: string): any[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'wide-agent', namespace, labels: { app: 'wide', team: 'platform' }, annotations: { 'example.com/owner': 'platform' } },
      spec: { ...widePodSpec('wide'), restartPolicy: 'OnFailure', schedulingGates: [{ name: 'example.com/quota' }], activeDeadlineSeconds: 600 },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'wide-agent', namespace, labels: { app: 'wide' }, finalizers: ['example.com/cleanup'] },
      spec: {
        selector: { matchLabels: { app: 'wide' }, matchExpressions: [{ key: 'team', operator: 'Exists' }] },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
        minReadySeconds: 10,
        revisionHistoryLimit: 3,
        template: {
          metadata: { labels: { app: 'wide', team: 'platform' }, annotations: { 'example.com/scrape': 'true' } },
          spec: { ...widePodSpec('wide'), serviceAccountName: 'collector', automountServiceAccountToken: true, terminationGracePeriodSeconds: 45 },
        },
      },
    },
  ];
}

/** Every Service type, typed Secrets, an immutable ConfigMap. */
function wideServicesAndConfig(namespace: string): any[] {
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'gateway', namespace, annotations: { 'service.beta.kubernetes.io/aws-load-balancer-type': 'nlb' } },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'gateway' },
        ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }, { name: 'dns', port: 53, targetPort: 5353, protocol: 'UDP' }],
        externalTrafficPolicy: 'Local',
        internalTrafficPolicy: 'Cluster',
        loadBalancerSourceRanges: ['203.0.113.0/24'],
        loadBalancerClass: 'example.com/lb',
        allocateLoadBalancerNodePorts: true,
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 3600 } },
        ipFamilyPolicy: 'SingleStack',
        ipFamilies: ['IPv4'],
        externalIPs: ['198.51.100.10'],
        publishNotReadyAddresses: true,
        trafficDistribution: 'PreferClose',
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'database', namespace },
      spec: { type: 'ExternalName', externalName: 'db.example.com' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'tls', namespace },
      type: 'kubernetes.io/tls',
      data: { 'tls.crt': 'Y2VydA==', 'tls.key': 'a2V5', 'ca.crt': 'Y2E=' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'basic', namespace },
      type: 'kubernetes.io/basic-auth',
      stringData: { username: 'agent', password: 'secret' },
      immutable: true,
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'ssh', namespace },
      type: 'kubernetes.io/ssh-auth',
      data: { 'ssh-privatekey': 'a2V5' },
    },
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'collector-token', namespace, annotations: { 'kubernetes.io/service-account.name': 'collector' } },
      type: 'kubernetes.io/service-account-token',
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'frozen', namespace },
      immutable: true,
      data: { 'fluent-bit.conf': '[SERVICE]\n    Flush 1\n' },
    },
  ];
}

/** A PodDisruptionBudget by expression, an aggregated ClusterRole, a scoped quota, a Namespace with finalizers, a negative PriorityClass. */
function wideOthers(namespace: string): any[] {
  return [
    {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'gateway', namespace },
      spec: { minAvailable: 1, selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['gateway'] }] } },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'api-agreement-aggregate' },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-agents': 'true' } }] },
      rules: [],
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'long-running', namespace },
      spec: { hard: { 'pods': '20', 'requests.cpu': '2', 'limits.memory': '4Gi' }, scopes: ['NotTerminating', 'NotBestEffort'] },
    },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'api-agreement-logging', annotations: { 'scheduler.alpha.kubernetes.io/node-selector': 'role=logging' } },
      spec: { finalizers: ['kubernetes'] },
    },
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'api-agreement-batch' },
      value: -10,
      preemptionPolicy: 'Never',
    },
  ];
}

/** The wide bases for `namespace`, each with its base id. */
export function wideBases(namespace: string): { id: string; object: any }[] {
  const objects: any[] = [...wideWorkloads(namespace), ...wideServicesAndConfig(namespace), ...wideOthers(namespace)];
  return objects.map((object) => ({ id: `wide/${object.kind}/${object.metadata.name}`, object }));
}
