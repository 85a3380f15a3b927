import type { DaemonSetTaxReport, TaxReportCell, TaxReportProfile } from './tax-report';
import { formatAmount } from '../k8s/quantity';
import { own } from '../k8s/shape';
import { Severity } from '../validation/rule';

/**
 * Texts every renderer shows the same way, so the text, Markdown and HTML forms agree.
 * @internal
 */

/** A scheduled cell: `cpu / memory` per pod (`no requests` when neither is requested). @internal */
export function requestsCellText(cell: TaxReportCell): string {
  const cpu = cell.requests.cpu ?? 0;
  const memory = cell.requests.memory ?? 0;
  if (cpu === 0 && memory === 0) return 'no requests';
  return `${formatAmount('cpu', cpu)} / ${formatAmount('memory', memory)}`;
}

/** The kind of blocker without its detail: `taint`, `nodeSelector`, `node affinity`, `nodeName`. @internal */
export function blockerKind(cell: TaxReportCell): string {
  const blocker = cell.blocker ?? 'not scheduled';
  return blocker.startsWith('taint ') ? 'taint' : blocker;
}

/** `requested / allocatable (share%)` of one resource of a profile, or `requested` when not declared. @internal */
export function usageText(profile: TaxReportProfile, resource: string): string {
  return amountsText(profile.requested, profile.allocatable, profile.sharePercent, resource);
}

/** `requested / allocatable (share%)` of one resource on all nodes of a profile (its totals). @internal */
export function totalUsageText(profile: TaxReportProfile, resource: string): string {
  return amountsText(profile.totalRequested, profile.totalAllocatable, profile.count > 0 ? profile.sharePercent : {}, resource);
}

/** `requested / allocatable (share%)`, `requested (not declared)` or `-`. @internal */
export function amountsText(
  requestedAmounts: { [resource: string]: number }, allocatableAmounts: { [resource: string]: number },
  sharePercent: { [resource: string]: number }, resource: string,
): string {
  const requested: number = own(requestedAmounts, resource) ?? 0;
  const allocatable: number | undefined = own(allocatableAmounts, resource);
  const used = formatAmount(resource, requested);
  if (allocatable === undefined) return requested > 0 ? `${used} (not declared)` : '-';
  const share: number | undefined = own(sharePercent, resource);
  return `${used} / ${formatAmount(resource, allocatable)}${share !== undefined ? ` (${formatPercent(share)})` : ''}`;
}

/** Whether a profile stands for a node pool (grouped, or declared with a count other than 1). @internal */
export function isPool(p: TaxReportProfile): boolean {
  return p.count !== 1 || Object.keys(p.poolLabels).length > 0;
}

/** ` ×5` after a pool's name, nothing after a single node's. @internal */
export function countSuffix(p: TaxReportProfile): string {
  return isPool(p) ? ` ×${p.count}` : '';
}

/** A profile as a column title: `workers ×5`, or the node's name. @internal */
export function profileTitle(p: TaxReportProfile): string {
  return `${p.name}${countSuffix(p)}`;
}

/** The nodes a pool was formed from, at most `max` by name: `w1, w2, w3 and 7 more`. @internal */
export function nodeNamesText(p: TaxReportProfile, max = 6): string {
  if (p.nodes.length <= max) return p.nodes.join(', ');
  return `${p.nodes.slice(0, max).join(', ')} and ${p.nodes.length - max} more`;
}

/** Whether a profile is a node pool formed from Node objects (not one declared with its count). @internal */
export function isGroupedPool(p: TaxReportProfile): boolean {
  return isPool(p) && p.nodes.length > 0;
}

/** How a pool was formed from Node objects: `cloud.google.com/gke-nodepool=workers; nodes w1, w2`, and why it was split. @internal */
export function poolText(p: TaxReportProfile): string {
  const labels = Object.entries(p.poolLabels).map(([k, v]) => `${k}=${v}`).join(', ');
  return [labels, `nodes ${nodeNamesText(p)}`, ...(p.splitReason ? [p.splitReason] : [])].filter(x => x !== '').join('; ');
}

