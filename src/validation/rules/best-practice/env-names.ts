import { podRule, who } from './common';
import { asList, isObject } from '../../../k8s/shape';
import { checkEnvVarName } from '../../../k8s/syntax';
import { Severity } from '../../rule';

/**
 * Environment variable names (and envFrom prefixes) a POSIX shell can read. The API server accepts any printable
 * ASCII but '=' (the semantics family reports what it rejects), yet `LOG-LEVEL` or `my.var` cannot be read as
 * `$LOG-LEVEL` in a shell, and many programs ignore them.
 */
export const envNames = podRule({
  id: 'best-practice/env-names',
  severity: Severity.WARNING,
  description: 'Environment variable names and envFrom prefixes match [A-Za-z_][A-Za-z0-9_]*, so shells and programs can read them (the API server accepts any printable ASCII but \'=\').',
  why: 'A name with a dot or a dash is accepted but invisible to a shell (${A.B} is not a variable), so scripts and entrypoints silently see nothing.',
  fix: 'Rename the variable (or the envFrom prefix) to letters, digits and underscores, not starting with a digit.',
},
(w, add) => {
  for (const c of w.containers) {
    const env = asList(c.container.env);
    for (let index = 0; index < env.length; index++) {
      const e = env[index];
      if (!isObject(e) || typeof e.name !== 'string' || e.name === '' || e.name.includes('=')) continue;
      const problem = checkEnvVarName(e.name);
      if (problem) {
        add(`${w.specPath}.${c.path}.env[${index}].name`, `${who(c)} environment variable name '${e.name}' ${problem}; the API server accepts it, but a shell cannot read it`,
          'Use letters, digits and \'_\' (e.g. LOG_LEVEL).');
      }
    }
    const envFrom = asList(c.container.envFrom);
    for (let index = 0; index < envFrom.length; index++) {
      const e = envFrom[index];
      if (!isObject(e) || typeof e.prefix !== 'string' || e.prefix === '' || e.prefix.includes('=')) continue;
      const problem = checkEnvVarName(e.prefix);
      if (problem) {
        add(`${w.specPath}.${c.path}.envFrom[${index}].prefix`, `${who(c)} envFrom prefix '${e.prefix}' ${problem}; the API server accepts it, but a shell cannot read the variables it names`,
          'Use letters, digits and \'_\' (e.g. APP_).');
      }
    }
  }
});
