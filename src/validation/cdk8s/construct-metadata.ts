import { ApiObject } from 'cdk8s';
import { objectLabel } from './finding-line';
import { isNamespaced } from '../../k8s/identity';
import { kindOf, nameOf, namespaceFieldOf } from '../../k8s/shape';

/*
 * The construct metadata cdk8s writes for validation plugins, and how the plugin finds an object's construct path in it.
 *
 * What cdk8s does (cdk8s 2.70, lib/app.js; cdk8s-cli 2.207, lib/cli/cmds/synth.js, lib/util.js, lib/plugins/validation.js):
 * - `cdk8s synth` with a `validations:` entry runs the app with `CDK8S_RECORD_CONSTRUCT_METADATA=true`
 *   (`recordConstructMetadata` is true when the config lists validations, unless `--no-validate`).
 * - `App` (prop `recordConstructMetadata`, default from that variable) then writes `<outdir>/construct-metadata.json`,
 *   `{ "version": "1.0.0", "resources": { "<metadata.name>": { "path": "<construct path>" } } }`, after the manifests:
 *   one entry per object **name**, written in the order of the output (charts in order, each chart's objects in
 *   dependency order), so of several objects sharing a name (a preset's DaemonSet, Service and ServiceAccount) only
 *   the last one's path is kept.
 * - The CLI reads that file (`ValidationPlugin.loadConstructMetadata`, version 1.0.0 only) into
 *   `ValidationContext.metadata`, the very object its `ValidationReport` holds, and `report.addViolation` sets each
 *   resource's `constructPath` to `metadata[resource.resourceName]?.path`, overwriting any path the plugin gave; the
 *   report prints `Construct Path: N/A` when that lookup finds nothing.
 *
 * `DaemonSetsApp` writes the same file with one more entry per object, keyed `Kind namespace/name` (the plugin's
 * resource name), so every object's path is exact there even when names are shared.
 */

/** The file cdk8s writes in the output directory when it records construct metadata. @internal */
export const CONSTRUCT_METADATA_FILE = 'construct-metadata.json';

/** One entry of the construct metadata, as cdk8s-cli loads it. */
export interface ResourceConstructMetadata {
  /** The construct path of the object. */
  readonly path: string;
}

/** An object read from a synthesized manifest, with where it was read. @internal */
export interface ManifestEntry {
  /** The object. */
  readonly object: any;
  /** The manifest file. */
  readonly file: string;
  /** Its position in that file (0-based, documents that are objects only). */
  readonly index: number;
}

/** `Kind namespace/name` of a manifest object, with the namespace a namespaced object lands in (`default`). @internal */
export function manifestObjectLabel(object: unknown): string | undefined {
  const kind = kindOf(object);
  const name = nameOf(object);
  if (kind === undefined || name === undefined) return undefined;
  return objectLabel(kind, isNamespaced(kind) ? namespaceFieldOf(object) ?? 'default' : undefined, name);
}

/**
 * The `resources` of `construct-metadata.json` for these objects: cdk8s's entries (by name, the last object of a
 * name wins, as `App.writeConstructMetadata` does), then one exact entry per object by `Kind namespace/name`.
 * @internal
 */
export function constructMetadataResources(objects: ApiObject[]): { [key: string]: ResourceConstructMetadata } {
  const resources: { [key: string]: ResourceConstructMetadata } = {};
  for (const o of objects) resources[o.name] = { path: o.node.path };
  for (const o of objects) {
    const label = objectLabel(o.kind, isNamespaced(o.kind) ? o.metadata.namespace ?? 'default' : undefined, o.name);
    resources[label] = { path: o.node.path };
  }
  return resources;
}

/**
 * Construct paths of the objects of synthesized manifests, from the construct metadata: the exact entry when the
 * metadata has one (`DaemonSetsApp`), else the entry of the object's name when it is that name's object. A name held
 * by several objects belongs to the last of them cdk8s wrote: known when they all sit in one manifest file (the last
 * there); otherwise no object of that name gets a path (the report says `N/A` rather than a wrong path).
 * @internal
 */
export class ConstructPaths {
  private readonly holders = new Map<string, ManifestEntry[]>();

  constructor(private readonly metadata: { readonly [key: string]: ResourceConstructMetadata | undefined }, entries: ManifestEntry[]) {
    for (const e of entries) {
      const name = nameOf(e.object);
      if (name === undefined) continue;
      const list = this.holders.get(name);
      if (list) list.push(e);
      else this.holders.set(name, [e]);
    }
  }

  /** The construct path of the object read as `entry`, when the metadata tells it. */
  public of(entry: ManifestEntry): string | undefined {
    const label = manifestObjectLabel(entry.object);
    const exact = label === undefined ? undefined : this.pathAt(label);
    if (exact !== undefined) return exact;
    const name = nameOf(entry.object);
    const recorded = name === undefined ? undefined : this.pathAt(name);
    if (name === undefined || recorded === undefined) return undefined;
    const holders = this.holders.get(name) ?? [];
    if (holders.length === 1) return holders[0] === entry ? recorded : undefined;
    if (holders.some(h => h.file !== entry.file)) return undefined;
    const last = holders.reduce((a, b) => (b.index > a.index ? b : a));
    return last === entry ? recorded : undefined;
  }

  private pathAt(key: string): string | undefined {
    // An own entry only: a name such as `constructor` must not find Object.prototype's.
    if (!Object.prototype.hasOwnProperty.call(this.metadata, key)) return undefined;
    const path = this.metadata[key]?.path;
    return typeof path === 'string' && path !== '' ? path : undefined;
  }
}
