import { blockerKind, cellAt, extraResources, requestsCellText, summaryLine, usageText } from './report-view';
import type { DaemonSetTaxReport } from './tax-report';
import { formatFinding } from '../validation/engine';

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)];
}

/**
 * The report as plain text: the matrix (per pod `cpu / memory`, or `-- <blocker>`), the per
 * profile totals against allocatable, why each DaemonSet is kept off a profile, and the findings.
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
    ['DaemonSet', 'Pod Security', ...report.profiles.map(p => p.name)],
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
    ['Profile', 'OS/arch', 'Taints', 'DaemonSets', 'cpu', 'memory', 'pods', ...extra, 'Host ports', 'Pod Security', 'Fits'],
    report.profiles.map(p => [
      p.name,
      `${p.os}/${p.arch}`,
      p.taints.length ? p.taints.join(' ') : '-',
      String(p.daemonSets.length),
      usageText(p, 'cpu'),
      usageText(p, 'memory'),
      usageText(p, 'pods'),
      ...extra.map(r => usageText(p, r)),
      p.hostPorts.length ? p.hostPorts.join(' ') : '-',
      p.podSecurityLevel,
      p.fits ? 'yes' : 'NO',
    ]),
  ));

  const kept = report.cells.filter(c => !c.scheduled);
  if (kept.length > 0) {
    out.push('', 'Not placed:');
    for (const c of kept) out.push(`  ${c.daemonSet} on ${c.profile}: ${c.reason}`);
  }
  out.push('', report.findings.length ? 'Findings:' : 'Findings: none');
  for (const f of report.findings) out.push(`  ${formatFinding(f)}`);
  return `${out.join('\n')}\n`;
}
