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
 * The same check in other tools, by its name there (several separated by `, `); unset where the tool has none.
 * @internal
 */
export interface RuleEquivalents {
  /** kube-score check ids (README_CHECKS.md of zegl/kube-score), e.g. `container-security-context-readonlyrootfilesystem`. */
  readonly kubeScore?: string;
  /** kube-linter check names (docs/generated/checks.md of stackrox/kube-linter), e.g. `no-read-only-root-fs`. */
  readonly kubeLinter?: string;
  /** Polaris check ids (pkg/config/checks of FairwindsOps/polaris), e.g. `notReadOnlyRootFilesystem`. */
  readonly polaris?: string;
  /**
   * Pod Security Standards controls as `<Level>: <control> (<Pod Security Admission check id>)`,
   * e.g. `Baseline: Host Namespaces (hostNamespaces)`.
   */
  readonly podSecurity?: string;
}

/**
 * What the rules reference (docs/rules.md, `cdk8s-daemonsets rules`) says about one rule id.
 * @internal
 */
export interface RuleReference {
  /** Stable id a finding carries, `<family>/<name>`, e.g. `semantics/selector-matches-labels`. */
  readonly id: string;
  /** Default severity. */
  readonly severity: Severity;
  /** What it checks; the first sentence is its one-line summary. */
  readonly description: string;
  /** Why it matters: what happens when the finding is ignored. */
  readonly why: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** The same check in kube-score, kube-linter, Polaris and the Pod Security Standards, where they have one. */
  readonly equivalents?: RuleEquivalents;
}

/**
 * The reference entry of a check whose id and default severity its family supplies (`semantics/<check>`).
 * @internal
 */
export interface CheckReference extends Omit<RuleReference, 'id' | 'severity'> {
  /** Default severity when it is not the family's. */
  readonly severity?: Severity;
}

/**
 * A validation rule: a stable id, a family, a default severity, its reference entry and a check.
 * @internal
 */
export interface Rule extends RuleReference {
  /**
   * For a rule whose hits carry finer ids (`semantics/<check>`, `runtime/<check>`): the reference entry of every id
   * it can report, which documentation lists instead of the rule's own.
   */
  readonly checks?: readonly RuleReference[];
  /** Runs the rule on the whole input. */
  check(ctx: RuleContext): RuleHit[];
}

/**
 * The reference entries of every id `rule` can report: its `checks`, or the rule itself.
 * @internal
 */
export function referencesOf(rule: Rule): readonly RuleReference[] {
  return rule.checks ?? [rule];
}

/**
 * The reference entries of a family's `<family>/<check>` ids, in the order of `checks`, each with the family's
 * default severity unless its entry names its own.
 * @internal
 */
export function checkReferences<C extends string>(
  family: string, checks: readonly C[], reference: { readonly [check in C]: CheckReference }, severity: Severity,
): RuleReference[] {
  return checks.map(c => ({ ...reference[c], id: `${family}/${c}`, severity: reference[c].severity ?? severity }));
}
