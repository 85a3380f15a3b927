import { PlacedDaemonSet } from '../../../scheduling/daemon-set-placement';

// Helpers shared by the placement-fit rules.

export const SPEC = 'spec.template.spec';

export function list(names: string[]): string {
  return names.map(n => `'${n}'`).join(', ');
}

/** `.path` for a path below the pod spec; nothing when there is none. */
export function atPath(path: string | undefined): string {
  return path === undefined ? '' : `.${path}`;
}

export function landing(placed: PlacedDaemonSet[], profileIndex: number): PlacedDaemonSet[] {
  return placed.filter(d => d.decisions[profileIndex].schedules);
}
