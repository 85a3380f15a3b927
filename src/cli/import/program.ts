import * as cdk8s from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { adopt } from './adopt';
import { call, Expr, lit, method, newObj, ref, run, Scope, Stmt } from './code';
import { answerConsoleFields } from './console-fields';
import { compare, Difference, dropNulls, pointer } from './diff';
import { applyHelmLabels, HelmLabelsMode } from './helm';
import { buildDaemonSet, Plan } from './pod';
import { presetPlan, PresetPlan } from './presets';
import { printStatements } from './print';
import { own, quote } from './quote';
import { Names } from './refs';
import { isSecret, refuseUnwritable, secretNote } from './screen';
import { DaemonSet } from '../../daemon-set';
import { Hardening } from '../../daemon-set/hardening';
import { TerminationMessagePolicy, WhenUnsatisfiable } from '../../daemon-set/props';
import { asList } from '../../k8s/shape';
import { NodePlacement } from '../../placement';
import * as fluentBitConfig from '../../presets/fluent-bit-config';
import * as logCollector from '../../presets/log-collector';
import * as nodeExporter from '../../presets/node-exporter';
import { HealthProbe } from '../../probe';
import { AgentResources, ExtendedResource, ResourceQuantity } from '../../resources';
import { AppArmorProfile, ProcMount, SeccompProfile, SupplementalGroupsPolicy } from '../../security';
import { DaemonSetServiceType } from '../../service';
import { DaemonSetUpdateStrategy } from '../../update-strategy';

/** Kubernetes JSON names whose typed (cdk8s import) names differ. */
const TYPED_NAMES: { [k8sName: string]: string } = {
  clusterIP: 'clusterIp',
  hostIP: 'hostIp',
  hostIPC: 'hostIpc',
  hostPID: 'hostPid',
  setHostnameAsFQDN: 'setHostnameAsFqdn',
  volumeID: 'volumeId',
  diskURI: 'diskUri',
  datasetUUID: 'datasetUuid',
  pdID: 'pdId',
  targetWWNs: 'targetWwNs',
  storagePolicyID: 'storagePolicyId',
};

/** Fields the cdk8s serializer reads as `{ value }` (IntOrString or Quantity). */
function wrapsValue(key: string | number | undefined, parentKey: string | number | undefined): boolean {
  if (typeof key === 'string' && ['maxUnavailable', 'maxSurge', 'sizeLimit', 'divisor', 'targetPort'].includes(key)) return true;
  if (key === 'port' && (parentKey === 'httpGet' || parentKey === 'tcpSocket')) return true;
  return key !== undefined && (parentKey === 'limits' || parentKey === 'requests');
}

/**
 * Converts a Kubernetes JSON value to the typed form the cdk8s serializer expects in JSON
 * patches: typed names, and IntOrString/Quantity as `{ value }`.
 */
export function toTyped(value: any, key?: string | number, parentKey?: string | number): any {
  if (key !== undefined && wrapsValue(key, parentKey) && (typeof value === 'string' || typeof value === 'number')) return { value };
  if (Array.isArray(value)) return value.map((v, i) => toTyped(v, i, key));
  if (value !== null && typeof value === 'object') {
    const out: any = {};
    for (const [k, v] of Object.entries(value)) out[own(TYPED_NAMES, k) ?? k] = toTyped(v, k, key);
    return out;
  }
  return value;
}

/** Array elements are typed like the array's own key says. */
function typedPatch(d: Difference): { path: string; value?: unknown } {
  const path = pointer(d.path.map(p => (typeof p === 'string' ? own(TYPED_NAMES, p) ?? p : p)));
  if (d.op === 'remove') return { path };
  const last = d.path[d.path.length - 1];
  const parent = d.path[d.path.length - 2];
  // An array element takes its parent array's context (e.g. a probe port inside a list never happens).
  return { path, value: typeof last === 'number' ? toTyped(d.value, undefined, parent) : toTyped(d.value, last, parent) };
}

