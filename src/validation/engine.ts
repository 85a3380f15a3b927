import { Rule, RuleContext, RuleHit, Severity } from './rule';
import { allRules, ruleReferences } from './rules/registry';
import { isNamespaced } from '../k8s/identity';
import { withPodTemplateCache } from '../k8s/pod-template';
import { asObject, entriesOf, isObject, kindOf, Manifest, nameOf, namespaceFieldOf } from '../k8s/shape';
import { SUPPRESSION_PREFIX } from '../k8s/well-known';
import { NodeProfile } from '../scheduling/node-profile';

/** Annotation prefix of per-object suppressions: `suppress.daemonsets.cdk8s.io/<family>.<check>: <reason>`. */
export { SUPPRESSION_PREFIX };

/** The Kubernetes version findings are judged against by default. */
export const DEFAULT_KUBERNETES_VERSION = '1.31';

/**
 * One thing a validation found.
 */
export interface ValidationFinding {
  /** Stable rule id, e.g. `semantics/selector-matches-labels`. */
  readonly ruleId: string;
  /** `error`, `warning` or `info`. */
  readonly severity: Severity;
  /** Kind of the object, when known. */
  readonly kind?: string;
  /** Namespace of the object (`default` when it sets none). */
  readonly namespace?: string;
  /** Name of the object, when known. */
  readonly name?: string;
  /** JSON path inside the object. */
  readonly path: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly hint?: string;
  /**
   * The file the object was read from, as given on the command line (`<stdin>` for standard input).
   * @default - none: the object did not come from a file (a cdk8s app, objects in memory)
   */
  readonly file?: string;
  /**
   * 1-based line of the finding's node in `file`: the field at `path`, its nearest existing ancestor when the
   * field is missing, or the object's start.
   * @default - none: the object did not come from a file
   */
  readonly line?: number;
  /**
   * 1-based column of the finding's node in `file` (UTF-16 code units).
   * @default - none: the object did not come from a file
   */
  readonly column?: number;
}

/**
 * A finding that a suppression annotation on its object (`suppress.daemonsets.cdk8s.io/<family>.<check>` or
 * `suppress.daemonsets.cdk8s.io/<family>`) hides: kept in the report with the annotation's reason, so a clean
 * result can be told from a suppressed one, but never counted among the errors, warnings or infos.
 */
export interface SuppressedFinding extends ValidationFinding {
  /** The suppression annotation's value: why the finding does not apply. */
  readonly reason: string;
  /** The annotation that suppresses it, e.g. `suppress.daemonsets.cdk8s.io/best-practice.sensitive-host-mount`. */
  readonly annotation: string;
}

/**
 * Options of a validation run.
 */
export interface ValidationOptions {
  /**
   * The Kubernetes minor version the manifests target (`1.27` ...).
   * @default DEFAULT_KUBERNETES_VERSION
   */
  readonly kubernetesVersion?: string;

  /**
   * Run only rules whose id equals one of these or starts with one of them followed by `/`
   * (a family, e.g. `semantics`, `best-practice`).
   * @default - every rule
   */
  readonly rules?: string[];

  /**
   * Skip rules whose id equals one of these or starts with one of them followed by `/`.
   * @default - none
   */
  readonly skipRules?: string[];

  /**
   * Severity per rule id (or family), overriding the rule's default.
   * @default - the rules' own severities
   */
  readonly severityOverrides?: { [ruleId: string]: Severity };

  /**
   * How many nodes a DaemonSet is expected to run on, for quota fit.
   * @default 100
   */
  readonly expectedNodeCount?: number;

  /**
   * Node profiles to place the DaemonSets on: turns on the `placement-fit` rules
   * (requests vs. allocatable, agent coverage, host ports per profile, DaemonSets placed nowhere).
   * @default - none: the placement-fit rules report nothing
   */
  readonly nodeProfiles?: NodeProfile[];

  /**
   * The manifests applied before (e.g. the committed `dist/`): turns on the `upgrade-safety` rules, an
   * error for every change the API server refuses on update (an immutable field such as a DaemonSet's
   * `spec.selector`) and warnings for updates that restart an agent everywhere at once or remove an
   * object that is still referenced.
   * @default - none: the upgrade-safety rules report nothing
   */
  readonly previous?: any[];

  /**
   * CustomResourceDefinition objects (apiextensions.k8s.io/v1, as parsed from YAML or JSON) whose custom
   * resources the `schema` rules check: each served version's `openAPIV3Schema`, unknown fields rejected except
   * under `x-kubernetes-preserve-unknown-fields`. CRDs among the validated objects are used as well (and win
   * over these for the same kind); both win over the prometheus-operator CRDs shipped with the library. A CRD
   * that cannot be read is reported as `schema/crd`, never thrown.
   * @default - none: only the shipped CRDs and the CRDs in the input
   */
  readonly customResourceDefinitions?: any[];
}

