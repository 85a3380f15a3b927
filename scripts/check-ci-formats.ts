/**
 * The checks of scripts/check-ci-formats.sh: `check-ci-formats.ts <sarif file> <github file>`.
 * - the SARIF log validates against the committed official schema, has results, and each result's file exists;
 * - every line of the github output is an annotation command (test/cli/output/workflow-commands.ts), and the
 *   commands name the same rules at the same files, lines and columns as the SARIF results.
 * Exits 1 naming the first problem.
 */
import * as fs from 'fs';
import { sarifValidator } from '../test/cli/output/sarif-schema';
import { parseWorkflowCommand } from '../test/cli/output/workflow-commands';

function fail(message: string): never {
  process.stderr.write(`FAIL ${message}\n`);
  process.exit(1);
}

function checkSarif(file: string): string[] {
  let log: any;
  try {
    log = JSON.parse(fs.readFileSync(file, 'utf-8'));
  } catch (e) {
    fail(`--format sarif is not JSON: ${(e as Error).message}`);
  }
  const errors = sarifValidator()(log);
  if (errors.length > 0) fail(`--format sarif does not validate against the SARIF 2.1.0 schema:\n  ${errors.join('\n  ')}`);
  // Suppressed results (an inSource suppression with its reason) are not annotations in the GitHub format.
  const results: any[] = log.runs[0].results.filter((r: any) => !(Array.isArray(r.suppressions) && r.suppressions.length > 0));
  if (results.length === 0) fail('--format sarif has no results, but the fixture has findings');
  return results.map(r => {
    const physical = r.locations?.[0]?.physicalLocation;
    if (!physical) fail(`SARIF result ${r.ruleId} has no file location`);
    const uri = decodeURIComponent(physical.artifactLocation.uri);
    if (!fs.existsSync(uri)) fail(`SARIF result ${r.ruleId} names ${uri}, which does not exist relative to ${process.cwd()}`);
    return `${r.ruleId} ${uri}:${physical.region.startLine}:${physical.region.startColumn}`;
  });
}

function checkGithub(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf-8').split('\n');
  if (lines.pop() !== '') fail('--format github does not end with a line break');
  return lines.map((line, i) => {
    try {
      const c = parseWorkflowCommand(line);
      return `${c.properties.title} ${c.properties.file}:${c.properties.line}:${c.properties.col}`;
    } catch (e) {
      return fail(`--format github line ${i + 1} is not an annotation command (${(e as Error).message}): ${line}`);
    }
  });
}

const [sarifFile, githubFile] = process.argv.slice(2);
if (!sarifFile || !githubFile) fail('usage: check-ci-formats.ts <sarif output> <github output>');
const fromSarif = checkSarif(sarifFile);
const fromGithub = checkGithub(githubFile);
if (JSON.stringify(fromSarif) !== JSON.stringify(fromGithub)) {
  fail(`--format sarif and --format github disagree:\n  sarif:  ${fromSarif.join('\n          ')}\n  github: ${fromGithub.join('\n          ')}`);
}
process.stdout.write(`ok   --format sarif: SARIF 2.1.0 schema-valid, ${fromSarif.length} results at existing files\n`);
process.stdout.write(`ok   --format github: ${fromGithub.length} annotation commands, the same places\n`);
