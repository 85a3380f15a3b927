/**
 * Seccomp checks. Policies before v1.19 read the alpha annotations (`seccomp.security.alpha.kubernetes.io/pod`,
 * `container.seccomp.security.alpha.kubernetes.io/<container>`); from v1.19 the `seccompProfile` fields, which
 * restricted also requires (on the pod, or on every container).
 */
import { asObject, own, text } from '../../shape';
import { PodSecurityCheck, PodView, Report, who } from '../check';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** validSeccomp: the profile types both levels allow. */
const VALID_TYPES = new Set(['RuntimeDefault', 'Localhost']);

/** validSeccompAnnotationValue: `runtime/default`, `docker/default` or `localhost/<profile>` (not empty). */
function validAnnotationValue(value: unknown): boolean {
  return value === 'runtime/default' || value === 'docker/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

// mirrors seccompProfileBaseline_1_0 in k8s.io/pod-security-admission/policy/check_seccompProfile_baseline.go:
// the pod annotation, and the annotation of each container the pod has
function seccompAnnotations(pod: PodView, report: Report): void {
  const annotations = pod.metadata.annotations;
  const check = (key: string) => {
    const value = own(annotations, key);
    if (value !== undefined && !validAnnotationValue(value)) report(`metadata.annotations.${key}`, `annotation ${key}=${text(value)}`);
  };
  check(POD_ANNOTATION);
  for (const ref of pod.containers) {
    if (typeof ref.container.name === 'string') check(CONTAINER_ANNOTATION_PREFIX + ref.container.name);
  }
}

/** The pod's and each container's `seccompProfile.type` when set to a type neither level allows. */
function invalidSeccompFields(pod: PodView, report: Report): void {
  const profile = pod.securityContext.seccompProfile;
  if (profile != null && !VALID_TYPES.has(asObject(profile).type)) {
    report('securityContext.seccompProfile.type', `the pod sets seccompProfile.type=${text(asObject(profile).type)}`);
  }
  for (const ref of pod.containers) {
    const containerProfile = asObject(ref.container.securityContext).seccompProfile;
    if (containerProfile != null && !VALID_TYPES.has(asObject(containerProfile).type)) {
      report(`${ref.path}.securityContext.seccompProfile.type`, `${who(ref)} sets seccompProfile.type=${text(asObject(containerProfile).type)}`);
    }
  }
}

// mirrors seccompProfileRestricted_1_19 in k8s.io/pod-security-admission/policy/check_seccompProfile_restricted.go:
// invalid types anywhere, and containers that set none while the pod sets no valid one
function seccompRequired(pod: PodView, report: Report): void {
  invalidSeccompFields(pod, report);
  const profile = pod.securityContext.seccompProfile;
  if (profile != null && VALID_TYPES.has(asObject(profile).type)) return;
  for (const ref of pod.containers) {
    if (asObject(ref.container.securityContext).seccompProfile == null) {
      report(`${ref.path}.securityContext.seccompProfile`, `${who(ref)} sets no seccompProfile and the pod sets no valid one`);
    }
  }
}

// mirrors seccompProfileRestricted_1_25: Windows pods are exempt (the API rejects seccompProfile on them)
function seccompRequiredExceptWindows(pod: PodView, report: Report): void {
  if (!pod.windows) seccompRequired(pod, report);
}

const RESTRICTED_ALLOWS = 'seccompProfile.type RuntimeDefault or Localhost on the pod or on every container';

/** The seccomp checks. */
export const SECCOMP_CHECKS: PodSecurityCheck[] = [
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    title: 'seccompProfile',
    versions: [
      {
        since: 0,
        run: seccompAnnotations,
        allows: `annotations ${POD_ANNOTATION} and ${CONTAINER_ANNOTATION_PREFIX}<container> runtime/default, docker/default, localhost/* or unset`,
      },
      // mirrors seccompProfileBaseline_1_19 in k8s.io/pod-security-admission/policy/check_seccompProfile_baseline.go
      { since: 19, run: invalidSeccompFields, allows: 'seccompProfile.type RuntimeDefault, Localhost or unset' },
    ],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    title: 'seccompProfile',
    versions: [
      { since: 19, run: seccompRequired, allows: RESTRICTED_ALLOWS, overrides: ['seccompProfile_baseline'] },
      {
        since: 25,
        run: seccompRequiredExceptWindows,
        allows: `${RESTRICTED_ALLOWS} (not checked on Windows pods)`,
        overrides: ['seccompProfile_baseline'],
      },
    ],
  },
];
