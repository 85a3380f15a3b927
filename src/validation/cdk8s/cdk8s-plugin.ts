import { readManifests } from '../../k8s/read-manifests';
import { NodeProfile } from '../../scheduling/node-profile';
import { readCrdFiles } from '../crd-files';
import { ManifestValidator } from '../engine';
import { Severity } from '../rule';
import { ConstructPaths, ManifestEntry, manifestObjectLabel } from './construct-metadata';
import { objectLabel } from './finding-line';

/** A resource a violation names, as cdk8s-cli's validation report expects it (its `ValidationViolatingResource`). */
export interface Cdk8sViolatingResource {
  /**
   * The object, `Kind namespace/name` (`Kind name` when cluster-scoped). The cdk8s CLI looks the construct path up
   * under this name in the construct metadata.
   */
  readonly resourceName: string;
  /** JSON paths inside the object. */
  readonly locations: string[];
  /** The manifest file that holds the object. */
  readonly manifestPath: string;
  /**
   * The construct path of the object, from the construct metadata cdk8s wrote (the cdk8s CLI sets it again
   * from its metadata lookup; the plugin registers the path it found under `resourceName` there first).
   * @default - not known
   */
  readonly constructPath?: string;
}

/** A violation, as cdk8s-cli's validation report expects it (its `ValidationViolation`). */
export interface Cdk8sValidationViolation {
  /** The rule id and severity: `semantics/env-names (warning)`. */
  readonly ruleName: string;
  /** What is wrong: the finding's message. */
  readonly recommendation: string;
  /** How to fix it: the finding's hint, or where the rules reference describes the rule. */
  readonly fix: string;
  /** The object that breaks the rule: one per violation, so each occurrence keeps its own message. */
  readonly violatingResources: Cdk8sViolatingResource[];
}

/** The part of cdk8s-cli's validation report a plugin writes to. */
export interface ICdk8sValidationReport {
  /** Add a violation. */
  addViolation(violation: Cdk8sValidationViolation): void;
  /** Close the report with `success` or `failure`. */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/** One entry of the construct metadata cdk8s-cli hands to plugins. */
export interface Cdk8sResourceConstructMetadata {
  /** The construct path of the object. */
  readonly path: string;
}

/** The part of cdk8s-cli's validation context a plugin reads. */
export interface ICdk8sValidationContext {
  /** Paths of the synthesized manifests. */
  readonly manifests: string[];
  /** The report to fill. */
  readonly report: ICdk8sValidationReport;
  /**
   * The construct metadata cdk8s wrote beside the manifests (`construct-metadata.json`), by object name; the
   * cdk8s CLI's report reads the same map to print each resource's construct path.
   * @default - no construct paths
   */
  readonly metadata?: { [key: string]: Cdk8sResourceConstructMetadata };
}

/** Properties a `cdk8s.yaml` `validations:` entry passes to `DaemonSetsValidation`. */
export interface DaemonSetsValidationProps {
  /**
   * The lowest severity that fails the synth: `error`, `warning` or `info` (any finding). The report's
   * status is `failure` when a finding of that severity or worse is found; `cdk8s synth` then exits non-zero
   * after printing the report.
   * @default 'error' - only errors fail; warnings are reported and pass
   */
  readonly failOn?: string;

  /**
   * List `info` findings in the report (facts such as the Pod Security level each pod template meets). They
   * never fail the synth unless `failOn` is `info`, which lists them too.
   * @default false - errors and warnings only
   */
  readonly includeInfo?: boolean;

  /**
   * The Kubernetes minor version to judge against.
   * @default - the engine's default
   */
  readonly kubernetesVersion?: string;

  /**
   * Only these rules or families.
   * @default - all
   */
  readonly rules?: string[];

  /**
   * Skip these rules or families.
   * @default - none
   */
  readonly skipRules?: string[];

  /**
   * Nodes a DaemonSet runs on, for quota fit.
   * @default 100
   */
  readonly expectedNodeCount?: number;

