import { Checked, isSet } from './checked';
import { asList, asObject, structItems, text } from '../../../../k8s/shape';
import { Add } from '../checks';

type Json = { [key: string]: any };

const hasBackstep = (p: string) => p.split('/').includes('..');

/** Mirrors `validateLocalDescendingPath`: relative, without '..' elements. */
function descendingPathProblem(p: string): string | undefined {
  if (p.startsWith('/')) return 'must be a relative path';
  if (hasBackstep(p)) return 'must not contain \'..\'';
  return undefined;
}

/**
 * A container's volumeMounts. Mirrors `ValidateVolumeMounts` in pkg/apis/core/validation/validation.go: a name
 * of a pod volume, a mountPath (required and unique; a relative one is accepted, the kubelet resolves it),
 * relative subPath / subPathExpr without '..' and not both, no name or path shared with volumeDevices,
 * `validateMountPropagation` (Bidirectional only for privileged containers; the enum is the schema's) and
 * `validateMountRecursiveReadOnly`.
 */
export function checkMounts({ c, path, who }: Checked, volumes: Map<string, Json>, spec: Json, add: Add): void {
  const mountPaths = new Set<string>();
  const devices = devicesOf(c);
  // A volume the pod lists but the API server refuses is not found either; its own problem says why, once.
  // (Listed only when a mount names a volume the pod does not accept: most mounts name an accepted one.)
  let listed: Set<unknown> | undefined;
  for (const { item: m, index: j } of structItems(c.volumeMounts)) {
    const mp = `${path}.volumeMounts[${j}]`;
    const name = m.name ?? '';
    if (typeof name === 'string' && !volumes.has(name)
      && !(name !== '' && (listed ??= new Set(structItems(spec.volumes).map(({ item }) => item.name))).has(name))) {
      const known = [...volumes.keys()];
      add('volume-mounts', `${mp}.name`, name === ''
        ? `${who} volumeMounts[${j}] has no name; the name of a pod volume is required`
        : `${who} mounts volume '${name}', which the pod does not define; defined volumes: ${known.length ? known.map(k => `'${k}'`).join(', ') : 'none'}`);
    }
    if (typeof name === 'string' && devices.names.has(name)) add('volume-mounts', `${mp}.name`, `${who} mounts volume '${name}' that is also one of its volumeDevices; a volume is either mounted or a device`);
    const mountPath = m.mountPath ?? '';
    if (typeof mountPath !== 'string') continue;
    if (mountPath === '') add('volume-mounts', `${mp}.mountPath`, `${who} mount of '${text(name)}' has no mountPath; a mountPath is required`);
    else if (mountPaths.has(mountPath)) add('volume-mounts', `${mp}.mountPath`, `${who} mounts two volumes at '${mountPath}'; mount paths must be unique per container`);
    mountPaths.add(mountPath);
    if (mountPath !== '' && devices.paths.has(mountPath)) add('volume-mounts', `${mp}.mountPath`, `${who} mountPath '${mountPath}' is also a devicePath of its volumeDevices`);
    checkSubPaths(m, mp, who, add);
    // An empty mountPropagation is not unset: mirrors validateMountPropagation (the schema lets '' through).
    if (m.mountPropagation === '') add('mount-propagation', `${mp}.mountPropagation`, `${who} mountPropagation "" of '${mountPath}' is not supported; supported values: "Bidirectional", "HostToContainer", "None" (or leave it unset)`);
    if (m.mountPropagation === 'Bidirectional' && asObject(c.securityContext).privileged !== true) {
      add('mount-propagation', `${mp}.mountPropagation`, `${who} mounts '${mountPath}' with Bidirectional propagation, which only privileged containers may use; use HostToContainer or make the container privileged`);
    }
    checkRecursiveReadOnly(m, mp, who, add);
  }
}

function checkSubPaths(m: Json, mp: string, who: string, add: Add): void {
  for (const f of ['subPath', 'subPathExpr']) {
    if (typeof m[f] !== 'string' || m[f] === '') continue;
    const problem = descendingPathProblem(m[f]);
    if (problem) add('volume-mounts', `${mp}.${f}`, `${who} ${f} '${m[f]}' ${problem}`);
  }
  if (typeof m.subPath === 'string' && m.subPath !== '' && typeof m.subPathExpr === 'string' && m.subPathExpr !== '') {
    add('volume-mounts', `${mp}.subPathExpr`, `${who} mount at '${text(m.mountPath)}' sets both subPath and subPathExpr; subPathExpr and subPath are mutually exclusive`);
  }
}

