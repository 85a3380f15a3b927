/**
 * The API server's checks of object metadata, for every kind: name or generateName, the kind's name rule, namespace,
 * labels, annotations, finalizers, owner references, generation. Mirrors `ValidateObjectMetaAccessor` and
 * `validateObjectMetaAccessorWithOptsCommon` in k8s.io/apimachinery `pkg/api/validation/objectmeta.go`, as each kind's
 * `Validate<Kind>` calls it, and `rest.ValidateCreate` (k8s.io/apiserver `pkg/registry/rest/create.go`).
 */
import { Add, collector, SemanticProblem } from './checks';
import { isNamespaced } from '../../../k8s/identity';
import { checkLabels } from '../../../k8s/label-selector';
import { checkName, generatedName, KindNameRule, kindNameRule, NameRule } from '../../../k8s/object-names';
import { asList, entriesOf, isObject, structItems, text } from '../../../k8s/shape';
import { checkDns1123Label, checkQualifiedName } from '../../../k8s/syntax';

type Json = { [key: string]: any };

/** Options of the metadata checks. */
export interface MetadataOptions {
  /** Kubernetes minor version the object targets, e.g. `1.37` (default: the newest known). */
  readonly kubernetesVersion?: string;
}

/** `TotalAnnotationSizeLimitB` in objectmeta.go: the keys and values of an object's annotations, in bytes. */
export const ANNOTATIONS_SIZE_LIMIT = 256 * 1024;

/** Finalizers without a domain prefix the API server knows (`standardFinalizers` in pkg/apis/core/helper/helpers.go). */
export const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

const RULE_NAMES: { readonly [rule in NameRule]: string } = {
  'dns-subdomain': 'a DNS-1123 subdomain',
  'dns-label': 'a DNS-1123 label',
  'dns-1035-label': 'a DNS-1035 label',
  'path-segment': 'a URL path segment',
};

const missing = (v: unknown) => v === undefined || v === null || v === '';

/**
 * The API server's checks of an object's `metadata` (any kind; `kind: List` and objects without a string kind are
 * skipped). A metadata, name or field of the wrong type is the schema rule's to report, and skipped here.
 */
export function checkObjectMeta(obj: Json, options: MetadataOptions = {}): SemanticProblem[] {
  const { problems, add } = collector();
  if (!isObject(obj) || typeof obj.kind !== 'string' || obj.kind === 'List') return problems;
  const meta = obj.metadata;
  if (meta != null && !isObject(meta)) return problems;
  const m: Json = meta ?? {};
  const rule = kindNameRule(obj.kind, options.kubernetesVersion);
  checkNames(obj.kind, m, rule, add);
  if (isNamespaced(obj.kind) && typeof m.namespace === 'string' && m.namespace !== '') {
    // mirrors ValidateNamespaceName (NameIsDNSLabel); a namespace that cannot exist is also refused as "not found".
    const p = checkDns1123Label(m.namespace);
    if (p) add('namespace-name', 'metadata.namespace', `namespace '${m.namespace}' ${p}; a namespace name is a DNS-1123 label`);
  }
  if (typeof m.generation === 'number' && m.generation < 0) {
    add('non-negative', 'metadata.generation', `metadata.generation is ${m.generation}; it must be greater than or equal to 0`);
  }
  checkLabelsAndAnnotations(m, 'metadata', add);
  checkFinalizers(m.finalizers, rule, add);
  checkOwnerReferences(m.ownerReferences, add);
  return problems;
}

/** `metadata.name` or `generateName`: one of them is required, and each follows the kind's rule. */
function checkNames(kind: string, meta: Json, rule: KindNameRule, add: Add): void {
  const { name, generateName } = meta;
  const ruleName = RULE_NAMES[rule.rule];
  if (missing(name) && missing(generateName) && !rule.namedByServer) {
    add('metadata-name', 'metadata.name', `the ${kind} has no metadata.name (nor generateName), so the API server rejects it: `
      + '"metadata.name: Required value: name or generateName is required"; set metadata.name');
  }
  if (typeof generateName === 'string' && generateName !== '') {
    const p = checkName(generateName, rule.rule, true);
    if (p) {
      add('dns-name', 'metadata.generateName', `generateName '${generateName}' ${p}; a ${kind}'s name must be ${ruleName}`);
    } else if (missing(name)) {
      // The API server validates the name it generates (the first 58 characters and 5 random ones) with the same rule.
      const generated = generatedName(generateName);
      const g = checkName(generated, rule.rule) ?? tooLong(generated, rule);
      if (g) add('dns-name', 'metadata.generateName', `the name generated from generateName '${generateName}' (e.g. '${generated}') ${g}; a ${kind}'s name must be ${ruleName}`);
    }
  }
  if (typeof name === 'string' && name !== '') {
    const p = checkName(name, rule.rule) ?? tooLong(name, rule);
    if (p) add('dns-name', 'metadata.name', `name '${name}' ${p}; a ${kind}'s name must be ${ruleName}`);
  }
}

