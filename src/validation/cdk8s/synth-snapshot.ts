import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { jsonEqual } from './json-equal';
import { withRuntimePredictionsRemembered } from '../rules/runtime';

/** The snapshot of the validation pass running now, per app root (cleared once the synthesis has returned). */
const CURRENT = new WeakMap<IConstruct, SynthSnapshot>();
/** The last snapshot taken of each app root, kept across syntheses so an unchanged object keeps its JSON. */
const LAST = new WeakMap<IConstruct, SynthSnapshot>();
/** Per app root in a synthesis session: the snapshot every validation pass of the session shares. */
const SESSIONS = new WeakMap<IConstruct, { snapshot?: SynthSnapshot }>();
/** Per app root: the preparations to run on every new snapshot, by key. */
const PREPARATIONS = new WeakMap<IConstruct, Map<string, (snapshot: SynthSnapshot) => void>>();
/** Objects whose output rendering may be the session's snapshot (registered by their constructs). */
const REUSABLE = new WeakSet<ApiObject>();
/** Objects whose `toJson` already answers from the session's snapshot. */
const ANSWERING = new WeakSet<ApiObject>();
/**
 * The JSON objects snapshots rendered. Nothing changes one of them (a changed object is rendered into a new one), so
 * what is computed from one holds for as long as it lives (the runtime predictions of a session).
 */
const RENDERED = new WeakSet<object>();

/**
 * Every object of an app rendered once per validation pass, for the checks that run while the app synthesizes.
 * `AppValidation` (the root's validation, which cdk8s runs first in every validation pass) takes a new snapshot at
 * the start of each pass; the constructs' own validations of that pass read it instead of rendering the app again
 * and searching the tree each (which made synthesis quadratic in the number of constructs).
 *
 * cdk8s validates the whole app more than once per synthesis (`synthYaml()`: once, then once more per chart). An
 * object whose rendering is equal (`jsonEqual`) to the previous snapshot's keeps the previous JSON object, so
 * callers can tell "nothing changed" by identity and reuse what they computed from it (`AppValidation` reuses its
 * report, a `DaemonSet` its own findings). Equality is checked on every pass, so changes made between two
 * syntheses are always seen.
 * @internal
 */
export class SynthSnapshot {
  /** Take a new snapshot of the app `scope` belongs to, make it the current one and run the preparations. */
  public static take(scope: IConstruct): SynthSnapshot {
    const root = scope.node.root;
    const session = SESSIONS.get(root);
    if (session?.snapshot) return session.snapshot;
    const snapshot = SynthSnapshot.takeNew(root);
    if (session) {
      session.snapshot = snapshot;
      for (const o of snapshot.objects) if (REUSABLE.has(o)) SynthSnapshot.answerFromSession(o, root);
    }
    return snapshot;
  }

  /**
   * Lets `obj`'s rendering for the output of a synthesis session be the one its validation pass made: cdk8s renders
   * every object again after validating (`chart.toJson()`), which for a `DaemonSet` is most of a synthesis.
   * Within a session only (nothing changes the tree inside one); outside one, and for an object the session has not
   * rendered yet, `toJson` renders as before.
   */
  public static reuseInSession(obj: ApiObject): void {
    REUSABLE.add(obj);
  }


  /**
   * Run one synthesis as a session: every validation pass inside `synthesize` shares the first pass's snapshot
   * (no object is rendered twice), which the caller may then use as the output. Only for code that, like
   * `DaemonSetsApp`, knows that nothing changes the tree between the passes.
   */
  public static session<T>(scope: IConstruct, synthesize: () => T): T {
    const root = scope.node.root;
    if (SESSIONS.has(root)) return synthesize();
    SESSIONS.set(root, {});
    try {
      // The objects a snapshot rendered never change (a changed object is rendered anew): the app's validation and
      // each DaemonSet's own check share one runtime prediction per rendered object.
      return withRuntimePredictionsRemembered(o => RENDERED.has(o), synthesize);
    } finally {
      SESSIONS.delete(root);
    }
  }

