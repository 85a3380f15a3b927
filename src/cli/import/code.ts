/**
 * A tiny expression tree for the code `import` prints. The same tree is printed as TypeScript
 * (`print.ts`) and interpreted in-process (here), so what `import` checks against the input
 * manifest is exactly what it prints (no eval, no TypeScript compiler at run time). Strings from
 * the input only ever sit in `lit` nodes and comment text, which the printer escapes; names
 * (`ref`, `call`, `new`, `cast`, members, constants) are checked identifier paths.
 */
import { checkCodeName } from './quote';

export type Expr =
  | { readonly k: 'lit'; readonly v: unknown }
  | { readonly k: 'obj'; readonly props: ReadonlyArray<readonly [string, Expr]> }
  | { readonly k: 'arr'; readonly items: readonly Expr[] }
  | { readonly k: 'ref'; readonly name: string }
  | { readonly k: 'call'; readonly fn: string | Expr; readonly member?: string; readonly args: readonly Expr[] }
  | { readonly k: 'new'; readonly cls: string; readonly args: readonly Expr[] }
  | { readonly k: 'cast'; readonly e: Expr; readonly type: string }
  | { readonly k: 'nonNull'; readonly e: Expr; readonly member: string }
  | { readonly k: 'index'; readonly e: Expr; readonly i: number };

/** A statement: `const name = e;`, `e;` or a `// comment`. */
export type Stmt =
  | { readonly k: 'const'; readonly name: string; readonly e: Expr }
  | { readonly k: 'expr'; readonly e: Expr }
  | { readonly k: 'comment'; readonly text: string };

export const lit = (v: unknown): Expr => ({ k: 'lit', v });
export const ref = (name: string): Expr => ({ k: 'ref', name });
export const arr = (items: readonly Expr[]): Expr => ({ k: 'arr', items });
export const call = (fn: string, ...args: Expr[]): Expr => ({ k: 'call', fn, args });
/** `target.member(args)` where target is an expression. */
export const method = (target: Expr, member: string, ...args: Expr[]): Expr => ({ k: 'call', fn: target, member, args });
export const newObj = (cls: string, ...args: Expr[]): Expr => ({ k: 'new', cls, args });
export const cast = (e: Expr, type: string): Expr => ({ k: 'cast', e, type });
/** `target.member!` */
export const nonNull = (e: Expr, member: string): Expr => ({ k: 'nonNull', e, member });

/** `target[i]` for an array index. */
export const index = (e: Expr, i: number): Expr => ({ k: 'index', e, i });

/** An object literal; undefined values are left out. */
export function obj(props: { [key: string]: Expr | undefined } | ReadonlyArray<readonly [string, Expr | undefined]>): Expr {
  const entries = Array.isArray(props) ? props : Object.entries(props);
  return { k: 'obj', props: entries.filter((e): e is [string, Expr] => e[1] !== undefined) };
}

/** An array index the printer writes as code: a non-negative integer, never input text. */
export function checkIndex(i: number): number {
  if (!Number.isSafeInteger(i) || i < 0) throw new Error(`import: internal error: refusing to print ${JSON.stringify(i)} as an index`);
  return i;
}

/** Names the interpreter resolves (`kplus`, `ApiObject`, `chart`, declared constants, ...). */
export type Scope = Map<string, any>;

function resolvePath(path: string, scope: Scope): { value: any; self: any } {
  const [head, ...rest] = path.split('.');
  checkCodeName(path);
  if (!scope.has(head)) throw new Error(`import: unknown name '${head}' in generated code`);
  let self: any = undefined;
  let value = scope.get(head);
  for (const part of rest) {
    self = value;
    value = value[part];
  }
  return { value, self };
}

/** Evaluates an expression as the printed code would. */
export function evaluate(e: Expr, scope: Scope): any {
  switch (e.k) {
    case 'lit':
      return e.v === undefined ? undefined : JSON.parse(JSON.stringify(e.v));
    case 'ref':
      return resolvePath(e.name, scope).value;
    case 'cast':
      return evaluate(e.e, scope);
    case 'nonNull':
      return evaluate(e.e, scope)[checkCodeName(e.member)];
    case 'index':
      return evaluate(e.e, scope)[checkIndex(e.i)];
    case 'obj': {
      const out: any = {};
      // Defined, not assigned: a `__proto__` key stays a key, as in the printed (computed-key) literal.
      for (const [k, v] of e.props) {
        Object.defineProperty(out, k, { value: evaluate(v, scope), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    case 'arr':
      return e.items.map(v => evaluate(v, scope));
    case 'new': {
      const Cls = resolvePath(e.cls, scope).value;
      return new Cls(...e.args.map(a => evaluate(a, scope)));
    }
    case 'call': {
      const args = e.args.map(a => evaluate(a, scope));
      if (typeof e.fn === 'string') {
        const { value, self } = resolvePath(e.fn, scope);
        return value.apply(self, args);
      }
      const target = evaluate(e.fn, scope);
      return target[checkCodeName(e.member!)](...args);
    }
  }
}

/** Runs statements, declaring constants in the scope. */
export function run(stmts: readonly Stmt[], scope: Scope): void {
  for (const s of stmts) {
    if (s.k === 'const') scope.set(checkCodeName(s.name), evaluate(s.e, scope));
    else if (s.k === 'expr') evaluate(s.e, scope);
  }
}
