import { collector, SemanticProblem } from './checks';
import { checkContainer, PodNames } from './containers';
import { minorVersion, PodContext, warner } from './pod/context';
import { checkDnsConfig, checkHostNames } from './pod/dns';
import { checkNodeAffinity } from './pod/node-affinity';
import { checkPodAffinity } from './pod/pod-affinity';
import { checkPodFields, checkReferenceNames } from './pod/pod-fields';
import { checkHostNamespaces, checkPodSecurityContext } from './pod/security-context';
import { checkTolerations } from './pod/tolerations';
import { checkTopologySpread } from './pod/topology-spread';
import { checkVolumes } from './pod/volumes';
import { containersOf } from '../../../k8s/pod-template';
import { asObject, text } from '../../../k8s/shape';

type Json = { [key: string]: any };

/** How a pod spec is judged. */
export interface PodSpecOptions {
  /**
   * The Kubernetes minor version whose API server is mirrored, e.g. `1.37`.
   * @default - the newest the checks know (1.37)
   */
  readonly kubernetesVersion?: string;
}

/**
 * Checks a pod spec (Kubernetes JSON) for what the API server rejects: the pod-level fields (one concept per file in
 * ./pod) and each init and app container (./containers). Mirrors `ValidatePodSpec` in
 * pkg/apis/core/validation/validation.go (v1.37.2); a DaemonSet's restartPolicy must be Always
 * (`ValidatePodTemplateSpecForDaemonSet`... the apps validation), which callers drop for kinds that allow others.
 * @param base the JSON path of the pod spec, used in findings
 */
export function checkPodSpec(podSpecInput: Json, base: string, options: PodSpecOptions = {}): SemanticProblem[] {
  const podSpec = asObject(podSpecInput);
  const { problems, add } = collector(base);
  const ctx: PodContext = { spec: podSpec, add, warn: warner(problems, base), kubernetesVersion: options.kubernetesVersion ?? '1.37' };

  // An empty or null restartPolicy is defaulted to Always (mirrors SetDefaults_PodSpec in pkg/apis/core/v1/defaults.go).
  if (podSpec.restartPolicy != null && podSpec.restartPolicy !== '' && podSpec.restartPolicy !== 'Always') {
    add('restart-policy', 'restartPolicy', `restartPolicy is ${text(podSpec.restartPolicy)}; a DaemonSet's pods must use Always`);
  }
  // A containers field that is not a list is the schema rule's to report.
  if (podSpec.containers == null || (Array.isArray(podSpec.containers) && podSpec.containers.length === 0)) add('containers', 'containers', 'the pod has no containers; add at least one');

  const pod: PodNames = {
    spec: podSpec,
    volumes: checkVolumes(ctx),
    containerNames: new Set<string>(),
    portNames: new Map<string, string>(),
    // Init containers run one at a time before the containers, so each binds its host ports alone.
    containerHostPorts: new Map<string, string>(),
    kubernetesMinor: minorVersion(ctx.kubernetesVersion),
  };
  for (const ref of containersOf(podSpec)) {
    if (!ref.ephemeral) checkContainer(ref, pod, add);
  }
  checkPodSecurityContext(ctx);
  checkHostNamespaces(ctx);
  checkNodeAffinity(ctx);
  checkPodAffinity(ctx);
  checkTolerations(ctx);
  checkTopologySpread(ctx);
  checkDnsConfig(ctx);
  checkHostNames(ctx);
  checkReferenceNames(ctx);
  checkPodFields(ctx);
  return problems;
}
