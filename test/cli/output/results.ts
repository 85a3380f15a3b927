import { ValidationResult } from '../../../src/cli/output/located-findings';
import { ValidationFinding } from '../../../src/validation/engine';
import { Severity } from '../../../src/validation/rule';

/** Hand-made validation results for the output formats' tests. */

/** A finding of the DaemonSet in `dist/agents.yaml`. */
export function agentFinding(over: Partial<ValidationFinding> = {}): ValidationFinding {
  return {
    ruleId: 'semantics/host-path',
    severity: Severity.ERROR,
    kind: 'DaemonSet',
    namespace: 'node-agents',
    name: 'node-agent',
    path: 'spec.template.spec.volumes[0].hostPath.path',
    message: "hostPath '/var/log/../log' of volume 'varlog' must not contain '..'",
    file: 'dist/agents.yaml',
    line: 35,
    column: 13,
    ...over,
  };
}

/**
 * Two files: a DaemonSet with an error (with a hint), a warning and an info, a ConfigMap without findings, a
 * ClusterRole on standard input with a warning; and a finding about no object.
 */
export function sampleResult(): ValidationResult {
  const error = agentFinding({ hint: 'write the path without ..' });
  const warning = agentFinding({ ruleId: 'semantics/env-names', severity: Severity.WARNING, path: 'spec.template.spec.containers[0].env[2]', message: "environment variable 'LOG_LEVEL' hides its previous definition", line: 26, column: 15 });
  const info = agentFinding({ ruleId: 'best-practice/update-strategy', severity: Severity.INFO, path: 'spec.updateStrategy', message: 'the DaemonSet sets no updateStrategy', line: 10, column: 1 });
  const role = agentFinding({ ruleId: 'best-practice/rbac-wildcard', severity: Severity.WARNING, kind: 'ClusterRole', namespace: undefined, name: 'reader', path: 'rules[0].verbs', message: 'grants every verb', file: '<stdin>', line: 7, column: 5 });
  const internal: ValidationFinding = { ruleId: 'engine/internal', severity: Severity.ERROR, path: '', message: 'rule x failed on this input (TypeError: boom)' };
  return {
    objectCount: 3,
    findings: [error, internal, warning, role, info],
    objects: [
      { label: 'DaemonSet node-agents/node-agent', file: 'dist/agents.yaml', findings: [error, warning, info] },
      { label: 'ConfigMap node-agents/agent-config', file: 'dist/agents.yaml', findings: [] },
      { label: 'ClusterRole reader', file: '<stdin>', findings: [role] },
      { label: '(no object)', findings: [internal] },
    ],
    failed: true,
    suppressed: [],
  };
}
