import * as fs from 'fs';
import { FAIL_ON_LEVELS, parseArgs, parseKubernetesVersion, requireOneOf } from './args';
import { colorEnabled } from './output/color';
import { formatGithub } from './output/github';
import { formatJson } from './output/json';
import { formatJunit } from './output/junit';
import { locateFindings, ReadObjects, ValidationResult } from './output/located-findings';
import { formatSarif } from './output/sarif';
import { formatText } from './output/text';
import { toolVersion } from './output/tool-version';
import { Progress } from './progress';
import { DEFAULT_MAX_INPUT_MIB, MAX_NESTING_DEPTH, MAX_YAML_ALIASES, parseMaxInputSize, readManifests } from '../k8s/read-manifests';
import { readCrdFiles } from '../validation/crd-files';
import { DEFAULT_KUBERNETES_VERSION, ManifestValidator, ValidationOptions } from '../validation/engine';
import { Severity } from '../validation/rule';
import { shippedSchemaVersions } from '../validation/rules/schema/schema-set';

/** Exit codes of `cdk8s-daemonsets validate`. */
export const EXIT_OK = 0;
/** Findings at or above `--fail-on`. */
export const EXIT_FINDINGS = 1;
/** Bad usage, unreadable input or unparsable YAML. */
export const EXIT_USAGE = 2;

/** The output formats of `validate --format`. */
export const VALIDATE_FORMATS = ['text', 'json', 'sarif', 'github', 'junit'];

function usage(): string {
  const versions = shippedSchemaVersions();
  return `usage: cdk8s-daemonsets validate [options] <file|dir|->...

Validates Kubernetes manifests (YAML or JSON; directories are searched for *.yaml, *.yml, *.json).
Findings name the file, line and column of the field they are about (standard input is <stdin>).

options:
  --format text|json|sarif|github|junit
                            output format (default text): text groups findings by object as
                            file:line:column: severity rule-id path: message (coloured on a terminal;
                            NO_COLOR turns colour off, FORCE_COLOR on); json adds file, line and column
                            to each finding; sarif is SARIF 2.1.0 (GitHub code scanning); github prints
                            ::error/::warning/::notice workflow commands (pull request annotations);
                            junit is JUnit XML, a test suite per file and a test case per object
  --fail-on error|warning|info|never
                            lowest severity that makes the exit code 1 (default error)
  --k8s-version 1.N         Kubernetes minor version to judge against (default ${DEFAULT_KUBERNETES_VERSION};
                            supported: ${versions[0]} to ${versions[versions.length - 1]})
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
  --show-suppressed         list the findings that suppress.daemonsets.cdk8s.io/ annotations hide, with
                            their reasons (text: a section before the summary, which otherwise only counts
                            them; github: a notice each; junit: in the object's system-out). They never
                            count towards --fail-on. json and sarif always carry them (json: a separate
                            "suppressed" array; sarif: results with a suppressions property)

inputs are refused, naming the file, when they cannot be read, exceed --max-input-size,
nest deeper than ${MAX_NESTING_DEPTH} levels or expand YAML aliases more than ${MAX_YAML_ALIASES} times.

exit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on, 2 usage or input error`;
}

/** What a CLI run prints and returns. */
interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** How `validate` writes its output: decided from the process by default, injectable for tests. */
export interface ValidateOutputOptions {
  /**
   * Colour the text format.
   * @default - on when standard output is a terminal, unless NO_COLOR is set; FORCE_COLOR forces it
   */
  readonly color?: boolean;
  /**
   * The directory SARIF and GitHub paths are relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;
  /**
   * The tool version SARIF names.
   * @default - this package's version
   */
  readonly toolVersion?: string;
}

export { readManifests } from '../k8s/read-manifests';

/** The option of `validate` that takes no value: list the suppressed findings. */
const SHOW_SUPPRESSED = '--show-suppressed';

/**
 * `args` without `flag`, and whether it was there; a value of an option in `valued` (`--rules --show-suppressed`)
 * is not the flag. (parseArgs knows only options with a value.)
 */
function takeFlag(args: string[], flag: string, valued: string[]): { rest: string[]; given: boolean } {
  const rest: string[] = [];
  let given = false;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) {
      given = true;
      continue;
    }
    rest.push(args[i]);
    if (valued.includes(args[i]) && i + 1 < args.length) rest.push(args[++i]);
  }
  return { rest, given };
}

