import * as fs from 'fs';
import * as path from 'path';
import { FAIL_ON_LEVELS, parseArgs, parseKubernetesVersion, requireOneOf } from './args';
import { Progress } from './progress';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './validate';
import { DEFAULT_MAX_INPUT_MIB, MAX_NESTING_DEPTH, parseMaxInputSize, readInputFile, readManifests } from '../k8s/read-manifests';
import { checkQualifiedName } from '../k8s/syntax';
import { summaryLine } from '../report/report-view';
import { DaemonSetTaxReport } from '../report/tax-report';
import { NodePools } from '../scheduling/node-pools';
import { NodeProfile } from '../scheduling/node-profile';
import { DEFAULT_KUBERNETES_VERSION } from '../validation/engine';
import { Severity } from '../validation/rule';

const USAGE = `usage: cdk8s-daemonsets report --nodes <nodes.yaml> [options] <file|dir|->...

The "DaemonSet tax" report: which DaemonSets land on which node profiles, what they request
there against the allocatable resources, host ports, Pod Security levels, and the placement-fit
findings. Node profiles come from a file of Node objects (kubectl get nodes -o yaml: a List, or
a stream of Node documents) or of hand-written node profiles (kind: NodeProfiles, see
docs/node-profiles.md); manifests from files, directories (*.yaml, *.yml, *.json) or -.

Nodes are grouped into node pools, one column per pool with its node count (workers ×5); the
totals multiply by the count. Nodes of a pool that differ in allocatable resources, taints or a
label the DaemonSets select on are split into parts, and the report says why.

options:
  --nodes FILE              Node objects or node profiles to place the DaemonSets on (required)
  --group-by LABEL[,LABEL]  node labels that name a node pool, tried in order; repeatable, or none
                            for one column per node (default: ${NodePools.POOL_LABELS.join(', ')},
                            then ${NodePools.DEFAULT_GROUP_BY[NodePools.DEFAULT_GROUP_BY.length - 1]}; the os and arch always split a pool)
  --k8s-version 1.N         Kubernetes minor version the Pod Security levels and findings are judged at
                            (default ${DEFAULT_KUBERNETES_VERSION})
  --format text|markdown|html|json
                            output format (default text)
  --output FILE             write the report to FILE instead of standard output
  --title TEXT              the report's title (default "DaemonSet tax report")
  --fail-on error|warning|info|never
                            lowest finding severity that makes the exit code 1 (default error)
  --max-input-size MiB      largest input file (or standard input) to read (default ${DEFAULT_MAX_INPUT_MIB});
                            inputs nested deeper than ${MAX_NESTING_DEPTH} levels are refused

exit codes: 0 nothing at or above --fail-on, 1 findings at or above --fail-on, 2 usage or input error`;

/** What a CLI run prints and returns. */
interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `cdk8s-daemonsets report` with the arguments after `report`. */
export function runReport(args: string[], stdin: () => string = () => fs.readFileSync(0, 'utf-8'), progress: Progress = Progress.stderr()): CliResult {
  let format = 'text';
  let failOn = 'error';
  let nodes: string | undefined;
  let output: string | undefined;
  let title: string | undefined;
  let maxInputBytes: number | undefined;
  let kubernetesVersion: string | undefined;
  let groupBy: string[] | undefined;
  let inputs: string[];
  try {
    const parsed = parseArgs(args, {
      '--format': v => (format = v),
      '--fail-on': v => (failOn = v),
      '--nodes': v => (nodes = v),
      '--output': v => (output = v),
      '-o': v => (output = v),
      '--title': v => (title = v),
      '--max-input-size': v => (maxInputBytes = parseMaxInputSize(v)),
      '--k8s-version': v => (kubernetesVersion = parseKubernetesVersion(v)),
      '--group-by': v => (groupBy = addGroupBy(groupBy, v)),
    });
    if (parsed.help) return { code: EXIT_OK, stdout: `${USAGE}\n`, stderr: '' };
    inputs = parsed.positional;
    requireOneOf('--format', format, ['text', 'markdown', 'html', 'json']);
    requireOneOf('--fail-on', failOn, FAIL_ON_LEVELS);
    if (nodes === undefined) throw new Error('--nodes is required: a file of Node objects (kubectl get nodes -o yaml > nodes.yaml)');
    if (inputs.length === 0) throw new Error('no input: give files, directories or - for standard input');
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets report: ${(e as Error).message}\n\n${USAGE}\n` };
  }

  let report: DaemonSetTaxReport;
  try {
    const profiles = NodeProfile.fromYaml(readInputFile(nodes, maxInputBytes, 'the nodes file'), nodes);
    const objects = readManifests(inputs, stdin, { maxInputBytes, progress }).objects;
    progress.status(`placing ${objects.length} objects on ${profiles.length} node profiles`);
    report = DaemonSetTaxReport.fromManifests(objects, profiles, {
      title,
      groupBy: groupBy ?? NodePools.DEFAULT_GROUP_BY,
      ...(kubernetesVersion === undefined ? {} : { validation: { kubernetesVersion } }),
    });
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets report: ${(e as Error).message}\n` };
  } finally {
    progress.finish();
  }
  const rendered = format === 'markdown' ? report.toMarkdown()
    : format === 'html' ? report.toHtml()
      : format === 'json' ? `${JSON.stringify(report.toJson(), undefined, 2)}\n`
        : report.toText();
  const failed = failOn !== 'never' && hasAtLeast(report, failOn as Severity);
  const code = failed ? EXIT_FINDINGS : EXIT_OK;
  if (output === undefined) return { code, stdout: rendered, stderr: '' };
  try {
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, rendered);
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets report: cannot write ${output}: ${(e as Error).message}\n` };
  }
  return { code, stdout: `wrote ${output}: ${summaryLine(report)}\n`, stderr: '' };
}

/**
 * The labels of `--group-by` after one more occurrence: a label, a comma-separated list, or `none`
 * (no grouping, alone). Throws a usage error naming a value that is not a label key.
 */
function addGroupBy(before: string[] | undefined, value: string): string[] {
  const labels = value.split(',').map(l => l.trim()).filter(l => l !== '');
  if (labels.length === 0) throw new Error(`--group-by '${value}': give a node label key such as ${NodePools.DEFAULT_GROUP_BY[0]}, or none`);
  if (labels.includes('none')) {
    if (labels.length > 1 || (before !== undefined && before.length > 0)) throw new Error('--group-by none cannot be combined with labels: it keeps one column per node');
    return [];
  }
  if (before !== undefined && before.length === 0) throw new Error('--group-by none cannot be combined with labels: it keeps one column per node');
  for (const label of labels) {
    const problem = checkQualifiedName(label);
    if (problem) throw new Error(`--group-by ${label}: not a label key: it ${problem}`);
  }
  return [...new Set([...(before ?? []), ...labels])];
}

function hasAtLeast(report: DaemonSetTaxReport, severity: Severity): boolean {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  return report.findings.some(f => rank[f.severity] <= rank[severity]);
}