function patchStatement(target: Expr, d: Difference): Stmt {
  const { path, value } = typedPatch(d);
  const op = d.op === 'remove' ? call('JsonPatch.remove', lit(path)) : call(d.op === 'add' ? 'JsonPatch.add' : 'JsonPatch.replace', lit(path), lit(value));
  return { k: 'expr', e: method(call('ApiObject.of', target), 'addJsonPatch', op) };
}

const LIBRARY_SYMBOLS: { [name: string]: unknown } = {
  DaemonSet,
  DaemonSetServiceType,
  DaemonSetUpdateStrategy,
  HealthProbe,
  NodePlacement,
  ExtendedResource,
  ResourceQuantity,
  AgentResources,
  Hardening,
  SeccompProfile,
  AppArmorProfile,
  ProcMount,
  SupplementalGroupsPolicy,
  TerminationMessagePolicy,
  WhenUnsatisfiable,
  NodeExporterDaemonSet: nodeExporter.NodeExporterDaemonSet,
  NodeExporterTolerations: nodeExporter.NodeExporterTolerations,
  NodeExporterCollector: nodeExporter.NodeExporterCollector,
  NodeExporterMonitor: nodeExporter.NodeExporterMonitor,
  ExporterListenAddress: nodeExporter.ExporterListenAddress,
  LogCollectorDaemonSet: logCollector.LogCollectorDaemonSet,
  LogOutput: logCollector.LogOutput,
  LogInput: logCollector.LogInput,
  LogFilter: logCollector.LogFilter,
  LogParser: logCollector.LogParser,
  ContainerRuntime: logCollector.ContainerRuntime,
  FluentBitSection: fluentBitConfig.FluentBitSection,
};
const CDK8S_SYMBOLS = ['ApiObject', 'App', 'Chart', 'Duration', 'JsonPatch', 'Size'];

/** Options of `generateProgram`. */
export interface ImportOptions {
  /** Helm's bookkeeping labels and annotations: kept as in the input, or left out. */
  readonly helmLabels?: HelmLabelsMode;
  /**
   * Keep the library's defaults and hardening where the input differs only there (listed in the program's
   * comments), instead of escape hatches that reproduce the input exactly.
   */
  readonly adoptDefaults?: boolean;
}

/** One input object and how it is generated. */
interface Item {
  readonly input: any;
  readonly variable: string;
  plan?: Plan | PresetPlan;
  patches: Map<string, Difference[]>;
  untyped: Set<string>;
  minimal: boolean;
  notes: string[];
  /** Whether a preset was tried and given up, and why. */
  presetRejected?: string;
  settled: boolean;
  /** With `adoptDefaults`: the differences from the input left to the library (JSON pointers by object), and the lines that say so. */
  adopted?: { paths: Map<string, Set<string>>; changes: string[] };
}

const isDaemonSet = (o: any) => o?.kind === 'DaemonSet' && String(o.apiVersion).startsWith('apps/');
const identity = (o: any) => `${o?.kind}/${o?.metadata?.namespace ?? ''}/${o?.metadata?.name ?? ''}`;

/**
 * What `app.synth()` writes, as JSON: the same validation (every construct's `node.validate()`) and
 * the chart's rendered objects, without the YAML round trip (which cost more than everything else
 * on large manifests).
 */
function synthJson(app: cdk8s.App, chart: cdk8s.Chart): any[] {
  const errors = app.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  if (errors.length > 0) throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  return chart.toJson();
}

