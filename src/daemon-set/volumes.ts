import * as kplus from 'cdk8s-plus-27';
import { fieldError } from './checks';

/** The pod's volumes: those added to the pod and those its containers and init containers mount, by name. */
export function allVolumes(pod: kplus.AbstractPod): kplus.Volume[] {
  const volumes = new Map<string, kplus.Volume>();
  for (const v of pod.volumes) volumes.set(v.name, v);
  for (const c of [...pod.containers, ...pod.initContainers]) {
    for (const m of c.mounts) volumes.set(m.volume.name, m.volume);
  }
  return [...volumes.values()];
}

/** A volume of the pod by name. */
export function volumeNamed(pod: kplus.AbstractPod, name: string): kplus.Volume | undefined {
  return allVolumes(pod).find(v => v.name === name);
}

/** `base` (trimmed to a label), or `base-2`, `base-3`, ... when the pod already has a volume of that name. */
export function uniqueVolumeName(pod: kplus.AbstractPod, base: string): string {
  const trimmed = base.substring(0, 63).replace(/-+$/, '');
  // One pass over the volumes, not one per candidate.
  const taken = new Set(allVolumes(pod).map(v => v.name));
  if (!taken.has(trimmed)) return trimmed;
  for (let i = 2; ; i++) {
    const candidate = `${trimmed.substring(0, 60)}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The containers a mount goes into: those named (containers or init containers), or every container
 * (not init containers) when none is named.
 * @param at the DaemonSet's message prefix, `DaemonSet '<path>'`
 */
export function selectContainers(pod: kplus.AbstractPod, at: string, field: string, names?: string[]): kplus.Container[] {
  const all = [...pod.containers, ...pod.initContainers];
  if (names === undefined) {
    if (pod.containers.length === 0) throw fieldError(at, field, 'the DaemonSet has no containers yet; add containers first or name them in options.containers');
    return pod.containers;
  }
  return names.map(n => {
    const c = all.find(x => x.name === n);
    if (!c) throw fieldError(at, field, `container '${n}' does not exist; containers: ${all.map(x => `'${x.name}'`).join(', ') || 'none'}`);
    return c;
  });
}

/** Throws when one of the containers already mounts something at `mountPath`. */
export function checkMountPathFree(at: string, field: string, mountPath: string, targets: kplus.Container[]): void {
  const taken = targets.find(c => c.mounts.some(m => m.path === mountPath));
  if (taken) throw fieldError(at, field, `container '${taken.name}' already mounts a volume at '${mountPath}'; mount paths must be unique per container`);
}