/**
 * One rule id a finding can carry, as the rules reference (docs/rules.md, `cdk8s-daemonsets rules`) documents it.
 */
export interface RuleDescription {
  /** Stable id, `<family>/<name>`, e.g. `semantics/selector-matches-labels`; its family is the part before `/`. */
  readonly id: string;
  /** Default severity. */
  readonly severity: Severity;
  /** What it checks; the first sentence is its one-line summary. */
  readonly description: string;
  /**
   * Why it matters: what happens when the finding is ignored.
   * @default - none (every id `describeRules` lists has one)
   */
  readonly why?: string;
  /**
   * How to fix a finding.
   * @default - none (every id `describeRules` lists has one)
   */
  readonly fix?: string;
  /**
   * The same check in kube-score: its check ids, separated by `, `.
   * @default - none: kube-score has no such check
   */
  readonly kubeScore?: string;
  /**
   * The same check in kube-linter: its check names, separated by `, `.
   * @default - none: kube-linter has no such check
   */
  readonly kubeLinter?: string;
  /**
   * The same check in Polaris: its check ids, separated by `, `.
   * @default - none: Polaris has no such check
   */
  readonly polaris?: string;
  /**
   * The Pod Security Standards controls it corresponds to, as `<Level>: <control> (<Pod Security Admission check id>)`
   * separated by `, `, e.g. `Baseline: Host Namespaces (hostNamespaces)`.
   * @default - none: no Pod Security Standards control
   */
  readonly podSecurity?: string;
}

/**
 * The findings of a validation run.
 */
export class ValidationReport {
  /** Every finding, errors first, in input order within a severity. */
  public readonly findings: ValidationFinding[];

  /**
   * The findings that suppression annotations hide, each with the annotation and its reason, in the same order
   * (errors first, in input order within a severity). They are not in `findings` and count for nothing:
   * not for `errors`, `warnings`, `ok` or `hasAtLeast`. Findings of rules a run skips or does not select are
   * never here.
   */
  public readonly suppressed: SuppressedFinding[];

  /**
   * @param findings the findings that count
   * @param suppressed the findings that suppression annotations hide
   */
  constructor(findings: ValidationFinding[], suppressed: SuppressedFinding[] = []) {
    this.findings = bySeverity(findings);
    this.suppressed = bySeverity(suppressed);
  }

  /** The findings of severity error. */
  public get errors(): ValidationFinding[] {
    return this.findings.filter(f => f.severity === Severity.ERROR);
  }

  /** The findings of severity warning. */
  public get warnings(): ValidationFinding[] {
    return this.findings.filter(f => f.severity === Severity.WARNING);
  }

  /** Whether nothing of severity error was found. */
  public get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Whether a finding of `severity` or worse exists. */
  public hasAtLeast(severity: Severity): boolean {
    if (severity === Severity.INFO) return this.findings.length > 0;
    if (severity === Severity.WARNING) return this.findings.some(f => f.severity !== Severity.INFO);
    return !this.ok;
  }

  /** One line per finding: `error semantics/x DaemonSet monitoring/agent spec.x: message (hint: ...)`. */
  public toText(): string {
    return this.findings.map(formatFinding).join('\n');
  }
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then warnings, then infos; the given order within a severity (a stable sort). */
function bySeverity<T extends ValidationFinding>(findings: T[]): T[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] || a.i - b.i).map(x => x.f);
}

/**
 * A finding as one line of text: `error semantics/x DaemonSet monitoring/agent spec.x: message (hint: ...)`,
 * prefixed with `file:line:column: ` when the finding carries a location (the form editors make clickable).
 */
export function formatFinding(f: ValidationFinding): string {
  const object = f.kind ? `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name ?? '(unnamed)'}` : 'object';
  const at = f.file !== undefined ? `${f.file}:${f.line ?? 1}:${f.column ?? 1}: ` : '';
  return `${at}${f.severity} ${f.ruleId} ${object} ${f.path}: ${f.message}${f.hint ? ` (hint: ${f.hint})` : ''}`;
}

/**
 * Validates manifests (the library's own or anyone's) with the rule families: schema (the
 * official Kubernetes OpenAPI schema of the chosen version, strict), semantics, cross-object,
 * pod security and best practice.
 * Reuse one validator for many runs: compiled schemas are cached.
 */
