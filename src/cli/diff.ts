import * as fs from 'fs';
import { parseArgs, requireOneOf } from './args';
import { buildDiff, DiffResult } from './diff/model';
import { renderJson, renderMarkdown, renderText } from './diff/render';
import { Progress } from './progress';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from './validate';
import { identityOf } from '../k8s/identity';
import { DEFAULT_MAX_INPUT_MIB, MAX_NESTING_DEPTH, parseMaxInputSize, readInputFile, readManifests, ReadManifestsOptions } from '../k8s/read-manifests';
import { NodeProfile } from '../scheduling/node-profile';
import { PlacementEngine } from '../scheduling/placement-engine';

const USAGE = `usage: cdk8s-daemonsets diff [options] <before> <after>

What applying <after> over <before> does to the running fleet: every object added, removed,
modified or unchanged; which updates roll pods (the changed pod template paths, config checksum
changes), in how many waves; which the API server will refuse (immutable fields). <before> and
<after> are files or directories of manifests (e.g. the committed dist/ and a fresh synth), or -
for standard input (one side only).

options:
  --format text|markdown|json   output format (default text; markdown for a PR comment)
  --nodes FILE                  Node objects (kubectl get nodes -o yaml): each DaemonSet's waves are
                                computed on the nodes it lands on
  --node-count N                the number of nodes every DaemonSet runs on, for the waves
  --max-input-size MiB          largest input file (or standard input) to read (default ${DEFAULT_MAX_INPUT_MIB});
                                inputs nested deeper than ${MAX_NESTING_DEPTH} levels are refused

exit codes: 0 fine, 1 at least one change the API server will refuse, 2 usage or input error`;

/** What a CLI run prints and returns. */
interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `cdk8s-daemonsets diff` with the arguments after `diff`.
 *
 * The `--format json` output is a contract for CI tools (fields are only ever added):
 * ```
 * {
 *   "objects": [{                      // every object of either side, sorted: cluster-scoped first,
 *                                      // then by namespace, kind, name, API group
 *     "apiVersion": "apps/v1",         // the after side's (the before side's for a removed object)
 *     "kind": "DaemonSet",
 *     "namespace": "monitoring",       // null for cluster-scoped kinds, "default" when unset
 *     "name": "node-exporter",
 *     "change": "modified",            // "added" | "removed" | "modified" | "unchanged"
 *     "rollout": true,                 // the update replaces running pods (a pod template change of a
 *                                      // DaemonSet/Deployment/StatefulSet whose strategy is not OnDelete)
 *     "rolloutPaths": ["spec.template.spec.containers[0].image"],  // the pod template paths that roll it
 *     "immutablePaths": [],            // paths the API server refuses to change (exit code 1)
 *     "waves": 4,                      // DaemonSet rollout waves (the fewest rounds); null when not rolling or no node count
 *     "maxAtOnce": 1,                  // pods replaced at a time at most; null when not rolling or no node count
 *     "nodes": 10,                     // nodes the DaemonSet runs on; null when unknown or not a DaemonSet
 *     "changedPaths": ["..."],         // every changed JSON path of a modified object
 *     "configChanges": [{ "kind": "ConfigMap", "name": "x", "change": "changed" }],
 *                                      // config checksum annotation changes ("changed"|"added"|"removed")
 *     "notes": ["..."]                 // sentences: the rollout plan, why pods do not roll, refusals, warnings
 *   }],
 *   "summary": { "added": 0, "removed": 0, "modified": 1, "unchanged": 5, "rollouts": 1, "refused": 0, "warnings": 0 }
 * }
 * ```
 * Waves follow the DaemonSet controller: maxUnavailable and maxSurge scaled with round-up against the
 * node count; with maxSurge > 0 up to maxSurge pods are replaced at once (surge), else up to
 * maxUnavailable (1 when both are 0).
 * @param args the arguments after `diff`
 * @param stdin reads standard input (for `-`)
 * @param progress where to show progress (only on a terminal by default)
 */
