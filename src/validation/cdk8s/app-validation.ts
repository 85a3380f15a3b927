import { IConstruct } from 'constructs';
import { formatFinding, ManifestValidator, ValidationOptions, ValidationReport } from '../engine';
import { Severity } from '../rule';
import { mergeValidationOptions } from './merge-options';
import { SynthSnapshot } from './synth-snapshot';

const REGISTERED = Symbol.for('cdk8s-daemonsets.app-validation');

/** The app's validation: its options merged over every call, and the validator built from them. */
interface Registration {
  options: ValidationOptions;
  validator: ManifestValidator;
  /** The snapshot the last report was computed from, and that report (dropped when the options change). */
  last?: { snapshot: SynthSnapshot; report: ValidationReport };
}

/**
 * Validates every object of the app when it is synthesized: errors fail `app.synth()`,
 * warnings are printed. Every `DaemonSet` of this library turns this on for its app (without
 * the `semantics` family, which each DaemonSet runs on itself with construct-path messages);
 * call it yourself to validate an app that has none, or to pass options.
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
    const registration: Registration = { options, validator: new ManifestValidator(options) };
    Object.defineProperty(root, REGISTERED, { value: registration });
    const printed = new Set<string>();
    root.node.addValidation({
      validate: () => {
        // The first validation of every pass: render the app once for this and the constructs' own checks.
        const snapshot = SynthSnapshot.take(root);
        const objects = snapshot.objects.map(o => snapshot.json(o));
        // cdk8s validates the app once more per chart in the same synthesis: when no object changed since the
        // last pass (the snapshot kept every JSON object), that pass's report holds.
        const last = registration.last;
        const report = last && snapshot.unchangedSince(last.snapshot) ? last.report : registration.validator.validate(objects);
        registration.last = { snapshot, report };
        const located = (f: { kind?: string; namespace?: string; name?: string }) => {
          const obj = f.kind && f.name ? snapshot.find(f.kind, f.namespace, f.name)[0] : undefined;
          return obj ? ` [${(obj.node.scope ?? obj).node.path}]` : '';
        };
        // cdk8s may validate the same app more than once per synth: print each warning once.
        for (const w of report.findings.filter(f => f.severity === Severity.WARNING)) {
          const line = `[cdk8s-daemonsets] ${formatFinding(w)}${located(w)}`;
          if (printed.has(line)) continue;
          printed.add(line);
          console.warn(line);
        }
        return report.errors.map(e => `${formatFinding(e)}${located(e)}`);
      },
    });
    return true;
  }

  private constructor() {}
}
