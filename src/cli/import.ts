import * as fs from 'fs';
import { parseArgs, ParsedArgs, requireOneOf } from './args';
import { HELM_LABELS_MODES, HelmLabelsMode } from './import/helm';
import { generateProgram, ImportOptions } from './import/program';
import { readManifests } from './validate';

const USAGE = `usage: cdk8s-daemonsets import <file|dir|->...

Reads DaemonSet manifests (and the ConfigMaps, Services and ServiceAccounts that come with them)
and prints TypeScript that recreates them: NodeExporterDaemonSet or LogCollectorDaemonSet for a
recognisable node-exporter or fluent-bit, the generic DaemonSet otherwise, typed props wherever
the library has them and marked escape hatches (JSON patches) for the rest. The code is run
before it is printed, so it synthesizes the input's objects. Secrets are not recreated: their
data never goes into source code; the code refers to them by name, and a note says to manage
them elsewhere. Each DaemonSet's selector is pinned with selectorLabels, exactly as the input has it.

options:
  --helm-labels keep|drop   Helm's bookkeeping labels and annotations (helm.sh/chart, app.kubernetes.io/managed-by:
                            Helm, heritage, release, chart, meta.helm.sh/release-name and -namespace) on objects Helm
                            installed: keep them as in the input (default: the first apply changes nothing), or
                            drop them (pod templates that carried them change, so their pods roll). Labels that a
                            selector of the input uses are kept either way.
  --adopt-defaults          Keep the library's defaults and hardening (security contexts, probes, update strategy,
                            tolerations the preset chooses, the preset's names for its own objects and ports ...)
                            where the input differs only there, instead of escape hatches that reproduce the input
                            exactly; each such change is listed in a comment above its construct, and counted on
                            standard error. The identity (names, namespace, selector, pod labels) and content
                            without a typed form are still reproduced.`;

/** What a CLI run prints and returns. */
interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Generates TypeScript that recreates the given Kubernetes objects with this library's constructs:
 * a preset for node-exporter and fluent-bit, `DaemonSet` for other DaemonSets, plain `ApiObject`s
 * for everything else, and for a Secret only a note (its data never goes into source code).
 * Every string from the input is printed as an escaped string literal; input with object keys
 * cdk8s cannot render (`__proto__`, `constructor`) is refused with a `DaemonSetsError`.
 */
export function generateTypeScript(objects: any[], options: ImportOptions = {}): string {
  return generateProgram(objects, options);
}

/** Runs `cdk8s-daemonsets import` with the arguments after `import`. */
export function runImport(args: string[], stdin: () => string = () => fs.readFileSync(0, 'utf-8')): CliResult {
  let helmLabels: HelmLabelsMode = 'keep';
  let parsed: ParsedArgs;
  const adoptDefaults = args.includes('--adopt-defaults');
  try {
    parsed = parseArgs(args.filter(a => a !== '--adopt-defaults'), {
      '--helm-labels': v => { requireOneOf('--helm-labels', v, [...HELM_LABELS_MODES]); helmLabels = v as HelmLabelsMode; },
    });
  } catch (e) {
    return { code: 2, stdout: '', stderr: `cdk8s-daemonsets import: ${(e as Error).message}\n\n${USAGE}\n` };
  }
  if (parsed.help) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  if (parsed.positional.length === 0) return { code: 2, stdout: '', stderr: `cdk8s-daemonsets import: no input: give files, directories or - for standard input\n\n${USAGE}\n` };
  try {
    const { objects } = readManifests(parsed.positional, stdin);
    const code = generateTypeScript(objects, { helmLabels, adoptDefaults });
    const adopted = (code.match(/^\/\/ import --adopt-defaults: (\d+) differences/gm) ?? []).reduce((n, line) => n + parseInt(line.replace(/\D+/, ''), 10), 0);
    const stderr = adoptDefaults ? `cdk8s-daemonsets import: --adopt-defaults: ${adopted} differences from the input left to the library's defaults (listed in the program's comments)\n` : '';
    return { code: 0, stdout: code, stderr };
  } catch (e) {
    return { code: 2, stdout: '', stderr: `cdk8s-daemonsets import: ${(e as Error).message}\n` };
  }
}
