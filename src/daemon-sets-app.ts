import { App, AppProps } from 'cdk8s';
import { objectsOf, synthesizeOnePass, synthesizeYamlOnePass, writeConstructMetadata } from './one-pass-synthesis';
import { SynthSnapshot } from './validation/cdk8s/synth-snapshot';

/**
 * A cdk8s `App` that synthesizes in one pass: every object is rendered once, validated once (the rule engine and
 * each construct's own checks) and written from that same rendering, and written by a YAML emitter that produces
 * exactly what cdk8s's `Yaml.stringify` does, about 15 times faster (any document outside its proven subset is handed
 * to `Yaml.stringify`). The manifests are byte-identical to `App`'s.
 *
 * A plain `App` gets the same one-pass synthesis as soon as one of this library's constructs (`DaemonSet`, the
 * presets, `NamespaceQuota`) is created in it: the constructs switch that app instance's `synth()` and `synthYaml()`
 * to it (cdk8s itself is not patched, and an `App` subclass with its own `synth` or `synthYaml` keeps its own, with
 * one validation per synthesis). `DaemonSetsApp` gives it to every app, whatever constructs it holds, and writes
 * exact construct metadata:
 *
 * With `recordConstructMetadata` (which `cdk8s synth` turns on when `cdk8s.yaml` lists validations), the
 * `construct-metadata.json` it writes holds `App`'s entries (each object's construct path by name, the last object of
 * a name winning) and one more per object by `Kind namespace/name`, so the `DaemonSetsValidation` plugin reports the
 * exact construct path of objects that share a name (a preset's DaemonSet, Service and ServiceAccount). A plain
 * `App` writes `App`'s entries only.
 *
 * It takes the fast path for the default output (`YamlOutputType.FILE_PER_CHART`, also `FILE_PER_APP`) of apps
 * whose constructs declare no dependencies on each other, whose charts keep `Chart`'s `toJson` and whose only
 * validations are the library's own; any other app is synthesized by `App` itself (still with one validation per
 * synthesis), which renders after every validation has run, so a validation of yours that changes an object is
 * written as `App` writes it.
 */
export class DaemonSetsApp extends App {
  private readonly recordMetadata: boolean;

  constructor(props: AppProps = {}) {
    super(props);
    this.recordMetadata = props.recordConstructMetadata ?? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true';
  }

  /**
   * Synthesizes all manifests to the output directory, like `App.synth()`.
   */
  public synth(): void {
    synthesizeOnePass(this, this.recordMetadata ? 'exact' : undefined, () => {
      SynthSnapshot.session(this, () => super.synth());
      // App wrote its construct metadata by name only: the same file with the exact entries too.
      if (this.recordMetadata) writeConstructMetadata(this, this.charts.flatMap(chart => objectsOf(chart)), 'exact');
    });
  }

  /**
   * Synthesizes the app into a YAML string, like `App.synthYaml()`.
   */
  public synthYaml(): string {
    return synthesizeYamlOnePass(this, () => super.synthYaml());
  }
}
