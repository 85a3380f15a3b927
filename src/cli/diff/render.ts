/**
 * The renderers of `cdk8s-daemonsets diff`: text for a terminal, Markdown for a pull request
 * comment, JSON for CI tools (the contract documented on `runDiff`).
 */
import type { DiffObject, DiffResult } from './model';

function objectName(o: DiffObject): string {
  return `${o.kind} ${o.namespace !== null ? `${o.namespace}/` : ''}${o.name}`;
}

/** `2 modified, 1 added, 0 removed, 5 unchanged; 1 rolls pods; 1 refused by the API server`. */
export function summaryLine(diff: DiffResult): string {
  const count = (c: string) => diff.objects.filter(o => o.change === c).length;
  const rolling = diff.objects.filter(o => o.rollout).length;
  const refused = diff.objects.filter(o => o.immutablePaths.length > 0).length;
  const warnings = diff.findings.filter(f => f.severity === 'warning').length;
  return `${count('modified')} modified, ${count('added')} added, ${count('removed')} removed, ${count('unchanged')} unchanged; `
    + `${rolling} ${rolling === 1 ? 'rolls' : 'roll'} pods; ${refused} refused by the API server; ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

/** The JSON contract: `{ objects: [...], summary: {...} }`, two-space indented. */
export function renderJson(diff: DiffResult): string {
  const count = (c: string) => diff.objects.filter(o => o.change === c).length;
  const summary = {
    added: count('added'),
    removed: count('removed'),
    modified: count('modified'),
    unchanged: count('unchanged'),
    rollouts: diff.objects.filter(o => o.rollout).length,
    refused: diff.objects.filter(o => o.immutablePaths.length > 0).length,
    warnings: diff.findings.filter(f => f.severity === 'warning').length,
  };
  const objects = diff.objects.map(o => ({
    apiVersion: o.apiVersion,
    kind: o.kind,
    namespace: o.namespace,
    name: o.name,
    change: o.change,
    rollout: o.rollout,
    rolloutPaths: o.rolloutPaths,
    immutablePaths: o.immutablePaths,
    waves: o.waves,
    maxAtOnce: o.maxAtOnce,
    nodes: o.nodes,
    changedPaths: o.changedPaths,
    configChanges: o.configChanges,
    notes: o.notes,
  }));
  return `${JSON.stringify({ objects, summary }, undefined, 2)}\n`;
}

/** One block per added, removed or modified object, then the summary line. */
export function renderText(diff: DiffResult): string {
  const out: string[] = [];
  for (const o of diff.objects.filter(x => x.change !== 'unchanged')) {
    const flags = [o.change, ...(o.rollout ? ['rolls pods'] : []), ...(o.immutablePaths.length ? ['REFUSED by the API server'] : [])];
    out.push(`${objectName(o)}: ${flags.join(', ')}`);
    if (o.changedPaths.length) out.push(`  changed: ${o.changedPaths.join(', ')}`);
    for (const n of o.notes) out.push(`  ${n}`);
  }
  if (out.length === 0) out.push('no changes');
  out.push(summaryLine(diff));
  return `${out.join('\n')}\n`;
}

/** Text safe inside Markdown (tables included). */
function md(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/([*_<>[\]`])/g, '\\$1');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, '\'').replace(/\|/g, '\\|')}\``;
}

/** A table of the changed objects and a section per changed object, for a pull request comment. */
export function renderMarkdown(diff: DiffResult): string {
  const changed = diff.objects.filter(o => o.change !== 'unchanged');
  const refused = changed.filter(o => o.immutablePaths.length > 0).length;
  const out: string[] = ['## cdk8s-daemonsets diff', '', md(summaryLine(diff)), ''];
  if (refused > 0) out.push(`**The API server will refuse ${refused} of these updates.**`, '');
  if (changed.length === 0) {
    out.push('No changes.');
    return `${out.join('\n')}\n`;
  }
  out.push('| Object | Change | Rolls pods | Waves | Refused paths |', '| --- | --- | --- | --- | --- |');
  for (const o of changed) {
    out.push(`| ${code(objectName(o))} | ${o.change} | ${o.rollout ? 'yes' : 'no'} | ${o.waves ?? '–'} | ${o.immutablePaths.map(code).join(', ') || '–'} |`);
  }
  for (const o of changed.filter(x => x.notes.length > 0 || x.changedPaths.length > 0)) {
    out.push('', `### ${code(objectName(o))}`, '');
    if (o.changedPaths.length) out.push(`- changed: ${o.changedPaths.map(code).join(', ')}`);
    for (const n of o.notes) out.push(`- ${md(n)}`);
  }
  return `${out.join('\n')}\n`;
}