  /**
   * A file of Node objects (`kubectl get nodes -o yaml` output, or a stream of Node documents) whose
   * node profiles turn on the `placement-fit` rules: agents' requests against each profile's allocatable,
   * agent coverage and host ports per profile. A relative path is resolved from the directory `cdk8s synth`
   * runs in.
   * @default - no node profiles: the placement-fit rules do not run
   */
  readonly nodesFile?: string;

  /**
   * The manifests applied before, a file or a directory (e.g. a copy of the committed `dist/` taken before
   * `cdk8s synth` overwrites it): turns on the `upgrade-safety` rules, an error for every update the API
   * server refuses (a DaemonSet's `spec.selector` changed, a Service's `clusterIP` changed ...) and warnings
   * for updates that restart an agent everywhere at once or remove an object still referenced. A relative
   * path is resolved from the directory `cdk8s synth` runs in.
   * @default - no previous manifests: the upgrade-safety rules do not run
   */
  readonly previous?: string;

  /**
   * Files or directories of CustomResourceDefinitions (YAML or JSON) whose custom resources the `schema` rules
   * check, strict except under `x-kubernetes-preserve-unknown-fields` (the `--crd` of `cdk8s-daemonsets validate`).
   * CRDs among the synthesized manifests are used too. A relative path is resolved from the directory `cdk8s synth`
   * runs in; a path that holds no CustomResourceDefinition fails the validation with a message naming it.
   * @default - none: only the shipped prometheus-operator CRDs and the CRDs the app synthesizes
   */
  readonly crdFiles?: string[];
}

/**
 * The cdk8s CLI validation plugin: add to `cdk8s.yaml`
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-daemonsets
 *     version: 0.0.0
 *     class: DaemonSetsValidation
 *     properties: { failOn: warning, nodesFile: nodes.yaml, crdFiles: [crds/] }
 * ```
 * and `cdk8s synth` reports every finding in its validation report. `package` is a path to the installed
 * package, so the cdk8s CLI loads it from `node_modules` and downloads nothing (`version` is required by the cdk8s
 * CLI; for a path it is only a label in the report).
 *
 * The report lists one violation per finding: the rule id and severity, the object (`Kind namespace/name`), its
 * manifest, the JSON path, the construct path (from the construct metadata `cdk8s synth` has the app write; exact
 * for every object with `DaemonSetsApp`, and with `App` for every object whose name no other object shares), the
 * finding's message as the recommendation and its hint as the fix. Info findings are left out unless `includeInfo`.
 * Findings that suppression annotations hide are no violations: the report's metadata counts them as `suppressed`
 * (`cdk8s-daemonsets validate --show-suppressed dist/` lists them with their reasons).
 *
 * With this plugin configured, the app's own validation prints no warnings while `cdk8s synth` runs it: this report
 * is where they appear (errors still stop `app.synth()` first, naming the construct).
 */
export class DaemonSetsValidation {
  private readonly props: DaemonSetsValidationProps;

  constructor(props: DaemonSetsValidationProps = {}) {
    if (props.failOn !== undefined && !['error', 'warning', 'info'].includes(props.failOn)) {
      throw new Error(`DaemonSetsValidation: failOn '${props.failOn}' must be 'error', 'warning' or 'info'.`);
    }
    if (props.includeInfo !== undefined && typeof props.includeInfo !== 'boolean') {
      throw new Error(`DaemonSetsValidation: includeInfo ${JSON.stringify(props.includeInfo)} must be true or false.`);
    }
    this.props = props;
  }

