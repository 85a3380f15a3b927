import { ValidationFinding } from '../engine';

/**
 * `Kind namespace/name` (`Kind name` for a cluster-scoped object): how the app's messages, the cdk8s plugin's report
 * and the construct metadata `DaemonSetsApp` writes name an object, so one name finds it in all three.
 * @internal
 */
export function objectLabel(kind: string, namespace: string | undefined, name: string): string {
  return `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
}

/**
 * One finding as one line, for the messages of a synthesis (the errors `app.synth()` throws, the warnings it
 * prints): `error <rule id> <Kind namespace/name> <JSON path>: <message> (hint: <hint>)`. Kept here rather than
 * reusing the CLI's text format, so that the one-line-per-finding shape of a synthesis error does not follow the
 * CLI's layout.
 * @internal
 */
export function findingLine(f: ValidationFinding): string {
  const object = f.kind ? objectLabel(f.kind, f.namespace, f.name ?? '(unnamed)') : 'object';
  return `${f.severity} ${f.ruleId} ${object} ${f.path}: ${f.message}${f.hint ? ` (hint: ${f.hint})` : ''}`;
}