/** The output of `result` in `format` (one of VALIDATE_FORMATS). */
function render(format: string, result: ValidationResult, output: ValidateOutputOptions, showSuppressed: boolean): string {
  switch (format) {
    case 'json': return formatJson(result);
    case 'sarif': return formatSarif(result, { toolVersion: output.toolVersion ?? toolVersion(), rules: ManifestValidator.describeRules(), cwd: output.cwd });
    case 'github': return formatGithub(result, { cwd: output.cwd, showSuppressed });
    case 'junit': return formatJunit(result, { showSuppressed });
    default: return formatText(result, { color: output.color ?? colorEnabled(), showSuppressed });
  }
}

/**
 * Runs `cdk8s-daemonsets validate` with the arguments after `validate`.
 * @param args the arguments
 * @param stdin reads standard input
 * @param progress the progress line
 * @param output colour, paths and version of the output
 */
export function runValidate(args: string[], stdin: () => string = () => fs.readFileSync(0, 'utf-8'), progress: Progress = Progress.stderr(), output: ValidateOutputOptions = {}): CliResult {
  let format = 'text';
  let maxInputBytes: number | undefined;
  let failOn = 'error';
  let inputs: string[];
  const previousInputs: string[] = [];
  const crdInputs: string[] = [];
  const options: { -readonly [K in keyof ValidationOptions]: ValidationOptions[K] } = {};
  const list = (v: string) => v.split(',').map(s => s.trim()).filter(s => s.length > 0);
  let showSuppressed = false;
  try {
    const valued: { [name: string]: (value: string) => void } = {
      '--format': v => (format = v),
      '--fail-on': v => (failOn = v),
      '--k8s-version': v => (options.kubernetesVersion = parseKubernetesVersion(v)),
      '--rules': v => (options.rules = list(v)),
      '--skip': v => (options.skipRules = list(v)),
      '--expected-nodes': v => (options.expectedNodeCount = Number(v)),
      '--max-input-size': v => (maxInputBytes = parseMaxInputSize(v)),
      '--previous': v => previousInputs.push(v),
      '--crd': v => crdInputs.push(v),
    };
    const flag = takeFlag(args, SHOW_SUPPRESSED, Object.keys(valued));
    showSuppressed = flag.given;
    const parsed = parseArgs(flag.rest, valued);
    if (parsed.help) return { code: EXIT_OK, stdout: `${usage()}\n`, stderr: '' };
    inputs = parsed.positional;
    requireOneOf('--format', format, VALIDATE_FORMATS);
    requireOneOf('--fail-on', failOn, FAIL_ON_LEVELS);
    if (inputs.length === 0) throw new Error('no input: give files, directories or - for standard input');
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets validate: ${(e as Error).message}\n\n${usage()}\n` };
  }

  let read: ReadObjects;
  let previous: ReadObjects | undefined;
  let report;
  try {
    if (previousInputs.length > 0) {
      if (previousInputs.includes('-') && inputs.includes('-')) throw new Error('--previous - and an input - cannot both read standard input');
      previous = readManifests(previousInputs, stdin, { maxInputBytes, progress });
      options.previous = previous.objects;
    }
    if (crdInputs.length > 0) {
      if (crdInputs.includes('-') && (inputs.includes('-') || previousInputs.includes('-'))) throw new Error('--crd - and another - cannot both read standard input');
      options.customResourceDefinitions = readCrdFiles(crdInputs, stdin, { maxInputBytes, progress });
    }
    read = readManifests(inputs, stdin, { maxInputBytes, progress });
    progress.status(`validating ${read.objects.length} objects`);
    report = new ManifestValidator(options).validate(read.objects);
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets validate: ${(e as Error).message}\n` };
  } finally {
    progress.finish();
  }
  const failed = failOn !== 'never' && report.hasAtLeast(failOn as Severity);
  const result = locateFindings(report, read, previous ? [previous] : [], failed);
  return { code: failed ? EXIT_FINDINGS : EXIT_OK, stdout: render(format, result, output, showSuppressed), stderr: '' };
}
