import { PodContext } from './context';
import { fieldSelectorProblems, resourceFieldSelectorProblems, VOLUME_FIELD_PATHS } from '../../../../k8s/downward-api';
import { isObject, structItems, text } from '../../../../k8s/shape';

type Json = { [key: string]: any };

/** The largest file mode a volume item may set: 0777 (`fileModeErrorMsg`). */
const MAX_FILE_MODE = 0o777;

/** The projection sources of a projected volume (`core/v1 VolumeProjection`). */
const PROJECTIONS = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'];

/**
 * The items and file modes of configMap, secret, downwardAPI and projected volumes: each item's key, a relative path
 * without '..' (`ValidateLocalNonReservedPath`), modes between 0 and 0777; downward API fields the volume may read;
 * one source per projection, no path twice, service account token lifetimes between 10 minutes and 2^32 seconds.
 * Mirrors `validateKeyToPath`, `validateDownwardAPIVolumeFile`, `validateProjectionSources` and the `defaultMode`
 * checks of `validate{Secret,ConfigMap,DownwardAPI,Projected}VolumeSource` in pkg/apis/core/validation/validation.go.
 * @internal
 */
export function checkVolumeItems(ctx: PodContext, source: string, s: Json, path: string, name: string): void {
  if (!['secret', 'configMap', 'downwardAPI', 'projected'].includes(source)) return;
  checkMode(ctx, s.defaultMode, `${path}.defaultMode`, name);
  if (source === 'secret' || source === 'configMap') {
    for (const { item, index } of structItems(s.items)) checkKeyToPath(ctx, item, `${path}.items[${index}]`, name);
  } else if (source === 'downwardAPI') {
    for (const { item, index } of structItems(s.items)) checkDownwardFile(ctx, item, `${path}.items[${index}]`, name);
  } else {
    checkProjections(ctx, s, path, name);
  }
}

function checkProjections(ctx: PodContext, s: Json, path: string, name: string): void {
  const { add } = ctx;
  const paths = new Set<string>();
  const claim = (p: unknown, at: string) => {
    if (typeof p !== 'string' || p === '') return;
    if (paths.has(p)) add('volume-items', at, `volume '${name}': path '${p}' is projected twice (conflicting duplicate paths)`);
    paths.add(p);
  };
  for (const { item: src, index } of structItems(s.sources)) {
    const at = `${path}.sources[${index}]`;
    const kinds = PROJECTIONS.filter(k => src[k] !== undefined && src[k] !== null);
    if (kinds.length > 1) add('volume-items', at, `volume '${name}': a projection source may not specify more than 1 volume type per source (it has ${kinds.join(' and ')})`);
    for (const kind of ['secret', 'configMap'] as const) {
      if (!isObject(src[kind])) continue;
      const ref = src[kind];
      if (ref.name === undefined || ref.name === null || ref.name === '') add('volume-items', `${at}.${kind}.name`, `volume '${name}': projected ${kind} name is required`);
      for (const { item, index: j } of structItems(ref.items)) {
        checkKeyToPath(ctx, item, `${at}.${kind}.items[${j}]`, name);
        claim(item.path, path);
      }
    }
    if (isObject(src.downwardAPI)) {
      for (const { item, index: j } of structItems(src.downwardAPI.items)) {
        checkDownwardFile(ctx, item, `${at}.downwardAPI.items[${j}]`, name);
        claim(item.path, path);
      }
    }
    if (isObject(src.serviceAccountToken)) {
      const t = src.serviceAccountToken;
      const exp = t.expirationSeconds;
      // Unset, it defaults to 3600.
      if (typeof exp === 'number' && exp < 600) add('volume-items', `${at}.serviceAccountToken.expirationSeconds`, `volume '${name}': expirationSeconds ${exp} may not specify a duration less than 10 minutes (600)`);
      if (typeof exp === 'number' && exp > 2 ** 32) add('volume-items', `${at}.serviceAccountToken.expirationSeconds`, `volume '${name}': expirationSeconds ${exp} may not specify a duration larger than 2^32 seconds`);
      if (t.path === undefined || t.path === null || t.path === '') add('volume-items', `${path}.path`, `volume '${name}': serviceAccountToken path is required`);
      else checkLocalPath(ctx, t.path, `${path}.path`, name);
    }
    if (isObject(src.clusterTrustBundle)) {
      const b = src.clusterTrustBundle;
      if (b.path === undefined || b.path === null || b.path === '') add('volume-items', `${at}.clusterTrustBundle.path`, `volume '${name}': clusterTrustBundle path is required`);
      else checkLocalPath(ctx, b.path, `${at}.clusterTrustBundle.path`, name);
      claim(b.path, path);
      if (b.name != null && b.signerName != null) add('volume-items', `${at}.clusterTrustBundle`, `volume '${name}': only one of clusterTrustBundle name and signerName may be used`);
      else if (b.name == null && b.signerName == null) add('volume-items', `${at}.clusterTrustBundle`, `volume '${name}': either clusterTrustBundle name or signerName must be specified`);
    }
  }
}

