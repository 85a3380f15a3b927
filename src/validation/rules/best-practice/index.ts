import { automountServiceAccountToken } from './api-access';
import { envNames } from './env-names';
import { hardeningUnverifiedImage } from './hardening';
import { sensitiveHostMount, writableHostMount } from './host-paths';
import { imageTagRule } from './image-tag';
import { hostNamespaces, priorityClass, updateStrategy } from './operations';
import { livenessProbe, readinessProbe } from './probes';
import { memoryLimit, resourceRequests } from './resources';
import { dropCapabilities, noPrivileged, noPrivilegeEscalation, readOnlyRootFilesystem, runAsNonRoot, userGroupId } from './security-context';
import { Rule } from '../../rule';

/**
 * Best-practice rules for the pod templates of every workload kind (Pod, DaemonSet, Deployment, StatefulSet,
 * ReplicaSet, Job, CronJob). Each rule's description names the equivalent kube-score / kube-linter / Polaris check
 * ids so findings can be mapped to those tools. One file per theme; the order below is the report's.
 * @internal
 */
export const BEST_PRACTICE_RULES: Rule[] = [
  resourceRequests,
  memoryLimit,
  imageTagRule,
  readOnlyRootFilesystem,
  dropCapabilities,
  noPrivileged,
  noPrivilegeEscalation,
  livenessProbe,
  readinessProbe,
  sensitiveHostMount,
  writableHostMount,
  priorityClass,
  runAsNonRoot,
  userGroupId,
  hardeningUnverifiedImage,
  hostNamespaces,
  automountServiceAccountToken,
  updateStrategy,
  envNames,
];
