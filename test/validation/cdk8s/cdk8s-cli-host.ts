/**
 * What `cdk8s synth` does around a validation plugin, for tests that run `DaemonSetsValidation` as the cdk8s CLI
 * does. The behaviour follows cdk8s-cli 2.207.60 (the version scripts/test-installed.sh pins), read from its
 * lib/util.js (`synthApp`, `findManifests`, `findConstructMetadata`, `validateApp`) and lib/plugins/validation.js
 * (`ValidationPlugin.loadConstructMetadata`, `ValidationContext`, `ValidationReport.addViolation` / `toString`):
 *
 * - the app is synthesized with construct metadata recorded (`CDK8S_RECORD_CONSTRUCT_METADATA=true`);
 * - the manifests are the `.yaml` files under the output directory, recursively;
 * - `construct-metadata.json` (version 1.0.0 only) becomes `context.metadata`, `{ [key]: { path } }`, and the
 *   context's report holds that same map;
 * - `addViolation` turns each resource into a construct: `constructPath` is `metadata[resourceName]?.path`
 *   (whatever the plugin set), `manifestPath` is `STDOUT` under `--stdout`; adding after `submit` throws;
 * - the printed report shows `Construct Path: <path or N/A>`, `Recommendation:` and `How to fix:` per violation.
 *
 * cdk8s-cli is not a dependency of this repository, so this is a model of it, checked for real by
 * scripts/test-installed.sh.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdk8s';
import { Cdk8sValidationViolation, ICdk8sValidationContext } from '../../../src';

/** A violating resource as the CLI's report stores it. */
export interface CliViolatingConstruct {
  readonly resourceName: string;
  readonly locations: readonly string[];
  readonly manifestPath: string;
  readonly constructPath?: string;
}

/** A violation as the CLI's report stores it. */
export interface CliViolation {
  readonly ruleName: string;
  readonly recommendation: string;
  readonly fix: string;
  readonly violatingConstructs: CliViolatingConstruct[];
}

/** The CLI's validation report, as far as the tests read it. */
export class CliReport {
  public readonly violations: CliViolation[] = [];
  public summary?: { status: string; metadata?: { [key: string]: string } };

  constructor(private readonly metadata: { [key: string]: { path: string } }, private readonly stdout: boolean) {}

  public addViolation(violation: Cdk8sValidationViolation): void {
    if (this.summary) throw new Error('Violations cannot be added to report after its submitted');
    this.violations.push({
      ruleName: violation.ruleName,
      recommendation: violation.recommendation,
      fix: violation.fix,
      violatingConstructs: violation.violatingResources.map(r => ({
        ...r,
        constructPath: this.metadata[r.resourceName]?.path,
        manifestPath: this.stdout ? 'STDOUT' : r.manifestPath,
      })),
    });
  }

  public submit(status: string, metadata?: { [key: string]: string }): void {
    this.summary = { status, metadata };
  }

  /** The violations part of the printed report. */
  public text(): string {
    const out: string[] = [];
    for (const v of this.violations) {
      out.push(`${v.ruleName} (${v.violatingConstructs.flatMap(c => c.locations).length} occurrences)`, '  Occurrences:');
      for (const c of v.violatingConstructs) {
        out.push(`    - Construct Path: ${c.constructPath ?? 'N/A'}`, `    - Manifest Path: ${c.manifestPath}`, `    - Resource Name: ${c.resourceName}`);
        out.push('    - Locations:', ...c.locations.map(l => `      > ${l}`));
      }
      out.push(`  Recommendation: ${v.recommendation}`, `  How to fix: ${v.fix}`);
    }
    return out.join('\n');
  }
}

/** The context and report the CLI would give the plugin after the app wrote `outdir`. */
export interface CliRun {
  readonly context: ICdk8sValidationContext;
  readonly report: CliReport;
  readonly outdir: string;
}

/** The `.yaml` files under `dir`, recursively (the CLI reads directories in `readdir` order; sorted here). */
function findManifests(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...findManifests(full));
    else if (entry.name.endsWith('.yaml')) files.push(full);
  }
  return files;
}

/** The context for the manifests an app wrote to `outdir`, as the CLI builds it. */
export function cliContext(outdir: string, options: { stdout?: boolean } = {}): CliRun {
  const metadataFile = path.join(outdir, 'construct-metadata.json');
  const metadata: { [key: string]: { path: string } } = {};
  if (fs.existsSync(metadataFile)) {
    const contents = JSON.parse(fs.readFileSync(metadataFile, 'utf-8'));
    if (contents.version !== '1.0.0') throw new Error(`Unexpected version of construct metadata at ${metadataFile}: ${contents.version}`);
    for (const [name, entry] of Object.entries(contents.resources)) metadata[name] = { path: (entry as { path: string }).path };
  }
  const report = new CliReport(metadata, options.stdout ?? false);
  return { context: { manifests: findManifests(outdir), metadata, report }, report, outdir };
}

/** Synthesizes `app` (made with `recordConstructMetadata: true`) and returns the CLI's context for its output. */
export function synthForCli(app: App): CliRun {
  app.synth();
  return cliContext(app.outdir);
}

/** A `cdk8s.yaml` like the README's: the app, and this library's plugin among its validations. */
export const WITH_PLUGIN = [
  'language: typescript',
  'app: npx ts-node main.ts',
  'validations:',
  '  - package: ./node_modules/cdk8s-daemonsets',
  '    version: 0.0.0',
  '    class: DaemonSetsValidation',
  '    properties: { failOn: warning }',
].join('\n');

/**
 * Runs `fn` as `cdk8s synth` runs the app: in the directory of its `cdk8s.yaml` (`config`; none when undefined),
 * with `CDK8S_RECORD_CONSTRUCT_METADATA` set to `env` (unset when undefined). Restores both.
 */
export function asCdk8sSynth<T>(config: string | undefined, env: string | undefined, fn: () => T): T {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-cwd-'));
  if (config !== undefined) fs.writeFileSync(path.join(dir, 'cdk8s.yaml'), config);
  const cwd = process.cwd();
  const before = process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  process.chdir(dir);
  if (env === undefined) delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
  else process.env.CDK8S_RECORD_CONSTRUCT_METADATA = env;
  try {
    return fn();
  } finally {
    process.chdir(cwd);
    if (before === undefined) delete process.env.CDK8S_RECORD_CONSTRUCT_METADATA;
    else process.env.CDK8S_RECORD_CONSTRUCT_METADATA = before;
  }
}
