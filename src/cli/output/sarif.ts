import { objectLabel, relativePath, ValidationResult } from './located-findings';
import { STDIN_SOURCE } from '../../k8s/source-locations';
import { RuleDescription, SuppressedFinding, ValidationFinding } from '../../validation/engine';
import { Severity } from '../../validation/rule';

/**
 * `validate --format sarif`: a SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format, the format
 * GitHub code scanning and editors' SARIF viewers read) with one run: the tool and the rules its results cite,
 * each with a help URI into docs/rules.md, and one result per finding with its file, line and column and the
 * object it is about. A finding a suppression annotation hides is a result too, with SARIF's own `suppressions`
 * property (kind `inSource`, the annotation's reason as the justification), which viewers show as suppressed.
 */

/** The project's home: the SARIF `informationUri` and the base of each rule's help URI. */
export const PROJECT_URI = 'https://github.com/cdk8s-daemonsets/cdk8s-daemonsets';

/** The rules reference each rule's `helpUri` points into. */
export const RULES_REFERENCE_URI = `${PROJECT_URI}/blob/main/docs/rules.md`;

/** The SARIF version written, and the schema it is checked against (the OASIS errata 01 schema). */
export const SARIF_VERSION = '2.1.0';
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Options of the SARIF format. */
export interface SarifFormatOptions {
  /** The tool's version (the package version). */
  readonly toolVersion: string;
  /** The rules, as `ManifestValidator.describeRules()` lists them (a family id stands for its `<family>/<check>` ids). */
  readonly rules: RuleDescription[];
  /**
   * The directory artifact URIs are relative to.
   * @default process.cwd()
   */
  readonly cwd?: string;
}

/** `semantics/host-path` → `semantics-host-path`: the anchor of a rule in docs/rules.md. */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/\//g, '-');
}

const LEVEL: { [severity in Severity]: string } = { error: 'error', warning: 'warning', info: 'note' };

/** The description of `ruleId`: its own, else its family's (`semantics` for `semantics/host-path`). */
function describedRule(ruleId: string, rules: RuleDescription[]): RuleDescription | undefined {
  return rules.find(r => r.id === ruleId) ?? rules.find(r => ruleId.startsWith(`${r.id}/`));
}

/** Longest short description: SARIF viewers show it on one line. */
const SHORT_DESCRIPTION_MAX = 160;

/** The first sentence of `text`, cut on a word boundary (with `…`) when longer than SHORT_DESCRIPTION_MAX. */
export function shortDescription(text: string): string {
  const flat = text.trim().replace(/\s+/g, ' ');
  const sentence = /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
  if (sentence.length <= SHORT_DESCRIPTION_MAX) return sentence;
  const cut = sentence.slice(0, SHORT_DESCRIPTION_MAX - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > SHORT_DESCRIPTION_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

function ruleDescriptor(ruleId: string, severity: Severity, rules: RuleDescription[]): object {
  const described = describedRule(ruleId, rules);
  const description = described?.description ?? `Findings of the cdk8s-daemonsets rule ${ruleId}.`;
  return {
    id: ruleId,
    shortDescription: { text: shortDescription(description) },
    fullDescription: { text: description },
    defaultConfiguration: { level: LEVEL[described?.severity ?? severity] },
    helpUri: `${RULES_REFERENCE_URI}#${ruleAnchor(described?.id ?? ruleId)}`,
    properties: { tags: [ruleId.split('/')[0]] },
  };
}

/** A URI reference for a file: relative, forward slashes, each segment percent-encoded (spaces, `<stdin>`). */
export function artifactUri(file: string, cwd?: string): string {
  const relative = file === STDIN_SOURCE ? file : relativePath(file, cwd);
  return relative.split('/').map(s => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

/** SARIF's suppression of a finding an annotation in the manifest hides: in source, justified by the reason. */
function suppressionsOf(f: ValidationFinding | SuppressedFinding): object {
  if (!('annotation' in f)) return {};
  return { suppressions: [{ kind: 'inSource', justification: f.reason, properties: { annotation: f.annotation } }] };
}

function result(f: ValidationFinding | SuppressedFinding, ruleIndex: number, cwd?: string): object {
  const physical = f.file === undefined ? [] : [{
    physicalLocation: {
      artifactLocation: { uri: artifactUri(f.file, cwd) },
      region: { startLine: f.line ?? 1, startColumn: f.column ?? 1 },
    },
  }];
  const logical = f.kind === undefined ? [] : [{
    name: f.name ?? '(unnamed)',
    fullyQualifiedName: objectLabel(f),
    kind: 'resource',
  }];
  const locations = physical.length + logical.length === 0 ? [] : [{
    ...physical[0],
    ...(logical.length > 0 ? { logicalLocations: logical } : {}),
  }];
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.hint ? `${f.message} (hint: ${f.hint})` : f.message },
    ...(locations.length > 0 ? { locations } : {}),
    ...suppressionsOf(f),
    properties: { path: f.path, ...(f.kind !== undefined ? { object: objectLabel(f) } : {}) },
  };
}

/** The SARIF log of a validation run, as JSON text. */
export function formatSarif(validation: ValidationResult, options: SarifFormatOptions): string {
  const all: (ValidationFinding | SuppressedFinding)[] = [...validation.findings, ...validation.suppressed];
  const ruleIds = [...new Set(all.map(f => f.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const severities = new Map<string, Severity>();
  for (const f of all) if (!severities.has(f.ruleId)) severities.set(f.ruleId, f.severity);
  const log = {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-daemonsets',
          version: options.toolVersion,
          informationUri: PROJECT_URI,
          rules: ruleIds.map(id => ruleDescriptor(id, severities.get(id)!, options.rules)),
        },
      },
      columnKind: 'utf16CodeUnits',
      results: all.map(f => result(f, index.get(f.ruleId)!, options.cwd)),
    }],
  };
  return `${JSON.stringify(log, undefined, 2)}\n`;
}
