import type { ErrorObject } from 'ajv';
import { apiVersionSyntax, ApiVerdict, Deprecation, groupOf, KindCase, splitKey, Unserved } from './api-versions';
import { CrdOrigin, CustomKind, CustomSchemas } from './custom-schemas';
import { loadSchemaSet, SchemaSet } from './schema-set';
import { Manifest } from '../../../k8s/shape';
import { RuleContext } from '../../rule';

/**
 * What one run knows about each object's apiVersion and kind, decided once and shared by the schema rules: a
 * served built-in kind, a built-in group that does not serve it, a custom resource with a schema, a custom resource
 * whose CRD does not serve its version, or a kind nothing here knows.
 */
export type Resolution =
  | { readonly type: 'no-identity' }
  /** `kind: List` (or `DaemonSetList` ...) with items: what kubectl unwraps; not sent to the API as such, not judged. */
  | { readonly type: 'list' }
  | { readonly type: 'built-in'; readonly key: string; readonly kindCase?: KindCase; readonly deprecation?: Deprecation }
  | { readonly type: 'built-in-unserved'; readonly key: string; readonly kindCase?: KindCase; readonly why: Unserved }
  | { readonly type: 'custom'; readonly key: string; readonly kindCase?: KindCase; readonly custom?: CustomKind }
  | { readonly type: 'custom-unserved'; readonly key: string; readonly crdName: string; readonly origin: CrdOrigin; readonly versions: string[] }
  | { readonly type: 'malformed'; readonly apiVersion: string; readonly kind: string; readonly problem: string }
  | { readonly type: 'unknown'; readonly apiVersion: string; readonly kind: string };

/** A validation against a schema: its name for messages and the violations, or why it could not run. */
export type SchemaCheck =
  | { readonly schemaName: string; readonly errors?: ErrorObject[] }
  | { readonly schemaName: string; readonly failure: string };

const runs = new WeakMap<RuleContext, RunSchemas>();

/** The schemas of one validation run: the target minor's plus the run's CRDs. */
export class RunSchemas {
  /** The run's schemas, built once per rule context. */
  public static of(ctx: RuleContext): RunSchemas {
    let run = runs.get(ctx);
    if (!run) {
      run = new RunSchemas(ctx);
      runs.set(ctx, run);
    }
    return run;
  }

  public readonly set: SchemaSet;
  public readonly custom: CustomSchemas;
  /** Custom resources validated so far (schema/valid and schema/crd both ask); built-in kinds are asked once. */
  private readonly checked = new WeakMap<Manifest, SchemaCheck>();

  private constructor(ctx: RuleContext) {
    this.set = loadSchemaSet(ctx.kubernetesVersion);
    this.custom = CustomSchemas.of(this.set, ctx.customResourceDefinitions, ctx.objects);
  }

  /**
   * What the run knows about an object's apiVersion and kind (the schema rules resolve each object once per run and
   * share the answer; a verdict on an apiVersion and kind is remembered by the catalog).
   */
  public resolve(obj: Manifest): Resolution {
    return this.decide(obj);
  }

  /** Validates an object that has a schema (`built-in` or `custom`); a custom resource once per run. */
  public check(r: Resolution & { type: 'built-in' | 'custom' }, obj: Manifest): SchemaCheck {
    if (r.type === 'built-in') return this.validate(r, obj);
    let result = this.checked.get(obj);
    if (!result) {
      result = this.validate(r, obj);
      this.checked.set(obj, result);
    }
    return result;
  }

  private validate(r: Resolution & { type: 'built-in' | 'custom' }, obj: Manifest): SchemaCheck {
    if (r.type === 'built-in' || !r.custom) {
      const errors = this.set.validate(r.key, obj);
      // The name is only read to describe errors: not built for the (many) valid objects.
      return { schemaName: errors ? this.set.describe(r.key) : '', errors };
    }
    const schemaName = this.custom.describe(r.key);
    try {
      return { schemaName, errors: this.custom.validate(r.key, obj) };
    } catch (e) {
      // A user's schema ajv cannot compile (a keyword with a value of the wrong type, ...): schema/crd says so.
      return { schemaName, failure: e instanceof Error ? e.message : String(e) };
    }
  }

  private decide(obj: Manifest): Resolution {
    const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : undefined;
    const kind = typeof obj.kind === 'string' ? obj.kind : undefined;
    if (apiVersion === undefined || kind === undefined) return { type: 'no-identity' };
    if (kind.endsWith('List') && Array.isArray(obj.items)) return { type: 'list' };
    const verdict: ApiVerdict = this.set.catalog.judge(apiVersion, kind);
    if (verdict.status === 'served') return { type: 'built-in', key: verdict.key, kindCase: verdict.kindCase, deprecation: verdict.deprecation };
    if (verdict.status === 'unserved') return { type: 'built-in-unserved', key: verdict.key, kindCase: verdict.kindCase, why: verdict.why };
    return this.decideCustom(apiVersion, kind);
  }

  private decideCustom(apiVersion: string, kind: string): Resolution {
    const problem = apiVersionSyntax(apiVersion);
    if (problem) return { type: 'malformed', apiVersion, kind, problem };
    const key = `${apiVersion}/${kind}`;
    const custom = this.custom.kind(key);
    if (custom) return { type: 'custom', key, custom };
    if (this.set.has(key)) return { type: 'custom', key };
    // The API server matches kinds exactly; a known kind in another case is a typo.
    const lower = key.toLowerCase();
    const other = [...this.custom.keys(), ...this.set.kinds()].find(k => k.toLowerCase() === lower);
    if (other) {
      const kindCase = { given: kind, canonical: splitKey(other)[1] };
      return { type: 'custom', key: other, kindCase, custom: this.custom.kind(other) };
    }
    const crd = this.custom.crdOf(groupOf(apiVersion), kind);
    if (crd) return { type: 'custom-unserved', key, ...crd };
    return { type: 'unknown', apiVersion, kind };
  }
}
