/**
 * The rules reference of the runtime family: what each `runtime/<check>` predicts, why it matters and how to fix
 * it. Typed by `RuntimeCheck`, so a check declared in ./checks without an entry here does not compile.
 */
import { RuntimeCheck } from './checks';
import { CheckReference, Severity } from '../../rule';

/** The reference entry of every runtime check; `severity` where the check only ever warns. */
export const RUNTIME_CHECK_REFERENCE: { readonly [check in RuntimeCheck]: CheckReference } = {
  'max-surge-host-port': {
    description: 'A DaemonSet whose rolling update surges (maxSurge above 0) while its pods bind host ports or use the host network.',
    why: 'The surge pod starts next to the old one on the same node and can never bind the same port, so it never starts and the rollout never finishes (the DaemonSet controller waits for it forever).',
    fix: 'Use maxUnavailable instead of maxSurge for DaemonSets with host ports or hostNetwork.',
  },
  'probe-ports': {
    description: 'A probe (liveness, readiness, startup) whose port is a name that no port of its container declares.',
    why: 'The API server checks only the name\'s syntax; the kubelet cannot resolve the port, so the probe fails on every node: a liveness probe restarts the agent forever, a readiness probe keeps it unready.',
    fix: 'Name the container port the probe uses (ports[].name), or give the probe the port number.',
    equivalents: { kubeLinter: 'liveness-port, readiness-port, startup-port' },
  },
  'image-reference': {
    description: 'An image reference the container runtime cannot parse (upper-case repository, bad tag or digest, stray characters).',
    why: 'The API server only checks that an image is set; the kubelet cannot parse the reference and the container stays in InvalidImageName on every node.',
    fix: 'Write the image as [registry/]repository[:tag][@digest] with a lower-case repository, e.g. registry.example.com/agent:1.4.2.',
  },
  'pod-rejected': {
    description: 'A pod template the API server accepts whose Pods it would reject: priority that is not its PriorityClass\'s value, preemptionPolicy against a built-in class, duplicate host ports defaulted under hostNetwork, images padded with whitespace, matchLabelKeys repeating a selected key.',
    why: 'The controller (the DaemonSet controller, a ReplicaSet ...) can never create a Pod from the template, so no pod runs and the events fill with the API server\'s refusal.',
    fix: 'Do what the message says: remove priority and set priorityClassName only, give each port under hostNetwork its own number, trim the image, drop the repeated matchLabelKeys key.',
  },
  'service-node-port-range': {
    severity: Severity.WARNING,
    description: 'A Service nodePort or healthCheckNodePort outside the default node port range 30000-32767.',
    why: 'A dry run accepts it, but a real create fails with "provided port is not in the valid range" unless the cluster\'s --service-node-port-range includes the port. A warning: the range is the cluster\'s choice.',
    fix: 'Use a port in 30000-32767, leave nodePort unset so the API server picks one, or make sure the cluster\'s range includes it.',
  },
  'node-affinity-unsatisfiable': {
    description: 'Required node affinity the scheduler cannot match: Gt or Lt with a value that is not an integer, or only empty terms (a warning when other terms can still match).',
    why: 'The API server accepts the terms, but the scheduler matches no node with them: when no term can match, the DaemonSet controller creates no pod and a Pod stays Pending.',
    fix: 'Give Gt and Lt one integer value (e.g. "4"), and put at least one requirement in every term.',
  },
  'gpu-resource-kinds': {
    severity: Severity.WARNING,
    description: 'A pod that asks for more than one Volcengine VKE GPU resource kind: whole NVIDIA GPUs (nvidia.com/gpu) next to mGPU shares (vke.volcengine.com/mgpu-*).',
    why: 'A VKE GPU node serves its cards whole or as mGPU shares, never both, so on VKE the pod stays Pending. A warning: it holds on VKE only.',
    fix: 'Request one GPU kind per workload: ExtendedResource.nvidiaGpu() or VolcengineResources.mgpu().',
  },
  'rdma-with-mgpu': {
    severity: Severity.WARNING,
    description: 'A pod that asks for Volcengine VKE RDMA devices (vke.volcengine.com/rdma) together with mGPU shares.',
    why: 'VKE cannot give a pod RDMA and mGPU at the same time, so on VKE the pod gets no node. A warning: it holds on VKE only.',
    fix: 'Use RDMA with whole GPUs (nvidia.com/gpu), or mGPU without RDMA.',
  },
  'run-as-root-conflict': {
    severity: Severity.ERROR,
    description: 'A container whose effective runAsNonRoot is true (its own or the pod\'s) and whose effective runAsUser is 0.',
    why: 'The API server accepts the pair, but the kubelet refuses to start the container (CreateContainerConfigError: runAsUser breaks non-root policy), so the pod never runs on any node.',
    fix: 'Run as a non-zero uid, or set runAsNonRoot: false where the container is meant to run as root.',
  },
  'host-network-attachments': {
    severity: Severity.WARNING,
    description: 'Host-network pods that ask for secondary networks (the k8s.v1.cni.cncf.io/networks annotation) or a TKEStack Galaxy floating IP.',
    why: 'The kubelet calls no network plugin for a pod on the host network, so nothing is attached: the pods run without the networks or IP they ask for.',
    fix: 'Remove hostNetwork to get the attachments, or remove the attachments from host-network pods.',
  },
};
