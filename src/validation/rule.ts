import { asObject, isObject, objectItems } from './shape';

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

/** A manifest as plain JSON. */
export type Manifest = { [key: string]: any };

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

/** Pod templates of workload objects, with their JSON path; a template whose spec is not an object is skipped. @internal */
export function podTemplates(obj: Manifest): { path: string; spec: Manifest; metadata: Manifest }[] {
  const at = (path: string, template: unknown) => {
    const t = asObject(template);
    return isObject(t.spec) ? [{ path, spec: t.spec, metadata: asObject(t.metadata) }] : [];
  };
  const spec = asObject(asObject(obj).spec);
  switch (asObject(obj).kind) {
    case 'Pod':
      return isObject(obj.spec) ? [{ path: 'spec', spec, metadata: asObject(obj.metadata) }] : [];
    case 'DaemonSet': case 'Deployment': case 'StatefulSet': case 'ReplicaSet': case 'Job':
      return at('spec.template.spec', spec.template);
    case 'CronJob':
      return at('spec.jobTemplate.spec.template.spec', asObject(asObject(spec.jobTemplate).spec).template);
    default:
      return [];
  }
}

/**
 * Every container of a pod spec (init, regular, ephemeral) with its JSON path below the pod spec;
 * a list that is not a list, and items that are not objects, are skipped (the schema rule reports them).
 * @internal
 */
export function containersOf(spec: Manifest): { container: Manifest; path: string; init: boolean }[] {
  const s = asObject(spec);
  return [
    ...objectItems(s.initContainers).map(({ item, index }) => ({ container: item, path: `initContainers[${index}]`, init: true })),
    ...objectItems(s.containers).map(({ item, index }) => ({ container: item, path: `containers[${index}]`, init: false })),
    ...objectItems(s.ephemeralContainers).map(({ item, index }) => ({ container: item, path: `ephemeralContainers[${index}]`, init: false })),
  ];
}