/** Header of the cluster totals table. @internal */
export function totalsTableHeader(extra: string[], style: ProfileRowStyle): string[] {
  return ['Profile', 'Nodes', 'cpu', 'memory', 'pods', ...extra.map(style.code)];
}

/** The rows of the cluster totals table: one per profile, then the sum over all nodes. @internal */
export function totalsTableRows(report: DaemonSetTaxReport, extra: string[], title: (p: TaxReportProfile) => string): string[][] {
  const resources = ['cpu', 'memory', 'pods', ...extra];
  const t = report.totals;
  return [
    ...report.profiles.map(p => [title(p), String(p.count), ...resources.map(r => totalUsageText(p, r))]),
    ['all nodes', String(t.nodes), ...resources.map(r => amountsText(t.requested, t.allocatable, t.sharePercent, r))],
  ];
}

/** A percentage with one decimal at most: `5.2%`, `100%`. @internal */
export function formatPercent(value: number): string {
  return `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
}

/** Resources beyond cpu, memory and pods that some profile's DaemonSets request. @internal */
export function extraResources(report: DaemonSetTaxReport): string[] {
  const all = new Set<string>();
  for (const p of report.profiles) for (const r of Object.keys(p.requested)) all.add(r);
  return [...all].filter(r => r !== 'cpu' && r !== 'memory' && r !== 'pods').sort();
}

/** `5 DaemonSets on 6 node profiles: 1 error, 2 warnings`. @internal */
export function summaryLine(report: DaemonSetTaxReport): string {
  const errors = report.findings.filter(f => f.severity === Severity.ERROR).length;
  const warnings = report.findings.filter(f => f.severity === Severity.WARNING).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const nodes = report.totals.nodes === report.profiles.length ? '' : ` (${plural(report.totals.nodes, 'node')})`;
  return `${plural(report.daemonSets.length, 'DaemonSet')} on ${plural(report.profiles.length, 'node profile')}${nodes}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** The matrix's cell for a row and column. @internal */
export function cellAt(report: DaemonSetTaxReport, rowIndex: number, profileIndex: number): TaxReportCell {
  return report.cells[rowIndex * report.profiles.length + profileIndex];
}

/** The object a finding is about: `DaemonSet logging/fluent-bit`. @internal */
export function findingObject(f: { kind?: string; namespace?: string; name?: string }): string {
  return f.kind ? `${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name ?? '?'}` : 'object';
}

/** How a renderer marks up the profile table's cells. @internal */
export interface ProfileRowStyle {
  /** Marks up a name (a profile, a taint). */
  readonly code: (s: string) => string;
  /** Shown for an empty list. */
  readonly none: string;
  /** Shown in the Fits column when the agents do not fit. */
  readonly notFit: string;
}

/** Header of the per-profile table (`extra`: the extended resources any profile or DaemonSet has). @internal */
export function profileTableHeader(extra: string[], style: ProfileRowStyle): string[] {
  return ['Profile', 'OS/arch', 'Taints', 'DaemonSets', 'cpu', 'memory', 'pods', ...extra.map(style.code), 'Host ports', 'Pod Security', 'Fits'];
}

/** The cells of one profile's row in the per-profile table, in profileTableHeader order. @internal */
export function profileRowCells(p: TaxReportProfile, extra: string[], style: ProfileRowStyle): string[] {
  return [
    `${style.code(p.name)}${countSuffix(p)}`,
    `${p.os}/${p.arch}`,
    p.taints.length ? p.taints.map(style.code).join(' ') : style.none,
    String(p.daemonSets.length),
    usageText(p, 'cpu'),
    usageText(p, 'memory'),
    usageText(p, 'pods'),
    ...extra.map(r => usageText(p, r)),
    p.hostPorts.length ? p.hostPorts.join(' ') : style.none,
    p.podSecurityLevel,
    p.fits ? 'yes' : style.notFit,
  ];
}
