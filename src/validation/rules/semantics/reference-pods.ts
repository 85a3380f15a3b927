/**
 * The rules reference of the semantics checks of the pod spec and its containers (./reference-objects has the
 * metadata's, the DaemonSet's and the other kinds'). ./reference joins both halves.
 */
import { SemanticCheck } from './checks';
import { REJECTED } from './reference-objects';
import { CheckReference } from '../../rule';

/** What an error about a pod template means: no pod is ever created from it. */
const NO_PODS = `${REJECTED}, so no pod of it runs`;

/** The reference entries of the pod spec's and the containers' checks. */
export const POD_CHECK_REFERENCE = {
  'restart-policy': {
    description: 'A DaemonSet\'s (Deployment\'s, ReplicaSet\'s, StatefulSet\'s) pods use restartPolicy Always; Jobs, CronJobs and bare Pods may use OnFailure or Never.',
    why: `${NO_PODS}.`,
    fix: 'Set restartPolicy: Always, or leave it unset.',
  },
  'containers': {
    description: 'A pod has at least one container.',
    why: `${NO_PODS}.`,
    fix: 'Add a container.',
  },
  'volume-names': {
    description: 'Volume names are DNS-1123 labels, unique in the pod.',
    why: `${NO_PODS}.`,
    fix: 'Use lower-case letters, digits and \'-\', one name per volume.',
  },
  'host-path': {
    description: 'A hostPath volume has a path without \'..\' elements.',
    why: `${NO_PODS}.`,
    fix: 'Give hostPath.path as an absolute path without \'..\' (e.g. /var/log).',
  },
  'node-selector': {
    description: 'nodeSelector keys and values are valid labels.',
    why: `${NO_PODS}.`,
    fix: 'Use the node label as kubectl get nodes --show-labels prints it.',
  },
  'node-affinity': {
    description: 'Node affinity is valid: at least one required term, operators with the values each takes (In and NotIn some, Exists and DoesNotExist none, Gt and Lt one), matchFields on metadata.name only, preferred weights 1 to 100.',
    why: `${NO_PODS}.`,
    fix: 'Correct the requirement the message names.',
  },
  'tolerations': {
    description: 'Tolerations are valid: a label key, an empty key only with operator Exists, values only with Equal, tolerationSeconds only with effect NoExecute.',
    why: `${NO_PODS}.`,
    fix: 'Use operator Exists without a value to tolerate any value (and with an empty key, every taint); set tolerationSeconds only for NoExecute.',
  },
  'dns-config': {
    description: 'DNS settings: dnsPolicy None comes with a dnsConfig with a nameserver; at most 3 nameservers, each an IP address; at most 32 search domains of 2048 characters in all; named options.',
    why: `${NO_PODS}.`,
    fix: 'Give dnsConfig.nameservers with dnsPolicy None, and stay within the resolver\'s limits.',
  },
  'volume-sources': {
    description: 'Each volume has at most one source with the fields it requires (NFS path absolute, emptyDir sizeLimit not negative, a CSI driver, an ephemeral claim template with access modes and a storage request).',
    why: `${NO_PODS}.`,
    fix: 'Give each volume one source and the fields the message names.',
  },
  'volume-items': {
    description: 'Items and modes of ConfigMap, Secret, downwardAPI and projected volumes: relative paths without \'..\', projected once each, modes from 0 to 0777, service account token expiry of 10 minutes to 2^32 seconds.',
    why: `${NO_PODS}.`,
    fix: 'Use relative item paths (config.yaml, not /etc/config.yaml) and octal modes such as 0644 (420 in JSON).',
  },
  'pod-security-context': {
    description: 'The pod\'s securityContext: user and group ids from 0 to 2147483647, seccomp and AppArmor Localhost profiles with a profile name, seLinuxChangePolicy values of the target version.',
    why: `${NO_PODS}.`,
    fix: 'Correct the field the message names.',
  },
  'sysctls': {
    description: 'Sysctls have valid names, each set once, and none of the net or ipc namespace with hostNetwork or hostIPC.',
    why: `${NO_PODS}.`,
    fix: 'Set each sysctl once, and drop namespaced sysctls from pods that share the host\'s namespace.',
  },
  'host-namespaces': {
    description: 'shareProcessNamespace not together with hostPID, and no host namespace with hostUsers: false.',
    why: `${NO_PODS}.`,
    fix: 'Keep one of shareProcessNamespace and hostPID; a pod in a user namespace cannot share the host\'s namespaces.',
  },
  'host-aliases': {
    description: 'hostAliases have IP addresses and DNS-1123 host names.',
    why: `${NO_PODS}.`,
    fix: 'Give each alias an IP address and valid host names.',
  },
  'hostname': {
    description: 'hostname and subdomain are DNS-1123 labels; hostnameOverride is a DNS-1123 subdomain of at most 64 characters, not with setHostnameAsFQDN nor hostNetwork.',
    why: `${NO_PODS}.`,
    fix: 'Use lower-case letters, digits and \'-\'; drop hostnameOverride from host-network pods.',
  },
  'reference-names': {
    description: 'The names a pod refers to (serviceAccountName, priorityClassName, runtimeClassName, nodeName) are DNS-1123 subdomains; runtimeClassName is not empty.',
    why: `${NO_PODS}.`,
    fix: 'Use the object\'s real name, or leave the field unset for the default.',
  },
  'pod-deadlines': {
    description: 'activeDeadlineSeconds is from 1 to 2147483647; a negative terminationGracePeriodSeconds is accepted with a warning and read as 1.',
    why: `${NO_PODS}, or runs them with a 1-second grace period that kills the agent before it flushes its buffers.`,
    fix: 'Use a positive terminationGracePeriodSeconds (long enough to flush), and an activeDeadlineSeconds within range.',
  },
  'readiness-gates': {
    description: 'readinessGates condition types are qualified names.',
    why: `${NO_PODS}.`,
    fix: 'Use a qualified condition type such as example.com/ready.',
  },
  'scheduling-gates': {
    description: 'schedulingGates names are qualified names, each listed once.',
    why: `${NO_PODS}.`,
    fix: 'Use qualified names, once each.',
  },
  'overhead': {
    description: 'The pod\'s overhead amounts are quantities of at least 0.',
    why: `${NO_PODS}.`,
    fix: 'Leave overhead to the RuntimeClass, or give quantities such as 250m and 64Mi.',
  },
  'pod-os': {
    description: 'os.name is linux or windows, and the pod sets none of the fields the other OS forbids (hostPID or SELinux options on Windows, Windows options on Linux).',
    why: `${NO_PODS}.`,
    fix: 'Set os.name to the nodes\' OS and remove the fields the message names.',
  },
  'resource-claims': {
    description: 'Pod resource claims (dynamic resource allocation) have unique valid names and one source each.',
    why: `${NO_PODS}.`,
    fix: 'Give each claim a unique name and one of resourceClaimName and resourceClaimTemplateName.',
  },
  'topology-spread': {
    description: 'Topology spread constraints: maxSkew above 0, minDomains only with DoNotSchedule, one constraint per topology key and whenUnsatisfiable, valid match label keys.',
    why: `${NO_PODS}.`,
    fix: 'Correct the constraint the message names.',
  },
  'pod-affinity': {
    description: 'Pod affinity and anti-affinity terms: a topology key, a valid selector, weights 1 to 100, match label keys not also selected.',
    why: `${NO_PODS}.`,
    fix: 'Give every term a topologyKey (e.g. kubernetes.io/hostname) and a valid labelSelector.',
  },
  'container-names': {
    description: 'Every container, init container and ephemeral container has a name that is a DNS-1123 label, unique in the pod.',
    why: `${NO_PODS}.`,
    fix: 'Name each container with lower-case letters, digits and \'-\', once per pod.',
  },
  'image-reference': {
    description: 'Every container names an image.',
    why: `${NO_PODS}.`,
    fix: 'Set image, e.g. registry.example.com/agent:1.4.2.',
  },
  'port-range': {
    description: 'Ports are numbers from 1 to 65535 (containerPort, hostPort, probe and handler ports) or valid port names; a hostIP without hostPort and duplicate port definitions are accepted with a warning.',
    why: `${NO_PODS}, or accepts it with a warning.`,
    fix: 'Use numbers from 1 to 65535, without quotes, or a declared port name.',
  },
  'port-names': {
    description: 'Container port names are IANA service names (at most 15 characters, lower case, a letter, no \'--\'), unique in the container; a name used by two containers is accepted with a warning.',
    why: `${NO_PODS}, or accepts it with a warning, and a Service or probe that selects the port by name uses the first container's.`,
    fix: 'Use a short unique name such as metrics or http-metrics.',
    equivalents: { kubeLinter: 'invalid-target-ports' },
  },
  'host-port-collision': {
    description: 'Two containers of one pod do not bind the same hostPort, protocol and hostIP.',
    why: `${NO_PODS}; only one process can bind the port on the node.`,
    fix: 'Give each container its own host port, or one container the port.',
  },
  'host-network-ports': {
    description: 'With hostNetwork, a container\'s hostPort equals its containerPort (or is unset).',
    why: `${NO_PODS}: on the host network the container listens on the node's port directly.`,
    fix: 'Remove hostPort, or make it equal to containerPort.',
  },
  'env-names': {
    description: 'Environment variable names are valid (any printable ASCII but \'=\' from Kubernetes 1.32, a C identifier before); a variable defined twice is accepted with a warning.',
    why: `${NO_PODS}, or accepts it with a warning: with kubectl apply the earlier definition of a repeated variable may be dropped.`,
    fix: 'Rename the variable, and define each variable once.',
    equivalents: { kubeScore: 'environment-variable-key-duplication', kubeLinter: 'duplicate-env-var' },
  },
  'quantities': {
    description: 'Resource requests and limits are quantities of at least 0; a fractional byte amount of memory or ephemeral-storage is accepted with a warning.',
    why: `${NO_PODS}, or accepts it with a warning and rounds the amount.`,
    fix: 'Write quantities such as 250m, 0.5, 64Mi or 1Gi, not negative, without spaces or units like "cpu".',
  },
  'requests-within-limits': {
    description: 'A container\'s request of a resource is at most its limit.',
    why: `${NO_PODS}.`,
    fix: 'Lower the request or raise the limit; a missing request defaults to the limit.',
  },
  'extended-resources': {
    description: 'Extended resources (nvidia.com/gpu, a device plugin\'s vendor.com/device) are whole numbers, have a limit, and request exactly their limit.',
    why: `${NO_PODS}: extended resources cannot be overcommitted.`,
    fix: 'Set the limit (the request then defaults to it), a whole number such as 1.',
  },
  'volume-mounts': {
    description: 'Volume mounts name a volume of the pod, have a mountPath unique in the container, relative subPath or subPathExpr without \'..\' (not both), and recursiveReadOnly only on read-only mounts.',
    why: `${NO_PODS}.`,
    fix: 'Mount a declared volume at a path of its own; write subPath relative to the volume.',
  },
  'mount-propagation': {
    description: 'Bidirectional mount propagation only in privileged containers.',
    why: `${NO_PODS}.`,
    fix: 'Use HostToContainer propagation, or make the container privileged if it must mount into the host.',
  },
  'probes': {
    description: 'Probes only on containers that may have them (not on init containers that are not sidecars), with counts of at least 0, successThreshold 1 for liveness and startup probes, terminationGracePeriodSeconds above 0 and not on readiness probes.',
    why: `${NO_PODS}.`,
    fix: 'Correct the probe field the message names.',
  },
  'privileged-escalation': {
    description: 'allowPrivilegeEscalation: false is not combined with privileged or an added CAP_SYS_ADMIN.',
    why: `${NO_PODS}: a privileged container always allows escalation.`,
    fix: 'Drop allowPrivilegeEscalation: false from the privileged container, or stop making it privileged.',
  },
  'env-value-from': {
    description: 'An env variable\'s valueFrom names exactly one source (fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef, fileKeyRef), no value beside it, and each source\'s fields are valid.',
    why: `${NO_PODS}.`,
    fix: 'Keep one source per variable, with a supported field path or resource and a valid name and key.',
  },
  'env-from': {
    description: 'An envFrom entry names exactly one of configMapRef and secretRef, with a valid name and prefix.',
    why: `${NO_PODS}.`,
    fix: 'Split entries that name two sources, and give each a name.',
  },
  'resource-names': {
    description: 'Containers request standard resources (cpu, memory, ephemeral-storage, hugepages-<size>) or qualified extended resources.',
    why: `${NO_PODS}.`,
    fix: 'Use the resource\'s real name: cpu, not cpus; nvidia.com/gpu, not gpu.',
  },
  'hugepages': {
    description: 'Huge pages come in whole pages of a valid size, request exactly their limit, and with a cpu or memory request.',
    why: `${NO_PODS}.`,
    fix: 'Request a multiple of the page size, equal to the limit, together with memory or cpu.',
  },
  'resize-policy': {
    description: 'In-place resize policies name cpu and memory at most once each, with restart policies NotRequired or RestartContainer that fit the pod and container.',
    why: `${NO_PODS}.`,
    fix: 'List cpu and memory once each, with a restart policy the message allows.',
  },
  'container-restart-policy': {
    description: 'A container\'s restartPolicy and restart rules are valid for the target version (before 1.35 only Always, on init containers: native sidecars).',
    why: `${NO_PODS}.`,
    fix: 'Set restartPolicy: Always on init containers meant as sidecars only, or target a version that supports the rules.',
  },
  'probe-handlers': {
    description: 'Each probe and lifecycle hook has exactly one handler (exec, httpGet, tcpSocket, grpc, sleep), with a command, valid ports and header names, and sleep seconds within the grace period.',
    why: `${NO_PODS}.`,
    fix: 'Give each probe or hook one handler, filled in.',
  },
  'lifecycle': {
    description: 'Plain init containers (not sidecars) have no lifecycle hooks.',
    why: `${NO_PODS}.`,
    fix: 'Move the hook to a regular or sidecar container, or remove it.',
  },
  'volume-devices': {
    description: 'volumeDevices name a persistentVolumeClaim or ephemeral volume of the pod with a unique devicePath, not also mounted.',
    why: `${NO_PODS}.`,
    fix: 'Use a block-mode claim volume, at a device path of its own.',
  },
  'security-context-ids': {
    description: 'A container\'s runAsUser and runAsGroup are from 0 to 2147483647.',
    why: `${NO_PODS}.`,
    fix: 'Use an id within range (e.g. 65534).',
  },
  'seccomp-profile': {
    description: 'A Localhost seccomp profile names a relative profile path without \'..\'; other types name none.',
    why: `${NO_PODS}.`,
    fix: 'Use type RuntimeDefault, or Localhost with localhostProfile relative to the kubelet\'s seccomp directory.',
  },
  'apparmor-profile': {
    description: 'A Localhost AppArmor profile names a profile loaded on the node, without padding; other types name none.',
    why: `${NO_PODS}.`,
    fix: 'Use type RuntimeDefault, or Localhost with the profile\'s name.',
  },
  'proc-mount': {
    description: 'procMount Unmasked only in pods with hostUsers: false (a user namespace).',
    why: `${NO_PODS}.`,
    fix: 'Remove procMount: Unmasked, or run the pod in a user namespace.',
  },
} satisfies { readonly [check in SemanticCheck]?: CheckReference };