export class ManifestValidator {
  /**
   * Every rule id a finding can carry (each `semantics/<check>` and `runtime/<check>` rather than its family, and the
   * engine's own `engine/...` ids), family by family, with its severity, what it checks, why it matters, how to fix
   * it and the equivalent checks of kube-score, kube-linter, Polaris and the Pod Security Standards.
   */
  public static describeRules(): RuleDescription[] {
    return ruleReferences().map(r => ({
      id: r.id,
      severity: r.severity,
      description: r.description,
      why: r.why,
      fix: r.fix,
      ...r.equivalents?.kubeScore ? { kubeScore: r.equivalents.kubeScore } : {},
      ...r.equivalents?.kubeLinter ? { kubeLinter: r.equivalents.kubeLinter } : {},
      ...r.equivalents?.polaris ? { polaris: r.equivalents.polaris } : {},
      ...r.equivalents?.podSecurity ? { podSecurity: r.equivalents.podSecurity } : {},
    }));
  }

  private readonly options: ValidationOptions;

  constructor(options: ValidationOptions = {}) {
    if (options.expectedNodeCount !== undefined && (!Number.isInteger(options.expectedNodeCount) || options.expectedNodeCount < 1)) {
      throw new Error(`ManifestValidator: expectedNodeCount is ${options.expectedNodeCount}; it must be a positive integer.`);
    }
    if (options.kubernetesVersion !== undefined && !/^1\.[0-9]+$/.test(options.kubernetesVersion)) {
      throw new Error(`ManifestValidator: kubernetesVersion '${options.kubernetesVersion}' must be a minor version such as '1.31'.`);
    }
    this.options = options;
  }

  /**
   * Validate manifests (parsed JSON/YAML objects).
   * @param objects the manifests
   */
  public validate(objects: any[]): ValidationReport {
    // The rule families share each object's pod templates and containers, listed once per run.
    return withPodTemplateCache(() => this.validateNow(objects));
  }

  private validateNow(objects: any[]): ValidationReport {
    // Lists and scalars are not manifests: readers unwrap `kind: List`, and a bare list or value says nothing to judge.
    const manifests: Manifest[] = (Array.isArray(objects) ? objects : []).filter(isObject);
    const ctx: RuleContext = {
      objects: manifests,
      kubernetesVersion: this.options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
      expectedNodeCount: this.options.expectedNodeCount ?? 100,
      customResourceDefinitions: this.options.customResourceDefinitions,
    };
    const findings: ValidationFinding[] = [];
    const suppressed: SuppressedFinding[] = [];
    const { nodeProfiles, previous, expectedNodeCount: nodeCount } = this.options;
    for (const rule of allRules({ nodeProfiles, previous, nodeCount })) {
      if (!this.selected(rule.id, true)) continue;
      for (const hit of runRule(rule, ctx)) {
        const ruleId = hit.ruleId ?? rule.id;
        if (!this.selected(ruleId, false)) continue;
        const finding: ValidationFinding = {
          ruleId,
          severity: this.severityOf(ruleId) ?? hit.severity ?? rule.severity,
          ...identityOfFinding(hit.object),
          path: hit.path,
          message: hit.message,
          hint: hit.hint,
        };
        const by = suppressionOf(hit.object, ruleId);
        if (by) suppressed.push({ ...finding, ...by });
        else findings.push(finding);
      }
    }
    for (const obj of manifests) findings.push(...suppressionProblems(obj));
    return new ValidationReport(withoutSupersededFindings(findings), withoutSupersededFindings(suppressed));
  }

  private selected(id: string, family: boolean): boolean {
    if (this.options.rules === undefined && this.options.skipRules === undefined) return true;
    const matches = (pattern: string) => id === pattern || id.startsWith(`${pattern}/`) || (family && pattern.startsWith(`${id}/`));
    if (this.options.rules && !this.options.rules.some(matches)) return false;
    if (this.options.skipRules?.some(p => id === p || id.startsWith(`${p}/`))) return false;
    return true;
  }

  private severityOf(id: string): Severity | undefined {
    const overrides = this.options.severityOverrides;
    if (overrides === undefined) return undefined;
    if (overrides[id]) return overrides[id];
    const family = id.split('/')[0];
    return overrides[family];
  }
}

/**
 * With node profiles, `placement-fit/host-port-collision` reports a clash on the profiles where it happens;
 * the generic `cross-object/host-port-collision` finding on the same port of the same object says less and
 * is dropped, so each clash is reported once.
 */
const SUPERSEDED_BY: { [ruleId: string]: string } = {
  'cross-object/host-port-collision': 'placement-fit/host-port-collision',
};

