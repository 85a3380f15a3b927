import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { checkEnum } from '../input-checks';
import { restrictedStartProblems } from '../k8s/known-images';

/**
 * How much of a security context the `DaemonSet` writes for you. Settings you give (`securityContext` of a
 * container or the pod, `capabilities`, `seccompProfile`) always win over the level's defaults.
 */
export enum Hardening {
  /**
   * The Pod Security `restricted` level, the default. Each container gets `runAsNonRoot: true`,
   * `readOnlyRootFilesystem: true`, `privileged: false`, `allowPrivilegeEscalation: false` (true when the container is
   * privileged) and `capabilities.drop: [ALL]` (nothing dropped when privileged); the pod gets `runAsNonRoot: true`,
   * `fsGroupChangePolicy: Always` and `seccompProfile: RuntimeDefault`.
   *
   * An image must run as a numeric non-root UID and write only to its volumes: a stock `nginx` does neither and
   * never starts. When these defaults reach a container whose image is not known to run that way, and neither
   * its user nor runAsNonRoot nor readOnlyRootFilesystem were set, the DaemonSet reports the info finding
   * `best-practice/hardening-unverified-image` (see `DaemonSet.infos`).
   */
  RESTRICTED = 'restricted',

  /**
   * What the Pod Security `baseline` level needs and no more: the pod gets `seccompProfile: RuntimeDefault`, and
   * nothing else is written. Containers keep the runtime's default capabilities (no drop), a writable root
   * filesystem, and leave runAsNonRoot, privileged and allowPrivilegeEscalation unset (the image's user, Kubernetes'
   * defaults); the pod leaves runAsNonRoot and fsGroupChangePolicy unset. Stock images (nginx, httpd, redis) start
   * unchanged.
   */
  BASELINE = 'baseline',

  /**
   * No security defaults at all: the container and pod security contexts hold only what you set (none at all when
   * you set nothing), no capability is dropped, and no seccomp profile is written unless `seccompProfile` is given.
   */
  NONE = 'none',
}

/** The rule id of the info finding about the restricted defaults on an image not known to run with them. */
export const HARDENING_UNVERIFIED_IMAGE = 'best-practice/hardening-unverified-image';

/** Checks the `hardening` prop (JavaScript callers may pass any value) and returns the level. */
export function checkHardening(at: string, value: unknown): Hardening {
  return value === undefined ? Hardening.RESTRICTED : checkEnum(at, 'hardening', value, Object.values(Hardening));
}

/** The container security fields cdk8s-plus-27 always renders, by the prop that sets each. */
const KPLUS_CONTAINER_DEFAULTS: readonly (readonly [string, string])[] = [
  ['ensureNonRoot', 'runAsNonRoot'],
  ['privileged', 'privileged'],
  ['readOnlyRootFilesystem', 'readOnlyRootFilesystem'],
  ['allowPrivilegeEscalation', 'allowPrivilegeEscalation'],
];

/** How one container's security context is rendered under a hardening level. */
export interface ContainerSecurityPlan {
  /** The `securityContext` handed to cdk8s-plus-27. */
  readonly kplusSecurityContext: kplus.ContainerSecurityContextProps;
  /** The capabilities dropped when the props drop none. */
  readonly defaultDrop: string[];
  /**
   * Fields of the rendered `securityContext` to remove afterwards (cdk8s-plus-27's defaults the level does not
   * want); `['']` removes the whole `securityContext`.
   */
  readonly removals: string[];
  /** The level's defaults this container gets, as `field: value`, for the info finding. */
  readonly applied: string[];
}

/**
 * What the level writes into a container's security context beyond `sc` (the user's).
 * @param drop the capabilities the props drop, when they say
 * @param add the capabilities the props add
 */
export function planContainerSecurity(
  level: Hardening, given: kplus.ContainerSecurityContextProps, drop: string[] | undefined, add: string[], podRunsAsRoot = false,
): ContainerSecurityPlan {
  // An explicit root (uid 0 here, or the pod's uid 0 / ensureNonRoot: false when this container sets no uid) is a choice
  // the runAsNonRoot default must not contradict: the kubelet refuses runAsNonRoot with uid 0 (CreateContainerConfigError).
  const sc = level === Hardening.RESTRICTED && given.ensureNonRoot === undefined && (given.user === 0 || (given.user === undefined && podRunsAsRoot))
    ? { ...given, ensureNonRoot: false } : given;
  const privileged = sc.privileged ?? false;
  if (level === Hardening.RESTRICTED) {
    const applied: string[] = [];
    if (sc.ensureNonRoot === undefined) applied.push('runAsNonRoot: true');
    if (sc.readOnlyRootFilesystem === undefined) applied.push('readOnlyRootFilesystem: true');
    if (sc.allowPrivilegeEscalation === undefined && !privileged) applied.push('allowPrivilegeEscalation: false');
    if (drop === undefined && !privileged) applied.push('capabilities.drop: [ALL]');
    return {
      kplusSecurityContext: { ...sc, allowPrivilegeEscalation: sc.allowPrivilegeEscalation ?? privileged, capabilities: undefined },
      defaultDrop: privileged ? [] : ['ALL'],
      removals: [],
      applied,
    };
  }
  const userSet = sc as { [prop: string]: unknown };
  const removals = KPLUS_CONTAINER_DEFAULTS.filter(([prop]) => userSet[prop] === undefined).map(([, field]) => field);
  const keeps = sc.user !== undefined || sc.group !== undefined || add.length > 0 || (drop ?? []).length > 0
    || removals.length < KPLUS_CONTAINER_DEFAULTS.length;
  return {
    kplusSecurityContext: { ...sc, capabilities: undefined },
    defaultDrop: [],
    removals: keeps ? removals : [''],
    applied: [],
  };
}

