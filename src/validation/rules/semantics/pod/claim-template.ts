import { PodContext } from './context';
import { parseQuantity } from '../../../../k8s/quantity';
import { asList, asObject, entriesOf, isObject, text } from '../../../../k8s/shape';
import { checkDns1123Subdomain } from '../../../../k8s/syntax';
import { checkLabelsAndAnnotations } from '../metadata';

/** The access modes a claim may ask for (`supportedAccessModes`). */
const ACCESS_MODES: readonly string[] = ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'];
/** The volume modes (`supportedVolumeModes`). */
const VOLUME_MODES: readonly string[] = ['Block', 'Filesystem'];
/** The only metadata a claim template may set (`allowedTemplateObjectMetaFields`). */
const TEMPLATE_META_FIELDS: ReadonlySet<string> = new Set(['labels', 'annotations']);

/** Go's zero value for a JSON field: what `validateFieldAllowList` reads as not set. */
const isZero = (v: unknown) => v === null || v === undefined || v === '' || v === 0 || v === false
  || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);

/**
 * An ephemeral volume's claim template: metadata with only labels and annotations, both valid, and a claim spec
 * with at least one supported access mode (ReadWriteOncePod alone), a storage request that is a non-negative
 * quantity, a storageClassName that is a DNS-1123 subdomain and a supported volumeMode. A null template part is
 * Go's zero struct, which fails the same way. Mirrors `ValidatePersistentVolumeClaimTemplate`,
 * `ValidateTemplateObjectMeta` and `ValidatePersistentVolumeClaimSpec` in pkg/apis/core/validation/validation.go
 * (the data sources and the selector are left to the schema).
 * @param path the JSON path of the template below the pod spec (`volumes[0].ephemeral.volumeClaimTemplate`)
 * @internal
 */
export function checkClaimTemplate(ctx: PodContext, template: unknown, path: string, name: string): void {
  const t = asObject(template);
  const meta = asObject(t.metadata);
  checkLabelsAndAnnotations(meta, `${path}.metadata`, ctx.add);
  for (const [key, value] of entriesOf(meta)) {
    if (!TEMPLATE_META_FIELDS.has(key) && !isZero(value)) {
      ctx.add('volume-sources', `${path}.metadata.${key}`, `volume '${name}': the claim template's metadata.${key} cannot be set (only labels and annotations)`);
    }
  }
  checkClaimSpec(ctx, asObject(t.spec), `${path}.spec`, name);
}

/** `ValidatePersistentVolumeClaimSpec`, the parts a claim template of a pod uses. */
function checkClaimSpec({ add }: PodContext, spec: { [key: string]: any }, path: string, name: string): void {
  const modes = asList(spec.accessModes);
  if (modes.length === 0) add('volume-sources', `${path}.accessModes`, `volume '${name}': the claim template needs at least 1 access mode (e.g. ReadWriteOnce)`);
  for (const mode of modes) {
    if (typeof mode === 'string' && !ACCESS_MODES.includes(mode)) {
      add('volume-sources', `${path}.accessModes`, `volume '${name}': access mode '${mode}' is not supported; supported values: ${ACCESS_MODES.join(', ')}`);
    }
  }
  if (modes.includes('ReadWriteOncePod') && modes.some(m => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m))) {
    add('volume-sources', `${path}.accessModes`, `volume '${name}': ReadWriteOncePod may not be used with other access modes`);
  }
  const requests = asObject(asObject(spec.resources).requests);
  const storage = requests.storage;
  if (!Object.prototype.hasOwnProperty.call(requests, 'storage')) {
    add('volume-sources', `${path}.resources.requests.storage`, `volume '${name}': the claim template needs resources.requests.storage (the size of the volume, e.g. 1Gi)`);
  } else if (typeof storage === 'string' || typeof storage === 'number') {
    const q = parseQuantity(storage);
    if (q === undefined) add('volume-sources', `${path}.resources.requests.storage`, `volume '${name}': storage request '${text(storage)}' is not a quantity (e.g. '1Gi')`);
    else if (q < 0) add('volume-sources', `${path}.resources.requests.storage`, `volume '${name}': storage request ${text(storage)} must be greater than or equal to 0`);
  }
  const className = spec.storageClassName;
  if (typeof className === 'string' && className !== '') {
    const p = checkDns1123Subdomain(className);
    if (p) add('volume-sources', `${path}.storageClassName`, `volume '${name}': storageClassName '${className}' ${p}`);
  }
  const mode = spec.volumeMode;
  if (typeof mode === 'string' && !VOLUME_MODES.includes(mode)) {
    add('volume-sources', `${path}.volumeMode`, `volume '${name}': volumeMode '${mode}' is not supported; supported values: ${VOLUME_MODES.join(', ')}`);
  }
}
