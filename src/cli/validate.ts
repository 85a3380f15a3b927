import * as fs from 'fs';
import { FAIL_ON_LEVELS, parseArgs, requireOneOf } from './args';
import { Progress } from './progress';
import { DEFAULT_MAX_INPUT_MIB, MAX_NESTING_DEPTH, MAX_YAML_ALIASES, parseMaxInputSize, readManifests } from '../k8s/read-manifests';
import { readCrdFiles } from '../validation/crd-files';
import { formatFinding, ManifestValidator, ValidationOptions } from '../validation/engine';
import { Severity } from '../validation/rule';

/** Exit codes of `cdk8s-daemonsets validate`. */
export const EXIT_OK = 0;
/** Findings at or above `--fail-on`. */
export const EXIT_FINDINGS = 1;
/** Bad usage, unreadable input or unparsable YAML. */
export const EXIT_USAGE = 2;

const USAGE = `usage: cdk8s-daemonsets validate [options] <file|dir|->...

Validates Kubernetes manifests (YAML or JSON; directories are searched for *.yaml, *.yml, *.json).

options:
  --format text|json        output format (default text)
  --fail-on error|warning|info|never
                            lowest severity that makes the exit code 1 (default error)
  --k8s-version 1.N         Kubernetes minor version to judge against
  --rules id[,id]           run only these rules or families (e.g. semantics,cross-object)
  --skip id[,id]            skip these rules or families
  --expected-nodes N        nodes a DaemonSet runs on, for quota fit (default 100)
  --previous <file|dir>     the manifests applied before (e.g. the committed dist/): turns on the
                            upgrade-safety rules (updates the API server refuses, agents restarted
                            everywhere at once, removed objects still referenced); repeatable
  --crd <file|dir>          CustomResourceDefinitions (YAML or JSON) whose custom resources are then
                            schema-checked, strict except under x-kubernetes-preserve-unknown-fields;
                            repeatable. CRDs among the inputs are used too. Without a CRD, a custom
                            resource only gets a schema/unknown-kind warning
  --max-input-size MiB      largest input file (or standard input) to read (default ${DEFAULT_MAX_INPUT_MIB})

inputs are refused, naming the file, when they cannot be read, exceed --max-input-size,
nest deeper than ${MAX_NESTING_DEPTH} levels or expand YAML aliases more than ${MAX_YAML_ALIASES} times.

exit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on, 2 usage or input error`;

/** What a CLI run prints and returns. */
interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export { readManifests } from '../k8s/read-manifests';

/** Runs `cdk8s-daemonsets validate` with the arguments after `validate`. */
export function runValidate(args: string[], stdin: () => string = () => fs.readFileSync(0, 'utf-8'), progress: Progress = Progress.stderr()): CliResult {
  let format = 'text';
  let maxInputBytes: number | undefined;
  let failOn = 'error';
  let inputs: string[];
  const previousInputs: string[] = [];
  const crdInputs: string[] = [];
  const options: { -readonly [K in keyof ValidationOptions]: ValidationOptions[K] } = {};
  const list = (v: string) => v.split(',').map(s => s.trim()).filter(s => s.length > 0);
  try {
    const parsed = parseArgs(args, {
      '--format': v => (format = v),
      '--fail-on': v => (failOn = v),
      '--k8s-version': v => (options.kubernetesVersion = v),
      '--rules': v => (options.rules = list(v)),
      '--skip': v => (options.skipRules = list(v)),
      '--expected-nodes': v => (options.expectedNodeCount = Number(v)),
      '--max-input-size': v => (maxInputBytes = parseMaxInputSize(v)),
      '--previous': v => previousInputs.push(v),
      '--crd': v => crdInputs.push(v),
    });
    if (parsed.help) return { code: EXIT_OK, stdout: `${USAGE}\n`, stderr: '' };
    inputs = parsed.positional;
    requireOneOf('--format', format, ['text', 'json']);
    requireOneOf('--fail-on', failOn, FAIL_ON_LEVELS);
    if (inputs.length === 0) throw new Error('no input: give files, directories or - for standard input');
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets validate: ${(e as Error).message}\n\n${USAGE}\n` };
  }

  let objects: any[];
  let report;
  try {
    if (previousInputs.length > 0) {
      if (previousInputs.includes('-') && inputs.includes('-')) throw new Error('--previous - and an input - cannot both read standard input');
      options.previous = readManifests(previousInputs, stdin, { maxInputBytes, progress }).objects;
    }
    if (crdInputs.length > 0) {
      if (crdInputs.includes('-') && (inputs.includes('-') || previousInputs.includes('-'))) throw new Error('--crd - and another - cannot both read standard input');
      options.customResourceDefinitions = readCrdFiles(crdInputs, stdin, { maxInputBytes, progress });
    }
    objects = readManifests(inputs, stdin, { maxInputBytes, progress }).objects;
    progress.status(`validating ${objects.length} objects`);
    report = new ManifestValidator(options).validate(objects);
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets validate: ${(e as Error).message}\n` };
  } finally {
    progress.finish();
  }
  const failed = failOn !== 'never' && report.hasAtLeast(failOn as Severity);
  const counts = `${objects.length} objects: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.findings.length - report.errors.length - report.warnings.length} infos`;
  const stdout = format === 'json'
    ? `${JSON.stringify({ objects: objects.length, findings: report.findings, failed }, undefined, 2)}\n`
    : `${report.findings.map(formatFinding).join('\n')}${report.findings.length ? '\n' : ''}${counts}\n`;
  return { code: failed ? EXIT_FINDINGS : EXIT_OK, stdout, stderr: '' };
}
