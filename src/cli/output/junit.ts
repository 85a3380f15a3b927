import { objectLabel, ReportedObject, ValidationResult } from './located-findings';
import { findingLines, suppressedLines } from './text';
import { Severity } from '../../validation/rule';

/**
 * `validate --format junit`: the JUnit XML that CI systems (GitLab, Jenkins, Azure Pipelines, CircleCI) show as
 * test results: one `<testsuite>` per file, one `<testcase>` per object, and a `<failure>` per error or warning
 * finding of that object (infos go to the test case's `<system-out>`). A suite's `failures` counts its failed
 * test cases. Findings about no object read from a file form a suite of their own.
 * Findings that suppression annotations hide are never failures: with `showSuppressed` they are listed, with their
 * reasons, in their object's `<system-out>` after its infos; otherwise they are left out.
 */

/** Options of the junit format. */
export interface JunitFormatOptions {
  /**
   * List the suppressed findings, with their reasons, in their objects' `<system-out>`.
   * @default false - suppressed findings are left out
   */
  readonly showSuppressed?: boolean;
}

/** The suite of objects that come from no file. */
const NO_FILE_SUITE = 'cdk8s-daemonsets';

/**
 * Text as XML 1.0 character data: markup characters escaped, CR as a reference (parsers turn a raw CR LF into LF);
 * characters XML 1.0 cannot hold at all (control characters other than tab, LF and CR, lone surrogates,
 * U+FFFE/U+FFFF) written as `\uXXXX`.
 */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

/** An attribute value (in double quotes): as text, and quotes and whitespace that parsers would normalise away. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;');
}

function attributes(values: [string, string | number][]): string {
  return values.map(([k, v]) => ` ${k}="${xmlAttribute(String(v))}"`).join('');
}

function failing(o: ReportedObject) {
  return o.findings.filter(f => f.severity !== Severity.INFO);
}

/** The key of an object in a suite: its label and file (`objectLabel` and the finding's file for a suppressed one). */
function caseKey(label: string, file: string | undefined): string {
  return `${file ?? ''}\u0000${label}`;
}

function testcase(o: ReportedObject, suite: string, suppressed: string[]): string {
  const open = `    <testcase${attributes([['name', o.label], ['classname', suite], ...(o.file !== undefined ? [['file', o.file]] as [string, string][] : [])])}`;
  const failures = failing(o).map(f => {
    const message = `${f.severity} ${f.ruleId} ${f.path ? `${f.path}: ` : ''}${f.message}`;
    return `      <failure${attributes([['message', message], ['type', f.ruleId]])}>${xmlText(findingLines(f).join('\n'))}</failure>`;
  });
  const infos = [...o.findings.filter(f => f.severity === Severity.INFO).flatMap(f => findingLines(f)), ...suppressed];
  const out = infos.length > 0 ? [`      <system-out>${xmlText(infos.join('\n'))}</system-out>`] : [];
  const body = [...failures, ...out];
  return body.length === 0 ? `${open}/>` : [`${open}>`, ...body, '    </testcase>'].join('\n');
}

/** The JUnit XML document of a validation run. */
export function formatJunit(result: ValidationResult, options: JunitFormatOptions = {}): string {
  const suppressed = new Map<string, string[]>();
  for (const f of options.showSuppressed ? result.suppressed : []) {
    const key = caseKey(objectLabel(f), f.file);
    suppressed.set(key, [...suppressed.get(key) ?? [], ...suppressedLines(f).map((l, i) => (i === 0 ? `suppressed: ${l}` : l))]);
  }
  const suites = new Map<string, ReportedObject[]>();
  for (const o of result.objects) {
    const name = o.file ?? NO_FILE_SUITE;
    const list = suites.get(name);
    if (list) list.push(o);
    else suites.set(name, [o]);
  }
  const failedCases = (objects: ReportedObject[]) => objects.filter(o => failing(o).length > 0).length;
  const all = [...suites.values()].flat();
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes([['name', 'cdk8s-daemonsets validate'], ['tests', all.length], ['failures', failedCases(all)], ['errors', 0]])}>`,
  ];
  for (const [name, objects] of suites) {
    lines.push(`  <testsuite${attributes([['name', name], ['tests', objects.length], ['failures', failedCases(objects)], ['errors', 0], ['skipped', 0]])}>`);
    for (const o of objects) lines.push(testcase(o, name, suppressed.get(caseKey(o.label, o.file)) ?? []));
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
