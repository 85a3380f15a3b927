/**
 * The two sides of a day-2 change as a GitOps user has them: each synthesized by a cdk8s app into a
 * directory of YAML, judged by `cdk8s-daemonsets diff --format json` with the cluster's own Node objects,
 * and applied from the same YAML.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments, stringify } from 'yaml';
import type { Cluster } from './cluster';
import { runDiff } from '../../src/cli/diff';
import { Progress } from '../../src/cli/progress';

/** One synthesized side: the directory a GitOps tool would read, and its objects. */
export interface Side {
  readonly dir: string;
  readonly objects: any[];
}

/** One object of `diff --format json` (the contract's fields this tier checks). */
export interface DiffEntry {
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly change: 'added' | 'removed' | 'modified' | 'unchanged';
  readonly rollout: boolean;
  readonly rolloutPaths: string[];
  readonly immutablePaths: string[];
  readonly waves: number | null;
  readonly maxAtOnce: number | null;
  readonly nodes: number | null;
  readonly changedPaths: string[];
  readonly configChanges: { kind: string; name: string; change: string }[];
  readonly notes: string[];
}

/** What `diff` said about a pair. */
export interface DiffVerdict {
  readonly code: number;
  readonly objects: DiffEntry[];
  /** The object of `kind` named `name`; throws when diff did not report it. */
  readonly entry: (kind: string, name: string) => DiffEntry;
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-daemonsets-day2-'));

/** Removes every directory this module wrote. */
export function removeSides(): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/**
 * Synthesizes what `build` adds to a chart in `namespace` with `app.synthYaml()` (the YAML the cdk8s CLI
 * writes), into `<tmp>/<label>/app.k8s.yaml`.
 */
export function synthSide(label: string, namespace: string, build: (chart: Chart) => void): Side {
  const app = new App({ outdir: path.join(root, `${label}-cdk8s-out`) });
  build(new Chart(app, namespace, { namespace, disableResourceNameHashes: true }));
  return writeSide(label, app.synthYaml());
}

/** A side from YAML written by hand (e.g. a Helm chart's rendered output). */
export function writeSide(label: string, yamlText: string): Side {
  const dir = path.join(root, label);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'app.k8s.yaml'), yamlText);
  const objects = parseAllDocuments(yamlText).map((d) => d.toJS()).filter((o) => o);
  return { dir, objects };
}

/** A side from objects (e.g. what a program printed by `cdk8s-daemonsets import` synthesizes), as YAML documents. */
export function objectsSide(label: string, objects: any[]): Side {
  return writeSide(label, objects.map((o) => stringify(o)).join('---\n'));
}

/** The cluster's Node objects, as `kubectl get nodes -o yaml` writes them (diff's --nodes input). */
export function nodesFile(cluster: Cluster): string {
  const file = path.join(root, `nodes-${Date.now()}.yaml`);
  fs.writeFileSync(file, cluster.kubectl(['get', 'nodes', '-o', 'yaml']));
  return file;
}

/** Runs `cdk8s-daemonsets diff --format json --nodes <file> <before> <after>`. */
export function judge(before: Side, after: Side, nodes: string): DiffVerdict {
  const result = runDiff(['--format', 'json', '--nodes', nodes, before.dir, after.dir], () => '', new Progress({ isTTY: false, write: () => true }));
  if (result.code === 2) throw new Error(`diff failed: ${result.stderr}`);
  const objects: DiffEntry[] = JSON.parse(result.stdout).objects;
  const entry = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.name === name);
    if (!found) throw new Error(`diff reported no ${kind} ${name}: ${objects.map((o) => `${o.kind}/${o.name}`).join(', ')}`);
    return found;
  };
  return { code: result.code, objects, entry };
}
