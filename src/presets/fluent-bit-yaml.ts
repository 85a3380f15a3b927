import type * as Yaml from 'yaml';
import { FluentBitSection } from './fluent-bit-config';

/**
 * fluent-bit's YAML configuration format (fluent-bit 3.2 and later): `service`, `parsers`, `multiline_parsers`
 * and `pipeline` with `inputs`, `filters` and `outputs`, each plugin a map of its keys.
 * https://docs.fluentbit.io/manual/administration/configuring-fluent-bit/yaml
 */

/** The sections of one configuration, by place. @internal */
export interface FluentBitYamlParts {
  readonly service: FluentBitSection;
  readonly parsers: FluentBitSection[];
  readonly inputs: FluentBitSection[];
  readonly filters: FluentBitSection[];
  readonly outputs: FluentBitSection[];
}

/** A plugin's keys as fluent-bit's YAML format writes them. @internal */
export type YamlEntry = { [key: string]: string | string[] | Array<{ [key: string]: string }> };

/**
 * One section as a YAML map. Keys are written in lower case (fluent-bit's keys are case-insensitive, and the
 * format's documented schema spells them so); a key given several times (`Systemd_Filter`, `Header`) becomes a
 * list, in order; the `rule` lines of a multiline parser become `rules` maps (`state`, `regex`, `next_state`).
 * Throws an `Error` saying why when the section cannot be written so.
 * @internal
 */
export function yamlEntry(section: FluentBitSection): YamlEntry {
  const entry: YamlEntry = {};
  for (const { key, value } of section.properties) {
    const k = key.toLowerCase();
    if (section.kind === 'MULTILINE_PARSER' && k === 'rule') {
      const rules = (entry.rules ??= []) as Array<{ [key: string]: string }>;
      rules.push(multilineRule(value));
      continue;
    }
    const prev = entry[k];
    if (prev === undefined) entry[k] = value;
    else if (Array.isArray(prev)) (prev as string[]).push(value);
    else entry[k] = [prev, value];
  }
  return entry;
}

/**
 * Why a section whose keys apply in order (the `modify` filter's rules) cannot be written in the YAML format,
 * or undefined when it can: one key per rule kind can only keep the order when the rules of one kind follow
 * each other.
 * @internal
 */
export function yamlOrderProblem(section: FluentBitSection): string | undefined {
  const seen = new Set<string>();
  let last: string | undefined;
  for (const { key } of section.properties) {
    const k = key.toLowerCase();
    if (k !== last && seen.has(k)) {
      return `its '${key}' rules are interleaved with other rules, and the YAML format writes the rules of one kind under one key, which would reorder them; put the rules of one kind together, or use FluentBitConfigFormat.CLASSIC`;
    }
    seen.add(k);
    last = k;
  }
  return undefined;
}

/**
 * Renders a whole configuration in the YAML format.
 * @internal
 */
export function renderFluentBitYaml(parts: FluentBitYamlParts): string {
  const doc: { [key: string]: unknown } = { service: yamlEntry(parts.service) };
  const parsers = parts.parsers.filter(s => s.kind === 'PARSER');
  const multiline = parts.parsers.filter(s => s.kind === 'MULTILINE_PARSER');
  if (parsers.length > 0) doc.parsers = parsers.map(yamlEntry);
  if (multiline.length > 0) doc.multiline_parsers = multiline.map(yamlEntry);
  const pipeline: { [key: string]: unknown } = { inputs: parts.inputs.map(yamlEntry) };
  if (parts.filters.length > 0) pipeline.filters = parts.filters.map(yamlEntry);
  pipeline.outputs = parts.outputs.map(yamlEntry);
  doc.pipeline = pipeline;
  // `yaml` is loaded on first use: most apps never write a YAML-format fluent-bit config (module load, issue 17).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stringify } = require('yaml') as typeof Yaml;
  return stringify(doc, { lineWidth: 0, minContentWidth: 0 });
}

/** `"state" "regex" "next"` of a classic `rule` line, as a YAML rule map. */
function multilineRule(value: string): { [key: string]: string } {
  const quoted = '"((?:[^"\\\\]|\\\\.)*)"';
  const m = new RegExp(`^${quoted}\\s+${quoted}\\s+${quoted}$`).exec(value);
  if (!m) throw new Error(`the multiline rule ${JSON.stringify(value)} is not three quoted fields ("state" "regex" "next_state")`);
  return { state: m[1], regex: m[2], next_state: m[3] };
}