function tooLong(name: string, rule: KindNameRule): string | undefined {
  return rule.maxLength !== undefined && name.length > rule.maxLength
    ? `is ${name.length} characters long; it must be no more than ${rule.maxLength} characters` : undefined;
}

/**
 * Labels (keys and values) and annotations (keys, case-insensitive; total size) of an object's or a pod template's
 * metadata at `path`. Mirrors `ValidateLabels` (pkg/apis/meta/v1/validation) and `ValidateAnnotations` (objectmeta.go).
 */
export function checkLabelsAndAnnotations(meta: Json, path: string, add: Add): void {
  for (const p of checkLabels(meta.labels, `${path}.labels`)) add('metadata-syntax', p.path, p.message);
  let size = 0;
  for (const [k, v] of entriesOf(meta.annotations)) {
    // The rule is QualifiedName except that case does not matter.
    const p = checkQualifiedName(k.toLowerCase());
    if (p) add('metadata-syntax', `${path}.annotations`, `annotation key '${k}' ${p}`);
    size += Buffer.byteLength(k, 'utf8') + (typeof v === 'string' ? Buffer.byteLength(v, 'utf8') : 0);
  }
  if (size > ANNOTATIONS_SIZE_LIMIT) {
    add('annotations-size', `${path}.annotations`, `the annotations take ${size} bytes (keys and values); they may not be more than ${ANNOTATIONS_SIZE_LIMIT} bytes (256 KiB) in total`);
  }
}

/** Mirrors `ValidateFinalizers` (objectmeta.go) and `validateKubeFinalizerName` (pkg/apis/core/validation). */
function checkFinalizers(finalizers: unknown, rule: KindNameRule, add: Add): void {
  const list = asList(finalizers);
  list.forEach((f, i) => {
    if (typeof f !== 'string') return;
    const p = checkQualifiedName(f);
    if (p) {
      add('finalizers', `metadata.finalizers[${i}]`, `finalizer '${f}' ${p}; a finalizer is a qualified name, e.g. 'example.com/cleanup'`);
    } else if (rule.standardFinalizers && !f.includes('/') && !STANDARD_FINALIZERS.has(f)) {
      add('finalizers', `metadata.finalizers[${i}]`, `finalizer '${f}' is neither a standard finalizer name (${[...STANDARD_FINALIZERS].join(', ')}) nor fully qualified; prefix it with a domain, e.g. 'example.com/${f}'`);
    }
  });
  if (list.includes('orphan') && list.includes('foregroundDeletion')) {
    add('finalizers', 'metadata.finalizers', 'finalizers orphan and foregroundDeletion cannot be both set');
  }
}

/** Whether an apiVersion parses as `<group>/<version>` or `<version>` with a non-empty version (`schema.ParseGroupVersion`). */
function parseApiVersion(apiVersion: string): { group: string; version: string } | undefined {
  const parts = apiVersion.split('/');
  if (parts.length > 2) return undefined;
  const [group, version] = parts.length === 2 ? parts : ['', parts[0]];
  return version === '' ? undefined : { group, version };
}

/** Mirrors `ValidateOwnerReferences` and `validateOwnerReference` (objectmeta.go). */
function checkOwnerReferences(refs: unknown, add: Add): void {
  let controller: string | undefined;
  for (const { item: ref, index } of structItems(refs)) {
    const at = `metadata.ownerReferences[${index}]`;
    for (const field of ['apiVersion', 'kind', 'name', 'uid']) {
      if (missing(ref[field])) add('owner-references', `${at}.${field}`, `ownerReference ${field} must not be empty`);
    }
    const gv = typeof ref.apiVersion === 'string' && ref.apiVersion !== '' ? parseApiVersion(ref.apiVersion) : undefined;
    if (typeof ref.apiVersion === 'string' && ref.apiVersion !== '' && gv === undefined) {
      add('owner-references', `${at}.apiVersion`, `ownerReference apiVersion '${ref.apiVersion}' must be <group>/<version> or <version>`);
    }
    // BannedOwners: core v1 Events may not own objects.
    if (gv?.group === '' && gv.version === 'v1' && ref.kind === 'Event') {
      add('owner-references', at, 'an Event (v1) is disallowed from being an owner');
    }
    if (ref.controller === true) {
      const current = `${text(ref.kind)}/${text(ref.name)}`;
      if (controller !== undefined) {
        add('owner-references', 'metadata.ownerReferences', `only one reference can have controller set to true; found true in the references for ${controller} and ${current}`);
      } else {
        controller = current;
      }
    }
  }
}