/** Synthesizes a program in-process, as `app.synth()` would (validation included when it passes). */
function synthesize(stmts: readonly Stmt[]): { objects: any[]; error?: string; failedToRun?: boolean } {
  const app = new cdk8s.App();
  const chart = new cdk8s.Chart(app, 'imported', { disableResourceNameHashes: true });
  const scope: Scope = new Map<string, any>([['kplus', kplus], ['app', app], ['chart', chart]]);
  for (const s of CDK8S_SYMBOLS) scope.set(s, (cdk8s as any)[s]);
  for (const [k, v] of Object.entries(LIBRARY_SYMBOLS)) scope.set(k, v);
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    try {
      run(stmts, scope);
    } catch (e) {
      return { objects: [], error: (e as Error).message, failedToRun: true };
    }
    try {
      return { objects: synthJson(app, chart) };
    } catch (e) {
      // Validation failed: compare what the objects render to, so the escape hatches can still be found.
      const rendered = chart.node.findAll().filter((c): c is cdk8s.ApiObject => c instanceof cdk8s.ApiObject).flatMap(o => {
        try {
          return [o.toJson()];
        } catch {
          return []; // an object that cannot render is missing from the comparison, and reported as such
        }
      });
      return { objects: rendered, error: (e as Error).message };
    }
  } finally {
    console.warn = warn;
  }
}

/** The statements of one item, with its escape hatches. */
function itemStatements(item: Item, withPatches: boolean): Stmt[] {
  const o = item.input;
  if (isSecret(o)) return secretNote(o);
  if (!item.plan) {
    const { apiVersion, kind, metadata, ...rest } = o;
    const props = { apiVersion, kind, metadata: metadata ?? {}, ...rest };
    return [{ k: 'expr', e: newObj('ApiObject', ref('chart'), lit(`${kind}-${metadata?.name ?? item.variable}`), lit(props)) }];
  }
  const stmts: Stmt[] = [...item.notes.map(text => ({ k: 'comment', text }) as Stmt), ...item.plan.stmts];
  const handles = 'handles' in item.plan ? item.plan.handles : new Map([[identity(o), ref(item.variable)]]);
  let commented = false;
  for (const [id, diffs] of withPatches ? item.patches : new Map<string, Difference[]>()) {
    const handle = handles.get(id);
    if (!handle || diffs.length === 0) continue;
    if (!commented) {
      stmts.push({ k: 'comment', text: 'escape hatch: fields without a typed API (typed form: camelCase names, IntOrString/Quantity as { value })' });
      commented = true;
    }
    for (const d of diffs) stmts.push(patchStatement(handle, d));
  }
  return stmts;
}

function program(items: Item[], names: Names, withPatches = true): Stmt[] {
  const out: Stmt[] = [];
  const declared = new Set<Stmt>();
  for (const item of items) {
    const stmts = itemStatements(item, withPatches);
    for (const d of names.declarationsFor(stmts)) {
      if (!declared.has(d)) { out.push(d); declared.add(d); }
    }
    out.push(...stmts);
  }
  return out;
}

/** Which input objects a plan's synthesized objects stand for. */
function outputsOf(item: Item, objects: any[]): Map<string, any> {
  const found = new Map<string, any>();
  const plan = item.plan!;
  const ids = 'handles' in plan ? [...plan.handles.keys()] : [identity(item.input)];
  for (const id of ids) {
    const o = objects.find(x => identity(x) === id || ('renamed' in plan && plan.renamed.get(identity(x)) === id));
    if (o) found.set(id, o);
  }
  return found;
}

/**
 * Generates TypeScript that recreates the given Kubernetes objects with this library's constructs:
 * a preset for a recognisable node-exporter or fluent-bit, the generic `DaemonSet` for other
 * DaemonSets, plain `ApiObject`s for everything else. The code is run in-process and compared with
 * the input: typed forms that do not reproduce the input are replaced by escape hatches.
 */
