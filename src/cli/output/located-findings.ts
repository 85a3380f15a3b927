import * as path from 'path';
import { isNamespaced } from '../../k8s/identity';
import { kindOf, nameOf, namespaceFieldOf } from '../../k8s/shape';
import { ObjectSource, STDIN_SOURCE } from '../../k8s/source-locations';
import { INTERNAL_ERROR_RULE, SuppressedFinding, ValidationFinding, ValidationReport } from '../../validation/engine';
import { Severity } from '../../validation/rule';

/**
 * A validation run as the output formats see it: every finding with the file, line and column of its object's
 * field, and the objects grouped with their findings, in input order.
 */

/** An object of the input (or one a finding names that no input holds), with its findings. */
export interface ReportedObject {
  /** `DaemonSet node-agents/node-agent`, `ClusterRole reader`; `object` without a kind; `(no object)` for a finding about none. */
  readonly label: string;
  /** The file it was read from, as given on the command line (`<stdin>` for standard input). */
  readonly file?: string;
  /** Its findings, in the report's order (errors first). */
  readonly findings: ValidationFinding[];
}

/** What the output formats print. */
export interface ValidationResult {
  /** How many objects were validated. */
  readonly objectCount: number;
  /** Every finding, located, in the report's order (errors first, then input order). */
  readonly findings: ValidationFinding[];
  /**
   * Every validated object in input order, then the objects of other files (`--previous`) that have findings,
   * then a group for the findings that name no object read from a file.
   */
  readonly objects: ReportedObject[];
  /** Whether the findings reach `--fail-on`. */
  readonly failed: boolean;
  /**
   * The findings suppression annotations hide, located like `findings`, in the report's order; they count for
   * nothing (not in `findings`, not in `objects`, never a failure).
   */
  readonly suppressed: SuppressedFinding[];
}

/** Objects as read by `readManifests`: `origins[i]` is where `objects[i]` came from. */
export interface ReadObjects {
  /** The objects. */
  readonly objects: any[];
  /** Their sources. */
  readonly origins: ObjectSource[];
}

