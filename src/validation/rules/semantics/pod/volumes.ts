import { checkClaimTemplate } from './claim-template';
import { PodContext } from './context';
import { checkVolumeItems } from './volume-items';
import { parseQuantity } from '../../../../k8s/quantity';
import { isObject, structItems, text } from '../../../../k8s/shape';
import { checkDns1123Label, checkDns1123Subdomain } from '../../../../k8s/syntax';

type Json = { [key: string]: any };

/** The volume sources of `core/v1 VolumeSource`, in the order the API server counts them. */
export const VOLUME_SOURCES: readonly string[] = [
  'emptyDir', 'hostPath', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'flocker', 'persistentVolumeClaim', 'rbd', 'cinder', 'cephfs', 'quobyte', 'downwardAPI', 'fc', 'flexVolume', 'configMap',
  'azureFile', 'vsphereVolume', 'photonPersistentDisk', 'portworxVolume', 'azureDisk', 'storageos', 'projected', 'scaleIO',
  'csi', 'ephemeral', 'image',
];

/**
 * The fields each (rarely used) source requires, as its `validate<Source>VolumeSource` function does: an empty or
 * missing value is "Required value". Sources with more rules have their own function below.
 */
const REQUIRED_FIELDS: { readonly [source: string]: readonly string[] } = {
  gcePersistentDisk: ['pdName'],
  awsElasticBlockStore: ['volumeID'],
  iscsi: ['targetPortal', 'iqn'],
  glusterfs: ['endpoints', 'path'],
  persistentVolumeClaim: ['claimName'],
  rbd: ['monitors', 'image'],
  cinder: ['volumeID'],
  cephfs: ['monitors'],
  quobyte: ['registry', 'volume'],
  flexVolume: ['driver'],
  azureFile: ['secretName', 'shareName'],
  vsphereVolume: ['volumePath'],
  photonPersistentDisk: ['pdID'],
  portworxVolume: ['volumeID'],
  azureDisk: ['diskName', 'diskURI'],
  storageos: ['volumeName'],
  scaleIO: ['gateway', 'system', 'volumeName'],
  gitRepo: ['repository'],
  secret: ['secretName'],
  configMap: ['name'],
  nfs: ['server', 'path'],
  image: ['reference'],
};

const SOURCE_RANK = new Map(VOLUME_SOURCES.map((source, rank) => [source, rank]));

/**
 * The sources a volume sets (not undefined or null), in `VOLUME_SOURCES` order: found among the volume's own few
 * keys rather than by looking up each of the 30 sources in it.
 */
