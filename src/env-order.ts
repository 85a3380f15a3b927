import * as kplus from 'cdk8s-plus-27';

/**
 * The variables of an `envVariables` map in an order that does not depend on the order the keys were
 * written in: sorted by name, except that a variable comes after the variables of the same map it
 * references as `$(NAME)`, since Kubernetes expands a reference only to a variable defined earlier
 * in the list. (Insertion order of a map is invisible in most languages and is not an intent: the
 * same map written in another order must render the same YAML, or GitOps shows a diff and the
 * DaemonSet rolls.) A reference cycle cannot be expanded in any order; its members stay sorted.
 * Returns a new map; the caller's is not changed.
 * @internal
 */
export function orderEnvVariables(variables: { [name: string]: kplus.EnvValue }): { [name: string]: kplus.EnvValue } {
  const names = Object.keys(variables).sort();
  const ordered: { [name: string]: kplus.EnvValue } = {};
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.has(name)) return;
    state.set(name, 'visiting');
    for (const ref of references(variables[name]?.value)) {
      if (ref !== name && Object.prototype.hasOwnProperty.call(variables, ref)) visit(ref);
    }
    state.set(name, 'done');
    ordered[name] = variables[name];
  };
  for (const name of names) visit(name);
  return ordered;
}

/** The names referenced as `$(NAME)` in a value (`$$(NAME)` is an escaped literal). */
function references(value: unknown): string[] {
  if (typeof value !== 'string' || !value.includes('$(')) return [];
  const refs: string[] = [];
  const re = /\$\$|\$\(([^)]*)\)/g;
  for (let m = re.exec(value); m; m = re.exec(value)) {
    if (m[1] !== undefined) refs.push(m[1]);
  }
  return [...new Set(refs)].sort();
}
