import {
  blockerKind, cellAt, countSuffix, extraResources, findingObject, isGroupedPool, poolText, profileRowCells, profileTableHeader, requestsCellText,
  summaryLine, totalsTableHeader, totalsTableRows,
} from './report-view';
import type { DaemonSetTaxReport } from './tax-report';

/** Text safe inside a Markdown table cell. */
function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/([*_<>[\]`])/g, '\\$1');
}

/** Text as inline code, safe inside a table cell. */
function code(text: string): string {
  return `\`${text.replace(/`/g, '\'').replace(/\|/g, '\\|')}\``;
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/**
 * The report as GitHub-flavoured Markdown, for pull request comments: the matrix (a column per node or
 * node pool), the per profile totals, the totals on all nodes, the node pools, and the findings. Cells of DaemonSets kept off a profile show the blocker.
 * @internal
 */
export function renderMarkdown(report: DaemonSetTaxReport): string {
  const out: string[] = [`## ${md(report.title)}`, '', md(summaryLine(report)), ''];
  if (report.profiles.length === 0) {
    out.push('No node profiles given.');
    return `${out.join('\n')}\n`;
  }
  out.push('### Requests per pod (cpu / memory) by node profile', '');
  out.push(row(['DaemonSet', 'Pod Security', ...report.profiles.map(p => `${code(p.name)}${countSuffix(p)}`)]));
  out.push(row(['---', '---', ...report.profiles.map(() => '---')]));
  report.daemonSets.forEach((d, di) => {
    out.push(row([
      code(d.id),
      d.podSecurityLevel,
      ...report.profiles.map((_, pi) => {
        const cell = cellAt(report, di, pi);
        if (cell.scheduled) return requestsCellText(cell);
        const blocker = cell.blocker ?? '';
        return `✗ ${blocker.startsWith('taint ') ? `taint ${code(blocker.slice('taint '.length))}` : md(blockerKind(cell))}`;
      }),
    ]));
  });

  const extra = extraResources(report);
  out.push('', '### Per node profile (requested / allocatable, agent share)', '');
  const style = { code, none: '—', notFit: '**no**' };
  out.push(row(profileTableHeader(extra, style)));
  out.push(row(['---', '---', '---', '---:', '---:', '---:', '---:', ...extra.map(() => '---:'), '---', '---', '---']));
  for (const p of report.profiles) out.push(row(profileRowCells(p, extra, style)));

  out.push('', '### On all nodes (requested / allocatable, agent share)', '');
  out.push(row(totalsTableHeader(extra, style)));
  out.push(row(['---', '---:', '---:', '---:', '---:', ...extra.map(() => '---:')]));
  for (const cells of totalsTableRows(report, extra, p => `${code(p.name)}${countSuffix(p)}`)) out.push(row(cells));

  if (report.profiles.some(isGroupedPool)) {
    out.push('', '### Node pools', '');
    for (const p of report.profiles.filter(isGroupedPool)) out.push(`- ${code(p.name)}${countSuffix(p)}: ${md(poolText(p))}`);
  }

  out.push('', '### Findings', '');
  if (report.findings.length === 0) out.push('No findings.');
  for (const f of report.findings) {
    out.push(`- **${f.severity}** ${code(f.ruleId)} ${md(findingObject(f))} ${code(f.path)}: ${md(f.message)}${f.hint ? ` _(hint: ${md(f.hint)})_` : ''}`);
  }
  return `${out.join('\n')}\n`;
}
