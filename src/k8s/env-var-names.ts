/**
 * Environment variable names as the API server checks them (k8s.io/apimachinery pkg/util/validation), by
 * Kubernetes version: `IsRelaxedEnvVarName` since the RelaxedEnvironmentVariableValidation gate was on by default
 * (1.32), `IsEnvVarName` before. The shell-safe name the constructs require is `checkEnvVarName` in ./syntax.
 */

/** The first minor version whose API server uses the relaxed rule (the gate's beta, on by default). */
export const RELAXED_ENV_NAMES_SINCE = 32;

const STRICT = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * The problem of an environment variable name (or envFrom prefix, fileKeyRef key) for the API server of a
 * Kubernetes minor version, or undefined. Relaxed: any printable ASCII but '=' (mirrors `IsRelaxedEnvVarName`);
 * strict: `[-._a-zA-Z][-._a-zA-Z0-9]*`, not '.', '..' nor starting with '..' (mirrors `IsEnvVarName`).
 */
export function envVarNameProblem(name: string, minor: number = Number.MAX_SAFE_INTEGER): string | undefined {
  if (name.length === 0) return 'must not be empty';
  if (minor >= RELAXED_ENV_NAMES_SINCE) {
    for (const ch of name) {
      const code = ch.codePointAt(0)!;
      if (code < 0x20 || code > 0x7e || ch === '=') return 'must consist only of printable ASCII characters other than \'=\'';
    }
    return undefined;
  }
  if (!STRICT.test(name)) return 'must consist of alphabetic characters, digits, \'_\', \'-\', or \'.\', and must not start with a digit';
  if (name === '.' || name === '..') return `must not be '${name}'`;
  if (name.startsWith('..')) return 'must not start with \'..\'';
  return undefined;
}
