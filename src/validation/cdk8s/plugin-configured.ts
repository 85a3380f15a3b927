import * as fs from 'fs';
import * as path from 'path';
import type * as Yaml from 'yaml';

/** The class name a `cdk8s.yaml` `validations:` entry gives to load this library's plugin. */
const PLUGIN_CLASS = 'DaemonSetsValidation';

/**
 * Whether this process is an app that `cdk8s synth` runs with this library's validation plugin configured: then the
 * plugin reports the warnings (with construct paths, in the CLI's validation report) and the app does not print them.
 *
 * The signal, from cdk8s-cli 2.207's sources: `cdk8s synth` reads `cdk8s.yaml` from its working directory
 * (lib/config.js `readConfigSync`), and when it lists `validations` (and `--no-validate` is not given) it runs the
 * app in that same directory with `CDK8S_RECORD_CONSTRUCT_METADATA=true` (lib/cli/cmds/synth.js, lib/util.js
 * `synthApp`), then runs the plugins on the written manifests. So both must hold: that variable is `true`, and the
 * `cdk8s.yaml` of the working directory lists a validation whose `class` is `DaemonSetsValidation`. Anything else
 * (the app run on its own, `--no-validate`, a `validations:` URL the app cannot read, an unreadable config) answers
 * false: the app prints its warnings, so nothing is ever reported nowhere.
 * @internal
 */
export function pluginWillReport(env: { readonly [key: string]: string | undefined } = process.env, cwd: string = process.cwd()): boolean {
  if (env.CDK8S_RECORD_CONSTRUCT_METADATA !== 'true') return false;
  const file = path.join(cwd, 'cdk8s.yaml');
  let text: string;
  let stamp: string;
  try {
    const stat = fs.statSync(file);
    stamp = `${stat.mtimeMs}:${stat.size}`;
    // Every DaemonSet asks once per synthesis: the answer for an unchanged file is kept.
    const known = ANSWERS.get(file);
    if (known?.stamp === stamp) return known.answer;
    text = fs.readFileSync(file, 'utf-8');
  } catch {
    return false;
  }
  const answer = listsPlugin(text);
  ANSWERS.set(file, { stamp, answer });
  return answer;
}

/** The last answer per `cdk8s.yaml`, with the file's modification time and size it was read at. */
const ANSWERS = new Map<string, { stamp: string; answer: boolean }>();

/** Whether the text of a `cdk8s.yaml` lists this library's plugin among its `validations`. */
function listsPlugin(text: string): boolean {
  let config: unknown;
  try {
    // Loaded here only: an app that no cdk8s CLI runs never pays for the YAML parser.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('yaml') as typeof Yaml;
    config = parse(text);
  } catch {
    return false;
  }
  const validations = config !== null && typeof config === 'object' ? (config as { validations?: unknown }).validations : undefined;
  return Array.isArray(validations) && validations.some(v => v !== null && typeof v === 'object' && (v as { class?: unknown }).class === PLUGIN_CLASS);
}
