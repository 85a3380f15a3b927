import {
  blockerKind, cellAt, extraResources, isGroupedPool, poolText, profileRowCells, profileTableHeader, profileTitle, requestsCellText, summaryLine,
  totalsTableHeader, totalsTableRows,
} from './report-view';
import type { DaemonSetTaxReport } from './tax-report';
import { formatFinding } from '../validation/engine';

/** Plain text: names as they are, '-' for none. */
const TEXT_STYLE = { code: (s: string) => s, none: '-', notFit: 'NO' };

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)];
}

/**
 * The report as plain text: the matrix (per pod `cpu / memory`, or `-- <blocker>`; a column per node or
 * node pool, `workers ×5`), the per profile totals against allocatable, the totals on all nodes, how the
 * node pools were formed, why each DaemonSet is kept off a profile, and the findings.
 * @internal
 */
export function renderText(report: DaemonSetTaxReport): string {
  const out: string[] = [report.title, summaryLine(report), ''];
  if (report.profiles.length === 0) {
    out.push('No node profiles given.');
    return `${out.join('\n')}\n`;
  }
  out.push('Requests per pod (cpu / memory) by node profile:', '');
  out.push(...table(
    ['DaemonSet', 'Pod Security', ...report.profiles.map(profileTitle)],
    report.daemonSets.map((d, di) => [
      d.id,
      d.podSecurityLevel,
      ...report.profiles.map((_, pi) => {
        const cell = cellAt(report, di, pi);
        return cell.scheduled ? requestsCellText(cell) : `-- ${blockerKind(cell)}`;
      }),
    ]),
  ));
  if (report.daemonSets.length === 0) out.push('(no DaemonSets)');

  const extra = extraResources(report);
  out.push('', 'Per node profile (requested / allocatable, agent share):', '');
  out.push(...table(
    profileTableHeader(extra, TEXT_STYLE),
    report.profiles.map(p => profileRowCells(p, extra, TEXT_STYLE)),
  ));

  out.push('', 'On all nodes (requested / allocatable, agent share):', '');
  out.push(...table(totalsTableHeader(extra, TEXT_STYLE), totalsTableRows(report, extra, profileTitle)));

  if (report.profiles.some(isGroupedPool)) {
    out.push('', 'Node pools:');
    for (const p of report.profiles.filter(isGroupedPool)) out.push(`  ${profileTitle(p)}: ${poolText(p)}`);
  }

  const kept = report.cells.filter(c => !c.scheduled);
  if (kept.length > 0) {
    out.push('', 'Not placed:');
    for (const c of kept) out.push(`  ${c.daemonSet} on ${c.profile}: ${c.reason}`);
  }
  out.push('', report.findings.length ? 'Findings:' : 'Findings: none');
  for (const f of report.findings) out.push(`  ${formatFinding(f)}`);
  return `${out.join('\n')}\n`;
}