  /**
   * Validate the synthesized manifests and fill the report.
   */
  public validate(context: ICdk8sValidationContext): void {
    const entries = readEntries(context.manifests);
    const report = new ManifestValidator({
      kubernetesVersion: this.props.kubernetesVersion,
      rules: this.props.rules,
      skipRules: this.props.skipRules,
      expectedNodeCount: this.props.expectedNodeCount,
      nodeProfiles: this.props.nodesFile === undefined ? undefined : NodeProfile.fromFile(this.props.nodesFile),
      previous: this.props.previous === undefined ? undefined : readManifests([this.props.previous], noStdin).objects,
      customResourceDefinitions: this.props.crdFiles?.length ? readCrdFiles(this.props.crdFiles, noStdin) : undefined,
    }).validate(entries.map(e => e.object));

    const failOn = (this.props.failOn ?? 'error') as Severity;
    const withInfo = this.props.includeInfo === true || failOn === Severity.INFO;
    const metadata = context.metadata ?? {};
    const paths = new ConstructPaths(metadata, entries);
    const byLabel = new Map<string, ManifestEntry>();
    for (const e of entries) {
      const label = manifestObjectLabel(e.object);
      if (label !== undefined && !byLabel.has(label)) byLabel.set(label, e);
    }
    for (const f of report.findings) {
      if (f.severity === Severity.INFO && !withInfo) continue;
      const resourceName = f.kind && f.name ? objectLabel(f.kind, f.namespace, f.name) : '(an object without kind or name)';
      const entry = byLabel.get(resourceName);
      const constructPath = entry ? paths.of(entry) : undefined;
      if (constructPath !== undefined) registerPath(metadata, resourceName, constructPath);
      context.report.addViolation({
        ruleName: `${f.ruleId} (${f.severity})`,
        recommendation: f.message,
        fix: f.hint ?? `see ${rulesReferenceAnchor(f.ruleId)} for what the rule checks and how to fix it (\`cdk8s-daemonsets rules\` lists the rules)`,
        violatingResources: [{
          resourceName,
          locations: [f.path],
          manifestPath: entry?.file ?? '',
          ...constructPath !== undefined ? { constructPath } : {},
        }],
      });
    }
    const counts: { [key: string]: string } = { errors: String(report.errors.length), warnings: String(report.warnings.length) };
    if (withInfo) counts.info = String(report.findings.filter(f => f.severity === Severity.INFO).length);
    // Hidden by suppression annotations (the presets' own among them): counted so a clean report can be told from
    // a suppressed one, never a violation and never a failure. `cdk8s-daemonsets validate --show-suppressed` lists them.
    counts.suppressed = String(report.suppressed.filter(f => withInfo || f.severity !== Severity.INFO).length);
    context.report.submit(report.hasAtLeast(failOn) ? 'failure' : 'success', counts);
  }
}

/**
 * Where the rules reference describes a rule: `docs/rules.md#<rule id lowercased, / as ->`.
 * @internal
 */
export function rulesReferenceAnchor(ruleId: string): string {
  return `docs/rules.md#${ruleId.toLowerCase().replace(/\//g, '-')}`;
}

function noStdin(): string {
  throw new Error('DaemonSetsValidation reads the manifest files cdk8s synthesized, not standard input');
}

/** Every object of the manifests, with its file and position there. */
function readEntries(manifests: readonly string[]): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  for (const file of manifests) {
    let index = 0;
    for (const object of readManifests([file], noStdin).objects) {
      if (object && typeof object === 'object') entries.push({ object, file, index: index++ });
    }
  }
  return entries;
}

/**
 * Makes the cdk8s CLI's report print `path` for `resourceName`: its `addViolation` replaces every resource's
 * `constructPath` with `metadata[resourceName]?.path` (cdk8s-cli 2.207, lib/plugins/validation.js), and the
 * context's `metadata` is the map its report reads. A label (`Kind namespace/name`) holds a space, so it never
 * replaces cdk8s's own entries (object names). A host whose map cannot take it keeps `N/A`.
 */
function registerPath(metadata: { [key: string]: Cdk8sResourceConstructMetadata }, resourceName: string, path: string): void {
  if (metadata[resourceName]?.path === path) return;
  try {
    metadata[resourceName] = { path };
  } catch {
    // A frozen map (strict mode throws): the report shows N/A for this resource.
  }
}