  /**
   * The current pass's snapshot, or a fresh one (not kept) when no pass is running, e.g. a
   * construct validated on its own with `node.validate()`.
   */
  public static of(scope: IConstruct): SynthSnapshot {
    return CURRENT.get(scope.node.root) ?? new SynthSnapshot(scope.node.root, undefined);
  }

  /**
   * Register a preparation that runs on every new snapshot of the app, before anything is validated: the place for
   * changes the final tree decides (config checksum annotations), so that a pass validates what is synthesized.
   * A preparation that changes an object calls `forget(object)`. Registering the same key again replaces it.
   */
  public static prepare(scope: IConstruct, key: string, prepare: (snapshot: SynthSnapshot) => void): void {
    const root = scope.node.root;
    let preparations = PREPARATIONS.get(root);
    if (!preparations) PREPARATIONS.set(root, preparations = new Map());
    preparations.set(key, prepare);
  }

  /**
   * Wraps the object's current `toJson` (outermost, so every field its constructs add is in the rendering) to answer
   * with the session snapshot's JSON when that snapshot has rendered it. Installed once, at the first session.
   */
  private static answerFromSession(obj: ApiObject, root: IConstruct): void {
    if (ANSWERING.has(obj)) return;
    ANSWERING.add(obj);
    const render = obj.toJson;
    obj.toJson = () => SESSIONS.get(root)?.snapshot?.rendered.get(obj) ?? render.call(obj);
  }

  private static takeNew(root: IConstruct): SynthSnapshot {
    const previous = LAST.get(root);
    // Only the snapshot just before is compared with: drop its own predecessor, so snapshots never form a chain.
    previous?.forgetPrevious();
    const snapshot = new SynthSnapshot(root, previous);
    CURRENT.set(root, snapshot);
    LAST.set(root, snapshot);
    // A synthesis runs synchronously: once it has returned, the tree may change again.
    queueMicrotask(() => {
      if (CURRENT.get(root) === snapshot) CURRENT.delete(root);
    });
    for (const prepare of PREPARATIONS.get(root)?.values() ?? []) prepare(snapshot);
    return snapshot;
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

  private constructor(root: IConstruct, private previous: SynthSnapshot | undefined) {
    this.constructs = root.node.findAll();
    this.objects = this.constructs.filter((c): c is ApiObject => c instanceof ApiObject);
    for (const o of this.objects) {
      const key = SynthSnapshot.key(o.kind, o.metadata.namespace, o.name);
      const list = this.byKey.get(key);
      if (list) list.push(o);
      else this.byKey.set(key, [o]);
    }
  }

  /**
   * The object's JSON, rendered once per snapshot; the previous snapshot's JSON object itself when the rendering
   * is equal to it.
   */
  public json(obj: ApiObject): any {
    let json = this.rendered.get(obj);
    if (json === undefined) {
      json = obj.toJson();
      const before = this.previous?.rendered.get(obj);
      if (before !== undefined && jsonEqual(before, json)) json = before;
      this.rendered.set(obj, json);
      if (typeof json === 'object' && json !== null) RENDERED.add(json);
    }
    return json;
  }

  private forgetPrevious(): void {
    this.previous = undefined;
  }

  /** Drop the object's JSON: it changed after it was rendered (the next `json()` renders it again). */
  public forget(obj: ApiObject): void {
    this.rendered.delete(obj);
  }

  /**
   * Whether nothing changed since `earlier`: it is the snapshot taken just before this one, both hold the same
   * objects in the same order, and every object's JSON is the one `earlier` rendered (call it once every object was
   * rendered, as `AppValidation` does first in a pass). What was computed from `earlier` then holds for this one.
   */
  public unchangedSince(earlier: SynthSnapshot | undefined): boolean {
    if (earlier === this) return true;
    if (earlier === undefined || earlier !== this.previous) return false;
    return this.memo('unchanged-since-previous', () => earlier.objects.length === this.objects.length && this.objects.every((o, i) =>
      earlier.objects[i] === o && this.rendered.has(o) && earlier.rendered.get(o) === this.rendered.get(o)));
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
