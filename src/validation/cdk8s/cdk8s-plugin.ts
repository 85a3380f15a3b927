import { readManifests } from '../../k8s/read-manifests';
import { NodeProfile } from '../../scheduling/node-profile';
import { readCrdFiles } from '../crd-files';
import { ManifestValidator, ValidationFinding } from '../engine';
import { Severity } from '../rule';

/** A resource a violation names, as cdk8s-cli's validation report expects it. */
export interface Cdk8sViolatingResource {
  /** The object's name. */
  readonly resourceName: string;
  /** JSON paths inside the object. */
  readonly locations: string[];
  /** The manifest file that holds the object. */
  readonly manifestPath: string;
}

/** A violation, as cdk8s-cli's validation report expects it. */
export interface Cdk8sValidationViolation {
  /** The rule id. */
  readonly ruleName: string;
  /** What is wrong. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The objects that break the rule. */
  readonly violatingResources: Cdk8sViolatingResource[];
}

/** The part of cdk8s-cli's validation report a plugin writes to. */
export interface ICdk8sValidationReport {
  /** Add a violation. */
  addViolation(violation: Cdk8sValidationViolation): void;
  /** Close the report with `success` or `failure`. */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/** The part of cdk8s-cli's validation context a plugin reads. */
export interface ICdk8sValidationContext {
  /** Paths of the synthesized manifests. */
  readonly manifests: string[];
  /** The report to fill. */
  readonly report: ICdk8sValidationReport;
}

/** Properties a `cdk8s.yaml` `validations:` entry passes to `DaemonSetsValidation`. */
export interface DaemonSetsValidationProps {
  /**
   * The lowest severity that fails the synth: `error`, `warning` or `info`.
   * @default 'error'
   */
  readonly failOn?: string;

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
 */
export class DaemonSetsValidation {
  private readonly props: DaemonSetsValidationProps;

  constructor(props: DaemonSetsValidationProps = {}) {
    if (props.failOn !== undefined && !['error', 'warning', 'info'].includes(props.failOn)) {
      throw new Error(`DaemonSetsValidation: failOn '${props.failOn}' must be 'error', 'warning' or 'info'.`);
    }
    this.props = props;
  }

  /**
   * Validate the synthesized manifests and fill the report.
   */
  public validate(context: ICdk8sValidationContext): void {
    const objects: any[] = [];
    const fileOf = new Map<any, string>();
    const noStdin = () => {
      throw new Error('DaemonSetsValidation reads the manifest files cdk8s synthesized, not standard input');
    };
    for (const manifest of context.manifests) {
      for (const value of readManifests([manifest], noStdin).objects) {
        if (value && typeof value === 'object') {
          objects.push(value);
          fileOf.set(value, manifest);
        }
      }
    }
    const report = new ManifestValidator({
      kubernetesVersion: this.props.kubernetesVersion,
      rules: this.props.rules,
      skipRules: this.props.skipRules,
      expectedNodeCount: this.props.expectedNodeCount,
      nodeProfiles: this.props.nodesFile === undefined ? undefined : NodeProfile.fromFile(this.props.nodesFile),
      previous: this.props.previous === undefined ? undefined : readManifests([this.props.previous], noStdin).objects,
      customResourceDefinitions: this.props.crdFiles?.length ? readCrdFiles(this.props.crdFiles, noStdin) : undefined,
    }).validate(objects);

    const byRule = new Map<string, ValidationFinding[]>();
    for (const f of report.findings) byRule.set(f.ruleId, [...byRule.get(f.ruleId) ?? [], f]);
    for (const [ruleId, findings] of byRule) {
      context.report.addViolation({
        ruleName: `${ruleId} (${findings[0].severity})`,
        recommendation: findings.map(f => f.message).join('; '),
        fix: [...new Set(findings.map(f => f.hint).filter((h): h is string => !!h))].join('; ') || 'see the message',
        violatingResources: findings.map(f => ({
          resourceName: `${f.kind ?? '?'} ${f.namespace ? `${f.namespace}/` : ''}${f.name ?? '?'}`,
          locations: [f.path],
          manifestPath: [...fileOf.entries()].find(([o]) => o.kind === f.kind && o.metadata?.name === f.name)?.[1] ?? '',
        })),
      });
    }
    const failOn = (this.props.failOn ?? 'error') as Severity;
    context.report.submit(report.hasAtLeast(failOn) ? 'failure' : 'success', {
      errors: String(report.errors.length),
      warnings: String(report.warnings.length),
    });
  }
}
