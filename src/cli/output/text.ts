import { Palette } from './color';
import { countsOf, objectLabel, ReportedObject, ValidationResult } from './located-findings';
import { SuppressedFinding, ValidationFinding } from '../../validation/engine';
import { Severity } from '../../validation/rule';

/**
 * `validate --format text`: findings grouped by object, one line each in the form editors and terminals make
 * clickable, the hint on its own indented line, and a summary:
 *
 * ```
 * DaemonSet node-agents/node-agent (dist/agents.yaml)
 * dist/agents.yaml:14:9: error semantics/selector-matches-labels spec.template.metadata.labels: `selector` does not match ...
 *     hint: ...
 *
 * 1 objects: 1 errors, 0 warnings, 0 infos
 * 2 findings suppressed by annotations (--show-suppressed lists them)
 * ```
 *
 * The last line appears only when suppression annotations hid findings; with `showSuppressed` the suppressed
 * findings are listed before the summary instead, each with its object and, on the next line, the reason.
 */

/** Options of the text format. */
export interface TextFormatOptions {
  /**
   * Colour with ANSI escapes.
   * @default false
   */
  readonly color?: boolean;
  /**
   * List the findings that suppression annotations hide, with their reasons.
   * @default false - only their count
   */
  readonly showSuppressed?: boolean;
}

const HINT_INDENT = '    ';

function severityText(severity: Severity, palette: Palette): string {
  if (severity === Severity.ERROR) return palette.bold(palette.red(severity));
  if (severity === Severity.WARNING) return palette.yellow(severity);
  return palette.cyan(severity);
}

/** One finding: `file:line:column: severity rule-id path: message`, and its hint on the next line. */
export function findingLines(f: ValidationFinding, palette: Palette = new Palette(false)): string[] {
  const at = f.file !== undefined ? `${palette.bold(`${f.file}:${f.line ?? 1}:${f.column ?? 1}:`)} ` : '';
  const where = f.path ? `${f.path}: ` : '';
  const lines = [`${at}${severityText(f.severity, palette)} ${palette.dim(f.ruleId)} ${where}${f.message}`];
  if (f.hint) lines.push(palette.dim(`${HINT_INDENT}hint: ${f.hint.split('\n').join(`\n${HINT_INDENT}      `)}`));
  return lines;
}

function objectLines(o: ReportedObject, palette: Palette): string[] {
  const header = palette.bold(o.file !== undefined ? `${o.label} (${o.file})` : o.label);
  return [header, ...o.findings.flatMap(f => findingLines(f, palette))];
}

function summaryText(result: ValidationResult, palette: Palette): string {
  const c = countsOf(result.findings);
  const errors = `${c.error} errors`;
  const warnings = `${c.warning} warnings`;
  return `${result.objectCount} objects: ${c.error > 0 ? palette.red(errors) : errors}, ${c.warning > 0 ? palette.yellow(warnings) : warnings}, ${c.info} infos`;
}

/** `1 finding suppressed by annotations`, `3 findings ...`. */
export function suppressedCount(count: number): string {
  return `${count} ${count === 1 ? 'finding' : 'findings'} suppressed by annotations`;
}

/**
 * One suppressed finding: `file:line:column: severity rule-id Kind ns/name path: message`, and on the next line
 * `reason: <reason> (<annotation>)`.
 */
export function suppressedLines(f: SuppressedFinding, palette: Palette = new Palette(false)): string[] {
  const at = f.file !== undefined ? `${palette.bold(`${f.file}:${f.line ?? 1}:${f.column ?? 1}:`)} ` : '';
  const where = f.path ? ` ${f.path}` : '';
  return [
    `${at}${palette.dim(f.severity)} ${palette.dim(f.ruleId)} ${objectLabel(f)}${where}: ${f.message}`,
    `${HINT_INDENT}reason: ${f.reason} ${palette.dim(`(${f.annotation})`)}`,
  ];
}

function suppressedBlock(suppressed: SuppressedFinding[], palette: Palette): string {
  return [palette.bold(`${suppressedCount(suppressed.length)}:`), ...suppressed.flatMap(f => suppressedLines(f, palette))].join('\n');
}

/**
 * The text report: a block per object with findings, the suppressed findings when asked for, then the summary
 * line and the count of suppressed findings.
 */
export function formatText(result: ValidationResult, options: TextFormatOptions = {}): string {
  const palette = new Palette(options.color === true);
  const blocks = result.objects.filter(o => o.findings.length > 0).map(o => objectLines(o, palette).join('\n'));
  const suppressed = result.suppressed;
  if (options.showSuppressed && suppressed.length > 0) blocks.push(suppressedBlock(suppressed, palette));
  const summary = [summaryText(result, palette)];
  if (suppressed.length > 0) summary.push(`${suppressedCount(suppressed.length)}${options.showSuppressed ? '' : ' (--show-suppressed lists them)'}`);
  return `${[...blocks, summary.join('\n')].join('\n\n')}\n`;
}
