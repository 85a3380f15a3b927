import { App, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ManifestValidator, ValidationFinding, ValidationOptions, ValidationReport } from '../engine';
import { Severity } from '../rule';
import { findingLine } from './finding-line';
import { addLibraryValidation } from './library-validation';
import { mergeValidationOptions } from './merge-options';
import { pluginWillReport } from './plugin-configured';
import { SynthSnapshot } from './synth-snapshot';

const REGISTERED = Symbol.for('cdk8s-daemonsets.app-validation');

/** The app's validation: its options merged over every call, and the validator built from them. */
interface Registration {
  options: ValidationOptions;
  validator: ManifestValidator;
  /** The snapshot the last report was computed from, and that report (dropped when the options change). */
  last?: { snapshot: SynthSnapshot; report: ValidationReport };
  /** This pass's errors, by the construct that owns the object (each construct takes its own, once). */
  pending: Map<IConstruct, ValidationFinding[]>;
}

/**
 * Makes each `synth()` and `synthYaml()` of this app one synthesis session (`SynthSnapshot.session`), as
 * `DaemonSetsApp` does: cdk8s validates a plain `App` once and then once more per chart, and without a session every
 * pass renders every object again to see whether it changed. Wraps the methods of this app instance only (own
 * properties calling the ones it had, a subclass's overrides included); cdk8s itself is not patched. The library's
 * constructs then give a plain `App` the one-pass synthesis over these (`one-pass-synthesis.ts`, constructs layer).
 */
function synthesizeInSessions(root: IConstruct): void {
  if (!(root instanceof App)) return;
  for (const method of ['synth', 'synthYaml'] as const) {
    const original = (root as any)[method];
    if (typeof original !== 'function') continue;
    Object.defineProperty(root, method, {
      configurable: true,
      writable: true,
      enumerable: false,
      value: function (this: unknown, ...args: unknown[]) {
        return SynthSnapshot.session(root, () => original.apply(this, args));
      },
    });
  }
}

/** Constructs that already carry the validation returning their share of the app's errors. */
const ATTRIBUTED = new WeakSet<IConstruct>();

/** Per construct: `<rule id> <JSON path>` of the errors its own validation reported in the latest pass. */
const SELF_REPORTED = new WeakMap<IConstruct, Set<string>>();

/**
 * Records the errors a construct's own validation reported in this pass (a `DaemonSet` runs the runtime
 * predictions on itself), so that the app's validation, whose share for that construct runs after it in the same
 * pass, does not report them a second time.
 * @internal
 */
export function recordSelfReported(construct: IConstruct, errors: { readonly rule: string; readonly path: string }[]): void {
  SELF_REPORTED.set(construct, new Set(errors.map(e => `${e.rule} ${e.path}`)));
}

/**
 * Validates every object of the app when it is synthesized: errors fail `app.synth()`,
 * warnings are printed. Every `DaemonSet` of this library turns this on for its app (without
 * the `semantics` family, which each DaemonSet runs on itself with construct-path messages);
 * call it yourself to validate an app that has none, or to pass options.
 *
 * Each error is reported by the construct that owns its object, so cdk8s's message names that construct's path:
 * `[monitoring/agent] error cross-object/host-port-collision DaemonSet monitoring/agent spec...: ... (hint: ...)`,
 * one line per finding. Warnings are printed once per synthesis, ending with the construct path; when the app runs
 * under `cdk8s synth` with the `DaemonSetsValidation` plugin configured in `cdk8s.yaml`, the plugin's report is the
 * one place they appear and the app prints none.
 *
 * Each `synth()` / `synthYaml()` of the app is one synthesis session: cdk8s validates an `App` once and again per
 * chart, and the passes of one synthesis share one rendering of every object (so one validation), from which the
 * library's `DaemonSet`s are also written. The methods of the app instance are wrapped for this (cdk8s itself is not
 * patched); a change made between two syntheses is always seen.
 *
 * Calls for one app merge their options, in any order (before or after its DaemonSets exist): rules to
 * skip and severity overrides add up; a value two calls both set must be the same, or the later call
 * throws a `DaemonSetsError` naming the field (no option is silently dropped).
 */