/** Counts per severity. */
export function countsOf(findings: ValidationFinding[]): { [severity in Severity]: number } {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** `N objects: E errors, W warnings, I infos`. */
export function summaryOf(result: ValidationResult): string {
  const c = countsOf(result.findings);
  return `${result.objectCount} objects: ${c.error} errors, ${c.warning} warnings, ${c.info} infos`;
}

/** `DaemonSet node-agents/node-agent`: how findings name an object (`formatFinding`'s form). */
export function objectLabel(f: Pick<ValidationFinding, 'kind' | 'namespace' | 'name'>): string {
  return f.kind !== undefined ? `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name ?? '(unnamed)'}` : 'object';
}

/**
 * `file` (as given on the command line: relative to the process's working directory) relative to `cwd` with
 * forward slashes, for CI annotations and SARIF (which resolve paths against the checkout); `<stdin>` stays as it is.
 */
export function relativePath(file: string, cwd: string = process.cwd()): string {
  if (file === STDIN_SOURCE) return file;
  const relative = path.relative(cwd, path.resolve(file)) || path.basename(file);
  return relative.split(path.sep).join('/');
}

interface Entry {
  /** Whether the object is one of the validated inputs (not a `--previous` one). */
  readonly input: boolean;
  readonly origin?: ObjectSource;
  readonly label: string;
  readonly file?: string;
  readonly findings: ValidationFinding[];
}

/** The identity the engine gives a finding about `obj` (`identityOfFinding` in validation/engine.ts). */
function identityOf(obj: unknown): Pick<ValidationFinding, 'kind' | 'namespace' | 'name'> {
  const kind = kindOf(obj);
  if (kind === undefined) return {};
  return { kind, namespace: isNamespaced(kind) ? namespaceFieldOf(obj) ?? 'default' : undefined, name: nameOf(obj) };
}

/** A map key of an identity: its parts joined by NUL (which no name holds), a missing part as SOH. */
function keyOf(f: Pick<ValidationFinding, 'kind' | 'namespace' | 'name'>, withNamespace = true): string {
  return `${f.kind ?? '\u0001'}\u0000${withNamespace ? f.namespace ?? '\u0001' : ''}\u0000${f.name ?? '\u0001'}`;
}

/** Objects by identity, with and without namespace (a fallback for objects whose namespace the engine reads otherwise). */
class ObjectIndex {
  private readonly exact = new Map<string, Entry[]>();
  private readonly loose = new Map<string, Entry[]>();

  public add(identity: Pick<ValidationFinding, 'kind' | 'namespace' | 'name'>, entry: Entry): void {
    for (const [map, key] of [[this.exact, keyOf(identity)], [this.loose, keyOf(identity, false)]] as const) {
      const list = map.get(key);
      if (list) list.push(entry);
      else map.set(key, [entry]);
    }
  }

  public candidates(f: ValidationFinding): Entry[] {
    return this.exact.get(keyOf(f)) ?? this.loose.get(keyOf(f, false)) ?? [];
  }
}

/**
 * The object a finding is about: the only candidate with its identity, or (two objects with one identity: a
 * duplicate) the first whose file has a node at the finding's path.
 */
function attach(f: ValidationFinding, candidates: Entry[]): { entry: Entry; finding: ValidationFinding } | undefined {
  if (candidates.length === 0) return undefined;
  let entry = candidates[0];
  let where = entry.origin?.locate(f.path);
  for (const other of where?.exact ? [] : candidates.slice(1)) {
    const at = other.origin?.locate(f.path);
    if (!at?.exact) continue;
    [entry, where] = [other, at];
    break;
  }
  return { entry, finding: where ? { ...f, file: where.file, line: where.line, column: where.column } : f };
}

/**
 * Locates every finding of `report` in the files its objects came from: the finding names its object by kind,
 * namespace and name, which is looked up among `inputs`, then among `others` (the `--previous` manifests).
 * Findings about no object read from a file (a rule that failed) keep no location.
 */
export function locateFindings(report: ValidationReport, inputs: ReadObjects, others: ReadObjects[], failed: boolean): ValidationResult {
  const index = new ObjectIndex();
  const entries: Entry[] = [];
  for (const [set, read] of [inputs, ...others].entries()) {
    read.objects.forEach((obj, i) => {
      const origin = read.origins[i];
      const identity = identityOf(obj);
      const entry: Entry = { input: set === 0, origin, label: objectLabel(identity), file: origin?.file, findings: [] };
      index.add(identity, entry);
      if (set === 0) entries.push(entry);
    });
  }
  const extra: Entry[] = [];
  const unattached = new Map<string, Entry>();
  const findings = report.findings.map(f => {
    const found = f.ruleId === INTERNAL_ERROR_RULE ? undefined : attach(f, index.candidates(f));
    if (found) {
      if (found.entry.findings.length === 0 && !found.entry.input) extra.push(found.entry);
      found.entry.findings.push(found.finding);
      return found.finding;
    }
    const label = f.kind !== undefined ? objectLabel(f) : '(no object)';
    const group = unattached.get(label) ?? { input: false, label, findings: [] };
    unattached.set(label, group);
    group.findings.push(f);
    return f;
  });
  const suppressed = report.suppressed.map(f => ({ ...f, ...locationOf(attach(f, index.candidates(f))?.finding) }));
  return { objectCount: inputs.objects.length, findings, objects: [...entries, ...extra, ...unattached.values()], failed, suppressed };
}

/** The file, line and column of a located finding (nothing when it has none). */
function locationOf(f: ValidationFinding | undefined): Pick<ValidationFinding, 'file' | 'line' | 'column'> {
  return f?.file === undefined ? {} : { file: f.file, line: f.line, column: f.column };
}
