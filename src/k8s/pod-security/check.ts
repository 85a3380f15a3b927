/**
 * The contract of a Pod Security check, as k8s.io/pod-security-admission/policy/checks.go defines it: an id, the
 * level it belongs to, and one implementation per policy version where the check changed.
 */
import { ContainerRef } from '../pod-template';
import { asObject, Manifest } from '../shape';

/** A Pod Security Standards level, from least to most restrictive. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** What a pod check reads: the pod spec, its metadata and facts several checks share, read once per pod. */
export interface PodView {
  readonly spec: Manifest;
  readonly metadata: Manifest;
  /** Init, regular and ephemeral containers, in that order (upstream's visitContainers order). */
  readonly containers: readonly ContainerRef[];
  /** `spec.securityContext` (empty when unset or not an object). */
  readonly securityContext: Manifest;
  /** `spec.os.name` is `windows` (the 1.25+ restricted checks exempt such pods). */
  readonly windows: boolean;
  /** `spec.hostUsers` is false: the pod runs in a user namespace (relaxPolicyForUserNamespacePod). */
  readonly userNamespace: boolean;
}

/** Records one violation: the JSON path below the pod spec (`metadata.…` for annotations) and what is wrong. */
export type Report = (path: string, message: string) => void;

/** One implementation of a check, used from `since` until the next implementation's `since`. */
export interface CheckVersion {
  /** The minor of the first policy version (`v1.<since>`) that uses this implementation. */
  readonly since: number;
  /** Reports every violation of the pod. */
  readonly run: (pod: PodView, report: Report) => void;
  /** What the check allows, for hints. */
  readonly allows: string;
  /** Baseline checks this restricted implementation replaces when `restricted` is evaluated (upstream's OverrideCheckIDs). */
  readonly overrides?: readonly string[];
}

/** A Pod Security check: PSA's id, its level, and its implementations by policy version (`since` strictly increasing). */
export interface PodSecurityCheck {
  /** PSA's check id, e.g. `hostNamespaces`, `capabilities_restricted`. */
  readonly id: string;
  /** The level the check belongs to: a pod failing it is kept out of this level and every stricter one. */
  readonly level: 'baseline' | 'restricted';
  /** The text the API server starts its reason with (upstream's ForbiddenReason), e.g. `host namespaces`. */
  readonly title: string;
  readonly versions: readonly CheckVersion[];
}

/** The pod view of a pod spec and its metadata. @internal */
export function podView(spec: Manifest, metadata: Manifest, containers: readonly ContainerRef[]): PodView {
  return {
    spec,
    metadata,
    containers,
    securityContext: asObject(spec.securityContext),
    windows: asObject(spec.os).name === 'windows',
    userNamespace: spec.hostUsers === false,
  };
}

/** `container 'name'` for messages. @internal */
export function who(ref: ContainerRef): string {
  const name = ref.container.name;
  return typeof name === 'string' ? `container '${name}'` : `the container at ${ref.path}`;
}
