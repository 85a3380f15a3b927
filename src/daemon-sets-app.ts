import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CONSTRUCT_METADATA_FILE, constructMetadataResources } from './validation/cdk8s/construct-metadata';
import { SynthSnapshot } from './validation/cdk8s/synth-snapshot';
import { stringifyYaml } from './yaml/emit';

/**
 * A cdk8s `App` that synthesizes in one pass: every object is rendered once, validated once (the rule engine and
 * each construct's own checks) and written from that same rendering, and written by a YAML emitter that produces
 * exactly what cdk8s's `Yaml.stringify` does, about 15 times faster (any document outside its proven subset is handed
 * to `Yaml.stringify`). The manifests are byte-identical to `App`'s. A plain `App` with this library's constructs
 * also validates once per synthesis and writes each `DaemonSet` from its validation's rendering (`AppValidation`
 * makes its `synth()` one session), but cdk8s renders its other objects again to write them and `Yaml.stringify`
 * writes the YAML.
 *
 * With `recordConstructMetadata` (which `cdk8s synth` turns on when `cdk8s.yaml` lists validations), the
 * `construct-metadata.json` it writes holds `App`'s entries (each object's construct path by name, the last object of
 * a name winning) and one more per object by `Kind namespace/name`, so the `DaemonSetsValidation` plugin reports the
 * exact construct path of objects that share a name (a preset's DaemonSet, Service and ServiceAccount).
 *
 * It takes the fast path for the default output (`YamlOutputType.FILE_PER_CHART`, also `FILE_PER_APP`) of apps
 * whose constructs declare no dependencies on each other; any other app is synthesized by `App` itself (still with
 * one validation per synthesis). As with `App`, validations must not change the tree.
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
    const fast = this.yamlOutputType === YamlOutputType.FILE_PER_CHART || this.yamlOutputType === YamlOutputType.FILE_PER_APP;
    if (!fast || !this.independent()) {
      SynthSnapshot.session(this, () => super.synth());
      // App wrote its construct metadata by name only: the same file with the exact entries too.
      if (this.recordMetadata) this.writeMetadata(this.charts.flatMap(chart => objectsOf(chart)));
      return;
    }
    SynthSnapshot.session(this, () => {
      fs.mkdirSync(this.outdir, { recursive: true });
      const perChart = this.render();
      if (this.yamlOutputType === YamlOutputType.FILE_PER_APP) {
        const all = perChart.flatMap(c => c.docs);
        if (perChart.length > 0) fs.writeFileSync(path.join(this.outdir, `app${this.outputFileExtension}`), stringifyYaml(...all), 'utf8');
      } else {
        for (const { chart, docs } of perChart) {
          fs.writeFileSync(path.join(this.outdir, `${Names.toDnsLabel(chart)}${this.outputFileExtension}`), stringifyYaml(...docs), 'utf8');
        }
      }
      if (this.recordMetadata) this.writeMetadata(perChart.flatMap(c => c.objects));
    });
  }

  /**
   * Synthesizes the app into a YAML string, like `App.synthYaml()`.
   */
  public synthYaml(): string {
    if (!this.independent()) return SynthSnapshot.session(this, () => super.synthYaml());
    return SynthSnapshot.session(this, () => stringifyYaml(...this.render().flatMap(c => c.docs)));
  }

  /** Validates the app once, then each chart's objects in cdk8s's order, as the validation pass rendered them. */
  private render(): { chart: Chart; objects: ApiObject[]; docs: any[] }[] {
    validateOnce(this);
    const snapshot = SynthSnapshot.take(this);
    return this.charts.map(chart => {
      const objects = objectsOf(chart);
      return { chart, objects, docs: objects.map(o => snapshot.json(o)) };
    });
  }

  /**
   * Whether no chart is nested in another and no construct depends on another: then cdk8s adds no dependencies
   * at synthesis and the objects' order is the tree's.
   */
  private independent(): boolean {
    return this.node.findAll().every(c => c.node.dependencies.length === 0
      && (!(c instanceof Chart) || !c.node.children.some(k => k instanceof Chart)));
  }

  /** `construct-metadata.json` for validation plugins: `App`'s entries by name, and the exact ones by object. */
  private writeMetadata(objects: ApiObject[]): void {
    const resources = constructMetadataResources(objects);
    fs.writeFileSync(path.join(this.outdir, CONSTRUCT_METADATA_FILE), JSON.stringify({ version: '1.0.0', resources }));
  }
}

/** A chart's own objects in cdk8s's output order (`chartToKube` in cdk8s's lib/app.js). */
function objectsOf(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => c instanceof ApiObject)
    .filter(o => Chart.of(o) === chart);
}

/** Every construct's validations, in tree order, failing like cdk8s does: one error listing them all. */
function validateOnce(root: IConstruct): void {
  const errors: string[] = [];
  for (const c of root.node.findAll()) {
    for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}
