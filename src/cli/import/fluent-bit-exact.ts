/**
 * Exact mode (without `--adopt-defaults`): a fluent-bit classic configuration as the collector's own configuration,
 * rendered byte for byte as the input has it. `[SERVICE]` becomes `serviceProperties` (replacing the collector's),
 * every `[INPUT]`, `[FILTER]` (the kubernetes filter included, in place of the collector's) and `[OUTPUT]` a raw
 * section in the input's order and key spelling, the parsers file `parsers` (with its name), and the file's layout
 * `classicLayout`. Each file is rendered here, with the library's own renderer, before the props are chosen: a file
 * the collector cannot render exactly is left to a whole-file patch, and the program says why.
 */
import { arr, call, Expr, lit, obj } from './code';
import { ClassicSection, parseSections, rawSection } from './fluent-bit-sections';
import { FluentBitClassicLayout, FluentBitProperty, FluentBitSection, renderFluentBitConfig } from '../../presets/fluent-bit-config';

/** The collector's rendering of the main file, in the order it writes sections. */
const KIND_ORDER = ['SERVICE', 'INPUT', 'FILTER', 'OUTPUT'];
/** The collector's parsers file, unless `parsersFileName` says otherwise. */
const DEFAULT_PARSERS_FILE = 'parsers.conf';

/** The props of the exact configuration, and the files left to whole-file patches with the reason of each. */
export interface ExactConfig {
  /** Props to add to the collector's (inputs, filters, parsers, serviceProperties, layout ...); outputs apart. */
  readonly props: [string, Expr | undefined][];
  /** The outputs as raw sections, when the main file is rendered exactly. */
  readonly outputs?: Expr[];
  /** One line per file left to a whole-file patch: its name and why. */
  readonly patched: string[];
}

/** A section as the library builds it (the same checks as the generated code), or undefined when it refuses it. */
function librarySection(s: ClassicSection): FluentBitSection | undefined {
  // As rawSection() writes it; a section whose Name and Match are not first, or repeat, then renders otherwise.
  const props = (withMatch: boolean) => s.props.filter(p => !/^name$/i.test(p.key) && !(withMatch && /^match$/i.test(p.key)));
  const name = s.props.find(p => /^name$/i.test(p.key))?.value ?? '';
  const match = s.props.find(p => /^match$/i.test(p.key))?.value ?? '';
  try {
    switch (s.kind) {
      case 'SERVICE': return FluentBitSection._service(s.props.map(p => ({ key: p.key, value: p.value })));
      case 'INPUT': return FluentBitSection.input(name, props(false));
      case 'FILTER': return FluentBitSection.filter(name, match, props(true));
      case 'OUTPUT': return FluentBitSection.output(name, match, props(true));
      case 'PARSER': return FluentBitSection.parser(name, props(false));
      case 'MULTILINE_PARSER': return FluentBitSection.multilineParser(name, props(false));
      default: return undefined;
    }
  } catch {
    return undefined; // the library refuses a name, key or value: the generated code could not build it either
  }
}

/** The layouts that could have written a file: its indentation, values aligned or not, blank lines or not. */
function layoutsOf(text: string): Required<FluentBitClassicLayout>[] {
  const indent = /^( +)\S/m.exec(text)?.[1].length ?? 4;
  return [true, false].flatMap(blankLineBetweenSections => [false, true].map(alignValues => ({ indent, alignValues, blankLineBetweenSections })));
}

type Layout = Required<FluentBitClassicLayout>;

/** The layout with which the sections render to exactly `text`, if there is one. */
function exactLayout(sections: FluentBitSection[], text: string, layouts: Layout[]): Layout | undefined {
  return layouts.find(l => renderFluentBitConfig(sections, l) === text);
}

/** Why the main file's sections cannot be written by the collector in the input's order, or undefined. */
function orderProblem(sections: ClassicSection[]): string | undefined {
  if (sections[0]?.kind !== 'SERVICE' || sections.filter(s => s.kind === 'SERVICE').length !== 1) return 'it has no single [SERVICE] section at its top';
  const ranks = sections.map(s => KIND_ORDER.indexOf(s.kind));
  if (ranks.some(r => r < 0)) return 'it holds sections other than [SERVICE], [INPUT], [FILTER] and [OUTPUT]';
  if (ranks.some((r, i) => i > 0 && r < ranks[i - 1])) return 'its sections are not in the order [SERVICE], [INPUT]s, [FILTER]s, [OUTPUT]s the collector writes';
  const filters = sections.filter(s => s.kind === 'FILTER').map(s => s.props.find(p => /^name$/i.test(p.key))?.value);
  // The collector puts multiline filters first (fluent-bit re-emits their records at the head of the pipeline).
  if (filters.some((f, i) => f !== 'multiline' && filters.slice(i + 1).includes('multiline'))) return 'a multiline filter follows another filter';
  if (filters.filter(f => f === 'kubernetes').length > 1) return 'it has more than one kubernetes filter';
  return undefined;
}

/** `serviceProperties` exactly as the input's `[SERVICE]`, or why the collector cannot keep them. */
function serviceOf(service: ClassicSection, metricsPort: number): { props: FluentBitProperty[] } | { problem: string } {
  const last = (key: string) => [...service.props].reverse().find(p => p.key.toLowerCase() === key)?.value;
  if (!/^(on|true|yes|1)$/i.test(last('http_server') ?? '')) return { problem: 'its [SERVICE] section does not turn HTTP_Server on, which the collector\'s probes and metrics Service need' };
  if ((last('http_port') ?? '2020') !== String(metricsPort)) return { problem: `its HTTP_Port is not the container's metrics port ${metricsPort}` };
  return { props: service.props.map(p => ({ key: p.key, value: p.value })) };
}

