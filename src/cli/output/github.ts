import { objectLabel, relativePath, ValidationResult } from './located-findings';
import { ValidationFinding } from '../../validation/engine';
import { Severity } from '../../validation/rule';

/**
 * `validate --format github`: one GitHub Actions workflow command per finding, which the runner turns into an
 * annotation on the file and line of a pull request:
 * `::error file=dist/agents.yaml,line=14,col=9,title=semantics/host-path::DaemonSet ns/agent spec.x: message`.
 * Errors are `error`, warnings `warning`, infos `notice`. Nothing else is printed, so every line is a command.
 */

/** Options of the github format. */
export interface GithubFormatOptions {
  /**
   * The directory file paths are relative to (the checkout, where the job runs).
   * @default process.cwd()
   */
  readonly cwd?: string;
}

const COMMAND: { [severity in Severity]: string } = { error: 'error', warning: 'warning', info: 'notice' };

/**
 * A command's message: `%`, CR and LF percent-encoded (the runner's rule, `escapeData` in actions/toolkit's
 * packages/core/src/command.ts).
 */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command's property value: as a message, and `:` and `,` too (`escapeProperty` in the same file). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The workflow command of one finding. */
export function githubCommand(f: ValidationFinding, cwd?: string): string {
  const properties: [string, string][] = [];
  if (f.file !== undefined) {
    properties.push(['file', relativePath(f.file, cwd)], ['line', String(f.line ?? 1)], ['col', String(f.column ?? 1)]);
  }
  properties.push(['title', f.ruleId]);
  const object = f.kind !== undefined ? `${objectLabel(f)} ` : '';
  const where = f.path ? `${f.path}: ` : '';
  const message = `${object}${where}${f.message}${f.hint ? `\nhint: ${f.hint}` : ''}`;
  return `::${COMMAND[f.severity]} ${properties.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(message)}`;
}

/** Every finding as a workflow command, one per line. */
export function formatGithub(result: ValidationResult, options: GithubFormatOptions = {}): string {
  return result.findings.map(f => `${githubCommand(f, options.cwd)}\n`).join('');
}
