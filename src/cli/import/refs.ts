import { call, Expr, lit, ref, Stmt } from './code';
import { RESERVED } from './quote';

/** Turns a Kubernetes name into a camelCase identifier: letters and digits only, starting with a letter. */
export function camel(name: string): string {
  const base = String(name).replace(/[^a-zA-Z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^[^a-zA-Z_]+/, '') || 'obj';
  return base.charAt(0).toLowerCase() + base.slice(1);
}

/**
 * A construct id for an object name. The `constructs` library keeps children in a plain object and
 * tests ids with `in`, so an id that names an `Object.prototype` member (`constructor`) is taken
 * before it is used: such a name gets a suffix (the object's own name is set by props, not the id).
 */
export function constructId(name: unknown): string {
  const id = String(name);
  return id in Object.prototype ? `${id}-object` : id;
}

/**
 * The program's names: unique identifiers, and references to objects by name
 * (`kplus.ConfigMap.fromConfigMapName(...)`), each declared once and shared by every DaemonSet.
 */
export class Names {
  private readonly used = new Set<string>(['app', 'chart', 'kplus']);
  private readonly stable = new Map<string, string>();
  private readonly refs = new Map<string, { name: string; stmt: Stmt }>();

  /** A fresh identifier derived from `name`. */
  public identifier(name: string): string {
    const base = camel(name);
    let id = base;
    for (let i = 2; this.used.has(id) || RESERVED.has(id); i++) id = `${base}${i}`;
    this.used.add(id);
    return id;
  }

  /** The identifier for `key`, the same on every call (builds run several times). */
  public variable(key: string, name: string): string {
    let id = this.stable.get(key);
    if (!id) {
      id = this.identifier(name);
      this.stable.set(key, id);
    }
    return id;
  }

  /** A constant referring to an existing object by name, declared on first use. */
  public reference(kind: 'ConfigMap' | 'Secret' | 'ServiceAccount' | 'PersistentVolumeClaim', name: string): Expr {
    const key = `${kind}/${name}`;
    let entry = this.refs.get(key);
    if (!entry) {
      const factory = {
        ConfigMap: 'kplus.ConfigMap.fromConfigMapName',
        Secret: 'kplus.Secret.fromSecretName',
        ServiceAccount: 'kplus.ServiceAccount.fromServiceAccountName',
        PersistentVolumeClaim: 'kplus.PersistentVolumeClaim.fromClaimName',
      }[kind];
      const id = this.identifier(`${name}-${kind === 'PersistentVolumeClaim' ? 'claim' : kind}`);
      entry = { name: id, stmt: { k: 'const', name: id, e: call(factory, ref('chart'), lit(`${kind}Ref-${name}`), lit(name)) } };
      this.refs.set(key, entry);
    }
    return ref(entry.name);
  }

  /** Declarations of the references the given statements use, in first-use order. */
  public declarationsFor(stmts: readonly Stmt[]): Stmt[] {
    const text = JSON.stringify(stmts);
    return [...this.refs.values()].filter(r => text.includes(`"k":"ref","name":${JSON.stringify(r.name)}}`)).map(r => r.stmt);
  }
}