function withoutSupersededFindings<T extends ValidationFinding>(findings: T[]): T[] {
  if (!findings.some(f => SUPERSEDED_BY[f.ruleId])) return findings;
  const at = (f: ValidationFinding, ruleId: string) => `${ruleId}|${f.kind}|${f.namespace}|${f.name}|${f.path}`;
  const present = new Set(findings.map(f => at(f, f.ruleId)));
  return findings.filter(f => !(SUPERSEDED_BY[f.ruleId] && present.has(at(f, SUPERSEDED_BY[f.ruleId]))));
}

/**
 * Validate manifests in one call: `new ManifestValidator(options).validate(objects)`.
 * (TypeScript only; from other languages use `ManifestValidator`.)
 */
export function validateManifests(objects: any[], options: ValidationOptions = {}): ValidationReport {
  return new ManifestValidator(options).validate(objects);
}

/** The rule id of the finding that stands for a rule that threw (a bug in the rule, never in the input). */
export const INTERNAL_ERROR_RULE = 'engine/internal';

/**
 * A rule's hits; when the rule throws, one `engine/internal` error naming the rule instead, so that a bug in
 * one rule never loses the whole report (the validator is total: any JSON in, findings out).
 */
function runRule(rule: Rule, ctx: RuleContext): RuleHit[] {
  try {
    return rule.check(ctx);
  } catch (e) {
    const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return [{
      object: {},
      path: '',
      ruleId: INTERNAL_ERROR_RULE,
      severity: Severity.ERROR,
      message: `rule ${rule.id} failed on this input (${detail}); its findings are missing from this report`,
      hint: 'this is a bug in cdk8s-daemonsets, not in the manifests: please report it with the input, or skip the rule with --skip',
    }];
  }
}

/** Cluster-scoped kinds carry no namespace; namespaced objects without one land in `default`. */
function namespaceOfFinding(obj: Manifest): string | undefined {
  const kind = kindOf(obj);
  return kind !== undefined && !isNamespaced(kind) ? undefined : namespaceFieldOf(obj) ?? 'default';
}

/** Kind, namespace and name of the object a finding is about, each only when it is a string (no `undefined` names). */
function identityOfFinding(obj: Manifest): Pick<ValidationFinding, 'kind' | 'namespace' | 'name'> {
  const kind = kindOf(obj);
  if (kind === undefined) return {};
  return { kind, namespace: namespaceOfFinding(obj), name: nameOf(obj) };
}

/**
 * The annotation of `obj` that suppresses `ruleId` and its reason: the check's own (`<family>.<check>`) before the
 * family's; undefined when none with a reason applies (one without a reason is an `engine/suppression-reason` error).
 */
function suppressionOf(obj: Manifest, ruleId: string): Pick<SuppressedFinding, 'annotation' | 'reason'> | undefined {
  const annotations = asObject(asObject(asObject(obj).metadata).annotations);
  if (!hasSuppressionAnnotation(annotations)) return undefined;
  const family = ruleId.split('/')[0];
  for (const annotation of [`${SUPPRESSION_PREFIX}${ruleId.replace('/', '.')}`, `${SUPPRESSION_PREFIX}${family}`]) {
    if (!Object.prototype.hasOwnProperty.call(annotations, annotation)) continue;
    const reason = annotations[annotation];
    if (typeof reason === 'string' && reason.trim().length > 0) return { annotation, reason };
  }
  return undefined;
}

/** Whether any annotation is a suppression: most objects carry none, and then no annotation name is built per finding. */
function hasSuppressionAnnotation(annotations: { [key: string]: unknown }): boolean {
  for (const k in annotations) {
    if (Object.prototype.hasOwnProperty.call(annotations, k) && k.startsWith(SUPPRESSION_PREFIX)) return true;
  }
  return false;
}

function suppressionProblems(obj: Manifest): ValidationFinding[] {
  const problems: ValidationFinding[] = [];
  const annotations = asObject(asObject(obj.metadata).annotations);
  if (!hasSuppressionAnnotation(annotations)) return problems;
  for (const [k, v] of entriesOf(annotations)) {
    if (!k.startsWith(SUPPRESSION_PREFIX)) continue;
    if (typeof v !== 'string' || v.trim().length === 0) {
      problems.push({
        ruleId: 'engine/suppression-reason',
        severity: Severity.ERROR,
        ...identityOfFinding(obj),
        path: `metadata.annotations.${k}`,
        message: `suppression '${k}' gives no reason; a suppression must say why the finding does not apply`,
        hint: `set the annotation's value to the reason, e.g. "${k}: pinned by digest in the deploy pipeline"`,
      });
    }
  }
  return problems;
}
