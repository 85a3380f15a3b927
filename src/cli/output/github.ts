import { objectLabel, relativePath, ValidationResult } from './located-findings';
import { SuppressedFinding, ValidationFinding } from '../../validation/engine';
import { Severity } from '../../validation/rule';

/**
 * `validate --format github`: one GitHub Actions workflow command per finding, which the runner turns into an
 * annotation on the file and line of a pull request:
 * `::error file=dist/agents.yaml,line=14,col=9,title=semantics/host-path::DaemonSet ns/agent spec.x: message`.
 * Errors are `error`, warnings `warning`, infos `notice`. Nothing else is printed, so every line is a command.
 * Findings that suppression annotations hide are never errors or warnings: they are left out, or with
 * `showSuppressed` each is a `notice` titled `<rule id> (suppressed)` whose message ends with the reason.
 */

/** Options of the github format. */
export interface GithubFormatOptions {
  /**
   * The directory file paths are relative to (the checkout, where the job runs).
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * Print a `notice` for each finding that a suppression annotation hides, with its reason.
   * @default false - suppressed findings are not printed
   */
  readonly showSuppressed?: boolean;
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

/** The workflow command of one finding; a suppressed finding is a `notice` that gives the suppression's reason. */
export function githubCommand(f: ValidationFinding | SuppressedFinding, cwd?: string): string {
  const suppressed = 'annotation' in f;
  const properties: [string, string][] = [];
  if (f.file !== undefined) {
    properties.push(['file', relativePath(f.file, cwd)], ['line', String(f.line ?? 1)], ['col', String(f.column ?? 1)]);
  }
  properties.push(['title', suppressed ? `${f.ruleId} (suppressed)` : f.ruleId]);
  const object = f.kind !== undefined ? `${objectLabel(f)} ` : '';
  const where = f.path ? `${f.path}: ` : '';
  const after = suppressed ? `\nsuppressed (${f.annotation}): ${f.reason}` : f.hint ? `\nhint: ${f.hint}` : '';
  const message = `${object}${where}${f.message}${after}`;
  return `::${suppressed ? 'notice' : COMMAND[f.severity]} ${properties.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',')}::${escapeData(message)}`;
}

/** Every finding (and with `showSuppressed` every suppressed one) as a workflow command, one per line. */
export function formatGithub(result: ValidationResult, options: GithubFormatOptions = {}): string {
  const findings = [...result.findings, ...options.showSuppressed ? result.suppressed : []];
  return findings.map(f => `${githubCommand(f, options.cwd)}\n`).join('');
}
