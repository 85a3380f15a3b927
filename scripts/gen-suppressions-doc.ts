/**
 * Writes docs/suppressions.md, what each preset suppresses and why, from the presets themselves: each preset is
 * instantiated with its defaults, its DaemonSet's `suppress.daemonsets.cdk8s.io/` annotations are read, and the
 * validator says which findings each one hides. `npx ts-node --transpile-only scripts/gen-suppressions-doc.ts`;
 * `--check` writes nothing and exits 1 when the committed file differs (test/docs/suppressions-doc.test.ts checks
 * the same).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { LogCollectorDaemonSet, LogOutput, NodeExporterDaemonSet } from '../src';
import { SUPPRESSION_PREFIX } from '../src/k8s/well-known';
import { SuppressedFinding, validateManifests } from '../src/validation/engine';
import { markdownText, ruleAnchor } from '../src/validation/rules-reference';

/** The generated file, relative to the repository. */
export const SUPPRESSIONS_DOC_FILE = 'docs/suppressions.md';

/** The command that regenerates SUPPRESSIONS_DOC_FILE. */
export const SUPPRESSIONS_DOC_COMMAND = 'npx ts-node --transpile-only scripts/gen-suppressions-doc.ts';

/** One suppression annotation a preset puts on its DaemonSet, and what it hides there. */
export interface PresetSuppression {
  /** The annotation key. */
  readonly annotation: string;
  /** The rule (`<family>/<check>`) or family it names. */
  readonly ruleId: string;
  /** The annotation's value. */
  readonly reason: string;
  /** The findings it hides in the preset's own output, as the validator reports them. */
  readonly hidden: SuppressedFinding[];
}

/** A preset, built with its defaults, and its suppressions. */
export interface PresetSuppressions {
  /** The construct class. */
  readonly preset: string;
  /** The props it was built with, as TypeScript. */
  readonly props: string;
  /** Its DaemonSet's suppressions, in annotation order. */
  readonly suppressions: PresetSuppression[];
}

/** The presets and how the doc builds each: with defaults, plus what a preset requires. */
const PRESETS: { preset: string; props: string; build: (chart: Chart) => void }[] = [
  { preset: 'NodeExporterDaemonSet', props: '{}', build: c => new NodeExporterDaemonSet(c, 'node-exporter') },
  {
    preset: 'LogCollectorDaemonSet',
    props: '{ outputs: [LogOutput.stdout()] }',
    build: c => new LogCollectorDaemonSet(c, 'logs', { outputs: [LogOutput.stdout()] }),
  },
];

/** `suppress.daemonsets.cdk8s.io/best-practice.image-tag` → `best-practice/image-tag` (a family stays a family). */
function ruleOf(annotation: string): string {
  return annotation.slice(SUPPRESSION_PREFIX.length).replace('.', '/');
}

