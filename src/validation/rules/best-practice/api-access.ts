import { podRule } from './common';
import { asList, isObject, Manifest, str, text } from '../../../k8s/shape';
import { RuleContext, Severity } from '../../rule';

interface ApiAccessIndex {
  /** `namespace/name` of service accounts some RoleBinding or ClusterRoleBinding of the input grants access to. */
  readonly bound: Set<string>;
  /** Namespaces whose service accounts are all bound (group system:serviceaccounts:<ns>); `*` for all. */
  readonly boundNamespaces: Set<string>;
  /** `namespace/name` → ServiceAccount object of the input. */
  readonly serviceAccounts: Map<string, Manifest>;
}

function indexApiAccess(ctx: RuleContext): ApiAccessIndex {
  const bound = new Set<string>();
  const boundNamespaces = new Set<string>();
  const serviceAccounts = new Map<string, Manifest>();
  for (const o of ctx.objects) {
    if (!isObject(o)) continue;
    const ns = typeof o.metadata?.namespace === 'string' && o.metadata.namespace !== '' ? o.metadata.namespace : 'default';
    if (o.kind === 'ServiceAccount' && typeof o.metadata?.name === 'string') {
      serviceAccounts.set(`${ns}/${o.metadata.name}`, o);
    } else if (o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') {
      for (const s of asList(o.subjects)) {
        if (s?.kind === 'ServiceAccount') {
          bound.add(`${text(s.namespace ?? ns)}/${text(s.name)}`);
        } else if (s?.kind === 'Group' && typeof s.name === 'string') {
          if (s.name === 'system:serviceaccounts') boundNamespaces.add('*');
          else if (s.name.startsWith('system:serviceaccounts:')) boundNamespaces.add(s.name.slice('system:serviceaccounts:'.length));
        }
      }
    }
  }
  return { bound, boundNamespaces, serviceAccounts };
}

export const automountServiceAccountToken = podRule({
  id: 'best-practice/automount-service-account-token',
  severity: Severity.INFO,
  description: 'Pods whose service account no RoleBinding or ClusterRoleBinding of the input grants anything set automountServiceAccountToken: false.',
  why: 'A mounted token that grants nothing is still a credential: whoever reads it can talk to the API server as the pod, and gains whatever is bound to the account later.',
  fix: 'Set automountServiceAccountToken: false on the pod (or its ServiceAccount), or bind the account the role it needs.',
  equivalents: { polaris: 'automountServiceAccountToken' },
},
(w, add, index: ApiAccessIndex) => {
  const ns = w.namespace;
  const name = str(w.spec.serviceAccountName) || str(w.spec.serviceAccount) || 'default';
  const key = `${ns}/${name}`;
  const mounted = w.spec.automountServiceAccountToken ?? index.serviceAccounts.get(key)?.automountServiceAccountToken ?? true;
  if (mounted === false) return;
  if (index.bound.has(key) || index.boundNamespaces.has(ns) || index.boundNamespaces.has('*')) return;
  add(`${w.specPath}.automountServiceAccountToken`,
    `the pod mounts a token of service account '${name}', but no RoleBinding or ClusterRoleBinding in the input grants that account anything; `
      + 'if the pod does not call the Kubernetes API the token is only something to steal',
    'Set automountServiceAccountToken: false on the pod (or the ServiceAccount) if it does not call the API.');
},
indexApiAccess);

/** Best-practice rules. @internal */
