/**
 * The rules reference, docs/rules.md, generated from the rule metadata (`ManifestValidator.describeRules()`): a table
 * of contents by family, one section per rule id (severity, what it checks, why it matters, how to fix it, the
 * equivalent checks of other tools) and a crosswalk to kube-score, kube-linter, Polaris and the Pod Security
 * Standards. `scripts/gen-rules-doc.ts` writes it; a unit test fails when the committed file differs.
 */
import { ManifestValidator, RuleDescription } from './engine';
import { DOCUMENTED_FAMILIES } from './rules/registry';

/** Where the reference lives in the repository, and the command that writes it. */
export const RULES_REFERENCE_FILE = 'docs/rules.md';
/** The command that regenerates RULES_REFERENCE_FILE. */
export const RULES_REFERENCE_COMMAND = 'npx ts-node --transpile-only scripts/gen-rules-doc.ts';

/** A family of the reference: its title and what its findings claim. */
export interface RuleFamilyDoc {
  /** A few words naming the family. */
  readonly title: string;
  /** What the family checks and what its findings claim. */
  readonly summary: string;
}

/** Every family of the reference, in `DOCUMENTED_FAMILIES` order. */
export const RULE_FAMILY_DOCS: { readonly [family: string]: RuleFamilyDoc } = {
  'schema': {
    title: 'API schema',
    summary: 'Every object against the official Kubernetes OpenAPI schema of the target version, or its CRD, unknown fields rejected (as kubeconform -strict). An error claims the API server rejects the object.',
  },
  'semantics': {
    title: 'API validation a schema cannot express',
    summary: 'What the API server rejects, or accepts only with a warning, that a schema cannot express. Each check mirrors an upstream validation function (pkg/apis/core/validation, pkg/apis/apps/validation, apimachinery) and is compared with a real kube-apiserver in the end-to-end tests. An error claims the API server rejects the object.',
  },
  'runtime': {
    title: 'Runtime predictions',
    summary: 'The API server accepts the object, but its pods will fail, stay Pending or never be created, or its rollout will never finish. Messages start with what the API server accepts.',
  },
  'cross-object': {
    title: 'Across objects',
    summary: 'What only the whole input shows: host ports of DaemonSets whose nodes overlap, references to ConfigMaps, Secrets, ServiceAccounts and PriorityClasses, Service selectors, ResourceQuotas and LimitRanges.',
  },
  'pod-security': {
    title: 'Pod Security Standards',
    summary: 'The Pod Security Standards level each workload needs (the Pod Security Admission checks, at the policy version its namespace names), against the levels its namespace enforces, warns or audits at.',
  },
  'best-practice': {
    title: 'Best practices',
    summary: 'Choices most clusters want from a node agent. Each can be suppressed on an object with a reason.',
  },
  'placement-fit': {
    title: 'Placement on node profiles',
    summary: 'The DaemonSets placed on node profiles (the nodeProfiles option, cdk8s-daemonsets report --nodes) with the scheduler\'s filters. Without node profiles these rules report nothing.',
  },
  'upgrade-safety': {
    title: 'Upgrade safety',
    summary: 'The manifests about to be applied against those applied before (validate --previous, the previous option): updates the API server refuses, and updates it accepts that hurt the running fleet. Without previous manifests these rules report nothing.',
  },
  'engine': {
    title: 'The validator itself',
    summary: 'Findings the engine reports about the run rather than the manifests.',
  },
};

/** `semantics/selector-matches-labels` → `semantics-selector-matches-labels`: the anchor of a rule id in docs/rules.md. */
export function ruleAnchor(ruleId: string): string {
  return ruleId.toLowerCase().replace(/\//g, '-');
}

/** The family of a rule id: the part before `/`. */
export function familyOf(ruleId: string): string {
  return ruleId.split('/')[0];
}

/** The first sentence of a description: its one-line summary. */
export function summaryOf(description: string): string {
  const flat = description.trim().replace(/\s+/g, ' ');
  return /^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat;
}

/** Markdown for prose: `<`, `>`, `*` and `|` escaped outside code spans, so `<family>` is text and tables hold. */
export function markdownText(text: string): string {
  return text.split('`').map((part, i) => (i % 2 === 1 ? part : part
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\*/g, '\\*').replace(/\|/g, '\\|'))).join('`');
}

/** The tools of the equivalents, in column order: the field of `RuleDescription` and its title. */
const TOOLS: readonly [keyof RuleDescription, string][] = [
  ['kubeScore', 'kube-score'], ['kubeLinter', 'kube-linter'], ['polaris', 'Polaris'], ['podSecurity', 'Pod Security Standards'],
];

/** One equivalents cell: names in code (`a`, `b`), Pod Security Standards controls with their check id in code. */
function equivalentCell(field: keyof RuleDescription, value: string | undefined): string {
  if (!value) return '';
  if (field !== 'podSecurity') return value.split(', ').map(n => `\`${n}\``).join(', ');
  return value.split(', ').map(entry => {
    const m = /^(.+) \(([A-Za-z_]+)\)$/.exec(entry);
    return m ? `${markdownText(m[1])} (\`${m[2]}\`)` : markdownText(entry);
  }).join(', ');
}

/** Whether a rule names an equivalent in any tool. */
function hasEquivalent(rule: RuleDescription): boolean {
  return TOOLS.some(([field]) => Boolean(rule[field]));
}