export function runDiff(args: string[], stdin: () => string = () => fs.readFileSync(0, 'utf-8'), progress: Progress = Progress.stderr()): CliResult {
  let format = 'text';
  let maxInputBytes: number | undefined;
  let nodesFile: string | undefined;
  let nodeCountText: string | undefined;
  let inputs: string[];
  try {
    const parsed = parseArgs(args, {
      '--format': v => (format = v),
      '--nodes': v => (nodesFile = v),
      '--node-count': v => (nodeCountText = v),
      '--max-input-size': v => (maxInputBytes = parseMaxInputSize(v)),
    });
    if (parsed.help) return { code: EXIT_OK, stdout: `${USAGE}\n`, stderr: '' };
    inputs = parsed.positional;
    requireOneOf('--format', format, ['text', 'markdown', 'json']);
    if (inputs.length !== 2) throw new Error(`expected two inputs, <before> and <after>; got ${inputs.length}`);
    if (inputs[0] === '-' && inputs[1] === '-') throw new Error('only one side can be - (standard input)');
    if (nodesFile !== undefined && nodeCountText !== undefined) throw new Error('give --nodes or --node-count, not both');
    if (nodeCountText !== undefined && !/^[0-9]+$/.test(nodeCountText)) throw new Error(`--node-count ${nodeCountText}: use a whole number of nodes, e.g. 25`);
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets diff: ${(e as Error).message}\n\n${USAGE}\n` };
  }

  let diff: DiffResult;
  try {
    const read = (side: string, input: string) => readSide(side, input, stdin, { maxInputBytes, progress });
    const before = read('before', inputs[0]);
    const after = read('after', inputs[1]);
    const nodeCountOf = nodeCounter(nodesFile, nodeCountText, maxInputBytes);
    diff = buildDiff(before, after, { nodeCountOf });
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets diff: ${(e as Error).message}\n` };
  } finally {
    progress.finish();
  }
  const stdout = format === 'json' ? renderJson(diff) : format === 'markdown' ? renderMarkdown(diff) : renderText(diff);
  return { code: diff.objects.some(o => o.immutablePaths.length > 0) ? EXIT_FINDINGS : EXIT_OK, stdout, stderr: '' };
}

/** The manifests of one side; throws on a missing path, unparsable input or a document that is not an object with an identity. */
function readSide(side: string, input: string, stdin: () => string, options: ReadManifestsOptions): unknown[] {
  if (input !== '-' && !fs.existsSync(input)) throw new Error(`${side} '${input}': no such file or directory`);
  let objects: unknown[];
  try {
    objects = readManifests([input], stdin, options).objects;
  } catch (e) {
    throw new Error(`${side}: ${(e as Error).message}`);
  }
  objects.forEach((o, i) => {
    if (identityOf(o) === undefined) {
      const what = o !== null && typeof o === 'object' && !Array.isArray(o) ? 'has no apiVersion, kind and metadata.name' : `is not a Kubernetes object (${o === null ? 'null' : Array.isArray(o) ? 'a list' : typeof o})`;
      throw new Error(`${side} '${input}': manifest ${i + 1} ${what}; objects are matched by apiVersion group, kind, namespace and name`);
    }
  });
  return objects;
}

/** The nodes a DaemonSet runs on, when known. */
type NodeCountOf = (daemonSet: any) => number | undefined;

function nodeCounter(nodesFile: string | undefined, nodeCountText: string | undefined, maxInputBytes: number | undefined): NodeCountOf | undefined {
  if (nodeCountText !== undefined) {
    const count = Number(nodeCountText);
    return () => count;
  }
  if (nodesFile === undefined) return undefined;
  const profiles = NodeProfile.fromYaml(readInputFile(nodesFile, maxInputBytes, 'the nodes file'), nodesFile);
  return ds => profiles.filter(p => PlacementEngine.decide(ds, p).schedules).length;
}