export function generateProgram(input: any[], options: ImportOptions = {}): string {
  const given = input.filter(o => o && typeof o === 'object');
  refuseUnwritable(given);
  const helm = applyHelmLabels(given.map(dropNulls), options.helmLabels ?? 'keep');
  // Fields a DaemonSet cannot have (a console's replica count, Recreate, restart policies) become what it does instead.
  const answered = answerConsoleFields(helm.objects);
  const importRun = new ImportRun(answered.objects, options.adoptDefaults ?? false);
  for (const item of importRun.items) item.notes.push(...wrapped(answered.notes.get(item.input) ?? []));
  // Rebuild what did not come out equal until the typed program reproduces the input (or gives up on a part).
  for (let round = 0; round < 12 && importRun.items.some(i => !i.settled); round++) importRun.round();
  if (options.adoptDefaults) importRun.adoptDefaults();
  const active = importRun.checkFinal();
  const pinned = importRun.items.some(i => i.plan && printStatements(i.plan.stmts).some(line => /\bselectorLabels: /.test(line)));
  const notes = [...helm.notes, ...pinned ? SELECTOR_NOTE : []];
  const body = printStatements(program(active, importRun.names));
  return header(body, notes).join('\n');
}

/** One import: the input objects, the plan of each, and the rounds that make the typed program reproduce them. */
class ImportRun {
  public readonly names = new Names();
  public readonly items: Item[];
  private readonly byId: Map<string, any>;

  constructor(objects: any[], private readonly adoptDefaultsMode = false) {
    this.items = objects.map(o => ({
      input: o,
      variable: isDaemonSet(o) ? this.names.identifier(`${o.metadata?.name ?? 'obj'}-${o.kind}`) : '',
      patches: new Map(),
      untyped: new Set(),
      minimal: false,
      notes: [],
      settled: !isDaemonSet(o),
    }));
    this.byId = new Map(objects.map(o => [identity(o), o]));
    // Presets take the DaemonSet and the objects that come with it; those are not emitted again.
    for (const item of this.items.filter(i => isDaemonSet(i.input))) {
      const preset = presetPlan(item.input, item.variable, objects, this.names, this.adoptDefaultsMode);
      if (preset && 'rejected' in preset) item.presetRejected = preset.rejected;
      else if (preset) item.plan = preset;
    }
  }

  /** One round: rebuild the unsettled items, synthesize, and record what still differs. */
  public round(): void {
    for (const item of this.items) if (!item.settled) this.rebuild(item);
    const active = this.active();
    const result = synthesize(program(active, this.names, false));
    if (result.failedToRun) {
      // The typed build does not run: give up presets, then type only what the first version of import did.
      const presets = this.unsettledPresets();
      if (presets.length > 0) presets.forEach(i => this.rejectPreset(i, `running the preset fails: ${quote(firstLine(result.error))}`));
      else this.items.filter(i => !i.settled).forEach(i => { i.minimal = true; });
      return;
    }
    const known = new Set([...this.byId.keys(), ...this.items.flatMap(i => (i.plan && 'renamed' in i.plan ? [...i.plan.renamed.keys()] : []))]);
    const unknown = result.objects.map(identity).filter(id => !known.has(id));
    if (unknown.length > 0) {
      const presets = this.unsettledPresets();
      presets.forEach(i => this.rejectPreset(i, `the preset emits objects the input does not have (${unknown.map(quote).join(', ')})`));
      if (presets.length > 0) return;
    }
    for (const item of active.filter(i => !i.settled)) this.settle(item, result.objects);
  }

  /**
   * `--adopt-defaults`: the patches that only undo the library's defaults are dropped, each change listed. Item by
   * item, so that one whose program then fails validation (a privileged CSI plugin without its security context)
   * keeps the input's security contexts, or else every patch, and says so.
   */
  public adoptDefaults(): void {
    for (const item of this.active().filter(i => i.plan)) this.adoptOrKeep(item);
  }

  private adoptOrKeep(item: Item): void {
    const exact = new Map(item.patches);
    for (const keepSecurityContext of [false, true]) {
      this.adoptItem(item, exact, keepSecurityContext);
      if (!synthesize(program(this.active(), this.names)).error) {
        if (keepSecurityContext) item.notes.push('import --adopt-defaults: the input\'s security contexts are kept: the library\'s hardening fails validation for this workload.');
        return;
      }
    }
    item.patches = exact;
    item.adopted = undefined;
    item.notes.push('import --adopt-defaults: the library\'s defaults fail validation for this workload: its escape hatches reproduce the input exactly.');
  }

