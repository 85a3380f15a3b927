import { kubernetesMinor } from '../../../../k8s/kubernetes-version';
import { Add, SemanticCheck, SemanticProblem } from '../checks';

/** A pod spec as its checks see it: the spec, where findings go, and the Kubernetes version judged. @internal */
export interface PodContext {
  /** The pod spec (any JSON; read it through the k8s/shape accessors). */
  readonly spec: { [key: string]: any };
  /** Reports an error: the API server rejects the object. */
  readonly add: Add;
  /** Reports what the API server accepts with a warning (its `Warning:` response headers). */
  readonly warn: Add;
  /** Kubernetes minor version the object targets, e.g. `1.37`. */
  readonly kubernetesVersion: string;
}

/** A warning-reporting `Add` writing into `problems`, with paths below `base`. @internal */
export function warner(problems: SemanticProblem[], base: string): Add {
  return (check: SemanticCheck, path: string, message: string) => {
    problems.push({ rule: `semantics/${check}`, path: `${base}.${path}`, message, severity: 'warning' });
  };
}

/** The minor version number of `1.37` (or `v1.37.2`); the newest known when it cannot be read. @internal */
export function minorVersion(version: string): number {
  return kubernetesMinor(version) ?? 37;
}