/**
 * The collector's props that render the ConfigMap's `fluent-bit.conf` and parsers file exactly. `metricsPort` is the
 * collector's (the container's metrics port).
 */
export function exactConfig(data: { [file: string]: string }, metricsPort: number): ExactConfig {
  const patched: string[] = [];
  const main = data['fluent-bit.conf'];
  const parsed = parseSections(main) ?? [];
  const built = parsed.map(librarySection);
  const service = parsed[0]?.kind === 'SERVICE' ? serviceOf(parsed[0], metricsPort) : undefined;
  const problem = orderProblem(parsed) ?? (built.some(s => !s) ? 'a section has no Name (and Match) first, or a key or value the library refuses'
    : service && 'problem' in service ? service.problem : undefined);
  const layouts = layoutsOf(main);
  const mainLayout = problem ? undefined : exactLayout(built.map(s => s!), main, layouts);
  if (!mainLayout) patched.push(`fluent-bit.conf: ${problem ?? 'its layout (indentation, blank lines, alignment, comments) is not one the collector writes'}`);

  // The parsers file: custom_parsers.conf as the fluent chart names it, else parsers.conf; another one stays a file.
  const parsersFile = ['custom_parsers.conf', DEFAULT_PARSERS_FILE].find(f => typeof data[f] === 'string');
  const other = parsersFile === 'custom_parsers.conf' && typeof data[DEFAULT_PARSERS_FILE] === 'string' ? DEFAULT_PARSERS_FILE : undefined;
  const parserSections = parsersFile ? parseSections(data[parsersFile]) : undefined;
  const parsers = (parserSections ?? []).map(s => (s.kind === 'PARSER' || s.kind === 'MULTILINE_PARSER' ? librarySection(s) : undefined));
  const parsersLayout = parsersFile && parsers.length > 0 && parsers.every(s => s)
    ? exactLayout(parsers.map(s => s!), data[parsersFile], mainLayout ? [mainLayout] : layoutsOf(data[parsersFile])) : undefined;
  if (parsersFile && !parsersLayout) {
    patched.push(`${parsersFile}: ${parsers.length === 0 ? 'it holds no parser' : mainLayout ? 'it is not laid out as fluent-bit.conf is, or holds what a parser section cannot' : 'it is not a file of [PARSER] sections the collector writes'}`);
  }
  const layout = mainLayout ?? parsersLayout;
  const raw = (factory: string, s: ClassicSection, withMatch: boolean) => rawSection(`FluentBitSection.${factory}`, s, withMatch)!;
  const sectionsOf = (kind: string) => (mainLayout ? parsed.filter(s => s.kind === kind) : []);
  const inputs = sectionsOf('INPUT').map(s => call('LogInput.raw', raw('input', s, false)));
  const filters = sectionsOf('FILTER').map(s => call('LogFilter.raw', raw('filter', s, true)));
  const parserExprs = parsersLayout ? parserSections!.map(s => call('LogParser.raw', raw(s.kind === 'PARSER' ? 'parser' : 'multilineParser', s, false))) : [];
  const hasKubernetes = sectionsOf('FILTER').some(s => s.props.some(p => /^name$/i.test(p.key) && p.value === 'kubernetes'));
  const serviceProps = mainLayout && service && 'props' in service ? service.props : undefined;
  return {
    props: [
      ['inputs', mainLayout ? arr(inputs) : undefined],
      // The input's kubernetes filter (a raw one) replaces the collector's where it stands; without one, none.
      ['kubernetesMetadata', mainLayout && !hasKubernetes ? obj({ enabled: lit(false) }) : undefined],
      ['filters', filters.length > 0 ? arr(filters) : undefined],
      ['parsers', parserExprs.length > 0 ? arr(parserExprs) : undefined],
      ['parsersFileName', parsersLayout && parsersFile !== DEFAULT_PARSERS_FILE ? lit(parsersFile) : undefined],
      ['configFiles', parsersLayout && other ? obj({ [other]: lit(data[other]) }) : undefined],
      ['serviceProperties', serviceProps ? lit(serviceProps) : undefined],
      ['replaceServiceProperties', serviceProps ? lit(true) : undefined],
      // The input's [SERVICE] has no filesystem buffer: without storage.path the collector must not ask for one.
      ['filesystemBuffering', serviceProps && !serviceProps.some(p => p.key.toLowerCase() === 'storage.path') ? lit(false) : undefined],
      ['classicLayout', layout ? layoutProps(layout) : undefined],
    ],
    outputs: mainLayout ? sectionsOf('OUTPUT').map(s => call('LogOutput.raw', raw('output', s, true))) : undefined,
    patched,
  };
}

/** The layout's options that differ from the collector's defaults, or undefined when none does. */
function layoutProps(l: Required<FluentBitClassicLayout>): Expr | undefined {
  const props: [string, Expr][] = [];
  if (l.indent !== 4) props.push(['indent', lit(l.indent)]);
  if (!l.alignValues) props.push(['alignValues', lit(false)]);
  if (!l.blankLineBetweenSections) props.push(['blankLineBetweenSections', lit(false)]);
  return props.length > 0 ? obj(props) : undefined;
}