  private adoptItem(item: Item, exact: Map<string, Difference[]>, keepSecurityContext: boolean): void {
    const isPreset = 'handles' in item.plan!;
    const adopted = { paths: new Map<string, Set<string>>(), changes: [] as string[] };
    for (const [id, diffs] of exact) {
      const rendered = 'handles' in item.plan! ? item.plan.adoptable?.get(id) : undefined;
      const auxiliary = isPreset && id !== identity(item.input);
      const { kept, changes } = adopt(diffs, { auxiliary, presetArgs: isPreset, keepSecurityContext, rendered });
      item.patches.set(id, kept);
      const keptPaths = new Set(kept.map(d => pointer(d.path)));
      adopted.paths.set(id, new Set(diffs.map(d => pointer(d.path)).filter(p => !keptPaths.has(p))));
      if (changes.length > 0) adopted.changes.push(`${quote(id)}:`, ...changes.map(c => `  ${c}`));
    }
    item.adopted = adopted;
  }

  /** Checks the final program once more; anything still different is said in the code. Returns the emitted items. */
  public checkFinal(): Item[] {
    const active = this.active();
    const final = synthesize(program(active, this.names));
    for (const item of active.filter(i => i.plan)) {
      for (const [id, o] of outputsOf(item, final.objects)) {
        const adopted = item.adopted?.paths.get(id);
        const left = compare(this.byId.get(id), o, new Set(), false).patches
          .filter(d => !adopted || ![...adopted].some(a => pointer(d.path) === a || pointer(d.path).startsWith(`${a}/`)));
        if (left.length > 0) item.notes.push(`import: could not reproduce ${left.map(d => quote(pointer(d.path))).join(', ')} of ${quote(id)}`);
      }
    }
    if (final.error) active[0]?.notes.push(`import: synthesizing this code fails: ${quote(firstLine(final.error))}`);
    for (const item of active.filter(i => i.adopted && i.adopted.changes.length > 0)) {
      item.notes.push(`import --adopt-defaults: ${item.adopted!.changes.filter(c => c.startsWith('  ')).length} differences from the input are left to the library's defaults and hardening (the input's value, then the generated code's):`);
      item.notes.push(...item.adopted!.changes);
    }
    for (const item of this.items) {
      if (item.presetRejected) {
        item.notes.unshift(`import: recognised as ${presetName(item.input)}, but its preset cannot reproduce this manifest: ${item.presetRejected}.`, 'The generic DaemonSet is used instead.');
      } else if (item.plan && 'handles' in item.plan) {
        item.notes.unshift(`import: recognised as ${presetName(item.input)}: ${item.plan.preset} with props read from the manifest;`,
          'the escape hatches below keep what differs from the preset\'s output.');
      }
    }
    return active;
  }

  /** Compares an item's outputs with the input: new untypable paths mean another round, none settle it. */
  private settle(item: Item, objects: any[]): void {
    const outputs = outputsOf(item, objects);
    const plan = item.plan!;
    const isPreset = 'handles' in plan;
    const ids = 'handles' in plan ? [...plan.handles.keys()] : [identity(item.input)];
    const missing = ids.filter(id => !outputs.has(id));
    if (isPreset && missing.length > 0) {
      this.rejectPreset(item, `the preset's objects do not match the input (${missing.map(quote).join(', ')})`);
      return;
    }
    let changed = false;
    for (const id of ids) {
      const typed = 'handles' in plan ? new Set<string>() : plan.typed;
      const c = compare(this.byId.get(id), outputs.get(id), typed, !isPreset);
      for (const u of c.untypable) if (!item.untyped.has(u)) { item.untyped.add(u); changed = true; }
      item.patches.set(id, c.patches);
    }
    if (!changed) item.settled = true;
  }

