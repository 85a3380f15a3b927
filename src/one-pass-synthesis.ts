import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CONSTRUCT_METADATA_FILE, constructMetadataResources } from './validation/cdk8s/construct-metadata';
import { hasOnlyLibraryValidations } from './validation/cdk8s/library-validation';
import { SynthSnapshot } from './validation/cdk8s/synth-snapshot';
import { stringifyYaml } from './yaml/emit';

/**
 * Which `construct-metadata.json` a one-pass synthesis writes when the app records construct metadata: `app` is
 * exactly what cdk8s's `App` writes (each object's construct path by name, the last object of a name winning);
 * `exact` adds one entry per object by `Kind namespace/name` (what `DaemonSetsApp` writes for the validation plugin).
 * @internal
 */
export type ConstructMetadataEntries = 'app' | 'exact';

/**
 * Synthesizes `app` to its output directory in one pass (each object rendered once, validated once and written by
 * the YAML emitter from that rendering), as one synthesis session. Apps the fast path cannot write exactly as `App`
 * does are synthesized by `fallback` inside the same session (one validation per synthesis still).
 * @internal
 */
export function synthesizeOnePass(app: App, metadata: ConstructMetadataEntries | undefined, fallback: () => void): void {
  SynthSnapshot.session(app, () => {
    const type = app.yamlOutputType;
    if ((type !== YamlOutputType.FILE_PER_CHART && type !== YamlOutputType.FILE_PER_APP) || !onePassEligible(app)) {
      fallback();
      return;
    }
    fs.mkdirSync(app.outdir, { recursive: true });
    const perChart = render(app);
    if (type === YamlOutputType.FILE_PER_APP) {
      const all = perChart.flatMap(c => c.docs);
      if (perChart.length > 0) fs.writeFileSync(path.join(app.outdir, `app${app.outputFileExtension}`), stringifyYaml(...all), 'utf8');
    } else {
      for (const { chart, docs } of perChart) {
        fs.writeFileSync(path.join(app.outdir, `${Names.toDnsLabel(chart)}${app.outputFileExtension}`), stringifyYaml(...docs), 'utf8');
      }
    }
    if (metadata) writeConstructMetadata(app, perChart.flatMap(c => c.objects), metadata);
  });
}

/**
 * The app's YAML as one string, like `App.synthYaml()`, in one pass; `fallback` (inside the same session) for apps
 * the fast path cannot write exactly as `App` does.
 * @internal
 */
export function synthesizeYamlOnePass(app: App, fallback: () => string): string {
  return SynthSnapshot.session(app, () => (onePassEligible(app) ? stringifyYaml(...render(app).flatMap(c => c.docs)) : fallback()));
}

/**
 * Writes `construct-metadata.json` for `objects` (in cdk8s's output order): cdk8s's entries by name, and with
 * `exact` one more per object.
 * @internal
 */
export function writeConstructMetadata(app: App, objects: ApiObject[], entries: ConstructMetadataEntries): void {
  const resources = entries === 'exact' ? constructMetadataResources(objects) : byName(objects);
  fs.writeFileSync(path.join(app.outdir, CONSTRUCT_METADATA_FILE), JSON.stringify({ version: '1.0.0', resources }));
}

/** A chart's own objects in cdk8s's output order (`chartToKube` in cdk8s's lib/app.js). @internal */
export function objectsOf(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology()
    .filter((c): c is ApiObject => c instanceof ApiObject)
    .filter(o => Chart.of(o) === chart);
}

/**
 * What `new DependencyGraph(root.node).topology()` returns when no construct has dependencies, without building the
 * graph (cdk8s builds one per `app.charts` read and per chart: 10-20 ms each per 1,000 DaemonSets). The graph then
 * adopts every vertex in the order `Object.values` lists an object keyed by construct path: paths that are array
 * indexes (a construct with an integer id directly under the app) in ascending order first, then the rest in tree
 * order.
 */
function dependencyFreeTopology(root: IConstruct): IConstruct[] {
  const all = root.node.findAll();
  const indexed = all.filter(c => isArrayIndex(c.node.id) && isArrayIndex(c.node.path));
  if (indexed.length === 0) return all;
  const first = new Set(indexed.sort((a, b) => Number(a.node.path) - Number(b.node.path)));
  return [...first, ...all.filter(c => !first.has(c))];
}

