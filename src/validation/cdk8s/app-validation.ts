import { IConstruct } from 'constructs';
import { formatFinding, ManifestValidator, ValidationOptions } from '../engine';
import { Severity } from '../rule';
import { SynthSnapshot } from './synth-snapshot';

const REGISTERED = Symbol.for('cdk8s-daemonsets.app-validation');

/**
 * Validates every object of the app when it is synthesized: errors fail `app.synth()`,
 * warnings are printed. Every `DaemonSet` of this library turns this on for its app (without
 * the `semantics` family, which each DaemonSet runs on itself with construct-path messages);
 * call it yourself to validate an app that has none, or to pass options. The first call per
 * app wins.
 */
export class AppValidation {
  /**
   * Turn on validation for the app `scope` belongs to.
   * @returns false when it was already on
   */
  public static enable(scope: IConstruct, options: ValidationOptions = {}): boolean {
    const root = scope.node.root as IConstruct & { [REGISTERED]?: boolean };
    if (root[REGISTERED]) return false;
    Object.defineProperty(root, REGISTERED, { value: true });
    const validator = new ManifestValidator(options);
    const printed = new Set<string>();
    root.node.addValidation({
      validate: () => {
        // The first validation of every pass: render the app once for this and the constructs' own checks.
        const snapshot = SynthSnapshot.take(root);
        const report = validator.validate(snapshot.objects.map(o => snapshot.json(o)));
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
