import { parseArgs, requireOneOf } from './args';
import { ManifestValidator, RuleDescription } from '../validation/engine';
import { DOCUMENTED_FAMILIES } from '../validation/rules/registry';
import { familyOf, markdownText, ruleAnchor, ruleSection, RULES_REFERENCE_FILE, summaryOf } from '../validation/rules-reference';

/**
 * `cdk8s-daemonsets rules`: the rule ids a finding can carry, from the same metadata as docs/rules.md. A list (id,
 * severity, one line) by default; the full entries (what, why, fix, equivalents) of the ids given as arguments.
 */

/** Exit code: the list or the entries were printed. */
const EXIT_OK = 0;
/** Exit code: bad usage (an unknown option, format, family or rule id). */
const EXIT_USAGE = 2;

/** The output formats of `rules --format`. */
export const RULES_FORMATS = ['text', 'json', 'markdown'];

/** Longest one-line description in the text list, so a line stays readable in a terminal. */
const SUMMARY_MAX = 100;

function usage(): string {
  return `usage: cdk8s-daemonsets rules [options] [rule-id|family]...

Lists the rule ids a validation finding can carry: id, default severity and what the rule checks.
Given rule ids or families, prints their full entries: what, why it matters, how to fix, and the
equivalent kube-score / kube-linter / Polaris / Pod Security Standards checks. ${RULES_REFERENCE_FILE}
is the same reference as a page.

options:
  --format text|json|markdown   output format (default text); json has every field of every rule,
                                markdown a table (or, with ids, the sections of ${RULES_REFERENCE_FILE})
  --family name[,name]          only these families (repeatable): ${DOCUMENTED_FAMILIES.slice(0, 4).join(', ')},
                                ${DOCUMENTED_FAMILIES.slice(4).join(', ')}

exit codes: 0 listed, 2 usage error (unknown option, format, family or rule id)`;
}

/** What a CLI run prints and returns. */
interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** `text` cut on a word boundary to at most `max` characters, with `…` when cut. */
function shortened(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

/** `a, b or c`. */
function choices(list: readonly string[]): string {
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0];
}

/** The rules the arguments select: `--family` first, then ids or families given as arguments (in reference order). */
function select(rules: RuleDescription[], families: string[], wanted: string[]): RuleDescription[] {
  for (const f of families) {
    if (!DOCUMENTED_FAMILIES.includes(f)) throw new Error(`--family ${f}: use ${choices(DOCUMENTED_FAMILIES)}`);
  }
  for (const w of wanted) {
    if (!rules.some(r => r.id === w || familyOf(r.id) === w)) {
      throw new Error(`unknown rule id '${w}'; cdk8s-daemonsets rules lists them`);
    }
  }
  return rules.filter(r => (families.length === 0 || families.includes(familyOf(r.id)))
    && (wanted.length === 0 || wanted.some(w => r.id === w || familyOf(r.id) === w)));
}

/** One line per rule: id, severity and what it checks, in columns. */
function textList(rules: RuleDescription[]): string {
  const width = Math.max(...rules.map(r => r.id.length));
  const lines = rules.map(r => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${shortened(summaryOf(r.description), SUMMARY_MAX)}`);
  const families = new Set(rules.map(r => familyOf(r.id))).size;
  lines.push('', `${rules.length} rule ids in ${families} ${families === 1 ? 'family' : 'families'}; cdk8s-daemonsets rules <id> explains one, ${RULES_REFERENCE_FILE} all`);
  return `${lines.join('\n')}\n`;
}

/** The equivalents of a rule, `kube-linter a, b; Polaris c`, or undefined. */
function equivalents(r: RuleDescription): string | undefined {
  const parts = ([['kube-score', r.kubeScore], ['kube-linter', r.kubeLinter], ['Polaris', r.polaris], ['Pod Security Standards', r.podSecurity]] as const)
    .filter(([, v]) => v).map(([tool, v]) => `${tool} ${v}`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** The full entries of the rules, one block each. */
function textEntries(rules: RuleDescription[]): string {
  return rules.map(r => [
    `${r.id} (${r.severity})`,
    `  what:        ${r.description}`,
    `  why:         ${r.why ?? ''}`,
    `  fix:         ${r.fix ?? ''}`,
    `  equivalents: ${equivalents(r) ?? 'none'}`,
    `  reference:   ${RULES_REFERENCE_FILE}#${ruleAnchor(r.id)}`,
  ].join('\n')).join('\n\n') + '\n';
}

/** Every field of every rule, plus its family, one-line summary and reference link. */
function json(rules: RuleDescription[]): string {
  const entries = rules.map(r => ({
    id: r.id,
    family: familyOf(r.id),
    severity: r.severity,
    summary: summaryOf(r.description),
    description: r.description,
    why: r.why,
    fix: r.fix,
    ...r.kubeScore ? { kubeScore: r.kubeScore } : {},
    ...r.kubeLinter ? { kubeLinter: r.kubeLinter } : {},
    ...r.polaris ? { polaris: r.polaris } : {},
    ...r.podSecurity ? { podSecurity: r.podSecurity } : {},
    reference: `${RULES_REFERENCE_FILE}#${ruleAnchor(r.id)}`,
  }));
  return `${JSON.stringify(entries, undefined, 2)}\n`;
}

/** A markdown table linking each id to its section of docs/rules.md. */
function markdownTable(rules: RuleDescription[]): string {
  const lines = ['| Rule | Severity | Checks |', '|---|---|---|',
    ...rules.map(r => `| [\`${r.id}\`](${RULES_REFERENCE_FILE}#${ruleAnchor(r.id)}) | ${r.severity} | ${markdownText(summaryOf(r.description))} |`)];
  return `${lines.join('\n')}\n`;
}

/**
 * Runs `cdk8s-daemonsets rules` with the arguments after `rules`.
 * @param args the arguments
 */
export function runRules(args: string[]): CliResult {
  let format = 'text';
  const families: string[] = [];
  let selected: RuleDescription[];
  let wanted: string[];
  try {
    const parsed = parseArgs(args, {
      '--format': v => (format = v),
      '--family': v => families.push(...v.split(',').map(s => s.trim()).filter(s => s.length > 0)),
    });
    if (parsed.help) return { code: EXIT_OK, stdout: `${usage()}\n`, stderr: '' };
    requireOneOf('--format', format, RULES_FORMATS);
    wanted = parsed.positional;
    selected = select(ManifestValidator.describeRules(), families, wanted);
    if (selected.length === 0) throw new Error(`no rule id is in ${families.join(', ')} and also one of ${wanted.join(', ')}`);
  } catch (e) {
    return { code: EXIT_USAGE, stdout: '', stderr: `cdk8s-daemonsets rules: ${(e as Error).message}\n\n${usage()}\n` };
  }
  const entries = wanted.length > 0;
  switch (format) {
    case 'json': return { code: EXIT_OK, stdout: json(selected), stderr: '' };
    case 'markdown': return { code: EXIT_OK, stdout: entries ? `${selected.flatMap(ruleSection).join('\n').replace(/\n+$/, '')}\n` : markdownTable(selected), stderr: '' };
    default: return { code: EXIT_OK, stdout: entries ? textEntries(selected) : textList(selected), stderr: '' };
  }
}