export class AppValidation {
  /**
   * Turn on validation for the app `scope` belongs to, or add options to it.
   * @returns false when it was already on (the options are merged into the app's)
   */
  public static enable(scope: IConstruct, options: ValidationOptions = {}): boolean {
    const root = scope.node.root as IConstruct & { [REGISTERED]?: Registration };
    const registered = root[REGISTERED];
    if (registered) {
      const merged = mergeValidationOptions(registered.options, options);
      registered.validator = new ManifestValidator(merged);
      registered.options = merged;
      registered.last = undefined;
      return false;
    }
    const registration: Registration = { options, validator: new ManifestValidator(options), pending: new Map() };
    Object.defineProperty(root, REGISTERED, { value: registration });
    synthesizeInSessions(root);
    const printed = new Set<string>();
    addLibraryValidation(root, () => {
      // The first validation of every pass: render the app once for this and the constructs' own checks.
      const snapshot = SynthSnapshot.take(root);
      const objects = snapshot.objects.map(o => snapshot.json(o));
      // cdk8s validates the app once more per chart in the same synthesis: when no object changed since the
      // last pass (the snapshot kept every JSON object), that pass's report holds.
      const last = registration.last;
      const report = last && snapshot.unchangedSince(last.snapshot) ? last.report : registration.validator.validate(objects);
      registration.last = { snapshot, report };
      const owner = (f: ValidationFinding) => ownerOf(snapshot, f);
      // cdk8s may validate the same app more than once per synth: print each warning once.
      const warnings = report.findings.filter(f => f.severity === Severity.WARNING);
      if (warnings.length > 0 && !pluginWillReport()) {
        for (const w of warnings) {
          const c = owner(w);
          const line = `[cdk8s-daemonsets] ${findingLine(w)}${c ? ` [${c.node.path}]` : ''}`;
          if (printed.has(line)) continue;
          printed.add(line);
          console.warn(line);
        }
      }
      return attributeErrors(registration, report.errors, owner);
    });
    return true;
  }

  private constructor() {}
}

/**
 * Whether the constructs print their own synthesis warnings: false when the cdk8s validation plugin of this
 * library will report them (see `pluginWillReport`).
 * @internal
 */
export function constructsPrintWarnings(): boolean {
  return !pluginWillReport();
}

/**
 * The construct a finding's object belongs to: the construct that made the `ApiObject` (a cdk8s-plus `DaemonSet`
 * for its `Resource`), or the object itself when it sits directly in a chart.
 */
function ownerOf(snapshot: SynthSnapshot, f: ValidationFinding): IConstruct | undefined {
  const obj = f.kind && f.name ? snapshot.find(f.kind, f.namespace, f.name)[0] : undefined;
  if (!obj) return undefined;
  const scope = obj.node.scope;
  return scope && !Chart.isChart(scope) && scope.node.scope ? scope : obj;
}

/**
 * Hands each error to the construct that owns its object: cdk8s prefixes every validation message with the path of
 * the construct that returned it (`[<path>] <message>`, lib/app.js `validate`), which is `[]` for the app itself.
 * cdk8s validates the tree in pre-order, the app first, so a validation added here to a construct runs later in the
 * same pass and returns its share. Returns what no construct owns (an error without an object), for the app.
 */
function attributeErrors(registration: Registration, errors: ValidationFinding[], owner: (f: ValidationFinding) => IConstruct | undefined): string[] {
  const unowned: string[] = [];
  registration.pending = new Map();
  for (const e of errors) {
    const c = owner(e);
    if (!c) {
      unowned.push(findingLine(e));
      continue;
    }
    const mine = registration.pending.get(c);
    if (mine) mine.push(e);
    else registration.pending.set(c, [e]);
    if (!ATTRIBUTED.has(c)) {
      ATTRIBUTED.add(c);
      // Added after the construct's own validations, so it runs after them in every pass.
      addLibraryValidation(c, () => {
        const share = registration.pending.get(c) ?? [];
        registration.pending.delete(c);
        const own = SELF_REPORTED.get(c);
        return share.filter(f => !own?.has(`${f.ruleId} ${f.path}`)).map(findingLine);
      });
    }
  }
  return unowned;
}