/** The rules of each family, families in `DOCUMENTED_FAMILIES` order (then any other, alphabetically). */
export function rulesByFamily(rules: readonly RuleDescription[]): [string, RuleDescription[]][] {
  const families = [...new Set([...DOCUMENTED_FAMILIES, ...rules.map(r => familyOf(r.id)).sort()])];
  return families.map(f => [f, rules.filter(r => familyOf(r.id) === f)] as [string, RuleDescription[]]).filter(([, list]) => list.length > 0);
}

function header(count: number): string[] {
  return [
    '# Rules reference',
    '',
    `<!-- Generated from the rule metadata (ManifestValidator.describeRules()) by scripts/gen-rules-doc.ts: do not edit. Regenerate with \`${RULES_REFERENCE_COMMAND}\`. -->`,
    '',
    `Every rule id a finding of \`cdk8s-daemonsets validate\`, \`validateManifests\`, the cdk8s plugin or a \`DaemonSetsApp\` synthesis can carry (${count} ids), `
      + 'with its default severity, what it checks, why it matters, how to fix it and the equivalent checks of kube-score, kube-linter, Polaris and the Pod Security Standards. '
      + '`cdk8s-daemonsets rules` lists the same ids.',
    '',
    '- **Severity**: `error` fails synthesis and `validate` (exit code 1); `warning` is reported and fails only `--fail-on warning`; `info` never fails. '
      + 'Change it per id or family with the `severityOverrides` option.',
    '- **Run fewer rules**: `validate --rules <ids or families>` and `--skip <ids or families>` (the `rules` and `skipRules` options).',
    '- **Suppress a finding on one object** with an annotation that says why: `suppress.daemonsets.cdk8s.io/<family>.<check>: <reason>` '
      + '(e.g. `suppress.daemonsets.cdk8s.io/best-practice.image-tag: pinned by digest in the deploy pipeline`), or `suppress.daemonsets.cdk8s.io/<family>` for a whole family.',
    '',
  ];
}

function contents(families: [string, RuleDescription[]][]): string[] {
  const lines = ['## Contents', ''];
  for (const [family, rules] of families) {
    const doc = RULE_FAMILY_DOCS[family];
    lines.push(`- [${family}](#${family})${doc ? `: ${doc.title}` : ''} (${rules.length})`);
    for (const r of rules) lines.push(`  - [${r.id}](#${ruleAnchor(r.id)}) (${r.severity})`);
  }
  lines.push('- [Equivalent checks of other tools](#equivalent-checks-of-other-tools)', '');
  return lines;
}

/** The section of one rule id: the anchor, the id, then severity, what, why, fix and equivalents. */
export function ruleSection(rule: RuleDescription): string[] {
  const equivalents = TOOLS.filter(([field]) => rule[field]).map(([field, tool]) => `${tool} ${equivalentCell(field, rule[field] as string)}`);
  return [
    `### <a id="${ruleAnchor(rule.id)}"></a>\`${rule.id}\``,
    '',
    `- **Severity**: ${rule.severity}`,
    `- **What it checks**: ${markdownText(rule.description)}`,
    `- **Why it matters**: ${markdownText(rule.why ?? '')}`,
    `- **How to fix**: ${markdownText(rule.fix ?? '')}`,
    `- **Equivalent checks**: ${equivalents.length > 0 ? equivalents.join('; ') : 'none in kube-score, kube-linter, Polaris or the Pod Security Standards'}`,
    '',
  ];
}

function familySection(family: string, rules: RuleDescription[]): string[] {
  const doc = RULE_FAMILY_DOCS[family];
  const lines = [`## ${family}`, ''];
  if (doc) lines.push(`**${doc.title}.** ${markdownText(doc.summary)}`, '');
  lines.push('| Rule | Severity | Checks |', '|---|---|---|');
  for (const r of rules) lines.push(`| [\`${r.id}\`](#${ruleAnchor(r.id)}) | ${r.severity} | ${markdownText(summaryOf(r.description))} |`);
  lines.push('');
  for (const r of rules) lines.push(...ruleSection(r));
  return lines;
}

function crosswalk(rules: readonly RuleDescription[]): string[] {
  const lines = [
    '## Equivalent checks of other tools',
    '',
    'The rules with a counterpart in kube-score (check ids of `README_CHECKS.md`), kube-linter (check names of `docs/generated/checks.md`), '
      + 'Polaris (check ids of `pkg/config/checks`) or the Pod Security Standards (control, with its Pod Security Admission check id). An empty cell: the tool has no such check.',
    '',
    `| Rule | ${TOOLS.map(([, tool]) => tool).join(' | ')} |`,
    `|---|${TOOLS.map(() => '---').join('|')}|`,
  ];
  for (const r of rules.filter(hasEquivalent)) {
    lines.push(`| [\`${r.id}\`](#${ruleAnchor(r.id)}) | ${TOOLS.map(([field]) => equivalentCell(field, r[field] as string | undefined)).join(' | ')} |`);
  }
  lines.push('');
  return lines;
}

/**
 * docs/rules.md as markdown: a header, a table of contents by family, one section per family (its rules in a
 * table, then one section per rule id) and the crosswalk to other tools. Deterministic: the same rules give the same
 * bytes.
 * @param rules the rules to document (default: every rule id, `ManifestValidator.describeRules()`)
 */
export function rulesReferenceMarkdown(rules: readonly RuleDescription[] = ManifestValidator.describeRules()): string {
  const families = rulesByFamily(rules);
  const lines = [...header(rules.length), ...contents(families)];
  for (const [family, list] of families) lines.push(...familySection(family, list));
  lines.push(...crosswalk(rules));
  return `${lines.join('\n').replace(/\n+$/, '')}\n`;
}