/** Every preset's suppressions, read from its synthesized DaemonSet. */
export function presetSuppressions(): PresetSuppressions[] {
  return PRESETS.map(({ preset, props, build }) => {
    const chart = Testing.chart();
    build(chart);
    const objects = Testing.synth(chart);
    const daemonSets = objects.filter(o => o.kind === 'DaemonSet');
    if (daemonSets.length !== 1) throw new Error(`${preset}: expected one DaemonSet, got ${daemonSets.length}`);
    const [daemonSet] = daemonSets;
    const annotations: { [key: string]: string } = daemonSet.metadata?.annotations ?? {};
    const suppressed = validateManifests(objects).suppressed.filter(f => f.kind === 'DaemonSet' && f.name === daemonSet.metadata.name);
    const suppressions = Object.entries(annotations)
      .filter(([key]) => key.startsWith(SUPPRESSION_PREFIX))
      .map(([annotation, reason]) => ({ annotation, ruleId: ruleOf(annotation), reason, hidden: suppressed.filter(f => f.annotation === annotation) }));
    return { preset, props, suppressions };
  });
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `3 warnings`, `1 warning and 1 error`: the severities of hidden findings. */
export function hiddenCount(hidden: SuppressedFinding[]): string {
  if (hidden.length === 0) return 'none';
  const counts = new Map<string, number>();
  for (const f of hidden) counts.set(f.severity, (counts.get(f.severity) ?? 0) + 1);
  return [...counts].map(([severity, n]) => plural(n, severity)).join(' and ');
}

function presetSection(p: PresetSuppressions): string[] {
  const total = p.suppressions.reduce((n, s) => n + s.hidden.length, 0);
  const lines = [
    `## ${p.preset}`,
    '',
    `Built with \`new ${p.preset}(chart, id, ${p.props})\`: ${plural(p.suppressions.length, 'suppression annotation')}, hiding ${plural(total, 'finding')}.`,
    '',
    '| Annotation | Rule | Hides | Reason |',
    '|---|---|---|---|',
  ];
  for (const s of p.suppressions) {
    lines.push(`| \`${s.annotation}\` | [\`${s.ruleId}\`](rules.md#${ruleAnchor(s.ruleId)}) | ${hiddenCount(s.hidden)} | ${markdownText(s.reason)} |`);
  }
  lines.push('', 'The findings they hide (`cdk8s-daemonsets validate --show-suppressed` lists the same):', '');
  for (const s of p.suppressions) {
    for (const f of s.hidden) lines.push(`- ${f.severity} \`${f.ruleId}\` at \`${f.path}\`: ${markdownText(f.message)}`);
  }
  return lines;
}

/** The whole of docs/suppressions.md. */
export function suppressionsMarkdown(): string {
  const lines = [
    '# What the presets suppress',
    '',
    `<!-- Generated by ${SUPPRESSIONS_DOC_COMMAND} from the presets' own annotations; do not edit by hand. -->`,
    '',
    'A preset breaks some best-practice rules by design: node-exporter reads the node\'s `/proc`, `/sys` and `/`,',
    'fluent-bit reads log files only root may read and keeps its position in a writable host directory. Each preset',
    `says so on its DaemonSet with an annotation \`${SUPPRESSION_PREFIX}<family>.<check>: <reason>\`, so the validator`,
    'hides those findings. They stay visible:',
    '',
    '- `cdk8s-daemonsets validate` prints how many findings annotations hide after its summary, and',
    '  `--show-suppressed` lists each with its rule, object, path and reason (`--format json`: the `suppressed`',
    '  array; `--format sarif`: results with an `inSource` suppression whose justification is the reason);',
    '- `validateManifests(...).suppressed` holds them with the annotation and its reason; they never count as errors',
    '  or warnings;',
    '- the cdk8s plugin (`DaemonSetsValidation`) counts them as `suppressed` in its report\'s summary.',
    '',
    'To have the validator report them like any other DaemonSet\'s, build the preset with `presetAnnotations: false`;',
    'to give your own reason, set the same annotation in `metadata.annotations` (yours is kept).',
    '',
    'The tables below are the presets built with their defaults; options change them (node-exporter\'s reason names',
    'only the host paths it mounts, and without host mounts it adds no suppression).',
    '',
  ];
  for (const p of presetSuppressions()) lines.push(...presetSection(p), '');
  return lines.join('\n');
}

if (require.main === module) {
  const file = path.join(__dirname, '..', SUPPRESSIONS_DOC_FILE);
  const markdown = suppressionsMarkdown();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '';
    if (current !== markdown) {
      process.stderr.write(`${SUPPRESSIONS_DOC_FILE} is not what the presets generate; run ${SUPPRESSIONS_DOC_COMMAND}\n`);
      process.exit(1);
    }
  } else {
    fs.writeFileSync(file, markdown);
    process.stdout.write(`wrote ${SUPPRESSIONS_DOC_FILE} (${markdown.split('\n').length} lines)\n`);
  }
}