/** Mirrors `validateMountRecursiveReadOnly`: Enabled or IfPossible need readOnly and no (or None) propagation. */
function checkRecursiveReadOnly(m: Json, mp: string, who: string, add: Add): void {
  const rro = m.recursiveReadOnly;
  if (!isSet(rro) || typeof rro !== 'string' || rro === 'Disabled') return;
  if (rro !== 'Enabled' && rro !== 'IfPossible') {
    add('volume-mounts', `${mp}.recursiveReadOnly`, `${who} recursiveReadOnly '${rro}' is not supported; supported values: 'Disabled', 'Enabled', 'IfPossible'`);
    return;
  }
  if (m.readOnly !== true) add('volume-mounts', `${mp}.recursiveReadOnly`, `${who} recursiveReadOnly ${rro} may only be specified when readOnly is true`);
  if (isSet(m.mountPropagation) && m.mountPropagation !== 'None') add('volume-mounts', `${mp}.recursiveReadOnly`, `${who} recursiveReadOnly ${rro} may only be specified when mountPropagation is None or not specified`);
}

/** The devices of a container without volumeDevices (nearly every container): nothing to build. */
const NO_DEVICES: { readonly names: ReadonlySet<string>; readonly paths: ReadonlySet<string> } = { names: new Set(), paths: new Set() };

function devicesOf(c: Json): { readonly names: ReadonlySet<string>; readonly paths: ReadonlySet<string> } {
  if (asList(c.volumeDevices).length === 0) return NO_DEVICES;
  const items = structItems(c.volumeDevices).map(({ item }) => item);
  return {
    names: new Set(items.map(d => d.name).filter((n): n is string => typeof n === 'string' && n !== '')),
    paths: new Set(items.map(d => d.devicePath).filter((p): p is string => typeof p === 'string' && p !== '')),
  };
}

/**
 * A container's volumeDevices. Mirrors `ValidateVolumeDevices`: a unique name of a persistentVolumeClaim or
 * ephemeral volume of the pod, a unique devicePath without '..', neither shared with its volumeMounts.
 */
export function checkDevices({ c, path, who }: Checked, volumes: Map<string, Json>, add: Add): void {
  if (asList(c.volumeDevices).length === 0) return;
  const names = new Set<string>();
  const paths = new Set<string>();
  const mounts = structItems(c.volumeMounts).map(({ item }) => item);
  for (const { item: d, index: j } of structItems(c.volumeDevices)) {
    const dp = `${path}.volumeDevices[${j}]`;
    const name = d.name ?? '';
    const devicePath = d.devicePath ?? '';
    if (typeof name !== 'string' || typeof devicePath !== 'string') continue;
    const volume = volumes.get(name);
    if (name === '') add('volume-devices', `${dp}.name`, `${who} volumeDevices[${j}] has no name; the name of a pod volume is required`);
    else if (volume === undefined) add('volume-devices', `${dp}.name`, `${who} volumeDevice '${name}' names no volume of the pod (Not found)`);
    else if (!isSet(volume.persistentVolumeClaim) && !isSet(volume.ephemeral)) add('volume-devices', `${dp}.name`, `${who} volumeDevice '${name}' can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode`);
    if (names.has(name)) add('volume-devices', `${dp}.name`, `${who} volumeDevice name '${name}' must be unique`);
    if (devicePath === '') add('volume-devices', `${dp}.devicePath`, `${who} volumeDevice '${name}' has no devicePath; a devicePath is required`);
    else if (paths.has(devicePath)) add('volume-devices', `${dp}.devicePath`, `${who} devicePath '${devicePath}' must be unique`);
    if (hasBackstep(devicePath)) add('volume-devices', `${dp}.devicePath`, `${who} devicePath '${devicePath}' can not contain backsteps ('..')`);
    if (name !== '' && mounts.some(m => m.name === name)) add('volume-devices', `${dp}.name`, `${who} volumeDevice '${name}' must not already exist in volumeMounts`);
    if (mounts.some(m => m.mountPath === devicePath)) add('volume-devices', `${dp}.devicePath`, `${who} devicePath '${devicePath}' must not already exist as a path in volumeMounts`);
    if (name !== '') names.add(name);
    if (!hasBackstep(devicePath)) paths.add(devicePath);
  }
}