/** `validateKeyToPath`: a key, a relative path without '..', a mode within 0..0777. */
function checkKeyToPath(ctx: PodContext, item: Json, at: string, name: string): void {
  const { add } = ctx;
  if (item.key === undefined || item.key === null || item.key === '') add('volume-items', `${at}.key`, `volume '${name}': item key is required`);
  if (item.path === undefined || item.path === null || item.path === '') add('volume-items', `${at}.path`, `volume '${name}': item path is required`);
  else checkLocalPath(ctx, item.path, `${at}.path`, name);
  checkMode(ctx, item.mode, `${at}.mode`, name);
}

/** `validateDownwardAPIVolumeFile`: a path, exactly one of fieldRef (fields a volume may read) and resourceFieldRef. */
function checkDownwardFile(ctx: PodContext, item: Json, at: string, name: string): void {
  const { add } = ctx;
  if (item.path === undefined || item.path === null || item.path === '') add('volume-items', `${at}.path`, `volume '${name}': downwardAPI item path is required`);
  else checkLocalPath(ctx, item.path, `${at}.path`, name);
  const hasField = isObject(item.fieldRef);
  const hasResource = isObject(item.resourceFieldRef);
  if (hasField) {
    for (const p of fieldSelectorProblems(item.fieldRef, VOLUME_FIELD_PATHS)) add('volume-items', `${at}.fieldRef${p.field ? `.${p.field}` : ''}`, `volume '${name}': downwardAPI fieldRef ${p.message}`);
    if (hasResource) add('volume-items', at, `volume '${name}': fieldRef and resourceFieldRef can not be specified simultaneously`);
  } else if (hasResource) {
    for (const p of resourceFieldSelectorProblems(item.resourceFieldRef, true)) add('volume-items', `${at}.resourceFieldRef${p.field ? `.${p.field}` : ''}`, `volume '${name}': downwardAPI resourceFieldRef ${p.message}`);
  } else {
    add('volume-items', at, `volume '${name}': one of fieldRef and resourceFieldRef is required`);
  }
  checkMode(ctx, item.mode, `${at}.mode`, name);
}

/** `ValidateLocalNonReservedPath`: relative, no '..' element, not starting with '..'. */
function checkLocalPath({ add }: PodContext, p: unknown, at: string, name: string): void {
  if (typeof p !== 'string') return;
  if (p.startsWith('/')) add('volume-items', at, `volume '${name}': path '${p}' must be a relative path`);
  if (p.split('/').includes('..')) add('volume-items', at, `volume '${name}': path '${p}' must not contain '..'`);
  else if (p.startsWith('..')) add('volume-items', at, `volume '${name}': path '${p}' must not start with '..'`);
}

function checkMode({ add }: PodContext, mode: unknown, at: string, name: string): void {
  if (typeof mode !== 'number') return;
  if (mode < 0 || mode > MAX_FILE_MODE) {
    add('volume-items', at, `volume '${name}': mode ${text(mode)} (octal ${mode.toString(8)}) must be a number between 0 and 0777 (octal, 511 decimal), both inclusive`);
  }
}
