import { Manifest } from '../k8s/shape';

/**
 * How serious a finding is.
 */
export enum Severity {
  /** The object would be rejected, or could never run as meant: fails synthesis and `--fail-on error`. */
  ERROR = 'error',
  /** Probably a mistake or a risk; reported, fails only `--fail-on warning`. */
  WARNING = 'warning',
  /** Worth knowing; never fails. */
  INFO = 'info',
}

/**
 * What a rule reports about one object, before the engine adds the rule id, severity and object.
 * @internal
 */
export interface RuleHit {
  /** The object the finding is about. */
  readonly object: Manifest;
  /** JSON path inside the object, e.g. `spec.template.spec.containers[0].image`. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /** Overrides the rule's default severity for this hit. */
  readonly severity?: Severity;
  /** A finer rule id than the rule's own, for rules that check several things (`semantics/...`). */
  readonly ruleId?: string;
}

/**
 * The input every rule sees.
 * @internal
 */
export interface RuleContext {
  /** Every object of the input, in order. */
  readonly objects: Manifest[];
  /** Kubernetes minor version the objects target, e.g. `1.31`. */
  readonly kubernetesVersion: string;
  /** Nodes a DaemonSet is expected to run on, for quota fit. */
  readonly expectedNodeCount: number;
  /** CustomResourceDefinitions given for the run (`ValidationOptions.customResourceDefinitions`), for the schema rules. */
  readonly customResourceDefinitions?: readonly unknown[];
}

/**
 * A validation rule: a stable id, a family, a default severity and a check.
 * @internal
 */
export interface Rule {
  /** Stable id, `<family>/<name>`, e.g. `semantics/selector-matches-labels`. */
  readonly id: string;
  /** Default severity. */
  readonly severity: Severity;
  /** One line on what the rule checks; the equivalent kube-score / kube-linter / Polaris / PSA check where there is one. */
  readonly description: string;
  /** Runs the rule on the whole input. */
  check(ctx: RuleContext): RuleHit[];
}
