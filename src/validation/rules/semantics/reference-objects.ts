/**
 * The rules reference of the semantics checks of object metadata, the DaemonSet's own spec and the other kinds
 * (./reference-pods has the pod spec's and the containers'). Each `why` says what the API server's refusal costs;
 * ./reference joins both halves and requires an entry for every declared check.
 */
import { SemanticCheck } from './checks';
import { CheckReference } from '../../rule';

/** What an error of the family means: the object never reaches the cluster. */
export const REJECTED = 'The API server rejects the object: kubectl apply (or the GitOps sync) fails and nothing of the object is created or changed';

/** The reference entries of the metadata, DaemonSet and other kinds' checks. */
export const OBJECT_CHECK_REFERENCE = {
  'metadata-name': {
    description: 'The object has a metadata.name (or a generateName).',
    why: `${REJECTED}; kubectl apply needs a name anyway to find the object again.`,
    fix: 'Set metadata.name.',
  },
  'dns-name': {
    description: 'metadata.name and generateName follow the kind\'s naming rule. Most kinds take a DNS-1123 subdomain (lower case, digits, \'-\' and \'.\', at most 253 characters), Namespaces and StatefulSets a DNS-1123 label, Services a DNS-1035 label before Kubernetes 1.36 and a DNS-1123 label from 1.36, RBAC objects a path segment, CronJobs at most 52 characters.',
    why: `${REJECTED}.`,
    fix: 'Use lower-case letters, digits and \'-\' (e.g. node-agent), starting and ending with a letter or digit, within the kind\'s length limit.',
  },
  'namespace-name': {
    description: 'metadata.namespace is a DNS-1123 label.',
    why: `${REJECTED}; no such namespace can exist.`,
    fix: 'Use a namespace name of lower-case letters, digits and \'-\', at most 63 characters.',
  },
  'metadata-syntax': {
    description: 'Label keys and values and annotation keys are valid: a qualified name with an optional DNS prefix, label values of at most 63 characters of letters, digits, \'-\', \'_\' and \'.\'.',
    why: `${REJECTED}.`,
    fix: 'Shorten or rename the key or value the message names; put free text in annotations rather than labels.',
    equivalents: { kubeScore: 'label-values' },
  },
  'annotations-size': {
    description: 'The annotations of an object (keys and values) take at most 256 KiB in total.',
    why: `${REJECTED}.`,
    fix: 'Move large content (configuration, scripts) into a ConfigMap, and keep annotations short.',
  },
  'finalizers': {
    description: 'Finalizers are qualified names, standard or prefixed with a domain, and not both orphan and foregroundDeletion.',
    why: `${REJECTED}.`,
    fix: 'Prefix the finalizer with your domain (example.com/cleanup), and keep at most one of orphan and foregroundDeletion.',
  },
  'owner-references': {
    description: 'ownerReferences name their apiVersion, kind, name and uid, are not Events, and at most one is the controller.',
    why: `${REJECTED}.`,
    fix: 'Complete or remove the ownerReference; usually let the controller that owns the object set it.',
  },
  'label-selector': {
    description: 'The DaemonSet\'s spec.selector is a valid, non-empty label selector (operators In, NotIn, Exists, DoesNotExist with the values each takes).',
    why: `${REJECTED}; an empty selector would select every pod of the namespace.`,
    fix: 'Set spec.selector.matchLabels to the pod template\'s identifying labels.',
  },
  'selector-matches-labels': {
    description: 'The DaemonSet\'s selector selects its own pod template\'s labels.',
    why: `${REJECTED}: a DaemonSet whose selector misses its own pods would create them forever.`,
    fix: 'Make spec.selector match spec.template.metadata.labels (the selector is immutable once applied: change the labels, not the selector).',
    equivalents: { kubeLinter: 'mismatching-selector' },
  },
  'pod-template': {
    description: 'A workload\'s pod template has no ephemeral containers, no activeDeadlineSeconds in a DaemonSet, Deployment, ReplicaSet or StatefulSet, and (before Kubernetes 1.31) no read-write GCE persistent disk in a DaemonSet.',
    why: `${REJECTED}.`,
    fix: 'Remove the field the message names; ephemeral containers are added to running pods with kubectl debug.',
  },
  'rolling-update': {
    description: 'The DaemonSet\'s update strategy is RollingUpdate or OnDelete, with maxUnavailable and maxSurge valid integers or percentages up to 100%, not both zero, and maxSurge only with maxUnavailable 0.',
    why: `${REJECTED}.`,
    fix: 'Use maxUnavailable (e.g. 10%) or, with maxUnavailable 0, maxSurge; percentages are strings such as "10%".',
  },
  'non-negative': {
    description: 'A DaemonSet\'s minReadySeconds and revisionHistoryLimit, and any object\'s metadata.generation, are whole numbers of at least 0.',
    why: `${REJECTED}.`,
    fix: 'Use 0 or a positive whole number.',
  },
  'service-ports': {
    description: 'A Service\'s ports: at least one (except headless and ExternalName Services), names that are DNS-1123 labels and unique, required when there are several, valid port numbers and target ports.',
    why: `${REJECTED}.`,
    fix: 'Name every port when there are several (e.g. http, metrics) and use numbers from 1 to 65535 or container port names.',
  },
  'service-node-ports': {
    description: 'nodePort only on NodePort and LoadBalancer Services, each node port used by one service port.',
    why: `${REJECTED} ("provided port is already allocated" for a repeated node port).`,
    fix: 'Use type NodePort or LoadBalancer, or remove nodePort; give each service port its own node port.',
  },
  'service-type': {
    description: 'The Service\'s type and what depends on it: headless only as ClusterIP, externalName only on ExternalName Services (otherwise ignored, with a warning).',
    why: `${REJECTED}, or accepts it with a warning and ignores the field.`,
    fix: 'Set the fields that belong to the Service\'s type and remove the others.',
  },
  'service-ips': {
    description: 'clusterIP, clusterIPs, ipFamilies, ipFamilyPolicy and externalIPs are valid and agree with each other (externalIPs on headless and ExternalName Services, or at all, only warn).',
    why: `${REJECTED}, or accepts it with a warning.`,
    fix: 'Leave clusterIP unset (the API server allocates one) or set a valid address of the family at the same index of ipFamilies.',
  },
  'service-traffic': {
    description: 'Traffic settings of a Service: session affinity timeouts, externalTrafficPolicy and healthCheckNodePort only where they apply, trafficDistribution values of the target version (deprecated ones warn).',
    why: `${REJECTED}, or accepts it with a warning.`,
    fix: 'Set externalTrafficPolicy and healthCheckNodePort only on externally reachable Services, and use the values the message names.',
  },
  'service-load-balancer': {
    description: 'loadBalancerSourceRanges, its annotation and loadBalancerIP only on LoadBalancer Services, with valid CIDRs.',
    why: `${REJECTED}, or accepts it with a warning and ignores the field.`,
    fix: 'Use type LoadBalancer, or remove the load balancer fields; write source ranges as CIDRs (10.0.0.0/8).',
  },
  'service-selector': {
    description: 'A Service\'s selector is a valid label map.',
    why: `${REJECTED}.`,
    fix: 'Use label keys and values that are valid labels, as in the pod template.',
  },
  'config-map-data': {
    description: 'A ConfigMap\'s keys are valid file names (letters, digits, \'-\', \'_\', \'.\'), none in both data and binaryData, and it holds at most 1 MiB.',
    why: `${REJECTED}.`,
    fix: 'Rename the key, or move large files into a volume or an image.',
  },
  'secret-data': {
    description: 'A Secret\'s keys are valid file names and it holds at most 1 MiB.',
    why: `${REJECTED}.`,
    fix: 'Rename the key, or split the Secret.',
  },
  'secret-type': {
    description: 'A Secret of a built-in type has the keys and annotation its type requires (tls.crt and tls.key, .dockerconfigjson as JSON, the service account name ...).',
    why: `${REJECTED}.`,
    fix: 'Add the keys the type requires, or use type Opaque.',
  },
  'rbac-rules': {
    description: 'RBAC rules have verbs, and name either resources (with API groups) or non-resource URLs (ClusterRoles only), not both.',
    why: `${REJECTED}.`,
    fix: 'Give each rule verbs and apiGroups with resources, or nonResourceURLs in a ClusterRole; split mixed rules.',
  },
  'rbac-role-ref': {
    description: 'A RoleBinding or ClusterRoleBinding refers to a Role or ClusterRole of rbac.authorization.k8s.io by name.',
    why: `${REJECTED}; roleRef cannot be changed later either.`,
    fix: 'Set roleRef.apiGroup: rbac.authorization.k8s.io, the kind (ClusterRole for a ClusterRoleBinding) and the name.',
  },
  'rbac-subjects': {
    description: 'Binding subjects are valid: ServiceAccounts with a valid name and a namespace, users and groups in the RBAC API group.',
    why: `${REJECTED}.`,
    fix: 'Give each ServiceAccount subject its namespace and an empty apiGroup; users and groups take apiGroup rbac.authorization.k8s.io.',
  },
  'network-policy-spec': {
    description: 'A NetworkPolicy\'s podSelector is a valid selector and policyTypes names Ingress and Egress at most once each.',
    why: `${REJECTED}.`,
    fix: 'Fix the selector and list each policy type once.',
  },
  'network-policy-ports': {
    description: 'NetworkPolicy ports are valid numbers or names, and endPort follows a numeric port and is at least it.',
    why: `${REJECTED}.`,
    fix: 'Use a port number with endPort for a range, or a port name without endPort.',
  },
  'network-policy-peers': {
    description: 'NetworkPolicy peers set ipBlock alone, with a valid CIDR whose excepts are strict subsets of it, or valid pod and namespace selectors.',
    why: `${REJECTED}.`,
    fix: 'Put an ipBlock in a peer of its own and make each except a smaller range inside cidr.',
  },
  'resource-quota-hard': {
    description: 'A ResourceQuota\'s hard limits name valid quota resources with amounts of at least 0 (whole numbers for counted resources).',
    why: `${REJECTED}.`,
    fix: 'Use quota resource names (requests.cpu, limits.memory, pods, count/<resource>.<group>) and non-negative amounts.',
  },
  'resource-quota-scopes': {
    description: 'A ResourceQuota\'s scopes are known, do not conflict (Terminating with NotTerminating, BestEffort with NotBestEffort) and apply to every resource it limits.',
    why: `${REJECTED}.`,
    fix: 'Keep one scope of each conflicting pair, and limit only resources the scope supports.',
  },
  'limit-range-items': {
    description: 'LimitRange items have a known or qualified type, at most one per type, valid resource names, and no defaults on Pod items.',
    why: `${REJECTED}.`,
    fix: 'Use type Container for defaults, Pod for totals and PersistentVolumeClaim for storage, once each.',
  },
  'limit-range-values': {
    description: 'A LimitRange\'s amounts are ordered, after defaulting: min <= defaultRequest <= default <= max, 1 <= maxLimitRequestRatio <= max/min, default equal to defaultRequest for resources that cannot be overcommitted.',
    why: `${REJECTED}.`,
    fix: 'Reorder the amounts the message names (a missing default is filled from max, a missing defaultRequest from default, then min).',
  },
  'namespace-finalizers': {
    description: 'A Namespace\'s spec.finalizers are standard or qualified names.',
    why: `${REJECTED}.`,
    fix: 'Prefix the finalizer with a domain (example.com/cleanup), or remove it.',
  },
  'priority-class': {
    description: 'A PriorityClass has a value of at most 1000000000 (higher ones are reserved for system- classes), a name without the reserved system- prefix, and a preemptionPolicy when set.',
    why: `${REJECTED}.`,
    fix: 'Use a value up to 1000000000 and a name without system-; node agents can use the built-in system-node-critical instead.',
  },
  'pod-disruption-budget': {
    description: 'A PodDisruptionBudget sets one of minAvailable and maxUnavailable, as an int32 or a percentage, with a valid selector.',
    why: `${REJECTED}.`,
    fix: 'Keep one of minAvailable and maxUnavailable, as a whole number or a percentage such as "10%".',
  },
} satisfies { readonly [check in SemanticCheck]?: CheckReference };
