import {
  blockerKind, cellAt, countSuffix, extraResources, findingObject, formatPercent, isGroupedPool, poolText, requestsCellText, summaryLine,
  totalsTableHeader, totalsTableRows, usageText,
} from './report-view';
import type { DaemonSetTaxReport, TaxReportProfile } from './tax-report';
import { own } from '../k8s/shape';
import { Severity } from '../validation/rule';

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
:root { color-scheme: light; --ok: #2f7d32; --bad: #c62828; --warn: #b26a00; --muted: #5f6b7a; --line: #d8dee6; --fill: #3367d6; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2733; background: #ffffff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
h3 { font-size: 14px; margin: 0 0 6px; }
.meta { color: var(--muted); font-weight: normal; font-size: 12px; }
#summary { color: var(--muted); margin: 0; }
table.matrix { border-collapse: collapse; }
table.matrix th, table.matrix td { border: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
table.matrix thead th { background: #f3f5f8; }
table.matrix th.daemonset { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-weight: 600; white-space: nowrap; }
td.cell { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; white-space: nowrap; }
td.scheduled { background: #eef7ee; }
td.not-scheduled { background: #f6f6f6; color: var(--muted); }
td.not-scheduled .detail { display: block; font-size: 11px; }
td.psa-privileged, span.psa-privileged { color: var(--bad); }
td.psa-baseline, span.psa-baseline { color: var(--warn); }
td.psa-restricted, span.psa-restricted { color: var(--ok); }
#shares { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 14px; }
.profile-share { border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
.profile-share[data-fits="false"] { border-color: var(--bad); }
.bar-row { display: grid; grid-template-columns: 60px 1fr; gap: 8px; align-items: center; margin: 6px 0 0; }
.bar { position: relative; width: 100%; height: 14px; background: #e9edf2; border-radius: 3px; overflow: hidden; }
.bar-fill { height: 100%; background: var(--fill); }
.bar-fill.over { background: var(--bad); }
.bar-value { grid-column: 2; font-size: 12px; color: var(--muted); font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
#findings { padding-left: 18px; }
#findings li { margin: 4px 0; }
.severity { font-weight: 700; text-transform: uppercase; font-size: 11px; padding: 1px 5px; border-radius: 3px; color: #ffffff; }
.severity-error .severity { background: var(--bad); }
.severity-warning .severity { background: var(--warn); }
.severity-info .severity { background: var(--muted); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.hint { color: var(--muted); }
th .count { font-weight: normal; margin-left: 4px; }
`;

function bar(profile: TaxReportProfile, resource: string): string {
  const share: number | undefined = own(profile.sharePercent, resource);
  const declared = own(profile.allocatable, resource) !== undefined;
  const width = share === undefined ? 0 : Math.min(share, 100);
  const over = share !== undefined && share > 100;
  return `<div class="bar-row" data-resource="${esc(resource)}">`
    + `<span class="bar-label">${esc(resource)}</span>`
    + `<div class="bar" role="img" aria-label="${esc(`${resource}: ${share === undefined ? 'not declared' : `${formatPercent(share)} of allocatable`}`)}">`
    + `<div class="bar-fill${over ? ' over' : ''}" style="width: ${width}%" data-share="${share ?? 0}"></div></div>`
    + `<span class="bar-value">${esc(declared ? usageText(profile, resource) : 'not declared')}</span>`
    + '</div>';
}

/** The totals on all nodes (`#totals`, rows `tr[data-profile]`, the sum `tr.all`) and the node pools (`#pools li[data-profile]`). */
function totalsHtml(report: DaemonSetTaxReport): string[] {
  const extra = extraResources(report);
  const style = { code: (x: string) => `<code>${esc(x)}</code>`, none: '-', notFit: 'no' };
  const header = totalsTableHeader(extra, style).map((h, i) => `<th scope="col">${i >= 5 ? h : esc(h)}</th>`).join('');
  const rows = totalsTableRows(report, extra, p => `${p.name}${countSuffix(p)}`).map((cells, i) => {
    const p = report.profiles[i];
    const attrs = p ? ` data-profile="${esc(p.name)}" data-count="${p.count}"` : ' class="all"';
    return `<tr${attrs}><th scope="row">${esc(cells[0])}</th>${cells.slice(1).map(c => `<td class="cell">${esc(c)}</td>`).join('')}</tr>`;
  });
  const out = ['<h2>On all nodes (requested / allocatable, agent share)</h2>', '<table id="totals" class="matrix">',
    `<thead><tr>${header}</tr></thead>`, '<tbody>', ...rows, '</tbody>', '</table>'];
  const pools = report.profiles.filter(isGroupedPool);
  if (pools.length > 0) {
    out.push('<h2>Node pools</h2>', '<ul id="pools">');
    for (const p of pools) out.push(`<li data-profile="${esc(p.name)}" data-count="${p.count}"><code>${esc(p.name)}${esc(countSuffix(p))}</code>: ${esc(poolText(p))}</li>`);
    out.push('</ul>');
  }
  return out;
}

/**
 * The report as one self-contained HTML page (inline CSS, no scripts, no external assets): the
 * matrix (`#matrix`, cells `td.cell[data-daemonset][data-profile]`, a column per node or node pool with its
 * `data-count`), a bar per profile and
 * resource showing the agents' share of allocatable cpu and memory (`#shares
 * .profile-share[data-profile] .bar-row[data-resource] .bar-fill[data-share]`), the totals on all nodes
 * (`#totals`), the node pools (`#pools`), and the findings
 * (`#findings li[data-rule-id]`).
 * @internal
 */
export function renderHtml(report: DaemonSetTaxReport): string {
  const errors = report.findings.filter(f => f.severity === Severity.ERROR).length;
  const warnings = report.findings.filter(f => f.severity === Severity.WARNING).length;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(report.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    `<main id="report" data-daemonsets="${report.daemonSets.length}" data-profiles="${report.profiles.length}" data-errors="${errors}" data-warnings="${warnings}">`,
    `<h1 id="title">${esc(report.title)}</h1>`,
    `<p id="summary">${esc(summaryLine(report))}</p>`,
    '<h2>Requests per pod (cpu / memory) by node profile</h2>',
    '<table id="matrix" class="matrix">',
    '<thead><tr><th scope="col">DaemonSet</th><th scope="col">Pod Security</th>'
      + report.profiles.map(p => `<th scope="col" class="profile" data-profile="${esc(p.name)}" data-count="${p.count}">${esc(p.name)}${countSuffix(p) ? `<span class="count">${esc(countSuffix(p))}</span>` : ''}<br><span class="meta">${esc(`${p.os}/${p.arch}`)}${p.taints.length ? ` · ${esc(p.taints.join(' '))}` : ''}</span></th>`).join('')
      + '</tr></thead>',
    '<tbody>',
  ];
  report.daemonSets.forEach((d, di) => {
    const cells = report.profiles.map((p, pi) => {
      const cell = cellAt(report, di, pi);
      const data = `data-daemonset="${esc(d.id)}" data-profile="${esc(p.name)}"`;
      if (cell.scheduled) {
        return `<td class="cell scheduled" ${data} data-cpu="${cell.requests.cpu ?? 0}" data-memory="${cell.requests.memory ?? 0}">${esc(requestsCellText(cell))}</td>`;
      }
      const blocker = cell.blocker ?? '';
      const detail = blocker.startsWith('taint ') ? blocker.slice('taint '.length) : '';
      return `<td class="cell not-scheduled" ${data} data-blocker="${esc(blockerKind(cell))}" title="${esc(cell.reason ?? '')}">`
        + `<span class="blocker">✗ ${esc(blockerKind(cell))}</span>${detail ? `<span class="detail">${esc(detail)}</span>` : ''}</td>`;
    });
    out.push(`<tr data-daemonset="${esc(d.id)}"><th scope="row" class="daemonset">${esc(d.id)}</th>`
      + `<td class="psa psa-${esc(d.podSecurityLevel)}">${esc(d.podSecurityLevel)}</td>${cells.join('')}</tr>`);
  });
  out.push('</tbody>', '</table>');

  out.push('<h2>Agent share of allocatable</h2>', '<section id="shares">');
  for (const p of report.profiles) {
    out.push(`<div class="profile-share" data-profile="${esc(p.name)}" data-fits="${p.fits}">`
      + `<h3>${esc(p.name)}${esc(countSuffix(p))} <span class="meta">${esc(`${p.os}/${p.arch} · ${p.daemonSets.length} DaemonSet${p.daemonSets.length === 1 ? '' : 's'} · pods ${usageText(p, 'pods')}`)}`
      + ` · Pod Security <span class="psa-${esc(p.podSecurityLevel)}">${esc(p.podSecurityLevel)}</span></span></h3>`
      + bar(p, 'cpu') + bar(p, 'memory')
      + '</div>');
  }
  out.push('</section>');
  out.push(...totalsHtml(report));

  out.push('<h2>Findings</h2>');
  if (report.findings.length === 0) {
    out.push('<p id="no-findings">No findings.</p>');
  } else {
    out.push('<ul id="findings">');
    for (const f of report.findings) {
      out.push(`<li class="finding severity-${esc(f.severity)}" data-rule-id="${esc(f.ruleId)}" data-severity="${esc(f.severity)}">`
        + `<span class="severity">${esc(f.severity)}</span> <code>${esc(f.ruleId)}</code> ${esc(findingObject(f))} <code>${esc(f.path)}</code>: ${esc(f.message)}`
        + `${f.hint ? ` <span class="hint">(hint: ${esc(f.hint)})</span>` : ''}</li>`);
    }
    out.push('</ul>');
  }
  out.push('</main>', '</body>', '</html>');
  return `${out.join('\n')}\n`;
}