/** Whether `key` is an array index, which JavaScript lists before other keys of an object, in ascending order. */
function isArrayIndex(key: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < 4294967295;
}

/** Apps already switched to the one-pass synthesis. */
const ADOPTED = new WeakSet<IConstruct>();

/**
 * Gives a plain `App` (one whose class keeps `App`'s own `synth` and `synthYaml`) the one-pass synthesis
 * `DaemonSetsApp` has, for this app instance only: its `synth()` and `synthYaml()` become own properties that
 * write the same bytes `App` writes, from the validation pass's rendering and with the YAML emitter, and hand every
 * app the fast path cannot write exactly (other output types, dependencies, nested charts, a chart that overrides
 * `toJson`, a validation that is not the library's) to the methods it had. cdk8s itself is not patched; an `App` subclass with its own `synth` or `synthYaml`
 * keeps it. Called by the constructs that turn on the app's validation.
 * @internal
 */
export function adoptOnePassSynthesis(scope: IConstruct): void {
  const app = scope.node.root;
  if (!(app instanceof App) || ADOPTED.has(app)) return;
  const proto = Object.getPrototypeOf(app);
  if (proto.synth !== App.prototype.synth || proto.synthYaml !== App.prototype.synthYaml) return;
  ADOPTED.add(app);
  const synth: () => void = (app as any).synth;
  const synthYaml: () => string = (app as any).synthYaml;
  const records = (app as any).recordConstructMetadata === true;
  define(app, 'synth', function (this: App) {
    synthesizeOnePass(app, records ? 'app' : undefined, () => synth.call(this));
  });
  define(app, 'synthYaml', function (this: App) {
    return synthesizeYamlOnePass(app, () => synthYaml.call(this));
  });
}

function define(app: App, method: 'synth' | 'synthYaml', value: (...args: any[]) => unknown): void {
  Object.defineProperty(app, method, { configurable: true, writable: true, enumerable: false, value });
}

/** Validates the app once, then each chart's objects in cdk8s's order, as the validation pass rendered them. */
function render(app: App): { chart: Chart; objects: ApiObject[]; docs: any[] }[] {
  validateOnce(app);
  const snapshot = SynthSnapshot.take(app);
  // `app.charts` and `objectsOf` as cdk8s orders them, for an app without dependencies (`onePassEligible`).
  const charts = dependencyFreeTopology(app).filter((c): c is Chart => c instanceof Chart);
  return charts.map(chart => {
    const objects = dependencyFreeTopology(chart).filter((c): c is ApiObject => c instanceof ApiObject && Chart.of(c) === chart);
    return { chart, objects, docs: objects.map(o => snapshot.json(o)) };
  });
}

/**
 * Whether cdk8s would write exactly the fast path's output: no chart nested in another and no construct depending
 * on another (then cdk8s adds no dependencies at synthesis and its order is `dependencyFreeTopology`'s), no chart
 * with its own `toJson` (cdk8s writes what it returns), and no validation but the library's (cdk8s renders after
 * every validation has run, so a validation that changes an object changes what it writes).
 */
function onePassEligible(app: App): boolean {
  return app.node.findAll().every(c => c.node.dependencies.length === 0 && hasOnlyLibraryValidations(c)
    && (!(c instanceof Chart) || (c.toJson === Chart.prototype.toJson && !c.node.children.some(k => k instanceof Chart))));
}

/** Every construct's validations, in tree order, failing like cdk8s does: one error listing them all. */
function validateOnce(root: IConstruct): void {
  const errors: string[] = [];
  for (const c of root.node.findAll()) {
    for (const e of c.node.validate()) errors.push(`[${c.node.path}] ${e}`);
  }
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
}

/** cdk8s's own entries: each object's construct path under its name, the last object of a name winning. */
function byName(objects: ApiObject[]): { [name: string]: { path: string } } {
  const resources: { [name: string]: { path: string } } = {};
  for (const o of objects) resources[o.name] = { path: o.node.path };
  return resources;
}