function sourcesOf(v: Json): string[] {
  const found: string[] = [];
  for (const key in v) {
    if (SOURCE_RANK.has(key) && v[key] !== undefined && v[key] !== null) found.push(key);
  }
  if (found.length > 1) found.sort((a, b) => SOURCE_RANK.get(a)! - SOURCE_RANK.get(b)!);
  return found;
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Volumes: a name that is a DNS-1123 label and unique; at most one source (none is an emptyDir); each source's required fields and rules
 * (hostPath without '..' — a relative hostPath is accepted —, NFS path absolute, emptyDir sizeLimit not negative,
 * CSI driver name, ephemeral claim template (./claim-template), items and modes). Returns the volumes the API server accepts, by name
 * (an invalid volume is not one a mount can name). Mirrors `ValidateVolumes` and `validateVolumeSource` in
 * pkg/apis/core/validation/validation.go.
 * @internal
 */
export function checkVolumes(outer: PodContext): Map<string, Json> {
  const volumes = new Map<string, Json>();
  // Like ValidateVolumes, only a volume without problems is one a mount may name: `problems` counts each volume's.
  let problems = 0;
  const add: PodContext['add'] = (...args) => { problems++; outer.add(...args); };
  const ctx: PodContext = { ...outer, add };
  for (const { item: v, index: i } of structItems(outer.spec.volumes)) {
    problems = 0;
    const at = `volumes[${i}]`;
    const name = typeof v.name === 'string' ? v.name : '';
    if (name === '') {
      if (v.name === undefined || v.name === null || v.name === '') add('volume-names', `${at}.name`, 'volume name is required');
    } else {
      const p = checkDns1123Label(name);
      if (p) add('volume-names', `${at}.name`, `volume name '${name}' ${p}`);
      if (volumes.has(name)) add('volume-names', `${at}.name`, `volume name '${name}' is used twice; volume names must be unique in a pod`);
    }
    const sources = sourcesOf(v);
    // A volume without a source (none given, or each null) is an emptyDir: the API server defaults it before
    // validating (mirrors SetDefaults_Volume in pkg/apis/core/v1/defaults.go), so it is accepted.
    if (sources.length === 0) sources.push('emptyDir');
    for (const extra of sources.slice(1)) add('volume-sources', `${at}.${extra}`, `volume '${name}' may not specify more than 1 volume type (it has ${sources.join(' and ')})`);
    if (sources.length > 0) checkSource(ctx, sources[0], isObject(v[sources[0]]) ? v[sources[0]] : {}, `${at}.${sources[0]}`, name);
    if (problems === 0 && name !== '') volumes.set(name, v[sources[0]] === undefined || v[sources[0]] === null ? { ...v, emptyDir: {} } : v);
  }
  return volumes;
}

function checkSource(ctx: PodContext, source: string, s: Json, path: string, name: string): void {
  const { add } = ctx;
  for (const f of REQUIRED_FIELDS[source] ?? []) {
    if (empty(s[f])) add('volume-sources', `${path}.${f}`, `volume '${name}': ${source}.${f} is required`);
  }
  switch (source) {
    case 'hostPath':
      checkHostPath(ctx, s, path, name);
      break;
    case 'nfs':
      if (typeof s.path === 'string' && !s.path.startsWith('/')) add('volume-sources', `${path}.path`, `volume '${name}': nfs path '${s.path}' must be an absolute path`);
      break;
    case 'emptyDir':
      checkSizeLimit(ctx, s.sizeLimit, `${path}.sizeLimit`, name);
      break;
    case 'csi':
      checkCsi(ctx, s, path, name);
      break;
    case 'ephemeral':
      if (!isObject(s.volumeClaimTemplate)) add('volume-sources', `${path}.volumeClaimTemplate`, `volume '${name}': ephemeral.volumeClaimTemplate is required`);
      else checkClaimTemplate(ctx, s.volumeClaimTemplate, `${path}.volumeClaimTemplate`, name);
      break;
    case 'gitRepo':
      if (typeof s.directory === 'string' && (s.directory.startsWith('/') || s.directory.split('/').includes('..'))) {
        add('volume-sources', `${path}.directory`, `volume '${name}': gitRepo directory '${s.directory}' must be a relative path without '..'`);
      }
      break;
    default:
      break;
  }
  checkVolumeItems(ctx, source, s, path, name);
}

/** `validateHostPathVolumeSource`: a path, without '..' elements (it may be relative); the type enum is the schema's. */
function checkHostPath({ add }: PodContext, s: Json, path: string, name: string): void {
  if (typeof s.path !== 'string' || s.path === '') {
    if (empty(s.path)) add('host-path', `${path}.path`, `volume '${name}': hostPath.path is required`);
    return;
  }
  if (s.path.split('/').includes('..')) add('host-path', `${path}.path`, `hostPath '${s.path}' of volume '${name}' must not contain '..'`);
}

function checkSizeLimit({ add }: PodContext, limit: unknown, path: string, name: string): void {
  if (typeof limit !== 'string' && typeof limit !== 'number') return;
  const q = parseQuantity(limit);
  if (q === undefined) add('volume-sources', path, `volume '${name}': emptyDir sizeLimit '${limit}' is not a quantity (e.g. '1Gi')`);
  else if (q < 0) add('volume-sources', path, `volume '${name}': emptyDir sizeLimit ${text(limit)} must be a valid resource quantity (not negative)`);
}

/** `validateCSIVolumeSource`: a driver name (`ValidateCSIDriverName`) and a node-publish secret name. */
function checkCsi({ add }: PodContext, s: Json, path: string, name: string): void {
  const driver = typeof s.driver === 'string' ? s.driver : '';
  if (driver === '') {
    add('volume-sources', `${path}.driver`, `volume '${name}': csi.driver is required`);
  } else if (driver.length > 63) {
    add('volume-sources', `${path}.driver`, `volume '${name}': csi driver '${driver}' must be no more than 63 characters`);
  } else if (checkDns1123Subdomain(driver.toLowerCase())) {
    add('volume-sources', `${path}.driver`, `volume '${name}': csi driver '${driver}' must consist of alphanumerics, '-' or '.', and start and end with an alphanumeric`);
  }
  const secret = s.nodePublishSecretRef;
  if (isObject(secret)) {
    if (empty(secret.name)) add('volume-sources', `${path}.nodePublishSecretRef.name`, `volume '${name}': csi.nodePublishSecretRef.name is required`);
    else if (typeof secret.name === 'string' && checkDns1123Subdomain(secret.name)) add('volume-sources', `${path}.name`, `volume '${name}': secret name '${secret.name}' ${checkDns1123Subdomain(secret.name)}`);
  }
}