/**
 * Whether a pod security context chose root: uid 0, or `ensureNonRoot: false`.
 * @internal
 */
export function runsAsRoot(sc: kplus.PodSecurityContextProps | undefined): boolean {
  return sc?.user === 0 || sc?.ensureNonRoot === false;
}

/**
 * The pod security context handed to cdk8s-plus-27: with uid 0 and no `ensureNonRoot`, `ensureNonRoot: false`, since
 * cdk8s-plus's default `runAsNonRoot: true` beside `runAsUser: 0` makes the kubelet refuse every container.
 * @internal
 */
export function rootWithoutNonRootDefault(sc: kplus.PodSecurityContextProps | undefined): kplus.PodSecurityContextProps | undefined {
  return sc?.user === 0 && sc.ensureNonRoot === undefined ? { ...sc, ensureNonRoot: false } : sc;
}

/**
 * Removes the rendered security fields a level does not want, after every patch that writes into them.
 * @param base JSON pointer of the object that holds the `securityContext` (a container, or the pod spec)
 */
export function patchSecurityRemovals(obj: ApiObject, base: string, removals: string[]): void {
  for (const field of removals) {
    obj.addJsonPatch(JsonPatch.remove(field === '' ? `${base}/securityContext` : `${base}/securityContext/${field}`));
  }
}

/**
 * The fields of the rendered pod `securityContext` a level removes: cdk8s-plus-27's `runAsNonRoot` and
 * `fsGroupChangePolicy` defaults (BASELINE and NONE), and the `seccompProfile` the DaemonSet adds (NONE, when none
 * was given); `['']` when nothing is left.
 */
export function podSecurityRemovals(level: Hardening, podSc: kplus.PodSecurityContextProps | undefined, seccompGiven: boolean): string[] {
  if (level === Hardening.RESTRICTED) return [];
  const sc = podSc ?? {};
  const removals: string[] = [];
  if (sc.ensureNonRoot === undefined) removals.push('runAsNonRoot');
  if (sc.fsGroupChangePolicy === undefined) removals.push('fsGroupChangePolicy');
  const keepsSeccomp = level === Hardening.BASELINE || seccompGiven;
  if (!keepsSeccomp) removals.push('seccompProfile');
  const keeps = keepsSeccomp || sc.user !== undefined || sc.group !== undefined || sc.fsGroup !== undefined
    || sc.ensureNonRoot !== undefined || sc.fsGroupChangePolicy !== undefined || (sc.sysctls ?? []).length > 0;
  return keeps ? removals : [''];
}

/** What the info finding needs to know of one container. */
export interface HardeningFindingInput {
  /** The DaemonSet's message prefix, `DaemonSet '<path>'`. */
  readonly at: string;
  /** `container` or `init container`. */
  readonly kind: string;
  /** The container's name. */
  readonly name: string;
  /** The container's image. */
  readonly image: string;
  /** JSON path of the container's `securityContext` in the DaemonSet. */
  readonly path: string;
  /** The user's container security context. */
  readonly securityContext: kplus.ContainerSecurityContextProps;
  /** The user's pod security context. */
  readonly podSecurityContext?: kplus.PodSecurityContextProps;
  /** Whether the pod's seccomp profile was given. */
  readonly seccompGiven: boolean;
  /** The plan's `applied` defaults. */
  readonly applied: string[];
}

/**
 * The `best-practice/hardening-unverified-image` info line for a container that got the restricted level's
 * runAsNonRoot or readOnlyRootFilesystem by default (its user set none of the container's or pod's UID,
 * runAsNonRoot, readOnlyRootFilesystem) and whose image is not known to start with them; `undefined` otherwise.
 */
export function hardeningFinding(f: HardeningFindingInput): string | undefined {
  const sc = f.securityContext;
  const pod = f.podSecurityContext ?? {};
  const forced = f.applied.some(a => a.startsWith('runAsNonRoot') || a.startsWith('readOnlyRootFilesystem'));
  const chosen = sc.user !== undefined || pod.user !== undefined || sc.ensureNonRoot !== undefined
    || pod.ensureNonRoot !== undefined || sc.readOnlyRootFilesystem !== undefined;
  if (!forced || chosen) return undefined;
  const problems = restrictedStartProblems(f.image);
  if (problems !== undefined && problems.length === 0) return undefined;
  const pods = [...pod.ensureNonRoot === undefined ? ['runAsNonRoot: true'] : [], ...f.seccompGiven ? [] : ['seccompProfile: RuntimeDefault']];
  const why = problems === undefined
    ? 'the image is not known to run that way: if its USER is root or a name rather than a numeric UID, the kubelet '
      + 'refuses to start it (CreateContainerConfigError), and if it writes outside its volumes it fails'
    : `the image cannot run that way: ${problems.join('; ')}`;
  return `${f.at}: ${f.kind} '${f.name}' (image '${f.image}') gets the restricted hardening defaults ${f.applied.join(', ')}`
    + `${pods.length > 0 ? ` (and on the pod ${pods.join(', ')})` : ''}, but ${why}. `
    + 'Choose hardening: Hardening.BASELINE for a stock image, or keep the restricted level and set the container\'s '
    + 'securityContext.user (a non-root UID the image runs as) and readOnlyRootFilesystem (with an emptyDir where it writes) '
    + `explicitly (at ${f.path}) (rule: ${HARDENING_UNVERIFIED_IMAGE})`;
}
