/**
 * A tiny expression tree for the code `import` prints. The same tree is printed as TypeScript
 * and interpreted in-process, so what `import` checks against the input manifest is exactly
 * what it prints (no eval, no TypeScript compiler at run time).
 */
export type Expr =
  | { readonly k: 'lit'; readonly v: unknown }
  | { readonly k: 'obj'; readonly props: ReadonlyArray<readonly [string, Expr]> }
  | { readonly k: 'arr'; readonly items: readonly Expr[] }
  | { readonly k: 'ref'; readonly name: string }
  | { readonly k: 'call'; readonly fn: string | Expr; readonly member?: string; readonly args: readonly Expr[] }
  | { readonly k: 'new'; readonly cls: string; readonly args: readonly Expr[] }
  | { readonly k: 'cast'; readonly e: Expr; readonly type: string }
  | { readonly k: 'nonNull'; readonly e: Expr; readonly member: string };

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

/** An object literal; undefined values are left out. */
export function obj(props: { [key: string]: Expr | undefined } | ReadonlyArray<readonly [string, Expr | undefined]>): Expr {
  const entries = Array.isArray(props) ? props : Object.entries(props);
  return { k: 'obj', props: entries.filter((e): e is [string, Expr] => e[1] !== undefined) };
}

const MAX_WIDTH = 110;

/** A string literal in the project's style: single quotes unless that needs escapes. */
export function quote(s: string): string {
  const json = JSON.stringify(s);
  if (!s.includes("'")) return `'${json.slice(1, -1).replace(/\\"/g, '"')}'`;
  return json;
}

function key(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : quote(k);
}

function fromLiteral(v: unknown): Expr {
  if (Array.isArray(v)) return arr(v.map(fromLiteral));
  if (v !== null && typeof v === 'object') return obj(Object.entries(v).map(([k, x]) => [k, fromLiteral(x)] as const));
  return { k: 'lit', v };
}

/**
 * Prints an expression at the given indentation; `lead` is how many characters precede it on its
 * first line (after the indentation).
 */
export function print(e: Expr, indent = '', lead = 0): string {
  switch (e.k) {
    case 'lit':
      if (e.v === undefined) return 'undefined';
      if (typeof e.v === 'string') return quote(e.v);
      if (e.v !== null && typeof e.v === 'object') return print(fromLiteral(e.v), indent, lead);
      return JSON.stringify(e.v);
    case 'ref':
      return e.name;
    case 'cast':
      return `${print(e.e, indent, lead)} as ${e.type}`;
    case 'nonNull':
      return `${print(e.e, indent, lead)}.${e.member}!`;
    case 'obj': {
      // Quote every key of an object when one needs quotes (the project's quote-props rule).
      const quoted = e.props.some(([k]) => key(k) !== k);
      return list('{', '}', e.props.map(([k, v]) => [`${quoted ? quote(k) : k}: `, v] as const), indent, ' ', lead);
    }
    case 'arr':
      return list('[', ']', e.items.map(v => ['', v] as const), indent, '', lead);
    case 'new': {
      const head = `new ${e.cls}`;
      return `${head}${list('(', ')', e.args.map(v => ['', v] as const), indent, '', lead + head.length, true)}`;
    }
    case 'call': {
      const target = typeof e.fn === 'string' ? e.fn : print(e.fn, indent, lead);
      const head = typeof e.fn === 'string' ? e.fn : `${target}${e.member ? `.${e.member}` : ''}`;
      const lastLine = head.split('\n').pop()!;
      const used = head.includes('\n') ? lastLine.length - indent.length : lead + head.length;
      return `${head}${list('(', ')', e.args.map(v => ['', v] as const), indent, '', used, true)}`;
    }
  }
}

/**
 * Prints a bracketed list on one line when it fits and holds nothing multi-line, otherwise one
 * item per line with trailing commas. Argument lists hug their last object or array argument.
 */
function list(
  open: string, close: string, items: ReadonlyArray<readonly [string, Expr]>, indent: string, pad: string, lead: number, args = false,
): string {
  if (items.length === 0) return `${open}${close}`;
  const inline = items.map(([p, v]) => `${p}${print(v, indent)}`);
  const oneLine = `${open}${pad}${inline.join(', ')}${pad}${close}`;
  // Room for what follows on the line: `;`, `,` or `)`.
  if (!oneLine.includes('\n') && indent.length + lead + oneLine.length + 2 <= MAX_WIDTH) return oneLine;
  if (args) {
    // f(a, b, { ... }): keep the leading arguments inline and break inside the last one.
    const last = items[items.length - 1][1];
    const leading = inline.slice(0, -1);
    const head = `${open}${leading.map(s => `${s}, `).join('')}`;
    const hugged = print(last, indent, lead + head.length);
    if (!leading.some(s => s.includes('\n')) && indent.length + lead + head.length <= MAX_WIDTH * 0.7 && hugged.includes('\n')) {
      return `${head}${hugged}${close}`;
    }
  }
  const inner = `${indent}  `;
  return `${open}\n${items.map(([p, v]) => `${inner}${p}${print(v, inner, p.length)},`).join('\n')}\n${indent}${close}`;
}

/** Prints statements, one per line (or block). */
export function printStatements(stmts: readonly Stmt[]): string[] {
  return stmts.map(s => {
    if (s.k === 'comment') return s.text.split('\n').map(l => `// ${l}`).join('\n');
    if (s.k === 'const') return `const ${s.name} = ${print(s.e, '', `const ${s.name} = `.length)};`;
    return `${print(s.e)};`;
  });
}

/** Names the interpreter resolves (`kplus`, `ApiObject`, `chart`, declared constants, ...). */
export type Scope = Map<string, any>;

function resolvePath(path: string, scope: Scope): { value: any; self: any } {
  const [head, ...rest] = path.split('.');
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
      return evaluate(e.e, scope)[e.member];
    case 'obj': {
      const out: any = {};
      for (const [k, v] of e.props) out[k] = evaluate(v, scope);
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
      return target[e.member!](...args);
    }
  }
}

/** Runs statements, declaring constants in the scope. */
export function run(stmts: readonly Stmt[], scope: Scope): void {
  for (const s of stmts) {
    if (s.k === 'const') scope.set(s.name, evaluate(s.e, scope));
    else if (s.k === 'expr') evaluate(s.e, scope);
  }
}
