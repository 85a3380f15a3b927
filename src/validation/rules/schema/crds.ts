import { addTypeMeta, convertSchema, JsonSchema } from './convert';
import { asObject, isObject, objectItems, str } from '../../../k8s/shape';

/**
 * CustomResourceDefinition objects to schemas for their custom resources: each served version's
 * `openAPIV3Schema`, converted strict (unknown fields rejected except under `x-kubernetes-preserve-unknown-fields`),
 * with `apiVersion`, `kind` and `metadata` allowed at the root and `metadata` checked as ObjectMeta, as the API
 * server does whatever the CRD says (k8s.io/apiextensions-apiserver pkg/apiserver/customresource_handler.go builds
 * the validator from the version's schema; pkg/registry/customresource/validator.go checks the type and object meta).
 * Used for the CRDs shipped in `schemas/crds.json` and for those users give (`--crd`, the option, the input).
 */

/** The definition name of ObjectMeta, which every custom resource's `metadata` is checked against. */
export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

/** One version of a custom resource kind. */
export interface CrdVersion {
  /** `<group>/<version>/<kind>`. */
  readonly key: string;
  /** The version name (`v1`). */
  readonly version: string;
  /** Whether the API server serves it (`served: true`). */
  readonly served: boolean;
  /** The converted root schema; undefined when the version has none (the API server then takes any fields). */
  readonly schema?: JsonSchema;
}

/** What a CustomResourceDefinition object says about its kind, and what could not be read. */
export interface CrdReading {
  /** `metadata.name`, for messages. */
  readonly name: string;
  readonly group?: string;
  readonly kind?: string;
  readonly versions: CrdVersion[];
  /** Why some or all of it cannot be used; empty when all of it can. */
  readonly problems: string[];
}

/** Whether `obj` is a CustomResourceDefinition (any apiextensions.k8s.io version). */
export function isCrd(obj: unknown): boolean {
  const o = asObject(obj);
  return o.kind === 'CustomResourceDefinition' && typeof o.apiVersion === 'string' && o.apiVersion.startsWith('apiextensions.k8s.io/');
}

/**
 * Reads one CustomResourceDefinition (apiextensions.k8s.io/v1, or the v1beta1 shape with a top-level
 * `spec.validation`); never throws.
 * @param metadataRef the schema of a custom resource's `metadata`
 */
export function readCrd(obj: unknown, metadataRef: JsonSchema = { $ref: `#/definitions/${OBJECT_META}` }): CrdReading {
  const crd = asObject(obj);
  const spec = asObject(crd.spec);
  const name = str(asObject(crd.metadata).name) ?? '(unnamed)';
  const problems: string[] = [];
  const group = nonEmpty(spec.group);
  const kind = nonEmpty(asObject(spec.names).kind);
  if (!isCrd(obj)) {
    problems.push(`it is not a CustomResourceDefinition (apiVersion ${str(crd.apiVersion) ?? '(none)'}, kind ${str(crd.kind) ?? '(none)'})`);
    return { name, versions: [], problems };
  }
  if (!group) problems.push('spec.group is missing');
  if (!kind) problems.push('spec.names.kind is missing');
  if (problems.length > 0) return { name, group, kind, versions: [], problems };

  const listed = objectItems(spec.versions);
  // v1beta1: `spec.version` and one `spec.validation` for every version.
  const entries = listed.length > 0
    ? listed.map(({ item, index }) => ({ item, at: `spec.versions[${index}]`, schema: asObject(item.schema).openAPIV3Schema ?? asObject(spec.validation).openAPIV3Schema }))
    : (nonEmpty(spec.version) ? [{ item: { name: spec.version, served: true }, at: 'spec.version', schema: asObject(spec.validation).openAPIV3Schema }] : []);
  if (entries.length === 0) problems.push('spec.versions lists no version');
  const versions: CrdVersion[] = [];
  for (const { item, at, schema } of entries) {
    const version = nonEmpty(item.name);
    if (!version) {
      problems.push(`${at}.name is missing`);
      continue;
    }
    const key = `${group}/${version}/${kind}`;
    let root: JsonSchema | undefined;
    if (schema !== undefined) {
      if (isObject(schema)) {
        root = convertSchema(schema, { problem: m => problems.push(`version ${version}: ${m}`) }, '');
        addTypeMeta(root, metadataRef);
        if (root.type === undefined) root.type = 'object';
      } else {
        problems.push(`version ${version}: openAPIV3Schema is not an object; its custom resources are not checked`);
      }
    }
    versions.push({ key, version, served: item.served !== false, schema: root });
  }
  return { name, group, kind, versions, problems };
}

function nonEmpty(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}
