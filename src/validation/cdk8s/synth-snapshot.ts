import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

const CURRENT = new WeakMap<IConstruct, SynthSnapshot>();

/**
 * Every object of an app rendered once, for the checks that run while the app synthesizes.
 * `AppValidation` (the root's validation, which cdk8s runs first in every validation pass) takes
 * a new snapshot at the start of each pass; the constructs' own validations of that pass read
 * it instead of rendering the app again and searching the tree each (which made synthesis
 * quadratic in the number of constructs).
 * @internal
 */
export class SynthSnapshot {
  /** Take a new snapshot of the app `scope` belongs to and make it the current one. */
  public static take(scope: IConstruct): SynthSnapshot {
    const root = scope.node.root;
    const snapshot = new SynthSnapshot(root);
    CURRENT.set(root, snapshot);
    // A synthesis runs synchronously: once it has returned, the tree may change again.
    queueMicrotask(() => {
      if (CURRENT.get(root) === snapshot) CURRENT.delete(root);
    });
    return snapshot;
  }

  /**
   * The current pass's snapshot, or a fresh one (not kept) when no pass is running, e.g. a
   * construct validated on its own with `node.validate()`.
   */
  public static of(scope: IConstruct): SynthSnapshot {
    return CURRENT.get(scope.node.root) ?? new SynthSnapshot(scope.node.root);
  }

  private static key(kind: string, namespace: string | undefined, name: string): string {
    return `${kind}/${namespace ?? 'default'}/${name}`;
  }

  /** Every construct of the app, in tree order. */
  public readonly constructs: IConstruct[];
  /** Every API object of the app, in tree order. */
  public readonly objects: ApiObject[];
  private readonly rendered = new Map<ApiObject, any>();
  private readonly byKey = new Map<string, ApiObject[]>();
  private readonly memos = new Map<string, unknown>();

  private constructor(root: IConstruct) {
    this.constructs = root.node.findAll();
    this.objects = this.constructs.filter((c): c is ApiObject => c instanceof ApiObject);
    for (const o of this.objects) {
      const key = SynthSnapshot.key(o.kind, o.metadata.namespace, o.name);
      const list = this.byKey.get(key);
      if (list) list.push(o);
      else this.byKey.set(key, [o]);
    }
  }

  /** The object's JSON, rendered once per snapshot. */
  public json(obj: ApiObject): any {
    let json = this.rendered.get(obj);
    if (json === undefined) {
      json = obj.toJson();
      this.rendered.set(obj, json);
    }
    return json;
  }

  /** The objects of a kind with that name, in a namespace (`default` when unset). */
  public find(kind: string, namespace: string | undefined, name: string): ApiObject[] {
    return this.byKey.get(SynthSnapshot.key(kind, namespace, name)) ?? [];
  }

  /** A value computed once per snapshot (an index several constructs share). */
  public memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

}