  private rebuild(item: Item): void {
    if (item.plan && 'handles' in item.plan) return;
    const options = { untyped: item.untyped, minimal: item.minimal, adoptDefaults: this.adoptDefaultsMode };
    item.plan = buildDaemonSet(item.input, item.variable, options, this.names);
  }

  /** The items emitted: all but the objects a preset takes over. */
  private active(): Item[] {
    const taken = new Set(this.items.flatMap(i => (i.plan && 'handles' in i.plan ? [...i.plan.handles.keys()].filter(id => id !== identity(i.input)) : [])));
    return this.items.filter(i => !taken.has(identity(i.input)));
  }

  private unsettledPresets(): Item[] {
    return this.items.filter(i => !i.settled && i.plan && 'handles' in i.plan);
  }

  private rejectPreset(item: Item, why: string): void {
    item.presetRejected = why;
    item.plan = undefined;
    item.patches = new Map();
    this.rebuild(item);
  }
}

/** The first line of an error message (mentioned in a note, quoted: it may repeat input). */
function firstLine(message: string | undefined): string {
  return String(message ?? '').split(/\r\n|[\n\r\u2028\u2029]/)[0];
}

function presetName(ds: any): string {
  const images = JSON.stringify(asList(ds.spec?.template?.spec?.containers).map((c: any) => c?.image));
  return images.includes('node-exporter') ? 'node-exporter' : 'fluent-bit';
}

/** A blank line before each DaemonSet and the comments that introduce it. */
function spaced(body: string[]): string[] {
  const out: string[] = [];
  body.forEach((s, i) => {
    const startsDaemonSet = s.startsWith('const ') && /DaemonSet\(/.test(s.split('\n')[0]);
    const startsComments = s.startsWith('// import:') && !body[i - 1]?.startsWith('//');
    if ((startsDaemonSet && !body[i - 1]?.startsWith('//')) || startsComments) out.push('');
    out.push(s);
  });
  return out;
}

/** Said once when a DaemonSet's selector is pinned. */
const SELECTOR_NOTE = [
  'import: selectorLabels pin each DaemonSet\'s selector as the input has it, also where it equals the library\'s '
  + 'default: Kubernetes never lets a selector change, so it must not follow later edits of the name or the pod labels.',
];

/** Notes broken at spaces into comment lines of at most 110 characters (a longer word stays whole). */
function wrapped(notes: string[]): string[] {
  const lines: string[] = [];
  for (const note of notes) {
    let line = '';
    for (const word of note.split(' ')) {
      if (line !== '' && line.length + 1 + word.length > 107) { lines.push(line); line = word; } else {line = line === '' ? word : `${line} ${word}`;}
    }
    lines.push(line);
  }
  return lines;
}

function header(body: string[], notes: string[]): string[] {
  const text = body.join('\n');
  const uses = (s: string) => new RegExp(`\\b${s}\\b`).test(text);
  const cdk8sNames = ['ApiObject', 'App', 'Chart', 'Duration', 'JsonPatch', 'Size'].filter(s => s === 'App' || s === 'Chart' || uses(s));
  const libNames = Object.keys(LIBRARY_SYMBOLS).filter(uses).sort();
  return [
    '// Generated by `cdk8s-daemonsets import`. Review before committing.',
    ...printStatements(wrapped(notes).map(line => ({ k: 'comment', text: line }) as Stmt)),
    `import { ${cdk8sNames.join(', ')} } from 'cdk8s';`,
    ...uses('kplus') ? ["import * as kplus from 'cdk8s-plus-27';"] : [],
    ...libNames.length > 0 ? [`import { ${libNames.join(', ')} } from 'cdk8s-daemonsets';`] : [],
    '',
    'const app = new App();',
    "const chart = new Chart(app, 'imported', { disableResourceNameHashes: true });",
    '',
    ...spaced(body).filter((line, i, all) => !(line === '' && (i === 0 || all[i - 1] === ''))),
    '',
    'app.synth();',
    '',
  ];
}
