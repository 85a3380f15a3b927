import { containersOf } from '../k8s/pod-template';
import { structItems, text } from '../k8s/shape';
import { checkEnvVarName } from '../k8s/syntax';

/**
 * Environment variable names a shell cannot read, in the rendered pod spec: the names the DaemonSet refuses in
 * `envVariables` at construction, found again at synthesis for variables added later (`container.env.addVariable`).
 * The API server accepts them since 1.32 (relaxed env var names); refusing them is this construct's choice, kept
 * the same however a variable is added. The validator reports the same names as best-practice/env-names (a warning).
 */
export function unreadableEnvNames(podSpec: unknown): string[] {
  const problems: string[] = [];
  for (const ref of containersOf(podSpec)) {
    for (const { item, index } of structItems(ref.container.env)) {
      if (typeof item.name !== 'string') continue;
      const problem = checkEnvVarName(item.name);
      if (!problem) continue;
      problems.push(`${ref.init ? 'init container' : 'container'} '${text(ref.container.name)}' environment variable name '${item.name}' ${problem}; `
        + 'the API server accepts it, but a shell cannot read it and DaemonSet refuses it, as in envVariables '
        + `(at spec.template.spec.${ref.path}.env[${index}].name)`);
    }
  }
  return problems;
}
