/** Pods that meet the restricted Pod Security level, for the evaluator's and the rule family's tests. */

type Json = { [key: string]: any };

/** A container that meets the restricted level on its own. */
export function container(overrides: Json = {}, securityContext: Json = {}): Json {
  return {
    name: 'app',
    image: 'registry.example.com/app:1.4.2',
    ...overrides,
    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, ...securityContext },
  };
}

/** A pod spec that meets the restricted level. */
export function pod(overrides: Json = {}, securityContext: Json = {}): Json {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' }, ...securityContext },
    containers: [container()],
    ...overrides,
  };
}
